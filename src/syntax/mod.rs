//! Syntax: policy text → [`ast::PolicyAst`], with friendly, located syntax errors.

pub mod ast;
mod depth;
mod errors;
pub mod format;
pub mod keywords;
mod parse;

use crate::diag::Diagnostic;
use crate::source::Source;
use pest::Parser;

/// The pest parser generated from `grammar/jidi.pest`.
#[derive(pest_derive::Parser)]
#[grammar = "../grammar/jidi.pest"]
pub struct JidiParser;

/// Deepest nesting of brackets, `if`s, quantifiers and `list of` accepted; deeper text is refused
/// before parsing, so nothing overflows.
pub const MAX_NESTING: usize = 64;

/// Most operations one expression may build into a chain (`not not …`, `a + b + …`, `e.f.g…`);
/// longer chains are refused before parsing, so no tree is deep enough to overflow the stack.
pub const MAX_CHAIN: usize = 256;

/// Parses a whole policy file.
pub fn parse_policy(source: &Source) -> Result<ast::PolicyAst, Vec<Diagnostic>> {
    crate::stack::on_big_stack(|| parse_policy_here(source))
}

fn parse_policy_here(source: &Source) -> Result<ast::PolicyAst, Vec<Diagnostic>> {
    check_nesting(source.text()).map_err(|d| vec![d.in_source(source)])?;
    let pairs = parse_text(Rule::policy, source.text())
        .map_err(|e| vec![errors::friendly(e, source.text()).in_source(source)])?;
    parse::policy(pairs).map_err(|ds| ds.into_iter().map(|d| d.in_source(source)).collect())
}

/// Parses one expression (for the REPL and tests).
pub fn parse_expr(source: &Source) -> Result<ast::Expr, Diagnostic> {
    crate::stack::on_big_stack(|| parse_expr_here(source))
}

fn parse_expr_here(source: &Source) -> Result<ast::Expr, Diagnostic> {
    check_nesting(source.text()).map_err(|d| d.in_source(source))?;
    let mut pairs = parse_text(Rule::expr_only, source.text())
        .map_err(|e| errors::friendly(e, source.text()).in_source(source))?;
    let pair = pairs
        .next()
        .and_then(|p| p.into_inner().next())
        .ok_or_else(|| crate::diag::catalogue::syntax::empty_expression().in_source(source))?;
    parse::expr(pair).map_err(|d| d.in_source(source))
}

/// Parses `text` from `rule` without pest's record of attempts (a third of the parse time); only
/// when that fails, again with it, for the detailed error [`errors::friendly`] explains. pest's
/// switch is one flag for the process, read when a parse starts: parses take turns, so no thread
/// turns it off under another's second pass.
fn parse_text(
    rule: Rule,
    text: &str,
) -> Result<pest::iterators::Pairs<'_, Rule>, pest::error::Error<Rule>> {
    static TURN: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _turn = TURN
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    pest::set_error_detail(false);
    JidiParser::parse(rule, text).or_else(|_| {
        pest::set_error_detail(true);
        JidiParser::parse(rule, text)
    })
}

fn check_nesting(text: &str) -> Result<(), Diagnostic> {
    depth::check(text)
}
