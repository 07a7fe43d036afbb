//! Helpers for the backend's integration tests (`backend/tests`), which link the normal
//! library: a `cfg(test)` item would be invisible to them, and a feature would compile the backend
//! twice in CI. Nothing in the server calls these.

use super::*;

impl Store {
    /// Every text value in every table, for tests that prove no secret is stored in the clear.
    pub async fn dump_text(&self) -> Result<Vec<String>> {
        let mut out = Vec::new();
        for table in [
            "organisations",
            "lever_connections",
            "settings",
            "members",
            "sessions",
            "invites",
            "audit_log",
            "sync_state",
        ] {
            for row in query(&format!("SELECT * FROM {table}")).fetch_all(&self.pool).await? {
                for i in 0..row.len() {
                    if let Ok(Some(v)) = row.try_get::<Option<String>, _>(i) {
                        out.push(v);
                    }
                }
            }
        }
        Ok(out)
    }

    /// Moves the stored access-token expiry (tests of refresh at expiry).
    pub async fn set_access_expiry(&self, org: &str, at: i64) -> Result<()> {
        query("UPDATE lever_connections SET access_expires_at = $1 WHERE organisation_id = $2")
            .bind(at)
            .bind(org)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn organisation_count(&self) -> Result<i64> {
        let row = query("SELECT COUNT(*) AS n FROM organisations").fetch_one(&self.pool).await?;
        int(&row, "n")
    }

    /// Overwrites the stored details of the candidate at `position` of task `task` with `raw`
    /// (tests of rows an older or broken backend wrote).
    pub async fn overwrite_export_candidate(&self, task: &str, position: i64, raw: &str) -> Result<()> {
        query("UPDATE export_items SET candidate = $1 WHERE task_id = $2 AND position = $3")
            .bind(raw)
            .bind(task)
            .bind(position)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
