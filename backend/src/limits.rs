//! Request budgets per caller (governor's GCRA): every address has a generous one, a signed-in
//! caller one per session, and calls without a session (connect, sign-in codes, invites) a small
//! one per address — whatever `Authorization` they carry (health checks and Lever's signed
//! webhooks only count toward the first). Over budget: `429 Too Many Requests` with `Retry-After`, which the extension
//! waits out. Budgets live in each replica's memory: with N replicas a caller gets up to N times
//! the budget, which still bounds a flood (Lever's own budget is shared in the database).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock as _, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::config::Config;
use crate::error::AppError;

/// Bursts are this many seconds' worth of the steady rate.
const BURST_SECONDS: u32 = 10;
/// Forget idle callers every so many requests, so the budgets' memory stays bounded.
const SWEEP_EVERY: u64 = 4_096;

#[derive(Clone)]
pub struct Limits {
    address: Option<Arc<DefaultKeyedRateLimiter<IpAddr>>>,
    session: Option<Arc<DefaultKeyedRateLimiter<String>>>,
    anonymous: Option<Arc<DefaultKeyedRateLimiter<IpAddr>>>,
    seen: Arc<AtomicU64>,
}

impl std::fmt::Debug for Limits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Limits")
    }
}

fn keyed<K: std::hash::Hash + Eq + Clone>(per_second: u32) -> Option<Arc<DefaultKeyedRateLimiter<K>>> {
    let rate = NonZeroU32::new(per_second)?;
    let burst = NonZeroU32::new(per_second.saturating_mul(BURST_SECONDS)).unwrap_or(rate);
    Some(Arc::new(RateLimiter::keyed(Quota::per_second(rate).allow_burst(burst))))
}

impl Limits {
    /// The budgets the configuration sets (a rate of 0 turns that budget off).
    pub fn new(config: &Config) -> Self {
        Self {
            address: keyed(config.rate_limit_address_per_sec),
            session: keyed(config.rate_limit_session_per_sec),
            anonymous: keyed(config.rate_limit_anonymous_per_sec),
            seen: Arc::default(),
        }
    }

    /// `Err(seconds to wait)` when a request is over one of its budgets.
    fn admit(&self, address: IpAddr, session: Option<&str>, method: &Method, path: &str) -> Result<(), u64> {
        if self.seen.fetch_add(1, Ordering::Relaxed) % SWEEP_EVERY == SWEEP_EVERY - 1 {
            self.sweep();
        }
        let wait = |not_until: governor::NotUntil<_>| not_until.wait_time_from(DefaultClock::default().now());
        if let Some(limiter) = &self.address {
            limiter.check_key(&address).map_err(|n| wait(n).as_secs() + 1)?;
        }
        let budget = match session {
            // A made-up `Authorization` must not buy a sign-in call a budget of its own.
            Some(_) if signs_in(method, path) => self.anonymous.as_ref().map(|l| l.check_key(&address)),
            Some(token) => self.session.as_ref().map(|l| l.check_key(&crate::crypto::hash(token))),
            None if path == "/healthz" || path.starts_with("/api/v1/lever/webhooks/") => None,
            None => self.anonymous.as_ref().map(|l| l.check_key(&address)),
        };
        budget.unwrap_or(Ok(())).map_err(|n| wait(n).as_secs() + 1)
    }

    fn sweep(&self) {
        if let Some(l) = &self.address {
            l.retain_recent();
        }
        if let Some(l) = &self.session {
            l.retain_recent();
        }
        if let Some(l) = &self.anonymous {
            l.retain_recent();
        }
    }
}

/// The calls that need no session: starting a connect, Lever's callback and the done page, and
/// trading a handoff or invite code for a session.
fn signs_in(method: &Method, path: &str) -> bool {
    use shared::endpoints::{ConnectCallback, ConnectDone, CreateSession, Endpoint, JoinWithInvite, StartConnect};
    fn is<E: Endpoint>(method: &Method, path: &str) -> bool {
        method.as_str() == E::METHOD.as_str() && path == E::ROUTE
    }
    is::<StartConnect>(method, path)
        || is::<ConnectCallback>(method, path)
        || is::<ConnectDone>(method, path)
        || is::<CreateSession>(method, path)
        || is::<JoinWithInvite>(method, path)
}

/// The middleware: admits the request or answers 429 with `Retry-After`.
pub async fn enforce(State(limits): State<Limits>, request: Request, next: Next) -> Response {
    let address = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |info| info.0.ip());
    let session = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    match limits.admit(address, session, request.method(), request.uri().path()) {
        Ok(()) => next.run(request).await,
        Err(seconds) => {
            tracing::debug!(%address, seconds, "refused a request over its budget");
            let mut response = AppError::RateLimited(seconds).into_response();
            if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
            response
        }
    }
}
