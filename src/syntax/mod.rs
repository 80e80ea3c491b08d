//! Syntax: policy text → [`ast::PolicyAst`], with friendly, located syntax errors.

pub mod ast;
mod depth;
mod errors;
pub mod format;
pub mod fullwidth;
pub mod keywords;
mod parse;
mod recover;

use crate::diag::Diagnostic;
use crate::source::Source;
use pest::Parser;

/// The pest parser generated from `grammar/jidi.pest`, with the keyword tries of
/// `grammar/words.pest` generated from it.
#[derive(pest_derive::Parser)]
#[grammar = "../grammar/jidi.pest"]
#[grammar = "../grammar/words.pest"]
pub struct JidiParser;

/// Deepest nesting of brackets, `if`s, quantifiers and `list of` accepted; deeper text is refused
/// before parsing, so nothing overflows.
pub const MAX_NESTING: usize = 64;

/// Most operations one expression may build into a chain (`not not …`, `a + b + …`, `e.f.g…`);
/// longer chains are refused before parsing, so no tree is deep enough to overflow the stack.
pub const MAX_CHAIN: usize = 256;

pub use recover::MAX_SYNTAX_ERRORS;

/// Parses a whole policy file; every syntax error at once (one per broken item, at most
/// [`MAX_SYNTAX_ERRORS`]).
pub fn parse_policy(source: &Source) -> Result<ast::PolicyAst, Vec<Diagnostic>> {
    match parse_recovering(source) {
        Parsed {
            ast: Some(ast),
            errors,
        } if errors.is_empty() => Ok(ast),
        Parsed { errors, .. } => Err(errors),
    }
}

/// A policy file parsed as far as it goes.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The items that parse: all of them when `errors` is empty, else those outside the broken
    /// items; `None` when the file cannot be read at all (nested too deep).
    pub ast: Option<ast::PolicyAst>,
    /// Every syntax error, each with its own span.
    pub errors: Vec<Diagnostic>,
}

/// Parses a policy file, keeping the items that parse when others do not.
pub fn parse_recovering(source: &Source) -> Parsed {
    let (ast, errors) = crate::stack::on_big_stack(|| parse_recovering_here(source.text()));
    Parsed {
        ast,
        errors: errors.into_iter().map(|d| d.in_source(source)).collect(),
    }
}

fn parse_recovering_here(text: &str) -> (Option<ast::PolicyAst>, Vec<Diagnostic>) {
    let text = fullwidth::for_parser(text);
    if let Err(d) = check_nesting(&text) {
        return (None, vec![d]);
    }
    match parse_text(Rule::policy, &text) {
        Ok(pairs) => {
            let (ast, errors) = parse::policy(pairs);
            (Some(ast), errors)
        }
        Err(e) => recover::recover(&text, e),
    }
}

/// Parses one expression (for the REPL and tests).
pub fn parse_expr(source: &Source) -> Result<ast::Expr, Diagnostic> {
    crate::stack::on_big_stack(|| parse_expr_here(source))
}

fn parse_expr_here(source: &Source) -> Result<ast::Expr, Diagnostic> {
    let text = fullwidth::for_parser(source.text());
    check_nesting(&text).map_err(|d| d.in_source(source))?;
    let mut pairs = parse_text(Rule::expr_only, &text)
        .map_err(|e| errors::friendly(&e, &text).in_source(source))?;
    let pair = pairs
        .next()
        .and_then(|p| p.into_inner().next())
        .ok_or_else(|| crate::diag::catalogue::syntax::empty_expression().in_source(source))?;
    parse::expr(pair).map_err(|d| d.in_source(source))
}

/// pest's error, boxed: it is large, and only a failed parse makes one.
type ParseError = Box<pest::error::Error<Rule>>;

/// Parses `text` from `rule` without pest's record of attempts (a third of the parse time); only
/// when that fails, again with it, for the detailed error [`errors::friendly`] explains. pest's
/// switch is one flag for the process, read when a parse starts: parses take turns, so no thread
/// turns it off under another's second pass.
fn parse_text(rule: Rule, text: &str) -> Result<pest::iterators::Pairs<'_, Rule>, ParseError> {
    static TURN: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _turn = TURN
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    pest::set_error_detail(false);
    match JidiParser::parse(rule, text) {
        Ok(pairs) => Ok(pairs),
        Err(_) => {
            pest::set_error_detail(true);
            JidiParser::parse(rule, text).map_err(Box::new)
        }
    }
}

fn check_nesting(text: &str) -> Result<(), Diagnostic> {
    depth::check(text)
}
