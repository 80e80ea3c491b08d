//! Round rules (`quota 每省限额 at most 3 per 所在省份 ranked by 营业收入 descending ties by 名称`):
//! checked once, in their article — the groups, the ranking figure, the tie rule and the limit.

use super::declare::Flat;
use super::Checker;
use crate::check::ir::{IExpr, RoundDef, Type};
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
                self.duplicate("rule", &d.name, first);
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
            self.round_part(e, "group", |t| {
                matches!(t, Type::Enum(_) | Type::Text | Type::Tier)
            })
        });
        let group_ty = match &per {
            Some(Some((_, t))) => t.clone(),
            _ => Type::Bool,
        };
        let per = per.map(|p| p.map(|(e, _)| e));
        let ranking = self
            .round_part(&d.ranking, "ranking", |t| matches!(t, Type::Num(_)))
            .map(|(e, _)| e);
        let ties = d.ties.as_ref().map(|e| {
            self.round_part(e, "ties", |t| {
                matches!(t, Type::Num(_) | Type::Text | Type::Date | Type::Enum(_))
            })
            .map(|(e, _)| e)
        });
        let applies = d.applies.as_ref().map(|e| self.lower_bool(e));
        if d.bound == RoundBound::About {
            self.error(
                Diagnostic::warning(
                    "jidi::round_guidance",
                    format!(
                        "`{}` is guidance: records are ranked, none is cut by it",
                        d.name.text
                    ),
                )
                .label(d.limit_span, "a guide, not a limit")
                .help("write `at most N` or `top N` for a limit that cuts"),
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
                Diagnostic::error(
                    "jidi::round_limit",
                    format!("`{}` keeps {} records", d.name.text, self.text(d.limit_span)),
                )
                .label(d.limit_span, "not a number of records")
                .help("write a whole number of records above zero (`at most 3`), or a share up to 100% (`top 20%`)"),
            );
        }
        ok
    }

    /// Lowers one part of a round rule, reporting a value of the wrong kind.
    fn round_part(
        &mut self,
        e: &Expr,
        part: &'static str,
        fits: impl Fn(&Type) -> bool,
    ) -> Option<(IExpr, Type)> {
        let (ie, ty) = self.lower(e, None)?;
        if fits(&ty) {
            return Some((ie, ty));
        }
        let found = self.policy.type_name(&ty);
        let (code, what, help) = match part {
            "group" => (
                "jidi::round_group",
                "the groups of a round rule are formed by a name, a text or an enumeration",
                "group by a field such as `per 所在省份`",
            ),
            "ranking" => (
                "jidi::round_ranking",
                "a round rule ranks records by a number",
                "rank by a figure such as `ranked by 营业收入 descending`",
            ),
            _ => (
                "jidi::round_ties",
                "ties are broken by a number, a date, a text or an enumeration",
                "break ties by a field such as `ties by 名称`",
            ),
        };
        self.error(
            Diagnostic::error(code, format!("{what}, found {found}"))
                .label(e.span, found)
                .help(help),
        );
        None
    }
}
