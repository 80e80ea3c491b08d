//! Policy test files: records with the verdicts, rule statuses and figures a policy must give
//! them, so that a revision cannot change an outcome by accident (`jidi test`).
//!
//! A test file is YAML beside its policy (`NAME.test.yaml`):
//!
//! ```yaml
//! policy: sichuan-2023-draft.jidi        # relative to this file
//! base: ../examples/01-成都电子信息示范.json  # optional: what `with:` cases start from
//! cases:
//!   - name: 第九条 三年内重大事故否决
//!     record: ../examples/09-泸州能源化工示范-重大事故否决.json
//!     verdict: not_eligible
//!     rules: { 重大生产安全事故: fail }
//!   - name: 附件 指标3 恰好 4000 万元/公顷
//!     with: { 营业收入: 200.04, 工业用地面积: 500.1 }
//!     verdict: eligible
//!     rules: { 工业用地地均收入: pass }
//!     figures: { 工业用地地均收入: 4000 万元/公顷 }
//! ```

use crate::check::ir::{Policy, Type};
use crate::data;
use crate::diag::Diagnostic;
use crate::eval::Judgement;
use crate::report::{explain, figure_text, rule_figure_text, verdict_name};
use crate::source::{Source, Span};
use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::Value as Json;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    policy: PathBuf,
    #[serde(default)]
    base: Option<serde_yaml::Value>,
    cases: Vec<CaseSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseSpec {
    name: String,
    #[serde(default)]
    record: Option<serde_yaml::Value>,
    #[serde(default, rename = "with")]
    with: Option<serde_yaml::Mapping>,
    #[serde(default)]
    verdict: Option<String>,
    #[serde(default)]
    rules: IndexMap<String, String>,
    #[serde(default)]
    figures: IndexMap<String, String>,
}

/// A loaded test file: its policy and cases.
#[derive(Debug)]
pub struct TestFile {
    pub path: PathBuf,
    pub policy_path: PathBuf,
    pub cases: Vec<Case>,
}

/// One case: a record and what the policy must say about it.
#[derive(Debug)]
pub struct Case {
    pub name: String,
    pub record: Json,
    /// Where the record came from, for messages.
    pub origin: String,
    pub verdict: Option<String>,
    pub rules: IndexMap<String, String>,
    pub figures: IndexMap<String, String>,
}

/// What running one case found.
#[derive(Debug)]
pub struct Outcome {
    pub name: String,
    /// Each difference from the expectation, explained; empty when the case passes.
    pub failures: Vec<String>,
}

fn yaml_to_json(v: serde_yaml::Value) -> Result<Json, String> {
    serde_json::to_value(v).map_err(|e| e.to_string())
}

/// Reads a record given by path (relative to the test file) or inline.
fn record_of(dir: &Path, v: serde_yaml::Value) -> Result<(Json, String), String> {
    match v {
        serde_yaml::Value::String(path) => {
            let full = dir.join(&path);
            let text = std::fs::read_to_string(&full)
                .map_err(|e| format!("cannot read {}: {e}", full.display()))?;
            let lower = path.to_ascii_lowercase();
            let json = if lower.ends_with(".toml") {
                let t: toml::Value = toml::from_str(&text).map_err(|e| format!("{path}: {e}"))?;
                serde_json::to_value(t).map_err(|e| e.to_string())?
            } else if lower.ends_with(".yaml") || lower.ends_with(".yml") {
                serde_yaml::from_str(&text).map_err(|e| format!("{path}: {e}"))?
            } else {
                serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?
            };
            Ok((json, path))
        }
        inline => Ok((yaml_to_json(inline)?, "inline".into())),
    }
}

impl TestFile {
    /// Reads and validates a test file.
    pub fn read(path: &Path) -> Result<TestFile, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let mut spec_value: serde_yaml::Value = serde_yaml::from_str(&text)
            .map_err(|e| format!("{}: not a valid test file: {e}", path.display()))?;
        spec_value
            .apply_merge()
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let spec: FileSpec = serde_yaml::from_value(spec_value)
            .map_err(|e| format!("{}: not a valid test file: {e}", path.display()))?;
        let dir = path.parent().unwrap_or(Path::new("."));
        let base = spec.base.map(|b| record_of(dir, b)).transpose()?;
        let mut cases = Vec::new();
        for c in spec.cases {
            let (mut record, origin) = match (c.record, &base) {
                (Some(r), _) => record_of(dir, r)?,
                (None, Some((b, origin))) => (b.clone(), format!("base {origin}")),
                (None, None) => {
                    return Err(format!(
                        "{}: case `{}` has no record and the file no base",
                        path.display(),
                        c.name
                    ))
                }
            };
            if let Some(with) = c.with {
                let Json::Object(fields) = &mut record else {
                    return Err(format!("case `{}`: its record is not an object", c.name));
                };
                for (k, v) in with {
                    let key = match k {
                        serde_yaml::Value::String(s) => s,
                        other => format!("{other:?}"),
                    };
                    let v = yaml_to_json(v)?;
                    if v.is_null() {
                        fields.remove(&key);
                    } else {
                        fields.insert(key, v);
                    }
                }
            }
            cases.push(Case {
                name: c.name,
                record,
                origin,
                verdict: c.verdict,
                rules: c.rules,
                figures: c.figures,
            });
        }
        Ok(TestFile {
            path: path.to_path_buf(),
            policy_path: dir.join(spec.policy),
            cases,
        })
    }
}

/// Runs one case against a checked policy.
pub fn run_case(policy: &Policy, case: &Case) -> Outcome {
    let mut failures = Vec::new();
    let source = Source::new(
        format!("{} ({})", case.name, case.origin),
        case.record.to_string(),
    );
    let loaded = data::record(policy, &source, 0, &case.record, Span::new(0, 0));
    let messages = |ds: &[Diagnostic]| {
        ds.iter()
            .filter(|d| d.is_error())
            .map(|d| d.message.clone())
            .collect::<Vec<_>>()
    };
    let Some(record) = &loaded.record else {
        failures.push(format!(
            "the record cannot be read: {}",
            messages(&loaded.diagnostics).join("; ")
        ));
        return Outcome {
            name: case.name.clone(),
            failures,
        };
    };
    let j = policy.judge(record);
    if let Some(want) = &case.verdict {
        let got = verdict_name(j.verdict);
        if want != got {
            failures.push(format!(
                "verdict: expected {want}, got {got}{}",
                blocking(policy, &j)
            ));
        }
    }
    for (rule, want) in &case.rules {
        match result_of(policy, &j, rule) {
            None => failures.push(format!("rule `{rule}`: the policy has no such rule")),
            Some(r) if r.status.as_str() != want => failures.push(format!(
                "rule `{rule}`: expected {want}, got {} — {}",
                r.status.as_str(),
                explain(policy, r)
            )),
            Some(_) => {}
        }
    }
    for (rule, want) in &case.figures {
        let Some(r) = result_of(policy, &j, rule) else {
            failures.push(format!("figure of `{rule}`: the policy has no such rule"));
            continue;
        };
        let Some(rule_def) = policy.rules.get(r.rule) else {
            continue;
        };
        let got = r
            .checks
            .first()
            .filter(|_| r.checks.len() == 1)
            .and_then(|c| figure_text(policy, c))
            .or_else(|| rule_figure_text(policy, rule_def, r));
        let matches = match (&got, &rule_def.figure) {
            (Some(g), _) if squash(g) == squash(want) => true,
            (_, Some((_, ty @ Type::Num(_)))) => same_number(policy, ty, r.figure.as_ref(), want),
            _ => false,
        };
        if !matches {
            failures.push(format!(
                "figure of `{rule}`: expected {want}, got {}",
                got.as_deref().unwrap_or("none")
            ));
        }
    }
    Outcome {
        name: case.name.clone(),
        failures,
    }
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether `want` (a number, with or without a unit) is the figure, exactly, after conversion.
fn same_number(policy: &Policy, ty: &Type, got: Option<&crate::value::Value>, want: &str) -> bool {
    let parsed = data::convert::value(policy, ty, &Json::String(want.to_string()), "", "");
    matches!((parsed, got), (Ok(crate::value::Value::Num(a)), Some(crate::value::Value::Num(b))) if a == *b)
}

fn result_of<'a>(
    policy: &Policy,
    j: &'a Judgement,
    rule: &str,
) -> Option<&'a crate::eval::RuleResult> {
    let idx = policy.rule_index(rule)?;
    j.results.iter().find(|r| r.rule == idx)
}

/// The rules behind a verdict: those that failed or could not be judged, and block.
fn blocking(policy: &Policy, j: &Judgement) -> String {
    let parts: Vec<String> = j
        .results
        .iter()
        .filter(|r| {
            matches!(
                r.status,
                crate::eval::Status::Fail | crate::eval::Status::Unknown
            )
        })
        .filter(|r| {
            !matches!(
                policy.class_of(r),
                Some(crate::syntax::ast::RuleClass::Guidance)
            )
        })
        .filter_map(|r| {
            let def = policy.rules.get(r.rule)?;
            Some(format!(
                "{} {} {}: {}",
                def.article,
                def.name,
                r.status.as_str(),
                explain(policy, r)
            ))
        })
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" because\n      {}", parts.join("\n      "))
    }
}

/// The articles of rules that no case asserts a status for.
pub fn uncovered(policy: &Policy, cases: &[Case]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in &policy.rules {
        let covered = cases.iter().any(|c| c.rules.contains_key(&r.name));
        if !covered && !out.contains(&r.article) {
            out.push(r.article.clone());
        }
    }
    out
}

/// Finds test files: the files given, and every `*.test.yaml` under the directories given.
pub fn discover(paths: &[PathBuf]) -> Vec<PathBuf> {
    data::walk(paths, &|p| p.to_string_lossy().ends_with(".test.yaml"))
}
