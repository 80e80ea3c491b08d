//! What a rule reads that a base's record leaves unknown: the inputs, map entries and fields of
//! list elements behind an undetermined list or next value, named as a drafter writes them.

use super::when::Ctx;
use crate::check::ir::{IExpr, Type};
use crate::diag::catalogue::timeline_unknown;
use crate::diag::text::Arg;
use crate::value::Value;

/// A value the record leaves unknown: an input, entry or field as the policy names it, or one
/// of the lifecycle's own values, named by their keyword.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    /// `上年营业收入`, `评价[1].星级`, `指标["营业收入"]`.
    Value(String),
    /// `entered`: the date the base entered its state.
    Entered,
    /// `effective`: the measure's effective date.
    Effective,
}

impl Missing {
    /// The name as machine-readable output (JSON) writes it: the English keyword.
    pub fn en(&self) -> String {
        match self {
            Missing::Value(name) => name.clone(),
            Missing::Entered => timeline_unknown::entered().en(),
            Missing::Effective => timeline_unknown::effective().en(),
        }
    }

    /// The name as a hole of a text: a keyword in the language the text is shown in.
    pub fn arg(&self) -> Arg {
        match self {
            Missing::Value(name) => Arg::from(name),
            Missing::Entered => timeline_unknown::entered().into(),
            Missing::Effective => timeline_unknown::effective().into(),
        }
    }

    /// Several names, joined as a list in the language they are shown in.
    pub fn list(all: &[Missing]) -> Arg {
        Arg::List(all.iter().map(Missing::arg).collect())
    }
}

impl serde::Serialize for Missing {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.en())
    }
}

/// The unknown values `e` reads, through derived values, in order of first use.
pub fn reads(cx: &Ctx<'_>, e: &IExpr) -> Vec<Missing> {
    let mut out = Vec::new();
    let mut seen_lets = Vec::new();
    walk(cx, e, &mut out, &mut seen_lets);
    out
}

fn push(out: &mut Vec<Missing>, s: Missing) {
    if !out.contains(&s) {
        out.push(s);
    }
}

fn walk(cx: &Ctx<'_>, e: &IExpr, out: &mut Vec<Missing>, seen_lets: &mut Vec<usize>) {
    let lc = cx.lc;
    match e {
        IExpr::Input(i) => {
            let unknown = cx.inputs.get(*i).is_none_or(|v| *v == Value::Unknown);
            if !unknown {
                return;
            }
            if let Some(input) = lc.inputs.get(*i) {
                push(out, Missing::Value(input.name.clone()));
            } else if *i == lc.entered_slot() {
                push(out, Missing::Entered);
            } else if *i == lc.effective_slot() {
                push(out, Missing::Effective);
            }
        }
        IExpr::Let(i) => {
            if seen_lets.contains(i) {
                return;
            }
            seen_lets.push(*i);
            if let Some(def) = lc.lets.get(*i) {
                walk(cx, &def.expr, out, seen_lets);
            }
        }
        IExpr::Index(m, k) => match (&**m, &**k) {
            (IExpr::Input(i), IExpr::Const(Value::Text(key))) => {
                let value = match cx.inputs.get(*i) {
                    Some(Value::Map(entries)) => entries
                        .iter()
                        .find(|(ek, _)| **ek == **key)
                        .map_or(Value::Unknown, |(_, v)| v.clone()),
                    _ => Value::Unknown,
                };
                if value == Value::Unknown {
                    if let Some(input) = lc.inputs.get(*i) {
                        push(out, Missing::Value(format!("{}[\"{key}\"]", input.name)));
                    }
                }
            }
            _ => e.children().for_each(|c| walk(cx, c, out, seen_lets)),
        },
        IExpr::Quant {
            over, filter, body, ..
        } => {
            walk(cx, over, out, seen_lets);
            if let IExpr::Input(list) = &**over {
                let mut fields = Vec::new();
                fields_read(body, &mut fields);
                if let Some(f) = filter {
                    fields_read(f, &mut fields);
                }
                element_fields(cx, *list, &fields, out);
            }
            walk(cx, body, out, seen_lets);
            if let Some(f) = filter {
                walk(cx, f, out, seen_lets);
            }
        }
        other => other.children().for_each(|c| walk(cx, c, out, seen_lets)),
    }
}

/// The fields read of a bound element (`a.星级`).
fn fields_read(e: &IExpr, out: &mut Vec<usize>) {
    if let IExpr::Field(base, f) = e {
        if matches!(**base, IExpr::Var(_)) && !out.contains(&f.index) {
            out.push(f.index);
        }
    }
    e.children().for_each(|c| fields_read(c, out));
}

/// `评价[1].星级` for each element of a list input whose field is unknown.
fn element_fields(cx: &Ctx<'_>, list: usize, fields: &[usize], out: &mut Vec<Missing>) {
    let Some(input) = cx.lc.inputs.get(list) else {
        return;
    };
    let Type::List(elem) = &input.ty else { return };
    let Type::Shape(s) = **elem else { return };
    let Some(shape) = cx.policy.shapes.get(s as usize) else {
        return;
    };
    let Some(Value::List(items)) = cx.inputs.get(list) else {
        return;
    };
    for (k, item) in items.iter().enumerate() {
        let Value::Record(values) = item else {
            continue;
        };
        for f in fields {
            if values.get(*f) == Some(&Value::Unknown) {
                if let Some(field) = shape.fields.get(*f) {
                    let name = format!("{}[{k}].{}", input.name, field.name);
                    push(out, Missing::Value(name));
                }
            }
        }
    }
}

/// The fields of an event's record (`事件[2]`) that `e` reads (as the bound element) and the
/// record leaves unknown: `事件[2].级别`.
pub fn element(cx: &Ctx<'_>, e: &IExpr, elem: &Value, label: &str, shape: u32) -> Vec<Missing> {
    let mut fields = Vec::new();
    outer_fields(e, 0, &mut fields);
    let Value::Record(values) = elem else {
        return Vec::new();
    };
    let Some(shape) = cx.policy.shapes.get(shape as usize) else {
        return Vec::new();
    };
    fields
        .iter()
        .filter(|f| values.get(**f) == Some(&Value::Unknown))
        .filter_map(|f| shape.fields.get(*f))
        .map(|f| Missing::Value(format!("{label}.{}", f.name)))
        .collect()
}

/// The fields read of the variable bound at `depth` (the event's element is 0; quantifiers
/// inside bind deeper ones).
fn outer_fields(e: &IExpr, depth: usize, out: &mut Vec<usize>) {
    if let IExpr::Field(base, f) = e {
        if **base == IExpr::Var(depth) && !out.contains(&f.index) {
            out.push(f.index);
        }
    }
    e.children().for_each(|c| outer_fields(c, depth, out));
}
