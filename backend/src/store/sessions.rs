//! Sessions: a member's signed-in extension, stored as the token's hash.

use super::*;

impl Store {
    pub async fn create_session(&self, token_hash: &str, member_id: &str, expires_at: i64) -> Result<String> {
        let id = new_id();
        query("INSERT INTO sessions (id, token_hash, member_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(&id)
            .bind(token_hash)
            .bind(member_id)
            .bind(now_ms())
            .bind(expires_at)
            .execute(&self.pool)
            .await?;
        Ok(id)
    }

    /// The live session with this token hash, and its member.
    pub async fn session(&self, token_hash: &str) -> Result<Option<(String, Member)>> {
        let sql = format!(
            "SELECT s.id AS session_id, {MEMBER_COLUMNS} FROM sessions s \
             JOIN members m ON m.id = s.member_id JOIN organisations o ON o.id = m.organisation_id \
             WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND m.deactivated_at IS NULL"
        );
        let row = query(&sql).bind(token_hash).bind(now_ms()).fetch_optional(&self.pool).await?;
        row.map(|row| Ok((text(&row, "session_id")?, member(&row)?))).transpose()
    }

    /// Whether a session still stands (not revoked, not expired, its member active): long-lived
    /// streams ask before each event.
    pub async fn session_live(&self, id: &str) -> Result<bool> {
        let row = query(
            "SELECT s.id FROM sessions s JOIN members m ON m.id = s.member_id \
             WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND m.deactivated_at IS NULL",
        )
        .bind(id)
        .bind(now_ms())
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.is_some())
    }

    /// Live sessions of an organisation, or of one member.
    pub async fn sessions(&self, org: &str, only_member: Option<&str>) -> Result<Vec<(String, i64, i64, Member)>> {
        let sql = format!(
            "SELECT s.id AS session_id, s.created_at, s.expires_at, {MEMBER_COLUMNS} FROM sessions s \
             JOIN members m ON m.id = s.member_id JOIN organisations o ON o.id = m.organisation_id \
             WHERE m.organisation_id = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 \
             AND ($3 = '' OR m.id = $3) ORDER BY s.created_at"
        );
        let rows = query(&sql).bind(org).bind(now_ms()).bind(only_member.unwrap_or("")).fetch_all(&self.pool).await?;
        rows.iter()
            .map(|row| Ok((text(row, "session_id")?, int(row, "created_at")?, int(row, "expires_at")?, member(row)?)))
            .collect()
    }

    /// Revokes a session of `org` (and of `only_member`, when given). True if one was revoked.
    pub async fn revoke_session(&self, org: &str, id: &str, only_member: Option<&str>) -> Result<bool> {
        let done = query(
            "UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL \
             AND member_id IN (SELECT id FROM members WHERE organisation_id = $3 AND ($4 = '' OR id = $4))",
        )
        .bind(now_ms())
        .bind(id)
        .bind(org)
        .bind(only_member.unwrap_or(""))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }
}
