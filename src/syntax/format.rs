//! The canonical layout of policy files (`jidi fmt`): spacing and indentation are normalised,
//! line breaks and every comment are kept, so version control shows only real changes.
//!
//! Formatting works on tokens, not on the tree, so it never loses a comment and never changes
//! what a file means: only the whitespace between tokens changes.

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
        let len = if rest.starts_with("//") {
            rest.find('\n').unwrap_or(rest.len())
        } else if rest.starts_with("/*") {
            rest.get(2..)
                .and_then(|r| r.find("*/"))
                .map_or(rest.len(), |i| i + 4)
        } else if c == '"' {
            let mut escaped = false;
            rest.char_indices()
                .skip(1)
                .find(|&(_, ch)| {
                    let end = ch == '"' && !escaped;
                    escaped = ch == '\\' && !escaped;
                    end
                })
                .map_or(rest.len(), |(i, _)| i + 1)
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
            t.text,
            "and" | "or" | "not" | "in" | "then" | "else" | "constraint" | "guidance" | "if"
        ),
        _ => false,
    }
}

/// Words that start a line continuing the item above.
fn continues_before(t: &Token<'_>) -> bool {
    t.kind == Kind::Word && matches!(t.text, "when" | "else" | "and" | "or" | "then")
}

/// Formats a policy file in the canonical layout. Idempotent.
pub fn format(text: &str) -> String {
    let tokens = lex(text);
    let mut out = String::new();
    // Indentation of each open bracket's contents.
    let mut stack: Vec<usize> = Vec::new();
    let mut line_indent = 0usize;
    let mut last_code: Option<Token<'_>> = None;
    let mut prev: Option<Token<'_>> = None;
    for tok in &tokens {
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
        out.push_str(tok.text.trim_end());
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
