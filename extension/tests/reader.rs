//! The page adapters against ProvenBase-like markup, in a real (headless) Chromium.

#![cfg(target_arch = "wasm32")]

use shared::adapter::{AdapterSet, PageKind};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Reads with `static/reader.js`, loaded as the manifest loads it before the content script.
fn read_candidates(adapter: &shared::adapter::PageAdapter) -> Vec<shared::api::Candidate> {
    js_sys::eval(include_str!("../static/reader.js")).expect("reader.js runs");
    extension::content::reader::read_candidates(adapter)
}

fn document() -> web_sys::Document {
    web_sys::window().and_then(|w| w.document()).expect("a document")
}

/// Puts `html` into a fresh container (the test runner owns `<body>` itself).
fn render(html: &str) -> web_sys::Element {
    let doc = document();
    let container = doc.create_element("div").expect("div");
    container.set_inner_html(html);
    doc.body().expect("body").append_child(&container).expect("appended");
    container
}

fn adapter(page: PageKind) -> shared::adapter::PageAdapter {
    AdapterSet::built_in().pages.into_iter().find(|a| a.page == page).expect("adapter")
}

#[wasm_bindgen_test]
fn projects_cards_yield_every_field() {
    let container = render(
        r#"<article class="cand-card"><h3 class="cand-name"> Amélie Dubois </h3>
           <p class="cand-headline"><span class="cand-title">Senior Data Engineer</span> at <span class="cand-company">Datadog</span></p>
           <p class="cand-location">Paris, France</p>
           <ul class="cand-contacts"><li><a class="cand-email" href="mailto:a@example.com">a@example.com</a></li>
           <li><a class="cand-email" href="mailto:b@example.com">b@example.com</a></li><li class="cand-phone">+33 6 12 34 56 78</li></ul>
           <a class="cand-linkedin" href="https://fr.linkedin.com/in/amelie-dubois/">LinkedIn</a></article>
           <article class="cand-card is-locked"><h3 class="cand-name">Jordan Lee</h3><p class="cand-lock">Locked</p></article>"#,
    );
    let found = read_candidates(&adapter(PageKind::Projects));
    container.remove();
    assert_eq!(found.len(), 2);
    let amelie = &found[0];
    assert_eq!(amelie.name, "Amélie Dubois");
    assert_eq!(amelie.title.as_deref(), Some("Senior Data Engineer"));
    assert_eq!(amelie.company.as_deref(), Some("Datadog"));
    assert_eq!(amelie.emails, ["a@example.com", "b@example.com"]);
    assert_eq!(amelie.phones, ["+33 6 12 34 56 78"]);
    assert_eq!(amelie.linkedin.as_deref(), Some("https://fr.linkedin.com/in/amelie-dubois/"));
    assert!(!amelie.locked);
    assert!(found[1].locked);
    assert!(found[1].emails.is_empty());
}

#[wasm_bindgen_test]
fn a_scan_reads_who_each_card_holds_and_an_export_the_rest() {
    js_sys::eval(include_str!("../static/reader.js")).expect("reader.js runs");
    let container = render(
        r#"<article class="cand-card"><h3 class="cand-name">Amélie Dubois</h3>
           <p class="cand-headline"><span class="cand-title">Senior Data Engineer</span> at <span class="cand-company">Datadog</span></p>
           <p class="cand-location">Paris, France</p><a class="cand-email" href="mailto:a@example.com">a@example.com</a></article>"#,
    );
    let reader = extension::content::reader::Reader::new(&adapter(PageKind::Projects));
    let (cards, scan) = reader.read(true);
    let whole = reader.read_cards(&cards, &[0, 7]);
    container.remove();
    let who = &scan.cards[0].candidate;
    assert_eq!((who.name.as_str(), who.company.as_deref()), ("Amélie Dubois", Some("Datadog")));
    assert_eq!(who.emails, ["a@example.com"]);
    assert_eq!((who.title.as_deref(), who.location.as_deref()), (None, None), "a scan reads who, not what");
    assert_eq!(whole.len(), 1, "no card 7");
    assert_eq!(whole[0].title.as_deref(), Some("Senior Data Engineer"));
    assert_eq!(whole[0].location.as_deref(), Some("Paris, France"));
    assert_eq!(whole[0].emails, who.emails);
}

#[wasm_bindgen_test]
fn sourcing_lab_rows_are_locked_by_their_own_class() {
    let container = render(
        r#"<table><tbody><tr class="sl-row is-locked"><td class="sl-name">Chen Wei</td><td class="sl-contact"><span class="sl-locked">Locked</span></td></tr>
           <tr class="sl-row"><td class="sl-name">Noah Williams</td><td class="sl-position">SRE</td><td class="sl-employer">Atlassian</td></tr></tbody></table>"#,
    );
    let found = read_candidates(&adapter(PageKind::SourcingLab));
    container.remove();
    assert_eq!(
        found.iter().map(|c| (c.name.as_str(), c.locked)).collect::<Vec<_>>(),
        [("Chen Wei", true), ("Noah Williams", false)]
    );
    assert_eq!(found[1].company.as_deref(), Some("Atlassian"));
}

#[wasm_bindgen_test]
fn names_with_markup_are_read_as_text() {
    let container = render(
        r#"<ol><li class="lake-item"><b class="lake-fullname">&lt;script&gt;alert(1)&lt;/script&gt;Eve</b></li></ol>"#,
    );
    let found = read_candidates(&adapter(PageKind::CandidateLake));
    container.remove();
    assert_eq!(found[0].name, "<script>alert(1)</script>Eve");
}

#[wasm_bindgen_test]
fn a_page_without_candidates_reads_none() {
    let found = read_candidates(&adapter(PageKind::ProfileSettings));
    assert!(found.is_empty());
}
