//! Draws what `shared::content` decided: plans (the bar, badges in the cards) and our frames,
//! through `static/draw.js`, the drawer the strict-CSP fallback uses too. Every string goes in
//! as text.

use shared::content::FrameAction;
use shared::messages::FramePurpose;
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement, ShadowRoot};

pub const BADGE_TAG: &str = "provenbase-lever-badge";

#[wasm_bindgen]
extern "C" {
    /// Our UI in the page, as `static/draw.js` mounted it.
    pub(super) type Ui;

    #[wasm_bindgen(js_namespace = pblDraw, js_name = mount)]
    fn js_mount(options: &js_sys::Object) -> Ui;

    /// Draws a plan (JSON) over the cards of the read it was made from.
    #[wasm_bindgen(method)]
    pub(super) fn plan(this: &Ui, cards: &js_sys::Array, plan: &str);
    /// Carries out frame actions (JSON); `trigger` opened the export dialog, if anything did.
    #[wasm_bindgen(method)]
    fn frames(this: &Ui, actions: &str, trigger: Option<HtmlElement>);
}

/// What the page's UI calls back.
pub(super) struct Callbacks {
    /// A card's *Export to Lever*: the person's id, and the button.
    pub on_export: Closure<dyn Fn(u32, HtmlElement)>,
    pub on_export_selected: Closure<dyn Fn()>,
    pub on_tasks: Closure<dyn Fn()>,
    /// The bar's fold and move buttons.
    pub on_toggle_bar: Closure<dyn Fn()>,
    pub on_move_bar: Closure<dyn Fn()>,
}

/// Mounts the bar in `root` (the closed shadow root of `host`; `row`, our row's, if the page
/// lists ATS integrations) with `static/draw.js`, badges going where `adapter` (JSON) says; the
/// callbacks live as long as the page.
pub(super) fn mount(
    host: &Element,
    root: &ShadowRoot,
    row: Option<&ShadowRoot>,
    adapter: &str,
    callbacks: Callbacks,
) -> Ui {
    let options = js_sys::Object::new();
    let set = |key: &str, value: &JsValue| {
        js_sys::Reflect::set(&options, &key.into(), value).ok();
    };
    set("host", host);
    set("root", root);
    set("row", &row.map_or(JsValue::NULL, JsValue::from));
    set("barStyle", &shared::badge::BAR_STYLE.into());
    set("badgeStyle", &shared::badge::STYLE.into());
    set("adapter", &adapter.into());
    // A frame gets its extension page under a one-time ticket from the worker (or goes).
    let load_frame = Closure::<dyn Fn(Element, JsValue, String, String)>::new(
        |frame: Element, purpose: JsValue, page: String, query: String| {
            if let Ok(purpose) = crate::chrome::from_js::<FramePurpose>(purpose) {
                super::frames::load(&frame, purpose, &page, &query);
            }
        },
    );
    set("loadFrame", load_frame.as_ref());
    load_frame.forget();
    set("onExport", callbacks.on_export.as_ref());
    set("onExportSelected", callbacks.on_export_selected.as_ref());
    set("onTasks", callbacks.on_tasks.as_ref());
    set("onToggleBar", callbacks.on_toggle_bar.as_ref());
    set("onMoveBar", callbacks.on_move_bar.as_ref());
    let ui = js_mount(&options);
    let Callbacks { on_export, on_export_selected, on_tasks, on_toggle_bar, on_move_bar } = callbacks;
    on_export.forget();
    on_export_selected.forget();
    on_tasks.forget();
    on_toggle_bar.forget();
    on_move_bar.forget();
    ui
}

/// Carries out frame actions (with `static/draw.js`, as the strict-CSP fallback does).
pub(super) fn frames(ui: &Ui, actions: &[FrameAction], trigger: Option<&HtmlElement>) {
    ui.frames(&serde_json::to_string(actions).unwrap_or_default(), trigger.cloned());
}
