//! What the extension and the backend must agree on, with no I/O: the typed messages between the
//! extension's parts, the backend's API bodies, and the page adapters that say how to read
//! ProvenBase's pages. Compiles for wasm32 and native alike.

pub mod adapter;
pub mod api;
pub mod badge;
pub mod identity;
pub mod messages;
pub mod pacing;
pub mod prompt;

/// The extension's id, pinned by the `key` in `manifest.json` so CORS, enterprise policy and
/// OAuth redirects can name it. A test below recomputes it from the manifest.
pub const EXTENSION_ID: &str = "oddnnifmnhiieaphphedohbdamcalofc";

/// The origin the extension's pages and service worker call the backend from.
pub fn extension_origin(id: &str) -> String {
    format!("chrome-extension://{id}")
}

/// Whether secrets may travel to `url`: `https`, or plain `http` only to this machine
/// (`127.0.0.1`, `[::1]`, `localhost`), where nothing crosses a network.
pub fn secure_url(url: &str) -> bool {
    let url = url.trim().to_ascii_lowercase();
    if url.starts_with("https://") {
        return url.len() > "https://".len();
    }
    let Some(rest) = url.strip_prefix("http://") else { return false };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
        return false;
    }
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().map(|h| format!("[{h}]")).unwrap_or_default(),
        None => authority.split(':').next().unwrap_or_default().to_owned(),
    };
    matches!(host.as_str(), "127.0.0.1" | "[::1]" | "localhost")
}

#[cfg(test)]
mod tests {
    use base64::Engine as _;
    use sha2::Digest as _;

    #[test]
    fn only_https_or_this_machine_is_a_secure_url() {
        for ok in ["https://bridge.example.com", "http://127.0.0.1:7300", "http://localhost", "http://[::1]:80/x"] {
            assert!(super::secure_url(ok), "{ok}");
        }
        for bad in [
            "http://bridge.example.com",
            "http://127.0.0.1.evil.com",
            "http://localhost.evil.com:80",
            "http://127.0.0.1@evil.com",
            "ftp://127.0.0.1",
            "https://",
            "",
        ] {
            assert!(!super::secure_url(bad), "{bad}");
        }
    }

    /// Chrome derives an extension id from the SHA-256 of its public key: the first 32 hex
    /// digits, each mapped from 0-f onto a-p.
    fn id_from_key(key_b64: &str) -> String {
        let der = base64::engine::general_purpose::STANDARD.decode(key_b64).expect("manifest key is base64");
        let digest = sha2::Sha256::digest(der);
        hex_digits(&digest).take(32).map(|d| char::from(b'a' + d)).collect()
    }

    fn hex_digits(bytes: &[u8]) -> impl Iterator<Item = u8> + '_ {
        bytes.iter().flat_map(|b| [b >> 4, b & 0x0f])
    }

    #[test]
    fn pinned_extension_id_matches_the_manifest_key() {
        let manifest: serde_json::Value =
            serde_json::from_str(include_str!("../../manifest.json")).expect("manifest is JSON");
        let key = manifest["key"].as_str().expect("manifest has a key");
        assert_eq!(id_from_key(key), super::EXTENSION_ID);
    }
}
