//! People: who am I, invites (Super Admins create and revoke; a recruiter redeems one for a
//! session with their Lever role), and sessions (listed and revoked).

use axum::{
    Json, Router,
    extract::{Path, State},
    http::StatusCode,
    routing::{delete, get, post},
};
use shared::api::{
    Action, Invite, InviteCreated, InviteRequest, Me, Person, RedeemInvite, Role, SessionGrant, SessionInfo,
};

use super::lists;
use crate::auth::{self, Caller};
use crate::error::AppError;
use crate::lever::tokens;
use crate::store::now_ms;
use crate::{AppState, crypto};

/// How long an invite code can be redeemed.
pub const INVITE_LIFETIME_MS: i64 = 7 * 86_400_000;

type JsonBody<T> = Result<Json<T>, axum::extract::rejection::JsonRejection>;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/me", get(me))
        .route("/api/v1/invites", get(list_invites).post(create_invite))
        .route("/api/v1/invites/{id}", delete(revoke_invite))
        .route("/api/v1/invites/redeem", post(redeem))
        .route("/api/v1/sessions", get(list_sessions).post(super::connect::exchange_handoff))
        .route("/api/v1/sessions/{id}", delete(revoke_session))
        .route("/api/v1/logout", post(logout))
}

async fn me(caller: Caller) -> Result<Json<Me>, AppError> {
    caller.require(Action::Read)?;
    Ok(Json(caller.me()))
}

async fn create_invite(
    State(state): State<AppState>,
    caller: Caller,
    body: JsonBody<InviteRequest>,
) -> Result<(StatusCode, Json<InviteCreated>), AppError> {
    caller.require(Action::Configure)?;
    let Json(req) = body?;
    let org = caller.org();
    let user =
        lists::users(&state, org).await?.into_iter().find(|u| u.id == req.lever_user_id).ok_or_else(|| {
            AppError::BadRequest("Invite someone who is an active user of your Lever account.".into())
        })?;
    if !user.role.is_some_and(|r| r.may(Action::Export)) {
        return Err(AppError::BadRequest(format!(
            "{} is a Lever Interviewer; the integration is for Super Admins, Admins, Team Members and Limited Team Members.",
            user.name
        )));
    }
    let code = crypto::invite_code();
    let person = Person { lever_user_id: user.id, name: user.name, email: user.email };
    let invite = state
        .store
        .create_invite(org, &crypto::hash(&code), &person, &caller.member.id, now_ms() + INVITE_LIFETIME_MS)
        .await?;
    state
        .store
        .audit(
            org,
            Some(&caller.member.id),
            "invite.created",
            serde_json::json!({"for": person.name, "by": caller.member.person.name}),
        )
        .await?;
    Ok((StatusCode::CREATED, Json(InviteCreated { invite, code })))
}

async fn list_invites(State(state): State<AppState>, caller: Caller) -> Result<Json<Vec<Invite>>, AppError> {
    caller.require(Action::Configure)?;
    Ok(Json(state.store.invites(caller.org()).await?))
}

async fn revoke_invite(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    caller.require(Action::Configure)?;
    if !state.store.revoke_invite(caller.org(), &id).await? {
        return Err(AppError::NotFound("No open invite with that id.".into()));
    }
    state
        .store
        .audit(caller.org(), Some(&caller.member.id), "invite.revoked", serde_json::json!({"invite": id}))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A recruiter joins: the code must be open, and Lever must still know them, active, with a
/// role that may use the integration. Their role is Lever's.
async fn redeem(State(state): State<AppState>, body: JsonBody<RedeemInvite>) -> Result<Json<SessionGrant>, AppError> {
    let Json(req) = body?;
    let invalid = || {
        AppError::NotFound(
            "This invite code is not valid, was already used, or has expired. Ask your Super Admin for a new one."
                .into(),
        )
    };
    let (org, invite) = state.store.open_invite(&crypto::hash(&req.code)).await?.ok_or_else(invalid)?;
    let user = tokens::get(&state, &org, &format!("/users/{}", invite.person.lever_user_id), &[]).await?;
    let user = &user["data"];
    if !user["deactivatedAt"].is_null() {
        return Err(AppError::Forbidden("Your Lever user is deactivated; ask your Lever Super Admin.".into()));
    }
    let role = user["accessRole"].as_str().and_then(Role::from_lever).ok_or_else(|| {
        AppError::Forbidden("Your Lever role is not one the integration knows; ask your Lever Super Admin.".into())
    })?;
    if !role.may(Action::Read) {
        return Err(AppError::Forbidden(format!(
            "Lever {}s can't use the ProvenBase integration; ask your Lever Super Admin for another role.",
            role.label()
        )));
    }
    if !state.store.redeem_invite(&invite.id).await? {
        return Err(invalid());
    }
    let member_id = state.store.upsert_member(&org, &invite.person, role).await?;
    state
        .store
        .audit(&org, Some(&member_id), "invite.redeemed", serde_json::json!({"by": invite.person.name, "role": role}))
        .await?;
    let token = auth::start_session(&state, &member_id).await?;
    let member = state.store.member(&member_id).await?.ok_or(AppError::Unauthenticated)?;
    Ok(Json(SessionGrant { token, me: Caller { session_id: String::new(), member }.me() }))
}

/// Super Admins see every session of the organisation; others their own.
async fn list_sessions(State(state): State<AppState>, caller: Caller) -> Result<Json<Vec<SessionInfo>>, AppError> {
    caller.require(Action::Read)?;
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
    caller.require(Action::Read)?;
    let only = (!caller.member.role.may(Action::Configure)).then_some(caller.member.id.as_str());
    if !state.store.revoke_session(caller.org(), &id, only).await? {
        return Err(AppError::NotFound("No such session.".into()));
    }
    Ok(StatusCode::NO_CONTENT)
}

async fn logout(State(state): State<AppState>, caller: Caller) -> Result<StatusCode, AppError> {
    state.store.revoke_session(caller.org(), &caller.session_id, None).await?;
    Ok(StatusCode::NO_CONTENT)
}
