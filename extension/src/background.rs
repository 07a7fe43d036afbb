//! The background service worker's logic. It alone knows the backend URL and holds the session
//! token; everything else asks it through `shared::messages`, and it checks who asks: content
//! scripts (inside pages it does not trust) get only what a page needs. It also runs the connect
//! flow: opens Lever's consent in a tab bound to a secret only this worker holds, watches that
//! tab reach the backend's done page, trades the one-time handoff code (with the secret) for a
//! session, and closes the tab.
//!
//! Long because the worker is the one place that holds the session: every request it answers is routed here.

use std::cell::RefCell;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use shared::adapter::AdapterSet;
use shared::api::{
    ApiError, CONNECT_DONE_PATH, ConnectOutcome, ConnectRequest, ErrorCode, HandoffExchange, Health, RedeemInvite,
};
use shared::endpoints::{
    Check, CreateSession, Endpoint, GetAdapters, GetHealth, JoinWithInvite, Logout, ReportEmptyPage, StartConnect,
};
use shared::messages::{
    AdapterReply, Ask, BackendAnswer, BackendCall, BackendReply, BackendState, BadgesReply, CallBackend, CheckCards,
    ConnectLever, ConnectProgress, ConnectReply, ConnectStarted, Done, ExtensionStatus, FallbackEvent, FramePurpose,
    GetConnectProgress, GetFrameTicket, GetPageAdapter, GetStatus, Method, OpenFrame, OpenTaskManager, PageScan, Ping,
    Pong, Profiles, ReadProfiles, RememberBar, ReportScan, Request, Response, Sender, SetBackendUrl, SignOut, SignedIn,
    StageExport, StagedExport, StagedReply, TakeStagedExport, TicketReply, UseInvite,
};
use wasm_bindgen::prelude::*;

use crate::chrome;

const BACKEND_URL_KEY: &str = "backendUrl";
const SESSION_KEY: &str = "session";
/// Where the recruiter keeps the bar on ProvenBase's pages (`shared::content::BarPlacement`).
const BAR_KEY: &str = "barPlacement";
/// The adapters last fetched, and when (`Date.now()`).
const ADAPTERS_KEY: &str = "adapters";

#[derive(Default)]
struct Worker {
    /// The last scan of each tab. Lost when the worker sleeps, which only costs a rescan.
    scans: HashMap<i32, PageScan>,
    next_attempt: u32,
    /// Connect attempts: the tab showing Lever's consent, how it ended, and the secret that
    /// binds it to this browser.
    attempts: HashMap<u32, Attempt>,
    /// A connect the Lever row of a ProvenBase tab started and finished (that tab, and when,
    /// `Date.now()`), until its auto-sync prompt is shown: only that tab may frame the prompt.
    prompt_after_connect: Option<(i32, f64)>,
    /// One-time frame tickets: for which purpose, for which tab, issued when.
    tickets: HashMap<String, (FramePurpose, Option<i32>, f64)>,
    /// The organisation's adapter override as last fetched, and when (`Date.now()`).
    adapters: Option<(f64, Option<AdapterSet>)>,
    /// Candidates on their way from a page to the export dialog.
    staged: HashMap<u32, (Vec<shared::messages::StagedCandidate>, Option<String>)>,
    /// The tab each staged export came from (kept after the dialog takes it: it may ask that
    /// page to read profile pages).
    staged_tabs: HashMap<u32, i32>,
    next_staged: u32,
    /// The content-script brain of each tab whose page runs the strict-CSP fallback (a plain-JS
    /// drawer: the decisions are made here, in Rust). Lost when the worker sleeps: the fallback
    /// starts it again.
    brains: HashMap<i32, shared::content::Brain>,
    /// The backend's URL and the session as storage last said them (see [`stored`]); a read of
    /// them under way (a promise of a [`Stored`], shared by whoever asks meanwhile) and how many
    /// changes it began after; how many times they changed since the worker started.
    stored: Option<Stored>,
    reading: Option<(u64, js_sys::Promise)>,
    storage_changes: u64,
}

/// Where the backend is (policy first) and the session with it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Stored {
    url: Option<String>,
    session: Option<String>,
}

struct Attempt {
    tab: i32,
    progress: ConnectProgress,
    secret: String,
    /// The ProvenBase tab whose Lever row started it (the options page prompts by itself).
    row_tab: Option<i32>,
}

/// How long a frame ticket may wait for its frame to load.
const TICKET_TTL_MS: f64 = 60_000.0;
/// How long after a connect the auto-sync prompt may still be framed.
const AUTO_SYNC_PROMPT_WINDOW_MS: f64 = 10.0 * 60_000.0;
/// The longest `Retry-After` worth waiting for before answering "busy".
const MAX_RETRY_AFTER_SECS: u32 = 10;

/// How long an adapter override is reused before asking the backend again.
const ADAPTERS_TTL_MS: f64 = 60_000.0;

thread_local! {
    static WORKER: RefCell<Worker> = RefCell::new(Worker::default());
}

/// Called by `sw.js` for every `chrome.runtime` message; resolves to the [`Response`].
#[wasm_bindgen]
pub async fn handle_message(message: JsValue, sender: JsValue) -> Result<JsValue, JsValue> {
    let (from, tab) = (classify(&sender), sender_tab(&sender));
    let response = match chrome::from_js::<Request>(message) {
        Ok(request) if request.allowed_from(from) => {
            let from_row = field(&sender, "url").is_some_and(|u| u.contains(FramePurpose::LeverRow.page()));
            answer(request, tab, from_row).await
        }
        Ok(_) => failed(t!("worker-not-from-a-page")),
        Err(e) => failed(format!("unreadable request: {e}")),
    };
    chrome::to_js(&response).map_err(|e| JsValue::from_str(&e))
}

/// Called by `sw.js` when storage changed (`chrome.storage.onChanged`: in `area`, these `keys`;
/// a policy pushed, or any of the extension's contexts): what the worker kept of it is read
/// again when it was among them.
#[wasm_bindgen]
pub fn storage_changed(area: &str, keys: Vec<String>) {
    if area == "managed" || keys.iter().any(|k| k == BACKEND_URL_KEY || k == SESSION_KEY) {
        forget_stored();
    }
}

/// Forgets what the worker kept of the backend's URL and the session.
fn forget_stored() {
    WORKER.with(|w| {
        let mut w = w.borrow_mut();
        w.stored = None;
        w.storage_changes += 1;
    });
}

/// Called by `sw.js` when a tab's URL changes: finishes a connect attempt at the done page.
#[wasm_bindgen]
pub async fn handle_tab_updated(tab_id: i32, url: String) {
    let attempt = WORKER.with(|w| {
        w.borrow().attempts.iter().find(|(_, a)| a.tab == tab_id).map(|(id, a)| (*id, a.secret.clone(), a.row_tab))
    });
    let (Some((attempt, secret, row_tab)), Some(base)) = (attempt, backend_url().await) else { return };
    let Some(rest) = url.strip_prefix(&format!("{base}{CONNECT_DONE_PATH}?")) else { return };
    let params: HashMap<String, String> = rest
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (k.to_owned(), js_sys::decode_uri_component(v).ok().map(String::from).unwrap_or_default()))
        .collect();
    let outcome = params.get("outcome").and_then(|o| ConnectOutcome::parse(o)).unwrap_or(ConnectOutcome::LeverError);
    let outcome = match (outcome, params.get("handoff")) {
        (ConnectOutcome::Connected, Some(handoff)) => {
            match send(&CreateSession(HandoffExchange { handoff: handoff.clone(), secret })).await {
                Ok(grant) if store(SESSION_KEY, &grant.token).await.is_ok() => {
                    chrome::close_tab(tab_id).await;
                    let prompt = row_tab.map(|tab| (tab, js_sys::Date::now()));
                    WORKER.with(|w| w.borrow_mut().prompt_after_connect = prompt);
                    ConnectOutcome::Connected
                }
                Ok(_) => ConnectOutcome::LeverError,
                Err(_) => ConnectOutcome::Expired,
            }
        }
        (ConnectOutcome::Connected, None) => ConnectOutcome::LeverError,
        (failed, _) => failed,
    };
    WORKER.with(|w| {
        if let Some(entry) = w.borrow_mut().attempts.get_mut(&attempt) {
            entry.progress = ConnectProgress::Finished(outcome);
            // The secret has done its work; nothing else may use it.
            entry.secret.clear();
        }
    });
}

/// Where this browser's badge event stream is, and the session to open it with, for `sw.js`
/// (which holds the stream; the token never leaves the worker). Null when signed out.
#[wasm_bindgen]
pub async fn badge_stream() -> JsValue {
    let (Some(base), Some(token)) = (backend_url().await, session().await) else { return JsValue::NULL };
    let target = js_sys::Object::new();
    js_sys::Reflect::set(&target, &"url".into(), &format!("{base}{}", shared::endpoints::LiveEvents::ROUTE).into())
        .ok();
    js_sys::Reflect::set(&target, &"token".into(), &token.into()).ok();
    target.into()
}

/// Who sent a message: this extension's own pages (their URL is ours, whether its static or its
/// per-session dynamic id), its content script (inside a tab's web page), or anyone else.
fn classify(sender: &JsValue) -> Sender {
    if field(sender, "id").as_deref() != Some(chrome::extension_id().as_str()) {
        return Sender::Stranger;
    }
    match field(sender, "url") {
        Some(url) if url.starts_with("chrome-extension://") => Sender::ExtensionPage,
        Some(_) if sender_tab(sender).is_some() => Sender::ContentScript,
        _ => Sender::Stranger,
    }
}

fn field(sender: &JsValue, key: &str) -> Option<String> {
    js_sys::Reflect::get(sender, &key.into()).ok().and_then(|v| v.as_string())
}

fn sender_tab(sender: &JsValue) -> Option<i32> {
    let tab = js_sys::Reflect::get(sender, &"tab".into()).ok()?;
    let id = js_sys::Reflect::get(&tab, &"id".into()).ok()?.as_f64()?;
    #[allow(clippy::cast_possible_truncation)]
    Some(id as i32)
}

fn failed(message: impl Into<String>) -> Response {
    Response::Failed { message: message.into() }
}

/// The answer to a request of type `A`: its own answer type, or why it failed. Each arm of
/// [`answer`] goes through here, so the compiler holds every request to its one answer.
fn reply<A: Ask>(answer: Result<A::Answer, String>) -> Response {
    answer.map_or_else(failed, Into::into)
}

async fn answer(request: Request, tab: Option<i32>, from_row: bool) -> Response {
    match request {
        Request::Ping(_) => reply::<Ping>(Ok(Pong { version: crate::VERSION.into() })),
        Request::Status(GetStatus { tab_id }) => reply::<GetStatus>(Ok(status(tab_id).await)),
        Request::SetBackendUrl(SetBackendUrl { url }) => {
            reply::<SetBackendUrl>(set_backend_url(&url).await.map(|()| Done {}))
        }
        Request::PageScanned(ReportScan { scan }) => {
            if let Some(tab) = tab {
                WORKER.with(|w| w.borrow_mut().scans.insert(tab, scan));
            }
            reply::<ReportScan>(Ok(Done {}))
        }
        Request::Backend(CallBackend { call }) => {
            if matches!(call, BackendCall::SaveAdapters(_)) {
                forget_adapters().await;
            }
            let (method, path, body) = call.route();
            let answered = match backend(method, &path, body).await {
                Ok(value) => BackendReply::Ok(value),
                Err(e) => BackendReply::Err(e),
            };
            reply::<CallBackend>(Ok(BackendAnswer { reply: answered }))
        }
        Request::StartConnect(_) => reply::<ConnectLever>(start_connect(tab.filter(|_| from_row)).await),
        Request::ConnectProgress(GetConnectProgress { attempt }) => {
            let progress = WORKER.with(|w| w.borrow().attempts.get(&attempt).map(|a| a.progress));
            reply::<GetConnectProgress>(Ok(ConnectReply { progress: progress.unwrap_or(ConnectProgress::Unknown) }))
        }
        Request::RedeemInvite(UseInvite { code }) => reply::<UseInvite>(redeem(&code).await),
        Request::PageAdapter(GetPageAdapter { path }) => {
            // A page asks this first, and its check comes next: where the backend is and the
            // session are read meanwhile.
            wasm_bindgen_futures::spawn_local(async {
                stored().await;
            });
            // The bar's place is read while the adapters are (one storage round trip, not two).
            let (placed, bar) = futures_channel::oneshot::channel();
            wasm_bindgen_futures::spawn_local(async {
                placed.send(bar_placement().await).ok();
            });
            let set = adapters().await;
            let adapter = set.for_path(&path).cloned();
            reply::<GetPageAdapter>(Ok(AdapterReply {
                words: if adapter.is_some() { crate::speech::catalogue().words().clone() } else { Default::default() },
                adapter: adapter.map(Box::new),
                version: set.version,
                profile_page: set.profile_page.clone(),
                bar: bar.await.unwrap_or_default(),
            }))
        }
        Request::CheckCards(CheckCards { candidates }) => reply::<CheckCards>(check_cards(candidates).await),
        Request::StageExport(StageExport { candidates, origin }) => {
            reply::<StageExport>(Ok(StagedReply { id: stage(candidates, origin, tab) }))
        }
        Request::TakeStagedExport(TakeStagedExport { id }) => reply::<TakeStagedExport>(
            WORKER
                .with(|w| w.borrow_mut().staged.remove(&id))
                .map(|(candidates, origin)| StagedExport { candidates, origin })
                .ok_or_else(|| t!("worker-staged-gone")),
        ),
        Request::ReadProfiles(ReadProfiles { id, urls }) => reply::<ReadProfiles>(read_profiles(id, urls).await),
        Request::RememberBar(RememberBar { placement }) => {
            reply::<RememberBar>(chrome::local_set(BAR_KEY, &placement).await.map(|()| Done {}))
        }
        Request::OpenTaskManager(_) => {
            reply::<OpenTaskManager>(chrome::open_tab(&chrome::runtime_url("tasks.html")).await.map(|_| Done {}))
        }
        Request::FrameTicket(GetFrameTicket { purpose }) => reply::<GetFrameTicket>(frame_ticket(purpose, tab)),
        Request::OpenFrame(OpenFrame { ticket, purpose }) => {
            let issued = WORKER.with(|w| w.borrow_mut().tickets.remove(&ticket));
            reply::<OpenFrame>(match issued {
                Some((p, t, at)) if p == purpose && t == tab && js_sys::Date::now() - at < TICKET_TTL_MS => Ok(Done {}),
                _ => Err(t!("worker-panel-from-button")),
            })
        }
        Request::Content(FallbackEvent { event }) => reply::<FallbackEvent>(match tab {
            Some(tab) => Ok(content_event(tab, event).await),
            None => Err(t!("worker-not-a-provenbase-page")),
        }),
        Request::SignOut(_) => {
            send(&Logout).await.ok();
            forget_adapters().await;
            reply::<SignOut>(unstore(SESSION_KEY).await.map(|()| Done {}))
        }
    }
}

async fn bar_placement() -> shared::content::BarPlacement {
    chrome::local_get(BAR_KEY).await.ok().flatten().unwrap_or_default()
}

async fn redeem(code: &str) -> Result<SignedIn, String> {
    let grant = send(&JoinWithInvite(RedeemInvite { code: code.trim().to_owned() })).await.map_err(|e| e.message)?;
    store(SESSION_KEY, &grant.token).await?;
    Ok(SignedIn { me: grant.me })
}

/// The profile pages export `id` needs, read by the ProvenBase page that staged it.
async fn read_profiles(id: u32, urls: Vec<String>) -> Result<Profiles, String> {
    let Some(tab) = WORKER.with(|w| w.borrow().staged_tabs.get(&id).copied()) else {
        return Err(t!("worker-source-page-gone"));
    };
    chrome::ask_tab(tab, &shared::messages::PageRequest::ReadProfiles(shared::messages::ProfilesToRead { urls }))
        .await
        .map_err(|e| t!("worker-profiles-unread", reason = e))
}

/// At most this many fallback pages have a brain here; beyond, the lowest tab id (the oldest
/// tab) loses its own.
const MAX_BRAINS: usize = 50;

/// An event of a page running the strict-CSP fallback: its brain (`shared::content`) decides,
/// the fallback draws the step. Checks and refreshes run here and their steps go to the tab as
/// [`PageRequest::Draw`](shared::messages::PageRequest::Draw).
async fn content_event(tab: i32, event: shared::messages::ContentEvent) -> Response {
    use shared::content::{Brain, Step};
    use shared::messages::ContentEvent;
    let now = js_sys::Date::now();
    let step = |step: Step| Response::Content { step: Box::new(step) };
    if let ContentEvent::Start { path } = event {
        let set = adapters().await;
        let Some(adapter) = set.for_path(&path).cloned() else {
            WORKER.with(|w| w.borrow_mut().brains.remove(&tab));
            return Response::ContentStarted {
                adapter: None,
                badge_style: String::new(),
                bar_style: String::new(),
                profile_page: None,
                step: Box::default(),
                empty_grace_ms: 0,
            };
        };
        let say = crate::speech::catalogue().speech();
        let brain = Brain::new(adapter.clone(), set.version, path, say, now).placed(bar_placement().await);
        let first = brain.start();
        WORKER.with(|w| {
            let mut w = w.borrow_mut();
            if w.brains.len() >= MAX_BRAINS
                && let Some(oldest) = w.brains.keys().min().copied()
            {
                w.brains.remove(&oldest);
            }
            w.brains.insert(tab, brain);
        });
        return Response::ContentStarted {
            adapter: Some(Box::new(adapter)),
            badge_style: shared::badge::STYLE.into(),
            bar_style: shared::badge::BAR_STYLE.into(),
            profile_page: set.profile_page.clone(),
            step: Box::new(first),
            empty_grace_ms: shared::content::EMPTY_GRACE_MS,
        };
    }
    let with_brain =
        |act: &mut dyn FnMut(&mut Brain) -> Step| WORKER.with(|w| w.borrow_mut().brains.get_mut(&tab).map(act));
    let result = match event {
        ContentEvent::Start { .. } => None,
        ContentEvent::Scan { read } => {
            let mut read = Some(read);
            with_brain(&mut |b| Step { plan: Some(b.scan(read.take().unwrap_or_default(), now)), ..Step::default() })
        }
        ContentEvent::Refresh => WORKER.with(|w| w.borrow().brains.get(&tab).map(Brain::refresh)).map(|everyone| {
            wasm_bindgen_futures::spawn_local(refresh_fallback(tab, everyone));
            Step::default()
        }),
        ContentEvent::Export { card } => with_brain(&mut |b| b.export(&b.card(card).into_iter().collect::<Vec<_>>())),
        ContentEvent::ExportSelected => with_brain(&mut |b| b.export(&b.selected())),
        ContentEvent::ExportRead { cards } => {
            let mut cards = Some(cards);
            with_brain(&mut |b| b.export_read(cards.take().unwrap_or_default()))
        }
        ContentEvent::ToggleTasks => with_brain(&mut Brain::toggle_tasks),
        ContentEvent::ToggleBar => with_brain(&mut Brain::toggle_bar),
        ContentEvent::MoveBar => with_brain(&mut Brain::move_bar),
        ContentEvent::Frame { message } => with_brain(&mut |b| b.frame_message(message.clone())),
        ContentEvent::EmptyCheck => with_brain(&mut Brain::empty_check),
    };
    let Some(mut result) = result else {
        return failed("restart");
    };
    if let Some(placement) = result.remember.take() {
        chrome::local_set(BAR_KEY, &placement).await.ok();
    }
    // Reported here; the step still says so, for the drawer to mark the page.
    if let Some(report) = result.report_empty.clone() {
        send(&ReportEmptyPage(report)).await.ok();
    }
    if let Some(staging) = result.stage.take() {
        let id = stage(staging.candidates, Some(staging.origin), Some(tab));
        let frame = with_brain(&mut |b| Step { frames: vec![b.export_frame(id)], ..Step::default() });
        result.frames.extend(frame.into_iter().flat_map(|s| s.frames));
    }
    if let Some(plan) = result.plan.as_mut() {
        if let Some(scan) = plan.report.clone() {
            WORKER.with(|w| w.borrow_mut().scans.insert(tab, scan));
        }
        let check = std::mem::take(&mut plan.check);
        if !check.is_empty() {
            wasm_bindgen_futures::spawn_local(check_fallback(tab, check));
        }
    }
    step(result)
}

/// The badge check a fallback page's brain asked for; each answer's step goes to the tab.
async fn check_fallback(tab: i32, candidates: Vec<shared::api::Candidate>) {
    for chunk in candidates.chunks(shared::api::MAX_CANDIDATES) {
        let answer = check_cards(chunk.to_vec()).await.map(|reply| (reply.badges, reply.note));
        let plan = WORKER.with(|w| {
            let mut w = w.borrow_mut();
            let brain = w.brains.get_mut(&tab)?;
            let now = js_sys::Date::now();
            brain.checked(chunk, answer, now);
            Some(brain.plan(now))
        });
        let Some(plan) = plan else { return };
        draw_in_fallback(tab, plan).await;
    }
}

/// Everyone on a fallback page checked again after news; the changed badges are redrawn.
async fn refresh_fallback(tab: i32, everyone: Vec<shared::api::Candidate>) {
    for chunk in everyone.chunks(shared::api::MAX_CANDIDATES) {
        let answer = check_cards(chunk.to_vec()).await.map(|reply| (reply.badges, reply.note));
        WORKER.with(|w| w.borrow_mut().brains.get_mut(&tab).map(|b| b.refreshed(answer)));
    }
    let plan = WORKER.with(|w| w.borrow_mut().brains.get_mut(&tab).map(|b| b.plan(js_sys::Date::now())));
    if let Some(plan) = plan {
        draw_in_fallback(tab, plan).await;
    }
}

/// Sends a plan to a fallback tab to draw, then checks whoever it still asks about.
async fn draw_in_fallback(tab: i32, mut plan: shared::content::Plan) {
    let more = std::mem::take(&mut plan.check);
    let step = shared::content::Step { plan: Some(plan), ..Default::default() };
    chrome::ask_tab::<Done>(tab, &shared::messages::PageRequest::Draw { step: Box::new(step) }).await.ok();
    if !more.is_empty() {
        Box::pin(check_fallback(tab, more)).await;
    }
}

/// A check's answer as the content-script brain takes it.
/// Holds candidates for the export dialog; their id.
fn stage(candidates: Vec<shared::messages::StagedCandidate>, origin: Option<String>, tab: Option<i32>) -> u32 {
    WORKER.with(|w| {
        let mut w = w.borrow_mut();
        w.next_staged += 1;
        let id = w.next_staged;
        // Only the latest few: an abandoned dialog must not keep candidates forever.
        w.staged.retain(|k, _| *k + 5 > id);
        w.staged_tabs.retain(|k, _| *k + 5 > id);
        w.staged.insert(id, (candidates, origin));
        if let Some(tab) = tab {
            w.staged_tabs.insert(id, tab);
        }
        id
    })
}

/// A one-time ticket for a frame the content script of `tab` is about to show. The auto-sync
/// prompt (which changes the organisation's settings with one click) only for the tab whose
/// Lever row just finished a connect, once.
fn frame_ticket(purpose: FramePurpose, tab: Option<i32>) -> Result<TicketReply, String> {
    let now = js_sys::Date::now();
    WORKER.with(|w| {
        let mut w = w.borrow_mut();
        if purpose == FramePurpose::AutoSync {
            match w.prompt_after_connect.take() {
                Some((row_tab, at)) if Some(row_tab) == tab && now - at < AUTO_SYNC_PROMPT_WINDOW_MS => {}
                _ => return Err(t!("worker-autosync-from-row")),
            }
        }
        w.tickets.retain(|_, (_, _, at)| now - *at < TICKET_TTL_MS);
        let ticket = chrome::random_hex(16);
        w.tickets.insert(ticket.clone(), (purpose, tab, now));
        Ok(TicketReply { ticket })
    })
}

/// The adapters to use: the organisation's override when a Super Admin set one, else the
/// built-in ones. Kept in storage too, so a page loaded while the worker sleeps doesn't wait for
/// the backend: a stale copy is used once while a fresh one is fetched.
async fn adapters() -> AdapterSet {
    let mut cached = WORKER.with(|w| w.borrow().adapters.clone());
    if cached.is_none() {
        cached = chrome::local_get::<(f64, Option<AdapterSet>)>(ADAPTERS_KEY).await.ok().flatten();
        WORKER.with(|w| w.borrow_mut().adapters.clone_from(&cached));
    }
    let set = match cached {
        Some((at, set)) => {
            if js_sys::Date::now() - at >= ADAPTERS_TTL_MS {
                // One refresh at a time: the next page finds this one under way.
                WORKER.with(|w| w.borrow_mut().adapters = Some((js_sys::Date::now(), set.clone())));
                wasm_bindgen_futures::spawn_local(async {
                    refresh_adapters().await;
                });
            }
            set
        }
        None => refresh_adapters().await,
    };
    set.unwrap_or_else(AdapterSet::built_in)
}

/// The organisation's adapter override from the backend (none: the built-in ones), kept.
async fn refresh_adapters() -> Option<AdapterSet> {
    let fetched = match session().await {
        Some(_) => send(&GetAdapters).await.ok().and_then(|c| c.config),
        None => None,
    };
    let kept = (js_sys::Date::now(), fetched.clone());
    WORKER.with(|w| w.borrow_mut().adapters = Some(kept.clone()));
    chrome::local_set(ADAPTERS_KEY, &kept).await.ok();
    fetched
}

/// Drops the kept adapters (saved anew, signed out, another backend).
async fn forget_adapters() {
    WORKER.with(|w| w.borrow_mut().adapters = None);
    chrome::local_remove(ADAPTERS_KEY).await.ok();
}

/// Checks a page's candidates with the backend and turns each answer into its badge.
async fn check_cards(candidates: Vec<shared::api::Candidate>) -> Result<BadgesReply, String> {
    use shared::badge::view;
    use shared::messages::CardBadge;
    let refs: Vec<String> = candidates.iter().map(|c| c.ref_id.clone()).collect();
    let answer = match send(&Check(shared::api::CheckRequest { candidates })).await {
        Ok(response) => response,
        Err(e) if matches!(e.code, ErrorCode::Unauthenticated | ErrorCode::NotConfigured) => {
            return Err(t!("worker-badges-sign-in"));
        }
        Err(e) if e.code == ErrorCode::LeverDisconnected => return Err(t!("worker-badges-disconnected")),
        Err(e) => return Err(t!("worker-badges-unavailable", reason = e.message)),
    };
    let say = crate::speech::catalogue().speech();
    Ok(match answer {
        response if !response.sync.enabled => BadgesReply {
            badges: refs.into_iter().map(|ref_id| CardBadge { ref_id, view: view(&say, None) }).collect(),
            note: Some(t!("worker-badges-sync-off")),
        },
        response => BadgesReply {
            badges: response
                .results
                .iter()
                .map(|r| {
                    let mut view = view(&say, Some(&r.outcome));
                    if let Some(problem) = &r.problem {
                        view.title = format!("{} {problem}", view.title);
                    }
                    CardBadge { ref_id: r.ref_id.clone(), view }
                })
                .collect(),
            note: None,
        },
    })
}

/// Opens Lever's consent; `row_tab` is the ProvenBase tab whose Lever row asked, if one did.
async fn start_connect(row_tab: Option<i32>) -> Result<ConnectStarted, String> {
    let secret = chrome::random_hex(32);
    let request = ConnectRequest { secret_hash: sha256_hex(&secret) };
    let start = send(&StartConnect(request)).await.map_err(|e| e.message)?;
    let tab = chrome::open_tab(&start.authorize_url).await.map_err(|e| format!("could not open Lever: {e}"))?;
    let attempt = WORKER.with(|w| {
        let mut w = w.borrow_mut();
        w.next_attempt += 1;
        let attempt = w.next_attempt;
        w.attempts.insert(attempt, Attempt { tab, progress: ConnectProgress::Pending, secret, row_tab });
        attempt
    });
    Ok(ConnectStarted { attempt })
}

fn sha256_hex(text: &str) -> String {
    use sha2::Digest as _;
    sha2::Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// The backend URL: the one set by enterprise policy when there is one, else the user's.
async fn backend_url() -> Option<String> {
    stored().await.url
}

/// The backend's URL and the session: read from storage once, then kept until they change
/// (every check would otherwise wait for storage). Whoever asks while they are being read waits
/// for that read rather than starting another.
async fn stored() -> Stored {
    enum Kept {
        Yes(Stored),
        /// Not yet: the read to wait for, begun after this many changes.
        Reading(js_sys::Promise, u64),
    }
    let kept = WORKER.with(|w| {
        let mut w = w.borrow_mut();
        let since = w.storage_changes;
        if let Some(kept) = &w.stored {
            return Kept::Yes(kept.clone());
        }
        if let Some((began, reading)) = &w.reading
            && *began == since
        {
            return Kept::Reading(reading.clone(), since);
        }
        let reading = wasm_bindgen_futures::future_to_promise(async {
            chrome::to_js(&read_stored().await).map_err(|e| JsValue::from_str(&e))
        });
        w.reading = Some((since, reading.clone()));
        Kept::Reading(reading, since)
    });
    let (reading, since) = match kept {
        Kept::Yes(stored) => return stored,
        Kept::Reading(reading, since) => (reading, since),
    };
    let read: Stored = match wasm_bindgen_futures::JsFuture::from(reading).await.map(chrome::from_js) {
        Ok(Ok(read)) => read,
        _ => read_stored().await,
    };
    WORKER.with(|w| {
        let mut w = w.borrow_mut();
        // Changed while it was read: the next call reads it again.
        if w.storage_changes == since {
            w.stored = Some(read.clone());
            w.reading = None;
        }
    });
    read
}

/// The backend's URL (policy first) and the session, as storage says them now.
async fn read_stored() -> Stored {
    let managed = managed_backend_url().await;
    let [url, session] = chrome::local_get_each::<String, 2>([BACKEND_URL_KEY, SESSION_KEY]).await.unwrap_or_default();
    Stored { url: managed.or(url.filter(|u| !u.is_empty())), session }
}

/// Writes `key`, and forgets what was kept of storage.
async fn store(key: &str, value: &str) -> Result<(), String> {
    let written = chrome::local_set(key, &value).await;
    forget_stored();
    written
}

/// Removes `key`, and forgets what was kept of storage.
async fn unstore(key: &str) -> Result<(), String> {
    let removed = chrome::local_remove(key).await;
    forget_stored();
    removed
}

async fn local_backend_url() -> Option<String> {
    chrome::local_get::<String>(BACKEND_URL_KEY).await.ok().flatten().filter(|u| !u.is_empty())
}

async fn managed_backend_url() -> Option<String> {
    chrome::managed_get::<String>(BACKEND_URL_KEY)
        .await
        .map(|u| u.trim().trim_end_matches('/').to_owned())
        .filter(|u| !u.is_empty())
}

async fn session() -> Option<String> {
    stored().await.session
}

/// One endpoint called with the session, its reply read as the endpoint's type.
async fn send<E: Endpoint>(endpoint: &E) -> Result<E::Reply, ApiError> {
    let body = endpoint.body().map(|b| serde_json::to_value(b).unwrap_or(Value::Null));
    let value = backend(E::METHOD, &endpoint.path(), body).await?;
    serde_json::from_value(value)
        .map_err(|e| ApiError::new(ErrorCode::Extension, format!("unexpected answer from the backend: {e}")))
}

/// One call to the backend with the session; a 401 ends the stored session. A 429 is waited
/// out once when its `Retry-After` is short, else reported as busy.
async fn backend(method: Method, path: &str, body: Option<Value>) -> Result<Value, ApiError> {
    let mut waited = false;
    loop {
        match send_once(method, path, body.as_ref()).await? {
            Sent::RetryAfter(secs) if !waited && secs <= MAX_RETRY_AFTER_SECS => {
                waited = true;
                gloo::timers::future::sleep(std::time::Duration::from_secs(u64::from(secs.max(1)))).await;
            }
            Sent::RetryAfter(secs) => {
                return Err(ApiError::new(ErrorCode::RateLimited, t!("worker-backend-busy", seconds = secs)));
            }
            Sent::Answered(result) => return result,
        }
    }
}

enum Sent {
    Answered(Result<Value, ApiError>),
    /// 429: the seconds the backend asked us to wait.
    RetryAfter(u32),
}

async fn send_once(method: Method, path: &str, body: Option<&Value>) -> Result<Sent, ApiError> {
    use gloo::net::http::RequestBuilder;
    let base =
        backend_url().await.ok_or_else(|| ApiError::new(ErrorCode::NotConfigured, t!("worker-backend-url-unset")))?;
    let mut req = RequestBuilder::new(&format!("{base}{path}")).method(match method {
        Method::Get => gloo::net::http::Method::GET,
        Method::Post => gloo::net::http::Method::POST,
        Method::Put => gloo::net::http::Method::PUT,
        Method::Delete => gloo::net::http::Method::DELETE,
    });
    if let Some(token) = session().await {
        req = req.header("Authorization", &format!("Bearer {token}"));
    }
    let sent = match body {
        Some(body) => req.json(body).map_err(|e| ApiError::new(ErrorCode::Extension, e.to_string()))?.send().await,
        None => req.send().await,
    };
    let res = sent.map_err(|e| {
        ApiError::new(ErrorCode::BackendUnreachable, t!("worker-backend-unreachable", reason = e.to_string()))
    })?;
    if res.status() == 429 {
        let secs = res.headers().get("retry-after").and_then(|v| v.trim().parse::<u32>().ok()).unwrap_or(1);
        return Ok(Sent::RetryAfter(secs));
    }
    if res.status() == 401 {
        unstore(SESSION_KEY).await.ok();
    }
    let text = res.text().await.unwrap_or_default();
    if res.ok() {
        return Ok(Sent::Answered(Ok(if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::Null)
        })));
    }
    Ok(Sent::Answered(Err(serde_json::from_str::<ApiError>(&text).unwrap_or_else(|_| {
        ApiError::new(ErrorCode::Unknown, t!("worker-backend-answered", status = res.status().to_string()))
    }))))
}

/// Accepts `https://host[:port]` (or `http://` to this machine), kept without a trailing slash;
/// empty clears it. Another URL ends the session: its token must never reach another server.
async fn set_backend_url(url: &str) -> Result<(), String> {
    if managed_backend_url().await.is_some() {
        return Err(t!("worker-backend-url-managed"));
    }
    let url = url.trim().trim_end_matches('/');
    let secure =
        || web_sys::Url::new(url).is_ok_and(|parsed| shared::secure_origin(&parsed.protocol(), &parsed.hostname()));
    if !(url.is_empty() || secure()) {
        return Err(t!("worker-backend-url-insecure"));
    }
    if local_backend_url().await.as_deref().unwrap_or_default() != url {
        unstore(SESSION_KEY).await?;
        forget_adapters().await;
    }
    store(BACKEND_URL_KEY, url).await
}

async fn status(tab: Option<i32>) -> ExtensionStatus {
    let managed = managed_backend_url().await;
    let backend_url_managed = managed.is_some();
    let backend_url = match managed {
        Some(url) => Some(url),
        None => local_backend_url().await,
    };
    let backend = match &backend_url {
        None => BackendState::NotConfigured,
        Some(url) => check_backend(url).await,
    };
    ExtensionStatus {
        version: crate::VERSION.into(),
        backend_url_managed,
        backend_url,
        backend,
        page: tab.and_then(|t| WORKER.with(|w| w.borrow().scans.get(&t).cloned())),
        signed_in: session().await.is_some(),
    }
}

async fn check_backend(url: &str) -> BackendState {
    let reply = gloo::net::http::Request::get(&format!("{url}{}", GetHealth::ROUTE)).send().await;
    match reply {
        Ok(r) if r.ok() => match r.json::<Health>().await {
            Ok(health) => BackendState::Reachable { version: health.version },
            Err(e) => BackendState::Unreachable { reason: format!("unexpected answer: {e}") },
        },
        Ok(r) => BackendState::Unreachable { reason: format!("the backend answered {}", r.status()) },
        Err(e) => BackendState::Unreachable { reason: format!("no answer: {e}") },
    }
}
