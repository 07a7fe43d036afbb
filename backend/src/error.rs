//! The API's one error type: every failure maps here once, to a status and a `{code, message}`
//! body a person can act on. Internal details are logged, never sent.

use axum::{
    Json,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use shared::api::{ApiError, ErrorCode};

use crate::lever::LeverApiError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("Sign in first: connect Lever (Super Admins) or redeem an invite in the extension's options.")]
    Unauthenticated,
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    BadRequest(String),
    #[error("The request is too large (at most {} MB).", crate::MAX_BODY_BYTES / (1024 * 1024))]
    TooLarge,
    #[error("Too many requests: try again in {} second{}.", .0, if *.0 == 1 { "" } else { "s" })]
    RateLimited(u64),
    #[error("{0}")]
    LeverDisconnected(String),
    #[error("{}", crate::lever::said(.0))]
    Lever(LeverApiError),
    #[error("the store is unavailable")]
    Store(#[from] crate::store::StoreError),
    #[error("something went wrong on the server")]
    Internal(String),
}

impl AppError {
    fn status_and_code(&self) -> (StatusCode, ErrorCode) {
        match self {
            Self::Unauthenticated => (StatusCode::UNAUTHORIZED, ErrorCode::Unauthenticated),
            Self::Forbidden(_) => (StatusCode::FORBIDDEN, ErrorCode::Forbidden),
            Self::NotFound(_) => (StatusCode::NOT_FOUND, ErrorCode::NotFound),
            Self::BadRequest(_) => (StatusCode::BAD_REQUEST, ErrorCode::BadRequest),
            Self::TooLarge => (StatusCode::PAYLOAD_TOO_LARGE, ErrorCode::TooLarge),
            Self::RateLimited(_) => (StatusCode::TOO_MANY_REQUESTS, ErrorCode::RateLimited),
            Self::LeverDisconnected(_) => (StatusCode::CONFLICT, ErrorCode::LeverDisconnected),
            Self::Lever(LeverApiError::RateLimited) => (StatusCode::SERVICE_UNAVAILABLE, ErrorCode::LeverRateLimited),
            Self::Lever(LeverApiError::NotFound(_)) => (StatusCode::BAD_REQUEST, ErrorCode::LeverNotFound),
            Self::Lever(_) => (StatusCode::BAD_GATEWAY, ErrorCode::LeverUnavailable),
            Self::Store(_) => (StatusCode::SERVICE_UNAVAILABLE, ErrorCode::StoreUnavailable),
            Self::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, ErrorCode::Internal),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        match &self {
            Self::Store(inner) => tracing::error!(error = %inner, "store failure"),
            Self::Internal(inner) => tracing::error!(error = %inner, "internal failure"),
            Self::Lever(inner) => tracing::warn!(error = %inner, "Lever call failed"),
            _ => {}
        }
        let body = ApiError::new(code, self.to_string());
        (status, Json(body)).into_response()
    }
}

impl From<crate::lever::Error> for AppError {
    fn from(e: crate::lever::Error) -> Self {
        use crate::lever::Error;
        match e {
            Error::Disconnected(why) => Self::LeverDisconnected(why),
            Error::Api(e) => Self::Lever(e),
            Error::Store(e) => Self::Store(e),
            Error::Internal(e) => Self::Internal(e),
        }
    }
}

impl From<axum::extract::rejection::JsonRejection> for AppError {
    fn from(e: axum::extract::rejection::JsonRejection) -> Self {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            return Self::TooLarge;
        }
        Self::BadRequest(format!("The request body is not valid: {}", e.body_text()))
    }
}
