//! Secrets at rest and in transit: Lever tokens sealed with AES-256-GCM (bound to their row and
//! column, so a sealed value can't be moved elsewhere), and the random tokens and codes we hand
//! out, of which the store keeps only a SHA-256 hash.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use sha2::{Digest as _, Sha256};

const NONCE_LEN: usize = 12;

/// Seals with the current key; opens with it or with any previous key, so the key can be
/// rotated without disconnecting anyone (values sealed with an old key are re-sealed on use).
#[derive(Clone)]
pub struct Sealer {
    cipher: Aes256Gcm,
    previous: Vec<Aes256Gcm>,
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
        Self::rotated(key, &[])
    }

    /// Seals with `key`; still opens what `previous` keys sealed.
    pub fn rotated(key: &[u8; 32], previous: &[[u8; 32]]) -> Self {
        Self {
            cipher: Aes256Gcm::new(key.into()),
            previous: previous.iter().map(|k| Aes256Gcm::new(k.into())).collect(),
        }
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
        self.open_with_age(sealed, context).map(|opened| opened.plain)
    }

    /// Opens `sealed`, saying whether a previous key sealed it (so it should be sealed again).
    pub fn open_with_age(&self, sealed: &str, context: &str) -> Result<Opened, OpenError> {
        let bytes = STANDARD.decode(sealed).map_err(|_| OpenError)?;
        if bytes.len() <= NONCE_LEN {
            return Err(OpenError);
        }
        let (nonce, ciphertext) = bytes.split_at(NONCE_LEN);
        let payload = || Payload { msg: ciphertext, aad: context.as_bytes() };
        let (plain, stale) = match self.cipher.decrypt(Nonce::from_slice(nonce), payload()) {
            Ok(plain) => (plain, false),
            Err(_) => {
                let plain = self.previous.iter().find_map(|c| c.decrypt(Nonce::from_slice(nonce), payload()).ok());
                (plain.ok_or(OpenError)?, true)
            }
        };
        Ok(Opened { plain: String::from_utf8(plain).map_err(|_| OpenError)?, stale })
    }
}

/// An opened secret, and whether a previous key had sealed it.
pub struct Opened {
    pub plain: String,
    pub stale: bool,
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

/// Whether `text` looks like a [`hash`]: 64 lower-case hex digits.
pub fn is_hash(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
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
    fn a_rotated_key_still_opens_what_the_previous_key_sealed_and_says_so() {
        let old = Sealer::new(&[1; 32]);
        let sealed = old.seal("token", "o/access_token");
        let rotated = Sealer::rotated(&[2; 32], &[[1; 32]]);
        let opened = rotated.open_with_age(&sealed, "o/access_token").expect("opens");
        assert_eq!((opened.plain.as_str(), opened.stale), ("token", true));
        let fresh = rotated.seal("token", "o/access_token");
        assert!(!rotated.open_with_age(&fresh, "o/access_token").expect("opens").stale);
        assert!(old.open(&fresh, "o/access_token").is_err(), "sealed with the new key");
        assert!(rotated.open(&sealed, "p/access_token").is_err(), "still bound to its row");
    }

    #[test]
    fn hashes_are_sha256_hex_and_only_hashes_look_like_one() {
        let h = hash("secret");
        assert_eq!(h, "2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b");
        assert!(is_hash(&h));
        assert!(!is_hash(&h.to_uppercase()), "lower-case hex only");
        assert!(!is_hash(&h[1..]), "64 digits");
        assert!(!is_hash(&format!("{}g", &h[1..])), "hex digits only");
        assert!(!is_hash(""));
        let token = random_token("pbl_");
        assert!(token.starts_with("pbl_") && token.len() == 4 + 43, "{token}");
        assert_ne!(token, random_token("pbl_"));
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
