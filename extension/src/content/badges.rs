//! Badges in candidate cards, drawn with DOM calls inside a shadow root per card (one shared
//! constructed stylesheet). What a badge says comes from `shared::badge`, decided in the
//! background worker; page text only ever goes in as text.

use std::collections::{HashMap, HashSet};

use shared::adapter::ScrapedCandidate;
use shared::api::CheckCandidate;
use shared::badge::{BadgeView, LOCKED_LABEL, LOCKED_TITLE};
use wasm_bindgen::prelude::*;
use web_sys::{CssStyleSheet, Document, Element, ShadowRootInit, ShadowRootMode};

pub const BADGE_TAG: &str = "provenbase-lever-badge";

/// What we know per person, so a card re-rendered by the page is not checked again.
#[derive(Default)]
pub struct Known {
    ids: HashMap<String, u32>,
    /// Each person as read, for exports.
    people: HashMap<u32, ScrapedCandidate>,
    views: HashMap<u32, BadgeView>,
    in_flight: HashSet<u32>,
    sheet: Option<CssStyleSheet>,
}

/// The fields that identify a person on the page, as one string.
fn fingerprint(c: &ScrapedCandidate) -> String {
    format!("{}|{:?}|{:?}|{:?}|{:?}", c.name, c.company, c.emails, c.phones, c.linkedin)
}

impl Known {
    /// The id standing for this person on this page.
    pub fn id(&mut self, c: &ScrapedCandidate) -> u32 {
        let next = u32::try_from(self.ids.len()).unwrap_or(u32::MAX);
        let id = *self.ids.entry(fingerprint(c)).or_insert(next);
        self.people.entry(id).or_insert_with(|| c.clone());
        id
    }

    pub fn person(&self, id: u32) -> Option<&ScrapedCandidate> {
        self.people.get(&id)
    }

    pub fn view(&self, id: u32) -> Option<&BadgeView> {
        self.views.get(&id)
    }

    /// Whether `id` is being checked.
    pub fn in_flight(&self, id: u32) -> bool {
        self.in_flight.contains(&id)
    }

    /// Marks `id` as being checked; false if it already is.
    pub fn start(&mut self, id: u32) -> bool {
        self.in_flight.insert(id)
    }

    pub fn settle(&mut self, id: u32, view: Option<BadgeView>) {
        self.in_flight.remove(&id);
        if let Some(v) = view {
            self.views.insert(id, v);
        }
    }

    fn sheet(&mut self) -> Option<CssStyleSheet> {
        if self.sheet.is_none() {
            let sheet = CssStyleSheet::new().ok()?;
            sheet.replace_sync(shared::badge::STYLE).ok()?;
            self.sheet = Some(sheet);
        }
        self.sheet.clone()
    }

    /// Counts for the bar: (in Lever, possible).
    pub fn summary(&self, ids: &[u32]) -> (u32, u32) {
        let count = |kind: &str| {
            u32::try_from(ids.iter().filter(|id| self.views.get(id).is_some_and(|v| v.kind == kind)).count())
                .unwrap_or(0)
        };
        (count("exact"), count("possible"))
    }
}

pub fn check_candidate(id: u32, c: &ScrapedCandidate) -> CheckCandidate {
    CheckCandidate {
        ref_id: id.to_string(),
        name: c.name.clone(),
        company: c.company.clone(),
        emails: c.emails.clone(),
        phones: c.phones.clone(),
        linkedin: c.linkedin.clone(),
    }
}

pub fn has_badge(card: &Element) -> bool {
    card.query_selector(BADGE_TAG).ok().flatten().is_some()
}

/// Draws `view` in `anchor`, with the card's *Export to Lever* button (`on_export` gets the
/// click; the host's `data-ref` says whose card it is).
pub fn draw(
    document: &Document,
    known: &mut Known,
    anchor: &Element,
    id: u32,
    view: &BadgeView,
    locked: bool,
    on_export: Option<&js_sys::Function>,
) -> Result<(), JsValue> {
    let host = document.create_element(BADGE_TAG)?;
    host.set_attribute("data-ref", &id.to_string())?;
    // Closed, and nothing about Lever on the host: the page can't test who is in Lever.
    let shadow = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Closed))?;
    if let Some(sheet) = known.sheet() {
        js_sys::Reflect::set(&shadow, &"adoptedStyleSheets".into(), &js_sys::Array::of1(&sheet))?;
    }
    let badge = match &view.href {
        Some(href) => {
            let a = document.create_element("a")?;
            a.set_attribute("href", href)?;
            a.set_attribute("target", "_blank")?;
            a.set_attribute("rel", "noopener noreferrer")?;
            a
        }
        None => document.create_element("span")?,
    };
    badge.set_class_name(&format!("badge {}{}", view.kind, if view.archived { " archived" } else { "" }));
    badge.set_text_content(Some(&view.label));
    badge.set_attribute("title", &view.title)?;
    badge.set_attribute("aria-label", &format!("{}. {}", view.label, view.title))?;
    if let Some(stage) = &view.stage {
        badge.set_attribute("data-stage", stage)?;
    }
    shadow.append_child(&badge)?;
    if locked {
        let lock = document.create_element("span")?;
        lock.set_class_name("badge locked");
        lock.set_text_content(Some(LOCKED_LABEL));
        lock.set_attribute("title", LOCKED_TITLE)?;
        shadow.append_child(&lock)?;
    }
    let export = document.create_element("button")?;
    export.set_attribute("type", "button")?;
    export.set_class_name("badge export");
    export.set_text_content(Some("Export to Lever"));
    if locked {
        export.set_attribute("disabled", "")?;
        export.set_attribute("title", LOCKED_TITLE)?;
    } else if let Some(on_export) = on_export {
        export.add_event_listener_with_callback("click", on_export)?;
    }
    shadow.append_child(&export)?;
    anchor.append_child(&host)?;
    Ok(())
}
