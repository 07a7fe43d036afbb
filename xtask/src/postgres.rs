//! A private PostgreSQL for the test suite: Debian's server (installed when missing and running
//! as root), its own cluster in a temporary folder on a spare port, fsync off. Idempotent: if it
//! already answers, it is reused.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::{Result, run};

const PORT: u16 = 55432;

pub(crate) fn admin_url() -> String {
    format!("postgres://postgres@127.0.0.1:{PORT}/postgres")
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// The newest installed server's bin folder, e.g. /usr/lib/postgresql/15/bin.
fn bin_dir() -> Option<PathBuf> {
    let mut versions: Vec<u32> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
        .collect();
    versions.sort_unstable();
    versions
        .into_iter()
        .rev()
        .map(|v| PathBuf::from(format!("/usr/lib/postgresql/{v}/bin")))
        .find(|d| d.join("initdb").exists())
}

/// Runs a server program as the `postgres` user when we are root (PostgreSQL refuses root).
fn as_postgres(program: PathBuf) -> Command {
    if is_root() {
        let mut cmd = Command::new("runuser");
        cmd.args(["-u", "postgres", "--"]).arg(program);
        cmd
    } else {
        Command::new(program)
    }
}

/// Drops the databases the suites made (`pbl_test_*`, `pbl_e2e_*`): each test makes its own,
/// and a thousand left behind fill a disk. One still in use is skipped.
pub(crate) fn drop_test_databases() -> Result {
    let Some(bin) = bin_dir() else { return Ok(()) };
    let port = PORT.to_string();
    let psql = |sql: &str| {
        as_postgres(bin.join("psql"))
            .args(["-h", "127.0.0.1", "-p", &port, "-U", "postgres", "-d", "postgres", "-Atqc", sql])
            .output()
            .map_err(|e| format!("psql: {e}"))
    };
    let listed =
        psql("SELECT datname FROM pg_database WHERE datname LIKE 'pbl\\_test\\_%' OR datname LIKE 'pbl\\_e2e\\_%'")?;
    let names = String::from_utf8_lossy(&listed.stdout).into_owned();
    let mut dropped = 0;
    for name in names.lines().filter(|n| n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')) {
        if psql(&format!("DROP DATABASE IF EXISTS {name}"))?.status.success() {
            dropped += 1;
        }
    }
    println!("setup: dropped {dropped} test database{}", if dropped == 1 { "" } else { "s" });
    Ok(())
}

fn answers() -> bool {
    let address = std::net::SocketAddr::from(([127, 0, 0, 1], PORT));
    std::net::TcpStream::connect_timeout(&address, Duration::from_secs(2)).is_ok()
}

/// The last lines of the server's log, to say why a start failed.
fn log_tail(data: &std::path::Path) -> String {
    let log = std::fs::read_to_string(data.join("server.log")).unwrap_or_default();
    let lines: Vec<&str> = log.lines().collect();
    lines[lines.len().saturating_sub(6)..].join("\n")
}

pub(crate) fn ensure() -> Result<String> {
    if answers() {
        println!("setup: PostgreSQL on port {PORT} present");
        return Ok(admin_url());
    }
    let bin = match bin_dir() {
        Some(bin) => bin,
        None if is_root() => {
            println!("setup: installing postgresql (apt-get)");
            run(Command::new("apt-get")
                .args(["install", "-y", "-qq", "postgresql"])
                .env("DEBIAN_FRONTEND", "noninteractive"))?;
            bin_dir().ok_or("postgresql installed, but no initdb under /usr/lib/postgresql")?
        }
        None => return Err("the PostgreSQL suite needs a PostgreSQL server: sudo apt-get install postgresql".into()),
    };
    let data = std::env::temp_dir().join("pbl-postgres-data");
    if !data.join("PG_VERSION").exists() {
        std::fs::create_dir_all(&data).map_err(|e| e.to_string())?;
        if is_root() {
            run(Command::new("chown").arg("-R").arg("postgres:postgres").arg(&data))?;
        }
        run(as_postgres(bin.join("initdb"))
            .args(["-A", "trust", "-U", "postgres", "--no-sync", "-D"])
            .arg(&data)
            .arg("--no-instructions"))?;
    }
    // A server still letting go of the port (one killed with the session that started it, say)
    // makes a start fail for a minute or two: wait for it rather than fail every PostgreSQL suite.
    let deadline = Instant::now() + Duration::from_secs(180);
    let mut attempts = 0;
    loop {
        println!("setup: starting PostgreSQL on port {PORT}");
        let started = run(as_postgres(bin.join("pg_ctl"))
            .arg("-D")
            .arg(&data)
            .arg("-o")
            .arg(format!("-p {PORT} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300"))
            .arg("-l")
            .arg(data.join("server.log"))
            .args(["-w", "start"]));
        match started {
            Ok(()) => break,
            Err(_) if answers() => {
                println!("setup: PostgreSQL on port {PORT} answers now");
                break;
            }
            Err(e) if Instant::now() >= deadline => return Err(format!("{e}; its log:\n{}", log_tail(&data))),
            Err(e) => {
                if attempts == 0 {
                    println!(
                        "setup: {e}; trying again every 5 s for 3 min. The server's log ends:\n{}",
                        log_tail(&data)
                    );
                }
                attempts += 1;
                std::thread::sleep(Duration::from_secs(5));
            }
        }
    }
    Ok(admin_url())
}
