//! One scanner for text read without a parser: where quoted strings (with `\` escapes) and
//! comments begin and end, so that brackets, operators and keywords are only seen outside them.
//! The depth guard, the formatter, the grammar's keyword table, the REPL's line reader and the
//! record locator all step over strings and comments with it.

use crate::source::Span;

/// What the text being scanned is: which quotes open a string, and whether `//` and `/* */`
/// are comments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialect {
    pub quotes: &'static [char],
    pub comments: bool,
}

/// Policy text: `"…"` strings, `//` and `/* */` comments.
pub const POLICY: Dialect = Dialect {
    quotes: &['"'],
    comments: true,
};

/// Text whose only quoting is `"…"`: JSON, the grammar's literals.
pub const STRINGS: Dialect = Dialect {
    quotes: &['"'],
    comments: false,
};

/// Record values in YAML or TOML: `"…"` or `'…'`.
pub const RECORD: Dialect = Dialect {
    quotes: &['"', '\''],
    comments: false,
};

/// The length in bytes of the string literal that starts `rest` (opened by `rest`'s first
/// character), both quotes included; an unclosed string runs to the end.
pub fn quoted_len(rest: &str) -> usize {
    quoted(rest).0
}

/// [`quoted_len`], and whether the string is closed. A `\\` escapes the character after it. The
/// search goes by byte: no byte of another character is `\\` or the first byte of the quote.
fn quoted(rest: &str) -> (usize, bool) {
    let Some(quote) = rest.chars().next() else {
        return (0, false);
    };
    let mut buf = [0; 4];
    let quote = quote.encode_utf8(&mut buf).as_bytes();
    let (bytes, first) = (rest.as_bytes(), quote.first().copied().unwrap_or(b'"'));
    let mut at = quote.len();
    while let Some(i) = bytes
        .get(at..)
        .and_then(|b| memchr::memchr2(first, b'\\', b))
    {
        let i = at + i;
        let tail = bytes.get(i..).unwrap_or_default();
        if tail.first() == Some(&b'\\') {
            // Past the escaped character's first byte; its other bytes match neither.
            at = i + 2;
        } else if tail.starts_with(quote) {
            return (i + quote.len(), true);
        } else {
            at = i + 1;
        }
    }
    (rest.len(), false)
}

/// The length in bytes of the comment that starts `rest`, if one does: `//` to the end of the
/// line (the line end not included), `/*` through `*/` (an unclosed one to the end).
pub fn comment_len(rest: &str) -> Option<usize> {
    if rest.starts_with("//") {
        Some(rest.find('\n').unwrap_or(rest.len()))
    } else if rest.starts_with("/*") {
        Some(
            rest.get(2..)
                .and_then(|r| r.find("*/"))
                .map_or(rest.len(), |i| i + 4),
        )
    } else {
        None
    }
}

/// One piece of scanned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token {
    /// A character outside strings and comments, at its byte offset.
    Code(usize, char),
    /// A string literal, quotes included; `closed` is false when the text ends inside it.
    Str { span: Span, closed: bool },
    /// A comment.
    Comment(Span),
}

/// The pieces of `text` in order.
pub fn tokens(text: &str, dialect: Dialect) -> Tokens<'_> {
    Tokens {
        text,
        at: 0,
        dialect,
    }
}

/// The iterator [`tokens`] returns.
#[derive(Debug, Clone)]
pub struct Tokens<'a> {
    text: &'a str,
    at: usize,
    dialect: Dialect,
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let rest = self.text.get(self.at..)?;
        let c = rest.chars().next()?;
        let start = self.at;
        if self.dialect.quotes.contains(&c) {
            let (len, closed) = quoted(rest);
            self.at += len;
            return Some(Token::Str {
                span: Span::new(start, self.at),
                closed,
            });
        }
        if self.dialect.comments && c == '/' {
            if let Some(len) = comment_len(rest) {
                self.at += len;
                return Some(Token::Comment(Span::new(start, self.at)));
            }
        }
        self.at += c.len_utf8();
        Some(Token::Code(start, c))
    }
}

/// How many brackets — `(`, `[`, `{` — are open at the end of `text`, outside strings and
/// comments.
pub fn open_brackets(text: &str, dialect: Dialect) -> usize {
    tokens(text, dialect).fold(0usize, |depth, t| match t {
        Token::Code(_, '(' | '[' | '{') => depth + 1,
        Token::Code(_, ')' | ']' | '}') => depth.saturating_sub(1),
        _ => depth,
    })
}

/// Whether byte `at` of `text` lies inside a string literal (after its opening quote).
pub fn in_string(text: &str, at: usize, dialect: Dialect) -> bool {
    tokens(text, dialect).any(|t| match t {
        Token::Str { span, closed } => span.start < at && (at < span.end || !closed),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_end_at_their_unescaped_quote() {
        assert_eq!(quoted_len(r#""a\"b" rest"#), 6);
        assert_eq!(quoted_len(r#""never closed"#), 13);
        assert_eq!(quoted_len("'单引号' x"), "'单引号'".len());
    }

    #[test]
    fn brackets_count_outside_strings_and_comments() {
        assert_eq!(
            open_brackets("where any e in 事件: (e.级别 in {重大", POLICY),
            2
        );
        assert_eq!(open_brackets(r#"calc #1 "(""#, POLICY), 0);
        assert_eq!(open_brackets("a ( // (\n /* ( */ )", POLICY), 0);
        assert_eq!(open_brackets("[1, \"]\"", STRINGS), 1);
    }

    #[test]
    fn a_position_is_in_a_string_or_not() {
        let text = r#"quote "a // b" // c"#;
        assert!(in_string(text, text.find("//").unwrap_or(0), STRINGS));
        assert!(!in_string(text, text.rfind("//").unwrap_or(0), STRINGS));
        assert!(in_string(r#"x "open"#, 5, STRINGS));
    }
}
