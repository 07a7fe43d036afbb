//! Bodies of the backend's HTTP API, as the extension sends and receives them, and the one table
//! of who may do what.
//!
//! Long because it holds every API body, grouped by flow, so the wire contract reads top to bottom.

use serde::{Deserialize, Serialize};

/// `GET /healthz`: the backend is up and its store answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Health {
    pub status: String,
    pub version: String,
}

/// Every error the backend returns has this one shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ApiError {
    pub code: ErrorCode,
    /// A sentence a person can act on.
    pub message: String,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into() }
    }
}

/// What went wrong, for code to act on (the message is for people).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// No session, or it expired or was revoked.
    Unauthenticated,
    /// The caller's Lever role may not do this.
    Forbidden,
    NotFound,
    BadRequest,
    TooLarge,
    /// Our own request budget; `Retry-After` says when.
    RateLimited,
    /// Lever is disconnected or its access revoked: a Super Admin must connect again.
    LeverDisconnected,
    LeverRateLimited,
    /// Lever does not know a stage, posting or user the request named.
    LeverNotFound,
    LeverUnavailable,
    StoreUnavailable,
    Internal,
    // Raised by the extension itself, never by the backend:
    /// No backend URL is set.
    NotConfigured,
    /// The backend did not answer.
    BackendUnreachable,
    /// The extension could not make or read the call.
    Extension,
    /// A code this version doesn't know (a newer backend), or an error answer without one.
    #[serde(other)]
    Unknown,
}

/// A Lever access role, as Lever's `accessRole` spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Role {
    #[serde(rename = "super admin")]
    SuperAdmin,
    #[serde(rename = "admin")]
    Admin,
    #[serde(rename = "team member")]
    TeamMember,
    #[serde(rename = "limited team member")]
    LimitedTeamMember,
    #[serde(rename = "interviewer")]
    Interviewer,
}

/// What a request wants to do, for the permission table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// See the connection, the settings and Lever's stages, postings and users.
    Read,
    /// Check duplicates and export candidates.
    Export,
    /// Connect, disconnect, change settings, invite people, see every session.
    Configure,
}

impl Role {
    pub const ALL: [Role; 5] =
        [Role::SuperAdmin, Role::Admin, Role::TeamMember, Role::LimitedTeamMember, Role::Interviewer];

    /// Lever's spelling (`super admin`, …).
    pub fn as_lever(self) -> &'static str {
        match self {
            Self::SuperAdmin => "super admin",
            Self::Admin => "admin",
            Self::TeamMember => "team member",
            Self::LimitedTeamMember => "limited team member",
            Self::Interviewer => "interviewer",
        }
    }

    pub fn from_lever(role: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_lever() == role.trim().to_lowercase())
    }

    /// The role as people read it ("Super Admin").
    pub fn label(self) -> &'static str {
        match self {
            Self::SuperAdmin => "Super Admin",
            Self::Admin => "Admin",
            Self::TeamMember => "Team Member",
            Self::LimitedTeamMember => "Limited Team Member",
            Self::Interviewer => "Interviewer",
        }
    }

    /// The catalogue's message for the role, as people read it.
    pub fn word(self) -> &'static str {
        match self {
            Self::SuperAdmin => "role-super-admin",
            Self::Admin => "role-admin",
            Self::TeamMember => "role-team-member",
            Self::LimitedTeamMember => "role-limited-team-member",
            Self::Interviewer => "role-interviewer",
        }
    }

    /// The permission table: Super Admins configure; Super Admins, Admins, Team Members and
    /// Limited Team Members read and export; Interviewers do nothing.
    pub fn may(self, action: Action) -> bool {
        match action {
            Action::Configure => self == Self::SuperAdmin,
            Action::Read | Action::Export => self != Self::Interviewer,
        }
    }
}

/// Someone in Lever.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Person {
    pub lever_user_id: String,
    pub name: String,
    pub email: String,
}

/// `GET /api/v1/me`: who this session belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Me {
    pub member_id: String,
    pub person: Person,
    pub role: Role,
    pub organisation_id: String,
    pub lever_account_id: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ConnectionState {
    Connected,
    /// Disconnected in our settings or revoked in Lever; settings and history are kept.
    Disconnected,
}

/// `GET /api/v1/lever/connection`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ConnectionStatus {
    pub state: ConnectionState,
    /// The Super Admin who connected.
    pub connected_as: Option<Person>,
    pub connected_at: Option<i64>,
    /// Why it is disconnected, for people.
    pub reason: Option<String>,
}

/// Where Lever's tab ends after a connect attempt: `?outcome=…` (and `&handoff=…` on success).
pub const CONNECT_DONE_PATH: &str = "/api/v1/lever/done";

/// `POST /api/v1/lever/connect`: where to send the Super Admin for Lever's consent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ConnectStart {
    pub authorize_url: String,
}

/// `POST /api/v1/lever/connect`: the SHA-256 (hex) of a secret only the starting browser holds;
/// the secret itself comes with the handoff code ([`HandoffExchange`]), so a callback or done
/// URL seen by anyone else is worth nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ConnectRequest {
    pub secret_hash: String,
}

/// How a connect attempt ended; the backend's done page carries it in `?outcome=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ConnectOutcome {
    Connected,
    Denied,
    NotSuperAdmin,
    /// A Super Admin whose Lever account is deactivated.
    Deactivated,
    /// A Lever account this backend does not serve (`PBL_LEVER_ACCOUNTS`).
    AccountNotAllowed,
    Expired,
    LeverError,
}

impl ConnectOutcome {
    pub const ALL: [ConnectOutcome; 7] = [
        Self::Connected,
        Self::Denied,
        Self::NotSuperAdmin,
        Self::Deactivated,
        Self::AccountNotAllowed,
        Self::Expired,
        Self::LeverError,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Connected => "connected",
            Self::Denied => "denied",
            Self::NotSuperAdmin => "not_super_admin",
            Self::Deactivated => "deactivated",
            Self::AccountNotAllowed => "account_not_allowed",
            Self::Expired => "expired",
            Self::LeverError => "lever_error",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.as_str() == s)
    }

    /// The catalogue's message telling the person who tried to connect.
    pub fn word(self) -> &'static str {
        match self {
            Self::Connected => "error-connect-connected",
            Self::Denied => "error-connect-denied",
            Self::NotSuperAdmin => "error-connect-not-super-admin",
            Self::Deactivated => "error-connect-deactivated",
            Self::AccountNotAllowed => "error-connect-account-not-allowed",
            Self::Expired => "error-connect-expired",
            Self::LeverError => "error-connect-lever-error",
        }
    }
}

/// `POST /api/v1/sessions`: trade a one-time handoff code (from the connect flow) for a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct HandoffExchange {
    pub handoff: String,
    /// The connect secret whose hash started this connect.
    pub secret: String,
}

/// A new session: the token goes to the extension's background worker and nowhere else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SessionGrant {
    pub token: String,
    pub me: Me,
}

/// Auto Full Profiles Sync: copy Lever profiles updated within `days` to check duplicates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AutoSync {
    pub enabled: bool,
    pub days: u16,
}

impl AutoSync {
    pub const MAX_DAYS: u16 = 365;
}

/// `GET /api/v1/settings`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Settings {
    /// The Lever stage exports go to; `None` means Lever's own default ("New lead").
    pub default_stage_id: Option<String>,
    pub auto_sync: AutoSync,
    /// Whether the Super Admin has answered the auto-sync prompt yet.
    pub auto_sync_answered: bool,
    /// The Lever user exports are created as (`perform_as`).
    pub integration_admin_id: Option<String>,
    /// Whether Lever's webhook signature token is set (the token itself is never sent back).
    #[serde(default)]
    pub webhook_configured: bool,
    /// How long the audit log keeps entries.
    #[serde(default = "default_retention")]
    pub audit_retention_days: u16,
    /// Why exports are paused though Lever is connected (e.g. the integration Lever admin was
    /// deactivated), telling the Super Admin what to change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exports_blocked: Option<String>,
    /// Whether exports are tagged `ProvenBase` and with the page or project they came from.
    #[serde(default = "yes")]
    pub tag_exports: bool,
    pub updated_at: i64,
}

fn yes() -> bool {
    true
}

/// The audit log's retention when nobody chose one.
pub const DEFAULT_AUDIT_RETENTION_DAYS: u16 = 365;
/// The longest retention a Super Admin may choose (ten years).
pub const MAX_AUDIT_RETENTION_DAYS: u16 = 3650;

fn default_retention() -> u16 {
    DEFAULT_AUDIT_RETENTION_DAYS
}

/// `PUT /api/v1/settings`: only the fields given change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SettingsUpdate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_stage_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_sync: Option<AutoSync>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integration_admin_id: Option<String>,
    /// The `signatureToken` Lever shows for our webhooks; empty clears it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook_token: Option<String>,
    /// Days the audit log keeps entries (1 to [`MAX_AUDIT_RETENTION_DAYS`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit_retention_days: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag_exports: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LeverStage {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LeverPosting {
    pub id: String,
    pub text: String,
    /// `published` or `internal` (shown as "unlisted").
    pub state: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LeverUser {
    pub id: String,
    pub name: String,
    pub email: String,
    pub role: Option<Role>,
}

/// `POST /api/v1/invites`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct InviteRequest {
    pub lever_user_id: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum InviteState {
    Open,
    Redeemed,
    Revoked,
    Expired,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Invite {
    pub id: String,
    pub person: Person,
    pub created_at: i64,
    pub expires_at: i64,
    pub state: InviteState,
}

/// The code is shown once, when the invite is made; the backend keeps only its hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct InviteCreated {
    pub invite: Invite,
    pub code: String,
}

/// `POST /api/v1/invites/redeem`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RedeemInvite {
    pub code: String,
}

/// `GET /api/v1/sessions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SessionInfo {
    pub id: String,
    pub person: Person,
    pub role: Role,
    pub created_at: i64,
    pub expires_at: i64,
    /// This is the caller's own session.
    pub current: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_check_carries_the_contact_details_and_nothing_else() {
        let full = Candidate {
            ref_id: "7".into(),
            name: "Amélie".into(),
            title: Some("Engineer".into()),
            company: Some("Datadog".into()),
            emails: vec!["a@example.com".into()],
            phones: vec!["+33 6 12 34 56 78".into()],
            linkedin: Some("https://www.linkedin.com/in/amelie".into()),
            location: Some("Paris".into()),
            skills: vec!["Scala".into()],
            summary: Some("Builds pipelines.".into()),
            experience: vec!["Datadog".into()],
            education: vec!["X".into()],
            locked: true,
            profile_url: Some("https://app.provenbase.com/p/7".into()),
        };
        let json = serde_json::to_value(full.contacts()).expect("serializes");
        assert_eq!(
            json,
            serde_json::json!({"ref_id": "7", "name": "Amélie", "company": "Datadog", "emails": ["a@example.com"],
                               "phones": ["+33 6 12 34 56 78"], "linkedin": "https://www.linkedin.com/in/amelie"})
        );
    }

    #[test]
    fn only_super_admins_configure_and_interviewers_do_nothing() {
        for role in Role::ALL {
            assert_eq!(role.may(Action::Configure), role == Role::SuperAdmin, "{role:?}");
            assert_eq!(role.may(Action::Export), role != Role::Interviewer, "{role:?}");
            assert_eq!(role.may(Action::Read), role != Role::Interviewer, "{role:?}");
        }
    }

    #[test]
    fn roles_read_lever_spelling() {
        assert_eq!(Role::from_lever("Super Admin"), Some(Role::SuperAdmin));
        assert_eq!(Role::from_lever("limited team member"), Some(Role::LimitedTeamMember));
        assert_eq!(Role::from_lever("custom-role-id"), None);
        let json = serde_json::to_string(&Role::TeamMember).expect("serializes");
        assert_eq!(json, "\"team member\"");
    }

    #[test]
    fn a_task_says_where_it_stands_as_a_whole() {
        let task = |queued, exporting, exported, failed, cancelled, paused: bool| ExportTask {
            id: "t".into(),
            name: "T".into(),
            created_by: "Sam".into(),
            created_at: 0,
            counts: ExportCounts { queued, exporting, exported, skipped: 0, failed, cancelled },
            paused: paused.then(|| "Lever is disconnected.".into()),
            items: Vec::new(),
            job: None,
            stage: None,
            format: ResumeFormat::Pdf,
            last_change_at: None,
        };
        assert_eq!(task(3, 0, 0, 0, 0, false).state(), TaskState::Waiting);
        assert_eq!(task(2, 1, 0, 0, 0, false).state(), TaskState::Running);
        assert_eq!(task(2, 0, 1, 0, 0, false).state(), TaskState::Running);
        assert_eq!(task(2, 0, 1, 0, 0, true).state(), TaskState::Paused);
        assert_eq!(task(0, 0, 3, 0, 0, false).state(), TaskState::Done);
        assert_eq!(task(0, 0, 2, 1, 0, false).state(), TaskState::DoneWithFailures);
        assert_eq!(task(0, 0, 0, 0, 3, false).state(), TaskState::Cancelled);
        assert_eq!(task(0, 0, 1, 0, 2, false).state(), TaskState::Done, "some went before the rest was cancelled");
    }

    #[test]
    fn audit_actions_travel_as_they_are_stored() {
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::parse(action.as_str()), Some(action));
            assert_eq!(serde_json::to_value(action).expect("json"), action.as_str());
        }
        assert_eq!(AuditAction::parse("lever.exploded"), None);
    }

    #[test]
    fn error_codes_read_unknown_ones_as_unknown() {
        let e: ApiError = serde_json::from_str(r#"{"code":"lever_disconnected","message":"m"}"#).expect("reads");
        assert_eq!(e.code, ErrorCode::LeverDisconnected);
        let e: ApiError = serde_json::from_str(r#"{"code":"from_the_future","message":"m"}"#).expect("reads");
        assert_eq!(e.code, ErrorCode::Unknown);
        assert_eq!(serde_json::to_value(ErrorCode::NotFound).expect("json"), "not_found");
    }

    #[test]
    fn connect_outcomes_round_trip_through_their_query_value() {
        for outcome in ConnectOutcome::ALL {
            assert_eq!(ConnectOutcome::parse(outcome.as_str()), Some(outcome));
            let said = crate::catalogue::english().text(outcome.word(), &[]);
            assert!(said.ends_with('.') && said != outcome.word(), "{said}");
        }
    }
}

/// The most candidates one duplicate check, or one export task, may carry (the same bound: what
/// a page shows can be checked and exported alike).
pub const MAX_CANDIDATES: usize = 1_000;

/// One person as a ProvenBase page shows them, text exactly as written there (normalisation into
/// identity keys happens in one place, `identity`). The one candidate type from page to Lever: an
/// adapter reads it from a card (without `ref_id`: the content script names each person), a check
/// sends its contact fields ([`Candidate::contacts`]), an export all of it, and the export task
/// stores it as it came.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Candidate {
    /// The caller's own reference for this person, echoed in answers.
    pub ref_id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub emails: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub linkedin: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<String>,
    /// The candidate's profile summary (a paragraph), from their profile page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub experience: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub education: Vec<String>,
    /// ProvenBase hides this person's contact details until the recruiter unlocks them.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub locked: bool,
    /// The candidate's profile page on ProvenBase (absolute, same origin), when the card links one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile_url: Option<String>,
}

impl Candidate {
    /// What a duplicate check reads: the reference, the name and the contact details (a page of
    /// a thousand cards is checked without their summaries and histories).
    #[must_use]
    pub fn contacts(&self) -> Self {
        Self {
            ref_id: self.ref_id.clone(),
            name: self.name.clone(),
            company: self.company.clone(),
            emails: self.emails.clone(),
            phones: self.phones.clone(),
            linkedin: self.linkedin.clone(),
            ..Self::default()
        }
    }
}

/// `POST /api/v1/check`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CheckRequest {
    pub candidates: Vec<Candidate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    Email,
    Linkedin,
    Phone,
    /// Name and company only: a *possible* match.
    NameCompany,
}

impl MatchKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Linkedin => "LinkedIn profile",
            Self::Phone => "phone",
            Self::NameCompany => "name and company",
        }
    }

    /// The catalogue's message for what matched.
    pub fn word(self) -> &'static str {
        match self {
            Self::Email => "match-email",
            Self::Linkedin => "match-linkedin",
            Self::Phone => "match-phone",
            Self::NameCompany => "match-name-company",
        }
    }
}

/// A Lever profile (one opportunity) from the local index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LeverProfile {
    pub opportunity_id: String,
    pub contact_id: String,
    pub name: String,
    pub stage_name: Option<String>,
    pub archived: bool,
    pub owner_name: Option<String>,
    pub updated_at: i64,
    /// Opens the profile in Lever.
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "match", rename_all = "snake_case")]
pub enum CheckOutcome {
    Exact {
        on: MatchKind,
        profile: LeverProfile,
    },
    /// Not in Lever yet, but queued or being exported in a task (theirs or a colleague's).
    Exporting {
        on: MatchKind,
        /// The task's name and who made it.
        task: String,
        by: String,
    },
    Possible {
        on: MatchKind,
        profile: LeverProfile,
    },
    None,
}

impl CheckOutcome {
    /// Exporting this candidate again would make a second profile or opportunity (or may).
    pub fn is_duplicate(&self) -> bool {
        !matches!(self, Self::None)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CheckResult {
    pub ref_id: String,
    #[serde(flatten)]
    pub outcome: CheckOutcome,
    /// What was wrong with this candidate's details (too long, too many), for the recruiter; the
    /// check used what it could and the rest of the page is unaffected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

/// Auto Full Profiles Sync as it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SyncStatus {
    pub enabled: bool,
    pub days: u16,
    pub last_run_at: Option<i64>,
    pub last_success_at: Option<i64>,
    pub last_error: Option<String>,
    /// Lever profiles in the local index.
    pub profiles: i64,
}

/// `POST /api/v1/check`'s answer. With sync off, `results` is empty and `sync.enabled` false:
/// the extension says why instead of guessing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CheckResponse {
    pub sync: SyncStatus,
    pub results: Vec<CheckResult>,
}

/// `GET/PUT /api/v1/adapters`: the organisation's page adapters, when a Super Admin set them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AdapterConfig {
    pub config: Option<crate::adapter::AdapterSet>,
}

/// `POST /api/v1/adapters/reports`: a page that should list candidates showed none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EmptyPageReport {
    pub page: crate::adapter::PageKind,
    pub path: String,
    pub adapter_version: u32,
}

/// A report as Super Admins see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EmptyPageSeen {
    pub page: crate::adapter::PageKind,
    pub path: String,
    pub adapter_version: u32,
    pub reported_by: String,
    pub reported_at: i64,
}

/// The resume fields a recruiter may include in an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ResumeField {
    Name,
    Title,
    Company,
    Emails,
    Phones,
    Location,
    Links,
    Summary,
    Skills,
    Experience,
    Education,
}

impl ResumeField {
    pub const ALL: [ResumeField; 11] = [
        Self::Name,
        Self::Title,
        Self::Company,
        Self::Emails,
        Self::Phones,
        Self::Location,
        Self::Links,
        Self::Summary,
        Self::Skills,
        Self::Experience,
        Self::Education,
    ];

    /// The field's English name, as data: the export dialog's checkboxes are named so (people
    /// read [`Self::word`]).
    pub fn label(self) -> &'static str {
        match self {
            Self::Name => "Name",
            Self::Title => "Title",
            Self::Company => "Company",
            Self::Emails => "Emails",
            Self::Phones => "Phones",
            Self::Location => "Location",
            Self::Links => "Links",
            Self::Summary => "Summary",
            Self::Skills => "Skills",
            Self::Experience => "Experience",
            Self::Education => "Education",
        }
    }

    /// The catalogue's message for the field, as the export dialog names it.
    pub fn word(self) -> &'static str {
        match self {
            Self::Name => "field-name",
            Self::Title => "field-title",
            Self::Company => "field-company",
            Self::Emails => "field-emails",
            Self::Phones => "field-phones",
            Self::Location => "field-location",
            Self::Links => "field-links",
            Self::Summary => "field-summary",
            Self::Skills => "field-skills",
            Self::Experience => "field-experience",
            Self::Education => "field-education",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ResumeFormat {
    #[default]
    Pdf,
    Docx,
}

/// What to do with candidates already in Lever.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DuplicatePolicy {
    /// Export only the new ones.
    #[default]
    SkipExisting,
    /// Add a new opportunity to each existing profile, through its contact.
    AddOpportunity,
}

/// `POST /api/v1/exports`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ExportRequest {
    pub name: String,
    pub stage_id: Option<String>,
    pub posting_id: Option<String>,
    #[serde(default)]
    pub format: ResumeFormat,
    pub fields: Vec<ResumeField>,
    #[serde(default)]
    pub duplicates: DuplicatePolicy,
    pub candidates: Vec<Candidate>,
    /// A note added to each exported opportunity in Lever (one more Lever call per candidate).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Where the candidates were chosen in ProvenBase ("Project: Q3 Backend Hiring", "Sourcing
    /// Lab"): a Lever tag beside `ProvenBase`, unless a Super Admin turned tagging off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
}

/// The longest note an export may carry.
pub const MAX_EXPORT_NOTE: usize = 2_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ExportState {
    Queued,
    Exporting,
    Exported,
    Skipped,
    Failed,
    Cancelled,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ExportItem {
    pub ref_id: String,
    pub name: String,
    pub state: ExportState,
    /// Opens the exported (or matching) profile in Lever.
    pub lever_url: Option<String>,
    /// Why it failed or was skipped, for people.
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ExportCounts {
    pub queued: u32,
    pub exporting: u32,
    pub exported: u32,
    pub skipped: u32,
    pub failed: u32,
    pub cancelled: u32,
}

/// An export task and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ExportTask {
    pub id: String,
    pub name: String,
    pub created_by: String,
    pub created_at: i64,
    pub counts: ExportCounts,
    /// Why the task's queued candidates wait (Lever disconnected, the integration admin
    /// deactivated); they resume by themselves once that is mended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paused: Option<String>,
    /// Every candidate, in the order given (on the detail route only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<ExportItem>,
    /// The Lever job (posting) the candidates go to, by name, when one was chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job: Option<String>,
    /// The Lever stage they go to, by name (`None`: Lever's default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    #[serde(default)]
    pub format: ResumeFormat,
    /// When one of its candidates last changed state: the task's end once none waits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_change_at: Option<i64>,
}

/// Where a task stands as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskState {
    /// Nothing sent yet.
    Waiting,
    Running,
    /// Candidates wait for something a Super Admin must mend ([`ExportTask::paused`]).
    Paused,
    Done,
    DoneWithFailures,
    /// Cancelled before anything was exported.
    Cancelled,
}

impl TaskState {
    /// The catalogue's message for the state, as the task manager's chip says it.
    pub fn word(self) -> &'static str {
        match self {
            Self::Waiting => "state-waiting",
            Self::Running => "state-running",
            Self::Paused => "state-paused",
            Self::Done => "state-done",
            Self::DoneWithFailures => "state-done-with-failures",
            Self::Cancelled => "state-cancelled",
        }
    }
}

impl ExportTask {
    pub fn state(&self) -> TaskState {
        let c = &self.counts;
        let finished = c.exported + c.skipped + c.failed;
        match (c.queued + c.exporting, self.paused.is_some()) {
            (0, _) if c.failed > 0 => TaskState::DoneWithFailures,
            (0, _) if finished == 0 && c.cancelled > 0 => TaskState::Cancelled,
            (0, _) => TaskState::Done,
            (_, true) => TaskState::Paused,
            _ if finished == 0 && c.exporting == 0 => TaskState::Waiting,
            _ => TaskState::Running,
        }
    }
}

/// `POST /api/v1/exports`'s answer (201).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ExportCreated {
    pub id: String,
}

/// What an audit entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum AuditAction {
    #[serde(rename = "lever.connected")]
    LeverConnected,
    #[serde(rename = "lever.disconnected")]
    LeverDisconnected,
    #[serde(rename = "lever.revoked")]
    LeverRevoked,
    #[serde(rename = "settings.changed")]
    SettingsChanged,
    #[serde(rename = "settings.webhook_token")]
    WebhookTokenChanged,
    #[serde(rename = "adapters.changed")]
    AdaptersChanged,
    #[serde(rename = "invite.created")]
    InviteCreated,
    #[serde(rename = "invite.revoked")]
    InviteRevoked,
    #[serde(rename = "invite.redeemed")]
    InviteRedeemed,
    #[serde(rename = "member.role_changed")]
    MemberRoleChanged,
    #[serde(rename = "member.deactivated")]
    MemberDeactivated,
    #[serde(rename = "export.created")]
    ExportCreated,
    #[serde(rename = "export.candidate")]
    ExportCandidate,
    #[serde(rename = "exports.paused")]
    ExportsPaused,
    #[serde(rename = "exports.resumed")]
    ExportsResumed,
}

impl AuditAction {
    pub const ALL: [AuditAction; 15] = [
        Self::LeverConnected,
        Self::LeverDisconnected,
        Self::LeverRevoked,
        Self::SettingsChanged,
        Self::WebhookTokenChanged,
        Self::AdaptersChanged,
        Self::InviteCreated,
        Self::InviteRevoked,
        Self::InviteRedeemed,
        Self::MemberRoleChanged,
        Self::MemberDeactivated,
        Self::ExportCreated,
        Self::ExportCandidate,
        Self::ExportsPaused,
        Self::ExportsResumed,
    ];

    /// As stored and sent (`lever.connected`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::LeverConnected => "lever.connected",
            Self::LeverDisconnected => "lever.disconnected",
            Self::LeverRevoked => "lever.revoked",
            Self::SettingsChanged => "settings.changed",
            Self::WebhookTokenChanged => "settings.webhook_token",
            Self::AdaptersChanged => "adapters.changed",
            Self::InviteCreated => "invite.created",
            Self::InviteRevoked => "invite.revoked",
            Self::InviteRedeemed => "invite.redeemed",
            Self::MemberRoleChanged => "member.role_changed",
            Self::MemberDeactivated => "member.deactivated",
            Self::ExportCreated => "export.created",
            Self::ExportCandidate => "export.candidate",
            Self::ExportsPaused => "exports.paused",
            Self::ExportsResumed => "exports.resumed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

/// One line of the audit log (`GET /api/v1/audit`, Super Admins only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AuditEntry {
    pub action: AuditAction,
    /// Who did it (a person's name), when a person did.
    pub actor: Option<String>,
    /// The details (whom, job, stage, task…), as stored.
    pub detail: serde_json::Value,
    pub at: i64,
}
