//! The content script's one brain. Everything the extension decides inside a ProvenBase page —
//! who each card is, what its badge says, what the bar says, which cards to check and when, what
//! the page removed and may get back, what an export takes, where our frames go, every text — is
//! decided here, without I/O, as a plain [`Step`]. Two drawers only read the page with the adapter
//! and draw steps: the wasm content script (which runs a [`Brain`] itself) and the strict-CSP
//! fallback (plain JS, whose brain runs in the background worker). Neither decides anything, so
//! they can't drift apart.
//!
//! Long because it is the content script's one brain (by design: both drawers obey it), with its tests.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::adapter::PageAdapter;
use crate::api::{Candidate, EmptyPageReport};
use crate::args;
use crate::badge::BadgeView;
use crate::messages::{CardBadge, FramePurpose, PageScan, StagedCandidate};
use crate::pacing::{CheckPacer, DrawBudget};
use crate::words::Speech;

/// A page still showing no candidates this long after the script started is reported: its
/// adapter probably no longer fits ProvenBase's markup.
pub const EMPTY_GRACE_MS: u32 = 3_000;
/// How long a toast stays on the bar once a plan has shown it (a step that raises one asks to be
/// woken this long after, so it goes within twice this): it goes by itself, since progress lives
/// in the task manager.
pub const TOAST_MS: f64 = 10_000.0;

/// After a failed check, wait this long before asking again (the page may keep mutating).
const RETRY_AFTER_MS: f64 = 15_000.0;

/// Distinct people remembered per page; beyond, those no longer on the page are forgotten.
const MAX_KNOWN: usize = 5_000;

/// The bar's id in the draw budget (cards count up from 0).
const BAR_ID: u32 = u32::MAX;

/// One card as the adapter read it, and whether our badge is in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardRead {
    /// Who the person is: name, company, contacts, locked (what an id and a check need). A
    /// scan reads only these; an export reads the chosen cards whole ([`Step::read_cards`]).
    pub candidate: Candidate,
    #[serde(default)]
    pub badged: bool,
    /// Its selection box is checked.
    #[serde(default)]
    pub selected: bool,
}

/// What the drawer read from the page, cards in page order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PageRead {
    pub cards: Vec<CardRead>,
    /// Our bar is (still) in the page.
    pub bar_attached: bool,
    /// The text of the adapter's `context` element (a project's title), for exports' origin.
    #[serde(default)]
    pub context: Option<String>,
}

/// What to draw and do now.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Step {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<Plan>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub frames: Vec<FrameAction>,
    /// Hand these people to the worker for the export dialog, then open it
    /// ([`Brain::export_frame`] with the staged id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<Staging>,
    /// Read these cards of the last read whole (every field an export takes), then
    /// [`Brain::export_read`] stages them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_cards: Option<Vec<usize>>,
    /// Report the empty page (once).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_empty: Option<EmptyPageReport>,
    /// The recruiter moved or folded the bar: remember it for their next pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remember: Option<BarPlacement>,
}

/// Which bottom corner of the page the bar sits in (the top ones hold pages' navigation).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Corner {
    #[default]
    BottomRight,
    BottomLeft,
}

/// Where the recruiter keeps the bar, remembered across pages (by the worker).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BarPlacement {
    /// Folded to a small handle.
    #[serde(default)]
    pub collapsed: bool,
    #[serde(default)]
    pub corner: Corner,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Staging {
    pub candidates: Vec<StagedCandidate>,
    pub origin: String,
}

/// One drawing of the page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// Put our bar back in the page (it was removed).
    #[serde(default)]
    pub attach_bar: bool,
    pub bar: BarView,
    /// The counts the bar's host carries (`data-candidates`, `data-locked`).
    pub candidates: u32,
    pub locked: u32,
    /// Take these people's badges out first (their answer changed); they are drawn again below.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub undraw: Vec<u32>,
    /// What to draw in which card of the read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub draws: Vec<CardDraw>,
    /// Check these people now (one request), then [`Brain::checked`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub check: Vec<Candidate>,
    /// Tell the worker what the page holds (it changed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<PageScan>,
    /// Read the page again after this long, for what pacing held back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wake_in_ms: Option<u32>,
}

/// What the bar shows; `None` hides a part.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BarView {
    /// The page's name, for the host's `data-page`.
    pub page: String,
    pub label: String,
    pub summary: String,
    pub matches: Option<String>,
    /// Why badges are missing, when they are.
    pub note: Option<String>,
    pub export_selected: Option<String>,
    pub tasks_label: String,
    /// The task manager button's text ("☰ Tasks").
    pub tasks_text: String,
    pub tasks_open: bool,
    pub toast: Option<String>,
    /// Folded to its handle: only the logo and [`Self::toggle_label`] show.
    #[serde(default)]
    pub collapsed: bool,
    #[serde(default)]
    pub corner: Corner,
    /// The fold button's accessible label (it folds or unfolds), and what it shows (a glyph:
    /// folded, the bar is a small handle).
    #[serde(default)]
    pub toggle_label: String,
    #[serde(default)]
    pub toggle_text: String,
    /// The move button's label (to the other corner).
    #[serde(default)]
    pub move_label: String,
    /// The language of every text here and in the badges (their `lang`: a screen reader on an
    /// English page reads French badges as French).
    #[serde(default)]
    pub lang: String,
}

/// A card's badge, its locked chip and its *Export to Lever* button.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardDraw {
    /// Index of the card in the read.
    pub card: usize,
    /// The person's id on this page (the badge host's `data-ref`).
    pub id: u32,
    pub badge: BadgeView,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locked: Option<Chip>,
    pub export: Button,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chip {
    pub text: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Button {
    pub label: String,
    pub disabled: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// Where our frames go in the page.
/// Serialised as the frame's class (one frame per slot).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FrameSlot {
    /// The export dialog, over the page.
    #[serde(rename = "pbl-export-frame")]
    Export,
    /// The task manager popover, above the bar.
    #[serde(rename = "pbl-popover-frame")]
    Popover,
    /// The auto-sync prompt after a connect.
    #[serde(rename = "pbl-autosync-frame")]
    AutoSync,
    /// Our row in ProvenBase's list of ATS integrations (in its own shadow root).
    #[serde(rename = "pbl-row-frame")]
    Row,
}

impl FrameSlot {
    /// The frame's class (one frame per slot).
    pub fn class(self) -> &'static str {
        match self {
            Self::Export => "pbl-export-frame",
            Self::Popover => "pbl-popover-frame",
            Self::AutoSync => "pbl-autosync-frame",
            Self::Row => "pbl-row-frame",
        }
    }

    pub fn purpose(self) -> FramePurpose {
        match self {
            Self::Export => FramePurpose::ExportDialog,
            Self::Popover => FramePurpose::TaskPopover,
            Self::AutoSync => FramePurpose::AutoSync,
            Self::Row => FramePurpose::LeverRow,
        }
    }

    /// The catalogue's message for the frame's title.
    fn title(self) -> &'static str {
        match self {
            Self::Export => "frame-export",
            Self::Popover => "frame-popover",
            Self::AutoSync => "frame-autosync",
            Self::Row => "frame-row",
        }
    }
}

const OVERLAY_STYLE: &str =
    "position:fixed;inset:0;width:100vw;height:100vh;border:0;z-index:2147483646;background:transparent;";
const POPOVER_STYLE: &str = "position:fixed;right:16px;bottom:64px;width:360px;height:340px;border:0;\
                             border-radius:10px;box-shadow:0 8px 30px #0004;z-index:2147483001;background:#fff;";

/// The task popover's style above the bar in `corner`.
fn popover_style(corner: Corner) -> String {
    match corner {
        Corner::BottomRight => POPOVER_STYLE.to_owned(),
        Corner::BottomLeft => POPOVER_STYLE.replacen("right:16px", "left:16px", 1),
    }
}
const BANNER_STYLE: &str = "position:fixed;top:0;left:50%;transform:translateX(-50%);width:min(36rem,92vw);\
                            height:96px;border:0;z-index:2147483646;background:transparent;";
const ROW_STYLE: &str = "border:0;width:100%;height:76px;";

/// A change to our frames.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "do", rename_all = "snake_case")]
pub enum FrameAction {
    /// Add a frame showing our page for `slot`'s purpose (with `query`), under a fresh ticket.
    /// `page` is the extension page to show.
    Open {
        slot: FrameSlot,
        purpose: FramePurpose,
        page: String,
        query: String,
        title: String,
        style: String,
    },
    Restyle {
        slot: FrameSlot,
        style: String,
    },
    Close {
        slot: FrameSlot,
    },
    /// Load the frame again (with a fresh ticket).
    Reload {
        slot: FrameSlot,
        purpose: FramePurpose,
        page: String,
    },
    /// Give the focus back to the button that opened the export dialog.
    FocusTrigger,
}

impl FrameAction {
    fn open(say: &Speech, slot: FrameSlot, query: String) -> Self {
        let style = match slot {
            FrameSlot::Export | FrameSlot::AutoSync => OVERLAY_STYLE,
            FrameSlot::Popover => POPOVER_STYLE,
            FrameSlot::Row => ROW_STYLE,
        };
        Self::open_styled(say, slot, query, style.into())
    }

    fn open_styled(say: &Speech, slot: FrameSlot, query: String, style: String) -> Self {
        let (purpose, title) = (slot.purpose(), say.say(slot.title(), &[]));
        Self::Open { slot, purpose, page: purpose.page().into(), query, title, style }
    }
}

/// What our frames post to the page (`{type, detail}` from the extension's origin).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "detail")]
pub enum FrameMessage {
    /// The export dialog closed; the task's name when an export started.
    #[serde(rename = "pbl-export-closed")]
    ExportClosed(Option<String>),
    /// The Lever row connected Lever: show the auto-sync prompt.
    #[serde(rename = "pbl-connected")]
    Connected,
    /// The auto-sync prompt became a banner.
    #[serde(rename = "pbl-overlay-shrink")]
    OverlayShrink,
    /// The auto-sync prompt is done.
    #[serde(rename = "pbl-overlay-closed")]
    OverlayClosed,
}

/// What the content script knows about one page.
#[derive(Debug)]
pub struct Brain {
    adapter: PageAdapter,
    /// Its words, in the browser's language.
    say: Speech,
    /// The adapter set's version and the page's path, for the empty-page report.
    version: u32,
    path: String,
    ids: HashMap<String, u32>,
    next_id: u32,
    people: HashMap<u32, Candidate>,
    views: HashMap<u32, BadgeView>,
    in_flight: HashSet<u32>,
    /// Changed answers whose badges are drawn again.
    stale: HashSet<u32>,
    pacer: CheckPacer,
    draws: DrawBudget,
    failed_at: Option<f64>,
    note: Option<String>,
    toast: Option<String>,
    /// When the toast goes (set at the first plan that shows it).
    toast_until: Option<f64>,
    tasks_open: bool,
    placement: BarPlacement,
    /// The last read, by id (page order) with its locked, badged and selected marks.
    last: Vec<Seen>,
    context: Option<String>,
    reported: Option<PageScan>,
    /// The page was read at least once (until then the bar is still looking).
    read_once: bool,
    empty_reported: bool,
    /// The people of an export whose cards are being read whole.
    exporting: Vec<u32>,
}

#[derive(Debug, Clone, Copy)]
struct Seen {
    id: u32,
    locked: bool,
    badged: bool,
    selected: bool,
}

impl Brain {
    /// A page read with `adapter` (of adapter set `version`) at `path`, speaking with `say`; the
    /// bar is drawn at `now`.
    pub fn new(adapter: PageAdapter, version: u32, path: String, say: Speech, now: f64) -> Self {
        let mut draws = DrawBudget::default();
        // Mounting the bar was its first draw.
        draws.allow(BAR_ID, now);
        Self {
            adapter,
            say,
            version,
            path,
            ids: HashMap::new(),
            next_id: 0,
            people: HashMap::new(),
            views: HashMap::new(),
            in_flight: HashSet::new(),
            stale: HashSet::new(),
            pacer: CheckPacer::default(),
            draws,
            failed_at: None,
            note: None,
            toast: None,
            toast_until: None,
            tasks_open: false,
            placement: BarPlacement::default(),
            last: Vec::new(),
            context: None,
            reported: None,
            read_once: false,
            empty_reported: false,
            exporting: Vec::new(),
        }
    }

    /// The bar where the recruiter keeps it.
    #[must_use]
    pub fn placed(mut self, placement: BarPlacement) -> Self {
        self.placement = placement;
        self
    }

    pub fn adapter(&self) -> &PageAdapter {
        &self.adapter
    }

    /// What to draw first, before the page is read: the bar, and the Lever row where the page
    /// lists ATS integrations (the drawer adds it when it finds `adapter.integrations`).
    pub fn start(&self) -> Step {
        let frames =
            self.adapter.integrations.is_some().then(|| FrameAction::open(&self.say, FrameSlot::Row, String::new()));
        Step { plan: Some(self.plan_bar()), frames: frames.into_iter().collect(), ..Step::default() }
    }

    /// The id standing for this person on this page.
    fn id(&mut self, c: &Candidate) -> u32 {
        let key = format!("{}|{:?}|{:?}|{:?}|{:?}", c.name, c.company, c.emails, c.phones, c.linkedin);
        if let Some(id) = self.ids.get(&key) {
            return *id;
        }
        let id = self.next_id;
        self.next_id = self.next_id.wrapping_add(1);
        self.ids.insert(key, id);
        self.people.insert(id, c.clone());
        id
    }

    /// Forgets the people no longer on the page once more than [`MAX_KNOWN`] were seen.
    fn bound_memory(&mut self) {
        if self.ids.len() <= MAX_KNOWN {
            return;
        }
        let on_page: HashSet<u32> = self.last.iter().map(|s| s.id).collect();
        self.ids.retain(|_, id| on_page.contains(id));
        self.people.retain(|id, _| on_page.contains(id));
        self.views.retain(|id, _| on_page.contains(id));
    }

    /// The page as just read: what to draw, what to check, what to report.
    pub fn scan(&mut self, read: PageRead, now: f64) -> Plan {
        self.context = read.context;
        self.read_once = true;
        self.last = read
            .cards
            .iter()
            .map(|card| Seen {
                id: self.id(&card.candidate),
                locked: card.candidate.locked,
                badged: card.badged,
                selected: card.selected,
            })
            .collect();
        self.bound_memory();
        let mut plan = self.plan(now);
        if !read.bar_attached {
            if self.draws.allow(BAR_ID, now) {
                plan.attach_bar = true;
            } else {
                plan.wake_in_ms = earliest(plan.wake_in_ms, self.draws.next_allowed(BAR_ID), now);
            }
        }
        let scan = PageScan {
            page: self.adapter.page,
            candidates: plan.candidates,
            locked: plan.locked,
            lists_candidates: self.adapter.lists_candidates(),
        };
        if self.reported.as_ref() != Some(&scan) {
            self.reported = Some(scan.clone());
            plan.report = Some(scan);
        }
        plan
    }

    /// What to draw and check for the last read (after a check answered, or at a wake-up that
    /// doesn't need the page read again).
    pub fn plan(&mut self, now: f64) -> Plan {
        let toast_until = self.toast.as_ref().map(|_| *self.toast_until.get_or_insert(now + TOAST_MS));
        if toast_until.is_some_and(|until| now >= until) {
            self.toast(None);
        }
        let mut plan = self.plan_bar();
        let mut unknown: Vec<u32> = Vec::new();
        let mut queued: HashSet<u32> = HashSet::new();
        let mut wake: Option<f64> = None;
        for index in 0..self.last.len() {
            let seen = self.last[index];
            let stale = self.stale.contains(&seen.id);
            if seen.badged && !stale {
                continue;
            }
            match self.views.get(&seen.id) {
                Some(view) if stale || self.draws.allow(seen.id, now) => {
                    let checkable = self.people.get(&seen.id).is_some_and(|c| {
                        !(c.emails.is_empty()
                            && c.phones.is_empty()
                            && c.linkedin.as_deref().unwrap_or_default().is_empty())
                    });
                    plan.draws.push(card_draw(&self.say, index, seen.id, view.clone(), seen.locked, checkable));
                    self.last[index].badged = true;
                }
                Some(_) => wake = wake.into_iter().chain(self.draws.next_allowed(seen.id)).reduce(f64::min),
                None if !self.in_flight.contains(&seen.id) && queued.insert(seen.id) => unknown.push(seen.id),
                None => {}
            }
        }
        plan.undraw = self.stale.drain().collect();
        plan.undraw.sort_unstable();
        let retry_at = self.failed_at.map(|at| at + RETRY_AFTER_MS).filter(|at| *at > now);
        if let (Some(at), false) = (retry_at, unknown.is_empty()) {
            wake = Some(wake.map_or(at, |w| w.min(at)));
        } else if !unknown.is_empty() {
            match self.pacer.try_send(now) {
                Ok(()) => {
                    self.in_flight.extend(unknown.iter().copied());
                    plan.check = unknown.iter().filter_map(|id| self.check_candidate(*id)).collect();
                }
                Err(wait) => wake = Some(wake.map_or(now + wait, |w| w.min(now + wait))),
            }
        }
        let toast_wake = toast_until.filter(|until| *until > now);
        plan.wake_in_ms = earliest(None, wake.into_iter().chain(toast_wake).reduce(f64::min), now);
        plan
    }

    /// Shows `toast` on the bar (for [`TOAST_MS`] from the next plan), or clears it.
    fn toast(&mut self, toast: Option<String>) {
        self.toast = toast;
        self.toast_until = None;
    }

    /// The bar for the last read (no drawing in cards).
    fn plan_bar(&self) -> Plan {
        let candidates = count(self.last.len());
        let locked = count(self.last.iter().filter(|s| s.locked).count());
        let kind =
            |k: &str| count(self.last.iter().filter(|s| self.views.get(&s.id).is_some_and(|v| v.kind == k)).count());
        let (exact, possible) = (kind("exact"), kind("possible"));
        let selected = self.last.iter().filter(|s| s.selected).count();
        let lists = self.adapter.lists_candidates();
        let found = self.read_once.then_some((candidates, locked));
        let say = &self.say;
        Plan {
            bar: BarView {
                page: format!("{:?}", self.adapter.page),
                label: say.say("bar-label", &[]),
                summary: crate::badge::bar_summary(say, self.adapter.page, lists, found),
                matches: (exact + possible > 0)
                    .then(|| say.say("bar-matches", args![exact = exact, possible = possible])),
                note: self.note.clone(),
                export_selected: (selected > 0).then(|| say.say("bar-export-selected", args![count = selected])),
                tasks_label: say.say("bar-tasks", &[]),
                tasks_text: say.say("bar-tasks-button", &[]),
                tasks_open: self.tasks_open,
                toast: self.toast.clone(),
                collapsed: self.placement.collapsed,
                corner: self.placement.corner,
                toggle_label: say.say(if self.placement.collapsed { "bar-show" } else { "bar-hide" }, &[]),
                toggle_text: if self.placement.collapsed { "▴" } else { "▾" }.into(),
                move_label: say.say(
                    match self.placement.corner {
                        Corner::BottomRight => "bar-move-left",
                        Corner::BottomLeft => "bar-move-right",
                    },
                    &[],
                ),
                lang: say.locale().to_owned(),
            },
            candidates,
            locked,
            // A toast raised by a step (no plan has timed it yet): wake to start its clock.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "ten seconds")]
            wake_in_ms: (self.toast.is_some() && self.toast_until.is_none()).then_some(TOAST_MS as u32),
            ..Plan::default()
        }
    }

    fn check_candidate(&self, id: u32) -> Option<Candidate> {
        self.people.get(&id).map(|c| Candidate { ref_id: id.to_string(), ..c.contacts() })
    }

    /// The answer to a check of `asked`: the badges, or why there are none.
    pub fn checked(&mut self, asked: &[Candidate], answer: Result<(Vec<CardBadge>, Option<String>), String>, now: f64) {
        for c in asked {
            if let Ok(id) = c.ref_id.parse::<u32>() {
                self.in_flight.remove(&id);
            }
        }
        match answer {
            Ok((badges, note)) => {
                for badge in badges {
                    if let Ok(id) = badge.ref_id.parse::<u32>() {
                        self.views.insert(id, badge.view);
                    }
                }
                self.note = note;
                self.failed_at = None;
            }
            Err(message) => {
                self.note = Some(message);
                self.failed_at = Some(now);
            }
        }
    }

    /// Everyone on the page, to check again after news that answers may have changed.
    pub fn refresh(&self) -> Vec<Candidate> {
        let mut seen = HashSet::new();
        self.last.iter().filter(|s| seen.insert(s.id)).filter_map(|s| self.check_candidate(s.id)).collect()
    }

    /// The answers of a refresh: changed badges are drawn again by the next [`Self::plan`].
    pub fn refreshed(&mut self, answer: Result<(Vec<CardBadge>, Option<String>), String>) {
        let Ok((badges, note)) = answer else { return };
        for badge in badges {
            let Ok(id) = badge.ref_id.parse::<u32>() else { continue };
            if self.views.get(&id) != Some(&badge.view) {
                let drawn = self.views.insert(id, badge.view).is_some();
                if drawn {
                    self.stale.insert(id);
                }
            }
        }
        self.note = note;
    }

    /// The person in card `index` of the last read.
    pub fn card(&self, index: usize) -> Option<u32> {
        self.last.get(index).map(|s| s.id)
    }

    /// The people of the cards whose selection box is checked (in the last read).
    pub fn selected(&self) -> Vec<u32> {
        self.last.iter().filter(|s| s.selected).map(|s| s.id).collect()
    }

    /// A recruiter chose these people to export: say why not, or have their cards read whole
    /// (a scan reads only who each person is), for [`Self::export_read`] to stage them.
    pub fn export(&mut self, ids: &[u32]) -> Step {
        let mut seen = HashSet::new();
        let chosen: Vec<u32> =
            ids.iter().copied().filter(|id| seen.insert(*id) && self.people.contains_key(id)).collect();
        // Locked ones come along, marked: the dialog names who is left out.
        let locked: Vec<&Candidate> = chosen.iter().filter_map(|id| self.people.get(id)).filter(|c| c.locked).collect();
        let why_not = match chosen.first() {
            None => Some(self.say.say("export-choose", &[])),
            Some(_) if locked.len() == chosen.len() => {
                Some(self.say.say("export-all-locked", args![count = locked.len(), name = &locked[0].name]))
            }
            Some(_) => None,
        };
        if let Some(message) = why_not {
            return self.export_failed(message);
        }
        let mut cards: HashMap<u32, usize> = HashMap::new();
        for (index, seen) in self.last.iter().enumerate() {
            cards.entry(seen.id).or_insert(index);
        }
        let read_cards = chosen.iter().filter_map(|id| cards.get(id).copied()).collect();
        self.exporting = chosen;
        Step { read_cards: Some(read_cards), ..Step::default() }
    }

    /// The chosen people's cards, read whole ([`Step::read_cards`]): stage them for the export
    /// dialog. A person whose card left the page meanwhile goes as the last scan read them. With
    /// no export waiting (the fallback's worker restarted in between), the people read are the
    /// chosen ones.
    pub fn export_read(&mut self, cards: Vec<Candidate>) -> Step {
        let mut read = Vec::with_capacity(cards.len());
        for candidate in cards {
            let id = self.id(&candidate);
            self.people.insert(id, candidate);
            read.push(id);
        }
        let chosen = match std::mem::take(&mut self.exporting) {
            waiting if waiting.is_empty() => read,
            waiting => waiting,
        };
        let mut seen = HashSet::new();
        let candidates: Vec<StagedCandidate> = chosen
            .iter()
            .filter(|id| seen.insert(**id))
            .filter_map(|id| {
                Some(StagedCandidate {
                    candidate: named(*id, self.people.get(id)?),
                    in_lever: self.views.get(id).is_some_and(|v| v.kind == "exact"),
                })
            })
            .collect();
        if candidates.is_empty() {
            return self.export_failed(self.say.say("export-choose", &[]));
        }
        let origin = self.adapter.origin(self.context.as_deref());
        Step { stage: Some(Staging { candidates, origin }), ..Step::default() }
    }

    /// An export that can't go ahead (nobody to export, everyone locked, staging failed): say why.
    pub fn export_failed(&mut self, message: String) -> Step {
        self.toast(Some(message));
        Step { plan: Some(self.plan_bar()), ..Step::default() }
    }

    /// The export dialog's frame for staged export `id`.
    pub fn export_frame(&self, id: u32) -> FrameAction {
        FrameAction::open(&self.say, FrameSlot::Export, format!("?stage={id}"))
    }

    /// The task manager icon was clicked.
    pub fn toggle_tasks(&mut self) -> Step {
        self.tasks_open = !self.tasks_open;
        let frame = if self.tasks_open { self.popover() } else { close(FrameSlot::Popover) };
        Step { plan: Some(self.plan_bar()), frames: vec![frame], ..Step::default() }
    }

    /// The task popover, above the bar's corner.
    fn popover(&self) -> FrameAction {
        FrameAction::open_styled(&self.say, FrameSlot::Popover, String::new(), popover_style(self.placement.corner))
    }

    /// The bar's fold button: folded to its handle, or open again (the task popover folds too).
    pub fn toggle_bar(&mut self) -> Step {
        self.placement.collapsed = !self.placement.collapsed;
        let mut frames = Vec::new();
        if self.placement.collapsed && self.tasks_open {
            self.tasks_open = false;
            frames.push(close(FrameSlot::Popover));
        }
        Step { plan: Some(self.plan_bar()), frames, remember: Some(self.placement), ..Step::default() }
    }

    /// The bar's move button: to the other bottom corner (an open task popover follows).
    pub fn move_bar(&mut self) -> Step {
        self.placement.corner = match self.placement.corner {
            Corner::BottomRight => Corner::BottomLeft,
            Corner::BottomLeft => Corner::BottomRight,
        };
        let frames = self
            .tasks_open
            .then(|| FrameAction::Restyle { slot: FrameSlot::Popover, style: popover_style(self.placement.corner) })
            .into_iter()
            .collect();
        Step { plan: Some(self.plan_bar()), frames, remember: Some(self.placement), ..Step::default() }
    }

    /// One of our frames posted to the page.
    pub fn frame_message(&mut self, message: FrameMessage) -> Step {
        let frames = match message {
            FrameMessage::ExportClosed(task) => {
                if let Some(name) = task {
                    self.toast(Some(self.say.say("export-in-progress", args![task = name])));
                }
                vec![close(FrameSlot::Export), FrameAction::FocusTrigger]
            }
            FrameMessage::Connected => vec![FrameAction::open(&self.say, FrameSlot::AutoSync, String::new())],
            FrameMessage::OverlayShrink => {
                vec![FrameAction::Restyle { slot: FrameSlot::AutoSync, style: BANNER_STYLE.into() }]
            }
            FrameMessage::OverlayClosed => vec![
                close(FrameSlot::AutoSync),
                FrameAction::Reload {
                    slot: FrameSlot::Row,
                    purpose: FrameSlot::Row.purpose(),
                    page: FrameSlot::Row.purpose().page().into(),
                },
            ],
        };
        Step { plan: Some(self.plan_bar()), frames, ..Step::default() }
    }

    /// [`EMPTY_GRACE_MS`] after the start: report a page that should list candidates and shows
    /// none (once).
    pub fn empty_check(&mut self) -> Step {
        let empty = self.reported.as_ref().is_some_and(|s| s.candidates == 0);
        if !(empty && self.adapter.lists_candidates()) || std::mem::replace(&mut self.empty_reported, true) {
            return Step::default();
        }
        let report =
            EmptyPageReport { page: self.adapter.page, path: self.path.clone(), adapter_version: self.version };
        Step { report_empty: Some(report), ..Step::default() }
    }
}

fn close(slot: FrameSlot) -> FrameAction {
    FrameAction::Close { slot }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The delay until the earliest of `a` (a delay) and `at` (a time), from `now`; at most a minute.
fn earliest(a: Option<u32>, at: Option<f64>, now: f64) -> Option<u32> {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "clamped to a minute")]
    let b = at.map(|at| (at - now).clamp(0.0, 60_000.0).ceil() as u32);
    a.into_iter().chain(b).min()
}

/// A card's badge, chips and button. "Not in Lever" is only said of someone the check could look
/// for: a locked card, or one with no email, phone or LinkedIn, says it can't be checked instead.
fn card_draw(say: &Speech, card: usize, id: u32, badge: BadgeView, locked: bool, checkable: bool) -> CardDraw {
    let badge =
        if badge.kind == "none" && (locked || !checkable) { crate::badge::unchecked(say, locked) } else { badge };
    let locked_title = || say.say("card-locked-title", &[]);
    CardDraw {
        card,
        id,
        badge,
        locked: locked.then(|| Chip { text: say.say("card-locked", &[]), title: locked_title() }),
        export: Button { label: say.say("card-export", &[]), disabled: locked, title: locked.then(locked_title) },
    }
}

/// Person `id` as read, named by their id (the reference every answer echoes).
fn named(id: u32, c: &Candidate) -> Candidate {
    Candidate { ref_id: id.to_string(), ..c.clone() }
}

#[cfg(all(test, feature = "catalogue"))]
mod tests {
    use super::*;
    use crate::adapter::{AdapterSet, PageKind};

    fn brain(page: PageKind) -> Brain {
        let adapter = AdapterSet::built_in().pages.into_iter().find(|a| a.page == page).expect("an adapter");
        Brain::new(adapter, 1, "/app/projects/q3".into(), crate::catalogue::english().speech(), 0.0)
    }

    /// The words arrive from the worker as JSON (`AdapterReply`): what the content script speaks.
    fn french_brain() -> Brain {
        let fr = crate::catalogue::for_languages(["fr-FR"]);
        let sent = serde_json::to_string(fr.words()).expect("words are JSON");
        let words: crate::words::Words = serde_json::from_str(&sent).expect("and read back");
        let adapter =
            AdapterSet::built_in().pages.into_iter().find(|a| a.page == PageKind::Projects).expect("an adapter");
        Brain::new(
            adapter,
            1,
            "/app/projects/q3".into(),
            crate::words::Speech::new(words, Box::new(|n| fr.plural(n))),
            0.0,
        )
    }

    #[test]
    fn a_brain_given_french_words_speaks_french_on_the_bar_the_cards_and_in_toasts() {
        let mut b = french_brain();
        assert_eq!(b.start().plan.map(|p| p.bar.summary).as_deref(), Some("Recherche des candidats…"));
        let plan = b.scan(read(vec![person(1, false), person(2, true)]), 0.0);
        assert_eq!(plan.bar.summary, "2 candidats sur Projects (1 verrouillé)");
        assert_eq!(plan.bar.lang, "fr", "what reads the bar and badges aloud reads them as French");
        let asked = plan.check.clone();
        let none = crate::badge::view(
            &crate::catalogue::for_languages(["fr"]).speech(),
            Some(&crate::api::CheckOutcome::None),
        );
        let badges = asked.iter().map(|c| CardBadge { ref_id: c.ref_id.clone(), view: none.clone() }).collect();
        b.checked(&asked, Ok((badges, None)), 10.0);
        let drawn = b.plan(20.0);
        let locked = drawn.draws.iter().find(|d| d.locked.is_some()).expect("the locked card");
        assert_eq!(locked.badge.label, "Vérification impossible : verrouillé");
        assert_eq!(locked.export.label, "Exporter vers Lever");
        let toast = b.export(&[locked.id]).plan.and_then(|p| p.bar.toast);
        assert_eq!(
            toast.as_deref(),
            Some("Person 2 est verrouillé·e : déverrouillez ce profil dans ProvenBase pour l'exporter.")
        );
    }

    fn person(n: usize, locked: bool) -> CardRead {
        let candidate = Candidate {
            name: format!("Person {n}"),
            emails: if locked { vec![] } else { vec![format!("p{n}@example.com")] },
            locked,
            ..Candidate::default()
        };
        CardRead { candidate, badged: false, selected: false }
    }

    fn read(cards: Vec<CardRead>) -> PageRead {
        PageRead { cards, bar_attached: true, context: Some("  Q3   Backend ".into()) }
    }

    fn none(asked: &[Candidate]) -> Result<(Vec<CardBadge>, Option<String>), String> {
        let view = crate::badge::view(&crate::catalogue::english().speech(), Some(&crate::api::CheckOutcome::None));
        Ok((asked.iter().map(|c| CardBadge { ref_id: c.ref_id.clone(), view: view.clone() }).collect(), None))
    }

    #[test]
    fn a_scan_checks_the_unknown_once_and_draws_each_card_when_the_answer_comes() {
        let mut b = brain(PageKind::Projects);
        let plan = b.scan(read(vec![person(1, false), person(2, true), person(1, false)]), 0.0);
        assert_eq!(plan.check.len(), 2, "one check per person, not per card");
        assert!(plan.draws.is_empty());
        assert_eq!((plan.candidates, plan.locked), (3, 1));
        assert_eq!(
            plan.report.as_ref().map(|r| r.summary(&b.say)).as_deref(),
            Some("3 candidates on Projects (1 locked)")
        );
        assert_eq!(plan.bar.summary, "3 candidates on Projects (1 locked)");
        let again = b.scan(read(vec![person(1, false), person(2, true), person(1, false)]), 50.0);
        assert!(again.check.is_empty() && again.report.is_none(), "in flight, and nothing new to report");
        assert_eq!((again.bar.matches, again.bar.export_selected), (None, None), "nothing to count yet");
        let mut paced = brain(PageKind::Projects);
        paced.scan(read(vec![person(1, false)]), 0.0);
        let more = paced.scan(read(vec![person(1, false), person(3, false)]), 60.0);
        assert_eq!(more.wake_in_ms, Some(150), "the next check when the pacer allows (210 ms after the first)");
        b.checked(&plan.check, none(&plan.check), 100.0);
        let drawn = b.plan(100.0);
        assert_eq!(drawn.draws.iter().map(|d| d.card).collect::<Vec<_>>(), vec![0, 1, 2]);
        let locked = &drawn.draws[1];
        assert_eq!(locked.locked.as_ref().map(|c| c.text.as_str()), Some("Locked · unlock to export"));
        assert!(locked.export.disabled && locked.export.title.is_some(), "locked: no export, and why");
        assert!(!drawn.draws[0].export.disabled && drawn.draws[0].locked.is_none());
        assert_eq!(drawn.draws[0].id, drawn.draws[2].id, "the same person twice is one id");
        assert_eq!(drawn.draws[0].badge.label, "Not in Lever", "looked for by email, not found");
        assert_eq!(locked.badge.label, "Can't check while locked", "nobody can know a locked candidate isn't in Lever");
        assert!(b.plan(150.0).draws.is_empty(), "drawn once");
    }

    #[test]
    fn a_card_with_nothing_to_look_for_says_so_instead_of_not_in_lever() {
        let mut b = brain(PageKind::Projects);
        let mut bare = person(1, false);
        bare.candidate.emails.clear();
        let plan = b.scan(read(vec![bare]), 0.0);
        b.checked(&plan.check, none(&plan.check), 10.0);
        let drawn = b.plan(10.0);
        assert_eq!(drawn.draws[0].badge.label, "Can't check: no email, phone or LinkedIn");
        assert_eq!(drawn.draws[0].badge.kind, "unknown");
    }

    #[test]
    fn cards_streaming_in_are_checked_at_most_every_200_ms() {
        let mut b = brain(PageKind::Projects);
        let mut cards = Vec::new();
        let mut checks = 0;
        for i in 0..200 {
            cards.push(person(i, false));
            let now = f64::from(u32::try_from(i).expect("small")) * 50.0;
            let plan = b.scan(read(cards.clone()), now);
            if !plan.check.is_empty() {
                checks += 1;
                b.checked(&plan.check, none(&plan.check), now);
            } else {
                assert!(plan.wake_in_ms.is_some_and(|ms| ms <= 200), "held back, with a wake-up");
            }
        }
        assert!(checks <= 50, "{checks} checks");
    }

    #[test]
    fn a_page_removing_badges_gets_them_back_three_times_a_minute_and_the_bar_too() {
        let mut b = brain(PageKind::Projects);
        let plan = b.scan(read(vec![person(1, false)]), 0.0);
        b.checked(&plan.check, none(&plan.check), 0.0);
        let mut drawn = 0;
        let mut bar = 0;
        for i in 0..600 {
            let mut page = read(vec![person(1, false)]);
            page.bar_attached = false;
            let plan = b.scan(page, f64::from(i) * 100.0);
            drawn += plan.draws.len();
            bar += usize::from(plan.attach_bar);
        }
        assert_eq!(drawn, 3, "the badge");
        assert_eq!(bar, 2, "the bar (mounting it was its first draw)");
    }

    #[test]
    fn a_failed_check_shows_why_and_waits_15_s_before_asking_again() {
        let mut b = brain(PageKind::Projects);
        let plan = b.scan(read(vec![person(1, false)]), 0.0);
        b.checked(&plan.check, Err("Lever is disconnected".into()), 10.0);
        let after = b.scan(read(vec![person(1, false)]), 1_000.0);
        assert!(after.check.is_empty());
        assert_eq!(after.bar.note.as_deref(), Some("Lever is disconnected"));
        assert_eq!(after.wake_in_ms, Some(14_010), "asks again when the back-off ends");
        assert_eq!(b.scan(read(vec![person(1, false)]), 15_010.0).check.len(), 1);
    }

    #[test]
    fn news_redraws_only_the_badges_whose_answer_changed() {
        let mut b = brain(PageKind::Projects);
        let plan = b.scan(read(vec![person(1, false), person(2, false)]), 0.0);
        b.checked(&plan.check, none(&plan.check), 0.0);
        b.plan(0.0);
        let everyone = b.refresh();
        assert_eq!(everyone.len(), 2);
        let (mut badges, _) = none(&everyone).expect("badges");
        badges[1].view.kind = "exact".into();
        b.refreshed(Ok((badges, None)));
        let mut page = read(vec![person(1, false), person(2, false)]);
        page.cards.iter_mut().for_each(|c| c.badged = true);
        let plan = b.scan(page, 1.0);
        assert_eq!(plan.undraw, vec![plan.draws[0].id]);
        b.export(&[plan.draws[0].id]);
        let export = b.export_read(vec![person(2, false).candidate]).stage.expect("staged");
        assert!(export.candidates[0].in_lever, "the dialog knows who the badge says is in Lever");
        assert_eq!(plan.draws.iter().map(|d| d.card).collect::<Vec<_>>(), vec![1]);
        assert_eq!(plan.bar.matches.as_deref(), Some("1 in Lever, 0 possible"));
        let (mut badges, _) = none(&everyone).expect("badges");
        badges[0].view.kind = "possible".into();
        b.refreshed(Ok((badges, None)));
        assert_eq!(
            b.plan_bar().bar.matches.as_deref(),
            Some("0 in Lever, 1 possible"),
            "a possible match alone counts"
        );
    }

    #[test]
    fn exports_stage_the_chosen_and_say_why_when_everyone_is_locked() {
        let mut b = brain(PageKind::Projects);
        let mut cards = vec![person(1, false), person(2, true), person(3, true)];
        cards[0].selected = true;
        cards[1].selected = true;
        b.scan(read(cards), 0.0);
        assert_eq!(b.plan_bar().bar.export_selected.as_deref(), Some("Export selected (2)"));
        let step = b.export(&b.selected());
        assert_eq!(step.read_cards, Some(vec![0, 1]), "the chosen cards are read whole first");
        assert_eq!(step.stage, None);
        let whole =
            |n: usize, locked: bool| Candidate { title: Some(format!("Title {n}")), ..person(n, locked).candidate };
        let staging = b.export_read(vec![whole(1, false), whole(2, true)]).stage.expect("staged");
        assert_eq!(staging.candidates.len(), 2, "the locked one comes along, marked");
        let titles: Vec<Option<&str>> = staging.candidates.iter().map(|c| c.candidate.title.as_deref()).collect();
        assert_eq!(titles, [Some("Title 1"), Some("Title 2")], "what the whole read found goes to the dialog");
        assert_eq!(staging.origin, "Q3 Backend");
        assert!(staging.candidates.iter().all(|c| !c.in_lever), "nobody's badge said In Lever");
        let named: Vec<&str> = staging.candidates.iter().map(|c| c.candidate.ref_id.as_str()).collect();
        assert_eq!(named, ["0", "1"], "each named by their id on the page, as answers echo it");
        assert_eq!(b.card(1), Some(1), "the fallback names the card");
        assert_eq!(b.card(7), None);
        let step = b.export(&[1]);
        assert_eq!(
            step.plan.and_then(|p| p.bar.toast).as_deref(),
            Some("Person 2 is locked: unlock them in ProvenBase to export.")
        );
        let none = b.export(&[]).plan.and_then(|p| p.bar.toast);
        assert_eq!(none.as_deref(), Some("Choose at least one candidate to export."));
        let failed = b.export_failed("The worker did not answer".into()).plan.and_then(|p| p.bar.toast);
        assert_eq!(failed.as_deref(), Some("The worker did not answer"));
        let step = b.export(&[1, 2]);
        let toast = step.plan.and_then(|p| p.bar.toast);
        assert_eq!(toast.as_deref(), Some("Both chosen candidates are locked: unlock them in ProvenBase to export."));
        assert_eq!(b.export_frame(7), FrameAction::open(&b.say, FrameSlot::Export, "?stage=7".into()));
    }

    #[test]
    fn an_export_reads_only_the_chosen_cards_and_stages_whoever_was_read_after_a_restart() {
        let mut b = brain(PageKind::Projects);
        b.scan(read(vec![person(1, false), person(2, false), person(1, false), person(3, false)]), 0.0);
        let (first, third) = (b.card(0).expect("a card"), b.card(3).expect("a card"));
        assert_eq!(b.export(&[third, first, third]).read_cards, Some(vec![3, 0]), "one card a person, as chosen");
        // A person whose card left the page goes as the scan read them.
        let staging = b.export_read(vec![person(3, false).candidate]).stage.expect("staged");
        let names: Vec<&str> = staging.candidates.iter().map(|c| c.candidate.name.as_str()).collect();
        assert_eq!(names, ["Person 3", "Person 1"]);
        // A fresh brain (the fallback's worker restarted) stages the people the cards hold.
        let mut fresh = brain(PageKind::Projects);
        let staging = fresh.export_read(vec![person(2, false).candidate]).stage.expect("staged");
        assert_eq!(staging.candidates[0].candidate.name, "Person 2");
        let nobody = fresh.export_read(vec![]).plan.and_then(|p| p.bar.toast);
        assert_eq!(nobody.as_deref(), Some("Choose at least one candidate to export."));
    }

    #[test]
    fn frames_open_close_and_the_export_toast_names_the_task() {
        let mut b = brain(PageKind::Projects);
        let open = b.toggle_tasks();
        assert!(matches!(open.frames[..], [FrameAction::Open { slot: FrameSlot::Popover, .. }]));
        assert!(open.plan.is_some_and(|p| p.bar.tasks_open));
        assert_eq!(b.toggle_tasks().frames, vec![FrameAction::Close { slot: FrameSlot::Popover }]);
        let closed = b.frame_message(FrameMessage::ExportClosed(Some("Q3".into())));
        assert_eq!(closed.frames, vec![FrameAction::Close { slot: FrameSlot::Export }, FrameAction::FocusTrigger]);
        assert_eq!(closed.plan.as_ref().and_then(|p| p.wake_in_ms), Some(10_000), "a wake-up to time the toast");
        let toast = closed.plan.and_then(|p| p.bar.toast);
        assert_eq!(toast.as_deref(), Some("Export in progress: Q3. Follow it under Tasks."));
        let shown = b.plan(1_000.0);
        assert!(shown.bar.toast.is_some(), "still there");
        assert_eq!(shown.wake_in_ms, Some(10_000), "woken when it goes");
        assert!(b.plan(10_999.0).bar.toast.is_some());
        let gone = b.plan(11_000.0);
        assert_eq!((gone.bar.toast, gone.wake_in_ms), (None, None), "gone by itself, nothing left to wake for");
        let settings = brain(PageKind::ProfileSettings);
        let start = settings.start();
        assert!(
            matches!(&start.frames[..], [FrameAction::Open { slot: FrameSlot::Row, title, .. }] if title == "Lever integration")
        );
        assert_eq!(start.plan.map(|p| p.bar.summary).as_deref(), Some("No candidates on this page"), "the bar at once");
        let start = brain(PageKind::Projects).start();
        assert_eq!(start.plan.map(|p| p.bar.summary).as_deref(), Some("Looking for candidates…"));
        assert!(matches!(b.export_frame(1), FrameAction::Open { title, .. } if title == "Export to Lever"));
    }

    #[test]
    fn frame_slots_travel_as_their_class() {
        for slot in [FrameSlot::Export, FrameSlot::Popover, FrameSlot::AutoSync, FrameSlot::Row] {
            assert_eq!(serde_json::to_value(slot).ok(), Some(serde_json::json!(slot.class())));
        }
    }

    #[test]
    fn frame_messages_read_as_our_pages_post_them() {
        let read = |v: serde_json::Value| serde_json::from_value::<FrameMessage>(v).ok();
        use serde_json::json;
        assert_eq!(
            read(json!({"type": "pbl-export-closed", "detail": "Q3"})),
            Some(FrameMessage::ExportClosed(Some("Q3".into())))
        );
        assert_eq!(read(json!({"type": "pbl-export-closed"})), Some(FrameMessage::ExportClosed(None)));
        assert_eq!(read(json!({"type": "pbl-connected"})), Some(FrameMessage::Connected));
        assert_eq!(read(json!({"type": "pbl-overlay-closed", "detail": null})), Some(FrameMessage::OverlayClosed));
        assert_eq!(read(json!({"type": "run-this"})), None);
    }

    #[test]
    fn an_empty_listing_is_reported_once_and_a_settings_page_never() {
        let mut b = brain(PageKind::Projects);
        b.scan(read(vec![]), 0.0);
        assert!(b.empty_check().report_empty.is_some());
        assert!(b.empty_check().report_empty.is_none(), "once");
        let mut settings = brain(PageKind::ProfileSettings);
        settings.scan(read(vec![]), 0.0);
        assert!(settings.empty_check().report_empty.is_none());
    }

    #[test]
    fn memory_stays_bounded_on_endless_pages() {
        let mut b = brain(PageKind::Projects);
        for page in 0..30 {
            let cards = (page * 200..page * 200 + 200).map(|i| person(i, false)).collect();
            b.scan(read(cards), 0.0);
        }
        assert!(b.ids.len() <= MAX_KNOWN + 200 && b.people.len() <= MAX_KNOWN + 200, "{}", b.ids.len());
        // Under the bound, people scrolled away are remembered: back on the page, not checked again.
        let mut b = brain(PageKind::Projects);
        let first = b.scan(read(vec![person(1, false)]), 0.0);
        b.checked(&first.check, none(&first.check), 0.0);
        b.scan(read(vec![person(2, false)]), 1_000.0);
        let back = b.scan(read(vec![person(1, false)]), 2_000.0);
        assert!(back.check.is_empty() && back.draws.len() == 1, "known, drawn at once");
    }

    #[test]
    fn the_bar_folds_and_moves_where_the_recruiter_keeps_it_and_the_popover_follows() {
        let mut b = brain(PageKind::Projects);
        let bar = |step: &Step| step.plan.as_ref().expect("a plan").bar.clone();
        let first = b.start();
        assert_eq!((bar(&first).collapsed, bar(&first).corner), (false, Corner::BottomRight));
        assert_eq!(
            (bar(&first).toggle_label.as_str(), bar(&first).move_label.as_str()),
            ("Hide", "Move to the left corner")
        );

        b.toggle_tasks();
        let moved = b.move_bar();
        assert_eq!(moved.remember, Some(BarPlacement { collapsed: false, corner: Corner::BottomLeft }));
        assert_eq!(bar(&moved).move_label, "Move to the right corner");
        let Some(FrameAction::Restyle { slot: FrameSlot::Popover, style }) = moved.frames.first() else {
            panic!("the open popover follows the bar: {:?}", moved.frames);
        };
        assert!(style.contains("left:16px") && !style.contains("right:16px"), "{style}");

        let folded = b.toggle_bar();
        assert_eq!(folded.remember, Some(BarPlacement { collapsed: true, corner: Corner::BottomLeft }));
        assert_eq!(bar(&folded).toggle_label, "Show ProvenBase to Lever");
        assert_eq!(folded.frames, vec![FrameAction::Close { slot: FrameSlot::Popover }], "the popover folds too");
        assert!(!bar(&folded).tasks_open);

        let mut closed = brain(PageKind::Projects);
        assert!(closed.toggle_bar().frames.is_empty(), "no popover to fold with the bar");
        let kept = brain(PageKind::Projects).placed(BarPlacement { collapsed: true, corner: Corner::BottomLeft });
        assert_eq!((bar(&kept.start()).collapsed, bar(&kept.start()).corner), (true, Corner::BottomLeft), "remembered");
        let mut left = brain(PageKind::Projects).placed(BarPlacement { collapsed: false, corner: Corner::BottomLeft });
        let Some(FrameAction::Open { style, .. }) = left.toggle_tasks().frames.first().cloned() else { panic!() };
        assert!(style.contains("left:16px"), "opened above the bar: {style}");
        assert_eq!(b.toggle_bar().remember, Some(BarPlacement { collapsed: false, corner: Corner::BottomLeft }));
    }
}
