//! Judging a rule that has exceptions, as Catala's default calculus does: the exceptions whose
//! condition holds replace the rule (and are themselves replaced by theirs); two at once are a
//! conflict, which leaves the rule undetermined. An exception whose condition cannot be told makes
//! each possibility judged: when all give one status the rule has it, otherwise it is unknown.

use super::expr::{truth, Cx};
use super::rule::{judge_criterion, Figure};
use super::{CheckTrace, EvalError, Note, RuleTrace, Status};
use crate::check::ir::{Replacement, RuleDef, TierCriterion};

/// What may stand for the rule on a record.
#[derive(Clone, Copy)]
enum Def<'p> {
    /// The rule's own criterion, or an exception's (by index).
    Criterion(Option<usize>, &'p TierCriterion),
    Waived(usize),
    Conflict(usize, usize),
}

/// Judges a rule with exceptions; `own` is the rule's criterion for the record's tier.
pub(super) fn judge(
    cx: Cx<'_>,
    rule: &RuleDef,
    tier: usize,
    own: &TierCriterion,
    figure: Option<&Figure<'_>>,
    base: RuleTrace,
    checks: &mut Vec<CheckTrace>,
) -> RuleTrace {
    let mut defs = Vec::new();
    let mut unknown = None;
    let found = possible(
        cx,
        rule,
        None,
        tier,
        Def::Criterion(None, own),
        &mut defs,
        &mut unknown,
    );
    if let Err(e) = found {
        let mut r = base;
        r.note = Some(Note::Error(e));
        return r;
    }
    let Some((&first, rest)) = defs.split_first() else {
        return base;
    };
    // The others are judged and dropped; the first is judged last so its checks stay.
    let at = checks.len();
    let others: Vec<(Status, Option<crate::syntax::ast::RuleKind>)> = rest
        .iter()
        .map(|&d| {
            let r = judge_def(cx, rule, d, figure, base.clone(), checks);
            checks.truncate(at);
            (r.status, r.kind)
        })
        .collect();
    let mut r = judge_def(cx, rule, first, figure, base, checks);
    if let (Some(k), false) = (unknown, others.is_empty()) {
        let agree = r.status != Status::Unknown && others.iter().all(|o| *o == (r.status, r.kind));
        if !agree {
            r.status = Status::Unknown;
        }
        r.exception = None;
        r.note = Some(Note::ExceptionUnknown {
            exception: k,
            agree,
        });
    }
    r
}

fn judge_def(
    cx: Cx<'_>,
    rule: &RuleDef,
    def: Def<'_>,
    figure: Option<&Figure<'_>>,
    mut base: RuleTrace,
    checks: &mut Vec<CheckTrace>,
) -> RuleTrace {
    match def {
        Def::Criterion(exception, c) => {
            base.exception = exception;
            judge_criterion(cx, rule, c, figure, base, checks)
        }
        Def::Waived(k) => {
            base.exception = Some(k);
            base.status = Status::NotApplicable;
            base.note = Some(Note::Waived(k));
            base
        }
        Def::Conflict(a, b) => {
            base.status = Status::Unknown;
            base.note = Some(Note::Conflict(a, b));
            base
        }
    }
}

/// What `own` (the definition at `node`: the rule, or exception `node`) becomes on this record,
/// given its exceptions: every possibility, with the first exception whose condition is unknown.
fn possible<'p>(
    cx: Cx<'_>,
    rule: &'p RuleDef,
    node: Option<usize>,
    tier: usize,
    own: Def<'p>,
    out: &mut Vec<Def<'p>>,
    unknown: &mut Option<usize>,
) -> Result<(), EvalError> {
    let (mut sure, mut maybe) = (Vec::new(), Vec::new());
    for (k, e) in rule.exceptions.iter().enumerate() {
        if e.parent != node || !e.replacement.covers(tier) {
            continue;
        }
        match truth(cx.eval(&e.when, None)?.get()) {
            Some(true) => sure.push(k),
            Some(false) => {}
            None => {
                unknown.get_or_insert(k);
                maybe.push(k);
            }
        }
    }
    let mut descend = |k: usize, out: &mut Vec<Def<'p>>| -> Result<(), EvalError> {
        let def = match &rule.exceptions.get(k).map(|e| &e.replacement) {
            Some(Replacement::Waived) => Def::Waived(k),
            Some(Replacement::Criteria(c)) => match c.get(tier).and_then(Option::as_ref) {
                Some(c) => Def::Criterion(Some(k), c),
                None => return Ok(()),
            },
            None => return Ok(()),
        };
        possible(cx, rule, Some(k), tier, def, out, unknown)
    };
    match (sure.as_slice(), maybe.as_slice()) {
        ([a, b, ..], _) => out.push(Def::Conflict(*a, *b)),
        ([a], rest) => {
            descend(*a, out)?;
            if let Some(&u) = rest.first() {
                out.push(Def::Conflict(*a, u));
            }
        }
        ([], rest) => {
            out.push(own);
            for &u in rest {
                descend(u, out)?;
            }
            if let [a, b, ..] = rest {
                out.push(Def::Conflict(*a, *b));
            }
        }
    }
    Ok(())
}
