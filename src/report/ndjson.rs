//! NDJSON straight from a [`Trace`]: the same bytes as serialising [`super::json::judgement`], written
//! into a reused buffer without building a JSON tree. The parts of each rule's object that do not
//! depend on the record (name, article, group, nature, criterion) are escaped once, up front.

use super::json::Indenter;
use super::verdict_name;
use crate::check::ir::{CheckTest, Policy, Type, DISPLAY_DECIMALS};
use crate::eval::{CheckTrace, Note, RuleTrace, Trace};
use crate::json_text;
use crate::syntax::ast::Nature;
use crate::units::Unit;
use crate::value::{Record, Value};
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::fmt::Write as _;

/// Writes judgements as NDJSON lines, or indented as the elements of `--format json`'s array; one
/// per thread, reused for every record.
pub struct NdjsonWriter<'p> {
    policy: &'p Policy,
    /// For elements of the array: where the layout stands; `None` for lines.
    indent: Option<Layout>,
    /// `{"name":…,"kind":` for each rule.
    heads: Vec<String>,
    /// `,"article":…[,"group":…][,"nature":…][,"criterion":…]` for each rule.
    middles: Vec<String>,
    /// `,"measure":…[,"version":…],"indicators":`.
    measure: String,
    units: Vec<(usize, String)>,
    /// Each note written so far, as its JSON string: a note's text depends only on the note, the
    /// rule, the tier, the exception and the binding case, and the same few recur in every record.
    notes: HashMap<NoteKey, Box<[u8]>, foldhash::fast::RandomState>,
    text: String,
    given: Vec<(usize, Value)>,
}

/// What a rule's note text depends on: the note, the rule, the tier, the exception, the binding.
type NoteKey = (Note, usize, Option<usize>, Option<usize>, Option<usize>);

pub(crate) fn escaped(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// Writes `compact`, whole tokens of compact JSON, as the writer lays its output out; `key` names
/// it among the writer's marks.
#[inline]
fn mark(indent: &mut Option<Layout>, out: &mut Vec<u8>, key: Mark, compact: &[u8]) {
    match indent {
        Some(layout) => layout.mark(key, compact, out),
        None => out.extend_from_slice(compact),
    }
}

/// One of the writer's fixed texts, named without reading its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// A text of the writer's code, by address and length: a `'static` text at one address and
    /// of one length is always the same text.
    Fixed(usize, usize),
    /// A rule's head, by rule index ([`NdjsonWriter::heads`]).
    Head(usize),
    /// A rule's middle, by rule index ([`NdjsonWriter::middles`]).
    Middle(usize),
    /// The measure's part ([`NdjsonWriter::measure`]).
    Measure,
}

impl Mark {
    fn fixed(text: &'static [u8]) -> Mark {
        Mark::Fixed(text.as_ptr() as usize, text.len())
    }
}

/// A mark at a depth: what [`Layout`] lays out once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Laid {
    mark: Mark,
    depth: usize,
}

impl std::hash::Hash for Laid {
    /// One word for the hasher to mix, where a derived hash would feed it four: equal keys give
    /// equal words, and the few keys a writer has seldom share one.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let (kind, a, b) = match self.mark {
            Mark::Fixed(at, len) => (0, at, len),
            Mark::Head(i) => (1, i, 0),
            Mark::Middle(i) => (2, i, 0),
            Mark::Measure => (3, 0, 0),
        };
        let word = (a as u64) ^ ((b as u64) << 40) ^ ((self.depth as u64) << 52) ^ (kind << 62);
        state.write_u64(word);
    }
}

/// Where an indented element stands, and each mark laid out once for each depth it is written
/// at: the marks are the writer's fixed texts (keys, punctuation, the rules' fixed parts), so
/// there are few of them.
struct Layout {
    at: Indenter,
    /// Each mark at each depth → its laid-out bytes and where the layout stands after.
    laid: HashMap<Laid, (Box<[u8]>, Indenter), foldhash::fast::RandomState>,
}

impl Layout {
    #[inline(never)]
    fn mark(&mut self, mark: Mark, compact: &[u8], out: &mut Vec<u8>) {
        let key = Laid {
            mark,
            depth: self.at.depth(),
        };
        if let Some((bytes, after)) = self.laid.get(&key) {
            out.extend_from_slice(bytes);
            self.at = *after;
            return;
        }
        let mut bytes = Vec::new();
        self.at.push(compact, &mut bytes);
        out.extend_from_slice(&bytes);
        self.laid.insert(key, (bytes.into(), self.at));
    }
}

/// `s`, a name of the output format that needs no escaping (`pass`, `constraint`), as a string.
fn push_plain(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    out.extend_from_slice(s.as_bytes());
    out.push(b'"');
}

/// `s` as a JSON string, the same bytes as serde_json writes: a text without a quote, a backslash
/// or a control character (nearly every text) is copied whole.
pub(crate) fn push_json(out: &mut Vec<u8>, s: &str) {
    if json_text::first_stop(s.as_bytes()).is_some() {
        let _ = serde_json::to_writer(&mut *out, s);
    } else {
        out.reserve(s.len() + 2);
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    }
}

impl<'p> NdjsonWriter<'p> {
    pub fn new(policy: &'p Policy) -> Self {
        let heads = policy
            .rules
            .iter()
            .map(|r| format!("{{\"name\":{},\"kind\":", escaped(&r.name)))
            .collect();
        let middles = policy
            .rules
            .iter()
            .map(|r| {
                let mut m = format!(",\"article\":{}", escaped(&r.article));
                if let Some(g) = &r.group {
                    let _ = write!(m, ",\"group\":{}", escaped(g));
                }
                if let Some(n) = r.nature {
                    m.push_str(match n {
                        Nature::Quantitative => ",\"nature\":\"quantitative\"",
                        Nature::Qualitative => ",\"nature\":\"qualitative\"",
                    });
                }
                if let Some(c) = &r.criterion {
                    let _ = write!(m, ",\"criterion\":{}", escaped(c));
                }
                m
            })
            .collect();
        let mut measure = format!(",\"measure\":{}", escaped(&policy.meta.title));
        if let Some(v) = &policy.meta.version {
            let _ = write!(measure, ",\"version\":{}", escaped(v));
        }
        measure.push_str(",\"indicators\":");
        NdjsonWriter {
            policy,
            indent: None,
            heads,
            middles,
            measure,
            units: Vec::new(),
            notes: HashMap::default(),
            text: String::new(),
            given: Vec::new(),
        }
    }

    /// A writer of the elements of `--format json`'s array: the same bytes as
    /// [`super::json::indented`] of the judgement's tree.
    pub fn indented(policy: &'p Policy) -> Self {
        NdjsonWriter {
            indent: Some(Layout {
                at: Indenter::element(),
                laid: HashMap::default(),
            }),
            ..NdjsonWriter::new(policy)
        }
    }

    /// Appends the judgement in `trace` of `record`: one JSON line with its newline, or one
    /// indented element of the array without one.
    pub fn write(&mut self, trace: &Trace, record: &Record, out: &mut Vec<u8>) {
        let policy = self.policy;
        if let Some(layout) = &mut self.indent {
            layout.at = Indenter::element();
            out.extend_from_slice(b"  ");
        }
        self.mark(out, b"{\"name\":");
        match policy.record_name(record) {
            Some(n) => push_json(out, n),
            None => out.extend_from_slice(b"null"),
        }
        self.mark(out, b",\"tier\":");
        match trace.tier.and_then(|t| policy.tiers.get(t)) {
            Some(t) => push_json(out, &t.name),
            None => out.extend_from_slice(b"null"),
        }
        self.mark(out, b",\"verdict\":");
        push_plain(out, verdict_name(trace.verdict()));
        if trace.verdict() == crate::syntax::ast::Verdict::Eligible {
            if let Some(title) = policy.title(trace.tier, record) {
                self.mark(out, b",\"title\":");
                push_json(out, &title);
            }
        }
        mark(
            &mut self.indent,
            out,
            Mark::Measure,
            self.measure.as_bytes(),
        );
        let mut first = true;
        for (i, r) in trace.rules.iter().enumerate() {
            if policy.rules.get(i).is_none() {
                continue;
            }
            self.mark(out, if first { b"[" } else { b"," });
            first = false;
            self.rule(trace, record, i, r, out);
        }
        // A bracket left open at the end of a mark holds something: an empty one is written whole.
        self.mark(out, if first { b"[]" } else { b"]" });
        if !policy.decisions.is_empty() {
            // Rare enough to build through the judgement, as the JSON array does.
            let j = trace.judgement(policy, record);
            self.mark(out, b",\"decisions\":");
            let decisions = serde_json::to_vec(&super::json::decisions(policy, &j));
            let decisions = decisions.unwrap_or_default();
            // Laid out as it comes: it differs from record to record.
            match &mut self.indent {
                Some(layout) => layout.at.push(&decisions, out),
                None => out.extend_from_slice(&decisions),
            }
        }
        self.mark(out, b"}");
        if self.indent.is_none() {
            out.push(b'\n');
        }
    }

    /// Writes `compact`, whole tokens of compact JSON, as this writer lays its output out.
    #[inline]
    fn mark(&mut self, out: &mut Vec<u8>, compact: &'static [u8]) {
        mark(&mut self.indent, out, Mark::fixed(compact), compact);
    }

    fn rule(&mut self, trace: &Trace, record: &Record, i: usize, r: &RuleTrace, out: &mut Vec<u8>) {
        let policy = self.policy;
        let Some(rule) = policy.rules.get(i) else {
            return;
        };
        if let Some(h) = self.heads.get(i) {
            mark(&mut self.indent, out, Mark::Head(i), h.as_bytes());
        }
        push_plain(out, super::kind_of(rule, r.kind));
        self.mark(out, b",\"status\":");
        push_plain(out, r.status.as_str());
        if let Some(m) = self.middles.get(i) {
            mark(&mut self.indent, out, Mark::Middle(i), m.as_bytes());
        }
        if let Some(e) = r.exception.and_then(|k| rule.exceptions.get(k)) {
            self.mark(out, b",\"exception\":");
            push_json(out, &e.name);
            self.mark(out, b",\"exception_article\":");
            push_json(out, &e.article);
        }
        if let Some((b, case)) = super::binding_case(rule, r.binding) {
            self.mark(out, b",\"binding\":");
            push_json(out, &b.name);
            self.mark(out, b",\"binding_article\":");
            push_json(out, &b.article);
            self.mark(out, b",\"binding_case\":");
            push_json(out, &case.text);
            self.mark(out, b",\"binding_effect\":");
            push_json(out, case.effect.as_str());
        }
        let branch = trace.branch(policy, i);
        let taken = !matches!(r.note, Some(crate::eval::Note::EveryCase { .. }));
        if let Some(case) = branch
            .filter(|_| taken)
            .and_then(|b| b.guard_text.as_deref())
        {
            self.mark(out, b",\"case\":");
            push_json(out, case);
        }
        let checks = trace.checks_of(r);
        let defs = branch.map_or(&[][..], |b| b.checks.as_slice());
        let single = match checks {
            [one] => Some(one),
            _ => None,
        };
        let unit_ty = |k: usize| {
            defs.get(k).and_then(|d| match &d.test {
                CheckTest::Compare(c) => Some(&c.figure_ty),
                CheckTest::Holds(_) => None,
            })
        };
        let figure_written = match single {
            Some(c) => self.figure(c, unit_ty(0), b",\"figure\":", out),
            None => false,
        };
        if !figure_written {
            if let (Some(v), Some((_, ty))) = (&r.figure, &rule.figure) {
                self.mark(out, b",\"figure\":");
                self.value(v, ty);
                push_json(out, &self.text);
            }
        }
        if let Some(c) = single {
            self.bounds(c, unit_ty(0), out);
        }
        if let (Some(c), Some(def)) = (single, defs.first()) {
            self.threshold(c, unit_ty(0), out);
            self.margin(c, unit_ty(0), out);
            if c.threshold.is_none() {
                self.mark(out, b",\"test\":");
                push_json(out, &def.text);
            }
            let mut given = std::mem::take(&mut self.given);
            trace.given_into(policy, record, def, &mut given);
            self.given_text(c, &given, out);
            let mut missing = given
                .iter()
                .filter(|(_, v)| matches!(v, Value::Unknown))
                .filter_map(|(k, _)| policy.reads.get(*k))
                .filter(|r| r.from_record())
                .peekable();
            if missing.peek().is_some() {
                self.mark(out, b",\"missing\":[");
                for (n, read) in missing.enumerate() {
                    if n > 0 {
                        self.mark(out, b",");
                    }
                    push_json(out, &read.label);
                }
                self.mark(out, b"]");
            }
            self.given = given;
        }
        if checks.len() > 1 {
            self.mark(out, b",\"checks\":[");
            for (k, c) in checks.iter().enumerate() {
                if k > 0 {
                    self.mark(out, b",");
                }
                let def = defs.get(k);
                self.mark(out, b"{\"test\":");
                push_json(out, def.map_or("", |d| d.text.as_str()));
                self.mark(out, b",\"status\":");
                push_plain(out, c.status.as_str());
                self.figure(c, unit_ty(k), b",\"figure\":", out);
                self.bounds(c, unit_ty(k), out);
                self.threshold(c, unit_ty(k), out);
                self.margin(c, unit_ty(k), out);
                // `given` is printed only for a check that is not a comparison.
                if let (Some(def), None) = (def, c.op) {
                    let mut given = std::mem::take(&mut self.given);
                    trace.given_into(policy, record, def, &mut given);
                    self.given_text(c, &given, out);
                    self.given = given;
                }
                self.mark(out, b"}");
            }
            self.mark(out, b"]");
        }
        if let (Some(v), Some(ty)) = (r.trigger.as_deref(), &rule.trigger_ty) {
            self.mark(out, b",\"trigger\":");
            self.value(v, ty);
            push_json(out, &self.text);
        }
        if let Some(n) = r.note {
            self.mark(out, b",\"note\":");
            let text = self
                .notes
                .entry((n, i, trace.tier, r.exception, r.binding))
                .or_insert_with(|| {
                    let mut text = Vec::new();
                    push_json(
                        &mut text,
                        &n.text(policy, i, trace.tier, r.exception, r.binding).en(),
                    );
                    text.into()
                });
            out.extend_from_slice(text);
        }
        self.mark(out, b"}");
    }

    /// `key` and the check's figure as a JSON string, if it has one (then `true`).
    pub(crate) fn figure(
        &mut self,
        c: &CheckTrace,
        ty: Option<&Type>,
        key: &'static [u8],
        out: &mut Vec<u8>,
    ) -> bool {
        let Some(f) = &c.figure else { return false };
        self.mark(out, key);
        self.value(f, ty.unwrap_or(&Type::Bool));
        push_json(out, &self.text);
        true
    }

    fn bounds(&mut self, c: &CheckTrace, ty: Option<&Type>, out: &mut Vec<u8>) {
        if let Some(b) = &c.bounds {
            self.mark(out, b",\"bounds\":");
            push_json(out, &super::bounds_text(self.policy, b, ty));
        }
    }

    /// `,"threshold":"≥ 200 亿元"`, if the check has a threshold.
    pub(crate) fn threshold(&mut self, c: &CheckTrace, ty: Option<&Type>, out: &mut Vec<u8>) {
        let Some(t) = &c.threshold else { return };
        self.text.clear();
        self.text.push_str(c.op.map_or("", |o| o.symbol()));
        self.text.push(' ');
        self.value_after(t, ty.unwrap_or(&Type::Bool));
        self.mark(out, b",\"threshold\":");
        push_json(out, &self.text);
        if let Some(b) = &c.threshold_bounds {
            self.mark(out, b",\"threshold_bounds\":");
            push_json(out, &super::bounds_text(self.policy, b, ty));
        }
    }

    /// `,"margin":"+15.3 亿元"`, if the check has a margin and a unit.
    pub(crate) fn margin(&mut self, c: &CheckTrace, ty: Option<&Type>, out: &mut Vec<u8>) {
        let (Some(m), Some(ty)) = (c.margin(), ty) else {
            return;
        };
        self.text.clear();
        self.text.push(if m.is_sign_negative() && !m.is_zero() {
            '-'
        } else {
            '+'
        });
        self.value_after(&Value::Num(m.abs()), ty);
        self.mark(out, b",\"margin\":");
        push_json(out, &self.text);
    }

    fn given_text(&mut self, c: &CheckTrace, given: &[(usize, Value)], out: &mut Vec<u8>) {
        if c.op.is_some() {
            return;
        }
        let mut parts = String::new();
        for (i, v) in given {
            let Some(read) = self.policy.reads.get(*i) else {
                continue;
            };
            if matches!(read.ty, Type::List(_) | Type::Map(_)) {
                continue;
            }
            if !parts.is_empty() {
                parts.push_str(", ");
            }
            self.value(v, &read.ty);
            parts.push_str(&read.label);
            parts.push_str(" = ");
            parts.push_str(&self.text);
        }
        if !parts.is_empty() {
            self.mark(out, b",\"given\":");
            push_json(out, &parts);
        }
    }

    /// [`Policy::value_text`] into `self.text`, without allocating for the common values.
    fn value(&mut self, v: &Value, ty: &Type) {
        self.text.clear();
        self.value_after(v, ty);
    }

    /// [`Policy::value_text`] after what `self.text` holds.
    fn value_after(&mut self, v: &Value, ty: &Type) {
        let policy = self.policy;
        match (v, ty) {
            (Value::Unknown, _) => self.text.push_str("unknown"),
            (Value::None, _) => self.text.push_str("none"),
            (Value::Bool(b), _) => self.text.push_str(if *b { "true" } else { "false" }),
            (Value::Num(n), Type::Num(u)) => {
                let unit = unit_text(&mut self.units, policy, u);
                push_decimal(&mut self.text, *n);
                if unit == "%" {
                    self.text.push('%');
                } else if !unit.is_empty() {
                    self.text.push(' ');
                    self.text.push_str(unit);
                }
            }
            (Value::Num(n), _) => push_decimal(&mut self.text, *n),
            (Value::Enum(i), Type::Enum(e)) => match policy
                .enums
                .get(*e as usize)
                .and_then(|d| d.values.get(*i as usize))
            {
                Some(name) => self.text.push_str(name),
                None => self.text.push('?'),
            },
            _ => self.text.push_str(&policy.value_text(v, ty)),
        }
    }
}

/// `n` as [`Policy::value_text`] shows it — rounded to [`DISPLAY_DECIMALS`], trailing zeros
/// dropped — written from its integer mantissa and scale.
pub(crate) fn push_decimal(text: &mut String, n: Decimal) {
    let n = if n.scale() > DISPLAY_DECIMALS {
        n.round_dp(DISPLAY_DECIMALS)
    } else {
        n
    };
    let mut scale = n.scale() as usize;
    let mut digits = itoa::Buffer::new();
    let digits = match u64::try_from(n.mantissa().unsigned_abs()) {
        Ok(mut d) => {
            while scale > 0 && d % 10 == 0 {
                d /= 10;
                scale -= 1;
            }
            digits.format(d)
        }
        Err(_) => {
            let mut d = n.mantissa().unsigned_abs();
            while scale > 0 && d % 10 == 0 {
                d /= 10;
                scale -= 1;
            }
            digits.format(d)
        }
    };
    if digits == "0" {
        text.push('0');
        return;
    }
    if n.is_sign_negative() {
        text.push('-');
    }
    match digits.len().checked_sub(scale) {
        // `0.00…` before the digits.
        None | Some(0) => {
            text.push_str("0.");
            text.extend(std::iter::repeat_n('0', scale - digits.len()));
            text.push_str(digits);
        }
        Some(whole) => {
            let (whole, fraction) = digits.split_at(whole);
            text.push_str(whole);
            if !fraction.is_empty() {
                text.push('.');
                text.push_str(fraction);
            }
        }
    }
}

/// A unit's display text, computed once per unit of the policy.
fn unit_text<'u>(cache: &'u mut Vec<(usize, String)>, policy: &Policy, u: &Unit) -> &'u str {
    let key = u as *const Unit as usize;
    let at = match cache.iter().position(|(k, _)| *k == key) {
        Some(at) => at,
        None => {
            cache.push((key, policy.unit_text(u)));
            cache.len() - 1
        }
    };
    cache.get(at).map_or("", |(_, s)| s.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// A text is written as serde_json writes it, with or without characters to escape.
        #[test]
        fn texts_read_as_serde_json_writes_them(s in "(\\PC|[\"\\\\\u{0}-\u{1f}\u{7f}]){0,64}") {
            let mut out = Vec::new();
            push_json(&mut out, &s);
            prop_assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&s).unwrap());
        }

        /// Written from the mantissa, a decimal reads as `round_dp` + `normalize` + `Display` show it.
        #[test]
        fn decimals_from_the_mantissa_read_as_display_shows_them(
            m in any::<i64>(),
            wide in any::<i128>(),
            scale in 0u32..=28,
            use_wide in any::<bool>(),
        ) {
            let mantissa = if use_wide { wide % 10i128.pow(28) } else { i128::from(m) };
            let n = Decimal::from_i128_with_scale(mantissa, scale);
            let mut text = String::new();
            push_decimal(&mut text, n);
            prop_assert_eq!(text, n.round_dp(DISPLAY_DECIMALS).normalize().to_string());
        }
    }

    #[test]
    fn small_and_signed_decimals() {
        for s in [
            "0",
            "-0",
            "0.000",
            "-0.0000001",
            "0.0000005",
            "-1.5",
            "100",
            "0.01",
            "12.340",
        ] {
            let n: Decimal = s.parse().unwrap();
            let mut text = String::new();
            push_decimal(&mut text, n);
            assert_eq!(
                text,
                n.round_dp(DISPLAY_DECIMALS).normalize().to_string(),
                "{s}"
            );
        }
    }
}
