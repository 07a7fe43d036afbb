//! Organisations and their Lever connection: who connected, the sealed tokens, and
//! disconnection (by a Super Admin, or when Lever refuses the refresh token).

use super::*;

impl Store {
    /// The organisation of a Lever account, created on first connect.
    pub async fn upsert_organisation(&self, lever_account_id: &str) -> Result<String> {
        if let Some(row) = query("SELECT id FROM organisations WHERE lever_account_id = $1")
            .bind(lever_account_id)
            .fetch_optional(&self.pool)
            .await?
        {
            return text(&row, "id");
        }
        let id = new_id();
        query("INSERT INTO organisations (id, lever_account_id, name, created_at) VALUES ($1, $2, $3, $4)")
            .bind(&id)
            .bind(lever_account_id)
            .bind(format!("Lever account {lever_account_id}"))
            .bind(now_ms())
            .execute(&self.pool)
            .await?;
        Ok(id)
    }

    /// Stores a new connection (replacing any earlier one) and creates default settings once.
    pub async fn save_connection(&self, org: &str, by: &Person, tokens: &SealedTokens, scopes: &str) -> Result<()> {
        let now = now_ms();
        let mut tx = self.pool.begin().await?;
        query("DELETE FROM lever_connections WHERE organisation_id = $1").bind(org).execute(&mut *tx).await?;
        query(
            "INSERT INTO lever_connections (organisation_id, state, connected_by, connected_by_name, connected_by_email, \
             access_token, refresh_token, access_expires_at, scopes, connected_at) \
             VALUES ($1, 'connected', $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(org)
        .bind(&by.lever_user_id)
        .bind(&by.name)
        .bind(&by.email)
        .bind(&tokens.access_token)
        .bind(tokens.refresh_token.as_deref())
        .bind(tokens.access_expires_at)
        .bind(scopes)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let has_settings = query("SELECT organisation_id FROM settings WHERE organisation_id = $1")
            .bind(org)
            .fetch_optional(&mut *tx)
            .await?
            .is_some();
        if !has_settings {
            query(
                "INSERT INTO settings (organisation_id, default_stage_id, auto_sync_enabled, auto_sync_days, \
                 auto_sync_answered, integration_admin_id, updated_at) VALUES ($1, NULL, 0, 30, 0, $2, $3)",
            )
            .bind(org)
            .bind(&by.lever_user_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn connection(&self, org: &str) -> Result<Option<Connection>> {
        let row = query("SELECT * FROM lever_connections WHERE organisation_id = $1")
            .bind(org)
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let state = match text(&row, "state")?.as_str() {
            "connected" => ConnectionState::Connected,
            _ => ConnectionState::Disconnected,
        };
        Ok(Some(Connection {
            state,
            connected_by: person(&row, "connected_by", "connected_by_name", "connected_by_email")?,
            access_token: opt_text(&row, "access_token")?,
            refresh_token: opt_text(&row, "refresh_token")?,
            access_expires_at: opt_int(&row, "access_expires_at")?,
            connected_at: int(&row, "connected_at")?,
            reason: opt_text(&row, "disconnect_reason")?,
        }))
    }

    pub async fn update_tokens(&self, org: &str, tokens: &SealedTokens) -> Result<()> {
        query(
            "UPDATE lever_connections SET access_token = $1, refresh_token = COALESCE($2, refresh_token), \
             access_expires_at = $3 WHERE organisation_id = $4 AND state = 'connected'",
        )
        .bind(&tokens.access_token)
        .bind(tokens.refresh_token.as_deref())
        .bind(tokens.access_expires_at)
        .bind(org)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Forgets the tokens; keeps who connected, the settings and the history. True if it was connected.
    pub async fn disconnect(&self, org: &str, reason: &str) -> Result<bool> {
        self.mark_disconnected(org, reason, None).await
    }

    /// [`Store::disconnect`], only while the stored refresh token is still `sealed_refresh` (the
    /// one Lever just refused): a token another replica rotated meanwhile is not a revocation.
    pub async fn disconnect_if_refresh_token(&self, org: &str, sealed_refresh: &str, reason: &str) -> Result<bool> {
        self.mark_disconnected(org, reason, Some(sealed_refresh)).await
    }

    async fn mark_disconnected(&self, org: &str, reason: &str, only_if_refresh: Option<&str>) -> Result<bool> {
        let mut sql = String::from(
            "UPDATE lever_connections SET state = 'disconnected', access_token = NULL, refresh_token = NULL, \
             access_expires_at = NULL, disconnected_at = $1, disconnect_reason = $2 \
             WHERE organisation_id = $3 AND state = 'connected'",
        );
        if only_if_refresh.is_some() {
            sql.push_str(" AND refresh_token = $4");
        }
        let mut update = query(&sql).bind(now_ms()).bind(reason).bind(org);
        if let Some(token) = only_if_refresh {
            update = update.bind(token);
        }
        Ok(update.execute(&self.pool).await?.rows_affected() > 0)
    }

    /// Replaces the sealed access token with the same token sealed again (key rotation), unless
    /// it changed meanwhile. True if replaced.
    pub async fn reseal_access_token(&self, org: &str, old: &str, new: &str) -> Result<bool> {
        let done =
            query("UPDATE lever_connections SET access_token = $1 WHERE organisation_id = $2 AND access_token = $3")
                .bind(new)
                .bind(org)
                .bind(old)
                .execute(&self.pool)
                .await?;
        Ok(done.rows_affected() > 0)
    }
}
