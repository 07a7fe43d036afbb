//! Export tasks: create (everything checked, everything stored before Lever is called), list,
//! detail, cancel and retry. Members see their own tasks; Super Admins see everyone's.

use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
};
use serde_json::json;
use shared::api::{
    Action, AuditAction, ConnectionState, ExportCreated, ExportRequest, ExportState, ExportTask, MAX_CANDIDATES,
    MAX_EXPORT_NOTE,
};
use shared::endpoints::{CancelExport, CreateExport, GetExport, ListExports, RetryExport};

use crate::AppState;
use crate::auth::Caller;
use crate::error::AppError;
use crate::export::Problem;
use crate::lever::lists;
use crate::routes::{JsonBody, Reply, Routes};
use crate::store::exports::{NewItem, NewTask};

const MAX_TASK_NAME: usize = 200;

pub fn routes(routes: Routes) -> Routes {
    routes
        .at::<ListExports>()
        .to(list)
        .at::<CreateExport>()
        .to(create)
        .at::<GetExport>()
        .to(detail)
        .at::<CancelExport>()
        .to(cancel)
        .at::<RetryExport>()
        .to(retry)
}

/// Whose tasks the caller may see: everyone's for Super Admins, else their own.
fn scope(caller: &Caller) -> Option<&str> {
    (!caller.member.role.may(Action::Configure)).then_some(caller.member.id.as_str())
}

async fn create(
    State(state): State<AppState>,
    caller: Caller,
    body: JsonBody<ExportRequest>,
) -> Result<(StatusCode, Json<ExportCreated>), AppError> {
    let Json(req) = body?;
    let org = caller.org();
    let name = req.name.trim();
    if name.is_empty() {
        return Err(AppError::BadRequest(crate::text!("error-task-name-required")));
    }
    if name.len() > MAX_TASK_NAME {
        return Err(AppError::BadRequest(crate::text!("error-task-name-too-long", max = MAX_TASK_NAME)));
    }
    let note = req.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
    if note.is_some_and(|n| n.chars().count() > MAX_EXPORT_NOTE) {
        return Err(AppError::BadRequest(crate::text!("error-note-too-long", max = MAX_EXPORT_NOTE)));
    }
    // A tag names where the candidates came from; Lever tags are short labels.
    let origin: Option<String> =
        req.origin.as_deref().map(str::trim).filter(|o| !o.is_empty()).map(|o| o.chars().take(100).collect());
    if req.fields.is_empty() {
        return Err(AppError::BadRequest(crate::text!("error-no-resume-fields")));
    }
    if req.candidates.is_empty() || req.candidates.len() > MAX_CANDIDATES {
        return Err(AppError::BadRequest(crate::text!("error-export-count", max = MAX_CANDIDATES)));
    }
    // One candidate's problem is that candidate's alone: it is recorded as failed, with why, and
    // the others go; only a task where none can go is refused.
    let problems: Vec<Option<Problem>> = req.candidates.iter().map(crate::export::problem).collect();
    if let (Some(Some(why)), true) = (problems.first(), problems.iter().all(Option::is_some)) {
        let why = if req.candidates.len() == 1 {
            why.text()
        } else {
            crate::text!("error-export-none-can-go", why = why.text())
        };
        return Err(AppError::BadRequest(why));
    }
    match state.store.connection(org).await? {
        Some(c) if c.state == ConnectionState::Connected => {}
        _ => {
            return Err(AppError::LeverDisconnected(crate::text!("error-export-disconnected")));
        }
    }
    // A chosen stage and job are checked against Lever; their names as they are now go in the
    // audit log. The default stage is named from the cache alone: a task for it never waits on Lever.
    let named =
        |stages: &[shared::api::LeverStage], id: &String| stages.iter().find(|s| &s.id == id).map(|s| s.text.clone());
    let stage_name = match &req.stage_id {
        Some(id) => Some(
            named(&lists::stages(&state, org).await?, id)
                .ok_or_else(|| AppError::BadRequest(crate::text!("error-unknown-stage")))?,
        ),
        None => match state.store.settings(org).await?.and_then(|s| s.default_stage_id) {
            Some(default) => lists::cached_stages(&state, org).and_then(|stages| named(&stages, &default)),
            None => Some("New lead (Lever's default)".to_owned()),
        },
    };
    let posting_name = match &req.posting_id {
        Some(id) => Some(
            lists::postings(&state, org)
                .await?
                .into_iter()
                .find(|p| &p.id == id)
                .map(|p| p.text)
                .ok_or_else(|| AppError::BadRequest(crate::text!("error-unknown-posting")))?,
        ),
        None => None,
    };
    let region = state.config.default_phone_region.as_str();
    let candidates = req
        .candidates
        .iter()
        .zip(&problems)
        .map(|(c, problem)| NewItem {
            candidate: c,
            keys: crate::sync::check::keys(c, region),
            problem: problem.map(Problem::reason),
        })
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
            format: req.format,
            fields: &req.fields,
            duplicates: req.duplicates,
            owner_id: Some(&caller.member.person.lever_user_id),
            stage_name: stage_name.as_deref(),
            note,
            origin: origin.as_deref(),
            posting_name: posting_name.as_deref(),
            candidates,
        })
        .await?;
    state
        .store
        .audit(
            org,
            Some(&caller.member.id),
            AuditAction::ExportCreated,
            json!({"task": id, "name": name, "by": caller.member.person.name, "candidates": req.candidates.len(),
                   "stage": req.stage_id, "job": req.posting_id, "format": req.format}),
        )
        .await?;
    state.export_kick.notify_one();
    Ok((StatusCode::CREATED, Json(ExportCreated { id })))
}

/// Why an organisation's queued exports wait, if they do: Lever disconnected, or the
/// integration Lever admin unable to act. The worker claims nothing for it meanwhile.
async fn paused(state: &AppState, org: &str) -> Result<Option<String>, AppError> {
    let connection = state.store.connection(org).await?;
    if connection.is_none_or(|c| c.state != ConnectionState::Connected) {
        return Ok(Some(crate::text!("reason-paused-disconnected").said()));
    }
    Ok(state.store.settings(org).await?.and_then(|s| s.exports_blocked).map(|why| crate::text::said_stored(&why)))
}

fn mark_paused(task: &mut ExportTask, why: Option<&String>) {
    let waiting = task.counts.queued + task.counts.exporting > 0;
    task.paused = why.filter(|_| waiting).cloned();
    // Each candidate's reason is stored as a message: said in the caller's language.
    for item in &mut task.items {
        if let Some(reason) = &mut item.reason {
            *reason = crate::text::said_stored(reason);
        }
    }
}

/// The caller's tasks (everyone's for Super Admins), newest first, each marked if paused.
pub(super) async fn tasks(state: &AppState, caller: &Caller) -> Result<Vec<ExportTask>, AppError> {
    let mut tasks = state.store.export_tasks(caller.org(), scope(caller)).await?;
    let why = paused(state, caller.org()).await?;
    tasks.iter_mut().for_each(|t| mark_paused(t, why.as_ref()));
    Ok(tasks)
}

async fn one(state: &AppState, caller: &Caller, id: &str) -> Result<Option<ExportTask>, AppError> {
    let Some(mut task) = state.store.export_task(caller.org(), scope(caller), id).await? else { return Ok(None) };
    mark_paused(&mut task, paused(state, caller.org()).await?.as_ref());
    Ok(Some(task))
}

async fn list(State(state): State<AppState>, caller: Caller) -> Reply<ListExports> {
    Ok(Json(tasks(&state, &caller).await?))
}

/// How often the event stream looks for progress. It reads the database, so the work of every
/// replica shows, whichever one the caller is connected to.
async fn detail(State(state): State<AppState>, caller: Caller, Path(id): Path<String>) -> Reply<GetExport> {
    one(&state, &caller, &id).await?.map(Json).ok_or_else(|| AppError::NotFound(crate::text!("error-no-such-export")))
}

async fn moved(
    state: &AppState,
    caller: &Caller,
    id: &str,
    from: ExportState,
    to: ExportState,
) -> Result<Json<ExportTask>, AppError> {
    if state.store.export_task(caller.org(), scope(caller), id).await?.is_none() {
        return Err(AppError::NotFound(crate::text!("error-no-such-export")));
    }
    state.store.move_export_items(id, from, to).await?;
    state.export_kick.notify_one();
    one(state, caller, id).await?.map(Json).ok_or_else(|| AppError::NotFound(crate::text!("error-no-such-export")))
}

async fn cancel(State(state): State<AppState>, caller: Caller, Path(id): Path<String>) -> Reply<CancelExport> {
    moved(&state, &caller, &id, ExportState::Queued, ExportState::Cancelled).await
}

async fn retry(State(state): State<AppState>, caller: Caller, Path(id): Path<String>) -> Reply<RetryExport> {
    moved(&state, &caller, &id, ExportState::Failed, ExportState::Queued).await
}
