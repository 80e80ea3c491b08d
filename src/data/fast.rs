//! A fast path for clean NDJSON records: one pass over the line builds the typed values directly,
//! with no JSON tree. It accepts only what it can read exactly as [`super::record`] does — plain
//! strings, plain decimal numbers, the declared fields once each, values of the declared types
//! within range — and gives up (`None`) on anything else, so the caller falls back to the full
//! reader and its diagnostics. A field the policy does not declare is no reason to give up: its
//! value is checked and skipped and its name noted ([`FastReader::undeclared`]), so the caller
//! warns about it as the full reader does. Its records are checked equal to the full reader's in
//! tests.

use super::convert;
use crate::check::ir::{Policy, Type};
use crate::json_text;
use crate::source::Span;
use crate::units::Unit;
use crate::value::{Record, Value};
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Reads clean records of one policy.
pub struct FastReader<'p> {
    policy: &'p Policy,
    /// Input name → slot.
    slots: HashMap<&'p str, usize, foldhash::fast::RandomState>,
    /// Each input's name as a line writes it, when it needs no escape ([`as_written`]), and the
    /// same for each shape's fields: the field expected next is matched against the line's bytes.
    written: Vec<Option<&'p [u8]>>,
    shape_written: Vec<Vec<Option<&'p [u8]>>>,
    /// Per enumeration: each value's name and alias → its code.
    codes: Vec<Names<'p>>,
    /// Tier name → index.
    tiers: Names<'p>,
    /// Whether each input may be left out, which decides what a record that leaves it out holds
    /// there ([`absent`]; made afresh for each record, cheaper than cloning a vector of values).
    optional: Vec<bool>,
    /// The same for each shape's fields.
    shape_optional: Vec<Vec<bool>>,
    texts: Texts,
    /// The units written in figures met so far (`%`, `万元`), each as [`convert::parse_unit`]
    /// reads it; at most [`UNITS`] of them.
    units: HashMap<Box<str>, Option<Unit>, foldhash::fast::RandomState>,
    /// Buffers for the lists and events, and for the maps, of a record, reused.
    lists: Vec<Vec<Value>>,
    maps: Vec<Vec<(Arc<str>, Value)>>,
    /// The kept keys of the last map read, in the order written: the next map's are tried first.
    last_keys: Vec<Arc<str>>,
    seen: Vec<bool>,
    /// Spans, in the line, of the names of the undeclared fields of the last record read.
    undeclared: Vec<Span>,
    /// The declared field each undeclared name met so far may be a misspelling of, found once.
    suggestions: std::collections::HashMap<String, Option<&'p str>>,
}

/// What a field's name stands for: an input's slot, or no input.
enum Key {
    Input(usize),
    Undeclared,
}

/// How many distinct units written in figures [`FastReader`] keeps read.
const UNITS: usize = 64;

/// How deep the value of an undeclared field may nest before the full reader is left to read it.
const SKIP_DEPTH: usize = 64;

/// A number as `Scan::number` reads it: its text, and its digits as an integer with the count of
/// those after the point.
struct Figure<'t> {
    text: &'t str,
    negative: bool,
    /// The digits, without the point, while there are at most [`FIGURE_DIGITS`] of them.
    mantissa: u64,
    digits: u32,
    scale: u32,
}

/// How many digits a [`Figure`] holds in its integer; one with more is read by `rust_decimal`.
const FIGURE_DIGITS: u32 = 18;

impl Figure<'_> {
    /// The number as `Decimal::from_str_exact` reads it (the full reader's reading), which
    /// reads the long ones and negative zero; `None` when it has too many digits.
    fn decimal(&self) -> Option<Decimal> {
        if self.digits > FIGURE_DIGITS || (self.negative && self.mantissa == 0) {
            return Decimal::from_str_exact(self.text).ok();
        }
        let [lo, mid] = [self.mantissa as u32, (self.mantissa >> 32) as u32];
        Some(Decimal::from_parts(lo, mid, 0, self.negative, self.scale))
    }
}

struct Scan<'t> {
    s: &'t str,
    b: &'t [u8],
    at: usize,
}

impl<'t> Scan<'t> {
    fn new(s: &'t str) -> Self {
        Scan {
            s,
            b: s.as_bytes(),
            at: 0,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.at).copied()
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
        self.body()
    }

    /// The rest of the string just opened, read eight bytes at a time, and its closing quote.
    fn body(&mut self) -> Option<&'t str> {
        let start = self.at;
        let end = start + json_text::first_stop(self.b.get(start..)?)?;
        self.close(start, end)
    }

    /// The string from `start` to `end` if `end` is its closing quote (`"`, `\\` and control
    /// characters never occur inside a multi-byte character).
    fn close(&mut self, start: usize, end: usize) -> Option<&'t str> {
        (self.b.get(end) == Some(&b'"')).then_some(())?;
        self.at = end + 1;
        self.s.get(start..end)
    }

    /// Whether the string just opened is `name` (its bytes, then the closing quote); read if so.
    /// `name` must hold none of the bytes [`Scan::body`] stops at.
    fn written(&mut self, name: &[u8]) -> bool {
        let end = self.at + name.len();
        let is = self.b.get(self.at..end) == Some(name) && self.b.get(end) == Some(&b'"');
        if is {
            self.at = end + 1;
        }
        is
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?`, as written, its digits gathered as they are read.
    fn number(&mut self) -> Option<Figure<'t>> {
        self.ws();
        let start = self.at;
        let negative = self.peek() == Some(b'-');
        self.at += usize::from(negative);
        let mut figure = Figure {
            text: "",
            negative,
            mantissa: 0,
            digits: 0,
            scale: 0,
        };
        let int = self.digits(&mut figure);
        if int == 0 || (int > 1 && self.b.get(self.at - int) == Some(&b'0')) {
            return None;
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            figure.scale = u32::try_from(self.digits(&mut figure)).ok()?;
            if figure.scale == 0 {
                return None;
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            return None;
        }
        figure.text = self.s.get(start..self.at)?;
        Some(figure)
    }

    /// The run of digits at the cursor, added to `figure`; how many there were.
    fn digits(&mut self, figure: &mut Figure<'_>) -> usize {
        let (start, mut at) = (self.at, self.at);
        let (mut mantissa, mut digits) = (figure.mantissa, figure.digits);
        while let Some(d) = self
            .b
            .get(at)
            .map(|c| c.wrapping_sub(b'0'))
            .filter(|d| *d < 10)
        {
            if digits < FIGURE_DIGITS {
                mantissa = mantissa * 10 + u64::from(d);
            }
            digits += 1;
            at += 1;
        }
        (self.at, figure.mantissa, figure.digits) = (at, mantissa, digits);
        at - start
    }

    fn literal(&mut self, word: &[u8]) -> bool {
        self.ws();
        let end = self.at + word.len();
        if self.b.get(self.at..end) == Some(word) {
            self.at = end;
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
        self.literal(b"null")
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
            _ if self.literal(b"true") || self.literal(b"false") || self.null() => Some(()),
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
                let named = e.values.iter().enumerate();
                let named = named.filter_map(|(i, v)| Some((v.as_str(), u32::try_from(i).ok()?)));
                let aliases = e.aliases.iter().map(|(a, i)| (a.as_str(), *i));
                // Names before aliases, each first one kept: what `EnumDef::lookup` finds.
                names(named.chain(aliases))
            })
            .collect();
        let tiers = policy.tiers.iter().enumerate();
        let tiers =
            names(tiers.filter_map(|(i, t)| Some((t.name.as_str(), u32::try_from(i).ok()?))));
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
            written: policy.inputs.iter().map(|i| as_written(&i.name)).collect(),
            shape_written: policy
                .shapes
                .iter()
                .map(|s| s.fields.iter().map(|f| as_written(&f.name)).collect())
                .collect(),
            codes,
            tiers,
            optional: policy.inputs.iter().map(|i| i.optional).collect(),
            shape_optional: policy
                .shapes
                .iter()
                .map(|s| s.fields.iter().map(|f| f.optional).collect())
                .collect(),
            texts,
            units: HashMap::default(),
            lists: Vec::new(),
            maps: Vec::new(),
            last_keys: Vec::new(),
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
        let mut values: Vec<Value> = self.optional.iter().map(|o| absent(*o)).collect();
        self.seen.iter_mut().for_each(|s| *s = false);
        self.undeclared.clear();
        let mut name = None;
        let mut sc = Scan::new(line);
        sc.eat(b'{')?;
        let mut next = 0usize;
        if !sc.empty(b'}') {
            loop {
                let key = self.key(&mut sc, next)?;
                sc.eat(b':')?;
                let Key::Input(slot) = key else {
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

    /// The name of a field of the record, the input `next` tried first (fields usually come in
    /// declaration order); an undeclared one is noted, `None` if it is written twice.
    fn key(&mut self, sc: &mut Scan<'_>, next: usize) -> Option<Key> {
        sc.eat(b'"')?;
        if let Some(expected) = self.written.get(next).copied().flatten() {
            if sc.written(expected) {
                return Some(Key::Input(next));
            }
        }
        let key = sc.body()?;
        if let Some(slot) = self.slots.get(key) {
            return Some(Key::Input(*slot));
        }
        let line = sc.s;
        if self
            .undeclared
            .iter()
            .any(|s| line.get(s.start..s.end) == Some(key))
        {
            return None;
        }
        // The closing quote is the byte before.
        self.undeclared
            .push(Span::new(sc.at - 1 - key.len(), sc.at - 1));
        Some(Key::Undeclared)
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
                if sc.literal(b"true") {
                    Value::Bool(true)
                } else if sc.literal(b"false") {
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
            Type::Num(unit) => match sc.peek_string() {
                // A figure with its unit (`"2153000万元"`, `"55%"`): converted as the full reader does.
                true => Value::Num(self.figure_in_text(unit, sc.string()?)?),
                // Written as `Scan::number` allows, so the only failure is too many digits.
                false => Value::Num(sc.number()?.decimal()?),
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
                        let (key, kept) = self.map_key(sc, entries.len())?;
                        sc.eat(b':')?;
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
                let optional = self.shape_optional.get(*s as usize)?;
                fields.extend(optional.iter().map(|o| absent(*o)));
                // Which fields were written, one bit each (a wider shape is left to the full reader).
                let mut seen = 0u64;
                let mut next = 0usize;
                if !sc.empty(b'}') {
                    loop {
                        let at = self.field(sc, *s as usize, next)?;
                        sc.eat(b':')?;
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

    /// The key at place `at` of a map, shared ([`Texts::get_or_insert`]), the key at the same
    /// place in the last map read tried first; whether it is kept.
    fn map_key(&mut self, sc: &mut Scan<'_>, at: usize) -> Option<(Arc<str>, bool)> {
        sc.eat(b'"')?;
        if let Some(last) = self.last_keys.get(at) {
            // Read by `Scan::body` before, so written as it is.
            if sc.written(last.as_bytes()) {
                return Some((Arc::clone(last), true));
            }
        }
        let (key, kept) = self.texts.get_or_insert(sc.body()?);
        if kept {
            self.last_keys.truncate(at);
            if self.last_keys.len() == at {
                self.last_keys.push(Arc::clone(&key));
            }
        }
        Some((key, kept))
    }

    /// A figure written as text with its unit, read as the full reader reads it, each unit's
    /// name read once; `None` where the full reader refuses it, to let it say why.
    fn figure_in_text(&mut self, unit: &Unit, text: &str) -> Option<Decimal> {
        let policy = self.policy;
        let units = &mut self.units;
        convert::figure_in_text(policy, unit, text, |name| {
            if !units.contains_key(name) {
                let read = convert::parse_unit(policy, name);
                if units.len() >= UNITS {
                    return read.map(Cow::Owned);
                }
                units.insert(name.into(), read);
            }
            units.get(name)?.as_ref().map(Cow::Borrowed)
        })
        .ok()
    }

    /// The index of the field of shape `s` named next, the field `next` tried first.
    fn field(&self, sc: &mut Scan<'_>, s: usize, next: usize) -> Option<usize> {
        sc.eat(b'"')?;
        let written = self.shape_written.get(s)?;
        if let Some(expected) = written.get(next).copied().flatten() {
            if sc.written(expected) {
                return Some(next);
            }
        }
        let key = sc.body()?;
        let shape = self.policy.shapes.get(s)?;
        shape.fields.iter().position(|f| f.name == key)
    }
}

/// A name as a line writes it between quotes, when it needs no escape: its bytes.
fn as_written(name: &str) -> Option<&[u8]> {
    (!name.bytes().any(json_text::is_stop)).then_some(name.as_bytes())
}

/// The code of an enumeration's text, written with or without spaces around it.
fn code(codes: &Names<'_>, text: &str) -> Option<u32> {
    codes.get(text).or_else(|| codes.get(text.trim())).copied()
}

/// Names fixed when the reader is made (an enumeration's values and aliases, the tiers), each
/// with its code.
type Names<'p> = HashMap<&'p str, u32, foldhash::fast::RandomState>;

/// The names and their codes; of a name given twice, the first stays.
fn names<'p>(given: impl Iterator<Item = (&'p str, u32)>) -> Names<'p> {
    let mut names = Names::default();
    for (name, code) in given {
        names.entry(name).or_insert(code);
    }
    names
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
    !(lo.is_some_and(|lo| below(n, &lo)) || hi.is_some_and(|hi| *n > hi))
}

/// `n < lo`, without the general comparison for the usual bound, zero.
fn below(n: &Decimal, lo: &Decimal) -> bool {
    match lo.is_zero() {
        true => n.is_sign_negative() && !n.is_zero(),
        false => n < lo,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What `Scan::number` reads of `text`, to the bits of the decimal.
    fn read(text: &str) -> Option<Option<[u8; 16]>> {
        let mut sc = Scan::new(text);
        let figure = sc.number()?;
        assert_eq!(sc.at, text.len(), "{text}");
        Some(figure.decimal().map(|d| d.serialize()))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// Read as written: the decimal `rust_decimal` reads, scale and sign included, or none
        /// when it has too many digits for it.
        #[test]
        fn numbers_are_read_as_rust_decimal_reads_them(
            text in r"-?(0|[1-9][0-9]{0,32})(\.[0-9]{1,32})?"
        ) {
            let want = Decimal::from_str_exact(&text).ok().map(|d| d.serialize());
            prop_assert_eq!(read(&text), Some(want));
        }

        /// A string is read to its closing quote, unless an escape or a control character comes
        /// first, at any place within the words it is read by.
        #[test]
        fn strings_stop_at_quotes_escapes_and_control_characters(
            body in r#"[a-z达标😀 ]{0,40}"#,
            stop in prop::sample::select(vec!["\"", "\\", "\t", "\u{1f}", "\u{7f}"]),
            tail in r#"[a-z"]{0,10}"#,
        ) {
            let line = format!("\"{body}{stop}{tail}\"");
            let mut sc = Scan::new(&line);
            let read = sc.string();
            match stop {
                "\"" => prop_assert_eq!(read, Some(body.as_str())),
                "\u{7f}" => prop_assert!(read.is_some_and(|r| r.starts_with(&body))),
                _ => prop_assert_eq!(read, None),
            }
        }
    }

    #[test]
    fn the_numbers_left_to_rust_decimal_and_the_refused() {
        for text in [
            "-0",
            "-0.0",
            "0.0",
            "1234567890123456789",
            "0.0000000000000000001",
        ] {
            let want = Decimal::from_str_exact(text).ok().map(|d| d.serialize());
            assert_eq!(read(text), Some(want), "{text}");
        }
        for text in ["01", "1.", "-", ".5", "+1", "1e2", "1E2", "-01"] {
            assert!(read(text).is_none(), "{text}");
        }
    }
}
