//! What the known values force when some are unknown: bounds on numbers (intervals) so that a
//! comparison is decided whenever every value the unknowns could take gives the same answer.
//!
//! `count t in {…}: t` with two tests true and one unknown lies in [2, 3], so `>= 2` holds; a sum
//! of non-negative figures is at least the sum of the known ones; `min` is at most the least
//! known value. Unknown inputs and record fields take their declared `range`; anything else
//! unknown is unbounded. Bounds are exact, and rounded outwards where a division is inexact, so a
//! decided comparison can never be contradicted by filling in an unknown.

use super::expr::{truth, Cx, Frame};
use crate::check::ir::{Arith, Builtin, IExpr, Type};
use crate::syntax::ast::{CmpOp, Quantifier};
use crate::value::Value;
use rust_decimal::Decimal;

/// A closed interval of numbers; `None` is an open end (unbounded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    pub lo: Option<Decimal>,
    pub hi: Option<Decimal>,
}

impl Bounds {
    pub const ANY: Bounds = Bounds { lo: None, hi: None };

    fn point(n: Decimal) -> Bounds {
        Bounds {
            lo: Some(n),
            hi: Some(n),
        }
    }

    fn range(lo: Option<Decimal>, hi: Option<Decimal>) -> Bounds {
        Bounds { lo, hi }
    }

    /// The smallest interval holding both.
    fn hull(self, o: Bounds) -> Bounds {
        Bounds {
            lo: self.lo.zip(o.lo).map(|(a, b)| a.min(b)),
            hi: self.hi.zip(o.hi).map(|(a, b)| a.max(b)),
        }
    }

    fn add(self, o: Bounds) -> Bounds {
        Bounds {
            lo: self.lo.zip(o.lo).and_then(|(a, b)| a.checked_add(b)),
            hi: self.hi.zip(o.hi).and_then(|(a, b)| a.checked_add(b)),
        }
    }

    fn neg(self) -> Bounds {
        Bounds {
            lo: self.hi.map(|h| -h),
            hi: self.lo.map(|l| -l),
        }
    }

    fn sub(self, o: Bounds) -> Bounds {
        self.add(o.neg())
    }

    fn non_negative(self) -> bool {
        self.lo
            .is_some_and(|l| !l.is_sign_negative() || l.is_zero())
    }

    fn mul(self, o: Bounds) -> Bounds {
        if let (Some(a), Some(b), Some(c), Some(d)) = (self.lo, self.hi, o.lo, o.hi) {
            let all = [
                a.checked_mul(c),
                a.checked_mul(d),
                b.checked_mul(c),
                b.checked_mul(d),
            ];
            if all.iter().all(Option::is_some) {
                let values: Vec<Decimal> = all.into_iter().flatten().collect();
                return Bounds {
                    lo: values.iter().copied().min(),
                    hi: values.iter().copied().max(),
                };
            }
            return Bounds::ANY;
        }
        if self.non_negative() && o.non_negative() {
            return Bounds {
                lo: self.lo.zip(o.lo).and_then(|(a, b)| a.checked_mul(b)),
                hi: self.hi.zip(o.hi).and_then(|(a, b)| a.checked_mul(b)),
            };
        }
        Bounds::ANY
    }

    fn div(self, o: Bounds) -> Bounds {
        // A divisor that may be zero bounds nothing.
        let (Some(c), Some(d)) = (o.lo, o.hi) else {
            return Bounds::ANY;
        };
        let positive = c > Decimal::ZERO;
        let negative = d < Decimal::ZERO;
        if !positive && !negative {
            return Bounds::ANY;
        }
        let (Some(a), Some(b)) = (self.lo, self.hi) else {
            // x / [c, d] with x unbounded on one side and a divisor of one sign.
            return match (positive, self.lo, self.hi) {
                (true, Some(a), None) if !a.is_sign_negative() => Bounds {
                    lo: div_down(a, d),
                    hi: None,
                },
                (false, Some(a), None) if !a.is_sign_negative() => Bounds {
                    lo: None,
                    hi: div_up(a, c),
                },
                _ => Bounds::ANY,
            };
        };
        let pairs = [(a, c), (a, d), (b, c), (b, d)];
        let lows: Option<Vec<Decimal>> = pairs.iter().map(|&(x, y)| div_down(x, y)).collect();
        let highs: Option<Vec<Decimal>> = pairs.iter().map(|&(x, y)| div_up(x, y)).collect();
        Bounds {
            lo: lows.and_then(|v| v.into_iter().min()),
            hi: highs.and_then(|v| v.into_iter().max()),
        }
    }

    fn scale(self, f: crate::units::Rational) -> Bounds {
        Bounds {
            lo: self.lo.and_then(|v| scale_down(f, v)),
            hi: self.hi.and_then(|v| scale_up(f, v)),
        }
    }

    fn min(self, o: Bounds) -> Bounds {
        Bounds {
            lo: self.lo.zip(o.lo).map(|(a, b)| a.min(b)),
            hi: match (self.hi, o.hi) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (Some(a), None) | (None, Some(a)) => Some(a),
                (None, None) => None,
            },
        }
    }

    fn max(self, o: Bounds) -> Bounds {
        self.neg().min(o.neg()).neg()
    }
}

/// One unit in the last place of `q`, the most its rounding can be off by.
fn ulp(q: Decimal) -> Decimal {
    Decimal::new(1, q.scale())
}

/// `a / b` rounded down: a lower bound of the exact quotient.
fn div_down(a: Decimal, b: Decimal) -> Option<Decimal> {
    let q = a.checked_div(b)?;
    if q.checked_mul(b) == Some(a) {
        Some(q)
    } else {
        q.checked_sub(ulp(q))
    }
}

/// `a / b` rounded up: an upper bound of the exact quotient.
fn div_up(a: Decimal, b: Decimal) -> Option<Decimal> {
    let q = a.checked_div(b)?;
    if q.checked_mul(b) == Some(a) {
        Some(q)
    } else {
        q.checked_add(ulp(q))
    }
}

fn scale_down(f: crate::units::Rational, v: Decimal) -> Option<Decimal> {
    let q = f.apply(v)?;
    if f.exact_on(v, q) {
        Some(q)
    } else {
        q.checked_sub(ulp(q))
    }
}

fn scale_up(f: crate::units::Rational, v: Decimal) -> Option<Decimal> {
    let q = f.apply(v)?;
    if f.exact_on(v, q) {
        Some(q)
    } else {
        q.checked_add(ulp(q))
    }
}

/// Whether `a op b` holds for every pair of values in the two intervals (`Some(true)`), for none
/// (`Some(false)`), or is not forced (`None`).
pub fn decide(op: CmpOp, a: Bounds, b: Bounds) -> Option<bool> {
    let above = |x: Bounds, y: Bounds, strict: bool| -> Option<bool> {
        // Whether x op y where op is ≥ (or > when strict).
        if let (Some(xl), Some(yh)) = (x.lo, y.hi) {
            if xl > yh || (!strict && xl == yh) {
                return Some(true);
            }
        }
        if let (Some(xh), Some(yl)) = (x.hi, y.lo) {
            if xh < yl || (strict && xh == yl) {
                return Some(false);
            }
        }
        None
    };
    match op {
        CmpOp::Ge => above(a, b, false),
        CmpOp::Gt => above(a, b, true),
        CmpOp::Le => above(b, a, false),
        CmpOp::Lt => above(b, a, true),
        CmpOp::Eq | CmpOp::Ne => {
            let equal = match (a.lo, a.hi, b.lo, b.hi) {
                (Some(al), Some(ah), Some(bl), Some(bh)) if al == ah && bl == bh && al == bl => {
                    Some(true)
                }
                _ if above(a, b, true) == Some(true) || above(b, a, true) == Some(true) => {
                    Some(false)
                }
                _ => None,
            };
            equal.map(|e| e == (op == CmpOp::Eq))
        }
    }
}

impl Cx<'_> {
    /// Whether the numbers `l op r` is forced when one side or both are unknown.
    pub(crate) fn decide_cmp<'r>(
        &self,
        op: CmpOp,
        l: &'r IExpr,
        r: &'r IExpr,
        fr: Option<&'r Frame<'r>>,
    ) -> Option<bool> {
        let a = self.bounds(l, fr)?;
        let b = self.bounds(r, fr)?;
        decide(op, a, b)
    }

    /// Bounds on a number-valued expression: its value when known; `None` when it is not a
    /// number or may be `none` (a `min` over what may be nothing), so nothing can be forced.
    pub(crate) fn bounds<'r>(&self, e: &'r IExpr, fr: Option<&'r Frame<'r>>) -> Option<Bounds> {
        match self.eval(e, fr) {
            Ok(v) => match v.get() {
                Value::Num(n) => return Some(Bounds::point(*n)),
                Value::Unknown => {}
                _ => return None,
            },
            Err(_) => return None,
        }
        Some(match e {
            IExpr::Input(i) => self.input_bounds(*i),
            IExpr::Let(i) => (*self.let_bounds.get(*i)?)?,
            IExpr::Field(_, f) => match self.policy.and_then(|p| p.field(*f)) {
                Some(def) if matches!(def.ty, Type::Num(_)) => def
                    .range
                    .map_or(Bounds::ANY, |(lo, hi)| Bounds::range(lo, hi)),
                _ => Bounds::ANY,
            },
            IExpr::Neg(a) => self.bounds(a, fr)?.neg(),
            IExpr::Scale(a, f) => self.bounds(a, fr)?.scale(*f),
            IExpr::Arith(op, a, b) => {
                let (x, y) = (self.bounds(a, fr)?, self.bounds(b, fr)?);
                match op {
                    Arith::Add => x.add(y),
                    Arith::Sub => x.sub(y),
                    Arith::Mul => x.mul(y),
                    Arith::Div => x.div(y),
                }
            }
            IExpr::If(c, t, f) => match self.eval(c, fr).ok().and_then(|v| truth(v.get())) {
                Some(true) => self.bounds(t, fr)?,
                Some(false) => self.bounds(f, fr)?,
                None if self.split => {
                    let inner = Cx {
                        split: false,
                        ..*self
                    };
                    inner.bounds(t, fr)?.hull(inner.bounds(f, fr)?)
                }
                None => Bounds::ANY,
            },
            IExpr::Quant {
                quantifier,
                over,
                filter,
                body,
            } => self.quant_bounds(*quantifier, over, filter.as_deref(), body, fr)?,
            IExpr::Call(f @ (Builtin::Min | Builtin::Max), args) => {
                let mut acc: Option<Bounds> = None;
                for a in args {
                    if matches!(self.eval(a, fr).as_ref().map(|v| v.get()), Ok(Value::None)) {
                        continue;
                    }
                    let b = self.bounds(a, fr)?;
                    acc = Some(match acc {
                        None => b,
                        Some(x) if *f == Builtin::Min => x.min(b),
                        Some(x) => x.max(b),
                    });
                }
                acc?
            }
            // An unknown key of a table with a row for every key: one of its values.
            IExpr::Lookup {
                rows,
                complete: true,
                ..
            } => rows
                .iter()
                .try_fold(None::<Bounds>, |acc, (_, v)| match v {
                    Value::Num(n) => Some(Some(
                        acc.map_or(Bounds::point(*n), |a| a.hull(Bounds::point(*n))),
                    )),
                    _ => None,
                })??,
            _ => Bounds::ANY,
        })
    }

    fn input_bounds(&self, i: usize) -> Bounds {
        match self.policy.and_then(|p| p.inputs.get(i)) {
            Some(def) if matches!(def.ty, Type::Num(_)) => def
                .range
                .map_or(Bounds::ANY, |(lo, hi)| Bounds::range(lo, hi)),
            _ => Bounds::ANY,
        }
    }

    /// Bounds on `count`, `sum`, `min` and `max` over a list some of whose elements are unknown.
    fn quant_bounds<'r>(
        &self,
        q: Quantifier,
        over: &'r IExpr,
        filter: Option<&'r IExpr>,
        body: &'r IExpr,
        fr: Option<&'r Frame<'r>>,
    ) -> Option<Bounds> {
        let list = self.eval(over, fr).ok()?;
        let items: &[Value] = match list.get() {
            Value::List(items) => items,
            Value::None => &[],
            // An unknown list: any number of elements.
            _ if q == Quantifier::Count => return Some(Bounds::range(Some(Decimal::ZERO), None)),
            _ => return Some(Bounds::ANY),
        };
        let zero = Bounds::point(Decimal::ZERO);
        let mut acc: Option<Bounds> = None;
        let (mut sure, mut maybe) = (0u64, 0u64);
        // For min and max: bounds of the elements surely present, and of those that may be.
        let mut sure_extreme: Option<Bounds> = None;
        let mut any_extreme: Option<Bounds> = None;
        for item in items {
            let frame = Frame::push(fr, item);
            let present = match filter {
                Some(f) => match truth(self.eval(f, Some(&frame)).ok()?.get()) {
                    Some(true) => Some(true),
                    Some(false) => continue,
                    None => None,
                },
                None => Some(true),
            };
            match q {
                Quantifier::Count => match truth(self.eval(body, Some(&frame)).ok()?.get()) {
                    Some(true) if present == Some(true) => sure += 1,
                    Some(false) => {}
                    _ => maybe += 1,
                },
                Quantifier::Sum => {
                    let b = self.bounds(body, Some(&frame))?;
                    let b = if present == Some(true) {
                        b
                    } else {
                        b.hull(zero)
                    };
                    acc = Some(acc.map_or(b, |a| a.add(b)));
                }
                Quantifier::Min | Quantifier::Max => {
                    if matches!(self.eval(body, Some(&frame)).ok()?.get(), Value::None) {
                        continue;
                    }
                    let b = self.bounds(body, Some(&frame))?;
                    let pick = |x: Option<Bounds>| {
                        Some(match x {
                            None => b,
                            Some(x) if q == Quantifier::Min => x.min(b),
                            Some(x) => x.max(b),
                        })
                    };
                    if present == Some(true) {
                        sure_extreme = pick(sure_extreme);
                    }
                    any_extreme = pick(any_extreme);
                }
                Quantifier::Any | Quantifier::All => return None,
            }
        }
        match q {
            Quantifier::Count => {
                let lo = Decimal::from(sure);
                Some(Bounds::range(
                    Some(lo),
                    lo.checked_add(Decimal::from(maybe)),
                ))
            }
            Quantifier::Sum => Some(acc.unwrap_or(zero)),
            _ => {
                // With no element surely present the result may be `none`.
                let sure = sure_extreme?;
                let any = any_extreme.unwrap_or(sure);
                Some(if q == Quantifier::Min {
                    Bounds::range(any.lo, sure.hi)
                } else {
                    Bounds::range(sure.lo, any.hi)
                })
            }
        }
    }
}
