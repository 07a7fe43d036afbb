//! Many recruiters at once: each checks pages of candidates and starts an export, all at the same
//! time, against whatever backends the stack runs. Used by the org-wide flow (no errors, nothing
//! lost) and by `cargo xtask bench load` (p99 latencies).

use std::time::{Duration, Instant};

use serde_json::{Value, json};
use shared::api::{Person, Role};

use super::Stack;

/// Checks each recruiter makes (of [`CHECK_SIZE`] candidates each) besides their one export.
const CHECKS_EACH: usize = 5;
const CHECK_SIZE: usize = 25;

/// What a load run saw.
#[derive(Debug, Clone)]
pub struct Report {
    pub requests: usize,
    /// Answers that were not a success.
    pub errors: usize,
    /// Candidates submitted for export that never reached Lever (failed, or lost).
    pub lost: usize,
    pub p50_ms: f64,
    pub p99_ms: f64,
    /// From the first request to the last candidate in Lever.
    pub drained_s: f64,
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// The secret a browser would keep while it connects.
const CONNECT_SECRET: &str = "load-test-connect-secret";

impl Stack {
    /// A Super Admin connects Lever over HTTP (Lever's consent included) through `backend`;
    /// returns their session.
    pub async fn connect_over_http(&self, backend: &str, user: &str) -> String {
        let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client");
        let started: Value = http
            .post(format!("{backend}/api/v1/lever/connect"))
            .json(&json!({"secret_hash": backend::crypto::hash(CONNECT_SECRET)}))
            .send()
            .await
            .expect("sent")
            .json()
            .await
            .expect("json");
        let authorize = started["authorize_url"].as_str().expect("url");
        let callback = self.lever.decide(&http, authorize, &self.lever_user(user), "accept").await;
        let done = http.get(&callback).send().await.expect("sent");
        let done = done.headers()["location"].to_str().expect("ascii").to_owned();
        let handoff = done.split("handoff=").nth(1).expect("a handoff").to_owned();
        let grant: Value = http
            .post(format!("{backend}/api/v1/sessions"))
            .json(&json!({"handoff": handoff, "secret": CONNECT_SECRET}))
            .send()
            .await
            .expect("sent")
            .json()
            .await
            .expect("json");
        grant["token"].as_str().expect("a session").to_owned()
    }

    /// Signed-in recruiters: `n` sessions spread over the Lever users who may export.
    async fn recruiters(&self, n: usize) -> Vec<String> {
        let org = self.backend.store.upsert_organisation(lever_sim::DEMO_ACCOUNT).await.expect("organisation");
        let people = [
            ("Ada Admin", Role::Admin),
            ("Dana Recruiter", Role::TeamMember),
            ("Tom Team", Role::TeamMember),
            ("Lin Limited", Role::LimitedTeamMember),
        ];
        let mut members = Vec::new();
        for (name, role) in people {
            let person =
                Person { lever_user_id: self.lever_user(name), name: name.into(), email: format!("{name}@acme.test") };
            members.push(self.backend.store.upsert_member(&org, &person, role).await.expect("member"));
        }
        let mut sessions = Vec::with_capacity(n);
        for i in 0..n {
            sessions
                .push(backend::auth::start_session(&self.backend, &members[i % members.len()]).await.expect("session"));
        }
        sessions
    }

    /// `n` recruiters at once, spread over `backends`: each makes its checks and exports one
    /// new candidate; then waits for every export to reach Lever.
    pub async fn load(&self, backends: &[String], n: usize) -> Report {
        let admin = self.connect_over_http(&backends[0], "Sam Super").await;
        let http = reqwest::Client::builder().pool_max_idle_per_host(256).build().expect("client");
        let put = http
            .put(format!("{}/api/v1/settings", backends[0]))
            .bearer_auth(&admin)
            .json(&json!({"auto_sync": {"enabled": true, "days": 365}}))
            .send()
            .await
            .expect("settings");
        assert!(put.status().is_success(), "settings: {}", put.status());
        let synced = http.post(format!("{}/api/v1/sync", backends[0])).bearer_auth(&admin).send().await.expect("sync");
        assert!(synced.status().is_success(), "sync: {}", synced.status());
        let tokens = self.recruiters(n).await;

        let started = Instant::now();
        let work = tokens.iter().enumerate().map(|(i, token)| {
            let (http, backend) = (http.clone(), backends[i % backends.len()].clone());
            async move {
                let mut timings = Vec::new();
                let mut errors = 0;
                for c in 0..CHECKS_EACH {
                    let candidates: Vec<Value> = (0..CHECK_SIZE)
                        .map(|k| {
                            let p = (i * 31 + c * 7 + k) % 400;
                            json!({"ref_id": k.to_string(), "name": format!("Person {p}"), "emails": [format!("person.{p}@example.com")],
                                   "linkedin": format!("https://www.linkedin.com/in/person-{p}")})
                        })
                        .collect();
                    let t = Instant::now();
                    let res = http
                        .post(format!("{backend}/api/v1/check"))
                        .bearer_auth(token)
                        .json(&json!({"candidates": candidates}))
                        .send()
                        .await;
                    timings.push(t.elapsed().as_secs_f64() * 1000.0);
                    errors += usize::from(!res.is_ok_and(|r| r.status().is_success()));
                }
                let person = json!({"ref_id": "1", "name": format!("Load Recruit {i}"), "emails": [format!("load.{i}@example.com")]});
                let t = Instant::now();
                let res = http
                    .post(format!("{backend}/api/v1/exports"))
                    .bearer_auth(token)
                    .json(&json!({"name": format!("Load {i}"), "fields": ["name", "emails"], "candidates": [person]}))
                    .send()
                    .await;
                timings.push(t.elapsed().as_secs_f64() * 1000.0);
                errors += usize::from(!res.is_ok_and(|r| r.status().is_success()));
                (timings, errors)
            }
        });
        let results = futures_util::future::join_all(work).await;
        let mut timings: Vec<f64> = results.iter().flat_map(|(t, _)| t.iter().copied()).collect();
        let errors: usize = results.iter().map(|(_, e)| e).sum();
        timings.sort_by(f64::total_cmp);

        // Every exported candidate reaches Lever (a candidate that failed or vanished never does).
        let deadline = Instant::now() + Duration::from_secs(120);
        let arrived = loop {
            let emails: std::collections::HashSet<String> = self.exported_emails().into_iter().collect();
            let arrived = (0..n).filter(|i| emails.contains(&format!("load.{i}@example.com"))).count();
            if arrived == n || Instant::now() > deadline {
                break arrived;
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        };
        let drained_s = started.elapsed().as_secs_f64();
        Report {
            requests: timings.len(),
            errors,
            lost: n - arrived,
            p50_ms: percentile(&timings, 50.0),
            p99_ms: percentile(&timings, 99.0),
            drained_s,
        }
    }
}
