//! Numbers of TOML and YAML records taken from the text they are written in, never from a binary
//! float: `199.9999999999999999999999999999` stays that figure (and is refused as too precise)
//! instead of becoming the `f64` 200, and `200.04` is exactly 200.04.

use crate::source::Span;
use serde_json::{Map, Number, Value as Json};
use std::collections::VecDeque;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// A number written as text (`1_000.5`, `+2.5`, `.5`, `1e3`) as a JSON number with its exact
/// digits; `None` when it is not a finite decimal number.
pub fn decimal_json(text: &str) -> Option<Json> {
    let t = text.replace('_', "");
    let t = t.strip_prefix('+').unwrap_or(&t);
    let (sign, digits) = t.strip_prefix('-').map_or(("", t), |d| ("-", d));
    // JSON wants a digit on both sides of the point.
    let digits = match digits.split_once(['e', 'E']) {
        Some((m, e)) => format!("{}e{e}", pad_point(m)),
        None => pad_point(digits),
    };
    digits
        .parse::<Number>()
        .ok()
        .map(|_| format!("{sign}{digits}"))
        .and_then(|n| n.parse::<Number>().ok())
        .map(Json::Number)
}

/// `.5` → `0.5`, `1.` → `1`.
fn pad_point(m: &str) -> String {
    let m = m.strip_suffix('.').unwrap_or(m);
    match m.strip_prefix('.') {
        Some(frac) => format!("0.{frac}"),
        None => m.to_string(),
    }
}

/// Parses a TOML record into a JSON value, each float from its text; `Err` has the parser's
/// message and place.
pub fn toml(text: &str) -> Result<Json, (String, Option<Span>)> {
    let doc = toml_edit::ImDocument::parse(text).map_err(|e| {
        (
            e.message().to_string(),
            e.span().map(|r| Span::new(r.start, r.end)),
        )
    })?;
    Ok(toml_table(text, doc.as_table().iter()))
}

fn toml_table<'t>(
    text: &str,
    entries: impl Iterator<Item = (&'t str, &'t toml_edit::Item)>,
) -> Json {
    let mut out = Map::new();
    for (k, item) in entries {
        if let Some(v) = toml_item(text, item) {
            out.insert(k.to_string(), v);
        }
    }
    Json::Object(out)
}

fn toml_item(text: &str, item: &toml_edit::Item) -> Option<Json> {
    Some(match item {
        toml_edit::Item::None => return None,
        toml_edit::Item::Value(v) => toml_value(text, v),
        toml_edit::Item::Table(t) => toml_table(text, t.iter()),
        toml_edit::Item::ArrayOfTables(a) => {
            Json::Array(a.iter().map(|t| toml_table(text, t.iter())).collect())
        }
    })
}

fn toml_value(text: &str, v: &toml_edit::Value) -> Json {
    use toml_edit::Value;
    match v {
        Value::String(s) => Json::String(s.value().clone()),
        Value::Integer(i) => Json::Number((*i.value()).into()),
        Value::Float(f) => {
            let written = f.span().and_then(|r| text.get(r));
            match written.and_then(decimal_json) {
                Some(n) if f.value().is_finite() => n,
                _ => super::strict::float(*f.value()),
            }
        }
        Value::Boolean(b) => Json::Bool(*b.value()),
        Value::Datetime(d) => Json::String(d.value().to_string()),
        Value::Array(a) => Json::Array(a.iter().map(|v| toml_value(text, v)).collect()),
        Value::InlineTable(t) => {
            let mut out = Map::new();
            for (k, v) in t.iter() {
                out.insert(k.to_string(), toml_value(text, v));
            }
            Json::Object(out)
        }
    }
}

/// The texts of a YAML text's plain scalars that its serde reader reads as floats, in the order
/// it reads them (an alias replays those of the node it names); map keys are not among them.
/// `None` when the text does not parse here.
pub fn yaml_floats(text: &str) -> Option<VecDeque<String>> {
    let mut floats = Floats::default();
    Parser::new_from_str(text).load(&mut floats, false).ok()?;
    Some(floats.out)
}

#[derive(Default)]
struct Floats {
    out: VecDeque<String>,
    /// Open collections: whether each is a map, and for a map whether a key comes next.
    open: Vec<(bool, bool)>,
    /// Anchored nodes being read: their id, depth, and the floats read inside them so far.
    recording: Vec<(usize, usize, Vec<String>)>,
    anchors: std::collections::HashMap<usize, Vec<String>>,
}

impl Floats {
    /// Called for each node in a collection: whether it is a key of a map.
    fn is_key(&mut self) -> bool {
        match self.open.last_mut() {
            Some((true, key_next)) => {
                let was = *key_next;
                *key_next = !was;
                was
            }
            _ => false,
        }
    }

    fn read(&mut self, texts: &[String]) {
        self.out.extend(texts.iter().cloned());
        for (_, _, inside) in &mut self.recording {
            inside.extend(texts.iter().cloned());
        }
    }

    fn close(&mut self) {
        self.open.pop();
        let depth = self.open.len();
        if self.recording.last().is_some_and(|(_, d, _)| *d == depth) {
            if let Some((id, _, inside)) = self.recording.pop() {
                self.anchors.insert(id, inside);
            }
        }
    }
}

impl MarkedEventReceiver for Floats {
    fn on_event(&mut self, ev: Event, _mark: Marker) {
        match ev {
            Event::Scalar(value, style, anchor, tag) => {
                let key = self.is_key();
                let float_tag = tag.as_ref().is_some_and(|t| t.suffix == "float");
                let read = !key
                    && style == TScalarStyle::Plain
                    && (tag.is_none() || float_tag)
                    && yaml_reads_as_float(&value);
                let texts = if read { vec![value] } else { Vec::new() };
                if anchor > 0 {
                    self.anchors.insert(anchor, texts.clone());
                }
                self.read(&texts);
            }
            Event::Alias(id) => {
                let key = self.is_key();
                if !key {
                    let texts = self.anchors.get(&id).cloned().unwrap_or_default();
                    self.read(&texts);
                }
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                self.is_key();
                if anchor > 0 {
                    self.recording.push((anchor, self.open.len(), Vec::new()));
                }
                self.open
                    .push((matches!(ev, Event::MappingStart(..)), true));
            }
            Event::SequenceEnd | Event::MappingEnd => self.close(),
            _ => {}
        }
    }
}

/// Whether serde_yaml reads an untagged plain scalar as a float: not null, not a boolean, not
/// an integer, not digits with a leading zero, and a number Rust's float parser accepts.
fn yaml_reads_as_float(v: &str) -> bool {
    if matches!(
        v,
        "" | "~"
            | "null"
            | "Null"
            | "NULL"
            | "true"
            | "True"
            | "TRUE"
            | "false"
            | "False"
            | "FALSE"
    ) {
        return false;
    }
    let unsigned = v.strip_prefix(['+', '-']).unwrap_or(v);
    let radix = [("0x", 16), ("0o", 8), ("0b", 2)]
        .iter()
        .find_map(|(p, r)| unsigned.strip_prefix(p).map(|rest| (rest, *r)));
    let int = match radix {
        Some((rest, r)) => !rest.starts_with(['+', '-']) && u128::from_str_radix(rest, r).is_ok(),
        None => unsigned.parse::<u128>().is_ok() && !unsigned.starts_with(['+', '-']),
    };
    let leading_zero = unsigned.len() > 1
        && unsigned.starts_with('0')
        && unsigned.bytes().skip(1).all(|b| b.is_ascii_digit());
    if int || leading_zero {
        return false;
    }
    let lower = unsigned.to_ascii_lowercase();
    if matches!(lower.as_str(), ".inf" | ".nan") {
        return true;
    }
    unsigned.parse::<f64>().is_ok_and(f64::is_finite)
}

/// The float serde_yaml made of a scalar's text, to check a text against the value it belongs to.
pub fn yaml_float_value(text: &str) -> Option<f64> {
    let unsigned = text.strip_prefix('+').unwrap_or(text);
    match unsigned {
        ".inf" | ".Inf" | ".INF" => Some(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => Some(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => Some(f64::NAN),
        _ => unsigned.parse::<f64>().ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_the_digits_they_are_written_with() {
        for (text, want) in [
            ("200.04", "200.04"),
            ("+1_000.5", "1000.5"),
            ("-.5", "-0.5"),
            ("1.", "1"),
            ("1.5e3", "1.5e+3"),
            (
                "199.9999999999999999999999999999",
                "199.9999999999999999999999999999",
            ),
        ] {
            assert_eq!(decimal_json(text).unwrap().to_string(), want);
        }
        assert!(decimal_json("abc").is_none());
        assert!(decimal_json("inf").is_none());
    }

    #[test]
    fn yaml_floats_are_found_in_reading_order() {
        let text = "a: 1.5\n1.25: x\nb: [2, 2.5, '3.5', &f 4.5]\nc: *f\nd: &m {e: 5.5}\nf: *m\n";
        let floats: Vec<String> = yaml_floats(text).unwrap().into();
        assert_eq!(floats, ["1.5", "2.5", "4.5", "4.5", "5.5", "5.5"]);
    }
}
