//! Lever's OAuth through the `oauth2` crate: the authorize URL (with Lever's required `audience`),
//! the code exchange and the refresh, and reading the user and account out of the access token.

use base64::Engine as _;
use oauth2::basic::{BasicClient, BasicErrorResponseType};
use oauth2::{
    AuthType, AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointNotSet, EndpointSet,
    PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, RefreshToken, RequestTokenError, Scope, TokenResponse as _,
    TokenUrl,
};

use super::LeverEndpoints;
use crate::config::Secret;

/// What the product asks Lever for, and nothing more: read jobs, stages and users; read and
/// create opportunities and add the export's note to them; stay connected (`offline_access`).
pub const SCOPES: &[&str] = &[
    "offline_access",
    "opportunities:read:admin",
    "opportunities:write:admin",
    "notes:write:admin",
    "stages:read:admin",
    "postings:read:admin",
    "users:read:admin",
];

type Client = BasicClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointSet>;

#[derive(Debug, Clone)]
pub struct LeverOAuth {
    client: Client,
    audience: String,
    /// Never follows redirects: a token endpoint that redirects is not one to trust.
    http: reqwest::Client,
}

/// Tokens as Lever issued them. Held in memory only long enough to seal them.
pub struct Tokens {
    pub access_token: String,
    pub refresh_token: Option<String>,
    pub expires_in_secs: i64,
    pub scopes: String,
}

impl std::fmt::Debug for Tokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Tokens(***)")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum OAuthError {
    /// The grant is dead: revoked in Lever, expired, or already used.
    #[error("Lever refused the grant (invalid_grant)")]
    InvalidGrant,
    #[error("Lever's token endpoint failed: {0}")]
    Failed(String),
}

/// The Lever user and account an access token speaks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenIdentity {
    pub user_id: String,
    pub account_id: String,
}

impl LeverOAuth {
    pub fn new(endpoints: &LeverEndpoints, client_id: &str, secret: &Secret, callback: &str) -> Result<Self, String> {
        let client = BasicClient::new(ClientId::new(client_id.to_owned()))
            .set_client_secret(ClientSecret::new(secret.expose().to_owned()))
            .set_auth_uri(AuthUrl::new(endpoints.authorize_url.clone()).map_err(|e| e.to_string())?)
            .set_token_uri(TokenUrl::new(endpoints.token_url.clone()).map_err(|e| e.to_string())?)
            .set_redirect_uri(RedirectUrl::new(callback.to_owned()).map_err(|e| e.to_string())?)
            .set_auth_type(AuthType::RequestBody);
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(20))
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Self { client, audience: endpoints.audience.clone(), http })
    }

    /// A fresh PKCE pair: the S256 challenge for the authorize URL, and the verifier (kept on
    /// our side until the callback) that proves the code exchange comes from the same flow.
    pub fn pkce() -> (PkceCodeChallenge, String) {
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        (challenge, verifier.secret().clone())
    }

    /// Where to send the Super Admin, carrying `state` and the PKCE challenge.
    pub fn authorize_url(&self, state: &str, challenge: PkceCodeChallenge) -> String {
        let state = state.to_owned();
        let (url, _) = self
            .client
            .authorize_url(move || CsrfToken::new(state))
            .set_pkce_challenge(challenge)
            .add_scopes(SCOPES.iter().map(|s| Scope::new((*s).to_owned())))
            .add_extra_param("audience", &self.audience)
            .add_extra_param("prompt", "consent")
            .url();
        url.to_string()
    }

    pub async fn exchange(&self, code: &str, pkce_verifier: &str) -> Result<Tokens, OAuthError> {
        let answer = self
            .client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier.to_owned()))
            .request_async(&self.http)
            .await;
        tokens(answer)
    }

    pub async fn refresh(&self, refresh_token: &str) -> Result<Tokens, OAuthError> {
        let token = RefreshToken::new(refresh_token.to_owned());
        let answer = self.client.exchange_refresh_token(&token).request_async(&self.http).await;
        tokens(answer)
    }
}

fn tokens<E: std::error::Error + 'static>(
    answer: Result<oauth2::basic::BasicTokenResponse, RequestTokenError<E, oauth2::basic::BasicErrorResponse>>,
) -> Result<Tokens, OAuthError> {
    match answer {
        Ok(t) => Ok(Tokens {
            access_token: t.access_token().secret().clone(),
            refresh_token: t.refresh_token().map(|r| r.secret().clone()),
            expires_in_secs: t.expires_in().map_or(3600, |d| i64::try_from(d.as_secs()).unwrap_or(3600)),
            scopes: t
                .scopes()
                .map(|s| s.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(" "))
                .unwrap_or_default(),
        }),
        Err(RequestTokenError::ServerResponse(r)) if *r.error() == BasicErrorResponseType::InvalidGrant => {
            Err(OAuthError::InvalidGrant)
        }
        // Describe without echoing bodies: a token endpoint's answer may hold secrets.
        Err(RequestTokenError::ServerResponse(r)) => Err(OAuthError::Failed(format!("Lever answered {}", r.error()))),
        Err(RequestTokenError::Request(e)) => Err(OAuthError::Failed(format!("no answer from Lever ({e})"))),
        Err(RequestTokenError::Parse(_, _)) => Err(OAuthError::Failed("Lever's answer was not understood".into())),
        Err(RequestTokenError::Other(e)) => Err(OAuthError::Failed(e)),
    }
}

/// Reads Lever's `userId` and `accountId` claims. The token came straight from Lever's token
/// endpoint over TLS, so its payload is read, not verified (we don't hold Lever's signing key).
pub fn identity(access_token: &str) -> Option<TokenIdentity> {
    let payload = access_token.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    let claims: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    Some(TokenIdentity {
        user_id: claims["https://oauth.lever.co/userId"].as_str()?.to_owned(),
        account_id: claims["https://oauth.lever.co/accountId"].as_str()?.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_authorize_url_carries_audience_scopes_and_state() {
        let endpoints = LeverEndpoints::production();
        let oauth = LeverOAuth::new(&endpoints, "cid", &"secret".parse().expect("secret"), "https://b.example/cb")
            .expect("client");
        let (challenge, verifier) = LeverOAuth::pkce();
        let url = url::Url::parse(&oauth.authorize_url("xyz", challenge.clone())).expect("url");
        let q: std::collections::HashMap<_, _> = url.query_pairs().into_owned().collect();
        assert_eq!(url.host_str(), Some("auth.lever.co"));
        assert_eq!(q["audience"], "https://api.lever.co/v1/");
        assert_eq!(q["state"], "xyz");
        assert_eq!(q["response_type"], "code");
        assert_eq!(q["redirect_uri"], "https://b.example/cb");
        assert!(q["scope"].split(' ').any(|s| s == "offline_access"));
        assert!(!url.as_str().contains("secret"));
        assert_eq!((q["code_challenge"].as_str(), q["code_challenge_method"].as_str()), (challenge.as_str(), "S256"));
        assert!(!url.as_str().contains(&verifier), "the verifier stays with us");
    }

    #[test]
    fn identity_reads_lever_claims() {
        use base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let claims =
            serde_json::json!({"https://oauth.lever.co/userId": "u1", "https://oauth.lever.co/accountId": "a1"});
        let token = format!("h.{}.s", URL_SAFE_NO_PAD.encode(claims.to_string()));
        assert_eq!(identity(&token), Some(TokenIdentity { user_id: "u1".into(), account_id: "a1".into() }));
        assert_eq!(identity("not-a-jwt"), None);
    }
}
