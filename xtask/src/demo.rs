//! `cargo xtask demo`: the whole product on this machine — the Lever simulator (demo account),
//! the backend on SQLite pointed at it, the fixture ProvenBase site, and the built extension.
//! `demo::smoke()` starts the same on other ports, checks every printed URL answers, and stops.

use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::{Result, cargo, dev_dist_dir, root, setup};

/// The demo OAuth app the simulator registers (see tests/lever-sim/src/seed.rs).
const DEMO_CLIENT_ID: &str = "provenbase-bridge-demo";
const DEMO_CLIENT_SECRET: &str = "demo-client-secret-not-for-production";

struct Ports {
    backend: u16,
    lever: u16,
    site: u16,
}

/// The running processes; dropping them stops them all.
struct Services(Vec<(&'static str, Child)>);

impl Drop for Services {
    fn drop(&mut self) {
        for (_, child) in &mut self.0 {
            // SIGTERM first so the backend shuts down cleanly; then make sure.
            if let Ok(pid) = i32::try_from(child.id()) {
                nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), nix::sys::signal::Signal::SIGTERM).ok();
            }
        }
        let deadline = Instant::now() + Duration::from_secs(5);
        for (name, child) in &mut self.0 {
            while Instant::now() < deadline && matches!(child.try_wait(), Ok(None)) {
                std::thread::sleep(Duration::from_millis(50));
            }
            if matches!(child.try_wait(), Ok(None)) {
                eprintln!("demo: {name} did not stop in time; killing it");
                child.kill().ok();
            }
            child.wait().ok();
        }
    }
}

pub(crate) fn run(args: &[String]) -> Result {
    let tools = setup::all()?;
    crate::dist(&tools)?;
    let ports = Ports { backend: 7300, lever: 7400, site: 7500 };
    let services = start(&ports, false)?;
    print_urls(&ports);
    if args.iter().any(|a| a == "--open") {
        open_chromium(&tools, &ports);
    }
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst)).map_err(|e| e.to_string())?;
    println!("\nPress Ctrl-C to stop everything.");
    let mut services = services;
    while !stop.load(Ordering::SeqCst) {
        for (name, child) in &mut services.0 {
            if let Ok(Some(status)) = child.try_wait() {
                return Err(format!("{name} stopped unexpectedly ({status})"));
            }
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    println!("\nstopping…");
    drop(services);
    println!("stopped.");
    Ok(())
}

/// Starts the demo on spare ports, checks that every URL it would print answers, and stops.
pub(crate) fn smoke() -> Result {
    let ports = Ports { backend: 17300, lever: 17400, site: 17500 };
    // The smoke test starts from an empty database every time (the demo's own data is kept).
    for suffix in ["", "-shm", "-wal"] {
        std::fs::remove_file(root().join(format!("target/demo/bridge-{}.db{suffix}", ports.backend))).ok();
    }
    let services = start(&ports, true)?;
    let checks = [
        (ports.backend, "/healthz", "\"status\":\"ok\""),
        (ports.lever, "/healthz", "ok"),
        (ports.lever, "/_sim/accounts/acct-acme", "Acme Talent"),
        (ports.site, "/app/projects/q3-backend", "cand-card"),
        (ports.site, "/app/sourcing-lab", "Sourcing Laboratory"),
        (ports.site, "/app/candidate-lake", "Candidate Lake"),
        (ports.site, "/app/profile", "Integrations"),
    ];
    for (port, path, expect) in checks {
        let body = http_get(port, path)?;
        if !body.contains(expect) {
            return Err(format!("http://127.0.0.1:{port}{path} answered without {expect:?}"));
        }
        println!("demo smoke: http://127.0.0.1:{port}{path} ok");
    }
    if !dev_dist_dir().join("manifest.json").exists() {
        return Err("the extension folder has no manifest.json".into());
    }
    drop(services);
    Ok(())
}

fn start(ports: &Ports, quiet: bool) -> Result<Services> {
    crate::run(cargo().args(["build", "--quiet", "-p", "backend", "-p", "lever-sim", "-p", "fixture-site"]))?;
    let bin = |name: &str| root().join("target/debug").join(name);
    let data = root().join("target/demo");
    std::fs::create_dir_all(&data).map_err(|e| e.to_string())?;
    let backend_url = format!("http://127.0.0.1:{}", ports.backend);
    let lever_url = format!("http://127.0.0.1:{}", ports.lever);
    let callback = format!("{backend_url}/api/v1/lever/callback");
    let output = || if quiet { Stdio::null() } else { Stdio::inherit() };
    let spawn = |cmd: &mut Command| cmd.stdout(output()).stderr(output()).spawn().map_err(|e| e.to_string());

    let mut services = Services(Vec::new());
    services.0.push((
        "Lever simulator",
        spawn(
            Command::new(bin("lever-sim"))
                .arg(format!("127.0.0.1:{}", ports.lever))
                .args(["--redirect-uri", &callback]),
        )?,
    ));
    services
        .0
        .push(("fixture site", spawn(Command::new(bin("fixture-site")).arg(format!("127.0.0.1:{}", ports.site)))?));
    services.0.push((
        "backend",
        spawn(
            Command::new(bin("backend"))
                .env("PBL_BIND", format!("127.0.0.1:{}", ports.backend))
                .env("PBL_PUBLIC_URL", &backend_url)
                .env(
                    "DATABASE_URL",
                    format!("sqlite://{}?mode=rwc", data.join(format!("bridge-{}.db", ports.backend)).display()),
                )
                .env("LEVER_ENV", "custom")
                .env("LEVER_BASE_URL", &lever_url)
                .env("LEVER_CLIENT_ID", DEMO_CLIENT_ID)
                .env("LEVER_CLIENT_SECRET", DEMO_CLIENT_SECRET)
                .env("PBL_ENCRYPTION_KEY", demo_key(&data)?),
        )?,
    ));
    for port in [ports.lever, ports.site, ports.backend] {
        wait_for(port)?;
    }
    Ok(services)
}

/// A random at-rest key, made once per checkout and kept with the demo's data.
fn demo_key(data: &std::path::Path) -> Result<String> {
    let path: PathBuf = data.join("encryption.key");
    if let Ok(key) = std::fs::read_to_string(&path) {
        return Ok(key.trim().to_owned());
    }
    use base64::Engine as _;
    let key = base64::engine::general_purpose::STANDARD.encode(rand::random::<[u8; 32]>());
    std::fs::write(&path, &key).map_err(|e| e.to_string())?;
    Ok(key)
}

fn wait_for(port: u16) -> Result {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Err(format!("nothing listens on port {port} after 30 s"))
}

fn http_get(port: u16, path: &str) -> Result<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    stream.set_read_timeout(Some(Duration::from_secs(10))).ok();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n")
        .map_err(|e| e.to_string())?;
    let mut body = String::new();
    stream.read_to_string(&mut body).map_err(|e| e.to_string())?;
    if !body.starts_with("HTTP/1.1 200") {
        return Err(format!("GET http://127.0.0.1:{port}{path}: {}", body.lines().next().unwrap_or_default()));
    }
    Ok(body)
}

fn print_urls(p: &Ports) {
    println!(
        "\nThe ProvenBase → Lever demo is running:\n\
         \x20 ProvenBase (fixture)   http://127.0.0.1:{site}/app/projects/q3-backend\n\
         \x20                        http://127.0.0.1:{site}/app/sourcing-lab\n\
         \x20                        http://127.0.0.1:{site}/app/candidate-lake\n\
         \x20                        http://127.0.0.1:{site}/app/profile   (Profile & Password)\n\
         \x20 strict-CSP variant     add ?csp=strict to any page\n\
         \x20 backend                http://127.0.0.1:{backend}   (health: /healthz)\n\
         \x20 Lever simulator        http://127.0.0.1:{lever}   (control API: /_sim/…)\n\
         \x20 extension folder       {dist}\n\
         \n\
         Load the extension: chrome://extensions → Developer mode → Load unpacked → the folder above.\n\
         Then open its Options and set the backend URL to http://127.0.0.1:{backend}.",
        site = p.site,
        backend = p.backend,
        lever = p.lever,
        dist = dev_dist_dir().display(),
    );
}

fn open_chromium(tools: &setup::Tools, p: &Ports) {
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        println!("--open: no display here (DISPLAY is unset); load the folder above in your own Chrome.");
        return;
    }
    let profile = root().join("target/demo/chromium-profile");
    let dist = dev_dist_dir();
    let started = Command::new(&tools.chrome)
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--load-extension={}", dist.display()))
        .arg(format!("--disable-extensions-except={}", dist.display()))
        .args(["--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        .arg(format!("http://127.0.0.1:{}/app/projects/q3-backend", p.site))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    if let Err(e) = started {
        println!("--open: could not start Chromium: {e}");
    }
}
