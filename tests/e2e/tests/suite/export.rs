//! Exporting, end to end: from ProvenBase's pages through the export dialog to Lever (the
//! simulator), with the duplicate prompts and the task manager.
//!
//! Long because it is a suite: one browser test per export promise, sharing its helpers.

use std::time::{Duration, Instant};

use e2e::lever_sim::DEMO_ACCOUNT;
use e2e::{Browser, Database, ENTER, ESCAPE, Stack};
use serde_json::{Value, json};

const BAR: &str = "provenbase-lever";

/// Lever's opportunities sourced from ProvenBase: (name, emails, stage, posting, owner, file name, file text).
fn exported(stack: &Stack) -> Vec<Value> {
    let world = stack.lever.sim.world();
    let acct = world.account(DEMO_ACCOUNT).expect("account");
    acct.opportunities
        .iter()
        .filter(|o| o.sources.iter().any(|s| s == "ProvenBase"))
        .map(|o| {
            let contact = acct.contact(&o.contact).expect("contact");
            let file = o.resume.as_ref().and_then(|f| acct.files.get(f));
            let text = file.map(|f| {
                if f.bytes.starts_with(b"PK") {
                    docx_rs::read_docx(&f.bytes).map(|d| d.json()).unwrap_or_default()
                } else {
                    f.pdf_text()
                }
            });
            json!({"name": contact.name, "emails": contact.emails, "stage": o.stage, "posting": o.posting, "owner": o.owner,
                   "tags": o.tags, "notes": o.notes.iter().map(|n| n.value.clone()).collect::<Vec<_>>(),
                   "origin": o.origin, "file": file.map(|f| f.name.clone()), "text": text})
        })
        .collect()
}

/// How many opportunities Lever holds from ProvenBase (cheap: no resume is read).
fn exported_count(stack: &Stack) -> usize {
    let world = stack.lever.sim.world();
    let acct = world.account(DEMO_ACCOUNT).expect("account");
    acct.opportunities.iter().filter(|o| o.sources.iter().any(|s| s == "ProvenBase")).count()
}

async fn wait_exported(stack: &Stack, count: usize) -> Vec<Value> {
    let deadline = Instant::now() + Duration::from_secs(40);
    loop {
        let now = exported_count(stack);
        if now >= count {
            return exported(stack);
        }
        assert!(Instant::now() < deadline, "only {now} of {count} exported");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

fn stage_id(stack: &Stack, name: &str) -> String {
    let world = stack.lever.sim.world();
    world.account(DEMO_ACCOUNT).expect("account").stages.iter().find(|s| s.text == name).expect("stage").id.clone()
}

#[tokio::test(flavor = "multi_thread")]
async fn one_candidate_exports_with_defaults_and_shows_in_the_task_manager() {
    let stack = Stack::start().await;
    let browser = Browser::launch().await;
    browser.connect_and_sync(&stack, Some(60)).await;
    browser.goto(&stack.page("/app/projects/q3-backend")).await;
    browser.badges().await;
    let locked = browser
        .with_shadow_roots(
            "[data-fixture-id=c07] provenbase-lever-badge",
            "return arguments[0][0].querySelector('button.export').disabled;",
            vec![],
        )
        .await
        .expect("c07's badge");
    assert_eq!(locked, json!(true), "locked candidates can't be exported");
    browser.shadow_click("[data-fixture-id=c08] provenbase-lever-badge", "button.export").await;
    browser.enter_export_dialog().await;
    browser.fill_export_options(&[], None, None, false, "María for Q3").await;
    browser.fill("#pbl-note", "Spoke on the phone: open to Q3.").await;
    browser.click("[data-testid=export-submit]").await;
    browser.client.enter_parent_frame().await.expect("back to the page");
    browser.wait_for_shadow_text(BAR, "[data-testid=export-toast]", "Export in progress: María for Q3").await;

    let done = wait_exported(&stack, 1).await;
    let maria = &done[0];
    assert_eq!(maria["name"], "María José García");
    assert_eq!(maria["emails"].as_array().map(Vec::len), Some(3));
    assert_eq!(maria["origin"], "sourced");
    assert_eq!(maria["stage"], json!(stage_id(&stack, "New lead")), "the default stage");
    assert_eq!(maria["posting"], Value::Null, "no job unless one is chosen");
    assert_eq!(maria["tags"], json!(["ProvenBase", "Project: Q3 Backend Hiring"]), "tagged with where she was found");
    assert_eq!(maria["notes"], json!(["Spoke on the phone: open to Q3."]));
    assert_eq!(maria["owner"], json!(stack.lever_user("Sam Super")));
    assert!(maria["file"].as_str().is_some_and(|f| f.ends_with(".pdf")));
    let text = maria["text"].as_str().unwrap_or_default();
    assert!(text.contains("Talent Partner at Cabify") && text.contains("Recruiting"), "{text}");
    // What her card leaves out, read from her ProvenBase profile page.
    for from_profile in [
        "Hires engineers across Spain and Latin America; builds diverse teams.",
        "Técnica de Selección, Glovo (2018–2021)",
        "Universidad Complutense de Madrid, Psicología",
    ] {
        assert!(text.contains(from_profile), "{from_profile} from her profile page: {text}");
    }

    browser.shadow_click(BAR, "[data-testid=task-manager]").await;
    browser.enter_our_frame("iframe.pbl-popover-frame").await;
    browser.wait_for_text("[data-testid=task]", "María for Q3").await;
    browser.wait_for_text("[data-testid=task]", "1 exported").await;
    browser.click("[data-testid=show-all]").await;
    // ChromeDriver does not list tabs showing extension pages: ask Chrome's tabs API instead.
    let opened = "return chrome.tabs.query({ url: chrome.runtime.getURL('tasks.html') }).then(t => t.length === 1);";
    browser.wait_for("the task manager tab", opened, vec![]).await;
    browser.client.enter_parent_frame().await.expect("back to the page");
    browser.goto(&Browser::extension_page("tasks.html")).await;
    browser.wait_for_text("[data-testid=task] h2", "María for Q3").await;
    browser.wait_for_text("[data-testid=task-item][data-state=exported]", "Open in Lever").await;
}

/// How many times the backend answered `GET route` (from its metrics).
fn answered(stack: &Stack, route: &str) -> u64 {
    let prefix = format!("pbl_http_requests_total{{route=\"{route}\",method=\"GET\",");
    let metrics = stack.backend.metrics.render();
    metrics
        .lines()
        .filter(|l| l.starts_with(&prefix))
        .filter_map(|l| l.rsplit(' ').next().and_then(|n| n.parse::<u64>().ok()))
        .sum()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_open_popover_follows_an_export_live_and_asks_the_backend_nothing_while_idle() {
    let stack = Stack::start().await;
    let browser = Browser::launch().await;
    browser.connect_and_sync(&stack, Some(60)).await;
    let token = browser.session_token().await.expect("signed in");
    browser.goto(&stack.page("/app/projects/q3-backend")).await;
    browser.badges().await;
    browser.shadow_click(BAR, "[data-testid=task-manager]").await;
    browser.enter_our_frame("iframe.pbl-popover-frame").await;
    browser.wait_for_text("main.popover", "No exports yet.").await;

    let polls = || answered(&stack, "/api/v1/exports") + answered(&stack, "/api/v1/exports/{id}");
    let idle = polls();
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(polls(), idle, "an idle popover asks nothing");

    let candidates: Vec<Value> = (0..3)
        .map(|i| json!({"ref_id": format!("live{i}"), "name": format!("Live Person {i}"), "emails": [format!("live.{i}@example.com")]}))
        .collect();
    let body = json!({"name": "Followed live", "fields": ["name"], "candidates": candidates});
    e2e::api(&stack.backend_url, &token, "/api/v1/exports", Some(body)).await;
    browser.wait_for_text("[data-testid=task]", "Followed live").await;
    browser.wait_for_text("[data-testid=task]", "3 exported").await;
    assert_eq!(polls(), idle, "progress arrived through the worker's event stream, not by asking");
}

#[tokio::test(flavor = "multi_thread")]
async fn twenty_five_selected_go_to_a_job_and_stage_as_docx_with_only_the_chosen_fields() {
    let stack = Stack::start().await;
    let browser = Browser::launch().await;
    browser.connect_and_sync(&stack, Some(60)).await;
    browser.goto(&stack.page("/app/projects/bench?cards=30")).await;
    browser
        .wait_for("badges", "return document.querySelectorAll('provenbase-lever-badge').length === 30;", vec![])
        .await;
    browser
        .eval("[...document.querySelectorAll('article:not(.is-locked) input.cand-select')].slice(0, 25).forEach(b => b.click());", vec![])
        .await;
    browser.wait_for_shadow_text(BAR, "[data-testid=export-selected]", "Export selected (25)").await;
    browser.shadow_click(BAR, "[data-testid=export-selected]").await;
    browser.enter_export_dialog().await;
    browser
        .fill_export_dialog(
            &["Name", "Title", "Emails"],
            Some("Data Engineer"),
            Some("Recruiter Screen"),
            true,
            "Bench 25",
        )
        .await;
    browser.client.enter_parent_frame().await.expect("back to the page");
    let done = wait_exported(&stack, 25).await;
    assert_eq!(done.len(), 25);
    let job = {
        let world = stack.lever.sim.world();
        world
            .account(DEMO_ACCOUNT)
            .expect("a")
            .postings
            .iter()
            .find(|p| p.text == "Data Engineer")
            .expect("job")
            .id
            .clone()
    };
    for opp in &done {
        assert_eq!(opp["stage"], json!(stage_id(&stack, "Recruiter Screen")));
        assert_eq!(opp["posting"], json!(job));
        assert!(opp["file"].as_str().is_some_and(|f| f.ends_with(".docx")));
        let text = opp["text"].as_str().expect("text");
        let email = opp["emails"][0].as_str().expect("email");
        assert!(text.contains(email) && text.contains("Software Engineer"), "{text}");
        assert!(!text.contains("Remote") && !text.contains("linkedin.com"), "fields not chosen appear nowhere");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn duplicates_are_prompted_for_and_handled_as_chosen() {
    let stack = Stack::start().await;
    let browser = Browser::launch().await;
    browser.connect_and_sync(&stack, Some(60)).await;
    browser.goto(&stack.page("/app/projects/q3-backend")).await;
    browser.badges().await;
    let pick =
        "for (const id of arguments[0]) document.querySelector(`[data-fixture-id=${id}] input.cand-select`).click();";
    browser.eval(pick, vec![json!(["c01", "c04", "c08"])]).await;
    browser.shadow_click(BAR, "[data-testid=export-selected]").await;
    browser.enter_export_dialog().await;
    browser.fill_export_dialog(&[], None, None, false, "Partial").await;
    browser.wait_for_text("[data-testid=partial-duplicates] h2", "2 of 3 may already be in Lever").await;
    browser
        .wait_for_text("[data-testid=duplicate-list]", "Amélie Dubois: in Lever · Phone Interview (same email)")
        .await;
    // A possible match is named and held back until someone checks it.
    browser
        .wait_for_text(
            "[data-testid=duplicate-list]",
            "Priya Raman: possibly Priya Raman in Lever · New lead (same name and company)",
        )
        .await;
    browser.wait_for_text("[data-testid=duplicates-submit]", "Export 1 candidate").await;
    browser.click("[data-testid=duplicates-submit]").await;
    browser.client.enter_parent_frame().await.expect("back");
    let done = wait_exported(&stack, 1).await;
    assert_eq!(done.iter().map(|o| o["name"].as_str().unwrap_or_default()).collect::<Vec<_>>(), ["María José García"]);

    browser.goto(&stack.page("/app/projects/q3-backend")).await;
    browser.badges().await;
    browser.eval(pick, vec![json!(["c01"])]).await;
    browser.shadow_click(BAR, "[data-testid=export-selected]").await;
    browser.enter_export_dialog().await;
    browser.fill_export_dialog(&[], None, None, false, "Again").await;
    browser.wait_for_text("[data-testid=all-duplicates] h2", "This candidate is already in Lever").await;
    browser.wait_for_text("[data-testid=duplicates-submit]", "Nothing left to export").await;
    browser.click("#dup-add-opportunity").await;
    browser.wait_for_text("[data-testid=duplicates-submit]", "Export 1 candidate").await;
    browser.click("[data-testid=duplicates-submit]").await;
    browser.client.enter_parent_frame().await.expect("back");
    let done = wait_exported(&stack, 2).await;
    assert!(done.iter().any(|o| o["name"] == "Amélie Dubois"), "a new opportunity on Amélie's existing profile");

    // Partial again, choosing "export all": both go, Amélie through her existing profile.
    browser.goto(&stack.page("/app/projects/q3-backend")).await;
    browser.badges().await;
    browser.eval(pick, vec![json!(["c01", "c05"])]).await;
    browser.shadow_click(BAR, "[data-testid=export-selected]").await;
    browser.enter_export_dialog().await;
    browser.fill_export_dialog(&[], None, None, false, "All of them").await;
    browser.wait_for_text("[data-testid=partial-duplicates] h2", "1 of 2 is already in Lever").await;
    browser.click("#dup-add-opportunity").await;
    browser.click("[data-testid=duplicates-submit]").await;
    browser.client.enter_parent_frame().await.expect("back");
    let done = wait_exported(&stack, 4).await;
    assert_eq!(done.iter().filter(|o| o["name"] == "Amélie Dubois").count(), 2);

    // And Cancel exports nothing.
    browser.goto(&stack.page("/app/projects/q3-backend")).await;
    browser.badges().await;
    browser.eval(pick, vec![json!(["c01"])]).await;
    browser.shadow_click(BAR, "[data-testid=export-selected]").await;
    browser.enter_export_dialog().await;
    browser.fill_export_dialog(&[], None, None, false, "Never").await;
    browser.click("[data-testid=all-duplicates] button.secondary").await;
    browser.client.enter_parent_frame().await.expect("back");
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(exported_count(&stack), 4, "cancelled: nothing more exported");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_dialog_needs_a_task_name_and_escape_closes_it_without_exporting() {
    let stack = Stack::start().await;
    let browser = Browser::launch().await;
    browser.connect_and_sync(&stack, Some(60)).await;
    browser.goto(&stack.page("/app/projects/q3-backend")).await;
    browser.badges().await;
    browser.shadow_click("[data-fixture-id=c08] provenbase-lever-badge", "button.export").await;
    browser.enter_export_dialog().await;
    browser
        .wait_for(
            "focus in the dialog",
            "return document.activeElement && document.activeElement.type === 'checkbox';",
            vec![],
        )
        .await;
    browser.fill_export_dialog(&[], None, None, false, "").await;
    browser.wait_for_text("[data-testid=export-error]", "Name the export task").await;
    let focused = browser.eval("return document.activeElement.id;", vec![]).await;
    assert_eq!(focused, json!("pbl-task-name"));
    // Esc, pressed where the focus is.
    browser
        .eval(
            "document.activeElement.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));",
            vec![],
        )
        .await;
    browser.client.enter_parent_frame().await.expect("back");
    browser
        .wait_for_shadow(
            "the dialog to close",
            "provenbase-lever",
            "return arguments[0][0].querySelector('iframe') === null;",
            vec![],
        )
        .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(exported(&stack).is_empty(), "nothing was exported");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failure_says_why_and_retry_failed_finishes_it() {
    let stack = Stack::start().await;
    let browser = Browser::launch().await;
    browser.connect_and_sync(&stack, Some(60)).await;
    let token = browser.session_token().await.expect("signed in");
    let ada = stack.lever_user("Ada Admin");
    let saved = reqwest::Client::new()
        .put(format!("{}/api/v1/settings", stack.backend_url))
        .bearer_auth(&token)
        .json(&json!({"integration_admin_id": ada}))
        .send()
        .await
        .expect("sent");
    assert!(saved.status().is_success());
    // The exporting recruiter (the opportunity's owner) is deactivated in Lever: creates are refused.
    let sam = stack.lever_user("Sam Super");
    stack.lever_control(&format!("/_sim/users/{sam}/deactivate"), json!({})).await;
    browser.goto(&stack.page("/app/projects/q3-backend")).await;
    browser.badges().await;
    browser.shadow_click("[data-fixture-id=c08] provenbase-lever-badge", "button.export").await;
    browser.enter_export_dialog().await;
    browser.fill_export_dialog(&[], None, None, false, "Will fail").await;
    browser.client.enter_parent_frame().await.expect("back");
    // The dialog checks for duplicates before it starts the task: wait for it to close.
    browser.wait_for_shadow_text(BAR, "[data-testid=export-toast]", "Export in progress: Will fail").await;
    browser.goto(&Browser::extension_page("tasks.html")).await;
    browser.wait_for_text("[data-testid=task-item][data-state=failed]", "Lever refused this candidate").await;

    stack.lever_control(&format!("/_sim/users/{sam}/reactivate"), json!({})).await;
    browser.click("[data-testid=retry]").await;
    browser.wait_for_text("[data-testid=task-item][data-state=exported]", "Open in Lever").await;
    assert_eq!(wait_exported(&stack, 1).await.len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn export_works_where_the_page_csp_blocks_wasm() {
    let stack = Stack::start().await;
    let browser = Browser::launch().await;
    browser.connect_and_sync(&stack, Some(60)).await;
    browser.goto(&stack.page("/app/projects/q3-backend?csp=strict")).await;
    browser.badges().await;
    let mode = browser.eval("return document.querySelector('provenbase-lever').dataset.mode;", vec![]).await;
    assert_eq!(mode, json!("fallback"));
    browser.shadow_click("[data-fixture-id=c08] provenbase-lever-badge", "button.export").await;
    browser.enter_export_dialog().await;
    browser.fill_export_dialog(&[], None, None, false, "Strict page").await;
    browser.client.enter_parent_frame().await.expect("back");
    browser.wait_for_shadow_text(BAR, "[data-testid=export-toast]", "Export in progress: Strict page").await;
    assert_eq!(wait_exported(&stack, 1).await[0]["name"], "María José García");

    // The fallback's bar: the summary, Export selected, and the task manager.
    browser.wait_for_shadow_text(BAR, ".pbl-summary", "candidates on Projects").await;
    browser
        .with_shadow_roots(
            "article:not(.is-locked):not([data-fixture-id=c08]) provenbase-lever-badge",
            "const [roots, hosts] = arguments; hosts.filter((h, i) => roots[i].querySelector('.badge.none')).slice(0, 2) \
             .forEach(h => h.closest('article').querySelector('input.cand-select').click());",
            vec![],
        )
        .await
        .expect("two Not in Lever candidates chosen");
    browser.wait_for_shadow_text(BAR, "[data-testid=export-selected]", "Export selected (2)").await;
    browser.shadow_click(BAR, "[data-testid=export-selected]").await;
    browser.enter_export_dialog().await;
    browser.fill_export_dialog(&[], None, None, false, "Strict selection").await;
    browser.client.enter_parent_frame().await.expect("back");
    browser.wait_for_shadow_text(BAR, "[data-testid=export-toast]", "Export in progress: Strict selection").await;
    assert_eq!(wait_exported(&stack, 3).await.len(), 3);
    browser.shadow_click(BAR, "[data-testid=task-manager]").await;
    browser.enter_our_frame("iframe.pbl-popover-frame").await;
    browser.wait_for_text("[data-testid=task]", "Strict selection").await;
}

/// The newest task, from the backend, once none of its candidates is queued or exporting.
async fn settled_task(url: &str, token: &str, patience: Duration) -> Value {
    let deadline = Instant::now() + patience;
    loop {
        let tasks = e2e::api(url, token, "/api/v1/exports", None).await;
        let task = &tasks[0];
        if task["counts"]["queued"] == 0 && task["counts"]["exporting"] == 0 {
            return task.clone();
        }
        assert!(Instant::now() < deadline, "the export did not settle: {task}");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn errors_a_429_storm_and_timeouts_in_lever_leave_every_candidate_exported_exactly_once() {
    let stack = Stack::start().await;
    let browser = Browser::launch().await;
    browser.connect_and_sync(&stack, None).await;
    let token = browser.session_token().await.expect("signed in");
    stack.lever_control("/_sim/faults", json!({"latency_ms": 100})).await;
    browser.export_selected(&stack, 40, 30, "Through the storm").await;
    // The faults start once the task is stored (the dialog's lists stay clear of them).
    stack
        .lever_control(
            "/_sim/faults",
            json!({"error_rate": 0.2, "throttle_next": 10, "timeout_after_create_next": 2, "hang_ms": 4000}),
        )
        .await;
    let task = settled_task(&stack.backend_url, &token, Duration::from_secs(90)).await;
    let stats = stack.lever.sim.world().stats.clone();
    assert!(stats.faulted >= 10, "the faults happened: {stats:?}");
    stack.lever_control("/_sim/faults", json!({})).await;
    if task["counts"]["failed"] != 0 {
        // An unlucky streak ends as failures with a reason; Retry failed finishes them.
        browser.goto(&Browser::extension_page("tasks.html")).await;
        browser.click("[data-testid=retry]").await;
        settled_task(&stack.backend_url, &token, Duration::from_secs(60)).await;
    }
    browser.goto(&Browser::extension_page("tasks.html")).await;
    browser.wait_for_text("[data-testid=task] p.idle", "30 exported, 0 skipped, 0 failed, 0 waiting").await;
    stack.assert_each_once(30);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_backend_killed_mid_export_and_restarted_exports_all_200_exactly_once() {
    let mut stack = Stack::start_replicas(1, Database::Sqlite).await;
    let browser = Browser::launch().await;
    browser.connect_and_sync(&stack, None).await;
    browser.export_selected(&stack, 230, 200, "Killed midway").await;
    stack.wait_exported(40, Duration::from_secs(60)).await;
    stack.replicas[0].kill(); // kill -9, mid-export
    let at_kill = stack.exported_emails().len();
    assert!(at_kill < 200, "killed before the end ({at_kill} done)");

    stack.restart(0).await;
    stack.wait_exported(200, Duration::from_secs(90)).await;
    browser.goto(&Browser::extension_page("tasks.html")).await;
    browser.wait_for_text("[data-testid=task] p.idle", "200 exported, 0 skipped, 0 failed, 0 waiting").await;
    stack.assert_each_once(200);
}

/// Each control's value as the dialog first shows it.
const CONTROLS: &str = "const v = (css) => { const e = document.querySelector(css); if (!e) return null; \
    return e.tagName === 'SELECT' ? { value: e.value, text: e.selectedOptions[0] ? e.selectedOptions[0].textContent : null } \
    : (e.type === 'checkbox' || e.type === 'radio') ? e.checked : e.value; }; return arguments[0].map(v);";

#[tokio::test(flavor = "multi_thread")]
async fn every_control_of_every_dialog_opens_on_its_default() {
    let stack = Stack::start().await;
    let browser = Browser::launch().await;
    browser.connect_and_sync(&stack, Some(60)).await;

    // Options page: the integration admin is whoever connected; the invite picker asks for a choice.
    browser.goto(&Browser::extension_page("options.html")).await;
    browser
        .wait_for(
            "the settings",
            "return document.querySelector('#integration-admin option:not([disabled])') !== null;",
            vec![],
        )
        .await;
    browser
        .wait_for(
            "the invite form",
            "return document.querySelector('#invite-who option:not([disabled])') !== null;",
            vec![],
        )
        .await;
    let options = browser
        .eval(
            CONTROLS,
            vec![json!(["#integration-admin", "#default-stage", "#invite-who", "#auto-sync", "#auto-sync-days"])],
        )
        .await;
    assert_eq!(options[0]["text"], "Sam Super (sam@acme.example)", "{options}");
    assert_eq!(options[1], json!({"value": "", "text": "Lever's default (New lead)"}));
    assert_eq!(options[2], json!({"value": "", "text": "Choose a Lever user"}), "no one is invited by default");
    assert_eq!(options[3], json!(true));
    assert_eq!(options[4], json!("60"));
    browser.click("[data-testid=invite-form] button[type=submit]").await;
    browser.wait_for_text("[data-testid=invite-error]", "Choose the Lever user to invite.").await;
    let invites = browser.eval("return document.querySelectorAll('[data-testid=invite]').length;", vec![]).await;
    assert_eq!(invites, json!(0), "the placeholder can't be submitted");

    // The export dialog, step by step.
    browser.goto(&stack.page("/app/projects/q3-backend")).await;
    browser.badges().await;
    browser.shadow_click("[data-fixture-id=c08] provenbase-lever-badge", "button.export").await;
    browser.enter_export_dialog().await;
    browser.wait_for_text("[data-testid=export-fields] h2", "Export 1 candidate").await;
    let fields = browser
        .eval("return Object.fromEntries([...document.querySelectorAll('[data-testid=export-fields] input[type=checkbox]')].map(b => [b.name, [b.checked, b.disabled]]));", vec![])
        .await;
    for field in [
        "Name",
        "Title",
        "Company",
        "Emails",
        "Phones",
        "Location",
        "Links",
        "Summary",
        "Skills",
        "Experience",
        "Education",
    ] {
        assert_eq!(fields[field], json!([true, false]), "{field} is ticked (profile pages give the rest): {fields}");
    }
    browser.wait_for_text("[data-testid=export-fields] button[type=submit]", "Next").await;
    browser.click("[data-testid=export-fields] button[type=submit]").await;
    browser.click("[data-testid=export-destination] [role=menuitem]").await;
    browser
        .wait_for("the options", "return document.querySelector('#pbl-job option:nth-child(2)') !== null;", vec![])
        .await;
    let dialog = browser
        .eval(
            CONTROLS,
            vec![json!([
                "#pbl-job",
                "#pbl-stage",
                "input[name=format][value=pdf]",
                "input[name=format][value=docx]",
                "#pbl-task-name",
                "#pbl-job-filter"
            ])],
        )
        .await;
    assert_eq!(dialog[0], json!({"value": "", "text": "No job"}), "{dialog}");
    assert_eq!(dialog[1]["text"], "New lead", "the organisation's default stage");
    assert_eq!(dialog[2], json!(true), "PDF");
    assert_eq!(dialog[3], json!(false));
    assert_eq!(dialog[4], json!(""), "the task name is the recruiter's to give");
    assert_eq!(dialog[5], json!(""));

    // Sourcing Lab's rows link no profile page: what no page can give is offered disabled, with why.
    browser.client.enter_parent_frame().await.expect("back to the page");
    browser.goto(&stack.page("/app/sourcing-lab")).await;
    let click = "const b = arguments[0].map(r => r.querySelector('button.export')).find(b => b && !b.disabled); \
                 if (!b) return false; b.click(); return true;";
    browser.wait_for_shadow("an unlocked row's Export button", "provenbase-lever-badge", click, vec![]).await;
    browser.enter_export_dialog().await;
    browser.wait_for_text("[data-testid=field-unavailable]", "ProvenBase's cards don't show summary").await;
    let fields = browser
        .eval("return Object.fromEntries([...document.querySelectorAll('[data-testid=export-fields] input[type=checkbox]')].map(b => [b.name, [b.checked, b.disabled]]));", vec![])
        .await;
    assert_eq!(fields["Summary"], json!([false, true]), "{fields}");
    assert_eq!(fields["Experience"], json!([false, true]), "{fields}");
    assert_eq!(fields["Education"], json!([false, true]), "{fields}");
    assert_eq!(fields["Name"], json!([true, false]), "{fields}");
}

#[tokio::test(flavor = "multi_thread")]
async fn exporting_a_just_exported_selection_again_finds_every_one_already_in_lever() {
    let stack = Stack::start().await;
    let browser = Browser::launch().await;
    browser.connect_and_sync(&stack, Some(60)).await;
    browser.export_selected(&stack, 12, 3, "First go").await;
    wait_exported(&stack, 3).await;
    // The same page, the same selection, at once: the dialog asks the backend afresh.
    browser.shadow_click(BAR, "[data-testid=export-selected]").await;
    browser.enter_export_dialog().await;
    browser.fill_export_dialog(&[], None, None, false, "Second go").await;
    browser.wait_for_text("[data-testid=all-duplicates] h2", "All 3 are already in Lever").await;
    browser.wait_for_text("[data-testid=duplicate-list]", "Bench Candidate 0: in Lever · New lead (same email)").await;
    browser.wait_for_text("[data-testid=duplicates-submit]", "Nothing left to export").await;
    browser.client.enter_parent_frame().await.expect("back");
    // And the badges say so on a fresh look.
    browser.goto(&stack.page("/app/projects/bench?cards=12")).await;
    browser.wait_for_badges_saying("exact", 3).await;
    assert_eq!(exported_count(&stack), 3, "nothing exported twice");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_page_with_one_five_thousand_character_name_still_badges_every_other_card() {
    let stack = Stack::start().await;
    let browser = Browser::launch().await;
    browser.connect_and_sync(&stack, Some(60)).await;
    browser.goto(&stack.page("/app/projects/bench?cards=20&odd=1")).await;
    // Every 10th synthetic card is locked: nothing to look for, so it says it can't be checked.
    browser.wait_for_badges_saying("none", 18).await;
    browser.wait_for_badges_saying("unknown", 2).await;
    let matches = browser
        .with_shadow_roots(
            "provenbase-lever-badge",
            "return arguments[0].map(r => r.querySelector('.badge').classList[1]);",
            vec![],
        )
        .await
        .expect("the badges");
    assert!(matches.as_array().is_some_and(|m| m.iter().all(|x| x == "none" || x == "unknown")), "{matches}");
    let bar = browser.shadow_text(BAR, ".pbl-note").await.unwrap_or_default();
    assert!(!bar.contains("too long") && !bar.contains("Candidate \""), "no page-wide error: {bar}");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_export_flips_the_badges_in_another_open_tab_without_a_reload() {
    let stack = Stack::start().await;
    let browser = Browser::launch().await;
    browser.connect_and_sync(&stack, Some(60)).await;
    // The page is open in one tab, every badge "Not in Lever" (the locked one "Can't check")…
    browser.goto(&stack.page("/app/projects/bench?cards=12")).await;
    browser.wait_for_badges_saying("none", 11).await;
    let watching = browser.client.window().await.expect("this tab");
    // …while the recruiter exports three from another tab.
    let other = browser.client.new_window(true).await.expect("a second tab").handle;
    browser.switch_to(other).await;
    browser.export_selected(&stack, 12, 3, "Live").await;
    wait_exported(&stack, 3).await;
    let landed = Instant::now();
    browser.switch_to(watching).await;
    browser.wait_for_badges_saying("exact", 3).await;
    println!("badges flipped in the other tab {} ms after the export landed", landed.elapsed().as_millis());
    let summary = browser.shadow_text(BAR, ".pbl-matches").await.unwrap_or_default();
    assert!(summary.contains("3 in Lever"), "the bar follows: {summary}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_recruiter_exports_and_follows_the_task_with_the_keyboard_alone() {
    let stack = Stack::start().await;
    let browser = Browser::launch().await;
    browser.connect_and_sync(&stack, Some(30)).await;
    let token = browser.session_token().await.expect("a session");
    browser.goto(&stack.page("/app/projects/q3-backend")).await;
    browser.badges().await;

    // From the top of the page, Tab reaches Robert's *Export to Lever*; Enter opens the dialog.
    let on_robert = "const [roots, hosts] = arguments; return roots.some((r, i) => \
        hosts[i].closest('[data-fixture-id=c05]') !== null && r.activeElement !== null \
        && r.activeElement.matches('button.export'));";
    browser.tab_until("Robert's Export to Lever", "provenbase-lever-badge", on_robert).await;
    browser.press(ENTER).await;
    browser.enter_export_dialog().await;
    browser.wait_for_text("[data-testid=export-fields] h2", "Export").await;
    browser.tab_to("[data-testid=export-fields] button[type=submit]").await;
    browser.press(ENTER).await;
    browser.wait_for_text("[data-testid=export-destination]", "Lever").await;
    browser.tab_to("[data-testid=export-destination] [role=menuitem]").await;
    browser.press(ENTER).await;
    browser.wait_for("the options", "return document.querySelector('#pbl-stage option') !== null;", vec![]).await;
    browser.tab_to("#pbl-task-name").await;
    browser.type_text("Keyboard").await;
    browser.tab_to("[data-testid=export-submit]").await;
    browser.press_closing_our_frame(ENTER, "iframe.pbl-export-frame").await;
    // The focus comes back to the button that opened the dialog, and stays there when Robert's
    // badge is drawn again once she is in Lever.
    browser.wait_for_shadow("the focus back on Robert's button", "provenbase-lever-badge", on_robert, vec![]).await;
    stack.wait_exported(1, Duration::from_secs(30)).await;
    let robert_in_lever = "const [roots, hosts] = arguments; return roots.some((r, i) => \
        hosts[i].closest('[data-fixture-id=c05]') !== null && r.querySelector('.badge.exact') !== null);";
    browser.wait_for_shadow("Robert's badge saying In Lever", "provenbase-lever-badge", robert_in_lever, vec![]).await;
    browser.wait_for_shadow("the focus still on Robert's button", "provenbase-lever-badge", on_robert, vec![]).await;

    // María's dialog is open while she lands in Lever through someone else's export: her badge is
    // drawn again behind the dialog, and Escape gives the focus to her new button.
    let on_maria = on_robert.replace("c05", "c08");
    browser.tab_until("María's Export to Lever", "provenbase-lever-badge", &on_maria).await;
    browser.press(ENTER).await;
    browser.enter_export_dialog().await;
    browser.wait_for_text("[data-testid=export-fields] h2", "Export").await;
    browser.client.enter_parent_frame().await.ok();
    let maria = json!({"ref_id": "m", "name": "María José García", "emails": ["mj.garcia@example.es"]});
    let created = reqwest::Client::new()
        .post(format!("{}/api/v1/exports", stack.backend_url))
        .bearer_auth(token)
        .json(&json!({"name": "Elsewhere", "fields": ["name"], "candidates": [maria]}))
        .send()
        .await
        .expect("an export");
    assert!(created.status().is_success());
    let maria_in_lever = robert_in_lever.replace("c05", "c08");
    browser.wait_for_shadow("María's badge saying In Lever", "provenbase-lever-badge", &maria_in_lever, vec![]).await;
    browser.enter_export_dialog().await;
    browser.press_closing_our_frame(ESCAPE, "iframe.pbl-export-frame").await;
    browser.wait_for_shadow("the focus on María's new button", "provenbase-lever-badge", &on_maria, vec![]).await;

    // Tab reaches the tasks.
    let on_tasks = "return arguments[0].some(r => r.activeElement !== null \
        && r.activeElement.matches('[data-testid=task-manager]'));";
    browser.tab_until("the task manager button", "provenbase-lever", on_tasks).await;
    browser.press(ENTER).await;
    browser.enter_our_frame("iframe.pbl-popover-frame").await;
    browser.wait_for_text("[data-testid=task]", "Elsewhere").await; // the newest first
}
