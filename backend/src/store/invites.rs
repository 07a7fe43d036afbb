//! Invites: one-time codes a Super Admin makes for a Lever user (stored as hashes).

use super::*;

impl Store {
    pub async fn create_invite(
        &self,
        org: &str,
        code_hash: &str,
        who: &Person,
        created_by: &str,
        expires_at: i64,
    ) -> Result<Invite> {
        let id = new_id();
        let now = now_ms();
        query(
            "INSERT INTO invites (id, organisation_id, code_hash, lever_user_id, name, email, created_by, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(&id)
        .bind(org)
        .bind(code_hash)
        .bind(&who.lever_user_id)
        .bind(&who.name)
        .bind(&who.email)
        .bind(created_by)
        .bind(now)
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(Invite { id, person: who.clone(), created_at: now, expires_at, state: InviteState::Open })
    }

    fn invite(row: &AnyRow) -> Result<Invite> {
        let expires_at = int(row, "expires_at")?;
        let state = if opt_int(row, "revoked_at")?.is_some() {
            InviteState::Revoked
        } else if opt_int(row, "redeemed_at")?.is_some() {
            InviteState::Redeemed
        } else if expires_at <= now_ms() {
            InviteState::Expired
        } else {
            InviteState::Open
        };
        Ok(Invite {
            id: text(row, "id")?,
            person: person(row, "lever_user_id", "name", "email")?,
            created_at: int(row, "created_at")?,
            expires_at,
            state,
        })
    }

    pub async fn invites(&self, org: &str) -> Result<Vec<Invite>> {
        let rows = query("SELECT * FROM invites WHERE organisation_id = $1 ORDER BY created_at DESC")
            .bind(org)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(Self::invite).collect()
    }

    pub async fn revoke_invite(&self, org: &str, id: &str) -> Result<bool> {
        let done = query(
            "UPDATE invites SET revoked_at = $1 WHERE id = $2 AND organisation_id = $3 \
             AND revoked_at IS NULL AND redeemed_at IS NULL",
        )
        .bind(now_ms())
        .bind(id)
        .bind(org)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// An open invite by its code: its organisation and the invite.
    pub async fn open_invite(&self, code_hash: &str) -> Result<Option<(String, Invite)>> {
        let row =
            query("SELECT * FROM invites WHERE code_hash = $1").bind(code_hash).fetch_optional(&self.pool).await?;
        let Some(row) = row else { return Ok(None) };
        let invite = Self::invite(&row)?;
        Ok((invite.state == InviteState::Open).then_some((text(&row, "organisation_id")?, invite)))
    }

    /// Marks an invite used; false if someone else used it first.
    pub async fn redeem_invite(&self, id: &str) -> Result<bool> {
        let done =
            query("UPDATE invites SET redeemed_at = $1 WHERE id = $2 AND redeemed_at IS NULL AND revoked_at IS NULL")
                .bind(now_ms())
                .bind(id)
                .execute(&self.pool)
                .await?;
        Ok(done.rows_affected() > 0)
    }
}
