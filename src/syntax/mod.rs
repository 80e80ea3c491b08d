//! Syntax: policy text → [`ast::PolicyAst`], with friendly, located syntax errors.

pub mod ast;
mod errors;
pub mod format;
mod parse;

use crate::diag::Diagnostic;
use crate::source::{Source, Span};
use pest::Parser;

/// The pest parser generated from `grammar/jidi.pest`.
#[derive(pest_derive::Parser)]
#[grammar = "../grammar/jidi.pest"]
pub struct JidiParser;

/// Deepest bracket nesting accepted; deeper text is refused before parsing, so nothing overflows.
pub const MAX_NESTING: usize = 64;

/// Parses a whole policy file.
pub fn parse_policy(source: &Source) -> Result<ast::PolicyAst, Vec<Diagnostic>> {
    crate::stack::on_big_stack(|| parse_policy_here(source))
}

fn parse_policy_here(source: &Source) -> Result<ast::PolicyAst, Vec<Diagnostic>> {
    pest::set_error_detail(true);
    check_nesting(source.text()).map_err(|d| vec![d.in_source(source)])?;
    let pairs = JidiParser::parse(Rule::policy, source.text())
        .map_err(|e| vec![errors::friendly(e, source.text()).in_source(source)])?;
    parse::policy(pairs).map_err(|ds| ds.into_iter().map(|d| d.in_source(source)).collect())
}

/// Parses one expression (for the REPL and tests).
pub fn parse_expr(source: &Source) -> Result<ast::Expr, Diagnostic> {
    crate::stack::on_big_stack(|| parse_expr_here(source))
}

fn parse_expr_here(source: &Source) -> Result<ast::Expr, Diagnostic> {
    pest::set_error_detail(true);
    check_nesting(source.text()).map_err(|d| d.in_source(source))?;
    let mut pairs = JidiParser::parse(Rule::expr_only, source.text())
        .map_err(|e| errors::friendly(e, source.text()).in_source(source))?;
    let pair = pairs
        .next()
        .and_then(|p| p.into_inner().next())
        .ok_or_else(|| Diagnostic::error("jidi::syntax", "empty expression").in_source(source))?;
    parse::expr(pair).map_err(|d| d.in_source(source))
}

fn check_nesting(text: &str) -> Result<(), Diagnostic> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '(' | '[' | '{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(Diagnostic::error(
                        "jidi::nesting_too_deep",
                        format!("brackets nested more than {MAX_NESTING} deep"),
                    )
                    .label(Span::new(i, i + 1), "this bracket is too deep")
                    .help("split the expression with `let` declarations"));
                }
            }
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}
