//! The background service worker's logic. It alone knows the backend URL (and, later, the
//! session); everything else asks it through `shared::messages`.

use std::cell::RefCell;
use std::collections::HashMap;

use shared::api::Health;
use shared::messages::{BackendState, ExtensionStatus, PageScan, Request, Response};
use wasm_bindgen::prelude::*;

use crate::chrome;

const BACKEND_URL_KEY: &str = "backendUrl";

thread_local! {
    /// The last scan of each tab. Lost when the worker sleeps, which only costs a rescan.
    static SCANS: RefCell<HashMap<i32, PageScan>> = RefCell::new(HashMap::new());
}

/// Called by `sw.js` for every `chrome.runtime` message; resolves to the [`Response`].
#[wasm_bindgen]
pub async fn handle_message(message: JsValue, sender: JsValue) -> Result<JsValue, JsValue> {
    let response = match chrome::from_js::<Request>(message) {
        Ok(request) => answer(request, sender_tab(&sender)).await,
        Err(e) => Response::Failed { message: format!("unreadable request: {e}") },
    };
    chrome::to_js(&response).map_err(|e| JsValue::from_str(&e))
}

fn sender_tab(sender: &JsValue) -> Option<i32> {
    let tab = js_sys::Reflect::get(sender, &"tab".into()).ok()?;
    let id = js_sys::Reflect::get(&tab, &"id".into()).ok()?.as_f64()?;
    #[allow(clippy::cast_possible_truncation)]
    Some(id as i32)
}

async fn answer(request: Request, tab: Option<i32>) -> Response {
    match request {
        Request::Ping => Response::Pong { version: crate::VERSION.into() },
        Request::Status { tab_id } => Response::Status(status(tab_id).await),
        Request::SetBackendUrl { url } => match set_backend_url(&url).await {
            Ok(()) => Response::Done,
            Err(message) => Response::Failed { message },
        },
        Request::PageScanned(scan) => {
            if let Some(tab) = tab {
                SCANS.with(|s| s.borrow_mut().insert(tab, scan));
            }
            Response::Done
        }
    }
}

async fn backend_url() -> Option<String> {
    chrome::local_get::<String>(BACKEND_URL_KEY).await.ok().flatten().filter(|u| !u.is_empty())
}

/// Accepts `http(s)://host[:port]`, kept without a trailing slash; empty clears it.
async fn set_backend_url(url: &str) -> Result<(), String> {
    let url = url.trim().trim_end_matches('/');
    if !(url.is_empty() || url.starts_with("https://") || url.starts_with("http://")) {
        return Err("The backend URL must start with https:// (or http:// for a local backend).".into());
    }
    chrome::local_set(BACKEND_URL_KEY, &url).await
}

async fn status(tab: Option<i32>) -> ExtensionStatus {
    let backend_url = backend_url().await;
    let backend = match &backend_url {
        None => BackendState::NotConfigured,
        Some(url) => check_backend(url).await,
    };
    ExtensionStatus {
        version: crate::VERSION.into(),
        backend_url,
        backend,
        page: tab.and_then(|t| SCANS.with(|s| s.borrow().get(&t).cloned())),
    }
}

async fn check_backend(url: &str) -> BackendState {
    let reply = gloo::net::http::Request::get(&format!("{url}/healthz")).send().await;
    match reply {
        Ok(r) if r.ok() => match r.json::<Health>().await {
            Ok(health) => BackendState::Reachable { version: health.version },
            Err(e) => BackendState::Unreachable { reason: format!("unexpected answer: {e}") },
        },
        Ok(r) => BackendState::Unreachable { reason: format!("the backend answered {}", r.status()) },
        Err(e) => BackendState::Unreachable { reason: format!("no answer: {e}") },
    }
}
