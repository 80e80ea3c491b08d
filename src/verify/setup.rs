//! What every question starts from: the solver, the universe of records of the versions asked
//! about, and what each version reads from it.

use super::expr::{Res, Scope, Texts};
use super::solver::Smt;
use super::universe::{decode, read_inputs, Typed, Universe};
use super::Options;
use crate::check::ir::{IExpr, InputDef, LetDef, Policy};
use crate::diag::catalogue::solver_reason;
use crate::value::Value;
use easy_smt::SExpr;
use serde_json::Value as Json;
use std::sync::Arc;

/// One version as the questions read it: its inputs, derived values and every expression it
/// evaluates (for the texts and map keys it names).
pub struct Version<'p> {
    pub policy: &'p Policy,
    pub inputs: &'p [InputDef],
    pub lets: &'p [LetDef],
    pub exprs: Vec<&'p IExpr>,
    /// Whether the expressions read `as_of` (the slot after the inputs).
    pub as_of: bool,
}

impl<'p> Version<'p> {
    /// The application record's side: inputs, derived values, rules.
    pub fn selection(policy: &'p Policy) -> Self {
        let mut exprs: Vec<&IExpr> = policy.lets.iter().map(|l| &l.expr).collect();
        for r in &policy.rules {
            if let Some((a, _)) = &r.applies {
                exprs.push(a);
            }
            if let Some((f, _)) = &r.figure {
                exprs.push(f);
            }
            for c in r.per_tier.iter().flatten() {
                for b in &c.branches {
                    exprs.extend(&b.guard);
                    for k in &b.checks {
                        match &k.test {
                            crate::check::ir::CheckTest::Holds(e) => exprs.push(e),
                            crate::check::ir::CheckTest::Compare(c) => {
                                exprs.push(&c.figure);
                                exprs.push(&c.threshold);
                            }
                        }
                    }
                }
            }
        }
        Version {
            policy,
            inputs: &policy.inputs,
            lets: &policy.lets,
            exprs,
            as_of: false,
        }
    }
}

/// The solver, the universe, and each version's reading of it.
pub struct Setup<'p> {
    pub smt: Smt,
    pub universe: Universe,
    /// Per version: what it reads, and whether it accepts the record.
    pub scopes: Vec<(Scope<'p>, SExpr)>,
}

/// Texts and map keys the versions name, in a fixed order.
fn named(versions: &[Version<'_>]) -> (Texts, Vec<Arc<str>>) {
    let mut texts: Vec<Arc<str>> = Vec::new();
    let mut keys: Vec<Arc<str>> = Vec::new();
    for v in versions {
        for e in &v.exprs {
            for x in e.subexpressions() {
                match x {
                    IExpr::Const(Value::Text(t)) if !texts.contains(t) => texts.push(t.clone()),
                    IExpr::Index(_, k) => {
                        if let IExpr::Const(Value::Text(t)) = &**k {
                            if !keys.contains(t) {
                                keys.push(t.clone());
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    (Texts { known: texts }, keys)
}

/// Starts the solver and declares the records of `versions`.
pub fn setup<'p>(smt: Smt, versions: &[Version<'p>], options: &Options) -> Res<Setup<'p>> {
    let mut smt = smt;
    let (texts, keys) = named(versions);
    let mut universe = Universe {
        fields: Vec::new(),
        texts,
        list_bound: options.list_bound,
    };
    let mut names: Vec<&str> = Vec::new();
    for v in versions {
        for i in v.inputs {
            if !names.contains(&i.name.as_str()) {
                names.push(&i.name);
            }
        }
    }
    for name in names {
        let tys = types_of(versions, name);
        let slot = universe.declare(&mut smt, name, &tys, &keys)?;
        universe.fields.push((name.to_string(), slot));
    }
    let as_of = if versions.iter().any(|v| v.as_of) {
        Some(super::dates::input(&mut smt)?)
    } else {
        None
    };
    let mut scopes = Vec::with_capacity(versions.len());
    for v in versions {
        let (mut record, valid, filled) = read_inputs(&mut smt, &universe, v.policy, v.inputs)?;
        if let (true, Some(d)) = (v.as_of, as_of) {
            let t = smt.t();
            record.push(super::expr::Val {
                err: t.false_(),
                unk: t.false_(),
                none: t.false_(),
                data: super::expr::Data::Date(d),
            });
        }
        scopes.push((
            Scope {
                lets: v.lets,
                record,
                filled,
            },
            valid,
        ));
    }
    Ok(Setup {
        smt,
        universe,
        scopes,
    })
}

fn types_of<'p>(versions: &[Version<'p>], name: &str) -> Vec<Typed<'p>> {
    versions
        .iter()
        .map(|v| {
            v.inputs
                .iter()
                .find(|i| i.name == name)
                .map(|i| (v.policy, &i.ty))
        })
        .collect()
}

impl Setup<'_> {
    /// A record for which `goal` holds, read while its satisfiable question is still open (and
    /// closing it). The solver's figures are rounded to two decimal places of their unit, then to
    /// six, then twelve, and asked again with every figure pinned, so the record reads like a park's; then with
    /// only its decimal figures pinned; failing all, its own figures are taken (`exact` is false
    /// when one had to be rounded to a decimal).
    pub fn model(&mut self, goal: SExpr, versions: &[Version<'_>]) -> Res<(Json, bool)> {
        let mut figures = Vec::new();
        for (_, slot) in &self.universe.fields {
            super::universe::figures(slot, &mut figures);
        }
        let terms: Vec<SExpr> = figures.iter().map(|(x, _)| *x).collect();
        let values = self.smt.values(&terms)?;
        let mut pinned = Vec::new();
        // Rounded to 2 places, to 6, to 12, then only the figures that are decimals already.
        for (places, only_exact) in [(2u32, false), (6, false), (12, false), (12, true)] {
            let t = self.smt.t();
            let mut pins = Vec::new();
            for ((x, (n, d)), v) in figures.iter().zip(&values) {
                let super::solver::Model::Number(r) = v else {
                    continue;
                };
                // In the unit's own terms, rounded, then back in base units.
                let Some((local, exact)) = r.times(*d, *n).and_then(|l| l.decimal(places)) else {
                    continue;
                };
                if only_exact && !exact {
                    continue;
                }
                let (ln, ld) = (local.mantissa(), 10i128.pow(local.scale()));
                let base = super::solver::rational(t, ln.saturating_mul(*n), ld.saturating_mul(*d));
                pins.push(t.eq(*x, base));
            }
            pinned.push(super::solver::all(t, pins));
        }
        self.smt.done()?;
        for pins in pinned {
            let t = self.smt.t();
            if let Ok(super::solver::Answer::Sat) = self.smt.ask(t.and(goal, pins)) {
                let out = self.record(versions);
                self.smt.done()?;
                return out;
            }
        }
        match self.smt.ask(goal)? {
            super::solver::Answer::Sat => {
                let out = self.record(versions);
                self.smt.done()?;
                out
            }
            super::solver::Answer::Unsat => super::expr::refuse(solver_reason::no_longer_found()),
        }
    }

    /// The record of the last satisfiable question, written in the first version's units; `exact`
    /// is false when a figure had to be rounded to a decimal.
    fn record(&mut self, versions: &[Version<'_>]) -> Res<(Json, bool)> {
        let mut out = serde_json::Map::new();
        let mut exact = true;
        for (name, slot) in &self.universe.fields {
            let tys = types_of(versions, name);
            if let Some(v) = decode(&mut self.smt, slot, &tys, &self.universe.texts, &mut exact)? {
                out.insert(name.clone(), v);
            }
        }
        Ok((Json::Object(out), exact))
    }

    /// The slot of a record field.
    pub fn field(&self, name: &str) -> Option<&super::universe::Slot> {
        self.universe
            .fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, s)| s)
    }
}
