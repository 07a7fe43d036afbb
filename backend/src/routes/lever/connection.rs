//! The Lever connection as members see it, and disconnecting it (Super Admins).

use axum::{Json, extract::State};
use shared::api::{AuditAction, ConnectionState, ConnectionStatus};
use shared::endpoints::{Disconnect, GetConnection};

use crate::AppState;
use crate::auth::Caller;
use crate::lever::{self, tokens};
use crate::routes::{Reply, Routes};

pub fn routes(routes: Routes) -> Routes {
    routes.at::<GetConnection>().to(status).at::<Disconnect>().to(disconnect)
}

/// Asks Lever whether the connection still works (a revocation shows at once), then reports.
async fn status(State(state): State<AppState>, caller: Caller) -> Reply<GetConnection> {
    let org = caller.org();
    if let Some(conn) = state.store.connection(org).await?
        && conn.state == ConnectionState::Connected
    {
        let probe = tokens::get(&state, org, &format!("/users/{}", conn.connected_by.lever_user_id), &[]).await;
        if let Err(e) = probe
            && !matches!(e, lever::Error::Disconnected(_))
        {
            // Lever being slow or down is not a disconnection: say what we know.
            tracing::warn!(error = %e, "could not check the Lever connection");
        }
    }
    let conn = state.store.connection(org).await?;
    Ok(Json(match conn {
        Some(c) => ConnectionStatus {
            state: c.state,
            connected_as: Some(c.connected_by),
            connected_at: Some(c.connected_at),
            // Stored in English; said in the caller's language.
            reason: (c.state == ConnectionState::Disconnected)
                .then(|| c.reason.map(|why| lever::why_disconnected(&why).said()).unwrap_or_default()),
        },
        None => ConnectionStatus {
            state: ConnectionState::Disconnected,
            connected_as: None,
            connected_at: None,
            reason: Some(crate::text!("error-lever-not-connected-yet").said()),
        },
    }))
}

async fn disconnect(State(state): State<AppState>, caller: Caller) -> Reply<Disconnect> {
    let org = caller.org();
    let reason = lever::disconnected_by(&caller.member.person.name);
    if state.store.disconnect(org, &reason).await? {
        state
            .store
            .audit(
                org,
                Some(&caller.member.id),
                AuditAction::LeverDisconnected,
                serde_json::json!({"by": caller.member.person.name}),
            )
            .await?;
        state.lever.forget_lists(org);
    }
    status(State(state), caller).await
}
