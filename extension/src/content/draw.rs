//! Draws what `shared::content` decided, with plain DOM calls: the bar in our closed shadow root,
//! badges in closed shadow roots inside the cards (one constructed stylesheet for all), and our
//! frames. Every string goes in as text. `static/fallback.js` draws the same steps the same way.

use shared::content::{BarView, CardDraw, FrameAction, FrameSlot};
use wasm_bindgen::prelude::*;
use web_sys::{CssStyleSheet, Document, Element, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

pub const BADGE_TAG: &str = "provenbase-lever-badge";

/// The bar's parts, made once and updated in place.
pub(super) struct Bar {
    summary: Element,
    matches: Element,
    note: Element,
    export_selected: Element,
    tasks: Element,
    toast: Element,
}

fn element(document: &Document, tag: &str, class: &str) -> Result<Element, JsValue> {
    let el = document.create_element(tag)?;
    el.set_class_name(class);
    Ok(el)
}

impl Bar {
    /// Adds the bar to `root` (in the order and with the attributes the fallback uses).
    pub(super) fn mount(document: &Document, root: &ShadowRoot) -> Result<Self, JsValue> {
        let style = document.create_element("style")?;
        style.set_text_content(Some(shared::badge::BAR_STYLE));
        root.append_child(&style)?;
        let bar = element(document, "aside", "pbl-bar")?;
        let logo = element(document, "span", "pbl-logo")?;
        logo.set_attribute("aria-hidden", "true")?;
        logo.set_text_content(Some("L"));
        let summary = element(document, "span", "pbl-summary")?;
        summary.set_attribute("role", "status")?;
        summary.set_attribute("aria-live", "polite")?;
        let matches = element(document, "span", "pbl-matches")?;
        let note = element(document, "span", "pbl-note")?;
        let export_selected = element(document, "button", "pbl-action")?;
        export_selected.set_attribute("type", "button")?;
        export_selected.set_attribute("data-testid", "export-selected")?;
        let tasks = element(document, "button", "pbl-icon")?;
        tasks.set_attribute("type", "button")?;
        tasks.set_attribute("data-testid", "task-manager")?;
        tasks.set_text_content(Some("☰"));
        let toast = element(document, "span", "pbl-toast-inline")?;
        toast.set_attribute("role", "status")?;
        toast.set_attribute("data-testid", "export-toast")?;
        for part in [&logo, &summary, &matches, &note, &export_selected, &tasks, &toast] {
            bar.append_child(part)?;
        }
        root.append_child(&bar)?;
        Ok(Self { summary, matches, note, export_selected, tasks, toast })
    }

    pub(super) fn on_export_selected(&self, listener: &js_sys::Function) {
        self.export_selected.add_event_listener_with_callback("click", listener).ok();
    }

    pub(super) fn on_tasks(&self, listener: &js_sys::Function) {
        self.tasks.add_event_listener_with_callback("click", listener).ok();
    }

    pub(super) fn draw(&self, view: &BarView) {
        if let Some(bar) = self.summary.parent_element() {
            set_attr(&bar, "aria-label", &view.label);
        }
        show(&self.summary, Some(&view.summary));
        show(&self.matches, view.matches.as_deref());
        show(&self.note, view.note.as_deref());
        show(&self.export_selected, view.export_selected.as_deref());
        show(&self.toast, view.toast.as_deref());
        set_attr(&self.tasks, "aria-label", &view.tasks_label);
        set_attr(&self.tasks, "aria-expanded", if view.tasks_open { "true" } else { "false" });
    }
}

/// Sets an attribute only when it changes (each write is a DOM mutation the page may observe).
fn set_attr(el: &Element, name: &str, value: &str) {
    if el.get_attribute(name).as_deref() != Some(value) {
        el.set_attribute(name, value).ok();
    }
}

/// Shows `text` in `el`, or hides it.
fn show(el: &Element, text: Option<&str>) {
    let text = text.unwrap_or_default();
    if el.text_content().as_deref() != Some(text) {
        el.set_text_content(Some(text));
    }
    match (text.is_empty(), el.has_attribute("hidden")) {
        (true, false) => drop(el.set_attribute("hidden", "")),
        (false, true) => drop(el.remove_attribute("hidden")),
        _ => {}
    }
}

/// The badges' shared stylesheet.
pub(super) fn badge_sheet() -> Option<CssStyleSheet> {
    let sheet = CssStyleSheet::new().ok()?;
    sheet.replace_sync(shared::badge::STYLE).ok()?;
    Some(sheet)
}

/// Draws one card's badge, locked chip and *Export to Lever* button in `anchor` (`on_export` gets
/// the click; the host's `data-ref` says whose card it is).
pub(super) fn card(
    document: &Document,
    sheet: Option<&CssStyleSheet>,
    anchor: &Element,
    draw: &CardDraw,
    on_export: &js_sys::Function,
) -> Result<(), JsValue> {
    // A card in a same-origin frame belongs to the frame's document: our elements too, and a
    // stylesheet constructed in the page can't be shared with it (a <style> there instead).
    let own = anchor.owner_document().filter(|d| d != document);
    let document = own.as_ref().unwrap_or(document);
    let host = document.create_element(BADGE_TAG)?;
    host.set_attribute("data-ref", &draw.id.to_string())?;
    // Closed, and nothing about Lever on the host: the page can't test who is in Lever.
    let shadow = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Closed))?;
    match (sheet, own.is_some()) {
        (Some(sheet), false) => {
            js_sys::Reflect::set(&shadow, &"adoptedStyleSheets".into(), &js_sys::Array::of1(sheet))?;
        }
        _ => {
            let style = document.create_element("style")?;
            style.set_text_content(Some(shared::badge::STYLE));
            shadow.append_child(&style)?;
        }
    }
    let view = &draw.badge;
    let badge = match &view.href {
        Some(href) => {
            let a = document.create_element("a")?;
            a.set_attribute("href", href)?;
            a.set_attribute("target", "_blank")?;
            a.set_attribute("rel", "noopener noreferrer")?;
            a
        }
        None => document.create_element("span")?,
    };
    badge.set_class_name(&format!("badge {}{}", view.kind, if view.archived { " archived" } else { "" }));
    badge.set_text_content(Some(&view.label));
    badge.set_attribute("title", &view.title)?;
    badge.set_attribute("aria-label", &format!("{}. {}", view.label, view.title))?;
    if let Some(stage) = &view.stage {
        badge.set_attribute("data-stage", stage)?;
    }
    shadow.append_child(&badge)?;
    if let Some(chip) = &draw.locked {
        let lock = element(document, "span", "badge locked")?;
        lock.set_text_content(Some(&chip.text));
        lock.set_attribute("title", &chip.title)?;
        shadow.append_child(&lock)?;
    }
    let export = element(document, "button", "badge export")?;
    export.set_attribute("type", "button")?;
    export.set_text_content(Some(&draw.export.label));
    if let Some(title) = &draw.export.title {
        export.set_attribute("title", title)?;
    }
    if draw.export.disabled {
        export.set_attribute("disabled", "")?;
    } else {
        export.add_event_listener_with_callback("click", on_export)?;
    }
    shadow.append_child(&export)?;
    anchor.append_child(&host)?;
    Ok(())
}

/// Carries out frame actions in `root` (the bar's shadow root; the row's frame lives in `row`).
pub(super) fn frames(
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
                if let Some(button) = trigger {
                    button.focus().ok();
                }
            }
        }
    }
}
