//! The keywords of the language in both their forms, English and Chinese, read from the grammar's
//! `keyword` rule (and `builtin_name` for the built-in functions) so that they live in one place.
//! The build script (build.rs) reads them when jidi is built, as [`rule_body`] and [`literals`]
//! read a rule; tests/keywords.rs checks its tables against these functions.

use crate::scan::{self, Token};
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/keywords.rs"));

/// Which set of keywords a file is written with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeywordSet {
    /// `indicator`, `constraint`, `when` …
    En,
    /// `指标`, `约束性`, `当` …
    Zh,
}

/// One keyword: its English and its Chinese form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keyword {
    pub en: &'static str,
    pub zh: &'static str,
}

impl Keyword {
    /// The form of this keyword in `set`.
    pub fn form(&self, set: KeywordSet) -> &'static str {
        match set {
            KeywordSet::En => self.en,
            KeywordSet::Zh => self.zh,
        }
    }
}

/// The whole grammar, as compiled into the parser.
pub const GRAMMAR: &str = include_str!("../../grammar/jidi.pest");

/// The body of grammar rule `name` (from its `{` to the `}` that closes it), if there is one.
pub fn rule_body(grammar: &'static str, name: &str) -> Option<&'static str> {
    let head = format!("\n{name} = ");
    let start = grammar.find(&head)? + head.len();
    let rest = grammar.get(start..)?;
    let open = rest.find('{')?;
    let mut depth = 0usize;
    for t in scan::tokens(rest.get(open..)?, scan::STRINGS) {
        match t {
            Token::Code(_, '{') => depth += 1,
            Token::Code(i, '}') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return rest.get(open + 1..open + i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The double-quoted literals of a rule body, in order.
pub fn literals(body: &'static str) -> Vec<&'static str> {
    scan::tokens(body, scan::STRINGS)
        .filter_map(|t| match t {
            Token::Str { span, closed: true } => body.get(span.start + 1..span.end - 1),
            _ => None,
        })
        .collect()
}

/// Whether a literal is a word (a keyword), not a mark such as `(`.
pub fn is_word(lit: &str) -> bool {
    lit.chars().next().is_some_and(char::is_alphabetic)
        && lit
            .chars()
            .all(|c| unicode_ident::is_xid_continue(c) || c == '_')
}

/// Every keyword of the language, in the order the grammar's `keyword` rule lists them.
pub fn all() -> &'static [Keyword] {
    KEYWORDS
}

/// The built-in functions (`year(…)`, `年份(…)`), recognised only before `(`.
pub fn builtins() -> &'static [Keyword] {
    BUILTINS
}

/// The keywords that are names where a name is expected (`条件`, `定性`, `撤销` …): the
/// grammar's `contextual` rule.
pub fn contextual() -> &'static [Keyword] {
    CONTEXTUAL
}

/// Whether `word`, in either language, is a keyword that is a name where a name is expected.
pub fn is_contextual(word: &str) -> bool {
    contextual().iter().any(|k| k.en == word || k.zh == word)
}

/// The keyword `word` is a form of, if it is one.
pub fn lookup(word: &str) -> Option<&'static Keyword> {
    static FORMS: OnceLock<foldhash::HashMap<&'static str, &'static Keyword>> = OnceLock::new();
    FORMS
        .get_or_init(|| {
            // In reverse, so that a form listed twice keeps its first keyword, as a search would.
            all()
                .iter()
                .rev()
                .flat_map(|k| [(k.en, k), (k.zh, k)])
                .collect()
        })
        .get(word)
        .copied()
}

/// The built-in function `word` names, in either language.
pub fn lookup_builtin(word: &str) -> Option<&'static Keyword> {
    builtins().iter().find(|k| k.en == word || k.zh == word)
}

/// Whether `word` is a keyword, in either language.
pub fn is_keyword(word: &str) -> bool {
    lookup(word).is_some()
}

/// The English form of a keyword written in either language; any other word unchanged.
/// The parser reads keywords through this, so the rest of jidi only ever sees English.
pub fn english(word: &str) -> &str {
    lookup(word).map_or(word, |k| k.en)
}

/// The English name of a built-in function written in either language; any other word unchanged.
pub fn english_builtin(word: &str) -> &str {
    lookup_builtin(word).map_or(word, |k| k.en)
}

/// Every form of every keyword, both languages.
pub fn words() -> impl Iterator<Item = &'static str> {
    all().iter().flat_map(|k| [k.en, k.zh])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_forms_from_the_grammar() {
        assert!(all().len() > 100);
        assert_eq!(lookup("指标").map(|k| k.en), Some("indicator"));
        assert_eq!(english("约束性"), "constraint");
        assert_eq!(english("工业用地地均收入"), "工业用地地均收入");
        assert_eq!(english_builtin("年份"), "year");
        assert_eq!(lookup("years").map(|k| k.form(KeywordSet::Zh)), Some("年"));
    }
}
