//! Lowers the rules — indicators, eligibility conditions, vetoes — and the decision that combines them.

use super::declare::Flat;
use super::{Checker, Scope, Type};
use crate::check::ir::{
    Branch, CheckTest, Comparison, ICheck, IExpr, RuleDef, RuleRole, TierCriterion,
};
use crate::diag::catalogue::{
    common, declared_kind, duplicate_threshold, missing_threshold, no_article, no_figure,
    tier_out_of_scope, undefined_tier,
};
use crate::diag::did_you_mean;
use crate::diag::text::Arg;
use crate::syntax::ast::{
    self, BinOp, Check, Criterion, ExprKind, Item, Nature, RuleDecl, TierList,
};

impl Checker {
    /// Tier indices named by a tier list; unknown names are reported.
    fn tiers_of(&mut self, list: &TierList) -> Vec<usize> {
        match list {
            TierList::All(_) => (0..self.policy.tiers.len()).collect(),
            TierList::Named(names) => {
                let mut out = Vec::new();
                for n in names {
                    match self.policy.tier_index(&n.text) {
                        Some(i) => out.push(i),
                        // With no tiers at all, `no_tiers` has said it once.
                        None if self.policy.tiers.is_empty() => self.scope.unresolved_tier = true,
                        None => {
                            self.scope.unresolved_tier = true;
                            let tiers: Vec<&str> =
                                self.policy.tiers.iter().map(|t| t.name.as_str()).collect();
                            let mut d = undefined_tier::unknown_tier(&n.text)
                                .label(n.span, undefined_tier::not_a_tier());
                            d = match did_you_mean(&n.text, tiers.iter().copied()) {
                                Some(s) => d.help(common::did_you_mean(s)),
                                None => d.help(undefined_tier::tiers_are(Arg::list(tiers))),
                            };
                            self.error(d);
                        }
                    }
                }
                out
            }
        }
    }

    pub(super) fn lower_rules(&mut self, flat: &[Flat<'_>]) {
        self.declare_rules(flat);
        let mut seen: std::collections::HashMap<String, crate::source::Span> = Default::default();
        for f in flat {
            let Item::Rule(rule) = f.item else { continue };
            let name = match rule {
                RuleDecl::Indicator(d) => &d.name,
                RuleDecl::Condition(d) | RuleDecl::Veto(d) => &d.name,
            };
            if let Some(first) = seen.get(&name.text) {
                let first = *first;
                self.duplicate(declared_kind::rule(), name, first);
                continue;
            }
            seen.insert(name.text.clone(), name.span);
            let article = f.article.map(|a| a.label.text.clone());
            let quote = f
                .article
                .and_then(|a| a.quotes.first())
                .map(|q| q.text.clone());
            let lowered = self.within(Scope::rule(seen.len() - 1), |c| match rule {
                RuleDecl::Indicator(d) => c.lower_indicator(d, article, quote),
                RuleDecl::Condition(d) => c.lower_gate(d, RuleRole::Condition, article, quote),
                RuleDecl::Veto(d) => c.lower_gate(d, RuleRole::Veto, article, quote),
            });
            if let Some(r) = lowered {
                self.policy.rules.push(r);
                self.rule_articles
                    .push(f.article.map(|a| a.label.text.clone()));
            }
        }
        for f in flat {
            let assumptions: Vec<&ast::AssumeDecl> = match f.item {
                Item::Assume(a) => vec![a],
                Item::Rule(RuleDecl::Indicator(d)) => d.assumptions.iter().collect(),
                _ => continue,
            };
            for a in assumptions {
                self.policy.assumptions.push(crate::check::ir::Assumption {
                    name: a.name.text.clone(),
                    text: a.text.text.clone(),
                    article: f.article.map(|x| x.label.text.clone()),
                    span: a.span,
                });
            }
        }
    }

    pub(super) fn no_article(&mut self, name: &ast::Name, indicator: bool) {
        let help = if indicator {
            no_article::put_indicator()
        } else {
            no_article::put_rule()
        };
        self.error(
            no_article::cites_none(&name.text)
                .label(name.span, no_article::no_citation())
                .help(help),
        );
    }

    fn lower_gate(
        &mut self,
        d: &ast::GateDecl,
        role: RuleRole,
        article: Option<String>,
        quote: Option<String>,
    ) -> Option<RuleDef> {
        let Some(article) = article else {
            self.no_article(&d.name, false);
            return None;
        };
        let tiers = match &d.tiers {
            Some(list) => self.tiers_of(list),
            None => (0..self.policy.tiers.len()).collect(),
        };
        let criterion = self.gate_criterion(&d.test, role)?;
        let per_tier = (0..self.policy.tiers.len())
            .map(|t| tiers.contains(&t).then(|| criterion.clone()))
            .collect();
        let trigger_ty = match (&d.test.kind, role) {
            (
                ExprKind::Quant {
                    over,
                    quantifier: ast::Quantifier::Any,
                    ..
                },
                RuleRole::Veto,
            ) => match self.lower(over, None) {
                Some((_, Type::List(elem))) => Some(*elem),
                _ => None,
            },
            _ => None,
        };
        Some(RuleDef {
            role,
            name: d.name.text.clone(),
            formerly: Vec::new(),
            article,
            criterion: quote,
            group: None,
            nature: None,
            applies: None,
            figure: None,
            per_tier,
            trigger_ty,
            exceptions: Vec::new(),
            binding: None,
            span: d.name.span,
        })
    }

    /// The one-check criterion of a condition or a veto: a veto's test holds when it is triggered.
    pub(super) fn gate_criterion(
        &mut self,
        test: &ast::Expr,
        role: RuleRole,
    ) -> Option<TierCriterion> {
        let check = if role == RuleRole::Veto {
            let holds = CheckTest::Holds(self.lower_bool(test)?);
            self.make_check(self.text(test.span), holds)
        } else {
            self.check_expr(test)?
        };
        Some(TierCriterion {
            kind: ast::RuleKind::Constraint,
            branches: vec![Branch {
                guard: None,
                guard_text: None,
                checks: vec![check],
            }],
        })
    }

    /// A check, with what it reads from the record.
    fn make_check(&mut self, text: String, test: CheckTest) -> ICheck {
        let mut exprs = Vec::new();
        match &test {
            CheckTest::Holds(e) => e.record_reads(&mut exprs),
            CheckTest::Compare(c) => {
                c.figure.record_reads(&mut exprs);
                c.threshold.record_reads(&mut exprs);
            }
        }
        // The derived values it reads directly, after the record's: their values explain it.
        let lets = match &test {
            CheckTest::Holds(e) => vec![e],
            CheckTest::Compare(c) => vec![&c.figure, &c.threshold],
        };
        for e in lets.into_iter().flat_map(IExpr::subexpressions) {
            if matches!(e, IExpr::Let(_)) && !exprs.contains(e) {
                exprs.push(e.clone());
            }
        }
        let reads = exprs
            .into_iter()
            .filter_map(|e| self.read_slot(e))
            .collect();
        ICheck { text, test, reads }
    }

    /// The index of a read (of the record, or of a derived value) in the policy's table,
    /// adding it if new.
    fn read_slot(&mut self, expr: IExpr) -> Option<usize> {
        if let Some(i) = self.policy.reads.iter().position(|r| r.expr == expr) {
            return Some(i);
        }
        let (label, ty) = match &expr {
            IExpr::Input(i) => {
                let input = self.policy.inputs.get(*i)?;
                (input.name.clone(), input.ty.clone())
            }
            IExpr::Index(m, k) => {
                let (IExpr::Input(i), IExpr::Const(crate::value::Value::Text(key))) = (&**m, &**k)
                else {
                    return None;
                };
                let input = self.policy.inputs.get(*i)?;
                let Type::Map(inner) = &input.ty else {
                    return None;
                };
                (format!("{}[\"{key}\"]", input.name), (**inner).clone())
            }
            IExpr::Let(k) => {
                let l = self.policy.lets.get(*k)?;
                (l.name.clone(), l.ty.clone())
            }
            _ => return None,
        };
        self.policy
            .reads
            .push(crate::check::ir::Read { label, expr, ty });
        Some(self.policy.reads.len() - 1)
    }

    /// A check from a boolean expression: a top-level comparison of numbers keeps its figure,
    /// threshold and margin for the report.
    fn check_expr(&mut self, e: &ast::Expr) -> Option<ICheck> {
        let text = self.text(e.span);
        if let ExprKind::Binary(BinOp::Cmp(op), l, r) = &e.kind {
            let (il, lty) = self.lower_operand(l, None)?;
            let (ir, rty) = self.lower_operand(r, Some(&lty))?;
            let cmp = self.compare(*op, il, &lty, ir, &rty, r.span)?;
            let test = match (cmp, &lty) {
                (IExpr::Cmp(op, fig, thr), Type::Num(_)) => {
                    CheckTest::Compare(Box::new(Comparison {
                        figure: *fig,
                        op,
                        threshold: *thr,
                        figure_ty: lty.clone(),
                        threshold_span: r.span,
                    }))
                }
                (other, _) => CheckTest::Holds(other),
            };
            return Some(self.make_check(text, test));
        }
        let lowered = self.lower_bool(e)?;
        Some(self.make_check(text, CheckTest::Holds(lowered)))
    }

    fn lower_check(
        &mut self,
        c: &Check,
        figure: Option<&(IExpr, Type)>,
        indicator: &ast::Name,
    ) -> Option<ICheck> {
        match c {
            Check::Test(e) => self.check_expr(e),
            Check::Against {
                op,
                threshold,
                span,
            } => {
                let Some((fig, fty)) = figure else {
                    self.error(
                        no_figure::nothing_to_compare(&indicator.text)
                            .label(*span, no_figure::compared_with_what())
                            .help(no_figure::give_figure(&indicator.text)),
                    );
                    return None;
                };
                let (it, tty) = self.lower(threshold, Some(fty))?;
                let cmp = self.compare(*op, fig.clone(), fty, it, &tty, threshold.span)?;
                let IExpr::Cmp(_, _, thr) = cmp else {
                    return None;
                };
                let text = self.text(*span);
                let test = CheckTest::Compare(Box::new(Comparison {
                    figure: fig.clone(),
                    op: *op,
                    threshold: *thr,
                    figure_ty: fty.clone(),
                    threshold_span: threshold.span,
                }));
                Some(self.make_check(text, test))
            }
        }
    }

    fn lower_checks(
        &mut self,
        checks: &[Check],
        figure: Option<&(IExpr, Type)>,
        name: &ast::Name,
    ) -> Option<Vec<ICheck>> {
        let lowered: Vec<Option<ICheck>> = checks
            .iter()
            .map(|c| self.lower_check(c, figure, name))
            .collect();
        lowered.into_iter().collect()
    }

    fn lower_indicator(
        &mut self,
        d: &ast::IndicatorDecl,
        article: Option<String>,
        quote: Option<String>,
    ) -> Option<RuleDef> {
        let cite = d.cite.as_ref().map(|c| c.text.clone()).or(article);
        let Some(cite) = cite else {
            self.no_article(&d.name, true);
            return None;
        };
        let figure = match self.scope.current_rule {
            Some(i) => self.rule_figure(i, d.name.span)?,
            None => None,
        };
        let applies = match &d.applies {
            Some(a) => Some((self.lower_bool(a)?, self.text(a.span))),
            None => None,
        };
        let scope: Vec<usize> = match &d.scope {
            Some(list) => self.tiers_of(list),
            None => (0..self.policy.tiers.len()).collect(),
        };
        let per_tier = self.lower_tier_rules(&d.rules, figure.as_ref(), &d.name, &scope)?;
        // A misspelt tier name has been reported; a "missing threshold" for it would be noise.
        let tiers_resolved = !std::mem::take(&mut self.scope.unresolved_tier);
        for &t in scope.iter().filter(|_| tiers_resolved) {
            if per_tier.get(t).is_some_and(Option::is_none) {
                let tier_name = self
                    .policy
                    .tiers
                    .get(t)
                    .map(|x| x.name.clone())
                    .unwrap_or_default();
                self.error(
                    missing_threshold::no_threshold(&d.name.text, &tier_name)
                        .label(d.name.span, missing_threshold::in_scope())
                        .help(missing_threshold::add_line(&tier_name)),
                );
            }
        }
        let nature = d.nature.map(|(n, _)| n).or_else(|| {
            figure.as_ref().map(|(_, t)| match t {
                Type::Num(_) => Nature::Quantitative,
                _ => Nature::Qualitative,
            })
        });
        Some(RuleDef {
            role: RuleRole::Indicator,
            name: d.name.text.clone(),
            formerly: d.formerly.iter().map(|n| n.text.clone()).collect(),
            article: cite,
            criterion: d.quotes.first().map(|q| q.text.clone()).or(quote),
            group: d.group.as_ref().map(|g| g.text.clone()),
            nature,
            applies,
            figure,
            per_tier,
            trigger_ty: None,
            exceptions: Vec::new(),
            binding: None,
            span: d.name.span,
        })
    }

    /// Lowers tier rules (`示范基地 constraint >= 5 家`) into one criterion per tier, reporting a
    /// tier outside `scope` and a tier given twice; `None` when any failed.
    pub(super) fn lower_tier_rules(
        &mut self,
        rules: &[ast::TierRule],
        figure: Option<&(IExpr, Type)>,
        name: &ast::Name,
        scope: &[usize],
    ) -> Option<Vec<Option<TierCriterion>>> {
        let mut per_tier: Vec<Option<TierCriterion>> = vec![None; self.policy.tiers.len()];
        let mut failed = false;
        for rule in rules {
            let tiers = self.tiers_of(&rule.tiers);
            let branches = match &rule.criterion {
                Criterion::Checks(cs) => match self.lower_checks(cs, figure, name) {
                    Some(checks) => vec![Branch {
                        guard: None,
                        guard_text: None,
                        checks,
                    }],
                    None => {
                        failed = true;
                        continue;
                    }
                },
                Criterion::Branches {
                    branches,
                    otherwise,
                } => {
                    let mut out = Vec::new();
                    for (guard, cs) in branches {
                        let g = self.lower_bool(guard);
                        let checks = self.lower_checks(cs, figure, name);
                        match (g, checks) {
                            (Some(g), Some(checks)) => out.push(Branch {
                                guard: Some(g),
                                guard_text: Some(self.text(guard.span)),
                                checks,
                            }),
                            _ => failed = true,
                        }
                    }
                    if let Some(cs) = otherwise {
                        match self.lower_checks(cs, figure, name) {
                            Some(checks) => out.push(Branch {
                                guard: None,
                                guard_text: None,
                                checks,
                            }),
                            None => failed = true,
                        }
                    }
                    out
                }
            };
            for t in tiers {
                let tier_name = self
                    .policy
                    .tiers
                    .get(t)
                    .map(|x| x.name.clone())
                    .unwrap_or_default();
                if !scope.contains(&t) {
                    self.error(
                        tier_out_of_scope::outside_scope(&name.text, &tier_name)
                            .label(rule.span, tier_out_of_scope::not_in_scope())
                            .help(tier_out_of_scope::add_to_scope(&tier_name)),
                    );
                    continue;
                }
                match per_tier.get_mut(t) {
                    Some(slot @ None) => {
                        *slot = Some(TierCriterion {
                            kind: rule.kind,
                            branches: branches.clone(),
                        })
                    }
                    Some(Some(_)) => self.error(
                        duplicate_threshold::two_thresholds(&name.text, &tier_name)
                            .label(rule.span, duplicate_threshold::second_threshold())
                            .help(duplicate_threshold::one_line_per_tier()),
                    ),
                    None => {}
                }
            }
        }
        if failed {
            return None;
        }
        Some(per_tier)
    }
}
