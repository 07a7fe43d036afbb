//! `/metrics`: the figures in `crate::metrics`, for Prometheus, with `PBL_METRICS_TOKEN` as the
//! bearer token (the figures say how busy an organisation is; a stranger gets nothing).

use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::IntoResponse;
use shared::endpoints::GetMetrics;

use crate::error::AppError;
use crate::routes::Routes;
use crate::store::now_ms;
use crate::{AppState, crypto};

pub fn routes(routes: Routes) -> Routes {
    routes.at::<GetMetrics>().to(metrics)
}

async fn metrics(State(state): State<AppState>, headers: HeaderMap) -> Result<impl IntoResponse, AppError> {
    let Some(expected) = &state.config.metrics_token else {
        return Err(AppError::NotFound(crate::text!("error-metrics-off")));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    // Hashes compared, so the comparison's time says nothing about the token.
    if crypto::hash(given) != crypto::hash(expected.expose()) {
        return Err(AppError::Forbidden(crate::text!("error-metrics-token")));
    }
    if let Some(oldest) = state.store.oldest_sync_success().await? {
        let lag_ms = u64::try_from(now_ms() - oldest).unwrap_or_default();
        state.metrics.sync_lag(std::time::Duration::from_millis(lag_ms));
    }
    Ok(([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], state.metrics.render()))
}
