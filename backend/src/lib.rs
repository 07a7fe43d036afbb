//! The ProvenBase → Lever bridge server. It holds the Lever OAuth client secret and tokens (they
//! never leave it), answers the extension, and talks to Lever. `app()` builds the whole HTTP
//! application; `serve()` runs it (with the callers' addresses, for the rate limits) and the
//! background workers; `main.rs` only reads config and serves.

use axum::{
    Router,
    extract::DefaultBodyLimit,
    http::{HeaderValue, Method, header},
};
use std::sync::Arc;

use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

pub mod auth;
pub mod config;
pub mod crypto;
pub mod error;
pub mod export;
pub mod lever;
pub mod limits;
pub mod locks;
pub mod metrics;
pub mod routes;
pub mod store;
pub mod sync;
pub mod text;

pub use config::Config;

/// Requests larger than this are refused before any handler reads them.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub store: store::Store,
    pub sealer: crypto::Sealer,
    pub lever: Arc<lever::Lever>,
    /// Duplicate checks answered since start (a figure for tests and benchmarks).
    pub checks: Arc<std::sync::atomic::AtomicU64>,
    /// Wakes the export worker when a task arrives.
    pub export_kick: Arc<tokio::sync::Notify>,
    /// Wakes the sync worker (e.g. when a Super Admin turns sync on).
    pub sync_kick: Arc<tokio::sync::Notify>,
    /// Request budgets per address and per session.
    pub limits: limits::Limits,
    pub metrics: metrics::Metrics,
    sync_locks: Arc<locks::KeyedLocks>,
}

impl AppState {
    pub async fn new(config: Config) -> Result<Self, StartError> {
        config.validate()?;
        let endpoints = config.lever_endpoints()?;
        let oauth = lever::LeverOAuth::new(
            &endpoints,
            &config.lever_client_id,
            &config.lever_client_secret,
            &config.callback_url(),
        )
        .map_err(StartError::Lever)?;
        let timeout = std::time::Duration::from_secs(config.lever_timeout_secs.max(1));
        let metrics = metrics::Metrics::default();
        let api = lever::LeverApi::new(&endpoints.api_base, timeout, metrics.clone()).map_err(StartError::Lever)?;
        let sealer = crypto::Sealer::rotated(&config.encryption_key_bytes()?, &config.previous_encryption_key_bytes()?);
        let store = store::Store::connect(&config.database_url).await?;
        let budget = lever::budget::RateBudget::for_store(&store, metrics.clone());
        Ok(Self {
            limits: limits::Limits::new(&config),
            metrics,
            config: Arc::new(config),
            store,
            sealer,
            lever: Arc::new(lever::Lever::new(oauth, api, budget, &endpoints.web_app)),
            checks: Arc::default(),
            export_kick: Arc::default(),
            sync_kick: Arc::default(),
            sync_locks: Arc::default(),
        })
    }

    /// One sync pass at a time per organisation.
    pub fn sync_lock(&self, org: &str) -> Arc<tokio::sync::Mutex<()>> {
        self.sync_locks.get(org)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("configuration: {0}")]
    Config(#[from] config::ConfigError),
    #[error("store: {0}")]
    Store(#[from] store::StoreError),
    #[error("Lever client: {0}")]
    Lever(String),
    #[error("cannot listen: {0}")]
    Listen(#[from] std::io::Error),
}

/// How long a browser may reuse a CORS preflight's answer (Chrome's cap).
pub const CORS_MAX_AGE: std::time::Duration = std::time::Duration::from_secs(2 * 60 * 60);

pub fn app(state: AppState) -> Router {
    let origins: Vec<HeaderValue> =
        state.config.allowed_origins().iter().filter_map(|o| HeaderValue::from_str(o).ok()).collect();
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE])
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE])
        // The extension reads it to wait out a 429.
        .expose_headers([header::RETRY_AFTER])
        // Where the extension has no host permission for the backend (any deployment but ours),
        // each check is preflighted: Chrome keeps a preflight 5 s unless told, and at most 2 h.
        .max_age(CORS_MAX_AGE);
    let budgets = axum::middleware::from_fn_with_state(state.limits.clone(), limits::enforce);
    let request_id = axum::http::HeaderName::from_static("x-request-id");
    // Each request gets an id (or keeps the one it came with), echoed in the answer, on the span
    // of everything logged while it is handled. Paths only: a query may hold an OAuth code.
    let traced = TraceLayer::new_for_http().make_span_with(|request: &axum::http::Request<_>| {
        let id = request.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or_default();
        tracing::info_span!("request", id, method = %request.method(), path = request.uri().path())
    });
    routes::router(&state)
        .fallback(|| async { error::AppError::NotFound(crate::text!("error-no-such-route")) })
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(budgets)
        // Outside the budgets, so that a refusal for being over one speaks the caller's language.
        .layer(axum::middleware::from_fn(text::speak))
        .layer(cors)
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(traced)
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
        .with_state(state)
}

#[cfg(test)]
impl AppState {
    /// A backend on a fresh SQLite file, with Lever at an address where nothing listens.
    pub(crate) async fn for_tests() -> Self {
        use clap::Parser as _;
        let db = std::env::temp_dir().join(format!("pbl-unit-{}.db", uuid::Uuid::new_v4()));
        let database = format!("sqlite://{}?mode=rwc", db.display());
        let config = Config::try_parse_from([
            "backend",
            "--lever-client-id=id",
            "--lever-client-secret=secret",
            "--encryption-key=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            "--lever-env=custom",
            "--lever-base-url=http://127.0.0.1:9",
            "--rate-limit-address-per-sec=100000",
            "--rate-limit-anonymous-per-sec=100000",
            &format!("--database-url={database}"),
        ])
        .expect("a test configuration");
        Self::new(config).await.expect("starts")
    }
}

/// Serves the app on `listener`, with the background profile sync, until `shutdown` resolves.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), StartError> {
    let sync_worker = state.config.sync_in_background.then(|| sync::spawn_worker(state.clone()));
    let export_worker = export::spawn_worker(state.clone());
    let app = app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    let served = axum::serve(listener, app).with_graceful_shutdown(shutdown).await;
    if let Some(worker) = sync_worker {
        worker.abort();
    }
    export_worker.abort();
    served?;
    Ok(())
}
