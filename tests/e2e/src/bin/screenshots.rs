//! `cargo xtask screenshots`: drives the demo stack (backend, Lever simulator, fixture ProvenBase
//! site, built extension) in headless Chromium through the product's states and writes one PNG
//! per state, and an `index.html` gallery, to `target/screenshots/`. Review it after every UI
//! change.

use std::path::{Path, PathBuf};

use e2e::{Browser, Stack};
use serde_json::json;

const BAR: &str = "provenbase-lever";
/// Ticks two candidates who are not in Lever yet (until the first export).
const PICK_TWO: &str =
    "for (const id of ['c05', 'c08']) document.querySelector(`[data-fixture-id=${id}] input.cand-select`).click();";

/// The gallery being made.
struct Gallery {
    dir: PathBuf,
    shots: Vec<(String, String)>,
}

impl Gallery {
    fn new() -> Self {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
        std::fs::remove_dir_all(&dir).ok();
        std::fs::create_dir_all(&dir).expect("target/screenshots");
        Self { dir, shots: Vec::new() }
    }

    /// The browser's viewport now, as `name`.png, with `caption`; a page taller than the window
    /// is taken whole (the window grows to fit, then shrinks back).
    async fn shot(&mut self, browser: &Browser, name: &str, caption: &str) {
        let height = browser
            .eval("return Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0);", vec![])
            .await
            .as_u64()
            .unwrap_or(900)
            .clamp(900, 4_000);
        browser.client.set_window_size(1280, u32::try_from(height).unwrap_or(900) + 120).await.ok();
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        let png = browser.client.screenshot().await.expect("a screenshot");
        browser.client.set_window_size(1280, 900).await.ok();
        let file = format!("{:02}-{name}.png", self.shots.len() + 1);
        std::fs::write(self.dir.join(&file), png).expect("written");
        println!("screenshot {file}: {caption}");
        self.shots.push((file, caption.to_owned()));
    }

    fn write_index(&self) {
        let figures: String = self
            .shots
            .iter()
            .map(|(file, caption)| {
                format!(
                    "<figure><a href=\"{file}\"><img src=\"{file}\" alt=\"{caption}\" loading=\"lazy\"></a><figcaption>{caption}</figcaption></figure>\n",
                    caption = caption.replace('&', "&amp;").replace('<', "&lt;").replace('"', "&quot;")
                )
            })
            .collect();
        let html = format!(
            "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>ProvenBase → Lever: every state</title>\
             <style>body{{font-family:system-ui;margin:2rem}}main{{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:1.5rem}}\
             figure{{margin:0}}img{{width:100%;border:1px solid #ccc}}figcaption{{font-size:.9rem;margin-top:.3rem}}</style>\
             <h1>ProvenBase → Lever: every state ({} screenshots)</h1><main>\n{figures}</main></html>\n",
            self.shots.len()
        );
        std::fs::write(self.dir.join("index.html"), html).expect("index.html");
        println!("gallery: {}", self.dir.join("index.html").display());
    }
}

#[tokio::main]
async fn main() {
    let mut g = Gallery::new();
    let stack = Stack::start().await;
    let browser = Browser::launch().await;

    browser.goto(&Browser::extension_page("popup.html")).await;
    browser.wait_for_text("body", "ProvenBase").await;
    g.shot(&browser, "popup-not-configured", "Toolbar popup before a backend is set").await;

    browser.use_backend(&stack).await;
    g.shot(&browser, "options-signed-out", "Options page: backend set, not signed in").await;

    browser.goto(&stack.page("/app/profile")).await;
    browser.enter_lever_row().await;
    browser.client.enter_parent_frame().await.ok();
    g.shot(&browser, "profile-row-before-connect", "Profile & Password: the Lever row before connecting").await;

    browser.connect_and_sync(&stack, Some(60)).await;
    g.shot(&browser, "options-super-admin", "Options page for a Super Admin, connected and synced").await;

    browser.goto(&stack.page("/app/profile")).await;
    browser.enter_lever_row().await;
    browser.client.enter_parent_frame().await.ok();
    g.shot(&browser, "profile-row-connected", "Profile & Password: the Lever row once connected").await;

    for (path, name, caption) in [
        ("/app/projects/q3-backend", "projects-badges", "Projects with badges"),
        ("/app/sourcing-lab", "sourcing-lab-badges", "Sourcing Lab with badges"),
        ("/app/candidate-lake", "candidate-lake-badges", "Candidate Lake with badges"),
        ("/app/projects/q3-backend?csp=strict", "projects-strict-csp", "Projects where the page's CSP blocks wasm"),
    ] {
        browser.goto(&stack.page(path)).await;
        browser.badges().await;
        g.shot(&browser, name, caption).await;
    }

    // Two selected, then the export dialog's steps.
    browser.goto(&stack.page("/app/projects/q3-backend")).await;
    browser.badges().await;
    // María and Robert: not in Lever yet.
    browser.eval(PICK_TWO, vec![]).await;
    browser.wait_for_shadow_text(BAR, "[data-testid=export-selected]", "Export selected (2)").await;
    g.shot(&browser, "two-selected", "Two candidates selected").await;
    browser.shadow_click(BAR, "[data-testid=export-selected]").await;
    browser.enter_export_dialog().await;
    browser.wait_for_text("[data-testid=export-fields] h2", "Export").await;
    browser.client.enter_parent_frame().await.ok();
    g.shot(&browser, "dialog-fields", "Export dialog: resume fields").await;
    browser.enter_export_dialog().await;
    browser.click("[data-testid=export-fields] button[type=submit]").await;
    browser.wait_for_text("[data-testid=export-destination]", "Lever").await;
    browser.client.enter_parent_frame().await.ok();
    g.shot(&browser, "dialog-destination", "Export dialog: destination").await;
    browser.enter_export_dialog().await;
    browser.click("[data-testid=export-destination] [role=menuitem]").await;
    browser.wait_for("the options", "return document.querySelector('#pbl-stage option') !== null;", vec![]).await;
    browser.fill("#pbl-task-name", "Q3 shortlist").await;
    browser.client.enter_parent_frame().await.ok();
    g.shot(&browser, "dialog-options", "Export dialog: options").await;
    browser.enter_export_dialog().await;
    browser.click("[data-testid=export-submit]").await;
    browser.client.enter_parent_frame().await.ok();
    browser.wait_for_shadow_text(BAR, "[data-testid=export-toast]", "Export in progress").await;
    g.shot(&browser, "export-started", "An export under way").await;
    stack.wait_exported(2, std::time::Duration::from_secs(30)).await;

    // The same two again: both are in Lever now.
    browser.goto(&stack.page("/app/projects/q3-backend")).await;
    browser.badges().await;
    // María and Robert: not in Lever yet.
    browser.eval(PICK_TWO, vec![]).await;
    browser.shadow_click(BAR, "[data-testid=export-selected]").await;
    browser.enter_export_dialog().await;
    browser.fill_export_dialog(&[], None, None, false, "Again").await;
    browser
        .wait_for(
            "the duplicate prompt",
            "return document.querySelector('[data-testid=all-duplicates], [data-testid=partial-duplicates]') !== null;",
            vec![],
        )
        .await;
    browser.client.enter_parent_frame().await.ok();
    g.shot(&browser, "dialog-duplicates", "Export dialog: every chosen candidate is already in Lever").await;
    browser.enter_export_dialog().await;
    browser.eval("document.querySelector('.pbl-actions button.secondary').click();", vec![]).await;
    browser.client.enter_parent_frame().await.ok();

    browser.shadow_click(BAR, "[data-testid=task-manager]").await;
    browser.enter_our_frame("iframe.pbl-popover-frame").await;
    browser.wait_for_text("[data-testid=task]", "exported").await;
    browser.client.enter_parent_frame().await.ok();
    g.shot(&browser, "task-popover", "Task popover on a ProvenBase page").await;

    browser.goto(&Browser::extension_page("tasks.html")).await;
    browser.wait_for_text("[data-testid=task-item]", "Open in Lever").await;
    g.shot(&browser, "task-manager", "Task manager").await;

    browser.goto(&Browser::extension_page("popup.html")).await;
    browser.wait_for_text("body", "ProvenBase").await;
    g.shot(&browser, "popup-signed-in", "Toolbar popup, signed in").await;

    stack.lever_control(&format!("/_sim/accounts/{}/revoke", e2e::lever_sim::DEMO_ACCOUNT), json!({})).await;
    browser.goto(&stack.page("/app/projects/q3-backend")).await;
    browser.wait_for("the bar", "return document.querySelector('provenbase-lever') !== null;", vec![]).await;
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    g.shot(&browser, "lever-disconnected", "Projects after Lever access was revoked").await;
    browser.goto(&stack.page("/app/profile")).await;
    browser.enter_lever_row().await;
    browser.client.enter_parent_frame().await.ok();
    g.shot(&browser, "profile-row-disconnected", "Profile & Password once Lever is disconnected").await;

    g.write_index();
}
