//! Messages between the extension's parts. Content scripts and pages never call the backend
//! themselves: they send a [`Request`] to the background worker, which owns the backend URL and
//! the session, and get one [`Response`] back.

use serde::{Deserialize, Serialize};

use crate::adapter::PageKind;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Request {
    /// Is the background worker alive?
    Ping,
    /// The extension's state, for the popup and options page; `tab_id` selects whose page scan.
    Status { tab_id: Option<i32> },
    /// Set (or clear, with an empty string) the backend URL from the options page.
    SetBackendUrl { url: String },
    /// A content script scanned its page.
    PageScanned(PageScan),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Response {
    Pong {
        version: String,
    },
    Status(ExtensionStatus),
    Done,
    /// The request could not be carried out; `message` says why, for a person.
    Failed {
        message: String,
    },
}

/// What a content script found on its page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageScan {
    pub page: PageKind,
    pub candidates: u32,
    pub locked: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtensionStatus {
    pub version: String,
    pub backend_url: Option<String>,
    pub backend: BackendState,
    /// The last scan of the asked-for tab, if its page is a ProvenBase page.
    pub page: Option<PageScan>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum BackendState {
    NotConfigured,
    Reachable { version: String },
    Unreachable { reason: String },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_travel_as_tagged_json() {
        let scan = Request::PageScanned(PageScan { page: PageKind::SourcingLab, candidates: 3, locked: 1 });
        let json = serde_json::to_value(&scan).expect("serializes");
        assert_eq!(json["kind"], "page_scanned");
        assert_eq!(json["page"], "sourcing_lab");
        let back: Request = serde_json::from_value(json).expect("deserializes");
        assert_eq!(back, scan);
    }
}
