//! The extension, compiled to wasm three times (features `content`, `worker` and `app`) and
//! started in each of its contexts:
//! - `start_content`: in ProvenBase's pages (via `static/loader.js`), reads candidates with the
//!   page adapters and draws our UI inside a shadow root;
//! - `handle_message`: in the background service worker (via `static/sw.js`), owns the backend
//!   URL and session and answers every other part (`badge_stream` tells it where the one live
//!   badge stream of the browser is);
//! - `start_popup`, `start_options`: the extension's own pages, in Yew.

#[macro_use]
pub mod speech;

pub mod chrome;
pub mod client;
#[cfg(feature = "content")]
pub mod content;
#[cfg(feature = "app")]
pub mod hooks;
#[cfg(feature = "app")]
pub mod pages;
#[cfg(feature = "app")]
pub mod ui;

#[cfg(feature = "worker")]
mod background;

#[cfg(any(feature = "content", feature = "app"))]
use wasm_bindgen::prelude::*;

#[cfg(feature = "worker")]
pub use background::{badge_stream, handle_message, handle_tab_updated, storage_changed};

/// The version shown in the popup and options page.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

#[cfg(feature = "content")]
#[wasm_bindgen]
pub fn start_content(adapter: js_sys::Promise) {
    content::start(adapter);
}

#[cfg(feature = "app")]
#[wasm_bindgen]
pub fn start_popup() {
    pages::mount::<pages::popup::Popup>("product-name");
}

#[cfg(feature = "app")]
#[wasm_bindgen]
pub fn start_export() {
    pages::mount_framed::<pages::export_dialog::ExportDialog>(
        shared::messages::FramePurpose::ExportDialog,
        "frame-export",
    );
}

#[cfg(feature = "app")]
#[wasm_bindgen]
pub fn start_lever_row() {
    pages::mount_framed::<pages::lever_row::LeverRow>(shared::messages::FramePurpose::LeverRow, "frame-row");
}

#[cfg(feature = "app")]
#[wasm_bindgen]
pub fn start_autosync() {
    pages::mount_framed::<pages::autosync::AutoSyncOverlay>(shared::messages::FramePurpose::AutoSync, "frame-autosync");
}

#[cfg(feature = "app")]
#[wasm_bindgen]
pub fn start_popover() {
    pages::mount_framed::<pages::popover::TaskPopover>(shared::messages::FramePurpose::TaskPopover, "frame-popover");
}

#[cfg(feature = "app")]
#[wasm_bindgen]
pub fn start_tasks() {
    pages::mount::<pages::tasks::TaskManager>("tasks-title");
}

#[cfg(feature = "app")]
#[wasm_bindgen]
pub fn start_options() {
    pages::mount::<pages::options::Options>("options-title");
}
