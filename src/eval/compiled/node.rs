//! Expressions lowered to nodes over input slots: constants folded, map entries with a constant
//! key read through a slot resolved once per record, sets of enumeration values tested as bit
//! masks, `any`/`all`/`count` over a list with their bodies lowered, and a `within` window that
//! is the same for every element computed once per record. What is not lowered stays a tree node
//! for the interpreter, and a comparison whose operands are unknown numbers is decided by the
//! interpreter's bounds: never a different value.

use crate::check::ir::{Arith, IExpr};
use crate::eval::expr::{
    arith, boolean, member, numbers_unknown, shift, test, truth, Cx, Frame, V,
};
use crate::eval::EvalError;
use crate::syntax::ast::{CmpOp, Quantifier};
use crate::units::Rational;
use crate::value::Value;
use chrono::NaiveDate;
use std::sync::Arc;

static UNKNOWN: Value = Value::Unknown;
static NONE: Value = Value::None;

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
    /// The element bound by a quantifier, by its depth.
    Var(usize),
    /// A field of a record value (an event), by its index in the shape.
    Field(Box<Node>, usize),
    /// `subject within length before/after anchor` where length and anchor read neither a
    /// quantifier's element nor a rule: the window is computed once per record, in `window`.
    Within {
        subject: Box<Node>,
        window: usize,
    },
    /// `any`, `all` or `count` over a list, with an optional `where` test.
    Quant {
        quantifier: Quantifier,
        over: Box<Node>,
        filter: Option<Box<Node>>,
        body: Box<Node>,
    },
    /// Anything else: evaluated by the tree interpreter.
    Tree(Box<IExpr>),
}

/// A date window `within length before/after anchor`, the same for every element of a list.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct WindowDef {
    pub length: IExpr,
    pub anchor: IExpr,
    pub before: bool,
}

/// A window computed for one record, with the interpreter's outcome for each case.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(in crate::eval) enum Window {
    /// Computing the length or the anchor failed: the `within` fails with this error.
    Error(EvalError),
    /// From `lo` to `hi`, both included.
    Range(NaiveDate, NaiveDate),
    /// Shifting the anchor left the calendar: an error for a date subject.
    OutOfRange,
    /// The length or the anchor is not known (or not a date): unknown for a date subject.
    Unknown,
}

impl WindowDef {
    /// The window for the record `cx` reads.
    pub fn compute(&self, cx: &Cx<'_>) -> Window {
        let (l, a) = match (cx.eval(&self.length, None), cx.eval(&self.anchor, None)) {
            (Err(e), _) | (_, Err(e)) => return Window::Error(e),
            (Ok(l), Ok(a)) => (l, a),
        };
        match (l.get(), a.get()) {
            (Value::Duration(len), Value::Date(a)) => match shift(*a, *len, !self.before) {
                Some(other) if self.before => Window::Range(other, *a),
                Some(other) => Window::Range(*a, other),
                None => Window::OutOfRange,
            },
            _ => Window::Unknown,
        }
    }
}

/// Whether an expression has the same value for every element of every list of one record:
/// it reads no quantifier's element and no rule judged before.
fn per_record(e: &IExpr) -> bool {
    e.subexpressions().all(|e| {
        !matches!(
            e,
            IExpr::Var(_) | IExpr::RulePassed(_) | IExpr::GroupPassed(_) | IExpr::RuleFigure(_)
        )
    })
}

/// The map entries with a constant key that a program reads, each given a slot.
#[derive(Debug, Clone, Default)]
pub(super) struct Layout {
    /// Per map input read with constant keys: the input and its keys, slot `first + k` for the
    /// `k`-th key.
    pub maps: Vec<MapPlan>,
    pub slots: usize,
    /// The distinct date windows, each computed once per record.
    pub windows: Vec<WindowDef>,
}

#[derive(Debug, Clone)]
pub(super) struct MapPlan {
    pub input: usize,
    pub keys: Vec<Arc<str>>,
    pub first: usize,
}

impl MapPlan {
    /// The index of `key` among the keys read: the same text by pointer first, then by value.
    pub fn key_index(&self, key: &Arc<str>) -> Option<usize> {
        let by_pointer = self.keys.iter().position(|k| Arc::ptr_eq(k, key));
        by_pointer.or_else(|| self.keys.iter().position(|k| k == key))
    }
}

impl Layout {
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

    fn window(&mut self, def: WindowDef) -> usize {
        match self.windows.iter().position(|w| *w == def) {
            Some(i) => i,
            None => {
                self.windows.push(def);
                self.windows.len() - 1
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

/// Lowers one expression. Map slots are numbered per map until [`Layout::lay_out`].
pub(super) fn lower(e: &IExpr, keys: &mut Layout) -> Node {
    if e.is_constant() {
        if let Ok(v) = Cx::bare(&[], &[]).eval(e, None) {
            if v.get().is_known() {
                return Node::Const(v.into_owned());
            }
        }
    }
    let boxed = |e: &IExpr, keys: &mut Layout| Box::new(lower(e, keys));
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
        IExpr::Var(depth) => Node::Var(*depth),
        IExpr::Field(base, f) => Node::Field(boxed(base, keys), f.index),
        IExpr::Within {
            subject,
            length,
            before,
            anchor,
        } if per_record(length) && per_record(anchor) => Node::Within {
            subject: boxed(subject, keys),
            window: keys.window(WindowDef {
                length: (**length).clone(),
                anchor: (**anchor).clone(),
                before: *before,
            }),
        },
        IExpr::Quant {
            quantifier: q @ (Quantifier::Any | Quantifier::All | Quantifier::Count),
            over,
            filter,
            body,
        } => Node::Quant {
            quantifier: *q,
            over: boxed(over, keys),
            filter: filter.as_deref().map(|f| boxed(f, keys)),
            body: boxed(body, keys),
        },
        _ => Node::Tree(Box::new(e.clone())),
    }
}

impl Node {
    /// Moves map slots from per-map numbering to the program's, once laid out.
    pub fn relocate(&mut self, keys: &Layout) {
        match self {
            Node::MapGet { input, slot } => {
                if let Some(m) = keys.maps.iter().find(|m| m.input == *input) {
                    *slot += m.first;
                }
            }
            Node::Neg(a)
            | Node::Not(a)
            | Node::Scale(a, _)
            | Node::Field(a, _)
            | Node::Within { subject: a, .. } => a.relocate(keys),
            Node::Quant {
                over, filter, body, ..
            } => {
                over.relocate(keys);
                if let Some(f) = filter {
                    f.relocate(keys);
                }
                body.relocate(keys);
            }
            Node::And(a, b) | Node::Or(a, b) | Node::Arith(_, a, b) => {
                a.relocate(keys);
                b.relocate(keys);
            }
            Node::Cmp { l, r, .. } => {
                l.relocate(keys);
                r.relocate(keys);
            }
            Node::InSet { elem, .. } => elem.relocate(keys),
            Node::Const(_) | Node::Input(_) | Node::Let(_) | Node::Var(_) | Node::Tree(_) => {}
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

/// What nodes are evaluated against: the interpreter's context, the entry each map slot found
/// in this record (`u32::MAX`: none) and the record's date windows.
#[derive(Clone, Copy)]
pub(in crate::eval) struct Slots<'a> {
    pub cx: Cx<'a>,
    pub entries: &'a [u32],
    pub windows: &'a [Window],
}

impl<'a> Slots<'a> {
    /// Evaluates a node; the same value and error as the interpreter on the expression lowered.
    pub(super) fn eval<'r>(&self, n: &'r Node) -> Result<V<'r>, EvalError>
    where
        'a: 'r,
    {
        self.operand(n, None)
    }

    /// The value of a node that reads a value in place — a constant, an input, a derived value,
    /// a map entry, a bound element or a field of one — without a call; `None` for the others.
    #[inline(always)]
    fn leaf<'r>(&self, n: &'r Node, fr: Option<&'r Frame<'r>>) -> Option<&'r Value>
    where
        'a: 'r,
    {
        Some(match n {
            Node::Const(v) => v,
            Node::Input(i) => self.cx.inputs.get(*i).unwrap_or(&UNKNOWN),
            Node::Let(i) => self.cx.lets.get(*i).unwrap_or(&UNKNOWN),
            Node::Var(depth) => Frame::var(fr, *depth).unwrap_or(&UNKNOWN),
            Node::MapGet { input, slot } => match self.cx.inputs.get(*input) {
                Some(Value::Map(entries)) => {
                    let at = self.entries.get(*slot).copied().unwrap_or(u32::MAX);
                    entries.get(at as usize).map_or(&UNKNOWN, |(_, v)| v)
                }
                _ => &UNKNOWN,
            },
            Node::Field(base, i) => match &**base {
                Node::Var(depth) => match Frame::var(fr, *depth) {
                    Some(Value::Record(fields)) => fields.get(*i).unwrap_or(&UNKNOWN),
                    Some(Value::None) => &NONE,
                    _ => &UNKNOWN,
                },
                _ => return None,
            },
            _ => return None,
        })
    }

    /// An operand: read in place when it is a leaf, evaluated otherwise.
    #[inline(always)]
    fn operand<'r>(&self, n: &'r Node, fr: Option<&'r Frame<'r>>) -> Result<V<'r>, EvalError>
    where
        'a: 'r,
    {
        match self.leaf(n, fr) {
            Some(v) => Ok(V::Ref(v)),
            None => self.eval_in(n, fr),
        }
    }

    /// [`Slots::eval`] inside the quantifiers whose elements `fr` binds.
    fn eval_in<'r>(&self, n: &'r Node, fr: Option<&'r Frame<'r>>) -> Result<V<'r>, EvalError>
    where
        'a: 'r,
    {
        Ok(match n {
            // Read in place by [`Slots::operand`], which calls this only for the other nodes.
            Node::Const(_) | Node::Input(_) | Node::Let(_) | Node::Var(_) | Node::MapGet { .. } => {
                V::Ref(self.leaf(n, fr).unwrap_or(&UNKNOWN))
            }
            Node::Field(base, i) => match self.operand(base, fr)? {
                V::Ref(Value::Record(fields)) => V::Ref(fields.get(*i).unwrap_or(&UNKNOWN)),
                V::Own(Value::Record(fields)) => {
                    V::Own(fields.get(*i).cloned().unwrap_or(Value::Unknown))
                }
                V::Ref(Value::None) | V::Own(Value::None) => V::Ref(&NONE),
                _ => V::Ref(&UNKNOWN),
            },
            Node::Neg(inner) => match self.operand(inner, fr)?.get() {
                Value::Num(n) => V::Own(Value::Num(-*n)),
                _ => V::Ref(&UNKNOWN),
            },
            Node::Not(inner) => match self.operand(inner, fr)?.get() {
                Value::Bool(b) => boolean(!*b),
                _ => V::Ref(&UNKNOWN),
            },
            Node::And(l, r) => {
                let a = truth(self.operand(l, fr)?.get());
                if a == Some(false) {
                    return Ok(boolean(false));
                }
                match (a, truth(self.operand(r, fr)?.get())) {
                    (_, Some(false)) => boolean(false),
                    (Some(true), Some(true)) => boolean(true),
                    _ => V::Ref(&UNKNOWN),
                }
            }
            Node::Or(l, r) => {
                let a = truth(self.operand(l, fr)?.get());
                if a == Some(true) {
                    return Ok(boolean(true));
                }
                match (a, truth(self.operand(r, fr)?.get())) {
                    (_, Some(true)) => boolean(true),
                    (Some(false), Some(false)) => boolean(false),
                    _ => V::Ref(&UNKNOWN),
                }
            }
            Node::Arith(op, l, r) => {
                let a = self.operand(l, fr)?;
                let b = self.operand(r, fr)?;
                arith(*op, a.get(), b.get())?
            }
            Node::Scale(inner, factor) => {
                let v = self.operand(inner, fr)?;
                match v.get() {
                    Value::Num(n) => {
                        V::Own(Value::Num(factor.apply(*n).ok_or(EvalError::Overflow)?))
                    }
                    _ => v,
                }
            }
            Node::Cmp { op, l, r, tree } => {
                let a = self.operand(l, fr)?;
                let b = self.operand(r, fr)?;
                match test(*op, a.get(), b.get()) {
                    Some(b) => boolean(b),
                    None if numbers_unknown(a.get(), b.get()) => self.cx.eval(tree, fr)?,
                    None => V::Ref(&UNKNOWN),
                }
            }
            Node::InSet {
                negated,
                elem,
                members,
                mask,
            } => {
                let v = self.operand(elem, fr)?;
                let found = match (v.get(), mask) {
                    (Value::Enum(i), Some(mask)) if *i < 64 => Some((mask >> i) & 1 == 1),
                    (v, _) => member(v, members.iter()),
                };
                match found {
                    Some(f) => boolean(f != *negated),
                    None => V::Ref(&UNKNOWN),
                }
            }
            Node::Within { subject, window } => {
                // As the interpreter: the subject first, then the length and the anchor.
                let s = self.operand(subject, fr)?;
                let w = self
                    .windows
                    .get(*window)
                    .copied()
                    .unwrap_or(Window::Unknown);
                match (s.get(), w) {
                    (_, Window::Error(e)) => return Err(e),
                    (Value::Date(d), Window::Range(lo, hi)) => boolean(lo <= *d && *d <= hi),
                    (Value::Date(_), Window::OutOfRange) => return Err(EvalError::DateOutOfRange),
                    (Value::None, _) => boolean(false),
                    _ => V::Ref(&UNKNOWN),
                }
            }
            Node::Quant {
                quantifier,
                over,
                filter,
                body,
            } => self.quantify(*quantifier, over, filter.as_deref(), body, fr)?,
            Node::Tree(e) => self.cx.eval(e, fr)?,
        })
    }

    /// `any`, `all` or `count` as the interpreter's `quantify` computes them.
    fn quantify<'r>(
        &self,
        q: Quantifier,
        over: &'r Node,
        filter: Option<&'r Node>,
        body: &'r Node,
        fr: Option<&'r Frame<'r>>,
    ) -> Result<V<'r>, EvalError>
    where
        'a: 'r,
    {
        let list = self.operand(over, fr)?;
        let items: &[Value] = match list.get() {
            Value::List(items) => items,
            Value::None => &[],
            _ => return Ok(V::Ref(&UNKNOWN)),
        };
        let mut unknown = false;
        let mut count = 0u64;
        for item in items {
            let frame = Frame::push(fr, item);
            if let Some(f) = filter {
                match truth(self.operand(f, Some(&frame))?.get()) {
                    Some(true) => {}
                    Some(false) => continue,
                    None => {
                        unknown = true;
                        continue;
                    }
                }
            }
            match (q, truth(self.operand(body, Some(&frame))?.get())) {
                (Quantifier::Any, Some(true)) => return Ok(boolean(true)),
                (Quantifier::All, Some(false)) => return Ok(boolean(false)),
                (Quantifier::Count, Some(true)) => count += 1,
                (_, None) => unknown = true,
                _ => {}
            }
        }
        Ok(match (unknown, q) {
            (true, _) => V::Ref(&UNKNOWN),
            (false, Quantifier::Any) => boolean(false),
            (false, Quantifier::All) => boolean(true),
            (false, Quantifier::Count) => V::Own(Value::Num(count.into())),
            // Never lowered: the interpreter computes these.
            (false, Quantifier::Min | Quantifier::Max | Quantifier::Sum) => V::Ref(&UNKNOWN),
        })
    }
}
