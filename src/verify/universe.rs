//! Every record the inputs allow, as solver unknowns: one per field of the versions' inputs
//! (matched by name), each with whether the record has it; what each version reads from them
//! (its enumeration indices, its units, absent as unknown or none); whether each version accepts
//! the record (enumeration values, ranges, record fields it knows); and a model turned back into a
//! record file.

use super::dates::{self, DateT};
use super::expr::{refuse, Data, ListV, Res, Texts, Val};
use super::solver::{all, int, rational, Model, Smt};
use crate::check::ir::{InputDef, Policy, Type};
use crate::diag::catalogue::encoder_refuses as no;
use easy_smt::SExpr;
use rust_decimal::Decimal;
use serde_json::Value as Json;
use std::sync::Arc;

/// Figures are bounded by this many units of their own unit (a bound of the check, stated in its
/// report): far beyond any park's figures, and far inside what decimals hold.
pub const FIGURE_BOUND: i128 = 1_000_000_000_000;

/// One version's view of a field: its policy and type.
pub type Typed<'p> = Option<(&'p Policy, &'p Type)>;

/// The unknowns of one field (or list element, map entry, record field).
#[derive(Debug, Clone)]
pub struct Slot {
    /// The record has the field, with a value that is not null.
    pub present: SExpr,
    pub var: Var,
}

#[derive(Debug, Clone)]
pub enum Var {
    Bool(SExpr),
    /// A real number in base units, and the factor of the first version's unit to them.
    Num(SExpr, (i128, i128)),
    Date(DateT),
    /// An enumeration value or tier by its index among [`Universe::names`] of that field.
    Code(SExpr, Arc<[String]>),
    Text(SExpr),
    List(SExpr, Vec<Slot>),
    Map(Vec<(Arc<str>, Slot)>),
    Shape(Vec<(String, Slot)>),
}

/// The fields of the records, by name, with their unknowns.
pub struct Universe {
    pub fields: Vec<(String, Slot)>,
    pub texts: Texts,
    /// Elements a list may have (a bound of the check, stated in its report).
    pub list_bound: usize,
}

fn names_of(p: &Policy, ty: &Type) -> Option<Vec<String>> {
    match ty {
        Type::Tier => Some(p.tiers.iter().map(|t| t.name.clone()).collect()),
        Type::Enum(e) => p.enums.get(*e as usize).map(|d| d.values.clone()),
        _ => None,
    }
}

/// The base-unit names and powers of a unit, so versions can be matched by dimension.
fn dims(p: &Policy, ty: &Type) -> Option<Vec<(String, i8)>> {
    let Type::Num(u) = ty else { return None };
    let mut d: Vec<(String, i8)> = u
        .dims
        .iter()
        .map(|(id, e)| {
            let n = p
                .units
                .defs
                .get(usize::from(*id))
                .map_or("?", |d| d.name.as_str());
            (n.to_string(), *e)
        })
        .collect();
    d.sort();
    Some(d)
}

fn kind(ty: &Type) -> &'static str {
    match ty {
        Type::Bool => "bool",
        Type::Date => "date",
        Type::Text => "text",
        Type::Num(_) => "number",
        Type::Enum(_) | Type::Tier => "enumeration",
        Type::Shape(_) => "record",
        Type::List(_) => "list",
        Type::Map(_) => "map",
        Type::Duration | Type::Nothing => "other",
    }
}

impl Universe {
    /// Unknowns for one field as the versions type it; `keys` are the map keys any version reads.
    pub fn declare(
        &mut self,
        smt: &mut Smt,
        name: &str,
        tys: &[Typed<'_>],
        keys: &[Arc<str>],
    ) -> Res<Slot> {
        let typed: Vec<(&Policy, &Type)> = tys.iter().flatten().copied().collect();
        let Some(&(p0, t0)) = typed.first() else {
            return refuse(no::untyped_field(name));
        };
        if let Some((p, t)) = typed.iter().find(|(_, t)| kind(t) != kind(t0)) {
            return refuse(no::retyped_field(name, p0.type_name(t0), p.type_name(t)));
        }
        let bs = smt.t().bool_sort();
        let present = smt.var("p", bs)?;
        let var = match t0 {
            Type::Bool => Var::Bool(smt.var("b", bs)?),
            Type::Text => {
                let is = smt.t().int_sort();
                let v = smt.var("s", is)?;
                let t = smt.t();
                smt.assert(t.gte(v, int(t, 0)))?;
                Var::Text(v)
            }
            Type::Date => Var::Date(dates::input(smt)?),
            Type::Num(u) => {
                if typed.iter().any(|(p, t)| dims(p, t) != dims(p0, t0)) {
                    return refuse(no::reunited_field(name));
                }
                let rs = smt.t().real_sort();
                let v = smt.var("x", rs)?;
                let (n, d) = u.factor.parts();
                let t = smt.t();
                let bound = rational(t, FIGURE_BOUND.saturating_mul(n), d);
                smt.assert(t.and(t.lte(t.negate(bound), v), t.lte(v, bound)))?;
                Var::Num(v, (n, d))
            }
            Type::Enum(_) | Type::Tier => {
                let mut names: Vec<String> = Vec::new();
                for (p, t) in &typed {
                    for n in names_of(p, t).unwrap_or_default() {
                        if !names.contains(&n) {
                            names.push(n);
                        }
                    }
                }
                let is = smt.t().int_sort();
                let v = smt.var("c", is)?;
                let t = smt.t();
                let count = i64::try_from(names.len()).unwrap_or(i64::MAX);
                smt.assert(t.and(t.gte(v, int(t, 0)), t.lt(v, int(t, count))))?;
                Var::Code(v, Arc::from(names))
            }
            Type::List(_) => {
                let inner: Vec<Typed<'_>> = tys
                    .iter()
                    .map(|x| {
                        x.and_then(|(p, t)| match t {
                            Type::List(i) => Some((p, &**i)),
                            _ => None,
                        })
                    })
                    .collect();
                let is = smt.t().int_sort();
                let len = smt.var("n", is)?;
                let t = smt.t();
                let bound = i64::try_from(self.list_bound).unwrap_or(i64::MAX);
                smt.assert(t.and(t.gte(len, int(t, 0)), t.lte(len, int(t, bound))))?;
                let mut items = Vec::with_capacity(self.list_bound);
                for _ in 0..self.list_bound {
                    items.push(self.declare(smt, name, &inner, keys)?);
                }
                Var::List(len, items)
            }
            Type::Map(_) => {
                let inner: Vec<Typed<'_>> = tys
                    .iter()
                    .map(|x| {
                        x.and_then(|(p, t)| match t {
                            Type::Map(i) => Some((p, &**i)),
                            _ => None,
                        })
                    })
                    .collect();
                let mut entries = Vec::with_capacity(keys.len());
                for k in keys {
                    entries.push((k.clone(), self.declare(smt, name, &inner, keys)?));
                }
                Var::Map(entries)
            }
            Type::Shape(_) => {
                let mut fields: Vec<String> = Vec::new();
                for (p, t) in &typed {
                    if let Type::Shape(s) = t {
                        for f in p.shapes.get(*s as usize).map_or(&[][..], |s| &s.fields) {
                            if !fields.contains(&f.name) {
                                fields.push(f.name.clone());
                            }
                        }
                    }
                }
                let mut out = Vec::with_capacity(fields.len());
                for f in fields {
                    let inner: Vec<Typed<'_>> = tys
                        .iter()
                        .map(|x| x.and_then(|(p, t)| field(p, t, &f)))
                        .collect();
                    let typed_inner: Vec<_> = inner.iter().flatten().collect();
                    if typed_inner.is_empty() {
                        continue;
                    }
                    out.push((f.clone(), self.declare(smt, &f, &inner, keys)?));
                }
                Var::Shape(out)
            }
            Type::Duration | Type::Nothing => return refuse(no::unrecordable_field(name)),
        };
        Ok(Slot { present, var })
    }
}

impl Universe {
    /// The records whose field `name` holds the enumeration value `value` (`None`: leave it out).
    pub fn is_value(&self, smt: &Smt, name: &str, value: Option<&str>) -> Option<SExpr> {
        let (_, slot) = self.fields.iter().find(|(n, _)| n == name)?;
        let t = smt.t();
        Some(match (value, &slot.var) {
            (None, _) => t.not(slot.present),
            (Some(v), Var::Code(c, names)) => {
                let i = names.iter().position(|n| n == v)?;
                t.and(
                    slot.present,
                    t.eq(*c, int(t, i64::try_from(i).unwrap_or(-1))),
                )
            }
            _ => return None,
        })
    }
}

/// A record field's type in one version.
fn field<'p>(p: &'p Policy, ty: &'p Type, name: &str) -> Typed<'p> {
    let Type::Shape(s) = ty else { return None };
    p.shapes
        .get(*s as usize)?
        .fields
        .iter()
        .find(|f| f.name == name)
        .map(|f| (p, &f.ty))
}

/// What one version reads from a slot, and whether it accepts the value.
pub struct Read {
    pub val: Val,
    pub valid: SExpr,
    /// Whether the version would accept the record with every unknown value filled in by what
    /// its terms hold ([`super::expr::Scope::completed`]).
    pub filled: SExpr,
}

/// Reads a slot as one version types it: absent is none where `optional`, else unknown.
pub fn read(
    smt: &mut Smt,
    slot: &Slot,
    (p, ty): (&Policy, &Type),
    optional: bool,
    range: Option<(Option<Decimal>, Option<Decimal>)>,
) -> Res<Read> {
    let t = smt.t();
    let absent = t.not(slot.present);
    let (none, unk) = if optional {
        (absent, t.false_())
    } else {
        (t.false_(), absent)
    };
    let (data, valid) = match (&slot.var, ty) {
        (Var::Bool(b), Type::Bool) => (Data::Bool(*b), (t.true_(), t.true_())),
        (Var::Text(c), Type::Text) => (Data::Text(*c), (t.true_(), t.true_())),
        (Var::Date(d), Type::Date) => (Data::Date(*d), (t.true_(), t.true_())),
        (Var::Num(x, _), Type::Num(u)) => {
            let (n, d) = u.factor.parts();
            let local = t.times(*x, rational(t, d, n));
            let rs = t.real_sort();
            let local = smt.name(local, rs)?;
            let t = smt.t();
            let mut ok = Vec::new();
            if let Some((lo, hi)) = range {
                if let Some(lo) = lo {
                    ok.push(t.gte(local, super::solver::real(t, lo)));
                }
                if let Some(hi) = hi {
                    ok.push(t.lte(local, super::solver::real(t, hi)));
                }
            }
            let ok = all(t, ok);
            (Data::Num(local), (ok, ok))
        }
        (Var::Code(c, names), Type::Enum(_) | Type::Tier) => {
            let local_names = names_of(p, ty).unwrap_or_default();
            let mut local = int(t, -1);
            let mut known = Vec::new();
            for (li, n) in local_names.iter().enumerate().rev() {
                let Some(g) = names.iter().position(|x| x == n) else {
                    continue;
                };
                let is = t.eq(*c, int(t, i64::try_from(g).unwrap_or(-1)));
                known.push(is);
                local = t.ite(is, int(t, i64::try_from(li).unwrap_or(-1)), local);
            }
            let is_sort = t.int_sort();
            let valid = super::solver::any(t, known);
            let local = smt.name(local, is_sort)?;
            (Data::Code(local), (valid, valid))
        }
        (Var::List(len, items), Type::List(inner)) => {
            let mut vals = Vec::with_capacity(items.len());
            let (mut ok, mut filled) = (Vec::new(), Vec::new());
            for (i, item) in items.iter().enumerate() {
                let r = read(smt, item, (p, inner), false, None)?;
                let t = smt.t();
                let here = t.lt(int(t, i64::try_from(i).unwrap_or(i64::MAX)), *len);
                ok.push(t.imp(here, r.valid));
                filled.push(t.imp(here, r.filled));
                vals.push(r.val);
            }
            let t = smt.t();
            (
                Data::List(Arc::new(ListV {
                    len: *len,
                    items: vals,
                })),
                (all(t, ok), all(t, filled)),
            )
        }
        (Var::Map(entries), Type::Map(inner)) => {
            let mut vals = Vec::with_capacity(entries.len());
            let (mut ok, mut filled) = (Vec::new(), Vec::new());
            for (k, e) in entries {
                let r = read(smt, e, (p, inner), false, None)?;
                ok.push(r.valid);
                filled.push(r.filled);
                vals.push((k.clone(), r.val));
            }
            let t = smt.t();
            (Data::Map(vals), (all(t, ok), all(t, filled)))
        }
        (Var::Shape(fields), Type::Shape(s)) => {
            let Some(shape) = p.shapes.get(*s as usize) else {
                return refuse(no::record_shape());
            };
            let mut vals = Vec::with_capacity(shape.fields.len());
            let (mut ok, mut filled) = (Vec::new(), Vec::new());
            for f in &shape.fields {
                let Some((_, slot)) = fields.iter().find(|(n, _)| *n == f.name) else {
                    return refuse(no::record_field(&f.name));
                };
                let r = read(smt, slot, (p, &f.ty), f.optional, f.range)?;
                let t = smt.t();
                ok.push(t.imp(slot.present, r.valid));
                filled.push(r.filled);
                vals.push(r.val);
            }
            // A field this version does not know makes it refuse the record.
            for (n, slot) in fields {
                if !shape.fields.iter().any(|f| &f.name == n) {
                    let t = smt.t();
                    ok.push(t.not(slot.present));
                    filled.push(t.not(slot.present));
                }
            }
            let t = smt.t();
            (Data::Record(vals), (all(t, ok), all(t, filled)))
        }
        _ => return refuse(no::field_read_as(p.type_name(ty))),
    };
    let (valid, filled) = valid;
    let t = smt.t();
    let valid = t.imp(slot.present, valid);
    // Filled in, a value that is unknown when absent is there; one that is none stays none.
    let filled = if optional {
        t.imp(slot.present, filled)
    } else {
        filled
    };
    let bs = t.bool_sort();
    let valid = smt.name(valid, bs)?;
    let filled = smt.name(filled, bs)?;
    let t = smt.t();
    Ok(Read {
        val: Val {
            err: t.false_(),
            unk,
            none,
            data,
        },
        valid,
        filled,
    })
}

/// Reads one version's inputs from the universe: their values by slot and whether the version
/// accepts the record.
pub fn read_inputs(
    smt: &mut Smt,
    universe: &Universe,
    policy: &Policy,
    inputs: &[InputDef],
) -> Res<(Vec<Val>, SExpr, SExpr)> {
    let mut vals = Vec::with_capacity(inputs.len());
    let mut ok = Vec::with_capacity(inputs.len());
    let mut filled = Vec::with_capacity(inputs.len());
    for i in inputs {
        let Some((_, slot)) = universe.fields.iter().find(|(n, _)| *n == i.name) else {
            return refuse(no::input(&i.name));
        };
        let r = read(smt, slot, (policy, &i.ty), i.optional, i.range)?;
        vals.push(r.val);
        ok.push(r.valid);
        filled.push(r.filled);
    }
    let t = smt.t();
    Ok((vals, all(t, ok), all(t, filled)))
}

/// The solver's model of a slot as a record value (`None` when the record leaves it out), written
/// in the units of the first version that has it. `exact` turns false when a figure had to be
/// rounded to a decimal.
pub fn decode(
    smt: &mut Smt,
    slot: &Slot,
    tys: &[Typed<'_>],
    texts: &Texts,
    exact: &mut bool,
) -> Res<Option<Json>> {
    let present = smt.values(&[slot.present])?;
    if !present.first().is_some_and(Model::truth) {
        return Ok(None);
    }
    let first = tys.iter().flatten().next().copied();
    let one = |smt: &mut Smt, v: SExpr| -> Res<Model> {
        Ok(smt.values(&[v])?.into_iter().next().unwrap_or(Model::Other))
    };
    Ok(Some(match &slot.var {
        Var::Bool(b) => Json::Bool(one(smt, *b)?.truth()),
        Var::Text(c) => {
            let code = one(smt, *c)?.integer().unwrap_or(0);
            let known = usize::try_from(code).ok().and_then(|i| texts.known.get(i));
            Json::String(match known {
                Some(k) => k.to_string(),
                None => other_text(texts, code),
            })
        }
        Var::Date(d) => {
            let day = one(smt, d.day)?.integer();
            match day.and_then(dates::from_day) {
                Some(date) => Json::String(date.to_string()),
                None => return refuse(no::solver_date()),
            }
        }
        Var::Code(c, names) => {
            let code = one(smt, *c)?.integer();
            match code
                .and_then(|i| usize::try_from(i).ok())
                .and_then(|i| names.get(i))
            {
                Some(n) => Json::String(n.clone()),
                None => return refuse(no::solver_enum()),
            }
        }
        Var::Num(x, _) => {
            let Some((p, Type::Num(u))) = first else {
                return refuse(no::no_unit());
            };
            let Model::Number(r) = one(smt, *x)? else {
                return refuse(no::solver_fraction());
            };
            let (n, d) = u.factor.parts();
            let local = r.times(d, n);
            let Some((value, is_exact)) = local.and_then(|l| l.decimal(6)) else {
                return refuse(no::too_large());
            };
            *exact &= is_exact;
            let same_unit = tys.iter().flatten().all(|(q, t)| match t {
                Type::Num(v) => v.factor == u.factor && q.unit_text(v) == p.unit_text(u),
                _ => false,
            });
            if same_unit {
                serde_json::from_str(&value.to_string()).unwrap_or(Json::Null)
            } else {
                Json::String(format!("{value}{}", p.unit_text(u)))
            }
        }
        Var::List(len, items) => {
            let n = one(smt, *len)?.integer().unwrap_or(0);
            let inner: Vec<Typed<'_>> = tys
                .iter()
                .map(|x| {
                    x.and_then(|(p, t)| match t {
                        Type::List(i) => Some((p, &**i)),
                        _ => None,
                    })
                })
                .collect();
            let mut out = Vec::new();
            for item in items.iter().take(usize::try_from(n).unwrap_or(0)) {
                out.push(decode(smt, item, &inner, texts, exact)?.unwrap_or(Json::Null));
            }
            Json::Array(out)
        }
        Var::Map(entries) => {
            let inner: Vec<Typed<'_>> = tys
                .iter()
                .map(|x| {
                    x.and_then(|(p, t)| match t {
                        Type::Map(i) => Some((p, &**i)),
                        _ => None,
                    })
                })
                .collect();
            let mut out = serde_json::Map::new();
            for (k, e) in entries {
                if let Some(v) = decode(smt, e, &inner, texts, exact)? {
                    out.insert(k.to_string(), v);
                }
            }
            Json::Object(out)
        }
        Var::Shape(fields) => {
            let mut out = serde_json::Map::new();
            for (name, f) in fields {
                let inner: Vec<Typed<'_>> = tys
                    .iter()
                    .map(|x| x.and_then(|(p, t)| field(p, t, name)))
                    .collect();
                if let Some(v) = decode(smt, f, &inner, texts, exact)? {
                    out.insert(name.clone(), v);
                }
            }
            Json::Object(out)
        }
    }))
}

/// Every figure's unknown, with its unit factor.
pub fn figures(slot: &Slot, out: &mut Vec<(SExpr, (i128, i128))>) {
    match &slot.var {
        Var::Num(x, f) => out.push((*x, *f)),
        Var::List(_, items) => items.iter().for_each(|i| figures(i, out)),
        Var::Map(entries) => entries.iter().for_each(|(_, e)| figures(e, out)),
        Var::Shape(fields) => fields.iter().for_each(|(_, f)| figures(f, out)),
        Var::Bool(_) | Var::Date(_) | Var::Code(..) | Var::Text(_) => {}
    }
}

/// A text no policy names, for the code the solver chose.
fn other_text(texts: &Texts, code: i128) -> String {
    let mut n = code;
    loop {
        let candidate = format!("见证文本{n}");
        if !texts.known.iter().any(|k| **k == *candidate) {
            return candidate;
        }
        n += 1;
    }
}
