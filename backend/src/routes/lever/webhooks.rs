//! `/api/v1/lever/webhooks/{organisation}`: Lever's webhook deliveries (candidate changes keep
//! the local index fresh between syncs).

use axum::{
    Json,
    extract::{Path, State},
};
use serde_json::{Value, json};
use shared::endpoints::LeverWebhook;

use crate::AppState;
use crate::routes::{JsonBody, Reply, Routes};
use crate::sync;

pub fn routes(routes: Routes) -> Routes {
    routes.at::<LeverWebhook>().to(webhook)
}

/// Lever calls this; the signature, not a session, says it is Lever.
async fn webhook(State(state): State<AppState>, Path(org): Path<String>, body: JsonBody<Value>) -> Reply<LeverWebhook> {
    let Json(body) = body?;
    let outcome = sync::webhooks::handle(&state, &org, body).await?;
    Ok(Json(json!({ "outcome": outcome })))
}
