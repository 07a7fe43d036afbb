//! Org-wide rollout: an IT admin presets the backend URL through Chrome enterprise policy (a
//! real policy file in Chromium's managed-policy folder, removed afterwards); three backend
//! replicas on PostgreSQL share the work and one Lever budget, one of them killed mid-export;
//! a revocation shows everywhere and pauses exports until a reconnect; a deactivated
//! integration admin pauses them with what to change; the audit log tells it all.

use std::time::Duration;

use e2e::{Browser, Database, Stack};
use serde_json::json;

/// This flow's tests run one at a time: several run backend replicas or 200 recruiters at once,
/// and on a small machine they would starve each other's browsers.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

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
    let _serial = ONE_AT_A_TIME.lock().await;
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

#[tokio::test(flavor = "multi_thread")]
async fn two_recruiters_exporting_the_same_people_on_two_replicas_at_once_make_one_opportunity_each() {
    let _serial = ONE_AT_A_TIME.lock().await;
    let stack = Stack::start_replicas(2, Database::Postgres).await;
    let browser = Browser::launch().await;
    browser.connect_and_sync(&stack, None).await;
    let token = browser.session_token().await.expect("signed in");
    let people: Vec<serde_json::Value> = (0..10)
        .map(|i| json!({"ref_id": i.to_string(), "name": format!("Twice {i}"), "emails": [format!("twice.{i}@example.com")]}))
        .collect();
    let task = |name: &str| json!({"name": name, "fields": ["name"], "candidates": people});
    let (a, b) = tokio::join!(
        e2e::api(&stack.replicas[0].url, &token, "/api/v1/exports", Some(task("Mine"))),
        e2e::api(&stack.replicas[1].url, &token, "/api/v1/exports", Some(task("Yours")))
    );
    assert!(a["id"].is_string() && b["id"].is_string(), "{a} {b}");
    stack.wait_exported(10, Duration::from_secs(60)).await;
    // Both tasks end: each person exported by one, skipped as already in Lever by the other.
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    loop {
        let tasks = e2e::api(&stack.replicas[0].url, &token, "/api/v1/exports", None).await;
        let done = |t: &serde_json::Value| t["counts"]["queued"] == 0 && t["counts"]["exporting"] == 0;
        if tasks.as_array().is_some_and(|ts| ts.len() == 2 && ts.iter().all(done)) {
            let sum = |k: &str| {
                tasks.as_array().map_or(0, |ts| ts.iter().filter_map(|t| t["counts"][k].as_u64()).sum::<u64>())
            };
            assert_eq!((sum("exported"), sum("skipped")), (10, 10), "{tasks}");
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the tasks did not finish: {tasks}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    stack.assert_each_once(10);
}

#[tokio::test(flavor = "multi_thread")]
async fn three_replicas_on_postgres_share_the_work_and_one_rate_budget_and_take_over_a_killed_ones() {
    let _serial = ONE_AT_A_TIME.lock().await;
    let mut stack = Stack::start_replicas(3, Database::Postgres).await;
    let browser = Browser::launch().await;
    browser.connect_and_sync(&stack, None).await;
    let token = browser.session_token().await.expect("signed in");
    browser.export_selected(&stack, 140, 120, "Across replicas").await;
    stack.wait_exported(30, Duration::from_secs(60)).await;
    stack.replicas[1].kill(); // kill -9 one replica mid-export; the others take its work over
    stack.wait_exported(120, Duration::from_secs(90)).await;

    stack.assert_each_once(120);
    // Three budgets of 10/s would send 30/s and meet hundreds of 429s; one shared budget meets
    // none (a rare one from network jitter is retried like any other).
    let throttled = stack.lever.sim.world().stats.throttled;
    assert!(throttled < 3, "three replicas stayed inside one 10/s budget (Lever answered 429 {throttled} times)");

    // Any replica tells the same story.
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        let a = e2e::api(&stack.replicas[0].url, &token, "/api/v1/exports", None).await;
        let c = e2e::api(&stack.replicas[2].url, &token, "/api/v1/exports", None).await;
        if a[0]["counts"]["exported"] == 120 {
            assert_eq!(a[0]["counts"], c[0]["counts"]);
            break;
        }
        assert!(std::time::Instant::now() < deadline, "{a}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    browser.goto(&Browser::extension_page("tasks.html")).await;
    browser.wait_for_text("[data-testid=task] p.idle", "120 exported, 0 skipped, 0 failed, 0 waiting").await;
    // Pointing the extension at another URL ends its session: a token only goes where it was issued.
    browser.use_backend_url(&stack.replicas[2].url).await;
    browser.wait_for_text("[data-testid=connection-state]", "Not signed in").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_revocation_says_disconnected_everywhere_and_paused_exports_resume_after_reconnecting() {
    let _serial = ONE_AT_A_TIME.lock().await;
    let stack = Stack::start().await;
    let browser = Browser::launch().await;
    browser.connect_and_sync(&stack, Some(60)).await;
    stack.lever_control("/_sim/faults", json!({"latency_ms": 150})).await;
    browser.export_selected(&stack, 40, 30, "Interrupted").await;
    stack.wait_exported(3, Duration::from_secs(30)).await;

    stack.lever_control(&format!("/_sim/accounts/{}/revoke", e2e::lever_sim::DEMO_ACCOUNT), json!({})).await;
    // One call notices: the options page asks Lever.
    browser.goto(&Browser::extension_page("options.html")).await;
    browser.wait_for_text("[data-testid=connection-state]", "Disconnected").await;
    let calls = stack.lever.sim.world().stats.api_requests;

    browser.goto(&stack.page("/app/projects/q3-backend")).await;
    browser.wait_for_shadow_text("provenbase-lever", ".pbl-note", "Lever is disconnected: badges are hidden").await;
    assert_eq!(
        browser.eval("return document.querySelectorAll('provenbase-lever-badge').length;", vec![]).await,
        json!(0)
    );
    browser.goto(&stack.page("/app/profile")).await;
    browser.enter_lever_row().await;
    browser.wait_for_text("[data-testid=lever-state]", "Disconnected").await;
    browser.client.enter_parent_frame().await.expect("back");
    browser.goto(&Browser::extension_page("tasks.html")).await;
    browser.wait_for_text("[data-testid=paused]", "Paused: Lever is disconnected").await;
    let waiting = browser.wait_for_text("[data-testid=task] p.idle", "0 failed").await;
    assert!(!waiting.contains(" 0 waiting"), "some candidates wait: {waiting}");
    tokio::time::sleep(Duration::from_secs(2)).await;
    let after = stack.lever.sim.world().stats.api_requests;
    assert!(after - calls <= 2, "no retry storm while disconnected ({} calls)", after - calls);

    // A Super Admin connects again: the export resumes where it stopped.
    browser.goto(&Browser::extension_page("options.html")).await;
    browser.click("[data-testid=connect]").await;
    let home = browser.switch_to_new_tab().await;
    browser.lever_consent("Sam Super", true).await;
    browser.switch_to(home).await;
    browser.wait_for_text("[data-testid=connection-state]", "Connected").await;
    let remembered = "const i = document.querySelector('[data-testid=auto-sync-modal] input[name=days]'); \
                      return i !== null && i.value === '60';";
    browser.wait_for("the prompt to offer the 60 days answered before", remembered, vec![]).await;
    stack.lever_control("/_sim/faults", json!({})).await;
    stack.wait_exported(30, Duration::from_secs(60)).await;
    browser.goto(&Browser::extension_page("tasks.html")).await;
    browser.wait_for_text("[data-testid=task] p.idle", "30 exported, 0 skipped, 0 failed, 0 waiting").await;
    stack.assert_each_once(30);

    // The audit log tells the story, and keeps what its retention says.
    browser.goto(&Browser::extension_page("options.html")).await;
    browser.wait_for_text("[data-testid=audit-entry][data-action='lever.revoked']", "revoked").await;
    let exported = browser
        .eval("return [...document.querySelectorAll(\"[data-testid=audit-entry][data-action='export.candidate']\")].map(r => r.textContent);", vec![])
        .await;
    let exported: Vec<String> = serde_json::from_value(exported).expect("rows");
    assert_eq!(exported.len(), 30, "one entry per exported candidate");
    assert!(
        exported.iter().all(|r| r.contains("Sam Super") && r.contains("Bench Candidate") && r.contains("exported"))
    );
    browser.fill("#audit-retention", "90").await;
    browser.click("[data-testid=retention-form] button[type=submit]").await;
    browser.wait_for_text("[data-testid=audit-notice]", "The audit log now keeps 90 days.").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_deactivated_integration_admin_pauses_exports_and_tells_the_super_admin_what_to_change() {
    let _serial = ONE_AT_A_TIME.lock().await;
    let stack = Stack::start().await;
    let browser = Browser::launch().await;
    browser.connect_and_sync(&stack, None).await;
    browser.goto(&Browser::extension_page("options.html")).await;
    let ada = stack.lever_user("Ada Admin");
    browser
        .wait_for(
            "Ada in the admin list",
            "return !!document.querySelector(`#integration-admin option[value='${arguments[0]}']`);",
            vec![json!(ada)],
        )
        .await;
    browser.eval("document.querySelector('#integration-admin').value = arguments[0];", vec![json!(ada)]).await;
    browser.click("[data-testid=settings-form] button[type=submit]").await;
    browser.wait_for_text("[data-testid=settings-notice]", "Settings saved.").await;
    stack.lever_control(&format!("/_sim/users/{ada}/deactivate"), json!({})).await;

    browser.export_selected(&stack, 5, 2, "As Ada").await;
    browser.shadow_click("provenbase-lever", "[data-testid=task-manager]").await;
    browser.enter_our_frame("iframe.pbl-popover-frame").await;
    browser.wait_for_text("[data-testid=paused]", "Ada Admin").await;
    browser.client.enter_parent_frame().await.expect("back");
    browser.goto(&Browser::extension_page("options.html")).await;
    let why = browser.wait_for_text("[data-testid=exports-blocked]", "is deactivated in Lever").await;
    assert!(why.contains("choose another integration Lever admin"), "{why}");
    assert!(stack.exported_emails().is_empty(), "nothing exported as a deactivated user");

    let sam = stack.lever_user("Sam Super");
    browser.eval("document.querySelector('#integration-admin').value = arguments[0];", vec![json!(sam)]).await;
    browser.click("[data-testid=settings-form] button[type=submit]").await;
    browser.wait_for_text("[data-testid=settings-notice]", "Settings saved.").await;
    stack.wait_exported(2, Duration::from_secs(30)).await;
}

async fn two_hundred_recruiters_on(stack: &Stack) {
    let backends: Vec<String> = stack.replicas.iter().map(|r| r.url.clone()).collect();
    let report = stack.load(&backends, 200).await;
    eprintln!("{} backends: {report:?}", backends.len());
    assert_eq!(report.requests, 200 * 6);
    assert_eq!(report.errors, 0, "{report:?}");
    assert_eq!(report.lost, 0, "{report:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn two_hundred_recruiters_at_once_on_one_sqlite_backend_get_no_errors_and_lose_nothing() {
    let _serial = ONE_AT_A_TIME.lock().await;
    two_hundred_recruiters_on(&Stack::start_replicas(1, Database::Sqlite).await).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn two_hundred_recruiters_at_once_on_three_postgres_replicas_get_no_errors_and_lose_nothing() {
    let _serial = ONE_AT_A_TIME.lock().await;
    two_hundred_recruiters_on(&Stack::start_replicas(3, Database::Postgres).await).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_recruiters_role_change_and_deactivation_in_lever_take_effect_at_the_next_sync() {
    let _serial = ONE_AT_A_TIME.lock().await;
    let stack = Stack::start().await;
    let admin = stack.connect_over_http(&stack.backend_url, "Sam Super").await;
    let tom = stack.lever_user("Tom Team");
    let invite = e2e::api(&stack.backend_url, &admin, "/api/v1/invites", Some(json!({"lever_user_id": tom}))).await;
    let sync_now = || e2e::api(&stack.backend_url, &admin, "/api/v1/sync", Some(json!({})));

    let browser = Browser::launch().await;
    browser.use_backend(&stack).await;
    browser.fill("#invite-code", invite["code"].as_str().expect("a code")).await;
    browser.click("[data-testid=join-form] button[type=submit]").await;
    browser.wait_for_text("[data-testid=signed-in-as]", "Tom Team").await;

    // In Lever, Tom becomes an Interviewer: nothing changes until the next sync, then he is refused.
    stack.lever_control(&format!("/_sim/users/{tom}/role"), json!({"accessRole": "interviewer"})).await;
    sync_now().await;
    browser.goto(&Browser::extension_page("options.html")).await;
    browser.wait_for_text("[data-testid=account-refused]", "your Lever role is Interviewer").await;
    browser.goto(&stack.page("/app/projects/q3-backend")).await;
    browser.wait_for_shadow_text("provenbase-lever", ".pbl-note", "your Lever role is Interviewer").await;
    assert_eq!(
        browser.eval("return document.querySelectorAll('provenbase-lever-badge').length;", vec![]).await,
        json!(0)
    );

    // Deactivated in Lever: at the next sync his sessions end.
    stack.lever_control(&format!("/_sim/users/{tom}/deactivate"), json!({})).await;
    sync_now().await;
    browser.goto(&Browser::extension_page("options.html")).await;
    browser.wait_for_text("[data-testid=connection-state]", "Not signed in.").await;
}
