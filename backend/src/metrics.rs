//! What an operator watches, in Prometheus' text format at `GET /metrics` (with the bearer token
//! `PBL_METRICS_TOKEN`; without one set, metrics are off): requests by route and status, exports
//! by outcome, Lever calls by status and its 429s, time waited on the Lever rate budget, duplicate
//! check latency, and how old the oldest organisation's profile index is (sync lag).

use std::sync::Arc;
use std::time::Duration;

use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

type Labels<const N: usize> = [(&'static str, String); N];

#[derive(Debug, Clone)]
pub struct Metrics(Arc<Inner>);

#[derive(Debug)]
struct Inner {
    registry: Registry,
    requests: Family<Labels<3>, Counter>,
    exports: Family<Labels<1>, Counter>,
    lever_calls: Family<Labels<1>, Counter>,
    lever_rate_limited: Counter,
    budget_wait: Counter<f64>,
    check_seconds: Histogram,
    sync_lag: Gauge<f64, std::sync::atomic::AtomicU64>,
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("pbl");
        let requests = Family::<Labels<3>, Counter>::default();
        registry.register("http_requests", "Requests answered, by route, method and status", requests.clone());
        let exports = Family::<Labels<1>, Counter>::default();
        registry.register("exports", "Candidates whose export ended, by outcome", exports.clone());
        let lever_calls = Family::<Labels<1>, Counter>::default();
        registry.register("lever_requests", "Calls to Lever's API, by HTTP status", lever_calls.clone());
        let lever_rate_limited = Counter::default();
        registry.register("lever_rate_limited", "Calls Lever answered with 429", lever_rate_limited.clone());
        let budget_wait = Counter::<f64>::default();
        registry.register(
            "lever_budget_wait_seconds",
            "Time spent waiting for the Lever rate budget",
            budget_wait.clone(),
        );
        let check_seconds = Histogram::new(exponential_buckets(0.001, 2.0, 14));
        registry.register("check_duration_seconds", "Duplicate checks, from request to answer", check_seconds.clone());
        let sync_lag = Gauge::<f64, std::sync::atomic::AtomicU64>::default();
        registry.register(
            "sync_lag_seconds",
            "Age of the oldest organisation's profile index (since its last successful sync)",
            sync_lag.clone(),
        );
        Self(Arc::new(Inner {
            registry,
            requests,
            exports,
            lever_calls,
            lever_rate_limited,
            budget_wait,
            check_seconds,
            sync_lag,
        }))
    }
}

impl Metrics {
    /// `route` is the matched route (`/api/v1/exports/{id}`), never the path with its ids.
    pub fn request(&self, route: &str, method: &str, status: u16) {
        let labels = [("route", route.to_owned()), ("method", method.to_owned()), ("status", status.to_string())];
        self.0.requests.get_or_create(&labels).inc();
    }

    pub fn export_ended(&self, outcome: &str) {
        self.0.exports.get_or_create(&[("outcome", outcome.to_owned())]).inc();
    }

    /// A Lever call's status (`0`: no answer).
    pub fn lever_answered(&self, status: u16) {
        self.0.lever_calls.get_or_create(&[("status", status.to_string())]).inc();
        if status == 429 {
            self.0.lever_rate_limited.inc();
        }
    }

    pub fn waited_for_budget(&self, waited: Duration) {
        self.0.budget_wait.inc_by(waited.as_secs_f64());
    }

    pub fn checked(&self, took: Duration) {
        self.0.check_seconds.observe(took.as_secs_f64());
    }

    pub fn sync_lag(&self, lag: Duration) {
        self.0.sync_lag.set(lag.as_secs_f64());
    }

    /// Everything, in Prometheus' text format.
    pub fn render(&self) -> String {
        let mut text = String::new();
        encode(&mut text, &self.0.registry).ok();
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_figure_renders_with_its_labels() {
        let metrics = Metrics::default();
        metrics.request("/api/v1/exports/{id}", "GET", 200);
        metrics.export_ended("exported");
        metrics.lever_answered(429);
        metrics.waited_for_budget(Duration::from_millis(1500));
        metrics.checked(Duration::from_millis(3));
        metrics.sync_lag(Duration::from_secs(90));
        let text = metrics.render();
        for line in [
            "pbl_http_requests_total{route=\"/api/v1/exports/{id}\",method=\"GET\",status=\"200\"} 1",
            "pbl_exports_total{outcome=\"exported\"} 1",
            "pbl_lever_requests_total{status=\"429\"} 1",
            "pbl_lever_rate_limited_total 1",
            "pbl_lever_budget_wait_seconds_total 1.5",
            "pbl_check_duration_seconds_count 1",
            "pbl_sync_lag_seconds 90.0",
        ] {
            assert!(text.lines().any(|l| l == line), "{line} missing from:\n{text}");
        }
    }
}
