//! Everything that talks to Lever: where it lives (production, sandbox, or the simulator).
//! The OAuth client, the REST client and the rate limiter grow here.

/// Lever's OAuth and API addresses for one environment (`lever-api.md` §1.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeverEndpoints {
    pub authorize_url: String,
    pub token_url: String,
    /// Sent as `audience` in the authorize request; note the trailing slash.
    pub audience: String,
    /// The REST API base, without a trailing slash.
    pub api_base: String,
}

impl LeverEndpoints {
    pub fn production() -> Self {
        Self {
            authorize_url: "https://auth.lever.co/authorize".into(),
            token_url: "https://auth.lever.co/oauth/token".into(),
            audience: "https://api.lever.co/v1/".into(),
            api_base: "https://api.lever.co/v1".into(),
        }
    }

    pub fn sandbox() -> Self {
        Self {
            authorize_url: "https://sandbox-lever.auth0.com/authorize".into(),
            token_url: "https://sandbox-lever.auth0.com/oauth/token".into(),
            audience: "https://api.sandbox.lever.co/v1/".into(),
            api_base: "https://api.sandbox.lever.co/v1".into(),
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
        }
    }
}
