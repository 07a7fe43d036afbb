//! `GET /healthz`: for load balancers and for the extension's "backend reachable" status.

use axum::{Json, Router, extract::State, routing::get};
use shared::api::Health;

use crate::{AppState, error::AppError};

pub fn router() -> Router<AppState> {
    Router::new().route("/healthz", get(health))
}

async fn health(State(state): State<AppState>) -> Result<Json<Health>, AppError> {
    state.store.ping().await?;
    Ok(Json(Health { status: "ok".into(), version: env!("CARGO_PKG_VERSION").into() }))
}
