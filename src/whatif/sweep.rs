//! Sweeps: one threshold varied over a range, and how many parks qualify at each value.
//!
//! A threshold only decides its own comparison, so each park is judged twice — once with the
//! comparison passing, once failing — by [`Policy::trace`]; the verdict at every value of the
//! range then follows from comparing the park's figure with that value. Under round rules the
//! batch is judged again as one round at every value.

use super::target::{comparison, comparison_mut, ThresholdRef};
use super::{in_chunks, Session};
use crate::check::{IExpr, Policy, Type};
use crate::diag::catalogue::repl_usage;
use crate::diag::text::Text;
use crate::eval::{compare, Trace};
use crate::syntax::ast::{CmpOp, Verdict};
use crate::value::{Record, Value};
use rust_decimal::Decimal;

/// The most values one sweep may take.
pub const MAX_POINTS: usize = 10_000;

/// How to step through a range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Step {
    /// Every `step` from the start (towards the end).
    By(Decimal),
    /// `count` values, evenly spread, both ends included.
    Count(usize),
}

/// The values of a range, both ends included when they fall on a step.
pub fn steps(from: Decimal, to: Decimal, step: Step) -> Result<Vec<Decimal>, Text> {
    match step {
        Step::Count(n) => {
            if n == 0 || n > MAX_POINTS {
                return Err(repl_usage::sweep_points(MAX_POINTS));
            }
            if n == 1 {
                return Ok(vec![from]);
            }
            let gap = to
                .checked_sub(from)
                .and_then(|d| d.checked_div(Decimal::from(n - 1)))
                .ok_or_else(repl_usage::range_too_large)?;
            (0..n)
                .map(|i| {
                    if i == n - 1 {
                        Some(to)
                    } else {
                        gap.checked_mul(Decimal::from(i))
                            .and_then(|d| from.checked_add(d))
                    }
                })
                .collect::<Option<Vec<_>>>()
                .ok_or_else(repl_usage::range_too_large)
        }
        Step::By(s) => {
            if s <= Decimal::ZERO {
                return Err(repl_usage::step_positive());
            }
            let down = to < from;
            let mut out = Vec::new();
            let mut v = from;
            while (!down && v <= to) || (down && v >= to) {
                if out.len() >= MAX_POINTS {
                    return Err(repl_usage::too_many_steps(MAX_POINTS));
                }
                out.push(v);
                v = if down {
                    v.checked_sub(s)
                } else {
                    v.checked_add(s)
                }
                .ok_or_else(repl_usage::range_too_large)?;
            }
            Ok(out)
        }
    }
}

/// Verdict counts of one tier.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VerdictCounts {
    pub eligible: usize,
    pub not_eligible: usize,
    pub undetermined: usize,
}

impl VerdictCounts {
    pub(crate) fn add(&mut self, v: Verdict) {
        match v {
            Verdict::Eligible => self.eligible += 1,
            Verdict::NotEligible => self.not_eligible += 1,
            Verdict::Undetermined => self.undetermined += 1,
        }
    }

    pub fn total(&self) -> usize {
        self.eligible + self.not_eligible + self.undetermined
    }
}

/// One value of a sweep: the counts for each tier of the threshold, in [`Sweep::tiers`] order.
#[derive(Debug, Clone, PartialEq)]
pub struct SweepPoint {
    pub value: Decimal,
    pub counts: Vec<VerdictCounts>,
}

/// A whole sweep.
#[derive(Debug, Clone)]
pub struct Sweep {
    pub target: ThresholdRef,
    pub op: CmpOp,
    /// The figure's type: the unit every value is in.
    pub unit: Type,
    pub tiers: Vec<usize>,
    pub points: Vec<SweepPoint>,
}

/// How one park's verdict depends on the threshold.
enum Response {
    /// The same whatever the threshold (another tier, another case, an unknown figure).
    Fixed(Verdict),
    /// `figure op value` decides between two verdicts.
    Split {
        figure: Decimal,
        pass: Verdict,
        fail: Verdict,
    },
    /// Judged at every value (when the probes overflow).
    Each(Vec<Verdict>),
}

/// Two thresholds for which `figure op threshold` holds and fails.
fn probes(op: CmpOp, f: Decimal) -> Option<(Decimal, Decimal)> {
    let up = f.checked_add(Decimal::ONE)?;
    let down = f.checked_sub(Decimal::ONE)?;
    Some(match op {
        CmpOp::Ge | CmpOp::Eq => (f, up),
        CmpOp::Le => (f, down),
        CmpOp::Gt => (down, f),
        CmpOp::Lt | CmpOp::Ne => (up, f),
    })
}

impl Session {
    /// Counts the eligible parks of each tier of `target` at every value (in the figure's unit).
    pub fn sweep(&self, target: &ThresholdRef, values: &[Decimal]) -> Option<Sweep> {
        let first = comparison(self.policy(), *target.locs.first()?)?;
        let (op, unit) = (first.op, first.figure_ty.clone());
        let tiers: Vec<usize> = target.locs.iter().map(|l| l.tier).collect();
        if !self.policy().rounds.is_empty() {
            let points = self.round_points(target, &tiers, values);
            return Some(Sweep {
                target: target.clone(),
                op,
                unit,
                tiers,
                points,
            });
        }
        let n = self.parks().len();
        let responses: Vec<Response> = in_chunks(n, |range| {
            let (mut work, mut trace) = (self.policy().clone(), Trace::new());
            range
                .map(|park| {
                    let now = self
                        .verdicts()
                        .get(park)
                        .copied()
                        .unwrap_or(Verdict::Undetermined);
                    match self.record(park) {
                        Some(r) => {
                            respond(self.policy(), &mut work, &mut trace, target, r, values, now)
                        }
                        None => Response::Fixed(now),
                    }
                })
                .collect()
        });
        let tier_of = self.tiers();
        let points = values
            .iter()
            .enumerate()
            .map(|(k, v)| {
                let mut counts = vec![VerdictCounts::default(); tiers.len()];
                for (park, resp) in responses.iter().enumerate() {
                    let Some(slot) = tier_of
                        .get(park)
                        .copied()
                        .flatten()
                        .and_then(|t| tiers.iter().position(|x| *x == t))
                        .and_then(|i| counts.get_mut(i))
                    else {
                        continue;
                    };
                    let verdict = match resp {
                        Response::Fixed(v) => *v,
                        Response::Split { figure, pass, fail } => {
                            if compare(op, &Value::Num(*figure), &Value::Num(*v))
                                == Value::Bool(true)
                            {
                                *pass
                            } else {
                                *fail
                            }
                        }
                        Response::Each(all) => all.get(k).copied().unwrap_or(Verdict::Undetermined),
                    };
                    slot.add(verdict);
                }
                SweepPoint { value: *v, counts }
            })
            .collect();
        Some(Sweep {
            target: target.clone(),
            op,
            unit,
            tiers,
            points,
        })
    }
}

impl Session {
    /// The points of a sweep under round rules: a threshold can move any park's place in the
    /// cut, so at each value the whole batch is judged again as one round by
    /// [`Policy::judge_batch`].
    fn round_points(
        &self,
        target: &ThresholdRef,
        tiers: &[usize],
        values: &[Decimal],
    ) -> Vec<SweepPoint> {
        let records: Vec<&Record> = (0..self.parks().len())
            .filter_map(|p| self.record(p))
            .collect();
        in_chunks(values.len(), |range| {
            let mut work = self.policy().clone();
            values
                .get(range)
                .unwrap_or_default()
                .iter()
                .map(|v| {
                    set_threshold(&mut work, target, *v);
                    let mut counts = vec![VerdictCounts::default(); tiers.len()];
                    for j in work.judge_batch(&records) {
                        if let Some(slot) = j
                            .tier
                            .and_then(|t| tiers.iter().position(|x| *x == t))
                            .and_then(|i| counts.get_mut(i))
                        {
                            slot.add(j.verdict);
                        }
                    }
                    SweepPoint { value: *v, counts }
                })
                .collect()
        })
    }
}

/// Sets every comparison of `target` to the constant `value`.
fn set_threshold(work: &mut Policy, target: &ThresholdRef, value: Decimal) {
    for loc in &target.locs {
        if let Some(c) = comparison_mut(work, *loc) {
            c.threshold = IExpr::Const(Value::Num(value));
        }
    }
}

/// A record's verdict with the threshold set to `value`, traced into a reused `trace`.
fn judge_at(
    work: &mut Policy,
    trace: &mut Trace,
    target: &ThresholdRef,
    record: &Record,
    value: Decimal,
) -> Verdict {
    set_threshold(work, target, value);
    work.trace(record, trace);
    trace.verdict()
}

/// How one park's verdict depends on the threshold. `now` is its verdict at the current
/// threshold, which is one of the two outcomes; only the other is judged.
fn respond(
    policy: &Policy,
    work: &mut Policy,
    trace: &mut Trace,
    target: &ThresholdRef,
    record: &Record,
    values: &[Decimal],
    now: Verdict,
) -> Response {
    let tier = match record.values.get(policy.tier_input) {
        Some(Value::Enum(t)) => Some(*t as usize),
        _ => None,
    };
    let Some(loc) = target.locs.iter().find(|l| Some(l.tier) == tier) else {
        return Response::Fixed(now);
    };
    let Some(cmp) = comparison(policy, *loc) else {
        return Response::Fixed(now);
    };
    let op = cmp.op;
    let figure = policy.eval_expr(record, &cmp.figure);
    let current = policy
        .eval_expr(record, &cmp.threshold)
        .unwrap_or(Value::Unknown);
    let Ok(Value::Num(f)) = figure else {
        // An unknown figure is unknown against every threshold.
        return Response::Fixed(now);
    };
    let passes_now = match compare(op, &Value::Num(f), &current) {
        Value::Bool(b) => Some(b),
        _ => None,
    };
    match (probes(op, f), passes_now) {
        (Some((_, no)), Some(true)) => Response::Split {
            figure: f,
            pass: now,
            fail: judge_at(work, trace, target, record, no),
        },
        (Some((yes, _)), Some(false)) => Response::Split {
            figure: f,
            pass: judge_at(work, trace, target, record, yes),
            fail: now,
        },
        (Some((yes, no)), None) => Response::Split {
            figure: f,
            pass: judge_at(work, trace, target, record, yes),
            fail: judge_at(work, trace, target, record, no),
        },
        (None, _) => Response::Each(
            values
                .iter()
                .map(|v| judge_at(work, trace, target, record, *v))
                .collect(),
        ),
    }
}
