//! Page adapter overrides and empty-page reports.

use shared::api::{EmptyPageReport, EmptyPageSeen};
use sqlx::query;

use super::{Result, Store, StoreError, int, new_id, now_ms, opt_text, text};

/// Reports of one page by anyone within this long count once.
const REPORT_DEDUPE_MS: i64 = 60 * 60_000;

impl Store {
    pub async fn adapter_override(&self, org: &str) -> Result<Option<String>> {
        let row = query("SELECT config FROM adapter_overrides WHERE organisation_id = $1")
            .bind(org)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| text(&r, "config")).transpose()
    }

    /// Sets (or, with `None`, removes) the organisation's adapters.
    pub async fn set_adapter_override(&self, org: &str, config: Option<&str>) -> Result<()> {
        query("DELETE FROM adapter_overrides WHERE organisation_id = $1").bind(org).execute(&self.pool).await?;
        if let Some(config) = config {
            query("INSERT INTO adapter_overrides (organisation_id, config, updated_at) VALUES ($1, $2, $3)")
                .bind(org)
                .bind(config)
                .bind(now_ms())
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    pub async fn add_adapter_report(&self, org: &str, r: &EmptyPageReport, by: &str) -> Result<()> {
        let page = serde_json::to_value(r.page).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
        let recent = query(
            "SELECT id FROM adapter_reports WHERE organisation_id = $1 AND page = $2 AND path = $3 AND reported_at > $4",
        )
        .bind(org)
        .bind(&page)
        .bind(&r.path)
        .bind(now_ms() - REPORT_DEDUPE_MS)
        .fetch_optional(&self.pool)
        .await?;
        if recent.is_some() {
            return Ok(());
        }
        query(
            "INSERT INTO adapter_reports (id, organisation_id, page, path, adapter_version, reported_by, reported_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(new_id())
        .bind(org)
        .bind(page)
        .bind(&r.path)
        .bind(i64::from(r.adapter_version))
        .bind(by)
        .bind(now_ms())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn adapter_reports(&self, org: &str) -> Result<Vec<EmptyPageSeen>> {
        let rows = query("SELECT * FROM adapter_reports WHERE organisation_id = $1 ORDER BY reported_at DESC LIMIT 50")
            .bind(org)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                let page = text(r, "page")?;
                Ok(EmptyPageSeen {
                    page: serde_json::from_value(serde_json::Value::String(page.clone()))
                        .map_err(|_| StoreError::Corrupt(format!("unknown page {page}")))?,
                    path: text(r, "path")?,
                    adapter_version: u32::try_from(int(r, "adapter_version")?).unwrap_or(0),
                    reported_by: opt_text(r, "reported_by")?.unwrap_or_default(),
                    reported_at: int(r, "reported_at")?,
                })
            })
            .collect()
    }
}
