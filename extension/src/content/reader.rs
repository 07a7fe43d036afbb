//! Reads candidates out of a page with a [`PageAdapter`]: cards through `static/reader.js`, the
//! reader the strict-CSP fallback uses too (loaded before either as a content script), and
//! profile pages fetched for an export. Only ever text and attributes.

use shared::adapter::{CandidateSelectors, FieldSelector, PageAdapter};
use shared::api::Candidate;
use shared::content::PageRead;
use shared::messages::ProfileRead;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, Node};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = pblReader, js_name = read)]
    fn js_read(adapter: &str, bar_attached: bool) -> js_sys::Array;

    #[wasm_bindgen(js_namespace = pblReader, js_name = readInSlices)]
    fn js_read_in_slices(adapter: &str, bar_attached: bool, first_ms: f64, slice_ms: f64) -> js_sys::Promise;

    #[wasm_bindgen(js_namespace = pblReader, js_name = yieldToPage)]
    fn js_yield_to_page() -> js_sys::Promise;

    #[wasm_bindgen(js_namespace = pblReader, js_name = roots)]
    fn js_roots(adapter: &str) -> js_sys::Array;

    #[wasm_bindgen(js_namespace = pblReader, js_name = readCards)]
    fn js_read_cards(adapter: &str, cards: &js_sys::Array, indices: &[u32]) -> String;
}

/// The page adapter as `static/reader.js` takes it.
#[derive(Clone)]
pub struct Reader {
    adapter: String,
}

impl Reader {
    pub fn new(adapter: &PageAdapter) -> Self {
        Self { adapter: serde_json::to_string(adapter).unwrap_or_default() }
    }

    /// The page as the content-script brain needs it: every card (its element, in page order),
    /// who it holds (name, company, contacts, locked), whether our badge is in it and its
    /// selection box checked; the text of the `context` element. A bad selector reads as
    /// "nothing found".
    pub fn read(&self, bar_attached: bool) -> (js_sys::Array, PageRead) {
        answered(&js_read(&self.adapter, bar_attached))
    }

    /// [`Reader::read`] in tasks of at most about `slice_ms` each (the first: `first_ms`), letting
    /// the page's input and rendering in between (a page that loads with many cards).
    pub async fn read_in_slices(&self, bar_attached: bool, first_ms: f64, slice_ms: f64) -> (js_sys::Array, PageRead) {
        let reading = js_read_in_slices(&self.adapter, bar_attached, first_ms, slice_ms);
        match wasm_bindgen_futures::JsFuture::from(reading).await {
            Ok(answer) => answered(&answer.unchecked_into()),
            Err(_) => (js_sys::Array::new(), PageRead::default()),
        }
    }

    /// The candidates of `cards` (the elements of a read) at `indices`, with every field an
    /// export takes; a card no longer there is left out.
    pub fn read_cards(&self, cards: &js_sys::Array, indices: &[usize]) -> Vec<Candidate> {
        let indices: Vec<u32> = indices.iter().filter_map(|i| u32::try_from(*i).ok()).collect();
        serde_json::from_str(&js_read_cards(&self.adapter, cards, &indices)).unwrap_or_default()
    }

    /// The document, then the open shadow roots and same-origin frame documents of the elements
    /// matching the adapter's `within` selectors (and theirs, [`PageAdapter::WITHIN_DEPTH`] levels).
    pub fn roots(&self) -> Vec<Node> {
        js_roots(&self.adapter).iter().map(JsCast::unchecked_into::<Node>).collect()
    }

    /// The adapter as JSON, as `static/reader.js` and `static/draw.js` take it.
    pub fn adapter(&self) -> &str {
        &self.adapter
    }
}

/// Lets the page's input and rendering in before what follows (a task of ours would be long).
pub async fn yield_to_page() {
    wasm_bindgen_futures::JsFuture::from(js_yield_to_page()).await.ok();
}

/// `[cards, PageRead as JSON]` from `static/reader.js` as the brain takes it.
fn answered(answer: &js_sys::Array) -> (js_sys::Array, PageRead) {
    let elements = js_sys::Array::from(&answer.get(0));
    let read = answer.get(1).as_string().and_then(|json| serde_json::from_str(&json).ok()).unwrap_or_default();
    (elements, read)
}

/// Every candidate on the page, in page order, whole (as an export takes them).
pub fn read_candidates(adapter: &PageAdapter) -> Vec<Candidate> {
    let reader = Reader::new(adapter);
    let (cards, read) = reader.read(true);
    reader.read_cards(&cards, &(0..read.cards.len()).collect::<Vec<_>>())
}

/// Summary, experience and education from a candidate's profile page (parsed, never run).
pub fn read_profile(page: &Document, url: &str, selectors: &CandidateSelectors) -> ProfileRead {
    let Some(root) = page.document_element() else {
        return ProfileRead { url: url.to_owned(), ..ProfileRead::default() };
    };
    let many = |sel: &Option<FieldSelector>| sel.as_ref().map(|s| values(&root, s)).unwrap_or_default();
    ProfileRead {
        url: url.to_owned(),
        summary: many(&selectors.summary).into_iter().next(),
        experience: many(&selectors.experience),
        education: many(&selectors.education),
        failed: None,
    }
}

/// The trimmed, non-empty text (or attribute) of each element matching `field` inside `card`.
fn values(card: &Element, field: &FieldSelector) -> Vec<String> {
    all(card.query_selector_all(&field.selector).ok())
        .iter()
        .filter_map(|el| match &field.attr {
            Some(attr) => el.get_attribute(attr),
            None => el.text_content(),
        })
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .collect()
}

fn all(list: Option<web_sys::NodeList>) -> Vec<Element> {
    let Some(list) = list else { return Vec::new() };
    // By node type, not `instanceof`: elements in a frame come from another realm.
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter(|n| n.node_type() == Node::ELEMENT_NODE)
        .map(JsCast::unchecked_into::<Element>)
        .collect()
}
