//! Messages between the extension's parts. Content scripts and pages never call the backend
//! themselves: they send a [`Request`] to the background worker, which owns the backend URL and
//! the session, and get one [`Response`] back. The session token never leaves the worker.
//!
//! Long because every message between the extension's parts is here, so both ends read one list.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::adapter::{PageAdapter, PageKind};
use crate::api::{ApiError, CheckCandidate, ConnectOutcome, ExportCandidate, Me};
use crate::badge::BadgeView;
pub use crate::endpoints::{BackendCall, Method};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Request {
    /// Is the background worker alive?
    Ping,
    /// The extension's state, for the popup and options page; `tab_id` selects whose page scan.
    Status { tab_id: Option<i32> },
    /// Set (or clear, with an empty string) the backend URL from the options page.
    SetBackendUrl { url: String },
    /// A content script scanned its page.
    PageScanned(PageScan),
    /// A call to the backend with this extension's session.
    Backend { call: BackendCall },
    /// Open Lever's consent in a new tab; answers [`Response::ConnectStarted`].
    StartConnect,
    /// How the connect attempt is going.
    ConnectProgress { attempt: u32 },
    /// Join an organisation with an invite code; answers [`Response::SignedIn`].
    RedeemInvite { code: String },
    /// End this extension's session.
    SignOut,
    /// The adapter for a page (the backend's override, else the built-in one).
    PageAdapter { path: String },
    /// Check a page's candidates and say what each badge shows.
    CheckCards { candidates: Vec<CheckCandidate> },
    /// Hold candidates a recruiter chose to export, for the export dialog to pick up.
    StageExport {
        candidates: Vec<StagedCandidate>,
        /// Where they were chosen ("Project: Q3 Backend Hiring", "Sourcing Lab"), for Lever's tags.
        #[serde(default)]
        origin: Option<String>,
    },
    /// The export dialog takes what was staged (once).
    TakeStagedExport { id: u32 },
    /// The export dialog needs what the cards leave out: the worker asks the page that staged
    /// export `id` to read these profile pages; answers [`Response::Profiles`].
    ReadProfiles { id: u32, urls: Vec<String> },
    /// Open the full task manager page.
    OpenTaskManager,
    /// A content script is about to show one of our pages in a frame: a one-time ticket it
    /// puts in the frame's URL fragment; answers [`Response::FrameTicket`].
    FrameTicket { purpose: FramePurpose },
    /// A framed page proves the content script of its own tab made it, for `purpose`, before it
    /// shows anything (a page framing it by itself has no ticket).
    OpenFrame { ticket: String, purpose: FramePurpose },
    /// The strict-CSP fallback's page events, for the content-script brain the worker runs for
    /// its tab (`shared::content`); answers [`Response::Content`] (or
    /// [`Response::ContentStarted`]), and later steps arrive as [`PageRequest::Draw`].
    Content { event: ContentEvent },
}

/// What happens in a page whose content script is the strict-CSP fallback.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum ContentEvent {
    /// The script started on a page at `path`.
    Start { path: String },
    /// The page as read now.
    Scan { read: crate::content::PageRead },
    /// News that badges may have changed: check every card again.
    Refresh,
    /// The *Export to Lever* button of card `card` (its index in the last read: the worker may
    /// have restarted since the badge was drawn, and ids with it).
    Export { card: usize },
    /// *Export selected*.
    ExportSelected,
    /// The task manager icon.
    ToggleTasks,
    /// One of our frames posted to the page.
    Frame { message: crate::content::FrameMessage },
    /// The grace period for an empty page is over.
    EmptyCheck,
}

/// Which of our pages a frame shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FramePurpose {
    ExportDialog,
    TaskPopover,
    LeverRow,
    AutoSync,
}

impl FramePurpose {
    pub const ALL: [FramePurpose; 4] = [Self::ExportDialog, Self::TaskPopover, Self::LeverRow, Self::AutoSync];

    /// The extension page shown for this purpose.
    pub fn page(self) -> &'static str {
        match self {
            Self::ExportDialog => "export.html",
            Self::TaskPopover => "popover.html",
            Self::LeverRow => "lever-row.html",
            Self::AutoSync => "autosync.html",
        }
    }
}

/// Who sent a message to the worker, as Chrome's `MessageSender` shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sender {
    /// One of this extension's own pages (options, popup, task manager, our frames).
    ExtensionPage,
    /// This extension's content script, running inside a ProvenBase page (which may be hostile).
    ContentScript,
    /// Anyone else.
    Stranger,
}

impl Request {
    /// Whether `sender` may ask this. Content scripts share a process with pages nobody here
    /// controls, so they get what a page needs and nothing that reads the session, changes
    /// where it goes, or acts as an admin.
    pub fn allowed_from(&self, sender: Sender) -> bool {
        match sender {
            Sender::ExtensionPage => true,
            Sender::Stranger => false,
            Sender::ContentScript => matches!(
                self,
                Self::Ping
                    | Self::PageScanned(_)
                    | Self::PageAdapter { .. }
                    | Self::CheckCards { .. }
                    | Self::StageExport { .. }
                    | Self::OpenTaskManager
                    | Self::FrameTicket { .. }
                    | Self::Backend { call: BackendCall::ReportEmptyPage(_) }
                    | Self::Content { .. }
            ),
        }
    }
}

/// A candidate on its way to the export dialog, with what its badge knew.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StagedCandidate {
    pub candidate: ExportCandidate,
    /// Already in Lever (an exact match on the page's badge).
    pub in_lever: bool,
    /// The candidate's ProvenBase profile page, when the card links one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile_url: Option<String>,
}

/// The port a ProvenBase tab's content script listens on for [`LiveNews::IndexChanged`].
pub const LIVE_PORT: &str = "pbl-live";
/// The port the extension's task pages listen on for [`LiveNews::Tasks`] (`sw.js` accepts it only
/// from the extension's own pages: task lists never reach a content script).
pub const TASKS_PORT: &str = "pbl-tasks";

/// What `sw.js` posts on a live port, from the backend's one event stream.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LiveNews {
    /// What badges say may have changed: check the cards again.
    IndexChanged,
    /// The caller's task list, as `ListExports` answers it (JSON text).
    Tasks { data: String },
}

/// What the worker asks of a ProvenBase page (the only messages content scripts take).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PageRequest {
    /// Read these profile pages (same origin, the recruiter's own session, a few at a time).
    ReadProfiles(ProfilesToRead),
    /// Draw this step (the strict-CSP fallback, whose brain runs in the worker).
    Draw { step: Box<crate::content::Step> },
}

impl PageRequest {
    /// [`Self::ReadProfiles`]'s `kind`, for the content script, which reads only that one.
    pub const READ_PROFILES: &str = "read_profiles";
}

/// One profile page as read with the adapter set's `profile_page` selectors.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileRead {
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default)]
    pub experience: Vec<String>,
    #[serde(default)]
    pub education: Vec<String>,
    /// Why it could not be read (not found, another site, no selectors).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Response {
    Pong {
        version: String,
    },
    Status(ExtensionStatus),
    Done,
    /// The request could not be carried out; `message` says why, for a person.
    Failed {
        message: String,
    },
    /// The backend's answer: its JSON body, or its `{code, message}` error.
    Backend {
        reply: BackendReply,
    },
    ConnectStarted {
        attempt: u32,
    },
    Connect {
        progress: ConnectProgress,
    },
    SignedIn {
        me: Me,
    },
    PageAdapter(AdapterReply),
    Staged(StagedReply),
    StagedExport {
        candidates: Vec<StagedCandidate>,
        #[serde(default)]
        origin: Option<String>,
    },
    Profiles {
        profiles: Vec<ProfileRead>,
    },
    Badges(BadgesReply),
    FrameTicket(TicketReply),
    /// What the fallback draws now.
    Content {
        step: Box<crate::content::Step>,
    },
    /// The fallback's page: its adapter (none: not a page of ours), the styles and the first step.
    ContentStarted {
        adapter: Option<Box<PageAdapter>>,
        badge_style: String,
        bar_style: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        profile_page: Option<Box<crate::adapter::CandidateSelectors>>,
        step: Box<crate::content::Step>,
        /// When to send [`ContentEvent::EmptyCheck`] (ms after the start).
        #[serde(default)]
        empty_grace_ms: u32,
    },
}

// The answers a content script reads, each its own type: the content script deserialises only
// the one it expects (`chrome::ask`), which keeps every other answer's code out of its wasm.

/// [`Request::PageAdapter`]'s answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdapterReply {
    pub adapter: Option<Box<PageAdapter>>,
    /// The adapter set's version (reported with empty pages).
    pub version: u32,
    /// How to read candidates' profile pages, for exports that need them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile_page: Option<Box<crate::adapter::CandidateSelectors>>,
}

/// [`Request::CheckCards`]'s answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BadgesReply {
    pub badges: Vec<CardBadge>,
    /// Why badges say less than they could (sync off), for the page's bar.
    pub note: Option<String>,
}

/// [`Request::StageExport`]'s answer: the id the export dialog takes the candidates with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StagedReply {
    pub id: u32,
}

/// [`Request::FrameTicket`]'s answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketReply {
    pub ticket: String,
}

/// [`PageRequest::ReadProfiles`]: the pages to read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfilesToRead {
    pub urls: Vec<String>,
}

/// The badge for one candidate of a [`Request::CheckCards`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardBadge {
    pub ref_id: String,
    #[serde(flatten)]
    pub view: BadgeView,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BackendReply {
    Ok(Value),
    Err(ApiError),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", content = "outcome", rename_all = "snake_case")]
pub enum ConnectProgress {
    /// Waiting for the Super Admin in Lever's tab.
    Pending,
    Finished(ConnectOutcome),
    /// The worker doesn't know this attempt (it restarted): start again.
    Unknown,
}

/// What a content script found on its page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageScan {
    pub page: PageKind,
    pub candidates: u32,
    pub locked: u32,
    /// The page's adapter looks for candidates here (not on Profile & Password).
    #[serde(default = "yes")]
    pub lists_candidates: bool,
}

fn yes() -> bool {
    true
}

impl PageScan {
    /// What the bar says about the page (`shared::badge::bar_summary`).
    pub fn summary(&self) -> String {
        crate::badge::bar_summary(self.page, self.lists_candidates, Some((self.candidates, self.locked)))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtensionStatus {
    pub version: String,
    pub backend_url: Option<String>,
    /// The URL comes from enterprise policy: shown read-only.
    pub backend_url_managed: bool,
    pub backend: BackendState,
    /// The last scan of the asked-for tab, if its page is a ProvenBase page.
    pub page: Option<PageScan>,
    /// Whether this extension holds a session.
    pub signed_in: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum BackendState {
    NotConfigured,
    Reachable { version: String },
    Unreachable { reason: String },
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_content_script_finds_profile_reads_by_their_kind() {
        let ask = PageRequest::ReadProfiles(ProfilesToRead { urls: vec!["https://x/1".into()] });
        let json = serde_json::to_value(&ask).expect("json");
        assert_eq!(json["kind"], PageRequest::READ_PROFILES);
        let urls: ProfilesToRead = serde_json::from_value(json).expect("the struct alone reads it");
        assert_eq!(urls.urls, ["https://x/1"]);
    }

    use super::*;

    #[test]
    fn every_framed_page_is_web_accessible_and_nothing_else_is() {
        let manifest: Value = serde_json::from_str(include_str!("../../manifest.json")).expect("the manifest is JSON");
        let resources: Vec<&str> = manifest["web_accessible_resources"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|entry| entry["resources"].as_array().into_iter().flatten().filter_map(Value::as_str))
            .collect();
        let mut framed: Vec<&str> = FramePurpose::ALL.iter().map(|p| p.page()).collect();
        framed.extend(["pkg/content.js", "pkg/content_bg.wasm"]);
        framed.sort_unstable();
        let mut listed = resources.clone();
        listed.sort_unstable();
        assert_eq!(framed, listed, "the manifest's web-accessible resources");
    }

    #[test]
    fn content_scripts_may_ask_only_what_a_page_needs() {
        let page_needs = [
            Request::Ping,
            Request::PageAdapter { path: "/".into() },
            Request::CheckCards { candidates: vec![] },
            Request::StageExport { candidates: vec![], origin: None },
            Request::OpenTaskManager,
            Request::FrameTicket { purpose: FramePurpose::ExportDialog },
            Request::PageScanned(PageScan {
                page: PageKind::SourcingLab,
                candidates: 0,
                locked: 0,
                lists_candidates: true,
            }),
        ];
        for request in &page_needs {
            assert!(request.allowed_from(Sender::ContentScript), "{request:?}");
            assert!(request.allowed_from(Sender::ExtensionPage), "{request:?}");
            assert!(!request.allowed_from(Sender::Stranger), "{request:?}");
        }
        let privileged = [
            Request::Status { tab_id: None },
            Request::SetBackendUrl { url: "https://evil.example".into() },
            Request::StartConnect,
            Request::ConnectProgress { attempt: 1 },
            Request::RedeemInvite { code: "PBL-X".into() },
            Request::SignOut,
            Request::TakeStagedExport { id: 1 },
            Request::ReadProfiles { id: 1, urls: vec![] },
            Request::OpenFrame { ticket: "t".into(), purpose: FramePurpose::LeverRow },
            Request::Backend { call: BackendCall::Disconnect(crate::endpoints::Disconnect) },
            Request::Backend { call: BackendCall::ListSessions(crate::endpoints::ListSessions) },
            Request::Backend { call: crate::endpoints::Check(Default::default()).into() },
        ];
        for request in &privileged {
            assert!(!request.allowed_from(Sender::ContentScript), "{request:?}");
            assert!(request.allowed_from(Sender::ExtensionPage), "{request:?}");
        }
    }

    #[test]
    fn requests_travel_as_tagged_json() {
        let scan = Request::PageScanned(PageScan {
            page: PageKind::SourcingLab,
            candidates: 3,
            locked: 1,
            lists_candidates: true,
        });
        let json = serde_json::to_value(&scan).expect("serializes");
        assert_eq!(json["kind"], "page_scanned");
        assert_eq!(json["page"], "sourcing_lab");
        let back: Request = serde_json::from_value(json).expect("deserializes");
        assert_eq!(back, scan);
    }

    /// `sw.js` (plain JS) posts what [`LiveNews`] reads, on the ports named here.
    #[test]
    fn the_worker_script_posts_live_news_as_the_enum_reads_it() {
        let sw = include_str!("../../extension/static/sw.js");
        for port in [LIVE_PORT, TASKS_PORT] {
            assert!(sw.contains(&format!("port.name === '{port}'")), "sw.js accepts {port}");
        }
        let changed: LiveNews = serde_json::from_str(r#"{"kind":"index_changed"}"#).expect("reads");
        assert_eq!(changed, LiveNews::IndexChanged);
        assert!(sw.contains("{ kind: 'index_changed' }"));
        let tasks: LiveNews = serde_json::from_str(r#"{"kind":"tasks","data":"[]"}"#).expect("reads");
        assert_eq!(tasks, LiveNews::Tasks { data: "[]".into() });
        assert!(sw.contains("{ kind: 'tasks', data: lastTasks }"));
    }

    #[test]
    fn connect_progress_round_trips() {
        let p = ConnectProgress::Finished(ConnectOutcome::NotSuperAdmin);
        let json = serde_json::to_string(&Response::Connect { progress: p }).expect("serializes");
        assert_eq!(serde_json::from_str::<Response>(&json).expect("parses"), Response::Connect { progress: p });
    }
}
