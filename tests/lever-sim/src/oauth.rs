//! Lever's OAuth 2.0 as partners see it: the authorize page (who signs in, then the consent
//! screen), the token endpoint for both grants with rotating refresh tokens, and access tokens as
//! HS512 JWTs carrying Lever's userId and accountId claims.
//!
//! Long because Lever's OAuth is one protocol: authorize, consent, both grants, rotation, revocation.

use axum::{
    Form, Json,
    body::Bytes,
    extract::{Query, State},
    http::{HeaderMap, StatusCode, header},
    response::{Html, IntoResponse, Redirect, Response},
};
use base64::{Engine as _, engine::general_purpose::URL_SAFE_NO_PAD};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sha2::Sha512;

use crate::Sim;
use crate::world::{AuthCode, Authorization, Caller, RefreshGrant, World, new_id};

pub const ACCESS_TOKEN_SECONDS: i64 = 3600;
const CODE_LIFETIME_MS: i64 = 10 * 60 * 1000;
const REFRESH_IDLE_MS: i64 = 90 * 86_400_000;
const REFRESH_ABSOLUTE_MS: i64 = 365 * 86_400_000;

pub const CLAIM_USER: &str = "https://oauth.lever.co/userId";
pub const CLAIM_ACCOUNT: &str = "https://oauth.lever.co/accountId";
pub const CLAIM_CLIENT: &str = "https://oauth.lever.co/clientId";

/// Every scope Lever documents; anything else is `invalid_scope`.
pub const KNOWN_SCOPES: &[&str] = &[
    "offline_access",
    "applications:read:admin",
    "archive_reasons:read:admin",
    "audit_events:read:admin",
    "confidential:access:admin",
    "contact:read:admin",
    "contact:write:admin",
    "feedback:read:admin",
    "files:read:admin",
    "files:write:admin",
    "notes:read:admin",
    "notes:write:admin",
    "opportunities:read:admin",
    "opportunities:write:admin",
    "postings:read:admin",
    "postings:write:admin",
    "resumes:read:admin",
    "sources:read:admin",
    "stages:read:admin",
    "tags:read:admin",
    "uploads:write:admin",
    "users:read:admin",
    "users:write:admin",
    "webhooks:read:admin",
    "webhooks:write:admin",
];

fn describe_scope(scope: &str) -> String {
    if scope == "offline_access" {
        return "Stay connected when you are not using the app (offline access)".into();
    }
    let mut parts = scope.split(':');
    let resource = parts.next().unwrap_or(scope).replace('_', " ");
    match parts.next() {
        Some("write") => format!("Read and change {resource}"),
        Some("read") => format!("Read {resource}"),
        _ => format!("Access {resource}"),
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct AuthorizeParams {
    #[serde(default)]
    pub client_id: String,
    #[serde(default)]
    pub redirect_uri: String,
    #[serde(default)]
    pub response_type: String,
    #[serde(default)]
    pub state: String,
    #[serde(default)]
    pub audience: String,
    #[serde(default)]
    pub scope: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt: Option<String>,
    /// PKCE (RFC 7636), which Lever's Auth0 tenant accepts: only `S256`.
    #[serde(default)]
    pub code_challenge: String,
    #[serde(default)]
    pub code_challenge_method: String,
}

/// A refusal that can't be sent back to the app (unknown client, unregistered redirect): a page.
fn error_page(status: StatusCode, title: &str, detail: &str) -> Response {
    let body = format!(
        "<!doctype html><title>{t}</title><h1 class=\"lever-error\">{t}</h1><p class=\"detail\">{d}</p>",
        t = escape(title),
        d = escape(detail)
    );
    (status, Html(body)).into_response()
}

fn redirect_with(redirect_uri: &str, params: &[(&str, &str)]) -> Response {
    let mut url = match url::Url::parse(redirect_uri) {
        Ok(url) => url,
        Err(_) => return error_page(StatusCode::BAD_REQUEST, "Invalid redirect_uri", redirect_uri),
    };
    url.query_pairs_mut().extend_pairs(params);
    Redirect::to(url.as_str()).into_response()
}

/// Checks an authorize request. `Err` is the response to send instead.
#[allow(clippy::result_large_err, reason = "the refusal is the response, built once per request")]
fn validate(world: &World, p: &AuthorizeParams) -> Result<Vec<String>, Response> {
    let Some(app) = world.app(&p.client_id) else {
        return Err(error_page(
            StatusCode::BAD_REQUEST,
            "ClientID not found",
            "This app is not registered with Lever.",
        ));
    };
    if !app.redirect_uris.iter().any(|u| u == &p.redirect_uri) {
        return Err(error_page(
            StatusCode::BAD_REQUEST,
            "Callback URL mismatch",
            &format!("{} is not a registered callback URL for {}.", p.redirect_uri, app.name),
        ));
    }
    if p.audience != world.audience() {
        return Err(error_page(
            StatusCode::BAD_REQUEST,
            "Invalid audience",
            &format!("The audience parameter must be {}.", world.audience()),
        ));
    }
    if p.state.is_empty() {
        return Err(error_page(StatusCode::BAD_REQUEST, "Missing state", "The state parameter is required."));
    }
    if !p.code_challenge.is_empty() && p.code_challenge_method != "S256" {
        return Err(redirect_with(
            &p.redirect_uri,
            &[
                ("state", &p.state),
                ("error", "invalid_request"),
                ("error_description", "code_challenge_method must be S256"),
            ],
        ));
    }
    if p.response_type != "code" {
        return Err(redirect_with(&p.redirect_uri, &[("state", &p.state), ("error", "unsupported_response_type")]));
    }
    let scopes: Vec<String> = p.scope.split_whitespace().map(str::to_owned).collect();
    if scopes.is_empty() || scopes.iter().any(|s| !KNOWN_SCOPES.contains(&s.as_str())) {
        return Err(redirect_with(
            &p.redirect_uri,
            &[("state", &p.state), ("error", "invalid_scope"), ("error_description", "unknown or missing scope")],
        ));
    }
    Ok(scopes)
}

fn hidden_fields(p: &AuthorizeParams) -> String {
    let pairs = [
        ("client_id", &p.client_id),
        ("redirect_uri", &p.redirect_uri),
        ("response_type", &p.response_type),
        ("state", &p.state),
        ("audience", &p.audience),
        ("scope", &p.scope),
        ("code_challenge", &p.code_challenge),
        ("code_challenge_method", &p.code_challenge_method),
    ];
    pairs.iter().map(|(k, v)| format!(r#"<input type="hidden" name="{k}" value="{}">"#, escape(v))).collect()
}

const PAGE_STYLE: &str = "<style>body{font-family:system-ui;max-width:32rem;margin:3rem auto}button{margin:.25rem;padding:.5rem 1rem}</style>";

/// `GET /authorize`: the Lever sign-in, where the demo asks which Lever user is signing in.
pub async fn authorize(State(sim): State<Sim>, Query(p): Query<AuthorizeParams>) -> Response {
    let world = sim.world();
    if let Err(refusal) = validate(&world, &p) {
        return refusal;
    }
    let users: String = world
        .accounts
        .iter()
        .flat_map(|a| a.users.iter().filter(|u| u.deactivated_at.is_none()).map(move |u| (a, u)))
        .map(|(a, u)| {
            format!(
                r#"<li><button type="submit" name="user_id" value="{id}" data-email="{email}">{name} · {role} · {acct}</button></li>"#,
                id = escape(&u.id),
                email = escape(&u.email),
                name = escape(&u.name),
                role = escape(&u.access_role),
                acct = escape(&a.name),
            )
        })
        .collect();
    Html(format!(
        r#"<!doctype html><title>Sign in to Lever</title>{PAGE_STYLE}<h1>Sign in to Lever</h1>
<p>Lever simulator: choose who is signing in.</p>
<form method="get" action="/authorize/consent">{hidden}<ul class="lever-users">{users}</ul></form>"#,
        hidden = hidden_fields(&p)
    ))
    .into_response()
}

#[derive(Debug, Deserialize)]
pub struct ConsentParams {
    #[serde(flatten)]
    pub authorize: AuthorizeParams,
    #[serde(default)]
    pub user_id: String,
}

/// `GET /authorize/consent`: the list of requested permissions, with Accept and Deny.
pub async fn consent(State(sim): State<Sim>, Query(c): Query<ConsentParams>) -> Response {
    let world = sim.world();
    let scopes = match validate(&world, &c.authorize) {
        Ok(scopes) => scopes,
        Err(refusal) => return refusal,
    };
    let (Some(account), Some(app)) = (world.account_of_user(&c.user_id), world.app(&c.authorize.client_id)) else {
        return error_page(StatusCode::BAD_REQUEST, "Unknown user", "Choose a Lever user to sign in as.");
    };
    let items: String = scopes
        .iter()
        .map(|s| format!(r#"<li data-scope="{0}">{1}</li>"#, escape(s), escape(&describe_scope(s))))
        .collect();
    Html(format!(
        r#"<!doctype html><title>Authorize {app}</title>{PAGE_STYLE}<h1>Authorize {app}</h1>
<p><b>{app}</b> is requesting access to the Lever account <b>{acct}</b>. It will be able to:</p>
<ul class="lever-scopes">{items}</ul>
<form method="post" action="/authorize/decision">{hidden}<input type="hidden" name="user_id" value="{user}">
<button type="submit" name="decision" value="accept" id="accept">Accept</button>
<button type="submit" name="decision" value="deny" id="deny">Deny</button></form>"#,
        app = escape(&app.name),
        acct = escape(&account.name),
        hidden = hidden_fields(&c.authorize),
        user = escape(&c.user_id),
    ))
    .into_response()
}

#[derive(Debug, Deserialize)]
pub struct Decision {
    #[serde(flatten)]
    pub authorize: AuthorizeParams,
    pub user_id: String,
    pub decision: String,
}

/// `POST /authorize/decision`: back to the app with a code, or with `error=access_denied`.
pub async fn decide(State(sim): State<Sim>, Form(d): Form<Decision>) -> Response {
    let mut world = sim.world();
    let scopes = match validate(&world, &d.authorize) {
        Ok(scopes) => scopes,
        Err(refusal) => return refusal,
    };
    let p = &d.authorize;
    if d.decision != "accept" {
        return redirect_with(
            &p.redirect_uri,
            &[
                ("state", &p.state),
                ("error", "access_denied"),
                ("error_description", "user_did_not_authorize_the_request"),
            ],
        );
    }
    let Some(account) = world.account_of_user(&d.user_id).map(|a| a.id.clone()) else {
        return error_page(StatusCode::BAD_REQUEST, "Unknown user", "Choose a Lever user to sign in as.");
    };
    let code = random_token(24);
    let expires_at = world.now_ms() + CODE_LIFETIME_MS;
    world.codes.insert(
        code.clone(),
        AuthCode {
            client_id: p.client_id.clone(),
            redirect_uri: p.redirect_uri.clone(),
            user: d.user_id.clone(),
            account,
            scopes,
            expires_at,
            code_challenge: (!p.code_challenge.is_empty()).then(|| p.code_challenge.clone()),
        },
    );
    redirect_with(&p.redirect_uri, &[("code", &code), ("state", &p.state)])
}

#[derive(Debug, Default, Deserialize)]
pub struct TokenRequest {
    #[serde(default)]
    pub grant_type: String,
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
    pub code: Option<String>,
    pub redirect_uri: Option<String>,
    pub refresh_token: Option<String>,
    pub code_verifier: Option<String>,
}

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    (status, Json(json!({"error": error, "error_description": description}))).into_response()
}

/// Client credentials from the body, or from HTTP Basic (what the `oauth2` crate sends by default).
fn client_credentials(headers: &HeaderMap, req: &TokenRequest) -> Option<(String, String)> {
    if let (Some(id), Some(secret)) = (&req.client_id, &req.client_secret) {
        return Some((id.clone(), secret.clone()));
    }
    let basic = headers.get(header::AUTHORIZATION)?.to_str().ok()?.strip_prefix("Basic ")?;
    let decoded = base64::engine::general_purpose::STANDARD.decode(basic).ok()?;
    let (id, secret) = std::str::from_utf8(&decoded).ok()?.split_once(':')?;
    let unescape =
        |s: &str| url::form_urlencoded::parse(format!("x={s}").as_bytes()).next().map(|(_, v)| v.into_owned());
    Some((unescape(id)?, unescape(secret)?))
}

/// `POST /oauth/token`, with a form or a JSON body.
pub async fn token(State(sim): State<Sim>, headers: HeaderMap, body: Bytes) -> Response {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    let parsed: Result<TokenRequest, String> =
        if is_json { serde_json::from_slice(&body).map_err(|e| e.to_string()) } else { serde_urlencoded_from(&body) };
    let req = match parsed {
        Ok(req) => req,
        Err(e) => return oauth_error(StatusCode::BAD_REQUEST, "invalid_request", &e),
    };
    let mut world = sim.world();
    world.stats.token_requests += 1;
    let Some((client_id, secret)) = client_credentials(&headers, &req) else {
        return oauth_error(StatusCode::UNAUTHORIZED, "invalid_client", "client credentials are missing");
    };
    if world.app(&client_id).is_none_or(|a| a.client_secret != secret) {
        return oauth_error(StatusCode::UNAUTHORIZED, "invalid_client", "Unauthorized");
    }
    let now = world.now_ms();
    match req.grant_type.as_str() {
        "authorization_code" => {
            let Some(code) = req.code.as_deref().and_then(|c| world.codes.remove(c)) else {
                return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", "Invalid authorization code");
            };
            if code.client_id != client_id || code.expires_at < now {
                return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", "Invalid authorization code");
            }
            if req.redirect_uri.as_deref() != Some(code.redirect_uri.as_str()) {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "redirect_uri does not match the authorize request",
                );
            }
            if !pkce_matches(code.code_challenge.as_deref(), req.code_verifier.as_deref()) {
                return oauth_error(StatusCode::FORBIDDEN, "invalid_grant", "Failed to verify code verifier");
            }
            world.authorizations.push(Authorization { account: code.account.clone(), client_id, revoked: false });
            let authorization = world.authorizations.len() - 1;
            issue(&mut world, authorization, code.user, code.scopes, now)
        }
        "refresh_token" => {
            let token = req.refresh_token.unwrap_or_default();
            let Some(grant) = world.refresh_tokens.get_mut(&token) else {
                return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", "Unknown or invalid refresh token.");
            };
            let stale = now - grant.last_used_at > REFRESH_IDLE_MS || now - grant.issued_at > REFRESH_ABSOLUTE_MS;
            if grant.used || stale {
                return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", "Unknown or invalid refresh token.");
            }
            grant.used = true;
            let grant = grant.clone();
            let auth = &world.authorizations[grant.authorization];
            if auth.revoked || auth.client_id != client_id {
                return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", "Unknown or invalid refresh token.");
            }
            world.stats.refresh_grants += 1;
            issue(&mut world, grant.authorization, grant.user, grant.scopes, now)
        }
        other => oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            &format!("grant_type {other} is not supported"),
        ),
    }
}

/// PKCE: a code issued for a challenge needs the verifier that hashes to it (S256); a code
/// issued without one must not be exchanged with a verifier.
fn pkce_matches(challenge: Option<&str>, verifier: Option<&str>) -> bool {
    use sha2::Digest as _;
    match (challenge, verifier) {
        (None, None) => true,
        (Some(challenge), Some(verifier)) => {
            URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(verifier.as_bytes())) == challenge
        }
        _ => false,
    }
}

fn serde_urlencoded_from(body: &[u8]) -> Result<TokenRequest, String> {
    let mut req = TokenRequest::default();
    for (k, v) in url::form_urlencoded::parse(body) {
        let v = v.into_owned();
        match k.as_ref() {
            "grant_type" => req.grant_type = v,
            "client_id" => req.client_id = Some(v),
            "client_secret" => req.client_secret = Some(v),
            "code" => req.code = Some(v),
            "redirect_uri" => req.redirect_uri = Some(v),
            "refresh_token" => req.refresh_token = Some(v),
            "code_verifier" => req.code_verifier = Some(v),
            _ => {}
        }
    }
    Ok(req)
}

fn issue(world: &mut World, authorization: usize, user: String, scopes: Vec<String>, now: i64) -> Response {
    let auth = world.authorizations[authorization].clone();
    let jti = new_id();
    let iat = now / 1000;
    let claims = json!({
        CLAIM_USER: user, CLAIM_ACCOUNT: auth.account, CLAIM_CLIENT: auth.client_id,
        "iss": format!("{}/", world.base_url), "sub": format!("{}@clients", auth.client_id),
        "aud": world.audience(), "iat": iat, "exp": iat + ACCESS_TOKEN_SECONDS,
        "azp": auth.client_id, "scope": scopes.join(" "), "jti": jti,
    });
    let access_token = sign_jwt(&world.signing_key, &claims);
    world.access_tokens.insert(jti, authorization);
    let mut body = json!({
        "access_token": access_token, "token_type": "Bearer",
        "scope": scopes.join(" "), "expires_in": ACCESS_TOKEN_SECONDS,
    });
    if scopes.iter().any(|s| s == "offline_access") {
        let refresh = format!("v1.{}", random_token(32));
        world.refresh_tokens.insert(
            refresh.clone(),
            RefreshGrant { authorization, user, scopes, used: false, last_used_at: now, issued_at: now },
        );
        body["refresh_token"] = json!(refresh);
    }
    (StatusCode::OK, Json(body)).into_response()
}

pub fn sign_jwt(key: &[u8], claims: &Value) -> String {
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS512","typ":"JWT","v":"2.0","kid":"lever-sim"}"#);
    let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
    let signing_input = format!("{header}.{payload}");
    format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(hmac512(key, signing_input.as_bytes())))
}

fn hmac512(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut mac = Hmac::<Sha512>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

/// Checks an access token: signature, expiry, and that its authorization still stands.
pub fn verify_access_token(world: &World, token: &str) -> Option<Caller> {
    let (signing_input, signature) = token.rsplit_once('.')?;
    let expected = hmac512(&world.signing_key, signing_input.as_bytes());
    let given = URL_SAFE_NO_PAD.decode(signature).ok()?;
    if !constant_time_eq(&expected, &given) {
        return None;
    }
    let payload = signing_input.split('.').nth(1)?;
    let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()?;
    if claims["exp"].as_i64()? * 1000 <= world.now_ms() {
        return None;
    }
    let authorization = *world.access_tokens.get(claims["jti"].as_str()?)?;
    let auth = world.authorizations.get(authorization)?;
    if auth.revoked {
        return None;
    }
    Some(Caller {
        account: auth.account.clone(),
        scopes: Some(claims["scope"].as_str()?.split_whitespace().map(str::to_owned).collect()),
    })
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub fn random_token(bytes: usize) -> String {
    let raw: Vec<u8> = (0..bytes).map(|_| rand::random::<u8>()).collect();
    URL_SAFE_NO_PAD.encode(raw)
}

pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}
