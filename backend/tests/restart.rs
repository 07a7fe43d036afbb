//! The backend binary killed (SIGKILL) in the middle of a 200-candidate export, then started
//! again on the same database (SQLite, or PostgreSQL in the suite's second pass): every
//! candidate ends in Lever exactly once.

mod common;

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use lever_sim::{DEMO_ACCOUNT, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, Seed};
use reqwest::redirect::Policy;
use serde_json::{Value, json};

/// A backend process; killed when dropped.
struct Backend(Child);

impl Drop for Backend {
    fn drop(&mut self) {
        self.0.kill().ok();
        self.0.wait().ok();
    }
}

fn start(port: u16, db: &str, lever: &str) -> Backend {
    let child = Command::new(env!("CARGO_BIN_EXE_backend"))
        .env("PBL_BIND", format!("127.0.0.1:{port}"))
        .env("PBL_PUBLIC_URL", format!("http://127.0.0.1:{port}"))
        .env("DATABASE_URL", db)
        .env("LEVER_ENV", "custom")
        .env("LEVER_BASE_URL", lever)
        .env("LEVER_CLIENT_ID", DEMO_CLIENT_ID)
        .env("LEVER_CLIENT_SECRET", DEMO_CLIENT_SECRET)
        .env("PBL_ENCRYPTION_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=")
        .env("PBL_SYNC_IN_BACKGROUND", "false")
        .env("PBL_EXPORT_CLAIM_TIMEOUT_SECS", "2")
        .env("PBL_LEVER_TIMEOUT_SECS", "5")
        .env_remove("PBL_CONFIG_FILE")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the backend starts");
    Backend(child)
}

async fn wait_healthy(http: &reqwest::Client, url: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !http.get(format!("{url}/healthz")).send().await.is_ok_and(|r| r.status().is_success()) {
        assert!(Instant::now() < deadline, "the backend did not come up");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn exported(sim: &lever_sim::Sim) -> Vec<String> {
    let world = sim.world();
    let acct = world.account(DEMO_ACCOUNT).expect("account");
    acct.opportunities
        .iter()
        .filter(|o| o.sources.iter().any(|s| s == "ProvenBase"))
        .filter_map(|o| acct.contact(&o.contact).and_then(|c| c.emails.first().cloned()))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_backend_killed_mid_export_and_restarted_exports_every_candidate_exactly_once() {
    let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a port").port();
    let url = format!("http://127.0.0.1:{port}");
    let lever_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("port");
    let lever =
        lever_sim::spawn(lever_listener, Seed::demo(vec![format!("{url}/api/v1/lever/callback")])).expect("sim");
    let dir = tempfile::tempdir().expect("dir");
    let db = common::database_url(&dir).await;
    let http = reqwest::Client::builder().redirect(Policy::none()).build().expect("client");

    let first = start(port, &db, &lever.base_url);
    wait_healthy(&http, &url).await;

    // Sam Super connects (Lever's consent, driven over HTTP).
    let started: Value =
        http.post(format!("{url}/api/v1/lever/connect")).send().await.expect("sent").json().await.expect("json");
    let authorize = url::Url::parse(started["authorize_url"].as_str().expect("url")).expect("url");
    let sam = lever.sim.world().account(DEMO_ACCOUNT).expect("account").users[0].id.clone();
    let mut form: Vec<(String, String)> = authorize.query_pairs().into_owned().collect();
    form.push(("user_id".into(), sam));
    form.push(("decision".into(), "accept".into()));
    let back = http.post(format!("{}/authorize/decision", lever.base_url)).form(&form).send().await.expect("sent");
    let callback = back.headers()["location"].to_str().expect("ascii").to_owned();
    let done = http.get(&callback).send().await.expect("sent");
    let done = done.headers()["location"].to_str().expect("ascii").to_owned();
    let handoff = done.split("handoff=").nth(1).expect("a handoff").to_owned();
    let grant: Value = http
        .post(format!("{url}/api/v1/sessions"))
        .json(&json!({"handoff": handoff}))
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("json");
    let token = grant["token"].as_str().expect("a session").to_owned();

    let people: Vec<Value> =
        (0..200).map(|i| json!({"ref_id": i.to_string(), "name": format!("Restart {i}"), "emails": [format!("restart.{i}@example.com")]})).collect();
    let task: Value = http
        .post(format!("{url}/api/v1/exports"))
        .bearer_auth(&token)
        .json(&json!({"name": "Killed midway", "fields": ["name", "emails"], "candidates": people}))
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("json");
    let id = task["id"].as_str().expect("a task").to_owned();

    let deadline = Instant::now() + Duration::from_secs(60);
    while exported(&lever.sim).len() < 60 {
        assert!(Instant::now() < deadline, "the export did not get going");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    drop(first); // SIGKILL, mid-export
    let at_kill = exported(&lever.sim).len();
    assert!(at_kill < 200, "killed before the end ({at_kill} done)");

    let _second = start(port, &db, &lever.base_url);
    wait_healthy(&http, &url).await;
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let task: Value = http
            .get(format!("{url}/api/v1/exports/{id}"))
            .bearer_auth(&token)
            .send()
            .await
            .expect("sent")
            .json()
            .await
            .expect("json");
        if task["counts"]["queued"] == 0 && task["counts"]["exporting"] == 0 {
            assert_eq!(task["counts"]["exported"], 200, "{}", task["counts"]);
            break;
        }
        assert!(Instant::now() < deadline, "the restarted backend did not finish: {}", task["counts"]);
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let mut emails = exported(&lever.sim);
    assert_eq!(emails.len(), 200, "exactly 200 opportunities");
    emails.sort();
    emails.dedup();
    assert_eq!(emails.len(), 200, "no candidate twice");
}
