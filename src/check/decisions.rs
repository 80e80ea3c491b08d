//! Decisions: the verdict's (at the top level, over every rule not in an article with a decision
//! of its own) and further named ones, each in its article and over that article's rules — a
//! title and, separately, funding support — which may read earlier decisions' verdicts.

use super::declare::Flat;
use super::Checker;
use crate::check::ir::{Decision, DecisionTest};
use crate::diag::catalogue::{
    article_decisions, common, decision_order, declared_kind, duplicate_decision, no_decision,
    undefined_decision,
};
use crate::diag::did_you_mean;
use crate::source::Span;
use crate::syntax::ast::{self, Item};

impl Checker {
    pub(super) fn lower_decision(&mut self, flat: &[Flat<'_>]) {
        let all: Vec<(&ast::DecisionDecl, Option<&ast::ArticleDecl>)> = flat
            .iter()
            .filter_map(|f| match f.item {
                Item::Decision(d) => Some((d, f.article)),
                _ => None,
            })
            .collect();
        let top: Vec<&ast::DecisionDecl> = all
            .iter()
            .filter(|(_, a)| a.is_none())
            .map(|(d, _)| *d)
            .collect();
        let Some(first) = top.first().copied() else {
            if super::lifecycle::lifecycle_only(flat) {
                return;
            }
            self.error(
                no_decision::none()
                    .label(Span::new(0, 0), common::nothing())
                    .help(no_decision::say_how()),
            );
            return;
        };
        if let Some(second) = top.get(1) {
            self.error(
                duplicate_decision::two_blocks()
                    .label(second.span, duplicate_decision::second())
                    .label(first.span, duplicate_decision::first())
                    .help(duplicate_decision::keep_one()),
            );
        }
        let further: Vec<(&ast::DecisionDecl, &ast::ArticleDecl)> =
            all.iter().filter_map(|(d, a)| a.map(|a| (*d, a))).collect();
        // Names: the verdict's own, then each further decision's (its article's when unnamed).
        let mut names: Vec<(String, Span)> = Vec::new();
        if let Some(n) = &first.name {
            names.push((n.text.clone(), n.span));
        }
        let mut articles: Vec<&str> = Vec::new();
        for (d, a) in &further {
            if articles.contains(&a.label.text.as_str()) {
                self.error(
                    article_decisions::two_in_article(&a.label.text)
                        .label(d.span, duplicate_decision::second())
                        .help(article_decisions::one_per_article()),
                );
            }
            articles.push(a.label.text.as_str());
            let n = d.name.as_ref().unwrap_or(&a.label);
            if let Some((_, first)) = names.iter().find(|(x, _)| *x == n.text) {
                let first = *first;
                self.duplicate(declared_kind::decision(), n, first);
            }
            names.push((n.text.clone(), n.span));
        }
        // The verdict reads the rules outside articles with a decision of their own.
        let n = self.policy.rules.len();
        let in_article = |me: &Self, label: &str| -> Vec<bool> {
            (0..n)
                .map(|i| me.rule_articles.get(i).and_then(Option::as_deref) == Some(label))
                .collect()
        };
        let verdict_rules = (!further.is_empty()).then(|| {
            (0..n)
                .map(|i| {
                    let a = self.rule_articles.get(i).and_then(Option::as_deref);
                    !a.is_some_and(|a| articles.contains(&a))
                })
                .collect()
        });
        let declared: Vec<String> = names.iter().map(|(x, _)| x.clone()).collect();
        let verdict_name = first.name.as_ref().map(|x| x.text.clone());
        let lines = self.decision_lines(first, &[], &verdict_name, &declared);
        self.policy.decision = Decision {
            name: verdict_name.clone(),
            article: None,
            lines,
            otherwise: first.otherwise.0,
            rules: verdict_rules,
        };
        let mut earlier: Vec<String> = Vec::new();
        for (d, a) in further {
            let name = d.name.as_ref().unwrap_or(&a.label).text.clone();
            let lines = self.decision_lines(d, &earlier, &verdict_name, &declared);
            let rules = in_article(self, &a.label.text);
            self.policy.decisions.push(Decision {
                name: Some(name.clone()),
                article: Some(a.label.text.clone()),
                lines,
                otherwise: d.otherwise.0,
                rules: Some(rules),
            });
            earlier.push(name);
        }
    }

    /// A decision's lines, with `X is VERDICT` resolved to the verdict's decision or an earlier one.
    fn decision_lines(
        &mut self,
        d: &ast::DecisionDecl,
        earlier: &[String],
        verdict_name: &Option<String>,
        declared: &[String],
    ) -> Vec<(ast::Verdict, Vec<DecisionTest>)> {
        let own = d.name.as_ref().map(|n| n.text.clone());
        let mut out = Vec::new();
        for l in &d.lines {
            let mut tests = Vec::new();
            for t in &l.tests {
                match t {
                    ast::DecisionTest::Rules(c, o) => tests.push(DecisionTest::Rules(*c, *o)),
                    ast::DecisionTest::Decision(n, v) => {
                        let is_verdict = verdict_name.as_deref() == Some(n.text.as_str())
                            && own.as_deref() != Some(n.text.as_str());
                        if is_verdict {
                            tests.push(DecisionTest::Decision(None, *v));
                        } else if let Some(k) = earlier.iter().position(|e| *e == n.text) {
                            tests.push(DecisionTest::Decision(Some(k), *v));
                        } else if declared.contains(&n.text) {
                            self.error(
                                decision_order::not_before(&n.text)
                                    .label(n.span, decision_order::decided_later())
                                    .help(decision_order::move_after()),
                            );
                        } else {
                            let mut diag = undefined_decision::no_decision_named(&n.text)
                                .label(n.span, undefined_decision::not_a_decision());
                            diag = match did_you_mean(&n.text, declared.iter().map(String::as_str))
                            {
                                Some(s) => diag.help(common::did_you_mean(s)),
                                None => diag.help(undefined_decision::name_the_verdict()),
                            };
                            self.error(diag);
                        }
                    }
                }
            }
            out.push((l.verdict, tests));
        }
        out
    }
}
