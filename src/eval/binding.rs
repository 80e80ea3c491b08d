//! Judging a rule whose binding depends on a field's value (`binding … by 所在区域 { 西部 =>
//! guidance }`): the case the record's value falls in makes the rule guidance, a constraint,
//! relaxed to another criterion, or left to the panel. A field that is unknown leaves the binding
//! open: every binding it may have is judged, and only when all agree does the result stand.

use super::expr::Cx;
use super::rule::{judge_criterion, Figure};
use super::{CheckTrace, Note, RuleTrace, Status};
use crate::check::ir::{BindingDef, BindingEffect, RuleDef, TierCriterion};
use crate::syntax::ast::RuleKind;
use crate::value::Value;

/// Judges a rule with a binding by field; `own` is the rule's criterion for the record's tier.
#[allow(clippy::too_many_arguments)]
pub(super) fn judge(
    cx: Cx<'_>,
    rule: &RuleDef,
    binding: &BindingDef,
    tier: usize,
    own: &TierCriterion,
    figure: Option<&Figure<'_>>,
    base: RuleTrace,
    checks: &mut Vec<CheckTrace>,
) -> RuleTrace {
    let possible: Vec<Option<usize>> = match cx.inputs.get(binding.field) {
        Some(Value::Enum(v)) => vec![case_of(binding, *v)],
        Some(Value::Unknown) | None => {
            // Every case may apply; the rule's own binding too, unless the cases list every value.
            let mut all: Vec<Option<usize>> = (0..binding.cases.len()).map(Some).collect();
            if !binding.complete {
                all.insert(0, None);
            }
            all
        }
        // `none` (an optional field left out) or anything else: no case lists it.
        Some(_) => vec![None],
    };
    let Some((&first, rest)) = possible.split_first() else {
        return judge_case(cx, rule, binding, None, tier, own, figure, base, checks);
    };
    if rest.is_empty() {
        return judge_case(cx, rule, binding, first, tier, own, figure, base, checks);
    }
    // The others are judged and dropped; the first is judged last so its checks stay.
    let at = checks.len();
    let others: Vec<(Status, Option<RuleKind>)> = rest
        .iter()
        .map(|&case| {
            let r = judge_case(
                cx,
                rule,
                binding,
                case,
                tier,
                own,
                figure,
                base.clone(),
                checks,
            );
            checks.truncate(at);
            (r.status, r.kind)
        })
        .collect();
    let mut r = judge_case(cx, rule, binding, first, tier, own, figure, base, checks);
    // A pass (or not applicable) never blocks whatever the kind; a fail or an unknown must
    // agree on the kind too, since a failing guidance does not block and a failing constraint does.
    let same = |o: &(Status, Option<RuleKind>)| match r.status {
        Status::Pass | Status::NotApplicable => o.0 == r.status,
        Status::Fail => *o == (r.status, r.kind),
        Status::Unknown => false,
    };
    let agree = r.status != Status::Unknown && others.iter().all(same);
    if !agree {
        r.status = Status::Unknown;
        // It may bind: the decision must count it among the constraints it cannot tell.
        if others.iter().any(|o| o.1 == Some(RuleKind::Constraint)) {
            r.kind = Some(RuleKind::Constraint);
        }
    }
    r.binding = None;
    r.note = Some(Note::BindingUnknown { agree });
    r
}

/// The case of the binding that lists enumeration value `v`, if one does.
fn case_of(binding: &BindingDef, v: u32) -> Option<usize> {
    binding.cases.iter().position(|c| c.values.contains(&v))
}

/// Judges the rule under one case of its binding (`None`: the rule's own binding).
#[allow(clippy::too_many_arguments)]
fn judge_case(
    cx: Cx<'_>,
    rule: &RuleDef,
    binding: &BindingDef,
    case: Option<usize>,
    tier: usize,
    own: &TierCriterion,
    figure: Option<&Figure<'_>>,
    mut base: RuleTrace,
    checks: &mut Vec<CheckTrace>,
) -> RuleTrace {
    let mut effect = case.and_then(|k| binding.cases.get(k)).map(|c| &c.effect);
    let mut criterion = own;
    if let Some(BindingEffect::Criteria(c)) = effect {
        match c.get(tier).and_then(Option::as_ref) {
            Some(relaxed) => criterion = relaxed,
            // No other criterion for this tier: the rule's own binding stands.
            None => effect = None,
        }
    }
    base.binding = case.filter(|_| effect.is_some());
    let mut r = judge_with_exceptions(cx, rule, tier, criterion, figure, base, checks);
    match effect {
        Some(BindingEffect::Kind(kind)) if r.status != Status::NotApplicable => {
            r.kind = Some(*kind);
        }
        Some(BindingEffect::Panel) if r.status == Status::Fail => {
            if let Some(k) = case {
                r.status = Status::Unknown;
                r.note = Some(Note::Panel(k));
            }
        }
        _ => {}
    }
    r
}

/// Judges `criterion` (the rule's own, or a relaxed one in its place) with the rule's exceptions.
pub(super) fn judge_with_exceptions(
    cx: Cx<'_>,
    rule: &RuleDef,
    tier: usize,
    criterion: &TierCriterion,
    figure: Option<&Figure<'_>>,
    base: RuleTrace,
    checks: &mut Vec<CheckTrace>,
) -> RuleTrace {
    if rule.exceptions.is_empty() {
        judge_criterion(cx, rule, criterion, figure, base, checks)
    } else {
        super::exceptions::judge(cx, rule, tier, criterion, figure, base, checks)
    }
}
