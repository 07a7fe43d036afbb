//! The small bar our content script shows on ProvenBase pages: what it found, how many are
//! already in Lever (and why not when it can't tell), *Export selected*, and the task manager
//! icon (its popover is an extension page in a frame). Rendered by Yew inside our shadow root.

use shared::messages::PageScan;
use yew::prelude::*;

#[derive(Debug, Clone, Default, PartialEq, Properties)]
pub struct ToolbarProps {
    pub scan: Option<PageScan>,
    pub exact: u32,
    pub possible: u32,
    /// Why badges are missing, when they are.
    pub note: Option<String>,
    /// How many candidates are checked on the page.
    pub selected: u32,
    pub on_export_selected: Callback<()>,
    /// A short message (an export started, or why it couldn't).
    pub toast: Option<String>,
    /// Opens or closes the task manager popover.
    pub on_toggle_tasks: Callback<()>,
    pub tasks_open: bool,
}

#[function_component(Toolbar)]
pub fn toolbar(props: &ToolbarProps) -> Html {
    let summary = props.scan.as_ref().map_or_else(|| "Looking for candidates…".to_owned(), PageScan::summary);
    let matches =
        (props.exact + props.possible > 0).then(|| format!("{} in Lever, {} possible", props.exact, props.possible));
    let toggle = props.on_toggle_tasks.reform(|_: MouseEvent| ());
    let export_selected = props.on_export_selected.reform(|_: MouseEvent| ());
    html! {
        <>
            <style>{ shared::badge::BAR_STYLE }</style>
            <aside class="pbl-bar" aria-label="ProvenBase to Lever">
                <span class="pbl-logo" aria-hidden="true">{ "L" }</span>
                <span class="pbl-summary" role="status" aria-live="polite">{ summary }</span>
                if let Some(m) = matches { <span class="pbl-matches">{ m }</span> }
                if let Some(note) = &props.note { <span class="pbl-note">{ note.clone() }</span> }
                if props.selected > 0 {
                    <button type="button" class="pbl-action" onclick={export_selected} data-testid="export-selected">
                        { format!("Export selected ({})", props.selected) }
                    </button>
                }
                <button type="button" class="pbl-icon" onclick={toggle} aria-expanded={props.tasks_open.to_string()} aria-label="Export tasks" data-testid="task-manager">{ "☰" }</button>
                if let Some(toast) = &props.toast { <span class="pbl-toast-inline" role="status" data-testid="export-toast">{ toast.clone() }</span> }
            </aside>
        </>
    }
}
