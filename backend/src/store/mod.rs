//! The store: SQLite by default (one file, nothing to run) or PostgreSQL, through sqlx's `Any`
//! driver with portable SQL. Migrations are embedded in the binary and applied at start-up.
//! Lever tokens arrive here already sealed; codes and session tokens only as hashes.

use std::borrow::Cow;
use std::time::{SystemTime, UNIX_EPOCH};

use shared::api::{AuditAction, AuditEntry, AutoSync, ConnectionState, Invite, InviteState, Person, Role, Settings};
use sqlx::AnyPool;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{Row as _, query};

pub mod adapters;
pub mod exports;
pub mod profiles;

pub use profiles::{ProfileRow, SyncState};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the database URL is not valid: {0}")]
    BadUrl(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("could not apply migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored data is not valid: {0}")]
    Corrupt(String),
}

type Result<T> = std::result::Result<T, StoreError>;

const MIGRATIONS: &[(i64, &str, &str)] = &[
    (1, "organisations", include_str!("../../migrations/0001_organisations.sql")),
    (2, "connect", include_str!("../../migrations/0002_connect.sql")),
    (3, "profiles", include_str!("../../migrations/0003_profiles.sql")),
    (4, "adapters", include_str!("../../migrations/0004_adapters.sql")),
    (5, "exports", include_str!("../../migrations/0005_exports.sql")),
    (6, "scale_out", include_str!("../../migrations/0006_scale_out.sql")),
    (7, "trusted_exports", include_str!("../../migrations/0007_trusted_exports.sql")),
    (8, "bound_connect", include_str!("../../migrations/0008_bound_connect.sql")),
];

fn migrator() -> Migrator {
    Migrator {
        migrations: Cow::Owned(
            MIGRATIONS
                .iter()
                .map(|(version, name, sql)| {
                    Migration::new(*version, Cow::Borrowed(*name), MigrationType::Simple, Cow::Borrowed(*sql), false)
                })
                .collect(),
        ),
        ..Migrator::DEFAULT
    }
}

/// A stored enum, written as its serde name (`docx`, `add_opportunity`).
pub(crate) fn enum_text<T: serde::Serialize>(value: T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// A stored enum read back: anything else is [`StoreError::Corrupt`], never a default.
pub(crate) fn enum_column<T: serde::de::DeserializeOwned>(row: &AnyRow, column: &str) -> Result<T> {
    let raw = text(row, column)?;
    serde_json::from_value(serde_json::Value::String(raw.clone()))
        .map_err(|_| StoreError::Corrupt(format!("{column} holds {raw:?}")))
}

/// A column holding JSON, read back as `T`: unreadable is [`StoreError::Corrupt`].
pub(crate) fn json_column<T: serde::de::DeserializeOwned>(row: &AnyRow, column: &str) -> Result<T> {
    serde_json::from_str(&text(row, column)?).map_err(|e| StoreError::Corrupt(format!("{column}: {e}")))
}

pub fn now_ms() -> i64 {
    let ms = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis()).unwrap_or(0);
    i64::try_from(ms).unwrap_or(i64::MAX)
}

pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// A member of an organisation, as a session resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub id: String,
    pub organisation_id: String,
    pub lever_account_id: String,
    pub person: Person,
    pub role: Role,
}

/// The Lever connection row, tokens still sealed.
#[derive(Debug, Clone)]
pub struct Connection {
    pub state: ConnectionState,
    pub connected_by: Person,
    pub access_token: Option<String>,
    pub refresh_token: Option<String>,
    pub access_expires_at: Option<i64>,
    pub connected_at: i64,
    pub reason: Option<String>,
}

/// Fresh tokens to store, sealed by the caller.
#[derive(Debug, Clone)]
pub struct SealedTokens {
    pub access_token: String,
    pub refresh_token: Option<String>,
    pub access_expires_at: i64,
}

/// A connect attempt waiting for Lever's callback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingConnect {
    pub state_hash: String,
    /// SHA-256 of the secret the starting browser holds.
    pub secret_hash: String,
    pub pkce_verifier: String,
}

#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    /// PostgreSQL: several backend replicas may share this database.
    shared: bool,
}

fn text(row: &AnyRow, col: &str) -> Result<String> {
    Ok(row.try_get::<String, _>(col)?)
}

fn opt_text(row: &AnyRow, col: &str) -> Result<Option<String>> {
    Ok(row.try_get::<Option<String>, _>(col)?)
}

fn int(row: &AnyRow, col: &str) -> Result<i64> {
    Ok(row.try_get::<i64, _>(col)?)
}

fn opt_int(row: &AnyRow, col: &str) -> Result<Option<i64>> {
    Ok(row.try_get::<Option<i64>, _>(col)?)
}

fn role(row: &AnyRow, col: &str) -> Result<Role> {
    let value = text(row, col)?;
    Role::from_lever(&value).ok_or_else(|| StoreError::Corrupt(format!("unknown role {value}")))
}

fn person(row: &AnyRow, id: &str, name: &str, email: &str) -> Result<Person> {
    Ok(Person { lever_user_id: text(row, id)?, name: text(row, name)?, email: text(row, email)? })
}

const MEMBER_COLUMNS: &str =
    "m.id AS member_id, m.organisation_id, o.lever_account_id, m.lever_user_id, m.name, m.email, m.role";

fn member(row: &AnyRow) -> Result<Member> {
    Ok(Member {
        id: text(row, "member_id")?,
        organisation_id: text(row, "organisation_id")?,
        lever_account_id: text(row, "lever_account_id")?,
        person: person(row, "lever_user_id", "name", "email")?,
        role: role(row, "role")?,
    })
}

impl Store {
    /// Opens the database (SQLite creates its file with `?mode=rwc`) and brings its schema up to date.
    pub async fn connect(url: &str) -> Result<Self> {
        if !(url.starts_with("sqlite:") || url.starts_with("postgres:") || url.starts_with("postgresql:")) {
            return Err(StoreError::BadUrl(format!(
                "{url} (expected sqlite://path/to/file.db?mode=rwc or postgres://user@host/db)"
            )));
        }
        sqlx::any::install_default_drivers();
        let pool = AnyPoolOptions::new().max_connections(8).connect(url).await?;
        if url.starts_with("sqlite:") {
            // Readers never wait for the writer; several requests at once are the normal case.
            query("PRAGMA journal_mode = WAL").execute(&pool).await?;
        }
        migrator().run(&pool).await?;
        Ok(Self { pool, shared: !url.starts_with("sqlite:") })
    }

    /// Whether several backend replicas can share this database (PostgreSQL).
    pub fn is_shared(&self) -> bool {
        self.shared
    }

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

    /// Answers when the database does.
    pub async fn ping(&self) -> Result<()> {
        query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    // ---- OAuth state and handoff codes: single use, short-lived ----

    /// Remembers a connect attempt: its `state`, the hash of the starting browser's secret and
    /// the PKCE verifier for Lever's callback.
    pub async fn save_oauth_state(&self, state: &PendingConnect, expires_at: i64) -> Result<()> {
        query("DELETE FROM oauth_states WHERE expires_at < $1").bind(now_ms()).execute(&self.pool).await?;
        query("INSERT INTO oauth_states (state_hash, secret_hash, pkce_verifier, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(&state.state_hash)
            .bind(&state.secret_hash)
            .bind(&state.pkce_verifier)
            .bind(expires_at)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The attempt a `state` we issued belongs to, once and before it expires; `None` ever after.
    pub async fn take_oauth_state(&self, state_hash: &str) -> Result<Option<PendingConnect>> {
        let row =
            query("DELETE FROM oauth_states WHERE state_hash = $1 RETURNING secret_hash, pkce_verifier, expires_at")
                .bind(state_hash)
                .fetch_optional(&self.pool)
                .await?;
        match row {
            Some(row) if int(&row, "expires_at")? > now_ms() => Ok(Some(PendingConnect {
                state_hash: state_hash.to_owned(),
                secret_hash: opt_text(&row, "secret_hash")?.unwrap_or_default(),
                pkce_verifier: opt_text(&row, "pkce_verifier")?.unwrap_or_default(),
            })),
            _ => Ok(None),
        }
    }

    pub async fn save_handoff(
        &self,
        code_hash: &str,
        secret_hash: &str,
        member_id: &str,
        expires_at: i64,
    ) -> Result<()> {
        query("INSERT INTO handoffs (code_hash, secret_hash, member_id, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(code_hash)
            .bind(secret_hash)
            .bind(member_id)
            .bind(expires_at)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The member a handoff code was made for, once, and only with the secret of the browser
    /// that started the connect (a wrong secret leaves the code for its owner).
    pub async fn take_handoff(&self, code_hash: &str, secret_hash: &str) -> Result<Option<String>> {
        let row =
            query("DELETE FROM handoffs WHERE code_hash = $1 AND secret_hash = $2 RETURNING member_id, expires_at")
                .bind(code_hash)
                .bind(secret_hash)
                .fetch_optional(&self.pool)
                .await?;
        match row {
            Some(row) if int(&row, "expires_at")? > now_ms() => Ok(Some(text(&row, "member_id")?)),
            _ => Ok(None),
        }
    }

    // ---- organisations, the connection, settings ----

    /// The organisation of a Lever account, created on first connect.
    pub async fn upsert_organisation(&self, lever_account_id: &str) -> Result<String> {
        if let Some(row) = query("SELECT id FROM organisations WHERE lever_account_id = $1")
            .bind(lever_account_id)
            .fetch_optional(&self.pool)
            .await?
        {
            return text(&row, "id");
        }
        let id = new_id();
        query("INSERT INTO organisations (id, lever_account_id, name, created_at) VALUES ($1, $2, $3, $4)")
            .bind(&id)
            .bind(lever_account_id)
            .bind(format!("Lever account {lever_account_id}"))
            .bind(now_ms())
            .execute(&self.pool)
            .await?;
        Ok(id)
    }

    /// Stores a new connection (replacing any earlier one) and creates default settings once.
    pub async fn save_connection(&self, org: &str, by: &Person, tokens: &SealedTokens, scopes: &str) -> Result<()> {
        let now = now_ms();
        let mut tx = self.pool.begin().await?;
        query("DELETE FROM lever_connections WHERE organisation_id = $1").bind(org).execute(&mut *tx).await?;
        query(
            "INSERT INTO lever_connections (organisation_id, state, connected_by, connected_by_name, connected_by_email, \
             access_token, refresh_token, access_expires_at, scopes, connected_at) \
             VALUES ($1, 'connected', $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(org)
        .bind(&by.lever_user_id)
        .bind(&by.name)
        .bind(&by.email)
        .bind(&tokens.access_token)
        .bind(tokens.refresh_token.as_deref())
        .bind(tokens.access_expires_at)
        .bind(scopes)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let has_settings = query("SELECT organisation_id FROM settings WHERE organisation_id = $1")
            .bind(org)
            .fetch_optional(&mut *tx)
            .await?
            .is_some();
        if !has_settings {
            query(
                "INSERT INTO settings (organisation_id, default_stage_id, auto_sync_enabled, auto_sync_days, \
                 auto_sync_answered, integration_admin_id, updated_at) VALUES ($1, NULL, 0, 30, 0, $2, $3)",
            )
            .bind(org)
            .bind(&by.lever_user_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn connection(&self, org: &str) -> Result<Option<Connection>> {
        let row = query("SELECT * FROM lever_connections WHERE organisation_id = $1")
            .bind(org)
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let state = match text(&row, "state")?.as_str() {
            "connected" => ConnectionState::Connected,
            _ => ConnectionState::Disconnected,
        };
        Ok(Some(Connection {
            state,
            connected_by: person(&row, "connected_by", "connected_by_name", "connected_by_email")?,
            access_token: opt_text(&row, "access_token")?,
            refresh_token: opt_text(&row, "refresh_token")?,
            access_expires_at: opt_int(&row, "access_expires_at")?,
            connected_at: int(&row, "connected_at")?,
            reason: opt_text(&row, "disconnect_reason")?,
        }))
    }

    pub async fn update_tokens(&self, org: &str, tokens: &SealedTokens) -> Result<()> {
        query(
            "UPDATE lever_connections SET access_token = $1, refresh_token = COALESCE($2, refresh_token), \
             access_expires_at = $3 WHERE organisation_id = $4 AND state = 'connected'",
        )
        .bind(&tokens.access_token)
        .bind(tokens.refresh_token.as_deref())
        .bind(tokens.access_expires_at)
        .bind(org)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Forgets the tokens; keeps who connected, the settings and the history. True if it was connected.
    pub async fn disconnect(&self, org: &str, reason: &str) -> Result<bool> {
        self.mark_disconnected(org, reason, None).await
    }

    /// [`Store::disconnect`], only while the stored refresh token is still `sealed_refresh` (the
    /// one Lever just refused): a token another replica rotated meanwhile is not a revocation.
    pub async fn disconnect_if_refresh_token(&self, org: &str, sealed_refresh: &str, reason: &str) -> Result<bool> {
        self.mark_disconnected(org, reason, Some(sealed_refresh)).await
    }

    async fn mark_disconnected(&self, org: &str, reason: &str, only_if_refresh: Option<&str>) -> Result<bool> {
        let mut sql = String::from(
            "UPDATE lever_connections SET state = 'disconnected', access_token = NULL, refresh_token = NULL, \
             access_expires_at = NULL, disconnected_at = $1, disconnect_reason = $2 \
             WHERE organisation_id = $3 AND state = 'connected'",
        );
        if only_if_refresh.is_some() {
            sql.push_str(" AND refresh_token = $4");
        }
        let mut update = query(&sql).bind(now_ms()).bind(reason).bind(org);
        if let Some(token) = only_if_refresh {
            update = update.bind(token);
        }
        Ok(update.execute(&self.pool).await?.rows_affected() > 0)
    }

    /// Replaces the sealed access token with the same token sealed again (key rotation), unless
    /// it changed meanwhile. True if replaced.
    pub async fn reseal_access_token(&self, org: &str, old: &str, new: &str) -> Result<bool> {
        let done =
            query("UPDATE lever_connections SET access_token = $1 WHERE organisation_id = $2 AND access_token = $3")
                .bind(new)
                .bind(org)
                .bind(old)
                .execute(&self.pool)
                .await?;
        Ok(done.rows_affected() > 0)
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

    // ---- members and sessions ----

    /// Adds a Lever user to the organisation, or refreshes their name, email and role.
    pub async fn upsert_member(&self, org: &str, who: &Person, role: Role) -> Result<String> {
        let existing = query("SELECT id FROM members WHERE organisation_id = $1 AND lever_user_id = $2")
            .bind(org)
            .bind(&who.lever_user_id)
            .fetch_optional(&self.pool)
            .await?;
        if let Some(row) = existing {
            let id = text(&row, "id")?;
            query("UPDATE members SET name = $1, email = $2, role = $3, deactivated_at = NULL WHERE id = $4")
                .bind(&who.name)
                .bind(&who.email)
                .bind(role.as_lever())
                .bind(&id)
                .execute(&self.pool)
                .await?;
            return Ok(id);
        }
        let id = new_id();
        query(
            "INSERT INTO members (id, organisation_id, lever_user_id, name, email, role, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&id)
        .bind(org)
        .bind(&who.lever_user_id)
        .bind(&who.name)
        .bind(&who.email)
        .bind(role.as_lever())
        .bind(now_ms())
        .execute(&self.pool)
        .await?;
        Ok(id)
    }

    /// The organisation's active members.
    pub async fn members(&self, org: &str) -> Result<Vec<Member>> {
        let sql = format!(
            "SELECT {MEMBER_COLUMNS} FROM members m JOIN organisations o ON o.id = m.organisation_id \
             WHERE m.organisation_id = $1 AND m.deactivated_at IS NULL"
        );
        query(&sql).bind(org).fetch_all(&self.pool).await?.iter().map(member).collect()
    }

    /// Gives a member their new Lever role.
    pub async fn set_member_role(&self, id: &str, role: Role) -> Result<()> {
        query("UPDATE members SET role = $1 WHERE id = $2").bind(role.as_lever()).bind(id).execute(&self.pool).await?;
        Ok(())
    }

    /// Deactivates a member (gone from Lever or deactivated there) and ends their sessions.
    pub async fn deactivate_member(&self, id: &str) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        query("UPDATE members SET deactivated_at = $1 WHERE id = $2").bind(now_ms()).bind(id).execute(&mut *tx).await?;
        query("DELETE FROM sessions WHERE member_id = $1").bind(id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Pauses the organisation's exports with the reason (`None` lets them run again); true if
    /// that changed anything.
    pub async fn block_exports(&self, org: &str, reason: Option<&str>) -> Result<bool> {
        let done = query(
            "UPDATE settings SET exports_blocked = $1 WHERE organisation_id = $2 \
             AND COALESCE(exports_blocked, '') <> COALESCE($1, '')",
        )
        .bind(reason)
        .bind(org)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    pub async fn member(&self, id: &str) -> Result<Option<Member>> {
        let sql = format!(
            "SELECT {MEMBER_COLUMNS} FROM members m JOIN organisations o ON o.id = m.organisation_id WHERE m.id = $1"
        );
        query(&sql).bind(id).fetch_optional(&self.pool).await?.as_ref().map(member).transpose()
    }

    pub async fn create_session(&self, token_hash: &str, member_id: &str, expires_at: i64) -> Result<String> {
        let id = new_id();
        query("INSERT INTO sessions (id, token_hash, member_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(&id)
            .bind(token_hash)
            .bind(member_id)
            .bind(now_ms())
            .bind(expires_at)
            .execute(&self.pool)
            .await?;
        Ok(id)
    }

    /// The live session with this token hash, and its member.
    pub async fn session(&self, token_hash: &str) -> Result<Option<(String, Member)>> {
        let sql = format!(
            "SELECT s.id AS session_id, {MEMBER_COLUMNS} FROM sessions s \
             JOIN members m ON m.id = s.member_id JOIN organisations o ON o.id = m.organisation_id \
             WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND m.deactivated_at IS NULL"
        );
        let row = query(&sql).bind(token_hash).bind(now_ms()).fetch_optional(&self.pool).await?;
        row.map(|row| Ok((text(&row, "session_id")?, member(&row)?))).transpose()
    }

    /// Whether a session still stands (not revoked, not expired, its member active): long-lived
    /// streams ask before each event.
    pub async fn session_live(&self, id: &str) -> Result<bool> {
        let row = query(
            "SELECT s.id FROM sessions s JOIN members m ON m.id = s.member_id \
             WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND m.deactivated_at IS NULL",
        )
        .bind(id)
        .bind(now_ms())
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.is_some())
    }

    /// Live sessions of an organisation, or of one member.
    pub async fn sessions(&self, org: &str, only_member: Option<&str>) -> Result<Vec<(String, i64, i64, Member)>> {
        let sql = format!(
            "SELECT s.id AS session_id, s.created_at, s.expires_at, {MEMBER_COLUMNS} FROM sessions s \
             JOIN members m ON m.id = s.member_id JOIN organisations o ON o.id = m.organisation_id \
             WHERE m.organisation_id = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 \
             AND ($3 = '' OR m.id = $3) ORDER BY s.created_at"
        );
        let rows = query(&sql).bind(org).bind(now_ms()).bind(only_member.unwrap_or("")).fetch_all(&self.pool).await?;
        rows.iter()
            .map(|row| Ok((text(row, "session_id")?, int(row, "created_at")?, int(row, "expires_at")?, member(row)?)))
            .collect()
    }

    /// Revokes a session of `org` (and of `only_member`, when given). True if one was revoked.
    pub async fn revoke_session(&self, org: &str, id: &str, only_member: Option<&str>) -> Result<bool> {
        let done = query(
            "UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL \
             AND member_id IN (SELECT id FROM members WHERE organisation_id = $3 AND ($4 = '' OR id = $4))",
        )
        .bind(now_ms())
        .bind(id)
        .bind(org)
        .bind(only_member.unwrap_or(""))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    // ---- invites ----

    pub async fn create_invite(
        &self,
        org: &str,
        code_hash: &str,
        who: &Person,
        created_by: &str,
        expires_at: i64,
    ) -> Result<Invite> {
        let id = new_id();
        let now = now_ms();
        query(
            "INSERT INTO invites (id, organisation_id, code_hash, lever_user_id, name, email, created_by, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(&id)
        .bind(org)
        .bind(code_hash)
        .bind(&who.lever_user_id)
        .bind(&who.name)
        .bind(&who.email)
        .bind(created_by)
        .bind(now)
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(Invite { id, person: who.clone(), created_at: now, expires_at, state: InviteState::Open })
    }

    fn invite(row: &AnyRow) -> Result<Invite> {
        let expires_at = int(row, "expires_at")?;
        let state = if opt_int(row, "revoked_at")?.is_some() {
            InviteState::Revoked
        } else if opt_int(row, "redeemed_at")?.is_some() {
            InviteState::Redeemed
        } else if expires_at <= now_ms() {
            InviteState::Expired
        } else {
            InviteState::Open
        };
        Ok(Invite {
            id: text(row, "id")?,
            person: person(row, "lever_user_id", "name", "email")?,
            created_at: int(row, "created_at")?,
            expires_at,
            state,
        })
    }

    pub async fn invites(&self, org: &str) -> Result<Vec<Invite>> {
        let rows = query("SELECT * FROM invites WHERE organisation_id = $1 ORDER BY created_at DESC")
            .bind(org)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(Self::invite).collect()
    }

    pub async fn revoke_invite(&self, org: &str, id: &str) -> Result<bool> {
        let done = query(
            "UPDATE invites SET revoked_at = $1 WHERE id = $2 AND organisation_id = $3 \
             AND revoked_at IS NULL AND redeemed_at IS NULL",
        )
        .bind(now_ms())
        .bind(id)
        .bind(org)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// An open invite by its code: its organisation and the invite.
    pub async fn open_invite(&self, code_hash: &str) -> Result<Option<(String, Invite)>> {
        let row =
            query("SELECT * FROM invites WHERE code_hash = $1").bind(code_hash).fetch_optional(&self.pool).await?;
        let Some(row) = row else { return Ok(None) };
        let invite = Self::invite(&row)?;
        Ok((invite.state == InviteState::Open).then_some((text(&row, "organisation_id")?, invite)))
    }

    /// Marks an invite used; false if someone else used it first.
    pub async fn redeem_invite(&self, id: &str) -> Result<bool> {
        let done =
            query("UPDATE invites SET redeemed_at = $1 WHERE id = $2 AND redeemed_at IS NULL AND revoked_at IS NULL")
                .bind(now_ms())
                .bind(id)
                .execute(&self.pool)
                .await?;
        Ok(done.rows_affected() > 0)
    }

    // ---- audit ----

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
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn fresh() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}/store.db?mode=rwc", dir.path().display());
        let store = Store::connect(&url).await.expect("opens and migrates");
        (dir, store)
    }

    #[tokio::test]
    async fn migrations_apply_to_a_fresh_database_and_again_harmlessly() {
        let (dir, store) = fresh().await;
        store.ping().await.expect("answers");
        drop(store);
        let url = format!("sqlite://{}/store.db?mode=rwc", dir.path().display());
        Store::connect(&url).await.expect("second open is a no-op");
    }

    #[tokio::test]
    async fn unreadable_stored_enums_and_lists_are_errors_never_defaults() {
        use shared::api::{DuplicatePolicy, ResumeField, ResumeFormat};
        let (_dir, store) = fresh().await;
        let row = query("SELECT 'rtf' AS format, 'add_opportunity' AS duplicates, '[\"name\", \"salary\"]' AS fields")
            .fetch_one(&store.pool)
            .await
            .expect("a row");
        assert!(matches!(enum_column::<ResumeFormat>(&row, "format"), Err(StoreError::Corrupt(_))));
        assert!(matches!(json_column::<Vec<ResumeField>>(&row, "fields"), Err(StoreError::Corrupt(_))));
        let policy: DuplicatePolicy = enum_column(&row, "duplicates").expect("a known policy");
        assert_eq!(policy, DuplicatePolicy::AddOpportunity);
        assert_eq!(enum_text(ResumeFormat::Docx), "docx");
    }

    #[tokio::test]
    async fn a_malformed_database_url_is_a_clear_error() {
        let err = Store::connect("mysql://nope").await.unwrap_err();
        assert!(matches!(err, StoreError::BadUrl(_)), "{err}");
    }

    #[tokio::test]
    async fn oauth_states_and_handoffs_work_once() {
        let (_dir, store) = fresh().await;
        let pending = |state: &str| PendingConnect {
            state_hash: state.into(),
            secret_hash: format!("{state}-secret"),
            pkce_verifier: format!("{state}-verifier"),
        };
        store.save_oauth_state(&pending("s"), now_ms() + 60_000).await.expect("saved");
        assert_eq!(store.take_oauth_state("s").await.expect("taken"), Some(pending("s")));
        assert_eq!(store.take_oauth_state("s").await.expect("second take"), None);
        store.save_oauth_state(&pending("old"), now_ms() - 1).await.expect("saved");
        assert_eq!(store.take_oauth_state("old").await.expect("expired"), None);
    }
}
