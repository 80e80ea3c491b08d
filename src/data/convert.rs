//! Converts a parsed record (JSON, TOML or YAML, all read as JSON values) into typed values.

use crate::check::ir::{Policy, Type};
use crate::diag::did_you_mean;
use crate::units::Unit;
use crate::value::Value;
use rust_decimal::Decimal;
use serde_json::Value as Json;
use std::str::FromStr;
use std::sync::Arc;

/// A field of the wrong type.
pub const TYPE: &str = "jidi::record::type";
/// A figure in a unit that cannot be converted to the field's.
pub const UNIT: &str = "jidi::record::unit";
/// Text that is not a value of the field's enumeration or tier.
pub const UNKNOWN_VALUE: &str = "jidi::record::unknown_value";
/// A figure outside the input's declared range.
pub const OUT_OF_RANGE: &str = "jidi::record::out_of_range";
/// A figure with more digits than an exact decimal holds.
pub const TOO_MANY_DIGITS: &str = "jidi::record::too_many_digits";
/// A comma in a figure that is not a thousands separator (`1260,5`).
pub const SEPARATOR: &str = "jidi::record::separator";

/// A problem with one field of a record: the path to it (`事件[1].级别`) and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    /// The diagnostic code: `jidi::record::type`, `…::unit`, `…::unknown_value`, `…::out_of_range`.
    pub code: &'static str,
    /// The top-level field it is under, for locating it in the file.
    pub field: String,
    pub path: String,
    pub message: String,
    pub help: String,
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
    let fail = |code: &'static str, message: String, help: &str| FieldError {
        code,
        field: field.to_string(),
        path: path.to_string(),
        message,
        help: help.to_string(),
    };
    let err = |message: String, help: &str| fail(TYPE, message, help);
    let found = || shown(json);
    if json.is_null() {
        return Ok(Value::Unknown);
    }
    match ty {
        Type::Text => match json {
            Json::String(s) => Ok(Value::Text(Arc::from(s.as_str()))),
            _ => Err(err(
                format!("expected text, found {}", found()),
                "write the text in quotes",
            )),
        },
        Type::Bool => match json {
            Json::Bool(b) => Ok(Value::Bool(*b)),
            Json::String(s) if matches!(s.as_str(), "true" | "是") => Ok(Value::Bool(true)),
            Json::String(s) if matches!(s.as_str(), "false" | "否") => Ok(Value::Bool(false)),
            _ => Err(err(
                format!("expected true or false, found {}", found()),
                "write true or false (是 / 否 are accepted)",
            )),
        },
        Type::Date => match json {
            Json::String(s) => chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                .map(Value::Date)
                .map_err(|_| {
                    err(
                        format!("`{s}` is not a date"),
                        "write dates as YYYY-MM-DD, e.g. 2024-03-15",
                    )
                }),
            _ => Err(err(
                format!("expected a date, found {}", found()),
                "write dates as \"YYYY-MM-DD\"",
            )),
        },
        Type::Num(unit) => number(policy, unit, json)
            .map(Value::Num)
            .map_err(|(c, m, h)| fail(c, m, &h)),
        Type::Enum(e) => {
            let Some(def) = policy.enums.get(*e as usize) else {
                return Err(err("unknown enumeration".into(), ""));
            };
            let Json::String(s) = json else {
                return Err(err(
                    format!(
                        "expected one of {}, found {}",
                        def.values.join(" / "),
                        found()
                    ),
                    "write the value as text",
                ));
            };
            def.lookup(s.trim()).map(Value::Enum).ok_or_else(|| {
                let help = match did_you_mean(s, def.values.iter().map(String::as_str)) {
                    Some(m) => format!(
                        "did you mean `{m}`? the values of {} are: {}",
                        def.name,
                        def.values.join(", ")
                    ),
                    None => format!("the values of {} are: {}", def.name, def.values.join(", ")),
                };
                fail(
                    UNKNOWN_VALUE,
                    format!("`{s}` is not a value of {}", def.name),
                    &help,
                )
            })
        }
        Type::Tier => {
            let names: Vec<&str> = policy.tiers.iter().map(|t| t.name.as_str()).collect();
            let Json::String(s) = json else {
                return Err(err(
                    format!("expected a tier, found {}", found()),
                    &format!("write one of: {}", names.join(", ")),
                ));
            };
            policy
                .tier_index(s.trim())
                .map(|i| Value::Enum(i as u32))
                .ok_or_else(|| {
                    let help = match did_you_mean(s, names.iter().copied()) {
                        Some(m) => format!("did you mean `{m}`?"),
                        None => format!("the tiers are: {}", names.join(", ")),
                    };
                    fail(
                        UNKNOWN_VALUE,
                        format!("`{s}` is not a tier of this policy"),
                        &help,
                    )
                })
        }
        Type::List(inner) => {
            let Json::Array(items) = json else {
                return Err(err(
                    format!("expected a list, found {}", found()),
                    "write a list in [ … ]",
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
                    format!("expected a map, found {}", found()),
                    "write a map in { … }",
                ));
            };
            let values: Result<Vec<(Arc<str>, Value)>, FieldError> = entries
                .iter()
                .map(|(k, v)| {
                    Ok((
                        Arc::from(k.as_str()),
                        value(policy, inner, v, &format!("{path}.{k}"), field)?,
                    ))
                })
                .collect();
            Ok(Value::Map(Arc::from(values?)))
        }
        Type::Shape(s) => {
            let Some(shape) = policy.shapes.get(*s as usize) else {
                return Err(err("unknown record shape".into(), ""));
            };
            let Json::Object(entries) = json else {
                return Err(err(
                    format!("expected a {} record, found {}", shape.name, found()),
                    "write the record in { … }",
                ));
            };
            if let Some(extra) = entries
                .keys()
                .find(|k| !shape.fields.iter().any(|f| &f.name == *k))
            {
                let names: Vec<&str> = shape.fields.iter().map(|f| f.name.as_str()).collect();
                let help = match did_you_mean(extra, names.iter().copied()) {
                    Some(m) => format!("did you mean `{m}`?"),
                    None => format!("the fields of {} are: {}", shape.name, names.join(", ")),
                };
                return Err(err(format!("{} has no field `{extra}`", shape.name), &help));
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
                            format!(
                                "{} is outside the range {}..{} of {}.{}",
                                n.normalize(),
                                show(lo),
                                show(hi),
                                shape.name,
                                f.name
                            ),
                            "check the figure against the record's form",
                        )
                        .at(format!("{path}.{}", f.name)));
                    }
                }
                fields.push(v);
            }
            Ok(Value::Record(Arc::from(fields)))
        }
        Type::Duration | Type::Nothing => {
            Err(err("this type cannot be read from a record".into(), ""))
        }
    }
}

fn shown(json: &Json) -> String {
    match json {
        Json::String(s) => format!("\"{s}\""),
        Json::Array(_) => "a list".into(),
        Json::Object(_) => "a map".into(),
        other => other.to_string(),
    }
}

/// A figure in the field's unit, from a number or a string with its own unit (`"2153000万元"`).
fn number(
    policy: &Policy,
    unit: &Unit,
    json: &Json,
) -> Result<Decimal, (&'static str, String, String)> {
    let unit_name = policy.unit_text(unit);
    let in_unit = if unit_name.is_empty() {
        String::new()
    } else {
        format!(" in {unit_name}")
    };
    match json {
        Json::Number(n) => {
            let text = n.to_string();
            exact_decimal(&text).map_err(|bad| match bad {
                Inexact::TooManyDigits => too_many_digits(&text),
                Inexact::NotANumber => (
                    TYPE,
                    format!("`{n}` is not a representable number"),
                    "numbers are exact decimals with at most 28 significant digits".into(),
                ),
            })
        }
        Json::String(s) => {
            let s = s.trim();
            let split = s
                .char_indices()
                .find(|(_, c)| {
                    !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E' | ','))
                })
                .map_or(s.len(), |(i, _)| i);
            let (written, rest) = s.split_at(split);
            let Some(num) = without_thousands(written) else {
                return Err((
                    SEPARATOR,
                    format!("`{s}`: a comma in a figure may only separate thousands (1,260 or 12,605.5)"),
                    "write the decimal point as `.` (1260.5), and commas only between groups of three digits".into(),
                ));
            };
            let value = match exact_decimal(&num) {
                Ok(v) => v,
                Err(Inexact::TooManyDigits) => return Err(too_many_digits(written)),
                Err(Inexact::NotANumber) => {
                    return Err((
                        TYPE,
                        format!("`{s}` is not a number{in_unit}"),
                        format!("write a number{in_unit}, or a number with its unit such as \"12.5{unit_name}\""),
                    ))
                }
            };
            let rest = rest.trim();
            if rest.is_empty() {
                return Ok(value);
            }
            let Some(given) = parse_unit(policy, rest) else {
                return Err((
                    UNIT,
                    format!("`{rest}` is not a unit this policy knows"),
                    format!(
                        "write the figure{in_unit}, or in a declared unit of the same dimension"
                    ),
                ));
            };
            if !given.same_dimension(unit) {
                return Err((
                    UNIT,
                    format!("`{rest}` cannot be converted to {unit_name}"),
                    format!("write the figure{in_unit}"),
                ));
            }
            given
                .conversion_to(unit)
                .and_then(|f| f.apply(value))
                .ok_or_else(|| {
                    (
                        TYPE,
                        format!("`{s}` overflows when converted to {unit_name}"),
                        "use a smaller figure".into(),
                    )
                })
        }
        _ => Err((
            TYPE,
            format!("expected a number{in_unit}, found {}", shown(json)),
            format!("write a number{in_unit}"),
        )),
    }
}

fn too_many_digits(text: &str) -> (&'static str, String, String) {
    (
        TOO_MANY_DIGITS,
        format!("`{text}` has more digits than an exact decimal holds"),
        "numbers are exact decimals with at most 28 significant digits".into(),
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
fn without_thousands(s: &str) -> Option<String> {
    if !s.contains(',') {
        return Some(s.to_string());
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
    ok.then(|| s.replace(',', ""))
}

/// A unit written in a record value: `万元`, `万元/公顷`, `%`.
fn parse_unit(policy: &Policy, text: &str) -> Option<Unit> {
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
