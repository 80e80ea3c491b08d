//! Every entry of the catalogue rendered in both languages: each template has its Chinese, uses
//! exactly the holes it declares, and leaves no English words in the Chinese.

use super::*;
use crate::diag::text::{Arg, Text};
use crate::i18n::Lang;

/// English words that may stand in Chinese text: names of formats, tools and the language's own
/// words when they are not quoted (`help`, `let` and the like are quoted in the templates).
const ALLOWED: &[&str] = &[
    "jidi",
    "JSON",
    "NDJSON",
    "TOML",
    "YAML",
    "CSV",
    "UTF",
    "GBK",
    "Debian",
    "KiB",
    "MiB",
    "Tab",
    "xlsx",
    "ods",
    "csv",
    "YYYY",
    "MM",
    "DD",
    "JIDI_Z3",
    "z3",
    "let",
    "decision",
    "lifecycle",
    "condition",
    "veto",
    "constraint",
    "guidance",
    "eligible",
    "not_eligible",
    "undetermined",
    "bool",
    "date",
    "text",
    "number",
    "name",
    "tier",
    "input",
    // The REPL's own keywords, typed as they stand in a command's usage.
    "all",
    "case",
    "else",
    "check",
    "from",
    "to",
    "step",
    "count",
    "within",
];

/// `text` without what may stay as written: `code spans`, "quoted text" and holes.
fn prose(text: &str, holes: &[&str]) -> String {
    let mut out = String::new();
    let mut quoted: Option<char> = None;
    for c in text.chars() {
        match (quoted, c) {
            (None, '`' | '"') => quoted = Some(c),
            (Some(q), c) if c == q => quoted = None,
            (None, c) => out.push(c),
            _ => {}
        }
    }
    for h in holes {
        out = out.replace(&format!("{{{h}}}"), " ");
    }
    out
}

fn english_words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| w.chars().filter(char::is_ascii_alphabetic).count() >= 2)
        .filter(|w| !ALLOWED.contains(w))
        .map(str::to_string)
        .collect()
}

/// The `{name}` holes a text writes, of names that look like holes.
fn written_holes(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        if let Some(close) = after.find('}') {
            let name = &after[..close];
            if !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                out.push(name.to_string());
            }
        }
        rest = after;
    }
    out
}

#[test]
fn every_entry_renders_in_both_languages() {
    let mut problems = Vec::new();
    let mut count = 0;
    for entry in entries() {
        for (name, t) in entry.templates {
            count += 1;
            let at = format!("{}::{name}", entry.module);
            if t.zh.trim().is_empty() != t.en.trim().is_empty() {
                problems.push(format!("{at}: no Chinese"));
            }
            for lang in [Lang::En, Lang::Zh] {
                let text = t.in_lang(lang);
                let mut holes = written_holes(text);
                holes.sort();
                holes.dedup();
                let mut declared: Vec<String> = t.holes.iter().map(|h| h.to_string()).collect();
                declared.sort();
                if holes != declared {
                    problems.push(format!(
                        "{at} ({lang:?}): holes {holes:?}, declared {declared:?}"
                    ));
                }
                let args = t
                    .holes
                    .iter()
                    .map(|h| Arg::Plain(format!("<{h}>")))
                    .collect();
                let shown = Text::new(t, args).render(lang);
                for h in t.holes {
                    if !shown.contains(&format!("<{h}>")) {
                        problems.push(format!("{at} ({lang:?}): hole {h} not filled"));
                    }
                }
            }
            let words = english_words(&prose(t.zh, t.holes));
            if !words.is_empty() {
                problems.push(format!("{at}: English in the Chinese: {words:?}"));
            }
        }
    }
    assert!(count > 400, "{count} templates");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn codes_are_stable_and_named_once_per_entry() {
    let mut codes = Vec::new();
    for entry in entries() {
        if let Some(code) = entry.code {
            assert!(code.id.starts_with("jidi::"), "{}", code.id);
            codes.push((code.id, entry.module));
        }
    }
    assert!(entry("jidi::undefined_name").is_some());
    assert!(codes.len() > 100, "{}", codes.len());
}

#[test]
fn a_diagnostic_is_put_into_words_where_it_is_shown() {
    let d = undefined_name::unknown_name("营业收入")
        .label(
            crate::source::Span::new(0, 1),
            undefined_name::not_declared(),
        )
        .help(common::did_you_mean("营业总收入"));
    let en = d.shown(Lang::En);
    let zh = d.shown(Lang::Zh);
    assert_eq!(en.message, "unknown name `营业收入`");
    assert_eq!(zh.message, "未知名称 `营业收入`");
    assert_eq!(zh.labels[0].1, "未声明");
    assert_eq!(zh.help.as_deref(), Some("是否想写 `营业总收入`？"));
    assert_eq!(d.code, "jidi::undefined_name");
}

#[test]
fn lists_and_alternatives_join_in_each_language() {
    let t = undefined_tier::tiers_are(Arg::list(["示范基地", "培育基地"]));
    assert_eq!(t.render(Lang::En), "the tiers are: 示范基地, 培育基地");
    assert_eq!(t.render(Lang::Zh), "类别有：示范基地、培育基地");
    let e = syntax::expected(Arg::either(["`;`", "`}`", "a name"]));
    assert_eq!(e.message.render(Lang::En), "expected `;`, `}` or a name");
    assert_eq!(e.message.render(Lang::Zh), "此处应为 `;`、`}` 或 a name");
}
