//! Every backend route, called as every kind of caller, answers as `shared::endpoints::ROUTES`
//! and `Role::may` say: Super Admins configure; Super Admins, Admins, Team Members and Limited
//! Team Members export; Interviewers get nothing; nobody crosses organisations, and nobody but
//! a Super Admin reads someone else's export task.

use crate::common::spawn_app_editing;
use lever_sim::DEMO_ACCOUNT;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use shared::api::{Person, Role};
use shared::endpoints::{Access, ROUTES};

/// Someone calling the backend.
struct Who {
    label: &'static str,
    token: String,
    /// Their role in the organisation that owns the ids in the paths (`None`: no valid session,
    /// or a member of another organisation).
    role: Option<Role>,
    signed_in: bool,
    /// The export task in the paths is theirs (the session in the paths is nobody's here).
    owns_task: bool,
}

/// What a caller should get from a route.
#[derive(Debug, PartialEq, Eq)]
enum Expect {
    SignIn,
    Refused,
    NotFound,
    Served,
}

/// The one rule, from the access table and the role table.
fn expected(access: Access, path: &str, who: &Who) -> Expect {
    match access {
        Access::Public => Expect::Served,
        _ if !who.signed_in => Expect::SignIn,
        Access::Session => Expect::Served,
        Access::Role(action) => {
            let other_org = who.role.is_none();
            // A Super Admin of another organisation passes the role check and then finds nothing.
            let role = who.role.unwrap_or(Role::SuperAdmin);
            if !role.may(action) {
                Expect::Refused
            } else if path.contains("{id}") && (other_org || (!owns(path, who) && role != Role::SuperAdmin)) {
                Expect::NotFound
            } else {
                Expect::Served
            }
        }
    }
}

/// Whether the object a path names is the caller's own (only tasks and sessions have owners).
fn owns(path: &str, who: &Who) -> bool {
    if path.starts_with("/api/v1/exports/") { who.owns_task } else { !path.starts_with("/api/v1/sessions/") }
}

fn observed(status: StatusCode, body: &Value) -> Expect {
    match (status, body["code"].as_str()) {
        (StatusCode::UNAUTHORIZED, Some("unauthenticated")) => Expect::SignIn,
        (StatusCode::FORBIDDEN, Some("forbidden")) => Expect::Refused,
        (StatusCode::NOT_FOUND, Some("not_found")) => Expect::NotFound,
        _ => Expect::Served,
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_route_answers_every_caller_as_the_access_table_says() {
    // Every route by every caller, at once: budgets are tested elsewhere (api.rs).
    let app = spawn_app_editing(|c| c.rate_limit_anonymous_per_sec = 0).await;
    let sam = app.connect_as("Sam Super").await;
    let gina = app.connect_as("Gina Globex").await;
    let acme = app.org_of(DEMO_ACCOUNT);
    let store = &app.state.store;

    // Members with each Lever role, signed in as the extension would be after redeeming an invite.
    let sign_in = async |name: &str, role: Role| {
        let person = Person { lever_user_id: app.user_id(name), name: name.into(), email: format!("{name}@acme.test") };
        let member = store.upsert_member(&acme, &person, role).await.expect("member");
        backend::auth::start_session(&app.state, &member).await.expect("session")
    };
    let ada = sign_in("Ada Admin", Role::Admin).await;
    let tom = sign_in("Tom Team", Role::TeamMember).await;
    let lin = sign_in("Lin Limited", Role::LimitedTeamMember).await;
    let ian = sign_in("Ian Interviewer", Role::Interviewer).await;
    let dana = sign_in("Dana Recruiter", Role::TeamMember).await;
    let expired = {
        let token = backend::crypto::random_token("pbl_");
        let member = store.members(&acme).await.expect("members")[0].id.clone();
        store.create_session(&backend::crypto::hash(&token), &member, 1).await.expect("session");
        token
    };

    // The ids in the paths: Tom's export task, an open invite, Dana's session; all Acme's.
    let (status, task) = app
        .call(
            &tom,
            Method::POST,
            "/api/v1/exports",
            Some(json!({"name": "Tom's", "fields": ["name"], "candidates": [{"ref_id": "1", "name": "Ann Example"}]})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{task}");
    let (_, invite) = app
        .call(&sam, Method::POST, "/api/v1/invites", Some(json!({"lever_user_id": app.user_id("Dana Recruiter")})))
        .await;
    let (_, dana_sessions) = app.call(&dana, Method::GET, "/api/v1/sessions", None).await;
    let ids = [
        ("/api/v1/exports/{id}", task["id"].as_str().expect("task").to_owned()),
        ("/api/v1/invites/{id}", invite["invite"]["id"].as_str().expect("invite").to_owned()),
        ("/api/v1/sessions/{id}", dana_sessions[0]["id"].as_str().expect("session").to_owned()),
    ];

    let who =
        |label, token: &str, role, owns_task| Who { label, token: token.to_owned(), role, signed_in: true, owns_task };
    // The order matters only for routes that change things: outsiders and the refused first,
    // Acme's Super Admin last.
    let callers = [
        Who { label: "anonymous", token: String::new(), role: None, signed_in: false, owns_task: false },
        Who { label: "expired session", token: expired, role: None, signed_in: false, owns_task: false },
        who("Super Admin of another organisation", &gina, None, false),
        who("Interviewer", &ian, Some(Role::Interviewer), false),
        who("Limited Team Member", &lin, Some(Role::LimitedTeamMember), false),
        who("Admin", &ada, Some(Role::Admin), false),
        who("Team Member (the task's owner)", &tom, Some(Role::TeamMember), true),
        who("Super Admin", &sam, Some(Role::SuperAdmin), false),
    ];

    // Nobody crosses organisations on lists either: Globex sees none of Acme's tasks or people.
    let (_, globex_tasks) = app.call(&gina, Method::GET, "/api/v1/exports", None).await;
    assert_eq!(globex_tasks, json!([]));
    let (_, globex_sessions) = app.call(&gina, Method::GET, "/api/v1/sessions", None).await;
    assert!(globex_sessions.as_array().expect("list").iter().all(|s| s["person"]["name"] == "Gina Globex"));

    // Disconnecting and signing out go last, so every other route still has a connection and
    // sessions to work with.
    let order = |m: &str, p: &str| match (m, p) {
        ("DELETE", "/api/v1/lever/connection") => 1,
        (_, "/api/v1/logout") => 2,
        _ => 0,
    };
    let mut routes: Vec<_> = ROUTES.iter().map(|r| (r.method.as_str(), r.path, r.access)).collect();
    routes.sort_by_key(|(m, p, _)| order(m, p));
    let mut checked = 0;
    let mut wrong = Vec::new();
    for &(method, pattern, access) in &routes {
        let mut path = pattern.replace("{organisation}", &acme);
        for (prefix, id) in &ids {
            if pattern.starts_with(prefix) {
                path = path.replace("{id}", id);
            }
        }
        if pattern.ends_with("/events") {
            // A stream: the status and the first event are the answer.
            for caller in &callers {
                let mut req = app.http.get(format!("{}{path}", app.url));
                if !caller.token.is_empty() {
                    req = req.bearer_auth(&caller.token);
                }
                let res = req.send().await.expect("sent");
                let status = res.status();
                let body = if status.is_success() { Value::Null } else { res.json().await.unwrap_or(Value::Null) };
                let (want, got) = (expected(access, pattern, caller), observed(status, &body));
                if want != got {
                    wrong.push(format!(
                        "{method} {pattern} as {}: wanted {want:?}, got {got:?} ({status})",
                        caller.label
                    ));
                }
                checked += 1;
            }
            continue;
        }
        let body = match (method, pattern) {
            ("POST", "/api/v1/check") => Some(json!({"candidates": []})),
            ("POST", "/api/v1/exports") => Some(json!({"name": "x", "fields": ["name"], "candidates": []})),
            ("POST", "/api/v1/adapters/reports") => {
                Some(json!({"adapter": "x", "url": "https://app.provenbase.com/x"}))
            }
            ("PUT", _) | ("POST", _) => Some(json!({})),
            _ => None,
        };
        let mut public_answers = Vec::new();
        for caller in &callers {
            let method = Method::from_bytes(method.as_bytes()).expect("method");
            let (status, answer) = app.call(&caller.token, method.clone(), &path, body.clone()).await;
            let want = expected(access, pattern, caller);
            let got = match observed(status, &answer) {
                // Public routes make their own checks (a code, a signature); they never ask who calls.
                Expect::SignIn => Expect::SignIn,
                _ if access == Access::Public => {
                    public_answers.push(status);
                    Expect::Served
                }
                other => other,
            };
            if want != got {
                wrong.push(format!(
                    "{method} {pattern} as {}: wanted {want:?}, got {got:?} ({status} {answer})",
                    caller.label
                ));
            }
            if want == Expect::Served && method == Method::GET && access != Access::Public {
                assert!(status.is_success(), "{method} {pattern} as {}: {status} {answer}", caller.label);
            }
            checked += 1;
        }
        public_answers.dedup();
        assert!(public_answers.len() <= 1, "{method} {pattern} answers differently by caller: {public_answers:?}");
    }
    assert!(wrong.is_empty(), "{} of {checked} answers differ from the table:\n{}", wrong.len(), wrong.join("\n"));
    assert_eq!(checked, ROUTES.len() * callers.len());
}
