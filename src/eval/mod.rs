//! Eval: judges one record against a checked policy — statuses per rule, then the verdict. Pure, no I/O.

mod binding;
mod compiled;
mod exceptions;
mod expr;
mod growth;
mod kleene;
mod note;
mod round;
mod rule;

pub use compiled::Compiled;
pub use expr::{compare, shift, Env, EvalError};
pub use kleene::Bounds;
pub use note::Note;
pub use round::{RoundOutcome, RoundRecord, RoundResult};

use rule::judge_rule;

use expr::{Cx, Judged, V};

use crate::check::ir::{
    Branch, CheckTest, Comparison, Decision, DecisionTest, ICheck, IExpr, Policy, RuleDef,
    RuleRole, TitlePart, Type,
};
use crate::syntax::ast::{CmpOp, Outcome, RuleClass, RuleKind, Verdict};
use crate::value::{Record, Value};
use rust_decimal::Decimal;

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
    pub note: Option<crate::diag::text::Text>,
    /// For a veto, the element (an event) that triggered it.
    pub trigger: Option<Value>,
    /// The exception that applied, by index into the rule's exceptions.
    pub exception: Option<usize>,
    /// The case of the rule's binding by field that applied, by index into its cases.
    pub binding: Option<usize>,
}

/// The judgement of one record.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement {
    pub name: Option<String>,
    pub tier: Option<usize>,
    pub verdict: Verdict,
    pub title: Option<String>,
    pub results: Vec<RuleResult>,
    /// The verdicts of the policy's further decisions, in order.
    pub decisions: Vec<Verdict>,
    /// Where the record stands in its round, when the policy has round rules and the record was
    /// judged with the others of its batch ([`Policy::judge_batch`]); `verdict` is then the
    /// verdict after the round.
    pub round: Option<RoundRecord>,
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
    /// The event that triggered a veto. Boxed, since few rules have one: the trace of a rule is
    /// moved often, and fits in 128 bytes so.
    pub trigger: Option<Box<Value>>,
    /// The exception that applied, by index into the rule's exceptions.
    pub exception: Option<usize>,
    /// The case of the rule's binding by field that applied, by index into its cases.
    pub binding: Option<usize>,
}

impl RuleTrace {
    /// A rule not judged yet.
    fn unjudged() -> Self {
        RuleTrace {
            status: Status::Unknown,
            kind: None,
            figure: None,
            branch: None,
            checks: 0..0,
            note: None,
            trigger: None,
            exception: None,
            binding: None,
        }
    }
}

/// One check's outcome in a [`Trace`]; its text and unit are the policy's.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckTrace {
    pub status: Status,
    pub op: Option<CmpOp>,
    pub figure: Option<Value>,
    pub threshold: Option<Value>,
    /// The figure is a growth rate, decided exactly but shown rounded: no margin is claimed.
    pub rounded: bool,
    /// When the figure is unknown but what is known decides the check: the figure's bounds.
    pub bounds: Option<Box<Bounds>>,
    /// The same for an unknown threshold.
    pub threshold_bounds: Option<Box<Bounds>>,
}

impl CheckTrace {
    /// A check not judged yet.
    fn unjudged() -> Self {
        CheckTrace {
            status: Status::Unknown,
            op: None,
            figure: None,
            threshold: None,
            rounded: false,
            bounds: None,
            threshold_bounds: None,
        }
    }

    /// How far the figure is on the passing side of the threshold (negative: short of it), when
    /// both are numbers; computed when read, since most checks' margins are never written.
    pub fn margin(&self) -> Option<Decimal> {
        let (Some(op), Some(f), Some(t)) = (self.op, &self.figure, &self.threshold) else {
            return None;
        };
        (!self.rounded).then(|| rule::margin(op, f, t)).flatten()
    }
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
    /// The verdicts of the policy's further decisions, in order.
    pub decisions: Vec<Verdict>,
    lets: Vec<Value>,
    let_bounds: Vec<Option<Bounds>>,
    /// Why each derived value is unknown when it could not be computed: the `let` where the
    /// error arose (a `let` reading it inherits it), and the error.
    let_errors: Vec<Option<(usize, EvalError)>>,
    /// The compiled program's buffers.
    scratch: compiled::Scratch,
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
            let v = match policy.reads.get(i).map(|r| &r.expr) {
                // Most reads are a field or a derived value, read as the evaluator reads them.
                Some(IExpr::Input(k)) => record.values.get(*k).cloned(),
                Some(IExpr::Let(k)) => self.lets.get(*k).cloned(),
                Some(expr) => cx.eval(expr, None).ok().map(V::into_owned),
                None => None,
            };
            (i, v.unwrap_or(Value::Unknown))
        }));
    }

    /// The criterion's branch a rule took, for its checks' texts and units.
    pub fn branch<'p>(&self, policy: &'p Policy, rule: usize) -> Option<&'p Branch> {
        let r = self.rules.get(rule)?;
        policy
            .rules
            .get(rule)?
            .criterion(self.tier?, r.exception, r.binding)?
            .branches
            .get(r.branch?)
    }

    /// The full judgement, with the texts reports show.
    pub fn judgement(&self, policy: &Policy, record: &Record) -> Judgement {
        let results = (0..self.rules.len())
            .filter_map(|i| self.rule_result(policy, record, i))
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
            decisions: self.decisions.clone(),
            round: None,
        }
    }

    /// One rule's outcome, with the texts reports show, for the record last judged into this
    /// trace.
    pub fn rule_result(&self, policy: &Policy, record: &Record, i: usize) -> Option<RuleResult> {
        let r = self.rules.get(i)?;
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
                    margin: c.margin(),
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
        Some(RuleResult {
            rule: i,
            status: r.status,
            kind: r.kind,
            figure: r.figure.clone(),
            case: branch.filter(|_| taken).and_then(|b| b.guard_text.clone()),
            checks,
            note: r
                .note
                .map(|n| n.text(policy, i, self.tier, r.exception, r.binding)),
            trigger: r.trigger.as_deref().cloned(),
            exception: r.exception,
            binding: r.binding,
        })
    }
}

impl Policy {
    /// Computes every derived value of a record, in dependency order.
    pub fn derive(&self, record: &Record) -> Vec<Value> {
        let (mut lets, mut bounds) = (Vec::new(), Vec::new());
        self.derive_into(record, &mut lets, &mut bounds, &mut Vec::new());
        lets
    }

    /// Every derived value in dependency order, bounds on those that are unknown numbers, and
    /// why those that could not be computed are unknown.
    fn derive_into(
        &self,
        record: &Record,
        lets: &mut Vec<Value>,
        bounds: &mut Vec<Option<Bounds>>,
        errors: &mut Vec<Option<(usize, EvalError)>>,
    ) {
        lets.clear();
        bounds.clear();
        errors.clear();
        for (i, def) in self.lets.iter().enumerate() {
            let cx = Cx {
                policy: Some(self),
                let_bounds: bounds,
                ..Cx::bare(&record.values, lets)
            };
            let v = cx.eval(&def.expr, None);
            let error = match &v {
                Err(e) => Some((i, *e)),
                Ok(v) if matches!(v.get(), Value::Unknown) => note::let_error(&def.expr, errors),
                Ok(_) => None,
            };
            let v = v.map_or(Value::Unknown, V::into_owned);
            let b = match (&v, &def.ty) {
                (Value::Unknown, Type::Num(_)) => cx.bounds(&def.expr, None),
                _ => None,
            };
            lets.push(v);
            bounds.push(b);
            errors.push(error);
        }
    }

    /// Evaluates an expression against a record (for the REPL and tools).
    pub fn eval_expr(&self, record: &Record, e: &IExpr) -> Result<Value, EvalError> {
        let (mut lets, mut bounds) = (Vec::new(), Vec::new());
        self.derive_into(record, &mut lets, &mut bounds, &mut Vec::new());
        Cx {
            policy: Some(self),
            let_bounds: &bounds,
            ..Cx::bare(&record.values, &lets)
        }
        .eval(e, None)
        .map(V::into_owned)
    }

    /// The status each comparison takes for a record, as a check of a rule gives it (the figure
    /// against the threshold, unknowns decided by their bounds where those decide), into `out`.
    /// The comparisons may come from policies that differ in their thresholds only; the record's
    /// derived values are computed once, into `trace`'s buffers. A comparison reading a rule's
    /// outcome sees no rule judged.
    pub fn comparison_statuses(
        &self,
        record: &Record,
        comparisons: &[&Comparison],
        trace: &mut Trace,
        out: &mut Vec<Status>,
    ) {
        self.derive_into(
            record,
            &mut trace.lets,
            &mut trace.let_bounds,
            &mut trace.let_errors,
        );
        let cx = Cx {
            policy: Some(self),
            let_bounds: &trace.let_bounds,
            let_errors: &trace.let_errors,
            ..Cx::bare(&record.values, &trace.lets)
        };
        out.clear();
        out.extend(comparisons.iter().map(|c| {
            let mut check = CheckTrace::unjudged();
            rule::run_comparison(cx, c, None, &mut check);
            check.status
        }));
    }

    /// Judges one record: every rule's status, then the verdict by the policy's decision.
    pub fn judge(&self, record: &Record) -> Judgement {
        let mut trace = Trace::new();
        self.trace(record, &mut trace);
        trace.judgement(self, record)
    }

    /// Judges one record into a reusable [`Trace`]: the same statuses, figures and verdict as
    /// [`Policy::judge`], without building any text. Rules run from the policy's compiled
    /// program where they have one ([`Compiled`]).
    pub fn trace(&self, record: &Record, trace: &mut Trace) {
        self.trace_with(self.compiled.program(self), record, trace);
    }

    /// [`Policy::trace`] by the tree interpreter alone: what the compiled program is checked
    /// against.
    pub fn trace_interpreted(&self, record: &Record, trace: &mut Trace) {
        self.trace_with(None, record, trace);
    }

    fn trace_with(&self, program: Option<&compiled::Program>, record: &Record, trace: &mut Trace) {
        let mut scratch = std::mem::take(&mut trace.scratch);
        if let Some(p) = program {
            p.resolve(&record.values, &mut scratch);
        }
        let mut lets = std::mem::take(&mut trace.lets);
        let mut let_bounds = std::mem::take(&mut trace.let_bounds);
        let mut let_errors = std::mem::take(&mut trace.let_errors);
        self.derive_into(record, &mut lets, &mut let_bounds, &mut let_errors);
        trace.checks.clear();
        let tier = match record.values.get(self.tier_input) {
            Some(Value::Enum(t)) => Some(*t as usize),
            _ => None,
        };
        trace.tier = tier;
        let cx = Cx {
            policy: Some(self),
            let_bounds: &let_bounds,
            let_errors: &let_errors,
            ..Cx::bare(&record.values, &lets)
        };
        if let Some(p) = program {
            p.windows(&cx, &mut scratch);
        }
        let mut seen = [[false; 2]; 4];
        // In declaration order unless a rule reads one declared after it.
        let order =
            (self.rule_order.len() == self.rules.len()).then_some(self.rule_order.as_slice());
        // Every rule is judged after the rules it reads, so the last record's traces, each
        // overwritten before it is read, need no reset; without an order, unjudged reads unknown.
        if order.is_none() || trace.rules.len() != self.rules.len() {
            trace.rules.clear();
            trace.rules.resize(self.rules.len(), RuleTrace::unjudged());
        }
        for k in 0..self.rules.len() {
            let i = order.and_then(|o| o.get(k).copied()).unwrap_or(k);
            let (Some(rule), (before, rest)) = (self.rules.get(i), trace.rules.split_at_mut(i))
            else {
                continue;
            };
            let Some((slot, after)) = rest.split_first_mut() else {
                continue;
            };
            // The rule's trace is written in place; the rules it reads were judged before it.
            let cx = Cx {
                rules: Judged::around(before, after),
                ..cx
            };
            let slots = compiled::Slots {
                cx,
                entries: &scratch.entries,
                windows: &scratch.windows,
            };
            let lowered = program.and_then(|p| p.rule(i));
            if !lowered.is_some_and(|p| p.judge(slots, rule, tier, &mut trace.checks, slot)) {
                *slot = judge_rule(cx, rule, tier, &mut trace.checks);
            }
            if self.decision.reads(i) {
                mark(&mut seen, rule, slot);
            }
        }
        trace.lets = lets;
        trace.let_bounds = let_bounds;
        trace.let_errors = let_errors;
        trace.scratch = scratch;
        let verdict = decide(&self.decision, &seen, None, &[]);
        trace.verdict = Some(verdict);
        trace.decisions.clear();
        for d in &self.decisions {
            let mut seen = [[false; 2]; 4];
            for (i, (rule, r)) in self.rules.iter().zip(&trace.rules).enumerate() {
                if d.reads(i) {
                    mark(&mut seen, rule, r);
                }
            }
            let v = decide(d, &seen, Some(verdict), &trace.decisions);
            trace.decisions.push(v);
        }
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

/// Notes a rule's outcome (fail, unknown) under its class, for the decision lines.
fn mark(seen: &mut [[bool; 2]; 4], rule: &RuleDef, r: &RuleTrace) {
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
}

/// A decision's verdict, given which classes have a fail or an unknown among the rules it reads,
/// the verdict's decision (for a further decision) and the further decisions before it.
fn decide(
    d: &Decision,
    seen: &[[bool; 2]; 4],
    verdict: Option<Verdict>,
    earlier: &[Verdict],
) -> Verdict {
    let holds = |t: &DecisionTest| match *t {
        DecisionTest::Rules(class, outcome) => {
            let o = match outcome {
                Outcome::Fail => 0,
                Outcome::Unknown => 1,
            };
            seen.get(class_slot(class))
                .and_then(|s| s.get(o))
                .copied()
                .unwrap_or(false)
        }
        DecisionTest::Decision(None, want) => verdict == Some(want),
        DecisionTest::Decision(Some(k), want) => earlier.get(k) == Some(&want),
    };
    d.lines
        .iter()
        .find(|(_, tests)| tests.iter().any(holds))
        .map_or(d.otherwise, |(v, _)| *v)
}

fn class_slot(c: RuleClass) -> usize {
    match c {
        RuleClass::Condition => 0,
        RuleClass::Veto => 1,
        RuleClass::Constraint => 2,
        RuleClass::Guidance => 3,
    }
}
