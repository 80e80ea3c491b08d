//! What a rule reads that a base's record leaves unknown: the inputs, map entries and fields of
//! list elements behind an undetermined list or next value, named as a drafter writes them.

use super::when::Ctx;
use crate::check::ir::{IExpr, Type};
use crate::value::Value;

/// The unknown values `e` reads, through derived values, in order of first use.
pub fn reads(cx: &Ctx<'_>, e: &IExpr) -> Vec<String> {
    let mut out = Vec::new();
    let mut seen_lets = Vec::new();
    walk(cx, e, &mut out, &mut seen_lets);
    out
}

fn push(out: &mut Vec<String>, s: String) {
    if !out.contains(&s) {
        out.push(s);
    }
}

fn walk(cx: &Ctx<'_>, e: &IExpr, out: &mut Vec<String>, seen_lets: &mut Vec<usize>) {
    let lc = cx.lc;
    match e {
        IExpr::Input(i) => {
            let unknown = cx.inputs.get(*i).is_none_or(|v| *v == Value::Unknown);
            if !unknown {
                return;
            }
            if let Some(input) = lc.inputs.get(*i) {
                push(out, input.name.clone());
            } else if *i == lc.entered_slot() {
                push(out, "entered".into());
            } else if *i == lc.effective_slot() {
                push(out, "effective".into());
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
                        push(out, format!("{}[\"{key}\"]", input.name));
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
fn element_fields(cx: &Ctx<'_>, list: usize, fields: &[usize], out: &mut Vec<String>) {
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
                    push(out, format!("{}[{k}].{}", input.name, field.name));
                }
            }
        }
    }
}

/// The fields of an event's record (`事件[2]`) that `e` reads (as the bound element) and the
/// record leaves unknown: `事件[2].级别`.
pub fn element(cx: &Ctx<'_>, e: &IExpr, elem: &Value, label: &str, shape: u32) -> Vec<String> {
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
        .map(|f| format!("{label}.{}", f.name))
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
