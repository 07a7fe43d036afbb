//! The export dialog's duplicate prompt, decided once with no I/O: who among the chosen
//! candidates is already in Lever (exact), may be (possible: name and company), or is on the way
//! (queued or being exported in a task), named for the recruiter with their stage and why; and
//! the request that follows from what they chose. Locked candidates are named, not dropped.
//! Its sentences come from the catalogue (`prompt-` messages), so it needs the `catalogue`
//! feature (the extension's pages have it; the content script doesn't use it).
#![cfg(feature = "catalogue")]

use crate::api::{Candidate, CheckOutcome, CheckResult, DuplicatePolicy, ExportRequest, ResumeField};
use crate::catalogue::Catalogue;

/// Why a chosen candidate would duplicate a Lever profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DuplicateKind {
    /// Same email, LinkedIn profile or phone as a Lever profile.
    InLever,
    /// Same name and company as a Lever profile.
    Possible,
    /// Queued or being exported in a task right now.
    Exporting,
}

/// One chosen candidate who would be a duplicate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    pub ref_id: String,
    pub kind: DuplicateKind,
    /// "María José García: in Lever · Phone Interview (same email)".
    pub line: String,
}

/// The prompt for one export: the chosen (unlocked) candidates and the duplicates among them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DuplicatePrompt {
    pub total: usize,
    pub duplicates: Vec<Duplicate>,
}

/// How many people the prompt names before "and N more".
pub const NAMED: usize = 5;

/// Resume fields none of `chosen` has a value for (ProvenBase's cards carry no experience or
/// education) and no profile page can provide (`profiles`: some card links its profile page),
/// with why: offered disabled, never ticked to appear nowhere.
pub fn unavailable_fields(catalogue: &Catalogue, chosen: &[Candidate], profiles: bool) -> Vec<(ResumeField, String)> {
    if profiles {
        return Vec::new();
    }
    let has = |field: ResumeField, c: &Candidate| match field {
        ResumeField::Summary => c.summary.as_deref().is_some_and(|s| !s.trim().is_empty()),
        ResumeField::Experience => !c.experience.is_empty(),
        _ => !c.education.is_empty(),
    };
    [ResumeField::Summary, ResumeField::Experience, ResumeField::Education]
        .into_iter()
        .filter(|field| !chosen.iter().any(|c| has(*field, c)))
        .map(|field| {
            let why = match field {
                ResumeField::Summary => "prompt-unavailable-summary",
                ResumeField::Experience => "prompt-unavailable-experience",
                _ => "prompt-unavailable-education",
            };
            (field, catalogue.text(why, &[]))
        })
        .collect()
}

/// What the dialog says about locked candidates left out of the selection, if any.
pub fn locked_note(catalogue: &Catalogue, locked: &[&str]) -> Option<String> {
    if locked.is_empty() {
        return None;
    }
    let names = named(catalogue, locked.iter().map(|s| (*s).to_owned()).collect()).join(", ");
    Some(catalogue.text("prompt-locked", crate::args![count = locked.len(), names = names]))
}

/// The first [`NAMED`] of `items`, then "and N more".
fn named(catalogue: &Catalogue, mut items: Vec<String>) -> Vec<String> {
    if items.len() > NAMED {
        let more = items.len() - NAMED;
        items.truncate(NAMED);
        items.push(catalogue.text("prompt-and-more", crate::args![count = more]));
    }
    items
}

impl DuplicatePrompt {
    /// The duplicates among `chosen`, from a fresh check of them (`results`, by `ref_id`).
    pub fn new(catalogue: &Catalogue, chosen: &[Candidate], results: &[CheckResult]) -> Self {
        let duplicates = chosen
            .iter()
            .filter_map(|c| {
                let outcome = &results.iter().find(|r| r.ref_id == c.ref_id)?.outcome;
                let stage = |profile: &crate::api::LeverProfile| {
                    profile.stage_name.clone().unwrap_or_else(|| catalogue.text("prompt-unknown-stage", &[]))
                };
                let (kind, why) = match outcome {
                    CheckOutcome::Exact { on, profile } => {
                        let id = if profile.archived { "prompt-in-lever-archived" } else { "prompt-in-lever" };
                        let on = catalogue.text(on.word(), &[]);
                        (DuplicateKind::InLever, catalogue.text(id, crate::args![stage = stage(profile), on = on]))
                    }
                    CheckOutcome::Possible { on, profile } => {
                        let on = catalogue.text(on.word(), &[]);
                        let args = crate::args![name = &profile.name, stage = stage(profile), on = on];
                        (DuplicateKind::Possible, catalogue.text("prompt-possible", args))
                    }
                    CheckOutcome::Exporting { task, by, .. } => (
                        DuplicateKind::Exporting,
                        catalogue.text("prompt-exporting", crate::args![task = task, name = by]),
                    ),
                    CheckOutcome::None => return None,
                };
                let line = catalogue.text("prompt-line", crate::args![name = &c.name, why = why]);
                Some(Duplicate { ref_id: c.ref_id.clone(), kind, line })
            })
            .collect();
        Self { total: chosen.len(), duplicates }
    }

    pub fn is_empty(&self) -> bool {
        self.duplicates.is_empty()
    }

    pub fn count(&self, kind: DuplicateKind) -> usize {
        self.duplicates.iter().filter(|d| d.kind == kind).count()
    }

    /// Every duplicate is one (so the prompt is the all-duplicate one).
    pub fn all(&self) -> bool {
        self.duplicates.len() == self.total
    }

    /// "1 of 3 is already in Lever", "Both may already be in Lever", "All 5 are already in Lever", …
    pub fn title(&self, catalogue: &Catalogue) -> String {
        let k = self.duplicates.len();
        let certain = self.count(DuplicateKind::InLever) == k;
        let id = match (self.all(), certain) {
            (true, true) => "prompt-title-all",
            (true, false) => "prompt-title-all-maybe",
            (false, true) => "prompt-title-some",
            (false, false) => "prompt-title-some-maybe",
        };
        catalogue.text(id, crate::args![count = k, total = self.total])
    }

    /// The people, first [`NAMED`], then "and N more".
    pub fn lines(&self, catalogue: &Catalogue) -> Vec<String> {
        named(catalogue, self.duplicates.iter().map(|d| d.line.clone()).collect())
    }

    /// How many would be exported with these choices (candidates being exported are always left
    /// out: their task brings them to Lever).
    pub fn exporting(&self, add_to_existing: bool, export_possible: bool) -> usize {
        let kept = |kind: DuplicateKind| match kind {
            DuplicateKind::InLever => add_to_existing,
            DuplicateKind::Possible => export_possible,
            DuplicateKind::Exporting => false,
        };
        self.total - self.duplicates.iter().filter(|d| !kept(d.kind)).count()
    }

    /// The request that follows from the recruiter's choices.
    pub fn apply(&self, mut request: ExportRequest, add_to_existing: bool, export_possible: bool) -> ExportRequest {
        let left_out: Vec<&str> = self
            .duplicates
            .iter()
            .filter(|d| match d.kind {
                DuplicateKind::InLever => !add_to_existing,
                DuplicateKind::Possible => !export_possible,
                DuplicateKind::Exporting => true,
            })
            .map(|d| d.ref_id.as_str())
            .collect();
        request.candidates.retain(|c| !left_out.contains(&c.ref_id.as_str()));
        request.duplicates =
            if add_to_existing { DuplicatePolicy::AddOpportunity } else { DuplicatePolicy::SkipExisting };
        request
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{LeverProfile, MatchKind};
    use crate::catalogue::english;

    fn person(id: &str, name: &str) -> Candidate {
        Candidate { ref_id: id.into(), name: name.into(), ..Candidate::default() }
    }

    fn profile(name: &str, stage: &str) -> LeverProfile {
        LeverProfile {
            opportunity_id: "o".into(),
            contact_id: "c".into(),
            name: name.into(),
            stage_name: Some(stage.into()),
            archived: false,
            owner_name: None,
            updated_at: 0,
            url: String::new(),
        }
    }

    fn result(id: &str, outcome: CheckOutcome) -> CheckResult {
        CheckResult { ref_id: id.into(), outcome, problem: None }
    }

    fn request(chosen: &[Candidate]) -> ExportRequest {
        ExportRequest {
            name: "t".into(),
            stage_id: None,
            posting_id: None,
            format: crate::api::ResumeFormat::Pdf,
            fields: vec![],
            duplicates: DuplicatePolicy::SkipExisting,
            candidates: chosen.to_vec(),
            note: None,
            origin: None,
        }
    }

    #[test]
    fn exact_possible_and_in_flight_are_all_counted_and_named_with_why() {
        let chosen = [person("1", "Ana"), person("2", "Bo"), person("3", "Cy"), person("4", "Di")];
        let results = [
            result("1", CheckOutcome::Exact { on: MatchKind::Email, profile: profile("Ana", "Offer") }),
            result("2", CheckOutcome::Possible { on: MatchKind::NameCompany, profile: profile("Bo B.", "New lead") }),
            result("3", CheckOutcome::Exporting { on: MatchKind::Phone, task: "Q3".into(), by: "Tara".into() }),
            result("4", CheckOutcome::None),
        ];
        let prompt = DuplicatePrompt::new(english(), &chosen, &results);
        assert!(!prompt.is_empty());
        assert_eq!(prompt.title(english()), "3 of 4 may already be in Lever");
        assert_eq!(
            prompt.lines(english()),
            [
                "Ana: in Lever · Offer (same email)",
                "Bo: possibly Bo B. in Lever · New lead (same name and company)",
                "Cy: being exported in \u{201c}Q3\u{201d} by Tara",
            ]
        );
        assert_eq!(prompt.exporting(false, false), 1);
        assert_eq!(prompt.exporting(true, true), 3, "the one being exported is always left out");
        let sent = prompt.apply(request(&chosen), false, true);
        let ids: Vec<&str> = sent.candidates.iter().map(|c| c.ref_id.as_str()).collect();
        assert_eq!(ids, ["2", "4"]);
        assert_eq!(sent.duplicates, DuplicatePolicy::SkipExisting);
        let sent = prompt.apply(request(&chosen), true, false);
        assert_eq!(sent.candidates.iter().map(|c| c.ref_id.as_str()).collect::<Vec<_>>(), ["1", "4"]);
        assert_eq!(sent.duplicates, DuplicatePolicy::AddOpportunity);
    }

    #[test]
    fn titles_agree_in_number() {
        let exact = |id: &str| result(id, CheckOutcome::Exact { on: MatchKind::Email, profile: profile("X", "Offer") });
        let one = DuplicatePrompt::new(english(), &[person("1", "A")], &[exact("1")]);
        assert_eq!(one.title(english()), "This candidate is already in Lever");
        let two = DuplicatePrompt::new(english(), &[person("1", "A"), person("2", "B")], &[exact("1"), exact("2")]);
        assert_eq!(two.title(english()), "Both are already in Lever");
        let five: Vec<Candidate> = (0..5).map(|i| person(&i.to_string(), "P")).collect();
        let all: Vec<CheckResult> = (0..5).map(|i| exact(&i.to_string())).collect();
        assert_eq!(DuplicatePrompt::new(english(), &five, &all).title(english()), "All 5 are already in Lever");
        let some = DuplicatePrompt::new(english(), &[person("1", "A"), person("2", "B")], &[exact("1")]);
        assert_eq!(some.title(english()), "1 of 2 is already in Lever");
        let three = DuplicatePrompt::new(
            english(),
            &[person("1", "A"), person("2", "B"), person("3", "C")],
            &[exact("1"), exact("2")],
        );
        assert_eq!(three.title(english()), "2 of 3 are already in Lever");
        assert!(DuplicatePrompt::new(english(), &[person("1", "A")], &[]).is_empty());
    }

    #[test]
    fn long_lists_name_five_then_say_how_many_more() {
        let chosen: Vec<Candidate> = (0..8).map(|i| person(&i.to_string(), &format!("P{i}"))).collect();
        let results: Vec<CheckResult> = (0..8)
            .map(|i| result(&i.to_string(), CheckOutcome::Exact { on: MatchKind::Email, profile: profile("X", "S") }))
            .collect();
        let lines = DuplicatePrompt::new(english(), &chosen, &results).lines(english());
        assert_eq!(lines.len(), 6);
        assert_eq!(lines[5], "and 3 more");
        let five = DuplicatePrompt::new(english(), &chosen[..5], &results).lines(english());
        assert_eq!(five.len(), 5, "five are all named, with no \"and 0 more\": {five:?}");
    }

    #[test]
    fn fields_no_chosen_candidate_has_are_unavailable_with_why() {
        let bare = [person("1", "A")];
        let unavailable: Vec<ResumeField> =
            unavailable_fields(english(), &bare, false).into_iter().map(|(f, _)| f).collect();
        assert!(unavailable_fields(english(), &bare, true).is_empty(), "profile pages can provide them");
        assert_eq!(unavailable, [ResumeField::Summary, ResumeField::Experience, ResumeField::Education]);
        let mut rich = person("2", "B");
        rich.experience = vec!["Initech, 2020–2024".into()];
        rich.summary = Some("Builds data platforms.".into());
        let unavailable = unavailable_fields(english(), &[person("1", "A"), rich], false);
        assert_eq!(unavailable.len(), 1);
        assert_eq!(
            unavailable[0].1,
            "ProvenBase's cards don't show education for these candidates, so the resume can't include it."
        );
    }

    #[test]
    fn locked_candidates_are_named_not_dropped() {
        assert_eq!(locked_note(english(), &[]), None);
        assert_eq!(
            locked_note(english(), &["Ana"]).as_deref(),
            Some("Ana is locked and is left out: unlock them in ProvenBase to export them.")
        );
        assert_eq!(
            locked_note(english(), &["A", "B", "C"]).as_deref(),
            Some("3 locked candidates are left out (A, B, C): unlock them in ProvenBase to export them.")
        );
    }

    #[test]
    fn the_prompt_speaks_the_catalogues_language() {
        let fr = crate::catalogue::for_languages(["fr-FR"]);
        let exact = result("1", CheckOutcome::Exact { on: MatchKind::Email, profile: profile("Ana", "Offer") });
        let prompt = DuplicatePrompt::new(fr, &[person("1", "Ana"), person("2", "Bo")], &[exact]);
        assert_eq!(prompt.title(fr), "1 sur 2 est déjà dans Lever");
        assert_eq!(prompt.lines(fr), ["Ana : dans Lever · Offer (même e-mail)"]);
        assert_eq!(
            locked_note(fr, &["A", "B"]).as_deref(),
            Some(
                "2 candidats verrouillés sont laissés de côté (A, B) : déverrouillez-les dans ProvenBase pour les exporter."
            )
        );
    }
}
