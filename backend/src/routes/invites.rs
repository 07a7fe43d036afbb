//! `/api/v1/invites`: Super Admins create, list and revoke invites; a recruiter redeems one for a
//! session with their Lever role.

use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
};
use shared::api::{Action, AuditAction, InviteCreated, InviteRequest, Person, RedeemInvite, Role, SessionGrant};
use shared::endpoints::{CreateInvite, JoinWithInvite, ListInvites, RevokeInvite};

use crate::auth::{self, Caller};
use crate::error::AppError;
use crate::lever::{lists, tokens};
use crate::routes::{JsonBody, Reply, Routes};
use crate::store::now_ms;
use crate::{AppState, crypto};

/// How long an invite code can be redeemed.
pub const INVITE_LIFETIME_MS: i64 = 7 * 86_400_000;

pub fn routes(routes: Routes) -> Routes {
    routes
        .at::<ListInvites>()
        .to(list_invites)
        .at::<CreateInvite>()
        .to(create_invite)
        .at::<RevokeInvite>()
        .to(revoke_invite)
        .at::<JoinWithInvite>()
        .to(redeem)
}

async fn create_invite(
    State(state): State<AppState>,
    caller: Caller,
    body: JsonBody<InviteRequest>,
) -> Result<(StatusCode, Json<InviteCreated>), AppError> {
    let Json(req) = body?;
    let org = caller.org();
    let user = lists::users(&state, org)
        .await?
        .into_iter()
        .find(|u| u.id == req.lever_user_id)
        .ok_or_else(|| AppError::BadRequest(crate::text!("error-invite-not-a-user")))?;
    if !user.role.is_some_and(|r| r.may(Action::Export)) {
        return Err(AppError::BadRequest(crate::text!("error-invite-interviewer", name = &user.name)));
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
            AuditAction::InviteCreated,
            serde_json::json!({"for": person.name, "by": caller.member.person.name}),
        )
        .await?;
    Ok((StatusCode::CREATED, Json(InviteCreated { invite, code })))
}

async fn list_invites(State(state): State<AppState>, caller: Caller) -> Reply<ListInvites> {
    Ok(Json(state.store.invites(caller.org()).await?))
}

async fn revoke_invite(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    if !state.store.revoke_invite(caller.org(), &id).await? {
        return Err(AppError::NotFound(crate::text!("error-no-such-invite")));
    }
    state
        .store
        .audit(caller.org(), Some(&caller.member.id), AuditAction::InviteRevoked, serde_json::json!({"invite": id}))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A recruiter joins: the code must be open, and Lever must still know them, active, with a
/// role that may use the integration. Their role is Lever's.
async fn redeem(State(state): State<AppState>, body: JsonBody<RedeemInvite>) -> Reply<JoinWithInvite> {
    let Json(req) = body?;
    let invalid = || AppError::NotFound(crate::text!("error-invite-code-invalid"));
    let (org, invite) = state.store.open_invite(&crypto::hash(&req.code)).await?.ok_or_else(invalid)?;
    let user = tokens::get(&state, &org, &format!("/users/{}", invite.person.lever_user_id), &[]).await?;
    let user = &user["data"];
    if !user["deactivatedAt"].is_null() {
        return Err(AppError::Forbidden(crate::text!("error-lever-user-deactivated")));
    }
    let role = user["accessRole"]
        .as_str()
        .and_then(Role::from_lever)
        .ok_or_else(|| AppError::Forbidden(crate::text!("error-lever-role-unknown")))?;
    if !role.may(Action::Read) {
        return Err(AppError::Forbidden(crate::text!("error-role-cannot-use", role = auth::role_key(role))));
    }
    if !state.store.redeem_invite(&invite.id).await? {
        return Err(invalid());
    }
    let member_id = state.store.upsert_member(&org, &invite.person, role).await?;
    state
        .store
        .audit(
            &org,
            Some(&member_id),
            AuditAction::InviteRedeemed,
            serde_json::json!({"by": invite.person.name, "role": role}),
        )
        .await?;
    let token = auth::start_session(&state, &member_id).await?;
    let member = state.store.member(&member_id).await?.ok_or(AppError::Unauthenticated)?;
    Ok(Json(SessionGrant { token, me: Caller { session_id: String::new(), member }.me() }))
}
