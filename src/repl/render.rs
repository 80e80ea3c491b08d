//! Text the REPL prints: what-if changes, sweeps with bar charts, counterfactuals, listings.
//! Judgements and summaries are drawn by [`crate::report`], as the CLI draws them.

use crate::check::{Policy, Type, DISPLAY_DECIMALS};
use crate::eval::{RuleResult, Status};
use crate::report::{self, figure_text, margin_text, threshold_text, Summary};
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

pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `, 2 rejected` after a count of parks, when records could not be read; nothing otherwise.
pub(super) fn rejected_note(rejected: usize) -> String {
    if rejected == 0 {
        String::new()
    } else {
        format!(", {rejected} {}", crate::i18n::label("rejected"))
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
pub fn parks(session: &Session, colour: bool) -> String {
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
        let verdict = report::verdict_name(*v);
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
        out.push_str("no parks loaded: `add RECORDS…` reads some\n");
    }
    out
}

/// Counts per tier and the most frequent blocking failures, as `jidi eval` ends.
pub fn summary(session: &Session, colour: bool) -> String {
    let policy = session.policy();
    let mut s = Summary::default();
    for j in session.judgements() {
        s.add(policy, j);
    }
    for _ in 0..session.rejected() {
        s.add_rejected();
    }
    let mut out = report::table::summary(policy, &s, colour)
        .trim_start_matches('\n')
        .to_string();
    let n = session.overrides().len();
    if n > 0 {
        let _ = writeln!(
            out,
            "(with {} in force)",
            plural(n, "override", "overrides")
        );
    }
    out
}

/// One park's judgement, as `jidi eval` (or `jidi explain`) prints it.
pub fn judgement(session: &Session, park: usize, explain: bool, colour: bool) -> String {
    let (Some(j), Some(p)) = (session.judge(park), session.parks().get(park)) else {
        return String::new();
    };
    report::table::judgement(session.policy(), &j, &p.place, explain, colour)
}

/// Parks for which a condition holds.
pub fn selection(session: &Session, holds: &[usize], unknown: &[usize]) -> String {
    let policy = session.policy();
    let mut out = format!(
        "{} of {}:\n",
        plural(holds.len(), "park", "parks"),
        session.parks().len()
    );
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
            session
                .verdicts()
                .get(i)
                .map_or("", |v| report::verdict_name(*v))
        );
    }
    if !unknown.is_empty() {
        let names: Vec<String> = unknown
            .iter()
            .map(|&i| format!("#{} {}", i + 1, park_name(session, i)))
            .collect();
        let _ = writeln!(out, "unknown for {}: {}", unknown.len(), names.join(", "));
    }
    out
}

/// `override #1: 工业用地地均收入 [示范基地] ≥ 4000 万元/公顷 → 3500 万元/公顷`.
pub fn override_line(session: &Session, o: &Override, number: usize) -> String {
    let policy = session.base();
    let what = match &o.target {
        Target::Threshold(t) => {
            let op = t
                .locs
                .first()
                .and_then(|l| crate::whatif::comparison(policy, *l))
                .map_or("", |c| c.op.symbol());
            format!("{} {op} {} → {op} {}", t.describe(policy), o.was, o.shown)
        }
        Target::Let(l) => format!(
            "let {} = {} → {}",
            policy.lets.get(*l).map_or("?", |d| d.name.as_str()),
            o.was,
            o.shown
        ),
        Target::Figure { park, input } => format!(
            "{} {}: {} → {}",
            park_name(session, *park),
            policy.inputs.get(*input).map_or("?", |d| d.name.as_str()),
            o.was,
            o.shown
        ),
    };
    format!("override #{number}: {what}")
}

/// The figures of a rule result: `3800 万元/公顷 vs ≥ 3500 万元/公顷, margin +300 万元/公顷`.
fn result_detail(policy: &Policy, r: &RuleResult) -> String {
    let mut parts = Vec::new();
    if let Some(case) = &r.case {
        parts.push(format!("case {case}"));
    }
    for c in &r.checks {
        match (figure_text(policy, c), threshold_text(policy, c)) {
            (Some(f), Some(t)) => {
                let m =
                    margin_text(policy, c).map_or_else(String::new, |m| format!(", margin {m}"));
                let gaps = report::missing(policy, c);
                let gaps = if c.status == Status::Unknown && !gaps.is_empty() {
                    format!(" (missing {})", gaps.join(", "))
                } else {
                    String::new()
                };
                parts.push(format!("{f} vs {t}{m}{gaps}"));
            }
            _ => {
                let mut s = c.text.clone();
                if let Some(g) = report::given_text(policy, c) {
                    s = format!("{s} (given {g})");
                } else if c.status == Status::Unknown {
                    let gaps = report::missing(policy, c);
                    if !gaps.is_empty() {
                        s = format!("{s} (missing {})", gaps.join(", "));
                    }
                }
                parts.push(s);
            }
        }
    }
    if let Some(rule) = policy.rules.get(r.rule) {
        if let Some(t) = report::trigger_text(policy, rule, r) {
            parts.push(format!("triggered by {t}"));
        }
    }
    if let Some(n) = &r.note {
        parts.push(n.render(crate::i18n::lang()));
    }
    parts.join("; ")
}

fn counts_line(before: &Counts, after: &Counts) -> Vec<String> {
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
                ("eligible", b.eligible, a.eligible),
                ("not_eligible", b.not_eligible, a.not_eligible),
                ("undetermined", b.undetermined, a.undetermined),
            ]
            .iter()
            .map(|(v, b, a)| {
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
pub fn changes(session: &Session, ch: &Changes, colour: bool) -> String {
    let policy = session.policy();
    let mut out = String::new();
    for line in counts_line(&ch.before, &ch.after) {
        let _ = writeln!(out, "{line}");
    }
    if ch.flips.is_empty() {
        out.push_str("no park changes verdict");
    } else {
        let _ = write!(
            out,
            "{} verdict",
            plural(ch.flips.len(), "park changes", "parks change")
        );
    }
    if ch.quiet > 0 {
        let _ = write!(
            out,
            " ({} a rule's status, not the verdict)",
            plural(ch.quiet, "more park changes", "more parks change")
        );
    }
    out.push_str(if ch.flips.is_empty() { "\n" } else { ":\n" });
    for f in &ch.flips {
        let tier = session.tiers().get(f.park).copied().flatten();
        let arrow = format!(
            "{} → {}",
            report::verdict_name(f.before),
            report::verdict_name(f.after)
        );
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
            let _ = writeln!(
                out,
                "      {} {}  {}: {} → {} — {}",
                report::kind_name(rule, a),
                rule.article,
                rule.name,
                b.status.as_str(),
                a.status.as_str(),
                result_detail(policy, a)
            );
        }
        if let Some(round) = &f.round {
            let lang = crate::i18n::lang();
            let word = crate::diag::catalogue::round_words::round().render(lang);
            for line in report::round::lines(policy, round, false, lang) {
                let _ = writeln!(out, "      {word} {}", crate::escape::terminal(&line));
            }
        }
    }
    out
}

/// Every override in force, and what they change together against the policy as loaded.
pub fn overrides(session: &Session, colour: bool) -> String {
    let list = session.overrides();
    if list.is_empty() {
        return "no overrides: the policy and records as loaded\n".into();
    }
    let mut out = String::new();
    for (i, o) in list.iter().enumerate() {
        let _ = writeln!(out, "{}", override_line(session, o, i + 1));
    }
    out.push_str("together, against the policy as loaded:\n");
    out.push_str(&changes(session, &session.since_loaded(), colour));
    out
}

/// What `save` wrote, and the check it passed.
pub fn saved(session: &Session, draft: &Draft, name: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "saved {name}: {} edited in the policy text",
        plural(draft.edits, "place", "places")
    );
    if let Some(p) = &draft.checked.policy {
        let warnings = draft
            .checked
            .diagnostics
            .iter()
            .filter(|d| d.severity == crate::Severity::Warning)
            .count();
        let _ = writeln!(
            out,
            "checked like `jidi check`: ok — {}, {}; {}",
            plural(p.rules.len(), "rule", "rules"),
            plural(p.tiers.len(), "tier", "tiers"),
            plural(warnings, "warning", "warnings")
        );
    }
    if draft.unsaved > 0 {
        let _ = writeln!(
            out,
            "not saved: {} (records are not part of the policy)",
            plural(
                draft.unsaved,
                "park figure override",
                "park figure overrides"
            )
        );
    }
    if draft.disagreements.is_empty() {
        let _ = writeln!(
            out,
            "the saved policy gives every loaded park the session's verdict{}",
            if draft.unsaved > 0 {
                " (without the figure overrides)"
            } else {
                ""
            }
        );
    } else {
        let names: Vec<String> = draft
            .disagreements
            .iter()
            .map(|&i| park_name(session, i))
            .collect();
        let _ = writeln!(
            out,
            "warning: the saved policy judges these parks differently: {}",
            names.join(", ")
        );
    }
    if draft.edits == 0 {
        out.push_str(
            "(no threshold or let override is in force: the file is the policy as loaded)\n",
        );
    }
    out
}

fn number_text(policy: &Policy, n: Decimal, ty: &Type) -> String {
    policy.value_text(&Value::Num(n), ty)
}

const BAR: usize = 30;

/// A sweep as a table with one bar per tier.
pub fn sweep(session: &Session, sw: &Sweep) -> String {
    let policy = session.policy();
    let mut out = String::new();
    let current = session.threshold_text(&sw.target);
    let unit = match &sw.unit {
        Type::Num(u) => policy.unit_text(u),
        _ => String::new(),
    };
    let _ = writeln!(
        out,
        "sweep of {} {} X{}, now {} {current}",
        sw.target.describe(policy),
        sw.op.symbol(),
        if unit.is_empty() {
            String::new()
        } else {
            format!(" ({unit})")
        },
        sw.op.symbol()
    );
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
                format!("{v} ◀ now")
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
    let mut head = pad("value", label_w);
    for (i, t) in sw.tiers.iter().enumerate() {
        let name = tier_name(policy, Some(*t));
        let total = totals.get(i).copied().unwrap_or(0);
        let _ = write!(
            head,
            "  {}",
            pad(&format!("{name} eligible (of {total})"), BAR + 6)
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
                    format!(
                        "{}: {} → {} eligible from {} to {}",
                        tier_name(policy, Some(*t)),
                        x.eligible,
                        y.eligible,
                        number_text(policy, a.value, &sw.unit),
                        number_text(policy, b.value, &sw.unit)
                    )
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
pub fn lacks(session: &Session, park: usize) -> String {
    let policy = session.policy();
    let Some(j) = session.judge(park) else {
        return String::new();
    };
    let name = park_name(session, park);
    let tier = tier_name(policy, j.tier);
    let needs = session.lacks(park);
    if needs.is_empty() {
        return format!(
            "{name} [{tier}] is {}: no blocking rule fails or is unknown\n",
            report::verdict_name(j.verdict)
        );
    }
    let mut out = format!(
        "{name} [{tier}] is {}. All else equal, it would need:\n",
        report::verdict_name(j.verdict)
    );
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
                let _ = writeln!(
                    out,
                    "  {} {}: {} → {} (needs {op} {}, {})",
                    def.article,
                    def.name,
                    number_text(policy, *figure, &ty),
                    number_text(policy, *needed, &ty),
                    threshold_text(policy, check)
                        .unwrap_or_default()
                        .trim_start_matches(op)
                        .trim(),
                    signed(policy, change, &ty)
                );
                for c in inputs {
                    let Some(input) = policy.inputs.get(c.input) else {
                        continue;
                    };
                    let change = c.to.checked_sub(c.from).unwrap_or_default();
                    let _ = writeln!(
                        out,
                        "      or {} {} → {} ({})",
                        input.name,
                        number_text(policy, c.from, &input.ty),
                        number_text(policy, c.to, &input.ty),
                        signed(policy, change, &input.ty)
                    );
                }
            }
            Need::Test { rule, result } => {
                let Some(def) = policy.rules.get(*rule) else {
                    continue;
                };
                let _ = writeln!(
                    out,
                    "  {} {}: {} — {} (not a figure to move)",
                    def.article,
                    def.name,
                    result.status.as_str(),
                    result_detail(policy, result)
                );
            }
            Need::Missing { rule, result } => {
                let Some(def) = policy.rules.get(*rule) else {
                    continue;
                };
                let _ = writeln!(
                    out,
                    "  {} {}: unknown — {}",
                    def.article,
                    def.name,
                    result_detail(policy, result)
                );
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
pub fn nearest(session: &Session, rule: Option<usize>, within: Decimal) -> String {
    let policy = session.policy();
    let near = session.nearest(rule, within);
    let pct = (within * Decimal::ONE_HUNDRED).normalize();
    if near.is_empty() {
        return format!("no park's figure lies within {pct} % of a threshold\n");
    }
    let mut out = format!("figures within {pct} % of a threshold (|margin| ÷ threshold):\n");
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
            let kind = def
                .per_tier
                .get(n.tier)
                .and_then(|c| c.as_ref())
                .map_or("", |c| match c.kind {
                    crate::syntax::ast::RuleKind::Constraint => "",
                    crate::syntax::ast::RuleKind::Guidance => " (guidance)",
                });
            let _ = writeln!(
                out,
                "  {} {} [{}] {test}{kind}",
                def.article,
                def.name,
                tier_name(policy, Some(n.tier))
            );
            group = Some(key);
        }
        let figure = figure_text(policy, &n.check).unwrap_or_default();
        let margin = margin_text(policy, &n.check).unwrap_or_default();
        let rel = (n.relative * Decimal::ONE_HUNDRED).round_dp(2).normalize();
        let _ = writeln!(
            out,
            "    {}  {}  {}  margin {}  ({rel} %)",
            pad(&format!("#{}", n.park + 1), 4),
            pad(&park_name(session, n.park), name_w),
            figure,
            margin
        );
    }
    out
}
