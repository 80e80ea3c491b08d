//! `eval --format verdicts`: one compact JSON line per record for bulk runs — the verdict and
//! only the rules that did not pass (records.md). Rejected records stand at their place too.
//! [`VerdictsWriter`] writes the line straight from a [`Trace`], the bulk path; [`judgement`]
//! builds the same line as a JSON value from a [`Judgement`].

use super::ndjson::{escaped, push_json, NdjsonWriter};
use super::{figure_text, kind_name, margin_text, threshold_text, verdict_name};
use crate::check::ir::{CheckTest, Policy};
use crate::eval::{CheckResult, CheckTrace, Judgement, RuleResult, RuleTrace, Status, Trace};
use crate::value::Record;
use serde_json::{json, Map, Value as Json};
use std::fmt::Write as _;

/// Writes verdict lines from traces, the same bytes as serialising [`judgement`]; one per thread,
/// reused for every record. Each rule's `{"name":…,"article":…,"kind":"` is escaped once.
pub struct VerdictsWriter<'p> {
    policy: &'p Policy,
    heads: Vec<String>,
    /// Figures, thresholds and margins are written as the NDJSON writer writes them.
    texts: NdjsonWriter<'p>,
    source: String,
}

impl<'p> VerdictsWriter<'p> {
    pub fn new(policy: &'p Policy) -> Self {
        let heads = policy
            .rules
            .iter()
            .map(|r| {
                format!(
                    "{{\"name\":{},\"article\":{},\"kind\":\"",
                    escaped(&r.name),
                    escaped(&r.article)
                )
            })
            .collect();
        VerdictsWriter {
            policy,
            heads,
            texts: NdjsonWriter::new(policy),
            source: String::new(),
        }
    }

    /// Appends the verdict line of `record`, judged into `trace`, found at 0-based `index` of
    /// `file` (with its newline).
    pub fn write(
        &mut self,
        trace: &Trace,
        record: &Record,
        file: &str,
        index: usize,
        out: &mut Vec<u8>,
    ) {
        let policy = self.policy;
        out.extend_from_slice(b"{\"name\":");
        match policy.record_name(record) {
            Some(n) => push_json(out, n),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"tier\":");
        match trace.tier.and_then(|t| policy.tiers.get(t)) {
            Some(t) => push_json(out, &t.name),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"verdict\":\"");
        out.extend_from_slice(verdict_name(trace.verdict()).as_bytes());
        out.extend_from_slice(b"\",\"source\":");
        self.source.clear();
        let _ = write!(self.source, "{file}#{}", index + 1);
        push_json(out, &self.source);
        out.extend_from_slice(b",\"failed\":[");
        let mut first = true;
        for (i, r) in trace.rules.iter().enumerate() {
            if matches!(r.status, Status::Pass | Status::NotApplicable) {
                continue;
            }
            let (Some(rule), Some(head)) = (policy.rules.get(i), self.heads.get(i)) else {
                continue;
            };
            if !first {
                out.push(b',');
            }
            first = false;
            out.extend_from_slice(head.as_bytes());
            out.extend_from_slice(super::kind_of(rule, r.kind).as_bytes());
            out.extend_from_slice(b"\",\"status\":\"");
            out.extend_from_slice(r.status.as_str().as_bytes());
            out.push(b'"');
            if let Some((k, c)) = deciding_trace(trace, r) {
                let ty = trace
                    .branch(policy, i)
                    .and_then(|b| b.checks.get(k))
                    .and_then(|d| match &d.test {
                        CheckTest::Compare(cmp) => Some(&cmp.figure_ty),
                        CheckTest::Holds(_) => None,
                    });
                self.texts.figure(c, ty, b",\"figure\":", out);
                self.texts.threshold(c, ty, out);
                self.texts.margin(c, ty, out);
            }
            out.push(b'}');
        }
        out.extend_from_slice(b"]}\n");
    }
}

/// [`deciding`] over a trace: the check, and its place among the rule's checks.
fn deciding_trace<'t>(trace: &'t Trace, r: &RuleTrace) -> Option<(usize, &'t CheckTrace)> {
    match trace.checks_of(r) {
        [one] => Some((0, one)),
        several => several
            .iter()
            .enumerate()
            .find(|(_, c)| c.status == r.status),
    }
    .filter(|(_, c)| c.threshold.is_some())
}

/// One judged record: `name`, `tier`, `verdict`, `source` and `failed`, the rules whose status is
/// neither `pass` nor `not_applicable`.
pub fn judgement(policy: &Policy, j: &Judgement, source: &str) -> Json {
    let mut out = Map::new();
    out.insert(
        "name".into(),
        j.name.as_ref().map_or(Json::Null, |n| json!(n)),
    );
    out.insert(
        "tier".into(),
        j.tier
            .and_then(|t| policy.tiers.get(t))
            .map_or(Json::Null, |t| json!(t.name)),
    );
    out.insert("verdict".into(), json!(verdict_name(j.verdict)));
    out.insert("source".into(), json!(source));
    let failed: Vec<Json> = j
        .results
        .iter()
        .filter(|r| !matches!(r.status, Status::Pass | Status::NotApplicable))
        .filter_map(|r| failed(policy, r))
        .collect();
    out.insert("failed".into(), Json::Array(failed));
    if let Some(r) = &j.round {
        out.insert("round".into(), super::round::round(policy, r));
    }
    Json::Object(out)
}

/// The check that decides a rule's status and compares a figure with a threshold: the only one,
/// or the first of several that has the rule's status.
fn deciding(r: &RuleResult) -> Option<&CheckResult> {
    match r.checks.as_slice() {
        [one] => Some(one),
        several => several.iter().find(|c| c.status == r.status),
    }
    .filter(|c| c.threshold.is_some())
}

fn failed(policy: &Policy, r: &RuleResult) -> Option<Json> {
    let rule = policy.rules.get(r.rule)?;
    let mut o = Map::new();
    o.insert("name".into(), json!(rule.name));
    o.insert("article".into(), json!(rule.article));
    o.insert("kind".into(), json!(kind_name(rule, r)));
    o.insert("status".into(), json!(r.status.as_str()));
    if let Some(c) = deciding(r) {
        for (key, text) in [
            ("figure", figure_text(policy, c)),
            ("threshold", threshold_text(policy, c)),
            ("margin", margin_text(policy, c)),
        ] {
            if let Some(t) = text {
                o.insert(key.into(), json!(t));
            }
        }
    }
    Some(Json::Object(o))
}
