//! Rules and the decision as solver terms: each rule's status for a tier (pass, fail, unknown,
//! not applicable) exactly as `eval` judges it, then the verdict by the decision's lines. The IR's
//! rule structures are destructured field by field, so a field added to them stops the build here
//! until it is modelled.

use super::expr::{refuse, Enc, Res, Val};
use super::solver::{all, any};
use crate::check::ir::{
    Branch, CheckTest, Comparison, Decision, DecisionTest, ICheck, RuleDef, RuleRole, TierCriterion,
};
use crate::diag::catalogue::encoder_refuses as no;
use crate::syntax::ast::{Outcome, RuleClass, RuleKind, Verdict};
use easy_smt::SExpr;

/// A rule's status for a record: exactly one holds.
#[derive(Debug, Clone, Copy)]
pub struct Status {
    pub pass: SExpr,
    pub fail: SExpr,
    pub unknown: SExpr,
    pub not_applicable: SExpr,
}

impl Enc<'_, '_> {
    fn status(&mut self, pass: SExpr, fail: SExpr, na: SExpr) -> Res<Status> {
        let bs = self.smt.t().bool_sort();
        let pass = self.smt.name(pass, bs)?;
        let fail = self.smt.name(fail, bs)?;
        let na = self.smt.name(na, bs)?;
        let t = self.smt.t();
        let unknown = all(t, vec![t.not(pass), t.not(fail), t.not(na)]);
        let unknown = self.smt.name(unknown, bs)?;
        Ok(Status {
            pass,
            fail,
            unknown,
            not_applicable: na,
        })
    }

    fn fixed(&mut self, which: crate::eval::Status) -> Res<Status> {
        let (tt, ff) = (self.smt.t().true_(), self.smt.t().false_());
        let pick = |s| if which == s { tt } else { ff };
        use crate::eval::Status as S;
        self.status(pick(S::Pass), pick(S::Fail), pick(S::NotApplicable))
    }

    /// `c ? a : b` on statuses.
    fn either(&mut self, c: SExpr, a: Status, b: Status) -> Res<Status> {
        let t = self.smt.t();
        let pass = t.ite(c, a.pass, b.pass);
        let fail = t.ite(c, a.fail, b.fail);
        let na = t.ite(c, a.not_applicable, b.not_applicable);
        self.status(pass, fail, na)
    }

    /// A check's status: pass, fail, or unknown (an error is unknown, as `eval` reports it).
    fn check(&mut self, check: &ICheck) -> Res<(SExpr, SExpr)> {
        let ICheck {
            text: _,
            test,
            reads: _,
        } = check;
        let v = match test {
            CheckTest::Holds(e) => self.eval(e)?,
            CheckTest::Compare(c) => {
                let Comparison {
                    figure,
                    op,
                    threshold,
                    figure_ty: _,
                    threshold_span: _,
                } = &**c;
                let f = self.eval(figure)?;
                let f = self.error_unknown(f)?;
                let th = self.eval(threshold)?;
                let th = self.error_unknown(th)?;
                self.compare(*op, &f, &th)?
            }
        };
        Ok(self.truth(&v))
    }

    /// An error read as unknown.
    fn error_unknown(&mut self, v: Val) -> Res<Val> {
        let t = self.smt.t();
        let unk = t.or(v.err, v.unk);
        let bs = t.bool_sort();
        let unk = self.smt.name(unk, bs)?;
        Ok(Val {
            err: self.smt.t().false_(),
            unk,
            ..v
        })
    }

    /// The status of a branch's checks: any fail fails, else any unknown is unknown.
    pub(super) fn branch(&mut self, b: &Branch) -> Res<Status> {
        let Branch {
            guard: _,
            guard_text: _,
            checks,
        } = b;
        let mut passes = Vec::new();
        let mut fails = Vec::new();
        for c in checks {
            let (p, f) = self.check(c)?;
            passes.push(p);
            fails.push(f);
        }
        let t = self.smt.t();
        let fail = any(t, fails);
        let pass = all(t, passes);
        let pass = t.and(t.not(fail), pass);
        let f = t.false_();
        self.status(pass, fail, f)
    }

    /// A rule's status for records of tier `tier` (an index of this version's tiers), as `eval`
    /// judges it: where the three-valued encoding leaves it unknown, `eval` may decide it under
    /// the unknowns (bounds, Kleene logic) — and then only as every record filling them in is
    /// judged — so the status there is either unknown or the completed record's, a choice left
    /// to the solver (recorded in [`Enc::decided`]). Questions of "never" stay exact; a witness
    /// is evaluated before it is shown.
    ///
    /// The choice is one per rule name and tier, shared by the versions of a question, so a rule
    /// both versions state alike is decided alike; a limit: where `eval` decides a changed rule
    /// in one version and, its bounds being too loose, not in the other although every filled-in
    /// record agrees, the difference is not seen (docs/verify.md).
    pub fn rule(&mut self, rule: &RuleDef, tier: usize, tier_name: &str) -> Res<Status> {
        let three = self.three_valued(rule, tier)?;
        let Some(completed) = self.on_completion(|c| c.three_valued(rule, tier)) else {
            return Ok(three);
        };
        let completed = completed?;
        let bs = self.smt.t().bool_sort();
        let choice = self.smt.shared(format!("{}\u{0}{tier_name}", rule.name))?;
        let t = self.smt.t();
        let decided = all(t, vec![three.unknown, choice, self.scope.filled]);
        let decided = self.smt.name(decided, bs)?;
        self.decided.push(decided);
        let t = self.smt.t();
        let pass = t.or(three.pass, t.and(decided, completed.pass));
        let fail = t.or(three.fail, t.and(decided, completed.fail));
        let na = t.or(
            three.not_applicable,
            t.and(decided, completed.not_applicable),
        );
        self.status(pass, fail, na)
    }

    /// A rule's status in three-valued logic alone.
    fn three_valued(&mut self, rule: &RuleDef, tier: usize) -> Res<Status> {
        let RuleDef {
            role,
            name: _,
            formerly: _,
            article: _,
            criterion: _,
            group: _,
            nature: _,
            applies,
            figure: _,
            per_tier,
            trigger_ty: _,
            exceptions,
            binding,
            span: _,
        } = rule;
        if !exceptions.is_empty() {
            return refuse(no::exception());
        }
        if binding.is_some() {
            return refuse(no::binding());
        }
        let Some(criterion) = per_tier.get(tier).and_then(Option::as_ref) else {
            return self.fixed(crate::eval::Status::NotApplicable);
        };
        let TierCriterion { kind: _, branches } = criterion;
        // Cases in order: the first whose guard holds; a guard that cannot be told is unknown.
        let mut status = self.fixed(crate::eval::Status::Fail)?;
        for b in branches.iter().rev() {
            let taken = self.branch(b)?;
            status = match &b.guard {
                None => taken,
                Some(g) => {
                    let gv = self.eval(g)?;
                    let (yes, no) = self.truth(&gv);
                    let unknown = self.fixed(crate::eval::Status::Unknown)?;
                    let otherwise = self.either(no, status, unknown)?;
                    self.either(yes, taken, otherwise)?
                }
            };
        }
        if let Some((a, _)) = applies {
            let av = self.eval(a)?;
            let (yes, no) = self.truth(&av);
            let na = self.fixed(crate::eval::Status::NotApplicable)?;
            let unknown = self.fixed(crate::eval::Status::Unknown)?;
            let otherwise = self.either(no, na, unknown)?;
            status = self.either(yes, status, otherwise)?;
        }
        if *role == RuleRole::Veto {
            // A veto's test holds when it is triggered: it then fails.
            status = self.status(status.fail, status.pass, status.not_applicable)?;
        }
        Ok(status)
    }

    /// Whether the decision gives `Eligible` for records of `tier`, with each rule's status.
    pub fn eligible(
        &mut self,
        rules: &[RuleDef],
        decision: &Decision,
        (tier, tier_name): (usize, &str),
    ) -> Res<(SExpr, Vec<Status>)> {
        let mut statuses = Vec::with_capacity(rules.len());
        for r in rules {
            statuses.push(self.rule(r, tier, tier_name)?);
        }
        let Decision {
            lines,
            otherwise,
            name: _,
            article: _,
            rules: _,
        } = decision;
        let class_of = |r: &RuleDef| match r.role {
            RuleRole::Condition => Some(RuleClass::Condition),
            RuleRole::Veto => Some(RuleClass::Veto),
            RuleRole::Indicator => r.per_tier.get(tier)?.as_ref().map(|c| match c.kind {
                RuleKind::Constraint => RuleClass::Constraint,
                RuleKind::Guidance => RuleClass::Guidance,
            }),
        };
        let t = self.smt.t();
        let mut verdict_eligible = if *otherwise == Verdict::Eligible {
            t.true_()
        } else {
            t.false_()
        };
        for (verdict, tests) in lines.iter().rev() {
            let mut fires = Vec::new();
            for test in tests {
                let (class, outcome) = match test {
                    DecisionTest::Rules(class, outcome) => (class, outcome),
                    DecisionTest::Decision(..) => return refuse(no::decision_reading_another()),
                };
                for (i, (r, s)) in rules.iter().zip(&statuses).enumerate() {
                    if class_of(r) == Some(*class) && decision.reads(i) {
                        fires.push(match outcome {
                            Outcome::Fail => s.fail,
                            Outcome::Unknown => s.unknown,
                        });
                    }
                }
            }
            let t = self.smt.t();
            let line = any(t, fires);
            let here = if *verdict == Verdict::Eligible {
                t.true_()
            } else {
                t.false_()
            };
            verdict_eligible = t.ite(line, here, verdict_eligible);
            let bs = t.bool_sort();
            verdict_eligible = self.smt.name(verdict_eligible, bs)?;
        }
        Ok((verdict_eligible, statuses))
    }
}

/// Refuses a policy whose parts the encoder does not model: every part of [`Policy`] is named
/// here, so a new one stops the build until it is modelled or refused.
///
/// [`Policy`]: crate::check::ir::Policy
pub fn modelled(policy: &crate::check::ir::Policy) -> Res<()> {
    let crate::check::ir::Policy {
        // Read by the encoder.
        inputs: _,
        tier_input: _,
        tiers: _,
        enums: _,
        shapes: _,
        units: _,
        lets: _,
        rules: _,
        decision: _,
        // Not part of a verdict.
        source: _,
        meta: _,
        sets: _,
        name_input: _,
        assumptions: _,
        reads: _,
        notices: _,
        calendar: _,
        lifecycle: _,
        stars: _,
        // The evaluator's compiled form of the rules.
        compiled: _,
        // Rules are encoded whole, so their order does not matter; further decisions are not
        // the verdict; tables are read where expressions read them.
        rule_order: _,
        decisions: _,
        tables: _,
        // A round rule cuts a record by the others in its round, which one record's model cannot say.
        rounds,
    } = policy;
    if !rounds.is_empty() {
        return refuse(no::rounds());
    }
    if policy
        .rules
        .iter()
        .any(|r| r.per_tier.len() != policy.tiers.len())
    {
        return refuse(no::tiers_not_policys());
    }
    Ok(())
}
