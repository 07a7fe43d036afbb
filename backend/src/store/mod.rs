//! The store: SQLite by default (one file, nothing to run), with migrations embedded in the
//! binary and applied at start-up.

use std::borrow::Cow;

use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool, SqlitePoolOptions};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the database URL is not valid: {0}")]
    BadUrl(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("could not apply migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

const MIGRATIONS: &[(i64, &str, &str)] =
    &[(1, "organisations", include_str!("../../migrations/0001_organisations.sql"))];

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

#[derive(Debug, Clone)]
pub struct Store {
    pool: SqlitePool,
}

impl Store {
    /// Opens (creating if asked by the URL) the database and brings its schema up to date.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        if !url.starts_with("sqlite:") {
            return Err(StoreError::BadUrl(format!("{url} (expected sqlite://path/to/file.db?mode=rwc)")));
        }
        let options: SqliteConnectOptions = url.parse().map_err(|e: sqlx::Error| StoreError::BadUrl(e.to_string()))?;
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options.foreign_keys(true).journal_mode(sqlx::sqlite::SqliteJournalMode::Wal))
            .await?;
        migrator().run(&pool).await?;
        Ok(Self { pool })
    }

    /// Answers when the database does.
    pub async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn migrations_apply_to_a_fresh_database_and_again_harmlessly() {
        let dir = std::env::temp_dir().join(format!("pbl-store-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let url = format!("sqlite://{}/store.db?mode=rwc", dir.display());
        let store = Store::connect(&url).await.expect("first open migrates");
        store.ping().await.expect("answers");
        drop(store);
        Store::connect(&url).await.expect("second open is a no-op");
        std::fs::remove_dir_all(dir).ok();
    }

    #[tokio::test]
    async fn a_malformed_database_url_is_a_clear_error() {
        let err = Store::connect("mysql://nope").await.unwrap_err();
        assert!(matches!(err, StoreError::BadUrl(_)), "{err}");
    }
}
