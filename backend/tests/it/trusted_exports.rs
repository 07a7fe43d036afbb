//! Exports you can trust: an exported candidate is in the index with its outcome, a candidate on
//! the way counts as a duplicate, two exports of one person make one opportunity across workers,
//! one odd card never fails the check of the others, and Lever gets what its docs describe.

use std::time::Duration;

use crate::common::{App, spawn_app};
use lever_sim::DEMO_ACCOUNT;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

async fn sync_on(app: &App, session: &str) {
    let body = json!({"auto_sync": {"enabled": true, "days": 30}});
    let (status, answer) = app.call(session, Method::PUT, "/api/v1/settings", Some(body)).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
}

fn person(tag: &str) -> Value {
    json!({"ref_id": tag, "name": format!("Person {tag}"), "company": "Initrode", "emails": [format!("{tag}@example.com")]})
}

async fn export(app: &App, session: &str, name: &str, candidates: Vec<Value>) -> String {
    let body = json!({"name": name, "fields": ["name", "emails"], "candidates": candidates});
    let (status, created) = app.call(session, Method::POST, "/api/v1/exports", Some(body)).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    created["id"].as_str().expect("a task id").to_owned()
}

async fn check(app: &App, session: &str, candidates: Vec<Value>) -> Vec<Value> {
    let (status, body) =
        app.call(session, Method::POST, "/api/v1/check", Some(json!({ "candidates": candidates }))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["results"].as_array().expect("results").clone()
}

/// Lever's opportunities whose contact has `email`.
fn in_lever(app: &App, email: &str) -> Vec<Value> {
    let world = app.lever.sim.world();
    let acct = world.account(DEMO_ACCOUNT).expect("account");
    acct.opportunities
        .iter()
        .filter(|o| acct.contact(&o.contact).is_some_and(|c| c.emails.iter().any(|e| e == email)))
        .map(|o| json!({"id": o.id, "phones": acct.contact(&o.contact).map(|c| json!(c.phones))}))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_exported_candidate_is_in_lever_at_the_very_next_check_with_a_link_and_documented_phones() {
    let app = spawn_app().await;
    let sam = app.connect_as("Sam Super").await;
    sync_on(&app, &sam).await;
    let mut fresh = person("fresh");
    fresh["phones"] = json!(["+1 415 555 0199"]);
    let id = export(&app, &sam, "Just now", vec![fresh]).await;
    assert_eq!(app.settled(&sam, &id).await["counts"]["exported"], 1);

    // No sync has run since: the outcome and the index were written together.
    let results = check(&app, &sam, vec![person("fresh")]).await;
    assert_eq!(results[0]["match"], "exact", "{results:?}");
    let opportunity = in_lever(&app, "fresh@example.com");
    assert_eq!(opportunity.len(), 1);
    let url = results[0]["profile"]["url"].as_str().expect("a link");
    assert!(url.ends_with(&format!("/candidates/{}", opportunity[0]["id"].as_str().expect("id"))), "{url}");
    assert_eq!(opportunity[0]["phones"], json!([{"value": "+1 415 555 0199"}]), "phones sent as Lever's objects");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_candidate_on_the_way_to_lever_counts_as_a_duplicate_and_names_the_task() {
    let app = spawn_app().await;
    let sam = app.connect_as("Sam Super").await;
    sync_on(&app, &sam).await;
    app.sim("/faults", json!({"latency_ms": 1500})).await;
    let id = export(&app, &sam, "Slow lane", vec![person("slow")]).await;
    let results = check(&app, &sam, vec![person("slow"), person("other")]).await;
    assert_eq!(results[0]["match"], "exporting", "{results:?}");
    assert_eq!(results[0]["task"], "Slow lane");
    assert_eq!(results[0]["by"], "Sam Super");
    assert_eq!(results[1]["match"], "none");
    app.sim("/faults", json!({"latency_ms": 0})).await;
    app.settled(&sam, &id).await;
    assert_eq!(check(&app, &sam, vec![person("slow")]).await[0]["match"], "exact");
}

#[tokio::test(flavor = "multi_thread")]
async fn two_tasks_exporting_one_person_at_once_on_two_workers_make_one_opportunity() {
    let app = spawn_app().await;
    let sam = app.connect_as("Sam Super").await;
    let second = backend::AppState::new((*app.state.config).clone()).await.expect("a second backend");
    let _worker = backend::export::spawn_worker(second);
    app.sim("/faults", json!({"latency_ms": 300})).await;
    let (a, b) = tokio::join!(
        export(&app, &sam, "Mine", vec![person("twice")]),
        export(&app, &sam, "Yours", vec![person("twice")])
    );
    let (a, b) = (app.settled(&sam, &a).await, app.settled(&sam, &b).await);
    assert_eq!(in_lever(&app, "twice@example.com").len(), 1, "one opportunity, whichever worker went first");
    let exported = a["counts"]["exported"].as_u64().unwrap_or(0) + b["counts"]["exported"].as_u64().unwrap_or(0);
    let skipped = a["counts"]["skipped"].as_u64().unwrap_or(0) + b["counts"]["skipped"].as_u64().unwrap_or(0);
    assert_eq!((exported, skipped), (1, 1), "{a} {b}");
}

#[tokio::test(flavor = "multi_thread")]
async fn one_card_with_a_five_thousand_character_name_leaves_every_other_card_checked() {
    let app = spawn_app().await;
    let sam = app.connect_as("Sam Super").await;
    sync_on(&app, &sam).await;
    let (status, _) = app.call(&sam, Method::POST, "/api/v1/sync", None).await;
    assert_eq!(status, StatusCode::OK);
    let odd = json!({"ref_id": "5", "name": "N".repeat(5_000), "company": "C".repeat(900),
                     "emails": [format!("{}@example.com", "e".repeat(600))]});
    let amelie = json!({"ref_id": "amelie", "name": "Amélie Dubois", "emails": ["amelie.dubois@example.com"]});
    let results = check(&app, &sam, vec![odd, amelie, person("nobody")]).await;
    assert_eq!(results.len(), 3);
    assert_eq!(results[1]["match"], "exact", "the neighbours get their badges");
    assert_eq!(results[2]["match"], "none");
    let problem = results[0]["problem"].as_str().expect("the odd card says what was wrong");
    assert!(problem.contains("too long") && !problem.contains("\"5\""), "{problem}");
    assert!(results[1].get("problem").is_none());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_deactivated_lever_user_is_neither_offered_nor_accepted_as_integration_admin() {
    let app = spawn_app().await;
    let sam = app.connect_as("Sam Super").await;
    let tom = app.user_id("Tom Team");
    let (_, users) = app.call(&sam, Method::GET, "/api/v1/lever/users", None).await;
    assert!(users.as_array().expect("users").iter().any(|u| u["id"] == json!(tom)));
    // Deactivated after the list was read (and cached): still refused.
    app.sim(&format!("/users/{tom}/deactivate"), json!({})).await;
    let (status, body) =
        app.call(&sam, Method::PUT, "/api/v1/settings", Some(json!({"integration_admin_id": tom}))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body["message"].as_str().is_some_and(|m| m.contains("Tom Team is deactivated")), "{body}");
    let dee = app.user_id("Dee Departed");
    let (_, users) = app.call(&sam, Method::GET, "/api/v1/lever/users", None).await;
    assert!(!users.as_array().expect("users").iter().any(|u| u["id"] == json!(dee)), "{users}");
}

/// Reads a server-sent event stream until `until` has been seen (or the deadline passes).
async fn read_until(stream: &mut reqwest::Response, until: &str, within: Duration) -> String {
    let mut seen = String::new();
    let deadline = tokio::time::Instant::now() + within;
    while !seen.contains(until) {
        match tokio::time::timeout_at(deadline, stream.chunk()).await {
            Ok(Ok(Some(chunk))) => seen.push_str(&String::from_utf8_lossy(&chunk)),
            Ok(Ok(None)) => break,
            _ => panic!("no {until:?} in time; seen: {seen}"),
        }
    }
    seen
}

#[tokio::test(flavor = "multi_thread")]
async fn the_badge_stream_says_changed_when_an_export_lands_and_ends_with_its_session() {
    let app = spawn_app().await;
    let sam = app.connect_as("Sam Super").await;
    sync_on(&app, &sam).await;
    let events = format!("{}/api/v1/events", app.url);
    let mut stream = app.http.get(&events).bearer_auth(&sam).send().await.expect("sent");
    assert_eq!(stream.status(), StatusCode::OK);
    assert_eq!(stream.headers()["content-type"], "text/event-stream");
    read_until(&mut stream, "event: ready", Duration::from_secs(5)).await;
    let id = export(&app, &sam, "Live", vec![person("live")]).await;
    read_until(&mut stream, "event: changed", Duration::from_secs(5)).await;
    app.settled(&sam, &id).await;
    let (_, sessions) = app.call(&sam, Method::GET, "/api/v1/sessions", None).await;
    let mine = sessions.as_array().and_then(|s| s.iter().find(|s| s["current"] == true)).expect("this session");
    let path = format!("/api/v1/sessions/{}", mine["id"].as_str().expect("id"));
    let (status, _) = app.call(&sam, Method::DELETE, &path, None).await;
    assert!(status.is_success(), "{status}");
    let ended =
        tokio::time::timeout(Duration::from_secs(5), async { while let Ok(Some(_)) = stream.chunk().await {} }).await;
    assert!(ended.is_ok(), "a revoked session's stream ends");
    let refused = app.http.get(&events).bearer_auth(&sam).send().await.expect("sent");
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
}

/// The tags and notes of the opportunity whose contact has `email`.
fn tags_and_notes(app: &App, email: &str) -> (Vec<String>, Vec<String>) {
    let world = app.lever.sim.world();
    let acct = world.account(DEMO_ACCOUNT).expect("account");
    let opp = acct
        .opportunities
        .iter()
        .find(|o| acct.contact(&o.contact).is_some_and(|c| c.emails.iter().any(|e| e == email)))
        .expect("exported");
    (opp.tags.clone(), opp.notes.iter().map(|n| n.value.clone()).collect())
}

#[tokio::test(flavor = "multi_thread")]
async fn exports_are_tagged_with_provenbase_and_their_project_and_carry_the_note_unless_tags_are_off() {
    let app = spawn_app().await;
    let sam = app.connect_as("Sam Super").await;
    let body = json!({"name": "Tagged", "fields": ["name"], "candidates": [person("tagged")],
                      "note": "  Met at RustConf; wants remote.  ", "origin": "Project: Q3 Backend Hiring"});
    let (status, created) = app.call(&sam, Method::POST, "/api/v1/exports", Some(body)).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    app.settled(&sam, created["id"].as_str().expect("id")).await;
    let (tags, notes) = tags_and_notes(&app, "tagged@example.com");
    assert_eq!(tags, ["ProvenBase", "Project: Q3 Backend Hiring"]);
    assert_eq!(notes, ["Met at RustConf; wants remote."]);

    let (status, _) = app.call(&sam, Method::PUT, "/api/v1/settings", Some(json!({"tag_exports": false}))).await;
    assert_eq!(status, StatusCode::OK);
    let body = json!({"name": "Plain", "fields": ["name"], "candidates": [person("plain")], "origin": "Sourcing Lab"});
    let (_, created) = app.call(&sam, Method::POST, "/api/v1/exports", Some(body)).await;
    app.settled(&sam, created["id"].as_str().expect("id")).await;
    let (tags, notes) = tags_and_notes(&app, "plain@example.com");
    assert!(tags.is_empty() && notes.is_empty(), "no tags when turned off, no note unless given: {tags:?} {notes:?}");
    let long = json!({"name": "Long", "fields": ["name"], "candidates": [person("long")], "note": "n".repeat(2_001)});
    let (status, body) = app.call(&sam, Method::POST, "/api/v1/exports", Some(long)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
}

#[tokio::test(flavor = "multi_thread")]
async fn one_bad_candidate_in_an_export_fails_alone_and_says_why_in_words() {
    let app = spawn_app().await;
    let sam = app.connect_as("Sam Super").await;
    let odd = json!({"ref_id": "5", "name": "N".repeat(5_000), "emails": ["odd@example.com"]});
    let locked = json!({"ref_id": "7", "name": "Jordan Lee", "locked": true});
    let id = export(&app, &sam, "Mixed", vec![odd, person("fine"), locked]).await;
    let task = app.settled(&sam, &id).await;
    assert_eq!(task["counts"]["exported"], 1, "{task}");
    assert_eq!(task["counts"]["failed"], 2, "{task}");
    let reasons: Vec<&str> =
        task["items"].as_array().expect("items").iter().filter_map(|i| i["reason"].as_str()).collect();
    assert!(reasons.iter().any(|r| r.contains("longer than 2,000 characters")), "{reasons:?}");
    assert!(reasons.iter().any(|r| r.contains("locked")), "{reasons:?}");
    assert!(reasons.iter().all(|r| !r.contains("\"5\"") && !r.contains("\"7\"")), "no internal ids: {reasons:?}");
    assert_eq!(in_lever(&app, "fine@example.com").len(), 1);
    // Retry failed re-queues them; the worker refuses them again, with the same words.
    let (status, _) = app.call(&sam, Method::POST, &format!("/api/v1/exports/{id}/retry"), None).await;
    assert!(status.is_success());
    let task = app.settled(&sam, &id).await;
    assert_eq!((task["counts"]["exported"].as_u64(), task["counts"]["failed"].as_u64()), (Some(1), Some(2)), "{task}");
    assert!(in_lever(&app, "odd@example.com").is_empty(), "never sent to Lever");
}
