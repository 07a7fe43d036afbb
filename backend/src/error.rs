//! The API's one error type: every failure maps here once, to a status and a `{code, message}`
//! body a person can act on, in their language (the message is a [`Text`] of the catalogue,
//! rendered as the request's `Accept-Language` asks; logs read it in English). Internal details
//! are logged, never sent.

use axum::{
    Json,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use shared::api::{ApiError, ErrorCode};

use crate::lever::LeverApiError;
use crate::text::Text;

#[derive(Debug)]
pub enum AppError {
    Unauthenticated,
    Forbidden(Text),
    NotFound(Text),
    BadRequest(Text),
    TooLarge,
    RateLimited(u64),
    LeverDisconnected(Text),
    Lever(LeverApiError),
    Store(crate::store::StoreError),
    /// What went wrong, for the log only.
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

    /// What a person reads (the store's and internal failures say nothing of their cause).
    pub fn text(&self) -> Text {
        match self {
            Self::Unauthenticated => crate::text!("error-unauthenticated"),
            Self::Forbidden(t) | Self::NotFound(t) | Self::BadRequest(t) | Self::LeverDisconnected(t) => t.clone(),
            Self::TooLarge => crate::text!("error-too-large", size = crate::MAX_BODY_BYTES / (1024 * 1024)),
            Self::RateLimited(seconds) => crate::text!("error-rate-limited", seconds = *seconds),
            Self::Lever(e) => crate::lever::said_text(e),
            Self::Store(_) => crate::text!("error-store-unavailable"),
            Self::Internal(_) => crate::text!("error-internal"),
        }
    }
}

/// In English, as logs read it.
impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.text().fmt(f)
    }
}

impl std::error::Error for AppError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Store(e) => Some(e),
            Self::Lever(e) => Some(e),
            _ => None,
        }
    }
}

impl From<crate::store::StoreError> for AppError {
    fn from(e: crate::store::StoreError) -> Self {
        Self::Store(e)
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
        let body = ApiError::new(code, self.text().said());
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
        Self::BadRequest(crate::text!("error-body-invalid", detail = e.body_text()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fixed messages read as they did before they came from the catalogue, with the
    /// plural right.
    #[test]
    fn the_fixed_messages_read_in_english_as_before() {
        let cases = [
            (
                AppError::Unauthenticated,
                "Sign in first: connect Lever (Super Admins) or redeem an invite in the extension's options.",
            ),
            (AppError::TooLarge, "The request is too large (at most 2 MB)."),
            (AppError::RateLimited(1), "Too many requests: try again in 1 second."),
            (AppError::RateLimited(3), "Too many requests: try again in 3 seconds."),
            (AppError::Internal("secret detail".into()), "something went wrong on the server"),
            (
                AppError::Lever(LeverApiError::RateLimited),
                "Lever is busy (rate limit reached). Try again in a few seconds.",
            ),
            (
                AppError::Lever(LeverApiError::Unavailable(crate::lever::api::TIMED_OUT.into())),
                "Lever is unavailable right now (timed out). Try again shortly.",
            ),
            (
                AppError::Lever(LeverApiError::Unavailable("HTTP 503".into())),
                "Lever is unavailable right now (HTTP 503). Try again shortly.",
            ),
            (AppError::Lever(LeverApiError::Forbidden("no".into())), "Lever refused: no"),
        ];
        for (error, english) in cases {
            assert_eq!(error.to_string(), english);
        }
        let french = shared::catalogue::for_languages(["fr"]);
        assert_eq!(
            AppError::Lever(LeverApiError::Unavailable(crate::lever::api::NO_ANSWER.into())).text().render(french),
            "Lever est indisponible pour le moment (aucune réponse). Réessayez bientôt."
        );
    }

    /// A connection's stored reason is a message, said in any language.
    #[test]
    fn a_stored_reason_is_said_in_the_callers_language() {
        use crate::lever::{disconnected_by, tokens::revoked_reason, why_disconnected};
        let french = shared::catalogue::for_languages(["fr"]);
        assert_eq!(
            why_disconnected(&revoked_reason()).english(),
            "Lever access was revoked or has expired (Lever: Settings → Integrations & API → Authorized Apps). \
             A Lever Super Admin must connect again."
        );
        assert_eq!(why_disconnected(&revoked_reason()), crate::text!("error-lever-revoked"));
        let by = disconnected_by("Sam Super");
        assert_eq!(why_disconnected(&by).english(), "Disconnected by Sam Super in the integration settings.");
        assert_eq!(
            why_disconnected(&by).render(french),
            "Déconnecté par Sam Super dans les paramètres de l'intégration."
        );
        assert_eq!(why_disconnected("Something else.").english(), "Something else.");
        assert_eq!(why_disconnected("Something else.").render(french), "Lever est déconnecté : Something else.");
    }
}
