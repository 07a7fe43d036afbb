//! The export dialog, shown over ProvenBase in a frame: the resume fields, *Lever* as the
//! destination, the options (job, stage, resume format, task name), and the duplicate prompts.
//! It tells the page when it closes, and whether a task started.

mod state;

use shared::api::{Candidate, CheckRequest, ExportRequest, ResumeField};
use shared::content::FrameMessage;
use shared::endpoints::{Check, CreateExport, GetSettings, ListPostings, ListStages};
use shared::messages::{ReadProfiles, StagedCandidate, StagedExport, TakeStagedExport};
use shared::prompt::{DuplicateKind, DuplicatePrompt, locked_note, unavailable_fields};
use wasm_bindgen::JsCast as _;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use self::state::{Action, Dialog, Lists, Options, Step, profiles_to_read};
use crate::speech::catalogue;
use crate::{chrome, client};

/// Tells the page to remove the dialog; `started` names the task that began.
fn close(started: Option<&str>) {
    super::post_to_page(&FrameMessage::ExportClosed(started.map(str::to_owned)));
}

fn staged_id() -> Option<u32> {
    let search = web_sys::window()?.location().search().ok()?;
    search.trim_start_matches('?').split('&').find_map(|kv| kv.strip_prefix("stage=")).and_then(|v| v.parse().ok())
}

async fn load() -> Result<(Vec<StagedCandidate>, Lists), String> {
    let id = staged_id().ok_or_else(|| t!("dialog-no-candidates"))?;
    let StagedExport { candidates, origin } = chrome::ask(TakeStagedExport { id }).await?;
    let stages = client::call(ListStages).await.map_err(|e| e.message)?;
    let postings = client::call(ListPostings).await.map_err(|e| e.message)?;
    let settings = client::call(GetSettings).await.map_err(|e| e.message)?;
    let default_stage = settings
        .default_stage_id
        .or_else(|| stages.iter().find(|s| s.text.eq_ignore_ascii_case("new lead")).map(|s| s.id.clone()));
    Ok((candidates, Lists { stages, postings, default_stage, origin }))
}

/// Who among the chosen would be a duplicate, asked of the backend now (not the page's badges,
/// which may predate an export that just landed). Where the check can't answer (sync off, or the
/// backend out of reach), there is no prompt: the worker still skips exact matches it finds.
async fn duplicates(request: &ExportRequest) -> DuplicatePrompt {
    let check = CheckRequest { candidates: request.candidates.iter().map(Candidate::contacts).collect() };
    match client::call(Check(check)).await {
        Ok(answer) if answer.sync.enabled => DuplicatePrompt::new(catalogue(), &request.candidates, &answer.results),
        _ => DuplicatePrompt { total: request.candidates.len(), duplicates: Vec::new() },
    }
}

/// Sends `request` (as is): closes the dialog when the task started, else says why.
fn export(request: ExportRequest, dialog: UseReducerDispatcher<Dialog>) {
    wasm_bindgen_futures::spawn_local(async move {
        let name = request.name.clone();
        match client::call(CreateExport(request)).await {
            Ok(_) => close(Some(&name)),
            Err(e) => dialog.dispatch(Action::Refused(e.message)),
        }
    });
}

#[function_component(ExportDialog)]
pub fn export_dialog() -> Html {
    let dialog = use_reducer(Dialog::default);
    let first_ref = use_node_ref();
    {
        let dispatch = dialog.dispatcher();
        use_effect_with((), move |()| {
            wasm_bindgen_futures::spawn_local(async move {
                dispatch.dispatch(match load().await {
                    Ok((candidates, lists)) => Action::Loaded(candidates, lists),
                    Err(message) => Action::Failed(message),
                });
            });
        });
    }
    {
        // Focus moves into each step as it appears.
        let first_ref = first_ref.clone();
        use_effect_with(dialog.step.clone(), move |_| {
            if let Some(el) = first_ref.cast::<web_sys::HtmlElement>() {
                el.focus().ok();
            }
        });
    }
    let cancel = Callback::from(|_: MouseEvent| close(None));
    let on_key = Callback::from(|e: KeyboardEvent| {
        if e.key() == "Escape" {
            e.prevent_default();
            close(None);
        }
    });
    let body = match &dialog.step {
        Step::Loading => html! { <p>{ t!("dialog-loading") }</p> },
        Step::Failed(message) => html! {
            <>
                <p class="pbl-error" role="alert">{ message.clone() }</p>
                <div class="pbl-actions"><button type="button" ref={first_ref.clone()} onclick={cancel.clone()}>{ t!("dialog-close") }</button></div>
            </>
        },
        Step::Fields => fields_step(&dialog, &first_ref, &cancel),
        Step::Destination => {
            let pick = {
                let dispatch = dialog.dispatcher();
                Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::ChooseLever))
            };
            html! {
                <div data-testid="export-destination">
                    <h2 id="pbl-dialog-title">{ t!("dialog-export-to") }</h2>
                    <div role="menu" class="pbl-menu">
                        <button type="button" role="menuitem" ref={first_ref.clone()} onclick={pick}>{ t!("product-lever") }</button>
                    </div>
                    <div class="pbl-actions"><button type="button" class="secondary" onclick={cancel.clone()}>{ t!("dialog-cancel") }</button></div>
                </div>
            }
        }
        Step::Options => options_step(&dialog, &first_ref, &cancel),
        Step::ReadingProfiles(n) => html! {
            <p role="status" data-testid="reading-profiles">{ t!("dialog-reading-profiles", count = *n) }</p>
        },
        Step::Checking => html! { <p role="status">{ t!("dialog-checking") }</p> },
        Step::Duplicates(prompt) => duplicates_step(&dialog, prompt, &first_ref, &cancel),
    };
    html! {
        <div class="pbl-backdrop" onkeydown={on_key}>
            <div class="pbl-dialog" role="dialog" aria-modal="true" aria-labelledby="pbl-dialog-title">
                { body }
                if let Some(e) = &dialog.error { <p class="pbl-error" role="alert" data-testid="export-error">{ e.clone() }</p> }
            </div>
        </div>
    }
}

/// The resume fields, and *Next* (which reads profile pages first when the chosen fields need them).
fn fields_step(dialog: &UseReducerHandle<Dialog>, first_ref: &NodeRef, cancel: &Callback<MouseEvent>) -> Html {
    let toggle = |f: ResumeField| {
        let dispatch = dialog.dispatcher();
        Callback::from(move |_: Event| dispatch.dispatch(Action::ToggleField(f)))
    };
    let next = {
        let dialog = dialog.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let urls = profiles_to_read(&dialog);
            let (Some(id), false) = (staged_id(), urls.is_empty() || dialog.fields.is_empty()) else {
                dialog.dispatch(Action::FieldsChosen);
                return;
            };
            dialog.dispatch(Action::ReadingProfiles(urls.len()));
            let dispatch = dialog.dispatcher();
            wasm_bindgen_futures::spawn_local(async move {
                let read = chrome::ask(ReadProfiles { id, urls }).await;
                dispatch.dispatch(Action::ProfilesRead(read.map(|read| read.profiles)));
            });
        })
    };
    let chosen: Vec<_> = dialog.unlocked().map(|c| c.candidate.clone()).collect();
    let profiles = dialog.candidates.iter().any(|s| s.candidate.profile_url.is_some());
    let unavailable = unavailable_fields(catalogue(), &chosen, profiles);
    let why = |f: &ResumeField| unavailable.iter().find(|(u, _)| u == f).map(|(_, why)| why.clone());
    let locked: Vec<&str> =
        dialog.candidates.iter().filter(|c| c.candidate.locked).map(|c| c.candidate.name.as_str()).collect();
    html! {
        <form onsubmit={next} data-testid="export-fields">
            <h2 id="pbl-dialog-title">{ t!("dialog-export-candidates", count = chosen.len()) }</h2>
            if let Some(note) = locked_note(catalogue(), &locked) { <p class="pbl-note" data-testid="locked-note">{ note }</p> }
            <fieldset><legend>{ t!("dialog-fields") }</legend>
                { for ResumeField::ALL.iter().enumerate().map(|(i, f)| html! {
                    <label class="pbl-check" title={why(f)}><input type="checkbox" name={f.label()} checked={dialog.fields.contains(f)}
                        disabled={why(f).is_some()}
                        ref={if i == 0 { first_ref.clone() } else { NodeRef::default() }} onchange={toggle(*f)} />{ " " }{ catalogue().text(f.word(), &[]) }</label>
                }) }
            </fieldset>
            { for unavailable.iter().map(|(_, why)| html! { <p class="pbl-note" data-testid="field-unavailable">{ why.clone() }</p> }) }
            <div class="pbl-actions">
                <button type="button" class="secondary" onclick={cancel.clone()}>{ t!("dialog-cancel") }</button>
                <button type="submit">{ t!("dialog-next") }</button>
            </div>
        </form>
    }
}

/// A callback that changes one of the options from an event's target.
fn set_option<E, T>(
    dialog: &UseReducerHandle<Dialog>,
    read: fn(&T) -> String,
    apply: fn(&mut Options, String),
) -> Callback<E>
where
    E: AsRef<web_sys::Event> + 'static,
    T: wasm_bindgen::JsCast + 'static,
{
    let dispatch = dialog.dispatcher();
    Callback::from(move |e: E| {
        if let Some(target) = e.as_ref().target().and_then(|t| t.dyn_into::<T>().ok()) {
            let value = read(&target);
            dispatch.dispatch(Action::Options(Box::new(move |o: &mut Options| apply(o, value.clone()))));
        }
    })
}

/// Job, stage, resume format, task name and note; *Export* checks for duplicates first.
fn options_step(dialog: &UseReducerHandle<Dialog>, first_ref: &NodeRef, cancel: &Callback<MouseEvent>) -> Html {
    let (l, o) = (&dialog.lists, &dialog.options);
    let filter = o.job_filter.to_lowercase();
    let jobs = l.postings.iter().filter(|p| filter.is_empty() || p.text.to_lowercase().contains(&filter)).map(|p| {
        let label = if p.state == "internal" { t!("dialog-job-unlisted", job = &p.text) } else { p.text.clone() };
        html! { <option value={p.id.clone()} selected={o.job.as_deref() == Some(p.id.as_str())}>{ label }</option> }
    });
    let on_filter =
        set_option::<InputEvent, HtmlInputElement>(dialog, HtmlInputElement::value, |o, v| o.job_filter = v);
    let on_job = set_option::<Event, HtmlSelectElement>(dialog, HtmlSelectElement::value, |o, v| o.job = Some(v));
    let on_stage = set_option::<Event, HtmlSelectElement>(dialog, HtmlSelectElement::value, |o, v| o.stage = Some(v));
    let on_name = set_option::<InputEvent, HtmlInputElement>(dialog, HtmlInputElement::value, |o, v| o.name = v);
    let on_note = set_option::<InputEvent, HtmlTextAreaElement>(dialog, HtmlTextAreaElement::value, |o, v| o.note = v);
    let on_format = set_option::<Event, HtmlInputElement>(dialog, HtmlInputElement::value, |o, v| o.docx = v == "docx");
    let go = {
        let dialog = dialog.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let request = match dialog.request() {
                Ok(request) => request,
                Err(missing) => {
                    dialog.dispatch(Action::Problem(missing));
                    let name =
                        web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("pbl-task-name"));
                    if let Some(input) = name.and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok()) {
                        input.focus().ok();
                    }
                    return;
                }
            };
            dialog.dispatch(Action::Checking(request.clone()));
            let dispatch = dialog.dispatcher();
            wasm_bindgen_futures::spawn_local(async move {
                let prompt = duplicates(&request).await;
                if prompt.is_empty() {
                    export(request, dispatch);
                } else {
                    dispatch.dispatch(Action::Duplicates(prompt));
                }
            });
        })
    };
    html! {
        <form onsubmit={go} data-testid="export-options" novalidate=true>
            <h2 id="pbl-dialog-title">{ t!("dialog-export-to-lever") }</h2>
            <label for="pbl-job-filter">{ t!("dialog-job-optional") }</label>
            <input id="pbl-job-filter" type="search" placeholder={t!("dialog-search-jobs")} value={o.job_filter.clone()} oninput={on_filter} ref={first_ref.clone()} />
            <select id="pbl-job" aria-label={t!("dialog-job")} onchange={on_job}>
                <option value="" selected={o.job.as_deref().unwrap_or_default().is_empty()}>{ t!("dialog-no-job") }</option>
                { for jobs }
            </select>
            <label for="pbl-stage">{ t!("dialog-stage") }</label>
            <select id="pbl-stage" onchange={on_stage}>
                { for l.stages.iter().map(|s| html! {
                    <option value={s.id.clone()} selected={o.stage.as_deref() == Some(s.id.as_str())}>{ s.text.clone() }</option>
                }) }
            </select>
            <fieldset><legend>{ t!("dialog-resume-format") }</legend>
                <label><input type="radio" name="format" value="pdf" checked={!o.docx} onchange={on_format.clone()} />{ " PDF" }</label>
                <label><input type="radio" name="format" value="docx" checked={o.docx} onchange={on_format} />{ " DOCX" }</label>
            </fieldset>
            <label for="pbl-task-name">{ t!("dialog-task-name") }</label>
            <input id="pbl-task-name" value={o.name.clone()} oninput={on_name} required=true aria-required="true" />
            <label for="pbl-note">{ t!("dialog-note") }</label>
            <textarea id="pbl-note" value={o.note.clone()} oninput={on_note} maxlength="2000" rows="2"
                placeholder={t!("dialog-note-placeholder")} />
            <div class="pbl-actions">
                <button type="button" class="secondary" onclick={cancel.clone()}>{ t!("dialog-cancel") }</button>
                <button type="submit" data-testid="export-submit">{ t!("dialog-export") }</button>
            </div>
        </form>
    }
}

/// Who is (or may be, or is being) in Lever already, and what to do with them.
fn duplicates_step(
    dialog: &UseReducerHandle<Dialog>,
    prompt: &DuplicatePrompt,
    first_ref: &NodeRef,
    cancel: &Callback<MouseEvent>,
) -> Html {
    let (in_lever, possible, exporting) = (
        prompt.count(DuplicateKind::InLever),
        prompt.count(DuplicateKind::Possible),
        prompt.count(DuplicateKind::Exporting),
    );
    let (add, export_possible) = (dialog.add_to_existing, dialog.export_possible);
    let going = prompt.exporting(add, export_possible);
    let choose = |action: fn(bool) -> Action, value: bool| {
        let dispatch = dialog.dispatcher();
        Callback::from(move |_: Event| dispatch.dispatch(action(value)))
    };
    let send = {
        let (request, prompt, dispatch) = (dialog.request.clone(), prompt.clone(), dialog.dispatcher());
        Callback::from(move |_: MouseEvent| {
            if let Some(request) = request.clone() {
                export(prompt.apply(request, add, export_possible), dispatch.clone());
            }
        })
    };
    let testid = if prompt.all() { "all-duplicates" } else { "partial-duplicates" };
    html! {
        <div data-testid={testid} role="alertdialog" aria-labelledby="pbl-dialog-title" aria-describedby="pbl-duplicates">
            <h2 id="pbl-dialog-title">{ prompt.title(catalogue()) }</h2>
            <ul id="pbl-duplicates" class="pbl-people" data-testid="duplicate-list">
                { for prompt.lines(catalogue()).into_iter().map(|line| html! { <li>{ line }</li> }) }
            </ul>
            if in_lever > 0 {
                <fieldset data-testid="choice-in-lever"><legend>{ t!("dialog-in-lever", count = in_lever) }</legend>
                    <label><input type="radio" name="in-lever" id="dup-skip-existing" ref={first_ref.clone()}
                        checked={!add} onchange={choose(Action::AddToExisting, false)} />{ " " }{ t!("dialog-skip") }</label>
                    <label><input type="radio" name="in-lever" id="dup-add-opportunity"
                        checked={add} onchange={choose(Action::AddToExisting, true)} />{ " " }{ t!("dialog-add-opportunity") }</label>
                </fieldset>
            }
            if possible > 0 {
                <fieldset data-testid="choice-possible"><legend>{ t!("dialog-possible", count = possible) }</legend>
                    <label><input type="radio" name="possible" id="dup-skip-possible"
                        checked={!export_possible} onchange={choose(Action::ExportPossible, false)} />{ " " }{ t!("dialog-skip-until-reviewed") }</label>
                    <label><input type="radio" name="possible" id="dup-export-possible"
                        checked={export_possible} onchange={choose(Action::ExportPossible, true)} />{ " " }{ t!("dialog-export-possible") }</label>
                </fieldset>
            }
            if exporting > 0 {
                <p data-testid="choice-exporting">{ t!("dialog-on-the-way", count = exporting) }</p>
            }
            <div class="pbl-actions">
                <button type="button" class="secondary" onclick={cancel.clone()}>{ t!("dialog-cancel") }</button>
                <button type="button" data-testid="duplicates-submit" disabled={going == 0} onclick={send}>
                    { if going == 0 { t!("dialog-nothing-left") } else { t!("dialog-export-candidates", count = going) } }
                </button>
            </div>
        </div>
    }
}
