//! Exports against the Lever simulator: what lands in Lever, resumes with only the chosen
//! fields, duplicates handled as asked, and never a duplicate opportunity, faults or not.

use crate::common::{App, spawn_app};
use lever_sim::DEMO_ACCOUNT;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

fn candidate(i: usize) -> Value {
    json!({
        "ref_id": format!("r{i}"), "name": format!("Export Person {i}"), "title": "Data Engineer", "company": "Initrode",
        "emails": [format!("export.{i}@example.com")], "phones": [format!("+1 415 555 {:04}", i % 10_000)],
        "linkedin": format!("https://www.linkedin.com/in/export-person-{i}"), "location": "Lisbon",
        "skills": ["Rust", "SQL"], "experience": ["Initrode, 2019–2024"], "education": ["IST Lisbon"]
    })
}

async fn export(app: &App, session: &str, body: Value) -> String {
    let (status, created) = app.call(session, Method::POST, "/api/v1/exports", Some(body)).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    created["id"].as_str().expect("a task id").to_owned()
}

fn lever_opportunities(app: &App, email: &str) -> Vec<Value> {
    let all = {
        let world = app.lever.sim.world();
        let acct = world.account(DEMO_ACCOUNT).expect("account");
        acct.opportunities
            .iter()
            .map(|o| {
                (
                    o.clone(),
                    acct.contact(&o.contact).cloned(),
                    o.resume.as_ref().and_then(|f| acct.files.get(f).cloned()),
                )
            })
            .collect::<Vec<_>>()
    };
    all.into_iter()
        .filter(|(_, c, _)| c.as_ref().is_some_and(|c| c.emails.iter().any(|e| e == email)))
        .map(|(o, _, file)| {
            json!({"stage": o.stage, "posting": o.posting, "sources": o.sources, "origin": o.origin, "owner": o.owner,
                   "createdBy": o.created_by, "file": file.map(|f| json!({"name": f.name, "type": f.content_type, "bytes": f.bytes}))})
        })
        .collect()
}

fn file_text(opp: &Value) -> String {
    let bytes: Vec<u8> = serde_json::from_value(opp["file"]["bytes"].clone()).expect("bytes");
    if bytes.starts_with(b"PK") { docx_text(&bytes) } else { lever_sim::model::pdf_text(&bytes) }
}

/// Reading it back with the DOCX crate proves it is a DOCX, and gives its text.
fn docx_text(bytes: &[u8]) -> String {
    docx_rs::read_docx(bytes).map(|d| d.json()).unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn one_candidate_with_defaults_lands_in_lever_as_provenbase_sourced() {
    let app = spawn_app().await;
    let session = app.connect_as("Sam Super").await;
    let id = export(&app, &session, json!({"name": "Q3 backend", "fields": ["name", "title", "company", "emails", "phones", "location", "links", "skills", "experience", "education"], "candidates": [candidate(1)]})).await;
    let task = app.settled(&session, &id).await;
    assert_eq!(task["counts"]["exported"], 1, "{task}");
    assert!(task["items"][0]["lever_url"].as_str().is_some_and(|u| u.contains("/candidates/")));
    let opps = lever_opportunities(&app, "export.1@example.com");
    assert_eq!(opps.len(), 1);
    let opp = &opps[0];
    let sam = app.user_id("Sam Super");
    assert_eq!(opp["sources"], json!(["ProvenBase"]));
    assert_eq!(opp["origin"], "sourced");
    assert_eq!(opp["owner"], json!(sam), "the exporting recruiter owns it");
    assert_eq!(opp["createdBy"], json!(sam), "created as the integration Lever admin");
    let new_lead = {
        let w = app.lever.sim.world();
        w.account(DEMO_ACCOUNT).expect("a").default_stage().expect("s").id.clone()
    };
    assert_eq!(opp["stage"], json!(new_lead));
    assert_eq!(opp["file"]["type"], "application/pdf");
    let text = file_text(opp);
    assert!(text.contains("Export Person 1") && text.contains("export.1@example.com") && text.contains("Rust, SQL"));
}

#[tokio::test(flavor = "multi_thread")]
async fn twenty_five_with_a_job_a_stage_and_docx_carry_only_the_chosen_fields() {
    let app = spawn_app().await;
    let session = app.connect_as("Sam Super").await;
    let (_, stages) = app.call(&session, Method::GET, "/api/v1/lever/stages", None).await;
    let screen =
        stages.as_array().expect("stages").iter().find(|s| s["text"] == "Recruiter Screen").expect("stage")["id"]
            .clone();
    let (_, postings) = app.call(&session, Method::GET, "/api/v1/lever/postings", None).await;
    let job =
        postings.as_array().expect("postings").iter().find(|p| p["text"] == "Data Engineer").expect("posting")["id"]
            .clone();
    let people: Vec<Value> = (100..125).map(candidate).collect();
    let id = export(&app, &session, json!({"name": "Batch", "stage_id": screen, "posting_id": job, "format": "docx", "fields": ["name", "title", "emails"], "candidates": people})).await;
    let task = app.settled(&session, &id).await;
    assert_eq!(task["counts"]["exported"], 25, "{task}");
    // The task says where it went, in what format, and when it last moved (its end, now).
    let (_, listed) = app.call(&session, Method::GET, "/api/v1/exports", None).await;
    for shown in [&task, &listed[0]] {
        assert_eq!(
            (&shown["job"], &shown["stage"], &shown["format"]),
            (&json!("Data Engineer"), &json!("Recruiter Screen"), &json!("docx"))
        );
        let (created, changed) = (shown["created_at"].as_i64().expect("created"), shown["last_change_at"].as_i64());
        assert!(changed.is_some_and(|c| c >= created), "{shown}");
    }
    for i in 100..125 {
        let opps = lever_opportunities(&app, &format!("export.{i}@example.com"));
        assert_eq!(opps.len(), 1, "candidate {i}");
        let opp = &opps[0];
        assert_eq!(opp["stage"], screen);
        assert_eq!(opp["posting"], job);
        assert!(opp["file"]["name"].as_str().is_some_and(|n| n.ends_with(".docx")));
        let text = file_text(opp);
        assert!(text.contains(&format!("export.{i}@example.com")) && text.contains("Data Engineer"), "{text}");
        assert!(
            !text.contains("+1 415") && !text.contains("Rust") && !text.contains("Lisbon"),
            "fields not chosen appear nowhere"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_create_that_times_out_after_lever_made_it_is_not_made_twice() {
    let app = spawn_app().await;
    let session = app.connect_as("Sam Super").await;
    app.http
        .post(format!("{}/_sim/faults", app.lever.base_url))
        .json(&json!({"timeout_after_create_next": 1, "hang_ms": 5000}))
        .send()
        .await
        .expect("sent");
    let id = export(&app, &session, json!({"name": "Flaky", "fields": ["name"], "candidates": [candidate(7)]})).await;
    let task = app.settled(&session, &id).await;
    assert_eq!(task["counts"]["exported"], 1, "{task}");
    assert_eq!(lever_opportunities(&app, "export.7@example.com").len(), 1, "never a duplicate opportunity");
}

#[tokio::test(flavor = "multi_thread")]
async fn lever_errors_and_rate_limit_storms_are_retried_without_duplicates() {
    let app = spawn_app().await;
    let session = app.connect_as("Sam Super").await;
    app.http
        .post(format!("{}/_sim/faults", app.lever.base_url))
        .json(&json!({"fail_next": 3, "fail_status": 503}))
        .send()
        .await
        .expect("sent");
    let people: Vec<Value> = (200..205).map(candidate).collect();
    let id = export(&app, &session, json!({"name": "Storm", "fields": ["name"], "candidates": people})).await;
    let task = app.settled(&session, &id).await;
    assert_eq!(task["counts"]["exported"], 5, "{task}");
    app.http
        .post(format!("{}/_sim/faults", app.lever.base_url))
        .json(&json!({"throttle_next": 4}))
        .send()
        .await
        .expect("sent");
    let id =
        export(&app, &session, json!({"name": "Throttled", "fields": ["name"], "candidates": [candidate(210)]})).await;
    assert_eq!(app.settled(&session, &id).await["counts"]["exported"], 1);
    for i in (200..205).chain([210]) {
        assert_eq!(lever_opportunities(&app, &format!("export.{i}@example.com")).len(), 1, "candidate {i}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn candidates_already_in_lever_are_skipped_or_added_as_asked() {
    let app = spawn_app().await;
    let session = app.connect_as("Sam Super").await;
    app.call(&session, Method::PUT, "/api/v1/settings", Some(json!({"auto_sync": {"enabled": true, "days": 60}})))
        .await;
    app.call(&session, Method::POST, "/api/v1/sync", None).await;
    let amelie = json!({"ref_id": "a", "name": "Amélie Dubois", "emails": ["amelie.dubois@example.com"]});
    let id = export(&app, &session, json!({"name": "Skip", "fields": ["name"], "candidates": [amelie]})).await;
    let task = app.settled(&session, &id).await;
    assert_eq!(task["counts"]["skipped"], 1, "{task}");
    assert_eq!(task["items"][0]["reason"], "Already in Lever (same email); skipped as asked.");
    // Stored as a message: each reader reads it in their language.
    let (_, french) =
        crate::languages::call(&app, &session, "fr-FR", Method::GET, &format!("/api/v1/exports/{id}"), None).await;
    assert_eq!(french["items"][0]["reason"], "Déjà dans Lever (même e-mail) ; ignoré comme demandé.");
    assert_eq!(lever_opportunities(&app, "Amelie.Dubois@example.com").len(), 1);

    let id = export(
        &app,
        &session,
        json!({"name": "Add", "fields": ["name"], "duplicates": "add_opportunity", "candidates": [amelie]}),
    )
    .await;
    assert_eq!(app.settled(&session, &id).await["counts"]["exported"], 1);
    assert_eq!(
        lever_opportunities(&app, "Amelie.Dubois@example.com").len(),
        2,
        "a new opportunity on the existing contact"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_tasks_are_refused_before_anything_is_stored_and_tasks_are_private() {
    let app = spawn_app().await;
    let session = app.connect_as("Sam Super").await;
    for (body, why) in [
        (json!({"name": "  ", "fields": ["name"], "candidates": [candidate(1)]}), "Name the export task"),
        (json!({"name": "x", "fields": [], "candidates": [candidate(1)]}), "at least one resume field"),
        (json!({"name": "x", "fields": ["name"], "candidates": []}), "1 to 1,000"),
        (
            json!({"name": "x", "fields": ["name"], "candidates": [{"ref_id": "l", "name": "Jordan Lee", "locked": true}]}),
            "This candidate is locked",
        ),
        (
            json!({"name": "x", "fields": ["name"], "candidates": [{"ref_id": "a", "name": ""}, {"ref_id": "b", "name": "B", "locked": true}]}),
            "None of them can be exported",
        ),
        (
            json!({"name": "x", "fields": ["name"], "stage_id": "nope", "candidates": [candidate(1)]}),
            "not one of your Lever stages",
        ),
        (json!({"name": "x", "fields": ["name"], "posting_id": "nope", "candidates": [candidate(1)]}), "postings"),
    ] {
        let (status, err) = app.call(&session, Method::POST, "/api/v1/exports", Some(body)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(err["message"].as_str().is_some_and(|m| m.contains(why)), "{err}");
    }
    let (_, tasks) = app.call(&session, Method::GET, "/api/v1/exports", None).await;
    assert_eq!(tasks, json!([]), "nothing stored");

    let id = export(&app, &session, json!({"name": "Mine", "fields": ["name"], "candidates": [candidate(3)]})).await;
    let globex = app.connect_as("Gina Globex").await;
    let (status, _) = app.call(&globex, Method::GET, &format!("/api/v1/exports/{id}"), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "another organisation can't read it");
}

#[tokio::test(flavor = "multi_thread")]
async fn twenty_percent_errors_a_429_storm_and_timeouts_leave_every_candidate_exported_exactly_once() {
    let app = spawn_app().await;
    let session = app.connect_as("Sam Super").await;
    app.http
        .post(format!("{}/_sim/faults", app.lever.base_url))
        .json(&json!({"error_rate": 0.2, "throttle_next": 10, "timeout_after_create_next": 2, "hang_ms": 3000}))
        .send()
        .await
        .expect("sent");
    let people: Vec<Value> = (300..330).map(candidate).collect();
    let id = export(&app, &session, json!({"name": "Chaos", "fields": ["name"], "candidates": people})).await;
    let task = app.settled(&session, &id).await;
    app.http.post(format!("{}/_sim/faults", app.lever.base_url)).json(&json!({})).send().await.expect("sent");
    let failed = task["counts"]["failed"].as_u64().unwrap_or(0);
    if failed > 0 {
        // Unlucky streaks end as failures with a reason; Retry failed finishes them.
        app.call(&session, Method::POST, &format!("/api/v1/exports/{id}/retry"), None).await;
        app.settled(&session, &id).await;
    }
    let task = app.settled(&session, &id).await;
    assert_eq!(task["counts"]["exported"], 30, "{task}");
    for i in 300..330 {
        assert_eq!(
            lever_opportunities(&app, &format!("export.{i}@example.com")).len(),
            1,
            "candidate {i}: exactly once"
        );
    }
}
