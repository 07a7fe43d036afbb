//! Lever's REST API: authenticated GETs with the `{data, next, hasNext}` envelope followed to
//! the end, and Lever's answers mapped to errors a person can act on.

use serde_json::Value;

#[derive(Debug, thiserror::Error)]
pub enum LeverApiError {
    #[error("Lever no longer accepts our access (revoked or expired)")]
    Unauthorized,
    #[error("Lever refused: {0}")]
    Forbidden(String),
    #[error("Lever says it is receiving too many requests")]
    RateLimited,
    #[error("Lever is unavailable right now ({0})")]
    Unavailable(String),
    #[error("Lever could not find it: {0}")]
    NotFound(String),
    #[error("Lever answered something unexpected: {0}")]
    Unexpected(String),
}

/// How a create (POST) can fail: the difference between "not created" and "maybe created"
/// matters, since Lever has no idempotency key.
#[derive(Debug, thiserror::Error)]
pub enum PostError {
    #[error("Lever no longer accepts our access (revoked or expired)")]
    Unauthorized,
    #[error("Lever says it is receiving too many requests")]
    RateLimited,
    /// Sent, but no clear answer (timeout, dropped connection, 5xx): it may have been created.
    #[error("no clear answer from Lever ({0})")]
    Ambiguous(String),
    #[error("{0}")]
    Refused(String),
}

/// Why a call got no answer ([`LeverApiError::Unavailable`]); `lever::said_text` says it in
/// the caller's language.
pub const TIMED_OUT: &str = "timed out";
pub const NO_ANSWER: &str = "no answer";

#[derive(Debug, Clone)]
pub struct LeverApi {
    base: String,
    http: reqwest::Client,
    metrics: crate::metrics::Metrics,
}

impl LeverApi {
    pub fn new(base: &str, timeout: std::time::Duration, metrics: crate::metrics::Metrics) -> Result<Self, String> {
        let http = reqwest::Client::builder().timeout(timeout).build().map_err(|e| e.to_string())?;
        Ok(Self { base: base.trim_end_matches('/').to_owned(), http, metrics })
    }

    /// Counts the call by its status (`0`: no answer).
    fn answered(&self, sent: &reqwest::Result<reqwest::Response>) {
        self.metrics.lever_answered(sent.as_ref().map_or(0, |res| res.status().as_u16()));
    }

    /// `POST {base}{path}` with a multipart body; the whole answer.
    pub async fn post_multipart(
        &self,
        token: &str,
        path: &str,
        query: &[(&str, &str)],
        form: reqwest::multipart::Form,
    ) -> Result<Value, PostError> {
        let sent =
            self.http.post(format!("{}{path}", self.base)).bearer_auth(token).query(query).multipart(form).send().await;
        self.answered(&sent);
        Self::posted(sent).await
    }

    /// `POST {base}{path}` with a JSON body; the whole answer.
    pub async fn post_json(
        &self,
        token: &str,
        path: &str,
        query: &[(&str, &str)],
        body: &Value,
    ) -> Result<Value, PostError> {
        let sent =
            self.http.post(format!("{}{path}", self.base)).bearer_auth(token).query(query).json(body).send().await;
        self.answered(&sent);
        Self::posted(sent).await
    }

    /// What a POST's answer means: created, refused, or maybe created (no idempotency key).
    async fn posted(sent: reqwest::Result<reqwest::Response>) -> Result<Value, PostError> {
        let res = sent.map_err(|e| {
            PostError::Ambiguous(if e.is_timeout() { "timed out".into() } else { "connection lost".into() })
        })?;
        let status = res.status().as_u16();
        let body: Value = res.json().await.unwrap_or(Value::Null);
        match status {
            200..=299 => Ok(body),
            401 => Err(PostError::Unauthorized),
            429 => Err(PostError::RateLimited),
            500..=599 => Err(PostError::Ambiguous(format!("HTTP {status}"))),
            _ => Err(PostError::Refused(body["message"].as_str().unwrap_or("no details").to_owned())),
        }
    }

    /// `GET {base}{path}`; the whole body.
    pub async fn get(&self, token: &str, path: &str, query: &[(&str, &str)]) -> Result<Value, LeverApiError> {
        let sent = self.http.get(format!("{}{path}", self.base)).bearer_auth(token).query(query).send().await;
        self.answered(&sent);
        let res =
            sent.map_err(|e| LeverApiError::Unavailable(if e.is_timeout() { TIMED_OUT } else { NO_ANSWER }.into()))?;
        let status = res.status().as_u16();
        let body: Value = res.json().await.unwrap_or(Value::Null);
        let message = || body["message"].as_str().unwrap_or("no details").to_owned();
        match status {
            200..=299 => Ok(body),
            401 => Err(LeverApiError::Unauthorized),
            403 => Err(LeverApiError::Forbidden(message())),
            404 => Err(LeverApiError::NotFound(message())),
            429 => Err(LeverApiError::RateLimited),
            500..=599 => Err(LeverApiError::Unavailable(format!("HTTP {status}"))),
            _ => Err(LeverApiError::Unexpected(format!("HTTP {status}: {}", message()))),
        }
    }
}
