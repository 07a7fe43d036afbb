//! The small bar our content script shows on ProvenBase pages: what it found, how many are
//! already in Lever, and why not when it can't tell. Rendered by Yew inside our shadow root.

use shared::messages::PageScan;
use yew::prelude::*;

#[derive(Debug, Clone, Default, PartialEq, Properties)]
pub struct ToolbarProps {
    pub scan: Option<PageScan>,
    pub exact: u32,
    pub possible: u32,
    /// Why badges are missing, when they are.
    pub note: Option<String>,
}

#[function_component(Toolbar)]
pub fn toolbar(props: &ToolbarProps) -> Html {
    let summary = match &props.scan {
        None => "Looking for candidates…".to_owned(),
        Some(s) if s.candidates == 0 => format!("No candidates found on {}", s.page.label()),
        Some(s) => format!("{} candidates on {} ({} locked)", s.candidates, s.page.label(), s.locked),
    };
    let matches =
        (props.exact + props.possible > 0).then(|| format!("{} in Lever, {} possible", props.exact, props.possible));
    html! {
        <>
            <style>{ STYLE }</style>
            <aside class="pbl-bar" role="status" aria-live="polite" aria-label="ProvenBase to Lever">
                <span class="pbl-logo" aria-hidden="true">{ "L" }</span>
                <span class="pbl-summary">{ summary }</span>
                if let Some(m) = matches { <span class="pbl-matches">{ m }</span> }
                if let Some(note) = &props.note { <span class="pbl-note">{ note.clone() }</span> }
            </aside>
        </>
    }
}

const STYLE: &str = "
.pbl-bar { position: fixed; right: 16px; bottom: 16px; z-index: 2147483000; display: flex; gap: 8px;
  align-items: center; padding: 6px 12px; border-radius: 16px; background: #1f2937; color: #fff;
  font: 13px/1.4 system-ui, sans-serif; box-shadow: 0 2px 8px #0004; max-width: 40rem; }
.pbl-logo { display: inline-grid; place-items: center; width: 20px; height: 20px; border-radius: 50%;
  background: #4f46e5; font-weight: 700; }
.pbl-matches { color: #c7d2fe; }
.pbl-note { color: #fde68a; }
";
