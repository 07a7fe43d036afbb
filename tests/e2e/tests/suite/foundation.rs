//! The foundation flow: the extension loads, its worker answers, its pages render, and its
//! content script finds the candidates on every fixture ProvenBase page, also those that arrive later.

use e2e::{Browser, Stack};
use serde_json::json;

const HOST: &str = "provenbase-lever";

/// How many candidates the fixture page itself shows (its own marker, not our adapter).
const FIXTURE_COUNT: &str = "return document.querySelectorAll('[data-fixture-candidate]').length;";

/// Waits until the content script reports `expected` candidates on the page.
async fn wait_for_report(browser: &Browser, expected: u64) {
    let script = "const h = document.querySelector(arguments[0]); \
                  return h ? (h.dataset.candidates || 'none yet') : (document.documentElement.dataset.provenbaseLever || 'no host');";
    let deadline = std::time::Instant::now() + e2e::PATIENCE;
    loop {
        let seen = browser.eval(script, vec![json!(HOST)]).await;
        if seen == json!(expected.to_string()) {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "expected the content script to report {expected} candidates; it says {seen}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn options_page_renders_and_the_worker_and_backend_answer() {
    let stack = Stack::start().await;
    let browser = Browser::launch().await;
    browser.goto(&Browser::extension_page("options.html")).await;
    browser.wait_for_text("[data-testid=worker-state]", "Background worker ready (version 0.1.0)").await;
    browser.wait_for_text("[data-testid=backend-state]", "No backend set yet").await;

    browser.fill("#backend-url", "ftp://nope").await;
    browser.click("button[type=submit]").await;
    browser.wait_for_text("[role=alert]", "must start with https://").await;

    browser.fill("#backend-url", &format!("{}/", stack.backend_url)).await;
    browser.click("button[type=submit]").await;
    browser.wait_for_text("[data-testid=backend-state]", "Backend reachable (version 0.1.0)").await;

    // The setting survives a reload: it lives in the worker's storage, not the page.
    browser.goto(&Browser::extension_page("options.html")).await;
    browser.wait_for_text("[data-testid=backend-state]", "Backend reachable").await;
    let shown = browser.eval("return document.querySelector('#backend-url').value;", vec![]).await;
    assert_eq!(shown, json!(stack.backend_url));
}

#[tokio::test(flavor = "multi_thread")]
async fn options_page_says_when_the_backend_does_not_answer() {
    let _stack = Stack::start().await;
    let browser = Browser::launch().await;
    browser.goto(&Browser::extension_page("options.html")).await;
    browser.fill("#backend-url", "http://127.0.0.1:9").await;
    browser.click("button[type=submit]").await;
    browser.wait_for_text("[data-testid=backend-state]", "Backend unreachable").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn popup_renders_with_the_extension_status() {
    let _stack = Stack::start().await;
    let browser = Browser::launch().await;
    browser.goto(&Browser::extension_page("popup.html")).await;
    browser.wait_for_text("h1", "ProvenBase → Lever").await;
    browser.wait_for_text("[data-testid=backend-state]", "No backend set yet").await;
    browser.wait_for_text("[data-testid=page-scan]", "not a ProvenBase candidate page").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn content_script_finds_the_candidates_on_every_page() {
    let stack = Stack::start().await;
    let browser = Browser::launch().await;
    for (path, page) in [
        ("/app/projects/q3-backend", "Projects"),
        ("/app/sourcing-lab", "SourcingLab"),
        ("/app/candidate-lake", "CandidateLake"),
    ] {
        browser.goto(&stack.page(path)).await;
        // Sourcing Lab loads its rows in batches as it scrolls: wait for the page to settle.
        browser
            .wait_for(
                "the fixture's rows",
                "return document.querySelectorAll('[data-fixture-candidate]').length >= 8;",
                vec![],
            )
            .await;
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
        let shown = browser.eval(FIXTURE_COUNT, vec![]).await.as_u64().expect("a count");
        wait_for_report(&browser, shown).await;
        let host = browser
            .eval(
                "const h = document.querySelector(arguments[0]); return [h.dataset.page, h.dataset.locked];",
                vec![json!(HOST)],
            )
            .await;
        assert_eq!(host[0], json!(page), "{path}");
        let locked_on_page = browser
            .eval("return document.querySelectorAll('[data-fixture-candidate].is-locked, [data-fixture-candidate] .lake-badge-locked').length;", vec![])
            .await;
        assert_eq!(host[1].as_str().and_then(|s| s.parse::<u64>().ok()), locked_on_page.as_u64(), "{path}");
        let bar = json!(browser.shadow_text(HOST, ".pbl-summary").await);
        assert!(bar.as_str().unwrap_or_default().starts_with(&format!("{shown} candidates")), "{path}: {bar}");
    }
    // The profile page lists no candidates: the script runs but reports none.
    browser.goto(&stack.page("/app/profile")).await;
    wait_for_report(&browser, 0).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn candidates_added_or_filtered_later_are_found_without_a_reload() {
    let stack = Stack::start().await;
    let browser = Browser::launch().await;

    browser.goto(&stack.page("/app/projects/q3-backend")).await;
    wait_for_report(&browser, fixture_site::PROJECT_FIRST_PAGE as u64).await;
    browser.click("#load-more").await;
    wait_for_report(&browser, fixture_site::candidates().len() as u64).await;

    browser.goto(&stack.page("/app/candidate-lake")).await;
    wait_for_report(&browser, fixture_site::candidates().len() as u64).await;
    browser.fill("#lake-filter", "engineer").await;
    let expected = fixture_site::candidates()
        .iter()
        .filter(|c| [&c.name, &c.title, &c.company].iter().any(|f| f.to_lowercase().contains("engineer")))
        .count();
    assert!(expected > 0 && expected < fixture_site::candidates().len());
    wait_for_report(&browser, expected as u64).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_bar_folds_and_moves_keeps_that_on_the_next_page_and_never_hides_the_last_card() {
    let stack = Stack::start().await;
    let browser = Browser::launch().await;
    // Where the bar is, and whether the page, scrolled to its end, shows its last card above it.
    let bar = "const [roots] = arguments; const bar = roots[0] && roots[0].querySelector('.pbl-bar'); \
        if (!bar) return null; window.scrollTo(0, document.documentElement.scrollHeight); \
        const cards = document.querySelectorAll('[data-fixture-id]'); \
        const last = cards[cards.length - 1].getBoundingClientRect(), b = bar.getBoundingClientRect(); \
        return { clear: last.bottom <= b.top, left: b.left < innerWidth - b.right, \
                 folded: bar.classList.contains('pbl-collapsed'), width: Math.round(b.width) };";
    let placed = |left: bool, folded: bool| {
        let bar = bar.to_owned();
        let browser = &browser;
        async move {
            let what = format!(
                "the bar {} and {}, clear of the last card",
                if left { "left" } else { "right" },
                if folded { "folded" } else { "open" }
            );
            let check = format!(
                "const r = (() => {{ {bar} }})(); return r && r.clear && r.left === {left} && r.folded === {folded} ? r : null;"
            );
            browser.wait_for_shadow(&what, HOST, &check, vec![]).await
        }
    };

    browser.goto(&stack.page("/app/projects/bench?cards=60")).await;
    let open = placed(false, false).await;
    browser.shadow_click(HOST, "[data-testid=bar-move]").await;
    placed(true, false).await;
    browser.shadow_click(HOST, "[data-testid=bar-toggle]").await;
    let folded = placed(true, true).await;
    assert!(folded["width"].as_u64() < open["width"].as_u64().map(|w| w / 2), "a small handle: {folded} vs {open}");
    let label = "return arguments[0][0].querySelector('[data-testid=bar-toggle]').getAttribute('aria-label');";
    assert_eq!(browser.with_shadow_roots(HOST, label, vec![]).await, Ok(json!("Show ProvenBase to Lever")));
    // The next page, drawn by the strict-CSP fallback: kept where the recruiter left it.
    browser.goto(&stack.page("/app/projects/bench?cards=60&csp=strict")).await;
    placed(true, true).await;
    browser.shadow_click(HOST, "[data-testid=bar-toggle]").await;
    placed(true, false).await;
    browser.shadow_click(HOST, "[data-testid=bar-move]").await;
    placed(false, false).await;
    browser.goto(&stack.page("/app/projects/bench?cards=60")).await;
    placed(false, false).await;
    assert_eq!(browser.with_shadow_roots(HOST, label, vec![]).await, Ok(json!("Hide")));
}
