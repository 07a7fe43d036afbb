//! The extension's own pages, in Yew: the toolbar popup, the options page, and the pages framed
//! into ProvenBase (Lever row, export dialog, auto-sync prompt, task popover) or opened from it
//! (task manager). Each asks the background worker for
//! what it shows; none of them calls the backend itself.

pub mod autosync;
pub mod export_dialog;
pub mod lever_row;
pub mod options;
pub mod popover;
pub mod popup;
pub mod tasks;
pub mod time;

use shared::messages::BackendState;
use wasm_bindgen::JsValue;
use yew::prelude::*;

/// Renders `C` into the page's `#app` element.
pub fn mount<C: BaseComponent<Properties = ()>>(title: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    // The page's title and language are the catalogue's (the HTML's are English placeholders).
    document.set_title(&crate::speech::word(title));
    if let Some(html) = document.document_element() {
        html.set_attribute("lang", crate::speech::catalogue().locale()).ok();
    }
    if let Some(root) = document.get_element_by_id("app") {
        yew::Renderer::<C>::with_root(root).render();
    }
}

/// Renders `C` into `#app` once the worker confirms that this extension's content script
/// created this frame for `purpose` (the one-time ticket in the URL fragment). A page that
/// frames us by itself gets a sentence and no controls.
pub fn mount_framed<C: BaseComponent<Properties = ()>>(purpose: shared::messages::FramePurpose, title: &'static str) {
    use shared::messages::OpenFrame;
    let Some(window) = web_sys::window() else { return };
    let ticket = window.location().hash().unwrap_or_default().trim_start_matches('#').to_owned();
    // The ticket is spent: out of the URL, so history and reloads don't keep it.
    if let Ok(history) = window.history() {
        let url = window.location().href().unwrap_or_default();
        let without = url.split('#').next().unwrap_or_default().to_owned();
        history.replace_state_with_url(&JsValue::NULL, "", Some(&without)).ok();
    }
    wasm_bindgen_futures::spawn_local(async move {
        match crate::chrome::ask(OpenFrame { ticket, purpose }).await {
            Ok(_) => mount::<C>(title),
            Err(message) => refuse(&message),
        }
    });
}

fn refuse(message: &str) {
    let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("app"));
    if let Some(root) = root {
        root.set_text_content(Some(message));
        root.set_attribute("data-testid", "frame-refused").ok();
    }
}

/// Tells the ProvenBase page hosting this frame something (as `{type, detail}`).
pub fn post_to_page(message: &shared::content::FrameMessage) {
    let Ok(message) = crate::chrome::to_js(message) else { return };
    if let Some(parent) = web_sys::window().and_then(|w| w.parent().ok().flatten()) {
        parent.post_message(&message, "*").ok();
    }
}

/// One sentence about the backend, for people.
pub fn describe_backend(state: &BackendState) -> String {
    match state {
        BackendState::NotConfigured => t!("ui-backend-not-configured"),
        BackendState::Reachable { version } => t!("ui-backend-reachable", version = version),
        BackendState::Unreachable { reason } => t!("ui-backend-unreachable", reason = reason),
    }
}

#[derive(Properties, PartialEq)]
pub struct BackendLineProps {
    pub state: BackendState,
}

#[function_component(BackendLine)]
pub fn backend_line(props: &BackendLineProps) -> Html {
    let class = match props.state {
        BackendState::Reachable { .. } => "ok",
        BackendState::NotConfigured => "idle",
        BackendState::Unreachable { .. } => "bad",
    };
    html! { <p class={classes!("backend", class)} data-testid="backend-state">{ describe_backend(&props.state) }</p> }
}
