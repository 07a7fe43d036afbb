//! Exporting from the page: the *Export to Lever* button on each card and *Export selected*
//! hand the candidates to the export dialog, an extension page shown over ProvenBase in a frame
//! (so its weight stays out of the content script). The dialog says when it closes.

use shared::adapter::ScrapedCandidate;
use shared::api::ExportCandidate;
use shared::messages::{Request, Response, StagedCandidate};
use wasm_bindgen::JsCast as _;
use web_sys::Element;

use super::badges::Known;

pub const FRAME_CLASS: &str = "pbl-export-frame";
pub const POPOVER_CLASS: &str = "pbl-popover-frame";

/// Shows (or hides) the task manager popover above our bar; true when now shown.
pub fn toggle_popover(host: &Element) -> bool {
    let Some(shadow) = host.shadow_root() else { return false };
    if let Ok(Some(open)) = shadow.query_selector(&format!(".{POPOVER_CLASS}")) {
        open.remove();
        return false;
    }
    let style = "position:fixed;right:16px;bottom:64px;width:360px;height:340px;border:0;border-radius:10px;\
                 box-shadow:0 8px 30px #0004;z-index:2147483001;background:#fff;";
    super::frames::show(&shadow, POPOVER_CLASS, "popover.html", "Recent exports", style).is_some()
}

pub fn export_candidate(id: u32, c: &ScrapedCandidate) -> ExportCandidate {
    ExportCandidate {
        ref_id: id.to_string(),
        name: c.name.clone(),
        title: c.title.clone(),
        company: c.company.clone(),
        emails: c.emails.clone(),
        phones: c.phones.clone(),
        linkedin: c.linkedin.clone(),
        location: c.location.clone(),
        skills: c.skills.clone(),
        experience: Vec::new(),
        education: Vec::new(),
        locked: c.locked,
    }
}

/// The people among `ids`, with what their badges knew. Locked ones come along (marked) so the
/// dialog can name who is left out rather than drop them silently.
pub fn staged(known: &Known, ids: &[u32]) -> Vec<StagedCandidate> {
    ids.iter()
        .filter_map(|id| {
            let person = known.person(*id)?;
            let in_lever = known.view(*id).is_some_and(|v| v.kind == "exact");
            Some(StagedCandidate { candidate: export_candidate(*id, person), in_lever })
        })
        .collect()
}

/// Shows the export dialog for `candidates` over the page, inside our shadow root.
pub async fn open_dialog(host: Element, candidates: Vec<StagedCandidate>, origin: String) -> Result<(), String> {
    match candidates.iter().filter(|c| c.candidate.locked).count() {
        _ if candidates.is_empty() => return Err("Choose at least one candidate to export.".into()),
        1 if candidates.len() == 1 => {
            return Err(format!("{} is locked: unlock them in ProvenBase to export.", candidates[0].candidate.name));
        }
        locked if locked == candidates.len() => {
            return Err(format!("All {locked} chosen candidates are locked: unlock them in ProvenBase to export."));
        }
        _ => {}
    }
    let id = match crate::chrome::send(&Request::StageExport { candidates, origin: Some(origin) }).await {
        Response::Staged { id } => id,
        Response::Failed { message } => return Err(message),
        other => return Err(format!("unexpected answer: {other:?}")),
    };
    let shadow = host.shadow_root().ok_or("no shadow root")?;
    let style = "position:fixed;inset:0;width:100vw;height:100vh;border:0;z-index:2147483646;background:transparent;";
    let frame = super::frames::show(&shadow, FRAME_CLASS, &format!("export.html?stage={id}"), "Export to Lever", style)
        .ok_or("cannot show the dialog")?;
    if let Some(win) = frame.dyn_ref::<web_sys::HtmlIFrameElement>().and_then(|f| f.content_window()) {
        win.focus().ok();
    }
    Ok(())
}
