//! The export dialog, shown over ProvenBase in a frame: the resume fields, *Lever* as the
//! destination, the options (job, stage, resume format, task name), and the duplicate prompts.
//! It tells the page when it closes, and whether a task started.

use shared::api::{
    CheckCandidate, CheckRequest, DuplicatePolicy, ExportRequest, LeverPosting, LeverStage, ResumeField, ResumeFormat,
};
use shared::endpoints::{Check, CreateExport, GetSettings, ListPostings, ListStages};
use shared::messages::{Request, Response, StagedCandidate};
use shared::prompt::{DuplicateKind, DuplicatePrompt, candidates as count_candidates, locked_note, unavailable_fields};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::{chrome, client};

#[derive(Debug, Clone, PartialEq)]
enum Step {
    Loading,
    Fields,
    Destination,
    Options,
    /// Reading this many candidates' ProvenBase profile pages (for experience and education).
    ReadingProfiles(usize),
    /// Checking the chosen candidates against Lever and the export queue, just before exporting.
    Checking,
    /// Some (or all) are in Lever, may be, or are being exported: what to do with them.
    Duplicates(DuplicatePrompt),
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Default)]
struct Lists {
    stages: Vec<LeverStage>,
    postings: Vec<LeverPosting>,
    default_stage: Option<String>,
    /// Where on ProvenBase the candidates were chosen (a Lever tag).
    origin: Option<String>,
}

/// Tells the page to remove the dialog; `started` names the task that began.
fn close(started: Option<&str>) {
    super::post_to_page("pbl-export-closed", started);
}

fn staged_id() -> Option<u32> {
    let search = web_sys::window()?.location().search().ok()?;
    search.trim_start_matches('?').split('&').find_map(|kv| kv.strip_prefix("stage=")).and_then(|v| v.parse().ok())
}

async fn load() -> Result<(Vec<StagedCandidate>, Lists), String> {
    let id = staged_id().ok_or("No candidates were handed over.")?;
    let candidates = match chrome::send(&Request::TakeStagedExport { id }).await {
        Response::StagedExport { candidates, origin } => (candidates, origin),
        Response::Failed { message } => return Err(message),
        other => return Err(format!("unexpected answer: {other:?}")),
    };
    let stages = client::call(ListStages).await.map_err(|e| e.message)?;
    let postings = client::call(ListPostings).await.map_err(|e| e.message)?;
    let settings = client::call(GetSettings).await.map_err(|e| e.message)?;
    let default_stage = settings
        .default_stage_id
        .or_else(|| stages.iter().find(|s| s.text.eq_ignore_ascii_case("new lead")).map(|s| s.id.clone()));
    let (candidates, origin) = candidates;
    Ok((candidates, Lists { stages, postings, default_stage, origin }))
}

/// Who among the chosen would be a duplicate, asked of the backend now (not the page's badges,
/// which may predate an export that just landed). Where the check can't answer (sync off, or the
/// backend out of reach), there is no prompt: the worker still skips exact matches it finds.
async fn duplicates(request: &ExportRequest) -> DuplicatePrompt {
    let check = CheckRequest { candidates: request.candidates.iter().map(CheckCandidate::from).collect() };
    match client::call(Check(check)).await {
        Ok(answer) if answer.sync.enabled => DuplicatePrompt::new(&request.candidates, &answer.results),
        _ => DuplicatePrompt { total: request.candidates.len(), duplicates: Vec::new() },
    }
}

#[function_component(ExportDialog)]
pub fn export_dialog() -> Html {
    let step = use_state(|| Step::Loading);
    let candidates = use_state(Vec::<StagedCandidate>::new);
    let lists = use_state(Lists::default);
    let fields = use_state(|| ResumeField::ALL.to_vec());
    let error = use_state(|| None::<String>);
    let job_filter = use_state(String::new);
    let (job_ref, stage_ref, name_ref, docx_ref, first_ref) =
        (use_node_ref(), use_node_ref(), use_node_ref(), use_node_ref(), use_node_ref());
    let note_ref = use_node_ref();
    let request = use_state(|| None::<ExportRequest>);
    // The duplicate prompt's choices; both default to leaving duplicates out.
    let (add_to_existing, export_possible) = (use_state(|| false), use_state(|| false));
    {
        let (step, candidates, lists, fields) = (step.clone(), candidates.clone(), lists.clone(), fields.clone());
        use_effect_with((), move |()| {
            wasm_bindgen_futures::spawn_local(async move {
                match load().await {
                    Ok((c, l)) => {
                        let chosen: Vec<_> = c.iter().map(|s| s.candidate.clone()).collect();
                        let profiles = c.iter().any(|s| s.profile_url.is_some());
                        let missing: Vec<ResumeField> =
                            unavailable_fields(&chosen, profiles).into_iter().map(|(f, _)| f).collect();
                        fields.set(ResumeField::ALL.into_iter().filter(|f| !missing.contains(f)).collect());
                        candidates.set(c);
                        lists.set(l);
                        step.set(Step::Fields);
                    }
                    Err(message) => step.set(Step::Failed(message)),
                }
            });
        });
    }
    {
        // Focus moves into each step as it appears.
        let first_ref = first_ref.clone();
        use_effect_with((*step).clone(), move |_| {
            if let Some(el) = first_ref.cast::<web_sys::HtmlElement>() {
                el.focus().ok();
            }
        });
    }
    let submit = {
        let (step, error) = (step.clone(), error.clone());
        Callback::from(move |req: ExportRequest| {
            let (step, error) = (step.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let name = req.name.clone();
                match client::call(CreateExport(req)).await {
                    Ok(_) => close(Some(&name)),
                    Err(e) => {
                        error.set(Some(e.message));
                        step.set(Step::Options);
                    }
                }
            });
        })
    };
    let cancel = Callback::from(|_: MouseEvent| close(None));
    let on_key = Callback::from(|e: KeyboardEvent| {
        if e.key() == "Escape" {
            e.prevent_default();
            close(None);
        }
    });
    let n = candidates.iter().filter(|c| !c.candidate.locked).count();
    let locked: Vec<&str> =
        candidates.iter().filter(|c| c.candidate.locked).map(|c| c.candidate.name.as_str()).collect();
    let body = match &*step {
        Step::Loading => html! { <p>{ "Loading…" }</p> },
        Step::Failed(message) => html! {
            <>
                <p class="pbl-error" role="alert">{ message.clone() }</p>
                <div class="pbl-actions"><button type="button" ref={first_ref.clone()} onclick={cancel.clone()}>{ "Close" }</button></div>
            </>
        },
        Step::Fields => {
            let toggle = |f: ResumeField| {
                let fields = fields.clone();
                Callback::from(move |_: Event| {
                    let mut now = (*fields).clone();
                    if now.contains(&f) {
                        now.retain(|x| *x != f)
                    } else {
                        now.push(f)
                    }
                    fields.set(now);
                })
            };
            let next = {
                let (step, error, fields, candidates) =
                    (step.clone(), error.clone(), fields.clone(), candidates.clone());
                Callback::from(move |e: SubmitEvent| {
                    e.prevent_default();
                    if fields.is_empty() {
                        error.set(Some("Choose at least one resume field.".into()));
                        return;
                    }
                    error.set(None);
                    let wanted = fields
                        .iter()
                        .any(|f| matches!(f, ResumeField::Summary | ResumeField::Experience | ResumeField::Education));
                    let urls: Vec<String> = candidates
                        .iter()
                        .filter(|c| {
                            !c.candidate.locked
                                && c.candidate.summary.is_none()
                                && c.candidate.experience.is_empty()
                                && c.candidate.education.is_empty()
                        })
                        .filter_map(|c| c.profile_url.clone())
                        .collect();
                    let (Some(id), true, false) = (staged_id(), wanted, urls.is_empty()) else {
                        step.set(Step::Destination);
                        return;
                    };
                    step.set(Step::ReadingProfiles(urls.len()));
                    let (step, error, candidates) = (step.clone(), error.clone(), candidates.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        match chrome::send(&Request::ReadProfiles { id, urls }).await {
                            Response::Profiles { profiles } => {
                                let unread = profiles.iter().filter(|p| p.failed.is_some()).count();
                                let mut now = (*candidates).clone();
                                for read in profiles.into_iter().filter(|p| p.failed.is_none()) {
                                    for c in now.iter_mut().filter(|c| c.profile_url.as_deref() == Some(read.url.as_str())) {
                                        c.candidate.summary.clone_from(&read.summary);
                                        c.candidate.experience.clone_from(&read.experience);
                                        c.candidate.education.clone_from(&read.education);
                                    }
                                }
                                candidates.set(now);
                                if unread > 0 {
                                    error.set(Some(format!(
                                        "{} could not be read: their resumes go without what only the profile shows.",
                                        if unread == 1 { "1 profile page".to_owned() } else { format!("{unread} profile pages") }
                                    )));
                                }
                            }
                            Response::Failed { message } => error.set(Some(format!(
                                "Profile pages could not be read ({message}): the resumes go without what only the profile shows."
                            ))),
                            _ => {}
                        }
                        step.set(Step::Destination);
                    });
                })
            };
            let chosen: Vec<_> =
                candidates.iter().filter(|c| !c.candidate.locked).map(|c| c.candidate.clone()).collect();
            let unavailable = unavailable_fields(&chosen, candidates.iter().any(|s| s.profile_url.is_some()));
            let why = |f: &ResumeField| unavailable.iter().find(|(u, _)| u == f).map(|(_, why)| why.clone());
            html! {
                <form onsubmit={next} data-testid="export-fields">
                    <h2 id="pbl-dialog-title">{ format!("Export {}", count_candidates(n)) }</h2>
                    if let Some(note) = locked_note(&locked) { <p class="pbl-note" data-testid="locked-note">{ note }</p> }
                    <fieldset><legend>{ "Resume fields to include" }</legend>
                        { for ResumeField::ALL.iter().enumerate().map(|(i, f)| html! {
                            <label class="pbl-check" title={why(f)}><input type="checkbox" name={f.label()} checked={fields.contains(f)}
                                disabled={why(f).is_some()}
                                ref={if i == 0 { first_ref.clone() } else { NodeRef::default() }} onchange={toggle(*f)} />{ " " }{ f.label() }</label>
                        }) }
                    </fieldset>
                    { for unavailable.iter().map(|(_, why)| html! { <p class="pbl-note" data-testid="field-unavailable">{ why.clone() }</p> }) }
                    <div class="pbl-actions">
                        <button type="button" class="secondary" onclick={cancel.clone()}>{ "Cancel" }</button>
                        <button type="submit">{ "Next" }</button>
                    </div>
                </form>
            }
        }
        Step::Destination => {
            let pick = {
                let step = step.clone();
                Callback::from(move |_: MouseEvent| step.set(Step::Options))
            };
            html! {
                <div data-testid="export-destination">
                    <h2 id="pbl-dialog-title">{ "Export to" }</h2>
                    <div role="menu" class="pbl-menu">
                        <button type="button" role="menuitem" ref={first_ref.clone()} onclick={pick}>{ "Lever" }</button>
                    </div>
                    <div class="pbl-actions"><button type="button" class="secondary" onclick={cancel.clone()}>{ "Cancel" }</button></div>
                </div>
            }
        }
        Step::Options => {
            let l = &*lists;
            let filter = job_filter.to_lowercase();
            let jobs =
                l.postings.iter().filter(|p| filter.is_empty() || p.text.to_lowercase().contains(&filter)).map(|p| {
                    let label = if p.state == "internal" { format!("{} (unlisted)", p.text) } else { p.text.clone() };
                    html! { <option value={p.id.clone()}>{ label }</option> }
                });
            let on_filter = {
                let job_filter = job_filter.clone();
                Callback::from(move |e: InputEvent| {
                    if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                        job_filter.set(input.value());
                    }
                })
            };
            let go = {
                let (step, error, request, fields, candidates, submit) =
                    (step.clone(), error.clone(), request.clone(), fields.clone(), candidates.clone(), submit.clone());
                let refs = (job_ref.clone(), stage_ref.clone(), name_ref.clone(), docx_ref.clone(), note_ref.clone());
                let origin = lists.origin.clone();
                Callback::from(move |e: SubmitEvent| {
                    e.prevent_default();
                    let name = refs.2.cast::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default();
                    if name.trim().is_empty() {
                        error.set(Some("Name the export task: the name is required.".into()));
                        if let Some(i) = refs.2.cast::<HtmlInputElement>() {
                            i.focus().ok();
                        }
                        return;
                    }
                    let job = refs.0.cast::<HtmlSelectElement>().map(|s| s.value()).filter(|v| !v.is_empty());
                    let stage = refs.1.cast::<HtmlSelectElement>().map(|s| s.value()).filter(|v| !v.is_empty());
                    let docx = refs.3.cast::<HtmlInputElement>().is_some_and(|i| i.checked());
                    let req = ExportRequest {
                        name: name.trim().to_owned(),
                        stage_id: stage,
                        posting_id: job,
                        format: if docx { ResumeFormat::Docx } else { ResumeFormat::Pdf },
                        fields: (*fields).clone(),
                        duplicates: DuplicatePolicy::SkipExisting,
                        candidates: candidates
                            .iter()
                            .filter(|c| !c.candidate.locked)
                            .map(|c| c.candidate.clone())
                            .collect(),
                        note: refs
                            .4
                            .cast::<web_sys::HtmlTextAreaElement>()
                            .map(|t| t.value().trim().to_owned())
                            .filter(|n| !n.is_empty()),
                        origin: origin.clone(),
                    };
                    error.set(None);
                    step.set(Step::Checking);
                    let (step, request, submit) = (step.clone(), request.clone(), submit.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        let prompt = duplicates(&req).await;
                        if prompt.is_empty() {
                            submit.emit(req);
                        } else {
                            request.set(Some(req));
                            step.set(Step::Duplicates(prompt));
                        }
                    });
                })
            };
            html! {
                <form onsubmit={go} data-testid="export-options" novalidate=true>
                    <h2 id="pbl-dialog-title">{ "Export to Lever" }</h2>
                    <label for="pbl-job-filter">{ "Job (optional)" }</label>
                    <input id="pbl-job-filter" type="search" placeholder="Search jobs" oninput={on_filter} ref={first_ref.clone()} />
                    <select id="pbl-job" ref={job_ref.clone()} aria-label="Job">
                        <option value="" selected=true>{ "No job" }</option>
                        { for jobs }
                    </select>
                    <label for="pbl-stage">{ "Stage" }</label>
                    <select id="pbl-stage" ref={stage_ref.clone()}>
                        { for l.stages.iter().map(|s| html! {
                            <option value={s.id.clone()} selected={l.default_stage.as_deref() == Some(s.id.as_str())}>{ s.text.clone() }</option>
                        }) }
                    </select>
                    <fieldset><legend>{ "Resume format" }</legend>
                        <label><input type="radio" name="format" value="pdf" checked=true />{ " PDF" }</label>
                        <label><input type="radio" name="format" value="docx" ref={docx_ref.clone()} />{ " DOCX" }</label>
                    </fieldset>
                    <label for="pbl-task-name">{ "Export task name (required)" }</label>
                    <input id="pbl-task-name" ref={name_ref.clone()} required=true aria-required="true" />
                    <label for="pbl-note">{ "Note for Lever (optional)" }</label>
                    <textarea id="pbl-note" ref={note_ref.clone()} maxlength="2000" rows="2"
                        placeholder="Added to each exported candidate's profile in Lever" />
                    <div class="pbl-actions">
                        <button type="button" class="secondary" onclick={cancel.clone()}>{ "Cancel" }</button>
                        <button type="submit" data-testid="export-submit">{ "Export" }</button>
                    </div>
                </form>
            }
        }
        Step::ReadingProfiles(n) => html! {
            <p role="status" data-testid="reading-profiles">{ format!("Reading {} on ProvenBase…", if *n == 1 { "1 profile page".to_owned() } else { format!("{n} profile pages") }) }</p>
        },
        Step::Checking => html! { <p role="status">{ "Checking who is already in Lever…" }</p> },
        Step::Duplicates(prompt) => {
            let (in_lever, possible, exporting) = (
                prompt.count(DuplicateKind::InLever),
                prompt.count(DuplicateKind::Possible),
                prompt.count(DuplicateKind::Exporting),
            );
            let going = prompt.exporting(*add_to_existing, *export_possible);
            let choose = |flag: &UseStateHandle<bool>, value: bool| {
                let flag = flag.clone();
                Callback::from(move |_: Event| flag.set(value))
            };
            let send = {
                let (request, submit, prompt) = (request.clone(), submit.clone(), prompt.clone());
                let (add, possible) = (*add_to_existing, *export_possible);
                Callback::from(move |_: MouseEvent| {
                    if let Some(req) = (*request).clone() {
                        submit.emit(prompt.apply(req, add, possible));
                    }
                })
            };
            let testid = if prompt.all() { "all-duplicates" } else { "partial-duplicates" };
            html! {
                <div data-testid={testid} role="alertdialog" aria-labelledby="pbl-dialog-title" aria-describedby="pbl-duplicates">
                    <h2 id="pbl-dialog-title">{ prompt.title() }</h2>
                    <ul id="pbl-duplicates" class="pbl-people" data-testid="duplicate-list">
                        { for prompt.lines().into_iter().map(|line| html! { <li>{ line }</li> }) }
                    </ul>
                    if in_lever > 0 {
                        <fieldset data-testid="choice-in-lever"><legend>{ format!("{} in Lever", count_candidates(in_lever)) }</legend>
                            <label><input type="radio" name="in-lever" id="dup-skip-existing" ref={first_ref.clone()}
                                checked={!*add_to_existing} onchange={choose(&add_to_existing, false)} />{ " Skip them" }</label>
                            <label><input type="radio" name="in-lever" id="dup-add-opportunity"
                                checked={*add_to_existing} onchange={choose(&add_to_existing, true)} />{ " Add a new opportunity to each existing profile" }</label>
                        </fieldset>
                    }
                    if possible > 0 {
                        <fieldset data-testid="choice-possible"><legend>{ format!("{} possibly in Lever (same name and company)", count_candidates(possible)) }</legend>
                            <label><input type="radio" name="possible" id="dup-skip-possible"
                                checked={!*export_possible} onchange={choose(&export_possible, false)} />{ " Skip them until I review them" }</label>
                            <label><input type="radio" name="possible" id="dup-export-possible"
                                checked={*export_possible} onchange={choose(&export_possible, true)} />{ " I checked: export them as new candidates" }</label>
                        </fieldset>
                    }
                    if exporting > 0 {
                        <p data-testid="choice-exporting">{ format!("{} already on the way to Lever {} left out.",
                            count_candidates(exporting), if exporting == 1 { "is" } else { "are" }) }</p>
                    }
                    <div class="pbl-actions">
                        <button type="button" class="secondary" onclick={cancel.clone()}>{ "Cancel" }</button>
                        <button type="button" data-testid="duplicates-submit" disabled={going == 0} onclick={send}>
                            { if going == 0 { "Nothing left to export".to_owned() } else { format!("Export {}", count_candidates(going)) } }
                        </button>
                    </div>
                </div>
            }
        }
    };
    html! {
        <div class="pbl-backdrop" onkeydown={on_key}>
            <div class="pbl-dialog" role="dialog" aria-modal="true" aria-labelledby="pbl-dialog-title">
                { body }
                if let Some(e) = &*error { <p class="pbl-error" role="alert" data-testid="export-error">{ e.clone() }</p> }
            </div>
        </div>
    }
}
