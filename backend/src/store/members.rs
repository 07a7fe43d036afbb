//! Members: the people of an organisation who use the integration, with their Lever role, and
//! whether exports are blocked.

use super::*;

impl Store {
    /// Adds a Lever user to the organisation, or refreshes their name, email and role.
    pub async fn upsert_member(&self, org: &str, who: &Person, role: Role) -> Result<String> {
        let existing = query("SELECT id FROM members WHERE organisation_id = $1 AND lever_user_id = $2")
            .bind(org)
            .bind(&who.lever_user_id)
            .fetch_optional(&self.pool)
            .await?;
        if let Some(row) = existing {
            let id = text(&row, "id")?;
            query("UPDATE members SET name = $1, email = $2, role = $3, deactivated_at = NULL WHERE id = $4")
                .bind(&who.name)
                .bind(&who.email)
                .bind(role.as_lever())
                .bind(&id)
                .execute(&self.pool)
                .await?;
            return Ok(id);
        }
        let id = new_id();
        query(
            "INSERT INTO members (id, organisation_id, lever_user_id, name, email, role, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&id)
        .bind(org)
        .bind(&who.lever_user_id)
        .bind(&who.name)
        .bind(&who.email)
        .bind(role.as_lever())
        .bind(now_ms())
        .execute(&self.pool)
        .await?;
        Ok(id)
    }

    /// The organisation's active members.
    pub async fn members(&self, org: &str) -> Result<Vec<Member>> {
        let sql = format!(
            "SELECT {MEMBER_COLUMNS} FROM members m JOIN organisations o ON o.id = m.organisation_id \
             WHERE m.organisation_id = $1 AND m.deactivated_at IS NULL"
        );
        query(&sql).bind(org).fetch_all(&self.pool).await?.iter().map(member).collect()
    }

    /// Gives a member their new Lever role.
    pub async fn set_member_role(&self, id: &str, role: Role) -> Result<()> {
        query("UPDATE members SET role = $1 WHERE id = $2").bind(role.as_lever()).bind(id).execute(&self.pool).await?;
        Ok(())
    }

    /// Deactivates a member (gone from Lever or deactivated there) and ends their sessions.
    pub async fn deactivate_member(&self, id: &str) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        query("UPDATE members SET deactivated_at = $1 WHERE id = $2").bind(now_ms()).bind(id).execute(&mut *tx).await?;
        query("DELETE FROM sessions WHERE member_id = $1").bind(id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Pauses the organisation's exports with the reason (`None` lets them run again); true if
    /// that changed anything.
    pub async fn block_exports(&self, org: &str, reason: Option<&str>) -> Result<bool> {
        let done = query(
            "UPDATE settings SET exports_blocked = $1 WHERE organisation_id = $2 \
             AND COALESCE(exports_blocked, '') <> COALESCE($1, '')",
        )
        .bind(reason)
        .bind(org)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    pub async fn member(&self, id: &str) -> Result<Option<Member>> {
        let sql = format!(
            "SELECT {MEMBER_COLUMNS} FROM members m JOIN organisations o ON o.id = m.organisation_id WHERE m.id = $1"
        );
        query(&sql).bind(id).fetch_optional(&self.pool).await?.as_ref().map(member).transpose()
    }
}
