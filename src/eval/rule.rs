//! Judging one rule for one record: its criterion for the record's tier, the case it takes, its
//! checks with figures, thresholds and margins, and a veto's trigger.

use super::expr::{test, truth, Cx, V};
use super::{kleene, CheckTrace, EvalError, Note, RuleTrace, Status};
use crate::check::ir::{
    Branch, CheckTest, Comparison, ICheck, IExpr, RuleDef, RuleRole, TierCriterion,
};
use crate::syntax::ast::CmpOp;
use crate::value::Value;
use rust_decimal::Decimal;

/// A test's value as a check's status.
pub(super) fn status_of(v: &Value) -> Status {
    match v {
        Value::Bool(true) => Status::Pass,
        Value::Bool(false) => Status::Fail,
        _ => Status::Unknown,
    }
}

/// The status of a comparison `figure op threshold`.
pub(super) fn compared(op: CmpOp, figure: &Value, threshold: &Value) -> Status {
    match test(op, figure, threshold) {
        Some(true) => Status::Pass,
        Some(false) => Status::Fail,
        None => Status::Unknown,
    }
}

pub(super) fn judge_rule(
    cx: Cx<'_>,
    rule: &RuleDef,
    tier: Option<usize>,
    checks: &mut Vec<CheckTrace>,
) -> RuleTrace {
    let at = checks.len();
    let mut result = RuleTrace {
        status: Status::Unknown,
        kind: None,
        figure: None,
        branch: None,
        checks: at..at,
        note: None,
        trigger: None,
        exception: None,
        binding: None,
    };
    let Some(tier) = tier else {
        result.note = Some(Note::TierUnknown);
        return result;
    };
    let Some(criterion) = rule.per_tier.get(tier).and_then(Option::as_ref) else {
        result.status = Status::NotApplicable;
        result.note = Some(Note::NotForTier);
        return result;
    };
    result.kind = Some(criterion.kind);
    if let Some((applies, _)) = &rule.applies {
        match cx.eval(applies, None).as_ref().map(V::get) {
            Ok(Value::Bool(true)) => {}
            Ok(Value::Bool(false)) => {
                result.status = Status::NotApplicable;
                result.note = Some(Note::DoesNotApply);
                return result;
            }
            Ok(_) => {
                result.note = Some(Note::AppliesUnknown);
                return result;
            }
            Err(e) => {
                result.note = Some(Note::Error(*e));
                return result;
            }
        }
    }
    // The figure, kept to compare against when a check's figure is the same expression.
    let figure = rule.figure.as_ref().map(|(f, _)| (f, cx.eval(f, None)));
    if let Some((_, v)) = &figure {
        result.figure = v.as_ref().ok().map(|v| v.get().clone());
    }
    match rule.binding.as_deref() {
        Some(b) => super::binding::judge(
            cx,
            rule,
            b,
            tier,
            criterion,
            figure.as_ref(),
            result,
            checks,
        ),
        None => super::binding::judge_with_exceptions(
            cx,
            rule,
            tier,
            criterion,
            figure.as_ref(),
            result,
            checks,
        ),
    }
}

/// Judges one criterion (the rule's own or an exception's): the case it takes, then its checks.
pub(super) fn judge_criterion(
    cx: Cx<'_>,
    rule: &RuleDef,
    criterion: &TierCriterion,
    figure: Option<&Figure<'_>>,
    mut result: RuleTrace,
    checks: &mut Vec<CheckTrace>,
) -> RuleTrace {
    let at = checks.len();
    result.checks = at..at;
    result.kind = Some(criterion.kind);
    let branch = match select_branch(cx, &criterion.branches) {
        Ok(Some(b)) => b,
        Ok(None) => {
            result.status = Status::Fail;
            result.note = Some(Note::NoCase);
            return result;
        }
        Err(Note::GuardUnknown(k)) => match every_case(cx, &criterion.branches, k, figure) {
            Some((b, status, taken)) => {
                result.branch = Some(b);
                checks.extend(taken);
                result.checks = at..checks.len();
                result.status = status;
                result.note = Some(Note::EveryCase {
                    guard: k,
                    pass: status == Status::Pass,
                });
                veto_status(cx, rule, &mut result, criterion, checks);
                return result;
            }
            None => {
                result.note = Some(Note::GuardUnknown(k));
                return result;
            }
        },
        Err(note) => {
            result.note = Some(note);
            return result;
        }
    };
    result.branch = Some(branch);
    let Some(branch) = criterion.branches.get(branch) else {
        return result;
    };
    let mut status = Status::Pass;
    for check in &branch.checks {
        let c = run_check(cx, check, figure);
        match c.status {
            Status::Fail => status = Status::Fail,
            Status::Unknown if status != Status::Fail => status = Status::Unknown,
            _ => {}
        }
        checks.push(c);
    }
    result.checks = at..checks.len();
    result.status = status;
    if status == Status::Unknown {
        // Say why when a value could not be computed (overflow, division by zero…).
        let figure_error = figure.and_then(|(_, v)| v.as_ref().err().copied());
        result.note = figure_error
            .or_else(|| first_error(cx, &branch.checks))
            .map(Note::Error)
            .or_else(|| {
                let figure = rule.figure.as_ref().map(|(f, _)| f);
                figure
                    .into_iter()
                    .chain(branch.checks.iter().flat_map(|c| match &c.test {
                        CheckTest::Holds(e) => vec![e],
                        CheckTest::Compare(c) => vec![&c.figure, &c.threshold],
                    }))
                    .find_map(|e| super::note::let_error(e, cx.let_errors))
                    .map(|(i, e)| Note::Let(i, e))
            });
    }
    veto_status(cx, rule, &mut result, criterion, checks);
    result
}

/// A veto fails when its test holds, with the element that triggered it; other rules as they are.
/// Inlined, so that the other rules, most of them, cost no call.
#[inline]
pub(super) fn veto_status(
    cx: Cx<'_>,
    rule: &RuleDef,
    result: &mut RuleTrace,
    criterion: &TierCriterion,
    checks: &mut [CheckTrace],
) {
    if rule.role == RuleRole::Veto {
        veto_turned(cx, result, criterion, checks);
    }
}

/// A veto's result turned: its test holding is a fail.
fn veto_turned(
    cx: Cx<'_>,
    result: &mut RuleTrace,
    criterion: &TierCriterion,
    checks: &mut [CheckTrace],
) {
    let first = result
        .branch
        .and_then(|b| criterion.branches.get(b))
        .and_then(|b| b.checks.first());
    result.status = match result.status {
        Status::Pass => {
            result.trigger = witness(cx, first).map(Box::new);
            Status::Fail
        }
        Status::Fail => Status::Pass,
        other => other,
    };
    if let Some(checks) = checks.get_mut(result.checks.clone()) {
        for c in checks {
            c.status = result.status;
        }
    }
}

/// When the guard of case `from` cannot be told: every case that may apply (from `from` on, up
/// to the first that surely does) is judged, and if all give one status — `no case applies`
/// counting as a fail — that status stands. Returns the case shown (the strictest that passes,
/// the most lenient that fails), the status and that case's checks.
fn every_case(
    cx: Cx<'_>,
    branches: &[Branch],
    from: usize,
    figure: Option<&Figure<'_>>,
) -> Option<(usize, Status, Vec<CheckTrace>)> {
    let mut outcomes: Vec<(usize, Status, Vec<CheckTrace>)> = Vec::new();
    let mut surely_one = false;
    for (i, b) in branches.iter().enumerate().skip(from) {
        let sure = match &b.guard {
            None => true,
            Some(g) => match cx.eval(g, None).ok().map(|v| truth(v.get())) {
                Some(Some(true)) => true,
                Some(Some(false)) => continue,
                Some(None) => false,
                None => return None,
            },
        };
        let checks: Vec<CheckTrace> = b.checks.iter().map(|c| run_check(cx, c, figure)).collect();
        let status = checks
            .iter()
            .fold(Status::Pass, |acc, c| match (acc, c.status) {
                (Status::Fail, _) | (_, Status::Fail) => Status::Fail,
                (Status::Unknown, _) | (_, Status::Unknown) => Status::Unknown,
                _ => acc,
            });
        if status == Status::Unknown {
            return None;
        }
        outcomes.push((i, status, checks));
        if sure {
            surely_one = true;
            break;
        }
    }
    let status = outcomes.first()?.1;
    // With no case sure to apply, none may: the rule would fail.
    let agree = outcomes.iter().all(|o| o.1 == status) && (surely_one || status == Status::Fail);
    if !agree {
        return None;
    }
    let tightest =
        |o: &(usize, Status, Vec<CheckTrace>)| o.2.iter().filter_map(CheckTrace::margin).min();
    if status == Status::Pass {
        outcomes
            .into_iter()
            .min_by(|a, b| cmp_margin(tightest(a), tightest(b)))
    } else {
        outcomes
            .into_iter()
            .rev()
            .max_by(|a, b| cmp_margin(tightest(a), tightest(b)))
    }
}

/// Orders margins with "no margin" last.
fn cmp_margin(a: Option<Decimal>, b: Option<Decimal>) -> std::cmp::Ordering {
    match (a, b) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    }
}

/// The index of the first branch whose guard holds; `Err` when a guard is unknown.
fn select_branch(cx: Cx<'_>, branches: &[Branch]) -> Result<Option<usize>, Note> {
    for (i, b) in branches.iter().enumerate() {
        let Some(guard) = &b.guard else {
            return Ok(Some(i));
        };
        match cx.eval(guard, None).as_ref().map(V::get) {
            Ok(Value::Bool(true)) => return Ok(Some(i)),
            Ok(Value::Bool(false)) => {}
            Ok(_) => return Err(Note::GuardUnknown(i)),
            Err(e) => return Err(Note::Error(*e)),
        }
    }
    Ok(None)
}

/// An indicator's figure expression and its value for the record.
pub(super) type Figure<'f> = (&'f IExpr, Result<V<'f>, EvalError>);

fn run_check(cx: Cx<'_>, check: &ICheck, rule_figure: Option<&Figure<'_>>) -> CheckTrace {
    let mut out = CheckTrace::unjudged();
    match &check.test {
        CheckTest::Holds(e) => {
            out.status = cx
                .eval(e, None)
                .map_or(Status::Unknown, |v| status_of(v.get()));
        }
        CheckTest::Compare(c) => run_comparison(cx, c, rule_figure, &mut out),
    }
    out
}

/// A comparison's outcome into `out`: the figure against the threshold, a growth rate decided
/// exactly, unknowns decided by their bounds where those decide.
pub(super) fn run_comparison(
    cx: Cx<'_>,
    c: &Comparison,
    rule_figure: Option<&Figure<'_>>,
    out: &mut CheckTrace,
) {
    let Comparison {
        figure,
        op,
        threshold,
        ..
    } = c;
    let f = match rule_figure {
        Some((expr, v)) if *expr == figure => match v {
            Ok(v) => v.get().clone(),
            Err(_) => Value::Unknown,
        },
        _ => cx.eval(figure, None).map_or(Value::Unknown, V::into_owned),
    };
    let t = cx
        .eval(threshold, None)
        .map_or(Value::Unknown, V::into_owned);
    if figure.is_growth() {
        // Decided exactly; the rate shown is rounded, so no margin is claimed.
        out.status = match cx.growth_test(*op, figure, threshold, None) {
            Ok(Some(true)) => Status::Pass,
            Ok(Some(false)) => Status::Fail,
            _ => Status::Unknown,
        };
        out.op = Some(*op);
        out.figure = Some(f);
        out.threshold = Some(t);
        out.rounded = true;
        return;
    }
    out.status = compared(*op, &f, &t);
    if out.status == Status::Unknown && super::expr::numbers_unknown(&f, &t) {
        // What is known may still force the comparison.
        if let (Some(fb), Some(tb)) = (cx.bounds(figure, None), cx.bounds(threshold, None)) {
            if let Some(holds) = kleene::decide(*op, fb, tb) {
                out.status = if holds { Status::Pass } else { Status::Fail };
                out.bounds = (!f.is_known()).then(|| Box::new(fb));
                out.threshold_bounds = (!t.is_known()).then(|| Box::new(tb));
            }
        }
    }
    out.op = Some(*op);
    out.figure = Some(f);
    out.threshold = Some(t);
}

/// How far a figure is on the passing side of its threshold (negative: short of it), when both
/// are numbers.
pub(super) fn margin(op: CmpOp, figure: &Value, threshold: &Value) -> Option<Decimal> {
    let (Value::Num(f), Value::Num(t)) = (figure, threshold) else {
        return None;
    };
    match op {
        CmpOp::Le | CmpOp::Lt => t.checked_sub(*f),
        _ => f.checked_sub(*t),
    }
}

/// The first error met computing the checks' figures, thresholds and tests.
fn first_error(cx: Cx<'_>, checks: &[ICheck]) -> Option<EvalError> {
    checks.iter().find_map(|check| match &check.test {
        CheckTest::Holds(e) => cx.eval(e, None).err(),
        CheckTest::Compare(c) => cx
            .eval(&c.figure, None)
            .err()
            .or_else(|| cx.eval(&c.threshold, None).err()),
    })
}

/// For a veto of the form `any e in 事件: …`, the element that triggered it.
fn witness(cx: Cx<'_>, check: Option<&ICheck>) -> Option<Value> {
    let CheckTest::Holds(IExpr::Quant { over, body, .. }) = &check?.test else {
        return None;
    };
    cx.witness(over, body, None)
}
