//! `/api/v1/sessions` and `/api/v1/logout`: a session from a connect's handoff code, sessions
//! listed and revoked (Super Admins: everyone's), signing out.

use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
};
use shared::api::{Action, HandoffExchange, SessionGrant, SessionInfo};
use shared::endpoints::{CreateSession, ListSessions, Logout, RevokeSession};

use crate::auth::{self, Caller};
use crate::error::AppError;
use crate::routes::{JsonBody, Reply, Routes};
use crate::{AppState, crypto};

pub fn routes(routes: Routes) -> Routes {
    routes
        .at::<CreateSession>()
        .to(exchange_handoff)
        .at::<ListSessions>()
        .to(list_sessions)
        .at::<RevokeSession>()
        .to(revoke_session)
        .at::<Logout>()
        .to(logout)
}

/// The end of a connect: the handoff code from the done page (and the connect secret) → a session.
async fn exchange_handoff(State(state): State<AppState>, body: JsonBody<HandoffExchange>) -> Reply<CreateSession> {
    let Json(body) = body?;
    let taken = state.store.take_handoff(&crypto::hash(&body.handoff), &crypto::hash(&body.secret)).await?;
    let member_id = taken.ok_or_else(|| AppError::NotFound(crate::text!("error-sign-in-code-invalid")))?;
    let token = auth::start_session(&state, &member_id).await?;
    let member = state.store.member(&member_id).await?.ok_or(AppError::Unauthenticated)?;
    let caller = auth::Caller { session_id: String::new(), member };
    Ok(Json(SessionGrant { token, me: caller.me() }))
}

/// Super Admins see every session of the organisation; others their own.
async fn list_sessions(State(state): State<AppState>, caller: Caller) -> Reply<ListSessions> {
    let only = (!caller.member.role.may(Action::Configure)).then_some(caller.member.id.as_str());
    let sessions = state.store.sessions(caller.org(), only).await?;
    Ok(Json(
        sessions
            .into_iter()
            .map(|(id, created_at, expires_at, m)| SessionInfo {
                current: id == caller.session_id,
                id,
                person: m.person,
                role: m.role,
                created_at,
                expires_at,
            })
            .collect(),
    ))
}

async fn revoke_session(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    let only = (!caller.member.role.may(Action::Configure)).then_some(caller.member.id.as_str());
    if !state.store.revoke_session(caller.org(), &id, only).await? {
        return Err(AppError::NotFound(crate::text!("error-no-such-session")));
    }
    Ok(StatusCode::NO_CONTENT)
}

async fn logout(State(state): State<AppState>, caller: Caller) -> Result<StatusCode, AppError> {
    state.store.revoke_session(caller.org(), &caller.session_id, None).await?;
    Ok(StatusCode::NO_CONTENT)
}
