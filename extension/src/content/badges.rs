//! Badges in candidate cards: "In Lever · <stage>" linking to the profile, "Possible match", "Not
//! in Lever", archived and locked states, or why there is no answer. Drawn with DOM calls inside
//! a shadow root per card (one shared constructed stylesheet); page text only ever goes in as text.

use std::collections::HashMap;

use shared::adapter::ScrapedCandidate;
use shared::api::{CheckCandidate, CheckOutcome, LeverProfile, MatchKind};
use wasm_bindgen::prelude::*;
use web_sys::{CssStyleSheet, Document, Element, ShadowRootInit, ShadowRootMode};

pub const BADGE_TAG: &str = "provenbase-lever-badge";

/// What a card's badge says.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    Found(CheckOutcome),
    /// Auto Full Profiles Sync is off: we don't guess.
    SyncOff,
}

/// What we know per person, so a card re-rendered by the page is not checked again.
#[derive(Default)]
pub struct Known {
    ids: HashMap<String, u32>,
    verdicts: HashMap<u32, Verdict>,
    in_flight: std::collections::HashSet<u32>,
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
        *self.ids.entry(fingerprint(c)).or_insert(next)
    }

    pub fn verdict(&self, id: u32) -> Option<&Verdict> {
        self.verdicts.get(&id)
    }

    /// Marks `id` as being checked; false if it already is.
    pub fn start(&mut self, id: u32) -> bool {
        self.in_flight.insert(id)
    }

    pub fn settle(&mut self, id: u32, verdict: Option<Verdict>) {
        self.in_flight.remove(&id);
        if let Some(v) = verdict {
            self.verdicts.insert(id, v);
        }
    }

    fn sheet(&mut self) -> Option<CssStyleSheet> {
        if self.sheet.is_none() {
            let sheet = CssStyleSheet::new().ok()?;
            sheet.replace_sync(STYLE).ok()?;
            self.sheet = Some(sheet);
        }
        self.sheet.clone()
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

fn stage_text(p: &LeverProfile) -> String {
    let stage = p.stage_name.clone().unwrap_or_else(|| "unknown stage".into());
    if p.archived { format!("Archived · {stage}") } else { stage }
}

fn details(on: MatchKind, p: &LeverProfile) -> String {
    let owner = p.owner_name.as_deref().map(|o| format!(", owned by {o}")).unwrap_or_default();
    let updated = js_sys::Date::new(&JsValue::from_f64(p.updated_at as f64)).to_date_string();
    format!("{} in Lever, matched on {}{owner}; updated {}", p.name, on.label(), String::from(updated))
}

/// Draws the badge for `verdict` in `anchor` (inside `card`).
pub fn draw(
    document: &Document,
    known: &mut Known,
    anchor: &Element,
    verdict: &Verdict,
    locked: bool,
) -> Result<(), JsValue> {
    let host = document.create_element(BADGE_TAG)?;
    let shadow = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?;
    if let Some(sheet) = known.sheet() {
        let sheets = js_sys::Array::of1(&sheet);
        js_sys::Reflect::set(&shadow, &"adoptedStyleSheets".into(), &sheets)?;
    }
    let (kind, label, title, link): (&str, String, String, Option<String>) = match verdict {
        Verdict::SyncOff => (
            "off",
            "Lever check off".into(),
            "Auto Full Profiles Sync is disabled, so the extension can't tell who is already in Lever. A Super Admin can turn it on in the extension's options.".into(),
            None,
        ),
        Verdict::Found(CheckOutcome::Exact { on, profile }) => {
            host.set_attribute("data-stage", profile.stage_name.as_deref().unwrap_or_default())?;
            host.set_attribute("data-archived", if profile.archived { "true" } else { "false" })?;
            (
                if profile.archived { "archived" } else { "exact" },
                format!("In Lever · {}", stage_text(profile)),
                details(*on, profile),
                Some(profile.url.clone()),
            )
        }
        Verdict::Found(CheckOutcome::Possible { on, profile }) => (
            "possible",
            format!("Possible match · {}", profile.name),
            format!("Same {} as {}: check before exporting. {}", on.label(), profile.name, details(*on, profile)),
            Some(profile.url.clone()),
        ),
        Verdict::Found(CheckOutcome::None) => ("none", "Not in Lever".into(), "No Lever profile matches this candidate.".into(), None),
    };
    host.set_attribute(
        "data-match",
        if matches!(verdict, Verdict::Found(CheckOutcome::Exact { .. })) { "exact" } else { kind },
    )?;
    let badge = match &link {
        Some(url) if url.starts_with("https://") || url.starts_with("http://") => {
            let a = document.create_element("a")?;
            a.set_attribute("href", url)?;
            a.set_attribute("target", "_blank")?;
            a.set_attribute("rel", "noopener noreferrer")?;
            a
        }
        _ => document.create_element("span")?,
    };
    badge.set_class_name(&format!("badge {kind}"));
    badge.set_text_content(Some(&label));
    badge.set_attribute("title", &title)?;
    badge.set_attribute("aria-label", &format!("{label}. {title}"))?;
    shadow.append_child(&badge)?;
    if locked {
        host.set_attribute("data-locked", "true")?;
        let lock = document.create_element("span")?;
        lock.set_class_name("badge locked");
        lock.set_text_content(Some("Locked · unlock to export"));
        lock.set_attribute("title", "Locked candidates have no contact details; unlock them in ProvenBase to export.")?;
        shadow.append_child(&lock)?;
    }
    anchor.append_child(&host)?;
    Ok(())
}

/// Counts for the toolbar.
pub fn summary(cards: &[(Element, u32)], known: &Known) -> (u32, u32) {
    let mut exact = 0;
    let mut possible = 0;
    for (_, id) in cards {
        match known.verdict(*id) {
            Some(Verdict::Found(CheckOutcome::Exact { .. })) => exact += 1,
            Some(Verdict::Found(CheckOutcome::Possible { .. })) => possible += 1,
            _ => {}
        }
    }
    (exact, possible)
}

const STYLE: &str = "
:host { display: inline-flex; gap: 4px; margin-left: 8px; vertical-align: middle; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font: 600 11px/18px system-ui, sans-serif;
  white-space: nowrap; text-decoration: none; border: 1px solid transparent; }
.exact { background: #e0e7ff; color: #3730a3; border-color: #a5b4fc; }
.archived { background: #f3f4f6; color: #4b5563; border-color: #d1d5db; }
.possible { background: #fef3c7; color: #92400e; border-color: #fcd34d; }
.none { background: #ecfdf5; color: #065f46; border-color: #a7f3d0; }
.off { background: #f3f4f6; color: #6b7280; border-style: dashed; border-color: #9ca3af; }
.locked { background: #fee2e2; color: #991b1b; border-color: #fca5a5; }
a.badge:hover { text-decoration: underline; }
";
