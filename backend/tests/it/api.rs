//! The backend over HTTP against the Lever simulator: connecting, settings, invites, sessions,
//! token refresh and revocation, and the security promises (no secret stored, logged or sent).
//!
//! Long because it is a suite: one test per promise, sharing its helpers.

use crate::common::{CONNECT_SECRET, MapBody as _, location, logs, query, spawn_app};
use lever_sim::{DEMO_ACCOUNT, DEMO_CLIENT_SECRET, OTHER_ACCOUNT};
use reqwest::StatusCode;
use serde_json::{Value, json};
use shared::api::{AuditEntry, ConnectionState, ConnectionStatus, InviteCreated, SessionGrant, Settings};

#[tokio::test(flavor = "multi_thread")]
async fn a_super_admin_connects_and_the_tokens_are_stored_sealed() {
    let app = spawn_app().await;
    let session = app.connect_as("Sam Super").await;
    let status = app.status(&session).await;
    assert_eq!(status.state, ConnectionState::Connected);
    assert_eq!(status.connected_as.expect("who").name, "Sam Super");
    let (_, me): (_, Value) = app.get(&session, "/api/v1/me").await;
    assert_eq!(me["role"], "super admin");
    let (_, settings): (_, Settings) = app.get(&session, "/api/v1/settings").await;
    assert_eq!(settings.integration_admin_id, Some(app.user_id("Sam Super")), "defaults to who connected");
    assert!(!settings.auto_sync_answered);

    // The database holds no plaintext Lever token, and nothing we sent or logged does either.
    let org = app.org_of(DEMO_ACCOUNT);
    let conn = app.state.store.connection(&org).await.expect("store").expect("connection");
    let access = app
        .state
        .sealer
        .open(conn.access_token.as_deref().expect("sealed"), &format!("{org}/access_token"))
        .expect("opens");
    let refresh = app
        .state
        .sealer
        .open(conn.refresh_token.as_deref().expect("sealed"), &format!("{org}/refresh_token"))
        .expect("opens");
    let stored = app.state.store.dump_text().await.expect("dump").join("\n");
    let sent = app.seen.lock().expect("seen").join("\n");
    let logged = String::from_utf8_lossy(&logs().lock().expect("logs")).into_owned();
    for secret in [access.as_str(), refresh.as_str(), DEMO_CLIENT_SECRET, session.as_str()] {
        assert!(!stored.contains(secret), "the store holds a secret in the clear");
        assert!(!logged.contains(secret), "a log line holds a secret");
    }
    for secret in [access.as_str(), refresh.as_str(), DEMO_CLIENT_SECRET] {
        assert!(!sent.contains(secret), "a response holds a Lever secret");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn denied_consent_a_team_member_and_a_replayed_callback_store_nothing() {
    let app = spawn_app().await;
    let denied = app.callback(&app.consent("Sam Super", "deny").await).await;
    assert!(denied.ends_with("outcome=denied"), "{denied}");

    let team = app.callback(&app.consent("Tom Team", "accept").await).await;
    assert!(team.ends_with("outcome=not_super_admin"), "{team}");
    assert_eq!(app.state.store.organisation_count().await.expect("count"), 0, "nothing stored");

    let callback = app.consent("Sam Super", "accept").await;
    let first = app.callback(&callback).await;
    assert!(first.contains("outcome=connected"));
    let replay = app.callback(&callback).await;
    assert!(replay.ends_with("outcome=expired"), "{replay}");
    let forged = app.callback(&format!("{}/api/v1/lever/callback?code=x&state=made-up", app.url)).await;
    assert!(forged.ends_with("outcome=expired"));

    let page = app.http.get(format!("{}{replay}", app.url)).send().await.expect("sent").text().await.expect("html");
    assert!(page.contains("expired or was already used"), "{page}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_handoff_code_gives_one_session_only() {
    let app = spawn_app().await;
    let done = app.callback(&app.consent("Sam Super", "accept").await).await;
    let handoff = query(&format!("{}{done}", app.url), "handoff").expect("handoff");
    let exchange = |secret: &str| {
        app.call("", reqwest::Method::POST, "/api/v1/sessions", Some(json!({"handoff": handoff, "secret": secret})))
    };
    let (stolen, _) = exchange("a secret guessed by whoever saw the URL").await;
    assert_eq!(stolen, StatusCode::NOT_FOUND, "a done URL alone is worth nothing");
    let (ok, _) = exchange(CONNECT_SECRET).await;
    assert_eq!(ok, StatusCode::OK, "and the wrong guess did not spend the code");
    let (again, body) = exchange(CONNECT_SECRET).await;
    assert_eq!(again, StatusCode::NOT_FOUND);
    assert_eq!(body["code"], "not_found");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_stolen_callback_url_connects_lever_but_signs_nobody_in() {
    let app = spawn_app().await;
    let callback = app.consent("Sam Super", "accept").await;
    // Someone else opens the callback URL first: the connect completes, bound to the secret of
    // the browser that started it, and the done page's code needs that secret.
    let thief = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client");
    let done = location(&thief.get(&callback).send().await.expect("sent"));
    let handoff = query(&format!("{}{done}", app.url), "handoff").expect("handoff");
    for secret in ["", "guess", &backend::crypto::hash(CONNECT_SECRET)] {
        let (status, _) = app
            .call("", reqwest::Method::POST, "/api/v1/sessions", Some(json!({"handoff": handoff, "secret": secret})))
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{secret:?}");
    }
    let (missing, _) = app.call("", reqwest::Method::POST, "/api/v1/lever/connect", Some(json!({}))).await;
    assert_eq!(missing, StatusCode::BAD_REQUEST, "a connect must be bound to a secret");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_done_page_is_never_cached_framed_or_sent_as_a_referrer() {
    let app = spawn_app().await;
    let done = app.callback(&app.consent("Sam Super", "accept").await).await;
    let res = app.http.get(format!("{}{done}", app.url)).send().await.expect("sent");
    let header = |name: &str| res.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    assert_eq!(header("cache-control"), "no-store");
    assert_eq!(header("referrer-policy"), "no-referrer");
    assert!(header("content-security-policy").contains("frame-ancestors 'none'"));
}

#[tokio::test(flavor = "multi_thread")]
async fn lever_sees_a_pkce_challenge_and_the_exchange_proves_it() {
    let app = spawn_app().await;
    let callback = app.consent("Sam Super", "accept").await;
    // The simulator refuses a code issued for a challenge without its verifier, so a connected
    // outcome means the backend sent the verifier that matches.
    let code = query(&callback, "code").expect("code");
    let challenge = app.lever.sim.world().codes.get(&code).and_then(|c| c.code_challenge.clone());
    assert!(challenge.is_some_and(|c| c.len() == 43), "an S256 challenge");
    assert!(app.callback(&callback).await.contains("outcome=connected"));
}

#[tokio::test(flavor = "multi_thread")]
async fn only_listed_lever_accounts_may_connect() {
    let app = crate::common::spawn_app_editing(|c| c.lever_accounts = vec!["another-account".into()]).await;
    let done = app.callback(&app.consent("Sam Super", "accept").await).await;
    assert!(done.ends_with("outcome=account_not_allowed"), "{done}");
    assert_eq!(app.state.store.organisation_count().await.expect("count"), 0, "nothing stored");
}

#[tokio::test(flavor = "multi_thread")]
async fn settings_are_checked_against_lever_and_audited() {
    let app = spawn_app().await;
    let session = app.connect_as("Sam Super").await;
    let (_, stages): (_, Vec<Value>) = app.get(&session, "/api/v1/lever/stages").await;
    let reached = stages.iter().find(|s| s["text"] == "Reached Out").expect("stage")["id"].clone();
    let ada = app.user_id("Ada Admin");
    let (status, saved): (_, Settings) = app
        .call(
            &session,
            reqwest::Method::PUT,
            "/api/v1/settings",
            Some(json!({
                "default_stage_id": reached, "integration_admin_id": ada, "auto_sync": {"enabled": true, "days": 30}
            })),
        )
        .await
        .map_body();
    assert_eq!(status, StatusCode::OK);
    assert_eq!(saved.default_stage_id.as_deref(), reached.as_str());
    assert_eq!(saved.integration_admin_id.as_deref(), Some(ada.as_str()));
    assert!(saved.auto_sync.enabled && saved.auto_sync.days == 30 && saved.auto_sync_answered);
    let (_, reread): (_, Settings) = app.get(&session, "/api/v1/settings").await;
    assert_eq!(reread, saved);

    for (body, why) in [
        (json!({"default_stage_id": "not-a-stage"}), "not one of your Lever stages"),
        (json!({"auto_sync": {"enabled": true, "days": 400}}), "1 to 365 days"),
        (json!({"integration_admin_id": app.user_id("Ian Interviewer")}), "can't create candidates"),
        (json!({"integration_admin_id": "nobody"}), "active user"),
    ] {
        let (status, err) = app.call(&session, reqwest::Method::PUT, "/api/v1/settings", Some(body)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(err["message"].as_str().expect("message").contains(why), "{err}");
    }
    let (status, err) =
        app.call(&session, reqwest::Method::PUT, "/api/v1/settings", Some(json!("not an object"))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(err["code"], "bad_request");

    let (_, trail): (_, Vec<AuditEntry>) = app.get(&session, "/api/v1/audit").await;
    let actions: Vec<&str> = trail.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(trail[0].actor.as_deref(), Some("Sam Super"));
    assert_eq!(actions, ["settings.changed", "lever.connected"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_recruiter_redeems_an_invite_reads_settings_and_cannot_change_them() {
    let app = spawn_app().await;
    let admin = app.connect_as("Sam Super").await;
    let (status, invite): (_, InviteCreated) =
        app.post(&admin, "/api/v1/invites", json!({"lever_user_id": app.user_id("Dana Recruiter")})).await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, grant): (_, SessionGrant) = app.post("", "/api/v1/invites/redeem", json!({"code": invite.code})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(grant.me.role, shared::api::Role::TeamMember);
    let dana = grant.token;
    assert_eq!(app.status(&dana).await.state, ConnectionState::Connected);
    let (status, _): (_, Settings) = app.get(&dana, "/api/v1/settings").await;
    assert_eq!(status, StatusCode::OK);
    let (status, err) = app
        .call(
            &dana,
            reqwest::Method::PUT,
            "/api/v1/settings",
            Some(json!({"auto_sync": {"enabled": false, "days": 5}})),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(err["message"].as_str().expect("m").contains("Team Member"), "{err}");

    let (again, _): (_, Value) = app.post("", "/api/v1/invites/redeem", json!({"code": invite.code})).await;
    assert_eq!(again, StatusCode::NOT_FOUND, "an invite works once");

    let (status, err): (_, Value) =
        app.post(&admin, "/api/v1/invites", json!({"lever_user_id": app.user_id("Ian Interviewer")})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(err["message"].as_str().expect("m").contains("Interviewer"));

    // Sessions: the Super Admin sees both and can end Dana's.
    let (_, sessions): (_, Vec<Value>) = app.get(&admin, "/api/v1/sessions").await;
    assert_eq!(sessions.len(), 2);
    let danas = sessions.iter().find(|s| s["person"]["name"] == "Dana Recruiter").expect("dana's")["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let (status, _) = app.call(&admin, reqwest::Method::DELETE, &format!("/api/v1/sessions/{danas}"), None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = app.call(&dana, reqwest::Method::GET, "/api/v1/me", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_invite_for_someone_who_became_an_interviewer_is_refused() {
    let app = spawn_app().await;
    let admin = app.connect_as("Sam Super").await;
    let (_, invite): (_, InviteCreated) =
        app.post(&admin, "/api/v1/invites", json!({"lever_user_id": app.user_id("Tom Team")})).await;
    app.http
        .post(format!("{}/_sim/users/{}/role", app.lever.base_url, app.user_id("Tom Team")))
        .json(&json!({"accessRole": "interviewer"}))
        .send()
        .await
        .expect("sent");
    let (status, err): (_, Value) = app.post("", "/api/v1/invites/redeem", json!({"code": invite.code})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(err["message"].as_str().expect("m").contains("Interviewer"), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn fifty_callers_at_expiry_share_one_refresh() {
    let app = spawn_app().await;
    let session = app.connect_as("Sam Super").await;
    let org = app.org_of(DEMO_ACCOUNT);
    app.state.store.set_access_expiry(&org, 0).await.expect("expire");
    let before = app.token_requests().await;
    let calls = (0..50).map(|_| app.call(&session, reqwest::Method::GET, "/api/v1/lever/connection", None));
    let answers = futures::future::join_all(calls).await;
    assert!(answers.iter().all(|(s, b)| *s == StatusCode::OK && b["state"] == "connected"), "{answers:?}");
    assert_eq!(app.token_requests().await - before, 1, "exactly one refresh");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_revocation_in_lever_shows_as_disconnected_at_the_next_call() {
    let app = spawn_app().await;
    let session = app.connect_as("Sam Super").await;
    app.http.post(format!("{}/_sim/accounts/{DEMO_ACCOUNT}/revoke", app.lever.base_url)).send().await.expect("sent");
    let status = app.status(&session).await;
    assert_eq!(status.state, ConnectionState::Disconnected);
    assert!(status.reason.expect("why").contains("revoked"));
    let (code, err) = app.call(&session, reqwest::Method::GET, "/api/v1/lever/stages", None).await;
    assert_eq!(code, StatusCode::CONFLICT);
    assert_eq!(err["code"], "lever_disconnected");

    // Reconnecting restores it; the settings survived.
    app.connect_as("Sam Super").await;
    assert_eq!(app.status(&session).await.state, ConnectionState::Connected);
}

#[tokio::test(flavor = "multi_thread")]
async fn disconnect_forgets_the_tokens_and_keeps_the_settings() {
    let app = spawn_app().await;
    let session = app.connect_as("Sam Super").await;
    app.call(
        &session,
        reqwest::Method::PUT,
        "/api/v1/settings",
        Some(json!({"auto_sync": {"enabled": true, "days": 12}})),
    )
    .await;
    let (status, after): (_, ConnectionStatus) =
        app.call(&session, reqwest::Method::DELETE, "/api/v1/lever/connection", None).await.map_body();
    assert_eq!(status, StatusCode::OK);
    assert_eq!(after.state, ConnectionState::Disconnected);
    let conn = app.state.store.connection(&app.org_of(DEMO_ACCOUNT)).await.expect("store").expect("row");
    assert!(conn.access_token.is_none() && conn.refresh_token.is_none());
    let (_, settings): (_, Settings) = app.get(&session, "/api/v1/settings").await;
    assert_eq!(settings.auto_sync.days, 12);
}

/// Every route, as nobody, as an expired session and as another organisation's Super Admin.
#[tokio::test(flavor = "multi_thread")]
async fn every_route_refuses_anonymous_expired_and_foreign_sessions() {
    // Sixty calls without a session in a row: not what the anonymous budget is tested with.
    let app = crate::common::spawn_app_editing(|c| c.rate_limit_anonymous_per_sec = 0).await;
    let acme = app.connect_as("Sam Super").await;
    let (_, invite): (_, InviteCreated) =
        app.post(&acme, "/api/v1/invites", json!({"lever_user_id": app.user_id("Dana Recruiter")})).await;
    let globex = app.connect_as("Gina Globex").await;
    let (_, sessions): (_, Vec<Value>) = app.get(&acme, "/api/v1/sessions").await;
    let acme_session = sessions[0]["id"].as_str().expect("id").to_owned();

    use reqwest::Method as M;
    let routes: Vec<(M, String, Option<Value>)> = vec![
        (M::GET, "/api/v1/me".into(), None),
        (M::GET, "/api/v1/lever/connection".into(), None),
        (M::DELETE, "/api/v1/lever/connection".into(), None),
        (M::GET, "/api/v1/settings".into(), None),
        (M::PUT, "/api/v1/settings".into(), Some(json!({"auto_sync": {"enabled": true, "days": 3}}))),
        (M::GET, "/api/v1/lever/stages".into(), None),
        (M::GET, "/api/v1/lever/postings".into(), None),
        (M::GET, "/api/v1/lever/users".into(), None),
        (M::GET, "/api/v1/invites".into(), None),
        (M::POST, "/api/v1/invites".into(), Some(json!({"lever_user_id": "x"}))),
        (M::DELETE, format!("/api/v1/invites/{}", invite.invite.id), None),
        (M::GET, "/api/v1/sessions".into(), None),
        (M::DELETE, format!("/api/v1/sessions/{acme_session}"), None),
        (M::POST, "/api/v1/logout".into(), None),
        (M::POST, "/api/v1/check".into(), Some(json!({"candidates": []}))),
        (M::GET, "/api/v1/sync".into(), None),
        (M::POST, "/api/v1/sync".into(), None),
        (M::GET, "/api/v1/adapters".into(), None),
        (M::PUT, "/api/v1/adapters".into(), Some(json!({"config": null}))),
        (M::GET, "/api/v1/adapters/reports".into(), None),
        (
            M::POST,
            "/api/v1/adapters/reports".into(),
            Some(json!({"page": "projects", "path": "/x", "adapter_version": 1})),
        ),
    ];
    // A real session of Acme's Super Admin, past its expiry.
    let member = app.state.store.session(&backend::crypto::hash(&acme)).await.expect("store").expect("live").1;
    let expired = "pbl_expired-session-token";
    app.state.store.create_session(&backend::crypto::hash(expired), &member.id, 1).await.expect("stored");
    for (method, path, body) in &routes {
        for token in ["", expired] {
            let (status, err) = app.call(token, method.clone(), path, body.clone()).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{method} {path} with {token:?}");
            assert_eq!(err["code"], "unauthenticated");
        }
    }
    // Globex's Super Admin reaches only Globex: Acme's invite and session ids are not theirs.
    let (status, _) = app.call(&globex, M::DELETE, &format!("/api/v1/invites/{}", invite.invite.id), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = app.call(&globex, M::DELETE, &format!("/api/v1/sessions/{acme_session}"), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, invites): (_, Vec<Value>) = app.get(&globex, "/api/v1/invites").await;
    assert!(invites.is_empty());
    let (_, stages): (_, Vec<Value>) = app.get(&globex, "/api/v1/lever/stages").await;
    let (_, acme_stages): (_, Vec<Value>) = app.get(&acme, "/api/v1/lever/stages").await;
    assert_ne!(stages, acme_stages, "each organisation sees its own Lever");
    let (_, me): (_, Value) = app.get(&globex, "/api/v1/me").await;
    assert_eq!(me["lever_account_id"], OTHER_ACCOUNT);
    // Acme's session still works: nobody from Globex ended it.
    assert_eq!(app.call(&acme, M::GET, "/api/v1/me", None).await.0, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread")]
async fn malformed_requests_get_one_error_shape() {
    let app = spawn_app().await;
    let res = app
        .http
        .post(format!("{}/api/v1/invites/redeem", app.url))
        .header("content-type", "application/json")
        .body("{\"code\":")
        .send()
        .await
        .expect("sent");
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let body: Value = res.json().await.expect("json");
    assert_eq!(body["code"], "bad_request");
    let huge = "x".repeat(3 * 1024 * 1024);
    // Its own connection: the server drops it without reading the whole body.
    let res = reqwest::Client::new()
        .post(format!("{}/api/v1/invites/redeem", app.url))
        .json(&json!({"code": huge}))
        .send()
        .await
        .expect("sent");
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let res = app.http.get(format!("{}/api/v1/nope", app.url)).send().await.expect("sent");
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(res.json::<Value>().await.expect("json")["code"], "not_found");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_lever_error_during_connect_ends_on_a_clear_page_and_stores_nothing() {
    let app = spawn_app().await;
    let callback = app.consent("Sam Super", "accept").await;
    // Lever fails the user lookup that checks the Super Admin role.
    app.http
        .post(format!("{}/_sim/faults", app.lever.base_url))
        .json(&json!({"fail_next": 1}))
        .send()
        .await
        .expect("sent");
    let done = app.callback(&callback).await;
    assert!(done.ends_with("outcome=lever_error"), "{done}");
    assert_eq!(app.state.store.organisation_count().await.expect("count"), 0);
    let page = app.http.get(format!("{}{done}", app.url)).send().await.expect("sent").text().await.expect("html");
    assert!(page.contains("Lever did not complete the connection"), "{page}");
}

#[tokio::test(flavor = "multi_thread")]
async fn cors_admits_only_the_configured_extension() {
    let app = spawn_app().await;
    let preflight = |origin: &'static str| {
        app.http
            .request(reqwest::Method::OPTIONS, format!("{}/api/v1/me", app.url))
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "GET")
            .header("Access-Control-Request-Headers", "authorization")
            .send()
    };
    let ours = preflight("chrome-extension://oddnnifmnhiieaphphedohbdamcalofc").await.expect("sent");
    assert_eq!(
        ours.headers().get("access-control-allow-origin").and_then(|v| v.to_str().ok()),
        Some("chrome-extension://oddnnifmnhiieaphphedohbdamcalofc")
    );
    let theirs = preflight("https://evil.example").await.expect("sent");
    assert!(theirs.headers().get("access-control-allow-origin").is_none());
}

#[tokio::test(flavor = "multi_thread")]
async fn the_extensions_preflights_are_kept_two_hours_not_five_seconds() {
    // Without host permission for the backend, every check after 5 s idle would cost the
    // browser a preflight round trip first.
    let app = spawn_app().await;
    let preflight = app
        .http
        .request(reqwest::Method::OPTIONS, format!("{}/api/v1/check", app.url))
        .header("Origin", "chrome-extension://oddnnifmnhiieaphphedohbdamcalofc")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "authorization, content-type")
        .send()
        .await
        .expect("sent");
    assert_eq!(preflight.headers().get("access-control-max-age").and_then(|v| v.to_str().ok()), Some("7200"));
}

#[tokio::test(flavor = "multi_thread")]
async fn only_super_admins_replace_page_adapters_and_a_broken_set_is_refused() {
    let app = spawn_app().await;
    let admin = app.connect_as("Sam Super").await;
    let (_, invite): (_, InviteCreated) =
        app.post(&admin, "/api/v1/invites", json!({"lever_user_id": app.user_id("Dana Recruiter")})).await;
    let (_, grant): (_, SessionGrant) = app.post("", "/api/v1/invites/redeem", json!({"code": invite.code})).await;
    let set = serde_json::to_value(shared::adapter::AdapterSet::built_in()).expect("json");
    let (status, _) =
        app.call(&grant.token, reqwest::Method::PUT, "/api/v1/adapters", Some(json!({"config": set}))).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app.call(&admin, reqwest::Method::PUT, "/api/v1/adapters", Some(json!({"config": set}))).await;
    assert_eq!(status, StatusCode::OK);
    let (_, read): (_, Value) = app.get(&grant.token, "/api/v1/adapters").await;
    assert_eq!(read["config"]["version"], 1, "every member reads the override");
    let broken = json!({"config": {"version": 2, "pages": []}});
    let (status, err) = app.call(&admin, reqwest::Method::PUT, "/api/v1/adapters", Some(broken)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(err["message"].as_str().expect("m").contains("Sourcing Lab"));

    let report = json!({"page": "sourcing_lab", "path": "/app/sourcing-lab", "adapter_version": 1});
    for _ in 0..3 {
        let (status, _) =
            app.call(&grant.token, reqwest::Method::POST, "/api/v1/adapters/reports", Some(report.clone())).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
    }
    let (_, reports): (_, Vec<Value>) = app.get(&admin, "/api/v1/adapters/reports").await;
    assert_eq!(reports.len(), 1, "repeats within the hour count once");
    assert_eq!(reports[0]["reported_by"], "Dana Recruiter");
}

#[tokio::test(flavor = "multi_thread")]
async fn anonymous_floods_are_refused_with_retry_after_and_store_little() {
    let app = spawn_app().await;
    let sam = app.connect_as("Sam Super").await;
    let body = json!({"secret_hash": backend::crypto::hash(CONNECT_SECRET)});
    let calls = (0..100).map(|_| app.http.post(format!("{}/api/v1/lever/connect", app.url)).json(&body).send());
    let answers = futures::future::join_all(calls).await;
    let refused: Vec<_> = answers
        .iter()
        .map(|r| r.as_ref().expect("sent"))
        .filter(|r| r.status() == StatusCode::TOO_MANY_REQUESTS)
        .collect();
    assert!(refused.len() >= 60, "a burst of 20 (2 a second for 10 s), then 429s: {} refused", refused.len());
    let wait: u64 = refused[0].headers()["retry-after"].to_str().expect("ascii").parse().expect("seconds");
    assert!((1..=10).contains(&wait), "Retry-After: {wait}");
    // A made-up token buys no fresh budget for signing in.
    let faked = app
        .http
        .post(format!("{}/api/v1/lever/connect", app.url))
        .bearer_auth("pbl_made-up")
        .json(&body)
        .send()
        .await
        .expect("sent");
    assert_eq!(faked.status(), StatusCode::TOO_MANY_REQUESTS);
    // A signed-in member is not held up by the flood.
    assert_eq!(app.call(&sam, reqwest::Method::GET, "/api/v1/me", None).await.0, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_session_over_its_budget_waits_and_other_sessions_do_not() {
    let app = crate::common::spawn_app_editing(|c| c.rate_limit_session_per_sec = 1).await;
    let sam = app.connect_as("Sam Super").await;
    let calls = (0..30).map(|_| app.call(&sam, reqwest::Method::GET, "/api/v1/me", None));
    let answers = futures::future::join_all(calls).await;
    let refused = answers.iter().filter(|(s, _)| *s == StatusCode::TOO_MANY_REQUESTS).count();
    assert_eq!(refused, 20, "a burst of 10, then one a second");
    let (_, err) = answers.iter().find(|(s, _)| *s == StatusCode::TOO_MANY_REQUESTS).expect("a refusal");
    assert_eq!(err["code"], "rate_limited");
    let other = app.connect_as("Sam Super").await;
    assert_eq!(app.call(&other, reqwest::Method::GET, "/api/v1/me", None).await.0, StatusCode::OK);
}
