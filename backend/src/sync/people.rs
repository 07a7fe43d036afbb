//! People follow Lever. At each sync, every member gets their current Lever role; someone
//! deactivated in (or removed from) Lever loses their sessions at once; and exports pause, with
//! what to change, when the integration Lever admin can no longer create candidates.

use serde::Deserialize;
use serde_json::json;
use shared::api::{AuditAction, Role};

use crate::AppState;
use crate::lever::Error as LeverError;
use crate::lever::tokens;
use crate::text::Text;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct LeverUser {
    id: String,
    name: String,
    access_role: Option<String>,
    deactivated_at: Option<i64>,
}

impl LeverUser {
    fn active_role(&self) -> Option<Role> {
        self.deactivated_at.is_none().then(|| self.access_role.as_deref().and_then(Role::from_lever)).flatten()
    }
}

/// Why exports can't run as this integration admin, if they can't.
fn admin_problem(admin: &str, users: &[LeverUser]) -> Option<Text> {
    Some(match users.iter().find(|u| u.id == admin) {
        None => crate::text!("reason-admin-gone"),
        Some(u) => match u.active_role() {
            Some(Role::SuperAdmin | Role::Admin | Role::TeamMember) => return None,
            Some(role) => {
                crate::text!("reason-admin-role", name = &u.name, role = Text::new(role.word(), Vec::new()))
            }
            None => crate::text!("reason-admin-deactivated", name = &u.name),
        },
    })
}

/// Applies Lever's users to the organisation's members and its integration admin.
pub async fn follow_lever(state: &AppState, org: &str) -> Result<(), LeverError> {
    let users: Vec<LeverUser> = tokens::list(state, org, "/users", &[("includeDeactivated", "true")]).await?;
    let mut changed = false;
    for member in state.store.members(org).await? {
        let user = users.iter().find(|u| u.id == member.person.lever_user_id);
        match user.and_then(LeverUser::active_role) {
            None => {
                changed = true;
                state.store.deactivate_member(&member.id).await?;
                tracing::info!(organisation = org, member = member.id, "member deactivated in Lever; sessions ended");
                state
                    .store
                    .audit(org, None, AuditAction::MemberDeactivated, json!({"whom": member.person.name}))
                    .await?;
            }
            Some(role) if role != member.role => {
                changed = true;
                state.store.set_member_role(&member.id, role).await?;
                state
                    .store
                    .audit(
                        org,
                        None,
                        AuditAction::MemberRoleChanged,
                        json!({"whom": member.person.name, "from": member.role, "to": role}),
                    )
                    .await?;
            }
            Some(_) => {}
        }
    }
    let admin = state.store.settings(org).await?.and_then(|s| s.integration_admin_id);
    let problem = admin.and_then(|a| admin_problem(&a, &users));
    // Stored as a message, said in each reader's language; the audit log keeps the English.
    if state.store.block_exports(org, problem.as_ref().map(Text::stored).as_deref()).await? {
        let action = if problem.is_some() { AuditAction::ExportsPaused } else { AuditAction::ExportsResumed };
        state.store.audit(org, None, action, json!({"reason": problem.as_ref().map(Text::english)})).await?;
        if problem.is_none() {
            state.export_kick.notify_one();
        }
    }
    if changed {
        // The users list for the options page's dropdowns is asked again.
        state.lever.forget_lists(org);
    }
    Ok(())
}
