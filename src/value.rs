//! Runtime values: exact decimals, dates, enumerations, lists and records, and the unknown.

use rust_decimal::Decimal;
use std::sync::Arc;

/// A value a record supplies or an expression computes. Numbers carry no unit at run time: the
/// checker knows every expression's unit and compiles conversions in.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Not known: a field absent from the record, or computed from one. Never zero, never false.
    Unknown,
    /// An optional field the record leaves out on purpose (for example no 细分领域).
    None,
    Bool(bool),
    Num(Decimal),
    Date(chrono::NaiveDate),
    Text(Arc<str>),
    /// A value of an enumeration (or a tier), by its index in the declaration.
    Enum(u32),
    List(Arc<[Value]>),
    /// A record of a declared shape (an event), fields by index.
    Record(Arc<[Value]>),
    /// Text keys to values (the experts' 定性评价).
    Map(Arc<[(Arc<str>, Value)]>),
    Duration(crate::syntax::ast::Duration),
}

impl Value {
    pub fn is_known(&self) -> bool {
        !matches!(self, Value::Unknown)
    }
}

/// A record's inputs, by the policy's input slots.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub values: Vec<Value>,
}
