//! A connect in flight: the OAuth `state` waiting for Lever's callback and the one-time handoff
//! code the done page gives the extension. Both single use and short-lived; stored as hashes.

use super::*;

impl Store {
    /// Remembers a connect attempt: its `state`, the hash of the starting browser's secret and
    /// the PKCE verifier for Lever's callback.
    pub async fn save_oauth_state(&self, state: &PendingConnect, expires_at: i64) -> Result<()> {
        query("DELETE FROM oauth_states WHERE expires_at < $1").bind(now_ms()).execute(&self.pool).await?;
        query("INSERT INTO oauth_states (state_hash, secret_hash, pkce_verifier, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(&state.state_hash)
            .bind(&state.secret_hash)
            .bind(&state.pkce_verifier)
            .bind(expires_at)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The attempt a `state` we issued belongs to, once and before it expires; `None` ever after.
    pub async fn take_oauth_state(&self, state_hash: &str) -> Result<Option<PendingConnect>> {
        let row =
            query("DELETE FROM oauth_states WHERE state_hash = $1 RETURNING secret_hash, pkce_verifier, expires_at")
                .bind(state_hash)
                .fetch_optional(&self.pool)
                .await?;
        match row {
            Some(row) if int(&row, "expires_at")? > now_ms() => Ok(Some(PendingConnect {
                state_hash: state_hash.to_owned(),
                secret_hash: opt_text(&row, "secret_hash")?.unwrap_or_default(),
                pkce_verifier: opt_text(&row, "pkce_verifier")?.unwrap_or_default(),
            })),
            _ => Ok(None),
        }
    }

    pub async fn save_handoff(
        &self,
        code_hash: &str,
        secret_hash: &str,
        member_id: &str,
        expires_at: i64,
    ) -> Result<()> {
        query("INSERT INTO handoffs (code_hash, secret_hash, member_id, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(code_hash)
            .bind(secret_hash)
            .bind(member_id)
            .bind(expires_at)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The member a handoff code was made for, once, and only with the secret of the browser
    /// that started the connect (a wrong secret leaves the code for its owner).
    pub async fn take_handoff(&self, code_hash: &str, secret_hash: &str) -> Result<Option<String>> {
        let row =
            query("DELETE FROM handoffs WHERE code_hash = $1 AND secret_hash = $2 RETURNING member_id, expires_at")
                .bind(code_hash)
                .bind(secret_hash)
                .fetch_optional(&self.pool)
                .await?;
        match row {
            Some(row) if int(&row, "expires_at")? > now_ms() => Ok(Some(text(&row, "member_id")?)),
            _ => Ok(None),
        }
    }
}
