//! Converts a parsed record (JSON, TOML or YAML, all read as JSON values) into typed values.

use crate::check::ir::{Policy, Type};
use crate::diag::catalogue::{
    common, out_of_range, record_type, record_unit, separator, too_many_digits as digits,
    unknown_value, Code,
};
use crate::diag::did_you_mean;
use crate::diag::text::{Arg, Text};
use crate::units::Unit;
use crate::value::Value;
use rust_decimal::Decimal;
use serde_json::Value as Json;
use std::borrow::{Borrow, Cow};
use std::str::FromStr;
use std::sync::Arc;

/// A field of the wrong type.
pub static TYPE: &Code = &record_type::CODE;
/// A figure in a unit that cannot be converted to the field's.
pub static UNIT: &Code = &record_unit::CODE;
/// Text that is not a value of the field's enumeration or tier.
pub static UNKNOWN_VALUE: &Code = &unknown_value::CODE;
/// A figure outside the input's declared range.
pub static OUT_OF_RANGE: &Code = &out_of_range::CODE;
/// A figure with more digits than an exact decimal holds.
pub static TOO_MANY_DIGITS: &Code = &digits::CODE;
/// A comma in a figure that is not a thousands separator (`1260,5`).
pub static SEPARATOR: &Code = &separator::CODE;

/// A problem with one field of a record: the path to it (`事件[1].级别`) and what is wrong.
#[derive(Debug, Clone)]
pub struct FieldError {
    /// The diagnostic code: `jidi::record::type`, `…::unit`, `…::unknown_value`, `…::out_of_range`.
    pub code: &'static Code,
    /// The top-level field it is under, for locating it in the file.
    pub field: String,
    pub path: String,
    pub message: Text,
    pub help: Option<Text>,
}

impl FieldError {
    /// The same error, at a deeper path.
    fn at(mut self, path: String) -> Self {
        self.path = path;
        self
    }
}

/// Converts one JSON value to the policy type `ty`.
pub fn value(
    policy: &Policy,
    ty: &Type,
    json: &Json,
    path: &str,
    field: &str,
) -> Result<Value, FieldError> {
    let fail = |code: &'static Code, message: Text, help: Option<Text>| FieldError {
        code,
        field: field.to_string(),
        path: path.to_string(),
        message,
        help,
    };
    let err = |message: Text, help: Text| fail(TYPE, message, Some(help));
    let bare = |message: Text| fail(TYPE, message, None);
    let found = || shown(json);
    if json.is_null() {
        return Ok(Value::Unknown);
    }
    match ty {
        Type::Text => match json {
            Json::String(s) => Ok(Value::Text(Arc::from(s.as_str()))),
            _ => Err(err(
                record_type::expected_text(found()),
                record_type::quote_text(),
            )),
        },
        Type::Bool => match json {
            Json::Bool(b) => Ok(Value::Bool(*b)),
            Json::String(s) if matches!(s.as_str(), "true" | "是") => Ok(Value::Bool(true)),
            Json::String(s) if matches!(s.as_str(), "false" | "否") => Ok(Value::Bool(false)),
            _ => Err(err(
                record_type::expected_bool(found()),
                record_type::write_bool(),
            )),
        },
        Type::Date => match json {
            Json::String(s) => chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                .map(Value::Date)
                .map_err(|_| err(record_type::not_a_date(s), record_type::write_date())),
            _ => Err(err(
                record_type::expected_date(found()),
                record_type::write_quoted_date(),
            )),
        },
        Type::Num(unit) => number(policy, unit, json)
            .map(Value::Num)
            .map_err(|(c, m, h)| fail(c, m, Some(h))),
        Type::Enum(e) => {
            let Some(def) = policy.enums.get(*e as usize) else {
                return Err(bare(record_type::unknown_enumeration()));
            };
            let Json::String(s) = json else {
                return Err(err(
                    record_type::expected_one_of(def.values.join(" / "), found()),
                    record_type::write_value_as_text(),
                ));
            };
            def.lookup(s.trim()).map(Value::Enum).ok_or_else(|| {
                let values = Arg::list(&def.values);
                let help = match did_you_mean(s, def.values.iter().map(String::as_str)) {
                    Some(m) => unknown_value::did_you_mean_value(m, &def.name, values),
                    None => unknown_value::values_are(&def.name, values),
                };
                fail(
                    UNKNOWN_VALUE,
                    unknown_value::not_a_value(s, &def.name),
                    Some(help),
                )
            })
        }
        Type::Tier => {
            let names: Vec<&str> = policy.tiers.iter().map(|t| t.name.as_str()).collect();
            let Json::String(s) = json else {
                return Err(err(
                    record_type::expected_tier(found()),
                    record_type::write_one_of(Arg::list(&names)),
                ));
            };
            policy
                .tier_index(s.trim())
                .map(|i| Value::Enum(i as u32))
                .ok_or_else(|| {
                    let help = match did_you_mean(s, names.iter().copied()) {
                        Some(m) => common::did_you_mean(m),
                        None => {
                            crate::diag::catalogue::undefined_tier::tiers_are(Arg::list(&names))
                        }
                    };
                    fail(UNKNOWN_VALUE, unknown_value::not_a_tier(s), Some(help))
                })
        }
        Type::List(inner) => {
            let Json::Array(items) = json else {
                return Err(err(
                    record_type::expected_list(found()),
                    record_type::write_list(),
                ));
            };
            let values: Result<Vec<Value>, FieldError> = items
                .iter()
                .enumerate()
                .map(|(i, item)| value(policy, inner, item, &format!("{path}[{i}]"), field))
                .collect();
            Ok(Value::List(Arc::from(values?)))
        }
        Type::Map(inner) => {
            let Json::Object(entries) = json else {
                return Err(err(
                    record_type::expected_map(found()),
                    record_type::write_map(),
                ));
            };
            let values: Result<Vec<(Arc<str>, Value)>, FieldError> = entries
                .iter()
                .map(|(k, v)| {
                    // A key the compiled program reads is its own text, found by pointer.
                    let shared = policy.compiled.map_keys(policy).find(|m| ***m == **k);
                    Ok((
                        shared.map_or_else(|| Arc::from(k.as_str()), Arc::clone),
                        value(policy, inner, v, &format!("{path}.{k}"), field)?,
                    ))
                })
                .collect();
            Ok(Value::Map(Arc::from(values?)))
        }
        Type::Shape(s) => {
            let Some(shape) = policy.shapes.get(*s as usize) else {
                return Err(bare(record_type::unknown_shape()));
            };
            let Json::Object(entries) = json else {
                return Err(err(
                    record_type::expected_record(&shape.name, found()),
                    record_type::write_record(),
                ));
            };
            if let Some(extra) = entries
                .keys()
                .find(|k| !shape.fields.iter().any(|f| &f.name == *k))
            {
                let names: Vec<&str> = shape.fields.iter().map(|f| f.name.as_str()).collect();
                let help = match did_you_mean(extra, names.iter().copied()) {
                    Some(m) => common::did_you_mean(m),
                    None => record_type::fields_are(&shape.name, Arg::list(&names)),
                };
                return Err(err(record_type::no_field(&shape.name, extra), help));
            }
            let mut fields = Vec::with_capacity(shape.fields.len());
            for f in &shape.fields {
                let v = match entries.get(&f.name) {
                    Some(j) if !j.is_null() => {
                        value(policy, &f.ty, j, &format!("{path}.{}", f.name), field)?
                    }
                    _ if f.optional => Value::None,
                    _ => Value::Unknown,
                };
                if let (Some((lo, hi)), Value::Num(n)) = (&f.range, &v) {
                    if lo.is_some_and(|lo| *n < lo) || hi.is_some_and(|hi| *n > hi) {
                        let show = |d: &Option<Decimal>| d.map_or(String::new(), |d| d.to_string());
                        return Err(fail(
                            OUT_OF_RANGE,
                            out_of_range::outside_field_range(
                                n.normalize(),
                                show(lo),
                                show(hi),
                                format!("{}.{}", shape.name, f.name),
                            ),
                            Some(out_of_range::check_against_form()),
                        )
                        .at(format!("{path}.{}", f.name)));
                    }
                }
                fields.push(v);
            }
            Ok(Value::Record(Arc::from(fields)))
        }
        Type::Duration | Type::Nothing => Err(bare(record_type::not_readable_type())),
    }
}

fn shown(json: &Json) -> Arg {
    match json {
        Json::String(s) => Arg::Plain(format!("\"{s}\"")),
        Json::Array(_) => Arg::Text(record_type::a_list()),
        Json::Object(_) => Arg::Text(record_type::a_map()),
        other => Arg::Plain(other.to_string()),
    }
}

/// A figure in the field's unit, from a number or a string with its own unit (`"2153000万元"`).
fn number(
    policy: &Policy,
    unit: &Unit,
    json: &Json,
) -> Result<Decimal, (&'static Code, Text, Text)> {
    let unit_name = || policy.unit_text(unit);
    match json {
        Json::Number(n) => {
            let text = n.to_string();
            exact_decimal(&text).map_err(|bad| match bad {
                Inexact::TooManyDigits => too_many_digits(&text),
                Inexact::NotANumber => (
                    TYPE,
                    record_type::not_representable(n),
                    record_type::exact_decimals(),
                ),
            })
        }
        Json::String(s) => figure_in_text(policy, unit, s, |rest| parse_unit(policy, rest)),
        _ => Err(match unit_name() {
            plain if plain.is_empty() => (
                TYPE,
                record_type::expected_number(shown(json)),
                record_type::write_number(),
            ),
            unit_name => (
                TYPE,
                record_type::expected_number_in(&unit_name, shown(json)),
                record_type::write_number_in(&unit_name),
            ),
        }),
    }
}

/// A figure written as text, with or without its own unit (`"2153000万元"`, `"55%"`), in
/// `unit`; `read_unit` reads the name of the unit written (what [`parse_unit`] does, or a cache
/// of it).
pub(super) fn figure_in_text<U: Borrow<Unit>>(
    policy: &Policy,
    unit: &Unit,
    s: &str,
    read_unit: impl FnOnce(&str) -> Option<U>,
) -> Result<Decimal, (&'static Code, Text, Text)> {
    let unit_name = || policy.unit_text(unit);
    let s = s.trim();
    let split = s
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E' | ',')))
        .map_or(s.len(), |(i, _)| i);
    let (written, rest) = s.split_at(split);
    let Some(num) = without_thousands(written) else {
        return Err((
            SEPARATOR,
            separator::only_thousands(s),
            separator::decimal_point(),
        ));
    };
    let value = match exact_decimal(&num) {
        Ok(v) => v,
        Err(Inexact::TooManyDigits) => return Err(too_many_digits(written)),
        Err(Inexact::NotANumber) => {
            let unit_name = unit_name();
            let example = format!("12.5{unit_name}");
            return Err(if unit_name.is_empty() {
                (
                    TYPE,
                    record_type::not_a_number(s),
                    record_type::write_number_or_unit(example),
                )
            } else {
                (
                    TYPE,
                    record_type::not_a_number_in(s, &unit_name),
                    record_type::write_number_in_or_unit(&unit_name, example),
                )
            });
        }
    };
    let rest = rest.trim();
    if rest.is_empty() {
        return Ok(value);
    }
    let Some(given) = read_unit(rest) else {
        let unit_name = unit_name();
        let help = if unit_name.is_empty() {
            record_unit::write_figure_or_declared()
        } else {
            record_unit::write_figure_in_or_declared(&unit_name)
        };
        return Err((UNIT, record_unit::unknown_unit(rest), help));
    };
    let given: &Unit = given.borrow();
    if !given.same_dimension(unit) {
        let unit_name = unit_name();
        let help = if unit_name.is_empty() {
            record_unit::write_figure()
        } else {
            record_unit::write_figure_in(&unit_name)
        };
        return Err((UNIT, record_unit::cannot_convert(rest, &unit_name), help));
    }
    given
        .conversion_to(unit)
        .and_then(|f| f.apply(value))
        .ok_or_else(|| {
            (
                TYPE,
                record_type::overflows(s, unit_name()),
                record_type::smaller_figure(),
            )
        })
}

fn too_many_digits(text: &str) -> (&'static Code, Text, Text) {
    (
        TOO_MANY_DIGITS,
        digits::more_digits(text),
        record_type::exact_decimals(),
    )
}

/// Why a figure's text gives no exact decimal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inexact {
    NotANumber,
    /// A number, but one a decimal would round (more than 28 significant digits, or too large).
    TooManyDigits,
}

/// The decimal a figure writes (`200.04`, `-3`, `1.5e3`), exactly: never rounded to fit.
pub fn exact_decimal(s: &str) -> Result<Decimal, Inexact> {
    let base = s.split(['e', 'E']).next().unwrap_or(s);
    let plain = |t: &str| {
        let t = t.strip_prefix(['-', '+']).unwrap_or(t);
        !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit() || b == b'.')
    };
    if !plain(base) {
        return Err(Inexact::NotANumber);
    }
    let exact = Decimal::from_str_exact(base).map_err(|_| match Decimal::from_str(base) {
        Ok(_) => Inexact::TooManyDigits,
        Err(_) => Inexact::NotANumber,
    })?;
    if base.len() == s.len() {
        return Ok(exact);
    }
    let exponent = s.get(base.len() + 1..).unwrap_or("");
    if exponent
        .strip_prefix(['-', '+'])
        .unwrap_or(exponent)
        .parse::<u32>()
        .is_err()
    {
        return Err(Inexact::NotANumber);
    }
    Decimal::from_scientific(s).map_err(|_| Inexact::TooManyDigits)
}

/// The figure without its thousands separators, if its commas are just that: between groups of
/// three digits of the whole part (`1,260`, `12,605.5`). `None` for any other comma.
fn without_thousands(s: &str) -> Option<Cow<'_, str>> {
    if !s.contains(',') {
        return Some(Cow::Borrowed(s));
    }
    let unsigned = s.strip_prefix(['-', '+']).unwrap_or(s);
    let whole = unsigned.split(['.', 'e', 'E']).next().unwrap_or(unsigned);
    if unsigned
        .get(whole.len()..)
        .is_some_and(|rest| rest.contains(','))
    {
        return None;
    }
    let mut groups = whole.split(',');
    let first = groups.next()?;
    let digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    let ok = (1..=3).contains(&first.len())
        && digits(first)
        && groups.all(|g| g.len() == 3 && digits(g));
    ok.then(|| Cow::Owned(s.replace(',', "")))
}

/// A unit written in a record value: `万元`, `万元/公顷`, `%`.
pub(super) fn parse_unit(policy: &Policy, text: &str) -> Option<Unit> {
    let mut acc = Unit::dimensionless();
    let mut exp = 1i8;
    let mut rest = text;
    loop {
        let end = rest.find(['/', '*', '·']).unwrap_or(rest.len());
        let (name, tail) = rest.split_at(end);
        let id = policy.units.find(name.trim())?;
        let one = policy.units.named(id)?;
        acc = if exp > 0 {
            acc.times(&one)?
        } else {
            acc.per(&one)?
        };
        let mut chars = tail.chars();
        match chars.next() {
            None => return Some(acc),
            Some(op) => {
                exp = if op == '/' { -1 } else { 1 };
                rest = chars.as_str();
            }
        }
    }
}
