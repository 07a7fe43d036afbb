//! Installs what building and testing need, only when it is missing: the wasm target, the
//! wasm-bindgen CLI at exactly the version in Cargo.lock, wasm-opt (npm `binaryen`), Chromium and
//! ChromeDriver (Debian packages, when running as root). Each step says what it found.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::{Result, cargo, root, run};

/// The binaryen release whose `wasm-opt` we use (`docs/TOOLCHAIN.md`: npm's builds work here).
const BINARYEN_VERSION: &str = "132.0.0";

#[derive(Debug, Clone)]
pub(crate) struct Tools {
    pub(crate) wasm_bindgen: PathBuf,
    pub(crate) wasm_opt: PathBuf,
    pub(crate) chromedriver: PathBuf,
    pub(crate) chrome: PathBuf,
    /// axe-core's browser build, which the browser suite runs on every page and state.
    pub(crate) axe: PathBuf,
}

impl Tools {
    /// PATH with the wasm-bindgen CLI's folder first (the wasm test runner is found through it).
    pub(crate) fn path_with_wasm_bindgen(&self) -> std::ffi::OsString {
        let dir = self.wasm_bindgen.parent().map(Path::to_path_buf).unwrap_or_default();
        let rest = std::env::var_os("PATH").unwrap_or_default();
        std::env::join_paths(std::iter::once(dir).chain(std::env::split_paths(&rest))).unwrap_or(rest)
    }
}

pub(crate) fn all() -> Result<Tools> {
    let started = Instant::now();
    wasm_target()?;
    let wasm_bindgen = wasm_bindgen_cli()?;
    let wasm_opt = wasm_opt()?;
    let (chrome, chromedriver) = chromium()?;
    pdftotext()?;
    let axe = axe_core()?;
    println!("setup: ready in {:.1}s", started.elapsed().as_secs_f64());
    Ok(Tools { wasm_bindgen, wasm_opt, chromedriver, chrome, axe })
}

fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn wasm_target() -> Result {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        println!("setup: wasm32-unknown-unknown target present");
        return Ok(());
    }
    println!("setup: adding the wasm32-unknown-unknown target");
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// The wasm-bindgen version Cargo.lock pins; the CLI must equal it.
fn locked_wasm_bindgen() -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\""
            && let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \""))
        {
            return Ok(version.trim_end_matches('"').to_owned());
        }
    }
    Err("Cargo.lock does not pin wasm-bindgen".into())
}

fn cargo_bin(name: &str) -> PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_default();
    home.join("bin").join(name)
}

fn wasm_bindgen_cli() -> Result<PathBuf> {
    let wanted = locked_wasm_bindgen()?;
    let bin = cargo_bin("wasm-bindgen");
    let have = output(Command::new(&bin).arg("--version")).unwrap_or_default();
    let runner = cargo_bin("wasm-bindgen-test-runner");
    if have.split_whitespace().nth(1) == Some(wanted.as_str()) && runner.exists() {
        println!("setup: wasm-bindgen CLI {wanted} present");
        return Ok(bin);
    }
    println!("setup: installing wasm-bindgen-cli {wanted} (about two minutes, once)");
    // Not --locked: its lockfile asks for a webpki-roots version the registry here lacks.
    run(cargo().args(["install", "wasm-bindgen-cli", "--force", "--version", &wanted]))?;
    Ok(bin)
}

fn wasm_opt() -> Result<PathBuf> {
    let tools = root().join("target/tools");
    let bin = tools.join("node_modules/.bin/wasm-opt");
    let version_ok = output(Command::new(&bin).arg("--version"))
        .is_some_and(|v| v.contains(BINARYEN_VERSION.split('.').next().unwrap_or_default()));
    if version_ok {
        println!("setup: wasm-opt (binaryen {BINARYEN_VERSION}) present");
        return Ok(bin);
    }
    npm_install("wasm-opt", &format!("binaryen@{BINARYEN_VERSION}"))?;
    Ok(bin)
}

/// The axe-core release the accessibility checks use.
const AXE_VERSION: &str = "4.14.1";

fn axe_core() -> Result<PathBuf> {
    let dir = root().join("target/tools/node_modules/axe-core");
    let script = dir.join("axe.min.js");
    let manifest = std::fs::read_to_string(dir.join("package.json")).unwrap_or_default();
    if script.exists() && manifest.contains(&format!("\"version\": \"{AXE_VERSION}\"")) {
        println!("setup: axe-core {AXE_VERSION} present");
        return Ok(script);
    }
    npm_install("the accessibility checks", &format!("axe-core@{AXE_VERSION}"))?;
    Ok(script)
}

/// Installs an npm package (exact version) under `target/tools`.
fn npm_install(what: &str, package: &str) -> Result {
    if output(Command::new("npm").arg("--version")).is_none() {
        return Err(format!("{what} needs npm (Node.js): install nodejs and npm, then run again"));
    }
    println!("setup: installing {package} (npm) for {what}");
    let tools = root().join("target/tools");
    std::fs::create_dir_all(&tools).map_err(|e| e.to_string())?;
    run(Command::new("npm")
        .args(["install", "--no-audit", "--no-fund", "--silent", "--save-exact", "--prefix"])
        .arg(&tools)
        .arg(package))
}

/// Debian's Chromium: the real binary (the /usr/bin wrapper adds flags we don't want) and its driver.
fn chromium() -> Result<(PathBuf, PathBuf)> {
    let chrome =
        std::env::var_os("CHROME_BIN").map(PathBuf::from).unwrap_or_else(|| "/usr/lib/chromium/chromium".into());
    let driver = std::env::var_os("CHROMEDRIVER").map(PathBuf::from).unwrap_or_else(|| "/usr/bin/chromedriver".into());
    if chrome.exists() && driver.exists() {
        println!("setup: Chromium and ChromeDriver present");
        return Ok((chrome, driver));
    }
    if !can_apt() {
        return Err(format!(
            "Chromium ({}) and ChromeDriver ({}) are needed for the browser tests. Install them \
             (Debian/Ubuntu: sudo apt-get install chromium chromium-driver) or set CHROME_BIN and CHROMEDRIVER.",
            chrome.display(),
            driver.display()
        ));
    }
    apt_install(&["chromium", "chromium-driver"])?;
    if chrome.exists() && driver.exists() {
        Ok((chrome, driver))
    } else {
        Err("apt-get installed chromium but its binaries are not where expected".into())
    }
}

/// Poppler's `pdftotext`: the resume tests read PDFs back with a library other than the one
/// that wrote them.
fn pdftotext() -> Result {
    if Command::new("pdftotext").arg("-v").output().is_ok() {
        println!("setup: pdftotext present");
        return Ok(());
    }
    if !can_apt() {
        return Err(
            "pdftotext is needed by the resume tests. Install it (Debian/Ubuntu: sudo apt-get install poppler-utils)."
                .into(),
        );
    }
    apt_install(&["poppler-utils"])
}

/// Root on a Debian-like machine, where the set-up may install packages itself.
fn can_apt() -> bool {
    output(Command::new("id").arg("-u")).is_some_and(|u| u.trim() == "0")
        && output(Command::new("apt-get").arg("--version")).is_some()
}

fn apt_install(packages: &[&str]) -> Result {
    println!("setup: installing {} (apt-get)", packages.join(" "));
    run(Command::new("apt-get").arg("update").arg("-qq").env("DEBIAN_FRONTEND", "noninteractive"))?;
    run(Command::new("apt-get").args(["install", "-y", "-qq"]).args(packages).env("DEBIAN_FRONTEND", "noninteractive"))
}
