//! `GET /healthz`: for load balancers and for the extension's "backend reachable" status.

use axum::{Json, extract::State};
use shared::api::Health;
use shared::endpoints::GetHealth;

use crate::AppState;
use crate::routes::{Reply, Routes};

pub fn routes(routes: Routes) -> Routes {
    routes.at::<GetHealth>().to(health)
}

async fn health(State(state): State<AppState>) -> Reply<GetHealth> {
    state.store.ping().await?;
    Ok(Json(Health { status: "ok".into(), version: env!("CARGO_PKG_VERSION").into() }))
}
