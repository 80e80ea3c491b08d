//! Turns pest's errors into diagnostics that name grammar rules the way a drafter would.

use super::Rule;
use crate::diag::{did_you_mean, Diagnostic};
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
        Rule::unit_expr | Rule::unit_atom | Rule::unit_name | Rule::unit_word => "a unit",
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
        Rule::quantifier => "`any`, `all`, `count`, `min`, `max` or `sum`",
        Rule::table_decl | Rule::table_row => "a table (`table 名称: 单位 by 枚举 { 键 = 值, … }`)",
        Rule::exception_decl | Rule::exception_body => {
            "an exception (`exception 名称 to 规则 when 条件 { … }`)"
        }
        Rule::rule_call | Rule::rule_target | Rule::group_target => {
            "a rule to read (`passed(规则)`, `passed(group 一级指标)`)"
        }
        Rule::keyword => "a keyword",
        _ => "more text",
    }
}

/// The keywords of the language in both forms, read from the grammar's `keyword` rule.
fn keywords() -> Vec<&'static str> {
    super::keywords::words().collect()
}

/// Literal marks the parser would have accepted here: `}`, `;`, `=` …
fn expected_marks(e: &pest::error::Error<Rule>) -> Vec<String> {
    let Some(attempts) = e.parse_attempts() else {
        return Vec::new();
    };
    let mut marks: Vec<String> = attempts
        .expected_tokens()
        .into_iter()
        .map(|t| t.to_string())
        .filter(|t| {
            let t = t.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
            !t.is_empty()
                && !t.chars().any(char::is_alphanumeric)
                && !t.contains("..")
                && !matches!(t, "//" | "/*")
        })
        .collect();
    // Marks that close or separate come first: they are what a drafter most often forgets.
    const FIRST: [&str; 9] = [";", "}", "{", "=", "=>", ":", ",", ")", "]"];
    marks.sort_by_key(|m| {
        (
            FIRST.iter().position(|f| f == m).unwrap_or(FIRST.len()),
            m.clone(),
        )
    });
    marks.dedup();
    marks.into_iter().map(|t| format!("`{t}`")).collect()
}

/// The word at `at`, if a name starts there.
fn word_at(text: &str, at: usize) -> Option<&str> {
    let rest = text.get(at..)?;
    let end = rest
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '_'))
        .map_or(rest.len(), |(i, _)| i);
    rest.get(..end).filter(|w| !w.is_empty())
}

const GENERIC_HELP: &str =
    "check that every `{`, `(` and `\"` is closed and that checks in a `{ … }` block are separated by `;`";

/// A friendly diagnostic for a pest error.
pub(super) fn friendly(e: pest::error::Error<Rule>, text: &str) -> Diagnostic {
    let span = match e.location {
        InputLocation::Pos(p) => Span::new(p, p),
        InputLocation::Span((s, t)) => Span::new(s, t),
    };
    let (message, label) = match &e.variant {
        ErrorVariant::ParsingError { positives, .. } => {
            let mut names: Vec<String> = expected_marks(&e);
            let mut rules: Vec<&str> = positives
                .iter()
                .map(describe)
                .filter(|d| *d != "more text")
                .collect();
            rules.sort_unstable();
            rules.dedup();
            names.extend(rules.into_iter().map(str::to_string));
            let expected = match names.split_last() {
                None => "something else".to_string(),
                Some((last, [])) => last.clone(),
                Some((last, rest)) if rest.len() < 5 => format!("{} or {last}", rest.join(", ")),
                Some((last, rest)) => {
                    let shown: Vec<&str> = rest.iter().take(4).map(String::as_str).collect();
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
    let word = word_at(text, span.start);
    let is_keyword = word.is_some_and(|w| keywords().contains(&w));
    let help = match word {
        Some(w) if is_keyword => format!(
            "`{w}` cannot stand here: is a `}}` or `;` missing before it? (A name spelt like a keyword must be quoted: \"{w}\")"
        ),
        Some(w) => match did_you_mean(w, keywords()) {
            Some(k) => format!("did you mean the keyword `{k}`?"),
            None => GENERIC_HELP.to_string(),
        },
        None => GENERIC_HELP.to_string(),
    };
    let span = match word {
        Some(w) => Span::new(span.start, span.start + w.len()),
        None => span,
    };
    Diagnostic::error("jidi::syntax", message)
        .label(span, label)
        .help(help)
}
