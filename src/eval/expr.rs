//! The expression interpreter: three-valued logic, exact decimals, dates; pure and without I/O.

use crate::check::ir::{Arith, IExpr};
use crate::syntax::ast::{CmpOp, Duration, Quantifier};
use crate::value::Value;
use chrono::{Days, Months, NaiveDate};
use std::cmp::Ordering;
use std::sync::Arc;

/// Why a value could not be computed; the rule it belongs to becomes `unknown` with this note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvalError {
    Overflow,
    DivisionByZero,
    DateOutOfRange,
}

impl std::fmt::Display for EvalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            EvalError::Overflow => "arithmetic overflow",
            EvalError::DivisionByZero => "division by zero",
            EvalError::DateOutOfRange => "date out of range",
        })
    }
}

type Res = Result<Value, EvalError>;

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

fn truth(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        _ => None,
    }
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
    match (a, b) {
        (Value::Unknown, _) | (_, Value::Unknown) => Value::Unknown,
        _ => match op {
            CmpOp::Eq | CmpOp::Ne => {
                let eq = match order(a, b) {
                    Some(o) => o == Ordering::Equal,
                    None => a == b,
                };
                Value::Bool(eq == (op == CmpOp::Eq))
            }
            _ => match order(a, b) {
                Some(o) => Value::Bool(match op {
                    CmpOp::Ge => o != Ordering::Less,
                    CmpOp::Gt => o == Ordering::Greater,
                    CmpOp::Le => o != Ordering::Greater,
                    _ => o == Ordering::Less,
                }),
                None => Value::Unknown,
            },
        },
    }
}

impl Env<'_> {
    /// Evaluates one expression.
    pub fn eval(&mut self, e: &IExpr) -> Res {
        Ok(match e {
            IExpr::Const(v) => v.clone(),
            IExpr::Input(i) => self.inputs.get(*i).cloned().unwrap_or(Value::Unknown),
            IExpr::Let(i) => self.lets.get(*i).cloned().unwrap_or(Value::Unknown),
            IExpr::Var(i) => self.locals.get(*i).cloned().unwrap_or(Value::Unknown),
            IExpr::Field(base, i) => match self.eval(base)? {
                Value::Record(fields) => fields.get(*i).cloned().unwrap_or(Value::Unknown),
                Value::None => Value::None,
                _ => Value::Unknown,
            },
            IExpr::Index(map, key) => match (self.eval(map)?, self.eval(key)?) {
                (Value::Map(entries), Value::Text(k)) => entries
                    .iter()
                    .find(|(ek, _)| *ek == k)
                    .map_or(Value::Unknown, |(_, v)| v.clone()),
                _ => Value::Unknown,
            },
            IExpr::Neg(inner) => match self.eval(inner)? {
                Value::Num(n) => Value::Num(-n),
                _ => Value::Unknown,
            },
            IExpr::Not(inner) => match self.eval(inner)? {
                Value::Bool(b) => Value::Bool(!b),
                _ => Value::Unknown,
            },
            IExpr::And(l, r) => {
                let a = truth(&self.eval(l)?);
                if a == Some(false) {
                    return Ok(Value::Bool(false));
                }
                match (a, truth(&self.eval(r)?)) {
                    (_, Some(false)) => Value::Bool(false),
                    (Some(true), Some(true)) => Value::Bool(true),
                    _ => Value::Unknown,
                }
            }
            IExpr::Or(l, r) => {
                let a = truth(&self.eval(l)?);
                if a == Some(true) {
                    return Ok(Value::Bool(true));
                }
                match (a, truth(&self.eval(r)?)) {
                    (_, Some(true)) => Value::Bool(true),
                    (Some(false), Some(false)) => Value::Bool(false),
                    _ => Value::Unknown,
                }
            }
            IExpr::Arith(op, l, r) => {
                let (a, b) = (self.eval(l)?, self.eval(r)?);
                let (Value::Num(x), Value::Num(y)) = (a, b) else {
                    return Ok(Value::Unknown);
                };
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
                Value::Num(out.ok_or(EvalError::Overflow)?)
            }
            IExpr::Scale(inner, factor) => match self.eval(inner)? {
                Value::Num(n) => Value::Num(factor.apply(n).ok_or(EvalError::Overflow)?),
                other => other,
            },
            IExpr::Cmp(op, l, r) => {
                let (a, b) = (self.eval(l)?, self.eval(r)?);
                compare(*op, &a, &b)
            }
            IExpr::In { negated, elem, set } => {
                let v = self.eval(elem)?;
                let s = self.eval(set)?;
                let found = match (&v, &s) {
                    (Value::Unknown, _) | (_, Value::Unknown) => return Ok(Value::Unknown),
                    (Value::None, _) => false,
                    (_, Value::List(items)) => {
                        let mut unknown = false;
                        let mut hit = false;
                        for item in items.iter() {
                            match compare(CmpOp::Eq, &v, item) {
                                Value::Bool(true) => {
                                    hit = true;
                                    break;
                                }
                                Value::Unknown => unknown = true,
                                _ => {}
                            }
                        }
                        if !hit && unknown {
                            return Ok(Value::Unknown);
                        }
                        hit
                    }
                    (_, Value::None) => false,
                    _ => return Ok(Value::Unknown),
                };
                Value::Bool(found != *negated)
            }
            IExpr::Shift { date, by, forward } => match (self.eval(date)?, self.eval(by)?) {
                (Value::Date(d), Value::Duration(by)) => {
                    Value::Date(shift(d, by, *forward).ok_or(EvalError::DateOutOfRange)?)
                }
                _ => Value::Unknown,
            },
            IExpr::Within {
                subject,
                length,
                before,
                anchor,
            } => match (self.eval(subject)?, self.eval(length)?, self.eval(anchor)?) {
                (Value::Date(s), Value::Duration(len), Value::Date(a)) => {
                    let other = shift(a, len, !*before).ok_or(EvalError::DateOutOfRange)?;
                    let (lo, hi) = if *before { (other, a) } else { (a, other) };
                    Value::Bool(lo <= s && s <= hi)
                }
                (Value::None, _, _) => Value::Bool(false),
                _ => Value::Unknown,
            },
            IExpr::If(c, t, f) => match self.eval(c)? {
                Value::Bool(true) => self.eval(t)?,
                Value::Bool(false) => self.eval(f)?,
                _ => Value::Unknown,
            },
            IExpr::Quant {
                quantifier,
                over,
                body,
            } => self.quantify(*quantifier, over, body)?,
            IExpr::Set(items) => {
                let values: Result<Vec<Value>, EvalError> =
                    items.iter().map(|i| self.eval(i)).collect();
                Value::List(Arc::from(values?))
            }
        })
    }

    fn quantify(&mut self, q: Quantifier, over: &IExpr, body: &IExpr) -> Res {
        let items = match self.eval(over)? {
            Value::List(items) => items,
            Value::None => Arc::from(Vec::new()),
            _ => return Ok(Value::Unknown),
        };
        let mut unknown = false;
        let mut count = 0u64;
        for item in items.iter() {
            self.locals.push(item.clone());
            let v = self.eval(body);
            self.locals.pop();
            match (q, truth(&v?)) {
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
        })
    }

    /// The first element of a list for which `body` holds: the event that triggered a veto.
    pub fn witness(&mut self, over: &IExpr, body: &IExpr) -> Option<Value> {
        let Ok(Value::List(items)) = self.eval(over) else {
            return None;
        };
        items.iter().find_map(|item| {
            self.locals.push(item.clone());
            let v = self.eval(body);
            self.locals.pop();
            matches!(v, Ok(Value::Bool(true))).then(|| item.clone())
        })
    }
}
