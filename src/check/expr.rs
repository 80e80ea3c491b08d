//! Lowers expressions: resolves names, infers each expression's type and unit, compiles conversions.

use super::{Checker, LetState, ValueName, MAX_DEPTH};
use crate::check::ir::{Arith, Builtin, IExpr, Type};
use crate::diag::catalogue::{
    ambiguous_name, as_of_outside_lifecycle, common, cycle, nesting_too_deep, overflow,
    type_mismatch, undefined_name, unit_mismatch,
};
use crate::diag::text::{Arg, Text};
use crate::diag::{did_you_mean, Diagnostic};
use crate::source::Span;
use crate::syntax::ast::{BinOp, CmpOp, Expr, ExprKind, Quantifier};
use crate::units::Unit;
use crate::value::Value;
use std::sync::Arc;

type Typed = Option<(IExpr, Type)>;

impl Checker {
    pub(super) fn mismatch(&mut self, span: Span, message: Diagnostic, help: Text) {
        self.error(message.label(span, common::here()).help(help));
    }

    fn describe(&self, ty: &Type) -> String {
        self.policy.type_name(ty)
    }

    /// Converts a number from one unit to another of the same dimension, or reports why not.
    pub(super) fn convert(
        &mut self,
        e: IExpr,
        from: &Unit,
        to: &Unit,
        span: Span,
    ) -> Option<IExpr> {
        if !from.same_dimension(to) {
            let (a, b) = (self.policy.unit_text(from), self.policy.unit_text(to));
            let show = |s: &String| {
                if s.is_empty() {
                    Arg::Text(unit_mismatch::plain_number())
                } else {
                    Arg::Plain(s.clone())
                }
            };
            let written = self.text(span);
            let (label, help) = match (a.is_empty(), b.is_empty()) {
                (true, false) => (
                    unit_mismatch::plain_has_no_unit(),
                    unit_mismatch::write_unit_after(written, &b),
                ),
                (false, true) => (
                    unit_mismatch::this_is_in(&a),
                    unit_mismatch::plain_expected(&a),
                ),
                _ => (
                    unit_mismatch::this_is_in(&a),
                    unit_mismatch::different_dimensions(&a, &b),
                ),
            };
            self.error(
                unit_mismatch::cannot_use(show(&a), show(&b))
                    .label(span, label)
                    .help(help),
            );
            return None;
        }
        let Some(factor) = from.conversion_to(to) else {
            self.error(
                overflow::conversion_overflows()
                    .label(span, common::here())
                    .help(overflow::closer_units()),
            );
            return None;
        };
        // Conversions in a row compose exactly: `(x as 公顷) as 亩` is x itself, not x·(1/15)
        // rounded to 28 digits and then ·15.
        let (e, factor) = match e {
            IExpr::Scale(inner, first) => match first.times(factor) {
                Some(both) => (*inner, both),
                None => (IExpr::Scale(inner, first), factor),
            },
            other => (other, factor),
        };
        Some(if factor.is_one() {
            e
        } else {
            IExpr::Scale(Box::new(e), factor)
        })
    }

    /// Lowers an expression that must be a boolean.
    pub(super) fn lower_bool(&mut self, e: &Expr) -> Option<IExpr> {
        let (ie, ty) = self.lower(e, None)?;
        if ty != Type::Bool {
            let t = self.describe(&ty);
            self.mismatch(
                e.span,
                type_mismatch::expected_test(t),
                type_mismatch::write_comparison(),
            );
            return None;
        }
        Some(ie)
    }

    /// Lowers an expression, guarding nesting depth.
    pub(super) fn lower(&mut self, e: &Expr, expect: Option<&Type>) -> Typed {
        self.scope.depth += 1;
        let out = if self.scope.depth > MAX_DEPTH {
            self.error(
                nesting_too_deep::expression_too_deep(MAX_DEPTH)
                    .label(e.span, nesting_too_deep::too_deep())
                    .help(nesting_too_deep::split_it_with_let()),
            );
            None
        } else {
            self.lower_inner(e, expect)
        };
        self.scope.depth -= 1;
        out
    }

    fn lower_inner(&mut self, e: &Expr, expect: Option<&Type>) -> Typed {
        match &e.kind {
            ExprKind::Number(n, unit) => {
                let unit = match unit {
                    Some(u) => self.resolve_unit(u)?,
                    None => Unit::dimensionless(),
                };
                Some((IExpr::Const(Value::Num(*n)), Type::Num(unit)))
            }
            ExprKind::Duration(d) => Some((IExpr::Const(Value::Duration(*d)), Type::Duration)),
            ExprKind::Date(d) => Some((IExpr::Const(Value::Date(*d)), Type::Date)),
            ExprKind::Bool(b) => Some((IExpr::Const(Value::Bool(*b)), Type::Bool)),
            ExprKind::None => Some((IExpr::Const(Value::None), Type::Nothing)),
            ExprKind::Text(t) => {
                Some((IExpr::Const(Value::Text(Arc::from(t.as_str()))), Type::Text))
            }
            ExprKind::Name(n) => self.lower_name(n, e.span, expect),
            ExprKind::Set(items) => {
                let elem_expect = match expect {
                    Some(Type::List(t)) => Some((**t).clone()),
                    _ => None,
                };
                let mut out = Vec::new();
                let mut elem_ty: Option<Type> = elem_expect.clone();
                for item in items {
                    let (ie, ty) = self.lower(item, elem_ty.as_ref())?;
                    match &elem_ty {
                        None => elem_ty = Some(ty),
                        Some(t) if *t == ty => {}
                        Some(Type::Num(u)) => {
                            let Type::Num(from) = &ty else {
                                let (a, b) = (self.describe(&ty), self.policy.unit_text(u));
                                self.mismatch(
                                    item.span,
                                    type_mismatch::set_of_numbers_holds(b, a),
                                    type_mismatch::same_type_members(),
                                );
                                return None;
                            };
                            let u = u.clone();
                            let conv = self.convert(ie, from, &u, item.span)?;
                            out.push(conv);
                            continue;
                        }
                        Some(t) => {
                            let (a, b) = (self.describe(t), self.describe(&ty));
                            self.mismatch(
                                item.span,
                                type_mismatch::set_holds(a, b),
                                type_mismatch::same_type_members(),
                            );
                            return None;
                        }
                    }
                    out.push(ie);
                }
                let elem = elem_ty.unwrap_or(Type::Nothing);
                Some((IExpr::Set(out), Type::List(Box::new(elem))))
            }
            ExprKind::Field(base, field) => {
                let (ib, ty) = self.lower(base, None)?;
                let Type::Shape(s) = ty else {
                    let t = self.describe(&ty);
                    self.mismatch(
                        field.span,
                        type_mismatch::field_of_non_record(&field.text, t),
                        type_mismatch::fields_of_records(),
                    );
                    return None;
                };
                let shape = self.policy.shapes.get(s as usize)?.clone();
                match shape.fields.iter().position(|f| f.name == field.text) {
                    Some(i) => {
                        let fty = shape.fields.get(i)?.ty.clone();
                        Some((
                            IExpr::Field(
                                Box::new(ib),
                                crate::check::ir::FieldRef { shape: s, index: i },
                            ),
                            fty,
                        ))
                    }
                    None => {
                        let names: Vec<&str> =
                            shape.fields.iter().map(|f| f.name.as_str()).collect();
                        let mut d = undefined_name::no_field(&shape.name, &field.text)
                            .label(field.span, undefined_name::no_such_field());
                        d = match did_you_mean(&field.text, names.iter().copied()) {
                            Some(s) => d.help(common::did_you_mean(s)),
                            None => d.help(undefined_name::fields_are(
                                &shape.name,
                                Arg::list(names.iter()),
                            )),
                        };
                        self.error(d);
                        None
                    }
                }
            }
            ExprKind::Index(base, key) => {
                if let Some(lookup) = self.lower_lookup(base, key) {
                    return lookup;
                }
                let (ib, ty) = self.lower(base, None)?;
                let Type::Map(inner) = ty else {
                    let t = self.describe(&ty);
                    self.mismatch(
                        base.span,
                        type_mismatch::index_non_map(t),
                        type_mismatch::index_a_map(),
                    );
                    return None;
                };
                let (ik, kty) = self.lower(key, Some(&Type::Text))?;
                if kty != Type::Text {
                    let t = self.describe(&kty);
                    self.mismatch(
                        key.span,
                        type_mismatch::key_not_text(t),
                        type_mismatch::quote_the_key(),
                    );
                    return None;
                }
                Some((IExpr::Index(Box::new(ib), Box::new(ik)), *inner))
            }
            ExprKind::Neg(inner) => {
                let (ie, ty) = self.lower(inner, expect)?;
                if !matches!(ty, Type::Num(_)) {
                    let t = self.describe(&ty);
                    self.mismatch(
                        e.span,
                        type_mismatch::cannot_negate(t),
                        type_mismatch::only_numbers_negate(),
                    );
                    return None;
                }
                Some((IExpr::Neg(Box::new(ie)), ty))
            }
            ExprKind::Not(inner) => {
                Some((IExpr::Not(Box::new(self.lower_bool(inner)?)), Type::Bool))
            }
            ExprKind::Binary(op, l, r) => self.lower_binary(*op, l, r, e.span),
            ExprKind::In { negated, elem, set } => {
                let (ie, ety) = self.lower(elem, None)?;
                let want = Type::List(Box::new(ety.clone()));
                let (is, sty) = self.lower(set, Some(&want))?;
                let ok = match &sty {
                    Type::List(inner) => **inner == ety || **inner == Type::Nothing,
                    _ => false,
                };
                if !ok {
                    let (a, b) = (self.describe(&ety), self.describe(&sty));
                    self.mismatch(
                        set.span,
                        type_mismatch::cannot_look_in(a, b),
                        type_mismatch::in_needs_set(),
                    );
                    return None;
                }
                Some((
                    IExpr::In {
                        negated: *negated,
                        elem: Box::new(ie),
                        set: Box::new(is),
                    },
                    Type::Bool,
                ))
            }
            ExprKind::Within {
                subject,
                length,
                before,
                anchor,
            } => {
                let s = self.lower_typed(subject, &Type::Date, type_mismatch::within_subject())?;
                let l =
                    self.lower_typed(length, &Type::Duration, type_mismatch::within_duration())?;
                let a = self.lower_typed(anchor, &Type::Date, type_mismatch::within_anchor())?;
                Some((
                    IExpr::Within {
                        subject: Box::new(s),
                        length: Box::new(l),
                        before: *before,
                        anchor: Box::new(a),
                    },
                    Type::Bool,
                ))
            }
            ExprKind::Convert(inner, unit) => {
                let (ie, ty) = self.lower(inner, None)?;
                let to = self.resolve_unit(unit)?;
                let Type::Num(from) = ty else {
                    let t = self.describe(&ty);
                    self.mismatch(
                        inner.span,
                        type_mismatch::unit_of_non_number(t),
                        type_mismatch::remove_as(),
                    );
                    return None;
                };
                let out = self.convert(ie, &from, &to, e.span)?;
                Some((out, Type::Num(to)))
            }
            ExprKind::If(c, t, f) => {
                let ic = self.lower_bool(c)?;
                let (it, tty) = self.lower(t, expect)?;
                let (iff, fty) = self.lower(f, Some(&tty))?;
                let iff = self.unify(iff, &fty, &tty, f.span)?;
                Some((IExpr::If(Box::new(ic), Box::new(it), Box::new(iff)), tty))
            }
            ExprKind::Quant {
                quantifier,
                var,
                over,
                filter,
                body,
            } => self.lower_quant(*quantifier, var, over, filter.as_deref(), body),
            ExprKind::AsOf => match self.scope.as_of_slot {
                Some(slot) => Some((IExpr::Input(slot), Type::Date)),
                None => {
                    self.error(
                        as_of_outside_lifecycle::only_in_lifecycle()
                            .label(e.span, as_of_outside_lifecycle::no_date_asked())
                            .help(as_of_outside_lifecycle::as_of_is()),
                    );
                    None
                }
            },
            ExprKind::State | ExprKind::Entered | ExprKind::Effective => {
                self.lower_life_value(&e.kind, e.span)
            }
            ExprKind::Call(f, args) => self.lower_call(f, args, e.span),
            ExprKind::RuleRef {
                read,
                target,
                group,
            } => self.lower_rule_ref(*read, target, *group, e.span),
        }
    }

    fn lower_quant(
        &mut self,
        quantifier: Quantifier,
        var: &crate::syntax::ast::Name,
        over: &Expr,
        filter: Option<&Expr>,
        body: &Expr,
    ) -> Typed {
        let word = match quantifier {
            Quantifier::Any => "any",
            Quantifier::All => "all",
            Quantifier::Count => "count",
            Quantifier::Min => "min",
            Quantifier::Max => "max",
            Quantifier::Sum => "sum",
        };
        let (io, oty) = self.lower(over, None)?;
        let Type::List(elem) = oty else {
            let t = self.describe(&oty);
            self.mismatch(
                over.span,
                type_mismatch::quantifier_over_non_list(word, t),
                type_mismatch::quantify_over_list(),
            );
            return None;
        };
        self.scope.locals.push((var.text.clone(), *elem));
        let ifilter = filter.map(|f| self.lower_bool(f));
        let ib = match quantifier {
            Quantifier::Min | Quantifier::Max | Quantifier::Sum => self.lower(body, None),
            _ => self.lower_bool(body).map(|b| (b, Type::Bool)),
        };
        self.scope.locals.pop();
        let ifilter = match ifilter {
            Some(f) => Some(Box::new(f?)),
            None => None,
        };
        let (ib, bty) = ib?;
        let ty = match quantifier {
            Quantifier::Count => Type::Num(Unit::dimensionless()),
            Quantifier::Sum => {
                if !matches!(bty, Type::Num(_)) {
                    let t = self.describe(&bty);
                    self.mismatch(
                        body.span,
                        type_mismatch::sum_adds_numbers(t),
                        type_mismatch::write_figure_to_add(),
                    );
                    return None;
                }
                bty
            }
            Quantifier::Min | Quantifier::Max => {
                if !matches!(bty, Type::Num(_) | Type::Date) {
                    let t = self.describe(&bty);
                    self.mismatch(
                        body.span,
                        type_mismatch::needs_numbers_or_dates(word, t),
                        type_mismatch::write_figure_to_compare(),
                    );
                    return None;
                }
                bty
            }
            _ => Type::Bool,
        };
        Some((
            IExpr::Quant {
                quantifier,
                over: Box::new(io),
                filter: ifilter,
                body: Box::new(ib),
            },
            ty,
        ))
    }

    fn lower_call(&mut self, f: &crate::syntax::ast::Name, args: &[Expr], span: Span) -> Typed {
        const BUILTINS: [&str; 5] = ["year", "date", "min", "max", "growth"];
        let growth_allowed = std::mem::take(&mut self.scope.growth_allowed);
        let builtin = match f.text.as_str() {
            "growth" => return self.lower_growth(f, args, span, growth_allowed),
            "year" => Builtin::Year,
            "date" => Builtin::Date,
            "min" => Builtin::Min,
            "max" => Builtin::Max,
            other => {
                let mut d = undefined_name::unknown_function(other)
                    .label(f.span, undefined_name::not_builtin());
                d = match did_you_mean(other, BUILTINS) {
                    Some(s) => d.help(common::did_you_mean(s)),
                    None => d.help(undefined_name::functions_are(Arg::list(BUILTINS))),
                };
                self.error(d);
                return None;
            }
        };
        let lowered: Vec<Option<(IExpr, Type)>> =
            args.iter().map(|a| self.lower(a, None)).collect();
        let lowered: Vec<(IExpr, Type)> = lowered.into_iter().collect::<Option<_>>()?;
        let bad = |me: &mut Self, message: Diagnostic, help: Text| {
            me.mismatch(span, message, help);
            None
        };
        match builtin {
            Builtin::Year => match lowered.as_slice() {
                [(a, Type::Date)] => Some((
                    IExpr::Call(builtin, vec![a.clone()]),
                    Type::Num(Unit::dimensionless()),
                )),
                _ => bad(
                    self,
                    type_mismatch::year_takes_date(),
                    type_mismatch::write_year(),
                ),
            },
            Builtin::Date => {
                let plain =
                    |t: &Type| matches!(t, Type::Num(u) if u.terms.is_empty() && u.factor.is_one());
                if lowered.len() == 3 && lowered.iter().all(|(_, t)| plain(t)) {
                    Some((
                        IExpr::Call(builtin, lowered.into_iter().map(|(e, _)| e).collect()),
                        Type::Date,
                    ))
                } else {
                    bad(
                        self,
                        type_mismatch::date_takes_three(),
                        type_mismatch::write_date_call(),
                    )
                }
            }
            Builtin::Min | Builtin::Max => {
                let mut it = lowered.into_iter();
                let Some((first, ty)) = it.next() else {
                    return bad(
                        self,
                        type_mismatch::needs_one_value(&f.text),
                        type_mismatch::write_min(),
                    );
                };
                let mut out = vec![first];
                for ((e, t), a) in it.zip(args.iter().skip(1)) {
                    out.push(self.unify(e, &t, &ty, a.span)?);
                }
                if !matches!(ty, Type::Num(_) | Type::Date | Type::Nothing) {
                    let t = self.describe(&ty);
                    return bad(
                        self,
                        type_mismatch::needs_numbers_or_dates(&f.text, t),
                        type_mismatch::compare_figures_or_dates(),
                    );
                }
                Some((IExpr::Call(builtin, out), ty))
            }
        }
    }

    fn lower_typed(&mut self, e: &Expr, want: &Type, help: Text) -> Option<IExpr> {
        let (ie, ty) = self.lower(e, Some(want))?;
        if ty != *want {
            let (a, b) = (self.describe(want), self.describe(&ty));
            self.mismatch(e.span, type_mismatch::expected_found(a, b), help);
            return None;
        }
        Some(ie)
    }

    /// Makes `e` (of type `from`) usable where `to` is expected.
    fn unify(&mut self, e: IExpr, from: &Type, to: &Type, span: Span) -> Option<IExpr> {
        match (from, to) {
            (a, b) if a == b => Some(e),
            (Type::Num(a), Type::Num(b)) => self.convert(e, a, b, span),
            (Type::Nothing, _) | (_, Type::Nothing) => Some(e),
            _ => {
                let (a, b) = (self.describe(to), self.describe(from));
                self.mismatch(
                    span,
                    type_mismatch::expected_found(a, b),
                    type_mismatch::same_type_sides(),
                );
                None
            }
        }
    }

    fn lower_binary(&mut self, op: BinOp, l: &Expr, r: &Expr, span: Span) -> Typed {
        match op {
            BinOp::And | BinOp::Or => {
                let il = self.lower_bool(l);
                let ir = self.lower_bool(r);
                let (il, ir) = (Box::new(il?), Box::new(ir?));
                Some((
                    if op == BinOp::And {
                        IExpr::And(il, ir)
                    } else {
                        IExpr::Or(il, ir)
                    },
                    Type::Bool,
                ))
            }
            BinOp::Cmp(cmp) => {
                let (il, lty) = self.lower_operand(l, None)?;
                let (ir, rty) = self.lower_operand(r, Some(&lty))?;
                self.compare(cmp, il, &lty, ir, &rty, r.span)
                    .map(|ie| (ie, Type::Bool))
            }
            BinOp::Add | BinOp::Sub => {
                let (il, lty) = self.lower(l, None)?;
                let (ir, rty) = self.lower(r, Some(&lty))?;
                match (&lty, &rty) {
                    (Type::Num(lu), Type::Num(ru)) => {
                        let lu = lu.clone();
                        let ir = self.convert(ir, ru, &lu, r.span)?;
                        let a = if op == BinOp::Add {
                            Arith::Add
                        } else {
                            Arith::Sub
                        };
                        Some((IExpr::Arith(a, Box::new(il), Box::new(ir)), lty))
                    }
                    (Type::Date, Type::Duration) => Some((
                        IExpr::Shift {
                            date: Box::new(il),
                            by: Box::new(ir),
                            forward: op == BinOp::Add,
                        },
                        Type::Date,
                    )),
                    _ => {
                        let (a, b) = (self.describe(&lty), self.describe(&rty));
                        self.mismatch(
                            span,
                            if op == BinOp::Add {
                                type_mismatch::cannot_add(a, b)
                            } else {
                                type_mismatch::cannot_subtract(a, b)
                            },
                            type_mismatch::add_one_dimension(),
                        );
                        None
                    }
                }
            }
            BinOp::Mul | BinOp::Div => {
                let (il, lty) = self.lower(l, None)?;
                let (ir, rty) = self.lower(r, None)?;
                let (Type::Num(lu), Type::Num(ru)) = (&lty, &rty) else {
                    let (a, b) = (self.describe(&lty), self.describe(&rty));
                    self.mismatch(
                        span,
                        type_mismatch::cannot_multiply(a, b),
                        type_mismatch::only_numbers_multiply(),
                    );
                    return None;
                };
                let unit = if op == BinOp::Mul {
                    lu.times(ru)
                } else {
                    lu.per(ru)
                };
                let Some(unit) = unit else {
                    self.error(
                        overflow::unit_overflows()
                            .label(span, common::here())
                            .help(overflow::smaller_units()),
                    );
                    return None;
                };
                let a = if op == BinOp::Mul {
                    Arith::Mul
                } else {
                    Arith::Div
                };
                Some((IExpr::Arith(a, Box::new(il), Box::new(ir)), Type::Num(unit)))
            }
        }
    }

    /// A comparison; numbers are compared in the left side's unit. `growth(…)` is put on the
    /// left, so the interpreter compares it exactly.
    pub(super) fn compare(
        &mut self,
        op: CmpOp,
        il: IExpr,
        lty: &Type,
        ir: IExpr,
        rty: &Type,
        rspan: Span,
    ) -> Option<IExpr> {
        if ir.is_growth() && !il.is_growth() {
            return self.compare(op.flipped(), ir, rty, il, lty, rspan);
        }
        let ordered = !matches!(op, CmpOp::Eq | CmpOp::Ne);
        let ir = match (lty, rty) {
            (Type::Num(lu), Type::Num(ru)) => self.convert(ir, ru, lu, rspan)?,
            (Type::Date, Type::Date) => ir,
            (a, b)
                if a == b
                    && !ordered
                    && !matches!(a, Type::List(_) | Type::Map(_) | Type::Shape(_)) =>
            {
                ir
            }
            (_, Type::Nothing) | (Type::Nothing, _) if !ordered => ir,
            _ => {
                let (a, b) = (self.describe(lty), self.describe(rty));
                let help = if ordered {
                    type_mismatch::order_needs()
                } else {
                    type_mismatch::compare_same_type()
                };
                self.mismatch(rspan, type_mismatch::cannot_compare(a, b), help);
                return None;
            }
        };
        Some(IExpr::Cmp(op, Box::new(il), Box::new(ir)))
    }

    fn lower_name(&mut self, name: &str, span: Span, expect: Option<&Type>) -> Typed {
        if self.poisoned.contains(name) && !self.scope.locals.iter().any(|(n, _)| n == name) {
            return None;
        }
        if let Some(depth) = self.scope.locals.iter().rposition(|(n, _)| n == name) {
            let ty = self.scope.locals.get(depth)?.1.clone();
            return Some((IExpr::Var(depth), ty));
        }
        // An enumeration value of the expected type wins over everything but locals.
        if let Some(Type::Enum(want)) = expect {
            if let Some(idx) = self
                .names
                .constants
                .get(name)
                .and_then(|c| c.iter().find(|(e, _)| e == want))
                .map(|(_, i)| *i)
            {
                return Some((IExpr::Const(Value::Enum(idx)), Type::Enum(*want)));
            }
        }
        if let Some((what, _)) = self.names.values.get(name).cloned() {
            return match what {
                ValueName::Input(slot) => {
                    if let Some(u) = self.used_inputs.get_mut(slot) {
                        *u = true;
                    }
                    let ty = self.policy.inputs.get(slot)?.ty.clone();
                    Some((IExpr::Input(slot), ty))
                }
                ValueName::Let(i) => self.lower_let(i, name, span),
                ValueName::Set(i) => self.lower_set(i),
                ValueName::Tier(t) => Some((IExpr::Const(Value::Enum(t)), Type::Tier)),
                ValueName::Table(_) => {
                    self.table_without_key(name, span);
                    None
                }
            };
        }
        match self.names.constants.get(name).map(Vec::as_slice) {
            Some([(e, i)]) => return Some((IExpr::Const(Value::Enum(*i)), Type::Enum(*e))),
            Some(many) if many.len() > 1 => {
                let enums: Vec<String> = many
                    .iter()
                    .filter_map(|(e, _)| self.policy.enums.get(*e as usize).map(|d| d.name.clone()))
                    .collect();
                self.error(
                    ambiguous_name::several_enums(name)
                        .label(span, ambiguous_name::which_one())
                        .help(ambiguous_name::compare_with_one_of(Arg::list(enums))),
                );
                return None;
            }
            _ => {}
        }
        let mut candidates: Vec<&str> = self.names.values.keys().map(String::as_str).collect();
        candidates.extend(self.names.constants.keys().map(String::as_str));
        candidates.extend(self.scope.locals.iter().map(|(n, _)| n.as_str()));
        let mut d = undefined_name::unknown_name(name).label(span, undefined_name::not_declared());
        d = match did_you_mean(name, candidates) {
            Some(s) => d.help(common::did_you_mean(s)),
            None => d.help(undefined_name::declare_it()),
        };
        self.error(d);
        None
    }

    fn lower_set(&mut self, i: usize) -> Typed {
        match self.set_done.get(i).copied()? {
            // A set whose members had errors keeps its placeholder type: stay silent.
            Some(true) if self.sets.get(i).is_some_and(|(_, t)| *t == Type::Nothing) => {
                return None
            }
            Some(true) => {}
            Some(false) => {
                let decl = self.set_asts.get(i)?;
                let (name, span) = (decl.name.text.clone(), decl.name.span);
                self.error(
                    cycle::set_contains_itself(name)
                        .label(span, cycle::defined_by_itself())
                        .help(cycle::list_members()),
                );
                return None;
            }
            None => {
                if let Some(flag) = self.set_done.get_mut(i) {
                    *flag = Some(false);
                }
                let decl = self.set_asts.get(i)?.clone();
                let lit = Expr {
                    kind: ExprKind::Set(decl.members.clone()),
                    span: decl.span,
                };
                let lowered = self.within(self.scope.without_locals(), |c| c.lower(&lit, None));
                let ok = lowered.is_some();
                if let (Some(slot), Some(l)) = (self.sets.get_mut(i), lowered) {
                    *slot = l;
                }
                if let Some(flag) = self.set_done.get_mut(i) {
                    *flag = Some(true);
                }
                if !ok {
                    return None;
                }
            }
        }
        self.sets.get(i).cloned()
    }

    /// Lowers every set, used or not, so each is checked.
    pub(super) fn lower_sets(&mut self) {
        for i in 0..self.set_asts.len() {
            self.lower_set(i);
        }
        self.policy.sets = self
            .set_asts
            .iter()
            .map(|d| crate::check::ir::SetDef {
                name: d.name.text.clone(),
                members: d.members.iter().map(|m| self.text(m.span)).collect(),
            })
            .collect();
    }

    fn lower_let(&mut self, i: usize, name: &str, span: Span) -> Typed {
        match self.let_state.get(i).cloned()? {
            LetState::Done(idx) => {
                let ty = self.policy.lets.get(idx)?.ty.clone();
                Some((IExpr::Let(idx), ty))
            }
            LetState::Failed => None,
            LetState::InProgress => {
                self.error(
                    cycle::defined_by_itself_name(name)
                        .label(span, cycle::used_while_defined())
                        .help(cycle::break_cycle()),
                );
                None
            }
            LetState::Pending(ast_idx) => {
                if let Some(s) = self.let_state.get_mut(i) {
                    *s = LetState::InProgress;
                }
                let decl = self.let_asts.get(ast_idx)?.clone();
                let lowered =
                    self.within(self.scope.without_locals(), |c| c.lower(&decl.value, None));
                let Some((ie, ty)) = lowered else {
                    if let Some(s) = self.let_state.get_mut(i) {
                        *s = LetState::Failed;
                    }
                    return None;
                };
                let idx = self.policy.lets.len();
                self.policy.lets.push(crate::check::ir::LetDef {
                    name: decl.name.text.clone(),
                    ty: ty.clone(),
                    expr: ie,
                    span: decl.name.span,
                    value_span: decl.value.span,
                });
                if let Some(s) = self.let_state.get_mut(i) {
                    *s = LetState::Done(idx);
                }
                Some((IExpr::Let(idx), ty))
            }
        }
    }

    /// Lowers every `let`, in dependency order.
    pub(super) fn lower_lets(&mut self) {
        for i in 0..self.let_state.len() {
            if let Some(LetState::Pending(ast_idx)) = self.let_state.get(i).cloned() {
                let Some(decl) = self.let_asts.get(ast_idx) else {
                    continue;
                };
                let (name, span) = (decl.name.text.clone(), decl.name.span);
                self.lower_let(i, &name, span);
            }
        }
    }
}
