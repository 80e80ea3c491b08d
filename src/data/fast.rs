//! A fast path for clean NDJSON records: one pass over the line builds the typed values directly,
//! with no JSON tree. It accepts only what it can read exactly as [`super::record`] does — plain
//! strings, plain decimal numbers, the declared fields once each, values of the declared types
//! within range — and gives up (`None`) on anything else, so the caller falls back to the full
//! reader and its diagnostics. A field the policy does not declare is no reason to give up: its
//! value is checked and skipped and its name noted ([`FastReader::undeclared`]), so the caller
//! warns about it as the full reader does. Its records are checked equal to the full reader's in
//! tests.

use crate::check::ir::{Policy, Type};
use crate::source::Span;
use crate::value::{Record, Value};
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

type Codes<'p> = HashMap<&'p str, u32, foldhash::fast::RandomState>;

/// Reads clean records of one policy.
pub struct FastReader<'p> {
    policy: &'p Policy,
    /// Input name → slot.
    slots: HashMap<&'p str, usize, foldhash::fast::RandomState>,
    /// Per enumeration: each value's name and alias → its code.
    codes: Vec<Codes<'p>>,
    /// Tier name → index.
    tiers: Codes<'p>,
    /// Each input's value when the record leaves it out.
    absent: Vec<Value>,
    /// The same for each shape's fields.
    shape_absent: Vec<Vec<Value>>,
    texts: Texts,
    /// Buffers for the lists and events, and for the maps, of a record, reused.
    lists: Vec<Vec<Value>>,
    maps: Vec<Vec<(Arc<str>, Value)>>,
    seen: Vec<bool>,
    /// Spans, in the line, of the names of the undeclared fields of the last record read.
    undeclared: Vec<Span>,
    /// The declared field each undeclared name met so far may be a misspelling of, found once.
    suggestions: std::collections::HashMap<String, Option<&'p str>>,
}

/// How deep the value of an undeclared field may nest before the full reader is left to read it.
const SKIP_DEPTH: usize = 64;

struct Scan<'t> {
    s: &'t str,
    at: usize,
}

impl<'t> Scan<'t> {
    fn peek(&self) -> Option<u8> {
        self.s.as_bytes().get(self.at).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        self.ws();
        (self.peek()? == b).then(|| self.at += 1)
    }

    /// A string without escapes or control characters.
    fn string(&mut self) -> Option<&'t str> {
        self.eat(b'"')?;
        let rest = self.s.get(self.at..)?;
        // `"` and `\\` never occur inside a multi-byte character.
        let end = memchr::memchr2(b'"', b'\\', rest.as_bytes())?;
        if rest.as_bytes().get(end) != Some(&b'"') {
            return None;
        }
        let body = rest.get(..end)?;
        // No control character: a fold over every byte, which the compiler vectorises.
        if body.bytes().fold(false, |control, b| control | (b < 0x20)) {
            return None;
        }
        self.at += end + 1;
        Some(body)
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?`, as written.
    fn number(&mut self) -> Option<&'t str> {
        self.ws();
        let start = self.at;
        let b = self.s.as_bytes();
        let mut i = start;
        if b.get(i) == Some(&b'-') {
            i += 1;
        }
        let int = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == int || (b.get(int) == Some(&b'0') && i > int + 1) {
            return None;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            let frac = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i == frac {
                return None;
            }
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            return None;
        }
        self.at = i;
        self.s.get(start..i)
    }

    fn literal(&mut self, word: &str) -> bool {
        self.ws();
        if self.s.get(self.at..).is_some_and(|r| r.starts_with(word)) {
            self.at += word.len();
            true
        } else {
            false
        }
    }

    /// Whether a string comes next.
    fn peek_string(&mut self) -> bool {
        self.ws();
        self.peek() == Some(b'"')
    }

    /// `null`, or the start of something else.
    fn null(&mut self) -> bool {
        self.literal("null")
    }

    /// After an element: `true` when another follows (`,`), `false` at `close`.
    fn more(&mut self, close: u8) -> Option<bool> {
        self.ws();
        match self.peek()? {
            b',' => {
                self.at += 1;
                Some(true)
            }
            b if b == close => {
                self.at += 1;
                Some(false)
            }
            _ => None,
        }
    }

    /// Skips one JSON value the policy does not read, checking it as the full reader would: plain
    /// strings and numbers, literals, arrays and objects without repeated keys. `None` when it is
    /// anything else, or nests deeper than [`SKIP_DEPTH`].
    fn skip(&mut self, depth: usize) -> Option<()> {
        if depth > SKIP_DEPTH {
            return None;
        }
        self.ws();
        match self.peek()? {
            b'"' => self.string().map(drop),
            b'[' => {
                self.at += 1;
                if !self.empty(b']') {
                    loop {
                        self.skip(depth + 1)?;
                        if !self.more(b']')? {
                            break;
                        }
                    }
                }
                Some(())
            }
            b'{' => {
                self.at += 1;
                let mut keys: Vec<&str> = Vec::new();
                if !self.empty(b'}') {
                    loop {
                        let key = self.string()?;
                        if keys.contains(&key) {
                            return None;
                        }
                        keys.push(key);
                        self.eat(b':')?;
                        self.skip(depth + 1)?;
                        if !self.more(b'}')? {
                            break;
                        }
                    }
                }
                Some(())
            }
            _ if self.literal("true") || self.literal("false") || self.null() => Some(()),
            _ => self.number().map(drop),
        }
    }

    /// Whether the container that has just been opened is empty (and closes it if so).
    fn empty(&mut self, close: u8) -> bool {
        self.ws();
        if self.peek() == Some(close) {
            self.at += 1;
            true
        } else {
            false
        }
    }
}

impl<'p> FastReader<'p> {
    pub fn new(policy: &'p Policy) -> Self {
        let codes = policy
            .enums
            .iter()
            .map(|e| {
                let values = e.values.iter().enumerate().rev();
                let named = values.filter_map(|(i, v)| Some((v.as_str(), u32::try_from(i).ok()?)));
                let aliases = e.aliases.iter().rev().map(|(a, i)| (a.as_str(), *i));
                // Inserted from the last to the first, names after aliases, so that what
                // `EnumDef::lookup` finds first is what stays.
                aliases.chain(named).collect()
            })
            .collect();
        let tiers = policy
            .tiers
            .iter()
            .enumerate()
            .rev()
            .filter_map(|(i, t)| Some((t.name.as_str(), u32::try_from(i).ok()?)))
            .collect();
        let mut texts = Texts::default();
        for key in policy.compiled.map_keys(policy) {
            texts.insert(Arc::clone(key));
        }
        FastReader {
            policy,
            slots: policy
                .inputs
                .iter()
                .enumerate()
                .rev()
                .map(|(i, input)| (input.name.as_str(), i))
                .collect(),
            codes,
            tiers,
            absent: policy.inputs.iter().map(|i| absent(i.optional)).collect(),
            shape_absent: policy
                .shapes
                .iter()
                .map(|s| s.fields.iter().map(|f| absent(f.optional)).collect())
                .collect(),
            texts,
            lists: Vec::new(),
            maps: Vec::new(),
            seen: vec![false; policy.inputs.len()],
            undeclared: Vec::new(),
            suggestions: std::collections::HashMap::new(),
        }
    }

    /// The declared field an undeclared `name` may be a misspelling of ([`crate::diag::did_you_mean`]),
    /// remembered so that a name repeated in every record is compared with the inputs once.
    pub fn suggestion(&mut self, name: &str) -> Option<&'p str> {
        if let Some(found) = self.suggestions.get(name) {
            return *found;
        }
        let policy = self.policy;
        let found = crate::diag::did_you_mean(name, policy.inputs.iter().map(|i| i.name.as_str()));
        self.suggestions.insert(name.to_string(), found);
        found
    }

    /// Where the names of the fields the policy does not declare stand in the line last read by
    /// [`FastReader::record`] (without their quotes), in the order written.
    pub fn undeclared(&self) -> &[Span] {
        &self.undeclared
    }

    /// The record on `line`, with its name, if the line is clean but for undeclared fields
    /// ([`FastReader::undeclared`]); `None` to use the full reader.
    pub fn record(&mut self, line: &str) -> Option<(Record, Option<String>)> {
        let policy = self.policy;
        let mut values = self.absent.clone();
        self.seen.iter_mut().for_each(|s| *s = false);
        self.undeclared.clear();
        let mut name = None;
        let mut sc = Scan { s: line, at: 0 };
        sc.eat(b'{')?;
        let mut next = 0usize;
        if !sc.empty(b'}') {
            loop {
                let key = sc.string()?;
                // The closing quote is the byte before.
                let key_span = Span::new(sc.at - 1 - key.len(), sc.at - 1);
                sc.eat(b':')?;
                // Fields usually come in declaration order.
                let found = match policy.inputs.get(next) {
                    Some(i) if i.name == key => Some(next),
                    _ => self.slots.get(key).copied(),
                };
                let Some(slot) = found else {
                    if self
                        .undeclared
                        .iter()
                        .any(|s| line.get(s.start..s.end) == Some(key))
                    {
                        return None;
                    }
                    self.undeclared.push(key_span);
                    sc.skip(0)?;
                    if !sc.more(b'}')? {
                        break;
                    }
                    continue;
                };
                next = slot + 1;
                let seen = self.seen.get_mut(slot)?;
                if *seen {
                    return None;
                }
                *seen = true;
                let input = policy.inputs.get(slot)?;
                let shared = policy.name_input != Some(slot);
                if !sc.null() {
                    let v = self.value(&mut sc, &input.ty, shared)?;
                    if !in_range(&input.range, &v) {
                        return None;
                    }
                    if let (false, Value::Text(t)) = (shared, &v) {
                        name = Some(t.to_string());
                    }
                    *values.get_mut(slot)? = v;
                }
                if !sc.more(b'}')? {
                    break;
                }
            }
        }
        sc.ws();
        if sc.at != line.len() {
            return None;
        }
        Some((Record { values }, name))
    }

    /// A text of the record: one met before is shared, not allocated again, unless `shared` is
    /// false (the record's name, which is its own).
    fn text(&mut self, s: &str, shared: bool) -> Arc<str> {
        match shared {
            true => self.texts.get_or_insert(s).0,
            false => Arc::from(s),
        }
    }

    fn value(&mut self, sc: &mut Scan<'_>, ty: &Type, shared: bool) -> Option<Value> {
        let policy = self.policy;
        if sc.null() {
            return Some(Value::Unknown);
        }
        Some(match ty {
            Type::Text => Value::Text(self.text(sc.string()?, shared)),
            Type::Bool => {
                if sc.literal("true") {
                    Value::Bool(true)
                } else if sc.literal("false") {
                    Value::Bool(false)
                } else {
                    match sc.string()? {
                        "true" | "是" => Value::Bool(true),
                        "false" | "否" => Value::Bool(false),
                        _ => return None,
                    }
                }
            }
            Type::Date => Value::Date(date(sc.string()?)?),
            Type::Num(_) => match sc.peek_string() {
                // A figure with its unit (`"2153000万元"`, `"55%"`): converted as the full reader does.
                true => {
                    let text = sc.string()?;
                    let json = serde_json::Value::String(text.to_string());
                    super::convert::value(policy, ty, &json, "", "").ok()?
                }
                // Written as `Scan::number` allows, so the only failure is too many digits.
                false => Value::Num(Decimal::from_str_exact(sc.number()?).ok()?),
            },
            Type::Enum(e) => {
                let codes = self.codes.get(*e as usize)?;
                Value::Enum(code(codes, sc.string()?)?)
            }
            Type::Tier => Value::Enum(code(&self.tiers, sc.string()?)?),
            Type::List(inner) => {
                sc.eat(b'[')?;
                let mut items = self.lists.pop().unwrap_or_default();
                items.clear();
                if !sc.empty(b']') {
                    loop {
                        items.push(self.value(sc, inner, true)?);
                        if !sc.more(b']')? {
                            break;
                        }
                    }
                }
                let list = Value::List(items.drain(..).collect());
                self.lists.push(items);
                list
            }
            Type::Map(inner) => {
                sc.eat(b'{')?;
                let mut entries = self.maps.pop().unwrap_or_default();
                entries.clear();
                if !sc.empty(b'}') {
                    loop {
                        let written = sc.string()?;
                        sc.eat(b':')?;
                        let (key, kept) = self.texts.get_or_insert(written);
                        // A kept text is the only one with its letters, so a repeated key is
                        // the same pointer; another is compared letter by letter.
                        let repeated = |k: &Arc<str>| match kept {
                            true => Arc::ptr_eq(k, &key),
                            false => **k == *key,
                        };
                        if entries.iter().any(|(k, _)| repeated(k)) {
                            return None;
                        }
                        let v = self.value(sc, inner, true)?;
                        entries.push((key, v));
                        if !sc.more(b'}')? {
                            break;
                        }
                    }
                }
                let map = Value::Map(entries.drain(..).collect());
                self.maps.push(entries);
                map
            }
            Type::Shape(s) => {
                let shape = policy.shapes.get(*s as usize)?;
                sc.eat(b'{')?;
                let mut fields = self.lists.pop().unwrap_or_default();
                fields.clear();
                fields.extend_from_slice(self.shape_absent.get(*s as usize)?);
                // Which fields were written, one bit each (a wider shape is left to the full reader).
                let mut seen = 0u64;
                let mut next = 0usize;
                if !sc.empty(b'}') {
                    loop {
                        let key = sc.string()?;
                        sc.eat(b':')?;
                        let at = match shape.fields.get(next) {
                            Some(f) if f.name == key => next,
                            _ => shape.fields.iter().position(|f| f.name == key)?,
                        };
                        next = at + 1;
                        let bit = 1u64.checked_shl(u32::try_from(at).ok()?)?;
                        if seen & bit != 0 {
                            return None;
                        }
                        seen |= bit;
                        let def = shape.fields.get(at)?;
                        if !sc.null() {
                            let v = self.value(sc, &def.ty, true)?;
                            if !in_range(&def.range, &v) {
                                return None;
                            }
                            *fields.get_mut(at)? = v;
                        }
                        if !sc.more(b'}')? {
                            break;
                        }
                    }
                }
                let record = Value::Record(fields.drain(..).collect());
                self.lists.push(fields);
                record
            }
            Type::Duration | Type::Nothing => return None,
        })
    }
}

/// The code of an enumeration's text, written with or without spaces around it.
fn code(codes: &Codes<'_>, text: &str) -> Option<u32> {
    codes.get(text).or_else(|| codes.get(text.trim())).copied()
}

/// What a record that leaves an input or field out holds there: `none` when it may, else unknown.
fn absent(optional: bool) -> Value {
    match optional {
        true => Value::None,
        false => Value::Unknown,
    }
}

/// Texts already met, shared by the records that repeat them: map keys, enumeration-like texts,
/// list items. Bounded, so a corpus of distinct texts cannot grow it without end.
#[derive(Default)]
struct Texts(HashSet<Arc<str>, foldhash::fast::RandomState>);

/// How many distinct texts [`Texts`] keeps, and how long each may be.
const TEXTS: usize = 4096;
const TEXT_LEN: usize = 64;

impl Texts {
    fn insert(&mut self, text: Arc<str>) {
        if self.0.len() < TEXTS {
            self.0.insert(text);
        }
    }

    /// The text, and whether it is kept (once kept, a text stays: no other text with the same
    /// letters is ever handed out).
    fn get_or_insert(&mut self, s: &str) -> (Arc<str>, bool) {
        if let Some(t) = self.0.get(s) {
            return (Arc::clone(t), true);
        }
        let t: Arc<str> = Arc::from(s);
        let kept = s.len() <= TEXT_LEN && self.0.len() < TEXTS;
        if kept {
            self.0.insert(Arc::clone(&t));
        }
        (t, kept)
    }
}

/// `YYYY-MM-DD`, exactly.
fn date(s: &str) -> Option<chrono::NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())
            .flatten()
    };
    let year = i32::try_from(digits(0..4)?).ok()?;
    chrono::NaiveDate::from_ymd_opt(year, digits(5..7)?, digits(8..10)?)
}

/// Whether a number lies within the range its input or field declares.
fn in_range(range: &Option<(Option<Decimal>, Option<Decimal>)>, v: &Value) -> bool {
    let (Some((lo, hi)), Value::Num(n)) = (range, v) else {
        return true;
    };
    !(lo.is_some_and(|lo| *n < lo) || hi.is_some_and(|hi| *n > hi))
}
