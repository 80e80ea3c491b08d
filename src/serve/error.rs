//! Errors the API answers with: a status and `{"error": {"code", "message"}}`, with more fields
//! where they help (the diagnostics of records that could not be read).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value as Json};

/// One error answer. Codes are stable, lower-case words: tests and scripts rely on them.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    /// Further fields of the error object.
    pub extra: Map<String, Json>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            extra: Map::new(),
        }
    }

    /// Adds a field to the error object.
    pub fn with(mut self, key: &str, value: Json) -> Self {
        self.extra.insert(key.to_string(), value);
        self
    }

    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, code, message)
    }

    /// A query parameter the endpoint needs and the request does not give.
    pub fn missing(param: &str) -> Self {
        ApiError::bad_request(
            "missing_parameter",
            format!("the query parameter `{param}` is required"),
        )
    }

    pub fn unknown_policy(id: &str) -> Self {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "unknown_policy",
            format!("no policy has the id `{id}`; GET /api/v1/policies lists them"),
        )
    }

    pub fn too_large(limit: usize) -> Self {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body_too_large",
            format!("the body is larger than the limit of {limit} bytes"),
        )
        .with("limit", json!(limit))
    }

    pub fn unsupported(message: impl Into<String>) -> Self {
        ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            message,
        )
    }

    pub fn busy() -> Self {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "busy",
            "the server is shutting down",
        )
    }

    /// A fault of the server itself, never of the request.
    pub fn internal(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut error = Map::new();
        error.insert("code".into(), json!(self.code));
        error.insert("message".into(), json!(self.message));
        error.extend(self.extra);
        json_response(self.status, &json!({ "error": error }))
    }
}

/// A JSON answer, pretty-printed as the command line prints JSON.
pub fn json_response(status: StatusCode, value: &Json) -> Response {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text_response(status, "application/json", text)
}

/// An answer with a body of the given type.
pub fn text_response(status: StatusCode, content_type: &'static str, body: String) -> Response {
    let mut response = (status, body).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}
