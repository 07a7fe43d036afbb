//! The simulator's whole state: accounts, registered OAuth apps, grants and tokens, the rate
//! buckets, injected faults and the clock. One lock guards it; no handler holds it across an await.
//!
//! Long because Lever's whole world (and its one lock) is one type.

use std::collections::HashMap;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::model::{Account, Contact, Id, Opportunity, Phone, StageChange, StoredFile};

/// An OAuth app registered with Lever (Lever staff create these for partners).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OAuthApp {
    pub name: String,
    pub client_id: String,
    pub client_secret: String,
    pub redirect_uris: Vec<String>,
}

/// One Super Admin's consent for one app on one account. Revoking it ends every token it issued.
#[derive(Debug, Clone)]
pub struct Authorization {
    pub account: Id,
    pub client_id: String,
    pub revoked: bool,
}

#[derive(Debug, Clone)]
pub struct AuthCode {
    pub client_id: String,
    pub redirect_uri: String,
    pub user: Id,
    pub account: Id,
    pub scopes: Vec<String>,
    pub expires_at: i64,
    /// The PKCE S256 challenge the authorize request carried, if any.
    pub code_challenge: Option<String>,
}

#[derive(Debug, Clone)]
pub struct RefreshGrant {
    pub authorization: usize,
    pub user: Id,
    pub scopes: Vec<String>,
    pub used: bool,
    pub last_used_at: i64,
    pub issued_at: i64,
}

/// What an access token (or API key) lets a request do.
#[derive(Debug, Clone)]
pub struct Caller {
    pub account: Id,
    /// `None` for API keys, which carry every scope.
    pub scopes: Option<Vec<String>>,
}

impl Caller {
    /// Write scopes include the matching read scope.
    pub fn may(&self, scope: &str) -> bool {
        let Some(scopes) = &self.scopes else { return true };
        let write = scope.replace(":read:", ":write:");
        scopes.iter().any(|s| s == scope || *s == write)
    }
}

/// Faults a test asks for. Counters count down as requests consume them.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "snake_case")]
pub struct FaultPlan {
    /// The next N API requests fail with `fail_status` (default 503)…
    pub fail_next: u32,
    /// …after this many more have succeeded (to fail mid-way through a sequence).
    pub fail_next_after: u32,
    pub fail_status: Option<u16>,
    /// The next N API requests answer 429 (a storm), whatever the bucket holds.
    pub throttle_next: u32,
    /// Each API request fails with 500 with this probability.
    pub error_rate: f64,
    /// Added to every API request.
    pub latency_ms: u64,
    /// The next N `POST /opportunities` create the opportunity, then never answer in time.
    pub timeout_after_create_next: u32,
    /// How long such a request hangs before giving up (default 30 s).
    pub hang_ms: Option<u64>,
    /// Turn Lever's rate limit off (on by default, as in Lever).
    pub disable_rate_limit: bool,
}

/// Lever's token bucket: 10 requests/s steady, bursts of 20.
#[derive(Debug, Clone)]
pub struct Bucket {
    tokens: f64,
    last: Instant,
}

impl Bucket {
    pub const RATE_PER_SEC: f64 = 10.0;
    pub const BURST: f64 = 20.0;

    fn new() -> Self {
        Self { tokens: Self::BURST, last: Instant::now() }
    }

    pub fn try_take(&mut self) -> bool {
        let now = Instant::now();
        let refill = now.duration_since(self.last).as_secs_f64() * Self::RATE_PER_SEC;
        self.tokens = (self.tokens + refill).min(Self::BURST);
        self.last = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    /// API requests received (`/v1/*`), whatever their answer.
    pub api_requests: u64,
    pub throttled: u64,
    pub faulted: u64,
    pub unauthorized: u64,
    pub token_requests: u64,
    /// Refresh grants that issued new tokens.
    pub refresh_grants: u64,
    pub opportunities_created: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Webhook {
    pub account: Id,
    pub url: String,
    pub events: Vec<String>,
    pub signature_token: String,
}

#[derive(Debug)]
pub struct World {
    /// The simulator's own address, e.g. `http://127.0.0.1:7400`: the issuer and audience.
    pub base_url: String,
    pub signing_key: [u8; 32],
    pub clock_offset_ms: i64,
    pub accounts: Vec<Account>,
    pub apps: Vec<OAuthApp>,
    pub authorizations: Vec<Authorization>,
    pub codes: HashMap<String, AuthCode>,
    pub refresh_tokens: HashMap<String, RefreshGrant>,
    /// Access-token ids (`jti`) and the authorization that issued them.
    pub access_tokens: HashMap<String, usize>,
    pub offsets: HashMap<String, usize>,
    pub buckets: HashMap<Id, Bucket>,
    pub faults: FaultPlan,
    pub stats: Stats,
    pub webhooks: Vec<Webhook>,
    /// Every webhook delivery attempt's final outcome, for tests.
    pub deliveries: Vec<serde_json::Value>,
}

impl World {
    pub fn new(base_url: String) -> Self {
        Self {
            base_url,
            signing_key: rand::random(),
            clock_offset_ms: 0,
            accounts: Vec::new(),
            apps: Vec::new(),
            authorizations: Vec::new(),
            codes: HashMap::new(),
            refresh_tokens: HashMap::new(),
            access_tokens: HashMap::new(),
            offsets: HashMap::new(),
            buckets: HashMap::new(),
            faults: FaultPlan::default(),
            stats: Stats::default(),
            webhooks: Vec::new(),
            deliveries: Vec::new(),
        }
    }

    /// Milliseconds since the epoch, as Lever timestamps are, moved by the test clock.
    pub fn now_ms(&self) -> i64 {
        let real = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or(Duration::ZERO).as_millis();
        i64::try_from(real).unwrap_or(i64::MAX) + self.clock_offset_ms
    }

    /// The audience Lever expects in the authorize request: the API base with a trailing slash.
    pub fn audience(&self) -> String {
        format!("{}/v1/", self.base_url)
    }

    /// Where Lever's web app would show things (links in `urls`).
    pub fn web_url(&self) -> String {
        format!("{}/hire", self.base_url)
    }

    pub fn account(&self, id: &str) -> Option<&Account> {
        self.accounts.iter().find(|a| a.id == id)
    }

    pub fn account_mut(&mut self, id: &str) -> Option<&mut Account> {
        self.accounts.iter_mut().find(|a| a.id == id)
    }

    /// The account a user belongs to.
    pub fn account_of_user(&self, user: &str) -> Option<&Account> {
        self.accounts.iter().find(|a| a.user(user).is_some())
    }

    pub fn app(&self, client_id: &str) -> Option<&OAuthApp> {
        self.apps.iter().find(|a| a.client_id == client_id)
    }

    pub fn take_rate_token(&mut self, account: &str) -> bool {
        if self.faults.disable_rate_limit {
            return true;
        }
        self.buckets.entry(account.to_owned()).or_insert_with(Bucket::new).try_take()
    }

    /// Issues an opaque `offset` token for position `next` of a list.
    pub fn offset_token(&mut self, next: usize) -> String {
        let token = format!("0.{}.{}", self.now_ms(), uuid::Uuid::new_v4());
        self.offsets.insert(token.clone(), next);
        token
    }

    /// Revokes every authorization of every app on `account`.
    pub fn revoke(&mut self, account: &str) -> usize {
        let mut n = 0;
        for auth in self.authorizations.iter_mut().filter(|a| a.account == account && !a.revoked) {
            auth.revoked = true;
            n += 1;
        }
        n
    }
}

/// What `POST /opportunities` was asked to create, from JSON or multipart.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct NewOpportunity {
    pub name: Option<String>,
    pub headline: Option<String>,
    pub stage: Option<Id>,
    pub location: Option<String>,
    pub phones: Vec<Phone>,
    pub emails: Vec<String>,
    pub links: Vec<String>,
    pub tags: Vec<String>,
    pub sources: Vec<String>,
    pub origin: Option<String>,
    pub owner: Option<Id>,
    pub followers: Vec<Id>,
    pub postings: Vec<Id>,
    #[serde(rename = "createdAt")]
    pub created_at: Option<i64>,
    pub contact: Option<Id>,
    #[serde(skip)]
    pub resume: Option<Upload>,
}

#[derive(Debug, Clone)]
pub struct Upload {
    pub name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// Why Lever refused a request: an HTTP status and Lever's `{code, message}`.
#[derive(Debug, Clone)]
pub struct LeverError {
    pub status: u16,
    pub code: &'static str,
    pub message: String,
}

impl LeverError {
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self { status: 400, code: "BadRequestError", message: message.into() }
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self { status: 404, code: "ResourceNotFound", message: message.into() }
    }
}

pub const ORIGINS: [&str; 6] = ["agency", "applied", "internal", "referred", "sourced", "university"];

impl Account {
    /// Lever's create: `perform_as` required, one posting at most, the "New lead" stage by default,
    /// and dedupe by email onto the existing contact, whose data wins.
    pub fn create_opportunity(&mut self, perform_as: &str, new: NewOpportunity, now: i64) -> Result<Id, LeverError> {
        if self.active_user(perform_as).is_none() {
            return Err(LeverError::bad_request(format!(
                "perform_as user {perform_as} is not an active user of this account"
            )));
        }
        if new.postings.len() > 1 {
            return Err(LeverError::bad_request(
                "Only one posting may be given per request; send one request per posting",
            ));
        }
        if let Some(posting) = new.postings.first()
            && !self.postings.iter().any(|p| &p.id == posting)
        {
            return Err(LeverError::not_found(format!("postings {posting} was not found")));
        }
        let stage = match &new.stage {
            Some(id) if self.stage_index(id).is_some() => id.clone(),
            Some(id) => return Err(LeverError::not_found(format!("stages {id} was not found"))),
            None => self
                .default_stage()
                .map(|s| s.id.clone())
                .ok_or_else(|| LeverError::bad_request("account has no stages"))?,
        };
        if let Some(origin) = &new.origin
            && !ORIGINS.contains(&origin.as_str())
        {
            return Err(LeverError::bad_request(format!("invalid origin {origin}")));
        }
        if let Some(owner) = &new.owner
            && self.active_user(owner).is_none()
        {
            return Err(LeverError::bad_request(format!("owner {owner} is not an active user")));
        }
        if matches!(new.created_at, Some(t) if t > now) {
            return Err(LeverError::bad_request("createdAt may not be in the future"));
        }

        let existing = match &new.contact {
            Some(id) => Some(
                self.contact(id)
                    .ok_or_else(|| LeverError::not_found(format!("contacts {id} was not found")))?
                    .id
                    .clone(),
            ),
            None => new.emails.iter().find_map(|e| self.contact_by_email(e)).map(|c| c.id.clone()),
        };
        let contact_id = match existing {
            Some(id) => {
                let contact = self
                    .contact_index
                    .get(&id)
                    .and_then(|i| self.contacts.get_mut(*i))
                    .ok_or_else(|| LeverError::not_found("contact vanished"))?;
                merge_into(contact, &new);
                for email in &contact.emails {
                    self.email_index.insert(crate::model::canonical_email(email), id.clone());
                }
                id
            }
            None => {
                let contact = Contact {
                    id: new_id(),
                    name: new.name.clone().unwrap_or_default(),
                    headline: new.headline.clone().unwrap_or_default(),
                    location: new.location.clone().unwrap_or_default(),
                    emails: dedup(new.emails.iter().map(|e| e.trim().to_owned())),
                    phones: new.phones.clone(),
                    links: dedup(new.links.iter().cloned()),
                };
                let id = contact.id.clone();
                for email in &contact.emails {
                    self.email_index.entry(crate::model::canonical_email(email)).or_insert_with(|| id.clone());
                }
                self.contact_index.insert(id.clone(), self.contacts.len());
                self.contacts.push(contact);
                id
            }
        };

        let id = new_id();
        let created_at = new.created_at.unwrap_or(now);
        let mut followers = new.followers.clone();
        if !followers.iter().any(|f| f == perform_as) {
            followers.push(perform_as.to_owned());
        }
        let resume = new.resume.map(|upload| {
            let file = StoredFile {
                id: new_id(),
                opportunity: id.clone(),
                name: upload.name,
                content_type: upload.content_type,
                bytes: upload.bytes,
                uploaded_at: now,
            };
            let file_id = file.id.clone();
            self.files.insert(file_id.clone(), file);
            file_id
        });
        let stage_index = self.stage_index(&stage).unwrap_or(0);
        self.opportunities.push(Opportunity {
            id: id.clone(),
            contact: contact_id,
            stage: stage.clone(),
            stage_changes: vec![StageChange {
                to_stage_id: stage,
                to_stage_index: stage_index,
                user_id: Some(perform_as.to_owned()),
                updated_at: created_at,
            }],
            owner: Some(new.owner.clone().unwrap_or_else(|| perform_as.to_owned())),
            created_by: Some(perform_as.to_owned()),
            followers,
            tags: new.tags,
            sources: new.sources,
            origin: new.origin,
            application: new.postings.first().map(|_| new_id()),
            posting: new.postings.into_iter().next(),
            archived_at: None,
            archive_reason: None,
            created_at,
            updated_at: now,
            resume,
            files: Vec::new(),
            notes: Vec::new(),
        });
        Ok(id)
    }

    /// Moves an opportunity to a stage, recording the change.
    pub fn set_stage(&mut self, opportunity: &str, stage: &str, by: Option<&str>, now: i64) -> Result<Id, LeverError> {
        let index =
            self.stage_index(stage).ok_or_else(|| LeverError::not_found(format!("stages {stage} was not found")))?;
        let opp = self
            .opportunities
            .iter_mut()
            .find(|o| o.id == opportunity)
            .ok_or_else(|| LeverError::not_found(format!("opportunities {opportunity} was not found")))?;
        let from = std::mem::replace(&mut opp.stage, stage.to_owned());
        opp.stage_changes.push(StageChange {
            to_stage_id: stage.to_owned(),
            to_stage_index: index,
            user_id: by.map(str::to_owned),
            updated_at: now,
        });
        opp.updated_at = now;
        Ok(from)
    }
}

/// The existing contact's data wins; lists gain what they lacked.
fn merge_into(contact: &mut Contact, new: &NewOpportunity) {
    let fill = |field: &mut String, value: &Option<String>| {
        if field.is_empty()
            && let Some(v) = value
        {
            field.clone_from(v);
        }
    };
    fill(&mut contact.name, &new.name);
    fill(&mut contact.headline, &new.headline);
    fill(&mut contact.location, &new.location);
    for email in &new.emails {
        if contact.emails.iter().all(|e| crate::model::canonical_email(e) != crate::model::canonical_email(email)) {
            contact.emails.push(email.trim().to_owned());
        }
    }
    for phone in &new.phones {
        if !contact.phones.iter().any(|p| p.value == phone.value) {
            contact.phones.push(phone.clone());
        }
    }
    for link in &new.links {
        if !contact.links.contains(link) {
            contact.links.push(link.clone());
        }
    }
}

fn dedup(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

pub fn new_id() -> Id {
    uuid::Uuid::new_v4().to_string()
}
