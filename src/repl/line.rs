//! Reading a command line: words with their spans (quoted names kept whole), the `=` that
//! separates a target from its value, and whether brackets are still open.

use crate::scan::{tokens, Token, POLICY, STRINGS};
use crate::source::Span;

/// One word of a command line. A quoted word (`"运行年均 PUE"`) loses its quotes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub span: Span,
    pub quoted: bool,
}

/// Splits a line into words at whitespace; `"…"` is one word (with `\"` for a quote).
pub fn words(line: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut chars = line.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        if c == '"' {
            chars.next();
            let mut text = String::new();
            let mut end = line.len();
            let mut escaped = false;
            for (i, ch) in chars.by_ref() {
                if escaped {
                    text.push(ch);
                    escaped = false;
                } else if ch == '\\' {
                    escaped = true;
                } else if ch == '"' {
                    end = i + 1;
                    break;
                } else {
                    text.push(ch);
                }
            }
            out.push(Word {
                text,
                span: Span::new(start, end),
                quoted: true,
            });
            continue;
        }
        let mut end = line.len();
        while let Some(&(i, ch)) = chars.peek() {
            if ch.is_whitespace() {
                end = i;
                break;
            }
            chars.next();
        }
        out.push(Word {
            text: line.get(start..end).unwrap_or("").to_string(),
            span: Span::new(start, end),
            quoted: false,
        });
    }
    out
}

/// The byte offset of the first `=` that assigns: outside quotes, and not part of `==`, `>=`,
/// `<=`, `!=` or `=>`.
pub fn assignment(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    tokens(line, STRINGS).find_map(|t| match t {
        Token::Code(i, '=') => {
            let before = i.checked_sub(1).and_then(|j| bytes.get(j)).copied();
            let after = bytes.get(i + 1).copied();
            let joined = matches!(before, Some(b'=' | b'>' | b'<' | b'!'))
                || matches!(after, Some(b'=' | b'>'));
            (!joined).then_some(i)
        }
        _ => None,
    })
}

/// How many brackets are open at the end of the text (outside strings and comments).
pub fn open_brackets(text: &str) -> usize {
    crate::scan::open_brackets(text, POLICY)
}

/// A name as a command line writes it: quoted when it is not one word of identifier characters.
pub fn quote_if_needed(name: &str) -> String {
    let plain = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '%')
        && !name.starts_with(|c: char| c.is_ascii_digit());
    if plain {
        name.to_string()
    } else {
        format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_names_are_one_word() {
        let w = words(r#"show "运行年均 PUE" 示范基地"#);
        let texts: Vec<&str> = w.iter().map(|x| x.text.as_str()).collect();
        assert_eq!(texts, vec!["show", "运行年均 PUE", "示范基地"]);
        assert!(w[1].quoted);
    }

    #[test]
    fn assignment_skips_comparisons() {
        assert_eq!(assignment("threshold a >= b = 5"), Some(17));
        assert_eq!(assignment("where a == b"), None);
        assert_eq!(assignment(r#"figure x "a=b" = 1"#), Some(15));
    }

    #[test]
    fn brackets_are_counted_outside_strings() {
        assert_eq!(open_brackets("where any e in 事件: (e.级别 in {重大"), 2);
        assert_eq!(open_brackets(r#"calc #1 "(""#), 0);
        assert_eq!(open_brackets("calc #1 (1 + 2)"), 0);
    }
}
