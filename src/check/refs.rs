//! Rules that read other rules — `passed(R)`, `passed(group G)`, `figure(R)` — and the order
//! rules are judged in so that each comes after what it reads; a rule that reads itself, through
//! any chain, is a cycle.

use super::declare::Flat;
use super::Checker;
use crate::check::ir::{IExpr, Type};
use crate::diag::{did_you_mean, Diagnostic};
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
                    Diagnostic::error(
                        "jidi::cycle",
                        format!("the figure of `{name}` is defined in terms of itself"),
                    )
                    .label(at, "read while it is being defined")
                    .help("a figure may read other rules' figures, never its own"),
                );
                return None;
            }
            Figure::Pending => {}
        }
        let ast = info.figure_ast.clone();
        if let Some(info) = self.rule_infos.get_mut(i) {
            info.figure = Figure::InProgress;
        }
        let saved = (
            std::mem::take(&mut self.locals),
            self.current_rule.replace(i),
        );
        let lowered = match &ast {
            Some(f) => self.lower_operand(f, None).map(Some),
            None => Some(None),
        };
        self.locals = saved.0;
        self.current_rule = saved.1;
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
        let Some(reader) = self.current_rule else {
            self.error(
                Diagnostic::error("jidi::rule_outside_rule", "only a rule can read another rule")
                    .label(span, "outside any rule")
                    .help("rules are judged after derived values: use it in an indicator, a condition, a veto or an exception"),
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
                let mut d = Diagnostic::error(
                    "jidi::undefined_name",
                    format!("no indicator is in group `{}`", target.text),
                )
                .label(target.span, "not a group");
                d = match did_you_mean(&target.text, groups) {
                    Some(s) => d.help(format!("did you mean `{s}`?")),
                    None => d.help("name the `group` of some indicators"),
                };
                self.error(d);
                return None;
            }
            self.note_reads(reader, &members);
            return Some((IExpr::GroupPassed(members), Type::Bool));
        }
        let Some(i) = self.rule_infos.iter().position(|r| r.name == target.text) else {
            let names: Vec<&str> = self.rule_infos.iter().map(|r| r.name.as_str()).collect();
            let mut d = Diagnostic::error(
                "jidi::undefined_name",
                format!("no rule is named `{}`", target.text),
            )
            .label(target.span, "not a rule");
            d = match did_you_mean(&target.text, names) {
                Some(s) => d.help(format!("did you mean `{s}`?")),
                None => d.help("name an indicator, a condition or a veto"),
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
                            Diagnostic::error("jidi::growth_inexact", "an average growth rate can only be compared")
                                .label(span, "the figure of this rule is one")
                                .help("compare it directly (`growth(近三年产值) > 3 %`) or make it an indicator's figure: its exact value is not a decimal"),
                        );
                        None
                    }
                    None => {
                        self.error(
                            Diagnostic::error(
                                "jidi::no_figure",
                                format!("`{}` has no figure to read", target.text),
                            )
                            .label(target.span, "no figure")
                            .help(format!(
                                "read a rule that has one, or give `{}` a figure",
                                target.text
                            )),
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
                                Diagnostic::error(
                                    "jidi::cycle",
                                    format!("`{name}` reads itself through the rules it reads"),
                                )
                                .label(span, "in a cycle of rules")
                                .help("a rule may read rules judged before it, never itself"),
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
