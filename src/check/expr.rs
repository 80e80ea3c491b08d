//! Lowers expressions: resolves names, infers each expression's type and unit, compiles conversions.

use super::{Checker, LetState, ValueName, MAX_DEPTH};
use crate::check::ir::{Arith, Builtin, IExpr, Type};
use crate::diag::{did_you_mean, Diagnostic};
use crate::source::Span;
use crate::syntax::ast::{BinOp, CmpOp, Expr, ExprKind, Quantifier};
use crate::units::Unit;
use crate::value::Value;
use std::sync::Arc;

type Typed = Option<(IExpr, Type)>;

impl Checker {
    pub(super) fn mismatch(&mut self, span: Span, message: String, help: &str) {
        self.error(
            Diagnostic::error("jidi::type_mismatch", message)
                .label(span, "here")
                .help(help.to_string()),
        );
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
            let show = |s: String| {
                if s.is_empty() {
                    "a plain number".to_string()
                } else {
                    s
                }
            };
            let written = self.text(span);
            let (label, help) = match (a.is_empty(), b.is_empty()) {
                (true, false) => (
                    "a plain number has no unit".to_string(),
                    format!("write the unit after the number: `{written} {b}`"),
                ),
                (false, true) => (
                    format!("this is in {a}"),
                    format!("a plain number is expected here; drop the unit, or divide by a figure in {a}"),
                ),
                _ => (
                    format!("this is in {a}"),
                    format!("{a} and {b} measure different things: only figures of one dimension can be added or compared"),
                ),
            };
            self.error(
                Diagnostic::error(
                    "jidi::unit_mismatch",
                    format!(
                        "cannot use {} where {} is expected",
                        show(a.clone()),
                        show(b.clone())
                    ),
                )
                .label(span, label)
                .help(help),
            );
            return None;
        }
        let Some(factor) = from.conversion_to(to) else {
            self.error(
                Diagnostic::error("jidi::overflow", "this unit conversion overflows")
                    .label(span, "here")
                    .help("use units closer in size"),
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
                format!("expected a true/false test, found {t}"),
                "write a comparison such as `x >= 5 家`, or a boolean input",
            );
            return None;
        }
        Some(ie)
    }

    /// Lowers an expression, guarding nesting depth.
    pub(super) fn lower(&mut self, e: &Expr, expect: Option<&Type>) -> Typed {
        self.depth += 1;
        let out = if self.depth > MAX_DEPTH {
            self.error(
                Diagnostic::error(
                    "jidi::nesting_too_deep",
                    format!("expression nested more than {MAX_DEPTH} deep"),
                )
                .label(e.span, "too deep")
                .help("split it with `let` declarations"),
            );
            None
        } else {
            self.lower_inner(e, expect)
        };
        self.depth -= 1;
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
                                    format!("a set of numbers in {b} cannot hold {a}"),
                                    "keep every member of a set the same type",
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
                                format!("a set of {a} cannot hold {b}"),
                                "keep every member of a set the same type",
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
                        format!("`.{}` needs a record, found {t}", field.text),
                        "fields belong to record values such as an event `e.日期`",
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
                        let mut d = Diagnostic::error(
                            "jidi::undefined_name",
                            format!("`{}` has no field `{}`", shape.name, field.text),
                        )
                        .label(field.span, "no such field");
                        d = match did_you_mean(&field.text, names.iter().copied()) {
                            Some(s) => d.help(format!("did you mean `{s}`?")),
                            None => d.help(format!(
                                "the fields of `{}` are: {}",
                                shape.name,
                                names.join(", ")
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
                        format!("only maps can be indexed, found {t}"),
                        "index a map input such as 定性评价[\"质量体系建设情况\"]",
                    );
                    return None;
                };
                let (ik, kty) = self.lower(key, Some(&Type::Text))?;
                if kty != Type::Text {
                    let t = self.describe(&kty);
                    self.mismatch(
                        key.span,
                        format!("map keys are text, found {t}"),
                        "write the key as a quoted string",
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
                        format!("cannot negate {t}"),
                        "only numbers can be negated",
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
                    self.mismatch(set.span, format!("cannot look for {a} in {b}"), "the right of `in` is a set or list of the same type, e.g. `{重大, 特别重大}`");
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
                let s = self.lower_typed(
                    subject,
                    &Type::Date,
                    "the subject of `within` must be a date",
                )?;
                let l = self.lower_typed(
                    length,
                    &Type::Duration,
                    "`within` needs a duration such as `3 years`",
                )?;
                let a = self.lower_typed(
                    anchor,
                    &Type::Date,
                    "`within … before` needs a date to count from",
                )?;
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
                        format!("only numbers have units, found {t}"),
                        "remove `as`",
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
            ExprKind::AsOf => match self.as_of_slot {
                Some(slot) => Some((IExpr::Input(slot), Type::Date)),
                None => {
                    self.error(
                        Diagnostic::error("jidi::as_of_outside_lifecycle", "`as_of` is only known in lifecycle rules")
                            .label(e.span, "no date is asked for here")
                            .help("`as_of` is the date a timeline is asked for; use it inside `lifecycle { … }`"),
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
                format!("`{word}` ranges over a list, found {t}"),
                "quantify over a list input, e.g. `any e in 事件: …`",
            );
            return None;
        };
        self.locals.push((var.text.clone(), *elem));
        let ifilter = filter.map(|f| self.lower_bool(f));
        let ib = match quantifier {
            Quantifier::Min | Quantifier::Max | Quantifier::Sum => self.lower(body, None),
            _ => self.lower_bool(body).map(|b| (b, Type::Bool)),
        };
        self.locals.pop();
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
                        format!("`sum` adds numbers, found {t}"),
                        "write the figure to add up, e.g. `sum e in 企业: e.营业收入`",
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
                        format!("`{word}` needs numbers or dates, found {t}"),
                        "write the figure or date to compare, e.g. `min e in 事件: e.日期`",
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
        let growth_allowed = std::mem::take(&mut self.growth_allowed);
        let builtin = match f.text.as_str() {
            "growth" => return self.lower_growth(f, args, span, growth_allowed),
            "year" => Builtin::Year,
            "date" => Builtin::Date,
            "min" => Builtin::Min,
            "max" => Builtin::Max,
            other => {
                let mut d = Diagnostic::error(
                    "jidi::undefined_name",
                    format!("unknown function `{other}`"),
                )
                .label(f.span, "not a built-in function");
                d = match did_you_mean(other, BUILTINS) {
                    Some(s) => d.help(format!("did you mean `{s}`?")),
                    None => d.help(format!("the functions are: {}", BUILTINS.join(", "))),
                };
                self.error(d);
                return None;
            }
        };
        let lowered: Vec<Option<(IExpr, Type)>> =
            args.iter().map(|a| self.lower(a, None)).collect();
        let lowered: Vec<(IExpr, Type)> = lowered.into_iter().collect::<Option<_>>()?;
        let bad = |me: &mut Self, message: String, help: &str| {
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
                    "`year` takes one date".into(),
                    "write `year(认定日期)`",
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
                        "`date` takes a year, a month and a day".into(),
                        "write `date(2024, 12, 31)`",
                    )
                }
            }
            Builtin::Min | Builtin::Max => {
                let mut it = lowered.into_iter();
                let Some((first, ty)) = it.next() else {
                    return bad(
                        self,
                        format!("`{}` needs at least one value", f.text),
                        "write `min(a, b)`",
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
                        format!("`{}` needs numbers or dates, found {t}", f.text),
                        "compare figures or dates",
                    );
                }
                Some((IExpr::Call(builtin, out), ty))
            }
        }
    }

    fn lower_typed(&mut self, e: &Expr, want: &Type, help: &str) -> Option<IExpr> {
        let (ie, ty) = self.lower(e, Some(want))?;
        if ty != *want {
            let (a, b) = (self.describe(want), self.describe(&ty));
            self.mismatch(e.span, format!("expected {a}, found {b}"), help);
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
                    format!("expected {a}, found {b}"),
                    "both sides must have the same type",
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
                            format!(
                                "cannot {} {a} and {b}",
                                if op == BinOp::Add { "add" } else { "subtract" }
                            ),
                            "add numbers of one dimension, or a duration to a date",
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
                        format!("cannot multiply or divide {a} and {b}"),
                        "only numbers multiply and divide",
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
                        Diagnostic::error("jidi::overflow", "this unit overflows")
                            .label(span, "here")
                            .help("use smaller units"),
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
                    "order comparisons need two numbers of one dimension, or two dates"
                } else {
                    "compare values of the same type"
                };
                self.mismatch(rspan, format!("cannot compare {a} with {b}"), help);
                return None;
            }
        };
        Some(IExpr::Cmp(op, Box::new(il), Box::new(ir)))
    }

    fn lower_name(&mut self, name: &str, span: Span, expect: Option<&Type>) -> Typed {
        if self.poisoned.contains(name) && !self.locals.iter().any(|(n, _)| n == name) {
            return None;
        }
        if let Some(depth) = self.locals.iter().rposition(|(n, _)| n == name) {
            let ty = self.locals.get(depth)?.1.clone();
            return Some((IExpr::Var(depth), ty));
        }
        // An enumeration value of the expected type wins over everything but locals.
        if let Some(Type::Enum(want)) = expect {
            if let Some(idx) = self
                .constants
                .get(name)
                .and_then(|c| c.iter().find(|(e, _)| e == want))
                .map(|(_, i)| *i)
            {
                return Some((IExpr::Const(Value::Enum(idx)), Type::Enum(*want)));
            }
        }
        if let Some((what, _)) = self.values.get(name).cloned() {
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
        match self.constants.get(name).map(Vec::as_slice) {
            Some([(e, i)]) => return Some((IExpr::Const(Value::Enum(*i)), Type::Enum(*e))),
            Some(many) if many.len() > 1 => {
                let enums: Vec<String> = many
                    .iter()
                    .filter_map(|(e, _)| self.policy.enums.get(*e as usize).map(|d| d.name.clone()))
                    .collect();
                self.error(
                    Diagnostic::error(
                        "jidi::ambiguous_name",
                        format!("`{name}` is a value of several enumerations"),
                    )
                    .label(span, "which one?")
                    .help(format!(
                        "compare it with a value of one of: {}",
                        enums.join(", ")
                    )),
                );
                return None;
            }
            _ => {}
        }
        let mut candidates: Vec<&str> = self.values.keys().map(String::as_str).collect();
        candidates.extend(self.constants.keys().map(String::as_str));
        candidates.extend(self.locals.iter().map(|(n, _)| n.as_str()));
        let mut d = Diagnostic::error("jidi::undefined_name", format!("unknown name `{name}`"))
            .label(span, "not declared");
        d = match did_you_mean(name, candidates) {
            Some(s) => d.help(format!("did you mean `{s}`?")),
            None => d.help("declare it as an input, a `let`, a set or an enumeration value"),
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
                    Diagnostic::error("jidi::cycle", format!("set `{name}` contains itself"))
                        .label(span, "defined in terms of itself")
                        .help("list the set's members; a set cannot contain itself"),
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
                let saved = std::mem::take(&mut self.locals);
                let lowered = self.lower(&lit, None);
                self.locals = saved;
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
                    Diagnostic::error("jidi::cycle", format!("`{name}` is defined in terms of itself"))
                        .label(span, "used here while being defined")
                        .help("break the cycle: a derived value may only use inputs and other derived values"),
                );
                None
            }
            LetState::Pending(ast_idx) => {
                if let Some(s) = self.let_state.get_mut(i) {
                    *s = LetState::InProgress;
                }
                let decl = self.let_asts.get(ast_idx)?.clone();
                let saved = std::mem::take(&mut self.locals);
                let lowered = self.lower(&decl.value, None);
                self.locals = saved;
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
