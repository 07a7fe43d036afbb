//! The content script: reads ProvenBase's candidates with the page adapter whenever the page
//! changes (scroll, load more, filters), hands what it read to the content-script brain
//! (`shared::content::Brain`, which decides everything: ids, badges, the bar, checks, pacing,
//! exports, frames) and draws the steps the brain returns, in shadow roots so the page's CSS and
//! ours never meet. It asks the background worker for one batched duplicate check per scan.

mod draw;
pub mod export;
mod frames;
pub mod reader;

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use shared::adapter::PageAdapter;
use shared::api::Candidate;
use shared::content::{BarPlacement, Brain, FrameMessage, Plan, Step};
use shared::messages::{
    AdapterReply, CallBackend, CheckCards, GetPageAdapter, LIVE_PORT, LiveNews, PageRequest, Profiles, ProfilesToRead,
    RememberBar, ReportScan, StageExport, StagedReply,
};
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, MutationObserver, MutationObserverInit, ShadowRoot};

pub use draw::BADGE_TAG;

/// The element our UI lives under; its attributes also say what the script found.
pub const HOST_TAG: &str = "provenbase-lever";

/// Our row's host in ProvenBase's list of ATS integrations.
const ROW_HOST_TAG: &str = "provenbase-lever-row";

struct Page {
    brain: Brain,
    reader: reader::Reader,
    document: Document,
    host: Element,
    ui: draw::Ui,
    /// The cards of the last read, in the brain's order.
    cards: js_sys::Array,
    /// The button that opened the export dialog, to give the focus back to when it closes.
    trigger: Option<web_sys::HtmlElement>,
    /// A wake-up the brain asked for is scheduled.
    waking: bool,
    /// A live refresh is under way; more news while it runs is covered by it.
    refreshing: bool,
    /// Rescans on mutations of the page and of the shadow roots and frames the adapter reads.
    observer: Option<MutationObserver>,
    observed: Vec<web_sys::Node>,
    /// A check sent before the brain was there, for its first check.
    early: Option<Early>,
    /// How many reads of the page the brain has had (a slower read overtaken by one is dropped).
    reads: u64,
}

type Shared = Rc<RefCell<Page>>;

/// Starts on a page whose adapter `loader.js` already asked the worker for (`adapter`, the
/// answer to a [`GetPageAdapter`] for this path), as soon as the page is parsed.
pub fn start(adapter: js_sys::Promise) {
    // Whether the worker has answered (it was awake); if not once the page is parsed, it is
    // waking up and the page's first check goes meanwhile (`early_check`).
    let answered = Rc::new(std::cell::Cell::new(false));
    let on_answer = {
        let answered = Rc::clone(&answered);
        Closure::<dyn FnMut(JsValue)>::new(move |_| answered.set(true))
    };
    let _ = adapter.then2(&on_answer, &on_answer);
    on_answer.forget();
    wasm_bindgen_futures::spawn_local(async move {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
        let path = document.location().and_then(|l| l.pathname().ok()).unwrap_or_default();
        parsed(&document).await;
        let early = if answered.get() { None } else { early_check(&path).await };
        // The worker's adapter: the backend may override the built-in ones (a ProvenBase
        // redesign, fixed without a release). Without the worker nothing works: no answer, no UI.
        let asked = crate::chrome::answer_to::<GetPageAdapter>(adapter).await;
        let Ok(AdapterReply { adapter: Some(adapter), words, version, profile_page, bar }) = asked else { return };
        let say = crate::speech::content_speech(words);
        if start_with(&document, *adapter, version, path, say, bar, early).is_err() {
            web_sys::console::warn_1(&"ProvenBase → Lever: could not add its UI to this page".into());
            return;
        }
        // The export dialog may need what cards leave out: the worker asks this page.
        crate::chrome::serve_page_requests(PageRequest::READ_PROFILES, move |asked: ProfilesToRead| {
            let selectors = profile_page.clone();
            async move { Profiles { profiles: export::read_profiles(asked.urls, selectors).await }.into() }
        });
    });
}

/// Once the page is parsed (the cards the server rendered are all there): the scripts run at
/// `document_start`. In the `DOMContentLoaded` task itself: a task of our own would come after the
/// page's first frame (laying out 100 cards: 30–50 ms), and the first check would leave that much
/// later. That task is the parser's last, already long on a big page: the first read's first
/// slice there is short ([`FIRST_SLICE_MS`]).
async fn parsed(document: &Document) {
    if document.ready_state() != "loading" {
        return;
    }
    let ready = js_sys::Promise::new(&mut |resolve, _| {
        let options = web_sys::AddEventListenerOptions::new();
        options.set_once(true);
        document
            .add_event_listener_with_callback_and_add_event_listener_options("DOMContentLoaded", &resolve, &options)
            .ok();
    });
    wasm_bindgen_futures::JsFuture::from(ready).await.ok();
}

/// A check sent while the worker wakes up (it was asleep: the adapter has not come): the page
/// read with this path's built-in adapter, and the check a new brain would send for it. Its
/// answer goes to the brain's first check when that asks the same (the same cards read the same
/// way), which is then on its way a round trip sooner.
struct Early {
    asked: Vec<Candidate>,
    answer: futures_channel::oneshot::Receiver<Answer>,
    /// The read it was made from, with the adapter that read it: the brain's first scan when
    /// the worker's adapter is the same (the page is read again meanwhile, for what came since).
    read: Option<(PageAdapter, js_sys::Array, shared::content::PageRead)>,
}

async fn early_check(path: &str) -> Option<Early> {
    let adapter = shared::adapter::AdapterSet::built_in().for_path(path)?.clone();
    let (cards, read) = reader::Reader::new(&adapter).read_in_slices(false, FIRST_SLICE_MS, SLICE_MS).await;
    let silent = shared::words::Speech::new(shared::words::Words::default(), Box::new(|_| "other"));
    let now = js_sys::Date::now();
    let mut asked = Brain::new(adapter.clone(), 0, path.to_owned(), silent, now).scan(read.clone(), now).check;
    asked.truncate(shared::api::MAX_CANDIDATES);
    if asked.is_empty() {
        return None;
    }
    let (answer, answered) = futures_channel::oneshot::channel();
    let question = asked.clone();
    wasm_bindgen_futures::spawn_local(async move {
        answer.send(ask(question).await).ok();
    });
    Some(Early { asked, answer: answered, read: Some((adapter, cards, read)) })
}

fn start_with(
    document: &Document,
    adapter: PageAdapter,
    version: u32,
    path: String,
    say: shared::words::Speech,
    bar: BarPlacement,
    mut early: Option<Early>,
) -> Result<(), JsValue> {
    // The early check's read, when it was read as this brain reads (the usual case).
    let early_read = early.as_mut().and_then(|e| e.read.take()).filter(|(read_with, ..)| *read_with == adapter);
    let body = document.body().ok_or("no body")?;
    let host = document.create_element(HOST_TAG)?;
    body.append_child(&host)?;
    let root = frames::attach(&host)?;
    let integrations = adapter.integrations.as_deref().and_then(|sel| document.query_selector(sel).ok().flatten());
    let row = integrations.and_then(|list| mount_row(document, &list).ok());
    let reader = reader::Reader::new(&adapter);
    let brain = Brain::new(adapter, version, path, say, js_sys::Date::now()).placed(bar);
    let first = brain.start();
    let page = Rc::new_cyclic(|weak: &std::rc::Weak<RefCell<Page>>| {
        let act = |act: fn(&mut Brain) -> Step| {
            let weak = weak.clone();
            Closure::<dyn Fn()>::new(move || {
                let Some(page) = weak.upgrade() else { return };
                let step = act(&mut page.borrow_mut().brain);
                run(&page, step);
            })
        };
        let on_export = {
            let weak = weak.clone();
            Closure::<dyn Fn(u32, web_sys::HtmlElement)>::new(move |id: u32, button: web_sys::HtmlElement| {
                let Some(page) = weak.upgrade() else { return };
                page.borrow_mut().trigger = Some(button);
                let step = page.borrow_mut().brain.export(&[id]);
                run(&page, step);
            })
        };
        let callbacks = draw::Callbacks {
            on_export,
            on_export_selected: act(|brain| brain.export(&brain.selected())),
            on_tasks: act(Brain::toggle_tasks),
            on_toggle_bar: act(Brain::toggle_bar),
            on_move_bar: act(Brain::move_bar),
        };
        let ui = draw::mount(&host, &root, row.as_ref(), reader.adapter(), callbacks);
        RefCell::new(Page {
            brain,
            reader,
            document: document.clone(),
            host,
            ui,
            cards: js_sys::Array::new(),
            trigger: None,
            waking: false,
            refreshing: false,
            observer: None,
            observed: Vec::new(),
            early,
            reads: 0,
        })
    });
    run(&page, first);
    wire(&page);
    observe(&page, &body);
    let drew_early = early_read.is_some();
    if let Some((_, cards, mut read)) = early_read {
        read.bar_attached = page.borrow().host.is_connected();
        scanned(&page, cards, read);
    }
    first_scan(&page, drew_early);
    listen_live(&page);
    let later = Rc::clone(&page);
    Timeout::new(shared::content::EMPTY_GRACE_MS, move || {
        let step = later.borrow_mut().brain.empty_check();
        run(&later, step);
    })
    .forget();
    Ok(())
}

/// Adds our row's host to ProvenBase's list of ATS integrations; the brain's first step frames
/// our Lever row page in it.
fn mount_row(document: &Document, list: &Element) -> Result<ShadowRoot, JsValue> {
    let item = document.create_element("li")?;
    item.set_class_name("integration");
    item.set_attribute("data-ats", "lever")?;
    let host = document.create_element(ROW_HOST_TAG)?;
    item.append_child(&host)?;
    list.append_child(&item)?;
    frames::attach(&host)
}

/// *Export selected*, the task manager icon, the selection count, and our frames' messages.
fn wire(page: &Shared) {
    // A box checked or unchecked: read the page again (no DOM mutation tells us).
    let on_change = {
        let page = Rc::clone(page);
        Closure::<dyn FnMut()>::new(move || scan(&page))
    };
    page.borrow().document.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref()).ok();
    on_change.forget();
    let listener = Rc::clone(page);
    frames::listen(move |message: FrameMessage| {
        let step = listener.borrow_mut().brain.frame_message(message);
        run(&listener, step);
    });
}

/// Draws a step and carries out what it asks (reading chosen cards whole, staging an export,
/// reporting an empty page).
fn run(page: &Shared, step: Step) {
    let Step { plan, frames, read_cards, stage, report_empty, remember } = step;
    if let Some(placement) = remember {
        wasm_bindgen_futures::spawn_local(crate::chrome::tell(RememberBar { placement }));
    }
    if let Some(plan) = plan {
        draw_plan(page, plan);
    }
    if !frames.is_empty() {
        let p = page.borrow();
        draw::frames(&p.ui, &frames, p.trigger.as_ref());
    }
    if let Some(indices) = read_cards {
        let whole = {
            let p = page.borrow();
            p.reader.read_cards(&p.cards, &indices)
        };
        let step = page.borrow_mut().brain.export_read(whole);
        run(page, step);
    }
    if let Some(staging) = stage {
        let page = Rc::clone(page);
        wasm_bindgen_futures::spawn_local(async move {
            let request = StageExport { candidates: staging.candidates, origin: Some(staging.origin) };
            let step = match crate::chrome::ask(request).await {
                Ok(StagedReply { id }) => {
                    let frame = page.borrow().brain.export_frame(id);
                    Step { frames: vec![frame], ..Step::default() }
                }
                Err(message) => page.borrow_mut().brain.export_failed(message),
            };
            run(&page, step);
        });
    }
    if let Some(report) = report_empty {
        page.borrow().host.set_attribute("data-empty-reported", "true").ok();
        wasm_bindgen_futures::spawn_local(async move {
            crate::chrome::tell(CallBackend { call: shared::endpoints::ReportEmptyPage(report).into() }).await;
        });
    }
}

/// Draws a plan: the bar (put back if the page removed it), changed badges out, new badges in;
/// then sends its check and its report, and schedules its wake-up.
fn draw_plan(page: &Shared, mut plan: Plan) {
    let (check, report, wake_in_ms) = (std::mem::take(&mut plan.check), plan.report.take(), plan.wake_in_ms);
    {
        let p = page.borrow();
        p.ui.plan(&p.cards, &serde_json::to_string(&plan).unwrap_or_default());
        if let Some(observer) = &p.observer {
            observer.take_records();
        }
    }
    // The check first: a badge waits for it, nobody waits for the report.
    if !check.is_empty() {
        let page = Rc::clone(page);
        wasm_bindgen_futures::spawn_local(async move { check_cards(page, check).await });
    }
    if let Some(scan) = report {
        wasm_bindgen_futures::spawn_local(async move {
            crate::chrome::tell(ReportScan { scan }).await;
        });
    }
    if let Some(delay) = wake_in_ms
        && !std::mem::replace(&mut page.borrow_mut().waking, true)
    {
        let page = Rc::clone(page);
        Timeout::new(delay, move || {
            page.borrow_mut().waking = false;
            scan(&page);
        })
        .forget();
    }
}

/// The longest our reading runs before the page gets its turn (input, rendering): well under
/// the 50 ms of a long task.
const SLICE_MS: f64 = 15.0;

/// The first slice of the first read, which runs in the page's `DOMContentLoaded` task (its
/// parser's last one, long on a big page): enough for about 100 cards.
const FIRST_SLICE_MS: f64 = 4.0;

/// Badges drawn in the task that read their answer (about 8 ms of drawing: 1,000 take 30–45
/// ms on a 2-core machine); more are drawn in the next.
const BADGES_PER_TASK: usize = 200;

/// The worker's answer to a check, as the brain takes it.
type Answer = Result<(Vec<shared::messages::CardBadge>, Option<String>), String>;

async fn ask(candidates: Vec<Candidate>) -> Answer {
    let reply = crate::chrome::ask(CheckCards { candidates }).await?;
    Ok((reply.badges, reply.note))
}

/// One batched check (in chunks of the backend's maximum); each answer drawn as it comes.
async fn check_cards(page: Shared, candidates: Vec<Candidate>) {
    for chunk in candidates.chunks(shared::api::MAX_CANDIDATES) {
        let early = page.borrow_mut().early.take();
        let answer = match early {
            Some(Early { asked, answer, .. }) if asked == chunk => match answer.await {
                Ok(answer) => answer,
                Err(_) => ask(chunk.to_vec()).await,
            },
            _ => ask(chunk.to_vec()).await,
        };
        page.borrow_mut().brain.checked(chunk, answer, js_sys::Date::now());
        // Reading a big answer, then planning and drawing it, would be one long task (1,000
        // badges: 15–30 ms, then 30–45 ms): the page gets its turn in between. The plan is made
        // after it, from what the brain knows then (the page may have been read again).
        if chunk.len() > BADGES_PER_TASK {
            reader::yield_to_page().await;
        }
        let plan = page.borrow_mut().brain.plan(js_sys::Date::now());
        draw_plan(&page, plan);
    }
}

/// Reads the page and draws what the brain makes of it.
fn scan(page: &Shared) {
    let (cards, read) = {
        let p = page.borrow();
        p.reader.read(p.host.is_connected())
    };
    scanned(page, cards, read);
}

/// The first read of a page that loaded with its cards, in slices: a page that loads with 1,000
/// cards takes 30–50 ms to read, one long task at once. (A change of the page is read at once, in
/// its microtask: its check is then on its way while the page renders.) Dropped when a change
/// was read meanwhile: that read is newer, and whole. After the early read was drawn (`again`),
/// in a task of its own: the early check's answer, if it came meanwhile, is drawn first.
fn first_scan(page: &Shared, again: bool) {
    let page = Rc::clone(page);
    wasm_bindgen_futures::spawn_local(async move {
        if again {
            gloo::timers::future::TimeoutFuture::new(0).await;
        }
        let (reader, bar_attached, reads) = {
            let p = page.borrow();
            (p.reader.clone(), p.host.is_connected(), p.reads)
        };
        let (cards, read) = reader.read_in_slices(bar_attached, FIRST_SLICE_MS, SLICE_MS).await;
        if page.borrow().reads == reads {
            scanned(&page, cards, read);
        }
    });
}

/// What the brain makes of a read of the page, drawn.
fn scanned(page: &Shared, cards: js_sys::Array, read: shared::content::PageRead) {
    let plan = {
        let mut p = page.borrow_mut();
        p.reads += 1;
        p.cards = cards;
        observe_roots(&mut p);
        p.brain.scan(read, js_sys::Date::now())
    };
    draw_plan(page, plan);
}

/// Live badges: the worker tells every ProvenBase tab when what badges say may have changed (an
/// export landed, a Lever webhook, a sync), and the page checks its cards again, once.
fn listen_live(page: &Shared) {
    let on_news = {
        let page = Rc::clone(page);
        move |news: LiveNews| {
            if news == LiveNews::IndexChanged {
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
    crate::chrome::connect(LIVE_PORT, on_news, on_close);
}

/// Checks every card on the page again; the brain redraws the badges whose answer changed.
fn refresh(page: &Shared) {
    if std::mem::replace(&mut page.borrow_mut().refreshing, true) {
        return;
    }
    let page = Rc::clone(page);
    wasm_bindgen_futures::spawn_local(async move {
        let everyone = page.borrow().brain.refresh();
        for chunk in everyone.chunks(shared::api::MAX_CANDIDATES) {
            let answer = ask(chunk.to_vec()).await;
            page.borrow_mut().brain.refreshed(answer);
        }
        page.borrow_mut().refreshing = false;
        scan(&page);
    });
}

/// Reads the page again whenever it adds or removes elements (once per burst: one callback
/// per task that changed it).
fn observe(page: &Shared, body: &web_sys::HtmlElement) {
    // The observer (and through it the page state) lives as long as the document does.
    // Read at once (a microtask after the change, before the page renders it): the check is on
    // its way while the browser lays the new cards out. Our own drawing is not a change
    // (`draw_plan` takes its records).
    let on_change = {
        let page = Rc::clone(page);
        Closure::<dyn FnMut()>::new(move || scan(&page))
    };
    let Ok(observer) = MutationObserver::new(on_change.as_ref().unchecked_ref()) else { return };
    if observer.observe_with_options(body, &subtree()).is_err() {
        return;
    }
    let mut p = page.borrow_mut();
    if !p.brain.adapter().within.is_empty() {
        // A frame the adapter reads loaded (load events don't bubble; they are seen on the way down).
        p.document.add_event_listener_with_callback_and_bool("load", on_change.as_ref().unchecked_ref(), true).ok();
    }
    p.observer = Some(observer);
    on_change.forget();
    drop(p);
    let p = &mut page.borrow_mut();
    observe_roots(p);
}

fn subtree() -> MutationObserverInit {
    let options = MutationObserverInit::new();
    options.set_child_list(true);
    options.set_subtree(true);
    options
}

/// Observes the shadow roots and frame documents the adapter reads cards in, once each.
fn observe_roots(p: &mut Page) {
    let Some(observer) = p.observer.clone() else { return };
    if p.brain.adapter().within.is_empty() {
        return;
    }
    for root in p.reader.roots().into_iter().skip(1) {
        if !p.observed.contains(&root) && observer.observe_with_options(&root, &subtree()).is_ok() {
            p.observed.push(root);
        }
    }
}
