//! The API's error messages speak the caller's language (`Accept-Language`), from the one Fluent
//! catalogue; without the header, or in a language it doesn't speak, English.

use crate::common::{App, spawn_app};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// `method path` with `Accept-Language: language` (none when empty): the status and the body.
pub(crate) async fn call(
    app: &App,
    session: &str,
    language: &str,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let mut req = app.http.request(method, format!("{}{path}", app.url));
    if !session.is_empty() {
        req = req.bearer_auth(session);
    }
    if !language.is_empty() {
        req = req.header("accept-language", language);
    }
    if let Some(body) = body {
        req = req.json(&body);
    }
    let res = req.send().await.expect("sent");
    (res.status(), res.json().await.expect("a JSON body"))
}

/// [`call`] for an error: the status and its message.
async fn said(
    app: &App,
    session: &str,
    language: &str,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> (StatusCode, String) {
    let (status, body) = call(app, session, language, method, path, body).await;
    (status, body["message"].as_str().unwrap_or_else(|| panic!("a message: {body}")).to_owned())
}

const FRENCH: &str = "fr-FR,fr;q=0.9";

#[tokio::test(flavor = "multi_thread")]
async fn errors_speak_the_callers_language() {
    let app = spawn_app().await;
    let session = app.connect_as("Sam Super").await;

    // The same bad request, in French and in English.
    let too_long = json!({"auto_sync": {"enabled": true, "days": 400}});
    let (status, message) = said(&app, &session, FRENCH, Method::PUT, "/api/v1/settings", Some(too_long.clone())).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(message, "La synchronisation automatique des profils remonte de 1 à 365 jours, pas 400.");
    let (status, message) = said(&app, &session, "", Method::PUT, "/api/v1/settings", Some(too_long.clone())).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(message, "Auto Full Profiles Sync looks back 1 to 365 days, not 400.");
    let (_, message) = said(&app, &session, "de-DE, fr;q=0.5", Method::PUT, "/api/v1/settings", Some(too_long)).await;
    assert!(message.starts_with("La synchronisation"), "the first language it speaks: {message}");
    let (_, message) =
        said(&app, &session, "de-DE, pt", Method::PUT, "/api/v1/settings", Some(json!({"audit_retention_days": 0})))
            .await;
    assert!(message.starts_with("The audit log keeps entries 1 to "), "none it speaks: English: {message}");

    // Refusals before any handler runs: no session, no such route.
    let (status, message) = said(&app, "", FRENCH, Method::GET, "/api/v1/me", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        message,
        "Connectez-vous d'abord : connectez Lever (Super Admins) ou utilisez une invitation dans les options de \
         l'extension."
    );
    let (status, message) = said(&app, "", "", Method::GET, "/api/v1/me", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(message, "Sign in first: connect Lever (Super Admins) or redeem an invite in the extension's options.");
    let (status, message) = said(&app, "", FRENCH, Method::GET, "/api/v1/nowhere", None).await;
    assert_eq!((status, message.as_str()), (StatusCode::NOT_FOUND, "adresse inconnue"));

    // A reason stored in English (who disconnected) is said in the caller's language.
    let (status, connection) = call(&app, &session, FRENCH, Method::DELETE, "/api/v1/lever/connection", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(connection["reason"], "Déconnecté par Sam Super dans les paramètres de l'intégration.");
    assert_eq!(
        app.status(&session).await.reason.as_deref(),
        Some("Disconnected by Sam Super in the integration settings.")
    );
    let check = json!({"candidates": [{"ref_id": "1", "name": "Ada"}]});
    let (status, message) = said(&app, &session, FRENCH, Method::POST, "/api/v1/check", Some(check.clone())).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(message, "Déconnecté par Sam Super dans les paramètres de l'intégration.");
    let (_, message) = said(&app, &session, "", Method::POST, "/api/v1/check", Some(check)).await;
    assert_eq!(message, "Disconnected by Sam Super in the integration settings.");
}

/// Over a budget, the refusal says how long to wait, with the number's plural, in the caller's
/// language (the budget's middleware runs inside the language's).
#[tokio::test(flavor = "multi_thread")]
async fn the_rate_limit_says_how_long_in_the_callers_language() {
    let app = spawn_app().await;
    let sign_in = json!({"handoff": "h_made-up", "secret": "nothing"});
    let (status, message) = said(&app, "", FRENCH, Method::POST, "/api/v1/sessions", Some(sign_in.clone())).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(message, "Ce code de connexion n'est pas valide ou a déjà été utilisé. Connectez-vous de nouveau.");
    // Calls without a session have a small budget (2 a second): a new cell every half second, so
    // the wait is always said as 1 second.
    for (language, expected) in
        [(FRENCH, "Trop de requêtes : réessayez dans 1 seconde."), ("", "Too many requests: try again in 1 second.")]
    {
        let mut refused = None;
        for _ in 0..200 {
            let (status, message) =
                said(&app, "", language, Method::POST, "/api/v1/sessions", Some(sign_in.clone())).await;
            if status == StatusCode::TOO_MANY_REQUESTS {
                refused = Some(message);
                break;
            }
        }
        assert_eq!(refused.as_deref(), Some(expected), "{language:?}");
    }
}

/// The page that ends a connect, in the Lever tab, speaks the browser's language.
#[tokio::test(flavor = "multi_thread")]
async fn the_connect_done_page_speaks_the_browsers_language() {
    let app = spawn_app().await;
    let page = |language: &'static str| {
        let req = app.http.get(format!("{}{}?outcome=denied", app.url, shared::api::CONNECT_DONE_PATH));
        async move {
            let req = if language.is_empty() { req } else { req.header("accept-language", language) };
            req.send().await.expect("sent").text().await.expect("a page")
        }
    };
    let french = page(FRENCH).await;
    assert!(french.contains("<html lang=\"fr\">"), "{french}");
    assert!(french.contains("<h1 data-outcome=\"denied\">Lever n'a pas été connecté</h1>"), "{french}");
    assert!(french.contains("l'écran de consentement a été refusé"), "{french}");
    let english = page("").await;
    assert!(english.contains("<html lang=\"en\">"), "{english}");
    assert!(english.contains("<h1 data-outcome=\"denied\">Lever was not connected</h1>"), "{english}");
    assert!(english.contains("the consent screen was declined. Nothing was connected."), "{english}");
}

#[tokio::test(flavor = "multi_thread")]
async fn why_the_last_sync_failed_is_read_in_the_readers_language() {
    let app = spawn_app().await;
    let session = app.connect_as("Sam Super").await;
    let settings = |enabled| json!({"auto_sync": {"enabled": enabled, "days": 90}});
    app.call(&session, Method::PUT, "/api/v1/settings", Some(settings(false))).await;
    app.call(&session, Method::PUT, "/api/v1/settings", Some(settings(true))).await;
    // Lever fails every retry of the sync's first call.
    let sim = &app.lever.base_url;
    let faults = json!({"fail_next": 50});
    app.http.post(format!("{sim}/_sim/faults")).json(&faults).send().await.expect("sent");
    app.call(&session, Method::POST, "/api/v1/sync", None).await;
    app.http.post(format!("{sim}/_sim/faults")).json(&json!({})).send().await.expect("sent");

    let (_, french) = call(&app, &session, FRENCH, Method::GET, "/api/v1/sync", None).await;
    let (_, english) = call(&app, &session, "", Method::GET, "/api/v1/sync", None).await;
    let why = |status: &Value| status["last_error"].as_str().unwrap_or_default().to_owned();
    assert!(why(&french).starts_with("Lever est indisponible pour le moment"), "{french}");
    assert!(why(&english).starts_with("Lever is unavailable right now"), "{english}");
}
