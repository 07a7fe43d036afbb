//! The audit trail: who did what, kept for the organisation's retention.

use super::*;

impl Store {
    pub async fn audit(
        &self,
        org: &str,
        actor: Option<&str>,
        action: AuditAction,
        detail: serde_json::Value,
    ) -> Result<()> {
        query("INSERT INTO audit_log (id, organisation_id, actor, action, detail, at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(new_id())
            .bind(org)
            .bind(actor)
            .bind(action.as_str())
            .bind(detail.to_string())
            .bind(now_ms())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The organisation's audit trail, newest first (at most `limit` entries), with each actor's name.
    pub async fn audit_trail(&self, org: &str, limit: i64) -> Result<Vec<AuditEntry>> {
        let rows = query(
            "SELECT a.action, m.name AS actor, a.detail, a.at FROM audit_log a LEFT JOIN members m ON m.id = a.actor \
             WHERE a.organisation_id = $1 ORDER BY a.at DESC, a.id LIMIT $2",
        )
        .bind(org)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let action = text(r, "action")?;
                Ok(AuditEntry {
                    action: AuditAction::parse(&action)
                        .ok_or_else(|| StoreError::Corrupt(format!("unknown audit action {action:?}")))?,
                    actor: opt_text(r, "actor")?,
                    detail: serde_json::from_str(&text(r, "detail")?)
                        .map_err(|e| StoreError::Corrupt(format!("audit detail: {e}")))?,
                    at: int(r, "at")?,
                })
            })
            .collect()
    }

    /// Drops every organisation's audit entries older than its retention; returns how many.
    pub async fn purge_audit(&self) -> Result<u64> {
        let done = query(
            "DELETE FROM audit_log WHERE at < $1 - (SELECT s.audit_retention_days FROM settings s \
             WHERE s.organisation_id = audit_log.organisation_id) * 86400000",
        )
        .bind(now_ms())
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }
}
