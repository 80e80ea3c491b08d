//! Units of measure: exact rational conversion factors and dimensions, declared in policy files.

use rust_decimal::Decimal;
use std::fmt;

/// An exact fraction, used for unit conversion factors so that 亿元 → 万元 and 公顷 → 亩 never round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rational {
    numer: i128,
    denom: i128,
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.abs()
}

impl Rational {
    pub const ONE: Rational = Rational { numer: 1, denom: 1 };

    /// `numer / denom`, reduced; `None` when the denominator is zero or the figures overflow.
    pub fn new(numer: i128, denom: i128) -> Option<Self> {
        if denom == 0 {
            return None;
        }
        let g = gcd(numer, denom).max(1);
        let sign = if denom < 0 { -1 } else { 1 };
        Some(Rational {
            numer: numer.checked_div(g)?.checked_mul(sign)?,
            denom: denom.checked_div(g)?.checked_mul(sign)?,
        })
    }

    /// The exact fraction a decimal stands for.
    pub fn from_decimal(d: Decimal) -> Option<Self> {
        let scale = 10i128.checked_pow(d.scale())?;
        Rational::new(d.mantissa(), scale)
    }

    pub fn times(self, o: Rational) -> Option<Self> {
        Rational::new(
            self.numer.checked_mul(o.numer)?,
            self.denom.checked_mul(o.denom)?,
        )
    }

    pub fn over(self, o: Rational) -> Option<Self> {
        Rational::new(
            self.numer.checked_mul(o.denom)?,
            self.denom.checked_mul(o.numer)?,
        )
    }

    pub fn pow(self, exp: i8) -> Option<Self> {
        let mut acc = Rational::ONE;
        for _ in 0..exp.unsigned_abs() {
            acc = if exp > 0 {
                acc.times(self)?
            } else {
                acc.over(self)?
            };
        }
        Some(acc)
    }

    /// The numerator and the (positive) denominator.
    pub fn parts(self) -> (i128, i128) {
        (self.numer, self.denom)
    }

    /// Whether the fraction is greater than zero.
    pub fn is_positive(self) -> bool {
        self.numer > 0
    }

    pub fn is_one(self) -> bool {
        self == Rational::ONE
    }

    /// `value × self`, multiplying before dividing so exact results stay exact.
    pub fn apply(self, value: Decimal) -> Option<Decimal> {
        let numer = Decimal::try_from_i128_with_scale(self.numer, 0).ok()?;
        let denom = Decimal::try_from_i128_with_scale(self.denom, 0).ok()?;
        value.checked_mul(numer)?.checked_div(denom)
    }
}

impl Rational {
    /// Whether `q` is exactly `value × self`, with no rounding.
    pub fn exact_on(self, value: Decimal, q: Decimal) -> bool {
        let (Ok(numer), Ok(denom)) = (
            Decimal::try_from_i128_with_scale(self.numer, 0),
            Decimal::try_from_i128_with_scale(self.denom, 0),
        ) else {
            return false;
        };
        q.checked_mul(denom).is_some() && q.checked_mul(denom) == value.checked_mul(numer)
    }
}

impl fmt::Display for Rational {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.denom == 1 {
            write!(f, "{}", self.numer)
        } else {
            write!(f, "{}/{}", self.numer, self.denom)
        }
    }
}

/// Powers of base units: `万元/公顷` is money¹·area⁻¹. Sorted by base unit, no zero exponents.
pub type Dims = Vec<(u16, i8)>;

/// A declared unit: its name, its dimensions and its factor relative to the base units.
#[derive(Debug, Clone)]
pub struct UnitDef {
    pub name: String,
    pub dims: Dims,
    pub factor: Rational,
}

/// A unit as used on a value: named units with exponents, their dimensions and overall factor.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Unit {
    pub terms: Vec<(u16, i8)>,
    pub dims: Dims,
    pub factor: Rational,
}

impl Unit {
    /// A plain number: no dimension, factor one.
    pub fn dimensionless() -> Self {
        Unit {
            terms: Vec::new(),
            dims: Vec::new(),
            factor: Rational::ONE,
        }
    }

    pub fn same_dimension(&self, other: &Unit) -> bool {
        self.dims == other.dims
    }

    /// The factor that turns a figure in `self` into the same figure in `to`.
    pub fn conversion_to(&self, to: &Unit) -> Option<Rational> {
        self.factor.over(to.factor)
    }

    fn combine(&self, other: &Unit, sign: i8) -> Option<Unit> {
        Some(Unit {
            terms: merge(&self.terms, &other.terms, sign),
            dims: merge(&self.dims, &other.dims, sign),
            factor: if sign > 0 {
                self.factor.times(other.factor)?
            } else {
                self.factor.over(other.factor)?
            },
        })
    }

    pub fn times(&self, other: &Unit) -> Option<Unit> {
        self.combine(other, 1)
    }

    pub fn per(&self, other: &Unit) -> Option<Unit> {
        self.combine(other, -1)
    }
}

fn merge(a: &[(u16, i8)], b: &[(u16, i8)], sign: i8) -> Vec<(u16, i8)> {
    let mut out: Vec<(u16, i8)> = a.to_vec();
    for &(id, e) in b {
        match out.iter_mut().find(|(i, _)| *i == id) {
            Some(slot) => slot.1 = slot.1.saturating_add(e.saturating_mul(sign)),
            None => out.push((id, e.saturating_mul(sign))),
        }
    }
    out.retain(|(_, e)| *e != 0);
    out.sort_unstable();
    out
}

/// Every unit a policy declares, by id.
#[derive(Debug, Clone, Default)]
pub struct UnitTable {
    pub defs: Vec<UnitDef>,
}

impl UnitTable {
    pub fn find(&self, name: &str) -> Option<u16> {
        self.defs
            .iter()
            .position(|d| d.name == name)
            .and_then(|i| u16::try_from(i).ok())
    }

    /// The unit of one declared name.
    pub fn named(&self, id: u16) -> Option<Unit> {
        let def = self.defs.get(usize::from(id))?;
        Some(Unit {
            terms: vec![(id, 1)],
            dims: def.dims.clone(),
            factor: def.factor,
        })
    }

    /// The unit `names` make, each with its exponent (`万元/公顷` is `[(万元, 1), (公顷, -1)]`);
    /// `None` when a name is not declared or the factors overflow.
    pub fn unit_of<'a>(&self, names: impl IntoIterator<Item = (&'a str, i8)>) -> Option<Unit> {
        let mut acc = Unit::dimensionless();
        for (name, exp) in names {
            let one = self.named(self.find(name)?)?;
            acc = if exp > 0 {
                acc.times(&one)?
            } else {
                acc.per(&one)?
            };
        }
        Some(acc)
    }

    /// The units a text states after its figures, read with the declared names only:
    /// `≥4000万元/公顷（示范）` states 万元/公顷 at the bytes of `万元/公顷`. After each figure the
    /// longest declared name that follows it is taken, then `/NAME` for each unit it is per.
    /// A declared name that follows no figure (`家` in `国家`) states nothing.
    pub fn stated_in(&self, text: &str) -> Vec<(std::ops::Range<usize>, Unit)> {
        let mut out = Vec::new();
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let next = chars.peek().map(|&(_, n)| n);
            if !is_digit(c) || next.is_some_and(|n| is_digit(n) || n == '.') {
                continue;
            }
            let Some(after) = text.get(i + c.len_utf8()..) else {
                continue;
            };
            let start = i + c.len_utf8() + (after.len() - after.trim_start().len());
            let Some((id, mut end)) = self.longest_at(text, start) else {
                continue;
            };
            let mut unit = self.named(id);
            while let Some(rest) = text.get(end..) {
                let Some(sep) = ['/', '／'].into_iter().find(|s| rest.starts_with(*s)) else {
                    break;
                };
                let Some((per, to)) = self.longest_at(text, end + sep.len_utf8()) else {
                    break;
                };
                unit = unit.zip(self.named(per)).and_then(|(u, p)| u.per(&p));
                end = to;
            }
            if let Some(unit) = unit {
                out.push((start..end, unit));
            }
        }
        out
    }

    /// The declared unit whose name `text` has at byte `at`, the longest if several, and where
    /// the name ends.
    fn longest_at(&self, text: &str, at: usize) -> Option<(u16, usize)> {
        let rest = text.get(at..)?;
        let (i, def) = self
            .defs
            .iter()
            .enumerate()
            .filter(|(_, d)| !d.name.is_empty() && rest.starts_with(d.name.as_str()))
            .max_by_key(|(_, d)| d.name.len())?;
        Some((u16::try_from(i).ok()?, at + def.name.len()))
    }

    /// Renders a unit the way a drafter writes it: `万元/公顷`, `吨标准煤/万元`.
    pub fn display(&self, unit: &Unit) -> String {
        let name = |id: u16| {
            self.defs
                .get(usize::from(id))
                .map_or("?", |d| d.name.as_str())
        };
        let part = |positive: bool| -> Vec<String> {
            unit.terms
                .iter()
                .filter(|(_, e)| (*e > 0) == positive)
                .map(|&(id, e)| {
                    let e = e.unsigned_abs();
                    if e == 1 {
                        name(id).to_string()
                    } else {
                        format!("{}^{e}", name(id))
                    }
                })
                .collect()
        };
        let num = part(true);
        let den = part(false);
        match (num.is_empty(), den.is_empty()) {
            (true, true) => String::new(),
            (false, true) => num.join("·"),
            (true, false) => format!("1/{}", den.join("/")),
            (false, false) => format!("{}/{}", num.join("·"), den.join("/")),
        }
    }
}

/// An ASCII or full-width digit: the end of a figure a quote writes.
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fifteen_mu_per_hectare_converts_exactly() {
        let r = Rational::new(1, 15)
            .and_then(|m| m.over(Rational::ONE))
            .unwrap();
        let back = Rational::ONE.over(r).unwrap();
        assert_eq!(back.apply(Decimal::from(200)), Some(Decimal::from(3000)));
    }

    #[test]
    fn decimals_become_exact_fractions() {
        let r = Rational::from_decimal(Decimal::new(125, 2)).unwrap();
        assert_eq!(r, Rational::new(5, 4).unwrap());
    }

    fn sichuan_units() -> UnitTable {
        let def = |name: &str, dims: Dims, numer: i128| UnitDef {
            name: name.to_string(),
            dims,
            factor: Rational::new(numer, 1).unwrap(),
        };
        UnitTable {
            defs: vec![
                def("元", vec![(0, 1)], 1),
                def("万元", vec![(0, 1)], 10000),
                def("亿元", vec![(0, 1)], 100_000_000),
                def("亩", vec![(3, 1)], 1),
                def("公顷", vec![(3, 1)], 15),
                def("家", vec![(6, 1)], 1),
            ],
        }
    }

    #[test]
    fn a_quote_states_the_units_after_its_figures() {
        let units = sichuan_units();
        let text = "≥4000万元/公顷（示范）；≥200亿元，国家级 5 家";
        let stated: Vec<(&str, String)> = units
            .stated_in(text)
            .into_iter()
            .map(|(at, u)| (&text[at], units.display(&u)))
            .collect();
        assert_eq!(
            stated,
            [
                ("万元/公顷", "万元/公顷".to_string()),
                ("亿元", "亿元".to_string()),
                ("家", "家".to_string()),
            ]
        );
    }
}
