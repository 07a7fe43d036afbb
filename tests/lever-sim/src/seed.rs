//! Seeding: the demo account (users of every role, a pipeline, postings in every state, people
//! who are also on the fixture ProvenBase site) and the JSON shape tests seed their own with.

use serde::{Deserialize, Serialize};

use crate::model::{Account, Phone, Posting, Stage, User};
use crate::world::{NewOpportunity, OAuthApp, World};

/// The demo OAuth app's credentials; the backend's demo configuration uses the same.
pub const DEMO_CLIENT_ID: &str = "provenbase-bridge-demo";
pub const DEMO_CLIENT_SECRET: &str = "demo-client-secret-not-for-production";

pub const DEMO_ACCOUNT: &str = "acct-acme";
pub const OTHER_ACCOUNT: &str = "acct-globex";

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Seed {
    pub apps: Vec<OAuthApp>,
    pub accounts: Vec<SeedAccount>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SeedAccount {
    pub id: String,
    pub name: String,
    pub users: Vec<User>,
    pub stages: Vec<Stage>,
    pub postings: Vec<Posting>,
    #[serde(default)]
    pub candidates: Vec<SeedCandidate>,
    #[serde(default)]
    pub api_keys: Vec<String>,
}

/// An existing Lever candidate, written the way a person would describe them.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SeedCandidate {
    pub name: String,
    pub headline: String,
    pub location: String,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub links: Vec<String>,
    /// The stage's name, e.g. "Phone Interview".
    pub stage: Option<String>,
    /// The owner's username.
    pub owner: Option<String>,
    pub archived: bool,
    pub sources: Vec<String>,
    pub days_ago: i64,
}

impl Seed {
    /// The demo world. `redirect_uris` are the callbacks the demo app is registered with.
    pub fn demo(redirect_uris: Vec<String>) -> Self {
        Self {
            apps: vec![OAuthApp {
                name: "ProvenBase → Lever bridge".into(),
                client_id: DEMO_CLIENT_ID.into(),
                client_secret: DEMO_CLIENT_SECRET.into(),
                redirect_uris,
            }],
            accounts: vec![acme(), globex()],
        }
    }

    /// Replaces everything in `world` with this seed.
    pub fn apply(self, world: &mut World) -> Result<(), String> {
        let now = world.now_ms();
        let base = world.base_url.clone();
        *world = World::new(base);
        world.apps = self.apps;
        for seed in self.accounts {
            let mut account = Account {
                id: seed.id,
                name: seed.name,
                users: seed.users,
                stages: seed.stages,
                postings: seed.postings,
                api_keys: seed.api_keys,
                ..Account::default()
            };
            let creator = account
                .users
                .iter()
                .find(|u| u.access_role == "super admin" && u.deactivated_at.is_none())
                .map(|u| u.id.clone())
                .ok_or_else(|| format!("account {} has no active super admin", account.id))?;
            for c in seed.candidates {
                let stage = c
                    .stage
                    .as_deref()
                    .map(|name| {
                        account
                            .stages
                            .iter()
                            .find(|s| s.text == name)
                            .map(|s| s.id.clone())
                            .ok_or_else(|| format!("unknown stage {name}"))
                    })
                    .transpose()?;
                let owner = c
                    .owner
                    .as_deref()
                    .map(|name| {
                        account
                            .users
                            .iter()
                            .find(|u| u.username == name)
                            .map(|u| u.id.clone())
                            .ok_or_else(|| format!("unknown user {name}"))
                    })
                    .transpose()?;
                let at = now - c.days_ago * 86_400_000;
                let new = NewOpportunity {
                    name: Some(c.name),
                    headline: Some(c.headline),
                    location: Some(c.location),
                    emails: c.emails,
                    phones: c.phones.into_iter().map(|value| Phone { value, kind: Some("mobile".into()) }).collect(),
                    links: c.links,
                    stage,
                    owner,
                    sources: c.sources,
                    origin: Some("sourced".into()),
                    created_at: Some(at),
                    ..NewOpportunity::default()
                };
                let id = account.create_opportunity(&creator, new, now).map_err(|e| e.message)?;
                if let Some(opp) = account.opportunities.iter_mut().find(|o| o.id == id) {
                    opp.updated_at = at;
                    if c.archived {
                        opp.archived_at = Some(at);
                        opp.archive_reason = Some("archive-reason-hired-elsewhere".into());
                    }
                }
            }
            world.accounts.push(account);
        }
        Ok(())
    }
}

/// Deterministic UUID-shaped ids, so the demo's links stay the same from run to run.
fn sid(kind: u32, n: u64) -> String {
    format!("{kind:08x}-5eed-4000-8000-{n:012x}")
}

fn user(n: u64, name: &str, username: &str, role: &str, deactivated: bool) -> User {
    User {
        id: sid(0x05e7, n),
        name: name.into(),
        username: username.into(),
        email: format!("{username}@acme.example"),
        access_role: role.into(),
        created_at: 1_700_000_000_000,
        deactivated_at: deactivated.then_some(1_720_000_000_000),
        job_title: None,
    }
}

fn stages(prefix: u32) -> Vec<Stage> {
    [
        "New lead",
        "New applicant",
        "Reached Out",
        "Recruiter Screen",
        "Phone Interview",
        "On-Site Interview",
        "Background Check",
        "Offer",
    ]
    .iter()
    .zip(1..)
    .map(|(text, n)| Stage { id: sid(prefix, n), text: (*text).into() })
    .collect()
}

fn posting(n: u64, text: &str, state: &str, channels: &[&str], owner: &str) -> Posting {
    Posting {
        id: sid(0x9057, n),
        text: text.into(),
        state: state.into(),
        distribution_channels: channels.iter().map(|c| (*c).into()).collect(),
        team: "Engineering".into(),
        location: "Remote".into(),
        owner: owner.into(),
        created_at: 1_710_000_000_000,
        updated_at: 1_710_000_000_000,
    }
}

fn acme() -> SeedAccount {
    let users = vec![
        user(1, "Sam Super", "sam", "super admin", false),
        user(2, "Ada Admin", "ada", "admin", false),
        user(3, "Dana Recruiter", "dana", "team member", false),
        user(4, "Tom Team", "tom", "team member", false),
        user(5, "Lin Limited", "lin", "limited team member", false),
        user(6, "Ian Interviewer", "ian", "interviewer", false),
        user(7, "Dee Departed", "dee", "team member", true),
    ];
    let owner = users[0].id.clone();
    let candidate = |name: &str, headline: &str, stage: &str| SeedCandidate {
        name: name.into(),
        headline: headline.into(),
        stage: Some(stage.into()),
        owner: Some("sam".into()),
        sources: vec!["LinkedIn".into()],
        days_ago: 10,
        ..SeedCandidate::default()
    };
    let mut candidates = vec![
        // Also on the fixture ProvenBase site: one match per identity key.
        SeedCandidate {
            emails: vec!["Amelie.Dubois@example.com".into()],
            location: "Paris".into(),
            ..candidate("Amélie Dubois", "Datadog", "Phone Interview")
        },
        SeedCandidate {
            links: vec!["https://www.linkedin.com/in/wangxiaoming/".into()],
            ..candidate("Wang Xiaoming", "ByteDance", "Recruiter Screen")
        },
        SeedCandidate { phones: vec!["+353871234567".into()], ..candidate("Sean OConnor", "Intercom", "Reached Out") },
        SeedCandidate { emails: vec!["priya@stripe.example".into()], ..candidate("Priya Raman", "Stripe", "New lead") },
        SeedCandidate {
            emails: vec!["kwame.mensah@example.com".into()],
            archived: true,
            days_ago: 40,
            ..candidate("Kwame Mensah", "Andela", "Offer")
        },
    ];
    // People who are only in Lever, so lists are long enough to page through.
    for n in 0..120_i64 {
        candidates.push(SeedCandidate {
            emails: vec![format!("lever.only.{n}@example.com")],
            days_ago: n % 90,
            ..candidate(&format!("Lever Person {n}"), "Initech", "New lead")
        });
    }
    SeedAccount {
        id: DEMO_ACCOUNT.into(),
        name: "Acme Talent".into(),
        postings: vec![
            posting(1, "Senior Backend Engineer", "published", &["public", "internal"], &owner),
            posting(2, "Data Engineer", "published", &["internal"], &owner),
            posting(3, "Talent Partner", "internal", &["internal"], &owner),
            posting(4, "Head of Design", "closed", &["public"], &owner),
            posting(5, "Staff ML Engineer", "draft", &[], &owner),
        ],
        users,
        stages: stages(0x57a6),
        candidates,
        api_keys: vec![],
    }
}

fn globex() -> SeedAccount {
    let mut admin = user(101, "Gina Globex", "gina", "super admin", false);
    admin.email = "gina@globex.example".into();
    SeedAccount {
        id: OTHER_ACCOUNT.into(),
        name: "Globex Hiring".into(),
        postings: vec![posting(101, "Sales Engineer", "published", &["public"], &admin.id)],
        users: vec![admin],
        stages: stages(0x57a7),
        candidates: vec![],
        api_keys: vec![],
    }
}
