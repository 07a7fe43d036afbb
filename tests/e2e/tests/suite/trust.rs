//! Trust boundaries, tried the way an attacker would: a page that frames our pages, a callback
//! or done URL opened in someone else's browser, a page script looking for Lever data, the
//! release build's reach, and three replicas refreshing one Lever token at once.

use std::time::Duration;

use e2e::{Browser, Database, Stack};
use serde_json::{Value, json};

const FRAMED: [&str; 4] = ["lever-row.html", "autosync.html", "popover.html", "export.html"];

#[tokio::test(flavor = "multi_thread")]
async fn a_page_framing_our_pages_gets_nothing_and_can_change_nothing() {
    let stack = Stack::start().await;
    let browser = Browser::launch().await;
    browser.connect_and_sync(&stack, Some(60)).await;
    browser.goto(&stack.page("/app/profile")).await;
    browser.enter_lever_row().await;
    browser.wait_for_text("[data-testid=lever-state]", "Connected as Sam Super").await;
    browser.client.enter_parent_frame().await.expect("back");
    // What a page could learn of our pages' URLs: the static ones, and (were it ever to leak
    // out of our closed shadow root) the per-session dynamic one, without its spent ticket.
    let frame = browser.frame_in_shadow("li[data-ats=lever] provenbase-lever-row", "iframe").await;
    let dynamic = frame.attr("src").await.expect("src").expect("a URL");
    let dynamic_base = dynamic.split('#').next().and_then(|u| u.rsplit_once('/')).map(|(base, _)| base.to_owned());
    let dynamic_base = dynamic_base.expect("the frame's URL");
    assert!(!dynamic_base.ends_with(shared::EXTENSION_ID), "our frames load by the dynamic id: {dynamic}");
    for (i, page) in FRAMED.iter().enumerate() {
        for base in [format!("chrome-extension://{}", shared::EXTENSION_ID), dynamic_base.clone()] {
            let id = format!("stranger-{i}-{}", base.len());
            browser
                .eval(
                    "const f = document.createElement('iframe'); f.id = arguments[0]; f.src = arguments[1]; \
                     f.style.cssText = 'width:600px;height:300px'; document.body.append(f);",
                    vec![json!(id), json!(format!("{base}/{page}"))],
                )
                .await;
            let stranger = browser.client.find(fantoccini::Locator::Id(&id)).await.expect("the page's frame");
            stranger.enter_frame().await.expect("enter the page's frame");
            if base == dynamic_base {
                // Our page loads, asks the worker about its (missing) ticket, and stays empty.
                let refused = browser
                    .wait_for(
                        "the page to refuse",
                        "return document.querySelector('[data-testid=frame-refused]')?.textContent;",
                        vec![],
                    )
                    .await;
                assert!(
                    refused.as_str().is_some_and(|t| t.contains("opens only from the extension")),
                    "{page}: {refused}"
                );
            } else {
                // The static URL doesn't load at all (Chrome's error page, or nothing).
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
            let inside = browser
                .client
                .execute("return { buttons: document.querySelectorAll('button, input, select').length, url: location.href };", vec![])
                .await
                .unwrap_or_else(|_| json!({"buttons": 0, "url": "unreadable"}));
            if base == dynamic_base {
                assert_eq!(inside["buttons"], 0, "{page} shows no control to a page that framed it: {inside}");
            } else {
                let url = inside["url"].as_str().unwrap_or_default();
                assert!(
                    !url.starts_with("chrome-extension://"),
                    "{base}/{page} loads nothing by its static URL: {inside}"
                );
            }
            browser.client.enter_parent_frame().await.expect("back");
        }
    }
    // Nothing changed: Lever is still connected, as our own row says.
    browser.goto(&Browser::extension_page("options.html")).await;
    browser.wait_for_text("[data-testid=connection-state]", "Connected to Lever as Sam Super").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_stolen_callback_url_opened_in_another_browser_signs_nobody_in() {
    let stack = Stack::start().await;
    let owner = Browser::launch().await;
    owner.use_backend(&stack).await;
    owner.click("[data-testid=connect]").await;
    let home = owner.switch_to_new_tab().await;
    let authorize = owner.client.current_url().await.expect("Lever's URL").to_string();
    owner.switch_to(home).await;
    // Someone sees the Super Admin's consent through to Lever's callback URL, and opens it first,
    // in their own browser (with the extension, pointed at the same backend).
    let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client");
    let callback = stack.lever.decide(&http, &authorize, &stack.lever_user("Sam Super"), "accept").await;
    let thief = Browser::launch().await;
    thief.use_backend(&stack).await;
    thief.goto(&callback).await;
    thief.wait_for_text("h1", "Connected to Lever").await;
    let done = thief.client.current_url().await.expect("the done page").to_string();
    let handoff = url::Url::parse(&done)
        .ok()
        .and_then(|u| u.query_pairs().find(|(k, _)| k == "handoff").map(|(_, v)| v.into_owned()))
        .expect("a handoff code in the done URL");
    // Neither their extension (it started no connect) nor a request of their own gets a session.
    thief.goto(&Browser::extension_page("options.html")).await;
    thief.wait_for_text("[data-testid=connection-state]", "Not signed in").await;
    for secret in ["", "guessed", handoff.as_str()] {
        let res = http
            .post(format!("{}/api/v1/sessions", stack.backend_url))
            .json(&json!({"handoff": handoff, "secret": secret}))
            .send()
            .await
            .expect("sent");
        assert_eq!(res.status(), reqwest::StatusCode::NOT_FOUND, "secret {secret:?}");
    }
    assert_eq!(owner.session_token().await, None, "the owner's tab never reached the done page either");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_content_script_asking_for_privileged_actions_is_refused() {
    let stack = Stack::start().await;
    let browser = Browser::launch().await;
    browser.connect_and_sync(&stack, Some(60)).await;
    browser.goto(&stack.page("/app/projects/q3-backend")).await;
    browser.badges().await;
    // What a page needs still works from the content script's world…
    let pong = browser.eval_as_content_script("chrome.runtime.sendMessage({kind: 'ping'})").await;
    assert_eq!(pong["kind"], "pong", "{pong}");
    // …and nothing else does.
    for request in [
        "{kind: 'set_backend_url', url: 'https://attacker.example'}",
        "{kind: 'backend', call: {call: 'disconnect', with: null}}",
        "{kind: 'backend', call: {call: 'list_sessions', with: null}}",
        "{kind: 'status', tab_id: null}",
        "{kind: 'sign_out'}",
    ] {
        let answer = browser.eval_as_content_script(&format!("chrome.runtime.sendMessage({request})")).await;
        assert_eq!(answer["kind"], "failed", "{request}: {answer}");
        assert!(answer["message"].as_str().is_some_and(|m| m.contains("Not allowed")), "{request}: {answer}");
    }
    // Nor may it frame the auto-sync prompt (one click changes settings) without a connect here.
    let prompt = browser
        .eval_as_content_script("chrome.runtime.sendMessage({kind: 'frame_ticket', purpose: 'auto_sync'})")
        .await;
    assert_eq!(prompt["kind"], "failed", "{prompt}");
    let storage = browser
        .eval_as_content_script(
            "(async () => { try { return 'read ' + JSON.stringify(await chrome.storage.local.get(null)); } \
             catch (e) { return 'refused: ' + e.message; } })()",
        )
        .await;
    assert!(
        storage.as_str().is_some_and(|s| s.starts_with("refused")),
        "the session token stays with the worker: {storage}"
    );
    // Nothing changed: same backend, still signed in, Lever still connected.
    browser.goto(&Browser::extension_page("options.html")).await;
    browser.wait_for_text("[data-testid=connection-state]", "Connected to Lever as Sam Super").await;
    let url = browser.eval("return document.querySelector('#backend-url').value;", vec![]).await;
    assert_eq!(url, json!(stack.backend_url));
    // Even the options page won't send the session over plain http to another machine.
    browser.fill("#backend-url", "http://lever-bridge.example.com").await;
    browser.click("[data-testid=backend-form] button[type=submit]").await;
    browser.wait_for_text("p.bad[role=alert]", "must start with https://").await;
    browser.wait_for_text("[data-testid=connection-state]", "Connected to Lever as Sam Super").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_page_script_finds_no_lever_data_in_its_dom() {
    let stack = Stack::start().await;
    let browser = Browser::launch().await;
    browser.connect_and_sync(&stack, Some(60)).await;
    browser.goto(&stack.page("/app/projects/q3-backend")).await;
    let badges = browser.badges().await;
    assert_eq!(badges["c01"]["stage"], "Phone Interview", "WebDriver sees the badges: {badges}");
    // What any script of the page can read: every attribute, all text, every open shadow root.
    let seen = browser
        .eval(
            "const out = []; const walk = (root) => { for (const el of root.querySelectorAll('*')) { \
               for (const a of el.attributes) out.push(a.name + '=' + a.value); \
               if (el.shadowRoot) { out.push('open shadow root: ' + el.localName); walk(el.shadowRoot); } } }; \
             walk(document); out.push(document.documentElement.innerText); return out.join('\\n');",
            vec![],
        )
        .await;
    let seen = seen.as_str().unwrap_or_default();
    for lever_data in [
        "In Lever",
        "Phone Interview",
        "Recruiter Screen",
        "hire.lever.co",
        "open shadow root",
        "data-match",
        "data-stage",
    ] {
        assert!(!seen.contains(lever_data), "a page script can read {lever_data:?}:\n{seen}");
    }
    assert!(seen.contains("provenbase-lever-badge") || seen.contains("data-ref"), "the badges are there, closed");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_release_build_runs_only_on_provenbase_and_hides_its_pages_behind_a_dynamic_id() {
    let dir = std::env::var_os("PBL_RELEASE_EXTENSION_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../dist/extension"));
    let text =
        std::fs::read_to_string(dir.join("manifest.json")).expect("dist/extension/manifest.json (cargo xtask dist)");
    for local in ["127.0.0.1", "localhost", "http://"] {
        assert!(!text.contains(local), "the release manifest names {local}:\n{text}");
    }
    let manifest: Value = serde_json::from_str(&text).expect("json");
    for entry in manifest["web_accessible_resources"].as_array().expect("a list") {
        assert_eq!(entry["use_dynamic_url"], true, "{entry}");
    }
    let permissions: Vec<&str> =
        manifest["permissions"].as_array().expect("a list").iter().filter_map(Value::as_str).collect();
    assert!(permissions.iter().all(|p| ["storage", "tabs"].contains(p)), "{permissions:?}");
}

/// Each answer asks Lever whether the connection still works, within the organisation's 10
/// calls a second: 15 calls (5 per replica) race for the refresh and take 1.5 s a run.
const CALLS_PER_RUN: usize = 15;

#[tokio::test(flavor = "multi_thread")]
async fn three_replicas_at_token_expiry_refresh_once_twenty_times_in_a_row() {
    let stack = Stack::start_replicas(3, Database::Postgres).await;
    let token = stack.connect_over_http(&stack.replicas[0].url, "Sam Super").await;
    let org = stack.backend.store.upsert_organisation(e2e::lever_sim::DEMO_ACCOUNT).await.expect("org");
    let http = reqwest::Client::new();
    for run in 0..20 {
        stack.backend.store.set_access_expiry(&org, 0).await.expect("expired");
        let before = stack.lever.sim.world().stats.refresh_grants;
        let calls = (0..CALLS_PER_RUN).map(|i| {
            let call =
                http.get(format!("{}/api/v1/lever/connection", stack.replicas[i % 3].url)).bearer_auth(&token).send();
            async move { call.await.expect("sent").json::<Value>().await.expect("json") }
        });
        let answers = futures_util::future::join_all(calls).await;
        assert!(answers.iter().all(|a| a["state"] == "connected"), "run {run}: {answers:?}");
        assert_eq!(stack.lever.sim.world().stats.refresh_grants - before, 1, "run {run}: one refresh grant");
    }
}
