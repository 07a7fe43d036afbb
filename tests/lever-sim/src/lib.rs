//! The Lever simulator: Lever's OAuth and REST API, played faithfully from `docs/lever-api.md`, for
//! our tests and the demo. Never linked into the backend; the backend talks to it over HTTP
//! exactly as it talks to Lever.
//!
//! - `oauth`: authorize (sign-in, consent), token endpoint, JWT access tokens, refresh rotation.
//! - `api`: `/v1/*`, behind auth, the per-account rate limit and injected faults.
//! - `control`: `/_sim/*`, the test-control API.
//! - `world`, `model`, `seed`: the state, Lever's objects, and the demo account.

use std::sync::{Arc, Mutex, MutexGuard};

use axum::{Router, routing::get};

pub mod api;
pub mod control;
pub mod model;
pub mod oauth;
pub mod seed;
pub mod webhooks;
pub mod world;

pub use seed::{DEMO_ACCOUNT, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, OTHER_ACCOUNT, Seed};
pub use world::{FaultPlan, World};

/// A handle on one simulator's state; cheap to clone.
#[derive(Clone, Debug)]
pub struct Sim {
    world: Arc<Mutex<World>>,
    http: reqwest::Client,
}

impl Sim {
    /// A simulator reachable at `base_url`, seeded with `seed`.
    pub fn new(base_url: impl Into<String>, seed: Seed) -> Result<Self, String> {
        let mut world = World::new(base_url.into());
        seed.apply(&mut world)?;
        Ok(Self { world: Arc::new(Mutex::new(world)), http: reqwest::Client::new() })
    }

    /// The state. A panic elsewhere must not wedge every later request, so poisoning is ignored.
    pub fn world(&self) -> MutexGuard<'_, World> {
        self.world.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

pub fn router(sim: Sim) -> Router {
    Router::new()
        .route("/authorize", get(oauth::authorize))
        .route("/authorize/consent", get(oauth::consent))
        .route("/authorize/decision", axum::routing::post(oauth::decide))
        .route("/oauth/token", axum::routing::post(oauth::token))
        .route("/healthz", get(|| async { "ok" }))
        .nest("/v1", api::router(sim.clone()))
        .nest("/_sim", control::router())
        .with_state(sim)
}

/// A running simulator on an already-bound listener.
pub struct Running {
    pub sim: Sim,
    pub base_url: String,
    pub task: tokio::task::JoinHandle<()>,
}

impl Running {
    /// What a person does on Lever's consent page for the app's `authorize_url`: the user
    /// `user_id` answers `decision` (`accept` or `deny`). Returns where Lever sends the browser
    /// next (the app's callback with a code, or an error). `http` must not follow redirects.
    pub async fn decide(&self, http: &reqwest::Client, authorize_url: &str, user_id: &str, decision: &str) -> String {
        let authorize = url::Url::parse(authorize_url).expect("an authorize URL");
        let mut form: Vec<(String, String)> = authorize.query_pairs().into_owned().collect();
        form.push(("user_id".into(), user_id.into()));
        form.push(("decision".into(), decision.into()));
        let res = http.post(format!("{}/authorize/decision", self.base_url)).form(&form).send().await.expect("sent");
        res.headers().get("location").and_then(|v| v.to_str().ok()).expect("a redirect").to_owned()
    }
}

/// Binds nothing itself: serves `seed` on `listener` in a background task.
pub fn spawn(listener: tokio::net::TcpListener, seed: Seed) -> Result<Running, String> {
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let base_url = format!("http://{addr}");
    let sim = Sim::new(base_url.clone(), seed)?;
    let app = router(sim.clone());
    let task = tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, app).await {
            tracing::error!("lever simulator stopped: {e}");
        }
    });
    Ok(Running { sim, base_url, task })
}
