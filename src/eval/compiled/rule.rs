//! One rule lowered for its common case: no exceptions, every part known. A rule judged this way
//! gets the trace the interpreter gives it; any part the lowered form cannot settle (an unknown
//! or failing value, a guard that cannot be told, an unknown tier) hands the whole rule back to
//! the interpreter, which then writes the notes and bounds.

use super::node::{lower, Layout, Node, Slots};
use crate::check::ir::{CheckTest, RuleDef};
use crate::eval::expr::V;
use crate::eval::rule::{compared, status_of, veto_status};
use crate::eval::{CheckTrace, Note, RuleTrace, Status};
use crate::syntax::ast::{CmpOp, RuleKind};
use crate::value::Value;

/// A rule's applicability, figure and criteria per tier, lowered.
#[derive(Debug, Clone)]
pub(in crate::eval) struct RulePlan {
    applies: Option<Node>,
    figure: Option<Node>,
    tiers: Vec<Option<Criterion>>,
}

#[derive(Debug, Clone)]
struct Criterion {
    kind: RuleKind,
    branches: Vec<Branch>,
}

#[derive(Debug, Clone)]
struct Branch {
    guard: Option<Node>,
    checks: Vec<Check>,
}

#[derive(Debug, Clone)]
enum Check {
    Holds(Node),
    /// `figure op threshold`; no figure: the rule's own, computed once.
    Compare {
        figure: Option<Node>,
        op: CmpOp,
        threshold: Node,
    },
}

impl RulePlan {
    /// The rule lowered, or `None` when the interpreter judges it (exceptions, a binding by a
    /// field, `growth`).
    pub(super) fn lower(rule: &RuleDef, keys: &mut Layout) -> Option<RulePlan> {
        if !rule.exceptions.is_empty() || rule.binding.is_some() {
            return None;
        }
        let own_figure = rule.figure.as_ref().map(|(f, _)| f);
        let mut tiers = Vec::with_capacity(rule.per_tier.len());
        for criterion in &rule.per_tier {
            let Some(c) = criterion else {
                tiers.push(None);
                continue;
            };
            let mut branches = Vec::with_capacity(c.branches.len());
            for b in &c.branches {
                let mut checks = Vec::with_capacity(b.checks.len());
                for check in &b.checks {
                    checks.push(match &check.test {
                        CheckTest::Holds(e) => Check::Holds(lower(e, keys)),
                        CheckTest::Compare(c) if c.figure.is_growth() => return None,
                        CheckTest::Compare(c) => Check::Compare {
                            figure: (own_figure != Some(&c.figure)).then(|| lower(&c.figure, keys)),
                            op: c.op,
                            threshold: lower(&c.threshold, keys),
                        },
                    });
                }
                branches.push(Branch {
                    guard: b.guard.as_ref().map(|g| lower(g, keys)),
                    checks,
                });
            }
            tiers.push(Some(Criterion {
                kind: c.kind,
                branches,
            }));
        }
        Some(RulePlan {
            applies: rule.applies.as_ref().map(|(e, _)| lower(e, keys)),
            figure: own_figure.map(|f| lower(f, keys)),
            tiers,
        })
    }

    /// Moves map slots to the program's numbering.
    pub(super) fn relocate(&mut self, keys: &Layout) {
        let nodes = self.applies.iter_mut().chain(self.figure.iter_mut());
        nodes.for_each(|n| n.relocate(keys));
        for c in self.tiers.iter_mut().flatten() {
            for b in &mut c.branches {
                if let Some(g) = &mut b.guard {
                    g.relocate(keys);
                }
                for check in &mut b.checks {
                    match check {
                        Check::Holds(n) => n.relocate(keys),
                        Check::Compare {
                            figure, threshold, ..
                        } => {
                            if let Some(f) = figure {
                                f.relocate(keys);
                            }
                            threshold.relocate(keys);
                        }
                    }
                }
            }
        }
    }

    /// Judges the rule into `result` as the interpreter would; `false` (with `checks` as it
    /// was, `result` to be overwritten) when the interpreter must, because some part is unknown
    /// or could not be computed.
    pub(in crate::eval) fn judge(
        &self,
        s: Slots<'_>,
        rule: &RuleDef,
        tier: Option<usize>,
        checks: &mut Vec<CheckTrace>,
        result: &mut RuleTrace,
    ) -> bool {
        let Some(tier) = tier else {
            return false;
        };
        let at = checks.len();
        *result = RuleTrace {
            status: Status::NotApplicable,
            kind: None,
            figure: None,
            branch: None,
            checks: at..at,
            note: Some(Note::NotForTier),
            trigger: None,
            exception: None,
            binding: None,
        };
        let Some(criterion) = self.tiers.get(tier).and_then(Option::as_ref) else {
            return true;
        };
        let Some(own) = rule.per_tier.get(tier).and_then(Option::as_ref) else {
            return false;
        };
        result.kind = Some(criterion.kind);
        if let Some(applies) = &self.applies {
            match s.eval(applies).as_ref().map(V::get) {
                Ok(Value::Bool(true)) => {}
                Ok(Value::Bool(false)) => {
                    result.note = Some(Note::DoesNotApply);
                    return true;
                }
                _ => return false,
            }
        }
        result.note = None;
        result.figure = match self.figure.as_ref().map(|f| s.eval(f)) {
            Some(Ok(v)) => Some(v.get().clone()),
            Some(Err(_)) => return false,
            None => None,
        };
        let mut taken = None;
        for (i, b) in criterion.branches.iter().enumerate() {
            let holds = match &b.guard {
                None => true,
                Some(g) => match s.eval(g).as_ref().map(V::get) {
                    Ok(Value::Bool(b)) => *b,
                    _ => return false,
                },
            };
            if holds {
                taken = Some((i, b));
                break;
            }
        }
        let Some((i, branch)) = taken else {
            result.status = Status::Fail;
            result.note = Some(Note::NoCase);
            return true;
        };
        result.branch = Some(i);
        let mut status = Status::Pass;
        for check in &branch.checks {
            let c = match check {
                Check::Holds(n) => CheckTrace {
                    status: s.eval(n).map_or(Status::Unknown, |v| status_of(v.get())),
                    ..CheckTrace::unjudged()
                },
                Check::Compare {
                    figure: own,
                    op,
                    threshold,
                } => {
                    let f = match own {
                        Some(n) => s.eval(n).map_or(Value::Unknown, |v| v.get().clone()),
                        None => result.figure.clone().unwrap_or(Value::Unknown),
                    };
                    let t = match threshold.constant() {
                        Some(t) => t.clone(),
                        None => s
                            .eval(threshold)
                            .map_or(Value::Unknown, |v| v.get().clone()),
                    };
                    CheckTrace {
                        status: compared(*op, &f, &t),
                        op: Some(*op),
                        figure: Some(f),
                        threshold: Some(t),
                        ..CheckTrace::unjudged()
                    }
                }
            };
            match c.status {
                Status::Fail => status = Status::Fail,
                Status::Pass => {}
                _ => {
                    // Unknown: the interpreter says why, and may decide it from bounds.
                    checks.truncate(at);
                    return false;
                }
            }
            checks.push(c);
        }
        result.checks = at..checks.len();
        result.status = status;
        veto_status(s.cx, rule, result, own, checks);
        true
    }
}
