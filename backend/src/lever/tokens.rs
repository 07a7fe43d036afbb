//! The organisation's Lever access: a valid access token (refreshed a minute before expiry, by
//! one caller across every replica while the others wait), and API calls that notice a revoked
//! connection. An `invalid_grant` for the refresh token still stored, or a 401 from the API, marks
//! the connection *disconnected*.

use serde::de::DeserializeOwned;
use serde_json::Value;
use shared::api::ConnectionState;

use super::LeverApiError;
use super::oauth::{OAuthError, Tokens};
use crate::lever::Error as LeverError;
use crate::store::{SealedTokens, now_ms};
use crate::{AppState, crypto};

/// Refresh this long before Lever's expiry, so a token never dies mid-request.
const REFRESH_MARGIN_MS: i64 = 60_000;

/// The reason stored with a revoked connection (a stored message, said in the caller's language
/// through [`super::why_disconnected`]).
pub fn revoked_reason() -> String {
    crate::text!("error-lever-revoked").stored()
}

fn revoked_error() -> LeverError {
    LeverError::Disconnected(crate::text!("error-lever-revoked"))
}

fn context(org: &str, column: &str) -> String {
    format!("{org}/{column}")
}

/// Seals freshly issued tokens for storage.
pub fn seal(state: &AppState, org: &str, tokens: &Tokens) -> SealedTokens {
    SealedTokens {
        access_token: state.sealer.seal(&tokens.access_token, &context(org, "access_token")),
        refresh_token: tokens.refresh_token.as_ref().map(|r| state.sealer.seal(r, &context(org, "refresh_token"))),
        access_expires_at: now_ms() + tokens.expires_in_secs * 1000,
    }
}

pub async fn mark_revoked(state: &AppState, org: &str) -> Result<(), LeverError> {
    if state.store.disconnect(org, &revoked_reason()).await? {
        revoked(state, org).await?;
    }
    Ok(())
}

/// What follows a revocation this replica noticed first.
async fn revoked(state: &AppState, org: &str) -> Result<(), LeverError> {
    tracing::warn!(organisation = org, "Lever connection revoked; marked disconnected");
    state
        .store
        .audit(
            org,
            None,
            shared::api::AuditAction::LeverRevoked,
            serde_json::json!({"reason": crate::text!("error-lever-revoked").english()}),
        )
        .await?;
    state.lever.forget_lists(org);
    Ok(())
}

/// Why a caller gave up waiting for another replica's refresh ([`LeverApiError::Unavailable`]).
pub const STILL_REFRESHING: &str = "another replica is still refreshing";

/// How long one replica may hold the organisation's refresh lease: longer than the token
/// endpoint's timeout, so it lapses only when its holder died mid-refresh.
const REFRESH_LEASE_MS: i64 = 30_000;
/// How long a caller waits for another replica's refresh before giving up for now.
const REFRESH_WAIT: std::time::Duration = std::time::Duration::from_secs(25);

/// A valid access token for the organisation. One refresh at a time per organisation across
/// every replica: tasks of one process queue on a mutex, processes on a lease in the database;
/// whoever waited reads the token the refresher stored.
pub async fn access_token(state: &AppState, org: &str) -> Result<String, LeverError> {
    if let Some(token) = current_token(state, org).await? {
        return Ok(token);
    }
    let lock = state.lever.refresh_lock(org);
    let _one_refresher_here = lock.lock().await;
    let lease = format!("refresh:{org}");
    let holder = crypto::random_token("");
    let deadline = tokio::time::Instant::now() + REFRESH_WAIT;
    loop {
        // Whoever held the lock or the lease before us may have refreshed already.
        if let Some(token) = current_token(state, org).await? {
            return Ok(token);
        }
        if state.store.take_lease(&lease, &holder, REFRESH_LEASE_MS).await? {
            let refreshed = refresh(state, org).await;
            if let Err(e) = state.store.release_lease(&lease, &holder).await {
                tracing::warn!(organisation = org, error = %e, "cannot release the refresh lease; it expires by itself");
            }
            match refreshed? {
                Some(token) => return Ok(token),
                None => continue,
            }
        }
        if tokio::time::Instant::now() >= deadline {
            return Err(LeverError::Api(LeverApiError::Unavailable(STILL_REFRESHING.into())));
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// One refresh, holding the organisation's lease. `None`: the refresh token was rotated by
/// someone else meanwhile (a replica whose lease lapsed): read the stored token again.
async fn refresh(state: &AppState, org: &str) -> Result<Option<String>, LeverError> {
    // The replica that held the lease just before us may have refreshed after our last look.
    if let Some(token) = current_token(state, org).await? {
        return Ok(Some(token));
    }
    let conn = connected(state, org).await?;
    let sealed = conn.refresh_token.ok_or_else(revoked_error)?;
    // Not re-sealed: the refresh replaces it, and the compare-and-set below needs it unchanged.
    let refresh =
        state.sealer.open(&sealed, &context(org, "refresh_token")).map_err(|e| LeverError::Internal(e.to_string()))?;
    match state.lever.oauth.refresh(&refresh).await {
        Ok(tokens) => {
            state.store.update_tokens(org, &seal(state, org, &tokens)).await?;
            tracing::info!(organisation = org, "refreshed the Lever access token");
            Ok(Some(tokens.access_token))
        }
        // Compare-and-set: only the refresh token we sent being dead means Lever revoked us.
        Err(OAuthError::InvalidGrant) => {
            if state.store.disconnect_if_refresh_token(org, &sealed, &revoked_reason()).await? {
                revoked(state, org).await?;
                return Err(revoked_error());
            }
            tracing::info!(organisation = org, "the refresh token was rotated meanwhile; using the new one");
            Ok(None)
        }
        Err(OAuthError::Failed(why)) => Err(LeverError::Api(LeverApiError::Unavailable(why))),
    }
}

/// Opens the sealed access token, re-sealing it with the current key when an older key sealed it.
async fn open_access(state: &AppState, org: &str, sealed: &str) -> Result<String, LeverError> {
    let context = context(org, "access_token");
    let opened = state.sealer.open_with_age(sealed, &context).map_err(|e| LeverError::Internal(e.to_string()))?;
    if opened.stale {
        let resealed = state.sealer.seal(&opened.plain, &context);
        // Compare-and-set: a refresh racing us wins, and seals with the current key anyway.
        if state.store.reseal_access_token(org, sealed, &resealed).await? {
            tracing::info!(organisation = org, "re-sealed the Lever access token with the current key");
        }
    }
    Ok(opened.plain)
}

async fn connected(state: &AppState, org: &str) -> Result<crate::store::Connection, LeverError> {
    match state.store.connection(org).await? {
        Some(c) if c.state == ConnectionState::Connected => Ok(c),
        Some(c) => Err(LeverError::Disconnected(match c.reason {
            Some(why) => super::why_disconnected(&why),
            None => crate::text!("error-lever-disconnected"),
        })),
        None => Err(LeverError::Disconnected(crate::text!("error-lever-not-connected-yet"))),
    }
}

/// The stored access token while it has more than the margin left.
async fn current_token(state: &AppState, org: &str) -> Result<Option<String>, LeverError> {
    let conn = connected(state, org).await?;
    match (conn.access_token, conn.access_expires_at) {
        (Some(sealed), Some(expires)) if expires - REFRESH_MARGIN_MS > now_ms() => {
            open_access(state, org, &sealed).await.map(Some)
        }
        _ => Ok(None),
    }
}

/// How often a GET is retried on 429, 5xx or no answer before the error is returned.
const GET_ATTEMPTS: u32 = 5;

fn backoff(attempt: u32) -> std::time::Duration {
    let base = 250u64 * 2u64.pow(attempt.min(6));
    let jitter = rand::random::<u64>() % (base / 2 + 1);
    std::time::Duration::from_millis(base + jitter)
}

/// `GET` from Lever as the organisation, inside its rate budget, retried with exponential
/// backoff and jitter when Lever is busy or briefly down.
pub async fn get(state: &AppState, org: &str, path: &str, query: &[(&str, &str)]) -> Result<Value, LeverError> {
    let mut attempt = 0;
    loop {
        let token = access_token(state, org).await?;
        state.lever.budget.until_ready(org).await?;
        match state.lever.api.get(&token, path, query).await {
            Ok(v) => return Ok(v),
            Err(LeverApiError::Unauthorized) => {
                mark_revoked(state, org).await?;
                return Err(revoked_error());
            }
            Err(e @ (LeverApiError::RateLimited | LeverApiError::Unavailable(_))) if attempt + 1 < GET_ATTEMPTS => {
                tracing::debug!(error = %e, attempt, "Lever busy; retrying");
                tokio::time::sleep(backoff(attempt)).await;
                attempt += 1;
            }
            Err(e) => return Err(LeverError::Api(e)),
        }
    }
}

/// One page of a Lever list: the items, and the `next` token while there are more.
pub async fn page(
    state: &AppState,
    org: &str,
    path: &str,
    query: &[(&str, &str)],
    offset: Option<&str>,
) -> Result<(Vec<Value>, Option<String>), LeverError> {
    let mut q: Vec<(&str, &str)> = query.to_vec();
    q.push(("limit", "100"));
    if let Some(offset) = offset {
        q.push(("offset", offset));
    }
    let body = get(state, org, path, &q).await?;
    let items = body["data"]
        .as_array()
        .cloned()
        .ok_or_else(|| LeverError::Api(LeverApiError::Unexpected("a list without data".into())))?;
    let next = match (body["hasNext"].as_bool(), body["next"].as_str()) {
        (Some(true), Some(next)) => Some(next.to_owned()),
        _ => None,
    };
    Ok((items, next))
}

/// A whole Lever list as the organisation.
pub async fn list<T: DeserializeOwned>(
    state: &AppState,
    org: &str,
    path: &str,
    query: &[(&str, &str)],
) -> Result<Vec<T>, LeverError> {
    let mut items = Vec::new();
    let mut offset: Option<String> = None;
    for _ in 0..10_000 {
        let (page, next) = page(state, org, path, query, offset.as_deref()).await?;
        for item in page {
            items.push(
                serde_json::from_value(item).map_err(|e| LeverError::Api(LeverApiError::Unexpected(e.to_string())))?,
            );
        }
        match next {
            Some(next) => offset = Some(next),
            None => return Ok(items),
        }
    }
    Err(LeverError::Api(LeverApiError::Unexpected("the list never ended".into())))
}
