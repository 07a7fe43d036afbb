//! Secrets at rest and in transit: Lever tokens sealed with AES-256-GCM (bound to their row and
//! column, so a sealed value can't be moved elsewhere), and the random tokens and codes we hand
//! out, of which the store keeps only a SHA-256 hash.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use sha2::{Digest as _, Sha256};

const NONCE_LEN: usize = 12;

#[derive(Clone)]
pub struct Sealer {
    cipher: Aes256Gcm,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sealer(***)")
    }
}

#[derive(Debug, thiserror::Error)]
#[error("a sealed secret could not be opened (wrong PBL_ENCRYPTION_KEY, or the data was altered)")]
pub struct OpenError;

impl Sealer {
    pub fn new(key: &[u8; 32]) -> Self {
        Self { cipher: Aes256Gcm::new(key.into()) }
    }

    /// `base64(nonce ‖ ciphertext)`; `context` (e.g. "org-1/refresh_token") must match to open.
    pub fn seal(&self, plaintext: &str, context: &str) -> String {
        let nonce: [u8; NONCE_LEN] = rand::random();
        let sealed = self
            .cipher
            .encrypt(Nonce::from_slice(&nonce), Payload { msg: plaintext.as_bytes(), aad: context.as_bytes() })
            .expect("AES-GCM encryption cannot fail for in-memory data");
        let mut out = nonce.to_vec();
        out.extend(sealed);
        STANDARD.encode(out)
    }

    pub fn open(&self, sealed: &str, context: &str) -> Result<String, OpenError> {
        let bytes = STANDARD.decode(sealed).map_err(|_| OpenError)?;
        if bytes.len() <= NONCE_LEN {
            return Err(OpenError);
        }
        let (nonce, ciphertext) = bytes.split_at(NONCE_LEN);
        let plain = self
            .cipher
            .decrypt(Nonce::from_slice(nonce), Payload { msg: ciphertext, aad: context.as_bytes() })
            .map_err(|_| OpenError)?;
        String::from_utf8(plain).map_err(|_| OpenError)
    }
}

/// A fresh unguessable token: `prefix` + 32 random bytes, base64url.
pub fn random_token(prefix: &str) -> String {
    format!("{prefix}{}", URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>()))
}

/// A short code a person can copy and paste: `PBL-` and 12 letters and digits, no look-alikes.
pub fn invite_code() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let raw: [u8; 12] = rand::random();
    let chars: String = raw.iter().map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()])).collect();
    format!("PBL-{}-{}-{}", &chars[..4], &chars[4..8], &chars[8..])
}

/// What the store keeps instead of a token or code.
pub fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.trim().as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_tokens_open_only_with_the_same_key_and_context() {
        let sealer = Sealer::new(&[7; 32]);
        let sealed = sealer.seal("lever-refresh-token", "org-1/refresh_token");
        assert!(!sealed.contains("lever-refresh-token"));
        assert_eq!(sealer.open(&sealed, "org-1/refresh_token").expect("opens"), "lever-refresh-token");
        assert!(sealer.open(&sealed, "org-2/refresh_token").is_err(), "bound to its row");
        assert!(Sealer::new(&[8; 32]).open(&sealed, "org-1/refresh_token").is_err(), "bound to the key");
        assert_ne!(sealer.seal("same", "c"), sealer.seal("same", "c"), "fresh nonce each time");
    }

    #[test]
    fn invite_codes_are_readable_and_distinct() {
        let a = invite_code();
        assert_eq!(a.len(), "PBL-XXXX-XXXX-XXXX".len());
        assert!(a.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-'));
        assert_ne!(a, invite_code());
        assert_eq!(hash(&a), hash(&format!(" {a} ")), "pasted with spaces still matches");
    }
}
