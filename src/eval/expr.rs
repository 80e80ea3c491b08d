//! The expression interpreter: three-valued logic, exact decimals, dates; pure and without I/O.
//!
//! Values are borrowed from the record and the policy wherever they can be ([`V::Ref`]): reading
//! a field, a list, a constant or an element bound by a quantifier copies nothing. Variables
//! bound by quantifiers live in a chain of stack frames, so evaluation allocates nothing unless
//! an expression builds a new list.

use super::Status;
use crate::check::ir::{Arith, Builtin, IExpr};
use crate::syntax::ast::{CmpOp, Duration, Quantifier, RuleKind};
use crate::value::Value;
use chrono::{Datelike, Days, Months, NaiveDate};
use std::cmp::Ordering;
use std::sync::Arc;

/// Why a value could not be computed; the rule it belongs to becomes `unknown` with this note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EvalError {
    Overflow,
    DivisionByZero,
    DateOutOfRange,
    /// `growth(…)` of fewer than two figures, or from a base of zero or less.
    GrowthUndefined,
}

impl EvalError {
    /// Why the value could not be computed, as a text of the catalogue.
    pub fn message(self) -> crate::diag::text::Text {
        use crate::diag::catalogue::eval_error;
        match self {
            EvalError::Overflow => eval_error::overflow(),
            EvalError::DivisionByZero => eval_error::division_by_zero(),
            EvalError::DateOutOfRange => eval_error::date_out_of_range(),
            EvalError::GrowthUndefined => eval_error::growth_undefined(),
        }
    }
}

impl std::fmt::Display for EvalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().en())
    }
}

type Res = Result<Value, EvalError>;

static UNKNOWN: Value = Value::Unknown;
static NONE: Value = Value::None;
static TRUE: Value = Value::Bool(true);
static FALSE: Value = Value::Bool(false);

/// A computed value: borrowed from the record or the policy, or computed here.
#[derive(Debug)]
pub(crate) enum V<'r> {
    Ref(&'r Value),
    Own(Value),
}

impl V<'_> {
    pub(crate) fn get(&self) -> &Value {
        match self {
            V::Ref(v) => v,
            V::Own(v) => v,
        }
    }

    pub(crate) fn into_owned(self) -> Value {
        match self {
            V::Ref(v) => v.clone(),
            V::Own(v) => v,
        }
    }
}

/// A truth value, borrowed from the two statics.
pub(crate) fn boolean(b: bool) -> V<'static> {
    V::Ref(if b { &TRUE } else { &FALSE })
}

/// `a OP b` over two values: unknown unless both are numbers; overflow and division by zero are
/// errors. The interpreter and the compiled program share it.
pub(crate) fn arith(op: Arith, a: &Value, b: &Value) -> R<'static> {
    let (Value::Num(x), Value::Num(y)) = (a, b) else {
        return Ok(V::Ref(&UNKNOWN));
    };
    let (x, y) = (*x, *y);
    let out = match op {
        Arith::Add => x.checked_add(y),
        Arith::Sub => x.checked_sub(y),
        Arith::Mul => x.checked_mul(y),
        Arith::Div => {
            if y.is_zero() {
                return Err(EvalError::DivisionByZero);
            }
            x.checked_div(y)
        }
    };
    Ok(V::Own(Value::Num(out.ok_or(EvalError::Overflow)?)))
}

type R<'r> = Result<V<'r>, EvalError>;

/// A variable bound by a quantifier, and the ones bound outside it.
pub(crate) struct Frame<'f> {
    value: &'f Value,
    depth: usize,
    up: Option<&'f Frame<'f>>,
}

impl<'f> Frame<'f> {
    pub(crate) fn var(mut frame: Option<&'f Frame<'f>>, depth: usize) -> Option<&'f Value> {
        while let Some(f) = frame {
            if f.depth == depth {
                return Some(f.value);
            }
            frame = f.up;
        }
        None
    }

    pub(crate) fn push(up: Option<&'f Frame<'f>>, value: &'f Value) -> Frame<'f> {
        Frame {
            value,
            depth: up.map_or(0, |f| f.depth + 1),
            up,
        }
    }
}

/// One record's inputs and derived values: what expressions read. With the policy, unknown
/// inputs and fields are bounded by their declared ranges ([`super::kleene`]).
#[derive(Clone, Copy)]
pub(crate) struct Cx<'a> {
    pub inputs: &'a [Value],
    pub lets: &'a [Value],
    pub policy: Option<&'a crate::check::ir::Policy>,
    /// Bounds of the derived values that are unknown, by slot (computed once per record).
    pub let_bounds: &'a [Option<super::kleene::Bounds>],
    /// Whether an `if` with an unknown condition may try both branches; off inside such a
    /// branch, so nested cases cost twice the work at most, never exponentially.
    pub split: bool,
    /// The rules judged so far, by index, for rules that read rules.
    pub rules: Judged<'a>,
    /// Why each derived value is unknown when it could not be computed (see
    /// [`super::note::let_error`]).
    pub let_errors: &'a [Option<(usize, super::EvalError)>],
}

impl<'a> Cx<'a> {
    /// A context with no declared ranges: unknowns are unbounded.
    pub(crate) fn bare(inputs: &'a [Value], lets: &'a [Value]) -> Self {
        Cx {
            inputs,
            lets,
            policy: None,
            let_bounds: &[],
            split: true,
            rules: Judged::default(),
            let_errors: &[],
        }
    }
}

/// The traces of a record's rules that may be read: all of them, or all but the one being
/// judged, which is written in place meanwhile.
#[derive(Debug, Clone, Copy, Default)]
pub struct Judged<'a> {
    before: &'a [super::RuleTrace],
    /// The rules after the one being judged (at index `before.len()`).
    after: &'a [super::RuleTrace],
}

impl<'a> Judged<'a> {
    /// Every rule's trace.
    pub fn all(rules: &'a [super::RuleTrace]) -> Self {
        Judged {
            before: rules,
            after: &[],
        }
    }

    /// Every rule's trace but the one at `before.len()`, being judged.
    pub fn around(before: &'a [super::RuleTrace], after: &'a [super::RuleTrace]) -> Self {
        Judged { before, after }
    }

    /// The trace of rule `i`.
    pub fn get(&self, i: usize) -> Option<&'a super::RuleTrace> {
        match i.checked_sub(self.before.len()) {
            None => self.before.get(i),
            Some(0) => None,
            Some(k) => self.after.get(k - 1),
        }
    }
}

/// What an expression is evaluated against: one record's inputs, its derived values, bound variables.
pub struct Env<'a> {
    pub inputs: &'a [Value],
    pub lets: &'a [Value],
    pub locals: Vec<Value>,
}

/// Shifts a date by a duration, forwards or backwards.
pub fn shift(date: NaiveDate, by: Duration, forward: bool) -> Option<NaiveDate> {
    match (by, forward) {
        (Duration::Years(n), true) => date.checked_add_months(Months::new(n.checked_mul(12)?)),
        (Duration::Years(n), false) => date.checked_sub_months(Months::new(n.checked_mul(12)?)),
        (Duration::Months(n), true) => date.checked_add_months(Months::new(n)),
        (Duration::Months(n), false) => date.checked_sub_months(Months::new(n)),
        (Duration::Days(n), true) => date.checked_add_days(Days::new(u64::from(n))),
        (Duration::Days(n), false) => date.checked_sub_days(Days::new(u64::from(n))),
    }
}

pub(crate) fn truth(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        _ => None,
    }
}

/// Whether a comparison is unknown because a number on one side or both is: then what is known
/// may still force it.
pub(crate) fn numbers_unknown(a: &Value, b: &Value) -> bool {
    matches!(
        (a, b),
        (Value::Unknown, Value::Num(_) | Value::Unknown) | (Value::Num(_), Value::Unknown)
    )
}

/// Orders two known values of one type; `None` when they cannot be ordered.
fn order(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Num(x), Value::Num(y)) => Some(x.cmp(y)),
        (Value::Date(x), Value::Date(y)) => Some(x.cmp(y)),
        _ => None,
    }
}

/// `a op b` in three-valued logic.
pub fn compare(op: CmpOp, a: &Value, b: &Value) -> Value {
    match test(op, a, b) {
        Some(b) => Value::Bool(b),
        None => Value::Unknown,
    }
}

/// `a op b`: `None` when unknown.
pub(crate) fn test(op: CmpOp, a: &Value, b: &Value) -> Option<bool> {
    match (a, b) {
        (Value::Unknown, _) | (_, Value::Unknown) => None,
        _ => match op {
            CmpOp::Eq | CmpOp::Ne => {
                let eq = match (a, b) {
                    (Value::Enum(x), Value::Enum(y)) => x == y,
                    _ => match order(a, b) {
                        Some(o) => o == Ordering::Equal,
                        None => a == b,
                    },
                };
                Some(eq == (op == CmpOp::Eq))
            }
            _ => order(a, b).map(|o| match op {
                CmpOp::Ge => o != Ordering::Less,
                CmpOp::Gt => o == Ordering::Greater,
                CmpOp::Le => o != Ordering::Greater,
                _ => o == Ordering::Less,
            }),
        },
    }
}

impl Env<'_> {
    /// Evaluates one expression.
    pub fn eval(&mut self, e: &IExpr) -> Res {
        let cx = Cx::bare(self.inputs, self.lets);
        with_locals(&self.locals, None, &mut |fr| {
            cx.eval(e, fr).map(V::into_owned)
        })
    }

    /// The first element of a list for which `body` holds: the event that triggered a veto.
    pub fn witness(&mut self, over: &IExpr, body: &IExpr) -> Option<Value> {
        let cx = Cx::bare(self.inputs, self.lets);
        with_locals(&self.locals, None, &mut |fr| Ok(cx.witness(over, body, fr)))
            .ok()
            .flatten()
    }
}

/// Binds `locals` as frames, outermost first, then runs `f` inside them.
fn with_locals<'f, T>(
    locals: &'f [Value],
    up: Option<&Frame<'f>>,
    f: &mut dyn FnMut(Option<&Frame<'_>>) -> Result<T, EvalError>,
) -> Result<T, EvalError> {
    match locals.split_first() {
        None => f(up),
        Some((first, rest)) => {
            let frame = Frame::push(up, first);
            with_locals(rest, Some(&frame), f)
        }
    }
}

impl<'a> Cx<'a> {
    /// Evaluates one expression, borrowing what it can.
    pub(crate) fn eval<'r>(&self, e: &'r IExpr, fr: Option<&'r Frame<'r>>) -> R<'r>
    where
        'a: 'r,
    {
        Ok(match e {
            IExpr::Const(v) => V::Ref(v),
            IExpr::Input(i) => V::Ref(self.inputs.get(*i).unwrap_or(&UNKNOWN)),
            IExpr::Let(i) => V::Ref(self.lets.get(*i).unwrap_or(&UNKNOWN)),
            IExpr::Var(i) => V::Ref(Frame::var(fr, *i).unwrap_or(&UNKNOWN)),
            IExpr::Field(base, i) => match self.eval(base, fr)? {
                V::Ref(Value::Record(fields)) => V::Ref(fields.get(i.index).unwrap_or(&UNKNOWN)),
                V::Own(Value::Record(fields)) => {
                    V::Own(fields.get(i.index).cloned().unwrap_or(Value::Unknown))
                }
                V::Ref(Value::None) | V::Own(Value::None) => V::Ref(&NONE),
                _ => V::Ref(&UNKNOWN),
            },
            IExpr::Index(map, key) => {
                let m = self.eval(map, fr)?;
                let k = self.eval(key, fr)?;
                let Value::Text(k) = k.get() else {
                    return Ok(V::Ref(&UNKNOWN));
                };
                match m {
                    V::Ref(Value::Map(entries)) => V::Ref(
                        entries
                            .iter()
                            .find(|(ek, _)| **ek == **k)
                            .map_or(&UNKNOWN, |(_, v)| v),
                    ),
                    V::Own(Value::Map(entries)) => V::Own(
                        entries
                            .iter()
                            .find(|(ek, _)| **ek == **k)
                            .map_or(Value::Unknown, |(_, v)| v.clone()),
                    ),
                    _ => V::Ref(&UNKNOWN),
                }
            }
            IExpr::Neg(inner) => match self.eval(inner, fr)?.get() {
                Value::Num(n) => V::Own(Value::Num(-*n)),
                _ => V::Ref(&UNKNOWN),
            },
            IExpr::Not(inner) => match self.eval(inner, fr)?.get() {
                Value::Bool(b) => boolean(!*b),
                _ => V::Ref(&UNKNOWN),
            },
            IExpr::And(l, r) => {
                let a = truth(self.eval(l, fr)?.get());
                if a == Some(false) {
                    return Ok(boolean(false));
                }
                match (a, truth(self.eval(r, fr)?.get())) {
                    (_, Some(false)) => boolean(false),
                    (Some(true), Some(true)) => boolean(true),
                    _ => V::Ref(&UNKNOWN),
                }
            }
            IExpr::Or(l, r) => {
                let a = truth(self.eval(l, fr)?.get());
                if a == Some(true) {
                    return Ok(boolean(true));
                }
                match (a, truth(self.eval(r, fr)?.get())) {
                    (_, Some(true)) => boolean(true),
                    (Some(false), Some(false)) => boolean(false),
                    _ => V::Ref(&UNKNOWN),
                }
            }
            IExpr::Arith(op, l, r) => {
                let a = self.eval(l, fr)?;
                let b = self.eval(r, fr)?;
                arith(*op, a.get(), b.get())?
            }
            IExpr::Scale(inner, factor) => {
                let v = self.eval(inner, fr)?;
                match v.get() {
                    Value::Num(n) => {
                        V::Own(Value::Num(factor.apply(*n).ok_or(EvalError::Overflow)?))
                    }
                    _ => v,
                }
            }
            IExpr::Cmp(op, l, r) if l.is_growth() => match self.growth_test(*op, l, r, fr)? {
                Some(b) => boolean(b),
                None => V::Ref(&UNKNOWN),
            },
            IExpr::Cmp(op, l, r) => {
                let a = self.eval(l, fr)?;
                let b = self.eval(r, fr)?;
                match test(*op, a.get(), b.get()) {
                    Some(b) => boolean(b),
                    None if numbers_unknown(a.get(), b.get()) => {
                        match self.decide_cmp(*op, l, r, fr) {
                            Some(b) => boolean(b),
                            None => V::Ref(&UNKNOWN),
                        }
                    }
                    None => V::Ref(&UNKNOWN),
                }
            }
            IExpr::In { negated, elem, set } => {
                let v = self.eval(elem, fr)?;
                let found = match &**set {
                    // A set written in place: its members, without building a list.
                    IExpr::Set(items) if items.iter().all(|i| matches!(i, IExpr::Const(_))) => {
                        let members = items.iter().filter_map(|i| match i {
                            IExpr::Const(c) => Some(c),
                            _ => None,
                        });
                        member(v.get(), members)
                    }
                    _ => {
                        let s = self.eval(set, fr)?;
                        match (v.get(), s.get()) {
                            (Value::Unknown, _) | (_, Value::Unknown) => None,
                            (Value::None, _) => Some(false),
                            (_, Value::List(items)) => member(v.get(), items.iter()),
                            (_, Value::None) => Some(false),
                            _ => None,
                        }
                    }
                };
                match found {
                    Some(f) => boolean(f != *negated),
                    None => V::Ref(&UNKNOWN),
                }
            }
            IExpr::Shift { date, by, forward } => {
                let d = self.eval(date, fr)?;
                let b = self.eval(by, fr)?;
                match (d.get(), b.get()) {
                    (Value::Date(d), Value::Duration(by)) => V::Own(Value::Date(
                        shift(*d, *by, *forward).ok_or(EvalError::DateOutOfRange)?,
                    )),
                    _ => V::Ref(&UNKNOWN),
                }
            }
            IExpr::Within {
                subject,
                length,
                before,
                anchor,
            } => {
                let s = self.eval(subject, fr)?;
                let l = self.eval(length, fr)?;
                let a = self.eval(anchor, fr)?;
                match (s.get(), l.get(), a.get()) {
                    (Value::Date(s), Value::Duration(len), Value::Date(a)) => {
                        let other = shift(*a, *len, !*before).ok_or(EvalError::DateOutOfRange)?;
                        let (lo, hi) = if *before { (other, *a) } else { (*a, other) };
                        boolean(lo <= *s && *s <= hi)
                    }
                    (Value::None, _, _) => boolean(false),
                    _ => V::Ref(&UNKNOWN),
                }
            }
            IExpr::If(c, t, f) => match self.eval(c, fr)?.get() {
                Value::Bool(true) => self.eval(t, fr)?,
                Value::Bool(false) => self.eval(f, fr)?,
                // Either branch may be taken: a value both give is the value.
                _ if self.split => {
                    let inner = Cx {
                        split: false,
                        ..*self
                    };
                    match (inner.eval(t, fr), inner.eval(f, fr)) {
                        (Ok(a), Ok(b)) if a.get().is_known() && a.get() == b.get() => a,
                        _ => V::Ref(&UNKNOWN),
                    }
                }
                _ => V::Ref(&UNKNOWN),
            },
            IExpr::Quant {
                quantifier,
                over,
                filter,
                body,
            } => V::Own(self.quantify(*quantifier, over, filter.as_deref(), body, fr)?),
            IExpr::Call(f, args) => {
                let values: Result<Vec<Value>, EvalError> = args
                    .iter()
                    .map(|a| self.eval(a, fr).map(V::into_owned))
                    .collect();
                V::Own(builtin(*f, &values?)?)
            }
            IExpr::RulePassed(i) => match self.rules.get(*i).map(|r| r.status) {
                Some(Status::Pass | Status::NotApplicable) => boolean(true),
                Some(Status::Fail) => boolean(false),
                _ => V::Ref(&UNKNOWN),
            },
            IExpr::GroupPassed(members) => {
                let mut unknown = false;
                for r in members.iter().filter_map(|i| self.rules.get(*i)) {
                    match (r.kind, r.status) {
                        (Some(RuleKind::Guidance), _)
                        | (_, Status::Pass | Status::NotApplicable) => {}
                        (_, Status::Fail) if r.kind.is_some() => return Ok(boolean(false)),
                        _ => unknown = true,
                    }
                }
                if unknown {
                    V::Ref(&UNKNOWN)
                } else {
                    boolean(true)
                }
            }
            IExpr::RuleFigure(i) => match self.rules.get(*i).and_then(|r| r.figure.as_ref()) {
                Some(v) => V::Ref(v),
                None => V::Ref(&UNKNOWN),
            },
            IExpr::Growth { list, scale } => match self.eval(list, fr)?.get() {
                Value::List(items) => V::Own(super::growth::rate(items, *scale)?),
                _ => V::Ref(&UNKNOWN),
            },
            IExpr::Lookup { rows, key, .. } => {
                let k = self.eval(key, fr)?;
                match k.get() {
                    Value::Unknown | Value::None => V::Ref(&UNKNOWN),
                    k => match rows.iter().find(|(r, _)| r == k) {
                        Some((_, v)) => V::Ref(v),
                        None => V::Ref(&UNKNOWN),
                    },
                }
            }
            IExpr::Set(items) => {
                let values: Result<Vec<Value>, EvalError> = items
                    .iter()
                    .map(|i| self.eval(i, fr).map(V::into_owned))
                    .collect();
                V::Own(Value::List(Arc::from(values?)))
            }
        })
    }

    /// `growth(…) op threshold`, decided exactly; `None` when a figure it needs is unknown.
    pub(crate) fn growth_test<'r>(
        &self,
        op: CmpOp,
        growth: &'r IExpr,
        threshold: &'r IExpr,
        fr: Option<&'r Frame<'r>>,
    ) -> Result<Option<bool>, EvalError>
    where
        'a: 'r,
    {
        let IExpr::Growth { list, scale } = growth else {
            return Ok(None);
        };
        let t = self.eval(threshold, fr)?;
        let l = self.eval(list, fr)?;
        match (l.get(), t.get()) {
            (Value::List(items), Value::Num(rate)) => super::growth::test(op, items, *rate, *scale),
            _ => Ok(None),
        }
    }

    fn quantify<'r>(
        &self,
        q: Quantifier,
        over: &'r IExpr,
        filter: Option<&'r IExpr>,
        body: &'r IExpr,
        fr: Option<&'r Frame<'r>>,
    ) -> Res
    where
        'a: 'r,
    {
        let list = self.eval(over, fr)?;
        let items: &[Value] = match list.get() {
            Value::List(items) => items,
            Value::None => &[],
            _ => return Ok(Value::Unknown),
        };
        let mut unknown = false;
        let mut count = 0u64;
        let mut extreme: Option<Value> = None;
        let mut total = rust_decimal::Decimal::ZERO;
        for item in items {
            let frame = Frame::push(fr, item);
            if let Some(f) = filter {
                match truth(self.eval(f, Some(&frame))?.get()) {
                    Some(true) => {}
                    Some(false) => continue,
                    None => {
                        unknown = true;
                        continue;
                    }
                }
            }
            if matches!(q, Quantifier::Min | Quantifier::Max) {
                let v = self.eval(body, Some(&frame))?.into_owned();
                match v {
                    Value::None => {}
                    Value::Unknown => unknown = true,
                    v => extreme = Some(pick(q == Quantifier::Min, extreme, v)),
                }
                continue;
            }
            if q == Quantifier::Sum {
                match self.eval(body, Some(&frame))?.get() {
                    Value::Num(n) => total = total.checked_add(*n).ok_or(EvalError::Overflow)?,
                    Value::None => {}
                    _ => unknown = true,
                }
                continue;
            }
            let v = truth(self.eval(body, Some(&frame))?.get());
            match (q, v) {
                (Quantifier::Any, Some(true)) => return Ok(Value::Bool(true)),
                (Quantifier::All, Some(false)) => return Ok(Value::Bool(false)),
                (Quantifier::Count, Some(true)) => count += 1,
                (_, None) => unknown = true,
                _ => {}
            }
        }
        Ok(match (unknown, q) {
            (true, _) => Value::Unknown,
            (false, Quantifier::Any) => Value::Bool(false),
            (false, Quantifier::All) => Value::Bool(true),
            (false, Quantifier::Count) => Value::Num(count.into()),
            (false, Quantifier::Min | Quantifier::Max) => extreme.unwrap_or(Value::None),
            (false, Quantifier::Sum) => Value::Num(total),
        })
    }

    /// The first element of a list for which `body` holds: the event that triggered a veto.
    pub(crate) fn witness<'r>(
        &self,
        over: &'r IExpr,
        body: &'r IExpr,
        fr: Option<&'r Frame<'r>>,
    ) -> Option<Value>
    where
        'a: 'r,
    {
        let list = self.eval(over, fr).ok()?;
        let Value::List(items) = list.get() else {
            return None;
        };
        items.iter().find_map(|item| {
            let frame = Frame::push(fr, item);
            let v = self.eval(body, Some(&frame));
            matches!(v.as_ref().map(V::get), Ok(Value::Bool(true))).then(|| item.clone())
        })
    }
}

/// The smaller (or larger) of a running extreme and a new value; values that cannot be ordered
/// keep the running one.
fn pick(smallest: bool, current: Option<Value>, v: Value) -> Value {
    match current {
        None => v,
        Some(c) => match order(&v, &c) {
            Some(Ordering::Less) if smallest => v,
            Some(Ordering::Greater) if !smallest => v,
            _ => c,
        },
    }
}

/// Applies a built-in function to evaluated arguments.
fn builtin(f: Builtin, args: &[Value]) -> Res {
    if args.iter().any(|a| matches!(a, Value::Unknown)) {
        return Ok(Value::Unknown);
    }
    Ok(match (f, args) {
        (Builtin::Year, [Value::Date(d)]) => Value::Num(d.year().into()),
        (Builtin::Date, [Value::Num(y), Value::Num(m), Value::Num(d)]) => {
            let part = |n: &rust_decimal::Decimal| n.trunc().to_string().parse::<i32>().ok();
            match (part(y), part(m), part(d)) {
                (Some(y), Some(m), Some(d)) => u32::try_from(m)
                    .ok()
                    .zip(u32::try_from(d).ok())
                    .and_then(|(m, d)| NaiveDate::from_ymd_opt(y, m, d))
                    .map_or(Value::Unknown, Value::Date),
                _ => Value::Unknown,
            }
        }
        (Builtin::Min | Builtin::Max, _) => args
            .iter()
            .filter(|a| !matches!(a, Value::None))
            .cloned()
            .fold(None, |acc, v| Some(pick(f == Builtin::Min, acc, v)))
            .unwrap_or(Value::None),
        _ => Value::Unknown,
    })
}

/// Whether `v` is among `items`: `None` when that cannot be told.
pub(crate) fn member<'i>(v: &Value, items: impl Iterator<Item = &'i Value>) -> Option<bool> {
    match v {
        Value::Unknown => return None,
        Value::None => return Some(false),
        _ => {}
    }
    let mut unknown = false;
    for item in items {
        match test(CmpOp::Eq, v, item) {
            Some(true) => return Some(true),
            None => unknown = true,
            Some(false) => {}
        }
    }
    if unknown {
        None
    } else {
        Some(false)
    }
}
