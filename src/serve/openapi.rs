//! The OpenAPI 3 document of the API: every endpoint, its parameters, bodies and answers.

use super::error::json_response;
use super::upload::RECORD_TYPES;
use super::App;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{json, Map, Value as Json};
use std::sync::Arc;

/// `GET /api/v1/openapi.json`.
pub async fn document(State(app): State<Arc<App>>) -> Response {
    json_response(StatusCode::OK, &spec(&app))
}

fn query(name: &str, required: bool, description: &str) -> Json {
    json!({"name": name, "in": "query", "required": required, "schema": {"type": "string"}, "description": description})
}

fn path_id() -> Json {
    json!({"name": "id", "in": "path", "required": true, "schema": {"type": "string"}, "description": "a policy id (its file stem)"})
}

fn errors(codes: &[(&str, &str)]) -> Map<String, Json> {
    let mut m = Map::new();
    for (status, what) in codes {
        m.insert(
            (*status).to_string(),
            json!({"description": what, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}),
        );
    }
    m
}

/// The request body of endpoints that read records.
fn records_body(limit: usize) -> Json {
    let mut content = Map::new();
    for (media, ext) in RECORD_TYPES {
        content.insert(
            (*media).to_string(),
            json!({"schema": {"type": "string", "format": "binary"}, "x-read-as": format!(".{ext}")}),
        );
    }
    content.insert(
        "multipart/form-data".into(),
        json!({"schema": {"type": "object", "properties": {
            "records": {"type": "array", "items": {"type": "string", "format": "binary"},
                        "description": "record files, read by their file names' extensions; a CSV file's sidecars (申报.事件.csv) with it"},
            "changes": {"type": "string", "description": "what-if only: a JSON array of changes"}
        }}}),
    );
    json!({
        "required": true,
        "description": format!("one record or a JSON array of records as in a record file (NDJSON, TOML, YAML too), a spreadsheet, or several files as multipart/form-data; at most {limit} bytes"),
        "content": content,
    })
}

fn answer(description: &str, media: &str, schema: Json) -> Json {
    json!({"description": description, "content": {media: {"schema": schema}}})
}

fn op(
    summary: &str,
    parameters: Vec<Json>,
    body: Option<Json>,
    ok: (&str, Json),
    errs: &[(&str, &str)],
) -> Json {
    let mut responses = errors(errs);
    responses.insert(ok.0.to_string(), ok.1);
    let mut o = json!({"summary": summary, "parameters": parameters, "responses": responses});
    if let (Some(b), Some(map)) = (body, o.as_object_mut()) {
        map.insert("requestBody".into(), b);
    }
    o
}

fn spec(app: &App) -> Json {
    let limits = &app.options.limits;
    let up = limits.max_upload;
    let lang = query(
        "lang",
        false,
        "zh or en: the language of help lines (default: the server's)",
    );
    let name = query(
        "name",
        false,
        "the file name a single-body upload is reported under (default request.EXT)",
    );
    let common = [
        ("400", "a malformed request, parameter or body"),
        (
            "401",
            "no or a wrong bearer token (when the server has one)",
        ),
        ("404", "an unknown policy id"),
        ("408", "the request did not complete in time"),
        ("413", "the body is larger than the limit"),
        ("415", "a Content-Type the endpoint does not read"),
        ("422", "the body holds no record the policy can read"),
    ];
    let json_any = json!({});
    let security = if app.options.token.is_some() {
        json!([{"bearer": []}])
    } else {
        json!([])
    };
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "jidi serve",
            "version": env!("CARGO_PKG_VERSION"),
            "description": format!(
                "The HTTP API of jidi (基地): policies for provincial industrial-park titles. Results are exactly what the command line prints for the same input. Errors are {{\"error\": {{\"code\", \"message\"}}}}. Record uploads are limited to {up} bytes, policy texts to {} bytes; at most {} requests are handled at once, each within {} s.",
                limits.max_policy, limits.in_flight, limits.request_timeout.as_secs()
            ),
        },
        "security": security,
        "paths": {
            "/api/v1/policies": {"get": op("The policies given on the command line (and versions saved since)", vec![], None,
                ("200", answer("one object per policy", "application/json", json!({"type": "array", "items": {"$ref": "#/components/schemas/PolicyRef"}}))), &common[1..2])},
            "/api/v1/policies/{id}": {"get": op("A policy's text, tiers, inputs, rules and thresholds", vec![path_id()], None,
                ("200", answer("the policy", "application/json", json_any.clone())), &[common[1], common[2]])},
            "/api/v1/policies/{id}/doc": {"get": op("The measure view: each article with its quoted text, rules and assumptions (as `jidi doc`)", vec![path_id(), lang.clone()], None,
                ("200", answer("an HTML page", "text/html", json!({"type": "string"}))), &[common[1], common[2]])},
            "/api/v1/policies/{id}/versions": {"post": op("Check an edited policy text like `jidi check` and save it beside policy id as a new version (atomically, never over a file)",
                vec![path_id(), query("name", false, "the new file's name (default STEM.vN)"), lang.clone()],
                Some(json!({"required": true, "content": {"text/plain": {"schema": {"type": "string"}}}})),
                ("201", answer("the saved version", "application/json", json_any.clone())),
                &[common[0], common[1], common[2], ("409", "the file exists, or the server holds its limit of policies"), common[4], common[5], ("422", "the text has errors; their diagnostics come with the error")])},
            "/api/v1/eval": {"post": op("Judge records: exactly what `jidi eval --format json` prints", vec![query("policy", true, "a policy id"), name.clone(), lang.clone()], Some(records_body(up)),
                ("200", answer("one object per record, in input order", "application/json", json!({"type": "array", "items": {"$ref": "#/components/schemas/Judgement"}}))), &common)},
            "/api/v1/check": {"post": op("Check a policy text: the diagnostics of `jidi check`", vec![query("policy", false, "check the text as this policy's file (its calendar beside it)"), lang.clone()],
                Some(json!({"required": true, "content": {"text/plain": {"schema": {"type": "string"}}}})),
                ("200", answer("the diagnostics", "application/json", json!({"type": "object", "properties": {"ok": {"type": "boolean"}, "diagnostics": {"type": "array", "items": {"$ref": "#/components/schemas/Diagnostic"}}}}))),
                &[common[0], common[1], common[2], common[4], common[5]])},
            "/api/v1/timeline": {"post": op("The status of titled bases on a date: exactly what `jidi timeline --format json` prints",
                vec![query("policy", true, "a policy id"), query("as_of", true, "the date, YYYY-MM-DD"), name.clone(), lang.clone()], Some(records_body(up)),
                ("200", answer("one object per base", "application/json", json!({"type": "array", "items": {"$ref": "#/components/schemas/Timeline"}}))), &common)},
            "/api/v1/compare": {"post": op("What a revision changes in the outcomes: what `jidi compare --format json` prints",
                vec![query("old", true, "the old policy's id"), query("new", true, "the new policy's id"), name.clone(), lang.clone()], Some(records_body(up)),
                ("200", answer("changes, totals and unreadable records", "application/json", json_any.clone())), &common)},
            "/api/v1/load": {"post": op("How an upload reads: each record's place and name, and every diagnostic located as on the command line",
                vec![query("policy", true, "a policy id"), name.clone(), lang.clone()], Some(records_body(up)),
                ("200", answer("records and diagnostics", "application/json", json_any.clone())), &common[..6])},
            "/api/v1/whatif": {"post": op("Change thresholds, derived values or a park's figures and see which parks flip (the REPL's threshold, let and figure)",
                vec![query("policy", true, "a policy id"), query("changes", false, "a JSON array of changes: {threshold, tier?, case?, check?, value} | {figure, park, value} | {let, value}"), name.clone(), lang.clone()],
                Some(records_body(up)),
                ("200", answer("counts before and after, and the parks that flip with the rules that changed", "application/json", json_any.clone())), &common)},
            "/api/v1/report": {"post": op("The panel report, as `jidi report` writes it", vec![query("policy", true, "a policy id"), query("format", false, "html (default) or md"), name.clone()], Some(records_body(up)),
                ("200", answer("a self-contained HTML page (or Markdown)", "text/html", json!({"type": "string"}))), &common)},
            "/api/v1/template": {"post": op("The spreadsheet form, filled with the upload's records (blank without a body), as `jidi template` writes it",
                vec![query("policy", true, "a policy id"), name], Some(records_body(up)),
                ("200", answer("an .xlsx workbook", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", json!({"type": "string", "format": "binary"}))), &common)},
            "/api/v1/openapi.json": {"get": op("This document", vec![], None, ("200", answer("OpenAPI 3", "application/json", json_any)), &[])},
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object", "required": ["code", "message"], "properties": {
                    "code": {"type": "string"}, "message": {"type": "string"},
                    "diagnostics": {"type": "array", "items": {"$ref": "#/components/schemas/Diagnostic"}}}}}},
                "Diagnostic": {"type": "object", "required": ["code", "severity", "message"], "properties": {
                    "code": {"type": "string", "example": "jidi::unit_mismatch"},
                    "severity": {"type": "string", "enum": ["error", "warning", "note"]},
                    "message": {"type": "string"}, "help": {"type": "string", "nullable": true},
                    "line": {"type": "integer", "nullable": true}, "column": {"type": "integer", "nullable": true},
                    "label": {"type": "string", "nullable": true}, "source": {"type": "string", "nullable": true}}},
                "PolicyRef": {"type": "object", "required": ["id", "measure", "version", "path"], "properties": {
                    "id": {"type": "string"}, "measure": {"type": "string"}, "version": {"type": "string", "nullable": true}, "path": {"type": "string"}}},
                "Judgement": {"type": "object", "required": ["verdict"], "properties": {
                    "name": {"type": "string", "nullable": true}, "tier": {"type": "string", "nullable": true},
                    "verdict": {"type": "string", "enum": ["eligible", "not_eligible", "undetermined", "rejected"]},
                    "indicators": {"type": "array", "items": {"type": "object", "properties": {
                        "name": {"type": "string"}, "kind": {"type": "string"},
                        "status": {"type": "string", "enum": ["pass", "fail", "unknown", "not_applicable"]},
                        "article": {"type": "string"}, "figure": {"type": "string"}, "threshold": {"type": "string"}, "margin": {"type": "string"}}}}}},
                "Timeline": {"type": "object", "required": ["name", "status", "reasons"], "properties": {
                    "name": {"type": "string", "nullable": true},
                    "status": {"type": "string", "enum": ["pending", "active", "revoked", "lapsed", "excluded"]},
                    "reasons": {"type": "array", "items": {"type": "object"}}}},
            },
        },
    })
}
