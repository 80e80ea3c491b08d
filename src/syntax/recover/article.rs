//! A broken article read item by item. Its body is cut where its items begin (a line whose first
//! word is the keyword of an item an article holds: `indicator`, `condition`, `let`, `quote` …);
//! the article is parsed, the item where pest stops is reported and blanked out, and the article is
//! parsed again, until it parses. So each broken item gives its own error, the first one exactly
//! the error of the whole article, and the items that parse are kept.

use super::{blank, is_word_char, word_at, MAX_SYNTAX_ERRORS};
use crate::diag::Diagnostic;
use crate::scan::{self, Token};
use crate::source::Span;
use crate::syntax::{errors, keywords, parse_text, ParseError, Rule};
use pest::error::InputLocation;

/// Items an article holds, by their English keyword.
const ITEMS: &[&str] = &[
    "quote",
    "assume",
    "let",
    "indicator",
    "condition",
    "veto",
    "notice",
    "stars",
    "table",
    "exception",
    "binding",
    "decision",
    "quota",
];

/// Of [`ITEMS`], those that also stand inside an indicator. A line that begins with any other
/// begins an item even where the brackets say it is inside another, as when a `}` was forgotten
/// above it.
const ALSO_NESTED: &[&str] = &["quote", "assume"];

/// The errors of `piece` (one top-level item and what follows it up to the next), whose own
/// parse failed with `first`, and the spans, in `piece`, to blank out for the items that parse.
/// An article gives an error for each broken item and blanks only those; any other piece, or an
/// article whose frame (keyword, label, braces) is what is broken, gives `first` and is blanked
/// whole.
pub(super) fn recover(piece: &str, first: ParseError) -> (Vec<Diagnostic>, Vec<Span>) {
    let whole = vec![Span::new(0, piece.len())];
    let Some(items) = items(piece) else {
        return (vec![errors::friendly(&first, piece)], whole);
    };
    let mut found = Vec::new();
    let mut blanked: Vec<Span> = Vec::new();
    let mut text = piece.to_string();
    let mut error = first;
    loop {
        let at = match error.location {
            InputLocation::Pos(p) | InputLocation::Span((p, _)) => p,
        };
        found.push(errors::friendly(&error, &text));
        let Some(item) = broken_item(&items, at).filter(|i| !blanked.contains(i)) else {
            return (found, whole);
        };
        blanked.push(item);
        blanked.sort_by_key(|s| s.start);
        text = blank(piece, &blanked);
        match parse_text(Rule::policy, &text) {
            Ok(_) => return (found, blanked),
            Err(_) if found.len() >= MAX_SYNTAX_ERRORS => return (found, whole),
            Err(e) => error = e,
        }
    }
}

/// The item to blank out when the parse stops at byte `at`: the one `at` lies in, or the one
/// before when `at` is where an item begins (the one before did not end: a `}` is missing).
/// `None` outside the items, in the article's frame.
fn broken_item(items: &[Span], at: usize) -> Option<Span> {
    let i = items.iter().position(|s| s.start <= at && at < s.end)?;
    match items.get(i) {
        Some(s) if s.start == at && i > 0 => items.get(i - 1).copied(),
        other => other.copied(),
    }
}

/// The items of the article that `piece` begins with, from its opening `{` to its last `}`, each
/// up to where the next begins; `None` when `piece` is no article.
fn items(piece: &str) -> Option<Vec<Span>> {
    if keywords::english(word_at(piece, 0)?) != "article" {
        return None;
    }
    let mut depth = 0usize;
    let (mut open, mut close) = (None, None);
    let mut line_begins = false;
    let mut cuts = Vec::new();
    for t in scan::tokens(piece, scan::POLICY) {
        match t {
            Token::Code(_, '\n') => {
                line_begins = true;
                continue;
            }
            Token::Code(_, ' ' | '\t' | '\r' | '\u{3000}') => continue,
            Token::Code(at, c @ ('{' | '(' | '[')) => {
                if c == '{' && depth == 0 && open.is_none() {
                    open = Some(at);
                }
                depth += 1;
            }
            Token::Code(at, c @ ('}' | ')' | ']')) => {
                depth = depth.saturating_sub(1);
                if c == '}' {
                    close = Some(at);
                }
            }
            Token::Code(at, c) if line_begins && depth > 0 && is_word_char(c) => {
                if begins_item(piece, at, depth) {
                    cuts.push(at);
                }
            }
            Token::Code(..) | Token::Str { .. } | Token::Comment(_) => {}
        }
        line_begins = false;
    }
    let (open, close) = (open?, close?);
    let mut bounds = vec![open + 1];
    bounds.extend(cuts.into_iter().filter(|&c| open < c && c < close));
    bounds.push(close);
    Some(
        bounds
            .windows(2)
            .filter_map(|w| match w {
                [a, b] if a < b => Some(Span::new(*a, *b)),
                _ => None,
            })
            .filter(|s| has_code(piece.get(s.start..s.end).unwrap_or("")))
            .collect(),
    )
}

/// Whether `text` holds more than blanks and comments.
fn has_code(text: &str) -> bool {
    scan::tokens(text, scan::POLICY).any(|t| matches!(t, Token::Code(_, c) if !c.is_whitespace()))
}

/// Whether the word at byte `at`, the first of its line at bracket depth `depth` in the article,
/// begins one of the article's items.
fn begins_item(piece: &str, at: usize, depth: usize) -> bool {
    let Some(word) = word_at(piece, at) else {
        return false;
    };
    let word = keywords::english(word);
    if depth == 1 {
        return ITEMS.contains(&word);
    }
    // Deeper, only a word that no item holds, and not as a name (`条件 = …` in a table).
    let after = piece
        .get(at..)
        .and_then(|rest| rest.get(word_at(rest, 0)?.len()..))
        .map(|rest| rest.trim_start_matches([' ', '\t']));
    ITEMS.contains(&word)
        && !ALSO_NESTED.contains(&word)
        && after.is_some_and(|rest| !rest.starts_with(['=', ':', ',']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(piece: &str) -> Vec<String> {
        items(piece)
            .unwrap_or_default()
            .into_iter()
            .map(|s| {
                let item = piece.get(s.start..s.end).unwrap_or("").trim_start();
                item.chars().take_while(|&c| is_word_char(c)).collect()
            })
            .collect()
    }

    #[test]
    fn an_article_is_cut_at_its_items() {
        let piece = "article 甲 {\n  quote \"x\"\n  indicator 乙 = 1 {\n    quote \"y\"\n    all constraint >= 1\n  }\n  条件 丙 = 是\n}\n";
        assert_eq!(words(piece), ["quote", "indicator", "条件"]);
    }

    #[test]
    fn a_forgotten_brace_does_not_hide_the_next_rule() {
        let piece = "article 甲 {\n  indicator 乙 = 1 {\n    all constraint >= 1\n  indicator 丙 = 1 {\n    all constraint >= 1\n  }\n}\n";
        assert_eq!(words(piece), ["indicator", "indicator"]);
    }

    #[test]
    fn no_article_no_items() {
        assert_eq!(items("input 甲: 元\n"), None);
    }
}
