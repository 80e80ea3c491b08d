//! Star ratings (第二十条 and its kind) computed from a judged annual record by each of the
//! policy's star schemes: weighted groups, weighted indicators and graded points, then bands. An
//! unknown indicator counts as not passed where the scheme says `unknown is fail`; otherwise it
//! may score anything from nothing to its full points, and a rating those bounds straddle is
//! undetermined.

use crate::check::ir::{IExpr, Policy, RuleRole, StarItem, StarScheme};
use crate::eval::{compare, Env, Judgement, RuleResult, Status};
use crate::value::Value;
use rust_decimal::Decimal;

/// One group's part of the score.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct GroupScore {
    pub group: String,
    pub weight: Decimal,
    pub passed: usize,
    /// Indicators of the group that apply to this record.
    pub applicable: usize,
    /// Of those, the ones whose status is unknown.
    pub unknown: usize,
    /// The points scored (the least, when unknowns leave a range).
    pub points: Decimal,
}

/// One indicator's part of the score: its weight if it passes, or the points its figure earns.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct IndicatorScore {
    pub indicator: String,
    /// The most it can score.
    pub weight: Decimal,
    pub status: Status,
    /// The points scored; `None` when unknown.
    pub points: Option<Decimal>,
}

/// A star rating by one scheme, with its score and how it was reached.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Rating {
    pub scheme: String,
    /// `None` when the unknown indicators could change it.
    pub stars: Option<Decimal>,
    /// The score (the least possible, when unknowns leave a range).
    pub score: Decimal,
    /// The most possible score, when unknowns leave a range.
    pub score_high: Option<Decimal>,
    pub groups: Vec<GroupScore>,
    pub indicators: Vec<IndicatorScore>,
    pub article: Option<String>,
}

impl Policy {
    /// The rating by the policy's first star scheme, if it has one.
    pub fn stars(&self, j: &Judgement) -> Option<Rating> {
        self.stars.first().map(|s| rate(self, s, j))
    }

    /// The ratings by every star scheme of the policy, in the order written.
    pub fn ratings(&self, j: &Judgement) -> Vec<Rating> {
        self.stars.iter().map(|s| rate(self, s, j)).collect()
    }
}

fn result_of(j: &Judgement, rule: usize) -> Option<&RuleResult> {
    j.results.iter().find(|r| r.rule == rule)
}

fn constant(e: &IExpr) -> Value {
    Env {
        inputs: &[],
        lets: &[],
        locals: Vec::new(),
    }
    .eval(e)
    .unwrap_or(Value::Unknown)
}

/// The least and most points of graded bands for a figure: the first band it meets.
fn graded(
    bands: &[(Decimal, crate::syntax::ast::CmpOp, IExpr)],
    otherwise: Decimal,
    figure: &Value,
    unknown_fails: bool,
) -> (Decimal, Decimal) {
    let mut low: Option<Decimal> = None;
    let mut high: Option<Decimal> = None;
    let widen = |p: Decimal, low: &mut Option<Decimal>, high: &mut Option<Decimal>| {
        *low = Some(low.map_or(p, |l| l.min(p)));
        *high = Some(high.map_or(p, |h| h.max(p)));
    };
    for (points, op, threshold) in bands {
        match compare(*op, figure, &constant(threshold)) {
            Value::Bool(true) => {
                widen(*points, &mut low, &mut high);
                return (low.unwrap_or(*points), high.unwrap_or(*points));
            }
            Value::Bool(false) => {}
            _ if unknown_fails => {}
            _ => widen(*points, &mut low, &mut high),
        }
    }
    widen(otherwise, &mut low, &mut high);
    (low.unwrap_or(otherwise), high.unwrap_or(otherwise))
}

fn rate(policy: &Policy, scheme: &StarScheme, j: &Judgement) -> Rating {
    let mut groups = Vec::new();
    let mut indicators = Vec::new();
    let (mut low, mut high) = (Decimal::ZERO, Decimal::ZERO);
    for item in &scheme.items {
        match item {
            StarItem::Group { group, weight } => {
                let (mut passed, mut applicable, mut unknown) = (0usize, 0usize, 0usize);
                for r in &j.results {
                    let Some(rule) = policy.rules.get(r.rule) else {
                        continue;
                    };
                    if rule.role != RuleRole::Indicator || rule.group.as_deref() != Some(group) {
                        continue;
                    }
                    match r.status {
                        Status::NotApplicable => {}
                        Status::Pass => {
                            passed += 1;
                            applicable += 1;
                        }
                        Status::Unknown => {
                            unknown += 1;
                            applicable += 1;
                        }
                        Status::Fail => applicable += 1,
                    }
                }
                let share = |n: usize| {
                    if applicable == 0 {
                        *weight
                    } else {
                        (*weight * Decimal::from(n) / Decimal::from(applicable)).round_dp(4)
                    }
                };
                let points = share(passed);
                low += points;
                high += if scheme.unknown_fails {
                    points
                } else {
                    share(passed + unknown)
                };
                groups.push(GroupScore {
                    group: group.clone(),
                    weight: *weight,
                    passed,
                    applicable,
                    unknown,
                    points,
                });
            }
            StarItem::Indicator { rule, weight } => {
                let status = result_of(j, *rule).map_or(Status::Unknown, |r| r.status);
                let (l, h) = match status {
                    Status::Pass | Status::NotApplicable => (*weight, *weight),
                    Status::Fail => (Decimal::ZERO, Decimal::ZERO),
                    Status::Unknown if scheme.unknown_fails => (Decimal::ZERO, Decimal::ZERO),
                    Status::Unknown => (Decimal::ZERO, *weight),
                };
                low += l;
                high += h;
                indicators.push(IndicatorScore {
                    indicator: policy
                        .rules
                        .get(*rule)
                        .map_or_else(String::new, |r| r.name.clone()),
                    weight: *weight,
                    status,
                    points: (l == h).then_some(l),
                });
            }
            StarItem::Points {
                rule,
                bands,
                otherwise,
            } => {
                let result = result_of(j, *rule);
                let status = result.map_or(Status::Unknown, |r| r.status);
                let most = item.most();
                let (l, h) = if status == Status::NotApplicable {
                    (most, most)
                } else {
                    let figure = result
                        .and_then(|r| r.figure.clone())
                        .unwrap_or(Value::Unknown);
                    graded(bands, *otherwise, &figure, scheme.unknown_fails)
                };
                low += l;
                high += h;
                indicators.push(IndicatorScore {
                    indicator: policy
                        .rules
                        .get(*rule)
                        .map_or_else(String::new, |r| r.name.clone()),
                    weight: most,
                    status,
                    points: (l == h).then_some(l),
                });
            }
        }
    }
    let band = |score: Decimal| {
        scheme
            .bands
            .iter()
            .find(|(_, min)| score >= *min)
            .map_or(scheme.otherwise, |(s, _)| *s)
    };
    let stars = (band(low) == band(high)).then(|| band(low));
    Rating {
        scheme: scheme.name.clone(),
        stars,
        score: low,
        score_high: (high != low).then_some(high),
        groups,
        indicators,
        article: scheme.article.clone(),
    }
}
