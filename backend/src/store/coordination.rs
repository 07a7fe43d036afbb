//! What several backend replicas share through the database: Lever's request budget per
//! organisation (GCRA, one atomic `UPDATE`) and named leases (one replica at a time).

use super::*;

impl Store {
    /// Takes the organisation's next Lever request slot (GCRA over `rate_budgets`): `None` when
    /// taken, or how many ms until one frees up. Atomic across replicas: the condition is part
    /// of the `UPDATE`.
    pub async fn take_rate_slot(&self, org: &str, interval_ms: i64, burst: i64) -> Result<Option<i64>> {
        let now = now_ms();
        for _ in 0..2 {
            let taken = query(
                "UPDATE rate_budgets SET tat = (CASE WHEN tat > $2 THEN tat ELSE $2 END) + $3 \
                 WHERE organisation_id = $1 AND (CASE WHEN tat > $2 THEN tat ELSE $2 END) + $3 - $2 <= $4 RETURNING tat",
            )
            .bind(org)
            .bind(now)
            .bind(interval_ms)
            .bind(interval_ms * burst)
            .fetch_optional(&self.pool)
            .await?;
            if taken.is_some() {
                return Ok(None);
            }
            let row = query("SELECT tat FROM rate_budgets WHERE organisation_id = $1")
                .bind(org)
                .fetch_optional(&self.pool)
                .await?;
            match row {
                Some(row) => return Ok(Some(int(&row, "tat")? + interval_ms - interval_ms * burst - now)),
                None => {
                    query("INSERT INTO rate_budgets (organisation_id, tat) VALUES ($1, 0) ON CONFLICT (organisation_id) DO NOTHING")
                        .bind(org)
                        .execute(&self.pool)
                        .await?;
                }
            }
        }
        Ok(Some(1))
    }

    /// Takes the named lease for `ttl_ms` unless another holder's lease is still live; true if
    /// taken. Atomic across replicas (one upsert).
    pub async fn take_lease(&self, name: &str, holder: &str, ttl_ms: i64) -> Result<bool> {
        let now = now_ms();
        let done = query(
            "INSERT INTO leases (name, holder, until) VALUES ($1, $2, $3) ON CONFLICT (name) DO UPDATE \
             SET holder = excluded.holder, until = excluded.until WHERE leases.until < $4 OR leases.holder = $2",
        )
        .bind(name)
        .bind(holder)
        .bind(now + ttl_ms)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    pub async fn release_lease(&self, name: &str, holder: &str) -> Result<()> {
        query("DELETE FROM leases WHERE name = $1 AND holder = $2").bind(name).bind(holder).execute(&self.pool).await?;
        Ok(())
    }
}
