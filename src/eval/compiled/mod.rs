//! Compiled evaluation: the checked policy lowered once to a program over input slots, which
//! [`Policy::trace`](crate::check::ir::Policy::trace) runs. Rules are judged from lowered nodes
//! (constants folded, map entries read through slots resolved once per record, enumeration sets
//! as bit masks, quantifiers over a record's lists with their date windows computed once per
//! record, each check's figure and threshold read directly); whatever is not lowered, or
//! not settled by the lowered form (unknowns, errors, exceptions, bindings by a field), is judged by the tree
//! interpreter, so the trace is the interpreter's in every case (`tests/compiled.rs`).

mod node;
mod rule;

use crate::check::ir::Policy;
use crate::value::Value;
pub(super) use node::Slots;
use node::{Layout, Window};
use rule::RulePlan;
use std::sync::{Arc, OnceLock};

/// A policy's compiled program, built on first use. A clone of the policy compiles its own (it
/// may be edited); [`Compiled::interpreted`] marks a policy edited in place, which the tree
/// interpreter then judges.
#[derive(Default)]
pub struct Compiled(OnceLock<Option<Program>>);

impl Compiled {
    /// For a policy edited after it was checked: no program, the interpreter judges it.
    pub fn interpreted() -> Self {
        Compiled(OnceLock::from(None))
    }

    /// The program for `policy`, compiled on first use.
    pub(super) fn program(&self, policy: &Policy) -> Option<&Program> {
        self.0.get_or_init(|| Some(Program::new(policy))).as_ref()
    }

    /// The constant keys the program reads from map inputs. A record whose map keys are these
    /// very texts (shared, not equal copies) has its entries found by pointer.
    pub fn map_keys<'a>(&'a self, policy: &Policy) -> impl Iterator<Item = &'a Arc<str>> + 'a {
        let maps = self.program(policy).map(|p| p.keys.maps.as_slice());
        maps.unwrap_or(&[]).iter().flat_map(|m| &m.keys)
    }
}

impl Clone for Compiled {
    fn clone(&self) -> Self {
        Compiled::default()
    }
}

impl std::fmt::Debug for Compiled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = match self.0.get() {
            None => "not yet compiled",
            Some(None) => "interpreted",
            Some(Some(_)) => "compiled",
        };
        f.write_str(state)
    }
}

/// The lowered rules and the map keys they read.
#[derive(Debug, Clone)]
pub(super) struct Program {
    /// By rule index; `None`: judged by the interpreter.
    rules: Vec<Option<RulePlan>>,
    keys: Layout,
}

/// Per-trace buffers of the program: the map entry found for each key slot, and what each
/// map's entries were in the last record (most records list the same keys in the same order).
#[derive(Debug, Clone, Default)]
pub(super) struct Scratch {
    pub entries: Vec<u32>,
    hints: Vec<Vec<Hint>>,
    /// The program's date windows for this record.
    pub windows: Vec<Window>,
}

impl Program {
    fn new(policy: &Policy) -> Program {
        let mut keys = Layout::default();
        let mut rules: Vec<Option<RulePlan>> = policy
            .rules
            .iter()
            .map(|r| RulePlan::lower(r, &mut keys))
            .collect();
        keys.lay_out();
        for plan in rules.iter_mut().flatten() {
            plan.relocate(&keys);
        }
        Program { rules, keys }
    }

    /// The lowered form of rule `i`, if it has one.
    pub(super) fn rule(&self, i: usize) -> Option<&RulePlan> {
        self.rules.get(i)?.as_ref()
    }

    /// Computes the record's date windows, once its derived values are known.
    pub(super) fn windows(&self, cx: &crate::eval::expr::Cx<'_>, scratch: &mut Scratch) {
        scratch.windows.clear();
        let windows = self.keys.windows.iter().map(|w| w.compute(cx));
        scratch.windows.extend(windows);
    }

    /// Finds, for each key slot, the first entry of the record's map with that key.
    pub(super) fn resolve(&self, inputs: &[Value], scratch: &mut Scratch) {
        scratch.entries.clear();
        scratch.entries.resize(self.keys.slots, u32::MAX);
        scratch.hints.resize_with(self.keys.maps.len(), Vec::new);
        for (plan, hints) in self.keys.maps.iter().zip(&mut scratch.hints) {
            let Some(Value::Map(entries)) = inputs.get(plan.input) else {
                continue;
            };
            if hints.len() < entries.len() {
                hints.resize_with(entries.len(), Hint::default);
            }
            let same = |a: &Arc<str>, b: &Arc<str>| Arc::ptr_eq(a, b) || a == b;
            for (j, ((key, _), hint)) in entries.iter().zip(hints.iter_mut()).enumerate() {
                let known = match hint {
                    Hint::Read(k) => plan.keys.get(*k).filter(|h| same(h, key)).map(|_| Some(*k)),
                    Hint::Unread(seen) => same(seen, key).then_some(None),
                    Hint::Unseen => None,
                };
                let k = known.unwrap_or_else(|| {
                    let k = plan.key_index(key);
                    *hint = match k {
                        Some(k) => Hint::Read(k),
                        None => Hint::Unread(Arc::clone(key)),
                    };
                    k
                });
                let (Some(k), Ok(j)) = (k, u32::try_from(j)) else {
                    continue;
                };
                if let Some(slot) = scratch.entries.get_mut(plan.first + k) {
                    if *slot == u32::MAX {
                        *slot = j;
                    }
                }
            }
        }
    }
}

/// What the key at one position of a map was in the last record.
#[derive(Debug, Clone, Default)]
enum Hint {
    #[default]
    Unseen,
    /// A key the program reads, by its index among the map's read keys.
    Read(usize),
    /// A key the program does not read, kept to tell it again.
    Unread(Arc<str>),
}
