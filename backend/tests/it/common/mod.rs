//! What every backend integration test shares: the backend on a fresh database, the Lever
//! simulator beside it, and helpers that speak to both over HTTP.

#![allow(unreachable_pub)]

use std::sync::{Arc, Mutex, OnceLock};

use backend::{AppState, Config};
use lever_sim::{DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, Seed};
use reqwest::{StatusCode, redirect::Policy};
use serde_json::{Value, json};
use shared::api::{ConnectionStatus, SessionGrant};

/// Everything any test logged, to prove no secret reaches a log line.
pub fn logs() -> &'static Arc<Mutex<Vec<u8>>> {
    static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOGS.get_or_init(|| {
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&buffer);
        tracing_subscriber::fmt()
            .with_env_filter("debug")
            .with_ansi(false)
            .with_writer(move || LogWriter(Arc::clone(&sink)))
            .init();
        buffer
    })
}

pub struct LogWriter(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for LogWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("log buffer").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The secret the extension would keep while a connect runs.
pub const CONNECT_SECRET: &str = "the-connect-secret-this-browser-keeps";

pub struct App {
    pub url: String,
    pub http: reqwest::Client,
    pub state: AppState,
    pub lever: lever_sim::Running,
    /// Every body the backend sent back in this test.
    pub seen: Mutex<Vec<String>>,
    _dir: tempfile::TempDir,
}

pub async fn spawn_app() -> App {
    spawn_app_with(false).await
}

/// With `background_sync`, the sync worker runs as in production.
pub async fn spawn_app_with(background_sync: bool) -> App {
    spawn_app_editing(|config| config.sync_in_background = background_sync).await
}

/// The backend with a setting or two changed from the tests' defaults.
pub async fn spawn_app_editing(edit: impl FnOnce(&mut Config)) -> App {
    logs();
    let backend_l = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("port");
    let url = format!("http://{}", backend_l.local_addr().expect("addr"));
    let lever_l = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("port");
    let lever = lever_sim::spawn(lever_l, Seed::demo(vec![format!("{url}/api/v1/lever/callback")])).expect("sim");
    let dir = tempfile::tempdir().expect("dir");
    let config = Config {
        config_file: None,
        bind: backend_l.local_addr().expect("addr"),
        public_url: url.parse().expect("url"),
        database_url: database_url(&dir).await,
        lever_env: backend::config::LeverEnvironment::Custom,
        lever_base_url: Some(lever.base_url.parse().expect("url")),
        lever_client_id: DEMO_CLIENT_ID.into(),
        lever_client_secret: DEMO_CLIENT_SECRET.parse().expect("secret"),
        encryption_key: "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=".parse().expect("key"),
        previous_encryption_keys: Vec::new(),
        lever_accounts: Vec::new(),
        rate_limit_address_per_sec: 100,
        rate_limit_session_per_sec: 20,
        rate_limit_anonymous_per_sec: 2,
        metrics_token: Some("metrics-token".parse().expect("token")),
        extension_ids: vec![shared::EXTENSION_ID.into()],
        default_phone_region: "US".into(),
        sync_interval_secs: 3600,
        export_claim_timeout_secs: 120,
        lever_timeout_secs: 2,
        sync_in_background: false,
    };
    let mut config = config;
    edit(&mut config);
    let state = AppState::new(config).await.expect("starts");
    let served = state.clone();
    tokio::spawn(async move { backend::serve(backend_l, served, std::future::pending()).await.ok() });
    let http = reqwest::Client::builder().redirect(Policy::none()).build().expect("client");
    App { url, http, state, lever, seen: Mutex::default(), _dir: dir }
}

/// A fresh database for one test: SQLite in a temporary folder, or, when
/// `PBL_TEST_POSTGRES_URL` names a PostgreSQL server (as `cargo xtask test` does for its second
/// pass), a new database there.
pub async fn database_url(dir: &tempfile::TempDir) -> String {
    use sqlx::Connection as _;
    let Ok(admin) = std::env::var("PBL_TEST_POSTGRES_URL") else {
        return format!("sqlite://{}/b.db?mode=rwc", dir.path().display());
    };
    let name = format!("pbl_test_{}", uuid::Uuid::new_v4().simple());
    let mut conn = sqlx::postgres::PgConnection::connect(&admin).await.expect("PostgreSQL answers");
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut conn).await.expect("database created");
    let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin);
    format!("{base}/{name}")
}

pub fn location(res: &reqwest::Response) -> String {
    res.headers().get("location").and_then(|v| v.to_str().ok()).expect("a redirect").to_owned()
}

pub fn query(url: &str, key: &str) -> Option<String> {
    let url = url::Url::parse(url).ok()?;
    url.query_pairs().find(|(k, _)| k == key).map(|(_, v)| v.into_owned())
}

impl App {
    /// Drives the Lever simulator's control API (faults, users, webhooks).
    pub async fn sim(&self, path: &str, body: Value) {
        let res = self.http.post(format!("{}/_sim{path}", self.lever.base_url)).json(&body).send().await.expect("sent");
        assert!(res.status().is_success(), "{path}: {}", res.status());
    }

    /// The export task `id` once none of its candidates waits or runs (a minute at most: the
    /// fault tests back off for seconds).
    pub async fn settled(&self, session: &str, id: &str) -> Value {
        for _ in 0..600 {
            let (_, task) = self.call(session, reqwest::Method::GET, &format!("/api/v1/exports/{id}"), None).await;
            if task["counts"]["queued"] == 0 && task["counts"]["exporting"] == 0 {
                return task;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("the export did not finish");
    }

    pub fn user_id(&self, name: &str) -> String {
        let world = self.lever.sim.world();
        world.accounts.iter().flat_map(|a| &a.users).find(|u| u.name == name).map(|u| u.id.clone()).expect("a user")
    }

    pub fn org_of(&self, account: &str) -> String {
        let store = self.state.store.clone();
        let account = account.to_owned();
        tokio::task::block_in_place(|| {
            tokio::runtime::Handle::current().block_on(async move { store.upsert_organisation(&account).await })
        })
        .expect("org")
    }

    /// Lever's consent as `user`, up to the callback URL Lever sends the browser to (started
    /// by a browser holding [`CONNECT_SECRET`]).
    pub async fn consent(&self, user: &str, decision: &str) -> String {
        let start: Value = self
            .http
            .post(format!("{}/api/v1/lever/connect", self.url))
            .json(&json!({"secret_hash": backend::crypto::hash(CONNECT_SECRET)}))
            .send()
            .await
            .expect("sent")
            .json()
            .await
            .expect("json");
        let authorize = start["authorize_url"].as_str().expect("url");
        self.lever.decide(&self.http, authorize, &self.user_id(user), decision).await
    }

    /// Follows Lever's callback to the done page; returns its URL.
    pub async fn callback(&self, callback_url: &str) -> String {
        let res = self.http.get(callback_url).send().await.expect("sent");
        location(&res)
    }

    /// Connects as `user` and returns the session the extension would get.
    pub async fn connect_as(&self, user: &str) -> String {
        let done = self.callback(&self.consent(user, "accept").await).await;
        assert_eq!(query(&format!("{}{done}", self.url), "outcome").as_deref(), Some("connected"), "{done}");
        let handoff = query(&format!("{}{done}", self.url), "handoff").expect("handoff");
        let grant: SessionGrant =
            self.post("", "/api/v1/sessions", json!({"handoff": handoff, "secret": CONNECT_SECRET})).await.1;
        grant.token
    }

    pub async fn call(
        &self,
        token: &str,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut req = self.http.request(method, format!("{}{path}", self.url));
        if !token.is_empty() {
            req = req.bearer_auth(token);
        }
        if let Some(body) = body {
            req = req.json(&body);
        }
        let res = req.send().await.expect("sent");
        let status = res.status();
        let text = res.text().await.expect("body");
        self.seen.lock().expect("seen").push(text.clone());
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    pub async fn get<T: serde::de::DeserializeOwned>(&self, token: &str, path: &str) -> (StatusCode, T) {
        let (status, body) = self.call(token, reqwest::Method::GET, path, None).await;
        (status, serde_json::from_value(body.clone()).unwrap_or_else(|e| panic!("{path}: {e}: {body}")))
    }

    pub async fn post<T: serde::de::DeserializeOwned>(&self, token: &str, path: &str, body: Value) -> (StatusCode, T) {
        let (status, body) = self.call(token, reqwest::Method::POST, path, Some(body)).await;
        (status, serde_json::from_value(body.clone()).unwrap_or_else(|e| panic!("{path}: {e}: {body}")))
    }

    pub async fn status(&self, token: &str) -> ConnectionStatus {
        self.get(token, "/api/v1/lever/connection").await.1
    }

    pub async fn token_requests(&self) -> u64 {
        self.lever.sim.world().stats.token_requests
    }
}

pub trait MapBody {
    fn map_body<T: serde::de::DeserializeOwned>(self) -> (StatusCode, T);
}

impl MapBody for (StatusCode, Value) {
    fn map_body<T: serde::de::DeserializeOwned>(self) -> (StatusCode, T) {
        (self.0, serde_json::from_value(self.1).expect("the expected body"))
    }
}
