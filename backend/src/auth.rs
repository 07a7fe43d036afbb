//! Who is calling: the extension sends `Authorization: Bearer <session token>`; the store keeps
//! only the token's hash. The routes' guard (`routes::Routes`) authenticates the caller and checks
//! the endpoint's rule against the one table in `shared::api::Role::may`; a handler that takes a
//! [`Caller`] gets the one it authenticated, and can't run without it.

use axum::extract::FromRequestParts;
use axum::http::{HeaderMap, header, request::Parts};
use shared::api::{Action, Me};

use crate::AppState;
use crate::crypto;
use crate::error::AppError;
use crate::store::{Member, now_ms};

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
        let what = match action {
            Action::Configure => "change the Lever integration's settings",
            Action::Export => "export candidates to Lever",
            Action::Read => "use the Lever integration",
        };
        Err(AppError::Forbidden(format!(
            "Only Lever {} can {what}; your Lever role is {}.",
            if action == Action::Configure {
                "Super Admins"
            } else {
                "Super Admins, Admins, Team Members and Limited Team Members"
            },
            self.member.role.label()
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
