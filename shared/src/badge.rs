//! What a candidate's badge says, decided once for both ways the extension draws it (the wasm
//! content script, and the small script used where the page's CSP blocks wasm).

use serde::{Deserialize, Serialize};

use crate::api::{CheckOutcome, LeverProfile, MatchKind};
use crate::args;
use crate::words::Speech;

/// One badge, ready to draw: every string is text, never markup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BadgeView {
    /// `exact`, `possible`, `none` or `off`; also the CSS class.
    pub kind: String,
    pub label: String,
    /// The longer explanation (tooltip and screen readers).
    pub title: String,
    /// Opens the profile in Lever.
    pub href: Option<String>,
    pub stage: Option<String>,
    pub archived: bool,
}

/// The badge for a check's outcome; `None` means Auto Full Profiles Sync is off.
pub fn view(say: &Speech, outcome: Option<&CheckOutcome>) -> BadgeView {
    let plain = |kind: &str, label: &str, title: &str| BadgeView {
        kind: kind.into(),
        label: say.say(label, &[]),
        title: say.say(title, &[]),
        href: None,
        stage: None,
        archived: false,
    };
    match outcome {
        None => plain("off", "badge-off", "badge-off-title"),
        Some(CheckOutcome::Exact { on, profile }) => BadgeView {
            kind: "exact".into(),
            label: say.say("badge-in-lever", args![stage = stage_text(say, profile)]),
            title: details(say, *on, profile),
            href: safe_link(&profile.url),
            stage: profile.stage_name.clone(),
            archived: profile.archived,
        },
        Some(CheckOutcome::Exporting { on, task, by }) => BadgeView {
            title: say.say("badge-exporting-title", args![task = task, by = by, on = say.say(on.word(), &[])]),
            ..plain("exporting", "badge-exporting", "badge-exporting")
        },
        Some(CheckOutcome::Possible { on, profile }) => BadgeView {
            kind: "possible".into(),
            label: say.say("badge-possible", args![name = &profile.name]),
            title: say.say(
                "badge-possible-title",
                args![on = say.say(on.word(), &[]), name = &profile.name, details = details(say, *on, profile)],
            ),
            href: safe_link(&profile.url),
            stage: profile.stage_name.clone(),
            archived: profile.archived,
        },
        Some(CheckOutcome::None) => plain("none", "badge-none", "badge-none-title"),
    }
}

/// The badge of a candidate the check had nothing to look for: locked (their contact details are
/// hidden) or without email, phone or LinkedIn. Nobody can say they are not in Lever.
pub fn unchecked(say: &Speech, locked: bool) -> BadgeView {
    let (label, title) =
        if locked { ("badge-locked", "badge-locked-title") } else { ("badge-no-contacts", "badge-no-contacts-title") };
    BadgeView {
        kind: "unknown".into(),
        label: say.say(label, &[]),
        title: say.say(title, &[]),
        href: None,
        stage: None,
        archived: false,
    }
}

fn safe_link(url: &str) -> Option<String> {
    (url.starts_with("https://") || url.starts_with("http://")).then(|| url.to_owned())
}

fn stage_text(say: &Speech, p: &LeverProfile) -> String {
    let stage = p.stage_name.clone().unwrap_or_else(|| say.say("badge-stage-unknown", &[]));
    if p.archived { say.say("badge-archived", args![stage = stage]) } else { stage }
}

fn details(say: &Speech, on: MatchKind, p: &LeverProfile) -> String {
    let (name, on, updated) = (&p.name, say.say(on.word(), &[]), iso_date(p.updated_at));
    match &p.owner_name {
        Some(owner) => say.say("badge-details-owner", args![name = name, on = on, owner = owner, updated = updated]),
        None => say.say("badge-details", args![name = name, on = on, updated = updated]),
    }
}

/// `YYYY-MM-DD` (UTC) for milliseconds since the epoch.
pub fn iso_date(ms: i64) -> String {
    // Howard Hinnant's days-to-civil algorithm.
    let z = ms.div_euclid(86_400_000) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The badges' styles, for a shadow root.
/// What the bar says about the page: how many candidates it found (and how many are locked),
/// or that it is still looking, or that this page lists none.
pub fn bar_summary(
    say: &Speech,
    page: crate::adapter::PageKind,
    lists_candidates: bool,
    found: Option<(u32, u32)>,
) -> String {
    let page = say.say(page.word(), &[]);
    match found {
        _ if !lists_candidates => say.say("bar-summary-no-list", &[]),
        None => say.say("bar-summary-looking", &[]),
        Some((0, _)) => say.say("bar-summary-none", args![page = page]),
        Some((count, 0)) => say.say("bar-summary", args![count = count, page = page]),
        Some((count, locked)) => say.say("bar-summary-locked", args![count = count, page = page, locked = locked]),
    }
}

/// The design tokens shared by everything the extension draws (also `tokens.css` of its pages).
pub const TOKENS: &str = include_str!("tokens.css");

/// The badges' styles (after [`TOKENS`]), for a shadow root.
pub const STYLE: &str = concat!(
    include_str!("tokens.css"),
    "
:host { display: inline; }
.badge { display: inline-block; margin: 2px 0 2px 6px; vertical-align: middle; padding: 1px var(--pbl-space-2);
  border-radius: var(--pbl-radius-pill); font: 600 11px/18px system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif;
  white-space: nowrap; text-decoration: none; border: 1px solid transparent;
  box-sizing: border-box; max-width: 100%; overflow: hidden; text-overflow: ellipsis; }
.badge:focus-visible { outline: 2px solid var(--pbl-focus); outline-offset: 1px; }
.exact { background: #e0e7ff; color: #3730a3; border-color: #a5b4fc; }
.exact.archived { background: #f3f4f6; color: #4b5563; border-color: #d1d5db; }
.possible { background: #fef3c7; color: #92400e; border-color: #fcd34d; }
.exporting { background: #e0f2fe; color: #075985; border-color: #7dd3fc; }
.none { background: #ecfdf5; color: #065f46; border-color: #a7f3d0; }
.off, .unknown { background: #f3f4f6; color: #4b5563; border-style: dashed; border-color: #9ca3af; }
.locked { background: #fee2e2; color: #991b1b; border-color: #fca5a5; }
a.badge:hover { text-decoration: underline; }
button.export { cursor: pointer; background: var(--pbl-primary); color: var(--pbl-on-primary); border-color: var(--pbl-primary); }
button.export:hover:not(:disabled) { background: var(--pbl-primary-hover); }
button.export:disabled { cursor: not-allowed; background: var(--pbl-surface-2); color: var(--pbl-muted); border-color: var(--pbl-border); }
"
);

/// The bar on ProvenBase pages (drawn by the content script, or by the strict-CSP fallback).
pub const BAR_STYLE: &str = concat!(
    include_str!("tokens.css"),
    "
.pbl-bar { position: fixed; right: var(--pbl-space-4); bottom: var(--pbl-space-4); z-index: 2147483000; display: flex;
  gap: var(--pbl-space-2); align-items: center; padding: 6px var(--pbl-space-3); border-radius: var(--pbl-space-4);
  background: var(--pbl-bar); color: var(--pbl-on-bar); font: 13px/1.4 system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif;
  box-shadow: 0 2px 8px rgb(0 0 0 / 0.25); max-width: 48rem; flex-wrap: wrap; }
.pbl-bar :focus-visible { outline: 2px solid #93c5fd; outline-offset: 2px; }
.pbl-logo { display: inline-grid; place-items: center; width: 20px; height: 20px; border-radius: 50%;
  background: var(--pbl-primary); font-weight: 700; }
.pbl-matches { color: #c7d2fe; }
.pbl-note { color: #fde68a; }
.pbl-action, .pbl-icon { border: 1px solid #818cf8; background: var(--pbl-primary); color: var(--pbl-on-primary);
  border-radius: var(--pbl-space-3); padding: 2px 10px; cursor: pointer; font: inherit; }
.pbl-action:hover, .pbl-icon:hover { background: var(--pbl-primary-hover); }
.pbl-icon { background: transparent; }
.pbl-toast-inline { color: #a7f3d0; }
.pbl-bar.pbl-left { right: auto; left: var(--pbl-space-4); }
.pbl-bar.pbl-collapsed > :not(.pbl-logo):not(.pbl-fold) { display: none; }
"
);

#[cfg(all(test, feature = "catalogue"))]
mod tests {
    use super::*;

    /// Every `var(--pbl-…)` the injected UI and the extension's pages use is a token.
    #[test]
    fn every_style_uses_only_defined_tokens() {
        let pages = include_str!("../../extension/static/pages.css");
        for css in [STYLE, BAR_STYLE, pages] {
            for used in css.split("var(").skip(1) {
                let name = used.split(')').next().unwrap_or_default();
                assert!(TOKENS.contains(&format!("{name}:")), "{name} is not defined in tokens.css");
            }
        }
        assert!(pages.starts_with("/*") && pages.contains("@import url(\"tokens.css\");"));
    }

    fn en() -> Speech {
        crate::catalogue::english().speech()
    }

    #[test]
    fn the_bar_counts_in_plain_english() {
        use crate::adapter::PageKind::{ProfileSettings, Projects};
        let en = &en();
        assert_eq!(bar_summary(en, Projects, true, None), "Looking for candidates…");
        assert_eq!(bar_summary(en, Projects, true, Some((0, 0))), "No candidates found on Projects");
        assert_eq!(bar_summary(en, Projects, true, Some((1, 0))), "1 candidate on Projects");
        assert_eq!(bar_summary(en, Projects, true, Some((1, 1))), "1 candidate on Projects (1 locked)");
        assert_eq!(bar_summary(en, Projects, true, Some((2, 1))), "2 candidates on Projects (1 locked)");
        assert_eq!(bar_summary(en, Projects, true, Some((5, 0))), "5 candidates on Projects");
        assert_eq!(bar_summary(en, ProfileSettings, false, Some((0, 0))), "No candidates on this page");
        assert_eq!(
            bar_summary(en, ProfileSettings, false, None),
            "No candidates on this page",
            "not 'looking' forever"
        );
    }

    #[test]
    fn the_bar_counts_in_french_with_french_plurals() {
        use crate::adapter::PageKind::Projects;
        let fr = &crate::catalogue::for_languages(["fr-FR"]).speech();
        assert_eq!(bar_summary(fr, Projects, true, None), "Recherche des candidats…");
        assert_eq!(bar_summary(fr, Projects, true, Some((1, 1))), "1 candidat sur Projects (1 verrouillé)");
        assert_eq!(bar_summary(fr, Projects, true, Some((5, 2))), "5 candidats sur Projects (2 verrouillés)");
    }

    fn profile(archived: bool, url: &str) -> LeverProfile {
        LeverProfile {
            opportunity_id: "o".into(),
            contact_id: "c".into(),
            name: "<b>Eve</b>".into(),
            stage_name: Some("Offer".into()),
            archived,
            owner_name: Some("Sam".into()),
            updated_at: 1_700_000_000_000,
            url: url.into(),
        }
    }

    #[test]
    fn exact_matches_show_the_stage_and_link_to_lever() {
        let v = view(
            &en(),
            Some(&CheckOutcome::Exact {
                on: MatchKind::Email,
                profile: profile(false, "https://hire.lever.co/candidates/o"),
            }),
        );
        assert_eq!(v.label, "In Lever · Offer");
        assert_eq!(v.href.as_deref(), Some("https://hire.lever.co/candidates/o"));
        assert!(v.title.contains("matched on email, owned by Sam; updated 2023-11-14"), "{}", v.title);
        let archived =
            view(&en(), Some(&CheckOutcome::Exact { on: MatchKind::Phone, profile: profile(true, "https://x") }));
        assert_eq!(archived.label, "In Lever · Archived · Offer");
    }

    #[test]
    fn links_that_are_not_web_links_are_dropped() {
        let v = view(
            &en(),
            Some(&CheckOutcome::Possible {
                on: MatchKind::NameCompany,
                profile: profile(false, "javascript:alert(1)"),
            }),
        );
        assert_eq!(v.href, None);
        assert_eq!(v.label, "Possible match · <b>Eve</b>", "names stay text for the drawer to set as text");
    }

    #[test]
    fn a_candidate_being_exported_says_by_whom_and_in_which_task() {
        let v = view(
            &en(),
            Some(&CheckOutcome::Exporting { on: MatchKind::Email, task: "Q3 backend".into(), by: "Tara Team".into() }),
        );
        assert_eq!(v.kind, "exporting");
        assert_eq!(v.label, "Exporting to Lever");
        assert_eq!(v.title, "Being exported in the task \u{201c}Q3 backend\u{201d} by Tara Team (same email).");
        assert_eq!(v.href, None);
    }

    #[test]
    fn iso_dates_are_right_around_leap_years() {
        assert_eq!(iso_date(0), "1970-01-01");
        assert_eq!(iso_date(951_782_400_000), "2000-02-29");
        assert_eq!(iso_date(1_709_164_800_000), "2024-02-29");
    }
}
