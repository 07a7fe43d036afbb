//! HTTP routes, one file per URL (`/api/v1/invites…` → `invites.rs`, `/api/v1/lever/…` →
//! `lever/`). Each file mounts its endpoints with [`Routes::at`]: the endpoint's type
//! (`shared::endpoints`) gives the method, the path and who may call it, and the guard in front
//! of the handler enforces that rule, so no route exists without one. Handlers that take a
//! [`Caller`] get the one the guard authenticated.

pub mod adapters;
pub mod audit;
pub mod check;
pub mod events;
pub mod exports;
pub mod health;
pub mod invites;
pub mod lever;
pub mod me;
pub mod metrics;
pub mod openapi;
pub mod sessions;
pub mod settings;
pub mod sync;

use std::marker::PhantomData;

use axum::{
    Json, Router,
    extract::{Request, State},
    handler::Handler,
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::{MethodFilter, on},
};
use shared::endpoints::{Access, Endpoint, Method};

use crate::AppState;
use crate::auth::Caller;
use crate::error::AppError;

/// A handler's answer for endpoint `E`: its reply type, as `shared` declares it.
pub type Reply<E> = Result<Json<<E as Endpoint>::Reply>, AppError>;

/// A JSON body whose rejection the handler turns into a clear [`AppError`].
pub type JsonBody<T> = Result<Json<T>, axum::extract::rejection::JsonRejection>;

/// Every route file, in mounting order.
const FILES: &[fn(Routes) -> Routes] = &[
    health::routes,
    lever::connect::routes,
    lever::connection::routes,
    lever::lists::routes,
    lever::webhooks::routes,
    me::routes,
    invites::routes,
    sessions::routes,
    settings::routes,
    check::routes,
    sync::routes,
    adapters::routes,
    exports::routes,
    events::routes,
    metrics::routes,
    openapi::routes,
    audit::routes,
];

/// The application's routes, each behind its endpoint's access rule.
pub fn router(state: &AppState) -> Router<AppState> {
    FILES.iter().fold(Routes { state: state.clone(), router: Router::new() }, |routes, file| file(routes)).router
}

/// Routes being mounted.
pub struct Routes {
    state: AppState,
    router: Router<AppState>,
}

/// [`Routes::at`]'s half-way point: the endpoint is chosen, its handler not yet.
pub struct At<E> {
    routes: Routes,
    endpoint: PhantomData<E>,
}

impl Routes {
    /// Mounts endpoint `E`; `.to(handler)` says who answers it.
    pub fn at<E: Endpoint>(self) -> At<E> {
        At { routes: self, endpoint: PhantomData }
    }
}

impl<E: Endpoint> At<E> {
    pub fn to<H, T>(self, handler: H) -> Routes
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        let Routes { state, router } = self.routes;
        let method = match E::METHOD {
            Method::Get => MethodFilter::GET,
            Method::Post => MethodFilter::POST,
            Method::Put => MethodFilter::PUT,
            Method::Delete => MethodFilter::DELETE,
        };
        let rule = Rule { access: E::ACCESS, route: E::ROUTE, method: E::METHOD };
        let guarded = on(method, handler).route_layer(middleware::from_fn_with_state((state.clone(), rule), guard));
        Routes { state, router: router.route(E::ROUTE, guarded) }
    }
}

/// What the guard in front of an endpoint knows of it.
#[derive(Debug, Clone, Copy)]
struct Rule {
    access: Access,
    route: &'static str,
    method: Method,
}

/// Lets the request through only as the endpoint's access rule allows, with the authenticated
/// [`Caller`] for the handler; counts the answer by route and status.
async fn guard(State((state, rule)): State<(AppState, Rule)>, request: Request, next: Next) -> Response {
    let response = admit(&state, rule.access, request, next).await;
    state.metrics.request(rule.route, rule.method.as_str(), response.status().as_u16());
    response
}

async fn admit(state: &AppState, access: Access, mut request: Request, next: Next) -> Response {
    if access != Access::Public {
        let caller = match Caller::authenticate(state, request.headers()).await {
            Ok(caller) => caller,
            Err(e) => return e.into_response(),
        };
        if let Access::Role(action) = access
            && let Err(e) = caller.require(action)
        {
            return e.into_response();
        }
        request.extensions_mut().insert(caller);
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use axum::http::{self, StatusCode};
    use shared::endpoints::ROUTES;
    use tower::ServiceExt as _;

    /// Every endpoint `shared` declares answers at its method and path (its own answer, not the
    /// fallback's 404 or a 405), and a signed-in one refuses a caller without a session.
    #[tokio::test]
    async fn every_endpoint_is_mounted_behind_its_rule() {
        let state = crate::AppState::for_tests().await;
        let app = crate::app(state);
        for route in ROUTES {
            let path = route.path.replace("{id}", "x").replace("{organisation}", "x");
            let request = http::Request::builder()
                .method(route.method.as_str())
                .uri(&path)
                .header(http::header::CONTENT_TYPE, "application/json")
                .body(Body::from("{}"))
                .expect("request");
            let response = app.clone().oneshot(request).await.expect("answered");
            let status = response.status();
            let body = axum::body::to_bytes(response.into_body(), 1 << 20).await.expect("body");
            let body = String::from_utf8_lossy(&body);
            assert_ne!(status, StatusCode::METHOD_NOT_ALLOWED, "{} {path}", route.method.as_str());
            assert!(!body.contains("no such route"), "{} {path} is not mounted", route.method.as_str());
            if route.access != shared::endpoints::Access::Public {
                assert_eq!(
                    status,
                    StatusCode::UNAUTHORIZED,
                    "{} {path} without a session: {body}",
                    route.method.as_str()
                );
            }
        }
    }
}
