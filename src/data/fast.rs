//! A fast path for clean NDJSON records: one pass over the line builds the typed values directly,
//! with no JSON tree. It accepts only what it can read exactly as [`super::record`] does — plain
//! strings, plain decimal numbers, the declared fields once each, values of the declared types
//! within range — and gives up (`None`) on anything else, so the caller falls back to the full
//! reader and its diagnostics. A field the policy does not declare is no reason to give up: its
//! value is checked and skipped and its name noted ([`FastReader::undeclared`]), so the caller
//! warns about it as the full reader does. Its records are checked equal to the full reader's in
//! tests.

use crate::check::ir::{InputDef, Policy, Type};
use crate::source::Span;
use crate::value::{Record, Value};
use std::sync::Arc;

/// Reads clean records of one policy.
pub struct FastReader<'p> {
    policy: &'p Policy,
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
        // One pass over the bytes: `"` and `\\` never occur inside a multi-byte character.
        let end = rest
            .bytes()
            .position(|b| b == b'"' || b == b'\\' || b < 0x20)?;
        if rest.as_bytes().get(end) != Some(&b'"') {
            return None;
        }
        let body = rest.get(..end)?;
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
        FastReader {
            policy,
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
        let mut values: Vec<Option<Value>> = vec![None; policy.inputs.len()];
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
                    _ => policy.inputs.iter().position(|i| i.name == key),
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
                if policy.name_input == Some(slot) {
                    let mut probe = Scan { s: line, at: sc.at };
                    name = probe.string().map(str::to_string);
                }
                let v = if sc.null() {
                    None
                } else {
                    let v = self.value(&mut sc, &input.ty)?;
                    if !in_range(input, &v) {
                        return None;
                    }
                    Some(v)
                };
                if let Some(slot) = values.get_mut(slot) {
                    *slot = v;
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
        let values = values
            .into_iter()
            .zip(&policy.inputs)
            .map(|(v, input)| match v {
                Some(v) => v,
                None if input.optional => Value::None,
                None => Value::Unknown,
            })
            .collect();
        Some((Record { values }, name))
    }

    fn value(&self, sc: &mut Scan<'_>, ty: &Type) -> Option<Value> {
        let policy = self.policy;
        if sc.null() {
            return Some(Value::Unknown);
        }
        Some(match ty {
            Type::Text => Value::Text(Arc::from(sc.string()?)),
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
                false => Value::Num(super::convert::exact_decimal(sc.number()?).ok()?),
            },
            Type::Enum(e) => {
                let def = policy.enums.get(*e as usize)?;
                Value::Enum(def.lookup(sc.string()?.trim())?)
            }
            Type::Tier => {
                let t = policy.tier_index(sc.string()?.trim())?;
                Value::Enum(u32::try_from(t).ok()?)
            }
            Type::List(inner) => {
                sc.eat(b'[')?;
                let mut items = Vec::new();
                if !sc.empty(b']') {
                    loop {
                        items.push(self.value(sc, inner)?);
                        if !sc.more(b']')? {
                            break;
                        }
                    }
                }
                Value::List(Arc::from(items))
            }
            Type::Map(inner) => {
                sc.eat(b'{')?;
                let mut entries: Vec<(Arc<str>, Value)> = Vec::new();
                if !sc.empty(b'}') {
                    loop {
                        let key = sc.string()?;
                        sc.eat(b':')?;
                        if entries.iter().any(|(k, _)| &**k == key) {
                            return None;
                        }
                        let v = self.value(sc, inner)?;
                        entries.push((Arc::from(key), v));
                        if !sc.more(b'}')? {
                            break;
                        }
                    }
                }
                Value::Map(Arc::from(entries))
            }
            Type::Shape(s) => {
                let shape = policy.shapes.get(*s as usize)?;
                sc.eat(b'{')?;
                let mut fields: Vec<Option<Value>> = vec![None; shape.fields.len()];
                let mut seen = vec![false; shape.fields.len()];
                if !sc.empty(b'}') {
                    loop {
                        let key = sc.string()?;
                        sc.eat(b':')?;
                        let at = shape.fields.iter().position(|f| f.name == key)?;
                        let once = seen.get_mut(at)?;
                        if *once {
                            return None;
                        }
                        *once = true;
                        let def = shape.fields.get(at)?;
                        let v = if sc.null() {
                            None
                        } else {
                            Some(self.value(sc, &def.ty)?)
                        };
                        if let Some(slot) = fields.get_mut(at) {
                            *slot = v;
                        }
                        if !sc.more(b'}')? {
                            break;
                        }
                    }
                }
                let values: Vec<Value> = fields
                    .into_iter()
                    .zip(&shape.fields)
                    .map(|(v, f)| match v {
                        Some(v) => v,
                        None if f.optional => Value::None,
                        None => Value::Unknown,
                    })
                    .collect();
                Value::Record(Arc::from(values))
            }
            Type::Duration | Type::Nothing => return None,
        })
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

fn in_range(input: &InputDef, v: &Value) -> bool {
    let (Some((lo, hi)), Value::Num(n)) = (&input.range, v) else {
        return true;
    };
    !(lo.is_some_and(|lo| *n < lo) || hi.is_some_and(|hi| *n > hi))
}
