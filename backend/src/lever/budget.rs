//! One Lever rate budget per account (10 requests a second, bursts of 20), drawn on by every
//! call we make for it: sync, exports, lists, every user. A single backend on SQLite keeps the
//! bucket in memory (governor). Replicas on PostgreSQL share one bucket in the database: GCRA,
//! one conditional `UPDATE` per request, so two replicas never spend the same slot.

use std::num::NonZeroU32;
use std::time::Duration;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use super::{BURST, RATE_PER_SECOND};
use crate::store::{Store, StoreError};

/// The time between two requests at the steady rate.
const INTERVAL_MS: i64 = 1_000 / RATE_PER_SECOND as i64;
/// A slot is taken, then the request travels: two slots of Lever's burst are kept back so that
/// jitter between taking and arriving (a busy machine, replicas in different processes) does
/// not reach Lever's limit.
const OUR_BURST: u32 = BURST - 2;

#[derive(Debug)]
pub struct RateBudget {
    bucket: Bucket,
    metrics: crate::metrics::Metrics,
}

#[derive(Debug)]
enum Bucket {
    /// In this process only: one backend.
    Local(DefaultKeyedRateLimiter<String>),
    /// In the database: every replica draws from the same bucket.
    Shared(Store),
}

impl RateBudget {
    /// Shared when the store can be shared by replicas (PostgreSQL), else local.
    pub fn for_store(store: &Store, metrics: crate::metrics::Metrics) -> Self {
        let bucket = if store.is_shared() {
            Bucket::Shared(store.clone())
        } else {
            let quota = Quota::per_second(NonZeroU32::new(RATE_PER_SECOND).unwrap_or(NonZeroU32::MIN))
                .allow_burst(NonZeroU32::new(OUR_BURST).unwrap_or(NonZeroU32::MIN));
            Bucket::Local(RateLimiter::keyed(quota))
        };
        Self { bucket, metrics }
    }

    /// A budget kept in `store`'s database, whatever the database.
    pub fn shared(store: Store, metrics: crate::metrics::Metrics) -> Self {
        Self { bucket: Bucket::Shared(store), metrics }
    }

    /// Waits for the organisation's next request slot.
    pub async fn until_ready(&self, org: &str) -> Result<(), StoreError> {
        let started = std::time::Instant::now();
        let ready = self.slot(org).await;
        self.metrics.waited_for_budget(started.elapsed());
        ready
    }

    async fn slot(&self, org: &str) -> Result<(), StoreError> {
        match &self.bucket {
            Bucket::Local(limiter) => {
                limiter.until_key_ready(&org.to_owned()).await;
                Ok(())
            }
            Bucket::Shared(store) => loop {
                match store.take_rate_slot(org, INTERVAL_MS, i64::from(OUR_BURST)).await? {
                    None => return Ok(()),
                    Some(wait_ms) => {
                        tokio::time::sleep(Duration::from_millis(wait_ms.clamp(1, 1_000).unsigned_abs())).await
                    }
                }
            },
        }
    }
}
