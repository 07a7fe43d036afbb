//! Who is calling: the extension sends `Authorization: Bearer <session token>`; the store keeps
//! only the token's hash. The routes' guard (`routes::Routes`) authenticates the caller and checks
//! the endpoint's rule against the one table in `shared::api::Role::may`; a handler that takes a
//! [`Caller`] gets the one it authenticated, and can't run without it.

use axum::extract::FromRequestParts;
use axum::http::{HeaderMap, header, request::Parts};
use shared::api::{Action, Me, Role};

use crate::AppState;
use crate::crypto;
use crate::error::AppError;
use crate::store::{Member, now_ms};
use crate::text::Text;

/// How long a session lasts before the person signs in again.
pub const SESSION_LIFETIME_MS: i64 = 30 * 86_400_000;

#[derive(Debug, Clone)]
pub struct Caller {
    pub session_id: String,
    pub member: Member,
}

impl Caller {
    pub fn org(&self) -> &str {
        &self.member.organisation_id
    }

    /// Refuses, with the reason, when the caller's role may not do `action`.
    pub fn require(&self, action: Action) -> Result<(), AppError> {
        if self.member.role.may(action) {
            return Ok(());
        }
        let action = match action {
            Action::Configure => "configure",
            Action::Export => "export",
            Action::Read => "read",
        };
        Err(AppError::Forbidden(crate::text!(
            "error-role-may-not",
            action = action,
            role = role_name(self.member.role)
        )))
    }

    pub fn me(&self) -> Me {
        Me {
            member_id: self.member.id.clone(),
            person: self.member.person.clone(),
            role: self.member.role,
            organisation_id: self.member.organisation_id.clone(),
            lever_account_id: self.member.lever_account_id.clone(),
        }
    }
}

/// A Lever role's name, in the caller's language.
pub fn role_name(role: Role) -> Text {
    crate::text!("error-role-name", role = role_key(role))
}

/// How the catalogue's messages choose by role (`error-role-name`, `error-role-cannot-use`).
pub fn role_key(role: Role) -> &'static str {
    match role {
        Role::SuperAdmin => "super-admin",
        Role::Admin => "admin",
        Role::TeamMember => "team-member",
        Role::LimitedTeamMember => "limited-team-member",
        Role::Interviewer => "interviewer",
    }
}

impl Caller {
    /// The caller of a live session, from the request's bearer token.
    pub async fn authenticate(state: &AppState, headers: &HeaderMap) -> Result<Self, AppError> {
        let token = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or(AppError::Unauthenticated)?;
        let (session_id, member) = state.store.session(&crypto::hash(token)).await?.ok_or(AppError::Unauthenticated)?;
        Ok(Self { session_id, member })
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = AppError;

    /// The caller the routes' guard authenticated; none (a public route) is refused.
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts.extensions.get::<Caller>().cloned().ok_or(AppError::Unauthenticated)
    }
}

/// Starts a session for a member; the token is returned once and stored only as a hash.
pub async fn start_session(state: &AppState, member_id: &str) -> Result<String, AppError> {
    let token = crypto::random_token("pbl_");
    state.store.create_session(&crypto::hash(&token), member_id, now_ms() + SESSION_LIFETIME_MS).await?;
    Ok(token)
}
