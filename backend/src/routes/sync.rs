//! `/api/v1/sync`: Auto Full Profiles Sync as it stands, and "sync now".

use axum::{Json, extract::State};
use shared::endpoints::{GetSync, SyncNow};

use crate::AppState;
use crate::auth::Caller;
use crate::routes::{Reply, Routes};
use crate::sync;

pub fn routes(routes: Routes) -> Routes {
    routes.at::<GetSync>().to(status).at::<SyncNow>().to(run_now)
}

async fn status(State(state): State<AppState>, caller: Caller) -> Reply<GetSync> {
    Ok(Json(sync::status(&state, caller.org()).await?))
}

/// Runs a sync pass now and answers when it is done.
async fn run_now(State(state): State<AppState>, caller: Caller) -> Reply<SyncNow> {
    Ok(Json(sync::run(&state, caller.org()).await?))
}
