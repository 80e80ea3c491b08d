//! Turns pest's errors into diagnostics that name grammar rules the way a drafter would.

use super::Rule;
use crate::diag::Diagnostic;
use crate::source::Span;
use pest::error::{ErrorVariant, InputLocation};

/// What a grammar rule is called in messages.
fn describe(rule: &Rule) -> &'static str {
    match rule {
        Rule::EOI => "the end of the file",
        Rule::measure_decl => "a `measure` block",
        Rule::unit_decl => "a `unit` declaration",
        Rule::enum_decl => "an `enum` declaration",
        Rule::set_decl => "a `set` declaration",
        Rule::record_decl => "a `record` declaration",
        Rule::tier_decl => "a `tier` declaration",
        Rule::input_decl => "an `input` declaration",
        Rule::let_decl => "a `let` declaration",
        Rule::article_decl => "an `article` block",
        Rule::assume_decl => "an `assume` line",
        Rule::decision_decl => "a `decision` block",
        Rule::indicator_decl => "an `indicator` declaration",
        Rule::condition_decl => "a `condition` declaration",
        Rule::veto_decl => "a `veto` declaration",
        Rule::quote_attr => "a `quote`",
        Rule::group_attr => "`group`",
        Rule::cite_attr => "`cite`",
        Rule::formerly_attr => "`formerly`",
        Rule::nature_attr => "`nature`",
        Rule::scope_attr => "`scope`",
        Rule::applies_attr => "`applies when`",
        Rule::tier_rule => "a tier rule (`示范基地 constraint >= …`)",
        Rule::tier_list => "a tier name or `all`",
        Rule::rule_kind => "`constraint` or `guidance`",
        Rule::criterion | Rule::check => "a threshold such as `>= 200 亿元`",
        Rule::checks => "a `{ … }` block of checks",
        Rule::branch => "a `when … =>` branch",
        Rule::else_branch => "an `else =>` branch",
        Rule::for_tiers => "`for` and a tier",
        Rule::decision_line => "a decision line (`not_eligible when any constraint is fail`)",
        Rule::otherwise_line => "`otherwise` and a verdict",
        Rule::verdict => "a verdict (eligible, not_eligible, undetermined)",
        Rule::outcome => "`fail` or `unknown`",
        Rule::rule_class => "condition, veto, constraint or guidance",
        Rule::version_attr
        | Rule::issuer_attr
        | Rule::effective_attr
        | Rule::term_attr
        | Rule::repeals_attr => "a measure attribute (version, issuer, effective, term, repeals)",
        Rule::field_decl => "a field (`名称: type`)",
        Rule::enum_value => "an enumeration value",
        Rule::title_attr => "`title`",
        Rule::range_mod | Rule::range_low | Rule::range_high => "`range LOW..HIGH`",
        Rule::type_expr | Rule::simple_type | Rule::builtin_type => "a type or unit",
        Rule::unit_expr | Rule::unit_atom | Rule::unit_name => "a unit",
        Rule::unit_op => "`/` or `*`",
        Rule::ratio | Rule::number | Rule::signed_number => "a number",
        Rule::expr
        | Rule::if_expr
        | Rule::quant_expr
        | Rule::or_expr
        | Rule::and_expr
        | Rule::not_expr
        | Rule::cmp_expr
        | Rule::converted
        | Rule::sum
        | Rule::product
        | Rule::unary
        | Rule::postfix
        | Rule::paren
        | Rule::quantity => "an expression",
        Rule::cmp_op | Rule::cmp_bin => "a comparison (>=, <=, ==, >, <, !=)",
        Rule::add_op | Rule::mul_op => "an arithmetic operator",
        Rule::in_tail => "`in`",
        Rule::within_tail => "`within`",
        Rule::direction => "`before` or `after`",
        Rule::conversion => "`as` and a unit",
        Rule::field_access => "`.field`",
        Rule::index_access => "`[key]`",
        Rule::string | Rule::string_inner => "a quoted string",
        Rule::ident => "a name",
        Rule::label => "a name or a quoted string",
        Rule::date_lit => "a date (YYYY-MM-DD)",
        Rule::duration | Rule::time_unit => "a duration (`3 years`)",
        Rule::set_lit => "a set `{ … }`",
        Rule::quantifier => "`any`, `all` or `count`",
        Rule::keyword => "a keyword",
        _ => "more text",
    }
}

/// A friendly diagnostic for a pest error.
pub(super) fn friendly(e: pest::error::Error<Rule>) -> Diagnostic {
    let span = match e.location {
        InputLocation::Pos(p) => Span::new(p, p),
        InputLocation::Span((s, t)) => Span::new(s, t),
    };
    let (message, label) = match &e.variant {
        ErrorVariant::ParsingError { positives, .. } => {
            let mut names: Vec<&str> = positives.iter().map(describe).collect();
            names.sort_unstable();
            names.dedup();
            let expected = match names.split_last() {
                None => "something else".to_string(),
                Some((last, [])) => last.to_string(),
                Some((last, rest)) if rest.len() < 5 => format!("{} or {last}", rest.join(", ")),
                Some((last, rest)) => {
                    let shown: Vec<&str> = rest.iter().take(4).copied().collect();
                    format!("{}, … or {last}", shown.join(", "))
                }
            };
            (
                format!("expected {expected}"),
                format!("expected {expected} here"),
            )
        }
        ErrorVariant::CustomError { message } => (message.clone(), "here".to_string()),
    };
    Diagnostic::error("jidi::syntax", message)
        .label(span, label)
        .help("check the spelling of keywords and that every `{` and `\"` is closed; names that are keywords must be quoted")
}
