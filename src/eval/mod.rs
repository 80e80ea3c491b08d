//! Eval: judges one record against a checked policy — statuses per rule, then the verdict. Pure, no I/O.

mod expr;

pub use expr::{compare, shift, Env, EvalError};

use crate::check::ir::{
    Branch, CheckTest, Comparison, ICheck, IExpr, Policy, Read, RuleDef, RuleRole, TitlePart, Type,
};
use crate::syntax::ast::{CmpOp, Outcome, RuleClass, RuleKind, Verdict};
use crate::value::Value;
use rust_decimal::Decimal;

/// A record's inputs, by the policy's input slots.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub values: Vec<Value>,
}

/// The status of one rule for one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Pass,
    Fail,
    Unknown,
    NotApplicable,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::Unknown => "unknown",
            Status::NotApplicable => "not_applicable",
        }
    }

    /// Combines the statuses of checks that must all hold.
    fn all(statuses: impl Iterator<Item = Status>) -> Status {
        let mut out = Status::Pass;
        for s in statuses {
            match s {
                Status::Fail => return Status::Fail,
                Status::Unknown => out = Status::Unknown,
                _ => {}
            }
        }
        out
    }
}

/// One check's outcome: the figure, the threshold and the margin (positive means room to spare).
#[derive(Debug, Clone, PartialEq)]
pub struct CheckResult {
    pub text: String,
    pub status: Status,
    pub op: Option<CmpOp>,
    pub figure: Option<Value>,
    pub threshold: Option<Value>,
    pub margin: Option<Decimal>,
    pub unit_ty: Option<Type>,
    /// What the check read from the record (by index into [`Policy::reads`]), with the values.
    pub given: Vec<(usize, Value)>,
}

/// One rule's outcome for one record.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleResult {
    /// Index of the rule in [`Policy::rules`].
    pub rule: usize,
    pub status: Status,
    /// Constraint or guidance, for this record's tier.
    pub kind: Option<RuleKind>,
    /// The indicator's own figure, when it has one.
    pub figure: Option<Value>,
    /// The case taken among `when` branches.
    pub case: Option<String>,
    pub checks: Vec<CheckResult>,
    /// Why a status is what it is when the checks do not say (no case applies, an unknown case…).
    pub note: Option<String>,
    /// For a veto, the element (an event) that triggered it.
    pub trigger: Option<Value>,
}

/// The judgement of one record.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement {
    pub name: Option<String>,
    pub tier: Option<usize>,
    pub verdict: Verdict,
    pub title: Option<String>,
    pub results: Vec<RuleResult>,
}

impl Policy {
    /// Computes every derived value of a record, in dependency order.
    pub fn derive(&self, record: &Record) -> Vec<Value> {
        let mut lets: Vec<Value> = Vec::with_capacity(self.lets.len());
        for def in &self.lets {
            let v = {
                let mut env = Env {
                    inputs: &record.values,
                    lets: &lets,
                    locals: Vec::new(),
                };
                env.eval(&def.expr).unwrap_or(Value::Unknown)
            };
            lets.push(v);
        }
        lets
    }

    /// Evaluates an expression against a record (for the REPL and tools).
    pub fn eval_expr(&self, record: &Record, e: &IExpr) -> Result<Value, EvalError> {
        let lets = self.derive(record);
        Env {
            inputs: &record.values,
            lets: &lets,
            locals: Vec::new(),
        }
        .eval(e)
    }

    /// Judges one record: every rule's status, then the verdict by the policy's decision.
    pub fn judge(&self, record: &Record) -> Judgement {
        let lets = self.derive(record);
        let mut env = Env {
            inputs: &record.values,
            lets: &lets,
            locals: Vec::new(),
        };
        let tier = match record.values.get(self.tier_input) {
            Some(Value::Enum(t)) => Some(*t as usize),
            _ => None,
        };
        let results: Vec<RuleResult> = self
            .rules
            .iter()
            .enumerate()
            .map(|(i, rule)| judge_rule(&mut env, &self.reads, i, rule, tier))
            .collect();
        let verdict = self.decide(&results);
        let name = self
            .name_input
            .and_then(|i| record.values.get(i))
            .and_then(|v| match v {
                Value::Text(t) => Some(t.to_string()),
                _ => None,
            });
        let title = (verdict == Verdict::Eligible)
            .then(|| {
                tier.and_then(|t| self.tiers.get(t))
                    .and_then(|t| t.title.as_ref())
            })
            .flatten()
            .and_then(|parts| self.fill_title(parts, record));
        Judgement {
            name,
            tier,
            verdict,
            title,
            results,
        }
    }

    fn fill_title(&self, parts: &[TitlePart], record: &Record) -> Option<String> {
        let mut out = String::new();
        for p in parts {
            match p {
                TitlePart::Text(t) => out.push_str(t),
                TitlePart::Input(i) => match record.values.get(*i)? {
                    Value::Text(t) => out.push_str(t),
                    _ => return None,
                },
            }
        }
        Some(out)
    }

    /// Applies the decision block to rule statuses.
    pub fn decide(&self, results: &[RuleResult]) -> Verdict {
        for (verdict, tests) in &self.decision.lines {
            let hit = tests.iter().any(|(class, outcome)| {
                let want = match outcome {
                    Outcome::Fail => Status::Fail,
                    Outcome::Unknown => Status::Unknown,
                };
                results
                    .iter()
                    .any(|r| r.status == want && self.class_of(r) == Some(*class))
            });
            if hit {
                return *verdict;
            }
        }
        self.decision.otherwise
    }

    /// Which class of the decision a result belongs to.
    pub fn class_of(&self, r: &RuleResult) -> Option<RuleClass> {
        match self.rules.get(r.rule)?.role {
            RuleRole::Condition => Some(RuleClass::Condition),
            RuleRole::Veto => Some(RuleClass::Veto),
            RuleRole::Indicator => match r.kind? {
                RuleKind::Constraint => Some(RuleClass::Constraint),
                RuleKind::Guidance => Some(RuleClass::Guidance),
            },
        }
    }
}

fn status_of(v: &Value) -> Status {
    match v {
        Value::Bool(true) => Status::Pass,
        Value::Bool(false) => Status::Fail,
        _ => Status::Unknown,
    }
}

fn judge_rule(
    env: &mut Env<'_>,
    reads: &[Read],
    index: usize,
    rule: &RuleDef,
    tier: Option<usize>,
) -> RuleResult {
    let mut result = RuleResult {
        rule: index,
        status: Status::Unknown,
        kind: None,
        figure: None,
        case: None,
        checks: Vec::new(),
        note: None,
        trigger: None,
    };
    let Some(tier) = tier else {
        result.note = Some("the record's tier is unknown".into());
        return result;
    };
    let Some(criterion) = rule.per_tier.get(tier).and_then(Option::as_ref) else {
        result.status = Status::NotApplicable;
        result.note = Some("not a rule for this tier".into());
        return result;
    };
    result.kind = Some(criterion.kind);
    if let Some((applies, text)) = &rule.applies {
        match env.eval(applies) {
            Ok(Value::Bool(true)) => {}
            Ok(Value::Bool(false)) => {
                result.status = Status::NotApplicable;
                result.note = Some(format!("applies when {text}"));
                return result;
            }
            Ok(_) => {
                result.note = Some(format!("cannot tell whether `{text}` holds"));
                return result;
            }
            Err(e) => {
                result.note = Some(e.to_string());
                return result;
            }
        }
    }
    if let Some((figure, _)) = &rule.figure {
        result.figure = env.eval(figure).ok();
    }
    let branch = match select_branch(env, &criterion.branches) {
        Ok(Some(b)) => b,
        Ok(None) => {
            result.status = Status::Fail;
            result.note = Some("no case of the criterion applies".into());
            return result;
        }
        Err(note) => {
            result.note = Some(note);
            return result;
        }
    };
    result.case = branch.guard_text.clone();
    result.checks = branch
        .checks
        .iter()
        .map(|c| run_check(env, reads, c))
        .collect();
    result.status = Status::all(result.checks.iter().map(|c| c.status));
    if rule.role == RuleRole::Veto {
        result.status = match result.status {
            Status::Pass => {
                result.trigger = witness(env, branch.checks.first());
                Status::Fail
            }
            Status::Fail => Status::Pass,
            other => other,
        };
        for c in &mut result.checks {
            c.status = result.status;
        }
    }
    result
}

/// The first branch whose guard holds; `Err` when a guard is unknown.
fn select_branch<'b>(
    env: &mut Env<'_>,
    branches: &'b [Branch],
) -> Result<Option<&'b Branch>, String> {
    for b in branches {
        let Some(guard) = &b.guard else {
            return Ok(Some(b));
        };
        match env.eval(guard) {
            Ok(Value::Bool(true)) => return Ok(Some(b)),
            Ok(Value::Bool(false)) => {}
            Ok(_) => {
                return Err(format!(
                    "cannot tell whether `{}` holds",
                    b.guard_text.as_deref().unwrap_or("")
                ))
            }
            Err(e) => return Err(e.to_string()),
        }
    }
    Ok(None)
}

fn run_check(env: &mut Env<'_>, reads: &[Read], check: &ICheck) -> CheckResult {
    let mut out = CheckResult {
        text: check.text.clone(),
        status: Status::Unknown,
        op: None,
        figure: None,
        threshold: None,
        margin: None,
        unit_ty: None,
        given: Vec::new(),
    };
    match &check.test {
        CheckTest::Holds(e) => {
            out.status = env.eval(e).map_or(Status::Unknown, |v| status_of(&v));
            out.given = given(env, reads, check);
        }
        CheckTest::Compare(c) => {
            let Comparison {
                figure,
                op,
                threshold,
                figure_ty,
                ..
            } = &**c;
            let f = env.eval(figure).unwrap_or(Value::Unknown);
            let t = env.eval(threshold).unwrap_or(Value::Unknown);
            out.status = status_of(&compare(*op, &f, &t));
            out.given = given(env, reads, check);
            if let (Value::Num(a), Value::Num(b)) = (&f, &t) {
                out.margin = match op {
                    CmpOp::Le | CmpOp::Lt => b.checked_sub(*a),
                    _ => a.checked_sub(*b),
                };
            }
            out.op = Some(*op);
            out.figure = Some(f);
            out.threshold = Some(t);
            out.unit_ty = Some(figure_ty.clone());
        }
    }
    out
}

fn given(env: &mut Env<'_>, reads: &[Read], check: &ICheck) -> Vec<(usize, Value)> {
    check
        .reads
        .iter()
        .map(|&i| {
            let v = reads.get(i).and_then(|r| env.eval(&r.expr).ok());
            (i, v.unwrap_or(Value::Unknown))
        })
        .collect()
}

/// For a veto of the form `any e in 事件: …`, the element that triggered it.
fn witness(env: &mut Env<'_>, check: Option<&ICheck>) -> Option<Value> {
    let CheckTest::Holds(IExpr::Quant { over, body, .. }) = &check?.test else {
        return None;
    };
    env.witness(over, body)
}
