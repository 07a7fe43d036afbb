//! The browser test harness. [`Stack`] runs the Lever simulator, the real backend (SQLite in a
//! temporary folder) and the fixture ProvenBase site on free ports in this process; [`Browser`]
//! starts ChromeDriver in its own process group with a fresh Chromium profile and the built
//! extension loaded, and kills the whole group when dropped, also when a test panics.
//!
//! Long because it is the browser suite's one toolbox (stack, browser, helpers), so tests stay short.

use std::net::TcpListener as StdListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use std::sync::OnceLock;

pub use fantoccini;
pub use lever_sim;

pub mod load;
pub mod replicas;
pub mod tour;
pub use replicas::{Database, Replica};

/// The backend's encryption key in every test (base64 of 32 bytes).
const TEST_KEY: &str = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
/// The bearer token the test backends take for `GET /metrics`.
pub const METRICS_TOKEN: &str = "e2e-metrics";

/// How long a test waits for something to appear before failing.
pub const PATIENCE: Duration = Duration::from_secs(15);

/// The backend, the Lever simulator and the fixture site, running.
pub struct Stack {
    pub backend_url: String,
    /// The running backend's state, for assertions on what it stored.
    pub backend: backend::AppState,
    pub lever: lever_sim::Running,
    pub site_url: String,
    /// Backend processes, when the stack runs the binary (see `start_replicas`).
    pub replicas: Vec<Replica>,
    /// The stack's temporary folder: the SQLite file, the replicas' logs.
    data: tempfile::TempDir,
}

async fn listener() -> tokio::net::TcpListener {
    tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a free port")
}

impl Stack {
    pub async fn start() -> Self {
        Self::start_with(|_| {}).await
    }

    /// Without request budgets: the benchmarks measure the backend, not its 429s.
    pub async fn start_without_budgets() -> Self {
        Self::start_with(|c| {
            c.rate_limit_address_per_sec = 0;
            c.rate_limit_session_per_sec = 0;
            c.rate_limit_anonymous_per_sec = 0;
        })
        .await
    }

    async fn start_with(edit: impl FnOnce(&mut backend::Config)) -> Self {
        let (backend_l, lever_l, site_l) = (listener().await, listener().await, listener().await);
        let backend_url = format!("http://{}", backend_l.local_addr().expect("addr"));
        let callback = format!("{backend_url}/api/v1/lever/callback");
        let lever = lever_sim::spawn(lever_l, lever_sim::Seed::demo(vec![callback])).expect("simulator starts");

        let site_url = format!("http://{}", site_l.local_addr().expect("addr"));
        tokio::spawn(async move { fixture_site::serve(site_l).await.ok() });

        let data = tempfile::tempdir().expect("temp dir");
        let database_url = format!("sqlite://{}?mode=rwc", data.path().join("bridge.db").display());
        let mut config = Self::config(&backend_url, &database_url, &lever.base_url);
        config.bind = backend_l.local_addr().expect("addr");
        edit(&mut config);
        let state = backend::AppState::new(config).await.expect("backend starts");
        let served = state.clone();
        tokio::spawn(async move { backend::serve(backend_l, served, std::future::pending()).await.ok() });
        Self { backend_url, backend: state, lever, site_url, replicas: Vec::new(), data }
    }

    /// The backend's configuration in tests.
    fn config(backend_url: &str, database_url: &str, lever_url: &str) -> backend::Config {
        backend::Config {
            config_file: None,
            bind: "127.0.0.1:0".parse().expect("addr"),
            public_url: backend_url.parse().expect("url"),
            database_url: database_url.to_owned(),
            lever_env: backend::config::LeverEnvironment::Custom,
            lever_base_url: Some(lever_url.parse().expect("url")),
            lever_client_id: lever_sim::DEMO_CLIENT_ID.into(),
            lever_client_secret: lever_sim::DEMO_CLIENT_SECRET.parse().expect("secret"),
            encryption_key: TEST_KEY.parse().expect("key"),
            previous_encryption_keys: Vec::new(),
            lever_accounts: Vec::new(),
            rate_limit_address_per_sec: 100,
            rate_limit_session_per_sec: 20,
            rate_limit_anonymous_per_sec: 2,
            metrics_token: Some(METRICS_TOKEN.parse().expect("token")),
            extension_ids: vec![shared::EXTENSION_ID.into()],
            default_phone_region: "US".into(),
            sync_interval_secs: 3600,
            export_claim_timeout_secs: 120,
            lever_timeout_secs: 3,
            sync_in_background: true,
        }
    }

    /// A Lever user's id in the simulator, by name.
    pub fn lever_user(&self, name: &str) -> String {
        let world = self.lever.sim.world();
        world
            .accounts
            .iter()
            .flat_map(|a| &a.users)
            .find(|u| u.name == name)
            .map(|u| u.id.clone())
            .expect("a Lever user")
    }

    /// Puts `Bench Candidate {i}` <bench.{i}@example.com> in Lever for i = start, start + every, …
    /// (`count` of them): the people of the fixture's bench cards (`?cards=N`, card `s{i:05}`).
    pub async fn lever_bench_people(&self, start: u64, count: u64, every: u64) {
        let sam = self.lever_user("Sam Super");
        self.lever_control(
            &format!("/_sim/accounts/{}/opportunities/bulk", lever_sim::DEMO_ACCOUNT),
            json!({"performAs": sam, "start": start, "count": count, "every": every}),
        )
        .await;
    }

    /// Calls the simulator's control API.
    pub async fn lever_control(&self, path: &str, body: Value) {
        let res = reqwest::Client::new()
            .post(format!("{}{path}", self.lever.base_url))
            .json(&body)
            .send()
            .await
            .expect("sent");
        assert!(res.status().is_success(), "{path}: {}", res.status());
    }

    /// The first email of every opportunity sourced from ProvenBase in the simulator, one per
    /// opportunity (so a candidate exported twice shows twice).
    pub fn exported_emails(&self) -> Vec<String> {
        let world = self.lever.sim.world();
        let acct = world.account(lever_sim::DEMO_ACCOUNT).expect("account");
        acct.opportunities
            .iter()
            .filter(|o| o.sources.iter().any(|s| s == "ProvenBase"))
            .filter_map(|o| acct.contact(&o.contact).and_then(|c| c.emails.first().cloned()))
            .collect()
    }

    /// Exactly `n` opportunities sourced from ProvenBase, no candidate twice.
    pub fn assert_each_once(&self, n: usize) {
        let mut emails = self.exported_emails();
        assert_eq!(emails.len(), n, "exactly {n} opportunities");
        emails.sort();
        emails.dedup();
        assert_eq!(emails.len(), n, "no candidate twice");
    }

    /// Waits until `n` candidates are in Lever (or fails after `patience`).
    pub async fn wait_exported(&self, n: usize, patience: Duration) {
        let deadline = Instant::now() + patience;
        while self.exported_emails().len() < n {
            assert!(Instant::now() < deadline, "only {} of {n} exported", self.exported_emails().len());
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// A fixture page's URL, e.g. `page("/app/sourcing-lab")`.
    pub fn page(&self, path: &str) -> String {
        format!("{}{path}", self.site_url)
    }
}

/// A backend call made with a session (`GET` without a body, `POST` with one); the answer as
/// JSON, after checking it succeeded.
pub async fn api(backend: &str, token: &str, path: &str, body: Option<Value>) -> Value {
    let http = reqwest::Client::new();
    let request = match body {
        Some(body) => http.post(format!("{backend}{path}")).json(&body),
        None => http.get(format!("{backend}{path}")),
    };
    let res = request.bearer_auth(token).send().await.expect("sent");
    assert!(res.status().is_success(), "{path}: {}", res.status());
    res.json().await.unwrap_or(Value::Null)
}

/// The built extension: `PBL_EXTENSION_DIR`, or `dist/extension-dev` (made by `cargo xtask dist`).
pub fn extension_dir() -> PathBuf {
    let dir = std::env::var_os("PBL_EXTENSION_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../dist/extension-dev"));
    assert!(
        dir.join("manifest.json").exists(),
        "no built extension at {}: run `cargo xtask e2e` (or `cargo xtask dist` first)",
        dir.display()
    );
    dir
}

/// WebDriver's *Get Element Shadow Root*, answering the shadow root's reference as JSON (to pass
/// to scripts; fantoccini's `ShadowRoot` can only search).
#[derive(Debug)]
struct GetShadowRoot(String);

impl fantoccini::wd::WebDriverCompatibleCommand for GetShadowRoot {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/element/{}/shadow", session_id.unwrap_or_default(), self.0))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::GET, None)
    }
}

/// ChromeDriver's door to Chrome's DevTools protocol: one command, its answer.
#[derive(Debug)]
struct CdpExecute(Value);

impl fantoccini::wd::WebDriverCompatibleCommand for CdpExecute {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/goog/cdp/execute", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.0.to_string()))
    }
}

/// Chromium driven through ChromeDriver, with the extension loaded.
pub struct Browser {
    pub client: Client,
    /// The catalogue in the browser's language: what the product should say in it.
    pub words: &'static shared::catalogue::Catalogue,
    _driver: Driver,
    _profile: tempfile::TempDir,
}

/// ChromeDriver leads its own process group; dropping this ends it and every Chromium it started.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        if let Ok(pid) = i32::try_from(self.0.id()) {
            nix::sys::signal::killpg(nix::unistd::Pid::from_raw(pid), nix::sys::signal::Signal::SIGKILL).ok();
        }
        self.0.wait().ok();
    }
}

fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

impl Browser {
    pub async fn launch() -> Self {
        Self::start(Some(extension_dir()), "en-US").await
    }

    /// Chromium with the extension, its interface and preferred languages set to `language`
    /// (a BCP 47 tag: `fr-FR`).
    pub async fn launch_in(language: &str) -> Self {
        Self::start(Some(extension_dir()), language).await
    }

    /// Chromium without the extension (a baseline for measurements).
    pub async fn launch_without_extension() -> Self {
        Self::start(None, "en-US").await
    }

    /// Message `id` of the catalogue, in the browser's language.
    pub fn say(&self, id: &str, args: &[(&str, shared::words::Arg)]) -> String {
        self.words.text(id, args)
    }

    async fn start(ext: Option<PathBuf>, language: &str) -> Self {
        use std::os::unix::process::CommandExt as _;
        let port = free_port();
        let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let chrome = std::env::var("CHROME_BIN").unwrap_or_else(|_| "/usr/lib/chromium/chromium".into());
        let driver = Driver(
            Command::new(&chromedriver)
                .arg(format!("--port={port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .process_group(0)
                .spawn()
                .unwrap_or_else(|e| panic!("cannot start {chromedriver}: {e}")),
        );
        let profile = tempfile::tempdir().expect("profile dir");
        let deadline = Instant::now() + PATIENCE;
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let mut args = vec![
            "--headless=new".to_owned(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-dev-shm-usage".into(),
            "--disable-quic".into(),
            "--no-first-run".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--window-size=1280,900".into(),
            "--enable-precise-memory-info".into(),
            format!("--user-data-dir={}", profile.path().display()),
            format!("--lang={language}"),
            format!("--accept-lang={language}"),
        ];
        if let Some(ext) = ext {
            args.push(format!("--load-extension={}", ext.display()));
            args.push(format!("--disable-extensions-except={}", ext.display()));
        }
        let caps = json!({
            "goog:chromeOptions": { "binary": chrome, "args": args, "excludeSwitches": ["disable-extensions"] },
        });
        let caps = match caps {
            Value::Object(map) => map,
            _ => unreachable!("a JSON object"),
        };
        // ChromeDriver may reset the first connection while it is still starting (seen on a
        // loaded 2-core machine): ask again, a few times.
        let mut tries = 0;
        let client = loop {
            let session = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await;
            match session {
                Ok(client) => break client,
                Err(e) if tries < 3 => {
                    tries += 1;
                    eprintln!("WebDriver session refused ({e}); asking again");
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
                Err(e) => panic!("a WebDriver session: {e}"),
            }
        };
        let words = shared::catalogue::for_languages([language]);
        Self { client, words, _driver: driver, _profile: profile }
    }

    /// The URL of one of the extension's own pages.
    pub fn extension_page(page: &str) -> String {
        format!("chrome-extension://{}/{page}", shared::EXTENSION_ID)
    }

    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.unwrap_or_else(|e| panic!("cannot open {url}: {e}"));
    }

    /// Runs `script` (a function body; `arguments` available) until it returns something
    /// truthy, and returns that; fails the test after [`PATIENCE`] with `what`.
    pub async fn wait_for(&self, what: &str, script: &str, args: Vec<Value>) -> Value {
        until(what, || async { self.client.execute(script, args.clone()).await.map_err(|e| e.to_string()) }).await
    }

    /// Waits until the element matching `css` shows text containing `text`.
    pub async fn wait_for_text(&self, css: &str, text: &str) -> String {
        let script = "const el = document.querySelector(arguments[0]); \
                      return el && el.textContent.includes(arguments[1]) ? el.textContent : null;";
        let found = self.wait_for(&format!("{css} to say {text:?}"), script, vec![json!(css), json!(text)]).await;
        found.as_str().unwrap_or_default().to_owned()
    }

    /// Runs a script once and returns its value.
    pub async fn eval(&self, script: &str, args: Vec<Value>) -> Value {
        self.client.execute(script, args).await.unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    pub async fn click(&self, css: &str) {
        let el = self
            .client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no {css}: {e}"));
        el.click().await.unwrap_or_else(|e| panic!("cannot click {css}: {e}"));
    }

    /// Types `text` into the field, replacing what it held, and checks it took.
    pub async fn fill(&self, css: &str, text: &str) {
        let el = self
            .client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no {css}: {e}"));
        for _ in 0..3 {
            self.eval("const el = document.querySelector(arguments[0]); el.value = ''; el.focus();", vec![json!(css)])
                .await;
            el.send_keys(text).await.unwrap_or_else(|e| panic!("cannot type into {css}: {e}"));
            let value = self.eval("return document.querySelector(arguments[0]).value;", vec![json!(css)]).await;
            if value == json!(text) {
                return;
            }
        }
        panic!("{css} would not hold {text:?}");
    }
}

impl Browser {
    /// Sets the backend URL through the options page, as a person would.
    pub async fn use_backend(&self, stack: &Stack) {
        self.use_backend_url(&stack.backend_url).await;
    }

    /// Points the extension at another backend (e.g. another replica).
    pub async fn use_backend_url(&self, url: &str) {
        self.goto(&Self::extension_page("options.html")).await;
        self.fill("#backend-url", url).await;
        self.click("[data-testid=backend-form] button[type=submit]").await;
        let reachable = self.say("ui-backend-reachable", shared::args![version = env!("CARGO_PKG_VERSION")]);
        self.wait_for_text("[data-testid=backend-state]", &reachable).await;
    }

    /// Runs `script` with the shadow roots of every element matching `hosts` in `arguments[0]`
    /// and those elements in `arguments[1]`, then `args`. Our shadow roots are closed: page
    /// scripts can't reach them, WebDriver (like a person with devtools) can.
    pub async fn with_shadow_roots(&self, hosts: &str, script: &str, args: Vec<Value>) -> Result<Value, String> {
        let found = self.client.find_all(Locator::Css(hosts)).await.map_err(|e| e.to_string())?;
        let (mut roots, mut elements) = (Vec::new(), Vec::new());
        for host in found {
            if let Ok(root) = self.client.issue_cmd(GetShadowRoot(host.element_id().to_string())).await {
                roots.push(root);
                elements.push(serde_json::to_value(&host).map_err(|e| e.to_string())?);
            }
        }
        let mut all = vec![Value::Array(roots), Value::Array(elements)];
        all.extend(args);
        self.client.execute(script, all).await.map_err(|e| e.to_string())
    }

    /// Everything a person can read in the current document, one line per text: its text, the
    /// texts of what we draw into it (our closed shadow roots, node by node), and the titles,
    /// labels and placeholders of both.
    pub async fn readable_text(&self) -> String {
        let script = "const [roots] = arguments; \
            const attrs = n => [...n.querySelectorAll('[title],[aria-label],[placeholder]')] \
              .flatMap(e => [e.getAttribute('title'), e.getAttribute('aria-label'), e.getAttribute('placeholder')]); \
            const texts = r => { const w = document.createTreeWalker(r, NodeFilter.SHOW_TEXT), out = []; \
              while (w.nextNode()) if (w.currentNode.parentElement?.tagName !== 'STYLE') out.push(w.currentNode.nodeValue); \
              return out; }; \
            const parts = [document.body ? document.body.innerText : '', document.title, ...attrs(document)]; \
            roots.forEach(r => parts.push(...texts(r), ...attrs(r))); \
            return parts.filter(Boolean).join('\\n');";
        let found = self.with_shadow_roots("provenbase-lever, provenbase-lever-badge", script, vec![]).await;
        found.ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
    }

    /// Fails the test if the current document shows any text of the English catalogue that the
    /// browser's language says otherwise (a word hard-coded, or not translated), naming `state`.
    /// Messages with variables are checked by their fixed parts: a long part anywhere, a short
    /// one ("Hide", "Export tasks") as a whole text.
    pub async fn assert_speaks_its_language(&self, state: &str) {
        let text = self.readable_text().await;
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        let english = shared::catalogue::english();
        for (id, vars) in english.messages() {
            let marks: Vec<(&str, shared::words::Arg)> =
                vars.iter().map(|v| (v.as_str(), shared::words::Arg::from("\u{1}"))).collect();
            let (ours, theirs) = (english.text(&id, &marks), self.words.text(&id, &marks));
            if ours == theirs {
                continue;
            }
            for part in
                ours.split('\u{1}').map(str::trim).filter(|p| p.chars().filter(|c| c.is_alphabetic()).count() >= 3)
            {
                let shows = if part.chars().count() >= 14 { text.contains(part) } else { lines.contains(&part) };
                assert!(!shows, "{state}: English {id} ({part:?}) shows in a {} browser:\n{text}", self.words.locale());
            }
        }
    }

    /// Fails the test if axe-core finds a serious or critical accessibility problem in the
    /// current document (an extension page, or the frame entered), naming `state`.
    pub async fn assert_accessible(&self, state: &str) {
        let script = format!("{}\n{AXE_RUN}", axe_source());
        let found = self.eval(&script, vec![Value::Null]).await;
        assert_eq!(found, json!([]), "{state}: axe-core found serious or critical problems");
    }

    /// [`Self::assert_accessible`] for what the extension draws inside a ProvenBase page: the
    /// closed shadow roots of every element matching `hosts`. axe-core can't see into closed
    /// roots (no page script can), so each is copied, styles and all, into an open one, and only
    /// the copies are checked (ProvenBase's own page is not ours to judge). How many were checked.
    pub async fn assert_injected_accessible(&self, state: &str, hosts: &str) -> u64 {
        let copy = "const copies = arguments[0].map(root => { \
                      const host = document.createElement('div'); host.setAttribute('data-axe-copy', ''); \
                      host.attachShadow({ mode: 'open' }).innerHTML = root.innerHTML; \
                      for (const sheet of root.adoptedStyleSheets || []) host.shadowRoot.adoptedStyleSheets.push(sheet); \
                      document.body.append(host); return host; }); return copies.length;";
        // A badge redrawn between finding it and copying it: find them again.
        let mut copied = self.with_shadow_roots(hosts, copy, vec![]).await;
        for _ in 0..5 {
            if copied.is_ok() {
                break;
            }
            self.eval(REMOVE_AXE_COPIES, vec![]).await;
            tokio::time::sleep(Duration::from_millis(200)).await;
            copied = self.with_shadow_roots(hosts, copy, vec![]).await;
        }
        let copied = copied.unwrap_or_else(|e| panic!("{state}: our shadow roots could not be copied: {e}"));
        let copied = copied.as_u64().unwrap_or(0);
        if copied == 0 {
            return 0;
        }
        let script = format!("{}\n{AXE_RUN}", axe_source());
        let found = self.eval(&script, vec![json!("[data-axe-copy]")]).await;
        self.eval(REMOVE_AXE_COPIES, vec![]).await;
        assert_eq!(found, json!([]), "{state}: axe-core found serious or critical problems");
        copied
    }

    /// Presses `key` (a WebDriver key code: [`TAB`], [`ENTER`], or a character) on whatever has
    /// the focus, as a keyboard would.
    pub async fn press(&self, key: char) {
        use fantoccini::actions::{InputSource as _, KeyAction, KeyActions};
        let keys =
            KeyActions::new("keyboard".into()).then(KeyAction::Down { value: key }).then(KeyAction::Up { value: key });
        self.client.perform_actions(keys).await.expect("a key pressed");
    }

    /// Presses `key` where the focus is, in our frame matching `frame` (entered), when the key
    /// closes that frame (Escape in the export dialog, Enter on its last button). The key goes
    /// down through the page (which hands it to the focused frame), and up once the frame is gone:
    /// Chrome never acknowledges a key event whose frame is removed while it handles it, and
    /// ChromeDriver then waits minutes for the answer (its log: the up sent, the frame detached,
    /// nothing more).
    pub async fn press_closing_our_frame(&self, key: char, frame: &str) {
        use fantoccini::actions::{InputSource as _, KeyAction, KeyActions};
        self.client.enter_parent_frame().await.expect("out of our frame");
        let down = KeyActions::new("keyboard".into()).then(KeyAction::Down { value: key });
        self.client.perform_actions(down).await.expect("a key down");
        let closed = format!("return arguments[0].every(r => r.querySelector({frame:?}) === null);");
        self.wait_for_shadow("our frame to close", "provenbase-lever", &closed, vec![]).await;
        self.client.release_actions().await.expect("the key up");
    }

    /// Types `text` where the focus is.
    pub async fn type_text(&self, text: &str) {
        for c in text.chars() {
            self.press(c).await;
        }
    }

    /// Presses Tab until `focused` (run with the shadow roots of `hosts`, like
    /// [`Self::with_shadow_roots`]) says the focus is where we want it; fails after 200 presses.
    pub async fn tab_until(&self, what: &str, hosts: &str, focused: &str) {
        for _ in 0..200 {
            if self.with_shadow_roots(hosts, focused, vec![]).await == Ok(json!(true)) {
                return;
            }
            self.press(TAB).await;
        }
        panic!("Tab never reached {what}");
    }

    /// [`Self::tab_until`] the element matching `css` in the current document has the focus.
    pub async fn tab_to(&self, css: &str) {
        let focused = format!("return document.activeElement !== null && document.activeElement.matches({css:?});");
        self.tab_until(css, "no-such-host", &focused).await;
    }

    /// [`Self::with_shadow_roots`] until `script` returns something truthy.
    pub async fn wait_for_shadow(&self, what: &str, hosts: &str, script: &str, args: Vec<Value>) -> Value {
        until(what, || self.with_shadow_roots(hosts, script, args.clone())).await
    }

    /// Text inside the shadow root of the element matching `host`.
    pub async fn shadow_text(&self, host: &str, inner: &str) -> Option<String> {
        let script = "const r = arguments[0][0]; const el = r && r.querySelector(arguments[2]); \
                      return el ? el.textContent : null;";
        let found = self.with_shadow_roots(host, script, vec![json!(inner)]).await;
        found.ok().and_then(|v| v.as_str().map(str::to_owned))
    }

    /// Waits until the shadow-root element shows `text`.
    pub async fn wait_for_shadow_text(&self, host: &str, inner: &str, text: &str) -> String {
        let script = "const r = arguments[0][0]; const el = r && r.querySelector(arguments[2]); \
                      return el && el.textContent.includes(arguments[3]) ? el.textContent : null;";
        let what = format!("{host} » {inner} to say {text:?}");
        let found = self.wait_for_shadow(&what, host, script, vec![json!(inner), json!(text)]).await;
        found.as_str().unwrap_or_default().to_owned()
    }

    /// Clicks an element inside a shadow root (WebDriver's CSS lookups don't reach inside).
    pub async fn shadow_click(&self, host: &str, inner: &str) {
        let script = "const r = arguments[0][0]; const el = r && r.querySelector(arguments[2]); \
                      if (!el || el.disabled) return false; el.click(); return true;";
        self.wait_for_shadow(&format!("{host} » {inner} to be clickable"), host, script, vec![json!(inner)]).await;
    }

    /// Switches to the tab the extension just opened; returns the handle to come back to.
    pub async fn switch_to_new_tab(&self) -> fantoccini::wd::WindowHandle {
        let home = self.client.window().await.expect("current window");
        let deadline = Instant::now() + PATIENCE;
        loop {
            let windows = self.client.windows().await.expect("windows");
            if let Some(new) = windows.into_iter().find(|w| *w != home) {
                self.client.switch_to_window(new).await.expect("switch");
                return home;
            }
            assert!(Instant::now() < deadline, "no new tab opened");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn switch_to(&self, handle: fantoccini::wd::WindowHandle) {
        self.client.switch_to_window(handle).await.expect("switch back");
    }

    /// On Lever's (the simulator's) pages: sign in as `user`, check the consent lists what the
    /// product asks for, and press Accept or Deny.
    pub async fn lever_consent(&self, user: &str, accept: bool) {
        self.lever_sign_in(user).await;
        self.click(if accept { "#accept" } else { "#deny" }).await;
    }

    /// On Lever's sign-in: pick `user`, and wait for the consent screen, which must list what the
    /// product asks for.
    pub async fn lever_sign_in(&self, user: &str) {
        let pick = "for (const b of document.querySelectorAll('.lever-users button')) \
                    { if (b.textContent.startsWith(arguments[0])) { b.click(); return true; } } return false;";
        self.wait_for(&format!("Lever's sign-in to offer {user}"), pick, vec![json!(user)]).await;
        let scopes = self
            .wait_for("the consent screen", "const s = [...document.querySelectorAll('[data-scope]')].map(e => e.dataset.scope); return s.length ? s : null;", vec![])
            .await;
        for scope in [
            "offline_access",
            "opportunities:write:admin",
            "notes:write:admin",
            "stages:read:admin",
            "postings:read:admin",
            "users:read:admin",
        ] {
            assert!(scopes.as_array().is_some_and(|s| s.contains(&json!(scope))), "consent lists {scope}: {scopes}");
        }
    }

    /// On the options page, as a Super Admin: invites the Lever user named `who`; the code.
    pub async fn invite(&self, stack: &Stack, who: &str) -> String {
        self.wait_for("the invite form", "return document.querySelector('#invite-who option') !== null;", vec![]).await;
        let pick = "document.querySelector('#invite-who').value = arguments[0];";
        self.eval(pick, vec![json!(stack.lever_user(who))]).await;
        self.click("[data-testid=invite-form] button[type=submit]").await;
        self.wait_for_text("[data-testid=invite-code]", "PBL-").await
    }

    /// A Super Admin connects from the options page, answers the auto-sync prompt (`days`
    /// turns sync on, `None` leaves it off), and, with sync on, syncs Lever's profiles now.
    pub async fn connect_and_sync(&self, stack: &Stack, days: Option<u16>) {
        self.use_backend(stack).await;
        self.click("[data-testid=connect]").await;
        let home = self.switch_to_new_tab().await;
        self.lever_consent("Sam Super", true).await;
        self.switch_to(home).await;
        self.wait_for_text("[data-testid=auto-sync-modal]", &self.say("autosync-days", &[])).await;
        match days {
            Some(days) => {
                self.fill("[data-testid=auto-sync-modal] input[name=days]", &days.to_string()).await;
                self.click("[data-testid=auto-sync-modal] button[type=submit]").await;
                self.wait_for_text("[data-testid=toast]", &self.say("autosync-on", shared::args![days = days])).await;
                self.click("[data-testid=sync-now]").await;
                self.wait_for_text("[data-testid=settings-notice]", &self.say("options-sync-done", &[])).await;
            }
            None => {
                self.click("[data-testid=auto-sync-modal] button.secondary").await;
                self.wait_for_text("[data-testid=toast]", &self.say("autosync-off", &[])).await;
            }
        }
    }

    /// Each fixture candidate's badge: `{id: {match, stage, archived, locked, text}}`, once every
    /// candidate on the page has one.
    pub async fn badges(&self) -> Value {
        let script = "const [roots, hosts] = arguments; \
            const cards = [...document.querySelectorAll('[data-fixture-id]')]; \
            if (!cards.length || cards.some(c => !c.querySelector('provenbase-lever-badge'))) return null; \
            const out = {}; hosts.forEach((h, i) => { const r = roots[i], c = h.closest('[data-fixture-id]'); \
              const b = r.querySelector('.badge:not(.locked):not(.export)'); \
              out[c.dataset.fixtureId] = { match: b.classList[1], stage: b.dataset.stage || null, \
                archived: b.classList.contains('archived'), locked: r.querySelector('.badge.locked') !== null, \
                text: r.textContent, href: r.querySelector('a')?.href || null, \
                markup: r.querySelector('img, script') !== null }; }); \
            return Object.keys(out).length === cards.length ? out : null;";
        self.wait_for_shadow("a badge on every candidate", "[data-fixture-id] provenbase-lever-badge", script, vec![])
            .await
    }

    /// How many badges on the page say `kind` (`exact`, `possible`, `none`, …).
    pub async fn badges_saying(&self, kind: &str) -> usize {
        let script = "return arguments[0].filter(r => r.querySelector('.badge.' + arguments[2])).length;";
        let found = self.with_shadow_roots("provenbase-lever-badge", script, vec![json!(kind)]).await;
        found.ok().and_then(|v| v.as_u64()).map_or(0, |n| usize::try_from(n).unwrap_or(usize::MAX))
    }

    /// Waits until exactly `n` badges on the page say `kind`.
    pub async fn wait_for_badges_saying(&self, kind: &str, n: usize) {
        let what = format!("{n} badges saying {kind}");
        until(&what, || async { Ok(json!(self.badges_saying(kind).await == n)) }).await;
    }

    /// Enters the Lever row our extension adds to the Profile & Password page (a frame, in a
    /// closed shadow root).
    pub async fn enter_lever_row(&self) {
        let frame = self.frame_in_shadow("li[data-ats=lever] provenbase-lever-row", "iframe").await;
        frame.enter_frame().await.expect("enter the Lever row");
        self.wait_for("the row's page", "return document.querySelector('[data-testid=lever-state]') !== null;", vec![])
            .await;
    }

    /// Enters the export dialog (a frame over the page) once it has appeared.
    pub async fn enter_export_dialog(&self) {
        self.enter_our_frame("iframe.pbl-export-frame").await;
    }

    /// Enters a frame the extension put in its shadow root (WebDriver's lookups don't reach it).
    pub async fn enter_our_frame(&self, css: &str) {
        let frame = self.frame_in_shadow("provenbase-lever", css).await;
        frame.enter_frame().await.expect("enter the frame");
        self.wait_for(
            "the frame's page",
            "return document.readyState === 'complete' && document.getElementById('app') !== null;",
            vec![],
        )
        .await;
    }

    /// The DevTools target ids of this extension's running service workers.
    async fn extension_workers(&self) -> Vec<Value> {
        let cdp = CdpExecute(json!({"cmd": "Target.getTargets", "params": {}}));
        let targets = self.client.issue_cmd(cdp).await.expect("the targets");
        let ours = format!("chrome-extension://{}/", shared::EXTENSION_ID);
        targets["targetInfos"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|t| t["type"] == "service_worker" && t["url"].as_str().is_some_and(|u| u.starts_with(&ours)))
            .map(|t| t["targetId"].clone())
            .collect()
    }

    /// Stops this extension's service worker, as Chrome does after 30 idle seconds, and waits
    /// until it is gone: the next message wakes it.
    pub async fn put_extension_worker_to_sleep(&self) {
        self.stop_extension_worker().await;
        for _ in 0..50 {
            if !self.extension_worker_running().await {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Stops this extension's service worker, as Chrome does after 30 idle seconds (through the
    /// DevTools protocol); the next message starts it again.
    pub async fn stop_extension_worker(&self) {
        for id in self.extension_workers().await {
            let close = CdpExecute(json!({"cmd": "Target.closeTarget", "params": {"targetId": id}}));
            self.client.issue_cmd(close).await.expect("stopped");
        }
    }

    /// Whether this extension's service worker is running.
    pub async fn extension_worker_running(&self) -> bool {
        !self.extension_workers().await.is_empty()
    }

    /// Runs `expression` in this extension's content-script world of the current page (found
    /// through the DevTools protocol, as someone with a debugger, or a compromised renderer,
    /// would), awaiting a promise; its value.
    pub async fn eval_as_content_script(&self, expression: &str) -> Value {
        let probe = format!(
            "typeof chrome === 'object' && !!chrome.runtime && chrome.runtime.id === '{}'",
            shared::EXTENSION_ID
        );
        let evaluate = |context: u32, expression: &str, wait: bool| {
            CdpExecute(json!({"cmd": "Runtime.evaluate", "params": {
                "expression": expression, "contextId": context, "returnByValue": true, "awaitPromise": wait
            }}))
        };
        for context in 1..=500 {
            let Ok(answer) = self.client.issue_cmd(evaluate(context, &probe, false)).await else { continue };
            if answer["result"]["value"] != json!(true) {
                continue;
            }
            let answer = self.client.issue_cmd(evaluate(context, expression, true)).await.expect("evaluated");
            assert!(answer["exceptionDetails"].is_null(), "{expression} threw: {answer}");
            return answer["result"]["value"].clone();
        }
        panic!("no content-script world of this extension in the page");
    }

    /// The element matching `css` in the shadow root of `host`, once it is there.
    pub async fn frame_in_shadow(&self, host: &str, css: &str) -> fantoccini::elements::Element {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Ok(host) = self.client.find(Locator::Css(host)).await
                && let Ok(root) = host.shadow_root().await
                && let Ok(found) = root.find(Locator::Css(css)).await
            {
                return found;
            }
            assert!(Instant::now() < deadline, "no {css} in {host}'s shadow root");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// In the export dialog: keep only `fields` (all when empty), choose Lever, fill the options
    /// and press Export.
    pub async fn fill_export_dialog(
        &self,
        fields: &[&str],
        job: Option<&str>,
        stage: Option<&str>,
        docx: bool,
        name: &str,
    ) {
        self.fill_export_options(fields, job, stage, docx, name).await;
        self.click("[data-testid=export-submit]").await;
    }

    /// [`Self::fill_export_dialog`] without pressing Export.
    pub async fn fill_export_options(
        &self,
        fields: &[&str],
        job: Option<&str>,
        stage: Option<&str>,
        docx: bool,
        name: &str,
    ) {
        let ready = "return document.querySelector('[data-testid=export-fields] h2') !== null;";
        self.wait_for("the export dialog's first step", ready, vec![]).await;
        if !fields.is_empty() {
            self.eval(
                "for (const box of document.querySelectorAll('[data-testid=export-fields] input[type=checkbox]')) \
                 { if (box.checked !== arguments[0].includes(box.name)) box.click(); }",
                vec![json!(fields)],
            )
            .await;
        }
        self.click("[data-testid=export-fields] button[type=submit]").await;
        self.click("[data-testid=export-destination] [role=menuitem]").await;
        self.wait_for("the options", "return document.querySelector('#pbl-stage option') !== null;", vec![]).await;
        let pick = "const s = document.querySelector(arguments[0]); const o = [...s.options].find(o => o.textContent.startsWith(arguments[1])); \
                    if (!o) return false; s.value = o.value; s.dispatchEvent(new Event('change', { bubbles: true })); return true;";
        if let Some(job) = job {
            self.wait_for(&format!("the job {job}"), pick, vec![json!("#pbl-job"), json!(job)]).await;
        }
        if let Some(stage) = stage {
            self.wait_for(&format!("the stage {stage}"), pick, vec![json!("#pbl-stage"), json!(stage)]).await;
        }
        if docx {
            self.click("input[name=format][value=docx]").await;
        }
        if !name.is_empty() {
            self.fill("#pbl-task-name", name).await;
        }
    }

    /// On the fixture's page of `cards` synthetic candidates, checks the first `n` unlocked ones
    /// and exports them with the dialog's defaults as task `name`; back on the page after.
    pub async fn export_selected(&self, stack: &Stack, cards: usize, n: usize, name: &str) {
        self.goto(&stack.page(&format!("/app/projects/bench?cards={cards}"))).await;
        let all_badged = format!("return document.querySelectorAll('provenbase-lever-badge').length === {cards};");
        self.wait_for("a badge on every card", &all_badged, vec![]).await;
        self.eval(
            "[...document.querySelectorAll('article:not(.is-locked) input.cand-select')].slice(0, arguments[0]).forEach(b => b.click());",
            vec![json!(n)],
        )
        .await;
        self.wait_for_shadow_text(
            "provenbase-lever",
            "[data-testid=export-selected]",
            &format!("Export selected ({n})"),
        )
        .await;
        self.shadow_click("provenbase-lever", "[data-testid=export-selected]").await;
        self.enter_export_dialog().await;
        self.fill_export_dialog(&[], None, None, false, name).await;
        self.client.enter_parent_frame().await.expect("back to the page");
        self.wait_for_shadow_text("provenbase-lever", "[data-testid=export-toast]", "Export in progress").await;
    }

    /// This browser's session token, read from the extension's storage on one of its pages.
    pub async fn session_token(&self) -> Option<String> {
        self.goto(&Self::extension_page("options.html")).await;
        let token = self.eval("return chrome.storage.local.get('session').then(r => r.session || null);", vec![]).await;
        token.as_str().map(str::to_owned)
    }
}

/// Runs `attempt` until it answers something truthy, and returns that; fails the test after
/// [`PATIENCE`] with `what` and the last answer.
async fn until<F, Fut>(what: &str, attempt: F) -> Value
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<Value, String>>,
{
    let deadline = Instant::now() + PATIENCE;
    loop {
        let last = match attempt().await {
            Ok(v) if truthy(&v) => return v,
            Ok(v) => v,
            Err(e) => json!(e),
        };
        assert!(Instant::now() < deadline, "timed out waiting for {what}; last saw {last}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn truthy(v: &Value) -> bool {
    !matches!(v, Value::Null | Value::Bool(false)) && v != &json!(0) && v != &json!("")
}

/// WebDriver's key codes.
pub const TAB: char = '\u{E004}';
pub const ENTER: char = '\u{E007}';
pub const ESCAPE: char = '\u{E00C}';

/// axe-core's browser build (`PBL_AXE_JS`, installed by `cargo xtask`).
fn axe_source() -> &'static str {
    static AXE: OnceLock<String> = OnceLock::new();
    AXE.get_or_init(|| {
        let path = std::env::var("PBL_AXE_JS").expect("PBL_AXE_JS names axe.min.js (cargo xtask e2e sets it)");
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
    })
}

/// Removes the open copies of our shadow roots that axe-core checked.
const REMOVE_AXE_COPIES: &str = "document.querySelectorAll('[data-axe-copy]').forEach(c => c.remove());";

/// Runs axe-core on `arguments[0]` (a selector, or the whole document when null) and returns its
/// serious and critical violations, one line each with the elements they concern.
const AXE_RUN: &str = "const context = arguments[0] ? { include: [...document.querySelectorAll(arguments[0])] } : document; \
    return axe.run(context, { resultTypes: ['violations'] }).then(r => r.violations \
      .filter(v => v.impact === 'serious' || v.impact === 'critical') \
      .map(v => `${v.id} (${v.impact}): ${v.help}: ${v.nodes.map(n => n.target.join(' > ')).join(', ')}`));";
