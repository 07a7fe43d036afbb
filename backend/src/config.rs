//! Configuration, from the environment (or flags): every setting has a doc comment, a default
//! where one is safe, and secrets wrapped in [`Secret`] so they never print.

use std::fmt;
use std::net::SocketAddr;

use clap::{Parser, ValueEnum};

use crate::lever::LeverEndpoints;

/// A value that must never reach a log line or an error message.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl std::str::FromStr for Secret {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Self(s.to_owned()))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LeverEnvironment {
    /// auth.lever.co and api.lever.co.
    Production,
    /// sandbox-lever.auth0.com and api.sandbox.lever.co.
    Sandbox,
    /// Explicit URLs (`LEVER_BASE_URL`), e.g. the Lever simulator.
    Custom,
}

#[derive(Debug, Clone, Parser)]
#[command(name = "backend", about = "The ProvenBase → Lever bridge server")]
pub struct Config {
    /// A file of `KEY=VALUE` lines (the variables below) read before the environment; variables
    /// already set in the environment win.
    #[arg(long = "config", env = "PBL_CONFIG_FILE")]
    pub config_file: Option<std::path::PathBuf>,

    /// Address to listen on.
    #[arg(long, env = "PBL_BIND", default_value = "127.0.0.1:7300")]
    pub bind: SocketAddr,

    /// This server's public URL; the Lever OAuth callback is `<url>/api/v1/lever/callback`.
    #[arg(long, env = "PBL_PUBLIC_URL", default_value = "http://127.0.0.1:7300")]
    pub public_url: url::Url,

    /// The store: a SQLite file (default) or a PostgreSQL URL.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://provenbase-lever.db?mode=rwc")]
    pub database_url: String,

    /// Which Lever to talk to.
    #[arg(long, env = "LEVER_ENV", value_enum, default_value = "production")]
    pub lever_env: LeverEnvironment,

    /// With `LEVER_ENV=custom`: the base URL serving `/authorize`, `/oauth/token` and `/v1`.
    #[arg(long, env = "LEVER_BASE_URL")]
    pub lever_base_url: Option<url::Url>,

    /// The OAuth client id Lever issued for this integration.
    #[arg(long, env = "LEVER_CLIENT_ID")]
    pub lever_client_id: String,

    /// The OAuth client secret Lever issued. Never logged, never sent to the extension.
    #[arg(long, env = "LEVER_CLIENT_SECRET", hide_env_values = true)]
    pub lever_client_secret: Secret,

    /// 32 bytes, base64: the key Lever tokens are encrypted with at rest (AES-256-GCM).
    #[arg(long, env = "PBL_ENCRYPTION_KEY", hide_env_values = true)]
    pub encryption_key: Secret,

    /// Keys used before `PBL_ENCRYPTION_KEY`, comma-separated, newest first: tokens they sealed
    /// still open and are sealed again with the current key when next used. To rotate, make the
    /// old key the first previous key and set a new current key; drop it once every
    /// organisation has been used (or after a day: tokens refresh hourly).
    #[arg(long, env = "PBL_PREVIOUS_ENCRYPTION_KEYS", value_delimiter = ',', hide_env_values = true)]
    pub previous_encryption_keys: Vec<Secret>,

    /// The Lever account ids allowed to connect, comma-separated; empty allows any account whose
    /// Super Admin consents (fine for a backend run for one organisation behind its own URL).
    #[arg(long, env = "PBL_LEVER_ACCOUNTS", value_delimiter = ',')]
    pub lever_accounts: Vec<String>,

    /// Country whose numbering applies to phone numbers written without a country code (ISO code).
    #[arg(long, env = "PBL_DEFAULT_PHONE_REGION", default_value = "US")]
    pub default_phone_region: String,

    /// Seconds to wait for Lever's answer before treating a call as failed (a create that times
    /// out is looked up before it is tried again).
    #[arg(long, env = "PBL_LEVER_TIMEOUT_SECS", default_value_t = 20)]
    pub lever_timeout_secs: u64,

    /// Seconds after which a candidate claimed by an export worker that went silent (a crashed
    /// or killed replica) is taken over by another.
    #[arg(long, env = "PBL_EXPORT_CLAIM_TIMEOUT_SECS", default_value_t = 120)]
    pub export_claim_timeout_secs: u64,

    /// Run the profile sync in the background (off only for tests that drive it by hand).
    #[arg(long, env = "PBL_SYNC_IN_BACKGROUND", default_value_t = true, action = clap::ArgAction::Set)]
    pub sync_in_background: bool,

    /// Seconds between two incremental profile syncs of an organisation.
    #[arg(long, env = "PBL_SYNC_INTERVAL_SECS", default_value_t = 300)]
    pub sync_interval_secs: u64,

    /// Requests a second any one address may make (bursts of ten seconds' worth); 0 turns it off.
    /// Behind a proxy every caller shares the proxy's address: raise it, or rely on the session
    /// budget.
    #[arg(long, env = "PBL_RATE_LIMIT_ADDRESS_PER_SEC", default_value_t = 100)]
    pub rate_limit_address_per_sec: u32,

    /// Requests a second one signed-in session may make (bursts of ten seconds' worth); 0: off.
    #[arg(long, env = "PBL_RATE_LIMIT_SESSION_PER_SEC", default_value_t = 20)]
    pub rate_limit_session_per_sec: u32,

    /// Requests a second without a session (connect, handoff, invite codes) per address; 0: off.
    #[arg(long, env = "PBL_RATE_LIMIT_ANONYMOUS_PER_SEC", default_value_t = 2)]
    pub rate_limit_anonymous_per_sec: u32,

    /// The bearer token Prometheus scrapes `GET /metrics` with; unset, metrics are off.
    #[arg(long, env = "PBL_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<Secret>,

    /// Extension ids allowed to call this server (CORS), comma-separated.
    #[arg(long, env = "PBL_EXTENSION_IDS", value_delimiter = ',', default_value = shared::EXTENSION_ID)]
    pub extension_ids: Vec<String>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error("cannot read the config file {0}: {1}")]
    File(String, String),
    #[error("LEVER_ENV=custom needs LEVER_BASE_URL (e.g. http://127.0.0.1:7400 for the Lever simulator)")]
    MissingLeverBaseUrl,
    #[error("PBL_ENCRYPTION_KEY must be 32 bytes encoded as base64 (try: openssl rand -base64 32)")]
    BadEncryptionKey,
    #[error("PBL_PREVIOUS_ENCRYPTION_KEYS must each be 32 bytes encoded as base64, like PBL_ENCRYPTION_KEY")]
    BadPreviousEncryptionKey,
    #[error(
        "PBL_PUBLIC_URL must use https (Lever sends the authorization code to it); http is allowed only for \
         127.0.0.1, ::1 and localhost, not {0}"
    )]
    InsecurePublicUrl(String),
    #[error("PBL_EXTENSION_IDS must hold at least one extension id")]
    NoExtensionIds,
    #[error("PBL_DEFAULT_PHONE_REGION must be a country code such as US, GB or FR, not {0:?}")]
    BadPhoneRegion(String),
}

impl Config {
    /// Reads the config file named by `--config FILE` or `PBL_CONFIG_FILE` into the environment
    /// (without overriding what is already set), then parses flags and environment.
    pub fn load() -> Result<Self, ConfigError> {
        let mut args = std::env::args().skip_while(|a| a != "--config").skip(1);
        if let Some(path) = args.next().or_else(|| std::env::var("PBL_CONFIG_FILE").ok()) {
            dotenvy::from_path(&path).map_err(|e| ConfigError::File(path.clone(), e.to_string()))?;
        }
        Ok(Self::parse())
    }

    /// Checks what clap can't: that the settings make sense together.
    pub fn validate(&self) -> Result<(), ConfigError> {
        self.lever_endpoints()?;
        self.encryption_key_bytes()?;
        self.previous_encryption_key_bytes()?;
        if !shared::secure_origin(self.public_url.scheme(), self.public_url.host_str().unwrap_or_default()) {
            return Err(ConfigError::InsecurePublicUrl(self.public_url.to_string()));
        }
        if self.extension_ids.iter().all(|id| id.trim().is_empty()) {
            return Err(ConfigError::NoExtensionIds);
        }
        if !shared::identity::known_region(&self.default_phone_region) {
            return Err(ConfigError::BadPhoneRegion(self.default_phone_region.clone()));
        }
        Ok(())
    }

    pub fn lever_endpoints(&self) -> Result<LeverEndpoints, ConfigError> {
        match self.lever_env {
            LeverEnvironment::Production => Ok(LeverEndpoints::production()),
            LeverEnvironment::Sandbox => Ok(LeverEndpoints::sandbox()),
            LeverEnvironment::Custom => {
                self.lever_base_url.as_ref().map(LeverEndpoints::at).ok_or(ConfigError::MissingLeverBaseUrl)
            }
        }
    }

    pub fn encryption_key_bytes(&self) -> Result<[u8; 32], ConfigError> {
        key_bytes(&self.encryption_key).ok_or(ConfigError::BadEncryptionKey)
    }

    pub fn previous_encryption_key_bytes(&self) -> Result<Vec<[u8; 32]>, ConfigError> {
        self.previous_encryption_keys
            .iter()
            .filter(|k| !k.expose().trim().is_empty())
            .map(|k| key_bytes(k).ok_or(ConfigError::BadPreviousEncryptionKey))
            .collect()
    }

    /// Whether a Lever account may connect to this backend (`PBL_LEVER_ACCOUNTS`).
    pub fn allows_lever_account(&self, account_id: &str) -> bool {
        let listed: Vec<&str> = self.lever_accounts.iter().map(|a| a.trim()).filter(|a| !a.is_empty()).collect();
        listed.is_empty() || listed.contains(&account_id)
    }

    /// Where Lever sends the Super Admin back after consent.
    pub fn callback_url(&self) -> String {
        format!("{}/api/v1/lever/callback", self.public_url.as_str().trim_end_matches('/'))
    }

    pub fn allowed_origins(&self) -> Vec<String> {
        self.extension_ids
            .iter()
            .map(|id| id.trim())
            .filter(|id| !id.is_empty())
            .map(shared::extension_origin)
            .collect()
    }
}

fn key_bytes(key: &Secret) -> Option<[u8; 32]> {
    use base64::Engine as _;
    let bytes = base64::engine::general_purpose::STANDARD.decode(key.expose().trim()).ok()?;
    <[u8; 32]>::try_from(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(extra: &[&str]) -> Config {
        let base = [
            "backend",
            "--lever-client-id",
            "id",
            "--lever-client-secret",
            "s3cr3t",
            "--encryption-key",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        ];
        Config::try_parse_from(base.iter().chain(extra)).expect("parses")
    }

    #[test]
    fn secrets_never_print() {
        let config = parse(&[]);
        let printed = format!("{config:?}");
        assert!(!printed.contains("s3cr3t"), "{printed}");
        assert!(!printed.contains("AAAAAAAA"), "{printed}");
    }

    #[test]
    fn custom_lever_needs_a_base_url() {
        let config = parse(&["--lever-env", "custom"]);
        assert_eq!(config.validate(), Err(ConfigError::MissingLeverBaseUrl));
        let config = parse(&["--lever-env", "custom", "--lever-base-url", "http://127.0.0.1:7400"]);
        assert_eq!(config.validate(), Ok(()));
        let endpoints = config.lever_endpoints().expect("custom endpoints");
        assert_eq!(endpoints.audience, "http://127.0.0.1:7400/v1/");
    }

    #[test]
    fn a_short_encryption_key_is_refused_with_how_to_make_one() {
        let mut config = parse(&[]);
        config.encryption_key = Secret("c2hvcnQ=".into());
        let err = config.validate().unwrap_err();
        assert!(err.to_string().contains("openssl rand -base64 32"));
    }

    #[test]
    fn a_public_url_must_be_https_unless_it_is_this_machine() {
        for insecure in [
            "http://bridge.example.com",
            "http://10.0.0.7:7300",
            "http://127.0.0.1.example.com",
            "http://localhost.evil.com:80",
            "http://127.0.0.1@evil.com",
            "ftp://127.0.0.1",
        ] {
            let config = parse(&["--public-url", insecure]);
            assert!(matches!(config.validate(), Err(ConfigError::InsecurePublicUrl(_))), "{insecure}");
        }
        for fine in
            ["https://bridge.example.com", "http://127.0.0.1:7300", "http://localhost:7300", "http://[::1]:7300"]
        {
            assert_eq!(parse(&["--public-url", fine]).validate(), Ok(()), "{fine}");
        }
    }

    #[test]
    fn previous_keys_must_be_keys_and_the_account_list_is_optional() {
        let config = parse(&["--previous-encryption-keys", "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=,c2hvcnQ="]);
        assert_eq!(config.validate(), Err(ConfigError::BadPreviousEncryptionKey));
        let config = parse(&["--previous-encryption-keys", "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE="]);
        assert_eq!(config.previous_encryption_key_bytes().expect("keys"), vec![[1; 32]]);
        assert!(parse(&[]).allows_lever_account("any"));
        let listed = parse(&["--lever-accounts", "acct-1, acct-2"]);
        assert!(listed.allows_lever_account("acct-2") && !listed.allows_lever_account("acct-3"));
    }

    #[test]
    fn the_pinned_extension_is_allowed_by_default() {
        let config = parse(&[]);
        assert_eq!(config.allowed_origins(), vec![shared::extension_origin(shared::EXTENSION_ID)]);
        assert_eq!(config.callback_url(), "http://127.0.0.1:7300/api/v1/lever/callback");
    }
}
