//! The content script: finds ProvenBase's candidates with the page adapter, keeps finding them as
//! the page changes (scroll, load more, filters), tells the background worker what it found, and
//! draws our UI inside a shadow root so the page's CSS and ours never meet.

mod lever_row;
pub mod reader;
pub mod toolbar;

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use shared::adapter::{AdapterSet, PageAdapter};
use shared::messages::{PageScan, Request};
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, MutationObserver, MutationObserverInit, ShadowRootInit, ShadowRootMode};

use toolbar::{Toolbar, ToolbarProps};

/// The element our UI lives under; its attributes also say what the script found.
pub const HOST_TAG: &str = "provenbase-lever";

/// Cards often arrive in bursts; one scan per burst is enough.
const RESCAN_DELAY_MS: u32 = 60;

struct Page {
    adapter: PageAdapter,
    host: Element,
    toolbar: yew::AppHandle<Toolbar>,
    last: Option<PageScan>,
    /// A rescan is already scheduled; later mutations ride along with it.
    scheduled: bool,
}

pub fn start() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let path = document.location().and_then(|l| l.pathname().ok()).unwrap_or_default();
    let Some(adapter) = AdapterSet::built_in().for_path(&path).cloned() else { return };
    let Some(body) = document.body() else { return };
    let Ok((host, toolbar)) = mount(&document, &body) else {
        web_sys::console::warn_1(&"ProvenBase → Lever: could not add its UI to this page".into());
        return;
    };
    host.set_attribute("data-page", &format!("{:?}", adapter.page)).ok();
    if let Some(list) = adapter.integrations.as_deref().and_then(|sel| document.query_selector(sel).ok().flatten()) {
        mount_lever_row(&document, &list);
    }
    let page = Rc::new(RefCell::new(Page { adapter, host, toolbar, last: None, scheduled: false }));
    scan(&page);
    observe(&page, &body);
}

fn mount(document: &Document, body: &web_sys::HtmlElement) -> Result<(Element, yew::AppHandle<Toolbar>), JsValue> {
    let host = document.create_element(HOST_TAG)?;
    body.append_child(&host)?;
    let shadow = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?;
    let root = document.create_element("div")?;
    shadow.append_child(&root)?;
    let toolbar = yew::Renderer::<Toolbar>::with_root_and_props(root, ToolbarProps::default()).render();
    Ok((host, toolbar))
}

/// Adds our Lever row to ProvenBase's list of ATS integrations.
fn mount_lever_row(document: &Document, list: &Element) {
    let mounted = (|| -> Result<(), JsValue> {
        let item = document.create_element("li")?;
        item.set_class_name("integration");
        item.set_attribute("data-ats", "lever")?;
        // `<li>` can't hold a shadow root; a custom element can.
        let host = document.create_element("provenbase-lever-row")?;
        item.append_child(&host)?;
        list.append_child(&item)?;
        let shadow = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?;
        let root = document.create_element("div")?;
        shadow.append_child(&root)?;
        yew::Renderer::<lever_row::LeverRow>::with_root(root).render();
        Ok(())
    })();
    if mounted.is_err() {
        web_sys::console::warn_1(&"ProvenBase → Lever: could not add the Lever row".into());
    }
}

/// Reads the page's candidates and reports them if anything changed.
fn scan(page: &Rc<RefCell<Page>>) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let mut p = page.borrow_mut();
    p.scheduled = false;
    let found = reader::read_candidates(&document, &p.adapter);
    let scan = PageScan {
        page: p.adapter.page,
        candidates: u32::try_from(found.len()).unwrap_or(u32::MAX),
        locked: u32::try_from(found.iter().filter(|c| c.locked).count()).unwrap_or(u32::MAX),
    };
    if p.last.as_ref() == Some(&scan) {
        return;
    }
    p.host.set_attribute("data-candidates", &scan.candidates.to_string()).ok();
    p.host.set_attribute("data-locked", &scan.locked.to_string()).ok();
    p.toolbar.update(ToolbarProps { scan: Some(scan.clone()) });
    p.last = Some(scan.clone());
    wasm_bindgen_futures::spawn_local(async move {
        crate::chrome::send(&Request::PageScanned(scan)).await;
    });
}

/// Rescans (debounced) whenever the page adds or removes elements.
fn observe(page: &Rc<RefCell<Page>>, body: &web_sys::HtmlElement) {
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
