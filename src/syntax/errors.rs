//! Turns pest's errors into diagnostics that name grammar rules the way a drafter would.

use super::Rule;
use crate::diag::catalogue::{grammar, syntax};
use crate::diag::text::Arg;
use crate::diag::{did_you_mean, Diagnostic};
use crate::source::Span;
use pest::error::{ErrorVariant, InputLocation};

/// What a grammar rule is called in messages.
fn describe(rule: &Rule) -> Option<Arg> {
    Some(Arg::Text(match rule {
        Rule::EOI => grammar::end_of_file(),
        Rule::measure_decl => grammar::measure_block(),
        Rule::unit_decl => grammar::unit_decl(),
        Rule::enum_decl => grammar::enum_decl(),
        Rule::set_decl => grammar::set_decl(),
        Rule::record_decl => grammar::record_decl(),
        Rule::tier_decl => grammar::tier_decl(),
        Rule::input_decl => grammar::input_decl(),
        Rule::let_decl => grammar::let_decl(),
        Rule::article_decl => grammar::article_block(),
        Rule::assume_decl => grammar::assume_line(),
        Rule::decision_decl => grammar::decision_block(),
        Rule::indicator_decl => grammar::indicator_decl(),
        Rule::condition_decl => grammar::condition_decl(),
        Rule::veto_decl => grammar::veto_decl(),
        Rule::quote_attr => grammar::quote(),
        Rule::group_attr => return Some(Arg::Plain("`group`".into())),
        Rule::cite_attr => return Some(Arg::Plain("`cite`".into())),
        Rule::formerly_attr => return Some(Arg::Plain("`formerly`".into())),
        Rule::nature_attr => return Some(Arg::Plain("`nature`".into())),
        Rule::scope_attr => return Some(Arg::Plain("`scope`".into())),
        Rule::applies_attr => return Some(Arg::Plain("`applies when`".into())),
        Rule::tier_rule => grammar::tier_rule(),
        Rule::tier_list => grammar::tier_list(),
        Rule::rule_kind => grammar::rule_kind(),
        Rule::criterion | Rule::check => grammar::threshold(),
        Rule::checks => grammar::checks(),
        Rule::branch => grammar::branch(),
        Rule::else_branch => grammar::else_branch(),
        Rule::for_tiers => grammar::for_tiers(),
        Rule::decision_line => grammar::decision_line(),
        Rule::otherwise_line => grammar::otherwise_line(),
        Rule::verdict => grammar::verdict(),
        Rule::outcome => grammar::outcome(),
        Rule::rule_class => grammar::rule_class(),
        Rule::version_attr
        | Rule::issuer_attr
        | Rule::effective_attr
        | Rule::term_attr
        | Rule::repeals_attr => grammar::measure_attribute(),
        Rule::field_decl => grammar::field_decl(),
        Rule::enum_value => grammar::enum_value(),
        Rule::title_attr => return Some(Arg::Plain("`title`".into())),
        Rule::range_mod | Rule::range_low | Rule::range_high => grammar::range(),
        Rule::type_expr | Rule::simple_type | Rule::builtin_type => grammar::type_or_unit(),
        Rule::unit_expr | Rule::unit_atom | Rule::unit_name | Rule::unit_word => grammar::unit(),
        Rule::unit_op => grammar::unit_op(),
        Rule::ratio | Rule::number | Rule::signed_number => grammar::number(),
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
        | Rule::quantity => grammar::expression(),
        Rule::cmp_op | Rule::cmp_bin => grammar::comparison(),
        Rule::add_op | Rule::mul_op => grammar::arithmetic(),
        Rule::in_tail => return Some(Arg::Plain("`in`".into())),
        Rule::within_tail => return Some(Arg::Plain("`within`".into())),
        Rule::direction => grammar::direction(),
        Rule::conversion => grammar::conversion(),
        Rule::field_access => grammar::field_access(),
        Rule::index_access => grammar::index_access(),
        Rule::string | Rule::string_inner => grammar::string(),
        Rule::ident => grammar::name(),
        Rule::label => grammar::label(),
        Rule::date_lit => grammar::date(),
        Rule::duration | Rule::time_unit => grammar::duration(),
        Rule::set_lit => grammar::set(),
        Rule::quantifier => grammar::quantifier(),
        Rule::table_decl | Rule::table_row => grammar::table(),
        Rule::exception_decl | Rule::exception_body => grammar::exception(),
        Rule::binding_decl | Rule::binding_case => grammar::binding(),
        Rule::binding_effect | Rule::panel => grammar::binding_effect(),
        Rule::rule_call | Rule::rule_target | Rule::group_target => grammar::rule_read(),
        Rule::keyword => grammar::keyword(),
        _ => return None,
    }))
}

/// How an argument reads in English, to list the expected parts in a stable order.
fn english(arg: &Arg) -> String {
    match arg {
        Arg::Text(t) => t.en(),
        Arg::Plain(s) | Arg::Code(s) => s.clone(),
        Arg::List(_) | Arg::Either(_) | Arg::Series(_) => String::new(),
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

/// A declaration whose name holds a mark names cannot (`list 前10%基地 = …`): pest fails at its
/// keyword, so the error says so there, with the name in quotes as the fix.
fn name_with_mark(text: &str, at: usize, keyword: &str) -> Option<Diagnostic> {
    let after = at + keyword.len();
    let line = text.get(after..)?.split('\n').next()?;
    let name = line
        .split(['=', '{', ':'])
        .next()?
        .trim_matches(|c: char| c == ' ' || c == '\t');
    let name_like = name
        .chars()
        .next()
        .is_some_and(|c| unicode_ident::is_xid_start(c) || c == '_');
    if !line.starts_with([' ', '\t']) || !name_like || name.contains(char::is_whitespace) {
        return None;
    }
    let (i, mark) = name
        .char_indices()
        .find(|&(_, c)| !(unicode_ident::is_xid_continue(c) || c == '_'))?;
    let name_at = after + line.find(name)?;
    Some(
        syntax::name_holds(mark)
            .label(
                Span::new(at, after),
                syntax::declaration_named(name.to_string()),
            )
            .label(
                Span::new(name_at + i, name_at + i + mark.len_utf8()),
                syntax::not_in_names(),
            )
            .help(syntax::quote_the_name(name.to_string())),
    )
}

/// A friendly diagnostic for a pest error.
pub(super) fn friendly(e: &pest::error::Error<Rule>, text: &str) -> Diagnostic {
    let span = match e.location {
        InputLocation::Pos(p) => Span::new(p, p),
        InputLocation::Span((s, t)) => Span::new(s, t),
    };
    let expected = match &e.variant {
        ErrorVariant::ParsingError { positives, .. } => {
            let mut names: Vec<Arg> = expected_marks(e).into_iter().map(Arg::Plain).collect();
            let mut rules: Vec<Arg> = positives.iter().filter_map(describe).collect();
            rules.sort_by_key(english);
            rules.dedup();
            names.extend(rules);
            match names.len() {
                0 => Arg::Text(grammar::something_else()),
                1..=5 => Arg::Either(names),
                _ => {
                    let last = names.pop();
                    names.truncate(4);
                    names.push(Arg::Plain("…".into()));
                    names.extend(last);
                    Arg::Either(names)
                }
            }
        }
        ErrorVariant::CustomError { message } => Arg::Plain(message.clone()),
    };
    if let Some((mark, ascii)) = text
        .get(span.start..)
        .and_then(|rest| rest.chars().next())
        .and_then(|c| Some((c, super::fullwidth::likely(c)?)))
    {
        return syntax::full_width(mark)
            .label(
                Span::new(span.start, span.start + mark.len_utf8()),
                syntax::full_width_here(),
            )
            .help(syntax::write_ascii_if_meant(ascii));
    }
    let word = word_at(text, span.start);
    let is_keyword = word.is_some_and(|w| keywords().contains(&w));
    // The line's first word, when the error lies in the name it declares.
    let line_at = text
        .get(..span.start)
        .map_or(0, |b| b.rfind('\n').map_or(0, |i| i + 1));
    let first_at = text.get(line_at..).map_or(line_at, |l| {
        line_at + (l.len() - l.trim_start_matches([' ', '\t']).len())
    });
    if let Some(d) = word_at(text, first_at)
        .filter(|w| keywords().contains(w))
        .and_then(|w| name_with_mark(text, first_at, w))
        .filter(|d| d.labels.get(1).is_some_and(|l| span.start <= l.0.start))
    {
        return d;
    }
    let help = match word {
        Some(w) if is_keyword => syntax::keyword_cannot_stand(w),
        Some(w) => match did_you_mean(w, keywords()) {
            Some(k) => syntax::did_you_mean_keyword(k),
            None => syntax::check_brackets(),
        },
        None => syntax::check_brackets(),
    };
    let span = match word {
        Some(w) => Span::new(span.start, span.start + w.len()),
        None => span,
    };
    syntax::expected(expected.clone())
        .label(span, syntax::expected_here(expected))
        .help(help)
}
