//! Bindings by field (`binding NAME to RULE by FIELD { VALUES => EFFECT … }`): how far an
//! indicator binds by the value of an enumerated input — "西部地区可适当放宽". Each is checked and
//! lowered into the rule it names, under its own article.

use super::declare::Flat;
use super::Checker;
use crate::check::ir::{BindingCase, BindingDef, BindingEffect, RuleRole, Type};
use crate::diag::catalogue::{
    binding_field, binding_no_effect, binding_overlap, binding_target, common, undefined_binding,
};
use crate::diag::did_you_mean;
use crate::diag::text::Arg;
use crate::syntax::ast::{self, ArticleDecl, BindingDecl, Item, RuleKind};
use crate::value::{Record, Value};

impl Checker {
    pub(super) fn lower_bindings(&mut self, flat: &[Flat<'_>]) {
        // The first binding of each rule, by rule index, for a second one to point at.
        let mut bound: Vec<Option<&BindingDecl>> = vec![None; self.policy.rules.len()];
        for f in flat {
            let Item::Binding(d) = f.item else {
                continue;
            };
            let Some((rule, def)) = self.lower_binding(d, f.article) else {
                continue;
            };
            match bound.get(rule).copied().flatten() {
                Some(first) => {
                    let name = self.policy.rules.get(rule).map_or("", |r| r.name.as_str());
                    let diag = binding_overlap::rule_twice(name, &first.name.text, &d.name.text)
                        .label(d.target.span, binding_overlap::second_binding())
                        .label(first.target.span, binding_overlap::the_first())
                        .help(binding_overlap::merge_bindings());
                    self.error(diag);
                }
                None => {
                    if let Some(slot) = bound.get_mut(rule) {
                        *slot = Some(d);
                    }
                    if let Some(r) = self.policy.rules.get_mut(rule) {
                        r.binding = Some(Box::new(def));
                    }
                }
            }
        }
    }

    /// Checks one binding; the rule it binds (by index) and its lowered form.
    fn lower_binding(
        &mut self,
        d: &BindingDecl,
        article: Option<&ArticleDecl>,
    ) -> Option<(usize, BindingDef)> {
        let Some(article) = article else {
            self.no_article(&d.name, false);
            return None;
        };
        let rule = self.binding_target(d)?;
        let (field, enumeration) = self.binding_field(d)?;
        let (figure, scope) = {
            let r = self.policy.rules.get(rule)?;
            let scope: Vec<usize> = r
                .per_tier
                .iter()
                .enumerate()
                .filter(|(_, c)| c.is_some())
                .map(|(t, _)| t)
                .collect();
            (r.figure.clone(), scope)
        };
        let (values, enum_name) = {
            let e = self.policy.enums.get(enumeration as usize)?;
            (e.clone(), e.name.clone())
        };
        let field_name = self.policy.inputs.get(field)?.name.clone();
        let mut seen: Vec<(u32, ast::Name)> = Vec::new();
        let mut cases = Vec::new();
        let mut failed = false;
        for case in &d.cases {
            let mut listed = Vec::new();
            for v in &case.values {
                let Some(value) = values.lookup(&v.text) else {
                    let mut diag = undefined_binding::not_a_value(&v.text, &enum_name)
                        .label(v.span, undefined_binding::not_a_value_here());
                    diag = match did_you_mean(&v.text, values.values.iter().map(String::as_str)) {
                        Some(s) => diag.help(common::did_you_mean(s)),
                        None => diag.help(undefined_binding::values_are(
                            &enum_name,
                            Arg::list(&values.values),
                        )),
                    };
                    self.error(diag);
                    failed = true;
                    continue;
                };
                if let Some((_, first)) = seen.iter().find(|(s, _)| *s == value) {
                    let diag = binding_overlap::value_twice(&d.name.text, &v.text)
                        .label(v.span, binding_overlap::listed_again())
                        .label(first.span, binding_overlap::first_listed())
                        .help(binding_overlap::one_case());
                    self.error(diag);
                    failed = true;
                    continue;
                }
                seen.push((value, v.clone()));
                listed.push(value);
            }
            let effect = match &case.effect {
                ast::BindingEffect::Kind(kind, span) => {
                    self.lint_same_as_tiers(d, rule, *kind, *span);
                    Some(BindingEffect::Kind(*kind))
                }
                ast::BindingEffect::Panel(_) => Some(BindingEffect::Panel),
                ast::BindingEffect::Rules(rules) => self
                    .lower_tier_rules(rules, figure.as_ref(), &d.name, &scope)
                    .map(BindingEffect::Criteria),
            };
            let Some(effect) = effect else {
                failed = true;
                continue;
            };
            let names: Vec<&str> = case.values.iter().map(|v| v.text.as_str()).collect();
            self.lint_never_applies(d, rule, field, &listed, case.span);
            cases.push(BindingCase {
                values: listed,
                text: format!("{field_name} = {}", names.join(", ")),
                effect,
            });
        }
        if failed {
            return None;
        }
        Some((
            rule,
            BindingDef {
                name: d.name.text.clone(),
                article: article.label.text.clone(),
                quote: article.quotes.first().map(|q| q.text.clone()),
                field,
                complete: seen.len() >= values.values.len(),
                cases,
                span: d.name.span,
            },
        ))
    }

    /// The indicator a binding names, by index.
    fn binding_target(&mut self, d: &BindingDecl) -> Option<usize> {
        let Some(rule) = self.policy.rule_index(&d.target.text) else {
            let indicators: Vec<&str> = self
                .policy
                .rules
                .iter()
                .filter(|r| r.role == RuleRole::Indicator)
                .map(|r| r.name.as_str())
                .collect();
            let mut diag = undefined_binding::no_rule(&d.name.text, &d.target.text)
                .label(d.target.span, undefined_binding::not_an_indicator());
            diag = match did_you_mean(&d.target.text, indicators) {
                Some(s) => diag.help(common::did_you_mean(s)),
                None => diag.help(undefined_binding::name_the_indicator()),
            };
            self.error(diag);
            return None;
        };
        if self.policy.rules.get(rule)?.role != RuleRole::Indicator {
            self.error(
                binding_target::not_indicator(&d.name.text, &d.target.text)
                    .label(d.target.span, binding_target::always_binds())
                    .help(binding_target::use_exception()),
            );
            return None;
        }
        Some(rule)
    }

    /// The input a binding reads (by index) and its enumeration, marking the input used.
    fn binding_field(&mut self, d: &BindingDecl) -> Option<(usize, u32)> {
        let Some(field) = self.policy.input_index(&d.field.text) else {
            let inputs: Vec<&str> = self.policy.inputs.iter().map(|i| i.name.as_str()).collect();
            let mut diag = undefined_binding::no_input(&d.name.text, &d.field.text)
                .label(d.field.span, undefined_binding::not_an_input());
            diag = match did_you_mean(&d.field.text, inputs) {
                Some(s) => diag.help(common::did_you_mean(s)),
                None => diag.help(undefined_binding::name_an_input()),
            };
            self.error(diag);
            return None;
        };
        if let Some(u) = self.used_inputs.get_mut(field) {
            *u = true;
        }
        let ty = self.policy.inputs.get(field)?.ty.clone();
        match ty {
            Type::Enum(e) => Some((field, e)),
            Type::Tier => {
                self.error(
                    binding_field::by_tier(&d.name.text, &d.field.text)
                        .label(d.field.span, binding_field::the_tier())
                        .help(binding_field::write_tier_rules()),
                );
                None
            }
            other => {
                let found = self.policy.type_name(&other);
                self.error(
                    binding_field::not_enumerated(&d.name.text, &d.field.text, &found)
                        .label(d.field.span, binding_field::not_enumeration())
                        .help(binding_field::enumerate_it()),
                );
                None
            }
        }
    }

    /// A case that makes the rule the kind its tier rules already give it, for every tier.
    fn lint_same_as_tiers(
        &mut self,
        d: &BindingDecl,
        rule: usize,
        kind: RuleKind,
        at: crate::source::Span,
    ) {
        let Some(r) = self.policy.rules.get(rule) else {
            return;
        };
        let mut tiers = r.per_tier.iter().flatten().peekable();
        if tiers.peek().is_none() || !tiers.all(|c| c.kind == kind) {
            return;
        }
        let kind = match kind {
            RuleKind::Constraint => "constraint",
            RuleKind::Guidance => "guidance",
        };
        let diag = binding_no_effect::same_as_tiers(&d.name.text, &r.name, kind)
            .label(at, binding_no_effect::changes_nothing())
            .help(binding_no_effect::drop_or_change());
        self.error(diag);
    }

    /// A case whose values the rule's `applies when` excludes, whatever else the record says.
    fn lint_never_applies(
        &mut self,
        d: &BindingDecl,
        rule: usize,
        field: usize,
        values: &[u32],
        at: crate::source::Span,
    ) {
        let Some((applies, _)) = self.policy.rules.get(rule).and_then(|r| r.applies.as_ref())
        else {
            return;
        };
        let excluded = !values.is_empty()
            && values.iter().all(|&v| {
                let mut record = Record {
                    values: vec![Value::Unknown; self.policy.inputs.len()],
                };
                if let Some(slot) = record.values.get_mut(field) {
                    *slot = Value::Enum(v);
                }
                matches!(
                    self.policy.eval_expr(&record, applies),
                    Ok(Value::Bool(false))
                )
            });
        if excluded {
            let name = self.policy.rules.get(rule).map_or("", |r| r.name.as_str());
            let diag = binding_no_effect::never_applies(&d.name.text, name)
                .label(at, binding_no_effect::excluded_by_applies())
                .help(binding_no_effect::check_values());
            self.error(diag);
        }
    }
}
