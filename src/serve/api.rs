//! The core of the API (`shared/spec/http.md`): policies, eval, check, timeline and compare,
//! each answering exactly what the command line prints for the same input.

use super::error::{json_response, text_response, ApiError};
use super::upload::{media_type, read_body};
use super::{files, App};
use crate::compare::batch::Comparison;
use crate::data::{upload::load_files, Loaded};
use crate::diag::Diagnostic;
use crate::i18n::Lang;
use crate::{report, Severity, Source};
use axum::extract::rejection::QueryRejection;
use axum::extract::{OriginalUri, Query, Request, State};
use axum::http::{Method, StatusCode};
use axum::response::Response;
use serde_json::{json, Value as Json};
use std::collections::HashMap;
use std::sync::Arc;

/// Query parameters, by name.
pub type Params = HashMap<String, String>;

/// The query parameters, or a 400 when the query cannot be read.
pub fn params(q: Result<Query<Params>, QueryRejection>) -> Result<Params, ApiError> {
    q.map(|Query(p)| p)
        .map_err(|e| ApiError::bad_request("bad_query", e.body_text()))
}

/// `GET /api/v1/policies`: one object per policy: `id`, `measure`, `version`, `path`.
pub async fn policies(State(app): State<Arc<App>>) -> Response {
    let list: Vec<Json> = app
        .policies
        .list()
        .iter()
        .map(|e| {
            json!({
                "id": e.id,
                "measure": e.policy.meta.title,
                "version": e.policy.meta.version,
                "path": e.path.display().to_string(),
            })
        })
        .collect();
    json_response(StatusCode::OK, &Json::Array(list))
}

/// One diagnostic as the API shows it: code, severity, message, help, line and column (1-based,
/// of its first label), and the file it points into.
pub fn diagnostic_json(d: &Diagnostic, lang: Lang) -> Json {
    let d = d.shown(lang);
    let at = d
        .source
        .as_ref()
        .zip(d.labels.first())
        .map(|(s, (span, _))| s.line_col(span.start));
    json!({
        "code": d.code,
        "severity": match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        },
        "message": d.message,
        "help": d.help,
        "line": at.map(|a| a.0),
        "column": at.map(|a| a.1),
        "label": d.labels.first().map(|(_, l)| l.clone()).filter(|l| !l.is_empty()),
        "source": d.source.as_ref().map(|s| s.name().to_string()),
    })
}

/// Refuses an upload of which no record could be read: 400 when it is not well-formed, 422
/// when its records break the policy's inputs; the diagnostics come with the error.
pub fn some_read(files: &[Vec<Loaded>], lang: Lang) -> Result<(), ApiError> {
    let all = || files.iter().flatten();
    if all().any(|l| l.record.is_some()) {
        return Ok(());
    }
    let diagnostics: Vec<Json> = all()
        .flat_map(|l| &l.diagnostics)
        .map(|d| diagnostic_json(d, lang))
        .collect();
    let syntax = all()
        .flat_map(|l| &l.diagnostics)
        .any(|d| matches!(d.code, "jidi::record::syntax" | "jidi::record::unreadable"));
    let error = if syntax {
        ApiError::bad_request("malformed_body", "the body holds no readable record")
    } else {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "unreadable_records",
            "no record of the body can be read by this policy",
        )
    };
    Err(error.with("diagnostics", Json::Array(diagnostics)))
}

/// `POST /api/v1/eval?policy=ID`: exactly what `jidi eval --format json` prints.
pub async fn eval(
    State(app): State<Arc<App>>,
    q: Result<Query<Params>, QueryRejection>,
    req: Request,
) -> Result<Response, ApiError> {
    let q = params(q)?;
    let entry = app.policies.find("policy", q.get("policy"))?;
    let up = app.upload(req, &q).await?;
    let lang = app.lang(&q);
    let text = app
        .work(move || {
            let files = load_files(&entry.policy, &up.files);
            some_read(&files, lang)?;
            Ok::<_, ApiError>(report::json::eval(&entry.policy, &files.concat()))
        })
        .await??;
    Ok(text_response(StatusCode::OK, "application/json", text))
}

/// The media types a policy text may come as.
const POLICY_TYPES: &[&str] = &["text/plain", "text/x-jidi", "application/octet-stream"];

/// Reads a policy text from a request body: size-capped, UTF-8.
pub async fn policy_text(app: &App, req: Request) -> Result<String, ApiError> {
    if let Some(m) = media_type(req.headers()) {
        if !POLICY_TYPES.contains(&m.as_str()) {
            return Err(ApiError::unsupported(format!(
                "a policy text is sent as {}, not `{m}`",
                POLICY_TYPES.join(", ")
            )));
        }
    }
    let (_, bytes) = read_body(
        req,
        app.options.limits.max_policy,
        app.options.limits.max_drain,
    )
    .await?;
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        ApiError::bad_request("not_utf8", format!("the policy text is not UTF-8: {e}"))
    })
}

/// Checks a policy text as the file at `name` (its calendar found beside it), unless it names a
/// file the server will not read: `(policy, diagnostics)`.
pub fn check_text(
    name: &str,
    dir: &std::path::Path,
    text: String,
) -> (Option<crate::check::Policy>, Vec<Diagnostic>) {
    let source = Source::new(name, text);
    if let Some(refused) = files::refused(&source, dir) {
        return (None, vec![refused]);
    }
    let checked = crate::check::check(&source);
    (checked.policy, checked.diagnostics)
}

/// `POST /api/v1/check[?policy=ID]`: the checker's diagnostics for a policy text, checked as the
/// policy `ID`'s file when given (else as a file beside the first policy).
pub async fn check(
    State(app): State<Arc<App>>,
    q: Result<Query<Params>, QueryRejection>,
    req: Request,
) -> Result<Response, ApiError> {
    let q = params(q)?;
    let entry = match q.get("policy") {
        Some(_) => app.policies.find("policy", q.get("policy"))?,
        None => app
            .policies
            .list()
            .into_iter()
            .next()
            .ok_or_else(|| ApiError::unknown_policy(""))?,
    };
    let text = policy_text(&app, req).await?;
    let name = if q.contains_key("policy") {
        entry.path.display().to_string()
    } else {
        entry.dir().join("request.jidi").display().to_string()
    };
    let lang = app.lang(&q);
    let dir = entry.dir();
    let answer = app
        .work(move || {
            let (_, diagnostics) = check_text(&name, &dir, text);
            json!({
                "ok": !diagnostics.iter().any(Diagnostic::is_error),
                "diagnostics": diagnostics.iter().map(|d| diagnostic_json(d, lang)).collect::<Vec<_>>(),
            })
        })
        .await?;
    Ok(json_response(StatusCode::OK, &answer))
}

/// `POST /api/v1/timeline?policy=ID&as_of=YYYY-MM-DD`: exactly what `jidi timeline --format json`
/// prints.
pub async fn timeline(
    State(app): State<Arc<App>>,
    q: Result<Query<Params>, QueryRejection>,
    req: Request,
) -> Result<Response, ApiError> {
    let q = params(q)?;
    let entry = app.policies.find("policy", q.get("policy"))?;
    let as_of = date(&q, "as_of")?;
    let Some(view) = entry.policy.history_view() else {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "no_lifecycle",
            format!("the policy `{}` states no lifecycle", entry.id),
        ));
    };
    let up = app.upload(req, &q).await?;
    let lang = app.lang(&q);
    let text = app
        .work(move || {
            let mut all = Vec::new();
            let mut diagnostics = Vec::new();
            for loaded in load_files(&view, &up.files) {
                for judged in crate::timeline::histories::judge_file(&view, loaded, as_of) {
                    diagnostics.extend(judged.diagnostics);
                    all.extend(judged.timeline);
                }
            }
            if all.is_empty() && diagnostics.iter().any(Diagnostic::is_error) {
                let shown = diagnostics
                    .iter()
                    .map(|d| diagnostic_json(d, lang))
                    .collect();
                return Err(ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "unreadable_records",
                    "no base history of the body can be read by this policy",
                )
                .with("diagnostics", Json::Array(shown)));
            }
            Ok(report::timeline::document(&view, &all))
        })
        .await??;
    Ok(text_response(StatusCode::OK, "application/json", text))
}

/// A date parameter, `YYYY-MM-DD`.
pub fn date(q: &Params, name: &str) -> Result<chrono::NaiveDate, ApiError> {
    let text = q.get(name).ok_or_else(|| ApiError::missing(name))?;
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|e| {
        ApiError::bad_request(
            "bad_date",
            format!("`{name}` must be a date YYYY-MM-DD, not `{text}`: {e}"),
        )
    })
}

/// `POST /api/v1/compare?old=ID&new=ID`: what `jidi compare --format json OLD NEW` prints.
pub async fn compare(
    State(app): State<Arc<App>>,
    q: Result<Query<Params>, QueryRejection>,
    req: Request,
) -> Result<Response, ApiError> {
    let q = params(q)?;
    let old = app.policies.find("old", q.get("old"))?;
    let new = app.policies.find("new", q.get("new"))?;
    let up = app.upload(req, &q).await?;
    let lang = app.lang(&q);
    // The rules' details, as `jidi compare` gives them, in the server's language.
    let details = app.options.lang;
    let text = app
        .work(move || {
            let olds = load_files(&old.policy, &up.files);
            let news = load_files(&new.policy, &up.files);
            let both: Vec<Vec<Loaded>> = olds.iter().chain(&news).cloned().collect();
            some_read(&both, lang)?;
            let (a, b) = (
                old.path.display().to_string(),
                new.path.display().to_string(),
            );
            let mut comparison = Comparison::default();
            // The upload is one batch: with round rules, one round.
            let files: Vec<(&[Loaded], &[Loaded])> = olds
                .iter()
                .zip(&news)
                .map(|(o, n)| (o.as_slice(), n.as_slice()))
                .collect();
            comparison.add_files((&old.policy, &a), (&new.policy, &b), &files, details);
            Ok::<_, ApiError>(comparison.document())
        })
        .await??;
    Ok(text_response(StatusCode::OK, "application/json", text))
}

/// Any path the server does not know.
pub async fn not_found(method: Method, OriginalUri(uri): OriginalUri) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        format!(
            "no such endpoint: {method} {}; GET /api/v1/openapi.json lists them",
            uri.path()
        ),
    )
}

/// A known path asked with a method it does not answer.
pub async fn method_not_allowed(method: Method, OriginalUri(uri): OriginalUri) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        format!("{} does not answer {method}", uri.path()),
    )
}
