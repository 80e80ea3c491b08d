//! What the panel report measures for each park, before it is laid out: the group scores of the
//! radar chart, each indicator's lines with its figures rounded for reading, what decided a
//! verdict, and the rules by kind and group.

use super::labels::{self, t};
use super::Batch;
use crate::check::ir::{Policy, RuleDef, RuleRole, Type, DISPLAY_DECIMALS};
use crate::eval::{CheckResult, Judgement, RuleResult, Status};
use crate::i18n::Lang;
use crate::report::{explain, kind_word, rule_figure_text, Summary};
use crate::syntax::ast::{RuleClass, Verdict};
use crate::value::Value;
use rust_decimal::Decimal;

impl Batch {
    /// Counts per tier and verdict, and the blocking rules that fail most often.
    pub fn summary(&self, policy: &Policy) -> Summary {
        let mut s = Summary::default();
        for p in &self.parks {
            s.add(policy, &p.judgement);
        }
        for _ in &self.unread {
            s.add_rejected();
        }
        s
    }
}

/// How far a park is from a group's thresholds: of the group's indicators that apply to it
/// (constraint and guidance alike), how many pass. An unknown indicator is not passed.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupScore {
    pub group: String,
    pub passed: usize,
    pub applicable: usize,
}

impl GroupScore {
    /// The share passed, 0 to 1; `None` when no indicator of the group applies.
    pub fn share(&self) -> Option<f64> {
        (self.applicable > 0).then(|| self.passed as f64 / self.applicable as f64)
    }

    /// `3/4`, or `n/a`.
    pub fn ratio(&self) -> String {
        if self.applicable == 0 {
            "n/a".into()
        } else {
            format!("{}/{}", self.passed, self.applicable)
        }
    }

    /// `75%`, or `n/a`.
    pub fn percent(&self) -> String {
        self.share()
            .map_or_else(|| "n/a".into(), |s| format!("{:.0}%", s * 100.0))
    }
}

/// The policy's indicator groups, in the order the policy first names them.
pub fn groups(policy: &Policy) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in &policy.rules {
        if let (RuleRole::Indicator, Some(g)) = (r.role, &r.group) {
            if !out.contains(g) {
                out.push(g.clone());
            }
        }
    }
    out
}

/// The score of each group of the policy for one park (the radar chart's axes).
pub fn group_scores(policy: &Policy, j: &Judgement) -> Vec<GroupScore> {
    groups(policy)
        .into_iter()
        .map(|g| {
            let applicable: Vec<&RuleResult> = j
                .results
                .iter()
                .filter(|r| {
                    policy.rules.get(r.rule).is_some_and(|rule| {
                        rule.role == RuleRole::Indicator && rule.group.as_ref() == Some(&g)
                    }) && r.status != Status::NotApplicable
                })
                .collect();
            GroupScore {
                passed: applicable
                    .iter()
                    .filter(|r| r.status == Status::Pass)
                    .count(),
                applicable: applicable.len(),
                group: g,
            }
        })
        .collect()
}

/// The name of a park as reports show it.
pub fn park_name(j: &Judgement, lang: Lang) -> &str {
    j.name.as_deref().unwrap_or(t("(unnamed)", lang))
}

/// The tier of a judgement, by name.
pub fn tier_name<'p>(policy: &'p Policy, j: &Judgement) -> &'p str {
    j.tier
        .and_then(|t| policy.tiers.get(t))
        .map_or("?", |t| t.name.as_str())
}

/// The verdicts a summary counts, in the order it shows them.
pub const VERDICTS: [Verdict; 3] = [
    Verdict::Eligible,
    Verdict::NotEligible,
    Verdict::Undetermined,
];

/// The rows of a rule's table: the rule's own line, then one line per check when it has
/// several. Each row: the label, then figure, threshold and margin (or the test and what it read).
pub struct Line {
    pub label: String,
    pub status: Status,
    pub figure: String,
    pub threshold: String,
    pub margin: String,
}

/// The lines of one indicator: its figure, threshold and margin, or one line per check.
pub fn indicator_lines(policy: &Policy, rule: &RuleDef, r: &RuleResult, lang: Lang) -> Vec<Line> {
    let mut out = Vec::new();
    let single = match r.checks.as_slice() {
        [one] => Some(one),
        _ => None,
    };
    let figure = single
        .and_then(|c| figure_text(policy, c, lang))
        .or_else(|| rule_figure_text(policy, rule, r))
        .unwrap_or_default();
    let (threshold, margin) = match single {
        Some(c) => (
            threshold_text(policy, c).unwrap_or_else(|| {
                if c.op.is_none() {
                    c.text.clone()
                } else {
                    String::new()
                }
            }),
            margin_text(policy, c).unwrap_or_default(),
        ),
        None => (String::new(), String::new()),
    };
    let margin = match single {
        Some(c) if c.status == Status::Unknown && margin.is_empty() => {
            let gaps = crate::report::missing(policy, c);
            if gaps.is_empty() {
                margin
            } else {
                format!("{} {}", t("missing", lang), gaps.join(", "))
            }
        }
        _ => margin,
    };
    let mut label = rule.name.clone();
    if let Some(case) = &r.case {
        label = format!("{label}（{case}）");
    }
    out.push(Line {
        label,
        status: r.status,
        figure,
        threshold,
        margin,
    });
    if r.checks.len() > 1 {
        for c in &r.checks {
            out.push(Line {
                label: c.text.clone(),
                status: c.status,
                figure: figure_text(policy, c, lang).unwrap_or_default(),
                threshold: threshold_text(policy, c).unwrap_or_default(),
                margin: margin_text(policy, c).unwrap_or_default(),
            });
        }
    }
    let note = r.note.as_ref().map(|n| n.render(lang));
    if let (Some(n), Some(first)) = (&note, out.first_mut()) {
        if first.threshold.is_empty() {
            first.threshold = n.clone();
        } else {
            first.threshold = format!("{}; {n}", first.threshold);
        }
    }
    out
}

/// What decided a verdict other than eligible: the blocking rules that fail (not eligible) or
/// are unknown (undetermined), as `第九条 重大生产安全事故 (veto): triggered by …`.
pub fn deciding(policy: &Policy, j: &Judgement, lang: Lang) -> Vec<String> {
    let want = match j.verdict {
        Verdict::NotEligible => Status::Fail,
        Verdict::Undetermined => Status::Unknown,
        Verdict::Eligible => return Vec::new(),
    };
    j.results
        .iter()
        .filter(|r| r.status == want && blocking(policy, r))
        .filter_map(|r| {
            let rule = policy.rules.get(r.rule)?;
            let detail = explain(policy, r, lang);
            let head = format!(
                "{} {} ({}, {})",
                rule.article,
                rule.name,
                kind_word(rule, r, lang),
                labels::status(r.status, lang)
            );
            Some(if detail.is_empty() {
                head
            } else {
                format!("{head}: {detail}")
            })
        })
        .collect()
}

/// The conditions and vetoes of a judgement, with their results.
pub fn gates<'a>(policy: &'a Policy, j: &'a Judgement) -> Vec<(&'a RuleDef, &'a RuleResult)> {
    j.results
        .iter()
        .filter_map(|r| policy.rules.get(r.rule).map(|rule| (rule, r)))
        .filter(|(rule, _)| rule.role != RuleRole::Indicator)
        .collect()
}

/// The indicators of a judgement that apply, by group in the policy's order (ungrouped last,
/// under `None`), and those that do not apply.
#[allow(clippy::type_complexity)]
pub fn indicators_by_group<'a>(
    policy: &'a Policy,
    j: &'a Judgement,
) -> (
    Vec<(Option<String>, Vec<(&'a RuleDef, &'a RuleResult)>)>,
    Vec<&'a RuleDef>,
) {
    let mut out: Vec<(Option<String>, Vec<(&RuleDef, &RuleResult)>)> = groups(policy)
        .into_iter()
        .map(|g| (Some(g), Vec::new()))
        .collect();
    out.push((None, Vec::new()));
    let mut skipped = Vec::new();
    for r in &j.results {
        let Some(rule) = policy.rules.get(r.rule) else {
            continue;
        };
        if rule.role != RuleRole::Indicator {
            continue;
        }
        if r.status == Status::NotApplicable {
            skipped.push(rule);
            continue;
        }
        if let Some((_, list)) = out.iter_mut().find(|(g, _)| *g == rule.group) {
            list.push((rule, r));
        }
    }
    out.retain(|(_, list)| !list.is_empty());
    (out, skipped)
}

/// Whether a result blocks the verdict when it fails (everything but guidance).
pub fn blocking(policy: &Policy, r: &RuleResult) -> bool {
    !matches!(policy.class_of(r), Some(RuleClass::Guidance))
}

/// The fewest decimals a panel reads a figure at: the statistics' usual two, or more where the
/// threshold itself is written finer.
const PANEL_DECIMALS: u32 = 2;

/// How many decimals to show a check's figure and margin at: the threshold's own precision, at
/// least [`PANEL_DECIMALS`], and more where rounding would hide which side of the threshold the
/// figure lies (2999.996 against 3000 is shown as 2999.996, never 3000.00) or turn a margin
/// into zero.
fn decimals(c: &CheckResult) -> u32 {
    let (Some(Value::Num(f)), Some(Value::Num(th))) = (&c.figure, &c.threshold) else {
        return DISPLAY_DECIMALS;
    };
    let base = th.normalize().scale().max(PANEL_DECIMALS);
    (base..DISPLAY_DECIMALS)
        .find(|&dp| {
            let shown = f.round_dp(dp);
            let side = |x: Decimal| x.cmp(th);
            let margin_kept = c
                .margin
                .is_none_or(|m| m.is_zero() || !m.round_dp(dp).is_zero());
            side(shown) == side(*f) && margin_kept
        })
        .unwrap_or(DISPLAY_DECIMALS)
}

fn rounded(policy: &Policy, v: &Value, ty: &Type, dp: u32, lang: Lang) -> String {
    match v {
        Value::Num(n) => policy.value_text(&Value::Num(n.round_dp(dp)), ty),
        other => policy.value_text_in(other, ty, lang),
    }
}

/// A check's figure, rounded for reading (see [`decimals`]).
fn figure_text(policy: &Policy, c: &CheckResult, lang: Lang) -> Option<String> {
    let f = c.figure.as_ref()?;
    Some(rounded(
        policy,
        f,
        c.unit_ty.as_ref().unwrap_or(&Type::Bool),
        decimals(c),
        lang,
    ))
}

/// A check's threshold with its comparison, as the policy writes it: `≥ 200 亿元`.
fn threshold_text(policy: &Policy, c: &CheckResult) -> Option<String> {
    super::super::threshold_text(policy, c)
}

/// A check's margin, signed, rounded like its figure: `+666.67 万元/公顷`.
fn margin_text(policy: &Policy, c: &CheckResult) -> Option<String> {
    let m = c.margin?;
    let ty = c.unit_ty.as_ref()?;
    let text = rounded(policy, &Value::Num(m.abs()), ty, decimals(c), Lang::En);
    Some(if m.is_sign_negative() && !m.is_zero() {
        format!("-{text}")
    } else {
        format!("+{text}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn check(figure: &str, threshold: &str) -> CheckResult {
        let (f, th) = (
            Decimal::from_str(figure).unwrap_or_default(),
            Decimal::from_str(threshold).unwrap_or_default(),
        );
        CheckResult {
            text: String::new(),
            status: Status::Pass,
            op: None,
            figure: Some(Value::Num(f)),
            threshold: Some(Value::Num(th)),
            margin: Some(f - th),
            unit_ty: None,
            given: Vec::new(),
            bounds: None,
            threshold_bounds: None,
        }
    }

    #[test]
    fn figures_are_read_at_two_decimals_or_the_thresholds_own() {
        assert_eq!(decimals(&check("4666.666666666667", "4000")), 2);
        assert_eq!(decimals(&check("1.23456", "1.125")), 3);
    }

    #[test]
    fn rounding_never_hides_the_side_of_the_threshold_or_the_margin() {
        // 2999.996 would read 3000.00 against ≥ 3000: shown at three decimals.
        assert_eq!(decimals(&check("2999.996", "3000")), 3);
        // A margin of 0.001 would read +0.
        assert_eq!(decimals(&check("3000.001", "3000")), 3);
        assert_eq!(decimals(&check("3000", "3000")), 2);
    }
}
