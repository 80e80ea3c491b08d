//! Average annual growth of yearly figures, `growth(LIST)`: the compound rate g with
//! `first × (1 + g)^years = last`. Comparisons are decided exactly — `g ≥ r` exactly when
//! `last ≥ first × (1 + r)^years`, which needs no root — and the rate itself, irrational in
//! general, is only computed (to 28 digits) for reports.

use super::EvalError;
use crate::syntax::ast::CmpOp;
use crate::units::Rational;
use crate::value::Value;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::Decimal;

/// The first and last figure and the years between them; `Ok(None)` when one is unknown.
fn ends(items: &[Value]) -> Result<Option<(Decimal, Decimal, u32)>, EvalError> {
    let (Some(first), Some(last)) = (items.first(), items.last()) else {
        return Err(EvalError::GrowthUndefined);
    };
    let years = u32::try_from(items.len().saturating_sub(1)).map_err(|_| EvalError::Overflow)?;
    match (first, last) {
        (Value::Num(a), Value::Num(b)) => {
            if years == 0 || *a <= Decimal::ZERO || b.is_sign_negative() && !b.is_zero() {
                return Err(EvalError::GrowthUndefined);
            }
            Ok(Some((*a, *b, years)))
        }
        _ => Ok(None),
    }
}

/// `growth op rate` decided exactly, `rate` in the rate's unit (`scale` per unit fraction);
/// `Ok(None)` when a figure it needs is unknown.
pub(crate) fn test(
    op: CmpOp,
    items: &[Value],
    rate: Decimal,
    scale: Rational,
) -> Result<Option<bool>, EvalError> {
    let Some((first, last, years)) = ends(items)? else {
        return Ok(None);
    };
    let fraction = Rational::ONE
        .over(scale)
        .and_then(|inverse| {
            let f = inverse.apply(rate)?;
            inverse.exact_on(rate, f).then_some(f)
        })
        .ok_or(EvalError::Overflow)?;
    let base = Decimal::ONE
        .checked_add(fraction)
        .ok_or(EvalError::Overflow)?;
    // A rate of −100 % or below is under every growth, which is above −100 %.
    if base <= Decimal::ZERO {
        return Ok(Some(matches!(op, CmpOp::Ge | CmpOp::Gt | CmpOp::Ne)));
    }
    let mut power = Decimal::ONE;
    for _ in 0..years {
        power = power.checked_mul(base).ok_or(EvalError::Overflow)?;
    }
    let target = first.checked_mul(power).ok_or(EvalError::Overflow)?;
    // (last / first)^(1/years) op base  ⟺  last op first × base^years, all positive.
    Ok(Some(match op {
        CmpOp::Ge => last >= target,
        CmpOp::Gt => last > target,
        CmpOp::Le => last <= target,
        CmpOp::Lt => last < target,
        CmpOp::Eq => last == target,
        CmpOp::Ne => last != target,
    }))
}

/// The rate in its unit, to 28 digits, for reports; `Unknown` when a figure it needs is.
pub(crate) fn rate(items: &[Value], scale: Rational) -> Result<Value, EvalError> {
    let Some((first, last, years)) = ends(items)? else {
        return Ok(Value::Unknown);
    };
    let ratio = last.checked_div(first).ok_or(EvalError::Overflow)?;
    let root = if ratio.is_zero() {
        Decimal::ZERO
    } else {
        nth_root(ratio, years).ok_or(EvalError::Overflow)?
    };
    let g = root.checked_sub(Decimal::ONE).ok_or(EvalError::Overflow)?;
    Ok(Value::Num(scale.apply(g).ok_or(EvalError::Overflow)?))
}

/// `x^(1/n)` for `x > 0` by Newton's method from a floating-point start.
fn nth_root(x: Decimal, n: u32) -> Option<Decimal> {
    let start = x.to_f64()?.powf(1.0 / f64::from(n));
    let mut y = Decimal::from_f64(start)?;
    let big_n = Decimal::from(n);
    for _ in 0..40 {
        if y <= Decimal::ZERO {
            return None;
        }
        let mut pow = Decimal::ONE;
        for _ in 1..n {
            pow = pow.checked_mul(y)?;
        }
        let next = (big_n - Decimal::ONE)
            .checked_mul(y)?
            .checked_add(x.checked_div(pow)?)?
            .checked_div(big_n)?;
        if next == y {
            break;
        }
        y = next;
    }
    Some(y)
}
