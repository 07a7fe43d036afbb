//! Our extension pages shown inside ProvenBase's page (the export dialog, the task popover, the
//! Lever row and the auto-sync prompt): heavy UI lives there, in the extension's own wasm, and
//! not in the content script that loads into every page. They talk back with `postMessage`.

use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::*;
use web_sys::Element;

/// Adds a frame showing the extension page `page` to `parent` (our shadow root, or a page element).
pub(super) fn show(parent: &web_sys::Node, class: &str, page: &str, title: &str, style: &str) -> Option<Element> {
    let document = web_sys::window()?.document()?;
    let frame = document.create_element("iframe").ok()?;
    frame.set_class_name(class);
    frame.set_attribute("title", title).ok()?;
    frame.set_attribute("src", &crate::chrome::runtime_url(page)).ok()?;
    frame.set_attribute("style", style).ok()?;
    parent.append_child(&frame).ok()?;
    Some(frame)
}

/// Removes our frames of `class` from `host`'s shadow root.
pub(super) fn remove(host: &Element, class: &str) {
    let Some(shadow) = host.shadow_root() else { return };
    let Ok(frames) = shadow.query_selector_all(&format!(".{class}")) else { return };
    for i in 0..frames.length() {
        if let Some(frame) = frames.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            frame.remove();
        }
    }
}

/// Calls `handler(type, detail)` for each message our own pages post to this page.
pub(super) fn listen(handler: impl Fn(&str, Option<String>) + 'static) {
    let origin = crate::chrome::runtime_url("").trim_end_matches('/').to_owned();
    let listener = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        if event.origin() != origin {
            return;
        }
        let data = event.data();
        let get = |key: &str| js_sys::Reflect::get(&data, &key.into()).ok().and_then(|v| v.as_string());
        if let Some(kind) = get("type") {
            handler(&kind, get("detail"));
        }
    });
    if let Some(window) = web_sys::window() {
        window.add_event_listener_with_callback("message", listener.as_ref().unchecked_ref()).ok();
    }
    listener.forget();
}
