//! Duplicate checks, the profile sync's status and "sync now", and Lever's webhook deliveries.

use std::convert::Infallible;
use std::time::Duration;

use axum::{
    Json, Router,
    extract::{Path, State},
    response::sse::{Event, Sse},
    routing::{get, post},
};
use futures_util::Stream;
use serde_json::{Value, json};
use shared::api::{Action, CheckRequest, CheckResponse, SyncStatus};

use super::watch::{Events, watch};
use crate::AppState;
use crate::auth::Caller;
use crate::error::AppError;
use crate::sync;

type JsonBody<T> = Result<Json<T>, axum::extract::rejection::JsonRejection>;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/check", post(check))
        .route("/api/v1/check/events", get(badge_events))
        .route("/api/v1/sync", get(status).post(run_now))
        .route("/api/v1/lever/webhooks/{organisation}", post(webhook))
}

async fn check(
    State(state): State<AppState>,
    caller: Caller,
    body: JsonBody<CheckRequest>,
) -> Result<Json<CheckResponse>, AppError> {
    caller.require(Action::Export)?;
    let Json(req) = body?;
    state.checks.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    Ok(Json(sync::check::check(&state, caller.org(), req).await?))
}

/// How often the badge stream looks for a change (badges flip within this of an export landing,
/// a webhook, or a sync, on any replica).
const BADGE_POLL: Duration = Duration::from_millis(400);

/// `GET /api/v1/check/events`: server-sent events for open ProvenBase tabs: `ready` at once, then
/// `changed` whenever what the organisation's badges say may have changed, so the extension
/// checks again once instead of polling the check route. The stream ends when its session does.
async fn badge_events(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, AppError> {
    caller.require(Action::Export)?;
    let events = Events { first: "ready", change: "changed", every: BADGE_POLL };
    watch(state, caller, events, |state, caller| async move { Ok(state.store.badge_fingerprint(caller.org()).await?) })
        .await
}

async fn status(State(state): State<AppState>, caller: Caller) -> Result<Json<SyncStatus>, AppError> {
    caller.require(Action::Read)?;
    Ok(Json(sync::status(&state, caller.org()).await?))
}

/// Runs a sync pass now and answers when it is done.
async fn run_now(State(state): State<AppState>, caller: Caller) -> Result<Json<SyncStatus>, AppError> {
    caller.require(Action::Configure)?;
    Ok(Json(sync::run(&state, caller.org()).await?))
}

/// Lever calls this; the signature, not a session, says it is Lever.
async fn webhook(
    State(state): State<AppState>,
    Path(org): Path<String>,
    body: JsonBody<Value>,
) -> Result<Json<Value>, AppError> {
    let Json(body) = body?;
    let outcome = sync::webhooks::handle(&state, &org, body).await?;
    Ok(Json(json!({ "outcome": outcome })))
}
