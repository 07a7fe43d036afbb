//! Everything that talks to Lever: where it lives (production, sandbox, or the simulator), OAuth,
//! the REST API, and the organisation's tokens (refreshed once however many callers wait).

pub mod api;
pub mod budget;
pub mod lists;
pub mod oauth;
pub mod tokens;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::text::Text;

pub use api::{LeverApi, LeverApiError, PostError};

/// What a failed Lever call means for people. Lever's own words (its message, an HTTP status)
/// go in as they are.
pub fn said_text(e: &LeverApiError) -> Text {
    match e {
        LeverApiError::RateLimited => crate::text!("error-lever-busy"),
        LeverApiError::Unavailable(why) => crate::text!("error-lever-unavailable", detail = detail(why)),
        LeverApiError::Unauthorized => crate::text!("error-lever-unauthorized"),
        LeverApiError::Forbidden(why) => crate::text!("error-lever-refused", detail = why),
        LeverApiError::NotFound(why) => crate::text!("error-lever-not-found", detail = why),
        LeverApiError::Unexpected(why) => crate::text!("error-lever-unexpected", detail = why),
    }
}

/// Why Lever gave no answer, in words of the catalogue when they are ours.
fn detail(why: &str) -> crate::text::Value {
    match why {
        api::TIMED_OUT => crate::text!("error-lever-timed-out").into(),
        api::NO_ANSWER => crate::text!("error-lever-no-answer").into(),
        tokens::STILL_REFRESHING => crate::text!("error-lever-still-refreshing").into(),
        other => other.into(),
    }
}

/// Why an organisation's Lever connection is down, from the reason stored with it: the message
/// [`tokens::revoked_reason`] or [`disconnected_by`] stored, or (a row stored before reasons were
/// messages) the stored words.
pub fn why_disconnected(stored: &str) -> Text {
    Text::from_stored(stored).unwrap_or_else(|| crate::text!("error-lever-disconnected-because", reason = stored))
}

/// The reason stored when a Super Admin disconnects (a stored message, said in each reader's
/// language by [`why_disconnected`]).
pub fn disconnected_by(name: &str) -> String {
    crate::text!("error-lever-disconnected-by", name = name).stored()
}

/// Why a Lever operation (a call with the organisation's tokens, a sync, an export) failed. It
/// becomes an HTTP answer only at the edge (`From<Error> for AppError`).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Disconnected in our settings or revoked in Lever: nothing works for the organisation until
    /// a Super Admin connects again (why, for people).
    #[error("{0}")]
    Disconnected(Text),
    #[error("{}", said_text(.0))]
    Api(#[from] LeverApiError),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error("{0}")]
    Internal(String),
}

impl Error {
    /// What a person reads (the store's and internal failures say nothing of their cause).
    pub fn text(&self) -> Text {
        match self {
            Self::Disconnected(why) => why.clone(),
            Self::Api(e) => said_text(e),
            Self::Store(_) => crate::text!("error-store-unavailable"),
            Self::Internal(_) => crate::text!("error-internal"),
        }
    }
}

pub use oauth::LeverOAuth;

/// Lever's OAuth and API addresses for one environment (`docs/lever-api.md` §1.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeverEndpoints {
    pub authorize_url: String,
    pub token_url: String,
    /// Sent as `audience` in the authorize request; note the trailing slash.
    pub audience: String,
    /// The REST API base, without a trailing slash.
    pub api_base: String,
    /// Lever's web app, where a profile opens (`{web_app}/candidates/{opportunity id}`).
    pub web_app: String,
}

impl LeverEndpoints {
    pub fn production() -> Self {
        Self {
            authorize_url: "https://auth.lever.co/authorize".into(),
            token_url: "https://auth.lever.co/oauth/token".into(),
            audience: "https://api.lever.co/v1/".into(),
            api_base: "https://api.lever.co/v1".into(),
            web_app: "https://hire.lever.co".into(),
        }
    }

    pub fn sandbox() -> Self {
        Self {
            authorize_url: "https://sandbox-lever.auth0.com/authorize".into(),
            token_url: "https://sandbox-lever.auth0.com/oauth/token".into(),
            audience: "https://api.sandbox.lever.co/v1/".into(),
            api_base: "https://api.sandbox.lever.co/v1".into(),
            web_app: "https://hire.sandbox.lever.co".into(),
        }
    }

    /// One host serving all of it, as the Lever simulator does.
    pub fn at(base: &url::Url) -> Self {
        let base = base.as_str().trim_end_matches('/');
        Self {
            authorize_url: format!("{base}/authorize"),
            token_url: format!("{base}/oauth/token"),
            audience: format!("{base}/v1/"),
            api_base: format!("{base}/v1"),
            web_app: format!("{base}/hire"),
        }
    }
}

/// How long lists for the UI (stages, postings, users) are reused before asking Lever again.
pub const LIST_CACHE_TTL: Duration = Duration::from_secs(60);

/// Lever's documented budget per account: 10 requests a second, bursts of 20. Every call we
/// make for an account (sync, exports, lists, every user) draws from the same bucket.
pub const RATE_PER_SECOND: u32 = 10;
pub const BURST: u32 = 20;

/// An organisation and which list ("stages", "postings", "users").
type ListKey = (String, &'static str);

/// The Lever side of the app state.
#[derive(Debug)]
pub struct Lever {
    pub oauth: LeverOAuth,
    pub api: LeverApi,
    /// One lock per organisation: whoever holds it refreshes; the others wait and reuse.
    refresh_locks: crate::locks::KeyedLocks,
    lists: Mutex<HashMap<ListKey, (Instant, Value)>>,
    /// One token bucket per organisation (= per Lever account).
    pub budget: budget::RateBudget,
    /// Lever's web app, for links to profiles when Lever's answer carries none.
    pub web_app: String,
}

impl Lever {
    pub fn new(oauth: LeverOAuth, api: LeverApi, budget: budget::RateBudget, web_app: &str) -> Self {
        Self {
            oauth,
            api,
            refresh_locks: crate::locks::KeyedLocks::default(),
            lists: Mutex::default(),
            budget,
            web_app: web_app.trim_end_matches('/').to_owned(),
        }
    }

    /// Where an opportunity opens in Lever: its `urls.show`, or the link built from its id
    /// (Lever's list items may leave `urls` out).
    pub fn profile_url(&self, opp: &serde_json::Value) -> String {
        match (opp["urls"]["show"].as_str(), opp["id"].as_str()) {
            (Some(show), _) if !show.is_empty() => show.to_owned(),
            (_, Some(id)) if !id.is_empty() => format!("{}/candidates/{id}", self.web_app),
            _ => String::new(),
        }
    }

    fn refresh_lock(&self, org: &str) -> Arc<tokio::sync::Mutex<()>> {
        self.refresh_locks.get(org)
    }

    pub fn cached_list(&self, org: &str, kind: &'static str) -> Option<Value> {
        let lists = self.lists.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        lists.get(&(org.to_owned(), kind)).filter(|(at, _)| at.elapsed() < LIST_CACHE_TTL).map(|(_, v)| v.clone())
    }

    pub fn cache_list(&self, org: &str, kind: &'static str, value: Value) {
        let mut lists = self.lists.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        lists.insert((org.to_owned(), kind), (Instant::now(), value));
    }

    /// Forgets an organisation's cached lists (on connect and disconnect).
    pub fn forget_lists(&self, org: &str) {
        let mut lists = self.lists.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        lists.retain(|(o, _), _| o != org);
    }
}
