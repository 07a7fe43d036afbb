//! Lever's webhooks keep badges live between syncs. Each delivery is verified as `docs/lever-api.md`
//! §6 says: `signature = hex(HMAC-SHA256(signatureToken, token + triggeredAt))`, a recent
//! `triggeredAt`, and a `token` never seen before; and then only trusted to name an opportunity
//! whose state is read back from Lever.

use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;

use crate::error::AppError;
use crate::lever::{LeverApiError, tokens};
use crate::store::now_ms;
use crate::{AppState, crypto};

/// Deliveries older (or further in the future) than this are refused.
const MAX_SKEW_MS: i64 = 15 * 60_000;

fn context(org: &str) -> String {
    format!("{org}/webhook_token")
}

/// Seals the signature token Lever shows for our webhooks.
pub async fn set_token(state: &AppState, org: &str, token: &str) -> Result<(), AppError> {
    let token = token.trim();
    let sealed = (!token.is_empty()).then(|| state.sealer.seal(token, &context(org)));
    state.store.set_webhook_token(org, sealed.as_deref()).await?;
    Ok(())
}

fn verify(signature_token: &str, body: &Value) -> Result<(), AppError> {
    let token = body["token"].as_str().ok_or_else(|| AppError::Forbidden(crate::text!("error-webhook-no-token")))?;
    let triggered_at = body["triggeredAt"]
        .as_i64()
        .ok_or_else(|| AppError::Forbidden(crate::text!("error-webhook-no-triggered-at")))?;
    let signature = body["signature"]
        .as_str()
        .and_then(|s| hex::decode(s).ok())
        .ok_or_else(|| AppError::Forbidden(crate::text!("error-webhook-no-signature")))?;
    let mut mac = Hmac::<Sha256>::new_from_slice(signature_token.as_bytes())
        .map_err(|_| AppError::Forbidden(crate::text!("error-webhook-bad-key")))?;
    mac.update(format!("{token}{triggered_at}").as_bytes());
    mac.verify_slice(&signature).map_err(|_| AppError::Forbidden(crate::text!("error-webhook-bad-signature")))?;
    if (now_ms() - triggered_at).abs() > MAX_SKEW_MS {
        return Err(AppError::Forbidden(crate::text!("error-webhook-stale")));
    }
    Ok(())
}

/// The events that may change what the index holds.
const FOLLOWED: [&str; 4] = ["candidateStageChange", "candidateArchiveChange", "candidateHired", "candidateDeleted"];

/// Applies one delivery to the index. A delivery is a hint, never the truth: even validly
/// signed, its body only says which opportunity to read back from Lever, and the index takes
/// what Lever answers (gone from Lever: removed). Events we don't follow are accepted and ignored.
pub async fn handle(state: &AppState, org: &str, body: Value) -> Result<&'static str, AppError> {
    let sealed = state
        .store
        .webhook_token(org)
        .await?
        .ok_or_else(|| AppError::NotFound(crate::text!("error-webhook-not-set-up")))?;
    let opened = state.sealer.open_with_age(&sealed, &context(org)).map_err(|e| AppError::Internal(e.to_string()))?;
    if opened.stale {
        // Sealed with a previous key: seal it again with the current one (key rotation).
        state.store.set_webhook_token(org, Some(&state.sealer.seal(&opened.plain, &context(org)))).await?;
    }
    verify(&opened.plain, &body)?;
    let token = body["token"].as_str().unwrap_or_default();
    if !state.store.first_delivery(&crypto::hash(token)).await? {
        return Ok("already processed");
    }
    let Some(opportunity) = body["data"]["opportunityId"].as_str() else { return Ok("ignored") };
    if !FOLLOWED.contains(&body["event"].as_str().unwrap_or_default()) {
        return Ok("ignored");
    }
    // Without Auto Full Profiles Sync nothing is indexed: no Lever call to spend on it.
    if !state.store.settings(org).await?.is_some_and(|s| s.auto_sync.enabled) {
        return Ok("ignored: Auto Full Profiles Sync is off");
    }
    match tokens::get(state, org, &format!("/opportunities/{opportunity}"), &[]).await {
        Ok(opp) => {
            let names = super::names(state, org).await?;
            if let Some(row) = super::profile_row(state, &opp["data"], &names) {
                state.store.upsert_profiles(org, &[row]).await?;
            }
            Ok("read back from Lever")
        }
        Err(crate::lever::Error::Api(LeverApiError::NotFound(_))) => {
            state.store.delete_profiles(org, &[opportunity.to_owned()]).await?;
            Ok("removed: no longer in Lever")
        }
        Err(e) => Err(e.into()),
    }
}
