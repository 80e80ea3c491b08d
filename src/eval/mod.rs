//! Eval: judges one record against a checked policy — statuses per rule, then the verdict. Pure, no I/O.

mod expr;
mod kleene;

pub use expr::{compare, shift, Env, EvalError};
pub use kleene::Bounds;

use expr::{truth, Cx, V};

use crate::check::ir::{
    Branch, CheckTest, Comparison, ICheck, IExpr, Policy, RuleDef, RuleRole, TitlePart, Type,
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
    /// When the figure is unknown but what is known decides the check: the figure's bounds.
    pub bounds: Option<Box<Bounds>>,
    /// The same for an unknown threshold.
    pub threshold_bounds: Option<Box<Bounds>>,
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

/// Why a rule's status is what it is when its checks do not say; rendered as text only for
/// reports ([`Note::text`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Note {
    /// The record's tier is unknown.
    TierUnknown,
    /// The rule has no criterion for the record's tier.
    NotForTier,
    /// `applies when` does not hold.
    DoesNotApply,
    /// `applies when` cannot be told.
    AppliesUnknown,
    /// No case of the criterion applies.
    NoCase,
    /// The guard of the case with this index (in the tier's branches) cannot be told.
    GuardUnknown(usize),
    /// The guard of the case with this index cannot be told, but every case that may apply
    /// gives the same status (`pass` when true); the checks shown are the strictest case's
    /// when it passes, the most lenient one's when it fails.
    EveryCase { guard: usize, pass: bool },
    /// A value could not be computed.
    Error(EvalError),
}

impl Note {
    /// The note as reports show it.
    pub fn text(self, policy: &Policy, rule: usize, tier: Option<usize>) -> String {
        let rule = policy.rules.get(rule);
        let applies = || {
            rule.and_then(|r| r.applies.as_ref())
                .map_or("", |(_, t)| t.as_str())
        };
        match self {
            Note::TierUnknown => "the record's tier is unknown".into(),
            Note::NotForTier => "not a rule for this tier".into(),
            Note::DoesNotApply => format!("applies when {}", applies()),
            Note::AppliesUnknown => format!("cannot tell whether `{}` holds", applies()),
            Note::NoCase => "no case of the criterion applies".into(),
            Note::GuardUnknown(b) => {
                let text = tier
                    .and_then(|t| rule?.per_tier.get(t)?.as_ref())
                    .and_then(|c| c.branches.get(b)?.guard_text.as_deref())
                    .unwrap_or("");
                format!("cannot tell whether `{text}` holds")
            }
            Note::EveryCase { guard, pass } => {
                let text = tier
                    .and_then(|t| rule?.per_tier.get(t)?.as_ref())
                    .and_then(|c| c.branches.get(guard)?.guard_text.as_deref())
                    .unwrap_or("");
                if pass {
                    format!("cannot tell whether `{text}` holds, but every case that may apply passes (shown: the strictest)")
                } else {
                    format!("cannot tell whether `{text}` holds, but every case that may apply fails (shown: the most lenient)")
                }
            }
            Note::Error(e) => e.to_string(),
        }
    }
}

/// One rule's outcome in a [`Trace`].
#[derive(Debug, Clone, PartialEq)]
pub struct RuleTrace {
    pub status: Status,
    pub kind: Option<RuleKind>,
    pub figure: Option<Value>,
    /// The case taken, by index into the tier's branches.
    pub branch: Option<usize>,
    /// The rule's checks: a range of [`Trace::checks`].
    pub checks: std::ops::Range<usize>,
    pub note: Option<Note>,
    pub trigger: Option<Value>,
}

/// One check's outcome in a [`Trace`]; its text and unit are the policy's.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckTrace {
    pub status: Status,
    pub op: Option<CmpOp>,
    pub figure: Option<Value>,
    pub threshold: Option<Value>,
    pub margin: Option<Decimal>,
    /// When the figure is unknown but what is known decides the check: the figure's bounds.
    pub bounds: Option<Box<Bounds>>,
    /// The same for an unknown threshold.
    pub threshold_bounds: Option<Box<Bounds>>,
}

/// The judgement of one record in a compact, reusable form: statuses, figures, thresholds and
/// margins, with no text. Judging into the same trace again reuses its buffers, so a batch
/// allocates nothing per record on this path. [`Trace::judgement`] gives the full [`Judgement`].
#[derive(Debug, Clone, Default)]
pub struct Trace {
    pub tier: Option<usize>,
    pub verdict: Option<Verdict>,
    pub rules: Vec<RuleTrace>,
    pub checks: Vec<CheckTrace>,
    lets: Vec<Value>,
    let_bounds: Vec<Option<Bounds>>,
}

impl Trace {
    pub fn new() -> Self {
        Trace::default()
    }

    /// The verdict (undetermined until a record is judged).
    pub fn verdict(&self) -> Verdict {
        self.verdict.unwrap_or(Verdict::Undetermined)
    }

    /// The checks of one rule.
    pub fn checks_of(&self, r: &RuleTrace) -> &[CheckTrace] {
        self.checks.get(r.checks.clone()).unwrap_or(&[])
    }

    /// What a check read from the record (by index into [`Policy::reads`]), with the values;
    /// computed on demand, for the record last judged into this trace.
    pub fn given(&self, policy: &Policy, record: &Record, check: &ICheck) -> Vec<(usize, Value)> {
        let mut out = Vec::with_capacity(check.reads.len());
        self.given_into(policy, record, check, &mut out);
        out
    }

    /// [`Trace::given`] into a reused buffer.
    pub fn given_into(
        &self,
        policy: &Policy,
        record: &Record,
        check: &ICheck,
        out: &mut Vec<(usize, Value)>,
    ) {
        out.clear();
        let cx = Cx {
            policy: Some(policy),
            let_bounds: &self.let_bounds,
            ..Cx::bare(&record.values, &self.lets)
        };
        out.extend(check.reads.iter().map(|&i| {
            let v = policy
                .reads
                .get(i)
                .and_then(|r| cx.eval(&r.expr, None).ok())
                .map_or(Value::Unknown, V::into_owned);
            (i, v)
        }));
    }

    /// The criterion's branch a rule took, for its checks' texts and units.
    pub fn branch<'p>(&self, policy: &'p Policy, rule: usize) -> Option<&'p Branch> {
        let r = self.rules.get(rule)?;
        policy
            .rules
            .get(rule)?
            .per_tier
            .get(self.tier?)?
            .as_ref()?
            .branches
            .get(r.branch?)
    }

    /// The full judgement, with the texts reports show.
    pub fn judgement(&self, policy: &Policy, record: &Record) -> Judgement {
        let results = self
            .rules
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let branch = self.branch(policy, i);
                let checks = self
                    .checks_of(r)
                    .iter()
                    .enumerate()
                    .map(|(k, c)| {
                        let def = branch.and_then(|b| b.checks.get(k));
                        CheckResult {
                            text: def.map(|d| d.text.clone()).unwrap_or_default(),
                            status: c.status,
                            op: c.op,
                            figure: c.figure.clone(),
                            threshold: c.threshold.clone(),
                            margin: c.margin,
                            unit_ty: def.and_then(|d| match &d.test {
                                CheckTest::Compare(cmp) => Some(cmp.figure_ty.clone()),
                                CheckTest::Holds(_) => None,
                            }),
                            given: def.map_or_else(Vec::new, |d| self.given(policy, record, d)),
                            bounds: c.bounds.clone(),
                            threshold_bounds: c.threshold_bounds.clone(),
                        }
                    })
                    .collect();
                // Under every case, no one case was taken: the note says so.
                let taken = !matches!(r.note, Some(Note::EveryCase { .. }));
                RuleResult {
                    rule: i,
                    status: r.status,
                    kind: r.kind,
                    figure: r.figure.clone(),
                    case: branch.filter(|_| taken).and_then(|b| b.guard_text.clone()),
                    checks,
                    note: r.note.map(|n| n.text(policy, i, self.tier)),
                    trigger: r.trigger.clone(),
                }
            })
            .collect();
        let verdict = self.verdict();
        Judgement {
            name: policy.record_name(record).map(str::to_string),
            tier: self.tier,
            verdict,
            title: (verdict == Verdict::Eligible)
                .then(|| policy.title(self.tier, record))
                .flatten(),
            results,
        }
    }
}

impl Policy {
    /// Computes every derived value of a record, in dependency order.
    pub fn derive(&self, record: &Record) -> Vec<Value> {
        let (mut lets, mut bounds) = (Vec::new(), Vec::new());
        self.derive_into(record, &mut lets, &mut bounds);
        lets
    }

    /// Every derived value in dependency order, and bounds on those that are unknown numbers.
    fn derive_into(
        &self,
        record: &Record,
        lets: &mut Vec<Value>,
        bounds: &mut Vec<Option<Bounds>>,
    ) {
        lets.clear();
        bounds.clear();
        for def in &self.lets {
            let cx = Cx {
                policy: Some(self),
                let_bounds: bounds,
                ..Cx::bare(&record.values, lets)
            };
            let v = cx
                .eval(&def.expr, None)
                .map_or(Value::Unknown, V::into_owned);
            let b = match (&v, &def.ty) {
                (Value::Unknown, Type::Num(_)) => cx.bounds(&def.expr, None),
                _ => None,
            };
            lets.push(v);
            bounds.push(b);
        }
    }

    /// Evaluates an expression against a record (for the REPL and tools).
    pub fn eval_expr(&self, record: &Record, e: &IExpr) -> Result<Value, EvalError> {
        let (mut lets, mut bounds) = (Vec::new(), Vec::new());
        self.derive_into(record, &mut lets, &mut bounds);
        Cx {
            policy: Some(self),
            let_bounds: &bounds,
            ..Cx::bare(&record.values, &lets)
        }
        .eval(e, None)
        .map(V::into_owned)
    }

    /// Judges one record: every rule's status, then the verdict by the policy's decision.
    pub fn judge(&self, record: &Record) -> Judgement {
        let mut trace = Trace::new();
        self.trace(record, &mut trace);
        trace.judgement(self, record)
    }

    /// Judges one record into a reusable [`Trace`]: the same statuses, figures and verdict as
    /// [`Policy::judge`], without building any text.
    pub fn trace(&self, record: &Record, trace: &mut Trace) {
        let mut lets = std::mem::take(&mut trace.lets);
        let mut let_bounds = std::mem::take(&mut trace.let_bounds);
        self.derive_into(record, &mut lets, &mut let_bounds);
        trace.rules.clear();
        trace.checks.clear();
        let tier = match record.values.get(self.tier_input) {
            Some(Value::Enum(t)) => Some(*t as usize),
            _ => None,
        };
        trace.tier = tier;
        let cx = Cx {
            policy: Some(self),
            let_bounds: &let_bounds,
            ..Cx::bare(&record.values, &lets)
        };
        let mut seen = [[false; 2]; 4];
        for rule in &self.rules {
            let r = judge_rule(cx, rule, tier, trace);
            let class = match rule.role {
                RuleRole::Condition => Some(RuleClass::Condition),
                RuleRole::Veto => Some(RuleClass::Veto),
                RuleRole::Indicator => r.kind.map(|k| match k {
                    RuleKind::Constraint => RuleClass::Constraint,
                    RuleKind::Guidance => RuleClass::Guidance,
                }),
            };
            let outcome = match r.status {
                Status::Fail => Some(0),
                Status::Unknown => Some(1),
                _ => None,
            };
            if let (Some(c), Some(o)) = (class, outcome) {
                if let Some(slot) = seen.get_mut(class_slot(c)).and_then(|s| s.get_mut(o)) {
                    *slot = true;
                }
            }
            trace.rules.push(r);
        }
        trace.lets = lets;
        trace.let_bounds = let_bounds;
        trace.verdict = Some(self.decide_by(|class, outcome| {
            let o = match outcome {
                Outcome::Fail => 0,
                Outcome::Unknown => 1,
            };
            seen.get(class_slot(class))
                .and_then(|s| s.get(o))
                .copied()
                .unwrap_or(false)
        }));
    }

    /// The record's name, from the input of type `name`.
    pub fn record_name<'r>(&self, record: &'r Record) -> Option<&'r str> {
        match record.values.get(self.name_input?)? {
            Value::Text(t) => Some(t),
            _ => None,
        }
    }

    /// The title an eligible record would be named with, for its tier.
    pub fn title(&self, tier: Option<usize>, record: &Record) -> Option<String> {
        let parts = self.tiers.get(tier?)?.title.as_ref()?;
        self.fill_title(parts, record)
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
        self.decide_by(|class, outcome| {
            let want = match outcome {
                Outcome::Fail => Status::Fail,
                Outcome::Unknown => Status::Unknown,
            };
            results
                .iter()
                .any(|r| r.status == want && self.class_of(r) == Some(class))
        })
    }

    /// The decision, given whether any rule of a class has an outcome.
    fn decide_by(&self, any: impl Fn(RuleClass, Outcome) -> bool) -> Verdict {
        for (verdict, tests) in &self.decision.lines {
            if tests.iter().any(|(class, outcome)| any(*class, *outcome)) {
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

fn class_slot(c: RuleClass) -> usize {
    match c {
        RuleClass::Condition => 0,
        RuleClass::Veto => 1,
        RuleClass::Constraint => 2,
        RuleClass::Guidance => 3,
    }
}

fn status_of(v: &Value) -> Status {
    match v {
        Value::Bool(true) => Status::Pass,
        Value::Bool(false) => Status::Fail,
        _ => Status::Unknown,
    }
}

fn judge_rule(cx: Cx<'_>, rule: &RuleDef, tier: Option<usize>, trace: &mut Trace) -> RuleTrace {
    let at = trace.checks.len();
    let mut result = RuleTrace {
        status: Status::Unknown,
        kind: None,
        figure: None,
        branch: None,
        checks: at..at,
        note: None,
        trigger: None,
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
    let branch = match select_branch(cx, &criterion.branches) {
        Ok(Some(b)) => b,
        Ok(None) => {
            result.status = Status::Fail;
            result.note = Some(Note::NoCase);
            return result;
        }
        Err(Note::GuardUnknown(k)) => match every_case(cx, &criterion.branches, k, figure.as_ref())
        {
            Some((b, status, checks)) => {
                result.branch = Some(b);
                trace.checks.extend(checks);
                result.checks = at..trace.checks.len();
                result.status = status;
                result.note = Some(Note::EveryCase {
                    guard: k,
                    pass: status == Status::Pass,
                });
                return veto_status(cx, rule, result, criterion, trace);
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
        let c = run_check(cx, check, figure.as_ref());
        match c.status {
            Status::Fail => status = Status::Fail,
            Status::Unknown if status != Status::Fail => status = Status::Unknown,
            _ => {}
        }
        trace.checks.push(c);
    }
    result.checks = at..trace.checks.len();
    result.status = status;
    if status == Status::Unknown {
        // Say why when a value could not be computed (overflow, division by zero…).
        let figure_error = figure.as_ref().and_then(|(_, v)| v.as_ref().err().copied());
        result.note = figure_error
            .or_else(|| first_error(cx, &branch.checks))
            .map(Note::Error);
    }
    veto_status(cx, rule, result, criterion, trace)
}

/// A veto fails when its test holds, with the element that triggered it; other rules as they are.
fn veto_status(
    cx: Cx<'_>,
    rule: &RuleDef,
    mut result: RuleTrace,
    criterion: &crate::check::ir::TierCriterion,
    trace: &mut Trace,
) -> RuleTrace {
    if rule.role != RuleRole::Veto {
        return result;
    }
    let first = result
        .branch
        .and_then(|b| criterion.branches.get(b))
        .and_then(|b| b.checks.first());
    result.status = match result.status {
        Status::Pass => {
            result.trigger = witness(cx, first);
            Status::Fail
        }
        Status::Fail => Status::Pass,
        other => other,
    };
    if let Some(checks) = trace.checks.get_mut(result.checks.clone()) {
        for c in checks {
            c.status = result.status;
        }
    }
    result
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
    let tightest = |o: &(usize, Status, Vec<CheckTrace>)| o.2.iter().filter_map(|c| c.margin).min();
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

type Figure<'f> = (&'f IExpr, Result<V<'f>, EvalError>);

fn run_check(cx: Cx<'_>, check: &ICheck, rule_figure: Option<&Figure<'_>>) -> CheckTrace {
    let mut out = CheckTrace {
        status: Status::Unknown,
        op: None,
        figure: None,
        threshold: None,
        margin: None,
        bounds: None,
        threshold_bounds: None,
    };
    match &check.test {
        CheckTest::Holds(e) => {
            out.status = cx
                .eval(e, None)
                .map_or(Status::Unknown, |v| status_of(v.get()));
        }
        CheckTest::Compare(c) => {
            let Comparison {
                figure,
                op,
                threshold,
                ..
            } = &**c;
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
            out.status = status_of(&compare(*op, &f, &t));
            if out.status == Status::Unknown && expr::numbers_unknown(&f, &t) {
                // What is known may still force the comparison.
                if let (Some(fb), Some(tb)) = (cx.bounds(figure, None), cx.bounds(threshold, None))
                {
                    if let Some(holds) = kleene::decide(*op, fb, tb) {
                        out.status = if holds { Status::Pass } else { Status::Fail };
                        out.bounds = (!f.is_known()).then(|| Box::new(fb));
                        out.threshold_bounds = (!t.is_known()).then(|| Box::new(tb));
                    }
                }
            }
            if let (Value::Num(a), Value::Num(b)) = (&f, &t) {
                out.margin = match op {
                    CmpOp::Le | CmpOp::Lt => b.checked_sub(*a),
                    _ => a.checked_sub(*b),
                };
            }
            out.op = Some(*op);
            out.figure = Some(f);
            out.threshold = Some(t);
        }
    }
    out
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
