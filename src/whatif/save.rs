//! Saving a what-if as a draft revision: the policy text edited where each overridden threshold
//! or derived value is written, then checked again like any policy file.

use super::target::{all_comparisons, comparison, CheckLoc};
use super::{judge_all, Session, Target};
use crate::check::{self, Checked, Policy, Type};
use crate::diag::catalogue::repl_save;
use crate::diag::text::{Arg, Text};
use crate::diag::Diagnostic;
use crate::source::{Source, Span};
use crate::syntax::ast::Duration;
use crate::units::Unit;
use crate::value::{Record, Value};
use std::collections::HashMap;

/// A saved what-if: the new policy text and the result of checking it.
#[derive(Debug, Clone)]
pub struct Draft {
    pub text: String,
    pub checked: Checked,
    /// How many places of the policy text were edited.
    pub edits: usize,
    /// Park figure overrides, which belong to records, not to the policy, and are not saved.
    pub unsaved: usize,
    /// Parks whose verdict under the saved policy differs from the session's (should be none).
    pub disagreements: Vec<usize>,
}

/// A unit as the language writes it after a number: `万元/公顷`, `吨标准煤/万元`.
fn unit_literal(policy: &Policy, unit: &Unit) -> Option<String> {
    let name = |id: u16| {
        policy
            .units
            .defs
            .get(usize::from(id))
            .map(|d| d.name.clone())
    };
    let mut num = Vec::new();
    let mut den = Vec::new();
    for &(id, e) in &unit.terms {
        let n = name(id)?;
        for _ in 0..e.unsigned_abs() {
            if e > 0 {
                num.push(n.clone());
            } else {
                den.push(n.clone());
            }
        }
    }
    if num.is_empty() && !den.is_empty() {
        return None;
    }
    let mut out = num.join("*");
    for d in den {
        out.push('/');
        out.push_str(&d);
    }
    Some(out)
}

/// A value written as policy text, with its unit: `3500 万元/公顷`, `true`, `2025-01-01`,
/// `"4A"`, `{ 国家, 省 }`. `None` for values the language cannot write as a literal.
pub fn literal(policy: &Policy, value: &Value, ty: &Type) -> Option<String> {
    Some(match (value, ty) {
        (Value::Num(n), Type::Num(u)) => {
            let n = n.normalize();
            let unit = unit_literal(policy, u)?;
            if unit.is_empty() {
                n.to_string()
            } else {
                format!("{n} {unit}")
            }
        }
        (Value::Num(n), _) => n.normalize().to_string(),
        (Value::Bool(b), _) => b.to_string(),
        (Value::Date(d), _) => d.format("%Y-%m-%d").to_string(),
        (Value::Text(t), _) => format!("\"{}\"", t.replace('\\', "\\\\").replace('"', "\\\"")),
        (Value::Enum(i), Type::Tier) => policy.tiers.get(*i as usize)?.name.clone(),
        (Value::Enum(i), Type::Enum(e)) => policy
            .enums
            .get(*e as usize)?
            .values
            .get(*i as usize)?
            .clone(),
        (Value::None, _) => "none".into(),
        (Value::Duration(d), _) => match d {
            Duration::Years(n) => format!("{n} years"),
            Duration::Months(n) => format!("{n} months"),
            Duration::Days(n) => format!("{n} days"),
        },
        (Value::List(items), Type::List(t)) => {
            let parts: Option<Vec<String>> = items.iter().map(|v| literal(policy, v, t)).collect();
            format!("{{ {} }}", parts?.join(", "))
        }
        _ => return None,
    })
}

fn save_error(message: Diagnostic, help: Text) -> Diagnostic {
    message.help(help)
}

impl Session {
    /// The policy text with the session's threshold and `let` overrides written in, checked again.
    /// `name` is the file name diagnostics will show.
    pub fn save(&self, name: &str) -> Result<Draft, Vec<Diagnostic>> {
        let base = self.base();
        let text = base.source.text();
        // The last override of each place wins.
        let mut thresholds: HashMap<CheckLoc, usize> = HashMap::new();
        let mut lets: HashMap<usize, usize> = HashMap::new();
        let mut unsaved = 0;
        for (i, o) in self.overrides().iter().enumerate() {
            match &o.target {
                Target::Threshold(t) => {
                    for loc in &t.locs {
                        thresholds.insert(*loc, i);
                    }
                }
                Target::Let(l) => {
                    lets.insert(*l, i);
                }
                Target::Figure { .. } => unsaved += 1,
            }
        }
        let mut edits: Vec<(Span, usize)> = Vec::new();
        let mut errors = Vec::new();
        // A threshold written once may serve several tiers (`all constraint >= 50 %`): it can
        // only be rewritten if every tier it serves has the same override.
        let mut by_span: HashMap<Span, Vec<(CheckLoc, Option<usize>)>> = HashMap::new();
        for (loc, cmp) in all_comparisons(base) {
            by_span
                .entry(cmp.threshold_span)
                .or_default()
                .push((loc, thresholds.get(&loc).copied()));
        }
        let mut spans: Vec<&Span> = by_span.keys().collect();
        spans.sort_by_key(|s| s.start);
        for span in spans {
            let Some(users) = by_span.get(span) else {
                continue;
            };
            let set: Vec<Option<usize>> = users.iter().map(|(_, o)| *o).collect();
            if set.iter().all(Option::is_none) {
                continue;
            }
            let texts: Vec<Option<&str>> = set
                .iter()
                .map(|o| {
                    o.and_then(|i| self.overrides().get(i))
                        .map(|x| x.text.as_str())
                })
                .collect();
            let first = texts.first().copied().flatten();
            if texts.iter().any(|t| *t != first) {
                let tiers: Vec<String> = users
                    .iter()
                    .filter_map(|(l, _)| base.tiers.get(l.tier).map(|t| t.name.clone()))
                    .collect();
                let rule = users
                    .first()
                    .and_then(|(l, _)| base.rules.get(l.rule))
                    .map_or("?", |r| r.name.as_str());
                let (line, _) = base.source.line_col(span.start);
                errors.push(save_error(
                    repl_save::written_once(rule, line, Arg::list(&tiers)),
                    repl_save::override_all(rule),
                ));
                continue;
            }
            if let Some(Some(i)) = set.first() {
                edits.push((*span, *i));
            }
        }
        let mut let_edits: Vec<(usize, usize)> = lets.into_iter().collect();
        let_edits.sort_unstable();
        for (l, i) in let_edits {
            if let Some(def) = base.lets.get(l) {
                edits.push((def.value_span, i));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        edits.sort_by_key(|(s, _)| std::cmp::Reverse(s.start));
        let mut out = text.to_string();
        let mut previous_start = usize::MAX;
        for (span, i) in &edits {
            let Some(o) = self.overrides().get(*i) else {
                continue;
            };
            let Some(old) = text.get(span.start..span.end) else {
                continue;
            };
            if span.end > previous_start {
                return Err(vec![save_error(
                    repl_save::overlapping(),
                    repl_save::undo_one(),
                )]);
            }
            previous_start = span.start;
            let old = old.split_whitespace().collect::<Vec<_>>().join(" ");
            let replacement = if old.contains("*/") {
                o.text.clone()
            } else {
                format!("{} /* what-if: was {old} */", o.text)
            };
            out.replace_range(span.start..span.end, &replacement);
        }
        let header = self.header(base);
        let at = if out.starts_with('\u{feff}') { 3 } else { 0 };
        out.insert_str(at, &header);
        let checked = check::check(&Source::new(name, out.clone()));
        if checked.has_errors() {
            return Err(checked.errors().cloned().collect());
        }
        let disagreements = match &checked.policy {
            Some(saved) => {
                let records: Vec<&Record> = self.parks().iter().map(|p| &p.record).collect();
                let now = judge_all(self.policy(), &records);
                let then = judge_all(saved, &records);
                now.iter()
                    .zip(&then)
                    .enumerate()
                    .filter(|(_, (a, b))| a.verdict != b.verdict)
                    .map(|(i, _)| i)
                    .collect()
            }
            None => Vec::new(),
        };
        Ok(Draft {
            text: out,
            checked,
            edits: edits.len(),
            unsaved,
            disagreements,
        })
    }

    /// A comment naming the what-if the draft comes from.
    fn header(&self, base: &Policy) -> String {
        let mut h = format!(
            "// What-if draft of {}, saved by `jidi repl`:\n",
            base.source.name()
        );
        for o in self.overrides() {
            let what = match &o.target {
                Target::Threshold(t) => {
                    let op = t
                        .locs
                        .first()
                        .and_then(|l| comparison(base, *l))
                        .map_or("", |c| c.op.symbol());
                    format!("{} {op} {} → {}", t.describe(base), o.was, o.shown)
                }
                Target::Let(l) => format!(
                    "let {} = {} → {}",
                    base.lets.get(*l).map_or("?", |d| d.name.as_str()),
                    o.was,
                    o.shown
                ),
                Target::Figure { .. } => continue,
            };
            h.push_str(&format!("//   {what}\n"));
        }
        h
    }
}
