//! Whether an outcome of one case of a rule can happen at all, for `jidi test --coverage`: an
//! outcome no record the inputs allow can give (a case that can only fail) is not asked of tests.

use super::expr::{Enc, Res};
use super::rules::modelled;
use super::setup::{setup, Version};
use super::solver::{all, any, Answer, Smt, Unanswered};
use super::Options;
use crate::check::ir::{Policy, RuleRole};
use crate::diag::catalogue::encoder_refuses as no;
use crate::diag::text::Text;
use crate::eval::Status;

/// One outcome of one case: the rule (by index), the tier (by index), the case (by index among
/// the tier's branches; applicability and guards that cannot be told count to the case they stop
/// at, or to the only case).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub rule: usize,
    pub tier: usize,
    pub branch: usize,
    pub status: Status,
}

/// For each outcome, whether some record the inputs allow gives it (`None`: not decided);
/// `Err` with the reason when nothing can be asked.
pub fn reachable(
    policy: &Policy,
    outcomes: &[Outcome],
    options: &Options,
) -> Result<Vec<Option<bool>>, Text> {
    run(policy, outcomes, options).map_err(|e| e.reason())
}

fn run(policy: &Policy, outcomes: &[Outcome], options: &Options) -> Res<Vec<Option<bool>>> {
    modelled(policy)?;
    let smt = Smt::start(options.timeout)?;
    let versions = [Version::selection(policy)];
    let mut s = setup(smt, &versions, options)?;
    let tier_name = policy
        .inputs
        .get(policy.tier_input)
        .map(|i| i.name.clone())
        .unwrap_or_default();
    let mut out = Vec::with_capacity(outcomes.len());
    for o in outcomes {
        let (Some(rule), Some(tier)) = (policy.rules.get(o.rule), policy.tiers.get(o.tier)) else {
            out.push(Some(false));
            continue;
        };
        let Some(criterion) = rule.per_tier.get(o.tier).and_then(Option::as_ref) else {
            out.push(Some(false));
            continue;
        };
        let super::setup::Setup {
            smt,
            universe,
            scopes,
        } = &mut s;
        let Some((scope, valid)) = scopes.first() else {
            continue;
        };
        let valid = *valid;
        let Some(is_tier) = universe.is_value(smt, &tier_name, Some(&tier.name)) else {
            return super::expr::refuse(no::tier_input());
        };
        let mut enc = Enc::new(smt, scope, &universe.texts);
        let (applies_yes, applies_unknown) = match &rule.applies {
            Some((a, _)) => {
                let v = enc.eval(a)?;
                let (yes, no) = enc.truth(&v);
                let t = enc.smt.t();
                (yes, all(t, vec![t.not(yes), t.not(no)]))
            }
            None => (enc.smt.t().true_(), enc.smt.t().false_()),
        };
        // The branch is reached: every earlier guard is false.
        let mut earlier_false = Vec::new();
        let mut goal = enc.smt.t().false_();
        for (bi, b) in criterion.branches.iter().enumerate() {
            let (g_yes, g_no) = match &b.guard {
                Some(g) => {
                    let v = enc.eval(g)?;
                    enc.truth(&v)
                }
                None => (enc.smt.t().true_(), enc.smt.t().false_()),
            };
            if bi == o.branch {
                let checks = enc.branch(b)?;
                let t = enc.smt.t();
                let reached = all(t, earlier_false.clone());
                let taken = all(t, vec![applies_yes, reached, g_yes]);
                let guard_unknown = all(t, vec![applies_yes, reached, t.not(g_yes), t.not(g_no)]);
                let veto = rule.role == RuleRole::Veto;
                let (pass, fail) = if veto {
                    (checks.fail, checks.pass)
                } else {
                    (checks.pass, checks.fail)
                };
                goal = match o.status {
                    Status::Pass => t.and(taken, pass),
                    Status::Fail => t.and(taken, fail),
                    Status::Unknown => {
                        let mut ways = vec![t.and(taken, checks.unknown), guard_unknown];
                        if criterion.branches.len() == 1 {
                            ways.push(applies_unknown);
                        }
                        any(t, ways)
                    }
                    Status::NotApplicable => t.not(applies_yes),
                };
                break;
            }
            earlier_false.push(g_no);
        }
        let t = s.smt.t();
        let question = all(t, vec![valid, is_tier, goal]);
        out.push(match s.smt.ask(question) {
            Ok(Answer::Sat) => {
                s.smt.done()?;
                Some(true)
            }
            Ok(Answer::Unsat) => Some(false),
            Err(Unanswered::Timeout) => None,
            Err(other) => return Err(other.into()),
        });
    }
    Ok(out)
}
