//! `/api/v1/check`: duplicate checks against the local index of Lever profiles, and the event
//! stream that tells open ProvenBase tabs when their badges may have changed.

use std::convert::Infallible;
use std::time::Duration;

use axum::{
    Json,
    extract::State,
    response::sse::{Event, Sse},
};
use futures_util::Stream;
use shared::api::CheckRequest;
use shared::endpoints::{BadgeEvents, Check};

use super::watch::{Events, watch};
use crate::AppState;
use crate::auth::Caller;
use crate::error::AppError;
use crate::routes::{JsonBody, Reply, Routes};
use crate::sync;

pub fn routes(routes: Routes) -> Routes {
    routes.at::<Check>().to(check).at::<BadgeEvents>().to(badge_events)
}

async fn check(State(state): State<AppState>, caller: Caller, body: JsonBody<CheckRequest>) -> Reply<Check> {
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
    let events = Events { first: "ready", change: "changed", every: BADGE_POLL };
    watch(state, caller, events, |state, caller| async move { Ok(state.store.badge_fingerprint(caller.org()).await?) })
        .await
}
