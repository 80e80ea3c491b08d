//! Expressions lowered to nodes over input slots: constants folded, map entries with a constant
//! key read through a slot resolved once per record, sets of enumeration values tested as bit
//! masks. What is not lowered stays a tree node for the interpreter, and a comparison whose
//! operands are unknown numbers is decided by the interpreter's bounds: never a different value.

use crate::check::ir::{Arith, IExpr};
use crate::eval::expr::{arith, boolean, member, numbers_unknown, test, truth, Cx, V};
use crate::eval::EvalError;
use crate::syntax::ast::CmpOp;
use crate::units::Rational;
use crate::value::Value;
use std::sync::Arc;

static UNKNOWN: Value = Value::Unknown;

/// One lowered expression.
#[derive(Debug, Clone)]
pub(super) enum Node {
    Const(Value),
    Input(usize),
    Let(usize),
    /// `MAP["key"]` on a map input: the entry found for the key's slot this record.
    MapGet {
        input: usize,
        slot: usize,
    },
    Neg(Box<Node>),
    Not(Box<Node>),
    And(Box<Node>, Box<Node>),
    Or(Box<Node>, Box<Node>),
    Arith(Arith, Box<Node>, Box<Node>),
    Scale(Box<Node>, Rational),
    /// `l op r`; `tree` decides it from bounds when a number on either side is unknown.
    Cmp {
        op: CmpOp,
        l: Box<Node>,
        r: Box<Node>,
        tree: Box<IExpr>,
    },
    /// `elem in { … }` on constants; `mask` has bit `i` for `Value::Enum(i)` when every member
    /// is an enumeration value below 64.
    InSet {
        negated: bool,
        elem: Box<Node>,
        members: Vec<Value>,
        mask: Option<u64>,
    },
    /// Anything else: evaluated by the tree interpreter.
    Tree(Box<IExpr>),
}

/// The map entries with a constant key that a program reads, each given a slot.
#[derive(Debug, Clone, Default)]
pub(super) struct MapKeys {
    /// Per map input read with constant keys: the input and its keys, slot `first + k` for the
    /// `k`-th key.
    pub maps: Vec<MapPlan>,
    pub slots: usize,
}

#[derive(Debug, Clone)]
pub(super) struct MapPlan {
    pub input: usize,
    pub keys: Vec<Arc<str>>,
    pub first: usize,
}

impl MapKeys {
    fn slot(&mut self, input: usize, key: &Arc<str>) -> usize {
        let at = self.maps.iter().position(|m| m.input == input);
        let plan = match at {
            Some(i) => self.maps.get_mut(i),
            None => {
                self.maps.push(MapPlan {
                    input,
                    keys: Vec::new(),
                    first: 0,
                });
                self.maps.last_mut()
            }
        };
        let Some(plan) = plan else { return 0 };
        match plan.keys.iter().position(|k| k == key) {
            Some(k) => plan.first + k,
            None => {
                plan.keys.push(Arc::clone(key));
                plan.first + plan.keys.len() - 1
            }
        }
    }

    /// Gives each map's keys consecutive slots; call once every expression is lowered, then
    /// [`Node::relocate`] every node.
    pub fn lay_out(&mut self) {
        let mut next = 0;
        for m in &mut self.maps {
            m.first = next;
            next += m.keys.len();
        }
        self.slots = next;
    }
}

/// Lowers one expression. Map slots are numbered per map until [`MapKeys::lay_out`].
pub(super) fn lower(e: &IExpr, keys: &mut MapKeys) -> Node {
    if e.is_constant() {
        if let Ok(v) = Cx::bare(&[], &[]).eval(e, None) {
            if v.get().is_known() {
                return Node::Const(v.into_owned());
            }
        }
    }
    let boxed = |e: &IExpr, keys: &mut MapKeys| Box::new(lower(e, keys));
    match e {
        IExpr::Const(v) => Node::Const(v.clone()),
        IExpr::Input(i) => Node::Input(*i),
        IExpr::Let(i) => Node::Let(*i),
        IExpr::Index(map, key) => match (&**map, &**key) {
            (IExpr::Input(m), IExpr::Const(Value::Text(k))) => Node::MapGet {
                input: *m,
                slot: keys.slot(*m, k),
            },
            _ => Node::Tree(Box::new(e.clone())),
        },
        IExpr::Neg(a) => Node::Neg(boxed(a, keys)),
        IExpr::Not(a) => Node::Not(boxed(a, keys)),
        IExpr::And(a, b) => Node::And(boxed(a, keys), boxed(b, keys)),
        IExpr::Or(a, b) => Node::Or(boxed(a, keys), boxed(b, keys)),
        IExpr::Arith(op, a, b) => Node::Arith(*op, boxed(a, keys), boxed(b, keys)),
        IExpr::Scale(a, f) => Node::Scale(boxed(a, keys), *f),
        IExpr::Cmp(op, l, r) if !l.is_growth() => Node::Cmp {
            op: *op,
            l: boxed(l, keys),
            r: boxed(r, keys),
            tree: Box::new(e.clone()),
        },
        IExpr::In { negated, elem, set } => match &**set {
            IExpr::Set(items) if items.iter().all(|i| matches!(i, IExpr::Const(_))) => {
                let members: Vec<Value> = items
                    .iter()
                    .filter_map(|i| match i {
                        IExpr::Const(c) => Some(c.clone()),
                        _ => None,
                    })
                    .collect();
                let mask = members.iter().try_fold(0u64, |m, v| match v {
                    Value::Enum(i) => 1u64.checked_shl(*i).map(|b| m | b),
                    _ => None,
                });
                Node::InSet {
                    negated: *negated,
                    elem: boxed(elem, keys),
                    members,
                    mask,
                }
            }
            _ => Node::Tree(Box::new(e.clone())),
        },
        _ => Node::Tree(Box::new(e.clone())),
    }
}

impl Node {
    /// Moves map slots from per-map numbering to the program's, once laid out.
    pub fn relocate(&mut self, keys: &MapKeys) {
        match self {
            Node::MapGet { input, slot } => {
                if let Some(m) = keys.maps.iter().find(|m| m.input == *input) {
                    *slot += m.first;
                }
            }
            Node::Neg(a) | Node::Not(a) | Node::Scale(a, _) => a.relocate(keys),
            Node::And(a, b) | Node::Or(a, b) | Node::Arith(_, a, b) => {
                a.relocate(keys);
                b.relocate(keys);
            }
            Node::Cmp { l, r, .. } => {
                l.relocate(keys);
                r.relocate(keys);
            }
            Node::InSet { elem, .. } => elem.relocate(keys),
            Node::Const(_) | Node::Input(_) | Node::Let(_) | Node::Tree(_) => {}
        }
    }

    /// Whether this node is the lowered form of a constant.
    pub fn constant(&self) -> Option<&Value> {
        match self {
            Node::Const(v) => Some(v),
            _ => None,
        }
    }
}

/// What nodes are evaluated against: the interpreter's context, and the entry each map slot
/// found in this record (`u32::MAX`: none).
#[derive(Clone, Copy)]
pub(in crate::eval) struct Slots<'a> {
    pub cx: Cx<'a>,
    pub entries: &'a [u32],
}

impl<'a> Slots<'a> {
    /// Evaluates a node; the same value and error as the interpreter on the expression lowered.
    pub(super) fn eval<'r>(&self, n: &'r Node) -> Result<V<'r>, EvalError>
    where
        'a: 'r,
    {
        Ok(match n {
            Node::Const(v) => V::Ref(v),
            Node::Input(i) => V::Ref(self.cx.inputs.get(*i).unwrap_or(&UNKNOWN)),
            Node::Let(i) => V::Ref(self.cx.lets.get(*i).unwrap_or(&UNKNOWN)),
            Node::MapGet { input, slot } => match self.cx.inputs.get(*input) {
                Some(Value::Map(entries)) => {
                    let at = self.entries.get(*slot).copied().unwrap_or(u32::MAX);
                    V::Ref(entries.get(at as usize).map_or(&UNKNOWN, |(_, v)| v))
                }
                _ => V::Ref(&UNKNOWN),
            },
            Node::Neg(inner) => match self.eval(inner)?.get() {
                Value::Num(n) => V::Own(Value::Num(-*n)),
                _ => V::Ref(&UNKNOWN),
            },
            Node::Not(inner) => match self.eval(inner)?.get() {
                Value::Bool(b) => boolean(!*b),
                _ => V::Ref(&UNKNOWN),
            },
            Node::And(l, r) => {
                let a = truth(self.eval(l)?.get());
                if a == Some(false) {
                    return Ok(boolean(false));
                }
                match (a, truth(self.eval(r)?.get())) {
                    (_, Some(false)) => boolean(false),
                    (Some(true), Some(true)) => boolean(true),
                    _ => V::Ref(&UNKNOWN),
                }
            }
            Node::Or(l, r) => {
                let a = truth(self.eval(l)?.get());
                if a == Some(true) {
                    return Ok(boolean(true));
                }
                match (a, truth(self.eval(r)?.get())) {
                    (_, Some(true)) => boolean(true),
                    (Some(false), Some(false)) => boolean(false),
                    _ => V::Ref(&UNKNOWN),
                }
            }
            Node::Arith(op, l, r) => {
                let a = self.eval(l)?;
                let b = self.eval(r)?;
                arith(*op, a.get(), b.get())?
            }
            Node::Scale(inner, factor) => {
                let v = self.eval(inner)?;
                match v.get() {
                    Value::Num(n) => {
                        V::Own(Value::Num(factor.apply(*n).ok_or(EvalError::Overflow)?))
                    }
                    _ => v,
                }
            }
            Node::Cmp { op, l, r, tree } => {
                let a = self.eval(l)?;
                let b = self.eval(r)?;
                match test(*op, a.get(), b.get()) {
                    Some(b) => boolean(b),
                    None if numbers_unknown(a.get(), b.get()) => self.cx.eval(tree, None)?,
                    None => V::Ref(&UNKNOWN),
                }
            }
            Node::InSet {
                negated,
                elem,
                members,
                mask,
            } => {
                let v = self.eval(elem)?;
                let found = match (v.get(), mask) {
                    (Value::Enum(i), Some(mask)) if *i < 64 => Some((mask >> i) & 1 == 1),
                    (v, _) => member(v, members.iter()),
                };
                match found {
                    Some(f) => boolean(f != *negated),
                    None => V::Ref(&UNKNOWN),
                }
            }
            Node::Tree(e) => self.cx.eval(e, None)?,
        })
    }
}
