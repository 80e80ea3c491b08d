//! Counterfactuals: what a park would need to qualify, and which parks sit nearest a threshold.

use super::target::CheckLoc;
use super::Session;
use crate::check::{CheckTest, Comparison, IExpr, Policy, Type, DISPLAY_DECIMALS};
use crate::eval::{compare, CheckResult, RuleResult, Status};
use crate::syntax::ast::{CmpOp, RuleClass};
use crate::value::{Record, Value};
use rust_decimal::{Decimal, RoundingStrategy};

/// One input changed alone, all else equal, so that a failing comparison passes.
#[derive(Debug, Clone, PartialEq)]
pub struct InputChange {
    pub input: usize,
    pub from: Decimal,
    pub to: Decimal,
}

/// What a park lacks for one blocking rule.
#[derive(Debug, Clone, PartialEq)]
pub enum Need {
    /// A comparison that fails: the figure would have to be `needed` (all else equal).
    Figure {
        rule: usize,
        check: CheckResult,
        figure: Decimal,
        threshold: Decimal,
        needed: Decimal,
        /// The same, reached by changing one input the figure reads.
        inputs: Vec<InputChange>,
    },
    /// A failing test that is not a comparison with a number (a veto, a condition, a verdict).
    Test { rule: usize, result: RuleResult },
    /// A rule that is unknown: the record lacks what it reads.
    Missing { rule: usize, result: RuleResult },
}

/// A park whose figure lies near a threshold.
#[derive(Debug, Clone, PartialEq)]
pub struct Near {
    pub park: usize,
    pub rule: usize,
    pub tier: usize,
    pub check: CheckResult,
    /// |margin| ÷ |threshold|.
    pub relative: Decimal,
}

/// The smallest step at the precision the figures are written in (at most the display precision).
fn step(a: Decimal, b: Decimal) -> Decimal {
    let scale = a
        .normalize()
        .scale()
        .max(b.normalize().scale())
        .min(DISPLAY_DECIMALS);
    Decimal::new(1, scale)
}

/// The figure a failing comparison needs, all else equal.
fn needed(op: CmpOp, figure: Decimal, threshold: Decimal) -> Option<Decimal> {
    let s = step(figure, threshold);
    match op {
        CmpOp::Ge | CmpOp::Le | CmpOp::Eq => Some(threshold),
        CmpOp::Gt => threshold.checked_add(s),
        CmpOp::Lt => threshold.checked_sub(s),
        CmpOp::Ne => threshold.checked_add(s),
    }
}

/// The comparison a result's check came from: the branch taken is the one whose guard text the
/// result names (the `else` when none).
fn comparison_of<'p>(
    policy: &'p Policy,
    tier: usize,
    result: &RuleResult,
    check: usize,
) -> Option<(&'p Comparison, CheckLoc)> {
    let crit = policy
        .rules
        .get(result.rule)?
        .per_tier
        .get(tier)?
        .as_ref()?;
    let branch = crit
        .branches
        .iter()
        .position(|b| b.guard_text == result.case)?;
    let c = crit.branches.get(branch)?.checks.get(check)?;
    match &c.test {
        CheckTest::Compare(cmp) => Some((
            cmp,
            CheckLoc {
                rule: result.rule,
                tier,
                branch,
                check,
            },
        )),
        CheckTest::Holds(_) => None,
    }
}

impl Session {
    /// For a park, every blocking rule that fails or is unknown, and what would make it pass.
    pub fn lacks(&self, park: usize) -> Vec<Need> {
        let (Some(j), Some(record)) = (self.judge(park), self.record(park)) else {
            return Vec::new();
        };
        let policy = self.policy();
        let mut out = Vec::new();
        for r in &j.results {
            let blocking = !matches!(policy.class_of(r), Some(RuleClass::Guidance) | None);
            if !blocking {
                continue;
            }
            match r.status {
                Status::Unknown => out.push(Need::Missing {
                    rule: r.rule,
                    result: r.clone(),
                }),
                Status::Fail => {
                    let mut any = false;
                    for (i, c) in r.checks.iter().enumerate() {
                        if c.status != Status::Fail {
                            continue;
                        }
                        let (Some(op), Some(Value::Num(f)), Some(Value::Num(t))) =
                            (c.op, &c.figure, &c.threshold)
                        else {
                            continue;
                        };
                        let Some(need) = needed(op, *f, *t) else {
                            continue;
                        };
                        let inputs = j
                            .tier
                            .and_then(|tier| comparison_of(policy, tier, r, i))
                            .map(|(cmp, _)| solve_inputs(policy, record, cmp, op, *t))
                            .unwrap_or_default();
                        any = true;
                        out.push(Need::Figure {
                            rule: r.rule,
                            check: c.clone(),
                            figure: *f,
                            threshold: *t,
                            needed: need,
                            inputs,
                        });
                    }
                    if !any {
                        out.push(Need::Test {
                            rule: r.rule,
                            result: r.clone(),
                        });
                    }
                }
                Status::Pass | Status::NotApplicable => {}
            }
        }
        out
    }

    /// Parks whose figure lies within `within` (a fraction: 0.05 is 5 %) of a threshold, nearest
    /// first for each rule; `rule` narrows to one rule.
    pub fn nearest(&self, rule: Option<usize>, within: Decimal) -> Vec<Near> {
        let mut out = Vec::new();
        for (park, j) in self.judgements().iter().enumerate() {
            let Some(tier) = j.tier else { continue };
            for r in &j.results {
                if rule.is_some_and(|x| x != r.rule) {
                    continue;
                }
                for c in &r.checks {
                    let (Some(_), Some(m), Some(Value::Num(t))) = (c.op, c.margin, &c.threshold)
                    else {
                        continue;
                    };
                    let relative = if t.is_zero() {
                        if m.is_zero() {
                            Decimal::ZERO
                        } else {
                            continue;
                        }
                    } else {
                        match m.abs().checked_div(t.abs()) {
                            Some(x) => x,
                            None => continue,
                        }
                    };
                    if relative <= within {
                        out.push(Near {
                            park,
                            rule: r.rule,
                            tier,
                            check: c.clone(),
                            relative,
                        });
                    }
                }
            }
        }
        out.sort_by(|a, b| {
            (a.rule, a.tier, &a.check.text)
                .cmp(&(b.rule, b.tier, &b.check.text))
                .then(a.relative.cmp(&b.relative))
                .then(a.park.cmp(&b.park))
        });
        out
    }
}

/// For each number input the figure reads (and the threshold does not), the value it alone would
/// need for the comparison to pass, at the precision it is written in.
fn solve_inputs(
    policy: &Policy,
    record: &Record,
    cmp: &Comparison,
    op: CmpOp,
    threshold: Decimal,
) -> Vec<InputChange> {
    if matches!(cmp.figure, IExpr::Input(_)) {
        return Vec::new();
    }
    let mut reads = Vec::new();
    cmp.figure.record_reads(&mut reads);
    let mut threshold_reads = Vec::new();
    cmp.threshold.record_reads(&mut threshold_reads);
    let mut out = Vec::new();
    for read in reads {
        let IExpr::Input(i) = read else { continue };
        if threshold_reads.contains(&IExpr::Input(i)) {
            continue;
        }
        let Some(def) = policy.inputs.get(i) else {
            continue;
        };
        if !matches!(def.ty, Type::Num(_)) {
            continue;
        }
        let Some(Value::Num(x0)) = record.values.get(i) else {
            continue;
        };
        let passes = |x: Decimal| -> bool {
            let mut r = record.clone();
            if let Some(slot) = r.values.get_mut(i) {
                *slot = Value::Num(x);
            }
            match policy.eval_expr(&r, &cmp.figure) {
                Ok(f) => compare(op, &f, &Value::Num(threshold)) == Value::Bool(true),
                Err(_) => false,
            }
        };
        let range = def.range.unwrap_or((None, None));
        let in_range =
            |x: Decimal| range.0.is_none_or(|lo| x >= lo) && range.1.is_none_or(|hi| x <= hi);
        if let Some(to) = solve(*x0, &passes, &in_range) {
            out.push(InputChange {
                input: i,
                from: *x0,
                to,
            });
        }
    }
    out
}

/// The value nearest `x0`, at `x0`'s precision or finer, for which `passes` holds: a bracket
/// found by doubling, narrowed by bisection, then rounded towards the passing side.
fn solve(
    x0: Decimal,
    passes: &dyn Fn(Decimal) -> bool,
    in_range: &dyn Fn(Decimal) -> bool,
) -> Option<Decimal> {
    let base = x0.abs().max(Decimal::ONE);
    let mut best: Option<(Decimal, Decimal)> = None;
    for up in [true, false] {
        let mut d = base.checked_div(Decimal::from(1024))?;
        for _ in 0..48 {
            let x = if up {
                x0.checked_add(d)
            } else {
                x0.checked_sub(d)
            };
            let Some(x) = x else { break };
            if !in_range(x) {
                // Try the range's edge itself before giving up this direction.
                break;
            }
            if passes(x) {
                let dist = d;
                if best.is_none_or(|(_, bd)| dist < bd) {
                    best = Some((x, dist));
                }
                break;
            }
            d = d.checked_mul(Decimal::TWO)?;
        }
    }
    let (mut hi, _) = best?;
    let mut lo = x0;
    for _ in 0..100 {
        let mid = lo.checked_add(hi)?.checked_div(Decimal::TWO)?;
        if mid == lo || mid == hi {
            break;
        }
        if passes(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    let up = hi > x0;
    let strategy = if up {
        RoundingStrategy::ToPositiveInfinity
    } else {
        RoundingStrategy::ToNegativeInfinity
    };
    let start = x0.normalize().scale();
    for dp in start..=DISPLAY_DECIMALS.max(start) {
        let candidate = lo.round_dp_with_strategy(dp, strategy);
        if passes(candidate) && in_range(candidate) {
            return Some(candidate.normalize());
        }
    }
    in_range(hi).then(|| hi.normalize())
}
