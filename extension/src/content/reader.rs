//! Reads candidates out of a page with a [`PageAdapter`]: the only code that touches
//! ProvenBase's markup, and it only ever reads text and attributes.

use shared::adapter::{CandidateSelectors, FieldSelector, PageAdapter, ScrapedCandidate};
use shared::content::{CardRead, PageRead};
use shared::messages::ProfileRead;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Node};

/// Every candidate on the page, in page order. A bad selector reads as "nothing found".
pub fn read_candidates(document: &Document, adapter: &PageAdapter) -> Vec<ScrapedCandidate> {
    read_cards(document, adapter).into_iter().map(|(_, c)| c).collect()
}

/// Every candidate with the element it was read from.
pub fn read_cards(document: &Document, adapter: &PageAdapter) -> Vec<(Element, ScrapedCandidate)> {
    if !adapter.lists_candidates() {
        return Vec::new();
    }
    roots(document, adapter)
        .iter()
        .flat_map(|root| query_all(root, &adapter.candidate))
        .map(|card| {
            let candidate = read_one(&card, adapter);
            (card, candidate)
        })
        .collect()
}

/// The document, then the open shadow roots and same-origin frame documents of the elements
/// matching the adapter's `within` selectors (and theirs, [`PageAdapter::WITHIN_DEPTH`] levels).
pub fn roots(document: &Document, adapter: &PageAdapter) -> Vec<Node> {
    let mut roots: Vec<Node> = vec![document.clone().into()];
    let mut level = roots.clone();
    for _ in 0..PageAdapter::WITHIN_DEPTH {
        if adapter.within.is_empty() || level.is_empty() {
            break;
        }
        let next: Vec<Node> = level
            .iter()
            .flat_map(|root| adapter.within.iter().flat_map(|sel| query_all(root, sel)))
            .filter_map(|el| {
                let frame = (el.local_name() == "iframe")
                    .then(|| el.unchecked_ref::<web_sys::HtmlIFrameElement>().content_document())
                    .flatten();
                frame.map(Node::from).or_else(|| el.shadow_root().map(Node::from))
            })
            .collect();
        roots.extend(next.iter().cloned());
        level = next;
    }
    roots
}

/// `root.querySelectorAll(selector)` for a document or a shadow root; a bad selector finds nothing.
fn query_all(root: &Node, selector: &str) -> Vec<Element> {
    // By node type, not `instanceof`: a frame's document comes from another realm.
    let list = match root.node_type() {
        Node::DOCUMENT_NODE => root.unchecked_ref::<Document>().query_selector_all(selector).ok(),
        Node::DOCUMENT_FRAGMENT_NODE => {
            root.unchecked_ref::<web_sys::DocumentFragment>().query_selector_all(selector).ok()
        }
        _ => None,
    };
    all(list)
}

/// The page as the content-script brain needs it: every card (with its element, in page order),
/// whether our badge is in it and its selection box checked; the `context` element's text.
pub fn read_page(document: &Document, adapter: &PageAdapter, bar_attached: bool) -> (Vec<Element>, PageRead) {
    let (elements, cards) = read_cards(document, adapter)
        .into_iter()
        .map(|(card, candidate)| {
            let badged = card.query_selector(super::draw::BADGE_TAG).ok().flatten().is_some();
            let selected = adapter.fields.select.as_deref().is_some_and(|sel| {
                card.query_selector(sel)
                    .ok()
                    .flatten()
                    .and_then(|b| js_sys::Reflect::get(&b, &"checked".into()).ok())
                    .is_some_and(|checked| checked.is_truthy())
            });
            (card, CardRead { candidate, badged, selected })
        })
        .unzip();
    let context = adapter.context.as_deref().and_then(|sel| document.query_selector(sel).ok().flatten());
    (elements, PageRead { cards, bar_attached, context: context.and_then(|c| c.text_content()) })
}

/// Where a badge goes in a card: inside the element holding the name, or the card itself.
pub fn badge_anchor(card: &Element, adapter: &PageAdapter) -> Element {
    adapter
        .fields
        .name
        .as_ref()
        .and_then(|f| card.query_selector(&f.selector).ok().flatten())
        .unwrap_or_else(|| card.clone())
}

fn read_one(card: &Element, adapter: &PageAdapter) -> ScrapedCandidate {
    let f = &adapter.fields;
    let first = |sel: &Option<FieldSelector>| sel.as_ref().and_then(|s| values(card, s).into_iter().next());
    let many = |sel: &Option<FieldSelector>| sel.as_ref().map(|s| values(card, s)).unwrap_or_default();
    let locked = f
        .locked
        .as_deref()
        .is_some_and(|sel| card.matches(sel).unwrap_or(false) || card.query_selector(sel).ok().flatten().is_some());
    ScrapedCandidate {
        name: first(&f.name).unwrap_or_default(),
        title: first(&f.title),
        company: first(&f.company),
        emails: many(&f.emails),
        phones: many(&f.phones),
        linkedin: first(&f.linkedin),
        location: first(&f.location),
        skills: many(&f.skills),
        locked,
        summary: first(&f.summary),
        experience: many(&f.experience),
        education: many(&f.education),
        profile_url: f.profile.as_ref().and_then(|s| profile_link(card, s)),
    }
}

/// The card's link to its profile page, absolute, and only on this site (a page can't send the
/// recruiter's session elsewhere through us).
fn profile_link(card: &Element, field: &FieldSelector) -> Option<String> {
    let link = card.query_selector(&field.selector).ok().flatten()?;
    let href = js_sys::Reflect::get(&link, &"href".into()).ok()?.as_string()?;
    let origin = web_sys::window()?.location().origin().ok()?;
    href.starts_with(&format!("{origin}/")).then_some(href)
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
