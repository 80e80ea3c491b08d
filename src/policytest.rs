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
//!   - name: 第三条 已获市级资金的项目不予支持
//!     with: { 获得过其他市级财政资金支持: true }
//!     decisions: { 资金支持: not_eligible }   # named decisions (or their articles)
//! ```
//!
//! A case with `as_of` is a timeline case: its record (`history:`, or the file's `history:` base
//! with `with:` changes) is a base-history record, and `timeline:` says what the lifecycle gives
//! it on that date. `stars:` gives the stars each named scheme awards an annual record:
//!
//! ```yaml
//! history: histories/base.json
//! cases:
//!   - name: 评估不合格预警 — a failed assessment puts the base under warning
//!     with: { 评估: [{ 日期: 2024-06-30, 结果: 不合格 }] }
//!     as_of: 2024-07-01
//!     timeline: { status: active, state: 预警, since: 2024-06-30, history: [认定公告, 评估不合格预警] }
//!   - name: 总体星级 五星
//!     record: annual/01.json
//!     stars: { 总体星级: 5, 创新能力星级: undetermined }
//! ```

use crate::check::ir::{Policy, Type};
use crate::data;
use crate::diag::catalogue::{decision_lines, io_why, test_failure as fail, test_file};
use crate::diag::text::{Arg, Text};
use crate::diag::Diagnostic;
use crate::eval::Judgement;
use crate::i18n::{word_of_name, Lang};
use crate::report::{explain, figure_text_in, rule_figure_text, verdict_name};
use crate::source::{Source, Span};
use crate::syntax::ast::Verdict;
use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::Value as Json;
use std::path::{Path, PathBuf};

mod round;
mod timeline;

pub use round::RoundExpect;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    policy: PathBuf,
    #[serde(default)]
    base: Option<serde_yaml::Value>,
    /// The base-history record timeline cases start from.
    #[serde(default)]
    history: Option<serde_yaml::Value>,
    cases: Vec<CaseSpec>,
}

/// What a timeline case expects; every part is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct TimelineSpec {
    #[serde(default)]
    status: Option<serde_yaml::Value>,
    #[serde(default)]
    state: Option<serde_yaml::Value>,
    #[serde(default)]
    since: Option<serde_yaml::Value>,
    #[serde(default)]
    tier: Option<serde_yaml::Value>,
    #[serde(default)]
    lists: Option<Vec<serde_yaml::Value>>,
    #[serde(default)]
    undetermined: Option<Vec<serde_yaml::Value>>,
    #[serde(default)]
    suspended: Option<Vec<serde_yaml::Value>>,
    #[serde(default)]
    next: IndexMap<String, serde_yaml::Value>,
    #[serde(default)]
    history: Option<Vec<serde_yaml::Value>>,
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
    /// A figure as text (`6000 万元/公顷`), or a bare number in the figure's own unit, as a
    /// record's field is read.
    #[serde(default)]
    figures: IndexMap<String, serde_yaml::Value>,
    #[serde(default)]
    decisions: IndexMap<String, String>,
    #[serde(default)]
    history: Option<serde_yaml::Value>,
    #[serde(default)]
    as_of: Option<serde_yaml::Value>,
    #[serde(default)]
    timeline: Option<TimelineSpec>,
    #[serde(default)]
    stars: IndexMap<String, serde_yaml::Value>,
    /// A round of records judged together, and who must make the cut ([`round`]).
    #[serde(default)]
    round: Option<round::RoundSpec>,
}

/// What a timeline case expects of a base on its date, each part as text; `None` is not checked.
#[derive(Debug, Default)]
pub struct TimelineExpect {
    pub status: Option<String>,
    pub state: Option<String>,
    pub since: Option<String>,
    pub tier: Option<String>,
    /// Exactly the lists the base is on.
    pub lists: Option<Vec<String>>,
    /// Exactly the lists, next values and suspensions it is undetermined for.
    pub undetermined: Option<Vec<String>>,
    /// Exactly the suspensions, each `CITY YEAR`.
    pub suspended: Option<Vec<String>>,
    pub next: IndexMap<String, String>,
    /// Exactly the rules that moved the base, in order.
    pub history: Option<Vec<String>>,
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
    /// Verdicts of named decisions, by the decision's name (or its article when unnamed).
    pub decisions: IndexMap<String, String>,
    /// For a timeline case, the date asked and what the lifecycle must give.
    pub as_of: Option<chrono::NaiveDate>,
    pub timeline: TimelineExpect,
    /// Stars by scheme name (`undetermined` when the unknowns leave it open).
    pub stars: IndexMap<String, String>,
    /// For a round case, its records and who must make the cut.
    pub round: Option<RoundExpect>,
}

/// What running one case found.
#[derive(Debug)]
pub struct Outcome {
    pub name: String,
    /// Each difference from the expectation, explained in the language asked for; empty when the
    /// case passes.
    pub failures: Vec<String>,
    /// For a timeline case, the lifecycle rules that moved the base.
    pub reached: Vec<String>,
}

/// A YAML scalar as text (`5`, `2024-06-30`, `true`).
fn text_of(v: &serde_yaml::Value) -> String {
    match v {
        serde_yaml::Value::String(s) => s.clone(),
        serde_yaml::Value::Number(n) => n.to_string(),
        serde_yaml::Value::Bool(b) => b.to_string(),
        serde_yaml::Value::Null => "none".into(),
        other => serde_yaml::to_string(other)
            .unwrap_or_default()
            .trim()
            .to_string(),
    }
}

fn texts(v: Option<Vec<serde_yaml::Value>>) -> Option<Vec<String>> {
    v.map(|items| items.iter().map(text_of).collect())
}

impl TimelineExpect {
    fn from_spec(spec: TimelineSpec) -> TimelineExpect {
        TimelineExpect {
            status: spec.status.as_ref().map(text_of),
            state: spec.state.as_ref().map(text_of),
            since: spec.since.as_ref().map(text_of),
            tier: spec.tier.as_ref().map(text_of),
            lists: texts(spec.lists),
            undetermined: texts(spec.undetermined),
            suspended: texts(spec.suspended),
            next: spec
                .next
                .iter()
                .map(|(k, v)| (k.clone(), text_of(v)))
                .collect(),
            history: texts(spec.history),
        }
    }
}

fn yaml_to_json(v: serde_yaml::Value) -> Result<Json, Text> {
    serde_json::to_value(v).map_err(test_file::not_json)
}

/// Reads a record given by path (relative to the test file) or inline.
fn record_of(dir: &Path, v: serde_yaml::Value) -> Result<(Json, String), Text> {
    match v {
        serde_yaml::Value::String(path) => {
            let full = dir.join(&path);
            let text = std::fs::read_to_string(&full)
                .map_err(|e| test_file::cannot_read(full.display(), io_why(&e)))?;
            let lower = path.to_ascii_lowercase();
            let bad = |e: &dyn std::fmt::Display| test_file::unparsable(&path, e);
            let json = if lower.ends_with(".toml") {
                let t: toml::Value = toml::from_str(&text).map_err(|e| bad(&e))?;
                serde_json::to_value(t).map_err(test_file::not_json)?
            } else if lower.ends_with(".yaml") || lower.ends_with(".yml") {
                serde_yaml::from_str(&text).map_err(|e| bad(&e))?
            } else {
                serde_json::from_str(&text).map_err(|e| bad(&e))?
            };
            Ok((json, path))
        }
        inline => Ok((yaml_to_json(inline)?, "inline".into())),
    }
}

impl TestFile {
    /// Reads and validates a test file.
    pub fn read(path: &Path) -> Result<TestFile, Text> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| test_file::cannot_read(path.display(), io_why(&e)))?;
        let mut spec_value: serde_yaml::Value =
            serde_yaml::from_str(&text).map_err(|e| test_file::invalid(path.display(), e))?;
        spec_value
            .apply_merge()
            .map_err(|e| test_file::unparsable(path.display(), e))?;
        let spec: FileSpec = serde_yaml::from_value(spec_value)
            .map_err(|e| test_file::invalid(path.display(), e))?;
        let dir = path.parent().unwrap_or(Path::new("."));
        let base = spec.base.map(|b| record_of(dir, b)).transpose()?;
        let history = spec.history.map(|b| record_of(dir, b)).transpose()?;
        let mut cases = Vec::new();
        for c in spec.cases {
            let as_of = match &c.as_of {
                Some(v) => {
                    let t = text_of(v);
                    Some(
                        chrono::NaiveDate::parse_from_str(&t, "%Y-%m-%d")
                            .map_err(|_| test_file::not_a_date(path.display(), &c.name, &t))?,
                    )
                }
                None => None,
            };
            if as_of.is_none() && c.timeline.is_some() {
                return Err(test_file::no_as_of(path.display(), &c.name));
            }
            let start = if as_of.is_some() { &history } else { &base };
            let given = c.history.or(c.record);
            let round = c.round.map(|r| r.read(dir)).transpose()?;
            if round.is_some() && (given.is_some() || c.with.is_some()) {
                return Err(test_file::round_records(path.display(), &c.name));
            }
            let (mut record, origin) = match (given, start) {
                (Some(r), _) => record_of(dir, r)?,
                (None, _) if round.is_some() => (Json::Null, "round".to_string()),
                (None, Some((b, origin))) => (b.clone(), format!("base {origin}")),
                (None, None) => return Err(test_file::no_record(path.display(), &c.name)),
            };
            if let Some(with) = c.with {
                let Json::Object(fields) = &mut record else {
                    return Err(test_file::not_object(&c.name));
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
                figures: c
                    .figures
                    .iter()
                    .map(|(k, v)| (k.clone(), text_of(v)))
                    .collect(),
                decisions: c.decisions,
                as_of,
                timeline: TimelineExpect::from_spec(c.timeline.unwrap_or_default()),
                stars: c
                    .stars
                    .iter()
                    .map(|(k, v)| (k.clone(), text_of(v)))
                    .collect(),
                round,
            });
        }
        Ok(TestFile {
            path: path.to_path_buf(),
            policy_path: dir.join(spec.policy),
            cases,
        })
    }
}

/// Runs one case against a checked policy; what it says of a failure is in `lang`.
pub fn run_case(policy: &Policy, case: &Case, lang: Lang) -> Outcome {
    if let Some(as_of) = case.as_of {
        return timeline::run(policy, case, as_of, lang);
    }
    if let Some(r) = &case.round {
        return round::run(policy, &case.name, r, lang);
    }
    let mut failures = Vec::new();
    let source = Source::new(
        format!("{} ({})", case.name, case.origin),
        case.record.to_string(),
    );
    let loaded = data::record(policy, &source, 0, &case.record, Span::new(0, 0));
    let messages = |ds: &[Diagnostic]| {
        ds.iter()
            .filter(|d| d.is_error())
            .map(|d| d.message.render(lang))
            .collect::<Vec<_>>()
    };
    let Some(record) = &loaded.record else {
        let errors = Arg::series(messages(&loaded.diagnostics));
        failures.push(fail::record_unreadable(errors).render(lang));
        return Outcome {
            name: case.name.clone(),
            failures,
            reached: Vec::new(),
        };
    };
    let j = policy.judge(record);
    if let Some(want) = &case.verdict {
        let got = verdict_name(j.verdict);
        if want != got {
            let line = fail::verdict(word(want, lang), word(got, lang)).render(lang);
            failures.push(format!("{line}{}", blocking(policy, &j, lang)));
        }
    }
    for (rule, want) in &case.rules {
        match result_of(policy, &j, rule) {
            None => failures.push(fail::no_rule(rule).render(lang)),
            Some(r) if r.status.as_str() != want => failures.push(
                fail::rule(
                    rule,
                    word(want, lang),
                    word(r.status.as_str(), lang),
                    explain(policy, r, lang),
                )
                .render(lang),
            ),
            Some(_) => {}
        }
    }
    for (rule, want) in &case.figures {
        let Some(r) = result_of(policy, &j, rule) else {
            failures.push(fail::no_figure_rule(rule).render(lang));
            continue;
        };
        let Some(rule_def) = policy.rules.get(r.rule) else {
            continue;
        };
        let got = r
            .checks
            .first()
            .filter(|_| r.checks.len() == 1)
            .and_then(|c| figure_text_in(policy, c, lang))
            .or_else(|| rule_figure_text(policy, rule_def, r));
        let matches = match (&got, &rule_def.figure) {
            (Some(g), _) if squash(g) == squash(want) => true,
            (_, Some((_, ty @ Type::Num(_)))) => same_number(policy, ty, r.figure.as_ref(), want),
            _ => false,
        };
        if !matches {
            let got = got.map_or_else(|| Arg::Text(fail::none()), Arg::Plain);
            failures.push(fail::figure(rule, want, got).render(lang));
        }
    }
    for (decision, want) in &case.decisions {
        match decision_verdict(policy, &j, decision) {
            None => failures.push(decision_lines::test_no_such(decision).render(lang)),
            Some(got) if verdict_name(got) != want => failures.push(
                decision_lines::test_expected(
                    decision,
                    word(want, lang),
                    word(verdict_name(got), lang),
                )
                .render(lang),
            ),
            Some(_) => {}
        }
    }
    timeline::check_stars(policy, &j, &case.stars, lang, &mut failures);
    Outcome {
        name: case.name.clone(),
        failures,
        reached: Vec::new(),
    }
}

/// A verdict, status or state as a test file names it (`not_eligible`, `fail`, `active`), in
/// `lang`, in the one vocabulary of labels; anything else (a date, a misspelt name) as written.
fn word(name: &str, lang: Lang) -> String {
    word_of_name(name, lang)
        .or_else(|| {
            crate::syntax::ast::BaseStatus::ALL
                .into_iter()
                .find(|s| s.name() == name)
                .map(|s| s.word(lang))
        })
        .map_or_else(|| name.to_string(), str::to_string)
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
fn blocking(policy: &Policy, j: &Judgement, lang: Lang) -> String {
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
            let status = word(r.status.as_str(), lang);
            let line = fail::blocking(&def.article, &def.name, status, explain(policy, r, lang));
            Some(line.render(lang))
        })
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        let because = fail::because().render(lang);
        format!("{because}\n      {}", parts.join("\n      "))
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

/// What a decision is called in test files: its name, or the article it stands in.
pub fn decision_name(d: &crate::check::ir::Decision) -> Option<&str> {
    d.name.as_deref().or(d.article.as_deref())
}

/// The verdict of the decision called `name` (the verdict's own decision, when named, or a
/// further one) for a judged record.
pub fn decision_verdict(policy: &Policy, j: &Judgement, name: &str) -> Option<Verdict> {
    if policy.decision.name.as_deref() == Some(name) {
        return Some(j.verdict);
    }
    let k = policy
        .decisions
        .iter()
        .position(|d| decision_name(d) == Some(name))?;
    j.decisions.get(k).copied()
}

/// The further decisions that no case asserts a verdict for, by name.
pub fn uncovered_decisions(policy: &Policy, cases: &[Case]) -> Vec<String> {
    policy
        .decisions
        .iter()
        .filter_map(decision_name)
        .filter(|name| !cases.iter().any(|c| c.decisions.contains_key(*name)))
        .map(str::to_string)
        .collect()
}

/// The lifecycle rules (transitions and terms) that no timeline case's history passes through,
/// given what each case reached; empty when the file has no timeline case.
pub fn unreached(policy: &Policy, outcomes: &[Outcome], cases: &[Case]) -> Vec<String> {
    let Some(lc) = policy.lifecycle.as_ref() else {
        return Vec::new();
    };
    if !cases.iter().any(|c| c.as_of.is_some()) {
        return Vec::new();
    }
    let reached = |name: &str| outcomes.iter().any(|o| o.reached.iter().any(|r| r == name));
    let named = lc
        .transitions
        .iter()
        .map(|t| (&t.name, &t.article))
        .chain(lc.terms.iter().map(|t| (&t.name, &t.article)));
    named
        .filter(|(name, _)| !reached(name))
        .map(|(name, article)| match article {
            Some(a) => format!("{a} {name}"),
            None => name.clone(),
        })
        .collect()
}

/// Finds test files: the files given, and every `*.test.yaml` under the directories given.
pub fn discover(paths: &[PathBuf]) -> Vec<PathBuf> {
    data::walk(paths, &|p| p.to_string_lossy().ends_with(".test.yaml"))
}
