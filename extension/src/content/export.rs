//! Exporting from the page: the *Export to Lever* button on each card and *Export selected*
//! hand the candidates to the export dialog, an extension page shown over ProvenBase in a frame
//! (so its weight stays out of the content script). The dialog says when it closes.

use shared::adapter::{CandidateSelectors, ScrapedCandidate};
use shared::api::ExportCandidate;
use shared::messages::FramePurpose;
use shared::messages::{ProfileRead, Request, Response, StagedCandidate};
use wasm_bindgen::JsCast as _;
use web_sys::Element;

use super::badges::Known;

pub const FRAME_CLASS: &str = "pbl-export-frame";

/// How many profile pages are read at once.
const PROFILE_READS_AT_ONCE: usize = 4;

/// Reads candidates' profile pages for the export dialog: only this site's pages, with the
/// recruiter's own session, [`PROFILE_READS_AT_ONCE`] at a time; parsed, never run.
pub async fn read_profiles(urls: Vec<String>, selectors: Option<Box<CandidateSelectors>>) -> Vec<ProfileRead> {
    let failed =
        |url: &String, why: &str| ProfileRead { url: url.clone(), failed: Some(why.into()), ..ProfileRead::default() };
    let Some(selectors) = selectors else {
        return urls.iter().map(|u| failed(u, "no way to read profile pages is configured")).collect();
    };
    let Some(window) = web_sys::window() else { return Vec::new() };
    let origin = window.location().origin().unwrap_or_default();
    let mut out = Vec::with_capacity(urls.len());
    for chunk in urls.chunks(PROFILE_READS_AT_ONCE) {
        // Every fetch of the chunk starts now; then each answer is read in turn.
        let pending: Vec<(&String, Option<js_sys::Promise>)> = chunk
            .iter()
            .map(|url| (url, url.starts_with(&format!("{origin}/")).then(|| window.fetch_with_str(url))))
            .collect();
        for (url, fetch) in pending {
            let Some(fetch) = fetch else {
                out.push(failed(url, "not a page of this site"));
                continue;
            };
            out.push(match parse_page(fetch).await {
                Ok(page) => super::reader::read_profile(&page, url, &selectors),
                Err(why) => failed(url, &why),
            });
        }
    }
    out
}

/// A fetched page of this site (the recruiter's session), parsed; its scripts don't run.
async fn parse_page(fetch: js_sys::Promise) -> Result<web_sys::Document, String> {
    use wasm_bindgen_futures::JsFuture;
    let response: web_sys::Response =
        JsFuture::from(fetch).await.map_err(|_| "no answer")?.dyn_into().map_err(|_| "no answer")?;
    if !response.ok() {
        return Err(format!("the page answered {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(|_| "unreadable")?).await.map_err(|_| "unreadable")?;
    let parser = web_sys::DomParser::new().map_err(|_| "no parser")?;
    parser
        .parse_from_string(&text.as_string().unwrap_or_default(), web_sys::SupportedType::TextHtml)
        .map_err(|_| "not HTML".into())
}
pub const POPOVER_CLASS: &str = "pbl-popover-frame";

/// Shows (or hides) the task manager popover above our bar; true when now shown.
pub fn toggle_popover(host: &Element) -> bool {
    let Some(shadow) = super::frames::shadow(host) else { return false };
    if let Ok(Some(open)) = shadow.query_selector(&format!(".{POPOVER_CLASS}")) {
        open.remove();
        return false;
    }
    let style = "position:fixed;right:16px;bottom:64px;width:360px;height:340px;border:0;border-radius:10px;\
                 box-shadow:0 8px 30px #0004;z-index:2147483001;background:#fff;";
    super::frames::show(&shadow, POPOVER_CLASS, FramePurpose::TaskPopover, "", "Recent exports", style).is_some()
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
        summary: c.summary.clone(),
        experience: c.experience.clone(),
        education: c.education.clone(),
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
            Some(StagedCandidate {
                candidate: export_candidate(*id, person),
                in_lever,
                profile_url: person.profile_url.clone(),
            })
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
    let shadow = super::frames::shadow(&host).ok_or("no shadow root")?;
    let style = "position:fixed;inset:0;width:100vw;height:100vh;border:0;z-index:2147483646;background:transparent;";
    let query = format!("?stage={id}");
    let frame = super::frames::show(&shadow, FRAME_CLASS, FramePurpose::ExportDialog, &query, "Export to Lever", style)
        .ok_or("cannot show the dialog")?;
    if let Some(win) = frame.dyn_ref::<web_sys::HtmlIFrameElement>().and_then(|f| f.content_window()) {
        win.focus().ok();
    }
    Ok(())
}
