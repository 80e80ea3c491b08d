//! Round rules (`quota 每省限额 at most 3 per 所在省份 ranked by 营业收入 descending ties by 名称`):
//! checked once, in their article — the groups, the ranking figure, the tie rule and the limit.

use super::declare::Flat;
use super::Checker;
use crate::check::ir::{IExpr, RoundDef, Type};
use crate::diag::catalogue::{
    declared_kind, round_group, round_guidance, round_limit, round_ranking, round_ties,
};
use crate::diag::text::Text;
use crate::diag::Diagnostic;
use crate::syntax::ast::{Expr, Item, RoundBound, RoundDecl};
use rust_decimal::Decimal;

impl Checker {
    pub(super) fn lower_rounds(&mut self, flat: &[Flat<'_>]) {
        for f in flat {
            let Item::Round(d) = f.item else { continue };
            let first = self
                .policy
                .rounds
                .iter()
                .find(|r| r.name == d.name.text)
                .map(|r| r.span)
                .or_else(|| {
                    self.policy
                        .rule_index(&d.name.text)
                        .and_then(|i| self.policy.rules.get(i))
                        .map(|r| r.span)
                });
            if let Some(first) = first {
                self.duplicate(declared_kind::rule(), &d.name, first);
                continue;
            }
            let article = f.article.map(|a| a.label.text.clone());
            if let Some(def) = self.lower_round(d, article) {
                self.policy.rounds.push(def);
            }
        }
    }

    fn lower_round(&mut self, d: &RoundDecl, article: Option<String>) -> Option<RoundDef> {
        let limit_ok = self.check_limit(d);
        let per = d.per.as_ref().map(|e| {
            self.round_part(e, RoundPart::Group, |t| {
                matches!(t, Type::Enum(_) | Type::Text | Type::Tier)
            })
        });
        let group_ty = match &per {
            Some(Some((_, t))) => t.clone(),
            _ => Type::Bool,
        };
        let per = per.map(|p| p.map(|(e, _)| e));
        let ranking = self
            .round_part(&d.ranking, RoundPart::Ranking, |t| {
                matches!(t, Type::Num(_))
            })
            .map(|(e, _)| e);
        let ties = d.ties.as_ref().map(|e| {
            self.round_part(e, RoundPart::Ties, |t| {
                matches!(t, Type::Num(_) | Type::Text | Type::Date | Type::Enum(_))
            })
            .map(|(e, _)| e)
        });
        let applies = d.applies.as_ref().map(|e| self.lower_bool(e));
        if d.bound == RoundBound::About {
            self.error(
                round_guidance::is_guidance(&d.name.text)
                    .label(d.limit_span, round_guidance::a_guide())
                    .help(round_guidance::write_limit()),
            );
        }
        // A part written but not lowered fails the rule; its error is already reported.
        let failed = |x: &Option<Option<IExpr>>| x.as_ref().is_some_and(Option::is_none);
        if !limit_ok || failed(&per) || failed(&ties) || failed(&applies) {
            return None;
        }
        Some(RoundDef {
            name: d.name.text.clone(),
            article,
            bound: d.bound,
            limit: d.limit,
            share: d.share,
            per: per.flatten(),
            group_ty,
            ranking: ranking?,
            descending: d.descending,
            ties: ties.flatten(),
            applies: applies.flatten(),
            span: d.span,
        })
    }

    /// Whether the limit is a whole number of records above zero, or a share in (0, 100] %.
    fn check_limit(&mut self, d: &RoundDecl) -> bool {
        let ok = if d.share {
            d.limit > Decimal::ZERO && d.limit <= Decimal::ONE_HUNDRED
        } else {
            d.limit > Decimal::ZERO && d.limit.fract().is_zero()
        };
        if !ok {
            self.error(
                round_limit::keeps(&d.name.text, self.text(d.limit_span))
                    .label(d.limit_span, round_limit::not_a_count())
                    .help(round_limit::whole_or_share()),
            );
        }
        ok
    }

    /// Lowers one part of a round rule, reporting a value of the wrong kind.
    fn round_part(
        &mut self,
        e: &Expr,
        part: RoundPart,
        fits: impl Fn(&Type) -> bool,
    ) -> Option<(IExpr, Type)> {
        let (ie, ty) = self.lower(e, None)?;
        if fits(&ty) {
            return Some((ie, ty));
        }
        let found = self.policy.type_name(&ty);
        let (message, help): (Diagnostic, Text) = match part {
            RoundPart::Group => (
                round_group::groups_by(&found),
                round_group::group_by_field(),
            ),
            RoundPart::Ranking => (
                round_ranking::ranks_by(&found),
                round_ranking::rank_by_figure(),
            ),
            RoundPart::Ties => (round_ties::ties_by(&found), round_ties::ties_by_field()),
        };
        self.error(
            message
                .label(e.span, round_group::of_type(found))
                .help(help),
        );
        None
    }
}

/// The part of a round rule a value was written for.
#[derive(Clone, Copy)]
enum RoundPart {
    Group,
    Ranking,
    Ties,
}
