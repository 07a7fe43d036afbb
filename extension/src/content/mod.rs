//! The content script: finds ProvenBase's candidates with the page adapter, keeps finding them as
//! the page changes (scroll, load more, filters), asks the background worker for **one batched
//! duplicate check per scan**, and draws badges in the cards and our bar in a shadow root, so
//! the page's CSS and ours never meet.

pub mod badges;
pub mod export;
mod frames;
pub mod reader;
pub mod toolbar;

use std::cell::RefCell;
use std::rc::Rc;

use badges::Known;
use gloo::timers::callback::Timeout;
use shared::adapter::{AdapterSet, PageAdapter, ScrapedCandidate};
use shared::messages::FramePurpose;
use shared::messages::{PageScan, Request, Response};
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, MutationObserver, MutationObserverInit};

use shared::pacing::{CheckPacer, DrawBudget};
use toolbar::{Toolbar, ToolbarProps};

/// The element our UI lives under; its attributes also say what the script found.
pub const HOST_TAG: &str = "provenbase-lever";

/// Cards often arrive in bursts; one scan per burst is enough (and a frame is short enough
/// for a recruiter not to notice).
const RESCAN_DELAY_MS: u32 = 16;

/// A listing page still showing no candidates this long after loading is reported: its adapter
/// probably no longer fits ProvenBase's markup.
const EMPTY_GRACE_MS: u32 = 3_000;

/// After a failed check, wait this long before asking again (the page may keep mutating).
const RETRY_AFTER_MS: f64 = 15_000.0;

struct Page {
    adapter: PageAdapter,
    /// The adapter set's version, for reports.
    version: u32,
    host: Element,
    toolbar: yew::AppHandle<Toolbar>,
    props: ToolbarProps,
    last: Option<PageScan>,
    known: Known,
    /// When the last check failed (ms, `Date.now()`), to back off.
    failed_at: Option<f64>,
    /// A rescan is already scheduled; later mutations ride along with it.
    scheduled: bool,
    /// The click handler of every card's *Export to Lever* button.
    on_export: Option<js_sys::Function>,
    /// The button that opened the export dialog, to give the focus back to when it closes.
    trigger: Option<web_sys::HtmlElement>,
    /// A live refresh is under way; more news while it runs is covered by it.
    refreshing: bool,
    /// Checks go at most every 200 ms while cards stream in.
    pacer: CheckPacer,
    /// What the page removes is put back a few times a minute, not on every removal.
    draws: DrawBudget,
    /// A scan is waiting for the pacer or the draw budget.
    deferred: bool,
}

/// The bar's id in the draw budget (cards count up from 0).
const BAR_ID: u32 = u32::MAX;

type Shared = Rc<RefCell<Page>>;

pub fn start() {
    wasm_bindgen_futures::spawn_local(async {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
        let path = document.location().and_then(|l| l.pathname().ok()).unwrap_or_default();
        // The backend may override the built-in adapters (a ProvenBase redesign, fixed without a release).
        let (adapter, version, profile_page) =
            match crate::chrome::send(&Request::PageAdapter { path: path.clone() }).await {
                Response::PageAdapter { adapter, version, profile_page, .. } => {
                    (adapter.map(|a| *a), version, profile_page)
                }
                _ => {
                    let built_in = AdapterSet::built_in();
                    (built_in.for_path(&path).cloned(), built_in.version, built_in.profile_page)
                }
            };
        if let Some(adapter) = adapter {
            start_with(&document, adapter, version);
            // The export dialog may need what cards leave out: the worker asks this page.
            crate::chrome::serve_page_requests(move |request| {
                let selectors = profile_page.clone();
                async move {
                    match request {
                        shared::messages::PageRequest::ReadProfiles { urls } => {
                            Response::Profiles { profiles: export::read_profiles(urls, selectors).await }
                        }
                    }
                }
            });
        }
    });
}

fn start_with(document: &Document, adapter: PageAdapter, version: u32) {
    let Some(body) = document.body() else { return };
    let Ok((host, toolbar)) = mount(document, &body) else {
        web_sys::console::warn_1(&"ProvenBase → Lever: could not add its UI to this page".into());
        return;
    };
    host.set_attribute("data-page", &format!("{:?}", adapter.page)).ok();
    if let Some(list) = adapter.integrations.as_deref().and_then(|sel| document.query_selector(sel).ok().flatten()) {
        mount_lever_row(document, &list);
    }
    let page = Rc::new(RefCell::new(Page {
        adapter,
        version,
        host,
        toolbar,
        props: ToolbarProps::default(),
        last: None,
        known: Known::default(),
        failed_at: None,
        scheduled: false,
        on_export: None,
        trigger: None,
        refreshing: false,
        pacer: CheckPacer::default(),
        draws: {
            // Mounting the bar was its first draw.
            let mut draws = DrawBudget::default();
            draws.allow(BAR_ID, js_sys::Date::now());
            draws
        },
        deferred: false,
    }));
    wire_exports(&page, document);
    scan(&page);
    observe(&page, &body);
    listen_live(&page);
    report_if_empty(page);
}

/// Opens the export dialog for the people with these ids.
fn export_people(page: &Shared, ids: &[u32]) {
    let (host, staged, origin) = {
        let p = page.borrow();
        let document = web_sys::window().and_then(|w| w.document());
        let context = p.adapter.context.as_deref().and_then(|sel| document?.query_selector(sel).ok().flatten());
        let origin = p.adapter.origin(context.and_then(|c| c.text_content()).as_deref());
        (p.host.clone(), export::staged(&p.known, ids), origin)
    };
    let page = Rc::clone(page);
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(message) = export::open_dialog(host, staged, origin).await {
            let mut p = page.borrow_mut();
            p.props.toast = Some(message);
            let props = p.props.clone();
            p.toolbar.update(props);
        }
    });
}

/// The ids of the candidates whose selection box is checked.
fn selected_ids(page: &Shared) -> Vec<u32> {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return Vec::new() };
    let mut p = page.borrow_mut();
    let Some(select) = p.adapter.fields.select.clone() else { return Vec::new() };
    let cards = reader::read_cards(&document, &p.adapter);
    cards
        .iter()
        .filter(|(card, _)| {
            card.query_selector(&select)
                .ok()
                .flatten()
                .and_then(|b| b.dyn_into::<web_sys::HtmlInputElement>().ok())
                .is_some_and(|b| b.checked())
        })
        .map(|(_, c)| p.known.id(c))
        .collect()
}

/// The card buttons, *Export selected*, the selection count, and the dialog's answer.
fn wire_exports(page: &Shared, document: &Document) {
    let on_card = {
        let page = Rc::clone(page);
        Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            let button = event.current_target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok());
            page.borrow_mut().trigger.clone_from(&button);
            let id = event
                .current_target()
                .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
                .and_then(|n| n.get_root_node().dyn_into::<web_sys::ShadowRoot>().ok())
                .and_then(|root| root.host().get_attribute("data-ref"))
                .and_then(|r| r.parse::<u32>().ok());
            if let Some(id) = id {
                export_people(&page, &[id]);
            }
        })
    };
    let export_selected = {
        let page = Rc::clone(page);
        yew::Callback::from(move |()| {
            let ids = selected_ids(&page);
            export_people(&page, &ids);
        })
    };
    let on_change = {
        let page = Rc::clone(page);
        Closure::<dyn FnMut()>::new(move || {
            let selected = u32::try_from(selected_ids(&page).len()).unwrap_or(0);
            let mut p = page.borrow_mut();
            if p.props.selected != selected {
                p.props.selected = selected;
                let props = p.props.clone();
                p.toolbar.update(props);
            }
        })
    };
    document.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref()).ok();
    on_change.forget();
    let mut p = page.borrow_mut();
    p.on_export = Some(on_card.as_ref().unchecked_ref::<js_sys::Function>().clone());
    on_card.forget();
    p.props.on_export_selected = export_selected;
    p.props.on_toggle_tasks = {
        let page = Rc::clone(page);
        yew::Callback::from(move |()| {
            let mut p = page.borrow_mut();
            p.props.tasks_open = export::toggle_popover(&p.host);
            let props = p.props.clone();
            p.toolbar.update(props);
        })
    };
    let listener = Rc::clone(page);
    frames::listen(move |kind, detail| on_frame_message(&listener, kind, detail));
}

/// Live badges: the worker tells every ProvenBase tab when what badges say may have changed (an
/// export landed, a Lever webhook, a sync), and the page checks its cards again, once.
fn listen_live(page: &Shared) {
    let on_news = {
        let page = Rc::clone(page);
        move |kind: String| {
            if kind == "index_changed" {
                refresh(&page);
            }
        }
    };
    let on_close = {
        let page = Rc::clone(page);
        // The worker was stopped or restarted: listen again (which wakes it).
        move || {
            Timeout::new(1_000, move || listen_live(&page)).forget();
        }
    };
    crate::chrome::connect("pbl-live", on_news, on_close);
}

/// Checks every card on the page again and redraws the badges whose answer changed.
fn refresh(page: &Shared) {
    if std::mem::replace(&mut page.borrow_mut().refreshing, true) {
        return;
    }
    let page = Rc::clone(page);
    wasm_bindgen_futures::spawn_local(async move {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
        let mut people: Vec<(u32, ScrapedCandidate)> = {
            let mut p = page.borrow_mut();
            let adapter = p.adapter.clone();
            reader::read_cards(&document, &adapter).into_iter().map(|(_, c)| (p.known.id(&c), c)).collect()
        };
        people.sort_by_key(|(id, _)| *id);
        people.dedup_by_key(|(id, _)| *id);
        let mut changed: std::collections::HashSet<String> = std::collections::HashSet::new();
        for chunk in people.chunks(shared::api::MAX_CHECK_CANDIDATES) {
            let candidates = chunk.iter().map(|(id, c)| badges::check_candidate(*id, c)).collect();
            if let Response::Badges { badges, note } = crate::chrome::send(&Request::CheckCards { candidates }).await {
                let mut p = page.borrow_mut();
                for badge in badges {
                    let Ok(id) = badge.ref_id.parse::<u32>() else { continue };
                    if p.known.view(id) != Some(&badge.view) {
                        p.known.settle(id, Some(badge.view));
                        changed.insert(badge.ref_id);
                    }
                }
                p.props.note = note;
            }
        }
        // Badges whose answer changed are drawn again by the scan.
        if let Ok(drawn) = document.query_selector_all(badges::BADGE_TAG) {
            for i in 0..drawn.length() {
                let Some(host) = drawn.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
                if host.get_attribute("data-ref").is_some_and(|r| changed.contains(&r)) {
                    host.remove();
                }
            }
        }
        page.borrow_mut().refreshing = false;
        scan(&page);
    });
}

/// Tells the backend (once per page load) when a page that lists candidates shows none.
fn report_if_empty(page: Shared) {
    Timeout::new(EMPTY_GRACE_MS, move || {
        let p = page.borrow();
        let empty = p.last.as_ref().is_some_and(|s| s.candidates == 0);
        if !(empty && p.adapter.lists_candidates()) {
            return;
        }
        p.host.set_attribute("data-empty-reported", "true").ok();
        let path = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
        let report = shared::api::EmptyPageReport { page: p.adapter.page, path, adapter_version: p.version };
        wasm_bindgen_futures::spawn_local(async move {
            let call = shared::messages::BackendCall::ReportEmptyPage { report };
            crate::client::call_unit(call).await.ok();
        });
    })
    .forget();
}

fn mount(document: &Document, body: &web_sys::HtmlElement) -> Result<(Element, yew::AppHandle<Toolbar>), JsValue> {
    let host = document.create_element(HOST_TAG)?;
    body.append_child(&host)?;
    let shadow = frames::attach(&host)?;
    let root = document.create_element("div")?;
    shadow.append_child(&root)?;
    let toolbar = yew::Renderer::<Toolbar>::with_root_and_props(root, ToolbarProps::default()).render();
    Ok((host, toolbar))
}

const ROW_CLASS: &str = "pbl-row-frame";
const AUTOSYNC_CLASS: &str = "pbl-autosync-frame";

const ROW_HOST_TAG: &str = "provenbase-lever-row";

/// Adds our Lever row (an extension page in a frame, in a closed shadow root) to ProvenBase's
/// list of ATS integrations.
fn mount_lever_row(document: &Document, list: &Element) {
    let mount = || -> Result<(), JsValue> {
        let item = document.create_element("li")?;
        item.set_class_name("integration");
        item.set_attribute("data-ats", "lever")?;
        let host = document.create_element(ROW_HOST_TAG)?;
        item.append_child(&host)?;
        list.append_child(&item)?;
        let root = frames::attach(&host)?;
        let style = "border:0;width:100%;height:76px;";
        frames::show(&root, ROW_CLASS, FramePurpose::LeverRow, "", "Lever integration", style);
        Ok(())
    };
    if mount().is_err() {
        web_sys::console::warn_1(&"ProvenBase → Lever: could not add the Lever row".into());
    }
}

/// Messages from our frames: the export dialog closed; the Lever row connected (show the
/// auto-sync prompt over the page); the prompt is done (remove it, refresh the row).
fn on_frame_message(page: &Shared, kind: &str, detail: Option<String>) {
    let host = page.borrow().host.clone();
    match kind {
        "pbl-export-closed" => {
            frames::remove(&host, export::FRAME_CLASS);
            if let Some(button) = page.borrow_mut().trigger.take() {
                button.focus().ok();
            }
            if let Some(name) = detail {
                let mut p = page.borrow_mut();
                p.props.toast = Some(format!("Export in progress: {name}. Follow it in the task manager."));
                let props = p.props.clone();
                p.toolbar.update(props);
            }
        }
        "pbl-connected" => {
            if let Some(shadow) = frames::shadow(&host) {
                let style = "position:fixed;inset:0;width:100vw;height:100vh;border:0;z-index:2147483646;background:transparent;";
                frames::show(&shadow, AUTOSYNC_CLASS, FramePurpose::AutoSync, "", "Lever auto sync", style);
            }
        }
        "pbl-overlay-shrink" => {
            if let Some(frame) =
                frames::shadow(&host).and_then(|s| s.query_selector(&format!(".{AUTOSYNC_CLASS}")).ok().flatten())
            {
                let style = "position:fixed;top:0;left:50%;transform:translateX(-50%);width:min(36rem,92vw);height:96px;\
                             border:0;z-index:2147483646;background:transparent;";
                frame.set_attribute("style", style).ok();
            }
        }
        "pbl-overlay-closed" => {
            frames::remove(&host, AUTOSYNC_CLASS);
            let row = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector(ROW_HOST_TAG).ok().flatten())
                .and_then(|h| frames::shadow(&h))
                .and_then(|root| root.query_selector(&format!("iframe.{ROW_CLASS}")).ok().flatten());
            if let Some(row) = row {
                frames::load(&row, FramePurpose::LeverRow, "");
            }
        }
        _ => {}
    }
}

/// Reads the page's candidates, reports them if anything changed, draws the badges we already
/// know (putting back, a few times a minute, what the page removed), and checks the rest in one
/// request, at most every 200 ms while cards keep arriving.
fn scan(page: &Shared) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let now = js_sys::Date::now();
    let mut p = page.borrow_mut();
    p.scheduled = false;
    // When to scan again for what the pacer or the draw budget held back: the earliest asked.
    let mut retry_at: Option<f64> = None;
    let mut retry = |at: Option<f64>| retry_at = retry_at.into_iter().chain(at).reduce(f64::min);
    if !p.host.is_connected() {
        match document.body() {
            Some(body) if p.draws.allow(BAR_ID, now) => {
                body.append_child(&p.host).ok();
            }
            _ => retry(p.draws.next_allowed(BAR_ID)),
        }
    }
    let cards = reader::read_cards(&document, &p.adapter);
    let found = PageScan {
        page: p.adapter.page,
        candidates: u32::try_from(cards.len()).unwrap_or(u32::MAX),
        locked: u32::try_from(cards.iter().filter(|(_, c)| c.locked).count()).unwrap_or(u32::MAX),
        lists_candidates: p.adapter.lists_candidates(),
    };
    if p.last.as_ref() != Some(&found) {
        p.host.set_attribute("data-candidates", &found.candidates.to_string()).ok();
        p.host.set_attribute("data-locked", &found.locked.to_string()).ok();
        p.props.scan = Some(found.clone());
        p.last = Some(found.clone());
        wasm_bindgen_futures::spawn_local(async move {
            crate::chrome::send(&Request::PageScanned(found)).await;
        });
    }
    let mut unknown: std::collections::HashMap<u32, ScrapedCandidate> = std::collections::HashMap::new();
    let mut ids = Vec::with_capacity(cards.len());
    for (card, candidate) in &cards {
        let id = p.known.id(candidate);
        ids.push(id);
        if badges::has_badge(card) {
            continue;
        }
        match p.known.view(id).cloned() {
            Some(view) if p.draws.allow(id, now) => {
                let anchor = reader::badge_anchor(card, &p.adapter);
                let on_export = p.on_export.clone();
                badges::draw(&document, &mut p.known, &anchor, id, &view, candidate.locked, on_export.as_ref()).ok();
            }
            Some(_) => retry(p.draws.next_allowed(id)),
            None if !p.known.in_flight(id) => {
                unknown.entry(id).or_insert_with(|| candidate.clone());
            }
            None => {}
        }
    }
    let backing_off = p.failed_at.is_some_and(|at| now - at < RETRY_AFTER_MS);
    if backing_off {
        unknown.clear();
    } else if !unknown.is_empty() {
        match p.pacer.try_send(now) {
            Ok(()) => {
                for id in unknown.keys() {
                    p.known.start(*id);
                }
            }
            Err(wait) => {
                retry(Some(now + wait));
                unknown.clear();
            }
        }
    }
    let (exact, possible) = p.known.summary(&ids);
    p.props.exact = exact;
    p.props.possible = possible;
    let props = p.props.clone();
    p.toolbar.update(props);
    if let Some(at) = retry_at
        && !std::mem::replace(&mut p.deferred, true)
    {
        let page = Rc::clone(page);
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "a delay of at most a minute")]
        let delay = (at - now).clamp(0.0, 60_000.0).ceil() as u32;
        Timeout::new(delay, move || {
            page.borrow_mut().deferred = false;
            scan(&page);
        })
        .forget();
    }
    drop(p);
    if !unknown.is_empty() {
        let page = Rc::clone(page);
        let unknown = unknown.into_iter().collect();
        wasm_bindgen_futures::spawn_local(async move { check(page, unknown).await });
    }
}

/// One batched check for every card without an answer yet (chunks of the backend's maximum).
async fn check(page: Shared, unknown: Vec<(u32, ScrapedCandidate)>) {
    for chunk in unknown.chunks(shared::api::MAX_CHECK_CANDIDATES) {
        let candidates = chunk.iter().map(|(id, c)| badges::check_candidate(*id, c)).collect();
        let answer = crate::chrome::send(&Request::CheckCards { candidates }).await;
        let mut p = page.borrow_mut();
        match answer {
            Response::Badges { badges, note } => {
                let mut views: std::collections::HashMap<String, shared::badge::BadgeView> =
                    badges.into_iter().map(|b| (b.ref_id, b.view)).collect();
                for (id, _) in chunk {
                    let view = views.remove(&id.to_string());
                    p.known.settle(*id, view);
                }
                p.props.note = note;
                p.failed_at = None;
            }
            other => {
                for (id, _) in chunk {
                    p.known.settle(*id, None);
                }
                p.props.note = Some(match other {
                    Response::Failed { message } => message,
                    _ => "Lever badges unavailable: unexpected answer from the extension.".into(),
                });
                p.failed_at = Some(js_sys::Date::now());
            }
        }
    }
    // Draw what we now know (the page may have re-rendered meanwhile: scan reads it afresh).
    scan(&page);
}

/// Rescans (debounced) whenever the page adds or removes elements.
fn observe(page: &Shared, body: &web_sys::HtmlElement) {
    // The observer (and through it the page state) lives as long as the document does.
    let page = Rc::clone(page);
    let on_change = Closure::<dyn FnMut()>::new(move || {
        if std::mem::replace(&mut page.borrow_mut().scheduled, true) {
            return;
        }
        let page = Rc::clone(&page);
        Timeout::new(RESCAN_DELAY_MS, move || scan(&page)).forget();
    });
    let Ok(observer) = MutationObserver::new(on_change.as_ref().unchecked_ref()) else { return };
    let options = MutationObserverInit::new();
    options.set_child_list(true);
    options.set_subtree(true);
    if observer.observe_with_options(body, &options).is_ok() {
        on_change.forget();
    }
}
