//! Request bodies: read up to a limit (past it, drained and answered 413, so the client hears
//! why), and record uploads — one file by its `Content-Type`, or several as `multipart/form-data`.

use super::error::ApiError;
use crate::data::upload::File;
use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::{header, request::Parts, HeaderMap};
use http_body_util::BodyExt;
use std::collections::HashMap;

/// The record formats a single-file body may have, by `Content-Type`, with the extension the
/// upload is read as.
pub const RECORD_TYPES: &[(&str, &str)] = &[
    ("application/json", "json"),
    ("application/x-ndjson", "ndjson"),
    ("application/jsonl", "jsonl"),
    ("application/toml", "toml"),
    ("application/yaml", "yaml"),
    ("application/x-yaml", "yaml"),
    ("text/yaml", "yaml"),
    ("text/csv", "csv"),
    (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
    ("application/vnd.ms-excel.sheet.macroenabled.12", "xlsm"),
    ("application/vnd.ms-excel", "xls"),
    ("application/vnd.oasis.opendocument.spreadsheet", "ods"),
];

/// The media type of a request, lower-case, without parameters; `None` when it has none.
pub fn media_type(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let media = value.split(';').next()?.trim().to_ascii_lowercase();
    (!media.is_empty()).then_some(media)
}

/// Reads a whole body of at most `limit` bytes. A larger one is read on (up to `drain` bytes in
/// all) and dropped, then refused with 413; a client that asked to `Expect: 100-continue` with a
/// larger `Content-Length` is refused before it sends anything.
pub async fn read_body(
    req: Request,
    limit: usize,
    drain: usize,
) -> Result<(Parts, Bytes), ApiError> {
    let (parts, body) = req.into_parts();
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let expects = parts
        .headers
        .get(header::EXPECT)
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"100-continue"));
    let over = declared.is_some_and(|n| n > limit as u64);
    if over && expects {
        return Err(ApiError::too_large(limit));
    }
    let mut body: Body = body;
    let mut kept: Vec<u8> = Vec::new();
    let mut seen: usize = 0;
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| {
            ApiError::bad_request("bad_body", format!("the body could not be read: {e}"))
        })?;
        let Ok(data) = frame.into_data() else {
            continue;
        };
        seen = seen.saturating_add(data.len());
        if seen <= limit && !over {
            kept.extend_from_slice(&data);
        } else if seen > drain {
            break;
        }
    }
    if over || seen > limit {
        return Err(ApiError::too_large(limit));
    }
    Ok((parts, Bytes::from(kept)))
}

/// Uploaded record files, and the text fields that came with them (multipart only).
#[derive(Debug, Default)]
pub struct Upload {
    pub files: Vec<File>,
    pub fields: HashMap<String, String>,
}

/// A name as a label only (it never names a file on the server): without control characters, at
/// most 200 characters; `fallback` when nothing is left.
pub fn file_name(name: &str, fallback: &str) -> String {
    let clean: String = name.chars().filter(|c| !c.is_control()).take(200).collect();
    let clean = clean.trim();
    if clean.is_empty() {
        fallback.to_string()
    } else {
        clean.to_string()
    }
}

/// The extension of a file name, in lower case.
fn extension(name: &str) -> String {
    name.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

/// Reads a record upload: one body typed by its `Content-Type` (named `name`, or `request.EXT`),
/// or `multipart/form-data` whose file parts are record files (named by their file names) and
/// whose other parts are text fields. An upload with no file is refused.
pub async fn records(
    req: Request,
    limit: usize,
    drain: usize,
    name: Option<&str>,
) -> Result<Upload, ApiError> {
    let media = media_type(req.headers());
    let (parts, bytes) = read_body(req, limit, drain).await?;
    let upload = match media.as_deref() {
        Some("multipart/form-data") => multipart(parts, bytes).await?,
        Some(m) => {
            let Some((_, ext)) = RECORD_TYPES.iter().find(|(t, _)| *t == m) else {
                return Err(unsupported(m));
            };
            let fallback = format!("request.{ext}");
            let mut named = file_name(name.unwrap_or(""), &fallback);
            let same_format = RECORD_TYPES
                .iter()
                .any(|(t, e)| *t == m && *e == extension(&named))
                || (*ext == "yaml" && extension(&named) == "yml");
            if !same_format {
                named = format!("{named}.{ext}");
            }
            Upload {
                files: vec![File {
                    name: named,
                    bytes: bytes.to_vec(),
                }],
                fields: HashMap::new(),
            }
        }
        None => return Err(unsupported("none")),
    };
    if upload.files.is_empty() {
        return Err(ApiError::bad_request(
            "no_records",
            "the upload holds no record file",
        ));
    }
    Ok(upload)
}

fn unsupported(media: &str) -> ApiError {
    let known: Vec<&str> = RECORD_TYPES.iter().map(|(t, _)| *t).collect();
    ApiError::unsupported(format!(
        "records cannot be read from Content-Type `{media}`; send one of {}, or multipart/form-data",
        known.join(", ")
    ))
}

async fn multipart(parts: Parts, bytes: Bytes) -> Result<Upload, ApiError> {
    let req = Request::from_parts(parts, Body::from(bytes));
    let mut form = Multipart::from_request(req, &())
        .await
        .map_err(|e| ApiError::bad_request("bad_multipart", e.body_text()))?;
    let mut upload = Upload::default();
    let bad = |e: axum::extract::multipart::MultipartError| {
        ApiError::bad_request("bad_multipart", e.body_text())
    };
    while let Some(field) = form.next_field().await.map_err(bad)? {
        let key = field.name().unwrap_or("").to_string();
        match field.file_name().map(str::to_string) {
            Some(given) => {
                let name = file_name(&given, "upload");
                if !crate::data::EXTENSIONS.contains(&extension(&name).as_str()) {
                    return Err(ApiError::unsupported(format!(
                        "`{name}` is not a record file: its name must end in one of .{}",
                        crate::data::EXTENSIONS.join(", .")
                    )));
                }
                let bytes = field.bytes().await.map_err(bad)?;
                upload.files.push(File {
                    name,
                    bytes: bytes.to_vec(),
                });
            }
            None => {
                let text = field.text().await.map_err(bad)?;
                upload.fields.insert(key, text);
            }
        }
    }
    Ok(upload)
}
