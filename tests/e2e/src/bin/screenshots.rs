//! `cargo xtask screenshots`: drives the demo stack (backend, Lever simulator, fixture ProvenBase
//! site, built extension) in headless Chromium through the product's tour (`e2e::tour`) and
//! writes one PNG per state, and an `index.html` gallery, to `target/screenshots/`. Review it
//! after every UI change.

use std::path::{Path, PathBuf};

use e2e::tour::{Place, Visitor, tour};
use e2e::{Browser, Stack};

/// The gallery being made.
struct Gallery {
    dir: PathBuf,
    shots: Vec<(String, String)>,
}

impl Gallery {
    fn new() -> Self {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
        std::fs::remove_dir_all(&dir).ok();
        std::fs::create_dir_all(&dir).expect("target/screenshots");
        Self { dir, shots: Vec::new() }
    }

    /// The browser's viewport now, as `name`.png, with `caption`; a page taller than the window
    /// is taken whole (the window grows to fit, then shrinks back).
    async fn shot(&mut self, browser: &Browser, name: &str, caption: &str) {
        let height = browser
            .eval("return Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0);", vec![])
            .await
            .as_u64()
            .unwrap_or(900)
            .clamp(900, 4_000);
        browser.client.set_window_size(1280, u32::try_from(height).unwrap_or(900) + 120).await.ok();
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        let png = browser.client.screenshot().await.expect("a screenshot");
        browser.client.set_window_size(1280, 900).await.ok();
        let file = format!("{:02}-{name}.png", self.shots.len() + 1);
        std::fs::write(self.dir.join(&file), png).expect("written");
        println!("screenshot {file}: {caption}");
        self.shots.push((file, caption.to_owned()));
    }

    fn write_index(&self) {
        let figures: String = self
            .shots
            .iter()
            .map(|(file, caption)| {
                format!(
                    "<figure><a href=\"{file}\"><img src=\"{file}\" alt=\"{caption}\" loading=\"lazy\"></a><figcaption>{caption}</figcaption></figure>\n",
                    caption = caption.replace('&', "&amp;").replace('<', "&lt;").replace('"', "&quot;")
                )
            })
            .collect();
        let html = format!(
            "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>ProvenBase → Lever: every state</title>\
             <style>body{{font-family:system-ui;margin:2rem}}main{{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:1.5rem}}\
             figure{{margin:0}}img{{width:100%;border:1px solid #ccc}}figcaption{{font-size:.9rem;margin-top:.3rem}}</style>\
             <h1>ProvenBase → Lever: every state ({} screenshots)</h1><main>\n{figures}</main></html>\n",
            self.shots.len()
        );
        std::fs::write(self.dir.join("index.html"), html).expect("index.html");
        println!("gallery: {}", self.dir.join("index.html").display());
    }
}

impl Visitor for Gallery {
    async fn visit(&mut self, browser: &Browser, name: &str, caption: &str, _: Place) {
        self.shot(browser, name, caption).await;
    }
}

#[tokio::main]
async fn main() {
    let mut gallery = Gallery::new();
    let stack = Stack::start().await;
    let browser = Browser::launch().await;
    tour(&stack, &browser, &mut gallery).await;
    gallery.write_index();
}
