//! The integration's settings, one row per organisation.

use super::*;

impl Store {
    /// When the organisation whose profile index is oldest last synced successfully (among those
    /// with Auto Full Profiles Sync on), for the sync-lag figure.
    pub async fn oldest_sync_success(&self) -> Result<Option<i64>> {
        let row = query(
            "SELECT MIN(COALESCE(y.last_success_at, 0)) AS oldest FROM settings s \
             LEFT JOIN sync_state y ON y.organisation_id = s.organisation_id WHERE s.auto_sync_enabled = 1",
        )
        .fetch_one(&self.pool)
        .await?;
        opt_int(&row, "oldest")
    }

    pub async fn settings(&self, org: &str) -> Result<Option<Settings>> {
        let row =
            query("SELECT * FROM settings WHERE organisation_id = $1").bind(org).fetch_optional(&self.pool).await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(Settings {
            default_stage_id: opt_text(&row, "default_stage_id")?,
            auto_sync: AutoSync {
                enabled: int(&row, "auto_sync_enabled")? != 0,
                days: u16::try_from(int(&row, "auto_sync_days")?).unwrap_or(AutoSync::MAX_DAYS),
            },
            auto_sync_answered: int(&row, "auto_sync_answered")? != 0,
            integration_admin_id: opt_text(&row, "integration_admin_id")?,
            webhook_configured: opt_text(&row, "webhook_token")?.is_some(),
            audit_retention_days: u16::try_from(int(&row, "audit_retention_days")?)
                .unwrap_or(shared::api::DEFAULT_AUDIT_RETENTION_DAYS),
            exports_blocked: opt_text(&row, "exports_blocked")?,
            tag_exports: int(&row, "tag_exports")? != 0,
            updated_at: int(&row, "updated_at")?,
        }))
    }

    pub async fn save_settings(&self, org: &str, s: &Settings) -> Result<()> {
        query(
            "UPDATE settings SET default_stage_id = $1, auto_sync_enabled = $2, auto_sync_days = $3, \
             auto_sync_answered = $4, integration_admin_id = $5, updated_at = $6, audit_retention_days = $7, \
             exports_blocked = $8, tag_exports = $10 WHERE organisation_id = $9",
        )
        .bind(s.default_stage_id.as_deref())
        .bind(i64::from(s.auto_sync.enabled))
        .bind(i64::from(s.auto_sync.days))
        .bind(i64::from(s.auto_sync_answered))
        .bind(s.integration_admin_id.as_deref())
        .bind(s.updated_at)
        .bind(i64::from(s.audit_retention_days))
        .bind(s.exports_blocked.as_deref())
        .bind(org)
        .bind(i64::from(s.tag_exports))
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
