//! What the workbench page asks beyond the core API: a policy's details and measure view, saving
//! an edited version, the diagnostics of an upload, what-ifs, the panel report and the filled
//! form — each over the library function the command line uses for the same thing.

use super::api::{diagnostic_json, params, policy_text, some_read, Params};
use super::error::{json_response, text_response, ApiError};
use super::App;
use crate::check::Policy;
use crate::data::upload::load_files;
use crate::diag::Diagnostic;
use crate::eval::RuleResult;
use crate::i18n::Lang;
use crate::report::{self, kind_name, verdict_name};
use crate::whatif::{self, CaseSpec, Park, Session, ThresholdRef, TierSpec};
use crate::Source;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value as Json};
use std::sync::Arc;

/// `GET /api/v1/policies/{id}`: the policy's text, tiers, inputs, rules and every threshold a
/// what-if can change.
pub async fn policy(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let entry = app
        .policies
        .get(&id)
        .ok_or_else(|| ApiError::unknown_policy(&id))?;
    let p = &entry.policy;
    let session = Session::new(p.clone(), Vec::new());
    let thresholds: Vec<Json> = whatif::all_comparisons(p)
        .into_iter()
        .filter_map(|(loc, cmp)| {
            let rule = p.rules.get(loc.rule)?;
            let crit = rule.per_tier.get(loc.tier)?.as_ref()?;
            let branch = crit.branches.get(loc.branch)?;
            let target = ThresholdRef {
                rule: loc.rule,
                locs: vec![loc],
            };
            Some(json!({
                "rule": rule.name,
                "article": rule.article,
                "tier": p.tiers.get(loc.tier).map(|t| t.name.clone()),
                "case": (crit.branches.len() > 1).then(|| json!(loc.branch + 1)),
                "case_text": (crit.branches.len() > 1).then(|| whatif::case_label(crit, loc.branch)),
                "check": (branch.checks.len() > 1).then(|| json!(loc.check + 1)),
                "test": branch.checks.get(loc.check).map(|c| c.text.clone()),
                "op": cmp.op.symbol(),
                "threshold": session.threshold_text(&target),
                "unit": crate::data::sheet::unit_of(p, &cmp.figure_ty),
                "describe": target.describe(p),
            }))
        })
        .collect();
    let answer = json!({
        "id": entry.id,
        "path": entry.path.display().to_string(),
        "measure": p.meta.title,
        "version": p.meta.version,
        "text": p.source.text(),
        "tiers": p.tiers.iter().map(|t| t.name.clone()).collect::<Vec<_>>(),
        "inputs": p.inputs.iter().map(|i| json!({
            "name": i.name,
            "type": p.type_name(&i.ty),
            "optional": i.optional,
        })).collect::<Vec<_>>(),
        "rules": p.rules.iter().map(|r| json!({
            "name": r.name,
            "article": r.article,
            "group": r.group,
            "role": match r.role {
                crate::check::RuleRole::Condition => "condition",
                crate::check::RuleRole::Veto => "veto",
                crate::check::RuleRole::Indicator => "indicator",
            },
        })).collect::<Vec<_>>(),
        "lets": p.lets.iter().map(|l| json!({"name": l.name, "type": p.type_name(&l.ty)})).collect::<Vec<_>>(),
        "thresholds": thresholds,
        "has_lifecycle": p.lifecycle.is_some(),
    });
    Ok(json_response(StatusCode::OK, &answer))
}

/// `GET /api/v1/policies/{id}/doc?lang=zh|en`: the measure view, as `jidi doc` writes it.
pub async fn doc(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    q: Result<Query<Params>, QueryRejection>,
) -> Result<Response, ApiError> {
    let q = params(q)?;
    let entry = app
        .policies
        .get(&id)
        .ok_or_else(|| ApiError::unknown_policy(&id))?;
    let lang = app.lang(&q);
    let page = app
        .work(move || {
            crate::syntax::parse_policy(&entry.policy.source)
                .map(|ast| report::doc::page(&entry.policy, &ast, lang))
                .map_err(|_| ApiError::internal("the loaded policy no longer parses"))
        })
        .await??;
    Ok(text_response(
        StatusCode::OK,
        "text/html; charset=utf-8",
        page,
    ))
}

/// `POST /api/v1/policies/{id}/versions[?name=NAME]`: checks an edited text like `jidi check`
/// and, when it has no error, saves it beside policy `id` as a new version and loads it.
pub async fn save(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    q: Result<Query<Params>, QueryRejection>,
    req: Request,
) -> Result<Response, ApiError> {
    let q = params(q)?;
    let base = app
        .policies
        .get(&id)
        .ok_or_else(|| ApiError::unknown_policy(&id))?;
    let text = policy_text(&app, req).await?;
    let target = app
        .policies
        .version_path(&base, q.get("name").map(String::as_str))?;
    let lang = app.lang(&q);
    let worker = Arc::clone(&app);
    let answer = app
        .work(move || {
            let name = target.display().to_string();
            let (policy, diagnostics) = super::api::check_text(&name, &base.dir(), text.clone());
            let shown: Vec<Json> = diagnostics
                .iter()
                .map(|d| diagnostic_json(d, lang))
                .collect();
            let Some(policy) = policy else {
                return Err(ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "policy_errors",
                    "the policy has errors and was not saved",
                )
                .with("diagnostics", Json::Array(shown)));
            };
            let entry = worker.policies.save(&target, &text, policy)?;
            Ok(json!({
                "id": entry.id,
                "path": entry.path.display().to_string(),
                "measure": entry.policy.meta.title,
                "version": entry.policy.meta.version,
                "diagnostics": shown,
            }))
        })
        .await??;
    Ok(json_response(StatusCode::CREATED, &answer))
}

/// `POST /api/v1/load?policy=ID`: how the records of an upload read: each record's place and
/// name, and every diagnostic, located as on the command line.
pub async fn load(
    State(app): State<Arc<App>>,
    q: Result<Query<Params>, QueryRejection>,
    req: Request,
) -> Result<Response, ApiError> {
    let q = params(q)?;
    let entry = app.policies.find("policy", q.get("policy"))?;
    let up = app.upload(req, &q).await?;
    let lang = app.lang(&q);
    let answer = app
        .work(move || {
            let files = load_files(&entry.policy, &up.files);
            let mut records = Vec::new();
            let mut diagnostics = Vec::new();
            for loaded in &files {
                let several = loaded.len() > 1;
                for item in loaded {
                    records.push(json!({
                        "place": item.place(several),
                        "name": item.name,
                        "read": item.record.is_some(),
                    }));
                    diagnostics.extend(item.diagnostics.iter().cloned());
                }
            }
            json!({
                "records": records,
                "diagnostics": diagnostics.iter().map(|d| diagnostic_json(d, lang)).collect::<Vec<_>>(),
                "text": crate::diag::render(&diagnostics, lang, false, 100),
            })
        })
        .await?;
    Ok(json_response(StatusCode::OK, &answer))
}

/// One what-if change as the page sends it.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Change {
    /// An indicator whose threshold changes.
    threshold: Option<String>,
    /// A tier name, or `all`.
    tier: Option<String>,
    /// A case among `when` branches: its number, `else`, or its guard's text.
    case: Option<Json>,
    /// A check among several (1-based).
    check: Option<usize>,
    /// An input whose figure changes for one park (`park`).
    figure: Option<String>,
    /// `#N` (1-based, in upload order) or the park's name.
    park: Option<String>,
    /// A derived value (`let`).
    #[serde(rename = "let")]
    value_of: Option<String>,
    /// The new value as the policy writes one: `3500 万元/公顷`, `55%`, `unknown`.
    value: String,
}

fn bad_change(message: impl Into<String>, diagnostics: &[Diagnostic], lang: Lang) -> ApiError {
    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "bad_change", message).with(
        "diagnostics",
        Json::Array(
            diagnostics
                .iter()
                .map(|d| diagnostic_json(d, lang))
                .collect(),
        ),
    )
}

fn override_of(session: &Session, c: &Change, lang: Lang) -> Result<whatif::Override, ApiError> {
    let policy = session.policy();
    let source = Source::new("value", c.value.clone());
    let refused = |ds: Vec<Diagnostic>| bad_change("the change cannot be made", &ds, lang);
    if let Some(name) = &c.threshold {
        let rule = policy
            .rule_index(name)
            .ok_or_else(|| bad_change(format!("no rule is named `{name}`"), &[], lang))?;
        let tier = match c.tier.as_deref() {
            None => TierSpec::Unsaid,
            Some("all") => TierSpec::All,
            Some(t) => TierSpec::One(
                policy
                    .tier_index(t)
                    .ok_or_else(|| bad_change(format!("`{t}` is not a tier"), &[], lang))?,
            ),
        };
        let case = match &c.case {
            None | Some(Json::Null) => None,
            Some(Json::Number(n)) => Some(CaseSpec::Index(
                n.as_u64()
                    .and_then(|n| usize::try_from(n).ok())
                    .unwrap_or(0),
            )),
            Some(Json::String(s)) if s == "else" => Some(CaseSpec::Else),
            Some(Json::String(s)) => Some(CaseSpec::Guard(s.clone())),
            Some(other) => return Err(bad_change(format!("`case` cannot be {other}"), &[], lang)),
        };
        let target = ThresholdRef::resolve(policy, rule, tier, case.as_ref(), c.check)
            .map_err(|d| refused(vec![d]))?;
        return session.threshold_override(target, &source).map_err(refused);
    }
    if let Some(input) = &c.figure {
        let park = c
            .park
            .as_deref()
            .ok_or_else(|| bad_change("a figure change names its `park`", &[], lang))?;
        let park = session.find_park(park).map_err(|d| refused(vec![d]))?;
        let input = policy
            .input_index(input)
            .ok_or_else(|| bad_change(format!("`{input}` is not an input"), &[], lang))?;
        return session
            .figure_override(park, input, &source)
            .map_err(refused);
    }
    if let Some(name) = &c.value_of {
        let index = policy
            .lets
            .iter()
            .position(|l| &l.name == name)
            .ok_or_else(|| bad_change(format!("no derived value is named `{name}`"), &[], lang))?;
        return session.let_override(index, &source).map_err(refused);
    }
    Err(bad_change(
        "a change names a `threshold`, a `figure` (with its `park`) or a `let`",
        &[],
        lang,
    ))
}

fn counts_json(counts: &whatif::Counts) -> Json {
    Json::Array(
        counts
            .tiers
            .iter()
            .map(|(tier, c)| {
                json!({
                    "tier": tier,
                    "eligible": c.eligible,
                    "not_eligible": c.not_eligible,
                    "undetermined": c.undetermined,
                })
            })
            .collect(),
    )
}

/// A rule whose status flips; its details in `lang`, for the page to show.
fn rule_change(
    before: &Policy,
    after: &Policy,
    (b, a): &(RuleResult, RuleResult),
    lang: Lang,
) -> Json {
    let def = after.rules.get(a.rule).or_else(|| before.rules.get(b.rule));
    json!({
        "name": def.map(|d| d.name.clone()),
        "article": def.map(|d| d.article.clone()),
        "kind": def.map(|d| kind_name(d, a)),
        "before": b.status.as_str(),
        "after": a.status.as_str(),
        "before_detail": report::explain(before, b, lang),
        "after_detail": report::explain(after, a, lang),
    })
}

/// `POST /api/v1/whatif?policy=ID`: the records of the upload, the changes (a JSON array, in the
/// multipart field `changes` or the query parameter `changes`), and which parks flip — the
/// REPL's `threshold`, `figure` and `let`, over the same what-if session.
pub async fn whatif(
    State(app): State<Arc<App>>,
    q: Result<Query<Params>, QueryRejection>,
    req: Request,
) -> Result<Response, ApiError> {
    let q = params(q)?;
    let entry = app.policies.find("policy", q.get("policy"))?;
    let up = app.upload(req, &q).await?;
    let lang = app.lang(&q);
    let text = up
        .fields
        .get("changes")
        .or_else(|| q.get("changes"))
        .cloned()
        .unwrap_or_else(|| "[]".into());
    let changes: Vec<Change> = serde_json::from_str(&text).map_err(|e| {
        ApiError::bad_request(
            "bad_changes",
            format!("`changes` is not a JSON array of changes: {e}"),
        )
    })?;
    let answer = app
        .work(move || {
            let files = load_files(&entry.policy, &up.files);
            some_read(&files, lang)?;
            let mut parks = Vec::new();
            for loaded in &files {
                let several = loaded.len() > 1;
                for item in loaded {
                    let place = item.place(several);
                    if let Some(record) = &item.record {
                        parks.push(Park {
                            name: item.name.clone().unwrap_or_else(|| place.clone()),
                            place,
                            record: record.clone(),
                        });
                    }
                }
            }
            let mut session = Session::new(entry.policy.clone(), parks);
            let mut overrides = Vec::new();
            for c in &changes {
                let o = override_of(&session, c, lang)?;
                let target = match &o.target {
                    whatif::Target::Threshold(t) => t.describe(session.policy()),
                    whatif::Target::Let(i) => session
                        .policy()
                        .lets
                        .get(*i)
                        .map_or_else(String::new, |l| l.name.clone()),
                    whatif::Target::Figure { park, input } => format!(
                        "{} · {}",
                        session.parks().get(*park).map_or("", |p| p.name.as_str()),
                        session.policy().inputs.get(*input).map_or("", |i| i.name.as_str())
                    ),
                };
                overrides.push(json!({"target": target, "was": o.was, "now": o.shown}));
                session.push(o);
            }
            let ch = session.since_loaded();
            let flips: Vec<Json> = ch
                .flips
                .iter()
                .map(|f| {
                    let park = session.parks().get(f.park);
                    json!({
                        "park": f.park + 1,
                        "name": park.map(|p| p.name.clone()),
                        "place": park.map(|p| p.place.clone()),
                        "before": verdict_name(f.before),
                        "after": verdict_name(f.after),
                        "rules": f.rules.iter().map(|r| rule_change(session.base(), session.policy(), r, lang)).collect::<Vec<_>>(),
                    })
                })
                .collect();
            Ok::<_, ApiError>(json!({
                "overrides": overrides,
                "before": counts_json(&ch.before),
                "after": counts_json(&ch.after),
                "flips": flips,
                "quiet": ch.quiet,
                "parks": session.parks().len(),
            }))
        })
        .await??;
    Ok(json_response(StatusCode::OK, &answer))
}

fn attachment(content_type: &'static str, file: &str, body: Vec<u8>) -> Response {
    let mut r = (StatusCode::OK, body).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{file}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

/// `POST /api/v1/report?policy=ID[&format=html|md]`: the panel report, as `jidi report` writes it.
pub async fn report(
    State(app): State<Arc<App>>,
    q: Result<Query<Params>, QueryRejection>,
    req: Request,
) -> Result<Response, ApiError> {
    let q = params(q)?;
    let entry = app.policies.find("policy", q.get("policy"))?;
    let markdown = match q.get("format").map(String::as_str) {
        None | Some("html") => false,
        Some("md") => true,
        Some(other) => {
            return Err(ApiError::bad_request(
                "bad_parameter",
                format!("`format` is `html` or `md`, not `{other}`"),
            ))
        }
    };
    let up = app.upload(req, &q).await?;
    let lang = app.lang(&q);
    let text = app
        .work(move || {
            let files = load_files(&entry.policy, &up.files);
            some_read(&files, lang)?;
            let batch = report::panel::batch(&entry.policy, &files);
            let today = chrono::Local::now().date_naive();
            let ctx = report::panel::Context::new(&entry.policy, lang, today);
            let panel = report::panel::build(&entry.policy, &batch, &ctx);
            Ok::<_, ApiError>(if markdown {
                report::markdown::render(&panel)
            } else {
                report::html::render(&panel)
            })
        })
        .await??;
    Ok(if markdown {
        attachment(
            "text/markdown; charset=utf-8",
            "report.md",
            text.into_bytes(),
        )
    } else {
        attachment("text/html; charset=utf-8", "report.html", text.into_bytes())
    })
}

/// `POST /api/v1/template?policy=ID`: the form filled with the upload's records, as
/// `jidi template --fill` writes it; without a body, the blank form.
pub async fn template(
    State(app): State<Arc<App>>,
    q: Result<Query<Params>, QueryRejection>,
    req: Request,
) -> Result<Response, ApiError> {
    let q = params(q)?;
    let entry = app.policies.find("policy", q.get("policy"))?;
    let blank = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .is_some_and(|v| v.as_bytes() == b"0");
    let files = if blank {
        Vec::new()
    } else {
        app.upload(req, &q).await?.files
    };
    let lang = app.lang(&q);
    let bytes = app
        .work(move || {
            let loaded = load_files(&entry.policy, &files);
            if !files.is_empty() {
                some_read(&loaded, lang)?;
            }
            let records: Vec<crate::value::Record> = loaded
                .into_iter()
                .flatten()
                .filter_map(|l| l.record)
                .collect();
            crate::data::sheet::template::workbook(&entry.policy, &records)
                .map_err(|d| ApiError::internal(d.message.render(lang)))
        })
        .await??;
    Ok(attachment(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "template.xlsx",
        bytes,
    ))
}
