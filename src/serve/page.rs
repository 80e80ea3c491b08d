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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    /// The keys of the page's catalogue, each with its Chinese and English text.
    fn catalogue() -> Vec<(String, String, String)> {
        include_str!("assets/i18n.js")
            .lines()
            .filter_map(|l| {
                let l = l.trim();
                let (key, rest) = l.strip_prefix('\'')?.split_once("': ['")?;
                let (zh, rest) = rest.split_once("', '")?;
                let en = rest.rsplit_once("']")?.0;
                Some((key.to_string(), zh.to_string(), en.to_string()))
            })
            .collect()
    }

    /// Every `marker…'` or `marker…"` occurrence's quoted key.
    fn keys_after(text: &str, marker: &str, close: char) -> Vec<String> {
        text.match_indices(marker)
            // A call `t('…')`, not the end of another name (`split('…')`).
            .filter(|(at, _)| {
                !text[..*at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_')
            })
            .filter_map(|(at, _)| {
                let rest = &text[at + marker.len()..];
                rest.split_once(close).map(|(k, _)| k.to_string())
            })
            .collect()
    }

    #[test]
    fn every_word_of_the_page_is_in_both_languages() {
        let words = catalogue();
        assert!(words.len() > 100, "{}", words.len());
        for (key, zh, en) in &words {
            assert!(!zh.is_empty() && !en.is_empty(), "{key}");
            assert!(
                zh.chars().any(|c| matches!(c, '\u{3000}'..='\u{303f}' | '\u{4e00}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}'))
                    || key == "lang.switch",
                "{key}: the Chinese text is Chinese"
            );
            assert_ne!(zh, en, "{key}");
        }
        let known = |k: &String| words.iter().any(|(w, _, _)| w == k);
        let html = include_str!("assets/index.html");
        let js = include_str!("assets/app.js");
        let mut used = keys_after(html, "data-i18n=\"", '"');
        used.extend(keys_after(html, "data-i18n-placeholder=\"", '"'));
        used.extend(keys_after(js, "t('", '\''));
        assert!(used.len() > 60, "{}", used.len());
        // `t('code.' + code)` looks up a key made at run time.
        for k in used.iter().filter(|k| !k.ends_with('.')) {
            assert!(
                known(k),
                "`{k}` is used by the page and missing from assets/i18n.js"
            );
        }
        // The words the page derives from what the server sends: verdicts, statuses, kinds.
        for k in [
            "verdict.eligible",
            "verdict.not_eligible",
            "verdict.undetermined",
            "verdict.rejected",
            "status.pass",
            "status.fail",
            "status.unknown",
            "status.not_applicable",
            "kind.constraint",
            "kind.guidance",
            "kind.condition",
            "kind.veto",
            "base.active",
            "base.revoked",
            "base.lapsed",
            "base.excluded",
        ] {
            assert!(known(&k.to_string()), "{k}");
        }
    }

    #[test]
    fn the_page_loads_nothing_from_elsewhere() {
        for text in [
            include_str!("assets/index.html"),
            include_str!("assets/app.js"),
            include_str!("assets/app.css"),
        ] {
            assert!(
                !text.contains("http://") && !text.contains("https://") && !text.contains("//cdn")
            );
        }
    }
}
