//! HTTP routes. Each feature module owns its `router()`; `app()` in lib.rs merges them.
//! [`TABLE`] says who may call each one; the role test calls every route as every kind of caller
//! and checks the answer against it, and a unit test checks no route is missing from it.

pub mod adapters;
pub mod audit;
pub mod connect;
pub mod connection;
pub mod exports;
pub mod health;
pub mod lists;
pub mod members;
pub mod profiles;
pub mod settings;
pub mod watch;

use shared::api::Action;

/// Who may call a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// No session: health, the OAuth round trip (checked by its single-use state), redeeming an
    /// invite or a handoff (checked by the code), Lever's webhooks (checked by their signature).
    Public,
    /// Any signed-in member, whatever their role (signing out).
    Session,
    /// Signed-in members whose Lever role allows the action (`Role::may`).
    Role(Action),
}

/// Every route: method, path (as routed), who may call it.
pub const TABLE: &[(&str, &str, Access)] = &[
    ("GET", "/healthz", Access::Public),
    ("POST", "/api/v1/lever/connect", Access::Public),
    ("GET", "/api/v1/lever/callback", Access::Public),
    ("GET", shared::api::CONNECT_DONE_PATH, Access::Public),
    ("GET", "/api/v1/lever/connection", Access::Role(Action::Read)),
    ("DELETE", "/api/v1/lever/connection", Access::Role(Action::Configure)),
    ("GET", "/api/v1/settings", Access::Role(Action::Read)),
    ("PUT", "/api/v1/settings", Access::Role(Action::Configure)),
    ("GET", "/api/v1/lever/stages", Access::Role(Action::Read)),
    ("GET", "/api/v1/lever/postings", Access::Role(Action::Read)),
    ("GET", "/api/v1/lever/users", Access::Role(Action::Read)),
    ("GET", "/api/v1/me", Access::Role(Action::Read)),
    ("GET", "/api/v1/invites", Access::Role(Action::Configure)),
    ("POST", "/api/v1/invites", Access::Role(Action::Configure)),
    ("DELETE", "/api/v1/invites/{id}", Access::Role(Action::Configure)),
    ("POST", "/api/v1/invites/redeem", Access::Public),
    ("GET", "/api/v1/sessions", Access::Role(Action::Read)),
    ("POST", "/api/v1/sessions", Access::Public),
    ("DELETE", "/api/v1/sessions/{id}", Access::Role(Action::Read)),
    ("POST", "/api/v1/logout", Access::Session),
    ("POST", "/api/v1/check", Access::Role(Action::Export)),
    ("GET", "/api/v1/check/events", Access::Role(Action::Export)),
    ("GET", "/api/v1/sync", Access::Role(Action::Read)),
    ("POST", "/api/v1/sync", Access::Role(Action::Configure)),
    ("POST", "/api/v1/lever/webhooks/{organisation}", Access::Public),
    ("GET", "/api/v1/adapters", Access::Role(Action::Read)),
    ("PUT", "/api/v1/adapters", Access::Role(Action::Configure)),
    ("GET", "/api/v1/adapters/reports", Access::Role(Action::Configure)),
    ("POST", "/api/v1/adapters/reports", Access::Role(Action::Read)),
    ("GET", "/api/v1/exports", Access::Role(Action::Export)),
    ("POST", "/api/v1/exports", Access::Role(Action::Export)),
    ("GET", "/api/v1/exports/events", Access::Role(Action::Export)),
    ("GET", "/api/v1/exports/{id}", Access::Role(Action::Export)),
    ("POST", "/api/v1/exports/{id}/cancel", Access::Role(Action::Export)),
    ("POST", "/api/v1/exports/{id}/retry", Access::Role(Action::Export)),
    ("GET", "/api/v1/audit", Access::Role(Action::Configure)),
];

#[cfg(test)]
mod tests {
    use super::TABLE;

    /// Every route registered by the feature modules in this folder, as (method, path) pairs.
    fn routed() -> Vec<(String, String)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/routes");
        let mut found = Vec::new();
        for file in std::fs::read_dir(dir).expect("routes folder") {
            let path = file.expect("entry").path();
            if path.ends_with("mod.rs") {
                continue;
            }
            let source = std::fs::read_to_string(path).expect("source");
            for call in source.split(".route(").skip(1) {
                let (path, rest) = call.split_once(',').expect("a path and a handler");
                let path = match path.trim() {
                    "DONE_PATH" => shared::api::CONNECT_DONE_PATH.to_owned(),
                    quoted => quoted.trim_matches('"').to_owned(),
                };
                let handlers = rest.lines().next().unwrap_or_default().trim();
                for method in ["get", "post", "put", "delete"] {
                    if handlers.starts_with(&format!("{method}(")) || handlers.contains(&format!(".{method}(")) {
                        found.push((method.to_uppercase(), path.clone()));
                    }
                }
            }
        }
        found.sort();
        found
    }

    #[test]
    fn the_access_table_lists_every_route_once() {
        let mut table: Vec<(String, String)> =
            TABLE.iter().map(|(m, p, _)| ((*m).to_owned(), (*p).to_owned())).collect();
        table.sort();
        let mut unique = table.clone();
        unique.dedup();
        assert_eq!(unique.len(), table.len(), "a route is listed twice");
        assert_eq!(routed(), table);
    }
}
