//! Bodies of the backend's HTTP API, as the extension sends and receives them.

use serde::{Deserialize, Serialize};

/// `GET /healthz`: the backend is up and its store answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    pub status: String,
    pub version: String,
}

/// Every error the backend returns has this one shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    /// Stable, machine-readable (`not_found`, `forbidden`, `lever_unavailable`, …).
    pub code: String,
    /// A sentence a person can act on.
    pub message: String,
}
