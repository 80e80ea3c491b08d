//! Full-width marks typed with a Chinese input method (`＞＝`, `；`, `（）`, `：`, `，`, `“…”` …)
//! outside strings and comments: where each can only mean its half-width mark, the parser reads
//! it as that mark and a warning names the replacement; `jidi fmt` writes the half-width mark.
//! Marks that could mean more than one thing (`、`, `。`, `．`, a `“` without its `”`) are left
//! alone, and a syntax error at one names the fix. Inside quoted text every mark is text.

use crate::diag::catalogue::{full_width, syntax};
use crate::diag::Diagnostic;
use crate::scan::{self, Token};
use crate::source::Span;
use std::borrow::Cow;

/// A run of full-width marks outside strings and comments, and the half-width text it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub span: Span,
    pub ascii: String,
}

/// The half-width mark a full-width one can only mean: the full-width forms of the operators and
/// punctuation the language uses (U+FF01–U+FF5E are ASCII shifted by 0xFEE0).
fn unambiguous(c: char) -> Option<char> {
    match c {
        '＞' | '＜' | '＝' | '；' | '（' | '）' | '：' | '，' | '！' | '＋' | '－' | '＊'
        | '／' | '％' | '［' | '］' | '｛' | '｝' => char::from_u32(u32::from(c) - 0xFEE0),
        _ => None,
    }
}

/// The half-width mark a full-width or IME mark most likely stands for, for the help of a syntax
/// error at it; `None` for other characters.
pub fn likely(c: char) -> Option<char> {
    unambiguous(c).or(match c {
        '“' | '”' | '＂' => Some('"'),
        '、' => Some(','),
        '。' => Some(';'),
        '．' => Some('.'),
        '【' => Some('['),
        '】' => Some(']'),
        _ => None,
    })
}

/// Where `“` at `at` closes: the offset of its `”`, when one follows before any other quote.
fn closing_quote(text: &str, at: usize) -> Option<usize> {
    let rest = text.get(at + '“'.len_utf8()..)?;
    let (i, c) = rest
        .char_indices()
        .find(|&(_, c)| matches!(c, '“' | '”' | '"' | '\\'))?;
    (c == '”').then_some(at + '“'.len_utf8() + i)
}

/// The characters outside strings and comments that may be full-width marks, with their offsets:
/// those whose first byte is 0xEF or 0xE2, as [`scan::tokens`] would give them. Only those
/// bytes, quotes and slashes are looked at; nothing else can begin a string, a comment or a mark.
fn code_marks(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || loop {
        let i = at
            + bytes
                .get(at..)?
                .iter()
                .position(|b| matches!(b, b'"' | b'/' | 0xE2 | 0xEF))?;
        let rest = text.get(i..)?;
        match scan::tokens(rest, scan::POLICY).next()? {
            Token::Code(_, c) => {
                at = i + c.len_utf8();
                if c != '/' {
                    return Some((i, c));
                }
            }
            Token::Str { span, .. } | Token::Comment(span) => at = i + span.end,
        }
    })
}

/// The full-width marks of policy text outside strings and comments that can only mean one
/// half-width mark, in order; adjacent marks (`＞＝`) are one run. A `“…”` pair counts when
/// nothing between its marks could be read as another quote or an escape.
pub fn marks(text: &str) -> Vec<Mark> {
    // Most files hold none: full-width forms start with 0xEF, `“` and `”` with 0xE2 0x80.
    if !text.bytes().any(|b| b == 0xEF || b == 0xE2) {
        return Vec::new();
    }
    let mut out: Vec<Mark> = Vec::new();
    let mut close_at: Option<usize> = None;
    let mut unpaired = false;
    for (at, c) in code_marks(text) {
        let ascii = if close_at == Some(at) {
            close_at = None;
            '"'
        } else if c == '“' && close_at.is_none() {
            // After a `“` that does not close, no later one can be paired with confidence.
            match closing_quote(text, at).filter(|_| !unpaired) {
                Some(end) => {
                    close_at = Some(end);
                    '"'
                }
                None => {
                    unpaired = true;
                    continue;
                }
            }
        } else if let Some(a) = unambiguous(c).filter(|_| close_at.is_none()) {
            a
        } else {
            continue;
        };
        let end = at + c.len_utf8();
        match out.last_mut() {
            // A run joins marks that touch, but never a quote to anything.
            Some(m) if m.span.end == at && ascii != '"' && !m.ascii.contains('"') => {
                m.span = Span::new(m.span.start, end);
                m.ascii.push(ascii);
            }
            _ => out.push(Mark {
                span: Span::new(at, end),
                ascii: ascii.to_string(),
            }),
        }
    }
    out
}

/// The text the parser reads: every mark of [`marks`] replaced by its half-width text padded
/// with spaces to the same length, so every offset still points into the file as written. The
/// padding goes after an opening mark (`（` before a call's arguments, `“` before the text) or a
/// mark that completes a half-width operator (`>＝`), and before any other, so no mark is parted
/// from the word or mark it belongs to.
pub fn for_parser(text: &str) -> Cow<'_, str> {
    let marks = marks(text);
    if marks.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for m in &marks {
        out.push_str(text.get(at..m.span.start).unwrap_or(""));
        let pad = " ".repeat((m.span.end - m.span.start).saturating_sub(m.ascii.len()));
        let opens = text
            .get(m.span.start..m.span.end)
            .and_then(|s| s.chars().last())
            .is_some_and(|c| matches!(c, '“' | '（' | '［' | '｛'));
        let joins_operator = text
            .get(..m.span.start)
            .and_then(|s| s.chars().last())
            .is_some_and(|c| matches!(c, '<' | '>' | '=' | '!'));
        if opens || joins_operator {
            out.push_str(&m.ascii);
            out.push_str(&pad);
        } else {
            out.push_str(&pad);
            out.push_str(&m.ascii);
        }
        at = m.span.end;
    }
    out.push_str(text.get(at..).unwrap_or(""));
    Cow::Owned(out)
}

/// The text `jidi fmt` writes: every mark of [`marks`] replaced by its half-width text.
pub fn to_ascii(text: &str) -> Cow<'_, str> {
    let marks = marks(text);
    if marks.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for m in &marks {
        out.push_str(text.get(at..m.span.start).unwrap_or(""));
        out.push_str(&m.ascii);
        at = m.span.end;
    }
    out.push_str(text.get(at..).unwrap_or(""));
    Cow::Owned(out)
}

/// One warning per run of full-width marks the parser read as half-width ones, with the
/// replacement.
pub fn warnings(text: &str) -> Vec<Diagnostic> {
    marks(text)
        .into_iter()
        .map(|m| {
            let written = text.get(m.span.start..m.span.end).unwrap_or("");
            full_width::typed(written)
                .label(m.span, syntax::full_width_here())
                .help(syntax::write_ascii(m.ascii))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_and_punctuation_become_half_width() {
        let text = "input 营业收入：亿元\nlet 比 = min（营业收入，1 亿元）＞＝ 2 亿元；";
        assert_eq!(
            to_ascii(text),
            "input 营业收入:亿元\nlet 比 = min(营业收入,1 亿元)>= 2 亿元;"
        );
        let parsed = for_parser(text);
        assert_eq!(parsed.len(), text.len());
        assert!(parsed.contains("min(  营业收入"), "{parsed}");
        assert!(parsed.contains("      )>= 2"), "{parsed}");
        let runs: Vec<String> = marks(text).into_iter().map(|m| m.ascii).collect();
        assert_eq!(runs, [":", "(", ",", ")>=", ";"]);
        assert_eq!(for_parser("a >＝ 1 ＝> b"), "a >=   1   => b");
    }

    #[test]
    fn quoted_text_and_comments_are_never_touched() {
        let text = "quote \"≥200亿元（示范）；“原文”\" // 注：（略）\n/* ＞＝ */";
        assert!(marks(text).is_empty());
        assert_eq!(to_ascii(text), text);
    }

    #[test]
    fn chinese_quotes_pair_only_when_unambiguous() {
        assert_eq!(to_ascii("quote “第三条”"), "quote \"第三条\"");
        assert_eq!(for_parser("quote “第三条”"), "quote \"  第三条  \"");
        // An opening quote without its closing one, or with another quote inside, is left alone.
        assert!(marks("quote “第三条").is_empty());
        assert!(marks("quote “称“基地”").is_empty());
        // Marks inside a Chinese-quoted text are text.
        assert_eq!(to_ascii("quote “甲（乙）”"), "quote \"甲（乙）\"");
    }

    #[test]
    fn ambiguous_marks_are_only_named() {
        assert!(marks("{ 甲、乙 }。1．5").is_empty());
        assert_eq!(likely('、'), Some(','));
        assert_eq!(likely('＞'), Some('>'));
        assert_eq!(likely('甲'), None);
    }
}
