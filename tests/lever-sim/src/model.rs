//! Lever's objects as the simulator stores them, and their JSON as Lever's API shows them.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

pub type Id = String;

/// The access roles Lever knows, in its own spelling.
pub const ACCESS_ROLES: [&str; 5] = ["super admin", "admin", "team member", "limited team member", "interviewer"];

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: Id,
    pub name: String,
    pub username: String,
    pub email: String,
    pub access_role: String,
    pub created_at: i64,
    pub deactivated_at: Option<i64>,
    #[serde(default)]
    pub job_title: Option<String>,
}

impl User {
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id, "name": self.name, "username": self.username, "email": self.email,
            "createdAt": self.created_at, "deactivatedAt": self.deactivated_at,
            "externalDirectoryId": null, "accessRole": self.access_role, "photo": null,
            "linkedContactIds": [], "jobTitle": self.job_title, "managerId": null,
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Stage {
    pub id: Id,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Posting {
    pub id: Id,
    pub text: String,
    pub state: String,
    pub distribution_channels: Vec<String>,
    pub team: String,
    pub location: String,
    pub owner: Id,
    pub created_at: i64,
    pub updated_at: i64,
}

impl Posting {
    pub fn to_json(&self, web: &str) -> Value {
        json!({
            "id": self.id, "text": self.text, "createdAt": self.created_at, "updatedAt": self.updated_at,
            "user": self.owner, "owner": self.owner, "hiringManager": self.owner,
            "confidentiality": "non-confidential",
            "categories": { "team": self.team, "department": "Engineering", "location": self.location,
                            "allLocations": [self.location], "commitment": "Full-time", "level": null },
            "content": { "description": "", "descriptionHtml": "", "lists": [], "closing": "", "closingHtml": "" },
            "country": "US", "tags": [], "state": self.state, "distributionChannels": self.distribution_channels,
            "reqCode": null, "requisitionCodes": [], "workplaceType": "unspecified",
            "urls": { "list": format!("{web}/jobs"), "show": format!("{web}/jobs/{}", self.id),
                      "apply": format!("{web}/jobs/{}/apply", self.id) },
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phone {
    pub value: String,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// A person. Lever dedupes on email: one contact, any number of opportunities.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Contact {
    pub id: Id,
    pub name: String,
    pub headline: String,
    pub location: String,
    pub emails: Vec<String>,
    pub phones: Vec<Phone>,
    pub links: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StageChange {
    pub to_stage_id: Id,
    pub to_stage_index: usize,
    pub user_id: Option<Id>,
    pub updated_at: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Opportunity {
    pub id: Id,
    pub contact: Id,
    pub stage: Id,
    pub stage_changes: Vec<StageChange>,
    pub owner: Option<Id>,
    pub created_by: Option<Id>,
    pub followers: Vec<Id>,
    pub tags: Vec<String>,
    pub sources: Vec<String>,
    pub origin: Option<String>,
    pub posting: Option<Id>,
    pub application: Option<Id>,
    pub archived_at: Option<i64>,
    pub archive_reason: Option<Id>,
    pub created_at: i64,
    pub updated_at: i64,
    /// The resume attached at creation (`resumeFile`), then any files added later.
    pub resume: Option<Id>,
    pub files: Vec<Id>,
    /// Notes added through `POST /opportunities/:id/notes`.
    #[serde(default)]
    pub notes: Vec<Note>,
}

/// A note on an opportunity, as the API created it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Note {
    pub id: Id,
    pub value: String,
    pub user: Option<Id>,
    pub created_at: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeletedOpportunity {
    pub id: Id,
    pub contact: Id,
    pub deleted_at: i64,
    pub deleted_by: Option<Id>,
}

#[derive(Debug, Clone)]
pub struct StoredFile {
    pub id: Id,
    pub opportunity: Id,
    pub name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
    pub uploaded_at: i64,
}

impl StoredFile {
    pub fn ext(&self) -> String {
        self.name.rsplit_once('.').map(|(_, ext)| format!(".{ext}")).unwrap_or_default()
    }

    pub fn to_json(&self, web: &str) -> Value {
        json!({
            "id": self.id, "name": self.name, "ext": self.ext(),
            "downloadUrl": format!("{web}/candidates/{}/files/{}/download", self.opportunity, self.id),
            "uploadedAt": self.uploaded_at.to_string(), "status": "processed", "size": self.bytes.len().to_string(),
        })
    }
}

/// One Lever customer: its users, pipeline, jobs and candidates.
#[derive(Debug, Clone, Default)]
pub struct Account {
    pub id: Id,
    pub name: String,
    pub users: Vec<User>,
    pub stages: Vec<Stage>,
    pub postings: Vec<Posting>,
    pub contacts: Vec<Contact>,
    pub opportunities: Vec<Opportunity>,
    pub deleted: Vec<DeletedOpportunity>,
    pub files: HashMap<Id, StoredFile>,
    pub api_keys: Vec<String>,
    /// Canonical email → contact, for Lever's dedupe without scanning every contact.
    pub email_index: HashMap<String, Id>,
    /// Contact id → its position in `contacts` (contacts are never removed).
    pub contact_index: HashMap<Id, usize>,
}

impl Account {
    pub fn user(&self, id: &str) -> Option<&User> {
        self.users.iter().find(|u| u.id == id)
    }

    pub fn active_user(&self, id: &str) -> Option<&User> {
        self.user(id).filter(|u| u.deactivated_at.is_none())
    }

    pub fn contact(&self, id: &str) -> Option<&Contact> {
        self.contact_index.get(id).and_then(|i| self.contacts.get(*i))
    }

    pub fn opportunity(&self, id: &str) -> Option<&Opportunity> {
        self.opportunities.iter().find(|o| o.id == id)
    }

    pub fn stage_index(&self, id: &str) -> Option<usize> {
        self.stages.iter().position(|s| s.id == id)
    }

    /// The stage new opportunities land in when the request names none.
    pub fn default_stage(&self) -> Option<&Stage> {
        self.stages.iter().find(|s| s.text.eq_ignore_ascii_case("new lead")).or_else(|| self.stages.first())
    }

    /// The contact that owns `email`, compared the way Lever canonicalizes emails.
    pub fn contact_by_email(&self, email: &str) -> Option<&Contact> {
        let wanted = canonical_email(email);
        self.contacts.iter().find(|c| c.emails.iter().any(|e| canonical_email(e) == wanted))
    }

    /// An opportunity as `GET /opportunities/:id` shows it; `expand` inlines referenced objects.
    pub fn opportunity_json(&self, o: &Opportunity, expand: &[String], web: &str) -> Value {
        let contact = self.contact(&o.contact);
        let field = |f: fn(&Contact) -> Value| contact.map(f).unwrap_or(Value::Null);
        let expanded = |what: &str| expand.iter().any(|e| e == what);
        let stage = if expanded("stage") {
            self.stages
                .iter()
                .find(|s| s.id == o.stage)
                .map(|s| json!({"id": s.id, "text": s.text}))
                .unwrap_or(Value::Null)
        } else {
            json!(o.stage)
        };
        let user_ref = |id: &Option<Id>| match (expanded("owner"), id) {
            (true, Some(id)) => self.user(id).map(User::to_json).unwrap_or(Value::Null),
            (_, id) => json!(id),
        };
        let contact_value = if expanded("contact") {
            contact
                .map(|c| {
                    json!({"id": c.id, "name": c.name, "headline": c.headline,
                    "location": {"name": c.location}, "emails": c.emails, "phones": c.phones, "isAnonymized": false})
                })
                .unwrap_or(Value::Null)
        } else {
            json!(o.contact)
        };
        json!({
            "id": o.id, "name": field(|c| json!(c.name)), "headline": field(|c| json!(c.headline)),
            "contact": contact_value, "emails": field(|c| json!(c.emails)), "phones": field(|c| json!(c.phones)),
            "confidentiality": "non-confidential", "location": field(|c| json!(c.location)),
            "links": field(|c| json!(c.links)),
            "createdAt": o.created_at, "updatedAt": o.updated_at, "lastInteractionAt": o.updated_at,
            "lastAdvancedAt": o.stage_changes.last().map(|c| c.updated_at), "snoozedUntil": null,
            "archivedAt": o.archived_at, "archiveReason": o.archive_reason,
            "archived": o.archived_at.map(|at| json!({"archivedAt": at, "reason": o.archive_reason})),
            "stage": stage, "stageChanges": o.stage_changes, "owner": user_ref(&o.owner),
            "tags": o.tags, "sources": o.sources, "origin": o.origin,
            "sourcedBy": if o.origin.as_deref() == Some("sourced") { json!(o.created_by) } else { Value::Null },
            "applications": o.application.iter().collect::<Vec<_>>(), "resume": null,
            "followers": o.followers,
            "urls": { "list": format!("{web}/candidates"), "show": format!("{web}/candidates/{}", o.id) },
            "dataProtection": null, "isAnonymized": false,
        })
    }
}

/// Lever matches emails case-insensitively, ignoring surrounding whitespace.
pub fn canonical_email(email: &str) -> String {
    email.trim().to_lowercase()
}

impl StoredFile {
    /// The file's text as a person's viewer shows it: a PDF read by Poppler's `pdftotext` (a
    /// library other than the one that wrote it; `cargo xtask setup` installs it), anything else
    /// as UTF-8. For tests, which look for what a recruiter chose.
    pub fn pdf_text(&self) -> String {
        pdf_text(&self.bytes)
    }
}

/// The text of a PDF, as Poppler's `pdftotext` reads it (empty when it can't).
pub fn pdf_text(bytes: &[u8]) -> String {
    use std::io::Write as _;
    let Ok(mut child) = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
    else {
        panic!("pdftotext is needed to read resumes back (Debian: apt-get install poppler-utils)");
    };
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(bytes).ok();
    }
    child.wait_with_output().map(|out| String::from_utf8_lossy(&out.stdout).into_owned()).unwrap_or_default()
}
