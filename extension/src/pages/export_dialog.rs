//! The export dialog, shown over ProvenBase in a frame: the resume fields, *Lever* as the
//! destination, the options (job, stage, resume format, task name), and the duplicate prompts.
//! It tells the page when it closes, and whether a task started.

use shared::api::{DuplicatePolicy, ExportRequest, LeverPosting, LeverStage, ResumeField, ResumeFormat, Settings};
use shared::messages::{BackendCall, Request, Response, StagedCandidate};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::{chrome, client};

#[derive(Debug, Clone, PartialEq)]
enum Step {
    Loading,
    Fields,
    Destination,
    Options,
    /// Some (or all) are already in Lever: what to do with them.
    Duplicates {
        existing: usize,
    },
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Default)]
struct Lists {
    stages: Vec<LeverStage>,
    postings: Vec<LeverPosting>,
    default_stage: Option<String>,
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
        Response::StagedExport { candidates } => candidates,
        Response::Failed { message } => return Err(message),
        other => return Err(format!("unexpected answer: {other:?}")),
    };
    let stages = client::call::<Vec<LeverStage>>(BackendCall::Stages).await.map_err(|e| e.message)?;
    let postings = client::call::<Vec<LeverPosting>>(BackendCall::Postings).await.map_err(|e| e.message)?;
    let settings = client::call::<Settings>(BackendCall::Settings).await.map_err(|e| e.message)?;
    let default_stage = settings
        .default_stage_id
        .or_else(|| stages.iter().find(|s| s.text.eq_ignore_ascii_case("new lead")).map(|s| s.id.clone()));
    Ok((candidates, Lists { stages, postings, default_stage }))
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
    let request = use_state(|| None::<ExportRequest>);
    {
        let (step, candidates, lists) = (step.clone(), candidates.clone(), lists.clone());
        use_effect_with((), move |()| {
            wasm_bindgen_futures::spawn_local(async move {
                match load().await {
                    Ok((c, l)) => {
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
                match client::call::<serde_json::Value>(BackendCall::CreateExport { request: req }).await {
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
    let n = candidates.len();
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
                let (step, error, fields) = (step.clone(), error.clone(), fields.clone());
                Callback::from(move |e: SubmitEvent| {
                    e.prevent_default();
                    if fields.is_empty() {
                        error.set(Some("Choose at least one resume field.".into()));
                    } else {
                        error.set(None);
                        step.set(Step::Destination);
                    }
                })
            };
            html! {
                <form onsubmit={next} data-testid="export-fields">
                    <h2 id="pbl-dialog-title">{ format!("Export {n} candidate{}", if n == 1 { "" } else { "s" }) }</h2>
                    <fieldset><legend>{ "Resume fields to include" }</legend>
                        { for ResumeField::ALL.iter().enumerate().map(|(i, f)| html! {
                            <label class="pbl-check"><input type="checkbox" name={f.label()} checked={fields.contains(f)}
                                ref={if i == 0 { first_ref.clone() } else { NodeRef::default() }} onchange={toggle(*f)} />{ " " }{ f.label() }</label>
                        }) }
                    </fieldset>
                    <div class="pbl-actions">
                        <button type="button" class="secondary" onclick={cancel.clone()}>{ "Cancel" }</button>
                        <button type="submit">{ "Export" }</button>
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
                let refs = (job_ref.clone(), stage_ref.clone(), name_ref.clone(), docx_ref.clone());
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
                        candidates: candidates.iter().map(|c| c.candidate.clone()).collect(),
                    };
                    error.set(None);
                    let existing = candidates.iter().filter(|c| c.in_lever).count();
                    if existing == 0 {
                        submit.emit(req);
                    } else {
                        request.set(Some(req));
                        step.set(Step::Duplicates { existing });
                    }
                })
            };
            html! {
                <form onsubmit={go} data-testid="export-options" novalidate=true>
                    <h2 id="pbl-dialog-title">{ "Export to Lever" }</h2>
                    <label for="pbl-job-filter">{ "Job (optional)" }</label>
                    <input id="pbl-job-filter" type="search" placeholder="Search jobs" oninput={on_filter} ref={first_ref.clone()} />
                    <select id="pbl-job" ref={job_ref.clone()} aria-label="Job">
                        <option value="">{ "No job" }</option>
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
                    <div class="pbl-actions">
                        <button type="button" class="secondary" onclick={cancel.clone()}>{ "Cancel" }</button>
                        <button type="submit" data-testid="export-submit">{ "Export" }</button>
                    </div>
                </form>
            }
        }
        Step::Duplicates { existing } => {
            let send = |policy: DuplicatePolicy, only_new: bool| {
                let (request, candidates, submit) = (request.clone(), candidates.clone(), submit.clone());
                Callback::from(move |_: MouseEvent| {
                    if let Some(mut req) = (*request).clone() {
                        req.duplicates = policy;
                        if only_new {
                            let new: Vec<String> =
                                candidates.iter().filter(|c| !c.in_lever).map(|c| c.candidate.ref_id.clone()).collect();
                            req.candidates.retain(|c| new.contains(&c.ref_id));
                        }
                        submit.emit(req);
                    }
                })
            };
            if *existing == n {
                html! {
                    <div data-testid="all-duplicates" role="alertdialog" aria-labelledby="pbl-dialog-title">
                        <h2 id="pbl-dialog-title">{ format!("All {n} are already in Lever") }</h2>
                        <p>{ "Exporting adds a new opportunity to each existing Lever profile." }</p>
                        <div class="pbl-actions">
                            <button type="button" class="secondary" onclick={cancel.clone()}>{ "Cancel" }</button>
                            <button type="button" ref={first_ref.clone()} onclick={send(DuplicatePolicy::AddOpportunity, false)}>{ "Add new opportunities anyway" }</button>
                        </div>
                    </div>
                }
            } else {
                html! {
                    <div data-testid="partial-duplicates" role="alertdialog" aria-labelledby="pbl-dialog-title">
                        <h2 id="pbl-dialog-title">{ format!("{existing} of {n} are already in Lever") }</h2>
                        <div class="pbl-actions pbl-stack">
                            <button type="button" ref={first_ref.clone()} onclick={send(DuplicatePolicy::SkipExisting, true)} data-testid="only-new">{ "Export only the new ones" }</button>
                            <button type="button" onclick={send(DuplicatePolicy::AddOpportunity, false)} data-testid="export-all">{ "Export all, adding a new opportunity to each existing profile" }</button>
                            <button type="button" class="secondary" onclick={cancel.clone()}>{ "Cancel" }</button>
                        </div>
                    </div>
                }
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
