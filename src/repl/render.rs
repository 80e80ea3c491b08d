//! Text the REPL prints: what-if changes, sweeps with bar charts, counterfactuals, listings.
//! Judgements and summaries are drawn by [`crate::report`], as the CLI draws them.

use crate::check::{Policy, Type, DISPLAY_DECIMALS};
use crate::diag::catalogue::table_words;
use crate::diag::catalogue::{repl_words, round_words};
use crate::diag::text::{Arg, Template, Text};
use crate::eval::{RuleResult, Status};
use crate::i18n::Lang;
use crate::report::{self, figure_text_in, margin_text, threshold_text, Summary};
use crate::syntax::ast::{RuleClass, Verdict};
use crate::value::Value;
use crate::whatif::{Changes, Counts, Draft, Need, Override, Session, Sweep, Target};
use rust_decimal::Decimal;
use std::fmt::Write as _;
use unicode_width::UnicodeWidthStr;

fn pad(text: &str, to: usize) -> String {
    let w = UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(to.saturating_sub(w)))
}

fn pad_left(text: &str, to: usize) -> String {
    let w = UnicodeWidthStr::width(text);
    format!("{}{text}", " ".repeat(to.saturating_sub(w)))
}

/// `n` things in the words of `one` (for 1) or `many`: `1 park`, `3 parks`, `3 个园区`.
fn count(n: usize, one: &'static Template, many: &'static Template) -> Text {
    Text::new(if n == 1 { one } else { many }, vec![n.into()])
}

/// `1 park`, `17 parks`.
pub(super) fn parks_count(n: usize) -> Text {
    count(
        n,
        &repl_words::templates::park,
        &repl_words::templates::parks,
    )
}

/// `, 2 rejected` after a count of parks, when records could not be read; nothing otherwise.
pub(super) fn rejected_note(rejected: usize) -> Arg {
    if rejected == 0 {
        Arg::Plain(String::new())
    } else {
        repl_words::rejected_note(rejected).into()
    }
}

fn tier_name(policy: &Policy, tier: Option<usize>) -> String {
    tier.and_then(|t| policy.tiers.get(t))
        .map_or_else(|| "?".into(), |t| t.name.clone())
}

fn park_name(session: &Session, park: usize) -> String {
    session
        .parks()
        .get(park)
        .map_or_else(|| format!("#{}", park + 1), |p| p.name.clone())
}

/// `#1  eligible      示范基地  名称  place`, one line per park.
pub fn parks(session: &Session, colour: bool, lang: Lang) -> String {
    let policy = session.policy();
    let mut out = String::new();
    let name_w = session
        .parks()
        .iter()
        .map(|p| UnicodeWidthStr::width(p.name.as_str()))
        .max()
        .unwrap_or(0);
    let tier_w = policy
        .tiers
        .iter()
        .map(|t| UnicodeWidthStr::width(t.name.as_str()))
        .max()
        .unwrap_or(0);
    let edited: Vec<usize> = session
        .overrides()
        .iter()
        .filter_map(|o| match o.target {
            Target::Figure { park, .. } => Some(park),
            _ => None,
        })
        .collect();
    for (i, ((p, v), tier)) in session
        .parks()
        .iter()
        .zip(session.verdicts())
        .zip(session.tiers())
        .enumerate()
    {
        let verdict = v.word(lang);
        let verdict = if colour {
            let code = match v {
                Verdict::Eligible => "32",
                Verdict::NotEligible => "31",
                Verdict::Undetermined => "33",
            };
            format!("\u{1b}[{code}m{}\u{1b}[0m", pad(verdict, 12))
        } else {
            pad(verdict, 12)
        };
        let mark = if edited.contains(&i) { "*" } else { " " };
        let _ = writeln!(
            out,
            "{}{mark} {verdict}  {}  {}  {}",
            pad(&format!("#{}", i + 1), 4),
            pad(&tier_name(policy, *tier), tier_w),
            pad(&p.name, name_w),
            p.place
        );
    }
    if session.parks().is_empty() {
        let _ = writeln!(out, "{}", repl_words::no_parks().render(lang));
    }
    out
}

/// Counts per tier and the most frequent blocking failures, as `jidi eval` ends.
pub fn summary(session: &Session, colour: bool, lang: Lang) -> String {
    let policy = session.policy();
    let mut s = Summary::default();
    for j in session.judgements() {
        s.add(policy, j);
    }
    for _ in 0..session.rejected() {
        s.add_rejected();
    }
    let mut out = report::table::summary(policy, &s, colour, lang)
        .trim_start_matches('\n')
        .to_string();
    let n = session.overrides().len();
    if n > 0 {
        let line = if n == 1 {
            repl_words::override_in_force()
        } else {
            repl_words::overrides_in_force(n)
        };
        let _ = writeln!(out, "{}", line.render(lang));
    }
    out
}

/// One park's judgement, as `jidi eval` (or `jidi explain`) prints it.
pub fn judgement(
    session: &Session,
    park: usize,
    explain: bool,
    colour: bool,
    lang: Lang,
) -> String {
    let (Some(j), Some(p)) = (session.judge(park), session.parks().get(park)) else {
        return String::new();
    };
    report::table::judgement(session.policy(), &j, &p.place, explain, colour, lang)
}

/// Parks for which a condition holds.
pub fn selection(session: &Session, holds: &[usize], unknown: &[usize], lang: Lang) -> String {
    let policy = session.policy();
    let total = session.parks().len();
    let head = if holds.len() == 1 {
        repl_words::selected_one(total)
    } else {
        repl_words::selected(holds.len(), total)
    };
    let mut out = format!("{}\n", head.render(lang));
    let name_w = holds
        .iter()
        .map(|&i| UnicodeWidthStr::width(park_name(session, i).as_str()))
        .max()
        .unwrap_or(0);
    for &i in holds {
        let _ = writeln!(
            out,
            "  {}  {}  {}  {}",
            pad(&format!("#{}", i + 1), 4),
            pad(&park_name(session, i), name_w),
            pad(
                &tier_name(policy, session.tiers().get(i).copied().flatten()),
                8
            ),
            session.verdicts().get(i).map_or("", |v| v.word(lang))
        );
    }
    if !unknown.is_empty() {
        let names = unknown
            .iter()
            .map(|&i| format!("#{} {}", i + 1, park_name(session, i)));
        let line = repl_words::unknown_for(unknown.len(), Arg::list(names));
        let _ = writeln!(out, "{}", line.render(lang));
    }
    out
}

/// The type of the value an override gives its target.
fn override_type(session: &Session, o: &Override) -> Option<Type> {
    let policy = session.base();
    match &o.target {
        Target::Threshold(t) => t
            .locs
            .first()
            .and_then(|l| crate::whatif::comparison(policy, *l))
            .map(|c| c.figure_ty.clone()),
        Target::Let(l) => policy.lets.get(*l).map(|d| d.ty.clone()),
        Target::Figure { input, .. } => policy.inputs.get(*input).map(|d| d.ty.clone()),
    }
}

/// The value an override gives, for people reading `lang` (`3500 万元/公顷`, `未知`).
pub(super) fn override_value(session: &Session, o: &Override, lang: Lang) -> String {
    override_type(session, o).map_or_else(
        || o.shown.clone(),
        |ty| session.base().value_text_in(&o.value, &ty, lang),
    )
}

/// What an override replaces, for people reading `lang`: the value, or the policy's text.
fn override_was(session: &Session, o: &Override, lang: Lang) -> String {
    match (&o.was_value, override_type(session, o)) {
        (Some(v), Some(ty)) => session.base().value_text_in(v, &ty, lang),
        _ => o.was.clone(),
    }
}

/// What an override changes: `工业用地地均收入 [示范基地] ≥ 4000 万元/公顷 → ≥ 3500 万元/公顷`.
pub fn override_change(session: &Session, o: &Override, lang: Lang) -> String {
    let policy = session.base();
    let (was, now) = (
        override_was(session, o, lang),
        override_value(session, o, lang),
    );
    match &o.target {
        Target::Threshold(t) => {
            let op = t
                .locs
                .first()
                .and_then(|l| crate::whatif::comparison(policy, *l))
                .map_or("", |c| c.op.symbol());
            format!("{} {op} {was} → {op} {now}", t.describe(policy))
        }
        Target::Let(l) => repl_words::let_change(
            policy.lets.get(*l).map_or("?", |d| d.name.as_str()),
            was,
            now,
        )
        .render(lang),
        Target::Figure { park, input } => repl_words::figure_change(
            park_name(session, *park),
            policy.inputs.get(*input).map_or("?", |d| d.name.as_str()),
            was,
            now,
        )
        .render(lang),
    }
}

/// `override #1: 工业用地地均收入 [示范基地] ≥ 4000 万元/公顷 → ≥ 3500 万元/公顷`.
pub fn override_line(session: &Session, o: &Override, number: usize, lang: Lang) -> String {
    repl_words::override_line(number, override_change(session, o, lang)).render(lang)
}

/// The figures of a rule result: `3800 万元/公顷 vs ≥ 3500 万元/公顷, margin +300 万元/公顷`.
fn result_detail(policy: &Policy, r: &RuleResult, lang: Lang) -> String {
    let mut parts = Vec::new();
    if let Some(case) = &r.case {
        parts.push(format!("{} {case}", table_words::case(lang)));
    }
    for c in &r.checks {
        match (figure_text_in(policy, c, lang), threshold_text(policy, c)) {
            (Some(f), Some(t)) => {
                let m = margin_text(policy, c).map_or_else(String::new, |m| {
                    format!(", {} {m}", table_words::margin(lang))
                });
                let gaps = report::missing(policy, c);
                let gaps = if c.status == Status::Unknown && !gaps.is_empty() {
                    format!(" ({} {})", table_words::missing(lang), gaps.join(", "))
                } else {
                    String::new()
                };
                parts.push(format!("{f} {} {t}{m}{gaps}", table_words::vs(lang)));
            }
            _ => {
                let mut s = c.text.clone();
                if let Some(g) = report::given_text_in(policy, c, lang) {
                    s = format!("{s} ({} {g})", table_words::given(lang));
                } else if c.status == Status::Unknown {
                    let gaps = report::missing(policy, c);
                    if !gaps.is_empty() {
                        s = format!("{s} ({} {})", table_words::missing(lang), gaps.join(", "));
                    }
                }
                parts.push(s);
            }
        }
    }
    if let Some(rule) = policy.rules.get(r.rule) {
        if let Some(t) = report::trigger_text(policy, rule, r) {
            parts.push(format!("{} {t}", table_words::triggered_by(lang)));
        }
    }
    if let Some(n) = &r.note {
        parts.push(n.render(lang));
    }
    parts.join("; ")
}

fn counts_line(before: &Counts, after: &Counts, lang: Lang) -> Vec<String> {
    let mut tiers: Vec<&String> = after.tiers.iter().map(|(t, _)| t).collect();
    for (t, _) in &before.tiers {
        if !tiers.contains(&t) {
            tiers.push(t);
        }
    }
    tiers
        .into_iter()
        .map(|tier| {
            let find = |c: &Counts| {
                c.tiers
                    .iter()
                    .find(|(t, _)| t == tier)
                    .map(|(_, n)| *n)
                    .unwrap_or_default()
            };
            let (b, a) = (find(before), find(after));
            let cells: Vec<String> = [
                (Verdict::Eligible, b.eligible, a.eligible),
                (Verdict::NotEligible, b.not_eligible, a.not_eligible),
                (Verdict::Undetermined, b.undetermined, a.undetermined),
            ]
            .iter()
            .map(|(v, b, a)| {
                let v = v.word(lang);
                if a == b {
                    format!("{v} {a}")
                } else {
                    format!("{v} {b} → {a}")
                }
            })
            .collect();
            format!("  {tier}: {}", cells.join(", "))
        })
        .collect()
}

/// Which parks flip, before → after, with the rules that made the difference.
pub fn changes(session: &Session, ch: &Changes, colour: bool, lang: Lang) -> String {
    let policy = session.policy();
    let mut out = String::new();
    for line in counts_line(&ch.before, &ch.after, lang) {
        let _ = writeln!(out, "{line}");
    }
    let flips = match ch.flips.len() {
        0 => repl_words::no_flip(),
        1 => repl_words::flip_one(),
        n => repl_words::flips(n),
    };
    out.push_str(&flips.render(lang));
    if ch.quiet > 0 {
        let quiet = if ch.quiet == 1 {
            repl_words::quiet_one()
        } else {
            repl_words::quiet(ch.quiet)
        };
        out.push_str(&quiet.render(lang));
    }
    if !ch.flips.is_empty() {
        out.push_str(&repl_words::list_follows().render(lang));
    }
    out.push('\n');
    for f in &ch.flips {
        let tier = session.tiers().get(f.park).copied().flatten();
        let arrow = format!("{} → {}", f.before.word(lang), f.after.word(lang));
        let arrow = if colour {
            let code = match f.after {
                Verdict::Eligible => "32",
                Verdict::NotEligible => "31",
                Verdict::Undetermined => "33",
            };
            format!("\u{1b}[{code}m{arrow}\u{1b}[0m")
        } else {
            arrow
        };
        let _ = writeln!(
            out,
            "  #{} {} [{}]  {arrow}",
            f.park + 1,
            park_name(session, f.park),
            tier_name(policy, tier)
        );
        let mut rules: Vec<&(RuleResult, RuleResult)> = f.rules.iter().collect();
        rules.sort_by_key(|(_, a)| matches!(policy.class_of(a), Some(RuleClass::Guidance)));
        for (b, a) in rules {
            let Some(rule) = policy.rules.get(a.rule) else {
                continue;
            };
            let line = repl_words::rule_change(
                report::kind_word(rule, a, lang),
                &rule.article,
                &rule.name,
                b.status.word(lang),
                a.status.word(lang),
                result_detail(policy, a, lang),
            );
            let _ = writeln!(out, "      {}", line.render(lang));
        }
        if let Some(round) = &f.round {
            let word = round_words::round().render(lang);
            for line in report::round::lines(policy, round, false, lang) {
                let _ = writeln!(out, "      {word} {}", crate::escape::terminal(&line));
            }
        }
    }
    out
}

/// Every override in force, and what they change together against the policy as loaded.
pub fn overrides(session: &Session, colour: bool, lang: Lang) -> String {
    let list = session.overrides();
    if list.is_empty() {
        return format!("{}\n", repl_words::no_overrides().render(lang));
    }
    let mut out = String::new();
    for (i, o) in list.iter().enumerate() {
        let _ = writeln!(out, "{}", override_line(session, o, i + 1, lang));
    }
    let _ = writeln!(out, "{}", repl_words::together().render(lang));
    out.push_str(&changes(session, &session.since_loaded(), colour, lang));
    out
}

/// What `save` wrote, and the check it passed.
pub fn saved(session: &Session, draft: &Draft, name: &str, lang: Lang) -> String {
    use repl_words::templates as t;
    let mut out = String::new();
    let mut say = |text: Text| {
        let _ = writeln!(out, "{}", text.render(lang));
    };
    say(repl_words::saved(
        name,
        count(draft.edits, &t::place, &t::places),
    ));
    if let Some(p) = &draft.checked.policy {
        let warnings = draft
            .checked
            .diagnostics
            .iter()
            .filter(|d| d.severity == crate::Severity::Warning)
            .count();
        say(repl_words::save_checked(
            count(p.rules.len(), &t::rule, &t::rules),
            count(p.tiers.len(), &t::tier, &t::tiers),
            count(warnings, &t::warning, &t::warnings),
        ));
    }
    if draft.unsaved > 0 {
        say(repl_words::not_saved(count(
            draft.unsaved,
            &t::figure_override,
            &t::figure_overrides,
        )));
    }
    if draft.disagreements.is_empty() {
        say(if draft.unsaved > 0 {
            repl_words::same_verdicts_without_figures()
        } else {
            repl_words::same_verdicts()
        });
    } else {
        let names = draft.disagreements.iter().map(|&i| park_name(session, i));
        say(repl_words::judged_differently(Arg::list(names)));
    }
    if draft.edits == 0 {
        say(repl_words::nothing_edited());
    }
    out
}

fn number_text(policy: &Policy, n: Decimal, ty: &Type) -> String {
    policy.value_text(&Value::Num(n), ty)
}

const BAR: usize = 30;

/// A sweep as a table with one bar per tier.
pub fn sweep(session: &Session, sw: &Sweep, lang: Lang) -> String {
    let policy = session.policy();
    let mut out = String::new();
    let current = session.threshold_text(&sw.target);
    let unit = match &sw.unit {
        Type::Num(u) => policy.unit_text(u),
        _ => String::new(),
    };
    let unit = if unit.is_empty() {
        Arg::Plain(unit)
    } else {
        repl_words::sweep_unit(unit).into()
    };
    let head = repl_words::sweep_head(sw.target.describe(policy), sw.op.symbol(), unit, current);
    let _ = writeln!(out, "{}", head.render(lang));
    let now = sw.target.locs.first().and_then(|l| {
        match &crate::whatif::comparison(policy, *l)?.threshold {
            crate::check::IExpr::Const(Value::Num(n)) => Some(*n),
            _ => None,
        }
    });
    let labels: Vec<String> = sw
        .points
        .iter()
        .map(|p| {
            let v = p.value.round_dp(DISPLAY_DECIMALS).normalize().to_string();
            if Some(p.value) == now {
                repl_words::sweep_now(v).render(lang)
            } else {
                v
            }
        })
        .collect();
    let label_w = labels
        .iter()
        .map(|l| UnicodeWidthStr::width(l.as_str()))
        .max()
        .unwrap_or(5)
        .max(5);
    let totals: Vec<usize> = (0..sw.tiers.len())
        .map(|i| {
            sw.points
                .iter()
                .filter_map(|p| p.counts.get(i).map(|c| c.total()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut head = pad(&repl_words::sweep_value().render(lang), label_w);
    for (i, t) in sw.tiers.iter().enumerate() {
        let name = tier_name(policy, Some(*t));
        let total = totals.get(i).copied().unwrap_or(0);
        let _ = write!(
            head,
            "  {}",
            pad(&repl_words::sweep_column(name, total).render(lang), BAR + 6)
        );
    }
    let _ = writeln!(out, "{}", head.trim_end());
    for (p, label) in sw.points.iter().zip(&labels) {
        let mut row = pad(label, label_w);
        for (i, c) in p.counts.iter().enumerate() {
            let total = totals.get(i).copied().unwrap_or(0).max(1);
            let filled = (c.eligible * BAR + total / 2) / total;
            let bar = "█".repeat(filled);
            let _ = write!(
                row,
                "  {} {}",
                pad_left(&c.eligible.to_string(), 4),
                pad(&bar, BAR + 1)
            );
        }
        let _ = writeln!(out, "{}", row.trim_end());
    }
    let moved: Vec<String> = sw
        .points
        .first()
        .zip(sw.points.last())
        .map(|(a, b)| {
            a.counts
                .iter()
                .zip(&b.counts)
                .zip(&sw.tiers)
                .map(|((x, y), t)| {
                    repl_words::sweep_moved(
                        tier_name(policy, Some(*t)),
                        x.eligible,
                        y.eligible,
                        number_text(policy, a.value, &sw.unit),
                        number_text(policy, b.value, &sw.unit),
                    )
                    .render(lang)
                })
                .collect()
        })
        .unwrap_or_default();
    for m in moved {
        let _ = writeln!(out, "{m}");
    }
    out
}

/// What a park lacks, rule by rule.
pub fn lacks(session: &Session, park: usize, lang: Lang) -> String {
    let policy = session.policy();
    let Some(j) = session.judge(park) else {
        return String::new();
    };
    let name = park_name(session, park);
    let tier = tier_name(policy, j.tier);
    let needs = session.lacks(park);
    let verdict = j.verdict.word(lang);
    if needs.is_empty() {
        let line = repl_words::lacks_nothing(name, tier, verdict);
        return format!("{}\n", line.render(lang));
    }
    let head = repl_words::lacks_needs(name, tier, verdict);
    let mut out = format!("{}\n", head.render(lang));
    for need in &needs {
        match need {
            Need::Figure {
                rule,
                check,
                figure,
                needed,
                inputs,
                ..
            } => {
                let Some(def) = policy.rules.get(*rule) else {
                    continue;
                };
                let ty = check.unit_ty.clone().unwrap_or(Type::Bool);
                let op = check.op.map_or("", |o| o.symbol());
                let change = needed.checked_sub(*figure).unwrap_or_default();
                let threshold = threshold_text(policy, check).unwrap_or_default();
                let line = repl_words::lacks_figure(
                    &def.article,
                    &def.name,
                    number_text(policy, *figure, &ty),
                    number_text(policy, *needed, &ty),
                    op,
                    threshold.trim_start_matches(op).trim(),
                    signed(policy, change, &ty),
                );
                let _ = writeln!(out, "  {}", line.render(lang));
                for c in inputs {
                    let Some(input) = policy.inputs.get(c.input) else {
                        continue;
                    };
                    let change = c.to.checked_sub(c.from).unwrap_or_default();
                    let line = repl_words::lacks_input(
                        &input.name,
                        number_text(policy, c.from, &input.ty),
                        number_text(policy, c.to, &input.ty),
                        signed(policy, change, &input.ty),
                    );
                    let _ = writeln!(out, "      {}", line.render(lang));
                }
            }
            Need::Test { rule, result } => {
                let Some(def) = policy.rules.get(*rule) else {
                    continue;
                };
                let line = repl_words::lacks_test(
                    &def.article,
                    &def.name,
                    result.status.word(lang),
                    result_detail(policy, result, lang),
                );
                let _ = writeln!(out, "  {}", line.render(lang));
            }
            Need::Missing { rule, result } => {
                let Some(def) = policy.rules.get(*rule) else {
                    continue;
                };
                let line = repl_words::lacks_unknown(
                    &def.article,
                    &def.name,
                    result_detail(policy, result, lang),
                );
                let _ = writeln!(out, "  {}", line.render(lang));
            }
        }
    }
    out
}

fn signed(policy: &Policy, n: Decimal, ty: &Type) -> String {
    let text = number_text(policy, n.abs(), ty);
    if n.is_sign_negative() && !n.is_zero() {
        format!("−{text}")
    } else {
        format!("+{text}")
    }
}

/// Parks near a threshold, grouped by rule and tier, nearest first.
pub fn nearest(session: &Session, rule: Option<usize>, within: Decimal, lang: Lang) -> String {
    let policy = session.policy();
    let near = session.nearest(rule, within);
    let pct = (within * Decimal::ONE_HUNDRED).normalize();
    if near.is_empty() {
        return format!("{}\n", repl_words::nearest_none(pct).render(lang));
    }
    let mut out = format!("{}\n", repl_words::nearest_head(pct).render(lang));
    let name_w = near
        .iter()
        .map(|n| UnicodeWidthStr::width(park_name(session, n.park).as_str()))
        .max()
        .unwrap_or(0);
    let mut group: Option<(usize, usize, String)> = None;
    for n in &near {
        let key = (n.rule, n.tier, n.check.text.clone());
        if group.as_ref() != Some(&key) {
            let Some(def) = policy.rules.get(n.rule) else {
                continue;
            };
            let threshold = threshold_text(policy, &n.check).unwrap_or_default();
            let starts_with_op = ["<", ">", "=", "!", "≥", "≤", "≠"]
                .iter()
                .any(|op| n.check.text.starts_with(op));
            let test = if starts_with_op {
                threshold
            } else {
                n.check.text.clone()
            };
            let kind = def.per_tier.get(n.tier).and_then(|c| c.as_ref()).map_or(
                String::new(),
                |c| match c.kind {
                    crate::syntax::ast::RuleKind::Constraint => String::new(),
                    crate::syntax::ast::RuleKind::Guidance => {
                        repl_words::nearest_guidance().render(lang)
                    }
                },
            );
            let _ = writeln!(
                out,
                "  {} {} [{}] {test}{kind}",
                def.article,
                def.name,
                tier_name(policy, Some(n.tier))
            );
            group = Some(key);
        }
        let figure = figure_text_in(policy, &n.check, lang).unwrap_or_default();
        let margin = margin_text(policy, &n.check).unwrap_or_default();
        let rel = (n.relative * Decimal::ONE_HUNDRED).round_dp(2).normalize();
        let _ = writeln!(
            out,
            "    {}  {}  {}  {}  ({rel} %)",
            pad(&format!("#{}", n.park + 1), 4),
            pad(&park_name(session, n.park), name_w),
            figure,
            repl_words::nearest_margin(margin).render(lang)
        );
    }
    out
}
