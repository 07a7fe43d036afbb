//! Org-wide rollout: an IT admin presets the backend URL through Chrome enterprise policy; the
//! extension uses it and shows it locked. The test writes a real policy file into Chromium's
//! managed-policy folder and removes it afterwards.

use e2e::{Browser, Stack};
use serde_json::json;

const POLICY_DIR: &str = "/etc/chromium/policies/managed";

/// The policy file, removed when the test ends (also on panic).
struct Policy(std::path::PathBuf);

impl Policy {
    fn write(value: &serde_json::Value) -> Self {
        std::fs::create_dir_all(POLICY_DIR).expect("policy folder (the suite runs as root)");
        let path = std::path::Path::new(POLICY_DIR).join("provenbase-lever-test.json");
        std::fs::write(&path, value.to_string()).expect("policy written");
        Self(path)
    }
}

impl Drop for Policy {
    fn drop(&mut self) {
        std::fs::remove_file(&self.0).ok();
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_backend_url_set_by_policy_is_used_and_shown_locked() {
    let stack = Stack::start().await;
    let _policy = Policy::write(&json!({
        "3rdparty": { "extensions": { shared::EXTENSION_ID: { "backendUrl": stack.backend_url } } }
    }));
    let browser = Browser::launch().await;
    browser.goto(&Browser::extension_page("options.html")).await;
    browser.wait_for_text("[data-testid=backend-state]", "Backend reachable").await;
    browser.wait_for_text("[data-testid=backend-managed]", "Set by your organisation's policy").await;
    let input =
        browser.eval("const i = document.querySelector('#backend-url'); return [i.value, i.readOnly];", vec![]).await;
    assert_eq!(input, json!([stack.backend_url, true]));
    assert_eq!(
        browser.eval("return document.querySelector('[data-testid=backend-form] button');", vec![]).await,
        serde_json::Value::Null
    );
}
