//! The backend's HTTP API as types: each call is a type implementing [`Endpoint`] (method, route,
//! who may call it, body, reply). The backend mounts its routes from these (`Routes::add`), the
//! extension's client returns exactly [`Endpoint::Reply`], and [`ROUTES`] (the role table) and the
//! OpenAPI document are generated from them, so the three can't disagree.
//!
//! Long because it is the API's one list: a few lines per endpoint, and the tests that keep it true.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::api::{
    self, AdapterConfig, AuditEntry, CheckRequest, CheckResponse, ConnectRequest, ConnectStart, ConnectionStatus,
    EmptyPageReport, EmptyPageSeen, ExportRequest, ExportTask, HandoffExchange, Health, Invite, InviteCreated,
    InviteRequest, LeverPosting, LeverStage, LeverUser, Me, SessionGrant, SessionInfo, Settings, SettingsUpdate,
    SyncStatus,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Delete => "DELETE",
        }
    }
}

/// Who may call an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// No session: health, the OAuth round trip (checked by its single-use state), redeeming an
    /// invite or a handoff (checked by the code), Lever's webhooks (checked by their signature).
    Public,
    /// Any signed-in member, whatever their role (signing out).
    Session,
    /// Signed-in members whose Lever role allows the action (`Role::may`).
    Role(api::Action),
}

/// One call of the backend's API.
pub trait Endpoint {
    const METHOD: Method;
    /// The route as the backend mounts it (`/api/v1/exports/{id}`).
    const ROUTE: &'static str;
    const ACCESS: Access;
    /// The JSON body sent (`()`: none).
    type Body: Serialize;
    /// The JSON body answered (`()`: nothing to read, e.g. a 204).
    type Reply: DeserializeOwned;

    /// The path to call, the route's parameters filled in.
    fn path(&self) -> String {
        Self::ROUTE.to_owned()
    }

    fn body(&self) -> Option<&Self::Body> {
        None
    }
}

/// Ids come from our own backend, but a path segment is still escaped rather than trusted.
fn path_segment(id: &str) -> String {
    id.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect()
}

/// `impl Endpoint`: `Name: METHOD "route", access, Body => Reply` and, after a comma, `body` (the
/// struct's one field is the body) or `id` (its `id` fills the route's `{id}`).
macro_rules! endpoint {
    ($name:ident: $method:ident $route:expr, $access:expr, $body:ty => $reply:ty $(, $how:ident)?) => {
        impl Endpoint for $name {
            const METHOD: Method = Method::$method;
            const ROUTE: &'static str = $route;
            const ACCESS: Access = $access;
            type Body = $body;
            type Reply = $reply;
            endpoint!(@ $($how)?);
        }
    };
    (@) => {};
    (@ body) => {
        fn body(&self) -> Option<&Self::Body> {
            Some(&self.0)
        }
    };
    (@ id) => {
        fn path(&self) -> String {
            Self::ROUTE.replace("{id}", &path_segment(&self.id))
        }
    };
}

use Access::{Public, Role, Session};
use api::Action::{Configure, Export, Read};

// Called by the worker only: they start or end sessions, or aren't JSON.

/// `GET /healthz`: the backend is up and its store answers.
pub struct GetHealth;
endpoint!(GetHealth: Get "/healthz", Public, () => Health);

/// Where to send a Super Admin for Lever's consent.
pub struct StartConnect(pub ConnectRequest);
endpoint!(StartConnect: Post "/api/v1/lever/connect", Public, ConnectRequest => ConnectStart, body);

/// Lever's redirect after consent (`?code&state`); answers a redirect to [`ConnectDone`].
pub struct ConnectCallback;
endpoint!(ConnectCallback: Get "/api/v1/lever/callback", Public, () => ());

/// The page Lever's tab ends on (`?outcome=…&handoff=…`), HTML.
pub struct ConnectDone;
endpoint!(ConnectDone: Get api::CONNECT_DONE_PATH, Public, () => ());

/// Trade a handoff code from the connect flow for a session.
pub struct CreateSession(pub HandoffExchange);
endpoint!(CreateSession: Post "/api/v1/sessions", Public, HandoffExchange => SessionGrant, body);

/// Join an organisation with an invite code.
pub struct JoinWithInvite(pub api::RedeemInvite);
endpoint!(JoinWithInvite: Post "/api/v1/invites/redeem", Public, api::RedeemInvite => SessionGrant, body);

/// End the caller's session (204).
pub struct Logout;
endpoint!(Logout: Post "/api/v1/logout", Session, () => ());

/// Lever's webhooks for an organisation, checked by their signature (204).
pub struct LeverWebhook;
endpoint!(LeverWebhook: Post "/api/v1/lever/webhooks/{organisation}", Public, Value => Value);

/// The extension's one live stream (server-sent events): `ready` and `tasks` (the caller's task
/// list, as [`ListExports`] answers) at once, then `changed` whenever badges may have changed and
/// `tasks` whenever the list does. Ends with its session.
pub struct LiveEvents;
endpoint!(LiveEvents: Get "/api/v1/events", Role(Export), () => ());

/// Prometheus' scrape (text), with the operator's metrics token.
pub struct GetMetrics;
endpoint!(GetMetrics: Get "/metrics", Public, () => ());

/// This API as an OpenAPI 3.1 document, generated from these types.
pub struct GetOpenApi;
endpoint!(GetOpenApi: Get "/api/v1/openapi.json", Public, () => Value);

// Called by the extension's pages and content scripts, through the worker (`BackendCall`).

/// Who this session belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GetMe;
endpoint!(GetMe: Get "/api/v1/me", Role(Read), () => Me);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GetConnection;
endpoint!(GetConnection: Get "/api/v1/lever/connection", Role(Read), () => ConnectionStatus);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Disconnect;
endpoint!(Disconnect: Delete "/api/v1/lever/connection", Role(Configure), () => ConnectionStatus);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GetSettings;
endpoint!(GetSettings: Get "/api/v1/settings", Role(Read), () => Settings);

/// Only the fields given change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SaveSettings(pub SettingsUpdate);
endpoint!(SaveSettings: Put "/api/v1/settings", Role(Configure), SettingsUpdate => Settings, body);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListStages;
endpoint!(ListStages: Get "/api/v1/lever/stages", Role(Read), () => Vec<LeverStage>);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListPostings;
endpoint!(ListPostings: Get "/api/v1/lever/postings", Role(Read), () => Vec<LeverPosting>);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListUsers;
endpoint!(ListUsers: Get "/api/v1/lever/users", Role(Read), () => Vec<LeverUser>);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListInvites;
endpoint!(ListInvites: Get "/api/v1/invites", Role(Configure), () => Vec<Invite>);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreateInvite(pub InviteRequest);
endpoint!(CreateInvite: Post "/api/v1/invites", Role(Configure), InviteRequest => InviteCreated, body);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RevokeInvite {
    pub id: String,
}
endpoint!(RevokeInvite: Delete "/api/v1/invites/{id}", Role(Configure), () => (), id);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListSessions;
endpoint!(ListSessions: Get "/api/v1/sessions", Role(Read), () => Vec<SessionInfo>);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RevokeSession {
    pub id: String,
}
endpoint!(RevokeSession: Delete "/api/v1/sessions/{id}", Role(Read), () => (), id);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GetSync;
endpoint!(GetSync: Get "/api/v1/sync", Role(Read), () => SyncStatus);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SyncNow;
endpoint!(SyncNow: Post "/api/v1/sync", Role(Configure), () => SyncStatus);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Check(pub CheckRequest);
endpoint!(Check: Post "/api/v1/check", Role(Export), CheckRequest => CheckResponse, body);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GetAdapters;
endpoint!(GetAdapters: Get "/api/v1/adapters", Role(Read), () => AdapterConfig);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SaveAdapters(pub AdapterConfig);
endpoint!(SaveAdapters: Put "/api/v1/adapters", Role(Configure), AdapterConfig => AdapterConfig, body);

/// A page that should list candidates showed none (204).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportEmptyPage(pub EmptyPageReport);
endpoint!(ReportEmptyPage: Post "/api/v1/adapters/reports", Role(Read), EmptyPageReport => (), body);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListAdapterReports;
endpoint!(ListAdapterReports: Get "/api/v1/adapters/reports", Role(Configure), () => Vec<EmptyPageSeen>);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreateExport(pub ExportRequest);
endpoint!(CreateExport: Post "/api/v1/exports", Role(Export), ExportRequest => api::ExportCreated, body);

/// The caller's tasks (everyone's for Super Admins), newest first, without their items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListExports;
endpoint!(ListExports: Get "/api/v1/exports", Role(Export), () => Vec<ExportTask>);

/// One task with every candidate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GetExport {
    pub id: String,
}
endpoint!(GetExport: Get "/api/v1/exports/{id}", Role(Export), () => ExportTask, id);

/// Cancel a task's queued candidates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CancelExport {
    pub id: String,
}
endpoint!(CancelExport: Post "/api/v1/exports/{id}/cancel", Role(Export), () => ExportTask, id);

/// Queue a task's failed candidates again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RetryExport {
    pub id: String,
}
endpoint!(RetryExport: Post "/api/v1/exports/{id}/retry", Role(Export), () => ExportTask, id);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListAudit;
endpoint!(ListAudit: Get "/api/v1/audit", Role(Configure), () => Vec<AuditEntry>);

/// One route of the API: what [`Endpoint`] says of it, without the types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    /// The endpoint's type name (the OpenAPI `operationId`).
    pub name: &'static str,
    pub method: Method,
    pub path: &'static str,
    pub access: Access,
}

macro_rules! routes {
    ($($name:ident),* $(,)?) => {
        /// Every route of the API, and who may call it.
        pub const ROUTES: &[Route] = &[$(Route {
            name: stringify!($name),
            method: <$name as Endpoint>::METHOD,
            path: <$name as Endpoint>::ROUTE,
            access: <$name as Endpoint>::ACCESS,
        }),*];

        /// Every route with the JSON Schemas of its body and its reply (`None`: `()`, no JSON),
        /// for the backend's OpenAPI document; shared schemas land in `generator`'s definitions.
        #[cfg(feature = "schema")]
        pub fn schemas(generator: &mut schemars::SchemaGenerator) -> Vec<(Route, Option<schemars::Schema>, Option<schemars::Schema>)> {
            ROUTES
                .iter()
                .copied()
                .zip([$((
                    json_schema::<<$name as Endpoint>::Body>(generator),
                    json_schema::<<$name as Endpoint>::Reply>(generator),
                )),*])
                .map(|(route, (body, reply))| (route, body, reply))
                .collect()
        }
    };
}

/// `T`'s schema, or none for `()` (no JSON body).
#[cfg(feature = "schema")]
fn json_schema<T: schemars::JsonSchema + 'static>(
    generator: &mut schemars::SchemaGenerator,
) -> Option<schemars::Schema> {
    (std::any::TypeId::of::<T>() != std::any::TypeId::of::<()>()).then(|| generator.subschema_for::<T>())
}

macro_rules! backend_calls {
    ($($name:ident),* $(,)?) => {
        /// The calls the extension's pages and content scripts may ask the worker to make with its
        /// session (never one that starts or ends a session: those are the worker's own).
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(tag = "call", content = "with", rename_all = "snake_case")]
        pub enum BackendCall {
            $($name($name)),*
        }

        impl BackendCall {
            /// The HTTP method, path and JSON body of this call.
            pub fn route(&self) -> (Method, String, Option<Value>) {
                match self {
                    $(Self::$name(e) => parts(e)),*
                }
            }
        }

        $(impl From<$name> for BackendCall {
            fn from(e: $name) -> Self {
                Self::$name(e)
            }
        })*
    };
}

fn parts<E: Endpoint>(e: &E) -> (Method, String, Option<Value>) {
    (E::METHOD, e.path(), e.body().map(|b| serde_json::to_value(b).unwrap_or(Value::Null)))
}

/// Every endpoint, once: those only the worker calls (sessions start or end there, or the answer
/// isn't JSON for a page), then those pages and content scripts may ask the worker to call.
macro_rules! api {
    (worker: [$($worker:ident),* $(,)?], pages: [$($page:ident),* $(,)?] $(,)?) => {
        routes![$($worker,)* $($page),*];
        backend_calls![$($page),*];
    };
}

api! {
    worker: [
        GetHealth,
        StartConnect,
        ConnectCallback,
        ConnectDone,
        CreateSession,
        JoinWithInvite,
        Logout,
        LeverWebhook,
        LiveEvents,
        GetMetrics,
        GetOpenApi,
    ],
    pages: [
        GetMe,
        GetConnection,
        Disconnect,
        GetSettings,
        SaveSettings,
        ListStages,
        ListPostings,
        ListUsers,
        ListInvites,
        CreateInvite,
        RevokeInvite,
        ListSessions,
        RevokeSession,
        GetSync,
        SyncNow,
        Check,
        GetAdapters,
        SaveAdapters,
        ReportEmptyPage,
        ListAdapterReports,
        CreateExport,
        ListExports,
        GetExport,
        CancelExport,
        RetryExport,
        ListAudit,
    ],
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backend_calls_know_their_route() {
        let save = BackendCall::from(SaveSettings(SettingsUpdate {
            default_stage_id: Some("s1".into()),
            ..Default::default()
        }));
        let (method, path, body) = save.route();
        assert_eq!((method, path.as_str()), (Method::Put, "/api/v1/settings"));
        assert_eq!(body.expect("a body")["default_stage_id"], "s1");
        let (method, path, body) = BackendCall::from(CancelExport { id: "t-1".into() }).route();
        assert_eq!((method, path.as_str(), body), (Method::Post, "/api/v1/exports/t-1/cancel", None));
        let (_, path, _) = BackendCall::from(RevokeInvite { id: "../../admin?x=1".into() }).route();
        assert_eq!(path, "/api/v1/invites/adminx1", "no slashes, dots or query survive");
    }

    #[test]
    fn every_route_is_listed_once() {
        let mut seen: Vec<(&str, &str)> = ROUTES.iter().map(|r| (r.method.as_str(), r.path)).collect();
        seen.sort_unstable();
        let before = seen.len();
        seen.dedup();
        assert_eq!(seen.len(), before, "a method and path are listed twice");
        assert!(ROUTES.iter().all(|r| r.path.starts_with('/')));
    }

    /// Every `.rs` file under the extension's, the backend's and `shared`'s sources.
    fn sources() -> Vec<(std::path::PathBuf, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut dirs: Vec<_> = ["extension/src", "backend/src", "shared/src"].iter().map(|d| root.join(d)).collect();
        let mut files = Vec::new();
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("a source folder") {
                let path = entry.expect("an entry").path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).expect("source");
                    files.push((path, text));
                }
            }
        }
        files
    }

    /// Error codes and audit actions are enums: their wire spellings appear only where the enums
    /// are declared (`api.rs`), never in a comparison elsewhere.
    #[test]
    fn codes_and_actions_are_never_compared_as_strings() {
        let spelled = |v: Value| format!("\"{}\"", v.as_str().expect("a string"));
        let codes = [
            api::ErrorCode::Unauthenticated,
            api::ErrorCode::Forbidden,
            api::ErrorCode::NotFound,
            api::ErrorCode::BadRequest,
            api::ErrorCode::RateLimited,
            api::ErrorCode::LeverDisconnected,
            api::ErrorCode::NotConfigured,
        ];
        let mut words: Vec<String> = codes.iter().map(|c| spelled(serde_json::to_value(c).expect("json"))).collect();
        words.extend(api::AuditAction::ALL.iter().map(|a| format!("\"{}\"", a.as_str())));
        let shapes = ["code == \"", "code != \"", ".code.as_str()", "action == \"", ".action.as_str() {"];
        let mut found = Vec::new();
        for (path, text) in sources() {
            let declared = ["api.rs", "endpoints.rs"].iter().any(|f| path.ends_with(f));
            if declared && path.parent().is_some_and(|p| p.ends_with("shared/src")) {
                continue;
            }
            for (n, line) in text.lines().enumerate() {
                if words.iter().any(|w| line.contains(w.as_str())) || shapes.iter().any(|s| line.contains(s)) {
                    found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
                }
            }
        }
        assert!(found.is_empty(), "codes or actions as strings:\n{}", found.join("\n"));
    }

    /// Bodies and replies have schemas; `()` (no JSON) has none.
    #[cfg(feature = "schema")]
    #[test]
    fn each_route_has_the_schemas_of_its_json_body_and_reply() {
        let mut generator = schemars::SchemaGenerator::default();
        let all = schemas(&mut generator);
        assert_eq!(all.len(), ROUTES.len());
        let of = |name: &str| {
            let (_, body, reply) = all.iter().find(|(r, _, _)| r.name == name).expect("a route");
            (body.is_some(), reply.is_some())
        };
        assert_eq!(of("CreateExport"), (true, true));
        assert_eq!(of("GetMe"), (false, true));
        assert_eq!(of("Logout"), (false, false));
        assert!(generator.definitions().contains_key("ExportRequest"));
    }

    #[test]
    fn calls_travel_as_tagged_json() {
        let json = serde_json::to_value(BackendCall::from(Disconnect)).expect("json");
        assert_eq!(json["call"], "disconnect");
        let json = serde_json::to_value(BackendCall::from(GetExport { id: "t".into() })).expect("json");
        assert_eq!((json["call"].as_str(), json["with"]["id"].as_str()), (Some("get_export"), Some("t")));
        assert_eq!(serde_json::from_value::<BackendCall>(json).expect("reads"), GetExport { id: "t".into() }.into());
    }
}
