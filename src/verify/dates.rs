//! Calendar dates as integer terms: a day number (days since 1970-01-01) and, where a year or month
//! is needed, the year, month and day — linked by the proleptic Gregorian calendar, written with
//! integer division by constants only, so the solver stays in linear integer arithmetic. Shifts
//! by months and years clamp to the month's last day, as the evaluator (chrono) does.

use super::solver::{all, any, int, Smt, Unanswered};
use easy_smt::SExpr;

/// Years a record's dates may lie in: a bound of the check, stated in its report.
pub const INPUT_YEARS: (i64, i64) = (1900, 2199);
/// Years a computed date (a shifted one) may reach.
const ANY_YEARS: (i64, i64) = (1000, 3000);
/// Day number of 0001-01-01 counted from 1970-01-01, for turning model values into dates.
const CE_TO_EPOCH: i64 = 719_163;

/// A date term: its day number and, once needed, its year, month and day.
#[derive(Debug, Clone, Copy)]
pub struct DateT {
    pub day: SExpr,
    pub ymd: Option<(SExpr, SExpr, SExpr)>,
}

/// Whether `y` is a leap year.
fn leap(s: &Smt, y: SExpr) -> SExpr {
    let t = s.t();
    let divisible = |n: i64| t.eq(t.modulo(y, int(t, n)), int(t, 0));
    t.or(t.and(divisible(4), t.not(divisible(100))), divisible(400))
}

/// The number of days in month `m` of year `y`.
fn month_length(s: &Smt, y: SExpr, m: SExpr) -> SExpr {
    let t = s.t();
    let is = |n: i64| t.eq(m, int(t, n));
    t.ite(
        is(2),
        t.ite(leap(s, y), int(t, 29), int(t, 28)),
        t.ite(
            any(t, vec![is(4), is(6), is(9), is(11)]),
            int(t, 30),
            int(t, 31),
        ),
    )
}

/// `y-m-d` is a real date within `years`.
fn valid(s: &Smt, (y, m, d): (SExpr, SExpr, SExpr), years: (i64, i64)) -> SExpr {
    let t = s.t();
    all(
        t,
        vec![
            t.gte(y, int(t, years.0)),
            t.lte(y, int(t, years.1)),
            t.gte(m, int(t, 1)),
            t.lte(m, int(t, 12)),
            t.gte(d, int(t, 1)),
            t.lte(d, month_length(s, y, m)),
        ],
    )
}

/// The day number of `y-m-d` (H. Hinnant's `days_from_civil`).
fn day_number(s: &Smt, (y, m, d): (SExpr, SExpr, SExpr)) -> SExpr {
    let t = s.t();
    let n = |v: i64| int(t, v);
    let early = t.lte(m, n(2));
    let yy = t.sub(y, t.ite(early, n(1), n(0)));
    let era = t.div(yy, n(400));
    let yoe = t.sub(yy, t.times(era, n(400)));
    let mp = t.ite(early, t.plus(m, n(9)), t.sub(m, n(3)));
    let doy = t.plus(
        t.div(t.plus(t.times(n(153), mp), n(2)), n(5)),
        t.sub(d, n(1)),
    );
    let doe = t.plus_many([
        t.times(yoe, n(365)),
        t.div(yoe, n(4)),
        t.negate(t.div(yoe, n(100))),
        doy,
    ]);
    t.sub(t.plus(t.times(era, n(146_097)), doe), n(719_468))
}

/// A date of a record: year, month and day unknowns within [`INPUT_YEARS`], and its day number.
pub fn input(s: &mut Smt) -> Result<DateT, Unanswered> {
    let int_sort = s.t().int_sort();
    let y = s.var("y", int_sort)?;
    let m = s.var("m", int_sort)?;
    let d = s.var("d", int_sort)?;
    let ok = valid(s, (y, m, d), INPUT_YEARS);
    s.assert(ok)?;
    let day = day_number(s, (y, m, d));
    let day = s.name(day, int_sort)?;
    Ok(DateT {
        day,
        ymd: Some((y, m, d)),
    })
}

/// The year, month and day of a date, introduced where `known` holds.
pub fn ymd(s: &mut Smt, date: DateT, known: SExpr) -> Result<(SExpr, SExpr, SExpr), Unanswered> {
    if let Some(parts) = date.ymd {
        return Ok(parts);
    }
    let int_sort = s.t().int_sort();
    let y = s.var("y", int_sort)?;
    let m = s.var("m", int_sort)?;
    let d = s.var("d", int_sort)?;
    let t = s.t();
    let link = t.imp(
        known,
        t.and(
            valid(s, (y, m, d), ANY_YEARS),
            t.eq(day_number(s, (y, m, d)), date.day),
        ),
    );
    s.assert(link)?;
    Ok((y, m, d))
}

/// The date `months` months later (earlier when negative), the day clamped to the month's end.
pub fn shift_months(
    s: &mut Smt,
    (y, m, d): (SExpr, SExpr, SExpr),
    months: i64,
) -> Result<DateT, Unanswered> {
    let int_sort = s.t().int_sort();
    let t = s.t();
    let total = t.plus(
        t.plus(t.times(y, int(t, 12)), t.sub(m, int(t, 1))),
        int(t, months),
    );
    let total = s.name(total, int_sort)?;
    let t = s.t();
    let y2 = t.div(total, int(t, 12));
    let m2 = t.plus(t.modulo(total, int(t, 12)), int(t, 1));
    let y2 = s.name(y2, int_sort)?;
    let m2 = s.name(m2, int_sort)?;
    let last = month_length(s, y2, m2);
    let t = s.t();
    let d2 = t.ite(t.lte(d, last), d, last);
    let d2 = s.name(d2, int_sort)?;
    let day = day_number(s, (y2, m2, d2));
    let day = s.name(day, int_sort)?;
    Ok(DateT {
        day,
        ymd: Some((y2, m2, d2)),
    })
}

/// The date `y-m-d` of whole numbers, with whether it is one (as `date(y, m, d)` decides).
pub fn from_parts(
    s: &mut Smt,
    (y, m, d): (SExpr, SExpr, SExpr),
) -> Result<(DateT, SExpr), Unanswered> {
    let int_sort = s.t().int_sort();
    let bool_sort = s.t().bool_sort();
    let ok = valid(s, (y, m, d), (-262_000, 262_000));
    let ok = s.name(ok, bool_sort)?;
    let day = day_number(s, (y, m, d));
    let day = s.name(day, int_sort)?;
    Ok((
        DateT {
            day,
            ymd: Some((y, m, d)),
        },
        ok,
    ))
}

/// A day number as a date, for a witness.
pub fn from_day(day: i128) -> Option<chrono::NaiveDate> {
    let days = i64::try_from(day).ok()?.checked_add(CE_TO_EPOCH)?;
    chrono::NaiveDate::from_num_days_from_ce_opt(i32::try_from(days).ok()?)
}

/// A date's day number, for constants.
pub fn to_day(date: chrono::NaiveDate) -> i64 {
    i64::from(chrono::Datelike::num_days_from_ce(&date)) - CE_TO_EPOCH
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        let d = chrono::NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        assert_eq!(from_day(i128::from(to_day(d))), Some(d));
        let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
        assert_eq!(to_day(epoch), 0);
    }
}
