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

use tower_http::catch_panic::CatchPanicLayer;
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
    layered(routes::router(&state), state)
}

/// `routes` as the API serves them: every request with an id, traced, budgeted, answered in its
/// caller's language, and a handler that panics answered with the internal error (that request
/// alone fails; the panic is logged).
fn layered(routes: Router<AppState>, state: AppState) -> Router {
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
    routes
        .fallback(|| async { error::AppError::NotFound(crate::text!("error-no-such-route")) })
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(budgets)
        // Inside `speak`, so that its answer is in the caller's language too.
        .layer(CatchPanicLayer::custom(panicked))
        // Outside the budgets, so that a refusal for being over one speaks the caller's language.
        .layer(axum::middleware::from_fn(text::speak))
        .layer(cors)
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(traced)
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
        .with_state(state)
}

/// A handler panicked: the internal error (its cause in the log, never in the answer).
fn panicked(panic: Box<dyn std::any::Any + Send + 'static>) -> axum::response::Response {
    use axum::response::IntoResponse as _;
    error::AppError::Internal(format!("a handler panicked: {}", panic_message(panic.as_ref()))).into_response()
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".into())
}

/// `work` (one candidate's export, one organisation's sync), a panic in it turned into an internal
/// error: that item fails alone (retried, then given up with a reason), and its worker goes on
/// with the next instead of ending.
pub(crate) async fn unless_it_panics<T>(
    work: impl std::future::Future<Output = Result<T, lever::Error>>,
) -> Result<T, lever::Error> {
    use futures_util::FutureExt as _;
    std::panic::AssertUnwindSafe(work).catch_unwind().await.unwrap_or_else(|panic| {
        tracing::error!(panic = %panic_message(panic.as_ref()), "a background job panicked");
        Err(lever::Error::Internal("an internal failure (in the server's log)".into()))
    })
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

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use shared::api::{ApiError, ErrorCode};
    use tower::ServiceExt as _;

    async fn get(app: &axum::Router, path: &str) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
        let request = Request::get(path).header("accept-language", "fr-FR").body(Body::empty()).expect("request");
        let response = app.clone().oneshot(request).await.expect("answered");
        let (parts, body) = response.into_parts();
        (parts.status, parts.headers, axum::body::to_bytes(body, 1 << 20).await.expect("body").to_vec())
    }

    /// A handler that panics on some odd input fails that request alone: the internal error in
    /// the caller's language, with its request id, the panic's message kept out of the answer; the
    /// backend goes on answering.
    #[tokio::test]
    async fn a_handler_that_panics_fails_only_its_own_request() {
        let state = crate::AppState::for_tests().await;
        async fn odd() -> &'static str {
            panic!("an index out of bounds")
        }
        let routes = axum::Router::new().route("/odd", axum::routing::get(odd));
        let app = super::layered(routes, state);

        let (status, headers, body) = get(&app, "/odd").await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(headers.contains_key("x-request-id"), "{headers:?}");
        let error: ApiError = serde_json::from_slice(&body).expect("the API's error body");
        assert_eq!(error, ApiError::new(ErrorCode::Internal, "une erreur s'est produite sur le serveur"));

        let (status, _, body) = get(&app, "/elsewhere").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{}", String::from_utf8_lossy(&body));
    }

    /// The log says what the panic said, whether it was given a literal or a formatted message.
    #[test]
    fn the_log_gets_the_panics_own_words() {
        let literal = std::panic::catch_unwind(|| panic!("an index out of bounds")).expect_err("a panic");
        assert_eq!(super::panic_message(literal.as_ref()), "an index out of bounds");
        let formatted = std::panic::catch_unwind(|| panic!("card {} of {}", 7, 3)).expect_err("a panic");
        assert_eq!(super::panic_message(formatted.as_ref()), "card 7 of 3");
    }

    /// One export or sync that panics is an internal error for that one; the next runs.
    #[tokio::test]
    async fn background_work_that_panics_fails_alone() {
        async fn odd(panics: bool) -> Result<u8, crate::lever::Error> {
            assert!(!panics, "an index out of bounds");
            Ok(1)
        }
        let failed = super::unless_it_panics(odd(true)).await;
        assert!(matches!(failed, Err(crate::lever::Error::Internal(ref why)) if !why.contains("index")), "{failed:?}");
        assert_eq!(super::unless_it_panics(odd(false)).await.ok(), Some(1));
    }
}
