//! A second language proves no word is hard-coded: in a French browser the product speaks French
//! wherever a person looks — its pages, what it draws into ProvenBase's pages (both drawers), its
//! frames, the worker's notes and the backend's errors — and no sentence of the English catalogue
//! shows anywhere.

use e2e::{Browser, Stack};
use serde_json::json;
use shared::args;

const BAR: &str = "provenbase-lever";

#[tokio::test(flavor = "multi_thread")]
async fn a_french_browser_reads_the_whole_product_in_french() {
    let stack = Stack::start().await;
    let browser = Browser::launch_in("fr-FR").await;
    assert_eq!(browser.words.locale(), "fr");

    // Connecting, answering the auto-sync prompt and syncing, in French (the helper waits for
    // the French words); then the options page as a Super Admin.
    browser.connect_and_sync(&stack, Some(60)).await;
    let language = browser.eval("return navigator.language;", vec![]).await;
    assert!(language.as_str().is_some_and(|l| l.starts_with("fr")), "{language}");
    browser.wait_for_text("[data-testid=sync-now]", &browser.say("options-sync-now", &[])).await;
    browser.assert_speaks_its_language("the options page of a Super Admin").await;
    // The worker's own errors.
    browser.fill("#backend-url", "ftp://nope").await;
    browser.click("[data-testid=backend-form] button[type=submit]").await;
    browser.wait_for_text("[role=alert]", &browser.say("worker-backend-url-insecure", &[])).await;

    for csp in ["", "?csp=strict"] {
        browser.goto(&stack.page(&format!("/app/projects/q3-backend{csp}"))).await;
        let badges = browser.badges().await;
        let text = |id: &str| badges[id]["text"].as_str().unwrap_or_default().to_owned();
        assert!(text("c08").contains(&browser.say("badge-none", &[])), "{csp}: {}", text("c08"));
        assert!(text("c07").contains(&browser.say("card-locked", &[])), "{csp}: {}", text("c07"));
        assert!(text("c01").contains("Dans Lever"), "{csp}: {}", text("c01"));
        let summary = browser.shadow_text(BAR, ".pbl-summary").await.unwrap_or_default();
        assert!(summary.contains("candidats sur Projects"), "{csp}: {summary}");
        let mode = browser.eval("return document.querySelector('provenbase-lever').dataset.mode;", vec![]).await;
        assert_eq!(mode == json!("fallback"), !csp.is_empty(), "{csp}: drawn by {mode}");
        // What reads them aloud reads them as French, on an English page.
        let langs = browser
            .eval(
                "return [document.documentElement.lang, document.querySelector('provenbase-lever').lang, \
                 document.querySelector('[data-fixture-id=c08] provenbase-lever-badge').lang];",
                vec![],
            )
            .await;
        assert_eq!(langs, json!(["en", "fr", "fr"]), "{csp}: the page's, the bar's and a badge's language");
        browser.assert_speaks_its_language(&format!("Projects with badges{csp}")).await;
    }

    // The export dialog, framed in the page, and its toast once the export started.
    browser.shadow_click("[data-fixture-id=c08] provenbase-lever-badge", "button.export").await;
    browser.enter_export_dialog().await;
    browser
        .wait_for_text("[data-testid=export-fields] h2", &browser.say("dialog-export-candidates", args![count = 1]))
        .await;
    browser.assert_speaks_its_language("the export dialog's first step").await;
    browser.fill_export_options(&[], None, None, false, "María en français").await;
    browser.assert_speaks_its_language("the export dialog's last step").await;
    browser.click("[data-testid=export-submit]").await;
    browser.client.enter_parent_frame().await.expect("back to the page");
    let toast = browser.say("export-in-progress", args![task = "María en français"]);
    browser.wait_for_shadow_text(BAR, "[data-testid=export-toast]", &toast).await;
    stack.wait_exported(1, e2e::PATIENCE).await;

    // The task manager and the popup.
    browser.goto(&Browser::extension_page("tasks.html")).await;
    browser.wait_for_text("[data-testid=task]", "María en français").await;
    browser.assert_speaks_its_language("the task manager").await;
    browser.goto(&Browser::extension_page("popup.html")).await;
    browser
        .wait_for(
            "the popup's status",
            "return document.querySelector('[data-testid=sign-in-state]') !== null;",
            vec![],
        )
        .await;
    browser.assert_speaks_its_language("the popup").await;
}

/// Counts read right at 0, 1, 2 and 5, in English and in French (whose "one" covers 0 too),
/// where a recruiter reads them: the bar on a page of that many candidates.
#[tokio::test(flavor = "multi_thread")]
async fn the_bar_counts_right_at_zero_one_two_and_five_in_english_and_french() {
    let stack = Stack::start().await;
    let expected = [
        (
            "en-US",
            [
                "No candidates found on Projects",
                "1 candidate on Projects",
                "2 candidates on Projects",
                "5 candidates on Projects",
            ],
        ),
        (
            "fr-FR",
            [
                "Aucun candidat trouvé sur Projects",
                "1 candidat sur Projects",
                "2 candidats sur Projects",
                "5 candidats sur Projects",
            ],
        ),
    ];
    for (language, summaries) in expected {
        let browser = Browser::launch_in(language).await;
        for (n, summary) in [0, 1, 2, 5].into_iter().zip(summaries) {
            browser.goto(&stack.page(&format!("/app/projects/bench?cards={n}"))).await;
            let page = browser.say("page-projects", &[]);
            let said = match n {
                0 => browser.say("bar-summary-none", args![page = page]),
                n => browser.say("bar-summary", args![count = n, page = page]),
            };
            assert_eq!(said, summary, "the catalogue, {language}, {n}");
            let shown = browser
                .wait_for_shadow(
                    &format!("the bar to count {n}"),
                    BAR,
                    "const el = arguments[0][0]?.querySelector('.pbl-summary'); \
                     return el && el.textContent !== arguments[2] ? el.textContent : null;",
                    vec![json!(browser.say("bar-summary-looking", &[]))],
                )
                .await;
            assert_eq!(shown, json!(summary), "{language}, {n} cards");
        }
    }
}
