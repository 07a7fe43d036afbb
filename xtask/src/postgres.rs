//! A private PostgreSQL for the test suite: Debian's server (installed when missing and running
//! as root), its own cluster in a temporary folder on a spare port, fsync off. Idempotent: if it
//! already answers, it is reused.

use std::path::PathBuf;
use std::process::Command;

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

pub(crate) fn ensure() -> Result<String> {
    if std::net::TcpStream::connect(("127.0.0.1", PORT)).is_ok() {
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
    println!("setup: starting PostgreSQL on port {PORT}");
    run(as_postgres(bin.join("pg_ctl"))
        .arg("-D")
        .arg(&data)
        .arg("-o")
        .arg(format!("-p {PORT} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300"))
        .arg("-l")
        .arg(data.join("server.log"))
        .args(["-w", "start"]))?;
    Ok(admin_url())
}
