//! What the export dialog (an extension page in a frame over ProvenBase) may ask of the page:
//! candidates' profile pages, read with the recruiter's own session.

use shared::adapter::CandidateSelectors;
use shared::messages::ProfileRead;
use wasm_bindgen::JsCast as _;

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
