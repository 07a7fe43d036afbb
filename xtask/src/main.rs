//! `cargo xtask`: one entry point for building, setting up and running the project.
//!
//! - `setup`: installs what the build and tests need, idempotently (seconds when all is there);
//! - `dist`: builds the extension into `dist/extension` (the release: ProvenBase's hosts only) and
//!   `dist/extension-dev` (the same plus this machine's hosts, for the demo and the tests);
//! - `demo [--open]`: the Lever simulator, the backend on SQLite and the fixture site, running;
//! - `test`: every suite (native, wasm in headless Chromium, the browser end-to-end suite);
//! - `e2e [FLOW]`: the browser suite, or one flow of it;
//! - `bench [badges|export|load]`: the benchmarks, with their baselines.

mod demo;
mod postgres;
mod setup;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        Some("setup") => setup::all().map(|_| ()),
        Some("dist") => setup::all().and_then(|tools| dist(&tools)),
        Some("demo") => demo::run(&args[1..]),
        Some("test") => test(),
        Some("bench") => setup::all().and_then(|tools| {
            dist(&tools)?;
            bench(&tools, args.get(1).map(String::as_str))
        }),
        Some("screenshots") => setup::all().and_then(|tools| {
            dist(&tools)?;
            screenshots(&tools)
        }),
        Some("e2e") => setup::all().and_then(|tools| {
            dist(&tools)?;
            e2e(&tools, args.get(1).map(String::as_str))
        }),
        _ => {
            eprintln!(
                "usage: cargo xtask <setup | dist | demo [--open] | test | e2e [FLOW] | bench [badges | export | load] | screenshots>"
            );
            return ExitCode::from(2);
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root.
pub(crate) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

/// The release build of the extension, for the Chrome Web Store or an enterprise policy.
pub(crate) fn dist_dir() -> PathBuf {
    root().join("dist/extension")
}

/// The development build: the release plus this machine's hosts (the demo, the test suites).
pub(crate) fn dev_dist_dir() -> PathBuf {
    root().join("dist/extension-dev")
}

/// What the development build adds: the content script and our frames on local pages.
const LOCAL_HOSTS: [&str; 2] = ["http://127.0.0.1/*", "http://localhost/*"];

/// The release manifest with [`LOCAL_HOSTS`] added wherever it names where the extension runs.
fn dev_manifest(release: &str) -> Result<String> {
    let mut manifest: serde_json::Value = serde_json::from_str(release).map_err(|e| format!("manifest.json: {e}"))?;
    let add_hosts = |list: Option<&mut serde_json::Value>| {
        if let Some(list) = list.and_then(serde_json::Value::as_array_mut) {
            list.splice(0..0, LOCAL_HOSTS.map(serde_json::Value::from));
        }
    };
    add_hosts(manifest.get_mut("host_permissions"));
    for key in ["content_scripts", "web_accessible_resources"] {
        for entry in manifest.get_mut(key).and_then(serde_json::Value::as_array_mut).into_iter().flatten() {
            add_hosts(entry.get_mut("matches"));
        }
    }
    serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())
}

/// Runs a command in the workspace root, its output going straight to the terminal.
pub(crate) fn run(cmd: &mut Command) -> Result {
    let shown = format!("{cmd:?}");
    let status = cmd.current_dir(root()).status().map_err(|e| format!("cannot run {shown}: {e}"))?;
    if status.success() { Ok(()) } else { Err(format!("{shown} failed ({status})")) }
}

pub(crate) fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

/// The three wasm builds the extension ships (feature, name, wasm-bindgen target): the content
/// script alone (small, it loads into every ProvenBase page; its glue is a classic content
/// script, loaded with the others, not a module imported once the page is already busy), the
/// service worker alone (it compiles on every wake-up), and the extension's pages.
const WASM_BUILDS: [(&str, &str, &str); 3] =
    [("content", "content", "no-modules"), ("worker", "worker", "web"), ("app", "extension", "web")];

/// cargo → wasm-bindgen → wasm-opt (per build) → manifest, pages and assets in one folder.
fn dist(tools: &setup::Tools) -> Result {
    let started = Instant::now();
    let out = dist_dir();
    if out.exists() {
        std::fs::remove_dir_all(&out).map_err(|e| format!("cannot clear {}: {e}", out.display()))?;
    }
    let pkg = out.join("pkg");
    let wasm = root().join("target/wasm32-unknown-unknown/wasm/extension.wasm");
    let mut sizes = Vec::new();
    for (feature, name, target) in WASM_BUILDS {
        run(cargo()
            .args(["build", "--profile", "wasm", "--target", "wasm32-unknown-unknown", "-p", "extension"])
            .args(["--no-default-features", "--features", feature]))?;
        run(Command::new(&tools.wasm_bindgen)
            .args(["--target", target, "--no-typescript", "--out-name", name, "--out-dir"])
            .arg(&pkg)
            .arg(&wasm))?;
        let bg = pkg.join(format!("{name}_bg.wasm"));
        run(Command::new(&tools.wasm_opt).arg("-Oz").arg(&bg).arg("-o").arg(&bg))?;
        let raw = std::fs::read(&bg).map_err(|e| e.to_string())?;
        sizes.push((feature, raw.len(), gzipped_len(&raw)));
    }
    carry_content_wasm(&pkg)?;
    copy_dir(&root().join("extension/static"), &out)?;
    // The design tokens live with the styles of what the extension draws into pages (`shared`).
    std::fs::copy(root().join("shared/src/tokens.css"), out.join("tokens.css"))
        .map_err(|e| format!("tokens.css: {e}"))?;
    let release = std::fs::read_to_string(root().join("manifest.json")).map_err(|e| format!("manifest: {e}"))?;
    std::fs::write(out.join("manifest.json"), &release).map_err(|e| format!("manifest: {e}"))?;
    let dev = dev_dist_dir();
    if dev.exists() {
        std::fs::remove_dir_all(&dev).map_err(|e| format!("cannot clear {}: {e}", dev.display()))?;
    }
    copy_dir(&out, &dev)?;
    std::fs::write(dev.join("manifest.json"), dev_manifest(&release)?).map_err(|e| format!("manifest: {e}"))?;
    println!(
        "extension built in {:.1}s → {} (release), {} (development: adds this machine's hosts)",
        started.elapsed().as_secs_f64(),
        out.display(),
        dev.display()
    );
    for (feature, raw, gz) in sizes {
        println!("  {feature} wasm: {} KB raw, {} KB gzipped", raw / 1024, gz / 1024);
        println!("bench wasm_{feature}_raw_bytes {raw} bytes\nbench wasm_{feature}_gzip_bytes {gz} bytes");
    }
    Ok(())
}

/// The content script's wasm goes into the page as a content script (`pkg/content_wasm.js`, its
/// bytes in base64) instead of a file fetched once the script runs: Chrome injects content scripts
/// from memory at `document_start`, while a fetch of an extension file answers only after the
/// page's parse and first frame (45–85 ms into a page load). The loader compiles it at once.
/// Nothing is left for a page to fetch: the wasm is no longer a web-accessible resource.
fn carry_content_wasm(pkg: &Path) -> Result {
    use base64::Engine as _;
    let wasm = pkg.join("content_bg.wasm");
    let bytes = std::fs::read(&wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
    let script = format!(
        "// Generated by `cargo xtask dist`: the content script's wasm (content_bg.wasm), in base64.\n\
         globalThis.pblContentWasm = '{encoded}';\n"
    );
    std::fs::write(pkg.join("content_wasm.js"), script).map_err(|e| format!("content_wasm.js: {e}"))?;
    std::fs::remove_file(&wasm).map_err(|e| format!("{}: {e}", wasm.display()))
}

fn gzipped_len(bytes: &[u8]) -> usize {
    use std::io::Write as _;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes).ok();
    gz.finish().map(|v| v.len()).unwrap_or(0)
}

fn copy_dir(from: &Path, to: &Path) -> Result {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for entry in std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target).map_err(|e| format!("{}: {e}", target.display()))?;
        }
    }
    Ok(())
}

/// The browser suite, or one flow (a module of tests/e2e/tests/suite/).
/// Some flows run the backend binary (killed mid-export; replicas on PostgreSQL): it is built
/// first, and the private PostgreSQL started.
fn e2e(tools: &setup::Tools, flow: Option<&str>) -> Result {
    run(cargo().args(["build", "--quiet", "-p", "backend", "--bin", "backend"]))?;
    let postgres = postgres::ensure()?;
    let mut cmd = cargo();
    cmd.args(["test", "--no-fail-fast", "-p", "e2e"]);
    if let Some(flow) = flow {
        // One module of the suite (`tests/e2e/tests/suite/FLOW.rs`).
        cmd.args(["--test", "suite", "--", &format!("{flow}::")]);
    }
    cmd.env("PBL_EXTENSION_DIR", dev_dist_dir())
        .env("PBL_RELEASE_EXTENSION_DIR", dist_dir())
        .env("CHROMEDRIVER", &tools.chromedriver)
        .env("CHROME_BIN", &tools.chrome)
        .env("PBL_AXE_JS", &tools.axe)
        .env("PBL_BACKEND_BIN", root().join("target/debug/backend"))
        .env("PBL_TEST_POSTGRES_URL", postgres);
    let ran = run(&mut cmd);
    postgres::drop_test_databases()?;
    ran
}

/// Every UI state in headless Chromium, as PNGs and an `index.html` gallery in
/// `target/screenshots/` (review it after every UI change).
fn screenshots(tools: &setup::Tools) -> Result {
    run(cargo()
        .args(["run", "--quiet", "-p", "e2e", "--bin", "screenshots"])
        .env("PBL_EXTENSION_DIR", dev_dist_dir())
        .env("CHROMEDRIVER", &tools.chromedriver)
        .env("CHROME_BIN", &tools.chrome))
}

/// Every native package's tests (the extension's run in Chromium, the browser suite on its own).
const NATIVE_TESTS: [&str; 6] = ["test", "--workspace", "--exclude", "extension", "--exclude", "e2e"];

/// One suite of `cargo xtask test`.
type Suite<'a> = Box<dyn Fn() -> Result + 'a>;

/// The benchmarks (release builds), printing figures and baselines.
fn bench(tools: &setup::Tools, which: Option<&str>) -> Result {
    match which.unwrap_or("badges") {
        which @ ("badges" | "export" | "load") => {
            // The extension as it ships (this also prints its wasm sizes as bench lines).
            dist(tools)?;
            // The load bench runs the backend binary (release, as deployed) on SQLite and PostgreSQL.
            run(cargo().args(["build", "--quiet", "--release", "-p", "backend", "--bin", "backend"]))?;
            let postgres = postgres::ensure()?;
            run(cargo()
                .args(["run", "--release", "-p", "e2e", "--bin", "bench", "--", which])
                .env("PBL_EXTENSION_DIR", dev_dist_dir())
                .env("CHROMEDRIVER", &tools.chromedriver)
                .env("CHROME_BIN", &tools.chrome)
                .env("PBL_BACKEND_BIN", root().join("target/release/backend"))
                .env("PBL_TEST_POSTGRES_URL", postgres))
        }
        other => Err(format!("no benchmark named {other} (try: badges, export, load)")),
    }
}

/// A cold run writes about 8 GB of builds; a full disk fails it halfway with a confusing error.
fn warn_if_disk_is_short() {
    let Ok(out) = Command::new("df").args(["-Pk"]).arg(root()).output() else { return };
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let free_kb = text.lines().nth(1).and_then(|l| l.split_whitespace().nth(3)?.parse::<u64>().ok());
    if let Some(kb) = free_kb {
        let gb = kb as f64 / 1024.0 / 1024.0;
        println!("setup: {gb:.1} GB free on the disk holding {}", root().display());
        if gb < 10.0 {
            println!("warning: a cold run needs about 8 GB; free some disk if the builds fail with os error 28");
        }
    }
}

/// Every suite, each run even when an earlier one failed; the command fails if any did.
fn test() -> Result {
    let started = Instant::now();
    warn_if_disk_is_short();
    let tools = setup::all()?;
    let suites: Vec<(&str, Suite)> = vec![
        ("format", Box::new(|| run(cargo().args(["fmt", "--all", "--", "--check"])))),
        (
            "lints",
            Box::new(|| {
                run(cargo().args(["clippy", "--workspace", "--all-targets", "--quiet", "--", "-D", "warnings"]))?;
                run(cargo().args([
                    "clippy",
                    "--target",
                    "wasm32-unknown-unknown",
                    "-p",
                    "extension",
                    "--all-targets",
                    "--quiet",
                    "--",
                    "-D",
                    "warnings",
                ]))
            }),
        ),
        ("native unit and integration tests", Box::new(|| run(cargo().args(NATIVE_TESTS)))),
        (
            "every backend test again on PostgreSQL",
            Box::new(|| {
                let url = postgres::ensure()?;
                // The same packages as the first pass (not `-p backend` alone): the same features,
                // so nothing is compiled again; only the backend's tests read the variable.
                let ran = run(cargo().args(NATIVE_TESTS).env("PBL_TEST_POSTGRES_URL", url));
                postgres::drop_test_databases()?;
                ran
            }),
        ),
        (
            "wasm tests in headless Chromium",
            Box::new(|| {
                run(cargo()
                    .args(["test", "--target", "wasm32-unknown-unknown", "-p", "extension"])
                    .env("CHROMEDRIVER", &tools.chromedriver)
                    .env("WASM_BINDGEN_TEST_TIMEOUT", "60")
                    .env("PATH", tools.path_with_wasm_bindgen()))
            }),
        ),
        ("extension build", Box::new(|| dist(&tools))),
        ("browser end-to-end suite", Box::new(|| e2e(&tools, None))),
        ("demo smoke test", Box::new(demo::smoke)),
    ];
    let mut failed = Vec::new();
    for (name, suite) in &suites {
        println!("\n=== {name} ===");
        let t = Instant::now();
        match suite() {
            Ok(()) => println!("=== {name}: passed in {:.1}s", t.elapsed().as_secs_f64()),
            Err(e) => {
                println!("=== {name}: FAILED: {e}");
                failed.push(*name);
            }
        }
    }
    println!("\nall suites took {:.1}s", started.elapsed().as_secs_f64());
    if failed.is_empty() { Ok(()) } else { Err(format!("failed suites: {}", failed.join(", "))) }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_development_manifest_adds_local_hosts_where_the_release_names_provenbase() {
        let release = std::fs::read_to_string(super::root().join("manifest.json")).expect("manifest.json");
        assert!(!release.contains("127.0.0.1") && !release.contains("localhost"), "the release names no local host");
        let dev: serde_json::Value = serde_json::from_str(&super::dev_manifest(&release).expect("dev")).expect("json");
        for list in [
            &dev["host_permissions"],
            &dev["content_scripts"][0]["matches"],
            &dev["web_accessible_resources"][0]["matches"],
        ] {
            let hosts: Vec<&str> = list.as_array().expect("a list").iter().filter_map(|v| v.as_str()).collect();
            assert!(
                hosts.contains(&"http://127.0.0.1/*") && hosts.contains(&"https://*.provenbase.com/*"),
                "{hosts:?}"
            );
        }
    }
}
