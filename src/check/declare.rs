//! First pass of the checker: declarations of the measure, units, enumerations, shapes, tiers and inputs.

use super::{Checker, LetState, TitlePart, Type, ValueName};
use crate::check::ir::{EnumDef, FieldDef, IExpr, InputDef, Shape, TierDef};
use crate::diag::catalogue::{
    bad_effective_range, bad_unit_factor, common, declared_kind, duplicate_name, effective_unset,
    no_measure, no_tier_input, no_tiers, overflow, range_on_non_number, undefined_name,
    undefined_title_hole, undefined_type, undefined_unit, unit_made_plain,
};
use crate::diag::did_you_mean;
use crate::diag::text::Text;
use crate::source::Span;
use crate::syntax::ast::{self, Item, Name, TypeExpr, UnitExpr};
use crate::units::{Rational, Unit, UnitDef};

/// An item with the article it sits under, if any.
pub(super) struct Flat<'a> {
    pub item: &'a Item,
    pub article: Option<&'a ast::ArticleDecl>,
}

/// Lists every item, articles' contents in place, remembering each one's article.
pub(super) fn flatten(items: &[Item]) -> Vec<Flat<'_>> {
    let mut out = Vec::new();
    for item in items {
        out.push(Flat {
            item,
            article: None,
        });
        if let Item::Article(a) = item {
            for inner in &a.items {
                out.push(Flat {
                    item: inner,
                    article: Some(a),
                });
            }
        }
    }
    out
}

impl Checker {
    pub(super) fn duplicate(&mut self, what: Text, name: &Name, first: Span) {
        self.error(
            duplicate_name::declared_twice(what, &name.text)
                .label(name.span, duplicate_name::declared_again())
                .label(first, duplicate_name::first_declared())
                .help(duplicate_name::rename_one()),
        );
    }

    pub(super) fn declare(&mut self, flat: &[Flat<'_>]) {
        let mut measure_seen: Option<Span> = None;
        let mut unit_spans: Vec<Span> = Vec::new();
        let mut type_spans: std::collections::HashMap<String, Span> = Default::default();
        for f in flat {
            match f.item {
                Item::Measure(m) => {
                    if let Some(first) = measure_seen {
                        self.duplicate(declared_kind::measure(), &m.title, first);
                        continue;
                    }
                    measure_seen = Some(m.span);
                    self.declare_measure(m);
                }
                Item::Unit(u) => self.declare_unit(u, &mut unit_spans),
                Item::Enum(e) => {
                    if let Some(first) = type_spans.get(&e.name.text) {
                        self.duplicate(declared_kind::type_(), &e.name, *first);
                        continue;
                    }
                    type_spans.insert(e.name.text.clone(), e.name.span);
                    self.declare_enum(e);
                }
                Item::Record(r) => {
                    if let Some(first) = type_spans.get(&r.name.text) {
                        self.duplicate(declared_kind::type_(), &r.name, *first);
                        continue;
                    }
                    type_spans.insert(r.name.text.clone(), r.name.span);
                    let id = self.policy.shapes.len() as u32;
                    self.names.shapes.insert(r.name.text.clone(), id);
                    self.policy.shapes.push(Shape {
                        name: r.name.text.clone(),
                        fields: Vec::new(),
                    });
                }
                _ => {}
            }
        }
        if measure_seen.is_none() {
            self.error(
                no_measure::no_measure_block()
                    .label(Span::new(0, 0), common::nothing())
                    .help(no_measure::add_measure()),
            );
        }
        // Shapes' fields may use any enumeration, so they are resolved once all are known.
        for f in flat {
            if let Item::Record(r) = f.item {
                let Some(&id) = self.names.shapes.get(&r.name.text) else {
                    continue;
                };
                let mut fields: Vec<FieldDef> = Vec::new();
                for fd in &r.fields {
                    if fields.iter().any(|x| x.name == fd.name.text) {
                        self.duplicate(declared_kind::field(), &fd.name, r.name.span);
                        continue;
                    }
                    if let Some(ty) = self.resolve_type(&fd.ty) {
                        fields.push(FieldDef {
                            name: fd.name.text.clone(),
                            ty,
                            optional: fd.optional,
                            range: fd.range.map(|(lo, hi, _)| (lo, hi)),
                        });
                    }
                }
                if let Some(shape) = self.policy.shapes.get_mut(id as usize) {
                    shape.fields = fields;
                }
            }
        }
        for f in flat {
            match f.item {
                Item::Tier(t) => self.declare_tier(t),
                Item::Input(i) => self.declare_input(i),
                Item::Set(s) if self.claim_value(&s.name, ValueName::Set(self.set_asts.len())) => {
                    self.set_asts.push(s.clone());
                    self.set_done.push(None);
                    self.sets.push((IExpr::Set(Vec::new()), Type::Nothing));
                }
                Item::Let(l) if self.claim_value(&l.name, ValueName::Let(self.let_asts.len())) => {
                    self.let_state.push(LetState::Pending(self.let_asts.len()));
                    self.let_asts.push(l.clone());
                }
                Item::Table(t) => self.declare_table(t, f.article),
                _ => {}
            }
        }
        self.declare_titles(flat);
        if super::lifecycle::lifecycle_only(flat) {
            self.policy.tier_input = usize::MAX;
        } else {
            self.find_key_inputs();
        }
    }

    /// Registers a name in the value namespace; false (with a diagnostic) if it is taken.
    pub(super) fn claim_value(&mut self, name: &Name, what: ValueName) -> bool {
        if let Some((_, first)) = self.names.values.get(&name.text) {
            let first = *first;
            self.duplicate(declared_kind::name(), name, first);
            return false;
        }
        self.names
            .values
            .insert(name.text.clone(), (what, name.span));
        true
    }

    fn declare_measure(&mut self, m: &ast::MeasureDecl) {
        let meta = &mut self.policy.meta;
        meta.title = m.title.text.clone();
        meta.version = m.version.as_ref().map(|v| v.text.clone());
        meta.issuer = m.issuer.as_ref().map(|v| v.text.clone());
        meta.term = m.term;
        meta.repeals = m.repeals.iter().map(|r| r.text.clone()).collect();
        meta.effective_range = m.effective_range;
        match &m.effective {
            Some((Some(date), _)) => meta.effective = Some(*date),
            Some((None, span)) => self.error(
                effective_unset::not_set()
                    .label(*span, effective_unset::no_date())
                    .help(effective_unset::set_when_known()),
            ),
            None => self.error(
                effective_unset::not_said()
                    .label(m.title.span, effective_unset::no_effective_line())
                    .help(effective_unset::write_effective()),
            ),
        }
        if let (Some((from, to)), Some((_, span))) = (m.effective_range, &m.effective) {
            if from > to {
                self.error(
                    bad_effective_range::cannot_lie(from, to)
                        .label(*span, bad_effective_range::first_after_last())
                        .help(bad_effective_range::earliest_first()),
                );
            }
        }
    }

    fn declare_unit(&mut self, u: &ast::UnitDecl, spans: &mut Vec<Span>) {
        if let Some(id) = self.policy.units.find(&u.name.text) {
            let first = spans.get(usize::from(id)).copied().unwrap_or_default();
            self.duplicate(declared_kind::unit(), &u.name, first);
            return;
        }
        let (dims, factor) = match &u.definition {
            None => {
                let id = u16::try_from(self.policy.units.defs.len()).unwrap_or(u16::MAX);
                (vec![(id, 1)], Rational::ONE)
            }
            Some((ratio, base)) => {
                let factor = Rational::from_decimal(ratio.numer)
                    .zip(Rational::from_decimal(ratio.denom))
                    .and_then(|(n, d)| n.over(d));
                let factor = factor.filter(|f| f.is_positive());
                let Some(factor) = factor else {
                    self.error(
                        bad_unit_factor::zero_or_large()
                            .label(ratio.span, bad_unit_factor::factor())
                            .help(bad_unit_factor::positive_factor()),
                    );
                    self.poisoned.insert(u.name.text.clone());
                    return;
                };
                let base = match base {
                    Some(b) => match self.resolve_unit(b) {
                        Some(unit) => unit,
                        None => {
                            self.poisoned.insert(u.name.text.clone());
                            return;
                        }
                    },
                    None => {
                        self.lint_plain_unit(u);
                        Unit::dimensionless()
                    }
                };
                let Some(total) = factor.times(base.factor) else {
                    self.error(
                        bad_unit_factor::factor_overflows()
                            .label(ratio.span, bad_unit_factor::factor())
                            .help(bad_unit_factor::smaller_base()),
                    );
                    self.poisoned.insert(u.name.text.clone());
                    return;
                };
                (base.dims, total)
            }
        };
        spans.push(u.name.span);
        self.policy.units.defs.push(UnitDef {
            name: u.name.text.clone(),
            dims,
            factor,
        });
    }

    /// A unit named as money or an area (`万元`, `公顷`, `亩` …) declared a plain number.
    fn lint_plain_unit(&mut self, u: &ast::UnitDecl) {
        /// The words of Chinese money and area units a unit's name ends with.
        const MONEY_OR_AREA: &[&str] = &["元", "公顷", "亩", "平方米", "平方千米", "平方公里"];
        if MONEY_OR_AREA.iter().any(|w| u.name.text.ends_with(w)) {
            let at = u.definition.as_ref().map_or(u.span, |(r, _)| r.span);
            self.error(
                unit_made_plain::made_plain(&u.name.text)
                    .label(at, unit_made_plain::no_base_unit())
                    .help(unit_made_plain::give_base_unit(&u.name.text)),
            );
        }
    }

    fn declare_enum(&mut self, e: &ast::EnumDecl) {
        let id = self.policy.enums.len() as u32;
        let mut def = EnumDef {
            name: e.name.text.clone(),
            values: Vec::new(),
            aliases: Vec::new(),
        };
        for v in &e.values {
            if def.values.contains(&v.name.text) {
                self.duplicate(declared_kind::enumeration_value(), &v.name, e.name.span);
                continue;
            }
            let idx = def.values.len() as u32;
            def.values.push(v.name.text.clone());
            def.aliases
                .extend(v.aliases.iter().map(|a| (a.text.clone(), idx)));
            self.names
                .constants
                .entry(v.name.text.clone())
                .or_default()
                .push((id, idx));
        }
        self.names.enums.insert(e.name.text.clone(), id);
        self.policy.enums.push(def);
    }

    fn declare_tier(&mut self, t: &ast::TierDecl) {
        let id = self.policy.tiers.len() as u32;
        if self.claim_value(&t.name, ValueName::Tier(id)) {
            self.policy.tiers.push(TierDef {
                name: t.name.text.clone(),
                title: None,
            });
        }
    }

    pub(super) fn declare_input(&mut self, i: &ast::InputDecl) {
        let Some(ty) = self.resolve_type(&i.ty) else {
            self.poisoned.insert(i.name.text.clone());
            return;
        };
        let slot = self.policy.inputs.len();
        if !self.claim_value(&i.name, ValueName::Input(slot)) {
            return;
        }
        let range = match (&i.range, &ty) {
            (Some((lo, hi, _)), Type::Num(_)) => Some((*lo, *hi)),
            (Some((_, _, span)), _) => {
                self.error(
                    range_on_non_number::only_numbers()
                        .label(*span, range_on_non_number::range_here())
                        .help(range_on_non_number::remove_range()),
                );
                None
            }
            (None, _) => None,
        };
        self.policy.inputs.push(InputDef {
            name: i.name.text.clone(),
            ty,
            optional: i.optional,
            range,
            span: i.name.span,
        });
        // Inputs marked `recorded`, and the name and tier, count as read.
        let key = matches!(i.ty, TypeExpr::RecordName(_) | TypeExpr::Tier(_));
        self.used_inputs.push(i.recorded || key);
    }

    fn declare_titles(&mut self, flat: &[Flat<'_>]) {
        for f in flat {
            let Item::Tier(t) = f.item else { continue };
            let Some(title) = &t.title else { continue };
            let mut parts = Vec::new();
            let mut rest = title.text.as_str();
            let mut ok = true;
            while let Some(open) = rest.find('{') {
                let (before, after) = rest.split_at(open);
                if !before.is_empty() {
                    parts.push(TitlePart::Text(before.to_string()));
                }
                let after = after.get(1..).unwrap_or("");
                let Some(close) = after.find('}') else {
                    ok = false;
                    break;
                };
                let hole = after.get(..close).unwrap_or("").trim();
                match self.names.values.get(hole) {
                    Some((ValueName::Input(slot), _)) => {
                        let slot = *slot;
                        if let Some(u) = self.used_inputs.get_mut(slot) {
                            *u = true;
                        }
                        parts.push(TitlePart::Input(slot));
                    }
                    _ => {
                        let written = format!("{{{hole}}}");
                        let hole_span = self
                            .source
                            .text()
                            .get(title.span.start..title.span.end)
                            .and_then(|t| t.find(&written))
                            .map_or(title.span, |at| {
                                Span::new(
                                    title.span.start + at,
                                    title.span.start + at + written.len(),
                                )
                            });
                        let inputs: Vec<&str> =
                            self.policy.inputs.iter().map(|i| i.name.as_str()).collect();
                        let mut d = undefined_title_hole::not_an_input(hole)
                            .label(hole_span, undefined_title_hole::not_input());
                        d = match did_you_mean(hole, inputs) {
                            Some(s) => d.help(common::did_you_mean(s)),
                            None => d.help(undefined_title_hole::holes_are()),
                        };
                        self.error(d);
                        ok = false;
                    }
                }
                rest = after.get(close + 1..).unwrap_or("");
            }
            if !rest.is_empty() {
                parts.push(TitlePart::Text(rest.to_string()));
            }
            if !ok {
                continue;
            }
            if let Some(tier) = self.policy.tiers.iter_mut().find(|x| x.name == t.name.text) {
                tier.title = Some(parts);
            }
        }
    }

    fn find_key_inputs(&mut self) {
        let tiers: Vec<usize> = (0..self.policy.inputs.len())
            .filter(|&i| {
                self.policy
                    .inputs
                    .get(i)
                    .is_some_and(|x| x.ty == Type::Tier)
            })
            .collect();
        match tiers.as_slice() {
            [one] => self.policy.tier_input = *one,
            [] => self.error(
                no_tier_input::none()
                    .label(Span::new(0, 0), common::nothing())
                    .help(no_tier_input::declare_tier_input()),
            ),
            [_, second, ..] => {
                let span = self
                    .policy
                    .inputs
                    .get(*second)
                    .map(|i| i.span)
                    .unwrap_or_default();
                self.error(
                    duplicate_name::two_tier_inputs()
                        .label(span, duplicate_name::second_tier_input())
                        .help(duplicate_name::keep_one_tier_input()),
                );
            }
        }
        if self.policy.tiers.is_empty() {
            self.error(
                no_tiers::none()
                    .label(Span::new(0, 0), common::nothing())
                    .help(no_tiers::declare_tiers()),
            );
        }
        self.policy.name_input = self.record_name_input;
    }

    /// A unit expression such as `万元/公顷`.
    pub(super) fn resolve_unit(&mut self, u: &UnitExpr) -> Option<Unit> {
        let mut acc = Unit::dimensionless();
        for (name, exp) in &u.factors {
            if self.poisoned.contains(&name.text) {
                return None;
            }
            let Some(id) = self.policy.units.find(&name.text) else {
                let names: Vec<&str> = self
                    .policy
                    .units
                    .defs
                    .iter()
                    .map(|d| d.name.as_str())
                    .collect();
                let mut d = undefined_unit::unknown_unit(&name.text)
                    .label(name.span, undefined_unit::not_a_unit());
                d = match did_you_mean(&name.text, names) {
                    Some(s) => d.help(common::did_you_mean(s)),
                    None => d.help(undefined_unit::declare_unit(&name.text)),
                };
                self.error(d);
                return None;
            };
            let one = self.policy.units.named(id)?;
            let next = if *exp > 0 {
                acc.times(&one)
            } else {
                acc.per(&one)
            };
            let Some(next) = next else {
                self.error(
                    undefined_unit::factor_overflows()
                        .label(u.span, undefined_unit::too_large_factor())
                        .help(overflow::closer_units()),
                );
                return None;
            };
            acc = next;
        }
        Some(acc)
    }

    pub(super) fn resolve_type(&mut self, t: &TypeExpr) -> Option<Type> {
        Some(match t {
            TypeExpr::Bool(_) => Type::Bool,
            TypeExpr::Date(_) => Type::Date,
            TypeExpr::Text(_) => Type::Text,
            TypeExpr::Number(_) => Type::Num(Unit::dimensionless()),
            TypeExpr::RecordName(_) => {
                self.record_name_input = Some(self.policy.inputs.len());
                Type::Text
            }
            TypeExpr::Tier(_) => Type::Tier,
            TypeExpr::List(inner, _) => Type::List(Box::new(self.resolve_type(inner)?)),
            TypeExpr::Map(inner, _) => Type::Map(Box::new(self.resolve_type(inner)?)),
            TypeExpr::Named(u) => {
                if u.factors
                    .iter()
                    .any(|(n, _)| self.poisoned.contains(&n.text))
                {
                    return None;
                }
                if let [(name, 1)] = u.factors.as_slice() {
                    if let Some(&e) = self.names.enums.get(&name.text) {
                        return Some(Type::Enum(e));
                    }
                    if let Some(&s) = self.names.shapes.get(&name.text) {
                        return Some(Type::Shape(s));
                    }
                    if self.policy.units.find(&name.text).is_none() {
                        let mut names: Vec<&str> =
                            self.names.enums.keys().map(String::as_str).collect();
                        names.extend(self.names.shapes.keys().map(String::as_str));
                        names.extend(self.policy.units.defs.iter().map(|d| d.name.as_str()));
                        let mut d = undefined_type::unknown_type(&name.text)
                            .label(name.span, undefined_name::not_declared());
                        d = match did_you_mean(&name.text, names) {
                            Some(s) => d.help(common::did_you_mean(s)),
                            None => d.help(undefined_type::types_are()),
                        };
                        self.error(d);
                        return None;
                    }
                }
                Type::Num(self.resolve_unit(u)?)
            }
        })
    }
}
