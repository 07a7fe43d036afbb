//! What an operator relies on: metrics behind their token, and a request id on every answer.

use crate::common::spawn_app;
use reqwest::{Method, StatusCode};
use serde_json::json;

async fn scrape(app: &crate::common::App, token: Option<&str>) -> (StatusCode, String) {
    let mut request = app.http.get(format!("{}/metrics", app.url));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let res = request.send().await.expect("sent");
    (res.status(), res.text().await.expect("text"))
}

#[tokio::test(flavor = "multi_thread")]
async fn metrics_need_their_token_and_count_requests_exports_lever_calls_and_checks() {
    let app = spawn_app().await;
    assert_eq!(scrape(&app, None).await.0, StatusCode::FORBIDDEN);
    assert_eq!(scrape(&app, Some("guess")).await.0, StatusCode::FORBIDDEN);

    let sam = app.connect_as("Sam Super").await;
    let candidates: Vec<_> = (0..2)
        .map(|i| json!({"ref_id": format!("m{i}"), "name": format!("Metric Person {i}"), "emails": [format!("metric.{i}@example.com")]}))
        .collect();
    let body = json!({"name": "Counted", "fields": ["name"], "candidates": candidates});
    let (status, created) = app.call(&sam, Method::POST, "/api/v1/exports", Some(body)).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    app.settled(&sam, created["id"].as_str().expect("id")).await;
    let (status, _) = app.call(&sam, Method::POST, "/api/v1/check", Some(json!({"candidates": []}))).await;
    assert!(status.is_success(), "{status}");
    let (status, _) = app.call("not-a-session", Method::GET, "/api/v1/exports/some-task", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    let (status, text) = scrape(&app, Some("metrics-token")).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    for line in [
        "pbl_http_requests_total{route=\"/api/v1/exports\",method=\"POST\",status=\"201\"} 1",
        "pbl_http_requests_total{route=\"/api/v1/exports/{id}\",method=\"GET\",status=\"401\"} 1",
        "pbl_exports_total{outcome=\"exported\"} 2",
        "pbl_check_duration_seconds_count 1",
    ] {
        assert!(text.lines().any(|l| l == line), "{line} missing from:\n{text}");
    }
    let lever_ok = text.lines().filter(|l| l.starts_with("pbl_lever_requests_total{status=\"20")).count();
    assert!(lever_ok >= 1, "Lever's answers are counted by status:\n{text}");
    assert!(text.contains("pbl_lever_budget_wait_seconds_total "), "{text}");
}

#[tokio::test(flavor = "multi_thread")]
async fn every_answer_carries_a_request_id_and_keeps_the_one_it_came_with() {
    let app = spawn_app().await;
    let res = app.http.get(format!("{}/healthz", app.url)).send().await.expect("sent");
    let id = res.headers().get("x-request-id").and_then(|v| v.to_str().ok()).expect("an id").to_owned();
    assert_eq!(id.len(), 36, "a UUID: {id}");
    let res =
        app.http.get(format!("{}/api/v1/me", app.url)).header("x-request-id", "trace-42").send().await.expect("sent");
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(res.headers()["x-request-id"], "trace-42", "kept, even on a refusal");
}
