//! What a candidate's badge says, decided once for both ways the extension draws it (the wasm
//! content script, and the small script used where the page's CSP blocks wasm).

use serde::{Deserialize, Serialize};

use crate::api::{CheckOutcome, LeverProfile, MatchKind};

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
pub fn view(outcome: Option<&CheckOutcome>) -> BadgeView {
    match outcome {
        None => BadgeView {
            kind: "off".into(),
            label: "Lever check off".into(),
            title: "Auto Full Profiles Sync is disabled, so the extension can't tell who is already in Lever. \
                    A Super Admin can turn it on in the extension's options."
                .into(),
            href: None,
            stage: None,
            archived: false,
        },
        Some(CheckOutcome::Exact { on, profile }) => BadgeView {
            kind: "exact".into(),
            label: format!("In Lever · {}", stage_text(profile)),
            title: details(*on, profile),
            href: safe_link(&profile.url),
            stage: profile.stage_name.clone(),
            archived: profile.archived,
        },
        Some(CheckOutcome::Exporting { on, task, by }) => BadgeView {
            kind: "exporting".into(),
            label: "Exporting to Lever".into(),
            title: format!("Being exported in the task \u{201c}{task}\u{201d} by {by} (same {}).", on.label()),
            href: None,
            stage: None,
            archived: false,
        },
        Some(CheckOutcome::Possible { on, profile }) => BadgeView {
            kind: "possible".into(),
            label: format!("Possible match · {}", profile.name),
            title: format!(
                "Same {} as {}: check before exporting. {}",
                on.label(),
                profile.name,
                details(*on, profile)
            ),
            href: safe_link(&profile.url),
            stage: profile.stage_name.clone(),
            archived: profile.archived,
        },
        Some(CheckOutcome::None) => BadgeView {
            kind: "none".into(),
            label: "Not in Lever".into(),
            title: "No Lever profile matches this candidate.".into(),
            href: None,
            stage: None,
            archived: false,
        },
    }
}

/// The badge of a candidate the check had nothing to look for: locked (their contact details are
/// hidden) or without email, phone or LinkedIn. Nobody can say they are not in Lever.
pub fn unchecked(locked: bool) -> BadgeView {
    let (label, title) = if locked {
        (
            "Can't check while locked",
            "Locked candidates have no contact details to look for in Lever; unlock them in ProvenBase.",
        )
    } else {
        (
            "Can't check: no email, phone or LinkedIn",
            "This card shows no email, phone or LinkedIn profile, so nothing can be looked for in Lever.",
        )
    };
    BadgeView {
        kind: "unknown".into(),
        label: label.into(),
        title: title.into(),
        href: None,
        stage: None,
        archived: false,
    }
}

/// The label for locked candidates, shown beside their badge.
pub const LOCKED_LABEL: &str = "Locked · unlock to export";
pub const LOCKED_TITLE: &str = "Locked candidates have no contact details; unlock them in ProvenBase to export.";

fn safe_link(url: &str) -> Option<String> {
    (url.starts_with("https://") || url.starts_with("http://")).then(|| url.to_owned())
}

fn stage_text(p: &LeverProfile) -> String {
    let stage = p.stage_name.clone().unwrap_or_else(|| "unknown stage".into());
    if p.archived { format!("Archived · {stage}") } else { stage }
}

fn details(on: MatchKind, p: &LeverProfile) -> String {
    let owner = p.owner_name.as_deref().map(|o| format!(", owned by {o}")).unwrap_or_default();
    format!("{} in Lever, matched on {}{owner}; updated {}", p.name, on.label(), iso_date(p.updated_at))
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
pub fn bar_summary(page: crate::adapter::PageKind, lists_candidates: bool, found: Option<(u32, u32)>) -> String {
    let label = page.label();
    match found {
        _ if !lists_candidates => "No candidates on this page".into(),
        None => "Looking for candidates…".into(),
        Some((0, _)) => format!("No candidates found on {label}"),
        Some((n, locked)) => {
            let people = if n == 1 { "candidate" } else { "candidates" };
            match locked {
                0 => format!("{n} {people} on {label}"),
                locked => format!("{n} {people} on {label} ({locked} locked)"),
            }
        }
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

#[cfg(test)]
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

    #[test]
    fn the_bar_counts_in_plain_english() {
        use crate::adapter::PageKind::{ProfileSettings, Projects};
        assert_eq!(bar_summary(Projects, true, None), "Looking for candidates…");
        assert_eq!(bar_summary(Projects, true, Some((0, 0))), "No candidates found on Projects");
        assert_eq!(bar_summary(Projects, true, Some((1, 0))), "1 candidate on Projects");
        assert_eq!(bar_summary(Projects, true, Some((2, 1))), "2 candidates on Projects (1 locked)");
        assert_eq!(bar_summary(Projects, true, Some((5, 0))), "5 candidates on Projects");
        assert_eq!(bar_summary(ProfileSettings, false, Some((0, 0))), "No candidates on this page");
        assert_eq!(bar_summary(ProfileSettings, false, None), "No candidates on this page", "not 'looking' forever");
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
        let v = view(Some(&CheckOutcome::Exact {
            on: MatchKind::Email,
            profile: profile(false, "https://hire.lever.co/candidates/o"),
        }));
        assert_eq!(v.label, "In Lever · Offer");
        assert_eq!(v.href.as_deref(), Some("https://hire.lever.co/candidates/o"));
        assert!(v.title.contains("matched on email, owned by Sam; updated 2023-11-14"), "{}", v.title);
        let archived = view(Some(&CheckOutcome::Exact { on: MatchKind::Phone, profile: profile(true, "https://x") }));
        assert_eq!(archived.label, "In Lever · Archived · Offer");
    }

    #[test]
    fn links_that_are_not_web_links_are_dropped() {
        let v = view(Some(&CheckOutcome::Possible {
            on: MatchKind::NameCompany,
            profile: profile(false, "javascript:alert(1)"),
        }));
        assert_eq!(v.href, None);
        assert_eq!(v.label, "Possible match · <b>Eve</b>", "names stay text for the drawer to set as text");
    }

    #[test]
    fn a_candidate_being_exported_says_by_whom_and_in_which_task() {
        let v = view(Some(&CheckOutcome::Exporting {
            on: MatchKind::Email,
            task: "Q3 backend".into(),
            by: "Tara Team".into(),
        }));
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
