//! The canonical layout of policy files (`jidi fmt`): spacing and indentation are normalised,
//! line breaks and every comment are kept, so version control shows only real changes.
//!
//! Formatting works on tokens, not on the tree, so it never loses a comment and never changes
//! what a file means: only the whitespace between tokens changes — and, with
//! [`format_with_keywords`], the language keywords are written in (`jidi fmt --keywords zh|en`).

use super::keywords::{self, KeywordSet};
use std::borrow::Cow;
use std::collections::HashSet;
use unicode_ident::is_xid_continue;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    Text,
    LineComment,
    BlockComment,
    Punct,
}

#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    kind: Kind,
    text: &'a str,
    /// Whitespace (but no newline) stood before it in the source.
    spaced: bool,
    /// The number of line breaks before it in the source.
    breaks: usize,
}

/// Operators that always get one space on each side.
const SPACED: &[&str] = &["=", "==", "!=", ">=", "<=", ">", "<", "=>", "≥", "≤", "≠"];
const TWO_CHAR: &[&str] = &["==", "!=", ">=", "<=", "=>", ".."];

fn lex(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut spaced = false;
    let mut breaks = 0;
    while let Some(c) = rest.chars().next() {
        if c == '\n' {
            breaks += 1;
            spaced = false;
            rest = rest.get(1..).unwrap_or("");
            continue;
        }
        if c.is_whitespace() || c == '\u{feff}' {
            spaced = true;
            rest = rest.get(c.len_utf8()..).unwrap_or("");
            continue;
        }
        let len = if let Some(len) = crate::scan::comment_len(rest) {
            len
        } else if c == '"' {
            crate::scan::quoted_len(rest)
        } else if is_xid_continue(c) || c == '_' {
            rest.char_indices()
                .find(|&(_, ch)| !(is_xid_continue(ch) || ch == '_'))
                .map_or(rest.len(), |(i, _)| i)
        } else if TWO_CHAR.iter().any(|op| rest.starts_with(op)) {
            2
        } else {
            c.len_utf8()
        };
        let (tok, tail) = rest.split_at(len);
        let kind = if tok.starts_with("//") {
            Kind::LineComment
        } else if tok.starts_with("/*") {
            Kind::BlockComment
        } else if tok.starts_with('"') {
            Kind::Text
        } else if is_xid_continue(c) || c == '_' {
            Kind::Word
        } else {
            Kind::Punct
        };
        out.push(Token {
            kind,
            text: tok,
            spaced,
            breaks,
        });
        breaks = 0;
        spaced = false;
        rest = tail;
    }
    out
}

fn is(t: &Token<'_>, p: &str) -> bool {
    t.kind == Kind::Punct && t.text == p
}

/// The separator between two tokens on one line.
fn gap(prev: &Token<'_>, next: &Token<'_>) -> &'static str {
    let spaced_op = |t: &Token<'_>| t.kind == Kind::Punct && SPACED.contains(&t.text);
    if next.kind == Kind::LineComment || next.kind == Kind::BlockComment {
        return "  ";
    }
    if spaced_op(prev) || spaced_op(next) {
        return " ";
    }
    if is(next, ",") || is(next, ";") || is(next, ":") {
        return "";
    }
    if is(prev, ",") || is(prev, ";") || is(prev, ":") {
        return " ";
    }
    if is(prev, "{") && is(next, "}") {
        return "";
    }
    if is(prev, "{") || is(next, "}") || is(next, "{") {
        return " ";
    }
    if is(prev, "(") || is(prev, "[") || is(next, ")") || is(next, "]") {
        return "";
    }
    if next.spaced {
        " "
    } else {
        ""
    }
}

/// Words and marks after which the next line continues the same item.
fn continues_after(t: &Token<'_>) -> bool {
    match t.kind {
        Kind::Punct => matches!(
            t.text,
            "=" | "=>"
                | ":"
                | "+"
                | "-"
                | "*"
                | "/"
                | "=="
                | "!="
                | ">="
                | "<="
                | ">"
                | "<"
                | "≥"
                | "≤"
                | "≠"
        ),
        Kind::Word => matches!(
            keywords::english(t.text),
            "and" | "or" | "not" | "in" | "then" | "else" | "constraint" | "guidance" | "if"
        ),
        _ => false,
    }
}

/// Words that start a line continuing the item above.
fn continues_before(t: &Token<'_>) -> bool {
    t.kind == Kind::Word
        && matches!(
            keywords::english(t.text),
            "when" | "else" | "and" | "or" | "then" | "passes" | "at" | "where"
        )
}

/// A word token written with the keywords of `set`: a keyword in the other language becomes its
/// counterpart (a built-in function's name when `(` follows at once), a number run into a keyword
/// (`3年`) keeps its number; names, strings and comments are never touched.
fn keyword_in<'a>(tok: &Token<'a>, next: Option<&Token<'_>>, set: KeywordSet) -> Cow<'a, str> {
    if tok.kind != Kind::Word {
        return Cow::Borrowed(tok.text);
    }
    let call = next.is_some_and(|n| is(n, "(") && !n.spaced && n.breaks == 0);
    let digits = tok
        .text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(tok.text.len());
    let (number, word) = tok.text.split_at(digits);
    let found = if call && number.is_empty() {
        keywords::lookup_builtin(word).or_else(|| keywords::lookup(word))
    } else {
        keywords::lookup(word)
    };
    match found {
        Some(k) if k.form(set) != word => Cow::Owned(format!("{number}{}", k.form(set))),
        _ => Cow::Borrowed(tok.text),
    }
}

/// Where `text` writes names: the start of every name the parser reads (a keyword of the
/// `contextual` kind is a name there, and is not converted). Empty when the text does not parse,
/// so every keyword-like word is then converted.
fn name_starts(text: &str) -> HashSet<usize> {
    use pest::Parser;
    if super::check_nesting(text).is_err() {
        return HashSet::new();
    }
    crate::stack::on_big_stack(|| {
        let mut out = HashSet::new();
        if let Ok(pairs) = super::JidiParser::parse(super::Rule::policy, text) {
            for p in pairs.flatten() {
                if p.as_rule() == super::Rule::ident {
                    out.insert(p.as_span().start());
                }
            }
        }
        out
    })
}

/// The byte offset of a token in the text it was lexed from.
fn offset(text: &str, tok: &Token<'_>) -> usize {
    (tok.text.as_ptr() as usize).saturating_sub(text.as_ptr() as usize)
}

/// Writes every keyword of `text` in the language of `set`, leaving everything else — layout,
/// names, strings and comments — exactly as it is.
pub fn convert_keywords(text: &str, set: KeywordSet) -> String {
    let tokens = lex(text);
    let names = name_starts(text);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (i, tok) in tokens.iter().enumerate() {
        let start = offset(text, tok);
        out.push_str(text.get(at..start).unwrap_or(""));
        if names.contains(&start) {
            out.push_str(tok.text);
        } else {
            out.push_str(&keyword_in(tok, tokens.get(i + 1), set));
        }
        at = start + tok.text.len();
    }
    out.push_str(text.get(at..).unwrap_or(""));
    out
}

/// A piece of policy text on one line, as reports and `jidi diff` show a rule: comments dropped,
/// every run of whitespace (line breaks included) one space. Strings are kept as written.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for tok in lex(text) {
        if matches!(tok.kind, Kind::LineComment | Kind::BlockComment) {
            gap = true;
            continue;
        }
        if !out.is_empty() && (gap || tok.spaced || tok.breaks > 0) {
            out.push(' ');
        }
        out.push_str(tok.text);
        gap = false;
    }
    out
}

/// Formats a policy file in the canonical layout. Idempotent.
pub fn format(text: &str) -> String {
    format_with_keywords(text, None)
}

/// Formats a policy file in the canonical layout and, given a keyword set, writes every keyword
/// in that language. Converting to one set and back gives the file again.
pub fn format_with_keywords(text: &str, keywords: Option<KeywordSet>) -> String {
    let tokens = lex(text);
    let names = if keywords.is_some() {
        name_starts(text)
    } else {
        HashSet::new()
    };
    let mut out = String::new();
    // Indentation of each open bracket's contents.
    let mut stack: Vec<usize> = Vec::new();
    let mut line_indent = 0usize;
    let mut last_code: Option<Token<'_>> = None;
    let mut prev: Option<Token<'_>> = None;
    for (i, tok) in tokens.iter().enumerate() {
        let new_line = prev.is_none() || tok.breaks > 0;
        if new_line {
            if prev.is_some() {
                out.push('\n');
                if tok.breaks > 1 {
                    out.push('\n');
                }
            }
            let base = stack.last().copied().unwrap_or(0);
            let closing = tok.kind == Kind::Punct && matches!(tok.text, "}" | ")" | "]");
            let continued = !closing
                && (continues_before(tok) || last_code.is_some_and(|t| continues_after(&t)));
            line_indent = if closing {
                // A closer lines up with the line that opened it.
                base.saturating_sub(2)
            } else if continued {
                base + 2
            } else {
                base
            };
            out.push_str(&" ".repeat(line_indent));
        } else if let Some(p) = &prev {
            out.push_str(gap(p, tok));
        }
        match keywords {
            Some(set) if !names.contains(&offset(text, tok)) => {
                out.push_str(keyword_in(tok, tokens.get(i + 1), set).trim_end())
            }
            _ => out.push_str(tok.text.trim_end()),
        }
        if tok.kind == Kind::Punct {
            match tok.text {
                "{" | "(" | "[" => stack.push(line_indent + 2),
                "}" | ")" | "]" => {
                    stack.pop();
                }
                _ => {}
            }
        }
        if !matches!(tok.kind, Kind::LineComment | Kind::BlockComment) {
            last_code = Some(*tok);
        }
        prev = Some(*tok);
    }
    out.push('\n');
    out
}
