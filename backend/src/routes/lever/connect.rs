//! Connecting Lever: start the authorization (single-use `state`), take Lever's callback, check
//! that a Super Admin consented, store the connection, and hand the extension a session through
//! a one-time code on the done page (never a token in a URL).

use axum::{
    Json,
    extract::{Query, State},
    http::header,
    response::{Html, IntoResponse, Redirect},
};
use serde::Deserialize;
use shared::api::{AuditAction, ConnectOutcome, ConnectRequest, Person, Role};
use shared::endpoints::{ConnectCallback, ConnectDone, StartConnect};

use crate::error::AppError;
use crate::lever::{oauth, tokens};
use crate::routes::{JsonBody, Reply, Routes};
use crate::store::{PendingConnect, now_ms};
use crate::{AppState, crypto};

/// How long the Super Admin has to finish Lever's consent.
const STATE_LIFETIME_MS: i64 = 10 * 60_000;
/// How long the extension has to pick up its session after the done page loads.
const HANDOFF_LIFETIME_MS: i64 = 2 * 60_000;

use shared::api::CONNECT_DONE_PATH as DONE_PATH;

pub fn routes(routes: Routes) -> Routes {
    routes.at::<StartConnect>().to(start).at::<ConnectCallback>().to(callback).at::<ConnectDone>().to(done)
}

/// Anyone may start (who consents is checked when Lever calls back), but only the browser that
/// started can finish: it sends the hash of a secret it keeps, and must show the secret to
/// trade the handoff code for a session.
async fn start(State(state): State<AppState>, body: JsonBody<ConnectRequest>) -> Reply<StartConnect> {
    let Json(body) = body?;
    if !crypto::is_hash(&body.secret_hash) {
        return Err(AppError::BadRequest(crate::text!("error-secret-hash")));
    }
    let oauth_state = crypto::random_token("");
    let (challenge, pkce_verifier) = oauth::LeverOAuth::pkce();
    let pending =
        PendingConnect { state_hash: crypto::hash(&oauth_state), secret_hash: body.secret_hash, pkce_verifier };
    state.store.save_oauth_state(&pending, now_ms() + STATE_LIFETIME_MS).await?;
    Ok(Json(shared::api::ConnectStart { authorize_url: state.lever.oauth.authorize_url(&oauth_state, challenge) }))
}

#[derive(Debug, Deserialize)]
struct Callback {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

async fn callback(State(state): State<AppState>, Query(q): Query<Callback>) -> Redirect {
    let target = match complete(&state, q).await {
        Ok(handoff) => format!("{DONE_PATH}?outcome=connected&handoff={handoff}"),
        Err(outcome) => format!("{DONE_PATH}?outcome={}", outcome.as_str()),
    };
    Redirect::to(&target)
}

/// The callback's work; `Err` says how it ended without storing anything.
async fn complete(state: &AppState, q: Callback) -> Result<String, ConnectOutcome> {
    let lever_error = |what: &str| {
        tracing::warn!("Lever connect failed: {what}");
        ConnectOutcome::LeverError
    };
    let oauth_state = q.state.ok_or(ConnectOutcome::Expired)?;
    let pending = state
        .store
        .take_oauth_state(&crypto::hash(&oauth_state))
        .await
        .map_err(|e| lever_error(&e.to_string()))?
        .ok_or(ConnectOutcome::Expired)?;
    if let Some(error) = q.error {
        return Err(if error == "access_denied" { ConnectOutcome::Denied } else { lever_error(&error) });
    }
    let code = q.code.ok_or_else(|| lever_error("no code"))?;
    let issued =
        state.lever.oauth.exchange(&code, &pending.pkce_verifier).await.map_err(|e| lever_error(&e.to_string()))?;
    let identity = oauth::identity(&issued.access_token).ok_or_else(|| lever_error("token without identity"))?;
    if !state.config.allows_lever_account(&identity.account_id) {
        tracing::warn!(
            lever_account = identity.account_id,
            "refused a connect by a Lever account not in PBL_LEVER_ACCOUNTS"
        );
        return Err(ConnectOutcome::AccountNotAllowed);
    }
    let user = state
        .lever
        .api
        .get(&issued.access_token, &format!("/users/{}", identity.user_id), &[])
        .await
        .map_err(|e| lever_error(&e.to_string()))?;
    let user = &user["data"];
    if !user["deactivatedAt"].is_null() {
        tracing::info!(lever_user = identity.user_id, "refused a connect by a deactivated Lever user");
        return Err(ConnectOutcome::Deactivated);
    }
    if user["accessRole"].as_str().and_then(Role::from_lever) != Some(Role::SuperAdmin) {
        tracing::info!(lever_user = identity.user_id, "refused a connect by someone who is not a Super Admin");
        return Err(ConnectOutcome::NotSuperAdmin);
    }
    let person = Person {
        lever_user_id: identity.user_id.clone(),
        name: user["name"].as_str().unwrap_or_default().to_owned(),
        email: user["email"].as_str().unwrap_or_default().to_owned(),
    };
    let stored = async {
        let org = state.store.upsert_organisation(&identity.account_id).await?;
        let sealed = tokens::seal(state, &org, &issued);
        state.store.save_connection(&org, &person, &sealed, &issued.scopes).await?;
        let member = state.store.upsert_member(&org, &person, Role::SuperAdmin).await?;
        state
            .store
            .audit(
                &org,
                Some(&member),
                AuditAction::LeverConnected,
                serde_json::json!({"by": person.name, "scopes": issued.scopes}),
            )
            .await?;
        state.lever.forget_lists(&org);
        // Exports paused by a revocation resume now.
        state.export_kick.notify_one();
        let handoff = crypto::random_token("h_");
        state
            .store
            .save_handoff(&crypto::hash(&handoff), &pending.secret_hash, &member, now_ms() + HANDOFF_LIFETIME_MS)
            .await?;
        tracing::info!(organisation = org, "Lever connected");
        Ok::<_, crate::store::StoreError>(handoff)
    };
    stored.await.map_err(|e| lever_error(&e.to_string()))
}

#[derive(Debug, Deserialize)]
struct Done {
    outcome: Option<String>,
}

/// Where the Lever tab ends. The extension reads the outcome (and handoff) from this URL and
/// closes the tab on success; on failure the tab stays, saying what happened. Never cached, and
/// its URL (which may hold a handoff code) is never sent on as a referrer.
async fn done(Query(q): Query<Done>) -> impl IntoResponse {
    let outcome = q.outcome.as_deref().and_then(ConnectOutcome::parse).unwrap_or(ConnectOutcome::LeverError);
    // In the language of the browser that opened the tab.
    let language = crate::text::language();
    let title = if outcome == ConnectOutcome::Connected {
        crate::text!("error-connect-title-connected")
    } else {
        crate::text!("error-connect-title-failed")
    }
    .render(language);
    let headers = [
        (header::CACHE_CONTROL, "no-store"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::CONTENT_SECURITY_POLICY, "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"),
    ];
    (
        headers,
        Html(format!(
            "<!doctype html><html lang=\"{lang}\"><meta charset=\"utf-8\"><title>{title}</title>\
         <style>body{{font-family:system-ui;max-width:36rem;margin:4rem auto;line-height:1.5}}</style>\
         <h1 data-outcome=\"{code}\">{title}</h1><p class=\"message\">{message}</p>\
         <p>{close}</p></html>",
            lang = language.locale(),
            code = outcome.as_str(),
            message = outcome_text(outcome).render(language),
            close = crate::text!("error-connect-close-tab").render(language),
        )),
    )
}

/// What the done page tells the person who tried to connect (`ConnectOutcome::message`, in
/// their language).
fn outcome_text(outcome: ConnectOutcome) -> crate::text::Text {
    crate::text::Text::new(outcome.word(), Vec::new())
}
