//! The one walk over the IR: every pass that looks inside an expression (lints, the diff's
//! canonical forms, the record generator, the analyzer, the timeline's dependency questions)
//! goes through [`IExpr::children`] or [`IExpr::subexpressions`], so a new kind of expression
//! is taught to the walk once, here.

use super::IExpr;

impl IExpr {
    /// The direct sub-expressions, in the order they are written (a quantifier: the list, its
    /// `where` test, then its body).
    pub fn children(&self) -> Children<'_> {
        let mut items = Children::default();
        match self {
            IExpr::Const(_)
            | IExpr::Input(_)
            | IExpr::Let(_)
            | IExpr::Var(_)
            | IExpr::RulePassed(_)
            | IExpr::GroupPassed(_)
            | IExpr::RuleFigure(_) => {}
            IExpr::Field(a, _)
            | IExpr::Neg(a)
            | IExpr::Not(a)
            | IExpr::Scale(a, _)
            | IExpr::Growth { list: a, .. }
            | IExpr::Lookup { key: a, .. } => items.fixed = [Some(a), None, None],
            IExpr::Index(a, b)
            | IExpr::And(a, b)
            | IExpr::Or(a, b)
            | IExpr::Arith(_, a, b)
            | IExpr::Cmp(_, a, b)
            | IExpr::In {
                elem: a, set: b, ..
            }
            | IExpr::Shift { date: a, by: b, .. } => items.fixed = [Some(a), Some(b), None],
            IExpr::Within {
                subject,
                length,
                anchor,
                ..
            } => items.fixed = [Some(subject), Some(length), Some(anchor)],
            IExpr::If(a, b, c) => items.fixed = [Some(a), Some(b), Some(c)],
            IExpr::Quant {
                over, filter, body, ..
            } => items.fixed = [Some(over), filter.as_deref(), Some(body)],
            IExpr::Call(_, args) | IExpr::Set(args) => items.many = args.iter(),
        }
        items
    }

    /// This expression and every expression inside it, depth first, each before its children.
    /// The walk keeps its own stack, so a deep expression cannot overflow the thread's.
    pub fn subexpressions(&self) -> Subexpressions<'_> {
        Subexpressions { stack: vec![self] }
    }
}

/// The direct sub-expressions of one expression: see [`IExpr::children`].
#[derive(Debug, Clone, Default)]
pub struct Children<'a> {
    /// Up to three operands, in order; unused places are `None` (a quantifier without `where`).
    fixed: [Option<&'a IExpr>; 3],
    next: usize,
    /// The arguments of a call or the members of a set.
    many: std::slice::Iter<'a, IExpr>,
}

impl<'a> Iterator for Children<'a> {
    type Item = &'a IExpr;

    fn next(&mut self) -> Option<&'a IExpr> {
        while let Some(slot) = self.fixed.get(self.next) {
            self.next += 1;
            if let Some(e) = slot {
                return Some(e);
            }
        }
        self.many.next()
    }
}

/// Every expression inside one, itself first: see [`IExpr::subexpressions`].
#[derive(Debug, Clone)]
pub struct Subexpressions<'a> {
    stack: Vec<&'a IExpr>,
}

impl<'a> Iterator for Subexpressions<'a> {
    type Item = &'a IExpr;

    fn next(&mut self) -> Option<&'a IExpr> {
        let e = self.stack.pop()?;
        let before = self.stack.len();
        self.stack.extend(e.children());
        // Children were pushed in order; reversed, the first is popped first.
        if let Some(pushed) = self.stack.get_mut(before..) {
            pushed.reverse();
        }
        Some(e)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::super::{Arith, Builtin};
    use super::*;
    use crate::syntax::ast::{CmpOp, Quantifier};
    use crate::value::Value;

    fn b(e: IExpr) -> Box<IExpr> {
        Box::new(e)
    }

    #[test]
    fn children_are_the_operands_in_written_order() {
        let quant = IExpr::Quant {
            quantifier: Quantifier::Any,
            over: b(IExpr::Input(0)),
            filter: Some(b(IExpr::Var(0))),
            body: b(IExpr::Input(1)),
        };
        let kids: Vec<&IExpr> = quant.children().collect();
        assert_eq!(
            kids,
            vec![&IExpr::Input(0), &IExpr::Var(0), &IExpr::Input(1)]
        );
        let unfiltered = IExpr::Quant {
            quantifier: Quantifier::All,
            over: b(IExpr::Input(0)),
            filter: None,
            body: b(IExpr::Input(1)),
        };
        assert_eq!(unfiltered.children().count(), 2);
        let call = IExpr::Call(Builtin::Max, vec![IExpr::Input(2), IExpr::Let(0)]);
        assert_eq!(
            call.children().collect::<Vec<_>>(),
            vec![&IExpr::Input(2), &IExpr::Let(0)]
        );
        assert_eq!(IExpr::Const(Value::Bool(true)).children().count(), 0);
    }

    #[test]
    fn subexpressions_visit_each_node_once_parents_first() {
        // (in0 + in1) >= max(let0, 3)
        let e = IExpr::Cmp(
            CmpOp::Ge,
            b(IExpr::Arith(
                Arith::Add,
                b(IExpr::Input(0)),
                b(IExpr::Input(1)),
            )),
            b(IExpr::Call(
                Builtin::Max,
                vec![IExpr::Let(0), IExpr::Const(Value::Bool(false))],
            )),
        );
        let kinds: Vec<String> = e
            .subexpressions()
            .map(|x| format!("{x:?}").chars().take(5).collect())
            .collect();
        assert_eq!(
            kinds,
            ["Cmp(G", "Arith", "Input", "Input", "Call(", "Let(0", "Const"]
        );
    }

    #[test]
    fn a_deep_expression_is_walked_without_recursion() {
        let mut e = IExpr::Input(0);
        for _ in 0..100_000 {
            e = IExpr::Not(b(e));
        }
        assert_eq!(e.subexpressions().count(), 100_001);
        // Dropping a deep tree recurses; keep it off this thread's stack.
        let mut cur = e;
        while let IExpr::Not(inner) = cur {
            cur = *inner;
        }
    }
}
