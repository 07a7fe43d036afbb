//! Page adapters: the built-in ones ship with the extension; a Super Admin can replace them for
//! the organisation (a ProvenBase redesign, fixed without a release). The extension reports pages
//! where its adapter found no candidates, so someone knows to fix it.

use axum::{Json, extract::State, http::StatusCode};
use shared::adapter::PageKind;
use shared::api::{AdapterConfig, AuditAction, EmptyPageReport};
use shared::endpoints::{GetAdapters, ListAdapterReports, ReportEmptyPage, SaveAdapters};

use crate::AppState;
use crate::auth::Caller;
use crate::error::AppError;
use crate::routes::{JsonBody, Reply, Routes};

pub fn routes(routes: Routes) -> Routes {
    routes
        .at::<GetAdapters>()
        .to(read)
        .at::<SaveAdapters>()
        .to(write)
        .at::<ListAdapterReports>()
        .to(reports)
        .at::<ReportEmptyPage>()
        .to(report)
}

async fn read(State(state): State<AppState>, caller: Caller) -> Reply<GetAdapters> {
    let config = state.store.adapter_override(caller.org()).await?;
    Ok(Json(AdapterConfig { config: config.and_then(|c| shared::adapter::AdapterSet::parse(&c).ok()) }))
}

async fn write(State(state): State<AppState>, caller: Caller, body: JsonBody<AdapterConfig>) -> Reply<SaveAdapters> {
    let Json(AdapterConfig { config }) = body?;
    if let Some(set) = &config {
        let listing = [PageKind::Projects, PageKind::SourcingLab, PageKind::CandidateLake];
        if listing.iter().any(|p| !set.pages.iter().any(|a| a.page == *p)) {
            return Err(AppError::BadRequest(crate::text!("error-adapters-incomplete")));
        }
        if set.pages.iter().any(|a| a.path_contains.is_empty()) {
            return Err(AppError::BadRequest(crate::text!("error-adapter-no-path")));
        }
    }
    let json = config.as_ref().map(|c| serde_json::to_string(c).unwrap_or_default());
    state.store.set_adapter_override(caller.org(), json.as_deref()).await?;
    let version = config.as_ref().map(|c| c.version);
    state
        .store
        .audit(
            caller.org(),
            Some(&caller.member.id),
            AuditAction::AdaptersChanged,
            serde_json::json!({"version": version, "by": caller.member.person.name}),
        )
        .await?;
    Ok(Json(AdapterConfig { config }))
}

async fn report(
    State(state): State<AppState>,
    caller: Caller,
    body: JsonBody<EmptyPageReport>,
) -> Result<StatusCode, AppError> {
    let Json(r) = body?;
    if r.path.len() > 500 {
        return Err(AppError::BadRequest(crate::text!("error-page-path-too-long")));
    }
    state.store.add_adapter_report(caller.org(), &r, &caller.member.person.name).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn reports(State(state): State<AppState>, caller: Caller) -> Reply<ListAdapterReports> {
    Ok(Json(state.store.adapter_reports(caller.org()).await?))
}
