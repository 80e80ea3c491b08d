//! Several syntax errors at once. pest stops at the first error, so when a file does not parse
//! it is cut, with the one scanner, where its top-level items begin (a line that starts, at its
//! first column and outside strings and comments, with the keyword of an item that may stand at
//! the top: `article`, `indicator`, `input` …); each piece is parsed on its own, so each broken
//! item gives its own error and no error of one item follows from another. A broken article is
//! cut again at its own items ([`article`]), so two slips in one article are two errors. The
//! pieces that parse are then read as one file, with the broken ones blanked out, for the items a
//! front end can still use (the language server's hover).

mod article;

use super::{errors, keywords, parse, parse_text, ParseError, Rule};
use crate::diag::Diagnostic;
use crate::scan::{self, Token};
use crate::source::Span;
use unicode_ident::is_xid_continue;

/// The most syntax errors reported for one file; later broken items are blanked out unreported.
pub const MAX_SYNTAX_ERRORS: usize = 20;

/// Items that may stand at the top of a file, by their English keyword.
const TOP_LEVEL: &[&str] = &[
    "calendar",
    "lifecycle",
    "measure",
    "unit",
    "enum",
    "set",
    "record",
    "tier",
    "input",
    "let",
    "article",
    "assume",
    "decision",
    "indicator",
    "condition",
    "veto",
    "table",
    "exception",
];

/// Where the top-level items of `text` may begin: the offset of each line's first word, when
/// the line starts with an item's keyword in its first column.
fn item_starts(text: &str) -> Vec<usize> {
    scan::tokens(text, scan::POLICY)
        .filter_map(|t| match t {
            Token::Code(at, c) if is_word_char(c) && line_start(text, at) => {
                let word = word_at(text, at)?;
                TOP_LEVEL.contains(&keywords::english(word)).then_some(at)
            }
            _ => None,
        })
        .collect()
}

fn is_word_char(c: char) -> bool {
    is_xid_continue(c) || c == '_'
}

/// The word that starts at byte `at` of `text`.
fn word_at(text: &str, at: usize) -> Option<&str> {
    let rest = text.get(at..)?;
    let end = rest
        .char_indices()
        .find(|&(_, ch)| !is_word_char(ch))
        .map_or(rest.len(), |(i, _)| i);
    rest.get(..end)
}

fn line_start(text: &str, at: usize) -> bool {
    at == 0 || text.get(..at).is_some_and(|b| b.ends_with('\n'))
}

/// A file that does not parse, parsed item by item: the errors, at most
/// [`MAX_SYNTAX_ERRORS`], each with its own span, and the items of the pieces that parse. When
/// no piece fails alone, `whole` (the file's own error) is the one error.
pub(super) fn recover(
    text: &str,
    whole: ParseError,
) -> (Option<super::ast::PolicyAst>, Vec<Diagnostic>) {
    let mut cuts = item_starts(text);
    if cuts.first() != Some(&0) {
        cuts.insert(0, 0);
    }
    cuts.push(text.len());
    let mut errors = Vec::new();
    let mut broken: Vec<Span> = Vec::new();
    for pair in cuts.windows(2) {
        let (Some(&start), Some(&end)) = (pair.first(), pair.get(1)) else {
            continue;
        };
        let piece = text.get(start..end).unwrap_or("");
        let Err(e) = parse_text(Rule::policy, piece) else {
            continue;
        };
        let (found, spans) = article::recover(piece, e);
        broken.extend(
            spans
                .iter()
                .map(|s| Span::new(s.start + start, s.end + start)),
        );
        for d in found {
            if errors.len() < MAX_SYNTAX_ERRORS {
                errors.push(shifted(d, start));
            }
        }
    }
    if errors.is_empty() {
        return (None, vec![errors::friendly(&whole, text)]);
    }
    let blanked = blank(text, &broken);
    let ast = parse_text(Rule::policy, &blanked).ok().map(|pairs| {
        let (ast, lowering) = parse::policy(pairs);
        errors.extend(lowering);
        ast
    });
    (ast, errors)
}

/// A diagnostic of a piece of the file, placed in the whole file.
fn shifted(mut d: Diagnostic, by: usize) -> Diagnostic {
    for (span, _) in &mut d.labels {
        *span = Span::new(span.start + by, span.end + by);
    }
    d
}

/// `text` with the pieces `spans` made blank: each character a space of its length in bytes,
/// line breaks kept, so every offset outside them is what it was.
fn blank(text: &str, spans: &[Span]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for s in spans {
        out.push_str(text.get(at..s.start).unwrap_or(""));
        for c in text.get(s.start..s.end).unwrap_or("").chars() {
            if c == '\n' {
                out.push('\n');
            } else {
                out.extend(std::iter::repeat_n(' ', c.len_utf8()));
            }
        }
        at = s.end;
    }
    out.push_str(text.get(at..).unwrap_or(""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_begin_at_their_keyword_in_the_first_column() {
        let text = "unit 元\narticle 甲 {\n  indicator 乙 { }\n}\n// article 丙\n条款 丁 {\n  quote \"\narticle\"\n}\n";
        let starts: Vec<String> = item_starts(text)
            .into_iter()
            .map(|i| text.get(i..).unwrap_or("").chars().take(2).collect())
            .collect();
        assert_eq!(starts, ["un", "ar", "条款"]);
    }

    #[test]
    fn blanking_keeps_offsets_and_lines() {
        let text = "甲\n乙丙\n丁";
        let b = blank(text, &[Span::new(4, 10)]);
        assert_eq!(b.len(), text.len());
        assert_eq!(b, "甲\n      \n丁");
    }
}
