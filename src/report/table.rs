//! Terminal tables for people: the verdict per park and the rules that decided it.

use super::{kind_word, Summary};
use crate::check::ir::Policy;
use crate::diag::catalogue::{round_words, status_words, table_words};
use crate::diag::Diagnostic;
use crate::escape::terminal;
use crate::eval::{Judgement, Status};
use crate::i18n::Lang;
use crate::syntax::ast::{RuleClass, Verdict};
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

fn paint(text: &str, code: &str, colour: bool) -> String {
    if colour {
        format!("\u{1b}[{code}m{text}\u{1b}[0m")
    } else {
        text.to_string()
    }
}

/// Pads `text`, whose display width is `width` (colour codes take none), to `to` columns.
fn pad(text: &str, width: usize, to: usize) -> String {
    format!("{text}{}", " ".repeat(to.saturating_sub(width)))
}

fn verdict_mark(v: Verdict, colour: bool, lang: Lang) -> String {
    let (mark, code) = match v {
        Verdict::Eligible => ("✔", "32"),
        Verdict::NotEligible => ("✘", "31"),
        Verdict::Undetermined => ("?", "33"),
    };
    let text = format!("{mark} {}", v.word(lang));
    let width = UnicodeWidthStr::width(text.as_str());
    pad(&paint(&text, code, colour), width, 14)
}

fn status_colour(s: Status) -> &'static str {
    match s {
        Status::Pass => "32",
        Status::Fail => "31",
        Status::Unknown => "33",
        Status::NotApplicable => "2",
    }
}

fn status_mark(s: Status, colour: bool, lang: Lang) -> String {
    let code = status_colour(s);
    let text = s.column_word(lang);
    pad(&paint(text, code, colour), UnicodeWidthStr::width(text), 8)
}

/// A judgement: the verdict line, then the rules worth reading (all of them with `explain`).
pub fn judgement(
    policy: &Policy,
    j: &Judgement,
    place: &str,
    explain: bool,
    colour: bool,
    lang: Lang,
) -> String {
    let mut out = String::new();
    let tier = j
        .tier
        .and_then(|t| policy.tiers.get(t))
        .map_or("?", |t| t.name.as_str());
    let name = terminal(j.name.as_deref().unwrap_or(table_words::unnamed(lang)));
    let _ = writeln!(
        out,
        "{}  {name}  [{}]  {}",
        verdict_mark(j.verdict, colour, lang),
        terminal(tier),
        paint(&terminal(place), "2", colour)
    );
    if let Some(title) = &j.title {
        let _ = writeln!(out, "    称号: {}", terminal(title));
    }
    for (k, (d, v)) in policy.decisions.iter().zip(&j.decisions).enumerate() {
        let reasons: Vec<String> = super::decision_reasons(policy, j, k)
            .into_iter()
            .map(|r| r.text(policy, lang))
            .collect();
        let because = if reasons.is_empty() {
            String::new()
        } else {
            format!(" — {}", reasons.join("; "))
        };
        let _ = writeln!(
            out,
            "    {} {} ({}): {}{because}",
            table_words::decision(lang),
            d.name.as_deref().unwrap_or(""),
            d.article.as_deref().unwrap_or(""),
            verdict_mark(*v, colour, lang).trim_end()
        );
    }
    if let Some(round) = &j.round {
        let word = round_words::round().render(lang);
        for line in super::round::lines(policy, round, explain, lang) {
            let _ = writeln!(out, "    {word} {}", terminal(&line));
        }
    }
    for r in &j.results {
        let Some(rule) = policy.rules.get(r.rule) else {
            continue;
        };
        let blocking = !matches!(policy.class_of(r), Some(RuleClass::Guidance));
        let show = explain || r.status == Status::Fail || (r.status == Status::Unknown && blocking);
        if !show {
            continue;
        }
        let _ = writeln!(
            out,
            "    {} {} {} {}  {}",
            status_mark(r.status, colour, lang),
            pad(
                kind_word(rule, r, lang),
                UnicodeWidthStr::width(kind_word(rule, r, lang)),
                10
            ),
            pad(
                &rule.article,
                UnicodeWidthStr::width(rule.article.as_str()),
                14
            ),
            rule.name,
            terminal(&super::explain(policy, r, lang))
        );
    }
    if explain {
        out.push('\n');
    }
    out
}

/// A record that could not be read: a verdict line, then its errors (drawn in full on stderr).
pub fn rejected(
    name: Option<&str>,
    place: &str,
    diagnostics: &[Diagnostic],
    colour: bool,
    lang: Lang,
) -> String {
    let mut out = String::new();
    let text = format!("⊘ {}", status_words::rejected(lang));
    let width = UnicodeWidthStr::width(text.as_str());
    let _ = writeln!(
        out,
        "{}  {}  {}",
        pad(&paint(&text, "35", colour), width, 14),
        terminal(name.unwrap_or(table_words::unnamed(lang))),
        paint(&terminal(place), "2", colour)
    );
    for d in diagnostics.iter().filter(|d| d.is_error()) {
        let _ = writeln!(out, "    {}  {}", d.code, terminal(&d.message.render(lang)));
    }
    out
}

/// The batch summary: verdicts per tier and the blocking rules that fail most often.
pub fn summary(policy: &Policy, s: &Summary, colour: bool, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "\n{} {}", s.records, table_words::records(lang));
    for (tier, counts) in &s.by_tier {
        let cells: Vec<String> = [
            Verdict::Eligible,
            Verdict::NotEligible,
            Verdict::Undetermined,
        ]
        .into_iter()
        .map(|v| {
            let n = counts.get(super::verdict_name(v)).copied().unwrap_or(0);
            format!("{} {n}", v.word(lang))
        })
        .collect();
        let _ = writeln!(out, "  {tier}: {}", cells.join(", "));
    }
    if let Some(r) = s.round {
        let line = crate::diag::catalogue::round_words::summary_line(r.made_cut, r.cut, r.open);
        let _ = writeln!(out, "  {}", line.render(lang));
    }
    if s.rejected > 0 {
        let _ = writeln!(out, "  {}: {}", status_words::rejected(lang), s.rejected);
    }
    let fails = s.most_frequent_failures();
    if !fails.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            paint(table_words::most_frequent_failures(lang), "1", colour)
        );
        for (rule, n) in fails.iter().take(5) {
            if let Some(r) = policy.rules.get(*rule) {
                let _ = writeln!(out, "  {n} × {} {}", r.article, r.name);
            }
        }
    }
    out
}
