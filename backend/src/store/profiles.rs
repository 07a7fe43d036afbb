//! The local index of Lever profiles, the sync's progress, and webhook replay protection.

use shared::api::{LeverProfile, MatchKind};
use sqlx::any::AnyRow;
use sqlx::{Row as _, query};

use super::{Result, Store, int, now_ms, opt_int, opt_text, text};

/// The most values bound in one `IN (…)`: big checks run as several small queries.
pub const KEYS_PER_QUERY: usize = 500;

/// One Lever opportunity as the index keeps it, with its identity keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileRow {
    pub profile: LeverProfile,
    pub headline: String,
    pub name_key: String,
    pub headline_key: String,
    pub stage_id: Option<String>,
    pub owner_id: Option<String>,
    pub keys: Vec<(MatchKind, String)>,
}

/// The sync's bookkeeping for one organisation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncState {
    pub window_days: Option<i64>,
    /// Profiles updated before this instant are in the index.
    pub cursor: Option<i64>,
    /// Lever's `next` token of an unfinished pass, to resume after a restart.
    pub resume_offset: Option<String>,
    pub pass_started_at: Option<i64>,
    pub last_run_at: Option<i64>,
    pub last_success_at: Option<i64>,
    pub last_error: Option<String>,
}

pub fn kind_str(kind: MatchKind) -> &'static str {
    match kind {
        MatchKind::Email => "email",
        MatchKind::Linkedin => "linkedin",
        MatchKind::Phone => "phone",
        MatchKind::NameCompany => "name",
    }
}

pub(super) fn kind_of(s: &str) -> Option<MatchKind> {
    [MatchKind::Email, MatchKind::Linkedin, MatchKind::Phone].into_iter().find(|k| kind_str(*k) == s)
}

fn profile(row: &AnyRow) -> Result<(LeverProfile, String)> {
    Ok((
        LeverProfile {
            opportunity_id: text(row, "opportunity_id")?,
            contact_id: text(row, "contact_id")?,
            name: text(row, "name")?,
            stage_name: opt_text(row, "stage_name")?,
            archived: int(row, "archived")? != 0,
            owner_name: opt_text(row, "owner_name")?,
            updated_at: int(row, "updated_at")?,
            url: text(row, "url")?,
        },
        text(row, "headline_key")?,
    ))
}

/// Writes one profile and replaces its keys, inside the caller's transaction (the export worker
/// records an outcome and indexes the opportunity in one).
pub(super) async fn upsert_profile(conn: &mut sqlx::AnyConnection, org: &str, row: &ProfileRow) -> Result<()> {
    let p = &row.profile;
    query(
        "INSERT INTO lever_profiles (organisation_id, opportunity_id, contact_id, name, headline, name_key, \
         headline_key, stage_id, stage_name, archived, owner_id, owner_name, updated_at, url) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) \
         ON CONFLICT (organisation_id, opportunity_id) DO UPDATE SET contact_id = excluded.contact_id, \
         name = excluded.name, headline = excluded.headline, name_key = excluded.name_key, \
         headline_key = excluded.headline_key, stage_id = excluded.stage_id, stage_name = excluded.stage_name, \
         archived = excluded.archived, owner_id = excluded.owner_id, owner_name = excluded.owner_name, \
         updated_at = excluded.updated_at, url = excluded.url",
    )
    .bind(org)
    .bind(&p.opportunity_id)
    .bind(&p.contact_id)
    .bind(&p.name)
    .bind(&row.headline)
    .bind(&row.name_key)
    .bind(&row.headline_key)
    .bind(row.stage_id.as_deref())
    .bind(p.stage_name.as_deref())
    .bind(i64::from(p.archived))
    .bind(row.owner_id.as_deref())
    .bind(p.owner_name.as_deref())
    .bind(p.updated_at)
    .bind(&p.url)
    .execute(&mut *conn)
    .await?;
    query("DELETE FROM profile_keys WHERE organisation_id = $1 AND opportunity_id = $2")
        .bind(org)
        .bind(&p.opportunity_id)
        .execute(&mut *conn)
        .await?;
    for (kind, key) in &row.keys {
        query(
            "INSERT INTO profile_keys (organisation_id, kind, key, opportunity_id) VALUES ($1, $2, $3, $4) \
             ON CONFLICT DO NOTHING",
        )
        .bind(org)
        .bind(kind_str(*kind))
        .bind(key)
        .bind(&p.opportunity_id)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// `$first, $first+1, …` for `n` values.
pub(super) fn placeholders(first: usize, n: usize) -> String {
    (first..first + n).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

impl Store {
    /// Writes a page of profiles (replacing their keys) in one transaction.
    pub async fn upsert_profiles(&self, org: &str, rows: &[ProfileRow]) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        for row in rows {
            upsert_profile(&mut tx, org, row).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn delete_profiles(&self, org: &str, opportunities: &[String]) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        for id in opportunities {
            for table in ["profile_keys", "lever_profiles"] {
                query(&format!("DELETE FROM {table} WHERE organisation_id = $1 AND opportunity_id = $2"))
                    .bind(org)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// Profiles reachable from any of `keys`: (kind, key, profile), in queries of at most
    /// [`KEYS_PER_QUERY`] keys.
    pub async fn profiles_by_keys(&self, org: &str, keys: &[String]) -> Result<Vec<(MatchKind, String, LeverProfile)>> {
        let mut found = Vec::new();
        for batch in keys.chunks(KEYS_PER_QUERY) {
            let sql = format!(
                "SELECT k.kind, k.key, p.* FROM profile_keys k JOIN lever_profiles p \
                 ON p.organisation_id = k.organisation_id AND p.opportunity_id = k.opportunity_id \
                 WHERE k.organisation_id = $1 AND k.key IN ({})",
                placeholders(2, batch.len())
            );
            let mut q = query(&sql).bind(org);
            for key in batch {
                q = q.bind(key);
            }
            for row in q.fetch_all(&self.pool).await? {
                let Some(kind) = text(&row, "kind").ok().and_then(|k| kind_of(&k)) else { continue };
                found.push((kind, text(&row, "key")?, profile(&row)?.0));
            }
        }
        Ok(found)
    }

    /// Profiles whose folded name is one of `names`: (name key, folded headline, profile).
    pub async fn profiles_by_names(&self, org: &str, names: &[String]) -> Result<Vec<(String, String, LeverProfile)>> {
        let mut found = Vec::new();
        for batch in names.chunks(KEYS_PER_QUERY) {
            let sql = format!(
                "SELECT * FROM lever_profiles WHERE organisation_id = $1 AND name_key IN ({})",
                placeholders(2, batch.len())
            );
            let mut q = query(&sql).bind(org);
            for name in batch {
                q = q.bind(name);
            }
            for row in q.fetch_all(&self.pool).await? {
                let (p, headline_key) = profile(&row)?;
                found.push((text(&row, "name_key")?, headline_key, p));
            }
        }
        Ok(found)
    }

    /// A value that changes whenever what the badges of `org` say may have changed: a profile
    /// added, removed or updated (sync, webhook, export), or a candidate queued or finished. Read
    /// by the badge event stream, on every replica alike.
    pub async fn badge_fingerprint(&self, org: &str) -> Result<String> {
        let row = query(
            "SELECT (SELECT COUNT(*) FROM lever_profiles WHERE organisation_id = $1) AS profiles, \
             (SELECT COALESCE(MAX(updated_at), 0) FROM lever_profiles WHERE organisation_id = $1) AS updated, \
             (SELECT COUNT(*) FROM export_items WHERE organisation_id = $1 AND state IN ('queued', 'exporting')) \
             AS in_flight",
        )
        .bind(org)
        .fetch_one(&self.pool)
        .await?;
        Ok(format!("{}.{}.{}", int(&row, "profiles")?, int(&row, "updated")?, int(&row, "in_flight")?))
    }

    pub async fn profile_count(&self, org: &str) -> Result<i64> {
        let row = query("SELECT COUNT(*) AS n FROM lever_profiles WHERE organisation_id = $1")
            .bind(org)
            .fetch_one(&self.pool)
            .await?;
        int(&row, "n")
    }

    /// Empties the index (a new sync window, or sync turned off for good).
    pub async fn clear_profiles(&self, org: &str) -> Result<()> {
        for table in ["profile_keys", "lever_profiles"] {
            query(&format!("DELETE FROM {table} WHERE organisation_id = $1")).bind(org).execute(&self.pool).await?;
        }
        query("DELETE FROM sync_state WHERE organisation_id = $1").bind(org).execute(&self.pool).await?;
        Ok(())
    }

    pub async fn sync_state(&self, org: &str) -> Result<SyncState> {
        let row =
            query("SELECT * FROM sync_state WHERE organisation_id = $1").bind(org).fetch_optional(&self.pool).await?;
        let Some(row) = row else { return Ok(SyncState::default()) };
        Ok(SyncState {
            window_days: opt_int(&row, "window_days")?,
            cursor: opt_int(&row, "cursor")?,
            resume_offset: opt_text(&row, "resume_offset")?,
            pass_started_at: opt_int(&row, "pass_started_at")?,
            last_run_at: opt_int(&row, "last_run_at")?,
            last_success_at: opt_int(&row, "last_success_at")?,
            last_error: opt_text(&row, "last_error")?,
        })
    }

    pub async fn save_sync_state(&self, org: &str, s: &SyncState) -> Result<()> {
        query(
            "INSERT INTO sync_state (organisation_id, window_days, cursor, resume_offset, pass_started_at, last_run_at, \
             last_success_at, last_error) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (organisation_id) DO UPDATE SET window_days = excluded.window_days, cursor = excluded.cursor, \
             resume_offset = excluded.resume_offset, pass_started_at = excluded.pass_started_at, \
             last_run_at = excluded.last_run_at, last_success_at = excluded.last_success_at, last_error = excluded.last_error",
        )
        .bind(org)
        .bind(s.window_days)
        .bind(s.cursor)
        .bind(s.resume_offset.as_deref())
        .bind(s.pass_started_at)
        .bind(s.last_run_at)
        .bind(s.last_success_at)
        .bind(s.last_error.as_deref())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Organisations whose sync should run: connected, with Auto Full Profiles Sync on.
    pub async fn organisations_to_sync(&self) -> Result<Vec<String>> {
        let rows = query(
            "SELECT s.organisation_id FROM settings s JOIN lever_connections c ON c.organisation_id = s.organisation_id \
             WHERE c.state = 'connected'",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| text(r, "organisation_id")).collect()
    }

    pub async fn set_webhook_token(&self, org: &str, sealed: Option<&str>) -> Result<()> {
        query("UPDATE settings SET webhook_token = $1 WHERE organisation_id = $2")
            .bind(sealed)
            .bind(org)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn webhook_token(&self, org: &str) -> Result<Option<String>> {
        let row = query("SELECT webhook_token FROM settings WHERE organisation_id = $1")
            .bind(org)
            .fetch_optional(&self.pool)
            .await?;
        Ok(match row {
            Some(row) => row.try_get::<Option<String>, _>("webhook_token")?,
            None => None,
        })
    }

    /// True the first time a webhook delivery token is seen; false for a replay.
    pub async fn first_delivery(&self, token_hash: &str) -> Result<bool> {
        let cutoff = now_ms() - 86_400_000;
        query("DELETE FROM webhook_deliveries WHERE received_at < $1").bind(cutoff).execute(&self.pool).await?;
        let done =
            query("INSERT INTO webhook_deliveries (token_hash, received_at) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .bind(token_hash)
                .bind(now_ms())
                .execute(&self.pool)
                .await?;
        Ok(done.rows_affected() == 1)
    }
}
