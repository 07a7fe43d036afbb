//! The backend as real processes (the built `backend` binary), for what an in-process backend
//! can't show: `kill -9` mid-export, and several replicas on one PostgreSQL sharing the work
//! and one Lever rate budget.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::{Stack, free_port, listener};

/// The backend binary: `PBL_BACKEND_BIN`, or the workspace's debug build (`cargo xtask e2e`
/// builds it).
fn binary() -> std::path::PathBuf {
    std::env::var_os("PBL_BACKEND_BIN").map_or_else(
        || std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/debug/backend"),
        std::path::PathBuf::from,
    )
}

/// Where the replicas keep their data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Database {
    /// A file in the stack's temporary folder: one backend.
    Sqlite,
    /// A fresh database on the server `PBL_TEST_POSTGRES_URL` names (`cargo xtask e2e` starts one).
    Postgres,
}

/// How long a replica may take to answer `/healthz` after it is started. A debug build that
/// connects to PostgreSQL and checks its migrations while two browser tests load the 2 cores
/// has taken over 15 s.
const START_PATIENCE: Duration = Duration::from_secs(60);

/// One backend process; SIGKILLed when dropped.
pub struct Replica {
    pub url: String,
    port: u16,
    child: Option<Child>,
    /// Where its stderr goes, shown when it fails to start.
    log: std::path::PathBuf,
}

impl Replica {
    /// `kill -9`: no shutdown, no cleanup.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().ok();
            child.wait().ok();
        }
    }

    pub fn is_running(&self) -> bool {
        self.child.is_some()
    }
}

impl Drop for Replica {
    fn drop(&mut self) {
        self.kill();
    }
}

async fn database_url(kind: Database, dir: &std::path::Path, tag: u16) -> String {
    use sqlx::Connection as _;
    match kind {
        Database::Sqlite => format!("sqlite://{}?mode=rwc", dir.join("bridge.db").display()),
        Database::Postgres => {
            let admin = std::env::var("PBL_TEST_POSTGRES_URL")
                .expect("PBL_TEST_POSTGRES_URL names a PostgreSQL server (`cargo xtask e2e` starts one)");
            let name = format!("pbl_e2e_{}_{tag}", std::process::id());
            let mut conn = sqlx::postgres::PgConnection::connect(&admin).await.expect("PostgreSQL answers");
            sqlx::query(&format!("DROP DATABASE IF EXISTS {name}")).execute(&mut conn).await.expect("dropped");
            sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut conn).await.expect("created");
            let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
            format!("{base}/{name}")
        }
    }
}

impl Stack {
    /// The Lever simulator, the fixture site and `n` backend processes on one database; the
    /// browser talks to the first. `backend` is an in-process view of the same database for
    /// assertions (it serves nothing and runs no worker).
    pub async fn start_replicas(n: usize, database: Database) -> Self {
        let ports: Vec<u16> = (0..n).map(|_| free_port()).collect();
        let urls: Vec<String> = ports.iter().map(|p| format!("http://127.0.0.1:{p}")).collect();
        let lever_l = listener().await;
        let callbacks = urls.iter().map(|u| format!("{u}/api/v1/lever/callback")).collect();
        let lever = lever_sim::spawn(lever_l, lever_sim::Seed::demo(callbacks)).expect("simulator starts");
        let site_l = listener().await;
        let site_url = format!("http://{}", site_l.local_addr().expect("addr"));
        tokio::spawn(async move { fixture_site::serve(site_l).await.ok() });

        let data = tempfile::tempdir().expect("temp dir");
        let database_url = database_url(database, data.path(), ports[0]).await;
        let mut config = Self::config(&urls[0], &database_url, &lever.base_url);
        config.bind = format!("127.0.0.1:{}", ports[0]).parse().expect("addr");
        // Migrated once here, before the replicas race to start.
        let state = backend::AppState::new(config).await.expect("the database opens");
        let mut stack =
            Self { backend_url: urls[0].clone(), backend: state, lever, site_url, replicas: Vec::new(), data };
        for port in ports {
            let replica = stack.spawn_replica(port);
            stack.replicas.push(replica);
        }
        for i in 0..n {
            stack.wait_healthy(i).await;
        }
        stack
    }

    fn spawn_replica(&self, port: u16) -> Replica {
        let url = format!("http://127.0.0.1:{port}");
        let log = self.data.path().join(format!("replica-{port}.log"));
        let stderr = std::fs::OpenOptions::new().create(true).append(true).open(&log).expect("a log file");
        let child = Command::new(binary())
            .env("PBL_BIND", format!("127.0.0.1:{port}"))
            .env("PBL_PUBLIC_URL", &url)
            .env("DATABASE_URL", &self.backend.config.database_url)
            .env("LEVER_ENV", "custom")
            .env("LEVER_BASE_URL", &self.lever.base_url)
            .env("LEVER_CLIENT_ID", lever_sim::DEMO_CLIENT_ID)
            .env("LEVER_CLIENT_SECRET", lever_sim::DEMO_CLIENT_SECRET)
            .env("PBL_ENCRYPTION_KEY", super::TEST_KEY)
            .env("PBL_SYNC_IN_BACKGROUND", "false")
            .env("PBL_EXPORT_CLAIM_TIMEOUT_SECS", "10")
            .env("PBL_LEVER_TIMEOUT_SECS", "5")
            .env("RUST_LOG", "warn")
            // Every simulated recruiter calls from this one machine, as if behind one proxy.
            .env("PBL_RATE_LIMIT_ADDRESS_PER_SEC", "0")
            .env("PBL_RATE_LIMIT_SESSION_PER_SEC", "0")
            .env_remove("PBL_CONFIG_FILE")
            .stdout(Stdio::null())
            .stderr(stderr)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e} (run `cargo xtask e2e`)", binary().display()));
        Replica { url, port, child: Some(child), log }
    }

    /// Starts replica `i` again (after `kill`), on the same port and database.
    pub async fn restart(&mut self, i: usize) {
        let replica = self.spawn_replica(self.replicas[i].port);
        self.replicas[i] = replica;
        self.wait_healthy(i).await;
    }

    /// Waits until replica `i` answers `/healthz`; fails at once, with its log, if it exits.
    async fn wait_healthy(&mut self, i: usize) {
        let replica = &mut self.replicas[i];
        let url = format!("{}/healthz", replica.url);
        let started = Instant::now();
        while !reqwest::get(&url).await.is_ok_and(|r| r.status().is_success()) {
            let exited = replica.child.as_mut().and_then(|c| c.try_wait().ok().flatten());
            let log = || std::fs::read_to_string(&replica.log).unwrap_or_default();
            if let Some(status) = exited {
                panic!("replica {i} exited ({status}) before it answered:\n{}", log());
            }
            assert!(started.elapsed() < START_PATIENCE, "replica {i} did not answer in {START_PATIENCE:?}:\n{}", log());
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}
