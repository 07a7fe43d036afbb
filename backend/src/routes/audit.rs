//! The audit log, for Super Admins: connects, disconnects, setting changes, invites and every
//! exported candidate (who, whom, job, stage, when). Entries older than the organisation's
//! retention are dropped by the sync worker's hourly sweep.

use axum::{
    Json,
    extract::{Query, State},
};
use serde::Deserialize;
use shared::endpoints::ListAudit;

use crate::AppState;
use crate::auth::Caller;
use crate::error::AppError;
use crate::routes::{Reply, Routes};

/// The most entries one read returns.
const MAX_ENTRIES: i64 = 1_000;

pub fn routes(routes: Routes) -> Routes {
    routes.at::<ListAudit>().to(read)
}

#[derive(Debug, Deserialize)]
struct Page {
    limit: Option<i64>,
}

async fn read(
    State(state): State<AppState>,
    caller: Caller,
    page: Result<Query<Page>, axum::extract::rejection::QueryRejection>,
) -> Reply<ListAudit> {
    let Query(page) =
        page.map_err(|e| AppError::BadRequest(crate::text!("error-query-invalid", detail = e.body_text())))?;
    let limit = page.limit.unwrap_or(200).clamp(1, MAX_ENTRIES);
    Ok(Json(state.store.audit_trail(caller.org(), limit).await?))
}
