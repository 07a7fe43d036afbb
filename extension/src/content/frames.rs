//! Our extension pages shown inside ProvenBase's page (the export dialog, the task popover, the
//! Lever row and the auto-sync prompt): heavy UI lives there, in the extension's own wasm, and
//! not in the content script that loads into every page. They talk back with `postMessage`.

use shared::messages::{FramePurpose, GetFrameTicket, TicketReply};
use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::*;
use web_sys::{Element, ShadowRoot, ShadowRootInit, ShadowRootMode};

/// Attaches a closed shadow root to `host` (closed roots can't be found from their host, by the
/// page or by us: whoever attaches one keeps it).
pub(super) fn attach(host: &Element) -> Result<ShadowRoot, JsValue> {
    host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Closed))
}

/// Loads `frame` with our extension page `page` (for `purpose`, with `query`) under a fresh
/// one-time ticket, which goes in the URL fragment: the page proves with it that we made the
/// frame, and shows nothing without it. A refused ticket removes the frame.
pub(super) fn load(frame: &Element, purpose: FramePurpose, page: &str, query: &str) {
    let (frame, url) = (frame.clone(), format!("{}{query}", crate::chrome::runtime_url(page)));
    wasm_bindgen_futures::spawn_local(async move {
        match crate::chrome::ask(GetFrameTicket { purpose }).await {
            Ok(TicketReply { ticket }) => {
                frame.set_attribute("src", &format!("{url}#{ticket}")).ok();
            }
            Err(_) => frame.remove(),
        }
    });
}

/// Calls `handler` with each message our own pages post to this page (from the extension's
/// origin: its per-session dynamic id, or its own id; a page can't forge either).
pub(super) fn listen(handler: impl Fn(shared::content::FrameMessage) + 'static) {
    let origins = [
        crate::chrome::runtime_url("").trim_end_matches('/').to_owned(),
        shared::extension_origin(&crate::chrome::extension_id()),
    ];
    let listener = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        if !origins.contains(&event.origin()) {
            return;
        }
        if let Ok(message) = crate::chrome::from_js::<shared::content::FrameMessage>(event.data()) {
            handler(message);
        }
    });
    if let Some(window) = web_sys::window() {
        window.add_event_listener_with_callback("message", listener.as_ref().unchecked_ref()).ok();
    }
    listener.forget();
}
