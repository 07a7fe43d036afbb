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
mod audit;
mod connect;
mod connection;
mod coordination;
pub mod exports;
mod invites;
mod members;
pub mod profiles;
mod sessions;
mod settings;
mod test_hooks;

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

    /// Answers when the database does.
    pub async fn ping(&self) -> Result<()> {
        query("SELECT 1").execute(&self.pool).await?;
        Ok(())
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
