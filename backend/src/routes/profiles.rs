//! Duplicate checks, the profile sync's status and "sync now", and Lever's webhook deliveries.

use axum::{
    Json, Router,
    extract::{Path, State},
    routing::{get, post},
};
use serde_json::{Value, json};
use shared::api::{Action, CheckRequest, CheckResponse, SyncStatus};

use crate::AppState;
use crate::auth::Caller;
use crate::error::AppError;
use crate::sync;

type JsonBody<T> = Result<Json<T>, axum::extract::rejection::JsonRejection>;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/check", post(check))
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
