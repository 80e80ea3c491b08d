//! Drafting lints: warnings and notes about a policy that checks but may not say what the measure says.

use super::declare::Flat;
use super::Checker;
use crate::check::ir::{CheckTest, IExpr};
use crate::diag::catalogue::{
    assumption, duplicate_article, duplicate_criterion, group_spelling, trivial_threshold,
    unquoted_rule, unsatisfiable_threshold, unused_input,
};
use crate::diag::Diagnostic;
use crate::source::Span;
use crate::syntax::ast::{CmpOp, Item, RuleDecl};
use rust_decimal::Decimal;
use std::collections::HashMap;

impl Checker {
    pub(super) fn lint(&mut self, flat: &[Flat<'_>]) {
        // An input may look unread only because a misspelt use of it was an error.
        if !self.diags.iter().any(Diagnostic::is_error) {
            self.lint_unused_inputs();
        }
        self.lint_duplicate_criteria(flat);
        self.lint_duplicate_articles(flat);
        self.lint_group_spelling(flat);
        self.lint_unquoted_rules(flat);
        self.lint_threshold_ranges();
        self.lint_quote_units(flat);
        self.list_assumptions();
    }

    pub(super) fn lint_unused_inputs(&mut self) {
        let unused: Vec<(String, Span)> = self
            .policy
            .inputs
            .iter()
            .zip(&self.used_inputs)
            .filter(|(_, used)| !**used)
            .map(|(i, _)| (i.name.clone(), i.span))
            .collect();
        for (name, span) in unused {
            self.error(
                unused_input::never_read(&name)
                    .label(span, unused_input::never_read_label())
                    .help(unused_input::use_it()),
            );
        }
    }

    fn lint_duplicate_criteria(&mut self, flat: &[Flat<'_>]) {
        let mut seen: HashMap<&str, (&str, Span)> = HashMap::new();
        let mut found = Vec::new();
        for f in flat {
            let Item::Rule(RuleDecl::Indicator(d)) = f.item else {
                continue;
            };
            for q in &d.quotes {
                let key = q.text.trim();
                // Short standard formulas ("≥50%", "处于省内同行业先进水平") are shared on purpose.
                if key.chars().count() < MIN_DISTINCT_CRITERION {
                    continue;
                }
                match seen.get(key) {
                    Some((other, first)) => {
                        found.push((d.name.text.clone(), other.to_string(), q.span, *first))
                    }
                    None => {
                        seen.insert(key, (d.name.text.as_str(), q.span));
                    }
                }
            }
        }
        for (name, other, span, first) in found {
            self.error(
                duplicate_criterion::identical(name, other)
                    .label(span, duplicate_criterion::same_text())
                    .label(first, duplicate_criterion::as_here())
                    .help(duplicate_criterion::copied_by_mistake()),
            );
        }
    }

    fn lint_duplicate_articles(&mut self, flat: &[Flat<'_>]) {
        let mut seen: HashMap<&str, Span> = HashMap::new();
        let mut found = Vec::new();
        let mut cites: HashMap<&str, (&str, Span)> = HashMap::new();
        for f in flat {
            match f.item {
                Item::Article(a) => match seen.get(a.label.text.as_str()) {
                    Some(first) => found.push((
                        duplicate_article::article_twice(&a.label.text),
                        a.label.span,
                        *first,
                    )),
                    None => {
                        seen.insert(a.label.text.as_str(), a.label.span);
                    }
                },
                Item::Rule(RuleDecl::Indicator(d)) => {
                    if let Some(c) = &d.cite {
                        match cites.get(c.text.as_str()) {
                            Some((other, first)) => found.push((
                                duplicate_article::both_cite(&d.name.text, other, &c.text),
                                c.span,
                                *first,
                            )),
                            None => {
                                cites.insert(c.text.as_str(), (d.name.text.as_str(), c.span));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        for (message, span, first) in found {
            self.error(
                message
                    .label(span, duplicate_article::cited_again())
                    .label(first, duplicate_article::first_here())
                    .help(duplicate_article::one_citation()),
            );
        }
    }

    /// Group names spelt with one character changed elsewhere in the file (开放合作 / 开发合作).
    fn lint_group_spelling(&mut self, flat: &[Flat<'_>]) {
        let mut groups: Vec<String> = Vec::new();
        let mut quotes: Vec<(String, Span, Option<String>)> = Vec::new();
        for f in flat {
            let label = f.article.map(|a| a.label.text.clone());
            match f.item {
                Item::Rule(RuleDecl::Indicator(d)) => {
                    if let Some(g) = &d.group {
                        if !groups.contains(&g.text) {
                            groups.push(g.text.clone());
                        }
                    }
                    quotes.extend(
                        d.quotes
                            .iter()
                            .map(|q| (q.text.clone(), q.span, label.clone())),
                    );
                }
                Item::Article(a) => {
                    quotes.extend(
                        a.quotes
                            .iter()
                            .map(|q| (q.text.clone(), q.span, Some(a.label.text.clone()))),
                    );
                }
                _ => {}
            }
        }
        // Each quote's characters once, for every group; a window is done with at its second
        // difference.
        let quote_chars: Vec<Vec<char>> =
            quotes.iter().map(|(t, ..)| t.chars().collect()).collect();
        let mut found = Vec::new();
        for g in &groups {
            let gchars: Vec<char> = g.chars().collect();
            if gchars.len() < 3 {
                continue;
            }
            for ((_, span, article), chars) in quotes.iter().zip(&quote_chars) {
                for (i, window) in chars.windows(gchars.len()).enumerate() {
                    // One difference at most leaves the first or the second character the same.
                    if window.first() != gchars.first() && window.get(1) != gchars.get(1) {
                        continue;
                    }
                    let diff = window
                        .iter()
                        .zip(&gchars)
                        .filter(|(a, b)| a != b)
                        .take(2)
                        .count();
                    // Three characters with one changed are as often an ordinary word of the
                    // text (产业链 / 产业园区) as a slip: only a variant that stands alone,
                    // between marks or at the ends of the quote, is one.
                    let apart = |c: Option<&char>| c.is_none_or(|c| !c.is_alphanumeric());
                    let alone = gchars.len() > 3
                        || (apart(i.checked_sub(1).and_then(|b| chars.get(b)))
                            && apart(chars.get(i + gchars.len())));
                    if diff == 1 && alone && window.iter().all(|c| c.is_alphanumeric()) {
                        let variant: String = window.iter().collect();
                        if !groups.contains(&variant) {
                            let at = self
                                .source
                                .text()
                                .get(span.start..span.end)
                                .and_then(|t| t.find(&variant));
                            let precise = at.map_or(*span, |i| {
                                Span::new(span.start + i, span.start + i + variant.len())
                            });
                            found.push((g.clone(), variant, precise, article.clone()));
                        }
                    }
                }
            }
        }
        for (group, variant, span, article) in found {
            let d = match article {
                Some(a) => group_spelling::spelt_in(&group, &variant, a),
                None => group_spelling::spelt(&group, &variant),
            };
            self.error(
                d.label(span, group_spelling::variant_here(&variant))
                    .help(group_spelling::one_spelling(&group)),
            );
        }
    }

    /// Rules with no quoted text and no stated assumption say something the measure may not.
    fn lint_unquoted_rules(&mut self, flat: &[Flat<'_>]) {
        let mut found = Vec::new();
        for f in flat {
            let Item::Rule(rule) = f.item else { continue };
            let article_quoted = f.article.is_some_and(|a| !a.quotes.is_empty());
            let article_assumes = f
                .article
                .is_some_and(|a| a.items.iter().any(|i| matches!(i, Item::Assume(_))));
            let (name, own) = match rule {
                RuleDecl::Indicator(d) => {
                    (&d.name, !d.quotes.is_empty() || !d.assumptions.is_empty())
                }
                RuleDecl::Condition(d) | RuleDecl::Veto(d) => (&d.name, false),
            };
            if !(own || article_quoted || article_assumes) {
                found.push((name.text.clone(), name.span));
            }
        }
        for (name, span) in found {
            self.error(
                unquoted_rule::no_quote(name)
                    .label(span, unquoted_rule::no_quote_label())
                    .help(unquoted_rule::quote_or_assume()),
            );
        }
    }

    /// Thresholds on a ranged input that every value meets, or none can.
    fn lint_threshold_ranges(&mut self) {
        let mut found = Vec::new();
        for rule in &self.policy.rules {
            for crit in rule.per_tier.iter().flatten() {
                for branch in &crit.branches {
                    for check in &branch.checks {
                        let CheckTest::Compare(c) = &check.test else {
                            continue;
                        };
                        let (figure, op, threshold) = (&c.figure, &c.op, &c.threshold);
                        let IExpr::Input(slot) = figure else { continue };
                        let Some(input) = self.policy.inputs.get(*slot) else {
                            continue;
                        };
                        let Some((lo, hi)) = input.range else {
                            continue;
                        };
                        let Some(t) = threshold.constant_number() else {
                            continue;
                        };
                        let verdict = range_verdict(*op, t, lo, hi);
                        // One `all` line serves every tier: report it once.
                        let seen = found
                            .iter()
                            .any(|f: &(String, String, bool, Span, String)| {
                                f.3 == c.threshold_span
                            });
                        if let (Some(always), false) = (verdict, seen) {
                            let show =
                                |d: Option<Decimal>| d.map_or_else(String::new, |d| d.to_string());
                            found.push((
                                rule.name.clone(),
                                check.text.clone(),
                                always,
                                c.threshold_span,
                                format!("{} range {}..{}", input.name, show(lo), show(hi)),
                            ));
                        }
                    }
                }
            }
        }
        for (rule, text, always, span, input) in found {
            let (d, label) = if always {
                (
                    trivial_threshold::always_met(&rule, &text, &input),
                    trivial_threshold::always_within(&input),
                )
            } else {
                (
                    unsatisfiable_threshold::never_met(&rule, &text, &input),
                    unsatisfiable_threshold::never_within(&input),
                )
            };
            self.error(
                d.label(span, label)
                    .help(trivial_threshold::check_threshold()),
            );
        }
    }

    fn list_assumptions(&mut self) {
        let notes: Vec<Diagnostic> = self
            .policy
            .assumptions
            .iter()
            .map(|a| {
                let d = match &a.article {
                    Some(x) => assumption::stated_in(&a.name, x, &a.text),
                    None => assumption::stated(&a.name, &a.text),
                };
                d.label(a.span, assumption::stated_here())
                    .help(assumption::policy_decides())
            })
            .collect();
        self.diags.extend(notes);
    }
}

/// Criteria shorter than this many characters are standard formulas, not copy errors.
const MIN_DISTINCT_CRITERION: usize = 16;

/// `Some(true)` when every value in `[lo, hi]` meets `op t`, `Some(false)` when none can.
fn range_verdict(op: CmpOp, t: Decimal, lo: Option<Decimal>, hi: Option<Decimal>) -> Option<bool> {
    let le = |a: Option<Decimal>, b: Decimal| a.is_some_and(|a| a <= b);
    let ge = |a: Option<Decimal>, b: Decimal| a.is_some_and(|a| a >= b);
    let lt = |a: Option<Decimal>, b: Decimal| a.is_some_and(|a| a < b);
    let gt = |a: Option<Decimal>, b: Decimal| a.is_some_and(|a| a > b);
    match op {
        CmpOp::Ge if ge(lo, t) => Some(true),
        CmpOp::Ge if lt(hi, t) => Some(false),
        CmpOp::Gt if gt(lo, t) => Some(true),
        CmpOp::Gt if le(hi, t) => Some(false),
        CmpOp::Le if le(hi, t) => Some(true),
        CmpOp::Le if gt(lo, t) => Some(false),
        CmpOp::Lt if lt(hi, t) => Some(true),
        CmpOp::Lt if ge(lo, t) => Some(false),
        _ => None,
    }
}
