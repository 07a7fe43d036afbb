//! Lever's REST API (`/v1/*`) as `docs/lever-api.md` describes it: the `{data}` envelope, opaque
//! `offset` tokens with `hasNext`, `{code, message}` errors, Bearer (OAuth) or Basic (API key)
//! auth, and a 10/s token bucket per account that answers 429 without `Retry-After`.
//!
//! Long because it plays every REST route we use, each a few lines, with the envelope, paging and limits they share.

use std::time::Duration;

use axum::{
    Extension, Json, Router,
    body::Bytes,
    extract::{FromRequest, Multipart, Path, RawQuery, Request, State},
    http::{HeaderMap, StatusCode, header},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::{get, post, put},
};
use base64::Engine as _;
use serde_json::{Value, json};

use crate::Sim;
use crate::model::StoredFile;
use crate::model::{Phone, canonical_email};
use crate::world::{Caller, LeverError, NewOpportunity, Upload, World, new_id};

/// Files larger than this are refused, as Lever does.
pub const MAX_FILE_BYTES: usize = 30 * 1024 * 1024;

impl IntoResponse for LeverError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, Json(json!({"code": self.code, "message": self.message}))).into_response()
    }
}

fn unauthorized() -> LeverError {
    LeverError { status: 401, code: "UnauthorizedError", message: "The request requires authentication.".into() }
}

fn forbidden(scope: &str) -> LeverError {
    LeverError { status: 403, code: "ForbiddenError", message: format!("This token does not have the {scope} scope.") }
}

pub fn router(sim: Sim) -> Router<Sim> {
    Router::new()
        .route("/users", get(list_users))
        .route("/users/{id}", get(get_user))
        .route("/stages", get(list_stages))
        .route("/stages/{id}", get(get_stage))
        .route("/postings", get(list_postings))
        .route("/postings/{id}", get(get_posting))
        .route("/opportunities", get(list_opportunities).post(create_opportunity))
        .route("/opportunities/deleted", get(list_deleted))
        .route("/opportunities/{id}", get(get_opportunity))
        .route("/opportunities/{id}/stage", put(put_stage))
        .route("/opportunities/{id}/files", post(add_file).get(list_files))
        .route("/opportunities/{id}/notes", post(add_note))
        .route("/opportunities/{id}/resumes", get(list_resumes))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_FILE_BYTES + 1024 * 1024))
        .layer(middleware::from_fn_with_state(sim, gate))
}

/// Everything Lever does before a handler runs: faults a test injected, authentication, the rate limit.
async fn gate(State(sim): State<Sim>, mut req: Request, next: Next) -> Response {
    let latency = {
        let mut world = sim.world();
        world.stats.api_requests += 1;
        world.faults.latency_ms
    };
    if latency > 0 {
        tokio::time::sleep(Duration::from_millis(latency)).await;
    }
    let caller = {
        let mut world = sim.world();
        if let Some(refusal) = injected_fault(&mut world) {
            return refusal.into_response();
        }
        let Some(caller) = authenticate(&world, req.headers()) else {
            world.stats.unauthorized += 1;
            return unauthorized().into_response();
        };
        if !world.take_rate_token(&caller.account) {
            world.stats.throttled += 1;
            return too_many_requests().into_response();
        }
        caller
    };
    req.extensions_mut().insert(caller);
    next.run(req).await
}

fn too_many_requests() -> LeverError {
    LeverError { status: 429, code: "TooManyRequests", message: "Rate limit exceeded".into() }
}

fn injected_fault(world: &mut World) -> Option<LeverError> {
    let faults = &mut world.faults;
    let fault = if faults.throttle_next > 0 {
        faults.throttle_next -= 1;
        Some(too_many_requests())
    } else if faults.fail_next > 0 && faults.fail_next_after > 0 {
        faults.fail_next_after -= 1;
        None
    } else if faults.fail_next > 0 {
        faults.fail_next -= 1;
        let status = faults.fail_status.unwrap_or(503);
        Some(LeverError { status, code: "ServiceUnavailable", message: "Lever is temporarily unavailable".into() })
    } else if faults.error_rate > 0.0 && rand::random::<f64>() < faults.error_rate {
        Some(LeverError { status: 500, code: "InternalServerError", message: "Something went wrong".into() })
    } else {
        None
    };
    if fault.is_some() {
        world.stats.faulted += 1;
    }
    fault
}

fn authenticate(world: &World, headers: &HeaderMap) -> Option<Caller> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    if let Some(token) = value.strip_prefix("Bearer ") {
        return crate::oauth::verify_access_token(world, token.trim());
    }
    let basic = value.strip_prefix("Basic ")?;
    let decoded = base64::engine::general_purpose::STANDARD.decode(basic.trim()).ok()?;
    let key = std::str::from_utf8(&decoded).ok()?.strip_suffix(':')?.to_owned();
    let account = world.accounts.iter().find(|a| a.api_keys.contains(&key))?;
    Some(Caller { account: account.id.clone(), scopes: None })
}

/// Query parameters, repeated ones kept (Lever unions them); `key[]` reads as `key`.
struct Params(Vec<(String, String)>);

impl Params {
    fn parse(raw: Option<String>) -> Self {
        let raw = raw.unwrap_or_default();
        Self(
            url::form_urlencoded::parse(raw.as_bytes())
                .map(|(k, v)| (k.trim_end_matches("[]").to_owned(), v.into_owned()))
                .collect(),
        )
    }

    fn all(&self, key: &str) -> Vec<&str> {
        self.0.iter().filter(|(k, _)| k == key).map(|(_, v)| v.as_str()).collect()
    }

    fn one(&self, key: &str) -> Option<&str> {
        self.all(key).into_iter().next()
    }

    fn ms(&self, key: &str) -> Result<Option<i64>, LeverError> {
        self.one(key)
            .map(|v| {
                v.parse().map_err(|_| LeverError::bad_request(format!("{key} must be a timestamp in milliseconds")))
            })
            .transpose()
    }

    fn flag(&self, key: &str) -> Result<Option<bool>, LeverError> {
        match self.one(key) {
            None => Ok(None),
            Some("true") => Ok(Some(true)),
            Some("false") => Ok(Some(false)),
            Some(other) => Err(LeverError::bad_request(format!("{key} must be true or false, not {other}"))),
        }
    }
}

fn need(caller: &Caller, scope: &str) -> Result<(), LeverError> {
    if caller.may(scope) { Ok(()) } else { Err(forbidden(scope)) }
}

fn account<'w>(world: &'w World, caller: &Caller) -> Result<&'w crate::model::Account, LeverError> {
    world.account(&caller.account).ok_or_else(unauthorized)
}

/// One page of a list: `limit` 1–100 (default 100), `offset` only as Lever handed it out.
fn page(world: &mut World, items: Vec<Value>, params: &Params) -> Result<Json<Value>, LeverError> {
    let (range, next) = window(world, items.len(), params)?;
    let data: Vec<Value> = items.get(range).map(<[Value]>::to_vec).unwrap_or_default();
    Ok(Json(paged(data, next)))
}

/// The body of one page: its items, and the token of the next when there is one.
fn paged(data: Vec<Value>, next: Option<String>) -> Value {
    let mut body = json!({"data": data, "hasNext": next.is_some()});
    if let Some(next) = next {
        body["next"] = json!(next);
    }
    body
}

/// Which of `total` items this request's page holds (`limit`, `offset`), and the next page's
/// token. Large lists are built only for the page asked (a full list per page made a 10,000
/// opportunity sync slower than Lever's rate bound in the simulator alone).
fn window(
    world: &mut World,
    total: usize,
    params: &Params,
) -> Result<(std::ops::Range<usize>, Option<String>), LeverError> {
    let limit = match params.one("limit") {
        None => 100,
        Some(v) => v
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=100).contains(n))
            .ok_or_else(|| LeverError::bad_request("limit must be between 1 and 100"))?,
    };
    let start = match params.one("offset") {
        None => 0,
        Some(token) => *world.offsets.get(token).ok_or_else(|| LeverError::bad_request("Invalid offset token"))?,
    };
    let end = (start + limit).min(total);
    let next = (end < total).then(|| world.offset_token(end));
    Ok((start.min(end)..end, next))
}

async fn list_users(
    State(sim): State<Sim>,
    Extension(caller): Extension<Caller>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, LeverError> {
    need(&caller, "users:read:admin")?;
    let params = Params::parse(q);
    let include_deactivated = params.flag("includeDeactivated")?.unwrap_or(false);
    let roles = params.all("accessRole");
    let email = params.one("email").map(canonical_email);
    let mut world = sim.world();
    let users: Vec<Value> = account(&world, &caller)?
        .users
        .iter()
        .filter(|u| include_deactivated || u.deactivated_at.is_none())
        .filter(|u| roles.is_empty() || roles.contains(&u.access_role.as_str()))
        .filter(|u| email.as_ref().is_none_or(|e| canonical_email(&u.email) == *e))
        .map(crate::model::User::to_json)
        .collect();
    page(&mut world, users, &params)
}

async fn get_user(
    State(sim): State<Sim>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Result<Json<Value>, LeverError> {
    need(&caller, "users:read:admin")?;
    let world = sim.world();
    let user = account(&world, &caller)?
        .user(&id)
        .ok_or_else(|| LeverError::not_found(format!("users {id} was not found")))?;
    Ok(Json(json!({"data": user.to_json()})))
}

async fn list_stages(State(sim): State<Sim>, Extension(caller): Extension<Caller>) -> Result<Json<Value>, LeverError> {
    need(&caller, "stages:read:admin")?;
    let world = sim.world();
    Ok(Json(json!({"data": account(&world, &caller)?.stages})))
}

async fn get_stage(
    State(sim): State<Sim>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Result<Json<Value>, LeverError> {
    need(&caller, "stages:read:admin")?;
    let world = sim.world();
    let stage = account(&world, &caller)?
        .stages
        .iter()
        .find(|s| s.id == id)
        .ok_or_else(|| LeverError::not_found(format!("stages {id} was not found")))?;
    Ok(Json(json!({"data": stage})))
}

async fn list_postings(
    State(sim): State<Sim>,
    Extension(caller): Extension<Caller>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, LeverError> {
    need(&caller, "postings:read:admin")?;
    let params = Params::parse(q);
    let states = params.all("state");
    let channels = params.all("distributionChannel");
    let mut world = sim.world();
    let web = world.web_url();
    let postings: Vec<Value> = account(&world, &caller)?
        .postings
        .iter()
        .filter(|p| states.is_empty() || states.contains(&p.state.as_str()))
        .filter(|p| {
            // The gotcha: asking for published postings without naming a channel returns
            // only those on the public job site.
            let wanted: &[&str] = if channels.is_empty() && p.state == "published" && !states.is_empty() {
                &["public"]
            } else {
                &channels
            };
            wanted.is_empty() || p.distribution_channels.iter().any(|c| wanted.contains(&c.as_str()))
        })
        .map(|p| p.to_json(&web))
        .collect();
    page(&mut world, postings, &params)
}

async fn get_posting(
    State(sim): State<Sim>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Result<Json<Value>, LeverError> {
    need(&caller, "postings:read:admin")?;
    let world = sim.world();
    let web = world.web_url();
    let posting = account(&world, &caller)?
        .postings
        .iter()
        .find(|p| p.id == id)
        .ok_or_else(|| LeverError::not_found(format!("postings {id} was not found")))?;
    Ok(Json(json!({"data": posting.to_json(&web)})))
}

async fn list_opportunities(
    State(sim): State<Sim>,
    Extension(caller): Extension<Caller>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, LeverError> {
    need(&caller, "opportunities:read:admin")?;
    let params = Params::parse(q);
    let emails: Vec<String> = params.all("email").into_iter().map(canonical_email).collect();
    let (sources, tags, contacts) = (params.all("source"), params.all("tag"), params.all("contact_id"));
    let (origins, stages, postings) = (params.all("origin"), params.all("stage_id"), params.all("posting_id"));
    let (updated_from, updated_to) = (params.ms("updated_at_start")?, params.ms("updated_at_end")?);
    let (created_from, created_to) = (params.ms("created_at_start")?, params.ms("created_at_end")?);
    let archived = params.flag("archived")?;
    let expand: Vec<String> = params.all("expand").into_iter().map(str::to_owned).collect();
    let within = |t: i64, from: Option<i64>, to: Option<i64>| from.is_none_or(|f| t >= f) && to.is_none_or(|e| t <= e);
    let mut world = sim.world();
    let web = world.web_url();
    let acct = account(&world, &caller)?;
    let found: Vec<usize> = acct
        .opportunities
        .iter()
        .enumerate()
        .filter(|(_, o)| {
            let contact = acct.contact(&o.contact);
            (emails.is_empty()
                || contact.is_some_and(|c| c.emails.iter().any(|e| emails.contains(&canonical_email(e)))))
                && (sources.is_empty() || o.sources.iter().any(|s| sources.contains(&s.as_str())))
                && (tags.is_empty() || o.tags.iter().any(|t| tags.contains(&t.as_str())))
                && (contacts.is_empty() || contacts.contains(&o.contact.as_str()))
                && (origins.is_empty() || o.origin.as_deref().is_some_and(|x| origins.contains(&x)))
                && (stages.is_empty() || stages.contains(&o.stage.as_str()))
                && (postings.is_empty() || o.posting.as_deref().is_some_and(|p| postings.contains(&p)))
                && archived.is_none_or(|a| a == o.archived_at.is_some())
                && within(o.updated_at, updated_from, updated_to)
                && within(o.created_at, created_from, created_to)
        })
        .map(|(i, _)| i)
        .collect();
    let (range, next) = window(&mut world, found.len(), &params)?;
    let acct = account(&world, &caller)?;
    let data = found[range]
        .iter()
        .map(|i| {
            // Lever's list items may leave `urls` out (the docs' list example has none): clients
            // must build the link from the id.
            let mut item = acct.opportunity_json(&acct.opportunities[*i], &expand, &web);
            if let Some(fields) = item.as_object_mut() {
                fields.remove("urls");
            }
            item
        })
        .collect();
    Ok(Json(paged(data, next)))
}

async fn list_deleted(
    State(sim): State<Sim>,
    Extension(caller): Extension<Caller>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, LeverError> {
    need(&caller, "opportunities:read:admin")?;
    let params = Params::parse(q);
    let (from, to) = (params.ms("deleted_at_start")?, params.ms("deleted_at_end")?);
    let mut world = sim.world();
    let deleted: Vec<Value> = account(&world, &caller)?
        .deleted
        .iter()
        .filter(|d| from.is_none_or(|f| d.deleted_at >= f) && to.is_none_or(|t| d.deleted_at <= t))
        .map(|d| json!({"id": d.id, "contact": d.contact, "deletedAt": d.deleted_at, "deletedBy": d.deleted_by}))
        .collect();
    page(&mut world, deleted, &params)
}

async fn get_opportunity(
    State(sim): State<Sim>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, LeverError> {
    need(&caller, "opportunities:read:admin")?;
    let params = Params::parse(q);
    let expand: Vec<String> = params.all("expand").into_iter().map(str::to_owned).collect();
    let world = sim.world();
    let acct = account(&world, &caller)?;
    let opp =
        acct.opportunity(&id).ok_or_else(|| LeverError::not_found(format!("opportunities {id} was not found")))?;
    Ok(Json(json!({"data": acct.opportunity_json(opp, &expand, &world.web_url())})))
}

/// `POST /opportunities?perform_as=…` with a JSON or a multipart body.
async fn create_opportunity(
    State(sim): State<Sim>,
    Extension(caller): Extension<Caller>,
    RawQuery(q): RawQuery,
    req: Request,
) -> Result<Response, LeverError> {
    need(&caller, "opportunities:write:admin")?;
    let params = Params::parse(q);
    let perform_as =
        params.one("perform_as").ok_or_else(|| LeverError::bad_request("perform_as is required"))?.to_owned();
    let new = read_new_opportunity(req).await?;
    let (created, hang) = {
        let mut world = sim.world();
        let now = world.now_ms();
        let web = world.web_url();
        let acct = world.account_mut(&caller.account).ok_or_else(unauthorized)?;
        let id = acct.create_opportunity(&perform_as, new, now)?;
        let opp = acct.opportunity(&id).ok_or_else(|| LeverError::not_found("vanished"))?;
        let created = acct.opportunity_json(opp, &[], &web);
        world.stats.opportunities_created += 1;
        let faults = &mut world.faults;
        let hang = (faults.timeout_after_create_next > 0).then(|| {
            faults.timeout_after_create_next -= 1;
            Duration::from_millis(faults.hang_ms.unwrap_or(30_000))
        });
        (created, hang)
    };
    if let Some(hang) = hang {
        // Created, but the answer never arrives in time: the ambiguous failure clients must survive.
        tokio::time::sleep(hang).await;
        return Err(LeverError { status: 504, code: "GatewayTimeout", message: "Timed out".into() });
    }
    Ok((StatusCode::CREATED, Json(json!({"data": created}))).into_response())
}

async fn read_new_opportunity(req: Request) -> Result<NewOpportunity, LeverError> {
    let content_type =
        req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    if content_type.starts_with("multipart/form-data") {
        let multipart = Multipart::from_request(req, &()).await.map_err(|e| LeverError::bad_request(e.body_text()))?;
        return read_multipart(multipart).await;
    }
    let body = Bytes::from_request(req, &()).await.map_err(|e| LeverError::bad_request(e.body_text()))?;
    if body.is_empty() {
        return Ok(NewOpportunity::default());
    }
    serde_json::from_slice(&body).map_err(|e| LeverError::bad_request(format!("Invalid JSON body: {e}")))
}

async fn read_multipart(mut form: Multipart) -> Result<NewOpportunity, LeverError> {
    let mut new = NewOpportunity::default();
    // `phones[N][value]` and `phones[N][type]`, by index (Lever documents phones as objects).
    let mut phones: std::collections::BTreeMap<usize, Phone> = std::collections::BTreeMap::new();
    let bad = |e: axum::extract::multipart::MultipartError| LeverError::bad_request(e.body_text());
    while let Some(field) = form.next_field().await.map_err(bad)? {
        let key = field.name().unwrap_or_default().to_owned();
        if key == "resumeFile" {
            let name = field.file_name().unwrap_or("resume").to_owned();
            let content_type = field.content_type().unwrap_or("application/octet-stream").to_owned();
            let bytes = field.bytes().await.map_err(bad)?.to_vec();
            if bytes.len() > MAX_FILE_BYTES {
                return Err(LeverError::bad_request("resumeFile is larger than 30 MB"));
            }
            new.resume = Some(Upload { name, content_type, bytes });
            continue;
        }
        let value = field.text().await.map_err(bad)?;
        let base = key.split('[').next().unwrap_or_default();
        match base {
            "name" => new.name = Some(value),
            "headline" => new.headline = Some(value),
            "stage" => new.stage = Some(value),
            "location" => new.location = Some(value),
            "origin" => new.origin = Some(value),
            "owner" => new.owner = Some(value),
            "contact" => new.contact = Some(value),
            "createdAt" => {
                new.created_at =
                    Some(value.parse().map_err(|_| LeverError::bad_request("createdAt must be milliseconds"))?);
            }
            "emails" => new.emails.push(value),
            "links" => new.links.push(value),
            "tags" => new.tags.push(value),
            "sources" => new.sources.push(value),
            "followers" => new.followers.push(value),
            "postings" => new.postings.push(value),
            "phones" => phone_part(&mut phones, &key, value)?,
            _ => {} // Lever tolerates fields it does not know.
        }
    }
    for (_, phone) in phones {
        if phone.value.trim().is_empty() {
            return Err(LeverError::bad_request("phones must be objects with a value: phones[0][value]"));
        }
        new.phones.push(phone);
    }
    Ok(new)
}

/// One multipart field of a phone object. A bare string (`phones`, `phones[]`, `phones[0]`) is
/// not a documented phone: refused the way Lever refuses a malformed parameter.
fn phone_part(
    phones: &mut std::collections::BTreeMap<usize, Phone>,
    key: &str,
    value: String,
) -> Result<(), LeverError> {
    let refuse = || LeverError::bad_request("phones must be objects with a value: phones[0][value]");
    let rest = key.strip_prefix("phones[").ok_or_else(refuse)?;
    let (index, field) = rest.split_once("][").ok_or_else(refuse)?;
    let index: usize = index.parse().map_err(|_| refuse())?;
    let phone = phones.entry(index).or_insert_with(|| Phone { value: String::new(), kind: None });
    match field {
        "value]" => phone.value = value,
        "type]" => phone.kind = Some(value),
        _ => return Err(refuse()),
    }
    Ok(())
}

#[derive(serde::Deserialize)]
struct StageBody {
    stage: String,
}

async fn put_stage(
    State(sim): State<Sim>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
    Json(body): Json<StageBody>,
) -> Result<Json<Value>, LeverError> {
    need(&caller, "opportunities:write:admin")?;
    let params = Params::parse(q);
    let from = {
        let mut world = sim.world();
        let now = world.now_ms();
        let acct = world.account_mut(&caller.account).ok_or_else(unauthorized)?;
        acct.set_stage(&id, &body.stage, params.one("perform_as"), now)?
    };
    crate::webhooks::stage_changed(&sim, &caller.account, &id, &from, &body.stage);
    Ok(Json(json!({"data": {}})))
}

#[derive(serde::Deserialize)]
struct NoteBody {
    value: Option<String>,
}

/// `POST /opportunities/:id/notes` (`perform_as` optional): 201 with the new note's id.
async fn add_note(
    State(sim): State<Sim>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
    body: Bytes,
) -> Result<Response, LeverError> {
    need(&caller, "notes:write:admin")?;
    let params = Params::parse(q);
    let body: NoteBody =
        serde_json::from_slice(&body).map_err(|e| LeverError::bad_request(format!("Invalid JSON body: {e}")))?;
    let value =
        body.value.filter(|v| !v.trim().is_empty()).ok_or_else(|| LeverError::bad_request("value is required"))?;
    let mut world = sim.world();
    let now = world.now_ms();
    let acct = world.account_mut(&caller.account).ok_or_else(unauthorized)?;
    let opp = acct
        .opportunities
        .iter_mut()
        .find(|o| o.id == id)
        .ok_or_else(|| LeverError::not_found(format!("opportunities {id} was not found")))?;
    let note =
        crate::model::Note { id: new_id(), value, user: params.one("perform_as").map(str::to_owned), created_at: now };
    let note_id = note.id.clone();
    opp.notes.push(note);
    Ok((StatusCode::CREATED, Json(json!({"data": {"noteId": note_id}}))).into_response())
}

async fn add_file(
    State(sim): State<Sim>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
    mut form: Multipart,
) -> Result<Response, LeverError> {
    need(&caller, "files:write:admin")?;
    let params = Params::parse(q);
    let perform_as = params.one("perform_as").ok_or_else(|| LeverError::bad_request("perform_as is required"))?;
    let mut upload = None;
    while let Some(field) = form.next_field().await.map_err(|e| LeverError::bad_request(e.body_text()))? {
        if field.name() == Some("file") {
            let name = field.file_name().unwrap_or("file").to_owned();
            let content_type = field.content_type().unwrap_or("application/octet-stream").to_owned();
            let bytes = field.bytes().await.map_err(|e| LeverError::bad_request(e.body_text()))?.to_vec();
            upload = Some(Upload { name, content_type, bytes });
        }
    }
    let upload = upload.ok_or_else(|| LeverError::bad_request("the multipart field file is required"))?;
    if upload.bytes.len() > MAX_FILE_BYTES {
        return Err(LeverError { status: 413, code: "RequestTooLarge", message: "Files may be at most 30 MB".into() });
    }
    let mut world = sim.world();
    let now = world.now_ms();
    let web = world.web_url();
    let acct = world.account_mut(&caller.account).ok_or_else(unauthorized)?;
    if acct.active_user(perform_as).is_none() {
        return Err(LeverError::bad_request(format!("perform_as user {perform_as} is not an active user")));
    }
    let opp = acct
        .opportunities
        .iter_mut()
        .find(|o| o.id == id)
        .ok_or_else(|| LeverError::not_found(format!("opportunities {id} was not found")))?;
    let file = StoredFile {
        id: new_id(),
        opportunity: id,
        name: upload.name,
        content_type: upload.content_type,
        bytes: upload.bytes,
        uploaded_at: now,
    };
    opp.files.push(file.id.clone());
    let json = file.to_json(&web);
    acct.files.insert(file.id.clone(), file);
    Ok((StatusCode::OK, Json(json!({"data": json}))).into_response())
}

async fn list_files(
    State(sim): State<Sim>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Result<Json<Value>, LeverError> {
    need(&caller, "files:read:admin")?;
    let world = sim.world();
    let web = world.web_url();
    let acct = account(&world, &caller)?;
    let opp =
        acct.opportunity(&id).ok_or_else(|| LeverError::not_found(format!("opportunities {id} was not found")))?;
    let files: Vec<Value> = opp.files.iter().filter_map(|f| acct.files.get(f)).map(|f| f.to_json(&web)).collect();
    Ok(Json(json!({"data": files})))
}

async fn list_resumes(
    State(sim): State<Sim>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Result<Json<Value>, LeverError> {
    need(&caller, "resumes:read:admin")?;
    let world = sim.world();
    let acct = account(&world, &caller)?;
    let opp =
        acct.opportunity(&id).ok_or_else(|| LeverError::not_found(format!("opportunities {id} was not found")))?;
    let resumes: Vec<Value> = opp
        .resume
        .iter()
        .filter_map(|f| acct.files.get(f))
        .map(|f| json!({"id": f.id, "createdAt": f.uploaded_at, "file": {"name": f.name, "ext": f.ext(), "size": f.bytes.len(), "uploadedAt": f.uploaded_at}}))
        .collect();
    Ok(Json(json!({"data": resumes})))
}
