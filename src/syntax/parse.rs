//! Lowers pest's parse tree into the AST, one function per grammar rule.

use super::ast::*;
use super::keywords::{english, english_builtin};
use super::Rule;
use crate::diag::catalogue::{bad_date, bad_duration, common, number_too_large, syntax};
use crate::diag::Diagnostic;
use crate::source::Span;
use pest::iterators::{Pair, Pairs};
use rust_decimal::Decimal;
use std::str::FromStr;

type Res<T> = Result<T, Diagnostic>;

fn name(p: &Pair<Rule>) -> Name {
    let text = match p.as_rule() {
        Rule::string => unescape(p.clone().into_inner().as_str()),
        Rule::label => {
            return p
                .clone()
                .into_inner()
                .next()
                .map_or_else(|| raw_name(p), |inner| name(&inner))
        }
        _ => p.as_str().to_string(),
    };
    Name {
        text,
        span: span_of(p),
    }
}

/// The span of a pair without the whitespace and comments pest keeps at its end.
fn span_of(p: &Pair<Rule>) -> Span {
    let s = p.as_span();
    let text = s.as_str();
    let mut end = text.len();
    // Most pairs (names, numbers) end in neither a blank nor a comment: no `/`, nothing to strip.
    if !text.ends_with(char::is_whitespace) && !text.as_bytes().contains(&b'/') {
        return Span::new(s.start(), s.start() + end);
    }
    // Trailing comments are part of the implicit whitespace; strip them with the blanks.
    loop {
        let trimmed = text.get(..end).unwrap_or("").trim_end();
        end = trimmed.len();
        // A trailing comment starts on the last line: only that line is searched.
        let last_line = memchr::memrchr(b'\n', trimmed.as_bytes()).map_or(0, |n| n + 1);
        let line = trimmed.as_bytes().get(last_line..).unwrap_or_default();
        let mut comment = None;
        let mut before = line.len();
        while let Some(slash) = line.get(..before).and_then(|l| memchr::memrchr(b'/', l)) {
            match slash.checked_sub(1) {
                Some(i) if line.get(i) == Some(&b'/') => {
                    comment = Some(last_line + i);
                    break;
                }
                _ => before = slash,
            }
        }
        match comment {
            Some(i)
                if !crate::scan::in_string(trimmed, i, crate::scan::STRINGS)
                    && trimmed
                        .get(..i)
                        .is_some_and(|b| b.ends_with(char::is_whitespace)) =>
            {
                end = i
            }
            _ => break,
        }
    }
    Span::new(
        s.start(),
        s.start() + end.max(usize::from(text.is_empty())).min(text.len()),
    )
}

fn raw_name(p: &Pair<Rule>) -> Name {
    Name {
        text: p.as_str().to_string(),
        span: span_of(p),
    }
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn bad(p: &Pair<Rule>, what: &str) -> Diagnostic {
    syntax::unexpected(what)
        .label(span_of(p), common::here())
        .help(syntax::not_valid_here())
}

fn decimal(p: &Pair<Rule>) -> Res<Decimal> {
    exact_decimal(p.as_str()).ok_or(()).map_err(|_| {
        number_too_large::not_representable(p.as_str())
            .label(span_of(p), number_too_large::too_many_digits())
            .help(number_too_large::at_most_28_digits())
    })
}

/// The decimal a literal writes, if it has one exactly: rust_decimal silently rounds literals with
/// more than 28 significant digits, which would make a threshold differ from the measure's.
fn exact_decimal(text: &str) -> Option<Decimal> {
    let d = Decimal::from_str(text).ok()?;
    let decimals = text.split_once('.').map_or(0, |(_, f)| f.len());
    (d.scale() as usize == decimals).then_some(d)
}

fn date(p: &Pair<Rule>) -> Res<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(p.as_str(), "%Y-%m-%d").map_err(|_| {
        bad_date::not_a_date(p.as_str())
            .label(span_of(p), bad_date::no_such_day())
            .help(bad_date::write_date())
    })
}

/// The items of a parsed policy, and the errors of those that cannot be read (a date that is no
/// day, a number too large); the items that can are kept.
pub(super) fn policy(mut pairs: Pairs<Rule>) -> (PolicyAst, Vec<Diagnostic>) {
    let mut ast = PolicyAst::default();
    let mut errors = Vec::new();
    let Some(top) = pairs.next() else {
        return (ast, errors);
    };
    for p in top.into_inner() {
        if p.as_rule() == Rule::EOI {
            continue;
        }
        match item(p) {
            Ok(it) => ast.items.push(it),
            Err(e) => errors.push(e),
        }
    }
    (ast, errors)
}

fn item(p: Pair<Rule>) -> Res<Item> {
    let span: Span = span_of(&p);
    Ok(match p.as_rule() {
        Rule::measure_decl => Item::Measure(measure(p, span)?),
        Rule::unit_decl => Item::Unit(unit_decl(p, span)?),
        Rule::enum_decl => Item::Enum(enum_decl(p, span)),
        Rule::set_decl => {
            let mut it = p.into_inner();
            let n = next(&mut it, span)?;
            let lit = next(&mut it, span)?;
            Item::Set(SetDecl {
                name: name(&n),
                members: lit.into_inner().map(expr).collect::<Res<_>>()?,
                span,
            })
        }
        Rule::record_decl => {
            let mut it = p.into_inner();
            let n = next(&mut it, span)?;
            let fields = it.map(field_decl).collect::<Res<_>>()?;
            Item::Record(RecordDecl {
                name: name(&n),
                fields,
                span,
            })
        }
        Rule::tier_decl => {
            let mut it = p.into_inner();
            let n = next(&mut it, span)?;
            let title = it
                .find(|a| a.as_rule() == Rule::title_attr)
                .and_then(|a| a.into_inner().next())
                .map(|s| name(&s));
            Item::Tier(TierDecl {
                name: name(&n),
                title,
                span,
            })
        }
        Rule::input_decl => Item::Input(input_decl(p, span)?),
        Rule::let_decl => Item::Let(let_decl(p, span)?),
        Rule::article_decl => {
            let mut it = p.into_inner();
            let label = name(&next(&mut it, span)?);
            let mut quotes = Vec::new();
            let mut items = Vec::new();
            for a in it {
                if a.as_rule() == Rule::quote_attr {
                    quotes.push(inner_name(a)?);
                } else {
                    items.push(item(a)?);
                }
            }
            Item::Article(ArticleDecl {
                label,
                quotes,
                items,
                span,
            })
        }
        Rule::assume_decl => Item::Assume(assume(p, span)?),
        Rule::decision_decl => Item::Decision(decision(p, span)?),
        Rule::indicator_decl => Item::Rule(RuleDecl::Indicator(Box::new(indicator(p, span)?))),
        Rule::condition_decl => Item::Rule(RuleDecl::Condition(gate(p, span)?)),
        Rule::calendar_decl => Item::Calendar(inner_name(p)?),
        Rule::stars_decl => {
            let mut it = p.into_inner();
            let n = name(&next(&mut it, span)?);
            let mut weights = Vec::new();
            let mut bands = Vec::new();
            let mut points = Vec::new();
            let mut unknown_fails = false;
            let mut otherwise = Decimal::ONE;
            for part in it {
                let pspan = span_of(&part);
                let rule = part.as_rule();
                let mut inner = part.into_inner();
                match rule {
                    Rule::stars_weight => {
                        let group = name(&next(&mut inner, pspan)?);
                        weights.push((group, decimal(&next(&mut inner, pspan)?)?));
                    }
                    Rule::stars_band => {
                        let stars = decimal(&next(&mut inner, pspan)?)?;
                        bands.push((stars, decimal(&next(&mut inner, pspan)?)?, pspan));
                    }
                    Rule::stars_points => points.push(points_decl(inner, pspan)?),
                    Rule::stars_unknown => unknown_fails = true,
                    _ => otherwise = decimal(&next(&mut inner, pspan)?)?,
                }
            }
            Item::Stars(StarsDecl {
                name: n,
                weights,
                bands,
                otherwise,
                points,
                unknown_fails,
                span,
            })
        }
        Rule::notice_decl => {
            let mut it = p.into_inner();
            let n = name(&next(&mut it, span)?);
            let count = next(&mut it, span)?;
            let working_days: u32 = count.as_str().parse().map_err(|_| {
                bad_duration::not_whole_days(count.as_str())
                    .label(span_of(&count), common::here())
                    .help(bad_duration::write_whole_days())
            })?;
            let _unit = next(&mut it, span)?;
            let start_counts = it
                .next()
                .is_some_and(|r| english(r.as_str()) == "included_start");
            Item::Notice(NoticeDecl {
                name: n,
                working_days,
                start_counts,
                span,
            })
        }
        Rule::lifecycle_decl => Item::Lifecycle(LifecycleDecl {
            items: p.into_inner().map(item).collect::<Res<_>>()?,
            span,
        }),
        Rule::life_article => {
            let mut it = p.into_inner();
            let label = name(&next(&mut it, span)?);
            let mut quotes = Vec::new();
            let mut items = Vec::new();
            for a in it {
                if a.as_rule() == Rule::quote_attr {
                    quotes.push(inner_name(a)?);
                } else {
                    items.push(item(a)?);
                }
            }
            Item::Article(ArticleDecl {
                label,
                quotes,
                items,
                span,
            })
        }
        Rule::state_decl => {
            let mut it = p.into_inner();
            let n = name(&next(&mut it, span)?);
            let status = match english(next(&mut it, span)?.as_str()) {
                "pending" => BaseStatus::Pending,
                "active" => BaseStatus::Active,
                "revoked" => BaseStatus::Revoked,
                "lapsed" => BaseStatus::Lapsed,
                _ => BaseStatus::Excluded,
            };
            Item::State(StateDecl {
                name: n,
                status,
                holds: it.next().map(|t| name(&t)),
                span,
            })
        }
        Rule::term_decl => Item::Life(Box::new(LifeRule::Term(Box::new(term(p, span)?)))),
        Rule::transition_decl => Item::Life(Box::new(LifeRule::Transition(transition(p, span)?))),
        Rule::assessment_decl => {
            let mut it = p.into_inner();
            Item::Life(Box::new(LifeRule::Assessment(AssessmentDecl {
                name: name(&next(&mut it, span)?),
                var: name(&next(&mut it, span)?),
                over: expr(next(&mut it, span)?)?,
                on: expr(next(&mut it, span)?)?,
                passes: expr(next(&mut it, span)?)?,
                span,
            })))
        }
        Rule::next_decl => {
            let mut it = p.into_inner();
            let n = name(&next(&mut it, span)?);
            let value = expr(next(&mut it, span)?)?;
            Item::Life(Box::new(LifeRule::Next {
                name: n,
                value,
                span,
            }))
        }
        Rule::require_decl => {
            let mut it = p.into_inner();
            let field = name(&next(&mut it, span)?);
            let test = expr(next(&mut it, span)?)?;
            Item::Life(Box::new(LifeRule::Require { field, test, span }))
        }
        Rule::list_decl => {
            let mut it = p.into_inner();
            let n = name(&next(&mut it, span)?);
            let test = expr(next(&mut it, span)?)?;
            Item::Life(Box::new(LifeRule::List {
                name: n,
                test,
                span,
            }))
        }
        Rule::suspend_decl => {
            let mut it = p.into_inner();
            let n = name(&next(&mut it, span)?);
            let city = expr(next(&mut it, span)?)?;
            let year = expr(next(&mut it, span)?)?;
            let when = it.next().map(expr).transpose()?;
            Item::Life(Box::new(LifeRule::Suspend(SuspendDecl {
                name: n,
                city,
                year,
                when,
                span,
            })))
        }
        Rule::veto_decl => Item::Rule(RuleDecl::Veto(gate(p, span)?)),
        Rule::exception_decl => {
            let mut it = p.into_inner();
            let n = name(&next(&mut it, span)?);
            let target = name(&next(&mut it, span)?);
            let when = expr(next(&mut it, span)?)?;
            let body_pair = next(&mut it, span)?;
            let bspan = span_of(&body_pair);
            let parts: Vec<Pair<Rule>> = body_pair.into_inner().collect();
            let body = match parts.first().map(Pair::as_rule) {
                Some(Rule::waived) => ExceptionBody::Waived(bspan),
                Some(Rule::expr) => {
                    let e = parts.into_iter().next().ok_or_else(|| bad_span(bspan))?;
                    ExceptionBody::Test(expr(e)?)
                }
                _ => ExceptionBody::Rules(
                    parts
                        .into_iter()
                        .map(|r| {
                            let rspan = span_of(&r);
                            tier_rule(r, rspan)
                        })
                        .collect::<Res<_>>()?,
                ),
            };
            Item::Exception(Box::new(ExceptionDecl {
                name: n,
                target,
                when,
                body,
                span,
            }))
        }
        Rule::binding_decl => Item::Binding(Box::new(binding(p, span)?)),
        Rule::table_decl => {
            let mut it = p.into_inner();
            let n = name(&next(&mut it, span)?);
            let value_ty = simple_type(next(&mut it, span)?, span)?;
            let key_ty = simple_type(next(&mut it, span)?, span)?;
            let rows = it
                .map(|row| {
                    let rspan = span_of(&row);
                    let mut parts = row.into_inner();
                    let key = name(&next(&mut parts, rspan)?);
                    Ok((key, expr(next(&mut parts, rspan)?)?))
                })
                .collect::<Res<_>>()?;
            Item::Table(TableDecl {
                name: n,
                value_ty,
                key_ty,
                rows,
                span,
            })
        }
        Rule::round_decl => Item::Round(Box::new(round(p, span)?)),
        _ => return Err(bad(&p, "item")),
    })
}

/// `quota NAME at most 3 per G ranked by X descending ties by Y { applies when … }`.
fn round(p: Pair<Rule>, span: Span) -> Res<RoundDecl> {
    let mut it = p.into_inner();
    let n = name(&next(&mut it, span)?);
    let bound = match next(&mut it, span)?
        .into_inner()
        .next()
        .map(|b| b.as_rule())
    {
        Some(Rule::top_bound) => RoundBound::Top,
        Some(Rule::about_bound) => RoundBound::About,
        _ => RoundBound::AtMost,
    };
    let limit_pair = next(&mut it, span)?;
    let mut limit_span = span_of(&limit_pair);
    let limit = decimal(&limit_pair)?;
    let mut share = false;
    let (mut per, mut ranking, mut ties, mut applies) = (None, None, None, None);
    let mut descending = true;
    for part in it {
        let pspan = span_of(&part);
        match part.as_rule() {
            Rule::percent => {
                share = true;
                limit_span = Span::new(limit_span.start, pspan.end);
            }
            Rule::round_per => per = Some(expr(next(&mut part.into_inner(), pspan)?)?),
            Rule::sum => ranking = Some(expr(part)?),
            Rule::round_order => descending = english(part.as_str()) == "descending",
            Rule::round_ties => ties = Some(expr(next(&mut part.into_inner(), pspan)?)?),
            Rule::round_body => {
                if let Some(a) = part.into_inner().next() {
                    let aspan = span_of(&a);
                    applies = Some(expr(next(&mut a.into_inner(), aspan)?)?);
                }
            }
            _ => return Err(bad(&part, "quota")),
        }
    }
    let ranking = ranking.ok_or_else(|| bad_span(span))?;
    Ok(RoundDecl {
        name: n,
        bound,
        limit,
        share,
        limit_span,
        per,
        ranking,
        descending,
        ties,
        applies,
        span,
    })
}

fn next<'a>(it: &mut Pairs<'a, Rule>, span: Span) -> Res<Pair<'a, Rule>> {
    it.next().ok_or_else(|| {
        syntax::incomplete()
            .label(span, syntax::something_missing())
            .help(syntax::compare_with_example())
    })
}

fn inner_name(p: Pair<Rule>) -> Res<Name> {
    let span = span_of(&p);
    let mut it = p.into_inner();
    Ok(name(&next(&mut it, span)?))
}

fn measure(p: Pair<Rule>, span: Span) -> Res<MeasureDecl> {
    let mut it = p.into_inner();
    let mut m = MeasureDecl {
        title: name(&next(&mut it, span)?),
        version: None,
        issuer: None,
        effective: None,
        effective_range: None,
        term: None,
        repeals: Vec::new(),
        span,
    };
    for a in it {
        match a.as_rule() {
            Rule::version_attr => m.version = Some(inner_name(a)?),
            Rule::issuer_attr => m.issuer = Some(inner_name(a)?),
            Rule::repeals_attr => m.repeals.push(inner_name(a)?),
            Rule::effective_attr => {
                let aspan: Span = span_of(&a);
                let mut parts = a.into_inner();
                let v = next(&mut parts, span)?;
                let day = if v.as_rule() == Rule::date_lit {
                    Some(date(&v)?)
                } else {
                    None
                };
                m.effective = Some((day, aspan));
                if let Some(range) = parts.next() {
                    let mut bounds = range.into_inner();
                    let from = date(&next(&mut bounds, aspan)?)?;
                    let to = date(&next(&mut bounds, aspan)?)?;
                    m.effective_range = Some((from, to));
                }
            }
            Rule::term_attr => {
                let d = next(&mut a.into_inner(), span)?;
                m.term = Some(duration(d)?);
            }
            _ => return Err(bad(&a, "measure attribute")),
        }
    }
    Ok(m)
}

fn term(p: Pair<Rule>, span: Span) -> Res<TermDecl> {
    let mut it = p.into_inner();
    let n = name(&next(&mut it, span)?);
    let mut length = None;
    let mut from = None;
    let mut starts = Vec::new();
    let mut ends = Vec::new();
    let mut review = None;
    let mut renewal = None;
    let mut late = None;
    let mut failed = None;
    let mut expired = None;
    for part in it {
        let pspan = span_of(&part);
        let rule = part.as_rule();
        let mut inner = part.into_inner();
        match rule {
            Rule::term_length => {
                let l = next(&mut inner, pspan)?;
                length = Some(if l.as_rule() == Rule::calendar_length {
                    TermLength::CalendarYears(whole(&next(&mut l.into_inner(), pspan)?)?)
                } else {
                    TermLength::Anniversary(duration(l)?)
                });
            }
            Rule::term_from => from = Some(expr(next(&mut inner, pspan)?)?),
            Rule::term_starts => starts.extend(inner.map(|t| name(&t))),
            Rule::term_ends => ends.extend(inner.map(|t| name(&t))),
            Rule::term_review => {
                let var = name(&next(&mut inner, pspan)?);
                let over = expr(next(&mut inner, pspan)?)?;
                let on = expr(next(&mut inner, pspan)?)?;
                let passes = expr(next(&mut inner, pspan)?)?;
                review = Some(ReviewDecl {
                    var,
                    over,
                    on,
                    passes,
                });
            }
            Rule::term_renewal => {
                let base = match english(next(&mut inner, pspan)?.as_str()) {
                    "end" => Renewal::FromEnd,
                    _ => Renewal::FromReview,
                };
                renewal = Some((base, pspan));
            }
            Rule::term_late => late = Some(duration(next(&mut inner, pspan)?)?),
            Rule::term_failed => failed = Some(name(&next(&mut inner, pspan)?)),
            _ => expired = Some(name(&next(&mut inner, pspan)?)),
        }
    }
    let missing = |what: &str| {
        syntax::term_needs(what)
            .label(span, syntax::incomplete_term())
            .help(syntax::write_term())
    };
    if from.is_none() && starts.is_empty() {
        return Err(missing("from DATE` or `starts on TRANSITION"));
    }
    Ok(TermDecl {
        name: n,
        length: length.ok_or_else(|| missing("length"))?,
        from,
        starts,
        ends,
        review,
        renewal,
        late,
        failed,
        expired: expired.ok_or_else(|| missing("expired =>"))?,
        span,
    })
}

fn transition(p: Pair<Rule>, span: Span) -> Res<TransitionDecl> {
    let mut it = p.into_inner();
    let n = name(&next(&mut it, span)?);
    let mut part = next(&mut it, span)?;
    let mut from = Vec::new();
    if part.as_rule() == Rule::from_states {
        from = part.into_inner().map(|s| name(&s)).collect();
        part = next(&mut it, span)?;
    }
    let to = name(&part);
    let t = next(&mut it, span)?;
    let tspan = span_of(&t);
    let rule = t.as_rule();
    let mut inner = t.into_inner();
    let trigger = match rule {
        Rule::on_each => {
            let var = name(&next(&mut inner, tspan)?);
            let over = boxed(next(&mut inner, tspan)?)?;
            let mut rest = next(&mut inner, tspan)?;
            let filter = if rest.as_rule() == Rule::where_clause {
                let f = boxed(next(&mut rest.into_inner(), tspan)?)?;
                rest = next(&mut inner, tspan)?;
                Some(f)
            } else {
                None
            };
            Trigger::Each {
                var,
                over,
                filter,
                at: boxed(rest)?,
            }
        }
        Rule::on_outcome => {
            let source = name(&next(&mut inner, tspan)?);
            let outcome = match english(next(&mut inner, tspan)?.as_str()) {
                "passes" => EventOutcome::Passes,
                "failed" => EventOutcome::Failed,
                _ => EventOutcome::Expired,
            };
            Trigger::Outcome { source, outcome }
        }
        _ => Trigger::Date(expr(next(&mut inner, tspan)?)?),
    };
    let when = it.next().map(expr).transpose()?;
    Ok(TransitionDecl {
        name: n,
        from,
        to,
        trigger,
        when,
        span,
    })
}

/// `points 工业用地地均收入 { 10 when >= 6000 万元/公顷 … otherwise 0 }`.
fn points_decl(mut it: Pairs<Rule>, span: Span) -> Res<PointsDecl> {
    let indicator = name(&next(&mut it, span)?);
    let mut bands = Vec::new();
    let mut otherwise = Decimal::ZERO;
    for part in it {
        let bspan = span_of(&part);
        let rule = part.as_rule();
        let mut inner = part.into_inner();
        let points = decimal(&next(&mut inner, bspan)?)?;
        if rule == Rule::points_band {
            let op = cmp_op(&next(&mut inner, bspan)?);
            let threshold = expr(next(&mut inner, bspan)?)?;
            bands.push((points, op, threshold, bspan));
        } else {
            otherwise = points;
        }
    }
    Ok(PointsDecl {
        indicator,
        bands,
        otherwise,
        span,
    })
}

/// A whole number of periods.
fn whole(p: &Pair<Rule>) -> Res<u32> {
    p.as_str().parse().map_err(|_| {
        bad_duration::not_whole_periods(p.as_str())
            .label(span_of(p), common::here())
            .help(bad_duration::whole_periods())
    })
}

fn ratio(p: Pair<Rule>) -> Res<Ratio> {
    let span = span_of(&p);
    let mut it = p.into_inner();
    let numer = decimal(&next(&mut it, span)?)?;
    let denom = match it.next() {
        Some(d) => decimal(&d)?,
        None => Decimal::ONE,
    };
    Ok(Ratio { numer, denom, span })
}

fn unit_decl(p: Pair<Rule>, span: Span) -> Res<UnitDecl> {
    let mut it = p.into_inner();
    let n = name(&next(&mut it, span)?);
    let definition = match it.next() {
        Some(r) => Some((ratio(r)?, it.next().map(unit_expr).transpose()?)),
        None => None,
    };
    Ok(UnitDecl {
        name: n,
        definition,
        span,
    })
}

fn unit_expr(p: Pair<Rule>) -> Res<UnitExpr> {
    let span = span_of(&p);
    let mut factors = Vec::new();
    let mut exp = 1i8;
    for a in p.into_inner() {
        match a.as_rule() {
            Rule::unit_op => exp = if a.as_str() == "/" { -1 } else { 1 },
            Rule::unit_atom => factors.push((raw_name(&a), exp)),
            _ => return Err(bad(&a, "unit")),
        }
    }
    Ok(UnitExpr { factors, span })
}

fn enum_decl(p: Pair<Rule>, span: Span) -> EnumDecl {
    let mut it = p.into_inner();
    let n = it.next().map(|x| name(&x)).unwrap_or(Name {
        text: String::new(),
        span,
    });
    let values = it
        .map(|v| {
            let mut parts = v.into_inner();
            let vname = parts.next().map(|x| name(&x)).unwrap_or(Name {
                text: String::new(),
                span,
            });
            EnumValue {
                name: vname,
                aliases: parts.map(|a| name(&a)).collect(),
            }
        })
        .collect();
    EnumDecl {
        name: n,
        values,
        span,
    }
}

fn field_decl(p: Pair<Rule>) -> Res<FieldDecl> {
    let span = span_of(&p);
    let mut it = p.into_inner();
    let n = name(&next(&mut it, span)?);
    let ty = type_expr(next(&mut it, span)?)?;
    let mut optional = false;
    let mut range = None;
    for m in it {
        if m.as_rule() == Rule::range_mod {
            range = Some(range_of(m)?);
        } else {
            optional = true;
        }
    }
    Ok(FieldDecl {
        name: n,
        ty,
        optional,
        range,
    })
}

/// `range LOW..HIGH`, either bound optional.
fn range_of(m: Pair<Rule>) -> Res<(Option<Decimal>, Option<Decimal>, Span)> {
    let rspan = span_of(&m);
    let (mut low, mut high) = (None, None);
    for bound in m.into_inner() {
        let value = decimal(&next(&mut bound.clone().into_inner(), rspan)?)?;
        if bound.as_rule() == Rule::range_low {
            low = Some(value);
        } else {
            high = Some(value);
        }
    }
    Ok((low, high, rspan))
}

fn type_expr(p: Pair<Rule>) -> Res<TypeExpr> {
    let span: Span = span_of(&p);
    let inner = next(&mut p.into_inner(), span)?;
    Ok(match inner.as_rule() {
        Rule::list_type => TypeExpr::List(
            Box::new(type_expr(next(&mut inner.into_inner(), span)?)?),
            span,
        ),
        Rule::map_type => TypeExpr::Map(
            Box::new(type_expr(next(&mut inner.into_inner(), span)?)?),
            span,
        ),
        Rule::simple_type => simple_type(inner, span)?,
        _ => return Err(bad(&inner, "type")),
    })
}

/// A type that is not a list or a map: a built-in type, or a unit, enumeration or shape name.
fn simple_type(p: Pair<Rule>, span: Span) -> Res<TypeExpr> {
    let span = if p.as_str().is_empty() {
        span
    } else {
        span_of(&p)
    };
    let t = next(&mut p.into_inner(), span)?;
    Ok(match t.as_rule() {
        Rule::builtin_type => match english(t.as_str()) {
            "bool" => TypeExpr::Bool(span),
            "date" => TypeExpr::Date(span),
            "text" => TypeExpr::Text(span),
            "number" => TypeExpr::Number(span),
            "name" => TypeExpr::RecordName(span),
            _ => TypeExpr::Tier(span),
        },
        _ => TypeExpr::Named(unit_expr(t)?),
    })
}

fn input_decl(p: Pair<Rule>, span: Span) -> Res<InputDecl> {
    let mut it = p.into_inner();
    let mut d = InputDecl {
        name: name(&next(&mut it, span)?),
        ty: type_expr(next(&mut it, span)?)?,
        optional: false,
        recorded: false,
        range: None,
        span,
    };
    for m in it {
        match m.as_rule() {
            Rule::kw_optional => d.optional = true,
            Rule::kw_recorded => d.recorded = true,
            Rule::range_mod => d.range = Some(range_of(m)?),
            _ => return Err(bad(&m, "input modifier")),
        }
    }
    Ok(d)
}

fn let_decl(p: Pair<Rule>, span: Span) -> Res<LetDecl> {
    let mut it = p.into_inner();
    Ok(LetDecl {
        name: name(&next(&mut it, span)?),
        value: expr(next(&mut it, span)?)?,
        span,
    })
}

fn assume(p: Pair<Rule>, span: Span) -> Res<AssumeDecl> {
    let mut it = p.into_inner();
    Ok(AssumeDecl {
        name: name(&next(&mut it, span)?),
        text: name(&next(&mut it, span)?),
        span,
    })
}

fn tier_list(p: Pair<Rule>) -> TierList {
    let span: Span = span_of(&p);
    let items: Vec<_> = p.into_inner().collect();
    if items.iter().any(|i| i.as_rule() == Rule::kw_all) {
        TierList::All(span)
    } else {
        TierList::Named(items.iter().map(name).collect())
    }
}

fn gate(p: Pair<Rule>, span: Span) -> Res<GateDecl> {
    let mut it = p.into_inner();
    let n = name(&next(&mut it, span)?);
    let mut tiers = None;
    let mut test = None;
    for a in it {
        match a.as_rule() {
            Rule::for_tiers => tiers = Some(tier_list(next(&mut a.into_inner(), span)?)),
            _ => test = Some(expr(a)?),
        }
    }
    let test = test.ok_or_else(|| {
        syntax::gate_needs_test()
            .label(span, syntax::no_test())
            .help(syntax::write_condition())
    })?;
    Ok(GateDecl {
        name: n,
        tiers,
        test,
        span,
    })
}

fn indicator(p: Pair<Rule>, span: Span) -> Res<IndicatorDecl> {
    let mut it = p.into_inner();
    let mut d = IndicatorDecl {
        name: name(&next(&mut it, span)?),
        figure: None,
        group: None,
        cite: None,
        formerly: Vec::new(),
        quotes: Vec::new(),
        nature: None,
        scope: None,
        applies: None,
        assumptions: Vec::new(),
        rules: Vec::new(),
        span,
    };
    for a in it {
        let aspan: Span = span_of(&a);
        match a.as_rule() {
            Rule::expr => d.figure = Some(expr(a)?),
            Rule::group_attr => d.group = Some(inner_name(a)?),
            Rule::cite_attr => d.cite = Some(inner_name(a)?),
            Rule::formerly_attr => d.formerly.extend(a.into_inner().map(|n| name(&n))),
            Rule::quote_attr => d.quotes.push(inner_name(a)?),
            Rule::nature_attr => {
                let n = next(&mut a.into_inner(), aspan)?;
                let nature = if english(n.as_str()) == "qualitative" {
                    Nature::Qualitative
                } else {
                    Nature::Quantitative
                };
                d.nature = Some((nature, aspan));
            }
            Rule::scope_attr => d.scope = Some(tier_list(next(&mut a.into_inner(), aspan)?)),
            Rule::applies_attr => d.applies = Some(expr(next(&mut a.into_inner(), aspan)?)?),
            Rule::assume_decl => d.assumptions.push(assume(a, aspan)?),
            Rule::tier_rule => d.rules.push(tier_rule(a, aspan)?),
            _ => return Err(bad(&a, "indicator attribute")),
        }
    }
    Ok(d)
}

/// `binding NAME to RULE by FIELD { VALUES => EFFECT … }`.
fn binding(p: Pair<Rule>, span: Span) -> Res<BindingDecl> {
    let mut it = p.into_inner();
    let n = name(&next(&mut it, span)?);
    let target = name(&next(&mut it, span)?);
    let field = name(&next(&mut it, span)?);
    let cases = it
        .map(|case| {
            let cspan = span_of(&case);
            let mut parts: Vec<Pair<Rule>> = case.into_inner().collect();
            let effect_pair = parts.pop().ok_or_else(|| bad_span(cspan))?;
            let espan = span_of(&effect_pair);
            let inner: Vec<Pair<Rule>> = effect_pair.into_inner().collect();
            let effect = match inner.first().map(|p| (p.as_rule(), english(p.as_str()))) {
                Some((Rule::panel, _)) => BindingEffect::Panel(espan),
                Some((Rule::rule_kind, "guidance")) => {
                    BindingEffect::Kind(RuleKind::Guidance, espan)
                }
                Some((Rule::rule_kind, _)) => BindingEffect::Kind(RuleKind::Constraint, espan),
                _ => BindingEffect::Rules(
                    inner
                        .into_iter()
                        .map(|r| {
                            let rspan = span_of(&r);
                            tier_rule(r, rspan)
                        })
                        .collect::<Res<_>>()?,
                ),
            };
            Ok(BindingCase {
                values: parts.iter().map(name).collect(),
                effect,
                span: cspan,
            })
        })
        .collect::<Res<_>>()?;
    Ok(BindingDecl {
        name: n,
        target,
        field,
        cases,
        span,
    })
}

fn tier_rule(p: Pair<Rule>, span: Span) -> Res<TierRule> {
    let mut it = p.into_inner();
    let tiers = tier_list(next(&mut it, span)?);
    let kind = if english(next(&mut it, span)?.as_str()) == "guidance" {
        RuleKind::Guidance
    } else {
        RuleKind::Constraint
    };
    let crit = next(&mut next(&mut it, span)?.into_inner(), span)?;
    let criterion = match crit.as_rule() {
        Rule::branches => {
            let mut branches = Vec::new();
            let mut otherwise = None;
            for b in crit.into_inner() {
                let bspan = span_of(&b);
                let is_else = b.as_rule() == Rule::else_branch;
                let mut parts = b.into_inner();
                if is_else {
                    otherwise = Some(checks(next(&mut parts, bspan)?)?);
                } else {
                    let cond = expr(next(&mut parts, bspan)?)?;
                    branches.push((cond, checks(next(&mut parts, bspan)?)?));
                }
            }
            Criterion::Branches {
                branches,
                otherwise,
            }
        }
        _ => Criterion::Checks(checks(crit)?),
    };
    Ok(TierRule {
        tiers,
        kind,
        criterion,
        span,
    })
}

fn checks(p: Pair<Rule>) -> Res<Vec<Check>> {
    match p.as_rule() {
        Rule::checks => p.into_inner().map(check).collect(),
        _ => Ok(vec![check(p)?]),
    }
}

fn check(p: Pair<Rule>) -> Res<Check> {
    let span: Span = span_of(&p);
    let mut it = p.into_inner();
    let first = next(&mut it, span)?;
    if first.as_rule() == Rule::cmp_op {
        let op = cmp_op(&first);
        let threshold = expr(next(&mut it, span)?)?;
        Ok(Check::Against {
            op,
            threshold,
            span,
        })
    } else {
        Ok(Check::Test(expr(first)?))
    }
}

fn cmp_op(p: &Pair<Rule>) -> CmpOp {
    match p.as_str() {
        ">=" | "≥" => CmpOp::Ge,
        ">" => CmpOp::Gt,
        "<=" | "≤" => CmpOp::Le,
        "<" => CmpOp::Lt,
        "==" => CmpOp::Eq,
        _ => CmpOp::Ne,
    }
}

fn decision(p: Pair<Rule>, span: Span) -> Res<DecisionDecl> {
    let mut lines = Vec::new();
    let mut otherwise = None;
    let mut decision_name = None;
    for l in p.into_inner() {
        let lspan: Span = span_of(&l);
        match l.as_rule() {
            Rule::label => decision_name = Some(name(&l)),
            Rule::decision_line => {
                let mut it = l.into_inner();
                let v = verdict(&next(&mut it, lspan)?);
                let mut tests = Vec::new();
                for t in it {
                    if t.as_rule() == Rule::verdict_test {
                        let mut parts = t.into_inner();
                        let other = name(&next(&mut parts, lspan)?);
                        let want = verdict(&next(&mut parts, lspan)?);
                        tests.push(DecisionTest::Decision(other, want));
                        continue;
                    }
                    let mut parts = t.into_inner();
                    let class = match english(next(&mut parts, lspan)?.as_str()) {
                        "condition" => RuleClass::Condition,
                        "veto" => RuleClass::Veto,
                        "constraint" => RuleClass::Constraint,
                        _ => RuleClass::Guidance,
                    };
                    let outcome = if english(next(&mut parts, lspan)?.as_str()) == "fail" {
                        Outcome::Fail
                    } else {
                        Outcome::Unknown
                    };
                    tests.push(DecisionTest::Rules(class, outcome));
                }
                lines.push(DecisionLine {
                    verdict: v,
                    tests,
                    span: lspan,
                });
            }
            _ => {
                let v = next(&mut l.into_inner(), lspan)?;
                otherwise = Some((verdict(&v), lspan));
            }
        }
    }
    let otherwise = otherwise.ok_or_else(|| {
        syntax::decision_needs_otherwise()
            .label(span, syntax::no_otherwise())
            .help(syntax::end_with_otherwise())
    })?;
    Ok(DecisionDecl {
        name: decision_name,
        lines,
        otherwise,
        span,
    })
}

fn verdict(p: &Pair<Rule>) -> Verdict {
    match english(p.as_str()) {
        "eligible" => Verdict::Eligible,
        "not_eligible" => Verdict::NotEligible,
        _ => Verdict::Undetermined,
    }
}

fn duration(p: Pair<Rule>) -> Res<Duration> {
    let span = span_of(&p);
    let mut it = p.into_inner();
    let n = next(&mut it, span)?;
    let count: u32 = n.as_str().parse().map_err(|_| {
        bad_duration::not_whole_periods(n.as_str())
            .label(span, common::here())
            .help(bad_duration::whole_periods())
    })?;
    let unit = next(&mut it, span)?;
    Ok(match english(unit.as_str()).trim_end_matches('s') {
        "year" => Duration::Years(count),
        "month" => Duration::Months(count),
        _ => Duration::Days(count),
    })
}

fn boxed(p: Pair<Rule>) -> Res<Box<Expr>> {
    expr(p).map(Box::new)
}

/// Lowers any expression-level rule.
pub(super) fn expr(p: Pair<Rule>) -> Res<Expr> {
    let span: Span = span_of(&p);
    let rule = p.as_rule();
    let mk = |kind| Ok(Expr { kind, span });
    match rule {
        Rule::expr | Rule::primary => expr(next(&mut p.into_inner(), span)?),
        // A bracketed expression spans its brackets, so the text of anything built from it (an
        // `and` of two bracketed tests) keeps them balanced.
        Rule::paren => Ok(Expr {
            span,
            ..expr(next(&mut p.into_inner(), span)?)?
        }),
        Rule::if_expr => {
            let mut it = p.into_inner();
            let c = boxed(next(&mut it, span)?)?;
            let t = boxed(next(&mut it, span)?)?;
            let e = boxed(next(&mut it, span)?)?;
            mk(ExprKind::If(c, t, e))
        }
        Rule::quant_expr => {
            let mut it = p.into_inner();
            let quantifier = match english(next(&mut it, span)?.as_str()) {
                "any" => Quantifier::Any,
                "all" => Quantifier::All,
                "min" => Quantifier::Min,
                "max" => Quantifier::Max,
                "sum" => Quantifier::Sum,
                _ => Quantifier::Count,
            };
            let var = name(&next(&mut it, span)?);
            let over = boxed(next(&mut it, span)?)?;
            let mut rest = next(&mut it, span)?;
            let filter = if rest.as_rule() == Rule::where_clause {
                let f = boxed(next(&mut rest.into_inner(), span)?)?;
                rest = next(&mut it, span)?;
                Some(f)
            } else {
                None
            };
            let body = boxed(rest)?;
            mk(ExprKind::Quant {
                quantifier,
                var,
                over,
                filter,
                body,
            })
        }
        Rule::or_expr | Rule::and_expr => {
            let op = if rule == Rule::or_expr {
                BinOp::Or
            } else {
                BinOp::And
            };
            let mut it = p.into_inner();
            let mut acc = expr(next(&mut it, span)?)?;
            for rhs in it {
                let rhs = expr(rhs)?;
                let s = acc.span.to(rhs.span);
                acc = Expr {
                    kind: ExprKind::Binary(op, Box::new(acc), Box::new(rhs)),
                    span: s,
                };
            }
            Ok(acc)
        }
        Rule::not_expr => {
            let items: Vec<_> = p.into_inner().collect();
            let nots = items.iter().filter(|i| i.as_rule() == Rule::not_op).count();
            let Some(last) = items.into_iter().last() else {
                return Err(syntax::empty_expression().label(span, common::here()));
            };
            let mut e = expr(last)?;
            for _ in 0..nots {
                e = Expr {
                    kind: ExprKind::Not(Box::new(e)),
                    span,
                };
            }
            Ok(e)
        }
        Rule::cmp_expr => {
            let mut it = p.into_inner();
            let lhs = expr(next(&mut it, span)?)?;
            let Some(tail) = it.next() else {
                return Ok(lhs);
            };
            let tspan = span_of(&tail);
            let tail_rule = tail.as_rule();
            let mut parts = tail.into_inner();
            match tail_rule {
                Rule::cmp_bin => {
                    let op = cmp_op(&next(&mut parts, tspan)?);
                    let rhs = boxed(next(&mut parts, tspan)?)?;
                    mk(ExprKind::Binary(BinOp::Cmp(op), Box::new(lhs), rhs))
                }
                Rule::in_tail => {
                    let mut negated = false;
                    let mut set = None;
                    for x in parts {
                        if x.as_rule() == Rule::negation {
                            negated = true;
                        } else {
                            set = Some(boxed(x)?);
                        }
                    }
                    let set = set.ok_or_else(|| bad_span(tspan))?;
                    mk(ExprKind::In {
                        negated,
                        elem: Box::new(lhs),
                        set,
                    })
                }
                _ => {
                    let length = boxed(next(&mut parts, tspan)?)?;
                    let before = english(next(&mut parts, tspan)?.as_str()) == "before";
                    let anchor = boxed(next(&mut parts, tspan)?)?;
                    mk(ExprKind::Within {
                        subject: Box::new(lhs),
                        length,
                        before,
                        anchor,
                    })
                }
            }
        }
        Rule::converted => {
            let mut it = p.into_inner();
            let e = expr(next(&mut it, span)?)?;
            match it.next() {
                Some(c) => {
                    let u = unit_expr(next(&mut c.into_inner(), span)?)?;
                    mk(ExprKind::Convert(Box::new(e), u))
                }
                None => Ok(e),
            }
        }
        Rule::sum | Rule::product => {
            let mut it = p.into_inner();
            let mut acc = expr(next(&mut it, span)?)?;
            while let Some(op) = it.next() {
                let op = match op.as_str() {
                    "+" => BinOp::Add,
                    "-" => BinOp::Sub,
                    "*" => BinOp::Mul,
                    _ => BinOp::Div,
                };
                let rhs = expr(next(&mut it, span)?)?;
                let s = acc.span.to(rhs.span);
                acc = Expr {
                    kind: ExprKind::Binary(op, Box::new(acc), Box::new(rhs)),
                    span: s,
                };
            }
            Ok(acc)
        }
        Rule::unary => {
            let items: Vec<_> = p.into_inner().collect();
            let negs = items.iter().filter(|i| i.as_rule() == Rule::neg_op).count();
            let Some(last) = items.into_iter().last() else {
                return Err(bad_span(span));
            };
            let mut e = expr(last)?;
            for _ in 0..negs {
                e = Expr {
                    kind: ExprKind::Neg(Box::new(e)),
                    span,
                };
            }
            Ok(e)
        }
        Rule::postfix => {
            let mut it = p.into_inner();
            let mut acc = expr(next(&mut it, span)?)?;
            for post in it {
                let pspan: Span = span_of(&post);
                let s = acc.span.to(pspan);
                let kind = match post.as_rule() {
                    Rule::field_access => {
                        ExprKind::Field(Box::new(acc), name(&next(&mut post.into_inner(), pspan)?))
                    }
                    _ => {
                        ExprKind::Index(Box::new(acc), boxed(next(&mut post.into_inner(), pspan)?)?)
                    }
                };
                acc = Expr { kind, span: s };
            }
            Ok(acc)
        }
        Rule::quantity => {
            let mut it = p.into_inner();
            let n = decimal(&next(&mut it, span)?)?;
            let unit = it.next().map(unit_expr).transpose()?;
            mk(ExprKind::Number(n, unit))
        }
        Rule::duration => mk(ExprKind::Duration(duration(p)?)),
        Rule::date_lit => mk(ExprKind::Date(date(&p)?)),
        Rule::bool_lit => mk(ExprKind::Bool(english(p.as_str()) == "true")),
        Rule::none_lit => mk(ExprKind::None),
        Rule::as_of_lit => mk(ExprKind::AsOf),
        Rule::state_lit => mk(ExprKind::State),
        Rule::entered_lit => mk(ExprKind::Entered),
        Rule::effective_lit => mk(ExprKind::Effective),
        Rule::call => {
            let mut it = p.into_inner();
            let callee = next(&mut it, span)?;
            let args = it.map(expr).collect::<Res<_>>()?;
            let mut f = raw_name(&callee);
            let builtin = callee
                .clone()
                .into_inner()
                .next()
                .is_some_and(|c| c.as_rule() == Rule::builtin_name);
            if builtin {
                f.text = english_builtin(&f.text).to_string();
            }
            mk(ExprKind::Call(f, args))
        }
        Rule::rule_call => {
            let mut it = p.into_inner();
            let read = match english_builtin(next(&mut it, span)?.as_str()) {
                "figure" => RuleRead::Figure,
                _ => RuleRead::Passed,
            };
            let target = next(&mut next(&mut it, span)?.into_inner(), span)?;
            let group = target.as_rule() == Rule::group_target;
            let target = if group {
                name(&next(&mut target.into_inner(), span)?)
            } else {
                name(&target)
            };
            mk(ExprKind::RuleRef {
                read,
                target,
                group,
            })
        }
        Rule::string => mk(ExprKind::Text(name(&p).text)),
        Rule::ident => mk(ExprKind::Name(p.as_str().to_string())),
        Rule::set_lit => mk(ExprKind::Set(p.into_inner().map(expr).collect::<Res<_>>()?)),
        _ => Err(bad(&p, "expression")),
    }
}

fn bad_span(span: Span) -> Diagnostic {
    syntax::malformed_expression().label(span, common::here())
}
