//! Rules that read other rules — `passed(R)`, `passed(group G)`, `figure(R)` — and the order
//! rules are judged in so that each comes after what it reads; a rule that reads itself, through
//! any chain, is a cycle.

use super::declare::Flat;
use super::{Checker, Scope};
use crate::check::ir::{IExpr, Type};
use crate::diag::catalogue::{
    common, growth_inexact, no_rule_figure, rule_cycle, rule_outside_rule, undefined_rule,
};
use crate::diag::did_you_mean;
use crate::source::Span;
use crate::syntax::ast::{self, Item, RuleDecl, RuleRead};

/// A rule's figure, lowered on first use.
#[derive(Debug, Clone)]
enum Figure {
    Pending,
    InProgress,
    Failed,
    Done(Option<(IExpr, Type)>),
}

/// What rules that read a rule need to know of it before it is lowered.
#[derive(Debug, Clone)]
pub(super) struct RuleInfo {
    name: String,
    group: Option<String>,
    indicator: bool,
    figure_ast: Option<ast::Expr>,
    /// The figure, lowered when first needed.
    figure: Figure,
    /// The rules it reads, by index.
    reads: Vec<usize>,
    span: Span,
}

impl Checker {
    /// Lists the rules in the order they will be lowered, names first seen only.
    pub(super) fn declare_rules(&mut self, flat: &[Flat<'_>]) {
        for f in flat {
            let Item::Rule(rule) = f.item else { continue };
            let (name, group, indicator, figure_ast) = match rule {
                RuleDecl::Indicator(d) => (
                    &d.name,
                    d.group.as_ref().map(|g| g.text.clone()),
                    true,
                    d.figure.clone(),
                ),
                RuleDecl::Condition(d) | RuleDecl::Veto(d) => (&d.name, None, false, None),
            };
            if self.rule_infos.iter().any(|r| r.name == name.text) {
                continue;
            }
            self.rule_infos.push(RuleInfo {
                name: name.text.clone(),
                group,
                indicator,
                figure_ast,
                figure: Figure::Pending,
                reads: Vec::new(),
                span: name.span,
            });
        }
    }

    /// The figure of rule `i` (`Some(None)`: it has none), lowered once; `None` when lowering
    /// it failed, which has been reported.
    pub(super) fn rule_figure(&mut self, i: usize, at: Span) -> Option<Option<(IExpr, Type)>> {
        let info = self.rule_infos.get(i)?;
        match &info.figure {
            Figure::Done(f) => return Some(f.clone()),
            Figure::Failed => return None,
            Figure::InProgress => {
                let name = info.name.clone();
                self.error(
                    rule_cycle::figure_itself(&name)
                        .label(at, rule_cycle::read_while_defined())
                        .help(rule_cycle::figure_reads_others()),
                );
                return None;
            }
            Figure::Pending => {}
        }
        let ast = info.figure_ast.clone();
        if let Some(info) = self.rule_infos.get_mut(i) {
            info.figure = Figure::InProgress;
        }
        let scope = Scope {
            current_rule: Some(i),
            ..self.scope.without_locals()
        };
        let lowered = self.within(scope, |c| match &ast {
            Some(f) => c.lower_operand(f, None).map(Some),
            None => Some(None),
        });
        if let Some(info) = self.rule_infos.get_mut(i) {
            info.figure = match &lowered {
                Some(fig) => Figure::Done(fig.clone()),
                None => Figure::Failed,
            };
        }
        lowered
    }

    pub(super) fn lower_rule_ref(
        &mut self,
        read: RuleRead,
        target: &ast::Name,
        group: bool,
        span: Span,
    ) -> Option<(IExpr, Type)> {
        let Some(reader) = self.scope.current_rule else {
            self.error(
                rule_outside_rule::only_a_rule()
                    .label(span, rule_outside_rule::outside_any())
                    .help(rule_outside_rule::judged_after()),
            );
            return None;
        };
        if group {
            let members: Vec<usize> = self
                .rule_infos
                .iter()
                .enumerate()
                .filter(|(_, r)| r.indicator && r.group.as_deref() == Some(target.text.as_str()))
                .map(|(i, _)| i)
                .collect();
            if members.is_empty() {
                let groups: Vec<&str> = self
                    .rule_infos
                    .iter()
                    .filter_map(|r| r.group.as_deref())
                    .collect();
                let mut d = undefined_rule::no_group(&target.text)
                    .label(target.span, undefined_rule::not_a_group());
                d = match did_you_mean(&target.text, groups) {
                    Some(s) => d.help(common::did_you_mean(s)),
                    None => d.help(undefined_rule::name_a_group()),
                };
                self.error(d);
                return None;
            }
            self.note_reads(reader, &members);
            return Some((IExpr::GroupPassed(members), Type::Bool));
        }
        let Some(i) = self.rule_infos.iter().position(|r| r.name == target.text) else {
            let names: Vec<&str> = self.rule_infos.iter().map(|r| r.name.as_str()).collect();
            let mut d = undefined_rule::no_rule(&target.text)
                .label(target.span, undefined_rule::not_a_rule());
            d = match did_you_mean(&target.text, names) {
                Some(s) => d.help(common::did_you_mean(s)),
                None => d.help(undefined_rule::name_a_rule()),
            };
            self.error(d);
            return None;
        };
        self.note_reads(reader, &[i]);
        match read {
            RuleRead::Passed => Some((IExpr::RulePassed(i), Type::Bool)),
            RuleRead::Figure => {
                let figure = self.rule_figure(i, target.span)?;
                match figure {
                    Some((f, ty)) if !f.is_growth() => Some((IExpr::RuleFigure(i), ty)),
                    Some(_) => {
                        self.error(
                            growth_inexact::only_compared()
                                .label(span, growth_inexact::rule_figure_is_one())
                                .help(growth_inexact::compare_directly()),
                        );
                        None
                    }
                    None => {
                        self.error(
                            no_rule_figure::nothing_to_read(&target.text)
                                .label(target.span, no_rule_figure::no_figure())
                                .help(no_rule_figure::read_one_that_has(&target.text)),
                        );
                        None
                    }
                }
            }
        }
    }

    fn note_reads(&mut self, reader: usize, read: &[usize]) {
        if let Some(info) = self.rule_infos.get_mut(reader) {
            for r in read {
                if !info.reads.contains(r) {
                    info.reads.push(*r);
                }
            }
        }
    }

    /// Orders the rules so that each is judged after those it reads, declaration order otherwise.
    pub(super) fn order_rules(&mut self) {
        let n = self.policy.rules.len();
        let reads: Vec<Vec<usize>> = (0..n)
            .map(|i| {
                self.rule_infos
                    .get(i)
                    .map_or_else(Vec::new, |r| r.reads.clone())
            })
            .collect();
        let mut done = vec![false; n];
        let mut order = Vec::with_capacity(n);
        while order.len() < n {
            let next = (0..n).find(|&i| {
                !done.get(i).copied().unwrap_or(true)
                    && reads.get(i).is_some_and(|r| {
                        r.iter()
                            .all(|&d| d != i && done.get(d).copied().unwrap_or(true))
                    })
            });
            match next {
                Some(i) => {
                    if let Some(d) = done.get_mut(i) {
                        *d = true;
                    }
                    order.push(i);
                }
                None => {
                    // Every rule left reads one that is left: a cycle.
                    for i in (0..n).filter(|&i| !done.get(i).copied().unwrap_or(true)) {
                        if let Some(info) = self.rule_infos.get(i) {
                            let (name, span) = (info.name.clone(), info.span);
                            self.error(
                                rule_cycle::reads_itself(&name)
                                    .label(span, rule_cycle::in_cycle())
                                    .help(rule_cycle::judged_before()),
                            );
                        }
                    }
                    return;
                }
            }
        }
        self.policy.rule_order = order;
    }
}
