//! The test-control API under `/_sim`, separate from Lever's own paths: seed, inject faults,
//! revoke, change roles, move candidates (firing webhooks), move the clock, and read back
//! everything created, files included. It has no auth: the simulator is a loopback test tool.

use axum::{
    Json, Router,
    body::Bytes,
    extract::{Path, State},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
    routing::{delete, get, post},
};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::Sim;
use crate::seed::Seed;
use crate::world::{FaultPlan, LeverError, NewOpportunity, Webhook};

pub fn router() -> Router<Sim> {
    Router::new()
        .route("/reset", post(reset))
        .route("/faults", get(get_faults).post(set_faults))
        .route("/stats", get(stats))
        .route("/clock", post(advance_clock))
        .route("/deliveries", get(deliveries))
        .route("/accounts/{account}", get(account_summary))
        .route("/accounts/{account}/opportunities", get(opportunities).post(seed_opportunity))
        .route("/accounts/{account}/opportunities/bulk", post(seed_many))
        .route("/accounts/{account}/revoke", post(revoke))
        .route("/accounts/{account}/webhooks", post(add_webhook))
        .route("/files/{file}", get(file))
        .route("/users/{user}/role", post(set_role))
        .route("/users/{user}/deactivate", post(deactivate))
        .route("/users/{user}/reactivate", post(reactivate))
        .route("/opportunities/{id}/stage", post(move_stage))
        .route("/opportunities/{id}/archive", post(archive))
        .route("/opportunities/{id}", delete(remove))
}

async fn reset(State(sim): State<Sim>, body: Bytes) -> Result<Json<Value>, LeverError> {
    let seed = if body.is_empty() {
        let uris = sim.world().apps.iter().flat_map(|a| a.redirect_uris.clone()).collect();
        Seed::demo(uris)
    } else {
        serde_json::from_slice(&body).map_err(|e| LeverError::bad_request(format!("bad seed: {e}")))?
    };
    let mut world = sim.world();
    seed.apply(&mut world).map_err(LeverError::bad_request)?;
    Ok(Json(json!({"accounts": world.accounts.iter().map(|a| &a.id).collect::<Vec<_>>()})))
}

async fn get_faults(State(sim): State<Sim>) -> Json<FaultPlan> {
    Json(sim.world().faults.clone())
}

async fn set_faults(State(sim): State<Sim>, Json(plan): Json<FaultPlan>) -> Json<FaultPlan> {
    sim.world().faults = plan.clone();
    Json(plan)
}

async fn stats(State(sim): State<Sim>) -> Json<Value> {
    Json(json!(sim.world().stats))
}

async fn deliveries(State(sim): State<Sim>) -> Json<Value> {
    Json(json!(sim.world().deliveries))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Clock {
    advance_ms: i64,
}

async fn advance_clock(State(sim): State<Sim>, Json(clock): Json<Clock>) -> Json<Value> {
    let mut world = sim.world();
    world.clock_offset_ms += clock.advance_ms;
    Json(json!({"now": world.now_ms()}))
}

fn no_account(id: &str) -> LeverError {
    LeverError::not_found(format!("accounts {id} was not found"))
}

async fn account_summary(State(sim): State<Sim>, Path(id): Path<String>) -> Result<Json<Value>, LeverError> {
    let world = sim.world();
    let acct = world.account(&id).ok_or_else(|| no_account(&id))?;
    Ok(Json(json!({
        "id": acct.id, "name": acct.name, "users": acct.users, "stages": acct.stages,
        "postings": acct.postings, "opportunities": acct.opportunities.len(), "contacts": acct.contacts.len(),
    })))
}

/// Every opportunity of an account, with its contact's data, creator and files, for assertions.
async fn opportunities(State(sim): State<Sim>, Path(id): Path<String>) -> Result<Json<Value>, LeverError> {
    let world = sim.world();
    let web = world.web_url();
    let acct = world.account(&id).ok_or_else(|| no_account(&id))?;
    let all: Vec<Value> = acct
        .opportunities
        .iter()
        .map(|o| {
            let mut v = acct.opportunity_json(o, &[], &web);
            v["createdBy"] = json!(o.created_by);
            v["posting"] = json!(o.posting);
            v["resumeFile"] = json!(o.resume.as_ref().and_then(|f| acct.files.get(f)).map(|f| f.to_json(&web)));
            v["files"] =
                json!(o.files.iter().filter_map(|f| acct.files.get(f)).map(|f| f.to_json(&web)).collect::<Vec<_>>());
            v
        })
        .collect();
    Ok(Json(json!({"data": all})))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SeedOpportunity {
    perform_as: String,
    #[serde(flatten)]
    new: NewOpportunity,
}

async fn seed_opportunity(
    State(sim): State<Sim>,
    Path(id): Path<String>,
    Json(body): Json<SeedOpportunity>,
) -> Result<Json<Value>, LeverError> {
    let mut world = sim.world();
    let now = world.now_ms();
    let acct = world.account_mut(&id).ok_or_else(|| no_account(&id))?;
    let created = acct.create_opportunity(&body.perform_as, body.new, now)?;
    Ok(Json(json!({"id": created})))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Bulk {
    perform_as: String,
    /// Creates `Bench Candidate {i}` <bench.{i}@example.com> for i = start, start+every, …
    start: u64,
    count: u64,
    #[serde(default = "one")]
    every: u64,
}

fn one() -> u64 {
    1
}

/// Many synthetic candidates at once (benchmarks).
async fn seed_many(
    State(sim): State<Sim>,
    Path(id): Path<String>,
    Json(b): Json<Bulk>,
) -> Result<Json<Value>, LeverError> {
    let mut world = sim.world();
    let now = world.now_ms();
    let acct = world.account_mut(&id).ok_or_else(|| no_account(&id))?;
    for k in 0..b.count {
        let i = b.start + k * b.every.max(1);
        let new = NewOpportunity {
            name: Some(format!("Bench Candidate {i}")),
            headline: Some(format!("Company {}", i % 97)),
            emails: vec![format!("bench.{i}@example.com")],
            origin: Some("sourced".into()),
            ..NewOpportunity::default()
        };
        acct.create_opportunity(&b.perform_as, new, now)?;
    }
    Ok(Json(json!({"created": b.count})))
}

async fn revoke(State(sim): State<Sim>, Path(id): Path<String>) -> Result<Json<Value>, LeverError> {
    let mut world = sim.world();
    world.account(&id).ok_or_else(|| no_account(&id))?;
    let revoked = world.revoke(&id);
    Ok(Json(json!({"revoked": revoked})))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct NewWebhook {
    url: String,
    events: Vec<String>,
    signature_token: Option<String>,
}

async fn add_webhook(
    State(sim): State<Sim>,
    Path(id): Path<String>,
    Json(body): Json<NewWebhook>,
) -> Result<Json<Value>, LeverError> {
    let mut world = sim.world();
    world.account(&id).ok_or_else(|| no_account(&id))?;
    let token = body.signature_token.unwrap_or_else(|| crate::oauth::random_token(24));
    world.webhooks.push(Webhook { account: id, url: body.url, events: body.events, signature_token: token.clone() });
    Ok(Json(json!({"signatureToken": token})))
}

async fn file(State(sim): State<Sim>, Path(id): Path<String>) -> Response {
    let world = sim.world();
    match world.accounts.iter().find_map(|a| a.files.get(&id)) {
        Some(f) => ([(header::CONTENT_TYPE, f.content_type.clone())], f.bytes.clone()).into_response(),
        None => LeverError::not_found(format!("files {id} was not found")).into_response(),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Role {
    access_role: String,
}

fn with_user(
    sim: &Sim,
    id: &str,
    change: impl FnOnce(&mut crate::model::User, i64),
) -> Result<Json<Value>, LeverError> {
    let mut world = sim.world();
    let now = world.now_ms();
    let user = world
        .accounts
        .iter_mut()
        .find_map(|a| a.users.iter_mut().find(|u| u.id == id))
        .ok_or_else(|| LeverError::not_found(format!("users {id} was not found")))?;
    change(user, now);
    Ok(Json(user.to_json()))
}

async fn set_role(
    State(sim): State<Sim>,
    Path(id): Path<String>,
    Json(role): Json<Role>,
) -> Result<Json<Value>, LeverError> {
    if !crate::model::ACCESS_ROLES.contains(&role.access_role.as_str()) {
        return Err(LeverError::bad_request(format!("unknown accessRole {}", role.access_role)));
    }
    with_user(&sim, &id, |u, _| u.access_role = role.access_role)
}

async fn deactivate(State(sim): State<Sim>, Path(id): Path<String>) -> Result<Json<Value>, LeverError> {
    with_user(&sim, &id, |u, now| u.deactivated_at = Some(now))
}

async fn reactivate(State(sim): State<Sim>, Path(id): Path<String>) -> Result<Json<Value>, LeverError> {
    with_user(&sim, &id, |u, _| u.deactivated_at = None)
}

/// The account that holds an opportunity.
fn account_of(sim: &Sim, opportunity: &str) -> Result<String, LeverError> {
    sim.world()
        .accounts
        .iter()
        .find(|a| a.opportunity(opportunity).is_some())
        .map(|a| a.id.clone())
        .ok_or_else(|| LeverError::not_found(format!("opportunities {opportunity} was not found")))
}

#[derive(Deserialize)]
struct MoveTo {
    stage: String,
}

/// A recruiter moves a candidate in Lever's UI: the stage changes and webhooks fire.
async fn move_stage(
    State(sim): State<Sim>,
    Path(id): Path<String>,
    Json(to): Json<MoveTo>,
) -> Result<StatusCode, LeverError> {
    let account = account_of(&sim, &id)?;
    let from = {
        let mut world = sim.world();
        let now = world.now_ms();
        let acct = world.account_mut(&account).ok_or_else(|| no_account(&account))?;
        acct.set_stage(&id, &to.stage, None, now)?
    };
    crate::webhooks::stage_changed(&sim, &account, &id, &from, &to.stage);
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
struct Archive {
    archived: bool,
}

async fn archive(
    State(sim): State<Sim>,
    Path(id): Path<String>,
    Json(a): Json<Archive>,
) -> Result<StatusCode, LeverError> {
    let account = account_of(&sim, &id)?;
    {
        let mut world = sim.world();
        let now = world.now_ms();
        let acct = world.account_mut(&account).ok_or_else(|| no_account(&account))?;
        if let Some(opp) = acct.opportunities.iter_mut().find(|o| o.id == id) {
            opp.archived_at = a.archived.then_some(now);
            opp.archive_reason = a.archived.then(|| "archive-reason-hired-elsewhere".to_owned());
            opp.updated_at = now;
        }
    }
    crate::webhooks::archive_changed(&sim, &account, &id, a.archived);
    Ok(StatusCode::NO_CONTENT)
}

async fn remove(State(sim): State<Sim>, Path(id): Path<String>) -> Result<StatusCode, LeverError> {
    let account = account_of(&sim, &id)?;
    let contact = {
        let mut world = sim.world();
        let now = world.now_ms();
        let acct = world.account_mut(&account).ok_or_else(|| no_account(&account))?;
        let index = acct.opportunities.iter().position(|o| o.id == id).ok_or_else(|| LeverError::not_found("gone"))?;
        let opp = acct.opportunities.remove(index);
        acct.deleted.push(crate::model::DeletedOpportunity {
            id: opp.id.clone(),
            contact: opp.contact.clone(),
            deleted_at: now,
            deleted_by: None,
        });
        opp.contact
    };
    crate::webhooks::deleted(&sim, &account, &id, &contact);
    Ok(StatusCode::NO_CONTENT)
}
