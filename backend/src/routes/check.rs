//! `/api/v1/check`: duplicate checks against the local index of Lever profiles.

use axum::{Json, extract::State};
use shared::api::CheckRequest;
use shared::endpoints::Check;

use crate::AppState;
use crate::auth::Caller;
use crate::routes::{JsonBody, Reply, Routes};
use crate::sync;

pub fn routes(routes: Routes) -> Routes {
    routes.at::<Check>().to(check)
}

async fn check(State(state): State<AppState>, caller: Caller, body: JsonBody<CheckRequest>) -> Reply<Check> {
    let Json(req) = body?;
    state.checks.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let started = std::time::Instant::now();
    let answer = sync::check::check(&state, caller.org(), req).await?;
    state.metrics.checked(started.elapsed());
    Ok(Json(answer))
}
