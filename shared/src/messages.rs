//! Messages between the extension's parts. Content scripts and pages never call the backend
//! themselves: they send a [`Request`] to the background worker, which owns the backend URL and
//! the session, and get one [`Response`] back. The session token never leaves the worker.
//!
//! Long because every message between the extension's parts is here, so both ends read one list.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::adapter::{PageAdapter, PageKind};
use crate::api::{ApiError, Candidate, ConnectOutcome, Me};
use crate::badge::BadgeView;
pub use crate::endpoints::{BackendCall, Method};

/// A request and the one answer it gets: the worker's handler must produce `Answer` (or fail
/// with a message), and `chrome::ask` returns it, so no caller matches an answer it can't get.
pub trait Ask: Into<Request> {
    type Answer: Into<Response> + serde::de::DeserializeOwned;
}

/// Declares [`Request`] from one list: each request is its own type, with its answer.
macro_rules! requests {
    ($(
        $(#[$doc:meta])*
        $variant:ident($name:ident { $($(#[$fdoc:meta])* $field:ident: $ty:ty),* $(,)? }) => $answer:ty;
    )*) => {
        /// What the extension's pages and content scripts ask the background worker; `kind` on the wire.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(tag = "kind", rename_all = "snake_case")]
        pub enum Request {
            $( $(#[$doc])* $variant($name), )*
        }
        $(
            $(#[$doc])*
            #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
            pub struct $name { $( $(#[$fdoc])* pub $field: $ty, )* }
            impl From<$name> for Request {
                fn from(request: $name) -> Self {
                    Self::$variant(request)
                }
            }
            impl Ask for $name {
                type Answer = $answer;
            }
        )*
    };
}

requests! {
    /// Is the background worker alive?
    Ping(Ping {}) => Pong;
    /// The extension's state, for the popup and options page; `tab_id` selects whose page scan.
    Status(GetStatus { tab_id: Option<i32> }) => ExtensionStatus;
    /// Set (or clear, with an empty string) the backend URL from the options page.
    SetBackendUrl(SetBackendUrl { url: String }) => Done;
    /// A content script scanned its page.
    PageScanned(ReportScan { scan: PageScan }) => Done;
    /// A call to the backend with this extension's session.
    Backend(CallBackend { call: BackendCall }) => BackendAnswer;
    /// Open Lever's consent in a new tab.
    StartConnect(ConnectLever {}) => ConnectStarted;
    /// How the connect attempt is going.
    ConnectProgress(GetConnectProgress { attempt: u32 }) => ConnectReply;
    /// Join an organisation with an invite code.
    RedeemInvite(UseInvite { code: String }) => SignedIn;
    /// End this extension's session.
    SignOut(SignOut {}) => Done;
    /// The adapter for a page (the backend's override, else the built-in one).
    PageAdapter(GetPageAdapter { path: String }) => AdapterReply;
    /// Check a page's candidates and say what each badge shows.
    CheckCards(CheckCards { candidates: Vec<Candidate> }) => BadgesReply;
    /// Hold candidates a recruiter chose to export, for the export dialog to pick up.
    StageExport(StageExport {
        candidates: Vec<StagedCandidate>,
        /// Where they were chosen ("Project: Q3 Backend Hiring", "Sourcing Lab"), for Lever's tags.
        #[serde(default)]
        origin: Option<String>,
    }) => StagedReply;
    /// The export dialog takes what was staged (once).
    TakeStagedExport(TakeStagedExport { id: u32 }) => StagedExport;
    /// The export dialog needs what the cards leave out: the worker asks the page that staged
    /// export `id` to read these profile pages.
    ReadProfiles(ReadProfiles { id: u32, urls: Vec<String> }) => Profiles;
    /// Open the full task manager page.
    OpenTaskManager(OpenTaskManager {}) => Done;
    /// Keep the bar where the recruiter put it, on their next pages too.
    RememberBar(RememberBar { placement: crate::content::BarPlacement }) => Done;
    /// A content script is about to show one of our pages in a frame: a one-time ticket it
    /// puts in the frame's URL fragment.
    FrameTicket(GetFrameTicket { purpose: FramePurpose }) => TicketReply;
    /// A framed page proves the content script of its own tab made it, for `purpose`, before it
    /// shows anything (a page framing it by itself has no ticket).
    OpenFrame(OpenFrame { ticket: String, purpose: FramePurpose }) => Done;
    /// The strict-CSP fallback's page events, for the content-script brain the worker runs for
    /// its tab (`shared::content`): answered with [`Response::Content`] (or
    /// [`Response::ContentStarted`]), and later steps arrive as [`PageRequest::Draw`].
    Content(FallbackEvent { event: ContentEvent }) => Response;
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
    /// The cards a step asked to read whole ([`crate::content::Step::read_cards`]).
    ExportRead { cards: Vec<crate::api::Candidate> },
    /// The task manager icon.
    ToggleTasks,
    /// The bar's fold button.
    ToggleBar,
    /// The bar's move button.
    MoveBar,
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
                Self::Ping(_)
                    | Self::PageScanned(_)
                    | Self::PageAdapter(_)
                    | Self::CheckCards(_)
                    | Self::StageExport(_)
                    | Self::OpenTaskManager(_)
                    | Self::RememberBar(_)
                    | Self::FrameTicket(_)
                    | Self::Backend(CallBackend { call: BackendCall::ReportEmptyPage(_) })
                    | Self::Content(_)
            ),
        }
    }
}

/// A candidate on its way to the export dialog, with what its badge knew.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StagedCandidate {
    pub candidate: Candidate,
    /// Already in Lever (an exact match on the page's badge).
    pub in_lever: bool,
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

/// The worker's answer to a [`Request`]: the one [`Ask::Answer`] of that request, or
/// [`Response::Failed`]; `kind` on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Response {
    Pong(Pong),
    Status(ExtensionStatus),
    Done(Done),
    /// The request could not be carried out; `message` says why, for a person.
    Failed {
        message: String,
    },
    Backend(BackendAnswer),
    ConnectStarted(ConnectStarted),
    Connect(ConnectReply),
    SignedIn(SignedIn),
    PageAdapter(AdapterReply),
    Staged(StagedReply),
    StagedExport(StagedExport),
    Profiles(Profiles),
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

/// Each answer is a [`Response`] of its own kind.
macro_rules! answers {
    ($($answer:ident => $variant:ident),* $(,)?) => {$(
        impl From<$answer> for Response {
            fn from(answer: $answer) -> Self {
                Self::$variant(answer)
            }
        }
    )*};
}

answers! {
    Pong => Pong, ExtensionStatus => Status, Done => Done, BackendAnswer => Backend,
    ConnectStarted => ConnectStarted, ConnectReply => Connect, SignedIn => SignedIn,
    AdapterReply => PageAdapter, StagedReply => Staged, StagedExport => StagedExport,
    Profiles => Profiles, BadgesReply => Badges, TicketReply => FrameTicket,
}

/// [`Ping`]'s answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pong {
    pub version: String,
}

/// The answer of requests that only act: it was done.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Done {}

/// [`CallBackend`]'s answer: the backend's JSON body, or its `{code, message}` error.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackendAnswer {
    pub reply: BackendReply,
}

/// [`ConnectLever`]'s answer: the attempt to follow with [`GetConnectProgress`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectStarted {
    pub attempt: u32,
}

/// [`GetConnectProgress`]'s answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectReply {
    pub progress: ConnectProgress,
}

/// [`UseInvite`]'s answer: this extension now holds a session, as `me`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedIn {
    pub me: Me,
}

/// [`TakeStagedExport`]'s answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StagedExport {
    pub candidates: Vec<StagedCandidate>,
    #[serde(default)]
    pub origin: Option<String>,
}

/// [`ReadProfiles`]'s answer (and the content script's answer to [`PageRequest::ReadProfiles`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profiles {
    pub profiles: Vec<ProfileRead>,
}

// The answers a content script reads, each its own type: the content script deserialises only
// the one it expects (`chrome::ask`), which keeps every other answer's code out of its wasm.

/// [`GetPageAdapter`]'s answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdapterReply {
    pub adapter: Option<Box<PageAdapter>>,
    /// The content script's words, in the browser's language (it carries no catalogue).
    #[serde(default)]
    pub words: crate::words::Words,
    /// The adapter set's version (reported with empty pages).
    pub version: u32,
    /// How to read candidates' profile pages, for exports that need them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile_page: Option<Box<crate::adapter::CandidateSelectors>>,
    /// Where the recruiter keeps the bar.
    #[serde(default)]
    pub bar: crate::content::BarPlacement,
}

/// [`CheckCards`]'s answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BadgesReply {
    pub badges: Vec<CardBadge>,
    /// Why badges say less than they could (sync off), for the page's bar.
    pub note: Option<String>,
}

/// [`StageExport`]'s answer: the id the export dialog takes the candidates with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StagedReply {
    pub id: u32,
}

/// [`GetFrameTicket`]'s answer.
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
    pub fn summary(&self, say: &crate::words::Speech) -> String {
        crate::badge::bar_summary(say, self.page, self.lists_candidates, Some((self.candidates, self.locked)))
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
    fn the_fallbacks_whole_cards_read_as_an_export_read() {
        let sent = r#"{"event":"export_read","cards":[{"name":"Ana","title":"SRE","emails":["a@example.com"]}]}"#;
        let event: ContentEvent = serde_json::from_str(sent).expect("parses");
        let ContentEvent::ExportRead { cards } = event else { panic!("{event:?}") };
        assert_eq!((cards[0].name.as_str(), cards[0].title.as_deref()), ("Ana", Some("SRE")));
    }

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
    fn the_loaders_early_adapter_request_is_read_as_a_page_adapter_request() {
        // `loader.js` asks before the wasm (and its serde) exists, by hand.
        let loader = include_str!("../../extension/static/loader.js");
        assert!(loader.contains("sendMessage({ kind: 'page_adapter', path: location.pathname })"), "{loader}");
        let read: Request = serde_json::from_str(r#"{"kind":"page_adapter","path":"/app/projects/1"}"#).expect("reads");
        assert_eq!(read, GetPageAdapter { path: "/app/projects/1".into() }.into());
        assert!(read.allowed_from(Sender::ContentScript));
    }

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
        framed.sort_unstable();
        let mut listed = resources.clone();
        listed.sort_unstable();
        assert_eq!(framed, listed, "the manifest's web-accessible resources");
    }

    fn scan(candidates: u32) -> PageScan {
        PageScan { page: PageKind::SourcingLab, candidates, locked: 1, lists_candidates: true }
    }

    #[test]
    fn content_scripts_may_ask_only_what_a_page_needs() {
        let report = crate::api::EmptyPageReport { page: PageKind::Projects, path: "/".into(), adapter_version: 1 };
        let page_needs: [Request; 9] = [
            Ping {}.into(),
            GetPageAdapter { path: "/".into() }.into(),
            CheckCards { candidates: vec![] }.into(),
            StageExport { candidates: vec![], origin: None }.into(),
            OpenTaskManager {}.into(),
            RememberBar { placement: crate::content::BarPlacement::default() }.into(),
            GetFrameTicket { purpose: FramePurpose::ExportDialog }.into(),
            ReportScan { scan: scan(0) }.into(),
            CallBackend { call: crate::endpoints::ReportEmptyPage(report).into() }.into(),
        ];
        for request in &page_needs {
            assert!(request.allowed_from(Sender::ContentScript), "{request:?}");
            assert!(request.allowed_from(Sender::ExtensionPage), "{request:?}");
            assert!(!request.allowed_from(Sender::Stranger), "{request:?}");
        }
        let privileged: [Request; 12] = [
            GetStatus { tab_id: None }.into(),
            SetBackendUrl { url: "https://evil.example".into() }.into(),
            ConnectLever {}.into(),
            GetConnectProgress { attempt: 1 }.into(),
            UseInvite { code: "PBL-X".into() }.into(),
            SignOut {}.into(),
            TakeStagedExport { id: 1 }.into(),
            ReadProfiles { id: 1, urls: vec![] }.into(),
            OpenFrame { ticket: "t".into(), purpose: FramePurpose::LeverRow }.into(),
            CallBackend { call: BackendCall::Disconnect(crate::endpoints::Disconnect) }.into(),
            CallBackend { call: BackendCall::ListSessions(crate::endpoints::ListSessions) }.into(),
            CallBackend { call: crate::endpoints::Check(Default::default()).into() }.into(),
        ];
        for request in &privileged {
            assert!(!request.allowed_from(Sender::ContentScript), "{request:?}");
            assert!(request.allowed_from(Sender::ExtensionPage), "{request:?}");
        }
    }

    #[test]
    fn a_scan_from_an_older_script_lists_candidates() {
        let old: PageScan = serde_json::from_str(r#"{"page":"projects","candidates":2,"locked":0}"#).expect("reads");
        assert!(old.lists_candidates);
    }

    #[test]
    fn requests_travel_as_tagged_json() {
        let request: Request = ReportScan { scan: scan(3) }.into();
        let json = serde_json::to_value(&request).expect("serializes");
        assert_eq!(json["kind"], "page_scanned");
        assert_eq!(json["scan"]["page"], "sourcing_lab");
        let back: Request = serde_json::from_value(json).expect("deserializes");
        assert_eq!(back, request);
        let unit: Request = serde_json::from_str(r#"{"kind":"ping"}"#).expect("a request without fields");
        assert_eq!(unit, Request::Ping(Ping {}));
    }

    /// What `chrome::ask` does with the worker's answer: reads it as the request's own answer.
    fn read_as<A: Ask>(_: &A, answer: Response) -> A::Answer {
        serde_json::from_value(serde_json::to_value(answer).expect("serializes")).expect("reads as the answer")
    }

    #[test]
    fn each_answer_reads_back_as_its_request_expects() {
        let progress = ConnectProgress::Finished(ConnectOutcome::NotSuperAdmin);
        let asked = GetConnectProgress { attempt: 2 };
        assert_eq!(read_as(&asked, ConnectReply { progress }.into()), ConnectReply { progress });
        assert_eq!(read_as(&Ping {}, Pong { version: "1".into() }.into()), Pong { version: "1".into() });
        assert_eq!(read_as(&SignOut {}, Done {}.into()), Done {});
        assert_eq!(
            read_as(&ReportScan { scan: scan(1) }, serde_json::from_str(r#"{"kind":"done"}"#).expect("js")),
            Done {}
        );
        let staged = StagedExport { candidates: vec![], origin: Some("Sourcing Lab".into()) };
        assert_eq!(read_as(&TakeStagedExport { id: 1 }, staged.clone().into()), staged);
        let json = serde_json::to_value(Response::from(ConnectStarted { attempt: 7 })).expect("serializes");
        assert_eq!(json, serde_json::json!({"kind": "connect_started", "attempt": 7}), "the wire names the answer");
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
}
