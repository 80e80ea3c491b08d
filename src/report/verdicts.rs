//! `eval --format verdicts`: one compact JSON line per record for bulk runs — the verdict and
//! only the rules that did not pass (records.md). Rejected records stand at their place too.

use super::{figure_text, kind_name, margin_text, threshold_text, verdict_name};
use crate::check::ir::Policy;
use crate::eval::{CheckResult, Judgement, RuleResult, Status};
use serde_json::{json, Map, Value as Json};

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
