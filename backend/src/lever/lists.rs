//! Lever's stages, postings and users (for the extension's dropdowns, the sync's names and the
//! checks of a chosen stage, job or user), cached briefly per organisation
//! (`lever::LIST_CACHE_TTL`).

use serde::Deserialize;
use serde_json::Value;
use shared::api::{LeverPosting, LeverStage, LeverUser, Role};

use crate::AppState;
use crate::lever::Error as LeverError;
use crate::lever::tokens;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawUser {
    id: String,
    name: String,
    email: String,
    access_role: Option<String>,
    #[serde(default)]
    deactivated_at: Option<i64>,
}

/// The stages if they are cached (no call to Lever), e.g. to name the default stage.
pub fn cached_stages(state: &AppState, org: &str) -> Option<Vec<LeverStage>> {
    state.lever.cached_list(org, "stages").and_then(|v| serde_json::from_value(v).ok())
}

pub async fn stages(state: &AppState, org: &str) -> Result<Vec<LeverStage>, LeverError> {
    cached(state, org, "stages", || tokens::list::<LeverStage>(state, org, "/stages", &[])).await
}

/// Every posting a recruiter may export to: published (on either channel: asking for
/// `published` alone returns only public ones) and internal ("unlisted").
pub async fn postings(state: &AppState, org: &str) -> Result<Vec<LeverPosting>, LeverError> {
    let query = [
        ("state", "published"),
        ("state", "internal"),
        ("distributionChannel", "public"),
        ("distributionChannel", "internal"),
    ];
    cached(state, org, "postings", || tokens::list::<LeverPosting>(state, org, "/postings", &query)).await
}

/// Active Lever users.
pub async fn users(state: &AppState, org: &str) -> Result<Vec<LeverUser>, LeverError> {
    cached(state, org, "users", || async {
        let raw = tokens::list::<RawUser>(state, org, "/users", &[]).await?;
        // Lever lists active users only by default; a deactivated one is never offered anyway.
        Ok(raw
            .into_iter()
            .filter(|u| u.deactivated_at.is_none())
            .map(|u| LeverUser {
                role: u.access_role.as_deref().and_then(Role::from_lever),
                id: u.id,
                name: u.name,
                email: u.email,
            })
            .collect())
    })
    .await
}

async fn cached<T, F, Fut>(state: &AppState, org: &str, kind: &'static str, fetch: F) -> Result<Vec<T>, LeverError>
where
    T: serde::Serialize + serde::de::DeserializeOwned,
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<Vec<T>, LeverError>>,
{
    if let Some(hit) = state.lever.cached_list(org, kind)
        && let Ok(items) = serde_json::from_value::<Vec<T>>(hit)
    {
        return Ok(items);
    }
    let items = fetch().await?;
    state.lever.cache_list(org, kind, serde_json::to_value(&items).unwrap_or(Value::Null));
    Ok(items)
}
