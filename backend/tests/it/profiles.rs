//! Profile sync, duplicate checks and webhooks, against the Lever simulator's demo account.

use std::time::Duration;

use crate::common::{App, spawn_app, spawn_app_with};
use lever_sim::DEMO_ACCOUNT;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

async fn enable_sync(app: &App, session: &str, days: u16) {
    let (status, _) = app
        .call(session, Method::PUT, "/api/v1/settings", Some(json!({"auto_sync": {"enabled": true, "days": days}})))
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, sync) = app.call(session, Method::POST, "/api/v1/sync", None).await;
    assert_eq!(status, StatusCode::OK, "{sync}");
    assert!(sync["last_error"].is_null(), "{sync}");
}

async fn check(app: &App, session: &str, candidates: Value) -> Value {
    let (status, body) =
        app.call(session, Method::POST, "/api/v1/check", Some(json!({ "candidates": candidates }))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

fn result<'a>(body: &'a Value, ref_id: &str) -> &'a Value {
    body["results"].as_array().and_then(|r| r.iter().find(|x| x["ref_id"] == ref_id)).expect("a result")
}

fn people() -> Value {
    json!([
        {"ref_id": "email", "name": "Amélie Dubois", "company": "Datadog", "emails": ["amelie.dubois@EXAMPLE.com"]},
        {"ref_id": "linkedin", "name": "王小明", "company": "ByteDance", "linkedin": "http://linkedin.com/in/wangxiaoming?trk=people-search"},
        {"ref_id": "phone", "name": "Seán O'Connor", "company": "Intercom", "phones": ["+353 87 123 4567"]},
        {"ref_id": "possible", "name": "PRIYA RAMAN", "company": "Stripe", "emails": ["priya.raman@example.org"]},
        {"ref_id": "archived", "name": "Kwame Mensah", "emails": ["kwame.mensah@example.com"]},
        {"ref_id": "nobody", "name": "Noah Williams", "company": "Atlassian"}
    ])
}

#[tokio::test(flavor = "multi_thread")]
async fn a_synced_index_matches_by_email_linkedin_phone_and_possibly_by_name_and_company() {
    let app = spawn_app().await;
    let session = app.connect_as("Sam Super").await;
    enable_sync(&app, &session, 60).await;
    let before = app.lever.sim.world().stats.api_requests;
    let body = check(&app, &session, people()).await;
    assert_eq!(app.lever.sim.world().stats.api_requests, before, "a check never calls Lever");
    assert_eq!(body["sync"]["enabled"], true);

    let email = result(&body, "email");
    assert_eq!((email["match"].as_str(), email["on"].as_str()), (Some("exact"), Some("email")));
    assert_eq!(email["profile"]["stage_name"], "Phone Interview");
    assert_eq!(email["profile"]["owner_name"], "Sam Super");
    let url = email["profile"]["url"].as_str().expect("url");
    let id = email["profile"]["opportunity_id"].as_str().expect("id");
    assert!(
        url.ends_with(&format!("/hire/candidates/{id}")),
        "built from the id when Lever's list item has no urls: {url}"
    );
    assert_eq!(result(&body, "linkedin")["on"], "linkedin");
    assert_eq!(result(&body, "phone")["on"], "phone");
    assert_eq!(result(&body, "phone")["profile"]["stage_name"], "Reached Out");
    let possible = result(&body, "possible");
    assert_eq!((possible["match"].as_str(), possible["on"].as_str()), (Some("possible"), Some("name_company")));
    let archived = result(&body, "archived");
    assert_eq!(archived["match"], "exact");
    assert_eq!(archived["profile"]["archived"], true);
    assert_eq!(result(&body, "nobody")["match"], "none");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_sync_window_decides_what_is_indexed() {
    let app = spawn_app().await;
    let session = app.connect_as("Sam Super").await;
    enable_sync(&app, &session, 30).await;
    let body = check(&app, &session, people()).await;
    assert_eq!(result(&body, "archived")["match"], "none", "updated 40 days ago: outside a 30-day window");
    let (_, sync) = app.call(&session, Method::GET, "/api/v1/sync", None).await;
    let thirty = sync["profiles"].as_i64().expect("count");
    enable_sync(&app, &session, 90).await;
    let (_, sync) = app.call(&session, Method::GET, "/api/v1/sync", None).await;
    assert!(sync["profiles"].as_i64().expect("count") > thirty);
}

#[tokio::test(flavor = "multi_thread")]
async fn with_sync_off_the_check_says_so_instead_of_guessing() {
    let app = spawn_app().await;
    let session = app.connect_as("Sam Super").await;
    let body = check(&app, &session, people()).await;
    assert_eq!(body["sync"]["enabled"], false);
    assert_eq!(body["results"], json!([]));
}

#[tokio::test(flavor = "multi_thread")]
async fn oversized_checks_are_refused_clearly() {
    let app = spawn_app().await;
    let session = app.connect_as("Sam Super").await;
    let many: Vec<Value> = (0..1001).map(|i| json!({"ref_id": i.to_string(), "name": "x"})).collect();
    let (status, body) = app.call(&session, Method::POST, "/api/v1/check", Some(json!({"candidates": many}))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["message"].as_str().expect("m").contains("at most 1,000"));
    let keyed: Vec<Value> = (0..300)
        .map(|i| json!({"ref_id": i.to_string(), "name": "x", "emails": (0..20).map(|j| format!("{i}.{j}@x.io")).collect::<Vec<_>>()}))
        .collect();
    let (status, body) = app.call(&session, Method::POST, "/api/v1/check", Some(json!({"candidates": keyed}))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["message"].as_str().expect("m").contains("at most 5,000 emails, phones and LinkedIn links"), "{body}");
    let (status, _) = app.call(&session, Method::POST, "/api/v1/check", Some(json!({"people": []}))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_incremental_sync_follows_stage_changes_new_candidates_and_deletions() {
    let app = spawn_app().await;
    let session = app.connect_as("Sam Super").await;
    enable_sync(&app, &session, 60).await;
    let (amelie, offer, kwame, sam) = {
        let world = app.lever.sim.world();
        let acct = world.account(DEMO_ACCOUNT).expect("account");
        let opp_of = |email: &str| {
            let contact = acct.contact_by_email(email).expect("contact").id.clone();
            acct.opportunities.iter().find(|o| o.contact == contact).expect("opportunity").id.clone()
        };
        let offer = acct.stages.iter().find(|s| s.text == "Offer").expect("stage").id.clone();
        let sam = acct.users[0].id.clone();
        (opp_of("amelie.dubois@example.com"), offer, opp_of("kwame.mensah@example.com"), sam)
    };
    let sim = &app.lever.base_url;
    app.http
        .post(format!("{sim}/_sim/opportunities/{amelie}/stage"))
        .json(&json!({"stage": offer}))
        .send()
        .await
        .expect("sent");
    app.http.delete(format!("{sim}/_sim/opportunities/{kwame}")).send().await.expect("sent");
    app.http
        .post(format!("{sim}/_sim/accounts/{DEMO_ACCOUNT}/opportunities"))
        .json(&json!({"performAs": sam, "name": "Noah Williams", "headline": "Atlassian", "emails": ["noah@example.com"]}))
        .send()
        .await
        .expect("sent");
    let (status, _) = app.call(&session, Method::POST, "/api/v1/sync", None).await;
    assert_eq!(status, StatusCode::OK);
    let body = check(&app, &session, people()).await;
    assert_eq!(result(&body, "email")["profile"]["stage_name"], "Offer");
    assert_eq!(result(&body, "archived")["match"], "none", "deleted in Lever");
    assert_eq!(result(&body, "nobody")["match"], "possible", "new in Lever, found by name and company");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_sync_interrupted_mid_way_resumes_where_it_stopped() {
    let app = spawn_app().await;
    let session = app.connect_as("Sam Super").await;
    app.call(&session, Method::PUT, "/api/v1/settings", Some(json!({"auto_sync": {"enabled": false, "days": 90}})))
        .await;
    app.call(&session, Method::PUT, "/api/v1/settings", Some(json!({"auto_sync": {"enabled": true, "days": 90}})))
        .await;
    // Stages, users and the first page pass; the second page fails every retry.
    let sim = &app.lever.base_url;
    app.http
        .post(format!("{sim}/_sim/faults"))
        .json(&json!({"fail_next_after": 3, "fail_next": 50}))
        .send()
        .await
        .expect("sent");
    let (_, failed) = app.call(&session, Method::POST, "/api/v1/sync", None).await;
    assert!(failed["message"].as_str().is_some_and(|m| m.contains("unavailable")), "{failed}");
    let (_, status) = app.call(&session, Method::GET, "/api/v1/sync", None).await;
    assert_eq!(status["profiles"], 100, "the first page was kept");
    assert!(status["last_error"].is_string());

    app.http.post(format!("{sim}/_sim/faults")).json(&json!({})).send().await.expect("sent");
    let before = app.lever.sim.world().stats.api_requests;
    let (_, done) = app.call(&session, Method::POST, "/api/v1/sync", None).await;
    assert_eq!(done["profiles"], 125, "{done}");
    assert!(done["last_error"].is_null());
    let calls = app.lever.sim.world().stats.api_requests - before;
    assert_eq!(calls, 2, "page two (resumed, not started over; lists were cached), then the people check");
}

#[tokio::test(flavor = "multi_thread")]
async fn signed_webhooks_update_the_index_and_forged_or_replayed_ones_do_not() {
    let app = spawn_app().await;
    let session = app.connect_as("Sam Super").await;
    enable_sync(&app, &session, 60).await;
    let (status, _) = app
        .call(&session, Method::PUT, "/api/v1/settings", Some(json!({"webhook_token": "lever-signing-token"})))
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, settings) = app.call(&session, Method::GET, "/api/v1/settings", None).await;
    assert_eq!(settings["webhook_configured"], true);
    assert!(!settings.to_string().contains("lever-signing-token"), "the token is never sent back");

    let org = app.org_of(DEMO_ACCOUNT);
    let hook = format!("{}/api/v1/lever/webhooks/{org}", app.url);
    let sim = &app.lever.base_url;
    app.http
        .post(format!("{sim}/_sim/accounts/{DEMO_ACCOUNT}/webhooks"))
        .json(&json!({"url": hook, "events": ["candidateStageChange", "candidateArchiveChange"], "signatureToken": "lever-signing-token"}))
        .send()
        .await
        .expect("sent");
    let (amelie, screen) = {
        let world = app.lever.sim.world();
        let acct = world.account(DEMO_ACCOUNT).expect("account");
        let contact = acct.contact_by_email("amelie.dubois@example.com").expect("contact").id.clone();
        let opp = acct.opportunities.iter().find(|o| o.contact == contact).expect("opp").id.clone();
        (opp, acct.stages.iter().find(|s| s.text == "Recruiter Screen").expect("stage").id.clone())
    };
    app.http
        .post(format!("{sim}/_sim/opportunities/{amelie}/stage"))
        .json(&json!({"stage": screen}))
        .send()
        .await
        .expect("sent");
    let mut stage = Value::Null;
    for _ in 0..50 {
        stage = result(&check(&app, &session, people()).await, "email")["profile"]["stage_name"].clone();
        if stage == "Recruiter Screen" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(stage, "Recruiter Screen", "the webhook moved the badge without a sync");
    // The simulator records a delivery once our answer reached it, which may be just after the index moved.
    let mut delivered = None;
    for _ in 0..50 {
        delivered = app.lever.sim.world().deliveries.last().cloned();
        if delivered.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(delivered.expect("a delivery")["status"], 200);

    let forged = json!({"event": "candidateDeleted", "triggeredAt": 1, "token": "t", "signature": "00", "data": {"opportunityId": amelie}});
    let res = app.http.post(&hook).json(&forged).send().await.expect("sent");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    let now = lever_sim::World::new(String::new()).now_ms();
    let token = "replayed-token";
    let signed = json!({
        "event": "candidateArchiveChange", "triggeredAt": now, "token": token,
        "signature": lever_sim::webhooks::signature("lever-signing-token", token, now),
        "data": {"opportunityId": amelie, "toArchived": {"archivedAt": now}}
    });
    let first: Value = app.http.post(&hook).json(&signed).send().await.expect("sent").json().await.expect("json");
    assert_eq!(first["outcome"], "read back from Lever");
    let again: Value = app.http.post(&hook).json(&signed).send().await.expect("sent").json().await.expect("json");
    assert_eq!(again["outcome"], "already processed");
    // A signed body is a hint, not the truth: Lever says Amélie is not archived, so she isn't.
    assert_eq!(result(&check(&app, &session, people()).await, "email")["profile"]["archived"], false);
    let deleted = json!({
        "event": "candidateDeleted", "triggeredAt": now, "token": "claims-a-deletion",
        "signature": lever_sim::webhooks::signature("lever-signing-token", "claims-a-deletion", now),
        "data": {"opportunityId": amelie}
    });
    let answer: Value = app.http.post(&hook).json(&deleted).send().await.expect("sent").json().await.expect("json");
    assert_eq!(answer["outcome"], "read back from Lever");
    assert_eq!(
        result(&check(&app, &session, people()).await, "email")["match"],
        "exact",
        "still in Lever, still badged"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn turning_sync_on_starts_a_sync_in_the_background() {
    let app = spawn_app_with(true).await;
    let session = app.connect_as("Sam Super").await;
    let (status, _) = app
        .call(&session, Method::PUT, "/api/v1/settings", Some(json!({"auto_sync": {"enabled": true, "days": 30}})))
        .await;
    assert_eq!(status, StatusCode::OK);
    let mut sync = Value::Null;
    for _ in 0..100 {
        sync = app.call(&session, Method::GET, "/api/v1/sync", None).await.1;
        if sync["profiles"].as_i64().is_some_and(|n| n > 0) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(sync["profiles"].as_i64().is_some_and(|n| n > 0), "no background sync: {sync}");
}
