//! The built-in page adapters against the fixture ProvenBase pages themselves: the cards are
//! built by the fixture site's own script from its own data, then read back with the adapters.

#![cfg(target_arch = "wasm32")]

use shared::adapter::{AdapterSet, PageKind};
use wasm_bindgen::JsCast as _;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Reads with `static/reader.js`, loaded as the manifest loads it before the content script.
fn read_candidates(adapter: &shared::adapter::PageAdapter) -> Vec<shared::api::Candidate> {
    js_sys::eval(include_str!("../static/reader.js")).expect("reader.js runs");
    extension::content::reader::read_candidates(adapter)
}

const APP_JS: &str = include_str!("../../tests/fixture-site/site/app.js");
const PEOPLE: &str = include_str!("../../tests/fixture-site/site/candidates.json");

#[derive(serde::Deserialize)]
struct Person {
    name: String,
    title: String,
    company: String,
    emails: Vec<String>,
    phones: Vec<String>,
    linkedin: Option<String>,
    locked: bool,
}

/// Renders every fixture person with the fixture's builder `builder` into a fresh container.
fn render(builder: &str, wrapper: &str) -> web_sys::Element {
    let script = format!(
        "{APP_JS}\n;(() => {{ const people = {PEOPLE}; const box = document.createElement('div'); \
         box.innerHTML = {wrapper:?}; const target = box.querySelector('[data-target]') || box; \
         for (const p of people) target.append({builder}(p)); document.body.append(box); return box; }})()"
    );
    js_sys::eval(&script).expect("the fixture script runs").unchecked_into()
}

fn check(page: PageKind, builder: &str, wrapper: &str) {
    let container = render(builder, wrapper);
    let adapter = AdapterSet::built_in().pages.into_iter().find(|a| a.page == page).expect("adapter");
    let found = read_candidates(&adapter);
    container.remove();
    let people: Vec<Person> = serde_json::from_str(PEOPLE).expect("fixture data");
    assert_eq!(found.len(), people.len(), "{page:?}");
    for (read, person) in found.iter().zip(&people) {
        assert_eq!(read.name, person.name, "{page:?}");
        assert_eq!(read.title.as_deref(), Some(person.title.as_str()), "{page:?}");
        assert_eq!(read.company.as_deref(), Some(person.company.as_str()), "{page:?}");
        assert_eq!(read.locked, person.locked, "{page:?}: {}", person.name);
        if !person.locked {
            assert_eq!(read.emails, person.emails, "{page:?}: {}", person.name);
            assert_eq!(read.phones, person.phones, "{page:?}: {}", person.name);
            assert_eq!(read.linkedin, person.linkedin, "{page:?}: {}", person.name);
        }
    }
}

#[wasm_bindgen_test]
fn the_projects_adapter_reads_every_fixture_card() {
    check(PageKind::Projects, "projectCard", "");
}

#[wasm_bindgen_test]
fn the_sourcing_lab_adapter_reads_every_fixture_row() {
    check(PageKind::SourcingLab, "sourcingRow", "<table><tbody data-target></tbody></table>");
}

#[wasm_bindgen_test]
fn the_candidate_lake_adapter_reads_every_fixture_item() {
    check(PageKind::CandidateLake, "lakeItem", "<ol data-target></ol>");
}
