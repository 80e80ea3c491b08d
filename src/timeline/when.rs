//! Dates a timeline may know only within bounds, and the evaluation context of one base: its
//! record, the hidden slots (the date asked for, the current state, the date it was entered, the
//! measure's effective date) and its derived values. When the measure's effective date is unset
//! but bounded, every expression is evaluated at both bounds: a date that moves with the
//! effective date only through date arithmetic, `min` and `max` lies between its two values; any
//! other use of it is unknown.

use crate::check::ir::{Builtin, IExpr, Lifecycle, Policy};
use crate::eval::Env;
use crate::syntax::ast::Quantifier;
use crate::value::{Record, Value};
use chrono::NaiveDate;

/// A date known exactly, or only to lie between two bounds (an absent bound is open).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct When {
    pub lo: Option<NaiveDate>,
    pub hi: Option<NaiveDate>,
}

impl When {
    pub fn exact(d: NaiveDate) -> When {
        When {
            lo: Some(d),
            hi: Some(d),
        }
    }

    /// A date nothing is known of.
    pub fn unknown() -> When {
        When { lo: None, hi: None }
    }

    /// The date, when it is known exactly.
    pub fn date(&self) -> Option<NaiveDate> {
        match (self.lo, self.hi) {
            (Some(a), Some(b)) if a == b => Some(a),
            _ => None,
        }
    }

    /// The date as a value expressions read: unknown unless exact.
    pub fn value(&self) -> Value {
        self.date().map_or(Value::Unknown, Value::Date)
    }

    /// Both bounds moved by `f` (which must not reverse their order).
    pub fn map(&self, f: impl Fn(NaiveDate) -> Option<NaiveDate>) -> When {
        When {
            lo: self.lo.and_then(&f),
            hi: self.hi.and_then(&f),
        }
    }

    /// The smallest range holding both.
    pub fn union(&self, other: &When) -> When {
        let lo = match (self.lo, other.lo) {
            (Some(a), Some(b)) => Some(a.min(b)),
            _ => None,
        };
        let hi = match (self.hi, other.hi) {
            (Some(a), Some(b)) => Some(a.max(b)),
            _ => None,
        };
        When { lo, hi }
    }

    /// Whether it may lie after `d`.
    pub fn may_be_after(&self, d: NaiveDate) -> bool {
        self.hi.is_none_or(|h| h > d)
    }

    /// Whether it lies after `d` for certain.
    pub fn after(&self, d: NaiveDate) -> bool {
        self.lo.is_some_and(|l| l > d)
    }
}

impl std::fmt::Display for When {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.date(), self.lo, self.hi) {
            (Some(d), _, _) => write!(f, "{d}"),
            (None, Some(a), Some(b)) => write!(f, "{a}…{b}"),
            (None, Some(a), None) => write!(f, "{a}…"),
            (None, None, Some(b)) => write!(f, "…{b}"),
            (None, None, None) => f.write_str("?"),
        }
    }
}

/// A date an expression gives: never (`none`), or a date perhaps known only within bounds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DateOf {
    Never,
    At(When),
}

/// How an expression depends on the measure's effective date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Dep {
    None,
    /// Only through date arithmetic, `min` and `max`: it moves the same way.
    Monotone,
    Other,
}

fn dep(e: &IExpr, slot: usize, lets: &[Dep]) -> Dep {
    let of = |x: &IExpr| dep(x, slot, lets);
    match e {
        IExpr::Input(i) if *i == slot => Dep::Monotone,
        IExpr::Input(_) | IExpr::Const(_) | IExpr::Var(_) => Dep::None,
        IExpr::Let(i) => lets.get(*i).copied().unwrap_or(Dep::Other),
        IExpr::Shift { date, by, .. } => {
            if of(by) == Dep::None {
                of(date)
            } else {
                Dep::Other
            }
        }
        IExpr::Call(Builtin::Min | Builtin::Max, args) => {
            args.iter().map(of).max().unwrap_or(Dep::None)
        }
        IExpr::If(c, t, f) => {
            if of(c) == Dep::None {
                of(t).max(of(f))
            } else {
                Dep::Other
            }
        }
        IExpr::Quant {
            quantifier: Quantifier::Min | Quantifier::Max,
            over,
            filter,
            body,
        } => {
            if of(over) == Dep::None && filter.as_deref().is_none_or(|f| of(f) == Dep::None) {
                of(body)
            } else {
                Dep::Other
            }
        }
        other => {
            if other.children().all(|c| of(c) == Dep::None) {
                Dep::None
            } else {
                Dep::Other
            }
        }
    }
}

/// One base's record with its hidden slots and derived values, for the current state.
pub(crate) struct Ctx<'a> {
    pub policy: &'a Policy,
    pub lc: &'a Lifecycle,
    pub inputs: Vec<Value>,
    pub lets: Vec<Value>,
    /// With a bounded effective date: the same base with the effective date at its last day
    /// (this context has it at its first), and how each derived value depends on it.
    late: Option<(Box<Ctx<'a>>, Vec<Dep>)>,
    /// The state and entry date the derived values were computed for.
    current: Option<(usize, When)>,
}

impl<'a> Ctx<'a> {
    /// A base's inputs with `as_of` and the effective date in their slots, in its first state.
    pub fn new(policy: &'a Policy, lc: &'a Lifecycle, record: &Record, as_of: Value) -> Self {
        let effective = policy.meta.effective.map(Value::Date);
        match (effective, policy.meta.effective_range) {
            (Some(d), _) => Ctx::with_effective(policy, lc, record, as_of, d),
            (None, Some((first, last))) => {
                let mut cx =
                    Ctx::with_effective(policy, lc, record, as_of.clone(), Value::Date(first));
                let late = Ctx::with_effective(policy, lc, record, as_of, Value::Date(last));
                let mut deps = Vec::with_capacity(lc.lets.len());
                for def in &lc.lets {
                    let d = dep(&def.expr, lc.effective_slot(), &deps);
                    deps.push(d);
                }
                cx.late = Some((Box::new(late), deps));
                cx
            }
            (None, None) => Ctx::with_effective(policy, lc, record, as_of, Value::Unknown),
        }
    }

    fn with_effective(
        policy: &'a Policy,
        lc: &'a Lifecycle,
        record: &Record,
        as_of: Value,
        effective: Value,
    ) -> Self {
        let mut inputs = record.values.clone();
        inputs.resize(lc.as_of_slot, Value::Unknown);
        inputs.push(as_of);
        inputs.push(Value::Enum(0));
        inputs.push(Value::Unknown);
        inputs.push(effective);
        let mut cx = Ctx {
            policy,
            lc,
            inputs,
            lets: Vec::new(),
            late: None,
            current: None,
        };
        cx.enter(0, When::unknown());
        cx
    }

    /// Puts the base in `state`, entered on `entered`, and recomputes the derived values.
    pub fn enter(&mut self, state: usize, entered: When) {
        if self.current == Some((state, entered)) {
            return;
        }
        self.current = Some((state, entered));
        let s = u32::try_from(state).unwrap_or(u32::MAX);
        if let Some(v) = self.inputs.get_mut(self.lc.state_slot()) {
            *v = Value::Enum(s);
        }
        if let Some(v) = self.inputs.get_mut(self.lc.entered_slot()) {
            *v = entered.value();
        }
        self.lets.clear();
        for def in &self.lc.lets {
            let v = self.plain(&def.expr, Vec::new());
            self.lets.push(v);
        }
        if let Some((late, _)) = &mut self.late {
            late.enter(state, entered);
        }
    }

    fn plain(&self, e: &IExpr, locals: Vec<Value>) -> Value {
        Env {
            inputs: &self.inputs,
            lets: &self.lets,
            locals,
        }
        .eval(e)
        .unwrap_or(Value::Unknown)
    }

    fn dep(&self, e: &IExpr) -> Dep {
        match &self.late {
            None => Dep::None,
            Some((_, deps)) => dep(e, self.lc.effective_slot(), deps),
        }
    }

    /// Whether an expression reads the measure's effective date while only its bounds are known.
    pub fn depends_on_effective(&self, e: &IExpr) -> bool {
        self.dep(e) != Dep::None
    }

    /// The value of an expression; unknown when it depends on an effective date known only
    /// within bounds in a way that could change it.
    pub fn eval(&self, e: &IExpr, locals: Vec<Value>) -> Value {
        match (self.dep(e), &self.late) {
            (Dep::None, _) | (_, None) => self.plain(e, locals),
            (Dep::Monotone, Some((late, _))) => {
                let a = self.plain(e, locals.clone());
                if a == late.plain(e, locals) {
                    a
                } else {
                    Value::Unknown
                }
            }
            (Dep::Other, Some(_)) => Value::Unknown,
        }
    }

    /// The date an expression gives.
    pub fn date(&self, e: &IExpr, locals: Vec<Value>) -> DateOf {
        let one = |v: Value| match v {
            Value::Date(d) => DateOf::At(When::exact(d)),
            Value::None => DateOf::Never,
            _ => DateOf::At(When::unknown()),
        };
        match (self.dep(e), &self.late) {
            (Dep::None, _) | (_, None) => one(self.plain(e, locals)),
            (Dep::Monotone, Some((late, _))) => {
                match (self.plain(e, locals.clone()), late.plain(e, locals)) {
                    (Value::Date(a), Value::Date(b)) => DateOf::At(When {
                        lo: Some(a.min(b)),
                        hi: Some(a.max(b)),
                    }),
                    (Value::None, Value::None) => DateOf::Never,
                    _ => DateOf::At(When::unknown()),
                }
            }
            (Dep::Other, Some(_)) => DateOf::At(When::unknown()),
        }
    }

    /// A truth value: `None` when it cannot be told.
    pub fn truth(&self, e: &IExpr, locals: Vec<Value>) -> Option<bool> {
        match self.eval(e, locals) {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }

    pub fn state_name(&self, i: usize) -> String {
        self.lc
            .states
            .get(i)
            .map_or_else(|| "?".into(), |s| s.name.clone())
    }
}
