//! Checks star schemes (第二十条 and its kind): weights name groups or indicators, graded points
//! compare an indicator's figure with constant thresholds, bands go from the highest score down.

use super::Checker;
use crate::check::ir::{IExpr, RuleRole, StarItem, StarScheme};
use crate::diag::{did_you_mean, Diagnostic};
use crate::syntax::ast;

impl Checker {
    pub(super) fn lower_stars(&mut self, s: &ast::StarsDecl, article: Option<String>) {
        if self.policy.stars.iter().any(|x| x.name == s.name.text) {
            self.error(
                Diagnostic::error(
                    "jidi::duplicate_name",
                    format!("the policy has two star schemes named `{}`", s.name.text),
                )
                .label(s.name.span, "second scheme")
                .help("give each star scheme its own name"),
            );
            return;
        }
        if s.weights.is_empty() && s.points.is_empty() {
            self.error(
                Diagnostic::error("jidi::empty_scheme", format!("the star scheme `{}` scores nothing", s.name.text))
                    .label(s.name.span, "no `weight` or `points`")
                    .help("give groups or indicators a weight (`weight 规模效益 25`), or grade an indicator (`points NAME { … }`)"),
            );
        }
        let mut items = Vec::new();
        for (name, weight) in &s.weights {
            if let Some(item) = self.weighted_item(name, *weight) {
                items.push(item);
            }
        }
        for p in &s.points {
            if let Some(item) = self.graded_item(p) {
                items.push(item);
            }
        }
        for pair in s.bands.windows(2) {
            if let [(_, a, _), (_, b, span)] = pair {
                if b >= a {
                    self.error(
                        Diagnostic::warning(
                            "jidi::star_bands_order",
                            "star bands should go from the highest score down",
                        )
                        .label(*span, "not lower than the band above")
                        .help("a band is taken when the score reaches it, trying bands in order"),
                    );
                }
            }
        }
        self.policy.stars.push(StarScheme {
            name: s.name.text.clone(),
            article,
            items,
            bands: s.bands.iter().map(|(st, min, _)| (*st, *min)).collect(),
            otherwise: s.otherwise,
            unknown_fails: s.unknown_fails,
        });
    }

    fn indicator_index(&self, name: &str) -> Option<usize> {
        self.policy
            .rules
            .iter()
            .position(|r| r.role == RuleRole::Indicator && r.name == name)
    }

    /// `weight NAME N`: a group of indicators, or one indicator.
    fn weighted_item(
        &mut self,
        name: &ast::Name,
        weight: rust_decimal::Decimal,
    ) -> Option<StarItem> {
        let is_group = self
            .policy
            .rules
            .iter()
            .any(|r| r.group.as_deref() == Some(name.text.as_str()));
        match (is_group, self.indicator_index(&name.text)) {
            (true, None) => Some(StarItem::Group {
                group: name.text.clone(),
                weight,
            }),
            (false, Some(rule)) => Some(StarItem::Indicator { rule, weight }),
            (true, Some(_)) => {
                self.error(
                    Diagnostic::error(
                        "jidi::ambiguous_name",
                        format!("`{}` is both a group and an indicator", name.text),
                    )
                    .label(name.span, "which one?")
                    .help("rename the group or the indicator so a weight names one of them"),
                );
                None
            }
            (false, None) => {
                self.unknown_scored(name, true);
                None
            }
        }
    }

    fn unknown_scored(&mut self, name: &ast::Name, groups_too: bool) {
        let mut known: Vec<&str> = self
            .policy
            .rules
            .iter()
            .filter(|r| r.role == RuleRole::Indicator)
            .map(|r| r.name.as_str())
            .collect();
        if groups_too {
            known.extend(self.policy.rules.iter().filter_map(|r| r.group.as_deref()));
        }
        let mut d = Diagnostic::error(
            "jidi::undefined_name",
            format!("no indicator or group is named `{}`", name.text),
        )
        .label(name.span, "not an indicator or a group");
        d = match did_you_mean(&name.text, known) {
            Some(x) => d.help(format!("did you mean `{x}`?")),
            None => d.help("weights name the `group` of indicators, or an indicator"),
        };
        self.error(d);
    }

    /// `points INDICATOR { 10 when >= 6000 万元/公顷 … otherwise 0 }`.
    fn graded_item(&mut self, p: &ast::PointsDecl) -> Option<StarItem> {
        let Some(rule) = self.indicator_index(&p.indicator.text) else {
            self.unknown_scored(&p.indicator, false);
            return None;
        };
        let Some((figure, fty)) = self.policy.rules.get(rule).and_then(|r| r.figure.clone()) else {
            self.error(
                Diagnostic::error(
                    "jidi::no_figure",
                    format!("`{}` has no figure to grade", p.indicator.text),
                )
                .label(p.indicator.span, "graded by what?")
                .help("grade an indicator that has a figure (`indicator NAME = 营业收入 { … }`)"),
            );
            return None;
        };
        let mut bands = Vec::new();
        for (points, op, threshold, span) in &p.bands {
            let (it, tty) = self.lower(threshold, Some(&fty))?;
            let IExpr::Cmp(_, _, thr) =
                self.compare(*op, figure.clone(), &fty, it, &tty, threshold.span)?
            else {
                return None;
            };
            if !thr.is_constant() {
                self.error(
                    Diagnostic::error("jidi::type_mismatch", "graded points compare with a constant threshold")
                        .label(*span, "reads the record")
                        .help("write the threshold as a number with its unit, e.g. `10 when >= 6000 万元/公顷`"),
                );
                return None;
            }
            bands.push((*points, *op, *thr));
        }
        Some(StarItem::Points {
            rule,
            bands,
            otherwise: p.otherwise,
        })
    }
}
