//! The export dialog's state: the step it is on and everything it shows, changed only by
//! [`Action`]s through [`Dialog`]'s reducer (no I/O here).

use std::rc::Rc;

use shared::api::{DuplicatePolicy, ExportRequest, LeverPosting, LeverStage, ResumeField, ResumeFormat};
use shared::messages::{ProfileRead, StagedCandidate};
use shared::prompt::{DuplicatePrompt, unavailable_fields};
use yew::prelude::*;

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Step {
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
pub(super) struct Lists {
    pub(super) stages: Vec<LeverStage>,
    pub(super) postings: Vec<LeverPosting>,
    pub(super) default_stage: Option<String>,
    /// Where on ProvenBase the candidates were chosen (a Lever tag).
    pub(super) origin: Option<String>,
}

/// Everything the dialog shows, changed only by [`Action`]s.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Dialog {
    pub(super) step: Step,
    pub(super) candidates: Vec<StagedCandidate>,
    pub(super) lists: Lists,
    /// The resume fields chosen.
    pub(super) fields: Vec<ResumeField>,
    /// What went wrong last, for the person to act on.
    pub(super) error: Option<String>,
    pub(super) options: Options,
    /// The request waiting on the duplicate prompt.
    pub(super) request: Option<ExportRequest>,
    /// The duplicate prompt's choices; both default to leaving duplicates out.
    pub(super) add_to_existing: bool,
    pub(super) export_possible: bool,
}

/// The options step's controls.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Options {
    pub(super) job_filter: String,
    /// `None`: no job.
    pub(super) job: Option<String>,
    pub(super) stage: Option<String>,
    pub(super) docx: bool,
    pub(super) name: String,
    pub(super) note: String,
}

impl Default for Dialog {
    fn default() -> Self {
        Self {
            step: Step::Loading,
            candidates: Vec::new(),
            lists: Lists::default(),
            fields: ResumeField::ALL.to_vec(),
            error: None,
            options: Options::default(),
            request: None,
            add_to_existing: false,
            export_possible: false,
        }
    }
}

pub(super) enum Action {
    Loaded(Vec<StagedCandidate>, Lists),
    Failed(String),
    ToggleField(ResumeField),
    /// The fields step's *Next*: on to reading profile pages, or straight to the destination.
    FieldsChosen,
    ReadingProfiles(usize),
    /// Profile pages read (some may have failed), or why none could be.
    ProfilesRead(Result<Vec<ProfileRead>, String>),
    ChooseLever,
    Options(Box<dyn Fn(&mut Options)>),
    /// Checking the request for duplicates.
    Checking(ExportRequest),
    Duplicates(DuplicatePrompt),
    AddToExisting(bool),
    ExportPossible(bool),
    /// The backend refused the export: back to the options, saying why.
    Refused(String),
    Problem(String),
}

impl Dialog {
    /// The candidates going (locked ones can't be exported).
    pub(super) fn unlocked(&self) -> impl Iterator<Item = &StagedCandidate> {
        self.candidates.iter().filter(|c| !c.candidate.locked)
    }

    /// The request the options describe, or what is missing.
    pub(super) fn request(&self) -> Result<ExportRequest, String> {
        let o = &self.options;
        if o.name.trim().is_empty() {
            return Err(t!("dialog-name-required"));
        }
        let note = o.note.trim();
        Ok(ExportRequest {
            name: o.name.trim().to_owned(),
            stage_id: o.stage.clone().filter(|s| !s.is_empty()),
            posting_id: o.job.clone().filter(|j| !j.is_empty()),
            format: if o.docx { ResumeFormat::Docx } else { ResumeFormat::Pdf },
            fields: self.fields.clone(),
            duplicates: DuplicatePolicy::SkipExisting,
            candidates: self.unlocked().map(|c| c.candidate.clone()).collect(),
            note: (!note.is_empty()).then(|| note.to_owned()),
            origin: self.lists.origin.clone(),
        })
    }
}

impl Reducible for Dialog {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut d = (*self).clone();
        match action {
            Action::Loaded(candidates, lists) => {
                let chosen: Vec<_> = candidates.iter().map(|s| s.candidate.clone()).collect();
                let profiles = candidates.iter().any(|s| s.candidate.profile_url.is_some());
                let missing: Vec<ResumeField> = unavailable_fields(crate::speech::catalogue(), &chosen, profiles)
                    .into_iter()
                    .map(|(f, _)| f)
                    .collect();
                d.fields = ResumeField::ALL.into_iter().filter(|f| !missing.contains(f)).collect();
                d.options.stage.clone_from(&lists.default_stage);
                d.candidates = candidates;
                d.lists = lists;
                d.step = Step::Fields;
            }
            Action::Failed(message) => d.step = Step::Failed(message),
            Action::ToggleField(f) => {
                if d.fields.contains(&f) {
                    d.fields.retain(|x| *x != f);
                } else {
                    d.fields.push(f);
                }
            }
            Action::FieldsChosen => {
                if d.fields.is_empty() {
                    d.error = Some(t!("dialog-choose-field"));
                } else {
                    d.error = None;
                    d.step = Step::Destination;
                }
            }
            Action::ReadingProfiles(n) => {
                d.error = None;
                d.step = Step::ReadingProfiles(n);
            }
            Action::ProfilesRead(Ok(profiles)) => {
                let unread = profiles.iter().filter(|p| p.failed.is_some()).count();
                for read in profiles.into_iter().filter(|p| p.failed.is_none()) {
                    for c in d
                        .candidates
                        .iter_mut()
                        .filter(|c| c.candidate.profile_url.as_deref() == Some(read.url.as_str()))
                    {
                        c.candidate.summary.clone_from(&read.summary);
                        c.candidate.experience.clone_from(&read.experience);
                        c.candidate.education.clone_from(&read.education);
                    }
                }
                if unread > 0 {
                    d.error = Some(t!("dialog-profiles-unread", count = unread));
                }
                d.step = Step::Destination;
            }
            Action::ProfilesRead(Err(message)) => {
                d.error = Some(t!("dialog-profiles-failed", reason = message));
                d.step = Step::Destination;
            }
            Action::ChooseLever => d.step = Step::Options,
            Action::Options(change) => {
                change(&mut d.options);
                // A job the search hides is no longer chosen: the list shows "No job" then.
                let filter = d.options.job_filter.to_lowercase();
                let shown = |id: &String| {
                    d.lists.postings.iter().any(|p| &p.id == id && p.text.to_lowercase().contains(&filter))
                };
                if d.options.job.as_ref().is_some_and(|job| !job.is_empty() && !shown(job)) {
                    d.options.job = None;
                }
            }
            Action::Checking(request) => {
                d.error = None;
                d.request = Some(request);
                d.step = Step::Checking;
            }
            Action::Duplicates(prompt) => d.step = Step::Duplicates(prompt),
            Action::AddToExisting(yes) => d.add_to_existing = yes,
            Action::ExportPossible(yes) => d.export_possible = yes,
            Action::Refused(message) => {
                d.error = Some(message);
                d.step = Step::Options;
            }
            Action::Problem(message) => d.error = Some(message),
        }
        Rc::new(d)
    }
}

/// The profile pages to read for the chosen fields: of unlocked candidates whose card left out
/// their summary, experience and education. None when no such field is chosen.
pub(super) fn profiles_to_read(d: &Dialog) -> Vec<String> {
    let wanted =
        d.fields.iter().any(|f| matches!(f, ResumeField::Summary | ResumeField::Experience | ResumeField::Education));
    if !wanted {
        return Vec::new();
    }
    d.unlocked()
        .filter(|c| {
            c.candidate.summary.is_none() && c.candidate.experience.is_empty() && c.candidate.education.is_empty()
        })
        .filter_map(|c| c.candidate.profile_url.clone())
        .collect()
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use shared::api::{Candidate, LeverPosting};
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;

    fn staged(name: &str, locked: bool, profile: Option<&str>) -> StagedCandidate {
        let profile_url = profile.map(str::to_owned);
        let candidate = Candidate { ref_id: name.into(), name: name.into(), locked, profile_url, ..Default::default() };
        StagedCandidate { candidate, in_lever: false }
    }

    fn loaded() -> Rc<Dialog> {
        let lists = Lists {
            postings: vec![
                LeverPosting { id: "p1".into(), text: "Backend Engineer".into(), state: "published".into() },
                LeverPosting { id: "p2".into(), text: "Designer".into(), state: "internal".into() },
            ],
            default_stage: Some("s-new".into()),
            ..Lists::default()
        };
        let candidates = vec![staged("Ada", false, Some("https://pb/ada")), staged("Bo", true, None)];
        Rc::new(Dialog::default()).reduce(Action::Loaded(candidates, lists))
    }

    fn set(change: fn(&mut Options)) -> Action {
        Action::Options(Box::new(change))
    }

    #[wasm_bindgen_test]
    fn the_request_needs_a_name_and_leaves_locked_candidates_out() {
        let d = loaded();
        assert_eq!(d.step, Step::Fields);
        assert_eq!(d.options.stage.as_deref(), Some("s-new"), "the default stage is chosen");
        assert!(d.request().is_err(), "no name yet");
        let d = d.reduce(set(|o| o.name = "  Q3  ".into())).reduce(set(|o| o.docx = true));
        let request = d.request().expect("named");
        assert_eq!(request.name, "Q3");
        assert_eq!(request.format, ResumeFormat::Docx);
        assert_eq!(request.candidates.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["Ada"]);
    }

    #[wasm_bindgen_test]
    fn a_job_the_search_hides_is_no_longer_chosen() {
        let d = loaded().reduce(set(|o| o.job = Some("p2".into())));
        assert_eq!(d.options.job.as_deref(), Some("p2"));
        let d = d.reduce(set(|o| o.job_filter = "backend".into()));
        assert_eq!(d.options.job, None, "the list shows No job, and so does the request");
    }

    #[wasm_bindgen_test]
    fn no_field_chosen_is_refused_and_profile_pages_fill_in_what_cards_left_out() {
        let mut d = loaded();
        for f in d.fields.clone() {
            d = d.reduce(Action::ToggleField(f));
        }
        let d = d.reduce(Action::FieldsChosen);
        assert_eq!((d.step.clone(), d.error.as_deref()), (Step::Fields, Some("Choose at least one resume field.")));
        let d = d.reduce(Action::ToggleField(ResumeField::Experience));
        assert_eq!(profiles_to_read(&d), ["https://pb/ada"]);
        let read = ProfileRead {
            url: "https://pb/ada".into(),
            experience: vec!["Rustacean, 2020–".into()],
            ..Default::default()
        };
        let failed =
            ProfileRead { url: "https://pb/gone".into(), failed: Some("not found".into()), ..Default::default() };
        let d = d.reduce(Action::ProfilesRead(Ok(vec![read, failed])));
        assert_eq!(d.step, Step::Destination);
        assert_eq!(d.candidates[0].candidate.experience, ["Rustacean, 2020–"]);
        assert!(d.error.as_deref().is_some_and(|e| e.starts_with("1 profile page could not be read")), "{:?}", d.error);
    }
}
