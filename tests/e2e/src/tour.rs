//! The product's tour: the demo stack driven in headless Chromium through every UI state a user
//! can reach, in order. Each state is handed to a [`Visitor`]: `cargo xtask screenshots` takes a
//! picture of each (`src/bin/screenshots.rs`), the browser suite runs axe-core on each
//! (`tests/accessibility.rs`). One list of states, so what is photographed is what is checked.

use serde_json::json;

use crate::{Browser, Stack};

/// The bar's host element on a ProvenBase page.
const BAR: &str = "provenbase-lever";
/// Everything the extension draws into a ProvenBase page (each in a closed shadow root).
pub const INJECTED: &str = "provenbase-lever, provenbase-lever-badge";
/// Ticks two candidates who are not in Lever yet (until the first export).
const PICK_TWO: &str =
    "for (const id of ['c05', 'c08']) document.querySelector(`[data-fixture-id=${id}] input.cand-select`).click();";

/// Where a state's UI is, for whoever looks at it beyond the page as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// One of the extension's own pages, the whole tab.
    ExtensionPage,
    /// Drawn into a ProvenBase page (badges, bar, toasts: [`INJECTED`]).
    Injected,
    /// The export dialog's frame on a ProvenBase page.
    ExportDialog,
    /// The task popover's frame on a ProvenBase page.
    TaskPopover,
    /// The Lever row's frame on Profile & Password.
    LeverRow,
    /// Lever's own pages (the simulator's): not ours to judge.
    Lever,
}

impl Place {
    /// Enters the frame this place is in, if it is one (the caller goes back with
    /// `enter_parent_frame`); false for a whole page.
    pub async fn enter(self, browser: &Browser) -> bool {
        match self {
            Self::ExtensionPage | Self::Injected | Self::Lever => return false,
            Self::ExportDialog => browser.enter_export_dialog().await,
            Self::TaskPopover => browser.enter_our_frame("iframe.pbl-popover-frame").await,
            Self::LeverRow => browser.enter_lever_row().await,
        }
        true
    }
}

/// Looks at each state of the tour; the browser is on the tab's top document.
#[allow(async_fn_in_trait, reason = "used by this crate's own binaries and tests, on one runtime")]
pub trait Visitor {
    async fn visit(&mut self, browser: &Browser, name: &str, caption: &str, place: Place);
}

/// Drives `browser` on `stack` through every state, in order, handing each to `visitor`.
pub async fn tour(stack: &Stack, browser: &Browser, visitor: &mut impl Visitor) {
    let v = visitor;
    browser.goto(&Browser::extension_page("popup.html")).await;
    browser.wait_for_text("body", "ProvenBase").await;
    v.visit(browser, "popup-not-configured", "Toolbar popup before a backend is set", Place::ExtensionPage).await;

    browser.use_backend(stack).await;
    v.visit(browser, "options-signed-out", "Options page: backend set, not signed in", Place::ExtensionPage).await;

    browser.goto(&stack.page("/app/profile")).await;
    browser.enter_lever_row().await;
    browser.client.enter_parent_frame().await.ok();
    v.visit(
        browser,
        "profile-row-before-connect",
        "Profile & Password: the Lever row before connecting",
        Place::LeverRow,
    )
    .await;

    // Connecting, step by step: Lever's consent, then our auto-sync prompt.
    browser.goto(&Browser::extension_page("options.html")).await;
    browser.click("[data-testid=connect]").await;
    let home = browser.switch_to_new_tab().await;
    browser.lever_sign_in("Sam Super").await;
    v.visit(browser, "lever-consent", "Lever's consent screen (the simulator's)", Place::Lever).await;
    browser.click("#accept").await;
    browser.switch_to(home).await;
    browser.wait_for_text("[data-testid=auto-sync-modal]", "Number of days").await;
    v.visit(browser, "auto-sync-prompt", "Options page: the auto-sync prompt after connecting", Place::ExtensionPage)
        .await;
    browser.fill("[data-testid=auto-sync-modal] input[name=days]", "60").await;
    browser.click("[data-testid=auto-sync-modal] button[type=submit]").await;
    browser.wait_for_text("[data-testid=toast]", "Auto Full Profiles Sync is on").await;
    v.visit(browser, "auto-sync-on", "Options page: sync turned on (a toast)", Place::ExtensionPage).await;
    browser.click("[data-testid=sync-now]").await;
    browser.wait_for_text("[data-testid=settings-notice]", "Lever profiles synced.").await;
    v.visit(
        browser,
        "options-super-admin",
        "Options page for a Super Admin, connected and synced",
        Place::ExtensionPage,
    )
    .await;

    // A recruiter, in a browser of their own, joins with an invite: their options are read-only.
    let code = browser.invite(stack, "Dana Recruiter").await;
    let recruiter = Browser::launch().await;
    recruiter.use_backend(stack).await;
    recruiter.fill("#invite-code", &code).await;
    recruiter.click("[data-testid=join-form] button[type=submit]").await;
    recruiter
        .wait_for_text("[data-testid=read-only-reason]", "only Lever Super Admins can change these settings")
        .await;
    v.visit(&recruiter, "options-recruiter", "Options page for a recruiter (read-only settings)", Place::ExtensionPage)
        .await;
    drop(recruiter);

    browser.goto(&stack.page("/app/profile")).await;
    browser.enter_lever_row().await;
    browser.client.enter_parent_frame().await.ok();
    v.visit(browser, "profile-row-connected", "Profile & Password: the Lever row once connected", Place::LeverRow)
        .await;

    for (path, name, caption) in [
        ("/app/projects/q3-backend", "projects-badges", "Projects with badges"),
        ("/app/sourcing-lab", "sourcing-lab-badges", "Sourcing Lab with badges"),
        ("/app/candidate-lake", "candidate-lake-badges", "Candidate Lake with badges"),
        ("/app/projects/q3-backend?csp=strict", "projects-strict-csp", "Projects where the page's CSP blocks wasm"),
    ] {
        browser.goto(&stack.page(path)).await;
        browser.badges().await;
        v.visit(browser, name, caption, Place::Injected).await;
    }

    // The bar moved to the other corner, then folded to its handle (and back).
    browser.shadow_click(BAR, "[data-testid=bar-move]").await;
    browser
        .wait_for_shadow(
            "the bar on the left",
            BAR,
            "return arguments[0][0].querySelector('.pbl-left') !== null;",
            vec![],
        )
        .await;
    v.visit(browser, "bar-left", "The bar moved to the left corner", Place::Injected).await;
    browser.shadow_click(BAR, "[data-testid=bar-toggle]").await;
    browser
        .wait_for_shadow(
            "the bar folded",
            BAR,
            "return arguments[0][0].querySelector('.pbl-collapsed') !== null;",
            vec![],
        )
        .await;
    v.visit(browser, "bar-folded", "The bar folded to a handle", Place::Injected).await;
    browser.shadow_click(BAR, "[data-testid=bar-toggle]").await;
    browser.shadow_click(BAR, "[data-testid=bar-move]").await;

    // Two selected, then the export dialog's steps.
    browser.goto(&stack.page("/app/projects/q3-backend")).await;
    browser.badges().await;
    // María and Robert: not in Lever yet.
    browser.eval(PICK_TWO, vec![]).await;
    browser.wait_for_shadow_text(BAR, "[data-testid=export-selected]", "Export selected (2)").await;
    v.visit(browser, "two-selected", "Two candidates selected", Place::Injected).await;
    browser.shadow_click(BAR, "[data-testid=export-selected]").await;
    browser.enter_export_dialog().await;
    browser.wait_for_text("[data-testid=export-fields] h2", "Export").await;
    browser.client.enter_parent_frame().await.ok();
    v.visit(browser, "dialog-fields", "Export dialog: resume fields", Place::ExportDialog).await;
    browser.enter_export_dialog().await;
    browser.click("[data-testid=export-fields] button[type=submit]").await;
    browser.wait_for_text("[data-testid=export-destination]", "Lever").await;
    browser.client.enter_parent_frame().await.ok();
    v.visit(browser, "dialog-destination", "Export dialog: destination", Place::ExportDialog).await;
    browser.enter_export_dialog().await;
    browser.click("[data-testid=export-destination] [role=menuitem]").await;
    browser.wait_for("the options", "return document.querySelector('#pbl-stage option') !== null;", vec![]).await;
    browser.fill("#pbl-task-name", "Q3 shortlist").await;
    browser.client.enter_parent_frame().await.ok();
    v.visit(browser, "dialog-options", "Export dialog: options", Place::ExportDialog).await;
    browser.enter_export_dialog().await;
    browser.click("[data-testid=export-submit]").await;
    browser.client.enter_parent_frame().await.ok();
    browser.wait_for_shadow_text(BAR, "[data-testid=export-toast]", "Export in progress").await;
    v.visit(browser, "export-started", "An export under way", Place::Injected).await;
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
    v.visit(
        browser,
        "dialog-duplicates",
        "Export dialog: every chosen candidate is already in Lever",
        Place::ExportDialog,
    )
    .await;
    browser.enter_export_dialog().await;
    browser.eval("document.querySelector('.pbl-actions button.secondary').click();", vec![]).await;
    browser.client.enter_parent_frame().await.ok();

    browser.shadow_click(BAR, "[data-testid=task-manager]").await;
    browser.enter_our_frame("iframe.pbl-popover-frame").await;
    browser.wait_for_text("[data-testid=task]", "exported").await;
    browser.client.enter_parent_frame().await.ok();
    v.visit(browser, "task-popover", "Task popover on a ProvenBase page", Place::TaskPopover).await;

    browser.goto(&Browser::extension_page("tasks.html")).await;
    browser.wait_for_text("[data-testid=task-item]", "Open in Lever").await;
    v.visit(browser, "task-manager", "Task manager", Place::ExtensionPage).await;

    browser.goto(&Browser::extension_page("popup.html")).await;
    browser.wait_for_text("body", "ProvenBase").await;
    v.visit(browser, "popup-signed-in", "Toolbar popup, signed in", Place::ExtensionPage).await;

    stack.lever_control(&format!("/_sim/accounts/{}/revoke", crate::lever_sim::DEMO_ACCOUNT), json!({})).await;
    browser.goto(&stack.page("/app/projects/q3-backend")).await;
    browser.wait_for("the bar", "return document.querySelector('provenbase-lever') !== null;", vec![]).await;
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    v.visit(browser, "lever-disconnected", "Projects after Lever access was revoked", Place::Injected).await;
    browser.goto(&stack.page("/app/profile")).await;
    browser.enter_lever_row().await;
    browser.client.enter_parent_frame().await.ok();
    v.visit(browser, "profile-row-disconnected", "Profile & Password once Lever is disconnected", Place::LeverRow)
        .await;
}
