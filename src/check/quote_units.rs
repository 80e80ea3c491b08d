//! The quote-unit lint: a threshold written in another unit of the same kind than the unit its
//! quoted text states (the quote says 万元/公顷, the threshold is in 亿元/公顷).

use super::declare::Flat;
use super::Checker;
use crate::diag::catalogue::quote_unit;
use crate::source::Span;
use crate::syntax::ast::{Check, Criterion, Expr, ExprKind, Item, Name, RuleDecl};
use crate::units::Unit;

/// One threshold whose unit no unit of its quote agrees with.
struct Disagreement {
    rule: String,
    threshold: (Unit, Span),
    quoted: (Unit, Span),
}

impl Checker {
    /// Compares each indicator's thresholds with the units its quotes state, read with the
    /// policy's declared units. A threshold is in doubt only when its quotes state units of its
    /// kind (money, money per area …) and none of them is its own.
    pub(super) fn lint_quote_units(&mut self, flat: &[Flat<'_>]) {
        let mut found = Vec::new();
        for f in flat {
            let Item::Rule(RuleDecl::Indicator(d)) = f.item else {
                continue;
            };
            // An indicator already in error (a unit it cannot convert) is not linted again.
            let in_error = self.diags.iter().filter(|e| e.is_error()).any(|e| {
                e.labels
                    .iter()
                    .any(|(at, _)| d.span.start <= at.start && at.end <= d.span.end)
            });
            if in_error {
                continue;
            }
            let stated = self.stated_units(&d.quotes);
            if stated.is_empty() {
                continue;
            }
            for threshold in d.rules.iter().flat_map(|r| thresholds(&r.criterion)) {
                let Some((unit, span)) = self.written_unit(threshold) else {
                    continue;
                };
                let mut same_kind = stated.iter().filter(|(u, _)| u.same_dimension(&unit));
                let Some(first) = same_kind.clone().next() else {
                    continue;
                };
                if same_kind.any(|(u, _)| u.factor == unit.factor) {
                    continue;
                }
                found.push(Disagreement {
                    rule: d.name.text.clone(),
                    threshold: (unit, span),
                    quoted: first.clone(),
                });
            }
        }
        for d in found {
            self.warn_quote_unit(d);
        }
    }

    fn warn_quote_unit(&mut self, d: Disagreement) {
        let units = &self.policy.units;
        let (threshold, quoted) = (units.display(&d.threshold.0), units.display(&d.quoted.0));
        // The factor is said from the larger unit: 1 亿元/公顷 = 10000 万元/公顷.
        let Some(factor) = d.threshold.0.conversion_to(&d.quoted.0) else {
            return;
        };
        let (n, m) = factor.parts();
        let help = if n >= m {
            quote_unit::convert(&threshold, factor, &quoted, &quoted)
        } else {
            let Some(back) = d.quoted.0.conversion_to(&d.threshold.0) else {
                return;
            };
            quote_unit::convert(&quoted, back, &threshold, &quoted)
        };
        self.error(
            quote_unit::disagrees(&d.rule, &threshold, &quoted)
                .label(d.threshold.1, quote_unit::written_in(&threshold))
                .label(d.quoted.1, quote_unit::quote_states(&quoted))
                .help(help),
        );
    }

    /// Every unit the quotes state, each with where the policy file writes it.
    fn stated_units(&self, quotes: &[Name]) -> Vec<(Unit, Span)> {
        let file = self.source.text();
        let mut out = Vec::new();
        for q in quotes {
            for (at, unit) in self.policy.units.stated_in(&q.text) {
                let written = q.text.get(at.clone()).unwrap_or_default();
                // The quote's text follows its opening mark, unless escapes moved it.
                let start = q.span.start + 1 + at.start;
                let span = if file.get(start..start + written.len()) == Some(written) {
                    Span::new(start, start + written.len())
                } else {
                    q.span
                };
                out.push((unit, span));
            }
        }
        out
    }

    /// The unit a threshold is written in (`4000 万元/公顷`, `-3 %`), with where it is written;
    /// `None` for a plain number or anything but a constant.
    fn written_unit(&self, threshold: &Expr) -> Option<(Unit, Span)> {
        match &threshold.kind {
            ExprKind::Number(_, Some(u)) => {
                let names = u.factors.iter().map(|(n, e)| (n.text.as_str(), *e));
                Some((self.policy.units.unit_of(names)?, threshold.span))
            }
            ExprKind::Neg(inner) => self.written_unit(inner),
            _ => None,
        }
    }
}

/// The thresholds of a tier's criterion, in every branch.
fn thresholds(c: &Criterion) -> Vec<&Expr> {
    let checks: Vec<&Check> = match c {
        Criterion::Checks(checks) => checks.iter().collect(),
        Criterion::Branches {
            branches,
            otherwise,
        } => branches
            .iter()
            .flat_map(|(_, checks)| checks)
            .chain(otherwise.iter().flatten())
            .collect(),
    };
    checks
        .into_iter()
        .filter_map(|c| match c {
            Check::Against { threshold, .. } => Some(threshold),
            Check::Test(_) => None,
        })
        .collect()
}
