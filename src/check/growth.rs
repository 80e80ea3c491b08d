//! `growth(LIST)`: the average annual growth of yearly figures, which is compared exactly and
//! so may stand only where it is compared — a comparison's side, or an indicator's figure.

use super::Checker;
use crate::check::ir::{IExpr, Type};
use crate::diag::catalogue::{growth_call, growth_inexact};
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
        self.scope.growth_allowed = matches!(&e.kind, ExprKind::Call(f, _) if f.text == "growth");
        let out = self.lower(e, expect);
        self.scope.growth_allowed = false;
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
                growth_call::takes_one_list(&f.text),
                growth_call::write_growth(),
            );
            return None;
        };
        let (list, ty) = self.lower(arg, None)?;
        if !matches!(&ty, Type::List(inner) if matches!(**inner, Type::Num(_))) {
            let found = self.policy.type_name(&ty);
            self.mismatch(
                arg.span,
                growth_call::needs_figures(&f.text, found),
                growth_call::write_growth(),
            );
            return None;
        }
        if !allowed {
            self.error(
                growth_inexact::only_compared()
                    .label(span, growth_inexact::in_computation())
                    .help(growth_inexact::compare_directly()),
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
