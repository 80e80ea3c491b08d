//! Round rules judged after the batch: each record is judged on its own, then every round rule
//! ranks, within each group, the records still eligible that it applies to, and cuts those
//! beyond its limit. The rules are applied in the order written: a record cut by one takes no
//! place under the next. Unknowns are honest: a record whose verdict, group or figure is unknown
//! leaves the rule undetermined for exactly the records whose side of the cut it could change.

use super::expr::{Cx, Judged};
use super::{Judgement, Trace};
use crate::check::ir::{IExpr, Policy, RoundDef};
use crate::syntax::ast::{RoundBound, Verdict};
use crate::value::{Record, Value};
use rust_decimal::Decimal;
use std::cmp::Ordering;

/// Where one record stands under one round rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundOutcome {
    /// Within the limit whatever the unknowns are.
    MadeCut,
    /// Beyond the limit whatever the unknowns are: not eligible, by this rule.
    Cut,
    /// The unknowns of this record or of the others could put it on either side.
    Undetermined,
    /// Under `about N`: within the guide (nobody is cut by guidance).
    WithinGuide,
    /// Under `about N`: beyond the guide, still eligible.
    BeyondGuide,
}

impl RoundOutcome {
    /// The name in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            RoundOutcome::MadeCut => "made_cut",
            RoundOutcome::Cut => "cut",
            RoundOutcome::Undetermined => "undetermined",
            RoundOutcome::WithinGuide => "within_guide",
            RoundOutcome::BeyondGuide => "beyond_guide",
        }
    }
}

/// One record's result under one round rule. Ranks, counts and limits are ranges: equal ends
/// when the unknowns cannot move them.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundResult {
    /// The rule, by index into [`Policy::rounds`].
    pub round: usize,
    pub outcome: RoundOutcome,
    /// The group's value (`Value::Unknown` when the record's own is unknown).
    pub group: Value,
    /// Best and worst rank the record can have in its group (1 is first).
    pub rank: (usize, usize),
    /// How many records the group ranks: those known to stand in it, and those that may.
    pub count: (usize, usize),
    /// How many records the group keeps, lowest and highest.
    pub limit: (usize, usize),
}

/// One record of a round: its verdict on its own, the round rules' results, and the verdict after.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundRecord {
    pub own: Verdict,
    /// One per round rule that ranks the record, in the policy's order.
    pub results: Vec<RoundResult>,
    pub verdict: Verdict,
    /// The rule that cut the record, by index into [`Policy::rounds`].
    pub cut_by: Option<usize>,
}

/// Whether a record stands among those a rule ranks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Member {
    In,
    Maybe,
    Out,
}

/// What a round rule reads from one record.
struct Entry {
    member: Member,
    /// Whether the rule's `applies when` holds (`None`: unknown).
    applies: Option<bool>,
    group: Value,
    figure: Value,
    tie: Value,
}

impl Policy {
    /// Judges a batch of records as one round: each record's judgement, with its verdict after
    /// the round rules and its [`RoundRecord`]. A policy without round rules judges each record
    /// on its own, and no judgement carries a round.
    pub fn judge_batch(&self, records: &[&Record]) -> Vec<Judgement> {
        let mut judgements: Vec<Judgement> = records.iter().map(|r| self.judge(r)).collect();
        if self.rounds.is_empty() {
            return judgements;
        }
        for ((j, round), record) in judgements
            .iter_mut()
            .zip(self.judge_round(records))
            .zip(records)
        {
            if round.verdict != j.verdict {
                j.verdict = round.verdict;
                j.title = (j.verdict == Verdict::Eligible)
                    .then(|| self.title(j.tier, record))
                    .flatten();
            }
            j.round = Some(round);
        }
        judgements
    }

    /// Judges a round: every record on its own, then every round rule across them.
    pub fn judge_round(&self, records: &[&Record]) -> Vec<RoundRecord> {
        let mut trace = Trace::new();
        let mut own = Vec::with_capacity(records.len());
        let mut entries: Vec<Vec<Entry>> = (0..self.rounds.len()).map(|_| Vec::new()).collect();
        for record in records {
            self.trace(record, &mut trace);
            own.push(trace.verdict());
            let cx = Cx {
                policy: Some(self),
                let_bounds: &trace.let_bounds,
                let_errors: &trace.let_errors,
                rules: Judged::all(&trace.rules),
                ..Cx::bare(&record.values, &trace.lets)
            };
            for (def, out) in self.rounds.iter().zip(entries.iter_mut()) {
                out.push(entry(&cx, def));
            }
        }
        let mut out: Vec<RoundRecord> = own
            .iter()
            .map(|&v| RoundRecord {
                own: v,
                results: Vec::new(),
                verdict: v,
                cut_by: None,
            })
            .collect();
        // The rules in the order written: a record cut by one takes no place under the next, and
        // one it leaves open may or may not.
        for (k, (def, es)) in self.rounds.iter().zip(entries.iter_mut()).enumerate() {
            for (e, rec) in es.iter_mut().zip(&out) {
                e.member = member(rec.verdict, e.applies);
            }
            let binding = def.bound != RoundBound::About;
            for (i, r) in rank(k, def, es) {
                let Some(rec) = out.get_mut(i) else { continue };
                // Guidance never changes a verdict, even where its ranks are open.
                if binding && rec.verdict == Verdict::Eligible {
                    match r.outcome {
                        RoundOutcome::Cut => {
                            rec.verdict = Verdict::NotEligible;
                            rec.cut_by = Some(k);
                        }
                        RoundOutcome::Undetermined => rec.verdict = Verdict::Undetermined,
                        _ => {}
                    }
                }
                rec.results.push(r);
            }
        }
        out
    }
}

fn value(cx: &Cx<'_>, e: &IExpr) -> Value {
    cx.eval(e, None)
        .map_or(Value::Unknown, super::expr::V::into_owned)
}

/// Whether a record stands among those a rule ranks, by its verdict so far and whether the rule
/// applies to it.
fn member(verdict: Verdict, applies: Option<bool>) -> Member {
    match (verdict, applies) {
        (Verdict::NotEligible, _) | (_, Some(false)) => Member::Out,
        (Verdict::Eligible, Some(true)) => Member::In,
        _ => Member::Maybe,
    }
}

/// What a rule reads from one record; its membership is set when the rule's turn comes.
fn entry(cx: &Cx<'_>, def: &RoundDef) -> Entry {
    let applies = match &def.applies {
        None => Some(true),
        Some(e) => super::expr::truth(&value(cx, e)),
    };
    Entry {
        member: Member::Out,
        applies,
        group: def.per.as_ref().map_or(Value::Bool(true), |e| value(cx, e)),
        figure: value(cx, &def.ranking),
        tie: def.ties.as_ref().map_or(Value::Unknown, |e| value(cx, e)),
    }
}

/// The order of two known values of one kind; `None` when either is unknown or they differ in kind.
fn order(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Num(x), Value::Num(y)) => Some(x.cmp(y)),
        (Value::Date(x), Value::Date(y)) => Some(x.cmp(y)),
        (Value::Text(x), Value::Text(y)) => Some(x.cmp(y)),
        (Value::Enum(x), Value::Enum(y)) => Some(x.cmp(y)),
        _ => None,
    }
}

/// Whether `y` ranks before `x`: `Some(true)`, `Some(false)`, or `None` when the unknowns (or a
/// tie no rule breaks) leave it open.
fn before(def: &RoundDef, y: &Entry, x: &Entry) -> Option<bool> {
    let by_figure = order(&y.figure, &x.figure)?;
    let by_figure = if def.descending {
        by_figure.reverse()
    } else {
        by_figure
    };
    match by_figure {
        Ordering::Less => Some(true),
        Ordering::Greater => Some(false),
        Ordering::Equal => match order(&y.tie, &x.tie)? {
            Ordering::Less => Some(true),
            Ordering::Greater => Some(false),
            Ordering::Equal => None,
        },
    }
}

/// Whether two records may stand in one group: `Some(true)` known, `None` when either group is unknown.
fn same_group(a: &Value, b: &Value) -> Option<bool> {
    if matches!(a, Value::Unknown) || matches!(b, Value::Unknown) {
        return None;
    }
    Some(a == b)
}

/// How many records a group keeps, with `count` records in it.
fn keeps(def: &RoundDef, count: usize) -> usize {
    if !def.share {
        return usize::try_from(def.limit.trunc().normalize().mantissa()).unwrap_or(usize::MAX);
    }
    let kept = Decimal::from(count) * def.limit / Decimal::ONE_HUNDRED;
    usize::try_from(kept.floor().normalize().mantissa()).unwrap_or(0)
}

/// The results of one rule, for the records it ranks (by index among the round's records).
fn rank(k: usize, def: &RoundDef, es: &[Entry]) -> Vec<(usize, RoundResult)> {
    let mut out = Vec::new();
    for (i, x) in es.iter().enumerate() {
        if x.member == Member::Out {
            continue;
        }
        let (mut above, mut may_above, mut count, mut may_count) = (0, 0, 1, 0);
        for (j, y) in es.iter().enumerate() {
            if i == j || y.member == Member::Out {
                continue;
            }
            let grouped = same_group(&y.group, &x.group);
            if grouped == Some(false) {
                continue;
            }
            let sure = y.member == Member::In && grouped == Some(true);
            if sure {
                count += 1;
            } else {
                may_count += 1;
            }
            match before(def, y, x) {
                Some(true) if sure => above += 1,
                Some(false) => {}
                _ => may_above += 1,
            }
        }
        let rank = (above + 1, above + may_above + 1);
        let limit = (keeps(def, count), keeps(def, count + may_count));
        let sure = x.member == Member::In && !matches!(x.group, Value::Unknown);
        let outcome = match (def.bound, sure) {
            (_, false) => RoundOutcome::Undetermined,
            (RoundBound::About, true) if rank.1 <= limit.0 => RoundOutcome::WithinGuide,
            (RoundBound::About, true) if rank.0 > limit.1 => RoundOutcome::BeyondGuide,
            (_, true) if rank.1 <= limit.0 => RoundOutcome::MadeCut,
            (RoundBound::AtMost | RoundBound::Top, true) if rank.0 > limit.1 => RoundOutcome::Cut,
            _ => RoundOutcome::Undetermined,
        };
        out.push((
            i,
            RoundResult {
                round: k,
                outcome,
                group: x.group.clone(),
                rank,
                count: (count, count + may_count),
                limit,
            },
        ));
    }
    out
}
