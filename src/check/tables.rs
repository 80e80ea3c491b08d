//! Constant tables: `table 能耗先进值: 吨标准煤/万元 by 行业 { 钢铁 = 0.6, … }`, checked once,
//! and their lookups `能耗先进值[行业]`.

use super::{Checker, Type, ValueName};
use crate::check::ir::{IExpr, TableDef};
use crate::diag::catalogue::{
    common, declared_kind, table_incomplete, table_key, table_mismatch, table_type, table_value,
    table_without_key,
};
use crate::diag::did_you_mean;
use crate::diag::text::Arg;
use crate::eval::Env;
use crate::source::Span;
use crate::syntax::ast::{self, Expr, ExprKind};
use crate::value::Value;
use std::sync::Arc;

impl Checker {
    /// Checks a table's types and rows and records it under its name.
    pub(super) fn declare_table(&mut self, t: &ast::TableDecl, article: Option<&ast::ArticleDecl>) {
        let index = self.policy.tables.len();
        if !self.claim_value(&t.name, ValueName::Table(index)) {
            return;
        }
        match self.lower_table(t, article) {
            Some(def) => self.policy.tables.push(def),
            None => {
                self.poisoned.insert(t.name.text.clone());
            }
        }
    }

    fn lower_table(
        &mut self,
        t: &ast::TableDecl,
        article: Option<&ast::ArticleDecl>,
    ) -> Option<TableDef> {
        let value_ty = self.resolve_type(&t.value_ty)?;
        let key_ty = self.resolve_type(&t.key_ty)?;
        let Type::Num(unit) = &value_ty else {
            let found = self.policy.type_name(&value_ty);
            self.error(
                table_type::holds_figures(found)
                    .label(t.value_ty.span(), table_type::values_type())
                    .help(table_type::give_unit()),
            );
            return None;
        };
        if !matches!(key_ty, Type::Enum(_) | Type::Text) {
            let found = self.policy.type_name(&key_ty);
            self.error(
                table_type::read_by(found)
                    .label(t.key_ty.span(), table_type::keys_type())
                    .help(table_type::key_by()),
            );
            return None;
        }
        let mut rows: Vec<(Value, Value)> = Vec::new();
        let mut spans: Vec<Span> = Vec::new();
        let mut ok = true;
        for (key, value) in &t.rows {
            let Some(k) = self.table_key(&key_ty, key) else {
                ok = false;
                continue;
            };
            if let Some(first) = rows.iter().position(|(x, _)| *x == k) {
                let first = spans.get(first).copied().unwrap_or(key.span);
                self.duplicate(declared_kind::row(), key, first);
                ok = false;
                continue;
            }
            let Some(v) = self.table_value(unit, value) else {
                ok = false;
                continue;
            };
            rows.push((k, v));
            spans.push(key.span);
        }
        if !ok {
            return None;
        }
        let complete = match key_ty {
            Type::Enum(e) => {
                let values = self
                    .policy
                    .enums
                    .get(e as usize)
                    .map_or_else(Vec::new, |d| d.values.clone());
                let missing: Vec<&str> = values
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| {
                        !rows
                            .iter()
                            .any(|(k, _)| u32::try_from(*i).is_ok_and(|i| *k == Value::Enum(i)))
                    })
                    .map(|(_, v)| v.as_str())
                    .collect();
                if !missing.is_empty() {
                    let d = table_incomplete::no_row(&t.name.text, Arg::list(&missing))
                        .label(t.name.span, table_incomplete::gives_unknown())
                        .help(table_incomplete::add_rows());
                    self.error(d);
                }
                missing.is_empty()
            }
            _ => false,
        };
        Some(TableDef {
            name: t.name.text.clone(),
            article: article.map(|a| a.label.text.clone()),
            key_ty,
            value_ty,
            rows: Arc::from(rows),
            complete,
            span: t.name.span,
        })
    }

    /// A row's key as a value of the key type.
    fn table_key(&mut self, key_ty: &Type, key: &ast::Name) -> Option<Value> {
        match key_ty {
            Type::Enum(e) => {
                let def = self.policy.enums.get(*e as usize)?;
                match def.values.iter().position(|v| *v == key.text) {
                    Some(i) => Some(Value::Enum(u32::try_from(i).ok()?)),
                    None => {
                        let (name, values) = (def.name.clone(), def.values.clone());
                        let mut d = table_key::not_a_value(&key.text, &name)
                            .label(key.span, table_key::not_a_key());
                        d = match did_you_mean(&key.text, values.iter().map(String::as_str)) {
                            Some(s) => d.help(common::did_you_mean(s)),
                            None => d.help(table_key::values_are(&name, Arg::list(&values))),
                        };
                        self.error(d);
                        None
                    }
                }
            }
            _ => Some(Value::Text(Arc::from(key.text.as_str()))),
        }
    }

    /// A row's value: a constant figure, in the table's unit when written without one.
    fn table_value(&mut self, unit: &crate::units::Unit, value: &Expr) -> Option<Value> {
        let bare = match &value.kind {
            ExprKind::Number(_, None) => true,
            ExprKind::Neg(inner) => matches!(inner.kind, ExprKind::Number(_, None)),
            _ => false,
        };
        let (ie, ty) = self.lower(value, Some(&Type::Num(unit.clone())))?;
        let ie = match ty {
            Type::Num(_) if bare => ie,
            Type::Num(from) => self.convert(ie, &from, unit, value.span)?,
            other => {
                let found = self.policy.type_name(&other);
                self.error(
                    table_mismatch::expected_figure(found)
                        .label(value.span, common::here())
                        .help(table_mismatch::write_figure()),
                );
                return None;
            }
        };
        let constant = ie.is_constant().then(|| {
            Env {
                inputs: &[],
                lets: &[],
                locals: Vec::new(),
            }
            .eval(&ie)
        });
        match constant {
            Some(Ok(v @ Value::Num(_))) => Some(v),
            _ => {
                self.error(
                    table_value::constant_figures()
                        .label(value.span, table_value::not_constant())
                        .help(table_value::write_itself()),
                );
                None
            }
        }
    }

    /// `TABLE[key]` when `name` is a table; `None` when it is not one.
    pub(super) fn lower_lookup(
        &mut self,
        base: &Expr,
        key: &Expr,
    ) -> Option<Option<(IExpr, Type)>> {
        let ExprKind::Name(name) = &base.kind else {
            return None;
        };
        if self.scope.locals.iter().any(|(n, _)| n == name) {
            return None;
        }
        let Some((ValueName::Table(i), _)) = self.names.values.get(name).cloned() else {
            return None;
        };
        let def = self.policy.tables.get(i)?.clone();
        let (ik, kty) = match self.lower(key, Some(&def.key_ty)) {
            Some(k) => k,
            None => return Some(None),
        };
        if kty != def.key_ty {
            let (want, found) = (
                self.policy.type_name(&def.key_ty),
                self.policy.type_name(&kty),
            );
            self.error(
                table_mismatch::read_by(&def.name, &want, found)
                    .label(key.span, table_mismatch::this_key())
                    .help(table_mismatch::read_with(&want)),
            );
            return Some(None);
        }
        Some(Some((
            IExpr::Lookup {
                table: i,
                rows: Arc::clone(&def.rows),
                complete: def.complete,
                key: Box::new(ik),
            },
            def.value_ty,
        )))
    }

    /// A table named without a key.
    pub(super) fn table_without_key(&mut self, name: &str, span: Span) {
        self.error(
            table_without_key::read_by_key(name)
                .label(span, table_without_key::which_row())
                .help(table_without_key::write_key(name)),
        );
    }
}
