//! The meaning of an expression as text: the checked IR written back with every name resolved —
//! sets expanded to their members, enumeration values and inputs by name, unit conversions as
//! exact factors — so two versions can be compared where their source text is the same.

use crate::check::ir::{Arith, Builtin, IExpr, InputDef, LetDef, Policy, Type};
use crate::syntax::ast::Quantifier;
use crate::value::Value;

/// What an expression reads: the inputs and derived values of the record it runs on.
#[derive(Clone, Copy)]
pub struct Scope<'p> {
    pub policy: &'p Policy,
    pub inputs: &'p [InputDef],
    pub lets: &'p [LetDef],
}

impl<'p> Scope<'p> {
    /// The application record's inputs and derived values.
    pub fn selection(policy: &'p Policy) -> Self {
        Scope {
            policy,
            inputs: &policy.inputs,
            lets: &policy.lets,
        }
    }
}

/// The expression's meaning, written out.
pub fn render(scope: Scope<'_>, e: &IExpr) -> String {
    Renderer {
        scope,
        vars: Vec::new(),
    }
    .expr(e, None)
    .0
}

struct Renderer<'p> {
    scope: Scope<'p>,
    /// The element type of each variable bound by a quantifier, outermost first.
    vars: Vec<Option<Type>>,
}

impl Renderer<'_> {
    fn constant(&self, v: &Value, ty: Option<&Type>) -> String {
        match (v, ty) {
            (Value::Enum(_), None) => format!("{v:?}"),
            (Value::Text(t), _) => format!("{t:?}"),
            (v, Some(t)) => self.scope.policy.value_text(v, t),
            (v, None) => self.scope.policy.value_text(v, &Type::Nothing),
        }
    }

    /// The text and, where it can be told, the type of an expression; `want` types constants.
    fn expr(&mut self, e: &IExpr, want: Option<&Type>) -> (String, Option<Type>) {
        let p = self.scope.policy;
        match e {
            IExpr::Const(v) => (self.constant(v, want), want.cloned()),
            IExpr::Input(i) => match self.scope.inputs.get(*i) {
                Some(d) => (d.name.clone(), Some(d.ty.clone())),
                None => ("as_of".into(), Some(Type::Date)),
            },
            IExpr::Let(i) => match self.scope.lets.get(*i) {
                Some(d) => (d.name.clone(), Some(d.ty.clone())),
                None => (format!("let#{i}"), None),
            },
            IExpr::Var(d) => (format!("x{d}"), self.vars.get(*d).cloned().flatten()),
            IExpr::Field(base, i) => {
                let (b, bt) = self.expr(base, None);
                let field = match bt {
                    Some(Type::Shape(s)) => p
                        .shapes
                        .get(s as usize)
                        .and_then(|sh| sh.fields.get(i.index))
                        .map(|f| (f.name.clone(), f.ty.clone())),
                    _ => None,
                };
                match field {
                    Some((name, ty)) => (format!("{b}.{name}"), Some(ty)),
                    None => (format!("{b}.#{}", i.index), None),
                }
            }
            IExpr::Index(m, k) => {
                let (ms, mt) = self.expr(m, None);
                let (ks, _) = self.expr(k, Some(&Type::Text));
                let inner = match mt {
                    Some(Type::Map(t)) => Some(*t),
                    _ => None,
                };
                (format!("{ms}[{ks}]"), inner)
            }
            IExpr::Neg(a) => {
                let (s, t) = self.expr(a, want);
                (format!("-({s})"), t)
            }
            IExpr::Not(a) => (format!("not ({})", self.expr(a, None).0), Some(Type::Bool)),
            IExpr::And(a, b) | IExpr::Or(a, b) => {
                let op = if matches!(e, IExpr::And(..)) {
                    "and"
                } else {
                    "or"
                };
                let l = self.expr(a, None).0;
                let r = self.expr(b, None).0;
                (format!("({l} {op} {r})"), Some(Type::Bool))
            }
            IExpr::Arith(op, a, b) => {
                let (l, lt) = self.expr(a, None);
                let (r, rt) = self.expr(b, None);
                let sym = match op {
                    Arith::Add => "+",
                    Arith::Sub => "-",
                    Arith::Mul => "*",
                    Arith::Div => "/",
                };
                (format!("({l} {sym} {r})"), lt.or(rt))
            }
            IExpr::Scale(a, f) => {
                let (s, t) = self.expr(a, None);
                (format!("({s} × {f})"), t)
            }
            IExpr::Cmp(op, a, b) => {
                let (l, r) = self.pair(a, b);
                (format!("{l} {} {r}", op.symbol()), Some(Type::Bool))
            }
            IExpr::In { negated, elem, set } => {
                let (l, lt) = self.expr(elem, None);
                let (r, rt) = self.expr(set, lt.map(|t| Type::List(Box::new(t))).as_ref());
                let l = match (&**elem, rt) {
                    (IExpr::Const(v), Some(Type::List(t))) => self.constant(v, Some(&t)),
                    _ => l,
                };
                let not = if *negated { "not " } else { "" };
                (format!("{l} {not}in {r}"), Some(Type::Bool))
            }
            IExpr::Shift { date, by, forward } => {
                let d = self.expr(date, None).0;
                let b = self.expr(by, Some(&Type::Duration)).0;
                let sign = if *forward { "+" } else { "-" };
                (format!("({d} {sign} {b})"), Some(Type::Date))
            }
            IExpr::Within {
                subject,
                length,
                before,
                anchor,
            } => {
                let s = self.expr(subject, None).0;
                let l = self.expr(length, Some(&Type::Duration)).0;
                let a = self.expr(anchor, None).0;
                let dir = if *before { "before" } else { "after" };
                (format!("{s} within {l} {dir} {a}"), Some(Type::Bool))
            }
            IExpr::If(c, t, f) => {
                let c = self.expr(c, None).0;
                let (t, tt) = self.expr(t, want);
                let (f, ft) = self.expr(f, want);
                (format!("(if {c} then {t} else {f})"), tt.or(ft))
            }
            IExpr::Quant {
                quantifier,
                over,
                filter,
                body,
            } => {
                let elem = element_type(self, over, body);
                let o = self.expr(over, elem.clone().map(|t| Type::List(Box::new(t))).as_ref());
                self.vars.push(elem);
                let var = self.vars.len() - 1;
                let f = filter.as_ref().map(|f| self.expr(f, None).0);
                let (b, bt) = self.expr(body, None);
                self.vars.pop();
                let q = match quantifier {
                    Quantifier::Any => "any",
                    Quantifier::All => "all",
                    Quantifier::Count => "count",
                    Quantifier::Min => "min",
                    Quantifier::Max => "max",
                    Quantifier::Sum => "sum",
                };
                let w = f.map_or_else(String::new, |f| format!(" where {f}"));
                let ty = match quantifier {
                    Quantifier::Min | Quantifier::Max | Quantifier::Sum => bt,
                    Quantifier::Count => Some(Type::Num(crate::units::Unit::dimensionless())),
                    _ => Some(Type::Bool),
                };
                (format!("({q} x{var} in {}{w}: {b})", o.0), ty)
            }
            IExpr::Call(f, args) => {
                let name = match f {
                    Builtin::Year => "year",
                    Builtin::Date => "date",
                    Builtin::Min => "min",
                    Builtin::Max => "max",
                };
                let parts: Vec<String> = args.iter().map(|a| self.expr(a, None).0).collect();
                (format!("{name}({})", parts.join(", ")), None)
            }
            IExpr::Set(items) => {
                let inner = match want {
                    Some(Type::List(t)) => Some((**t).clone()),
                    _ => None,
                };
                let mut parts: Vec<String> = items
                    .iter()
                    .map(|i| self.expr(i, inner.as_ref()).0)
                    .collect();
                // A set's order is not part of its meaning.
                parts.sort();
                let ty = inner.map(|t| Type::List(Box::new(t)));
                (format!("{{{}}}", parts.join(", ")), ty)
            }
            IExpr::Growth { list, scale } => {
                let l = self.expr(list, None).0;
                (format!("growth({l}) × {scale}"), None)
            }
            IExpr::RulePassed(r) => (format!("passed({})", self.rule(*r)), Some(Type::Bool)),
            IExpr::GroupPassed(rules) => {
                let names: Vec<String> = rules.iter().map(|r| self.rule(*r)).collect();
                (
                    format!("passed({{{}}})", names.join(", ")),
                    Some(Type::Bool),
                )
            }
            IExpr::RuleFigure(r) => {
                let ty = p
                    .rules
                    .get(*r)
                    .and_then(|d| d.figure.as_ref())
                    .map(|(_, t)| t.clone());
                (format!("figure({})", self.rule(*r)), ty)
            }
            // A table by its rows, so a changed value is a changed meaning.
            IExpr::Lookup {
                table, rows, key, ..
            } => {
                let (k, kt) = self.expr(key, None);
                let ty = p.tables.get(*table).map(|t| t.value_ty.clone());
                let parts: Vec<String> = rows
                    .iter()
                    .map(|(key, value)| {
                        format!(
                            "{} = {}",
                            self.constant(key, kt.as_ref()),
                            self.constant(value, ty.as_ref())
                        )
                    })
                    .collect();
                (format!("{{{}}}[{k}]", parts.join(", ")), ty)
            }
        }
    }

    /// A rule by name, for rules that read rules.
    fn rule(&self, r: usize) -> String {
        self.scope
            .policy
            .rules
            .get(r)
            .map_or_else(|| format!("rule#{r}"), |d| d.name.clone())
    }

    /// Two sides of a comparison, constants typed by the other side.
    fn pair(&mut self, a: &IExpr, b: &IExpr) -> (String, String) {
        let (l, lt) = self.expr(a, None);
        let (r, rt) = self.expr(b, lt.as_ref());
        let l = match (a, rt) {
            (IExpr::Const(v), Some(t)) => self.constant(v, Some(&t)),
            _ => l,
        };
        (l, r)
    }
}

/// The element type of a quantifier's list: from the list's own type, or — for a set of constants
/// written in place — from how the body uses the variable (`m in 材料`).
fn element_type(r: &mut Renderer<'_>, over: &IExpr, body: &IExpr) -> Option<Type> {
    if let (_, Some(Type::List(t))) = r.expr(over, None) {
        return Some(*t);
    }
    let depth = r.vars.len();
    let mut found = None;
    for e in body.subexpressions() {
        let other = match e {
            IExpr::In { elem, set, .. } if **elem == IExpr::Var(depth) => Some((&**set, true)),
            IExpr::Cmp(_, a, b) if **a == IExpr::Var(depth) => Some((&**b, false)),
            IExpr::Cmp(_, a, b) if **b == IExpr::Var(depth) => Some((&**a, false)),
            _ => None,
        };
        if let (Some((other, list)), None) = (other, &found) {
            let mut inner = Renderer {
                scope: r.scope,
                vars: r.vars.clone(),
            };
            inner.vars.push(None);
            found = match inner.expr(other, None).1 {
                Some(Type::List(t)) if list => Some(*t),
                Some(t) if !list => Some(t),
                _ => None,
            };
        }
    }
    found
}
