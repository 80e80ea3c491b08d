//! Decisions: the verdict's (at the top level, over every rule not in an article with a decision
//! of its own) and further named ones, each in its article and over that article's rules — a
//! title and, separately, funding support — which may read earlier decisions' verdicts.

use super::declare::Flat;
use super::Checker;
use crate::check::ir::{Decision, DecisionTest};
use crate::diag::{did_you_mean, Diagnostic};
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
                Diagnostic::error("jidi::no_decision", "the policy has no `decision` block")
                    .label(Span::new(0, 0), "")
                    .help("say how rules combine, e.g. `decision { not_eligible when any constraint is fail  otherwise eligible }`"),
            );
            return;
        };
        if let Some(second) = top.get(1) {
            self.error(
                Diagnostic::error(
                    "jidi::duplicate_name",
                    "the policy has two `decision` blocks",
                )
                .label(second.span, "second decision")
                .label(first.span, "first decision")
                .help("keep one decision block"),
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
                    Diagnostic::error(
                        "jidi::duplicate_name",
                        format!("article `{}` has two decisions", a.label.text),
                    )
                    .label(d.span, "second decision")
                    .help("keep one decision per article; put the other in the article it encodes"),
                );
            }
            articles.push(a.label.text.as_str());
            let n = d.name.as_ref().unwrap_or(&a.label);
            if let Some((_, first)) = names.iter().find(|(x, _)| *x == n.text) {
                let first = *first;
                self.duplicate("decision", n, first);
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
                                Diagnostic::error("jidi::decision_order", format!("`{}` is not decided before this decision", n.text))
                                    .label(n.span, "decided later, or this decision itself")
                                    .help("a decision reads the verdict and the decisions written before it; move this one after it"),
                            );
                        } else {
                            let mut diag = Diagnostic::error(
                                "jidi::undefined_name",
                                format!("no decision is named `{}`", n.text),
                            )
                            .label(n.span, "not a decision");
                            diag = match did_you_mean(&n.text, declared.iter().map(String::as_str)) {
                                Some(s) => diag.help(format!("did you mean `{s}`?")),
                                None => diag.help("name the verdict's decision (`decision 名称 { … }`) to read it"),
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
