//! Bounds how deeply a policy text can nest, by a scan of its tokens before pest sees it, so that
//! no input — `if a then if b then …`, `not not not …`, `- - - x`, `any x in l: any y in m: …`,
//! `list of list of …` or a 100 000-term sum — can overflow the stack of the parser, the checker,
//! the interpreter, or the code that drops their trees.
//!
//! The scan over-approximates: within one bracket level, every operator or keyword that builds a
//! node (`+`, `and`, `not`, `.field`, `if`, `any` …) counts from the start of the expression
//! (after `=`, `=>`, `,`, `;`, `when`, …), so an expression's tree is never deeper than the sum
//! over the open brackets. Real policies stay far below both limits. Keywords count in either of
//! their forms, English or Chinese (`如果` is `if`).

use super::{MAX_CHAIN, MAX_NESTING};
use crate::diag::catalogue::nesting_too_deep;
use crate::diag::text::Text;
use crate::diag::Diagnostic;
use crate::source::Span;

/// Counts for one bracket level (the whole text is the outermost one).
#[derive(Default)]
struct Level {
    /// Nodes the current expression builds at this level: an upper bound on its depth here.
    chain: usize,
    /// `if`s and quantifiers opened in the current expression: each nests the parser once more.
    nested: usize,
    /// `list of` / `map of` in the current type: each nests the parser once more.
    types: usize,
}

/// Words that end one expression and start the next at the same bracket level.
const STARTS: &[&str] = &[
    "when",
    "constraint",
    "guidance",
    "is",
    "let",
    "condition",
    "veto",
    "indicator",
    "set",
    "input",
    "unit",
    "article",
    "quote",
    "assume",
    "cite",
    "group",
    "nature",
    "scope",
    "applies",
    "tier",
    "enum",
    "record",
    "measure",
    "decision",
    "otherwise",
];

/// The common CJK ideographs, every one of them alphabetic: tested by range before Unicode's tables.
const IDEOGRAPHS: std::ops::RangeInclusive<char> = '\u{4e00}'..='\u{9fa5}';

/// Whether `c` continues a word: alphanumeric or `_`, the ideographs of a Chinese name found
/// without a table search.
fn word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || IDEOGRAPHS.contains(&c) || c.is_alphanumeric()
}

/// Words that build one node of the tree each.
const NODE_WORDS: &[&str] = &["and", "or", "not", "in", "within", "as"];

/// Words that make the parser recurse: conditionals and quantifiers.
const NESTING_WORDS: &[&str] = &["if", "any", "all", "count", "min", "max", "sum"];

struct Scan {
    /// The innermost bracket level, and the levels around it.
    current: Level,
    outer: Vec<Level>,
    /// Totals over every open level.
    chain: usize,
    nested: usize,
}

impl Scan {
    /// A new expression starts at the current level.
    fn restart(&mut self) {
        let level = std::mem::take(&mut self.current);
        self.chain = self.chain.saturating_sub(level.chain);
        self.nested = self.nested.saturating_sub(level.nested + level.types);
    }

    fn open(&mut self, at: usize) -> Result<(), Diagnostic> {
        self.outer.push(std::mem::take(&mut self.current));
        self.nested += 1;
        if self.nested > MAX_NESTING {
            return Err(too_deep(
                at,
                nesting_too_deep::parens_too_deep(MAX_NESTING),
                nesting_too_deep::bracket_too_deep(),
            ));
        }
        Ok(())
    }

    fn close(&mut self) {
        if let Some(outer) = self.outer.pop() {
            self.restart();
            self.current = outer;
            self.nested = self.nested.saturating_sub(1);
        }
    }

    fn node(&mut self, at: usize) -> Result<(), Diagnostic> {
        self.current.chain += 1;
        self.chain += 1;
        if self.chain > MAX_CHAIN {
            return Err(too_deep(
                at,
                nesting_too_deep::chain_too_long(MAX_CHAIN),
                nesting_too_deep::expression_too_deep_here(),
            ));
        }
        Ok(())
    }

    fn nest(&mut self, at: usize, is_type: bool) -> Result<(), Diagnostic> {
        if is_type {
            self.current.types += 1;
        } else {
            self.current.nested += 1;
        }
        self.nested += 1;
        if self.nested > MAX_NESTING {
            return Err(too_deep(
                at,
                if is_type {
                    nesting_too_deep::types_too_deep(MAX_NESTING)
                } else {
                    nesting_too_deep::brackets_too_deep(MAX_NESTING)
                },
                nesting_too_deep::this_too_deep(),
            ));
        }
        Ok(())
    }

    /// A `:` ends a field's type (`a: list of x  b: …`), but not a quantifier's head.
    fn end_type(&mut self) {
        let types = std::mem::take(&mut self.current.types);
        self.nested = self.nested.saturating_sub(types);
    }
}

fn too_deep(at: usize, message: Diagnostic, label: Text) -> Diagnostic {
    message
        .label(Span::new(at, at + 1), label)
        .help(nesting_too_deep::split_with_let())
}

/// Refuses text that nests deeper than [`MAX_NESTING`] or chains more than [`MAX_CHAIN`]
/// operations into one expression; see the module's documentation.
pub(super) fn check(text: &str) -> Result<(), Diagnostic> {
    let mut scan = Scan {
        current: Level::default(),
        outer: Vec::new(),
        chain: 0,
        nested: 0,
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(rest) = text.get(i..) {
        let mut chars = rest.chars();
        let Some(c) = chars.next() else { break };
        let next = chars.next();
        let mut len = c.len_utf8();
        match c {
            // A string or a comment: skip it whole.
            '"' => len = crate::scan::quoted_len(rest),
            '/' if matches!(next, Some('/' | '*')) => {
                len = crate::scan::comment_len(rest).unwrap_or(len);
            }
            '(' | '[' | '{' => {
                if c == '[' {
                    // A map lookup builds a node around what it looks into.
                    scan.node(i)?;
                }
                scan.open(i)?;
            }
            ')' | ']' | '}' => scan.close(),
            ',' | ';' => scan.restart(),
            ':' => scan.end_type(),
            '=' if next == Some('=') => {
                len = 2;
                scan.node(i)?;
            }
            '=' => {
                if next == Some('>') {
                    len = 2;
                }
                scan.restart();
            }
            '>' | '<' | '!' => {
                if next == Some('=') {
                    len = 2;
                }
                scan.node(i)?;
            }
            '+' | '-' | '*' | '/' | '≥' | '≤' | '≠' => scan.node(i)?,
            '.' if next.is_some_and(|n| n.is_alphabetic() || n == '_') => scan.node(i)?,
            _ if word_char(c) => {
                len = rest
                    .char_indices()
                    .find(|&(_, ch)| !word_char(ch))
                    .map_or(rest.len(), |(j, _)| j);
                // Keywords count in either language (`如果` is `if`).
                let word = super::keywords::english(rest.get(..len).unwrap_or(""));
                if STARTS.contains(&word) {
                    scan.restart();
                } else if NODE_WORDS.contains(&word) {
                    scan.node(i)?;
                } else if NESTING_WORDS.contains(&word) {
                    scan.nest(i, false)?;
                    scan.node(i)?;
                } else if word == "list" || word == "map" {
                    scan.nest(i, true)?;
                }
            }
            _ => {}
        }
        i += len.max(1);
        // Stay on a character boundary whatever `len` says.
        while i < bytes.len() && !text.is_char_boundary(i) {
            i += 1;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_chars_are_the_alphanumerics_and_underscore() {
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            assert_eq!(word_char(c), c.is_alphanumeric() || c == '_', "{c:?}");
        }
    }
}
