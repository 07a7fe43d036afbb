//! Duplicate badges, end to end: on Projects, Sourcing Lab and Candidate Lake, each candidate
//! already in Lever (by email, LinkedIn or phone) shows its stage; a name + company match shows
//! as possible; cards added later get badges; Lever changes show after the next check.
//!
//! Long because it is a suite: one browser test per badge promise, sharing its helpers.

use std::sync::atomic::Ordering;
use std::time::Duration;

use e2e::{Browser, Stack};
use serde_json::{Value, json};

/// Scrolls the Sourcing Lab until its infinite scroll has loaded every row.
async fn scroll_to_all_rows(browser: &Browser) {
    let script = "window.scrollTo(0, document.body.scrollHeight); return document.querySelectorAll('[data-fixture-id]').length === 14;";
    browser.wait_for("every row", script, vec![]).await;
}

/// On the options page, as a Super Admin: saves `set` as the organisation's page adapters.
async fn save_adapters(browser: &Browser, set: &shared::adapter::AdapterSet) {
    browser
        .eval(
            "document.querySelector('#adapter-json').value = arguments[0];",
            vec![json!(serde_json::to_string(set).expect("json"))],
        )
        .await;
    browser.click("[data-testid=adapters-form] button[type=submit]").await;
    browser.wait_for_text("[data-testid=adapters-notice]", "Page adapters saved").await;
}

/// What the demo Lever account says about the fixture people (see lever-sim's seed).
fn assert_expected(badges: &Value, page: &str) {
    let b = |id: &str| &badges[id];
    assert_eq!(b("c01")["match"], "exact", "{page}: Amélie by email");
    assert_eq!(b("c01")["stage"], "Phone Interview", "{page}");
    assert!(b("c01")["href"].as_str().is_some_and(|h| h.contains("/candidates/")), "{page}: links to Lever");
    assert_eq!(b("c02")["match"], "exact", "{page}: 王小明 by LinkedIn URL");
    assert_eq!(b("c02")["stage"], "Recruiter Screen", "{page}");
    assert_eq!(b("c03")["match"], "exact", "{page}: Seán by phone");
    assert_eq!(b("c04")["match"], "possible", "{page}: Priya by name and company");
    assert!(b("c04")["text"].as_str().is_some_and(|t| t.contains("Possible match")), "{page}");
    assert_eq!(b("c08")["match"], "none", "{page}");
    assert_eq!(b("c07")["locked"], true, "{page}: locked candidates say so");
    if !badges["c12"].is_null() {
        assert_eq!(b("c12")["match"], "exact", "{page}: Kwame");
        assert_eq!(b("c12")["archived"], true, "{page}: Kwame is archived in Lever");
        assert!(b("c12")["text"].as_str().is_some_and(|t| t.contains("Archived")), "{page}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn badges_show_who_is_in_lever_on_all_three_pages_in_one_request_each() {
    let stack = Stack::start().await;
    let browser = Browser::launch().await;
    browser.connect_and_sync(&stack, Some(60)).await;

    browser.goto(&stack.page("/app/projects/q3-backend")).await;
    let badges = browser.badges().await;
    assert_expected(&badges, "projects");
    assert_eq!(stack.backend.checks.load(Ordering::SeqCst), 1, "one batched check for the page");

    browser.click("#load-more").await;
    browser
        .wait_for(
            "every card badged",
            "return document.querySelectorAll('[data-fixture-id] provenbase-lever-badge').length === 14;",
            vec![],
        )
        .await;
    assert_expected(&browser.badges().await, "projects after load more");
    assert_eq!(stack.backend.checks.load(Ordering::SeqCst), 2, "one more check for the new cards only");

    browser.goto(&stack.page("/app/sourcing-lab")).await;
    // Infinite scroll: rows arrive as the recruiter scrolls down.
    scroll_to_all_rows(&browser).await;
    assert_expected(&browser.badges().await, "sourcing lab");

    browser.goto(&stack.page("/app/candidate-lake")).await;
    assert_expected(&browser.badges().await, "candidate lake");
    let before_filter = stack.backend.checks.load(Ordering::SeqCst);
    browser.fill("#lake-filter", "a").await;
    browser.wait_for("the filtered list re-badged", "const items = document.querySelectorAll('.lake-item'); return items.length > 0 && [...items].every(i => i.querySelector('provenbase-lever-badge'));", vec![]).await;
    assert_eq!(stack.backend.checks.load(Ordering::SeqCst), before_filter, "re-rendered cards are not checked again");
    let bar = json!(browser.shadow_text("provenbase-lever", ".pbl-matches").await);
    assert!(bar.as_str().is_some_and(|t| t.contains("in Lever")), "{bar}");
}

/// The first page after the worker went to sleep (30 idle seconds) reads its cards while the
/// worker wakes and sends their check at once; the brain's own first check takes that answer
/// (one check, not two) and every badge is right.
#[tokio::test(flavor = "multi_thread")]
async fn a_page_opened_while_the_worker_sleeps_is_checked_once_and_badged_right() {
    let stack = Stack::start().await;
    let browser = Browser::launch().await;
    browser.connect_and_sync(&stack, Some(60)).await;
    for round in 0..3 {
        browser.goto("about:blank").await;
        browser.put_extension_worker_to_sleep().await;
        let before = stack.backend.checks.load(Ordering::SeqCst);
        browser.goto(&stack.page("/app/projects/q3-backend")).await;
        assert_expected(&browser.badges().await, &format!("projects, round {round}"));
        assert_eq!(stack.backend.checks.load(Ordering::SeqCst) - before, 1, "round {round}: one check for the page");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn names_holding_markup_stay_text_in_badges() {
    let stack = Stack::start().await;
    let sam = stack.lever_user("Sam Super");
    stack
        .lever_control(
            &format!("/_sim/accounts/{}/opportunities", e2e::lever_sim::DEMO_ACCOUNT),
            json!({"performAs": sam, "name": "<img src=x onerror=\"window.__pwned=1\">Robert Tables", "emails": ["bobby.tables@example.net"]}),
        )
        .await;
    let browser = Browser::launch().await;
    browser.connect_and_sync(&stack, Some(30)).await;
    browser.goto(&stack.page("/app/projects/q3-backend")).await;
    let badges = browser.badges().await;
    assert_eq!(badges["c05"]["match"], "exact");
    assert_eq!(badges["c05"]["markup"], false, "no element made from a name");
    let title = browser
        .with_shadow_roots(
            "[data-fixture-id=c05] provenbase-lever-badge",
            "return arguments[0][0].querySelector('a').title;",
            vec![],
        )
        .await
        .expect("c05's badge");
    assert!(title.as_str().is_some_and(|t| t.contains("<img src=x")), "shown as text: {title}");
    assert_eq!(browser.eval("return window.__pwned === undefined;", vec![]).await, json!(true));
}

#[tokio::test(flavor = "multi_thread")]
async fn with_sync_off_the_badges_say_why() {
    let stack = Stack::start().await;
    let browser = Browser::launch().await;
    browser.connect_and_sync(&stack, None).await;
    browser.goto(&stack.page("/app/candidate-lake")).await;
    let badges = browser.badges().await;
    for (id, badge) in badges.as_object().expect("badges") {
        assert_eq!(badge["match"], "off", "{id}");
        assert!(badge["text"].as_str().is_some_and(|t| t.contains("Lever check off")), "{id}");
    }
    browser.wait_for_shadow_text("provenbase-lever", ".pbl-note", "Auto Full Profiles Sync is off").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn lever_stage_changes_show_after_a_webhook_or_the_next_sync() {
    let stack = Stack::start().await;
    let browser = Browser::launch().await;
    browser.connect_and_sync(&stack, Some(60)).await;
    // The Super Admin pastes Lever's webhook signature token in the options page.
    browser.fill("#webhook-token", "signing-token-from-lever").await;
    browser.click("[data-testid=webhook-form] button[type=submit]").await;
    browser.wait_for_text("[data-testid=settings-notice]", "Webhook signature token saved.").await;
    let org = stack.backend.store.upsert_organisation(e2e::lever_sim::DEMO_ACCOUNT).await.expect("org");
    stack
        .lever_control(
            &format!("/_sim/accounts/{}/webhooks", e2e::lever_sim::DEMO_ACCOUNT),
            json!({"url": format!("{}/api/v1/lever/webhooks/{org}", stack.backend_url), "events": ["candidateStageChange"], "signatureToken": "signing-token-from-lever"}),
        )
        .await;
    let (amelie, seán, offer, onsite) = {
        let world = stack.lever.sim.world();
        let acct = world.account(e2e::lever_sim::DEMO_ACCOUNT).expect("account");
        let opp = |email: Option<&str>, phone: Option<&str>| {
            acct.opportunities
                .iter()
                .find(|o| {
                    let c = acct.contact(&o.contact).expect("contact");
                    email.is_some_and(|e| c.emails.iter().any(|x| x.eq_ignore_ascii_case(e)))
                        || phone.is_some_and(|p| c.phones.iter().any(|x| x.value == p))
                })
                .expect("opportunity")
                .id
                .clone()
        };
        let stage = |name: &str| acct.stages.iter().find(|s| s.text == name).expect("stage").id.clone();
        (
            opp(Some("amelie.dubois@example.com"), None),
            opp(None, Some("+353871234567")),
            stage("Offer"),
            stage("On-Site Interview"),
        )
    };
    browser.goto(&stack.page("/app/projects/q3-backend")).await;
    assert_eq!(browser.badges().await["c01"]["stage"], "Phone Interview");
    stack.lever_control(&format!("/_sim/opportunities/{amelie}/stage"), json!({"stage": offer})).await;
    // By webhook: the open page follows Lever without a reload.
    let flipped = std::time::Instant::now();
    let offer_shown =
        "const r = arguments[0][0]; return !!r && r.querySelector('[data-stage]')?.dataset.stage === 'Offer';";
    let host = "[data-fixture-id=c01] provenbase-lever-badge";
    browser.wait_for_shadow("Amélie's badge to follow Lever's webhook, live", host, offer_shown, vec![]).await;
    println!("badge followed a Lever webhook in {} ms", flipped.elapsed().as_millis());

    // Without a webhook (Seán's change is not sent), the next sync brings it.
    let mut world_hooks = std::mem::take(&mut stack.lever.sim.world().webhooks);
    stack.lever_control(&format!("/_sim/opportunities/{seán}/stage"), json!({"stage": onsite})).await;
    browser.goto(&stack.page("/app/projects/q3-backend")).await;
    assert_eq!(browser.badges().await["c03"]["stage"], "Reached Out", "not yet synced");
    browser.goto(&Browser::extension_page("options.html")).await;
    browser.click("[data-testid=sync-now]").await;
    browser.wait_for_text("[data-testid=settings-notice]", "Lever profiles synced.").await;
    browser.goto(&stack.page("/app/projects/q3-backend")).await;
    assert_eq!(browser.badges().await["c03"]["stage"], "On-Site Interview");
    stack.lever.sim.world().webhooks.append(&mut world_hooks);
}

#[tokio::test(flavor = "multi_thread")]
async fn badges_also_show_where_the_page_csp_blocks_wasm() {
    let stack = Stack::start().await;
    let browser = Browser::launch().await;
    browser.connect_and_sync(&stack, Some(60)).await;
    for path in ["/app/projects/q3-backend", "/app/sourcing-lab", "/app/candidate-lake"] {
        browser.goto(&stack.page(&format!("{path}?csp=strict"))).await;
        if path == "/app/sourcing-lab" {
            scroll_to_all_rows(&browser).await;
        }
        assert_expected(&browser.badges().await, &format!("{path} (strict CSP)"));
        let mode = browser.eval("return document.querySelector('provenbase-lever').dataset.mode;", vec![]).await;
        assert_eq!(mode, json!("fallback"), "{path}: wasm is blocked here, so the fallback drew these");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_redesigned_page_is_reported_and_an_adapter_override_fixes_it_without_a_release() {
    let stack = Stack::start().await;
    let browser = Browser::launch().await;
    browser.connect_and_sync(&stack, Some(60)).await;
    browser.goto(&stack.page("/app/sourcing-lab?variant=redesign")).await;
    scroll_to_all_rows(&browser).await;
    let found = browser.eval("return document.querySelector('provenbase-lever').dataset.candidates;", vec![]).await;
    assert_eq!(found, json!("0"), "the built-in adapter no longer fits");
    browser
        .wait_for(
            "the empty page to be reported",
            "return document.querySelector('provenbase-lever').dataset.emptyReported === 'true';",
            vec![],
        )
        .await;

    browser.goto(&Browser::extension_page("options.html")).await;
    let mut reported = false;
    for _ in 0..20 {
        browser.goto(&Browser::extension_page("options.html")).await;
        browser.wait_for_text("[data-testid=adapters-state]", "built-in page adapters").await;
        let text = browser
            .eval(
                "return [...document.querySelectorAll('[data-testid=empty-page]')].map(e => e.textContent).join();",
                vec![],
            )
            .await;
        if text.as_str().is_some_and(|t| t.contains("Sourcing Lab · /app/sourcing-lab")) {
            reported = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
    assert!(reported, "the empty page was reported to the Super Admin");

    let mut set = shared::adapter::AdapterSet::built_in();
    set.version = 2;
    let redesigned = shared::adapter::PageAdapter {
        page: shared::adapter::PageKind::SourcingLab,
        path_contains: vec!["/sourcing-lab".into()],
        candidate: "tr.result-row".into(),
        fields: serde_json::from_value(json!({
            "name": {"selector": ".result-name"}, "title": {"selector": ".result-role"},
            "company": {"selector": ".result-org"}, "emails": {"selector": ".result-mail"}, "locked": ".result-locked"
        }))
        .expect("selectors"),
        integrations: None,
        context: None,
        within: vec![],
    };
    for adapter in &mut set.pages {
        if adapter.page == shared::adapter::PageKind::SourcingLab {
            *adapter = redesigned.clone();
        }
    }
    save_adapters(&browser, &set).await;
    browser.wait_for_text("[data-testid=adapters-state]", "your organisation's page adapters (version 2)").await;

    browser.goto(&stack.page("/app/sourcing-lab?variant=redesign")).await;
    scroll_to_all_rows(&browser).await;
    let badges = browser.badges().await;
    assert_eq!(badges["c01"]["match"], "exact", "Amélie by email, read with the new adapter");
    assert_eq!(badges["c04"]["match"], "possible");
    assert_eq!(badges["c07"]["locked"], true);
}

#[tokio::test(flavor = "multi_thread")]
async fn cards_streaming_in_are_checked_together_not_one_by_one() {
    let stack = Stack::start().await;
    let browser = Browser::launch().await;
    browser.connect_and_sync(&stack, Some(60)).await;
    for csp in ["", "&csp=strict"] {
        let before = stack.backend.checks.load(Ordering::SeqCst);
        browser.goto(&stack.page(&format!("/app/projects/bench?cards=60&defer=1&stream=50{csp}"))).await;
        browser.wait_for("the cards to stream in", "return window.__streamed !== undefined;", vec![]).await;
        browser
            .wait_for(
                "every badge",
                "return document.querySelectorAll('provenbase-lever-badge').length === 60;",
                vec![],
            )
            .await;
        let checks = stack.backend.checks.load(Ordering::SeqCst) - before;
        // 3 s of cards, one check per 200 ms at most: 15 (and one more for the last ones).
        assert!(checks <= 16, "{checks} checks for 60 cards streaming in{csp}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_page_that_removes_what_we_inject_gets_it_back_only_a_few_times_a_minute() {
    let stack = Stack::start().await;
    let browser = Browser::launch().await;
    browser.connect_and_sync(&stack, Some(60)).await;
    for csp in ["", "&csp=strict"] {
        browser.goto(&stack.page(&format!("/app/projects/bench?cards=12&hostile=1{csp}"))).await;
        browser.wait_for("a first insertion", "return window.__injected > 0;", vec![]).await;
        tokio::time::sleep(std::time::Duration::from_secs(3)).await;
        let injected = browser.eval("return window.__injected;", vec![]).await.as_u64().unwrap_or(0);
        // Twelve badges and the bar, drawn at most three times each a minute.
        assert!((13..=39).contains(&injected), "{injected} insertions in 3 s{csp}");
    }
    // On a friendlier page, a bar removed once comes back.
    browser.goto(&stack.page("/app/projects/q3-backend")).await;
    browser.badges().await;
    browser.eval("document.querySelector('provenbase-lever').remove();", vec![]).await;
    browser
        .wait_for("the bar to come back", "return document.querySelector('provenbase-lever') !== null;", vec![])
        .await;
    browser.wait_for_shadow_text("provenbase-lever", ".pbl-summary", "8 candidates").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_page_that_loads_with_a_thousand_cards_badges_each_card_with_its_own_person() {
    // Such a page is read in slices and its answer drawn in a task of its own (no long task):
    // every badge still lands on the card of the person it speaks of.
    let stack = Stack::start().await;
    stack.lever_bench_people(0, 100, 10).await;
    let browser = Browser::launch().await;
    browser.connect_and_sync(&stack, Some(60)).await;
    browser.goto(&stack.page("/app/projects/bench?cards=1000")).await;
    browser
        .wait_for(
            "every card badged",
            "return document.querySelectorAll('provenbase-lever-badge').length === 1000;",
            vec![],
        )
        .await;
    let in_lever = browser
        .with_shadow_roots(
            "provenbase-lever-badge",
            "const [roots, hosts] = arguments; \
             return hosts.filter((h, i) => roots[i].querySelector('.badge.exact')) \
               .map(h => h.closest('[data-candidate-id]').getAttribute('data-candidate-id'));",
            vec![],
        )
        .await
        .expect("the badges");
    let every_tenth: Vec<String> = (0..1000).step_by(10).map(|i| format!("s{i:05}")).collect();
    assert_eq!(in_lever, json!(every_tenth));
    // The bar counts them as English writes a thousand.
    browser.wait_for_shadow_text("provenbase-lever", ".pbl-summary", "1,000 candidates on").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn badges_wrap_inside_their_card_and_never_widen_the_page() {
    let stack = Stack::start().await;
    let browser = Browser::launch().await;
    browser.connect_and_sync(&stack, Some(60)).await;
    for path in ["/app/projects/q3-backend", "/app/projects/bench?cards=1000"] {
        browser.goto(&stack.page(path)).await;
        browser
            .wait_for(
                "every card badged",
                "const cards = document.querySelectorAll('[data-candidate-id]'); \
                 return cards.length > 0 && document.querySelectorAll('provenbase-lever-badge').length === cards.length;",
                vec![],
            )
            .await;
        let outside = browser
            .eval(
                "return [...document.querySelectorAll('provenbase-lever-badge')].filter(b => { \
                   const card = b.closest('[data-candidate-id]').getBoundingClientRect(), r = b.getBoundingClientRect(); \
                   return r.right > card.right + 0.5 || r.left < card.left - 0.5; }).length;",
                vec![],
            )
            .await;
        assert_eq!(outside, json!(0), "{path}: badges outside their card");
        let widened = browser
            .eval("return document.documentElement.scrollWidth - document.documentElement.clientWidth;", vec![])
            .await;
        assert_eq!(widened, json!(0), "{path}: the page scrolls sideways");
    }
}

/// The injected UI (our bar and its frames, the Lever row, every badge) as text, without what
/// differs between two loads of the same state: frame tickets and the extension's per-session
/// origin, the staged export's id, and the drawer's own `data-mode`. `null` while a frame still
/// waits for its ticket.
const INJECTED_UI: &str = r#"
const [roots, hosts] = arguments;
const kept = ['class', 'role', 'aria-label', 'aria-live', 'aria-hidden', 'aria-expanded', 'data-testid', 'hidden',
  'type', 'title', 'disabled', 'href', 'target', 'rel', 'data-stage', 'style', 'data-ref'];
let waiting = false;
const src = (frame) => {
  const s = frame.getAttribute('src');
  if (!s) { waiting = true; return ''; }
  return s.replace(/^chrome-extension:\/\/[^/]+\//, '').replace(/#.*$/, '').replace(/stage=\d+/, 'stage=N');
};
const text = (n) => {
  if (n.nodeType === Node.TEXT_NODE) return n.textContent;
  if (n.nodeType !== Node.ELEMENT_NODE) return '';
  let out = '<' + n.localName;
  for (const a of kept) if (n.hasAttribute(a)) out += ` ${a}="${n.getAttribute(a)}"`;
  if (n.localName === 'iframe') out += ` src="${src(n)}"`;
  return out + '>' + [...n.childNodes].map(text).join('') + '</' + n.localName + '>';
};
const out = hosts.map((h, i) => {
  const own = [...h.attributes].filter((a) => a.name !== 'data-mode').map((a) => `${a.name}="${a.value}"`).sort();
  const sheets = roots[i].adoptedStyleSheets.length;
  return `${h.localName} ${own.join(' ')} sheets=${sheets}\n  ${[...roots[i].childNodes].map(text).join('')}`;
});
// Each stack has its own Lever simulator (its port, its ids).
return waiting ? null : out.join('\n').replace(/http:\/\/127\.0\.0\.1:\d+/g, 'LEVER')
  .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'ID');
"#;

/// [`INJECTED_UI`] once it holds still (two reads 300 ms apart agree).
async fn injected_ui(browser: &Browser) -> String {
    let hosts = "provenbase-lever, provenbase-lever-row, provenbase-lever-badge";
    let mut last = String::new();
    for _ in 0..100 {
        let now = browser.with_shadow_roots(hosts, INJECTED_UI, vec![]).await.ok();
        let now = now.and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
        if !now.is_empty() && now == last {
            return now;
        }
        last = now;
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    panic!("the injected UI never held still; last:\n{last}");
}

/// Every state of the injected UI a recruiter or a Super Admin meets, on a fresh stack, with the
/// wasm content script or (`strict`) the fallback of pages whose CSP blocks wasm.
async fn every_state(strict: bool) -> Vec<(String, String)> {
    let stack = Stack::start().await;
    let browser = Browser::launch().await;
    let page = |path: &str| {
        let sep = if path.contains('?') { '&' } else { '?' };
        stack.page(&if strict { format!("{path}{sep}csp=strict") } else { path.to_owned() })
    };
    let pages = ["/app/projects/q3-backend", "/app/sourcing-lab", "/app/candidate-lake", "/app/profile"];
    let mut shots = Vec::new();
    let read = "return document.querySelector('provenbase-lever')?.dataset.candidates !== undefined;";
    browser.use_backend(&stack).await;
    for path in pages {
        browser.goto(&page(path)).await;
        browser.wait_for("a first read", read, vec![]).await;
        if path.contains("profile") {
            browser.wait_for_shadow_text("provenbase-lever", ".pbl-summary", "No candidates on this page").await;
        } else {
            browser.wait_for_shadow_text("provenbase-lever", ".pbl-note", "Sign in").await;
        }
        shots.push((format!("not connected: {path}"), injected_ui(&browser).await));
    }
    browser.connect_and_sync(&stack, Some(60)).await;
    for path in pages {
        browser.goto(&page(path)).await;
        browser.wait_for("a first read", read, vec![]).await;
        if !path.contains("profile") {
            browser.badges().await;
        }
        shots.push((format!("connected, badges: {path}"), injected_ui(&browser).await));
    }
    let projects = pages[0];
    browser.goto(&page(projects)).await;
    browser.badges().await;
    browser
        .eval("[...document.querySelectorAll('article:not(.is-locked) input.cand-select')].slice(0, 2).forEach(b => b.click());", vec![])
        .await;
    browser.wait_for_shadow_text("provenbase-lever", "[data-testid=export-selected]", "Export selected (2)").await;
    shots.push(("two selected".into(), injected_ui(&browser).await));
    browser.shadow_click("[data-fixture-id=c08] provenbase-lever-badge", "button.export").await;
    browser.frame_in_shadow("provenbase-lever", "iframe.pbl-export-frame").await;
    shots.push(("export dialog open".into(), injected_ui(&browser).await));
    browser.enter_export_dialog().await;
    browser.fill_export_dialog(&[], None, None, false, "Snapshot").await;
    browser.client.enter_parent_frame().await.expect("back to the page");
    browser
        .wait_for_shadow_text("provenbase-lever", "[data-testid=export-toast]", "Export in progress: Snapshot")
        .await;
    stack.wait_exported(1, Duration::from_secs(30)).await;
    browser.wait_for_shadow_text("provenbase-lever", ".pbl-matches", "4 in Lever").await;
    shots.push(("an export under way, its badge flipped".into(), injected_ui(&browser).await));
    browser.shadow_click("provenbase-lever", "[data-testid=task-manager]").await;
    browser.frame_in_shadow("provenbase-lever", "iframe.pbl-popover-frame").await;
    shots.push(("task manager open".into(), injected_ui(&browser).await));

    stack.lever_control(&format!("/_sim/accounts/{}/revoke", e2e::lever_sim::DEMO_ACCOUNT), json!({})).await;
    browser.goto(&Browser::extension_page("options.html")).await;
    browser.wait_for_text("[data-testid=connection-state]", "Disconnected").await;
    for path in [projects, "/app/profile"] {
        browser.goto(&page(path)).await;
        browser.wait_for("a first read", read, vec![]).await;
        if path == projects {
            browser.wait_for_shadow_text("provenbase-lever", ".pbl-note", "Lever is disconnected").await;
        }
        shots.push((format!("Lever disconnected: {path}"), injected_ui(&browser).await));
    }
    shots
}

#[tokio::test(flavor = "multi_thread")]
async fn the_wasm_script_and_the_strict_csp_fallback_draw_every_state_identically() {
    let wasm = every_state(false).await;
    let fallback = every_state(true).await;
    assert_eq!(wasm.len(), fallback.len());
    for ((state, drawn), (_, fallback_drawn)) in wasm.iter().zip(&fallback) {
        assert_eq!(drawn, fallback_drawn, "{state}: the two drawers differ");
    }
    // The states are what they say (the comparison above can't pass on two empty pages).
    let shot = |state: &str| &wasm.iter().find(|(s, _)| s.starts_with(state)).expect(state).1;
    assert!(shot("not connected: /app/projects").contains("Sign in"));
    assert!(shot("connected, badges: /app/projects").contains("In Lever · "));
    assert!(shot("connected, badges: /app/profile").contains("lever-row.html"));
    assert!(shot("two selected").contains("Export selected (2)"));
    assert!(shot("export dialog open").contains("export.html?stage=N"));
    assert!(shot("an export under way").contains("Export in progress: Snapshot"));
    assert!(shot("task manager open").contains("popover.html"));
    assert!(shot("Lever disconnected: /app/projects").contains("Lever is disconnected"));
}

#[tokio::test(flavor = "multi_thread")]
async fn cards_in_open_shadow_roots_and_same_origin_frames_get_badges_when_the_adapter_descends() {
    let stack = Stack::start().await;
    let browser = Browser::launch().await;
    browser.connect_and_sync(&stack, Some(60)).await;
    // Built-in adapters don't look inside: a Super Admin's override says where to.
    let mut set = shared::adapter::AdapterSet::built_in();
    set.version = 2;
    for adapter in &mut set.pages {
        if adapter.page == shared::adapter::PageKind::CandidateLake {
            adapter.within = vec!["pb-lake-results".into(), "iframe[data-pb-embed]".into()];
        }
    }
    browser.goto(&Browser::extension_page("options.html")).await;
    browser.wait_for_text("[data-testid=adapters-state]", "built-in page adapters").await;
    save_adapters(&browser, &set).await;

    // Both drawers: the wasm content script, and the fallback where the page's CSP blocks wasm.
    for csp in ["", "&csp=strict"] {
        // Results in a web component's open shadow root: every card badged, the bar counts them.
        browser.goto(&stack.page(&format!("/app/candidate-lake?embed=shadow{csp}"))).await;
        let every_card = "const r = document.querySelector('pb-lake-results')?.shadowRoot; \
                          const cards = r ? [...r.querySelectorAll('li.lake-item')] : []; \
                          return cards.length > 0 && cards.every(c => c.querySelector('provenbase-lever-badge'));";
        browser.wait_for("every card in the shadow root badged", every_card, vec![]).await;
        browser.wait_for_shadow_text("provenbase-lever", ".pbl-matches", "in Lever").await;
        // Filtering re-renders inside the shadow root: the new cards are badged too (it is observed).
        let filter =
            "const f = document.getElementById('lake-filter'); f.value = 'a'; f.dispatchEvent(new Event('input'));";
        browser.eval(filter, vec![]).await;
        browser.wait_for("the filtered cards badged", every_card, vec![]).await;

        // Results in a same-origin frame: what each badge says, read inside the frame.
        browser.goto(&stack.page(&format!("/app/candidate-lake?embed=frame{csp}"))).await;
        let frame = browser.client.find(fantoccini::Locator::Css("iframe[data-pb-embed]")).await.expect("the frame");
        frame.enter_frame().await.expect("into the frame");
        assert_expected(&browser.badges().await, &format!("candidate lake in a frame{csp}"));
        browser.client.enter_parent_frame().await.expect("back");
        browser.wait_for_shadow_text("provenbase-lever", ".pbl-matches", "in Lever").await;
    }
}
