//! How pages and content scripts reach the backend: an endpoint (`shared::endpoints`) sent
//! through the background worker, answered with exactly that endpoint's reply type or the
//! backend's [`ApiError`].

use shared::api::{ApiError, ErrorCode};
use shared::endpoints::{BackendCall, Endpoint};
use shared::messages::{BackendReply, CallBackend};

use crate::chrome;

pub async fn call<E: Endpoint + Into<BackendCall>>(endpoint: E) -> Result<E::Reply, ApiError> {
    let local = |message: String| ApiError::new(ErrorCode::Extension, message);
    match chrome::ask(CallBackend { call: endpoint.into() }).await.map_err(local)?.reply {
        BackendReply::Ok(value) => {
            serde_json::from_value(value).map_err(|e| local(format!("unexpected answer from the backend: {e}")))
        }
        BackendReply::Err(e) => Err(e),
    }
}
