//! Exceptions (`exception NAME to RULE when TEST …`): the default-and-exception structure of
//! law-as-code languages such as Catala. Each is lowered into the rule it ultimately refines,
//! parents first, so the interpreter finds the one that applies by walking down from the rule.

use super::declare::Flat;
use super::Checker;
use crate::check::ir::{ExceptionDef, Replacement, RuleRole};
use crate::diag::catalogue::{
    common, declared_kind, exception_body, exception_conflict, exception_cycle,
    undefined_exception_target,
};
use crate::diag::did_you_mean;
use crate::diag::text::Text;
use crate::syntax::ast::{ArticleDecl, ExceptionBody, ExceptionDecl, Item};
use std::collections::HashMap;

/// Where an exception stands while exceptions are placed under their rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Waiting,
    /// Under this rule, at this index among its exceptions (`None`: the rule itself, for a target).
    Placed(usize, Option<usize>),
    Failed,
}

impl Checker {
    pub(super) fn lower_exceptions(&mut self, flat: &[Flat<'_>]) {
        let decls: Vec<(&ExceptionDecl, Option<&ArticleDecl>)> = flat
            .iter()
            .filter_map(|f| match f.item {
                Item::Exception(e) => Some((&**e, f.article)),
                _ => None,
            })
            .collect();
        let mut names: HashMap<&str, usize> = HashMap::new();
        let mut state: Vec<State> = Vec::with_capacity(decls.len());
        for (i, (d, _)) in decls.iter().enumerate() {
            let first = names
                .get(d.name.text.as_str())
                .and_then(|&j| decls.get(j))
                .map(|(x, _)| x.name.span);
            let rule = self
                .policy
                .rule_index(&d.name.text)
                .and_then(|r| self.policy.rules.get(r))
                .map(|r| r.span);
            if let Some(first) = first.or(rule) {
                self.duplicate(declared_kind::rule(), &d.name, first);
                state.push(State::Failed);
            } else {
                names.insert(d.name.text.as_str(), i);
                state.push(State::Waiting);
            }
        }
        // Parents before children: each pass places the exceptions whose target is placed.
        loop {
            let mut progress = false;
            for (i, (d, article)) in decls.iter().enumerate() {
                if state.get(i) != Some(&State::Waiting) {
                    continue;
                }
                let target = d.target.text.as_str();
                let parent = if let Some(rule) = self.policy.rule_index(target) {
                    State::Placed(rule, None)
                } else if let Some(&j) = names.get(target) {
                    match state.get(j) {
                        Some(&placed @ State::Placed(..)) => placed,
                        Some(State::Waiting) => continue,
                        _ => State::Failed,
                    }
                } else {
                    self.unknown_target(d, &names);
                    State::Failed
                };
                progress = true;
                let next = match parent {
                    State::Placed(rule, parent) => {
                        match self.lower_exception(d, *article, rule, parent) {
                            Some(def) => match self.policy.rules.get_mut(rule) {
                                Some(r) => {
                                    r.exceptions.push(def);
                                    State::Placed(rule, Some(r.exceptions.len() - 1))
                                }
                                None => State::Failed,
                            },
                            None => State::Failed,
                        }
                    }
                    other => other,
                };
                if let Some(slot) = state.get_mut(i) {
                    *slot = next;
                }
            }
            if !progress {
                break;
            }
        }
        // What is still waiting names itself through other exceptions.
        for ((d, _), st) in decls.iter().zip(&state) {
            if *st == State::Waiting {
                self.error(
                    exception_cycle::to_itself(&d.name.text)
                        .label(d.target.span, exception_cycle::through_named())
                        .help(exception_cycle::names_what_it_replaces()),
                );
            }
        }
        self.lint_exception_conflicts(&decls, &state);
    }

    fn unknown_target(&mut self, d: &ExceptionDecl, names: &HashMap<&str, usize>) {
        let mut candidates: Vec<&str> = self.policy.rules.iter().map(|r| r.name.as_str()).collect();
        candidates.extend(names.keys().copied());
        let mut diag = undefined_exception_target::no_rule(&d.name.text, &d.target.text).label(
            d.target.span,
            undefined_exception_target::not_rule_or_exception(),
        );
        diag = match did_you_mean(&d.target.text, candidates) {
            Some(s) => diag.help(common::did_you_mean(s)),
            None => diag.help(undefined_exception_target::name_what_it_replaces()),
        };
        self.error(diag);
    }

    fn lower_exception(
        &mut self,
        d: &ExceptionDecl,
        article: Option<&ArticleDecl>,
        rule: usize,
        parent: Option<usize>,
    ) -> Option<ExceptionDef> {
        let Some(article) = article else {
            self.no_article(&d.name, false);
            return None;
        };
        let (role, figure, scope) = {
            let r = self.policy.rules.get(rule)?;
            let scope: Vec<usize> = r
                .per_tier
                .iter()
                .enumerate()
                .filter(|(_, c)| c.is_some())
                .map(|(t, _)| t)
                .collect();
            (r.role, r.figure.clone(), scope)
        };
        let when = self.lower_bool(&d.when);
        let replacement = match (&d.body, role) {
            (ExceptionBody::Waived(_), _) => Some(Replacement::Waived),
            (ExceptionBody::Rules(rules), RuleRole::Indicator) => self
                .lower_tier_rules(rules, figure.as_ref(), &d.name, &scope)
                .map(Replacement::Criteria),
            (ExceptionBody::Test(test), RuleRole::Condition | RuleRole::Veto) => {
                self.gate_criterion(test, role).map(|c| {
                    Replacement::Criteria(
                        (0..self.policy.tiers.len())
                            .map(|t| scope.contains(&t).then(|| c.clone()))
                            .collect(),
                    )
                })
            }
            (ExceptionBody::Rules(_), _) => {
                self.exception_body(d, exception_body::replaced_by_test());
                None
            }
            (ExceptionBody::Test(_), _) => {
                self.exception_body(d, exception_body::replaced_by_tier_rules());
                None
            }
        };
        let (when, replacement) = (when?, replacement?);
        Some(ExceptionDef {
            name: d.name.text.clone(),
            article: article.label.text.clone(),
            quote: article.quotes.first().map(|q| q.text.clone()),
            parent,
            when,
            when_text: self.text(d.when.span),
            replacement,
            span: d.name.span,
        })
    }

    fn exception_body(&mut self, d: &ExceptionDecl, help: Text) {
        self.error(
            exception_body::does_not_fit(&d.name.text, &d.target.text)
                .label(d.name.span, exception_body::other_kind())
                .help(help),
        );
    }

    /// Two exceptions to the same rule with the same condition always both apply: a conflict on
    /// every record they speak to, as Catala warns.
    fn lint_exception_conflicts(
        &mut self,
        decls: &[(&ExceptionDecl, Option<&ArticleDecl>)],
        state: &[State],
    ) {
        let mut seen: HashMap<(usize, Option<usize>, String), &ExceptionDecl> = HashMap::new();
        for ((d, _), st) in decls.iter().zip(state) {
            let State::Placed(rule, Some(k)) = *st else {
                continue;
            };
            let Some(def) = self
                .policy
                .rules
                .get(rule)
                .and_then(|r| r.exceptions.get(k))
            else {
                continue;
            };
            let key = (rule, def.parent, def.when_text.clone());
            match seen.get(&key) {
                Some(first) => {
                    let first = *first;
                    self.error(
                        exception_conflict::same_condition(&first.name.text, &d.name.text)
                            .label(d.when.span, exception_conflict::the_same_condition())
                            .label(first.when.span, exception_conflict::as_this_one())
                            .help(exception_conflict::make_one_an_exception()),
                    );
                }
                None => {
                    seen.insert(key, d);
                }
            }
        }
    }
}
