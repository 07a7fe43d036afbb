//! Draws what `shared::content` decided: plans (the bar, badges in the cards) through
//! `static/draw.js`, the drawer the strict-CSP fallback uses too, and our frames. Every string
//! goes in as text.

use shared::content::{FrameAction, FrameSlot};
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
    #[wasm_bindgen(method, js_name = focusExport)]
    pub(super) fn focus_export(this: &Ui, button: &HtmlElement);
}

/// What the page's UI calls back.
pub(super) struct Callbacks {
    /// Where a card's badge goes.
    pub anchor: Closure<dyn Fn(Element) -> Element>,
    /// A card's *Export to Lever*: the person's id, and the button.
    pub on_export: Closure<dyn Fn(u32, HtmlElement)>,
    pub on_export_selected: Closure<dyn Fn()>,
    pub on_tasks: Closure<dyn Fn()>,
    /// The bar's fold and move buttons.
    pub on_toggle_bar: Closure<dyn Fn()>,
    pub on_move_bar: Closure<dyn Fn()>,
}

/// Mounts the bar in `root` (the closed shadow root of `host`) with `static/draw.js`; the
/// callbacks live as long as the page.
pub(super) fn mount(host: &Element, root: &ShadowRoot, callbacks: Callbacks) -> Ui {
    let options = js_sys::Object::new();
    let set = |key: &str, value: &JsValue| {
        js_sys::Reflect::set(&options, &key.into(), value).ok();
    };
    set("host", host);
    set("root", root);
    set("barStyle", &shared::badge::BAR_STYLE.into());
    set("badgeStyle", &shared::badge::STYLE.into());
    set("anchor", callbacks.anchor.as_ref());
    set("onExport", callbacks.on_export.as_ref());
    set("onExportSelected", callbacks.on_export_selected.as_ref());
    set("onTasks", callbacks.on_tasks.as_ref());
    set("onToggleBar", callbacks.on_toggle_bar.as_ref());
    set("onMoveBar", callbacks.on_move_bar.as_ref());
    let ui = js_mount(&options);
    let Callbacks { anchor, on_export, on_export_selected, on_tasks, on_toggle_bar, on_move_bar } = callbacks;
    anchor.forget();
    on_export.forget();
    on_export_selected.forget();
    on_tasks.forget();
    on_toggle_bar.forget();
    on_move_bar.forget();
    ui
}

/// Carries out frame actions in `root` (the bar's shadow root; the row's frame lives in `row`).
pub(super) fn frames(
    ui: &Ui,
    root: &ShadowRoot,
    row: Option<&ShadowRoot>,
    actions: &[FrameAction],
    trigger: Option<&HtmlElement>,
) {
    let place = |slot: FrameSlot| if slot == FrameSlot::Row { row } else { Some(root) };
    let find = |slot: FrameSlot| place(slot)?.query_selector(&format!(".{}", slot.class())).ok().flatten();
    for action in actions {
        match action {
            FrameAction::Open { slot, purpose, query, title, style, .. } => {
                if let Some(parent) = place(*slot) {
                    if let Some(old) = find(*slot) {
                        old.remove();
                    }
                    let frame = super::frames::show(parent, slot.class(), *purpose, query, title, style);
                    if *slot == FrameSlot::Export {
                        let window =
                            frame.and_then(|f| f.dyn_into::<web_sys::HtmlIFrameElement>().ok()?.content_window());
                        if let Some(window) = window {
                            window.focus().ok();
                        }
                    }
                }
            }
            FrameAction::Restyle { slot, style } => {
                if let Some(frame) = find(*slot) {
                    frame.set_attribute("style", style).ok();
                }
            }
            FrameAction::Close { slot } => {
                while let Some(frame) = find(*slot) {
                    frame.remove();
                }
            }
            FrameAction::Reload { slot, purpose, .. } => {
                if let Some(frame) = find(*slot) {
                    super::frames::load(&frame, *purpose, "");
                }
            }
            FrameAction::FocusTrigger => {
                // Redrawn meanwhile (the person landed in Lever): the same person's new button.
                if let Some(button) = trigger {
                    ui.focus_export(button);
                }
            }
        }
    }
}
