//! What every request passes before its handler: a deadline, a loopback `Host` when bound to
//! loopback without a token (so a web page cannot reach the server by DNS rebinding), and for the
//! API the bearer token, same-origin writes, and a bound on the requests handled at once.

use super::error::ApiError;
use super::App;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// Every request: the host check and the deadline; security headers on every answer.
pub async fn every(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    if app.options.loopback && app.options.token.is_none() && !loopback_host(req.headers()) {
        return ApiError::new(
            StatusCode::FORBIDDEN,
            "bad_host",
            "this server answers requests for localhost, 127.0.0.1 or [::1] only",
        )
        .into_response();
    }
    let limit = app.options.limits.request_timeout;
    let mut response = match tokio::time::timeout(limit, next.run(req)).await {
        Ok(r) => r,
        Err(_) => ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            "timeout",
            format!("the request did not complete within {} s", limit.as_secs()),
        )
        .into_response(),
    };
    let headers = response.headers_mut();
    for (name, value) in [
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "SAMEORIGIN"),
        ("referrer-policy", "no-referrer"),
        ("cache-control", "no-store"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// API requests: the token, same-origin writes, and a turn among the requests handled at once.
pub async fn api(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    if let Some(token) = &app.options.token {
        let given = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim);
        if !given.is_some_and(|g| same(g.as_bytes(), token.as_bytes())) {
            let mut r = ApiError::new(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "this server needs `Authorization: Bearer TOKEN` with the token it was started with",
            )
            .into_response();
            r.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            return r;
        }
    }
    if req.method() != Method::GET && req.method() != Method::HEAD && cross_origin(req.headers()) {
        return ApiError::new(
            StatusCode::FORBIDDEN,
            "cross_origin",
            "requests that change or compute are accepted from this server's own page only",
        )
        .into_response();
    }
    let Ok(_turn) = app.in_flight.acquire().await else {
        return ApiError::busy().into_response();
    };
    next.run(req).await
}

/// Compares two secrets in time that does not depend on where they differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The host a request names, without its port.
fn host(headers: &HeaderMap) -> Option<String> {
    let h = headers
        .get(header::HOST)?
        .to_str()
        .ok()?
        .trim()
        .to_ascii_lowercase();
    Some(match h.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or("").to_string(),
        None => h.split(':').next().unwrap_or("").to_string(),
    })
}

fn loopback_host(headers: &HeaderMap) -> bool {
    host(headers).is_some_and(|h| {
        h == "localhost"
            || h.ends_with(".localhost")
            || h.parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback())
    })
}

/// Whether a request comes from a page of another origin: its `Origin` names another host and
/// port than its `Host`.
fn cross_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let named = origin
        .split_once("://")
        .map_or("", |(_, rest)| rest)
        .trim_end_matches('/');
    !named.eq_ignore_ascii_case(host.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn loopback_hosts_are_named_with_or_without_a_port() {
        assert!(loopback_host(&headers(&[("host", "127.0.0.1:8080")])));
        assert!(loopback_host(&headers(&[("host", "localhost")])));
        assert!(loopback_host(&headers(&[("host", "[::1]:9000")])));
        assert!(!loopback_host(&headers(&[("host", "evil.example:8080")])));
        assert!(!loopback_host(&headers(&[])));
    }

    #[test]
    fn an_origin_is_foreign_unless_it_names_the_host() {
        let own = headers(&[
            ("host", "127.0.0.1:8080"),
            ("origin", "http://127.0.0.1:8080"),
        ]);
        assert!(!cross_origin(&own));
        let other = headers(&[
            ("host", "127.0.0.1:8080"),
            ("origin", "http://evil.example"),
        ]);
        assert!(cross_origin(&other));
        assert!(!cross_origin(&headers(&[("host", "127.0.0.1:8080")])));
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(same(b"secret", b"secret"));
        assert!(!same(b"secret", b"secreT"));
        assert!(!same(b"secret", b"secret2"));
    }
}
