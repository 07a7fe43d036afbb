//! Running org-wide: exports pause (never fail, never get lost) while Lever is revoked or the
//! integration admin can't act, and resume once that is mended; people follow their Lever role
//! at each sync; every exported candidate is audited; progress streams as server-sent events;
//! one rate budget per account however many backends share the database.
//!
//! Long because it is a suite: one test per organisation-wide promise, sharing its helpers.

use std::time::{Duration, Instant};

use crate::common::{App, spawn_app};
use backend::lever::budget::RateBudget;
use lever_sim::DEMO_ACCOUNT;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use shared::api::{Person, Role};

fn people(n: usize, tag: &str) -> Vec<Value> {
    (0..n)
        .map(|i| json!({"ref_id": format!("{tag}{i}"), "name": format!("{tag} Person {i}"), "emails": [format!("{tag}.{i}@example.com")]}))
        .collect()
}

async fn export(app: &App, session: &str, name: &str, candidates: Vec<Value>) -> String {
    let body = json!({"name": name, "fields": ["name", "emails"], "candidates": candidates});
    let (status, created) = app.call(session, Method::POST, "/api/v1/exports", Some(body)).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    created["id"].as_str().expect("a task id").to_owned()
}

async fn task(app: &App, session: &str, id: &str) -> Value {
    app.call(session, Method::GET, &format!("/api/v1/exports/{id}"), None).await.1
}

/// Polls the task until `done` holds (or fails after 30 s).
async fn until(app: &App, session: &str, id: &str, what: &str, done: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let t = task(app, session, id).await;
        if done(&t) {
            return t;
        }
        assert!(Instant::now() < deadline, "{what}: {t}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn sourced(app: &App) -> usize {
    let world = app.lever.sim.world();
    world
        .account(DEMO_ACCOUNT)
        .expect("account")
        .opportunities
        .iter()
        .filter(|o| o.sources.iter().any(|s| s == "ProvenBase"))
        .count()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_revocation_pauses_exports_without_a_retry_storm_and_reconnecting_resumes_them() {
    let app = spawn_app().await;
    let sam = app.connect_as("Sam Super").await;
    app.sim("/faults", json!({"latency_ms": 40})).await;
    let id = export(&app, &sam, "Paused by a revocation", people(40, "rev")).await;
    until(&app, &sam, &id, "some exported", |t| t["counts"]["exported"].as_u64() >= Some(5)).await;

    app.sim(&format!("/accounts/{DEMO_ACCOUNT}/revoke"), json!({})).await;
    let paused = until(&app, &sam, &id, "paused", |t| t["paused"].is_string()).await;
    assert!(paused["paused"].as_str().expect("why").contains("Lever is disconnected"), "{paused}");
    tokio::time::sleep(Duration::from_millis(300)).await; // a candidate in flight settles
    let calls_then = app.lever.sim.world().stats.api_requests;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let paused = task(&app, &sam, &id).await;
    assert_eq!(app.lever.sim.world().stats.api_requests, calls_then, "no calls to Lever while disconnected");
    assert_eq!(paused["counts"]["failed"], 0, "{paused}");
    let (exported, queued) = (paused["counts"]["exported"].as_u64(), paused["counts"]["queued"].as_u64());
    assert_eq!(exported.zip(queued).map(|(e, q)| e + q), Some(40), "nothing lost: {paused}");
    assert!(queued > Some(0), "revoked before the end: {paused}");

    let sam = app.connect_as("Sam Super").await;
    let done = until(&app, &sam, &id, "resumed", |t| t["counts"]["exported"] == 40).await;
    assert!(done["paused"].is_null(), "{done}");
    assert_eq!(sourced(&app), 40, "every candidate exactly once");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_candidate_stored_unreadable_fails_alone_and_the_queue_goes_on() {
    let app = spawn_app().await;
    let sam = app.connect_as("Sam Super").await;
    let ada = app.user_id("Ada Admin");
    app.call(&sam, Method::PUT, "/api/v1/settings", Some(json!({"integration_admin_id": ada}))).await;
    app.sim(&format!("/users/{ada}/deactivate"), json!({})).await;
    let id = export(&app, &sam, "One row broken", people(3, "bad")).await;
    until(&app, &sam, &id, "paused", |t| t["paused"].is_string()).await;
    app.state.store.overwrite_export_candidate(&id, 1, "{\"name\": 42").await.expect("overwritten");

    let sam_id = app.user_id("Sam Super");
    app.call(&sam, Method::PUT, "/api/v1/settings", Some(json!({"integration_admin_id": sam_id}))).await;
    let done = until(&app, &sam, &id, "settled", |t| t["counts"]["queued"] == 0 && t["counts"]["exporting"] == 0).await;
    assert_eq!((done["counts"]["exported"].as_u64(), done["counts"]["failed"].as_u64()), (Some(2), Some(1)), "{done}");
    let failed = done["items"].as_array().expect("items").iter().find(|i| i["state"] == "failed").expect("one failed");
    assert_eq!(
        failed["reason"], "This candidate's stored details could not be read; export them again from ProvenBase.",
        "said in the caller's language (English here): {failed}"
    );
    assert_eq!(sourced(&app), 2, "its neighbours went to Lever");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_deactivated_integration_admin_pauses_exports_until_a_super_admin_picks_another() {
    let app = spawn_app().await;
    let sam = app.connect_as("Sam Super").await;
    let ada = app.user_id("Ada Admin");
    let (status, _) = app.call(&sam, Method::PUT, "/api/v1/settings", Some(json!({"integration_admin_id": ada}))).await;
    assert_eq!(status, StatusCode::OK);
    app.sim(&format!("/users/{ada}/deactivate"), json!({})).await;

    let id = export(&app, &sam, "As Ada", people(3, "ada")).await;
    let paused = until(&app, &sam, &id, "paused", |t| t["paused"].is_string()).await;
    let why = paused["paused"].as_str().expect("why");
    assert!(why.contains("Ada Admin") && why.contains("deactivated"), "{why}");
    assert!(why.contains("choose another integration Lever admin"), "tells the Super Admin what to change: {why}");
    assert_eq!(paused["counts"]["failed"], 0);
    let (_, settings) = app.call(&sam, Method::GET, "/api/v1/settings", None).await;
    assert_eq!(settings["exports_blocked"], json!(why), "the options page shows it too");
    let (_, french) = crate::languages::call(&app, &sam, "fr", Method::GET, "/api/v1/settings", None).await;
    let pourquoi = french["exports_blocked"].as_str().unwrap_or_default();
    assert!(pourquoi.contains("(Ada Admin) est désactivé dans Lever"), "stored, said in French: {pourquoi}");

    let sam_id = app.user_id("Sam Super");
    let (status, _) =
        app.call(&sam, Method::PUT, "/api/v1/settings", Some(json!({"integration_admin_id": sam_id}))).await;
    assert_eq!(status, StatusCode::OK);
    let done = until(&app, &sam, &id, "resumed", |t| t["counts"]["exported"] == 3).await;
    assert!(done["paused"].is_null(), "{done}");
    assert_eq!(sourced(&app), 3);
}

#[tokio::test(flavor = "multi_thread")]
async fn role_changes_and_deactivations_in_lever_take_effect_at_the_next_sync() {
    let app = spawn_app().await;
    let sam = app.connect_as("Sam Super").await;
    let org = app.org_of(DEMO_ACCOUNT);
    let mut tokens = Vec::new();
    for name in ["Tom Team", "Dana Recruiter"] {
        let person = Person { lever_user_id: app.user_id(name), name: name.into(), email: format!("{name}@acme.test") };
        let member = app.state.store.upsert_member(&org, &person, Role::TeamMember).await.expect("member");
        tokens.push(backend::auth::start_session(&app.state, &member).await.expect("session"));
    }
    let (tom, dana) = (&tokens[0], &tokens[1]);
    assert_eq!(app.call(tom, Method::GET, "/api/v1/exports", None).await.0, StatusCode::OK);

    app.sim(&format!("/users/{}/role", app.user_id("Tom Team")), json!({"accessRole": "interviewer"})).await;
    app.sim(&format!("/users/{}/deactivate", app.user_id("Dana Recruiter")), json!({})).await;
    assert_eq!(app.call(tom, Method::GET, "/api/v1/exports", None).await.0, StatusCode::OK, "until the next sync");

    let (status, _) = app.call(&sam, Method::POST, "/api/v1/sync", None).await;
    assert_eq!(status, StatusCode::OK);
    let (status, err) = app.call(tom, Method::GET, "/api/v1/exports", None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(err["message"].as_str().expect("why").contains("Interviewer"), "{err}");
    assert_eq!(app.call(dana, Method::GET, "/api/v1/me", None).await.0, StatusCode::UNAUTHORIZED, "sessions ended");

    app.sim(&format!("/users/{}/role", app.user_id("Tom Team")), json!({"accessRole": "limited team member"})).await;
    app.call(&sam, Method::POST, "/api/v1/sync", None).await;
    let (_, me) = app.call(tom, Method::GET, "/api/v1/me", None).await;
    assert_eq!(me["role"], "limited team member");

    let (_, audit) = app.call(&sam, Method::GET, "/api/v1/audit", None).await;
    let actions: Vec<&str> = audit.as_array().expect("list").iter().filter_map(|e| e["action"].as_str()).collect();
    assert!(actions.contains(&"member.deactivated") && actions.contains(&"member.role_changed"), "{actions:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn export_progress_streams_as_server_sent_events() {
    let app = spawn_app().await;
    let sam = app.connect_as("Sam Super").await;
    let mut stream = app.http.get(format!("{}/api/v1/events", app.url)).bearer_auth(&sam).send().await.expect("sent");
    assert_eq!(stream.status(), StatusCode::OK);
    assert_eq!(stream.headers()["content-type"], "text/event-stream");
    let id = export(&app, &sam, "Streamed", people(3, "sse")).await;

    let mut seen = String::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    let finished = loop {
        let chunk = tokio::time::timeout_at(deadline.into(), stream.chunk()).await.expect("progress in time");
        seen.push_str(&String::from_utf8_lossy(&chunk.expect("stream").expect("open")));
        let last = seen.rsplit("event: tasks\ndata: ").next().and_then(|d| d.split("\n\n").next()).unwrap_or_default();
        let tasks: Value = serde_json::from_str(last).unwrap_or(Value::Null);
        if tasks[0]["id"] == json!(id) && tasks[0]["counts"]["exported"] == 3 {
            break tasks;
        }
    };
    assert_eq!(finished[0]["name"], "Streamed");
    assert!(seen.starts_with("event: ready\ndata: "), "the badges' fingerprint first: {seen}");
    assert!(seen.contains("event: tasks\ndata: []"), "the list at once, then each change: {seen}");
}

#[tokio::test(flavor = "multi_thread")]
async fn every_exported_candidate_is_audited_and_old_entries_expire() {
    let app = spawn_app().await;
    let sam = app.connect_as("Sam Super").await;
    let (stage, stage_name) = {
        let world = app.lever.sim.world();
        let s = &world.account(DEMO_ACCOUNT).expect("acct").stages[1];
        (s.id.clone(), s.text.clone())
    };
    let body = json!({"name": "Audited", "fields": ["name"], "stage_id": stage, "candidates": people(2, "aud")});
    let (_, created) = app.call(&sam, Method::POST, "/api/v1/exports", Some(body)).await;
    let id = created["id"].as_str().expect("id").to_owned();
    until(&app, &sam, &id, "exported", |t| t["counts"]["exported"] == 2).await;

    let (_, audit) = app.call(&sam, Method::GET, "/api/v1/audit", None).await;
    let exports: Vec<&Value> =
        audit.as_array().expect("list").iter().filter(|e| e["action"] == "export.candidate").collect();
    assert_eq!(exports.len(), 2, "{audit}");
    for e in &exports {
        assert_eq!(e["actor"], "Sam Super");
        assert_eq!(e["detail"]["by"], "Sam Super");
        assert_eq!(e["detail"]["stage"], json!(stage_name), "named as it was");
        assert_eq!(e["detail"]["stage_id"], json!(stage));
        assert_eq!(e["detail"]["outcome"], "exported");
        assert!(e["detail"]["whom"].as_str().is_some_and(|w| w.starts_with("aud Person")));
        assert!(e["at"].as_i64().is_some_and(|at| at > 0));
    }

    let (status, err) = app.call(&sam, Method::PUT, "/api/v1/settings", Some(json!({"audit_retention_days": 0}))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{err}");
    let (status, _) = app.call(&sam, Method::PUT, "/api/v1/settings", Some(json!({"audit_retention_days": 30}))).await;
    assert_eq!(status, StatusCode::OK);
    // Age the export entries by 31 days, as if a month had passed.
    let pool = sqlx::AnyPool::connect(&app.state.config.database_url).await.expect("database");
    sqlx::query("UPDATE audit_log SET at = at - 2678400000 WHERE action = 'export.candidate'")
        .execute(&pool)
        .await
        .expect("aged");
    assert_eq!(app.state.store.purge_audit().await.expect("swept"), 2);
    let (_, audit) = app.call(&sam, Method::GET, "/api/v1/audit", None).await;
    let actions: Vec<&str> = audit.as_array().expect("list").iter().filter_map(|e| e["action"].as_str()).collect();
    assert!(!actions.contains(&"export.candidate") && actions.contains(&"lever.connected"), "{actions:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn two_backends_on_one_database_share_one_rate_budget() {
    let app = spawn_app().await;
    let url = &app.state.config.database_url;
    let (a, b) =
        (backend::store::Store::connect(url).await.expect("a"), backend::store::Store::connect(url).await.expect("b"));
    let metrics = backend::metrics::Metrics::default;
    let (a, b) = (RateBudget::shared(a, metrics()), RateBudget::shared(b, metrics()));
    let started = Instant::now();
    let calls = (0..40).map(|i| {
        let budget = if i % 2 == 0 { &a } else { &b };
        async move { budget.until_ready("org-1").await.expect("a slot") }
    });
    futures::future::join_all(calls).await;
    let elapsed = started.elapsed();
    // A burst of 18 (Lever's 20 less a margin for jitter), then 10 a second: the other 22 need
    // 2.2 s, whichever backend asks.
    assert!(elapsed >= Duration::from_millis(2_100), "40 slots in {elapsed:?}: the budget was not shared");
    assert!(elapsed < Duration::from_millis(3_500), "40 slots in {elapsed:?}: slower than the budget");
    // Another account has its own budget.
    let started = Instant::now();
    for _ in 0..18 {
        a.until_ready("org-2").await.expect("a slot");
    }
    assert!(started.elapsed() < Duration::from_millis(500), "a fresh account's burst is immediate");
}

#[tokio::test(flavor = "multi_thread")]
async fn two_workers_on_one_database_never_export_a_candidate_twice() {
    let app = spawn_app().await;
    let sam = app.connect_as("Sam Super").await;
    let second = backend::AppState::new((*app.state.config).clone()).await.expect("a second backend");
    let _worker = backend::export::spawn_worker(second);
    app.sim("/faults", json!({"latency_ms": 20})).await;
    let id = export(&app, &sam, "Two workers", people(40, "pair")).await;
    until(&app, &sam, &id, "exported", |t| t["counts"]["exported"] == 40).await;
    assert_eq!(sourced(&app), 40, "each candidate exactly once");
}

#[tokio::test(flavor = "multi_thread")]
async fn one_replica_at_a_time_holds_an_organisations_sync() {
    let app = spawn_app().await;
    let store = &app.state.store;
    assert!(store.take_lease("sync:o", "replica-a", 60_000).await.expect("lease"));
    assert!(!store.take_lease("sync:o", "replica-b", 60_000).await.expect("lease"), "held by a");
    assert!(store.take_lease("sync:o", "replica-a", 60_000).await.expect("lease"), "a renews its own");
    store.release_lease("sync:o", "replica-a").await.expect("released");
    assert!(store.take_lease("sync:o", "replica-b", -1).await.expect("lease"), "free once released");
    assert!(store.take_lease("sync:o", "replica-c", 60_000).await.expect("lease"), "an expired lease is taken over");
}

/// A backend on the test's database whose key is `[1; 32]`, the test's key now its previous one.
async fn with_a_rotated_key(app: &App) -> backend::AppState {
    let mut config = (*app.state.config).clone();
    config.previous_encryption_keys = vec![config.encryption_key.clone()];
    config.encryption_key = "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=".parse().expect("key");
    backend::AppState::new(config).await.expect("a backend with the new key")
}

/// Another backend process on the test's database, serving HTTP; its URL.
async fn replica(app: &App) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("port");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let state = backend::AppState::new((*app.state.config).clone()).await.expect("a replica");
    tokio::spawn(async move { backend::serve(listener, state, std::future::pending()).await.ok() });
    url
}

#[tokio::test(flavor = "multi_thread")]
async fn three_replicas_at_expiry_make_one_refresh_and_stay_connected() {
    let app = spawn_app().await;
    let sam = app.connect_as("Sam Super").await;
    let org = app.org_of(DEMO_ACCOUNT);
    let replicas = [app.url.clone(), replica(&app).await, replica(&app).await];
    for run in 0..5 {
        app.state.store.set_access_expiry(&org, 0).await.expect("expired");
        let before = app.lever.sim.world().stats.refresh_grants;
        let calls = (0..60).map(|i| {
            let url = format!("{}/api/v1/lever/connection", replicas[i % 3]);
            let call = app.http.get(url).bearer_auth(&sam).send();
            async move { call.await.expect("sent").json::<Value>().await.expect("json") }
        });
        let answers = futures::future::join_all(calls).await;
        assert!(answers.iter().all(|a| a["state"] == "connected"), "run {run}: {answers:?}");
        assert_eq!(app.lever.sim.world().stats.refresh_grants - before, 1, "run {run}: one refresh for all three");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_caller_waits_for_another_replicas_refresh_instead_of_refreshing_again() {
    let app = spawn_app().await;
    let sam = app.connect_as("Sam Super").await;
    let org = app.org_of(DEMO_ACCOUNT);
    app.state.store.set_access_expiry(&org, 0).await.expect("expired");
    // Another replica holds the refresh lease, mid-refresh.
    assert!(app.state.store.take_lease(&format!("refresh:{org}"), "other-replica", 30_000).await.expect("lease"));
    let waiting = tokio::spawn({
        let (http, url, sam) = (app.http.clone(), app.url.clone(), sam.clone());
        async move { http.get(format!("{url}/api/v1/lever/connection")).bearer_auth(sam).send().await }
    });
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(!waiting.is_finished(), "the caller waits for the lease holder");
    assert_eq!(app.lever.sim.world().stats.refresh_grants, 0, "and does not refresh itself");
    // The other replica finishes: it stores the rotated tokens and lets go.
    let conn = app.state.store.connection(&org).await.expect("store").expect("row");
    let refresh =
        app.state.sealer.open(&conn.refresh_token.expect("sealed"), &format!("{org}/refresh_token")).expect("opens");
    let fresh = app.state.lever.oauth.refresh(&refresh).await.expect("refreshed");
    app.state.store.update_tokens(&org, &backend::lever::tokens::seal(&app.state, &org, &fresh)).await.expect("stored");
    app.state.store.release_lease(&format!("refresh:{org}"), "other-replica").await.expect("released");
    let answer: Value = waiting.await.expect("joined").expect("sent").json().await.expect("json");
    assert_eq!(answer["state"], "connected");
    assert_eq!(app.lever.sim.world().stats.refresh_grants, 1, "the other replica's refresh served both");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refused_refresh_disconnects_only_if_nobody_rotated_the_token_meanwhile() {
    let app = spawn_app().await;
    app.connect_as("Sam Super").await;
    let org = app.org_of(DEMO_ACCOUNT);
    let sent = app.state.store.connection(&org).await.expect("store").expect("row").refresh_token.expect("sealed");
    // Another replica rotated it after we sent ours: Lever's invalid_grant is not a revocation.
    let rotated = backend::store::SealedTokens {
        access_token: "sealed-access".into(),
        refresh_token: Some("sealed-rotated".into()),
        access_expires_at: 0,
    };
    app.state.store.update_tokens(&org, &rotated).await.expect("stored");
    assert!(!app.state.store.disconnect_if_refresh_token(&org, &sent, "revoked").await.expect("cas"));
    assert_eq!(
        app.state.store.connection(&org).await.expect("store").expect("row").state,
        shared::api::ConnectionState::Connected
    );
    // Still the one we sent: Lever really refused us.
    assert!(app.state.store.disconnect_if_refresh_token(&org, "sealed-rotated", "revoked").await.expect("cas"));
    assert_eq!(
        app.state.store.connection(&org).await.expect("store").expect("row").state,
        shared::api::ConnectionState::Disconnected
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn rotating_the_encryption_key_keeps_everyone_connected_and_reseals_tokens() {
    let app = spawn_app().await;
    let sam = app.connect_as("Sam Super").await;
    let org = app.org_of(DEMO_ACCOUNT);
    let old = app.state.store.connection(&org).await.expect("store").expect("row");
    let rotated = with_a_rotated_key(&app).await;
    let token = backend::lever::tokens::access_token(&rotated, &org).await.expect("the old seal still opens");
    assert!(!token.is_empty());
    let now = rotated.store.connection(&org).await.expect("store").expect("row");
    assert_ne!(now.access_token, old.access_token, "re-sealed on use");
    let only_new = backend::crypto::Sealer::new(&[1; 32]);
    assert!(only_new.open(now.access_token.as_deref().expect("sealed"), &format!("{org}/access_token")).is_ok());
    assert_eq!(app.status(&sam).await.state, shared::api::ConnectionState::Connected);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failed_profile_pass_still_follows_role_changes_in_lever() {
    let app = spawn_app().await;
    let sam = app.connect_as("Sam Super").await;
    let org = app.org_of(DEMO_ACCOUNT);
    let person =
        Person { lever_user_id: app.user_id("Tom Team"), name: "Tom Team".into(), email: "tom@acme.test".into() };
    let member = app.state.store.upsert_member(&org, &person, Role::TeamMember).await.expect("member");
    let tom = backend::auth::start_session(&app.state, &member).await.expect("session");
    app.call(&sam, Method::PUT, "/api/v1/settings", Some(json!({"auto_sync": {"enabled": true, "days": 30}}))).await;
    assert_eq!(app.call(&sam, Method::POST, "/api/v1/sync", None).await.0, StatusCode::OK);

    app.sim(&format!("/users/{}/role", app.user_id("Tom Team")), json!({"accessRole": "interviewer"})).await;
    // Lever refuses the profile pass's first request (a 400 is not retried): that pass fails…
    app.sim("/faults", json!({"fail_next": 1, "fail_status": 400})).await;
    let (status, _) = app.call(&sam, Method::POST, "/api/v1/sync", None).await;
    assert!(!status.is_success(), "the profile pass failed: {status}");
    let (_, sync) = app.call(&sam, Method::GET, "/api/v1/sync", None).await;
    assert!(sync["last_error"].is_string(), "and says so: {sync}");
    // …and the people pass ran all the same.
    let (status, err) = app.call(&tom, Method::GET, "/api/v1/exports", None).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_webhook_token_sealed_with_a_previous_key_still_verifies_and_is_sealed_again() {
    let app = spawn_app().await;
    let sam = app.connect_as("Sam Super").await;
    let org = app.org_of(DEMO_ACCOUNT);
    app.call(&sam, Method::PUT, "/api/v1/settings", Some(json!({"webhook_token": "lever-signing-token"}))).await;
    let old = app.state.store.webhook_token(&org).await.expect("store").expect("sealed");
    let rotated = with_a_rotated_key(&app).await;
    let now = lever_sim::World::new(String::new()).now_ms();
    let body = json!({
        "event": "applicationCreated", "triggeredAt": now, "token": "t-1",
        "signature": lever_sim::webhooks::signature("lever-signing-token", "t-1", now), "data": {}
    });
    assert_eq!(backend::sync::webhooks::handle(&rotated, &org, body).await.expect("verified"), "ignored");
    let resealed = rotated.store.webhook_token(&org).await.expect("store").expect("sealed");
    assert_ne!(resealed, old);
    let only_new = backend::crypto::Sealer::new(&[1; 32]);
    assert_eq!(only_new.open(&resealed, &format!("{org}/webhook_token")).expect("opens"), "lever-signing-token");
}
