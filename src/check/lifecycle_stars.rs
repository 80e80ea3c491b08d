//! Checks star schemes (第二十条 and its kind): weights name groups or indicators, graded points
//! compare an indicator's figure with constant thresholds, bands go from the highest score down.

use super::Checker;
use crate::check::ir::{IExpr, RuleRole, StarItem, StarScheme};
use crate::diag::catalogue::{
    ambiguous_name, ambiguous_weight, common, duplicate_scheme, empty_scheme, no_figure_to_grade,
    points_threshold, star_bands_order, undefined_scored,
};
use crate::diag::did_you_mean;
use crate::syntax::ast;

impl Checker {
    pub(super) fn lower_stars(&mut self, s: &ast::StarsDecl, article: Option<String>) {
        if self.policy.stars.iter().any(|x| x.name == s.name.text) {
            self.error(
                duplicate_scheme::two_named(&s.name.text)
                    .label(s.name.span, duplicate_scheme::second_scheme())
                    .help(duplicate_scheme::own_name()),
            );
            return;
        }
        if s.weights.is_empty() && s.points.is_empty() {
            self.error(
                empty_scheme::scores_nothing(&s.name.text)
                    .label(s.name.span, empty_scheme::no_weight())
                    .help(empty_scheme::give_weight()),
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
                        star_bands_order::highest_first()
                            .label(*span, star_bands_order::not_lower())
                            .help(star_bands_order::band_taken()),
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
                    ambiguous_weight::group_and_indicator(&name.text)
                        .label(name.span, ambiguous_name::which_one())
                        .help(ambiguous_weight::rename()),
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
        let mut d = undefined_scored::no_such(&name.text)
            .label(name.span, undefined_scored::not_indicator_or_group());
        d = match did_you_mean(&name.text, known) {
            Some(x) => d.help(common::did_you_mean(x)),
            None => d.help(undefined_scored::weights_name()),
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
                no_figure_to_grade::nothing_to_grade(&p.indicator.text)
                    .label(p.indicator.span, no_figure_to_grade::graded_by_what())
                    .help(no_figure_to_grade::grade_with_figure()),
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
                    points_threshold::constant_threshold()
                        .label(*span, points_threshold::reads_record())
                        .help(points_threshold::write_threshold()),
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
