//! The connect flow, end to end: a Super Admin connects Lever from ProvenBase's Profile &
//! Password page (and from the options page), configures it, invites a recruiter; refusals and
//! revocation say so clearly and store nothing.

use e2e::{Browser, Stack};
use serde_json::{Value, json};

/// Connects from the Profile & Password row (at `page`) as `user`; returns the page's window,
/// to come back to.
async fn connect_from(
    browser: &Browser,
    stack: &Stack,
    page: &str,
    user: &str,
    accept: bool,
) -> fantoccini::wd::WindowHandle {
    browser.goto(&stack.page(page)).await;
    browser.enter_lever_row().await;
    browser.wait_for_text("[data-testid=lever-state]", "Not connected").await;
    browser.click("[data-testid=lever-connect]").await;
    let home = browser.switch_to_new_tab().await;
    browser.lever_consent(user, accept).await;
    home
}

/// The row's state text, read from inside its frame (and back out).
/// Back on ProvenBase after accepting Lever's consent: the auto-sync prompt covers the page.
async fn back_to_the_prompt(browser: &Browser, home: fantoccini::wd::WindowHandle) {
    browser.switch_to(home).await;
    browser.enter_our_frame("iframe.pbl-autosync-frame").await;
    browser.wait_for_text("[data-testid=auto-sync-modal]", "Number of days").await;
}

async fn row_says(browser: &Browser, text: &str) {
    browser.enter_lever_row().await;
    browser.wait_for_text("[data-testid=lever-state]", text).await;
    browser.client.enter_parent_frame().await.expect("back to the page");
}

async fn backend_get(stack: &Stack, token: &str, path: &str) -> (u16, Value) {
    let res = reqwest::Client::new()
        .get(format!("{}{path}", stack.backend_url))
        .bearer_auth(token)
        .send()
        .await
        .expect("sent");
    (res.status().as_u16(), res.json().await.unwrap_or(Value::Null))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_super_admin_connects_from_profile_and_password_then_configures() {
    let stack = Stack::start().await;
    let browser = Browser::launch().await;
    browser.use_backend(&stack).await;
    let home = connect_from(&browser, &stack, "/app/profile", "Sam Super", true).await;
    // The extension closes Lever's tab itself once connected; the toast and the prompt cover the page.
    back_to_the_prompt(&browser, home).await;
    browser.wait_for_text("[data-testid=toast]", "authorized successfully").await;
    browser
        .wait_for(
            "focus in the prompt",
            "return document.activeElement && document.activeElement.name === 'days';",
            vec![],
        )
        .await;
    browser.click("[data-testid=auto-sync-modal] button[type=submit]").await;
    browser.wait_for_text("[data-testid=toast]", "checking the last 30 days").await;
    browser.client.enter_parent_frame().await.expect("back to the page");
    row_says(&browser, "Connected as Sam Super").await;

    // Configure in the options page: default stage and integration admin.
    browser.goto(&Browser::extension_page("options.html")).await;
    browser.wait_for_text("[data-testid=connection-state]", "Connected to Lever as Sam Super").await;
    browser
        .wait_for("the settings form", "return document.querySelector('#default-stage option') !== null;", vec![])
        .await;
    let reached = browser
        .eval("return [...document.querySelectorAll('#default-stage option')].find(o => o.textContent === 'Reached Out').value;", vec![])
        .await;
    let ada = stack.lever_user("Ada Admin");
    browser
        .eval(
            "document.querySelector('#default-stage').value = arguments[0]; document.querySelector('#integration-admin').value = arguments[1];",
            vec![reached.clone(), json!(ada)],
        )
        .await;
    browser.click("[data-testid=settings-form] button[type=submit]").await;
    browser.wait_for_text("[data-testid=settings-notice]", "Settings saved.").await;
    // The answer shows beside the button that asked, not at the end of the section.
    let beside = "const n = document.querySelector('[data-testid=settings-notice]'), b = n.previousElementSibling; \
        return b.textContent + ' ' + Math.round(n.getBoundingClientRect().top - b.getBoundingClientRect().bottom);";
    let shown = browser.eval(beside, vec![]).await;
    let gap: i64 =
        shown.as_str().and_then(|s| s.strip_prefix("Save settings ")).and_then(|g| g.parse().ok()).unwrap_or(999);
    assert!((0..24).contains(&gap), "the notice follows Save settings closely: {shown}");

    browser.goto(&Browser::extension_page("options.html")).await;
    browser
        .wait_for(
            "the saved stage",
            "return document.querySelector('#default-stage').value === arguments[0];",
            vec![reached.clone()],
        )
        .await;
    let admin = browser.eval("return document.querySelector('#integration-admin').value;", vec![]).await;
    assert_eq!(admin, json!(ada));
    assert_eq!(browser.eval("return document.querySelector('#auto-sync').checked;", vec![]).await, json!(true));

    // The backend holds the same values.
    let token = browser.session_token().await.expect("a session");
    let (status, settings) = backend_get(&stack, &token, "/api/v1/settings").await;
    assert_eq!(status, 200);
    assert_eq!(settings["default_stage_id"], reached);
    assert_eq!(settings["integration_admin_id"], json!(ada));
    assert_eq!(settings["auto_sync"], json!({"enabled": true, "days": 30}));
}

#[tokio::test(flavor = "multi_thread")]
async fn denied_consent_a_team_member_and_a_replayed_callback_each_say_why_and_store_nothing() {
    let stack = Stack::start().await;
    let browser = Browser::launch().await;
    browser.use_backend(&stack).await;

    let home = connect_from(&browser, &stack, "/app/profile", "Sam Super", false).await;
    browser.wait_for_text("h1", "Lever was not connected").await;
    browser.wait_for_text(".message", "consent screen was declined").await;
    browser.client.close_window().await.expect("close");
    browser.switch_to(home).await;
    browser.enter_lever_row().await;
    browser.wait_for_text("[data-testid=toast]", "not granted").await;
    browser.client.enter_parent_frame().await.expect("back");

    let home = connect_from(&browser, &stack, "/app/profile", "Tom Team", true).await;
    browser.wait_for_text(".message", "Only a Lever Super Admin can connect").await;
    browser.client.close_window().await.expect("close");
    browser.switch_to(home).await;
    browser.enter_lever_row().await;
    browser.wait_for_text("[data-testid=toast]", "Only a Lever Super Admin").await;
    browser.wait_for_text("[data-testid=lever-state]", "Not connected").await;
    browser.client.enter_parent_frame().await.expect("back");

    browser.goto(&format!("{}/api/v1/lever/callback?code=replayed&state=already-used", stack.backend_url)).await;
    browser.wait_for_text(".message", "expired or was already used").await;

    assert_eq!(stack.backend.store.organisation_count().await.expect("count"), 0, "nothing stored");
    assert_eq!(browser.session_token().await, None, "no session handed out");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_recruiter_joins_with_an_invite_and_sees_settings_read_only() {
    let stack = Stack::start().await;
    let admin = Browser::launch().await;
    admin.connect_and_sync(&stack, None).await;
    admin.wait_for_text("[data-testid=connection-state]", "Connected to Lever as Sam Super").await;
    let code = admin.invite(&stack, "Dana Recruiter").await;
    admin.wait_for_text("[data-testid=invite]", "Dana Recruiter · open").await;

    let recruiter = Browser::launch().await;
    recruiter.use_backend(&stack).await;
    recruiter.fill("#invite-code", "PBL-WRONG-CODE-0000").await;
    recruiter.click("[data-testid=join-form] button[type=submit]").await;
    recruiter.wait_for_text("[data-testid=join-form] [role=alert]", "not valid").await;
    recruiter.fill("#invite-code", &code).await;
    recruiter.click("[data-testid=join-form] button[type=submit]").await;
    recruiter.wait_for_text("[data-testid=signed-in-as]", "Dana Recruiter (Team Member)").await;
    recruiter.wait_for_text("[data-testid=connection-state]", "Connected to Lever as Sam Super").await;
    recruiter
        .wait_for_text("[data-testid=read-only-reason]", "only Lever Super Admins can change these settings")
        .await;
    recruiter
        .wait_for(
            "the settings form",
            "return document.querySelector('[data-testid=settings-form] fieldset')?.disabled === true;",
            vec![],
        )
        .await;
    assert_eq!(recruiter.eval("return document.querySelector('[data-testid=disconnect]');", vec![]).await, Value::Null);

    // The same change sent straight to the backend with the recruiter's session is refused.
    let token = recruiter.session_token().await.expect("a session");
    let res = reqwest::Client::new()
        .put(format!("{}/api/v1/settings", stack.backend_url))
        .bearer_auth(&token)
        .json(&json!({"auto_sync": {"enabled": true, "days": 9}}))
        .send()
        .await
        .expect("sent");
    assert_eq!(res.status().as_u16(), 403);

    // The Super Admin sees both sessions and ends the recruiter's.
    admin.goto(&Browser::extension_page("options.html")).await;
    admin.wait_for_text("[data-testid=session]:nth-child(2)", "Dana Recruiter (Team Member)").await;
    admin.click("[data-testid=session] button").await;
    admin
        .wait_for("one session left", "return document.querySelectorAll('[data-testid=session]').length === 1;", vec![])
        .await;
    recruiter.goto(&Browser::extension_page("options.html")).await;
    recruiter.wait_for_text("[data-testid=connection-state]", "Not signed in").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn disconnect_reconnect_and_a_revocation_in_lever_show_everywhere() {
    let stack = Stack::start().await;
    let browser = Browser::launch().await;
    browser.use_backend(&stack).await;
    let home = connect_from(&browser, &stack, "/app/profile", "Sam Super", true).await;
    browser.switch_to(home).await;
    browser.enter_our_frame("iframe.pbl-autosync-frame").await;
    browser.wait_for_text("[data-testid=auto-sync-modal]", "Number of days").await;
    browser.click("[data-testid=auto-sync-modal] button.secondary").await;
    browser.client.enter_parent_frame().await.expect("back");
    browser.enter_lever_row().await;
    browser.wait_for_text("[data-testid=lever-state]", "Connected as Sam Super").await;
    browser.click("[data-testid=lever-disconnect]").await;
    browser.wait_for_text("[data-testid=confirm-disconnect]", "Disconnect Lever for everyone?").await;
    browser.click("[data-testid=confirm-disconnect] button.secondary").await;
    browser.wait_for_text("[data-testid=lever-state]", "Connected as Sam Super").await;
    browser.click("[data-testid=lever-disconnect]").await;
    browser.click("[data-testid=confirm-disconnect-yes]").await;
    browser.wait_for_text("[data-testid=lever-state]", "Disconnected").await;
    browser.client.enter_parent_frame().await.expect("back");
    browser.goto(&Browser::extension_page("options.html")).await;
    browser.wait_for_text("[data-testid=connection-state]", "Disconnected by Sam Super").await;

    browser.click("[data-testid=connect]").await;
    let home = browser.switch_to_new_tab().await;
    browser.lever_consent("Sam Super", true).await;
    browser.switch_to(home).await;
    browser.wait_for_text("[data-testid=connection-state]", "Connected to Lever as Sam Super").await;

    stack.lever_control(&format!("/_sim/accounts/{}/revoke", e2e::lever_sim::DEMO_ACCOUNT), json!({})).await;
    browser.goto(&Browser::extension_page("options.html")).await;
    browser.wait_for_text("[data-testid=connection-state]", "Lever access was revoked").await;
    browser.goto(&stack.page("/app/profile")).await;
    row_says(&browser, "Disconnected. Lever access was revoked").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn where_the_page_csp_blocks_wasm_the_lever_row_connects_and_empty_pages_are_reported() {
    let stack = Stack::start().await;
    let browser = Browser::launch().await;
    browser.use_backend(&stack).await;
    let home = connect_from(&browser, &stack, "/app/profile?csp=strict", "Sam Super", true).await;
    back_to_the_prompt(&browser, home).await;
    browser.click("[data-testid=auto-sync-modal] button[type=submit]").await;
    browser.wait_for_text("[data-testid=toast]", "checking the last 30 days").await;
    browser.client.enter_parent_frame().await.expect("back to the page");
    let mode = browser.eval("return document.querySelector('provenbase-lever').dataset.mode;", vec![]).await;
    assert_eq!(mode, json!("fallback"), "the row and the prompt came from the fallback");
    row_says(&browser, "Connected as Sam Super").await;
    // The bar says what the wasm content script's says (the worker words both).
    browser.wait_for_shadow_text("provenbase-lever", ".pbl-summary", "No candidates on this page").await;
    browser.goto(&stack.page("/app/profile")).await;
    browser.wait_for_shadow_text("provenbase-lever", ".pbl-summary", "No candidates on this page").await;
    browser.goto(&stack.page("/app/projects/bench?cards=1&csp=strict")).await;
    browser.wait_for_shadow_text("provenbase-lever", ".pbl-summary", "1 candidate on Projects").await;

    browser.goto(&stack.page("/app/sourcing-lab?variant=redesign&csp=strict")).await;
    browser
        .wait_for(
            "the empty page to be reported",
            "return document.querySelector('provenbase-lever')?.dataset.emptyReported === 'true';",
            vec![],
        )
        .await;
    let token = browser.session_token().await.expect("signed in");
    let mut reports = Value::Null;
    for _ in 0..20 {
        reports = backend_get(&stack, &token, "/api/v1/adapters/reports").await.1;
        if reports.as_array().is_some_and(|r| !r.is_empty()) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert_eq!(reports[0]["path"], "/app/sourcing-lab", "{reports}");
}
