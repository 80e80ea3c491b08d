//! The workbench page and its assets, embedded in the binary: plain HTML, CSS and JavaScript,
//! nothing fetched from elsewhere.

use super::error::{text_response, ApiError};
use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;

/// The page's assets: name, media type, text.
const ASSETS: &[(&str, &str, &str)] = &[
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_str!("assets/app.js"),
    ),
    (
        "i18n.js",
        "text/javascript; charset=utf-8",
        include_str!("assets/i18n.js"),
    ),
    (
        "app.css",
        "text/css; charset=utf-8",
        include_str!("assets/app.css"),
    ),
];

/// Scripts and styles from this server only; frames of this server only (the measure view).
const POLICY: &str = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; \
                      frame-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

/// `GET /`: the workbench.
pub async fn index() -> Response {
    let mut r = text_response(
        StatusCode::OK,
        "text/html; charset=utf-8",
        include_str!("assets/index.html").to_string(),
    );
    r.headers_mut()
        .insert("content-security-policy", HeaderValue::from_static(POLICY));
    r
}

/// `GET /assets/{file}`.
pub async fn asset(Path(file): Path<String>) -> Result<Response, ApiError> {
    let (_, media, text) = ASSETS
        .iter()
        .find(|(name, _, _)| *name == file)
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                "not_found",
                format!("no asset `{file}`"),
            )
        })?;
    Ok(text_response(StatusCode::OK, media, (*text).to_string()))
}
