//! Export tasks: create (everything checked, everything stored before Lever is called), list,
//! detail, cancel and retry. Members see their own tasks; Super Admins see everyone's.

use axum::{
    Json, Router,
    extract::{Path, State},
    http::StatusCode,
    routing::{get, post},
};
use serde_json::json;
use shared::api::{
    Action, ConnectionState, DuplicatePolicy, ExportRequest, ExportState, ExportTask, MAX_EXPORT_CANDIDATES,
    ResumeFormat,
};

use super::lists;
use crate::AppState;
use crate::auth::Caller;
use crate::error::AppError;
use crate::store::exports::NewTask;

type JsonBody<T> = Result<Json<T>, axum::extract::rejection::JsonRejection>;

const MAX_TASK_NAME: usize = 200;
const MAX_FIELD: usize = 2_000;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/exports", get(list).post(create))
        .route("/api/v1/exports/{id}", get(detail))
        .route("/api/v1/exports/{id}/cancel", post(cancel))
        .route("/api/v1/exports/{id}/retry", post(retry))
}

/// Whose tasks the caller may see: everyone's for Super Admins, else their own.
fn scope(caller: &Caller) -> Option<&str> {
    (!caller.member.role.may(Action::Configure)).then_some(caller.member.id.as_str())
}

async fn create(
    State(state): State<AppState>,
    caller: Caller,
    body: JsonBody<ExportRequest>,
) -> Result<(StatusCode, Json<serde_json::Value>), AppError> {
    caller.require(Action::Export)?;
    let Json(req) = body?;
    let org = caller.org();
    let name = req.name.trim();
    if name.is_empty() {
        return Err(AppError::BadRequest("Name the export task: the name is required.".into()));
    }
    if name.len() > MAX_TASK_NAME {
        return Err(AppError::BadRequest(format!("The task name is longer than {MAX_TASK_NAME} characters.")));
    }
    if req.fields.is_empty() {
        return Err(AppError::BadRequest("Choose at least one resume field to include.".into()));
    }
    if req.candidates.is_empty() || req.candidates.len() > MAX_EXPORT_CANDIDATES {
        return Err(AppError::BadRequest(format!("Export 1 to {MAX_EXPORT_CANDIDATES} candidates at a time.")));
    }
    for c in &req.candidates {
        if c.locked {
            return Err(AppError::BadRequest(format!(
                "{} is locked: unlock them in ProvenBase before exporting.",
                c.name
            )));
        }
        if c.name.trim().is_empty() {
            return Err(AppError::BadRequest("Every candidate needs a name.".into()));
        }
        let texts = [Some(&c.name), c.title.as_ref(), c.company.as_ref(), c.linkedin.as_ref(), c.location.as_ref()];
        let too_long = texts
            .into_iter()
            .flatten()
            .chain(&c.emails)
            .chain(&c.phones)
            .chain(&c.skills)
            .chain(&c.experience)
            .chain(&c.education)
            .any(|t| t.len() > MAX_FIELD);
        if too_long || c.emails.len() > 20 || c.phones.len() > 20 {
            return Err(AppError::BadRequest(format!("{} has a field that is too long.", c.name)));
        }
    }
    match state.store.connection(org).await? {
        Some(c) if c.state == ConnectionState::Connected => {}
        _ => {
            return Err(AppError::LeverDisconnected(
                "Lever is disconnected: a Super Admin must reconnect before exporting.".into(),
            ));
        }
    }
    if let Some(stage) = &req.stage_id
        && !lists::stages(&state, org).await?.iter().any(|s| &s.id == stage)
    {
        return Err(AppError::BadRequest("That stage is not one of your Lever stages.".into()));
    }
    if let Some(posting) = &req.posting_id
        && !lists::postings(&state, org).await?.iter().any(|p| &p.id == posting)
    {
        return Err(AppError::BadRequest("That job is not one of your published or unlisted Lever postings.".into()));
    }
    let candidates = req
        .candidates
        .iter()
        .map(|c| (c.ref_id.clone(), c.name.clone(), serde_json::to_string(c).unwrap_or_default()))
        .collect();
    let id = state
        .store
        .create_export(NewTask {
            organisation_id: org,
            member_id: &caller.member.id,
            created_by: &caller.member.person.name,
            name,
            stage_id: req.stage_id.as_deref(),
            posting_id: req.posting_id.as_deref(),
            format: if req.format == ResumeFormat::Docx { "docx" } else { "pdf" },
            fields: serde_json::to_string(&req.fields).unwrap_or_default(),
            duplicates: if req.duplicates == DuplicatePolicy::AddOpportunity {
                "add_opportunity"
            } else {
                "skip_existing"
            },
            owner_id: Some(&caller.member.person.lever_user_id),
            candidates,
        })
        .await?;
    state
        .store
        .audit(
            org,
            Some(&caller.member.id),
            "export.created",
            json!({"task": id, "name": name, "by": caller.member.person.name, "candidates": req.candidates.len(),
                   "stage": req.stage_id, "job": req.posting_id, "format": req.format}),
        )
        .await?;
    state.export_kick.notify_one();
    Ok((StatusCode::CREATED, Json(json!({ "id": id }))))
}

async fn list(State(state): State<AppState>, caller: Caller) -> Result<Json<Vec<ExportTask>>, AppError> {
    caller.require(Action::Export)?;
    Ok(Json(state.store.export_tasks(caller.org(), scope(&caller)).await?))
}

async fn detail(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<ExportTask>, AppError> {
    caller.require(Action::Export)?;
    state
        .store
        .export_task(caller.org(), scope(&caller), &id)
        .await?
        .map(Json)
        .ok_or_else(|| AppError::NotFound("No such export task.".into()))
}

async fn moved(
    state: &AppState,
    caller: &Caller,
    id: &str,
    from: ExportState,
    to: ExportState,
) -> Result<Json<ExportTask>, AppError> {
    caller.require(Action::Export)?;
    if state.store.export_task(caller.org(), scope(caller), id).await?.is_none() {
        return Err(AppError::NotFound("No such export task.".into()));
    }
    state.store.move_export_items(id, from, to).await?;
    state.export_kick.notify_one();
    state
        .store
        .export_task(caller.org(), scope(caller), id)
        .await?
        .map(Json)
        .ok_or_else(|| AppError::NotFound("No such export task.".into()))
}

async fn cancel(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<ExportTask>, AppError> {
    moved(&state, &caller, &id, ExportState::Queued, ExportState::Cancelled).await
}

async fn retry(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<ExportTask>, AppError> {
    moved(&state, &caller, &id, ExportState::Failed, ExportState::Queued).await
}
