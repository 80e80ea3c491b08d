//! The JSON interface of records.md: one object per record, with every rule's status and article.

use super::{
    bounds_text, figure_text, given_text, kind_name, margin_text, missing, rule_figure_text,
    threshold_text, trigger_text, verdict_name,
};
use crate::check::ir::Policy;
use crate::data::Loaded;
use crate::diag::Diagnostic;
use crate::eval::{Judgement, RuleResult, Trace};
use crate::syntax::ast::Nature;
use serde_json::{json, Map, Value as Json};

/// What `jidi eval --format json` prints for records as read: one JSON array, one element per
/// record in input order. The command streams the same elements through [`Array`].
/// With round rules the records are one round, each element carrying its `round`.
pub fn eval(policy: &Policy, items: &[Loaded]) -> String {
    let mut array = Array::default();
    let mut trace = Trace::new();
    let mut out = String::new();
    let records: Vec<&crate::value::Record> =
        items.iter().filter_map(|i| i.record.as_ref()).collect();
    let mut round = if policy.rounds.is_empty() {
        Vec::new()
    } else {
        policy.judge_batch(&records)
    }
    .into_iter();
    for item in items {
        out.push_str(array.separator());
        let json = match (&item.record, policy.rounds.is_empty()) {
            (Some(_), false) => round.next().map_or(Json::Null, |j| judgement(policy, &j)),
            _ => element(policy, item, &mut trace),
        };
        out.push_str(&indented(&json));
    }
    out.push_str(array.end());
    out
}

/// The element of `eval --format json` for one record as read: its judgement, or for a record
/// that could not be read, its [`rejected`] entry. `trace` is scratch space.
pub fn element(policy: &Policy, item: &Loaded, trace: &mut Trace) -> Json {
    let Some(record) = item.record.as_ref() else {
        let source = super::source_name(item.source.name(), item.index);
        return rejected(&source, item.name.as_deref(), &item.diagnostics);
    };
    policy.trace(record, trace);
    judgement(policy, &trace.judgement(policy, record))
}

/// An array element as `eval --format json` writes it: pretty-printed, indented by two spaces.
pub fn indented(json: &Json) -> String {
    let pretty = serde_json::to_string_pretty(json).unwrap_or_default();
    let mut item = String::with_capacity(pretty.len() + 64);
    for (i, line) in pretty.lines().enumerate() {
        if i > 0 {
            item.push('\n');
        }
        item.push_str("  ");
        item.push_str(line);
    }
    item
}

/// Lays out compact JSON given piece by piece as [`indented`] does, for an element of the
/// array: each piece a run of whole tokens (strings are never split between pieces). A bracket
/// closed in the same piece as it opens is empty when nothing stands between (`{}`, `[]`); one
/// left open at the end of a piece is taken to hold something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Indenter {
    depth: usize,
}

impl Indenter {
    /// At the start of an element of the array, after its two leading spaces.
    pub fn element() -> Self {
        Indenter { depth: 1 }
    }

    /// How many levels deep the next piece starts.
    pub fn depth(&self) -> usize {
        self.depth
    }

    /// Appends `piece`, laid out, to `out`.
    pub fn push(&mut self, piece: &[u8], out: &mut Vec<u8>) {
        let mut rest = piece;
        while let Some(&b) = rest.first() {
            // A run of bytes copied as they are: a number, a literal, or a string up to its end.
            let run = match b {
                b'"' => 1 + string_len(rest.get(1..).unwrap_or_default()),
                b'{' | b'[' | b'}' | b']' | b',' | b':' => 0,
                _ => rest
                    .iter()
                    .position(|c| matches!(c, b'"' | b'{' | b'[' | b'}' | b']' | b',' | b':'))
                    .unwrap_or(rest.len()),
            };
            if run > 0 {
                let (piece, after) = rest.split_at(run.min(rest.len()));
                out.extend_from_slice(piece);
                rest = after;
                continue;
            }
            rest = rest.get(1..).unwrap_or_default();
            match b {
                b'{' | b'[' => {
                    out.push(b);
                    let close = if b == b'{' { b'}' } else { b']' };
                    if let Some(after) = rest.strip_prefix(&[close]) {
                        // Empty: `{}` or `[]` on one line.
                        out.push(close);
                        rest = after;
                    } else {
                        self.depth += 1;
                        newline(out, self.depth);
                    }
                }
                b'}' | b']' => {
                    self.depth = self.depth.saturating_sub(1);
                    newline(out, self.depth);
                    out.push(b);
                }
                b',' => {
                    out.push(b);
                    newline(out, self.depth);
                }
                _ => out.extend_from_slice(b": "),
            }
        }
    }
}

/// The length of a JSON string's body and closing quote, `body` starting after the opening one:
/// up to the first quote not escaped (all of `body` if it has none).
fn string_len(body: &[u8]) -> usize {
    let mut at = 0;
    while let Some(i) = body.get(at..).and_then(|b| memchr::memchr2(b'"', b'\\', b)) {
        if body.get(at + i) == Some(&b'"') {
            return at + i + 1;
        }
        // A backslash and the byte it escapes, whatever it is.
        at += i + 2;
    }
    body.len()
}

/// A line break and the indentation of `depth` levels, two spaces each.
fn newline(out: &mut Vec<u8>, depth: usize) {
    const BREAK: &[u8; 65] = b"\n                                                                ";
    let indent = 2 * depth;
    match BREAK.get(..1 + indent) {
        Some(shallow) => out.extend_from_slice(shallow),
        None => {
            out.push(b'\n');
            out.extend(std::iter::repeat_n(b' ', indent));
        }
    }
}

/// The punctuation of the pretty-printed JSON array of `eval --format json`, written element by
/// element so that a batch of any size streams.
#[derive(Debug, Default, Clone)]
pub struct Array {
    items: usize,
}

impl Array {
    /// What goes before the next element: the opening bracket, or a comma.
    pub fn separator(&mut self) -> &'static str {
        self.items += 1;
        if self.items == 1 {
            "[\n"
        } else {
            ",\n"
        }
    }

    /// What closes the array: `[]` when it has no element.
    pub fn end(&self) -> &'static str {
        if self.items == 0 {
            "[]\n"
        } else {
            "\n]\n"
        }
    }
}

/// A record that could not be read, at its place (records.md): `source`, `name` when it has one,
/// `verdict: "rejected"` and its `errors`, each with `code`, `field` and `message`.
pub fn rejected(source: &str, name: Option<&str>, diagnostics: &[Diagnostic]) -> Json {
    let mut out = Map::new();
    out.insert("source".into(), json!(source));
    if let Some(n) = name {
        out.insert("name".into(), json!(n));
    }
    out.insert("verdict".into(), json!(REJECTED));
    let errors: Vec<Json> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| json!({ "code": d.code, "field": d.field, "message": d.message.en() }))
        .collect();
    out.insert("errors".into(), Json::Array(errors));
    Json::Object(out)
}

/// The verdict of a record that could not be read.
pub const REJECTED: &str = "rejected";

/// One judgement as JSON: `name`, `tier`, `verdict`, and `indicators` (conditions and vetoes too).
pub fn judgement(policy: &Policy, j: &Judgement) -> Json {
    let mut out = Map::new();
    out.insert(
        "name".into(),
        j.name.as_ref().map_or(Json::Null, |n| json!(n)),
    );
    out.insert(
        "tier".into(),
        j.tier
            .and_then(|t| policy.tiers.get(t))
            .map_or(Json::Null, |t| json!(t.name)),
    );
    out.insert("verdict".into(), json!(verdict_name(j.verdict)));
    if let Some(title) = &j.title {
        out.insert("title".into(), json!(title));
    }
    out.insert("measure".into(), json!(policy.meta.title));
    if let Some(v) = &policy.meta.version {
        out.insert("version".into(), json!(v));
    }
    out.insert(
        "indicators".into(),
        Json::Array(j.results.iter().filter_map(|r| result(policy, r)).collect()),
    );
    if !policy.decisions.is_empty() {
        out.insert("decisions".into(), decisions(policy, j));
    }
    if let Some(r) = &j.round {
        out.insert("round".into(), super::round::round(policy, r));
    }
    Json::Object(out)
}

/// The further decisions (`decision 资金支持 { … }` in its article), each with its reasons.
pub fn decisions(policy: &Policy, j: &Judgement) -> Json {
    Json::Array(
        policy
            .decisions
            .iter()
            .zip(&j.decisions)
            .enumerate()
            .map(|(k, (d, v))| {
                json!({
                    "name": d.name,
                    "article": d.article,
                    "verdict": verdict_name(*v),
                    "because": super::decision_reasons(policy, j, k)
                        .into_iter()
                        .map(|r| r.text(policy, crate::i18n::Lang::En))
                        .collect::<Vec<_>>(),
                })
            })
            .collect(),
    )
}

fn result(policy: &Policy, r: &RuleResult) -> Option<Json> {
    let rule = policy.rules.get(r.rule)?;
    let mut o = Map::new();
    o.insert("name".into(), json!(rule.name));
    o.insert("kind".into(), json!(kind_name(rule, r)));
    o.insert("status".into(), json!(r.status.as_str()));
    o.insert("article".into(), json!(rule.article));
    if let Some(g) = &rule.group {
        o.insert("group".into(), json!(g));
    }
    if let Some(n) = rule.nature {
        o.insert(
            "nature".into(),
            json!(match n {
                Nature::Quantitative => "quantitative",
                Nature::Qualitative => "qualitative",
            }),
        );
    }
    if let Some(c) = &rule.criterion {
        o.insert("criterion".into(), json!(c));
    }
    if let Some(e) = r.exception.and_then(|k| rule.exceptions.get(k)) {
        o.insert("exception".into(), json!(e.name));
        o.insert("exception_article".into(), json!(e.article));
    }
    if let Some((b, case)) = super::binding_case(rule, r.binding) {
        o.insert("binding".into(), json!(b.name));
        o.insert("binding_article".into(), json!(b.article));
        o.insert("binding_case".into(), json!(case.text));
        o.insert("binding_effect".into(), json!(case.effect.as_str()));
    }
    if let Some(case) = &r.case {
        o.insert("case".into(), json!(case));
    }
    let single = match r.checks.as_slice() {
        [one] => Some(one),
        _ => None,
    };
    let figure = single
        .and_then(|c| figure_text(policy, c))
        .or_else(|| rule_figure_text(policy, rule, r));
    if let Some(f) = figure {
        o.insert("figure".into(), json!(f));
    }
    if let Some(b) = single.and_then(|c| c.bounds.as_ref().map(|b| (b, c))) {
        o.insert(
            "bounds".into(),
            json!(bounds_text(policy, b.0, b.1.unit_ty.as_ref())),
        );
    }
    if let Some(c) = single {
        if let Some(t) = threshold_text(policy, c) {
            o.insert("threshold".into(), json!(t));
        }
        if let Some(b) = &c.threshold_bounds {
            o.insert(
                "threshold_bounds".into(),
                json!(bounds_text(policy, b, c.unit_ty.as_ref())),
            );
        }
        if let Some(m) = margin_text(policy, c) {
            o.insert("margin".into(), json!(m));
        }
        if c.threshold.is_none() {
            o.insert("test".into(), json!(c.text));
        }
        if let Some(g) = given_text(policy, c) {
            o.insert("given".into(), json!(g));
        }
        let gaps = missing(policy, c);
        if !gaps.is_empty() {
            o.insert("missing".into(), json!(gaps));
        }
    }
    if r.checks.len() > 1 {
        let checks: Vec<Json> = r
            .checks
            .iter()
            .map(|c| {
                let mut m = Map::new();
                m.insert("test".into(), json!(c.text));
                m.insert("status".into(), json!(c.status.as_str()));
                if let Some(f) = figure_text(policy, c) {
                    m.insert("figure".into(), json!(f));
                }
                if let Some(b) = &c.bounds {
                    m.insert(
                        "bounds".into(),
                        json!(bounds_text(policy, b, c.unit_ty.as_ref())),
                    );
                }
                if let Some(t) = threshold_text(policy, c) {
                    m.insert("threshold".into(), json!(t));
                }
                if let Some(b) = &c.threshold_bounds {
                    m.insert(
                        "threshold_bounds".into(),
                        json!(bounds_text(policy, b, c.unit_ty.as_ref())),
                    );
                }
                if let Some(x) = margin_text(policy, c) {
                    m.insert("margin".into(), json!(x));
                }
                if let Some(g) = given_text(policy, c) {
                    m.insert("given".into(), json!(g));
                }
                Json::Object(m)
            })
            .collect();
        o.insert("checks".into(), Json::Array(checks));
    }
    if let Some(t) = trigger_text(policy, rule, r) {
        o.insert("trigger".into(), json!(t));
    }
    if let Some(n) = &r.note {
        o.insert("note".into(), json!(n.en()));
    }
    Some(Json::Object(o))
}
