//! Reads JSON and YAML records into JSON values the way serde does, but noticing what serde lets
//! pass silently: a key written twice in one object (serde keeps the last value), `NaN` and
//! infinities (serde turns them into null, which would read as *unknown*), and YAML nested so
//! deeply that its parser slows to a crawl.

use super::{locate, scalars, Loaded};
use crate::diag::catalogue::{duplicate_key, record};
use crate::diag::Diagnostic;
use crate::source::Span;
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value as Json};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::fmt;

/// One step of the path to a value: an element of a list, or a key of an object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Index(usize),
    Key(String),
}

/// A path to a value, such as `[2].事件[0].级别`.
pub type Path = Vec<Step>;

/// Renders the part of a path within one record: `事件[0].级别`.
pub fn field_path(steps: &[Step]) -> String {
    let mut out = String::new();
    for s in steps {
        match s {
            Step::Index(i) => out.push_str(&format!("[{i}]")),
            Step::Key(k) if out.is_empty() => out.push_str(k),
            Step::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
        }
    }
    out
}

/// Reports each duplicated key (its path within the record) as an error of the record, which is
/// then not evaluated: which of the two values is meant cannot be told. `region` is the record's
/// place in its file.
pub fn flag_duplicates(loaded: &mut Loaded, duplicates: &[&[Step]], region: Span) {
    let text = loaded.source.text();
    let who = super::who(loaded.index, loaded.name.as_deref());
    for path in duplicates {
        let Some(Step::Key(key)) = path.last() else {
            continue;
        };
        // Point at the second time the key is written, if it can be found.
        let first = locate::field(text, region, key);
        let second = if first == region {
            region
        } else {
            let rest = Span::new(first.end.min(region.end), region.end);
            let again = locate::field(text, rest, key);
            if again == rest {
                first
            } else {
                again
            }
        };
        let field = field_path(path);
        loaded.diagnostics.push(
            Diagnostic::new(
                &duplicate_key::CODE,
                record::in_field(who.clone(), &field, duplicate_key::written_twice(key)),
            )
            .label(second, duplicate_key::written_again())
            .help(duplicate_key::keep_one(key))
            .in_source(&loaded.source),
        );
        loaded.record = None;
    }
}

/// Deepest `[` / `{` nesting accepted in a YAML file: serde_yaml refuses more than 128 anyway,
/// but only after a scan whose time grows with the square of the depth.
pub const MAX_YAML_FLOW_DEPTH: usize = 128;

/// Parses JSON text, returning the value and the path of every duplicated key.
pub fn json(text: &str) -> Result<(Json, Vec<Path>), serde_json::Error> {
    let duplicates = RefCell::new(Vec::new());
    let mut de = serde_json::Deserializer::from_str(text);
    let value = Tree {
        path: Vec::new(),
        duplicates: &duplicates,
        floats: None,
    }
    .deserialize(&mut de)?;
    de.end()?;
    Ok((value, duplicates.into_inner()))
}

/// Parses YAML text, returning the value and the path of every duplicated key; `Err` carries
/// serde_yaml's message and byte offset.
pub fn yaml(text: &str) -> Result<(Json, Vec<Path>), (String, Option<usize>)> {
    if let Some(at) = yaml_too_deep(text) {
        return Err((
            format!("brackets nested more than {MAX_YAML_FLOW_DEPTH} deep"),
            Some(at),
        ));
    }
    let duplicates = RefCell::new(Vec::new());
    let floats = RefCell::new(scalars::yaml_floats(text).unwrap_or_default());
    let value = Tree {
        path: Vec::new(),
        duplicates: &duplicates,
        floats: Some(&floats),
    }
    .deserialize(serde_yaml::Deserializer::from_str(text))
    .map_err(|e| (e.to_string(), e.location().map(|l| l.index())))?;
    Ok((value, duplicates.into_inner()))
}

/// Where YAML flow brackets first nest deeper than [`MAX_YAML_FLOW_DEPTH`], outside quotes
/// and comments.
fn yaml_too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut comment = false;
    let mut prev = ' ';
    for (i, c) in text.char_indices() {
        if comment {
            comment = c != '\n';
        } else if let Some(q) = quote {
            if c == q && !(q == '"' && prev == '\\') {
                quote = None;
            }
        } else {
            match c {
                '"' | '\'' => quote = Some(c),
                '#' if prev.is_whitespace() => comment = true,
                '[' | '{' => {
                    depth += 1;
                    if depth > MAX_YAML_FLOW_DEPTH {
                        return Some(i);
                    }
                }
                ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        prev = if prev == '\\' && c == '\\' { ' ' } else { c };
    }
    None
}

/// How `NaN` and the infinities are kept: as text, so that a figure reports "`NaN` is not a number".
fn non_finite(f: f64) -> Json {
    Json::String(
        if f.is_nan() {
            "NaN"
        } else if f > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        }
        .to_string(),
    )
}

/// A float as a JSON value: exact when finite, text when not.
pub fn float(f: f64) -> Json {
    Number::from_f64(f).map_or_else(|| non_finite(f), Json::Number)
}

/// The marker serde_json's `arbitrary_precision` uses to pass a number's exact text.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// Builds a JSON value, recording duplicated keys as it goes.
struct Tree<'d> {
    path: Path,
    duplicates: &'d RefCell<Vec<Path>>,
    /// For YAML: the texts of the floats still to be read ([`scalars::yaml_floats`]).
    floats: Option<&'d RefCell<VecDeque<String>>>,
}

impl Tree<'_> {
    fn child(&self, step: Step) -> Self {
        let mut path = self.path.clone();
        path.push(step);
        Tree {
            path,
            duplicates: self.duplicates,
            floats: self.floats,
        }
    }
}

impl<'de> DeserializeSeed<'de> for Tree<'_> {
    type Value = Json;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Json, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Tree<'_> {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Json, E> {
        Ok(Json::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Json, E> {
        Ok(Json::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Json, E> {
        Ok(Json::Number(v.into()))
    }

    /// A YAML float is taken from its text, checked against the value serde_yaml made of it.
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Json, E> {
        let Some(floats) = self.floats else {
            return Ok(float(v));
        };
        let text = floats.borrow_mut().pop_front();
        let same = |t: &str| {
            scalars::yaml_float_value(t).is_some_and(|x| x == v || (x.is_nan() && v.is_nan()))
        };
        match text {
            Some(_) if !v.is_finite() => Ok(non_finite(v)),
            Some(t) if same(&t) => Ok(scalars::decimal_json(&t).unwrap_or(Json::String(t))),
            _ => Err(E::custom(
                "the exact digits of a number cannot be told; write the number in quotes",
            )),
        }
    }

    fn visit_str<E>(self, v: &str) -> Result<Json, E> {
        Ok(Json::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Json, E> {
        Ok(Json::String(v))
    }

    fn visit_none<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Json, D::Error> {
        self.deserialize(d)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Json, D::Error> {
        self.deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(self.child(Step::Index(items.len())))? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == NUMBER_TOKEN && out.is_empty() {
                // serde_json hands over a number's exact text this way.
                let text: String = map.next_value()?;
                return serde_json::from_str(&text).map_err(serde::de::Error::custom);
            }
            let value = map.next_value_seed(self.child(Step::Key(key.clone())))?;
            if out.insert(key.clone(), value).is_some() {
                self.duplicates.borrow_mut().push({
                    let mut p = self.path.clone();
                    p.push(Step::Key(key));
                    p
                });
            }
        }
        Ok(Json::Object(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_exact_text() {
        let text = r#"{"a": 200.04, "b": [1e2, -0.000000000000000000001]}"#;
        let (v, dups) = json(text).unwrap();
        assert!(dups.is_empty());
        // Exactly what serde_json itself reads.
        assert_eq!(v, serde_json::from_str::<Json>(text).unwrap());
        assert_eq!(v["a"].to_string(), "200.04");
    }

    #[test]
    fn duplicated_keys_are_found_at_any_depth() {
        let (_, dups) =
            json(r#"[{"a": 1}, {"a": 1, "b": {"c": [{"d": 1, "d": 2}]}, "a": 2}]"#).unwrap();
        assert_eq!(
            dups,
            [
                vec![
                    Step::Index(1),
                    Step::Key("b".into()),
                    Step::Key("c".into()),
                    Step::Index(0),
                    Step::Key("d".into())
                ],
                vec![Step::Index(1), Step::Key("a".into())],
            ]
        );
        assert_eq!(field_path(&dups[0][1..]), "b.c[0].d");
    }

    #[test]
    fn yaml_keeps_nan_as_text_and_refuses_deep_brackets() {
        let (v, dups) = yaml("a: .nan\nb: -.inf\na: 1\n").unwrap();
        assert_eq!(v["b"], "-Infinity");
        assert_eq!(dups, [vec![Step::Key("a".into())]]);
        let deep = format!("a: {}{}", "[".repeat(200), "]".repeat(200));
        assert!(yaml(&deep).is_err());
        assert!(yaml("a: '[[[[['\nb: \"{{{\" # [[[[\n").is_ok());
    }
}
