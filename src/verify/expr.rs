//! The expression encoder: a checked IR expression as solver terms, under the evaluator's own
//! semantics — three-valued logic (a value may be unknown or none), errors (division by zero)
//! that propagate in the evaluator's order, exact rationals, dates, enumerations by index and
//! lists of bounded length. Every `IExpr` variant is matched by name: a construct added to the IR
//! stops the build here until it is modelled or refused.

use super::dates::{self, DateT};
use super::solver::{all, any, int, rational, real, Smt, Unanswered};
use super::Refused;
use crate::check::ir::{Arith, Builtin, IExpr, LetDef};
use crate::diag::catalogue::{encoder_refuses as no, solver_reason};
use crate::diag::text::Text;
use crate::syntax::ast::{CmpOp, Duration, Quantifier};
use crate::value::Value;
use easy_smt::SExpr;
use std::sync::Arc;

/// What stops an encoding: the solver, or a construct the encoder does not model.
#[derive(Debug)]
pub enum Stop {
    Solver(Unanswered),
    Refused(Refused),
}

impl From<Unanswered> for Stop {
    fn from(u: Unanswered) -> Self {
        Stop::Solver(u)
    }
}

impl Stop {
    /// Why the question got no answer, for people in any language (and in English for JSON).
    pub fn reason(&self) -> Text {
        match self {
            Stop::Solver(u) => u.reason(),
            Stop::Refused(r) => solver_reason::not_modelled(r.0.clone()),
        }
    }
}

pub type Res<T> = Result<T, Stop>;

/// Refuses a construct by name.
pub fn refuse<T>(what: Text) -> Res<T> {
    Err(Stop::Refused(Refused(what)))
}

/// A value as terms. `err` means evaluation stopped with an error; otherwise `unk` means unknown
/// and `none` means none; otherwise the value is `data`.
#[derive(Debug, Clone)]
pub struct Val {
    pub err: SExpr,
    pub unk: SExpr,
    pub none: SExpr,
    pub data: Data,
}

/// A value's payload; meaningful only when the value is known.
#[derive(Debug, Clone)]
pub enum Data {
    /// No payload: a constant that is unknown or none.
    Nothing,
    Bool(SExpr),
    /// A real number, in the unit the checked expression carries.
    Num(SExpr),
    Date(DateT),
    /// An enumeration value or a tier, by its index in the version's declaration.
    Code(SExpr),
    /// Text, by its code in the [`Texts`] table.
    Text(SExpr),
    List(Arc<ListV>),
    Record(Vec<Val>),
    /// Map entries by their (constant) keys.
    Map(Vec<(Arc<str>, Val)>),
    Duration(Duration),
}

/// A list of at most `items.len()` elements, `len` of which are there.
#[derive(Debug, Clone)]
pub struct ListV {
    pub len: SExpr,
    pub items: Vec<Val>,
}

/// Text values by code: the texts the policies name first, then any other text.
#[derive(Debug, Clone, Default)]
pub struct Texts {
    pub known: Vec<Arc<str>>,
}

impl Texts {
    fn code(&self, t: &str) -> Option<i64> {
        self.known
            .iter()
            .position(|k| &**k == t)
            .and_then(|i| i64::try_from(i).ok())
    }
}

/// What an expression of one version reads: the version, its record's values, its derived values.
pub struct Scope<'p> {
    pub lets: &'p [LetDef],
    /// The values of the record's inputs, by slot (the date asked for last, where there is one).
    pub record: Vec<Val>,
    /// Whether the version accepts the record completed ([`Scope::completed`]).
    pub filled: SExpr,
}

/// Encodes expressions of one scope.
pub struct Enc<'a, 'p> {
    pub smt: &'a mut Smt,
    pub scope: &'a Scope<'p>,
    pub texts: &'a Texts,
    lets: Vec<Option<Val>>,
    vars: Vec<Val>,
    /// The same record with every unknown filled in by the value its terms hold (see
    /// [`Scope::completed`]); `None` in an encoder of such a record.
    pub(super) completion: Option<Scope<'p>>,
    /// Where a rule the three-valued encoding leaves unknown may be decided as `eval` decides it
    /// under unknowns (bounds, Kleene logic): one term per rule encoded.
    pub decided: Vec<SExpr>,
}

impl<'p> Scope<'p> {
    /// The record with every unknown value known, as its terms hold it: one of the records that
    /// fill in the unknowns, all of which `eval` agrees with where it decides under unknowns.
    pub fn completed(&self, ff: SExpr) -> Scope<'p> {
        fn fill(v: &Val, ff: SExpr) -> Val {
            let data = match &v.data {
                Data::List(l) => Data::List(Arc::new(ListV {
                    len: l.len,
                    items: l.items.iter().map(|i| fill(i, ff)).collect(),
                })),
                Data::Record(fields) => Data::Record(fields.iter().map(|f| fill(f, ff)).collect()),
                Data::Map(entries) => Data::Map(
                    entries
                        .iter()
                        .map(|(k, x)| (k.clone(), fill(x, ff)))
                        .collect(),
                ),
                other => other.clone(),
            };
            Val {
                err: v.err,
                unk: ff,
                none: v.none,
                data,
            }
        }
        Scope {
            lets: self.lets,
            record: self.record.iter().map(|v| fill(v, ff)).collect(),
            filled: self.filled,
        }
    }
}

impl<'a, 'p> Enc<'a, 'p> {
    pub fn new(smt: &'a mut Smt, scope: &'a Scope<'p>, texts: &'a Texts) -> Self {
        let completion = Some(scope.completed(smt.t().false_()));
        Enc {
            completion,
            ..Enc::of_completion(smt, scope, texts)
        }
    }

    /// An encoder of the completed record, which encodes rules in three values only.
    fn of_completion(smt: &'a mut Smt, scope: &'a Scope<'p>, texts: &'a Texts) -> Self {
        Enc {
            smt,
            scope,
            texts,
            lets: vec![None; scope.lets.len()],
            vars: Vec::new(),
            completion: None,
            decided: Vec::new(),
        }
    }

    /// Encodes with an encoder of the completed record.
    pub(super) fn on_completion<T>(
        &mut self,
        f: impl FnOnce(&mut Enc<'_, 'p>) -> Res<T>,
    ) -> Option<Res<T>> {
        let scope = self.completion.as_ref()?;
        let mut enc = Enc::of_completion(&mut *self.smt, scope, self.texts);
        Some(f(&mut enc))
    }

    fn tt(&self) -> SExpr {
        self.smt.t().true_()
    }

    fn ff(&self) -> SExpr {
        self.smt.t().false_()
    }

    /// An unknown value.
    pub fn unknown(&self) -> Val {
        Val {
            err: self.ff(),
            unk: self.tt(),
            none: self.ff(),
            data: Data::Nothing,
        }
    }

    fn none(&self) -> Val {
        Val {
            err: self.ff(),
            unk: self.ff(),
            none: self.tt(),
            data: Data::Nothing,
        }
    }

    /// A known value.
    pub fn known(&self, data: Data) -> Val {
        Val {
            err: self.ff(),
            unk: self.ff(),
            none: self.ff(),
            data,
        }
    }

    /// The value is known (no error, not unknown, not none).
    pub fn is_known(&self, v: &Val) -> SExpr {
        let t = self.smt.t();
        all(t, vec![t.not(v.err), t.not(v.unk), t.not(v.none)])
    }

    /// `(is true, is false)` of a boolean value; both false when it is unknown, none or an error.
    pub fn truth(&self, v: &Val) -> (SExpr, SExpr) {
        let k = self.is_known(v);
        let t = self.smt.t();
        match v.data {
            Data::Bool(b) => (t.and(k, b), t.and(k, t.not(b))),
            _ => (self.ff(), self.ff()),
        }
    }

    /// A boolean result: an error, else true, else false, else unknown.
    fn boolean(&mut self, err: SExpr, yes: SExpr, no: SExpr) -> Res<Val> {
        let b = self.smt.t().bool_sort();
        let err = self.smt.name(err, b)?;
        let t = self.smt.t();
        let yes = t.and(t.not(err), yes);
        let no = t.and(t.not(err), no);
        let yes = self.smt.name(yes, b)?;
        let no = self.smt.name(no, b)?;
        let t = self.smt.t();
        Ok(Val {
            err,
            unk: all(t, vec![t.not(err), t.not(yes), t.not(no)]),
            none: self.ff(),
            data: Data::Bool(yes),
        })
    }

    /// `c ? a : b` on values.
    pub fn choose(&mut self, c: SExpr, a: &Val, b: &Val) -> Res<Val> {
        let bs = self.smt.t().bool_sort();
        let flag = |s: &mut Smt, x: SExpr, y: SExpr| {
            let v = s.t().ite(c, x, y);
            s.name(v, bs)
        };
        let err = flag(self.smt, a.err, b.err)?;
        let unk = flag(self.smt, a.unk, b.unk)?;
        let none = flag(self.smt, a.none, b.none)?;
        let data = self.merge(c, &a.data, &b.data)?;
        Ok(Val {
            err,
            unk,
            none,
            data,
        })
    }

    fn merge(&mut self, c: SExpr, a: &Data, b: &Data) -> Res<Data> {
        let t = self.smt.t();
        Ok(match (a, b) {
            (Data::Nothing, x) | (x, Data::Nothing) => x.clone(),
            (Data::Bool(x), Data::Bool(y)) => Data::Bool(t.ite(c, *x, *y)),
            (Data::Num(x), Data::Num(y)) => Data::Num(t.ite(c, *x, *y)),
            (Data::Code(x), Data::Code(y)) => Data::Code(t.ite(c, *x, *y)),
            (Data::Text(x), Data::Text(y)) => Data::Text(t.ite(c, *x, *y)),
            (Data::Date(x), Data::Date(y)) => Data::Date(DateT {
                day: t.ite(c, x.day, y.day),
                ymd: match (x.ymd, y.ymd) {
                    (Some((a, b, d)), Some((e, f, g))) => {
                        Some((t.ite(c, a, e), t.ite(c, b, f), t.ite(c, d, g)))
                    }
                    _ => None,
                },
            }),
            (Data::Duration(x), Data::Duration(y)) if x == y => Data::Duration(*x),
            (Data::Record(x), Data::Record(y)) if x.len() == y.len() => {
                let mut out = Vec::with_capacity(x.len());
                for (p, q) in x.iter().zip(y) {
                    out.push(self.choose(c, p, q)?);
                }
                Data::Record(out)
            }
            (Data::List(x), Data::List(y)) if x.items.len() == y.items.len() => {
                let mut items = Vec::with_capacity(x.items.len());
                for (p, q) in x.items.iter().zip(&y.items) {
                    items.push(self.choose(c, p, q)?);
                }
                let t = self.smt.t();
                Data::List(Arc::new(ListV {
                    len: t.ite(c, x.len, y.len),
                    items,
                }))
            }
            _ => return refuse(no::choice_of_shapes()),
        })
    }

    fn constant(&mut self, v: &Value) -> Res<Val> {
        let t = self.smt.t();
        Ok(match v {
            Value::Unknown => self.unknown(),
            Value::None => self.none(),
            Value::Bool(b) => self.known(Data::Bool(if *b { t.true_() } else { t.false_() })),
            Value::Num(n) => self.known(Data::Num(real(t, *n))),
            Value::Date(d) => {
                let day = int(t, dates::to_day(*d));
                let part = |n: u32| int(t, i64::from(n));
                let ymd = (
                    int(t, i64::from(chrono::Datelike::year(d))),
                    part(chrono::Datelike::month(d)),
                    part(chrono::Datelike::day(d)),
                );
                self.known(Data::Date(DateT {
                    day,
                    ymd: Some(ymd),
                }))
            }
            Value::Text(s) => match self.texts.code(s) {
                Some(c) => self.known(Data::Text(int(t, c))),
                None => return refuse(no::text_constant(format!("{s:?}"))),
            },
            Value::Enum(i) => self.known(Data::Code(int(t, i64::from(*i)))),
            Value::Duration(d) => self.known(Data::Duration(*d)),
            Value::List(items) => {
                let mut out = Vec::with_capacity(items.len());
                for i in items.iter() {
                    out.push(self.constant(i)?);
                }
                let len = int(self.smt.t(), i64::try_from(out.len()).unwrap_or(i64::MAX));
                self.known(Data::List(Arc::new(ListV { len, items: out })))
            }
            Value::Record(_) | Value::Map(_) => return refuse(no::record_constant()),
        })
    }

    /// The value of a derived value, computed once; an error there makes it unknown, as
    /// `Policy::derive` does.
    fn derived(&mut self, i: usize) -> Res<Val> {
        if let Some(Some(v)) = self.lets.get(i) {
            return Ok(v.clone());
        }
        let Some(def) = self.scope.lets.get(i) else {
            return refuse(no::derived(i));
        };
        let saved = std::mem::take(&mut self.vars);
        let v = self.eval(&def.expr);
        self.vars = saved;
        let v = v?;
        let bs = self.smt.t().bool_sort();
        let t = self.smt.t();
        let unk = t.or(v.err, v.unk);
        let unk = self.smt.name(unk, bs)?;
        let v = Val {
            err: self.ff(),
            unk,
            ..v
        };
        if let Some(slot) = self.lets.get_mut(i) {
            *slot = Some(v.clone());
        }
        Ok(v)
    }

    /// Whether two values are equal, as `==` decides when neither is unknown.
    fn equal(&self, a: &Val, b: &Val) -> Res<SExpr> {
        let t = self.smt.t();
        let data = match (&a.data, &b.data) {
            (Data::Nothing, _) | (_, Data::Nothing) => t.false_(),
            (Data::Bool(x), Data::Bool(y))
            | (Data::Num(x), Data::Num(y))
            | (Data::Code(x), Data::Code(y))
            | (Data::Text(x), Data::Text(y)) => t.eq(*x, *y),
            (Data::Date(x), Data::Date(y)) => t.eq(x.day, y.day),
            _ => return refuse(no::structured_equality()),
        };
        Ok(t.or(
            t.and(a.none, b.none),
            all(t, vec![t.not(a.none), t.not(b.none), data]),
        ))
    }

    /// `a op b` when neither is unknown and both can be ordered: `(defined, holds)`.
    fn order(&self, op: CmpOp, a: &Val, b: &Val) -> Res<(SExpr, SExpr)> {
        let t = self.smt.t();
        let (x, y) = match (&a.data, &b.data) {
            (Data::Num(x), Data::Num(y)) => (*x, *y),
            (Data::Date(x), Data::Date(y)) => (x.day, y.day),
            (Data::Nothing, _) | (_, Data::Nothing) => return Ok((t.false_(), t.false_())),
            _ => return refuse(no::order_comparison()),
        };
        let holds = match op {
            CmpOp::Ge => t.gte(x, y),
            CmpOp::Gt => t.gt(x, y),
            CmpOp::Le => t.lte(x, y),
            CmpOp::Lt => t.lt(x, y),
            CmpOp::Eq => t.eq(x, y),
            CmpOp::Ne => t.not(t.eq(x, y)),
        };
        Ok((t.and(self.is_known(a), self.is_known(b)), holds))
    }

    /// `a op b` in three-valued logic (no error of its own).
    pub fn compare(&mut self, op: CmpOp, a: &Val, b: &Val) -> Res<Val> {
        let t = self.smt.t();
        let err = t.or(a.err, b.err);
        let neither_unknown = t.and(t.not(a.unk), t.not(b.unk));
        let (yes, no) = match op {
            CmpOp::Eq | CmpOp::Ne => {
                let eq = self.equal(a, b)?;
                let t = self.smt.t();
                let eq = if op == CmpOp::Eq { eq } else { t.not(eq) };
                (
                    t.and(neither_unknown, eq),
                    t.and(neither_unknown, t.not(eq)),
                )
            }
            _ => {
                let (defined, holds) = self.order(op, a, b)?;
                let t = self.smt.t();
                (t.and(defined, holds), t.and(defined, t.not(holds)))
            }
        };
        self.boolean(err, yes, no)
    }

    /// Whether `v` is among `items` (those of `active` that are there): `(is, is not)`.
    fn member(&self, v: &Val, items: &[(SExpr, Val)]) -> Res<(SExpr, SExpr)> {
        let t = self.smt.t();
        let mut found = Vec::new();
        let mut unsure = Vec::new();
        for (active, item) in items {
            let eq = self.equal(v, item)?;
            found.push(all(t, vec![*active, t.not(item.unk), eq]));
            unsure.push(t.and(*active, item.unk));
        }
        let found = any(t, found);
        let unsure = any(t, unsure);
        let decided = t.not(v.unk);
        // none is in no set
        let yes = all(t, vec![decided, t.not(v.none), found]);
        let no = t.and(decided, t.or(v.none, t.and(t.not(found), t.not(unsure))));
        Ok((yes, no))
    }

    fn list_items(&self, l: &ListV) -> Vec<(SExpr, Val)> {
        let t = self.smt.t();
        l.items
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let i = int(t, i64::try_from(i).unwrap_or(i64::MAX));
                (t.lt(i, l.len), v.clone())
            })
            .collect()
    }

    fn num(&self, v: &Val, what: &Text) -> Res<Option<SExpr>> {
        match v.data {
            Data::Num(x) => Ok(Some(x)),
            Data::Nothing => Ok(None),
            _ => refuse(what.clone()),
        }
    }

    /// A number result: error, else known `x` where `ok`, else unknown.
    fn number(&mut self, err: SExpr, ok: SExpr, x: SExpr) -> Res<Val> {
        let bs = self.smt.t().bool_sort();
        let rs = self.smt.t().real_sort();
        let err = self.smt.name(err, bs)?;
        let t = self.smt.t();
        let unk = t.and(t.not(err), t.not(ok));
        let unk = self.smt.name(unk, bs)?;
        let x = self.smt.name(x, rs)?;
        Ok(Val {
            err,
            unk,
            none: self.ff(),
            data: Data::Num(x),
        })
    }

    /// Encodes one expression.
    pub fn eval(&mut self, e: &IExpr) -> Res<Val> {
        match e {
            IExpr::Const(v) => self.constant(v),
            IExpr::Input(i) => match self.scope.record.get(*i) {
                Some(v) => Ok(v.clone()),
                None => refuse(no::input_index(i)),
            },
            IExpr::Let(i) => self.derived(*i),
            IExpr::Var(d) => match self.vars.get(*d) {
                Some(v) => Ok(v.clone()),
                None => refuse(no::variable(d)),
            },
            IExpr::Field(base, i) => {
                let b = self.eval(base)?;
                let field = match &b.data {
                    Data::Record(fields) => match fields.get(i.index) {
                        Some(f) => f.clone(),
                        None => return refuse(no::field_index(i.index)),
                    },
                    Data::Nothing => self.unknown(),
                    _ => return refuse(no::field_of_non_record()),
                };
                let k = self.is_known(&b);
                let unknown = self.unknown();
                let none = self.none();
                let t = self.smt.t();
                let not_err = t.not(b.err);
                let other = self.choose(b.none, &none, &unknown)?;
                let v = self.choose(k, &field, &other)?;
                self.with_err(b.err, not_err, v)
            }
            IExpr::Index(map, key) => {
                let IExpr::Const(Value::Text(k)) = &**key else {
                    return refuse(no::lookup_key());
                };
                let m = self.eval(map)?;
                let entry = match &m.data {
                    Data::Map(entries) => entries
                        .iter()
                        .find(|(ek, _)| **ek == **k)
                        .map_or_else(|| self.unknown(), |(_, v)| v.clone()),
                    Data::Nothing => self.unknown(),
                    _ => return refuse(no::lookup_non_map()),
                };
                let k = self.is_known(&m);
                let unknown = self.unknown();
                let v = self.choose(k, &entry, &unknown)?;
                let t = self.smt.t();
                let not_err = t.not(m.err);
                self.with_err(m.err, not_err, v)
            }
            IExpr::Neg(a) => {
                let v = self.eval(a)?;
                let x = self.num(&v, &no::negation())?;
                let k = self.is_known(&v);
                let t = self.smt.t();
                let x = x.map_or_else(|| rational(t, 0, 1), |x| t.negate(x));
                self.number(v.err, k, x)
            }
            IExpr::Not(a) => {
                let v = self.eval(a)?;
                let (yes, no) = self.truth(&v);
                self.boolean(v.err, no, yes)
            }
            IExpr::And(l, r) | IExpr::Or(l, r) => {
                let conj = matches!(e, IExpr::And(..));
                let a = self.eval(l)?;
                let (at, af) = self.truth(&a);
                let b = self.eval(r)?;
                let (bt, bf) = self.truth(&b);
                let t = self.smt.t();
                // The right side is not evaluated once the left decides.
                let decided = if conj { af } else { at };
                let err = t.or(a.err, t.and(t.not(decided), b.err));
                let (yes, no) = if conj {
                    (t.and(at, bt), t.or(af, bf))
                } else {
                    (t.or(at, bt), t.and(af, bf))
                };
                self.boolean(err, yes, no)
            }
            IExpr::Arith(op, l, r) => {
                let a = self.eval(l)?;
                let b = self.eval(r)?;
                let what = no::arithmetic();
                let (Some(x), Some(y)) = (self.num(&a, &what)?, self.num(&b, &what)?) else {
                    let t = self.smt.t();
                    let err = t.or(a.err, b.err);
                    let zero = rational(t, 0, 1);
                    let f = t.false_();
                    return self.number(err, f, zero);
                };
                let t = self.smt.t();
                let both = t.and(self.is_known(&a), self.is_known(&b));
                let (value, div_zero) = match op {
                    Arith::Add => (t.plus(x, y), t.false_()),
                    Arith::Sub => (t.sub(x, y), t.false_()),
                    Arith::Mul => (t.times(x, y), t.false_()),
                    Arith::Div => (t.rdiv(x, y), t.and(both, t.eq(y, rational(t, 0, 1)))),
                };
                let err = any(t, vec![a.err, b.err, div_zero]);
                self.number(err, both, value)
            }
            IExpr::Scale(a, f) => {
                let v = self.eval(a)?;
                let Some(x) = self.num(&v, &no::conversion())? else {
                    return Ok(v);
                };
                let t = self.smt.t();
                let (n, d) = f.parts();
                let x = t.times(x, rational(t, n, d));
                let rs = self.smt.t().real_sort();
                let x = self.smt.name(x, rs)?;
                Ok(Val {
                    data: Data::Num(x),
                    ..v
                })
            }
            IExpr::Cmp(op, l, r) => {
                let a = self.eval(l)?;
                let b = self.eval(r)?;
                self.compare(*op, &a, &b)
            }
            IExpr::In { negated, elem, set } => {
                let v = self.eval(elem)?;
                let written = match &**set {
                    IExpr::Set(items) if items.iter().all(|i| matches!(i, IExpr::Const(_))) => {
                        Some(items)
                    }
                    _ => None,
                };
                let (err, yes, no) = match written {
                    Some(items) => {
                        let mut members = Vec::new();
                        for i in items {
                            let c = self.eval(i)?;
                            members.push((self.tt(), c));
                        }
                        let (yes, no) = self.member(&v, &members)?;
                        (v.err, yes, no)
                    }
                    None => {
                        let s = self.eval(set)?;
                        let t = self.smt.t();
                        let err = t.or(v.err, s.err);
                        let decided = t.and(t.not(v.unk), t.not(s.unk));
                        let (yes, no) = match &s.data {
                            Data::List(l) => {
                                let items = self.list_items(l);
                                let (yes, no) = self.member(&v, &items)?;
                                let t = self.smt.t();
                                let listed = t.and(t.not(s.none), t.not(v.none));
                                (
                                    all(t, vec![decided, listed, yes]),
                                    t.and(decided, t.or(t.or(v.none, s.none), no)),
                                )
                            }
                            Data::Nothing => (t.false_(), t.and(decided, t.or(v.none, s.none))),
                            _ => return refuse(no::in_non_list()),
                        };
                        (err, yes, no)
                    }
                };
                if *negated {
                    self.boolean(err, no, yes)
                } else {
                    self.boolean(err, yes, no)
                }
            }
            IExpr::Shift { date, by, forward } => {
                let d = self.eval(date)?;
                let b = self.eval(by)?;
                let Data::Duration(dur) = b.data else {
                    return refuse(no::shift_unwritten());
                };
                let t = self.smt.t();
                let err = t.or(d.err, b.err);
                let k = self.is_known(&d);
                let shifted = match d.data {
                    Data::Date(x) => Some(self.shift(x, dur, *forward, k)?),
                    Data::Nothing => None,
                    _ => return refuse(no::shift_non_date()),
                };
                let bs = self.smt.t().bool_sort();
                let err = self.smt.name(err, bs)?;
                let t = self.smt.t();
                let unk = t.and(t.not(err), t.not(k));
                Ok(Val {
                    err,
                    unk,
                    none: self.ff(),
                    data: shifted.map_or(Data::Nothing, Data::Date),
                })
            }
            IExpr::Within {
                subject,
                length,
                before,
                anchor,
            } => {
                let s = self.eval(subject)?;
                let l = self.eval(length)?;
                let a = self.eval(anchor)?;
                let Data::Duration(dur) = l.data else {
                    return refuse(no::within_unwritten());
                };
                let t = self.smt.t();
                let err = any(t, vec![s.err, l.err, a.err]);
                let both = t.and(self.is_known(&s), self.is_known(&a));
                let (yes, no) = match (s.data, a.data) {
                    (Data::Date(sd), Data::Date(ad)) => {
                        let other = self.shift(ad, dur, !*before, both)?;
                        let t = self.smt.t();
                        let (lo, hi) = if *before {
                            (other.day, ad.day)
                        } else {
                            (ad.day, other.day)
                        };
                        let inside = t.and(t.lte(lo, sd.day), t.lte(sd.day, hi));
                        (t.and(both, inside), t.and(both, t.not(inside)))
                    }
                    (Data::Date(_) | Data::Nothing, Data::Date(_) | Data::Nothing) => {
                        (t.false_(), t.false_())
                    }
                    _ => return refuse(no::within_non_dates()),
                };
                let t = self.smt.t();
                // A subject that is none is within no window.
                let none_subject = all(t, vec![t.not(s.unk), s.none]);
                self.boolean(err, yes, t.or(no, none_subject))
            }
            IExpr::If(c, a, b) => {
                let cv = self.eval(c)?;
                let (yes, no) = self.truth(&cv);
                let x = self.eval(a)?;
                let y = self.eval(b)?;
                let unknown = self.unknown();
                let neither = self.choose(no, &y, &unknown)?;
                let v = self.choose(yes, &x, &neither)?;
                let t = self.smt.t();
                let not_err = t.not(cv.err);
                self.with_err(cv.err, not_err, v)
            }
            IExpr::Quant {
                quantifier,
                over,
                filter,
                body,
            } => self.quantify(*quantifier, over, filter.as_deref(), body),
            IExpr::Call(f, args) => self.call(*f, args),
            IExpr::Set(items) => {
                let mut values = Vec::with_capacity(items.len());
                for i in items {
                    values.push(self.eval(i)?);
                }
                let t = self.smt.t();
                let err = any(t, values.iter().map(|v| v.err).collect());
                let len = int(t, i64::try_from(values.len()).unwrap_or(i64::MAX));
                Ok(Val {
                    err,
                    unk: t.false_(),
                    none: t.false_(),
                    data: Data::List(Arc::new(ListV { len, items: values })),
                })
            }
            // Not modelled yet: the answer is `unknown`, naming them.
            IExpr::Growth { .. } => refuse(no::growth()),
            IExpr::RulePassed(_) | IExpr::GroupPassed(_) => refuse(no::passed()),
            IExpr::RuleFigure(_) => refuse(no::figure()),
            IExpr::Lookup { .. } => refuse(no::table_lookup()),
        }
    }

    /// `v` where `ok`, an error where `err` (of an operand evaluated first).
    fn with_err(&mut self, err: SExpr, ok: SExpr, v: Val) -> Res<Val> {
        let t = self.smt.t();
        let e = t.or(err, t.and(ok, v.err));
        let bs = t.bool_sort();
        let e = self.smt.name(e, bs)?;
        Ok(Val { err: e, ..v })
    }

    /// A date shifted by a written duration; `known` says where the date is a real one.
    fn shift(&mut self, d: DateT, by: Duration, forward: bool, known: SExpr) -> Res<DateT> {
        let sign = if forward { 1 } else { -1 };
        Ok(match by {
            Duration::Days(n) => {
                let t = self.smt.t();
                let day = t.plus(d.day, int(t, sign * i64::from(n)));
                let is = self.smt.t().int_sort();
                DateT {
                    day: self.smt.name(day, is)?,
                    ymd: None,
                }
            }
            Duration::Months(n) | Duration::Years(n) => {
                let months = if matches!(by, Duration::Years(_)) {
                    i64::from(n) * 12
                } else {
                    i64::from(n)
                };
                if months > 1200 {
                    return refuse(no::shift_too_far());
                }
                let parts = dates::ymd(self.smt, d, known)?;
                dates::shift_months(self.smt, parts, sign * months)?
            }
        })
    }

    fn quantify(
        &mut self,
        q: Quantifier,
        over: &IExpr,
        filter: Option<&IExpr>,
        body: &IExpr,
    ) -> Res<Val> {
        if q == Quantifier::Sum {
            return refuse(no::sum());
        }
        let list = self.eval(over)?;
        let listed = self.is_known(&list);
        let items: Vec<(SExpr, Val)> = match &list.data {
            Data::List(l) => self
                .list_items(l)
                .into_iter()
                .map(|(active, v)| (self.smt.t().and(listed, active), v))
                .collect(),
            Data::Nothing => Vec::new(),
            _ => return refuse(no::quantifier_non_list()),
        };
        let bs = self.smt.t().bool_sort();
        let is = self.smt.t().int_sort();
        // The state after each element, as the evaluator walks the list.
        let mut stopped = self.ff();
        let mut err = list.err;
        let mut unsure = self.ff();
        let mut count = int(self.smt.t(), 0);
        let mut extreme: Option<Val> = None;
        for (active, item) in items {
            let t = self.smt.t();
            let live = all(t, vec![active, t.not(stopped), t.not(err)]);
            let live = self.smt.name(live, bs)?;
            self.vars.push(item);
            let f = match filter {
                Some(f) => Some(self.eval(f)?),
                None => None,
            };
            let b = self.eval(body);
            self.vars.pop();
            let b = b?;
            let t = self.smt.t();
            let (pass, filter_err, filter_unsure) = match &f {
                Some(f) => {
                    let (yes, no) = self.truth(f);
                    let t = self.smt.t();
                    let unsure = all(t, vec![t.not(f.err), t.not(yes), t.not(no)]);
                    (t.and(live, yes), t.and(live, f.err), t.and(live, unsure))
                }
                None => (live, t.false_(), t.false_()),
            };
            let pass = self.smt.name(pass, bs)?;
            let (bt, bf) = self.truth(&b);
            let t = self.smt.t();
            let body_err = t.and(pass, b.err);
            let body_unknown = t.and(pass, all(t, vec![t.not(b.err), t.not(bt), t.not(bf)]));
            let new_err = any(t, vec![err, filter_err, body_err]);
            err = self.smt.name(new_err, bs)?;
            let t = self.smt.t();
            match q {
                Quantifier::Any | Quantifier::All => {
                    let decides = if q == Quantifier::Any { bt } else { bf };
                    let s = t.or(stopped, t.and(pass, decides));
                    stopped = self.smt.name(s, bs)?;
                    let t = self.smt.t();
                    let u = any(t, vec![unsure, filter_unsure, body_unknown]);
                    unsure = self.smt.name(u, bs)?;
                }
                Quantifier::Count => {
                    let c = t.ite(t.and(pass, bt), t.plus(count, int(t, 1)), count);
                    count = self.smt.name(c, is)?;
                    let t = self.smt.t();
                    let u = any(t, vec![unsure, filter_unsure, body_unknown]);
                    unsure = self.smt.name(u, bs)?;
                }
                // Refused above.
                Quantifier::Sum => {}
                Quantifier::Min | Quantifier::Max => {
                    let smallest = q == Quantifier::Min;
                    let t = self.smt.t();
                    let value_known = t.and(pass, self.is_known(&b));
                    let value_unknown = all(t, vec![pass, t.not(b.err), b.unk]);
                    let u = any(t, vec![unsure, filter_unsure, value_unknown]);
                    unsure = self.smt.name(u, bs)?;
                    extreme = Some(match extreme.take() {
                        None => {
                            let none = self.none();
                            self.choose(value_known, &b, &none)?
                        }
                        Some(cur) => {
                            let op = if smallest { CmpOp::Lt } else { CmpOp::Gt };
                            let (_, better) = self.order(op, &b, &cur)?;
                            let t = self.smt.t();
                            let take = t.and(value_known, t.or(cur.none, better));
                            self.choose(take, &b, &cur)?
                        }
                    });
                }
            }
        }
        let t = self.smt.t();
        let not_err = t.not(err);
        Ok(match q {
            Quantifier::Any | Quantifier::All => {
                let settled = t.and(not_err, t.not(stopped));
                let (yes, no) = if q == Quantifier::Any {
                    (stopped, t.and(settled, t.not(unsure)))
                } else {
                    (t.and(settled, t.not(unsure)), stopped)
                };
                let v = self.boolean(err, yes, no)?;
                self.unknown_list(&list, v)?
            }
            Quantifier::Count => {
                let ok = t.not(unsure);
                let x = t.conv_to_real(count);
                let v = self.number(err, ok, x)?;
                self.unknown_list(&list, v)?
            }
            Quantifier::Sum => return refuse(no::sum()),
            Quantifier::Min | Quantifier::Max => {
                let found = extreme.unwrap_or_else(|| self.none());
                let unknown = self.unknown();
                let v = self.choose(unsure, &unknown, &found)?;
                let v = Val { err, ..v };
                self.unknown_list(&list, v)?
            }
        })
    }

    /// A quantifier over an unknown list is unknown.
    fn unknown_list(&mut self, list: &Val, v: Val) -> Res<Val> {
        let t = self.smt.t();
        let unknown_list = t.and(t.not(list.err), list.unk);
        let unknown = self.unknown();
        let out = self.choose(unknown_list, &unknown, &v)?;
        let t = self.smt.t();
        let e = t.and(t.not(unknown_list), v.err);
        Ok(Val { err: e, ..out })
    }

    fn call(&mut self, f: Builtin, args: &[IExpr]) -> Res<Val> {
        let mut values = Vec::with_capacity(args.len());
        for a in args {
            values.push(self.eval(a)?);
        }
        let t = self.smt.t();
        let err = any(t, values.iter().map(|v| v.err).collect());
        let any_unknown = any(t, values.iter().map(|v| v.unk).collect());
        let result = match (f, values.as_slice()) {
            (Builtin::Year, [d]) => match d.data {
                Data::Date(x) => {
                    let k = self.is_known(d);
                    let (y, _, _) = dates::ymd(self.smt, x, k)?;
                    let t = self.smt.t();
                    self.number(err, k, t.conv_to_real(y))?
                }
                Data::Nothing => self.unknown(),
                _ => return refuse(no::year_of_non_date()),
            },
            (Builtin::Date, [vy, vm, vd]) => {
                let what = no::date_of_non_numbers();
                let (Some(y), Some(m), Some(d)) = (
                    self.num(vy, &what)?,
                    self.num(vm, &what)?,
                    self.num(vd, &what)?,
                ) else {
                    return Ok(self.unknown());
                };
                let is = self.smt.t().int_sort();
                let mut part = |x: SExpr| -> Res<SExpr> {
                    let t = self.smt.t();
                    let zero = rational(t, 0, 1);
                    let tr = t.ite(
                        t.gte(x, zero),
                        t.list(vec![t.atom("to_int"), x]),
                        t.negate(t.list(vec![t.atom("to_int"), t.negate(x)])),
                    );
                    Ok(self.smt.name(tr, is)?)
                };
                let (yi, mi, di) = (part(y)?, part(m)?, part(d)?);
                let date = dates::from_parts(self.smt, (yi, mi, di))?;
                let known = all(
                    self.smt.t(),
                    vec![self.is_known(vy), self.is_known(vm), self.is_known(vd)],
                );
                let t = self.smt.t();
                let ok = t.and(known, date.1);
                let bs = t.bool_sort();
                let err = self.smt.name(err, bs)?;
                let t = self.smt.t();
                Val {
                    err,
                    unk: t.and(t.not(err), t.not(ok)),
                    none: t.false_(),
                    data: Data::Date(date.0),
                }
            }
            (Builtin::Min | Builtin::Max, _) => {
                let op = if f == Builtin::Min {
                    CmpOp::Lt
                } else {
                    CmpOp::Gt
                };
                let mut best = self.none();
                for v in &values {
                    let (_, better) = self.order(op, v, &best)?;
                    let t = self.smt.t();
                    let k = self.is_known(v);
                    let take = t.and(k, t.or(best.none, better));
                    best = self.choose(take, v, &best)?;
                }
                best
            }
            _ => return refuse(no::builtin_arguments()),
        };
        let unknown = self.unknown();
        let t = self.smt.t();
        let unknown_arg = t.and(t.not(err), any_unknown);
        let v = self.choose(unknown_arg, &unknown, &result)?;
        let bs = self.smt.t().bool_sort();
        let err = self.smt.name(err, bs)?;
        Ok(Val { err, ..v })
    }
}
