//! How pages and content scripts reach the backend: typed [`BackendCall`]s through the
//! background worker, answered with the type the caller expects or the backend's [`ApiError`].

use serde::de::DeserializeOwned;
use shared::api::ApiError;
use shared::messages::{BackendCall, BackendReply, Request, Response};

use crate::chrome;

fn local_error(message: String) -> ApiError {
    ApiError { code: "extension".into(), message }
}

pub async fn call<T: DeserializeOwned>(call: BackendCall) -> Result<T, ApiError> {
    match chrome::send(&Request::Backend { call }).await {
        Response::Backend { reply: BackendReply::Ok(value) } => {
            serde_json::from_value(value).map_err(|e| local_error(format!("unexpected answer from the backend: {e}")))
        }
        Response::Backend { reply: BackendReply::Err(e) } => Err(e),
        Response::Failed { message } => Err(local_error(message)),
        other => Err(local_error(format!("unexpected answer: {other:?}"))),
    }
}

/// For calls whose answer carries nothing to read (204s).
pub async fn call_unit(call: BackendCall) -> Result<(), ApiError> {
    self::call::<serde_json::Value>(call).await.map(|_| ())
}
