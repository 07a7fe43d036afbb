//! What the extension and the backend must agree on, with no I/O: the typed messages between the
//! extension's parts, the backend's API bodies, and the page adapters that say how to read
//! ProvenBase's pages. Compiles for wasm32 and native alike.

pub mod adapter;
pub mod api;
pub mod badge;
#[cfg(feature = "catalogue")]
pub mod catalogue;
pub mod content;
pub mod endpoints;
pub mod identity;
pub mod messages;
pub mod pacing;
pub mod prompt;
pub mod words;

/// The extension's id, pinned by the `key` in `manifest.json` so CORS, enterprise policy and
/// OAuth redirects can name it. A test below recomputes it from the manifest.
pub const EXTENSION_ID: &str = "oddnnifmnhiieaphphedohbdamcalofc";

/// The origin the extension's pages and service worker call the backend from.
pub fn extension_origin(id: &str) -> String {
    format!("chrome-extension://{id}")
}

/// Whether secrets may travel to a server at `scheme://host` (as a URL parser reads them — the
/// `url` crate's, or the browser's): `https`, or plain `http` only to this machine
/// (`127.0.0.1`, `[::1]`, `localhost`), where nothing crosses a network.
pub fn secure_origin(scheme: &str, host: &str) -> bool {
    match scheme.trim_end_matches(':').to_ascii_lowercase().as_str() {
        "https" => !host.is_empty(),
        "http" => matches!(host.to_ascii_lowercase().as_str(), "127.0.0.1" | "[::1]" | "localhost"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use base64::Engine as _;
    use sha2::Digest as _;

    #[test]
    fn only_https_or_this_machine_is_a_secure_origin() {
        for (scheme, host) in
            [("https", "bridge.example.com"), ("http", "127.0.0.1"), ("http:", "localhost"), ("HTTP", "[::1]")]
        {
            assert!(super::secure_origin(scheme, host), "{scheme} {host}");
        }
        for (scheme, host) in [
            ("http", "bridge.example.com"),
            ("http", "127.0.0.1.evil.com"),
            ("http", "localhost.evil.com"),
            ("ftp", "127.0.0.1"),
            ("https", ""),
        ] {
            assert!(!super::secure_origin(scheme, host), "{scheme} {host}");
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
