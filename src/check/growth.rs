//! `growth(LIST)`: the average annual growth of yearly figures, which is compared exactly and
//! so may stand only where it is compared — a comparison's side, or an indicator's figure.

use super::Checker;
use crate::check::ir::{IExpr, Type};
use crate::diag::Diagnostic;
use crate::source::Span;
use crate::syntax::ast::{Expr, ExprKind, Name};
use crate::units::{Rational, Unit};

impl Checker {
    /// Lowers an expression that may be `growth(…)` itself: a comparison's operand or an
    /// indicator's figure.
    pub(super) fn lower_operand(
        &mut self,
        e: &Expr,
        expect: Option<&Type>,
    ) -> Option<(IExpr, Type)> {
        self.growth_allowed = matches!(&e.kind, ExprKind::Call(f, _) if f.text == "growth");
        let out = self.lower(e, expect);
        self.growth_allowed = false;
        out
    }

    pub(super) fn lower_growth(
        &mut self,
        f: &Name,
        args: &[Expr],
        span: Span,
        allowed: bool,
    ) -> Option<(IExpr, Type)> {
        let [arg] = args else {
            self.mismatch(
                span,
                format!("`{}` takes one list of yearly figures", f.text),
                "write `growth(近三年产值)`, the figures oldest first",
            );
            return None;
        };
        let (list, ty) = self.lower(arg, None)?;
        if !matches!(&ty, Type::List(inner) if matches!(**inner, Type::Num(_))) {
            let found = self.policy.type_name(&ty);
            self.mismatch(
                arg.span,
                format!("`{}` needs a list of figures, found {found}", f.text),
                "write `growth(近三年产值)`, the figures oldest first",
            );
            return None;
        }
        if !allowed {
            self.error(
                Diagnostic::error("jidi::growth_inexact", "an average growth rate can only be compared")
                    .label(span, "used in a computation")
                    .help("compare it directly (`growth(近三年产值) > 3 %`) or make it an indicator's figure: its exact value is not a decimal"),
            );
            return None;
        }
        // The rate is shown in % when the policy has that unit, else as a fraction.
        let percent = self
            .policy
            .units
            .find("%")
            .and_then(|id| self.policy.units.named(id))
            .and_then(|u| Some((Unit::dimensionless().conversion_to(&u)?, u)));
        let (scale, unit) = percent.unwrap_or((Rational::ONE, Unit::dimensionless()));
        Some((
            IExpr::Growth {
                list: Box::new(list),
                scale,
            },
            Type::Num(unit),
        ))
    }
}
