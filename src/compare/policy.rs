//! A semantic diff of two checked policies: rules matched by name, thresholds compared after unit
//! conversion, so formatting, comments and order are never differences.

use super::canon::{render, Scope};
use crate::check::ir::{
    Branch, CheckTest, ICheck, IExpr, Policy, RuleDef, RuleRole, StarItem, TierCriterion, Type,
};
use crate::syntax::ast::{CmpOp, Duration, RuleKind};
use crate::syntax::format::one_line;
use crate::units::Unit;
use crate::value::Value;
use rust_decimal::Decimal;
use serde::Serialize;

/// One difference between two versions, with the article it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// `第九条`, `附件 指标3`, or `measure` for metadata.
    pub article: String,
    /// The rule, input, unit or attribute that changed.
    pub subject: String,
    /// What about it changed: `threshold 示范基地`, `kind 产业基地`, `added`, …
    pub aspect: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

fn change(
    article: &str,
    subject: &str,
    aspect: &str,
    old: Option<String>,
    new: Option<String>,
) -> Change {
    Change {
        article: article.to_string(),
        subject: subject.to_string(),
        aspect: aspect.to_string(),
        old,
        new,
    }
}

/// Text in English keywords with comments and all whitespace removed, so neither layout, comments
/// nor the keyword language (`indicator` / `指标`) ever counts as a change.
fn squash(s: &str) -> String {
    one_line(&crate::syntax::format::convert_keywords(
        s,
        crate::syntax::keywords::KeywordSet::En,
    ))
    .chars()
    .filter(|c| !c.is_whitespace())
    .collect()
}

/// Members of a set, in a fixed order: their order is not part of the meaning.
fn set_text(members: &[String]) -> String {
    let mut sorted = members.to_vec();
    sorted.sort();
    format!("{{ {} }}", sorted.join(", "))
}

/// An enumeration's values as written, aliases in brackets.
fn enum_text(e: &crate::check::ir::EnumDef) -> String {
    let values: Vec<String> = e
        .values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let aliases: Vec<&str> = e
                .aliases
                .iter()
                .filter(|(_, to)| usize::try_from(*to).ok() == Some(i))
                .map(|(a, _)| a.as_str())
                .collect();
            if aliases.is_empty() {
                v.clone()
            } else {
                format!("{v} ({})", aliases.join(", "))
            }
        })
        .collect();
    set_text(&values)
}

fn duration_text(d: Option<Duration>) -> Option<String> {
    d.map(|d| match d {
        Duration::Years(n) => format!("{n} years"),
        Duration::Months(n) => format!("{n} months"),
        Duration::Days(n) => format!("{n} days"),
    })
}

/// A unit in base-unit names: the factor to base units and the named dimensions.
fn base_form(p: &Policy, unit: &Unit) -> (crate::units::Rational, Vec<(String, i8)>) {
    let mut dims: Vec<(String, i8)> = unit
        .dims
        .iter()
        .map(|(id, e)| {
            let name = p
                .units
                .defs
                .get(usize::from(*id))
                .map_or("?", |d| d.name.as_str());
            (name.to_string(), *e)
        })
        .collect();
    dims.sort();
    (unit.factor, dims)
}

/// How one check reads, and — for constant thresholds on numbers — its value in base units.
struct CheckView {
    op: Option<CmpOp>,
    text: String,
    display: String,
    base: Option<(Decimal, Vec<(String, i8)>)>,
    /// The threshold in the figure's unit, and that unit, for converting the other version's.
    value: Option<(Decimal, Unit)>,
}

fn view(p: &Policy, check: &crate::check::ir::ICheck) -> CheckView {
    match &check.test {
        CheckTest::Compare(c) => {
            let op = c.op.symbol();
            let unit = match &c.figure_ty {
                Type::Num(u) => Some(u),
                _ => None,
            };
            match (c.threshold.constant_number(), unit) {
                (Some(v), Some(u)) => {
                    let (factor, dims) = base_form(p, u);
                    let shown = p.value_text(&Value::Num(v), &c.figure_ty);
                    CheckView {
                        op: Some(c.op),
                        text: squash(&check.text),
                        display: format!("{op} {shown}"),
                        base: factor.apply(v).map(|b| (b.normalize(), dims)),
                        value: Some((v, u.clone())),
                    }
                }
                _ => CheckView {
                    op: Some(c.op),
                    text: squash(&check.text),
                    display: check.text.clone(),
                    base: None,
                    value: None,
                },
            }
        }
        CheckTest::Holds(_) => CheckView {
            op: None,
            text: squash(&check.text),
            display: check.text.clone(),
            base: None,
            value: None,
        },
    }
}

fn kind_text(k: RuleKind) -> &'static str {
    match k {
        RuleKind::Constraint => "constraint",
        RuleKind::Guidance => "guidance",
    }
}

fn role_text(r: RuleRole) -> &'static str {
    match r {
        RuleRole::Condition => "condition",
        RuleRole::Veto => "veto",
        RuleRole::Indicator => "indicator",
    }
}

/// The rules of two versions paired: each old rule with its successor, then the new rules that
/// continue none.
pub fn pairs<'a>(
    old: &'a Policy,
    new: &'a Policy,
) -> Vec<(Option<&'a RuleDef>, Option<&'a RuleDef>)> {
    let mut out: Vec<(Option<&RuleDef>, Option<&RuleDef>)> = old
        .rules
        .iter()
        .map(|o| (Some(o), successor(new, o)))
        .collect();
    for n in &new.rules {
        if !out.iter().any(|(_, m)| m.is_some_and(|m| m.name == n.name)) {
            out.push((None, Some(n)));
        }
    }
    out
}

/// The enumerations the policy declares: the lifecycle's enumeration of its states is made by the
/// checker, and its states are compared as lifecycle rules.
fn declared_enums(p: &Policy) -> impl Iterator<Item = &crate::check::ir::EnumDef> {
    let states = p.lifecycle.as_deref().map(|lc| lc.state_enum as usize);
    p.enums
        .iter()
        .enumerate()
        .filter(move |(i, _)| Some(*i) != states)
        .map(|(_, e)| e)
}

/// Lists every difference from `old` to `new`.
pub fn diff(old: &Policy, new: &Policy) -> Vec<Change> {
    let mut out = Vec::new();
    diff_meta(old, new, &mut out);
    diff_units(old, new, &mut out);
    diff_named(
        "input",
        old.inputs
            .iter()
            .map(|i| (i.name.as_str(), old.type_name(&i.ty))),
        new.inputs
            .iter()
            .map(|i| (i.name.as_str(), new.type_name(&i.ty))),
        "inputs",
        "type",
        &mut out,
    );
    diff_named(
        "enumeration",
        declared_enums(old).map(|e| (e.name.as_str(), enum_text(e))),
        declared_enums(new).map(|e| (e.name.as_str(), enum_text(e))),
        "enumerations",
        "values",
        &mut out,
    );
    diff_named(
        "set",
        old.sets
            .iter()
            .map(|s| (s.name.as_str(), set_text(&s.members))),
        new.sets
            .iter()
            .map(|s| (s.name.as_str(), set_text(&s.members))),
        "sets",
        "members",
        &mut out,
    );
    diff_named(
        "tier",
        old.tiers.iter().map(|t| (t.name.as_str(), String::new())),
        new.tiers.iter().map(|t| (t.name.as_str(), String::new())),
        "tiers",
        "",
        &mut out,
    );
    diff_named(
        "let",
        old.lets
            .iter()
            .map(|l| (l.name.as_str(), one_line(text_at(old, l.value_span)))),
        new.lets
            .iter()
            .map(|l| (l.name.as_str(), one_line(text_at(new, l.value_span)))),
        "derived values",
        "value",
        &mut out,
    );
    for pair in pairs(old, new) {
        match pair {
            (Some(o), None) => out.push(change(
                &o.article,
                &o.name,
                &format!("{} removed", role_text(o.role)),
                Some(summary(old, o)),
                None,
            )),
            (None, Some(n)) => out.push(change(
                &n.article,
                &n.name,
                &format!("{} added", role_text(n.role)),
                None,
                Some(summary(new, n)),
            )),
            (Some(o), Some(n)) => {
                if n.name != o.name {
                    out.push(change(
                        &n.article,
                        &n.name,
                        "renamed",
                        Some(o.name.clone()),
                        Some(n.name.clone()),
                    ));
                }
                diff_rule(old, o, new, n, &mut out);
            }
            (None, None) => {}
        }
    }
    diff_named(
        "assumption",
        old.assumptions
            .iter()
            .map(|a| (a.name.as_str(), a.text.clone())),
        new.assumptions
            .iter()
            .map(|a| (a.name.as_str(), a.text.clone())),
        "assumptions",
        "text",
        &mut out,
    );
    diff_time(old, new, &mut out);
    let decision = |d: &crate::check::ir::Decision| {
        let lines: Vec<String> = d
            .lines
            .iter()
            .map(|(v, tests)| format!("{v:?} when {tests:?}"))
            .collect();
        format!("{} otherwise {:?}", lines.join("; "), d.otherwise)
    };
    if decision(&old.decision) != decision(&new.decision) {
        out.push(change(
            "decision",
            "decision",
            "rule",
            Some(decision(&old.decision)),
            Some(decision(&new.decision)),
        ));
    }
    diff_named(
        "decision",
        old.decisions
            .iter()
            .map(|d| (d.name.as_deref().unwrap_or(""), decision(d))),
        new.decisions
            .iter()
            .map(|d| (d.name.as_deref().unwrap_or(""), decision(d))),
        "decisions",
        "rule",
        &mut out,
    );
    out
}

/// The rule of `new` that continues `old`'s rule: the same name, or one that was `formerly` it.
pub fn successor<'a>(new: &'a Policy, old: &RuleDef) -> Option<&'a RuleDef> {
    new.rule_index(&old.name)
        .and_then(|i| new.rules.get(i))
        .or_else(|| new.rules.iter().find(|r| r.formerly.contains(&old.name)))
}

/// The time side: calendar, notices, star scheme and every lifecycle rule, matched by name.
fn diff_time(old: &Policy, new: &Policy, out: &mut Vec<Change>) {
    let calendar = |p: &Policy| {
        p.calendar.as_ref().map(|c| {
            let years: Vec<String> = c.years.keys().map(i32::to_string).collect();
            format!("{} ({})", c.file, years.join(", "))
        })
    };
    if calendar(old) != calendar(new) {
        out.push(change(
            "calendar",
            "calendar",
            "file and years",
            calendar(old),
            calendar(new),
        ));
    }
    let notices = |p: &Policy| -> Vec<(String, String, String)> {
        p.notices
            .iter()
            .map(|n| {
                let start = if n.start_counts {
                    "start day counts"
                } else {
                    "start day excluded"
                };
                (
                    n.article.clone().unwrap_or_default(),
                    n.name.clone(),
                    format!("{} working days, {start}", n.working_days),
                )
            })
            .collect()
    };
    diff_rules("notice", "notice", notices(old), notices(new), out);
    let stars = |p: &Policy| -> Vec<(String, String, String)> {
        p.stars
            .iter()
            .map(|s| {
                let graded = |i: &&StarItem| matches!(i, StarItem::Points { .. });
                let weights: Vec<String> = s
                    .items
                    .iter()
                    .filter(|i| !graded(i))
                    .map(|item| star_item_text(p, item))
                    .collect();
                let points: String = s
                    .items
                    .iter()
                    .filter(graded)
                    .map(|item| format!("; {}", star_item_text(p, item)))
                    .collect();
                let bands: Vec<String> = s
                    .bands
                    .iter()
                    .map(|(st, min)| format!("{st} from {min}"))
                    .collect();
                (
                    s.article.clone().unwrap_or_default(),
                    s.name.clone(),
                    format!(
                        "weights {}{points}; bands {}; otherwise {}{}",
                        weights.join(", "),
                        bands.join(", "),
                        s.otherwise,
                        if s.unknown_fails {
                            "; unknown is fail"
                        } else {
                            ""
                        }
                    ),
                )
            })
            .collect()
    };
    diff_rules("star scheme", "star scheme", stars(old), stars(new), out);
    let life = |p: &Policy| -> Vec<(String, String, String)> {
        let Some(lc) = p.lifecycle.as_ref() else {
            return Vec::new();
        };
        let mut v: Vec<(String, String, String)> = Vec::new();
        let art = |a: &Option<String>| a.clone().unwrap_or_else(|| "lifecycle".into());
        v.extend(lc.states.iter().enumerate().map(|(i, s)| {
            let tier = s
                .tier
                .and_then(|t| p.tiers.get(t as usize))
                .map_or_else(String::new, |t| format!(" holds {}", t.name));
            let first = if i == 0 { " (first state)" } else { "" };
            let status = format!("{:?}", s.status).to_lowercase();
            (
                "lifecycle".to_string(),
                s.name.clone(),
                format!("{status}{tier}{first}"),
            )
        }));
        v.extend(
            lc.terms
                .iter()
                .map(|t| (art(&t.article), t.name.clone(), t.source.clone())),
        );
        v.extend(
            lc.transitions
                .iter()
                .map(|t| (art(&t.article), t.name.clone(), t.source.clone())),
        );
        v.extend(
            lc.assessments
                .iter()
                .map(|a| (art(&a.article), a.name.clone(), a.source.clone())),
        );
        v.extend(
            lc.nexts
                .iter()
                .map(|t| (art(&t.article), t.name.clone(), t.source.clone())),
        );
        v.extend(
            lc.suspensions
                .iter()
                .map(|t| (art(&t.article), t.name.clone(), t.source.clone())),
        );
        v.extend(
            lc.lists
                .iter()
                .map(|t| (art(&t.article), t.name.clone(), t.source.clone())),
        );
        v.extend(lc.requires.iter().map(|t| {
            (
                art(&t.article),
                format!("require {}", t.field),
                t.text.clone(),
            )
        }));
        v.extend(lc.lets.iter().map(|l| {
            (
                "lifecycle".to_string(),
                l.name.clone(),
                one_line(text_at(p, l.value_span)),
            )
        }));
        v.extend(lc.inputs.iter().map(|i| {
            (
                "lifecycle inputs".to_string(),
                i.name.clone(),
                p.type_name(&i.ty),
            )
        }));
        v
    };
    diff_rules(
        "lifecycle rule",
        "lifecycle rule",
        life(old),
        life(new),
        out,
    );
}

/// One part of a star scheme, as `jidi diff` shows it.
fn star_item_text(p: &Policy, item: &StarItem) -> String {
    let rule = |i: &usize| p.rules.get(*i).map_or("?", |r| r.name.as_str());
    match item {
        StarItem::Group { group, weight } => format!("{group} {weight}"),
        StarItem::Indicator { rule: r, weight } => format!("{} {weight}", rule(r)),
        StarItem::Points {
            rule: r,
            bands,
            otherwise,
        } => {
            let figure_ty = p
                .rules
                .get(*r)
                .and_then(|d| d.figure.as_ref())
                .map(|(_, t)| t.clone());
            let parts: Vec<String> = bands
                .iter()
                .map(|(points, op, threshold)| {
                    let value = match threshold {
                        crate::check::ir::IExpr::Const(v) => v.clone(),
                        other => other.constant_number().map_or(Value::Unknown, Value::Num),
                    };
                    let shown = figure_ty
                        .as_ref()
                        .map_or_else(|| format!("{value:?}"), |t| p.value_text(&value, t));
                    format!("{points} when {} {shown}", op.symbol())
                })
                .collect();
            format!(
                "points {} {{ {}; otherwise {otherwise} }}",
                rule(r),
                parts.join("; ")
            )
        }
    }
}

/// `(article, name, description)` triples matched by name.
fn diff_rules(
    what: &str,
    aspect: &str,
    old: Vec<(String, String, String)>,
    new: Vec<(String, String, String)>,
    out: &mut Vec<Change>,
) {
    for (article, name, desc) in &old {
        match new.iter().find(|(_, n, _)| n == name) {
            None => out.push(change(
                article,
                name,
                &format!("{what} removed"),
                Some(desc.clone()),
                None,
            )),
            Some((a, _, d)) if squash(d) != squash(desc) => {
                out.push(change(a, name, aspect, Some(desc.clone()), Some(d.clone())))
            }
            _ => {}
        }
    }
    for (article, name, desc) in &new {
        if !old.iter().any(|(_, n, _)| n == name) {
            out.push(change(
                article,
                name,
                &format!("{what} added"),
                None,
                Some(desc.clone()),
            ));
        }
    }
}

fn text_at(p: &Policy, span: crate::source::Span) -> &str {
    p.source.text().get(span.start..span.end).unwrap_or("")
}

fn diff_meta(old: &Policy, new: &Policy, out: &mut Vec<Change>) {
    let (a, b) = (&old.meta, &new.meta);
    let fields: [(&str, Option<String>, Option<String>); 6] = [
        ("title", Some(a.title.clone()), Some(b.title.clone())),
        ("version", a.version.clone(), b.version.clone()),
        ("issuer", a.issuer.clone(), b.issuer.clone()),
        (
            "effective",
            a.effective.map(|d| d.to_string()),
            b.effective.map(|d| d.to_string()),
        ),
        ("term", duration_text(a.term), duration_text(b.term)),
        (
            "repeals",
            Some(a.repeals.join("; ")),
            Some(b.repeals.join("; ")),
        ),
    ];
    for (aspect, o, n) in fields {
        if o != n {
            out.push(change("measure", "measure", aspect, o, n));
        }
    }
}

fn diff_units(old: &Policy, new: &Policy, out: &mut Vec<Change>) {
    let describe = |p: &Policy, name: &str| {
        let id = p.units.find(name)?;
        let unit = p.units.named(id)?;
        let (factor, dims) = base_form(p, &unit);
        if factor.is_one() && dims == [(name.to_string(), 1)] {
            return Some("a base unit".to_string());
        }
        let dims: Vec<String> = dims
            .iter()
            .map(|(n, e)| {
                if *e == 1 {
                    n.clone()
                } else {
                    format!("{n}^{e}")
                }
            })
            .collect();
        Some(format!("= {factor} {}", dims.join("·")))
    };
    diff_named(
        "unit",
        old.units
            .defs
            .iter()
            .map(|d| (d.name.as_str(), describe(old, &d.name).unwrap_or_default())),
        new.units
            .defs
            .iter()
            .map(|d| (d.name.as_str(), describe(new, &d.name).unwrap_or_default())),
        "units",
        "definition",
        out,
    );
}

/// Items matched by name: added, removed, or with a different description (`aspect`).
fn diff_named<'a>(
    what: &str,
    old: impl Iterator<Item = (&'a str, String)>,
    new: impl Iterator<Item = (&'a str, String)>,
    article: &str,
    aspect: &str,
    out: &mut Vec<Change>,
) {
    let triples = |items: Vec<(&str, String)>| -> Vec<(String, String, String)> {
        items
            .into_iter()
            .map(|(n, d)| (article.to_string(), n.to_string(), d))
            .collect()
    };
    diff_rules(
        what,
        aspect,
        triples(old.collect()),
        triples(new.collect()),
        out,
    );
}

/// A one-line description of a rule for added/removed entries.
fn summary(p: &Policy, rule: &RuleDef) -> String {
    let tiers: Vec<(String, String)> = p
        .tiers
        .iter()
        .zip(&rule.per_tier)
        .filter_map(|(t, c)| {
            c.as_ref()
                .map(|c| (t.name.clone(), criterion_text(p, rule.role, c)))
        })
        .collect();
    let all_same = tiers.len() == p.tiers.len()
        && tiers
            .windows(2)
            .all(|w| w.first().map(|x| &x.1) == w.get(1).map(|x| &x.1));
    let criteria = match tiers.first() {
        Some((_, text)) if all_same => format!("all tiers: {text}"),
        _ => tiers
            .iter()
            .map(|(t, c)| format!("{t}: {c}"))
            .collect::<Vec<_>>()
            .join("; "),
    };
    match &rule.applies {
        Some((_, when)) => format!("applies when {when}; {criteria}"),
        None => criteria,
    }
}

fn criterion_text(p: &Policy, role: RuleRole, c: &TierCriterion) -> String {
    let branches: Vec<String> = c.branches.iter().map(|b| branch_text(p, b)).collect();
    match role {
        RuleRole::Indicator => format!("{} {}", kind_text(c.kind), branches.join(" / ")),
        _ => branches.join(" / "),
    }
}

fn branch_text(p: &Policy, b: &Branch) -> String {
    let checks: Vec<String> = b.checks.iter().map(|c| view(p, c).display).collect();
    match &b.guard_text {
        Some(g) => format!("when {g} => {}", checks.join("; ")),
        None => checks.join("; "),
    }
}

fn diff_rule(op: &Policy, o: &RuleDef, np: &Policy, n: &RuleDef, out: &mut Vec<Change>) {
    let article = n.article.as_str();
    let name = n.name.as_str();
    let mut attr = |aspect: &str, a: Option<String>, b: Option<String>| {
        let same = a.as_deref().map(squash) == b.as_deref().map(squash);
        if !same {
            out.push(change(article, name, aspect, a, b));
        }
    };
    attr("article", Some(o.article.clone()), Some(n.article.clone()));
    attr(
        "kind of rule",
        Some(role_text(o.role).into()),
        Some(role_text(n.role).into()),
    );
    attr("group", o.group.clone(), n.group.clone());
    attr("criterion text", o.criterion.clone(), n.criterion.clone());
    attr(
        "nature",
        o.nature.map(|x| format!("{x:?}").to_lowercase()),
        n.nature.map(|x| format!("{x:?}").to_lowercase()),
    );
    attr(
        "applies when",
        o.applies.as_ref().map(|a| a.1.clone()),
        n.applies.as_ref().map(|a| a.1.clone()),
    );
    attr(
        "figure",
        o.figure.as_ref().map(|(_, t)| op.type_name(t)),
        n.figure.as_ref().map(|(_, t)| np.type_name(t)),
    );
    // Same words, other meaning: a set, an enumeration or a unit the test reads has changed.
    if let (Some((oa, ot)), Some((na, nt))) = (&o.applies, &n.applies) {
        if squash(ot) == squash(nt) {
            meaning(
                op,
                oa,
                np,
                na,
                (article, name, &format!("applies when {nt}")),
                out,
            );
        }
    }
    let mut per_tier: Vec<(String, Vec<Change>)> = Vec::new();
    for (ti, tier) in np.tiers.iter().enumerate() {
        let old_tier = op.tier_index(&tier.name);
        let oc = old_tier
            .and_then(|i| o.per_tier.get(i))
            .and_then(Option::as_ref);
        let nc = n.per_tier.get(ti).and_then(Option::as_ref);
        let mut changes = Vec::new();
        diff_criterion((op, o), oc, (np, n), nc, &tier.name, &mut changes);
        per_tier.push((tier.name.clone(), changes));
    }
    out.extend(collapse_tiers(n.role, per_tier));
    for (ti, tier) in op.tiers.iter().enumerate() {
        if np.tier_index(&tier.name).is_none() {
            if let Some(c) = o.per_tier.get(ti).and_then(Option::as_ref) {
                out.push(change(
                    article,
                    name,
                    &format!("tier {} removed", tier.name),
                    Some(criterion_text(op, o.role, c)),
                    None,
                ));
            }
        }
    }
}

/// One entry for a change every tier shares (a condition or veto is written once for all
/// tiers), else one per tier.
fn collapse_tiers(role: RuleRole, per_tier: Vec<(String, Vec<Change>)>) -> Vec<Change> {
    let untiered = |tier: &str, changes: &[Change]| -> Vec<Change> {
        changes
            .iter()
            .map(|c| Change {
                aspect: c.aspect.replacen(tier, "\u{0}", 1),
                ..c.clone()
            })
            .collect()
    };
    let shapes: Vec<Vec<Change>> = per_tier.iter().map(|(t, c)| untiered(t, c)).collect();
    let shared = per_tier.len() > 1
        && shapes.iter().all(|c| !c.is_empty())
        && shapes.windows(2).all(|w| w.first() == w.get(1));
    match shapes.into_iter().next() {
        Some(first) if shared => {
            let all = if role == RuleRole::Indicator {
                "all tiers"
            } else {
                ""
            };
            first
                .into_iter()
                .map(|c| Change {
                    aspect: c.aspect.replace("\u{0}", all).trim().replace("  ", " "),
                    ..c
                })
                .collect()
        }
        _ => per_tier.into_iter().flat_map(|(_, c)| c).collect(),
    }
}

/// Records a change where two expressions read the same but mean different things.
fn meaning(
    op: &Policy,
    oe: &IExpr,
    np: &Policy,
    ne: &IExpr,
    (article, name, aspect): (&str, &str, &str),
    out: &mut Vec<Change>,
) {
    let a = render(Scope::selection(op), oe);
    let b = render(Scope::selection(np), ne);
    if a != b {
        out.push(change(article, name, aspect, Some(a), Some(b)));
    }
}

/// The meaning of a check, written out.
fn check_meaning(p: &Policy, c: &ICheck) -> String {
    match &c.test {
        CheckTest::Holds(e) => render(Scope::selection(p), e),
        CheckTest::Compare(cmp) => format!(
            "{} {} {}",
            render(Scope::selection(p), &cmp.figure),
            cmp.op.symbol(),
            render(Scope::selection(p), &cmp.threshold)
        ),
    }
}

/// Differences in what one tier must meet, between an old rule and its successor.
fn diff_criterion(
    (op, o): (&Policy, &RuleDef),
    oc: Option<&TierCriterion>,
    (np, n): (&Policy, &RuleDef),
    nc: Option<&TierCriterion>,
    tier: &str,
    out: &mut Vec<Change>,
) {
    let (article, name) = (n.article.as_str(), n.name.as_str());
    let (o_role, n_role) = (o.role, n.role);
    // An indicator compares thresholds; a condition or veto has one test.
    let what = if n_role == RuleRole::Indicator {
        "threshold"
    } else {
        "test"
    };
    match (oc, nc) {
        (None, None) => {}
        (None, Some(c)) => out.push(change(
            article,
            name,
            &format!("now applies to {tier}"),
            None,
            Some(criterion_text(np, n_role, c)),
        )),
        (Some(c), None) => out.push(change(
            article,
            name,
            &format!("no longer applies to {tier}"),
            Some(criterion_text(op, o_role, c)),
            None,
        )),
        (Some(a), Some(b)) => {
            if a.kind != b.kind && n_role == RuleRole::Indicator {
                out.push(change(
                    article,
                    name,
                    &format!("kind {tier}"),
                    Some(kind_text(a.kind).into()),
                    Some(kind_text(b.kind).into()),
                ));
            }
            let same_shape = a.branches.len() == b.branches.len()
                && a.branches.iter().zip(&b.branches).all(|(x, y)| {
                    x.guard_text.as_deref().map(squash) == y.guard_text.as_deref().map(squash)
                        && x.checks.len() == y.checks.len()
                });
            if !same_shape {
                out.push(change(
                    article,
                    name,
                    &format!("criterion {tier}"),
                    Some(criterion_text(op, o_role, a)),
                    Some(criterion_text(np, n_role, b)),
                ));
                return;
            }
            for (x, y) in a.branches.iter().zip(&b.branches) {
                let case = x
                    .guard_text
                    .as_ref()
                    .map_or_else(String::new, |g| format!(" when {g}"));
                if let (Some(gx), Some(gy)) = (&x.guard, &y.guard) {
                    meaning(
                        op,
                        gx,
                        np,
                        gy,
                        (article, name, &format!("case {tier}{case}")),
                        out,
                    );
                }
                for (cx, cy) in x.checks.iter().zip(&y.checks) {
                    let (vx, vy) = (view(op, cx), view(np, cy));
                    let aspect = format!("{what} {tier}{case}");
                    let same = match (&vx.base, &vy.base) {
                        (Some(bx), Some(by)) => bx == by && vx.op == vy.op,
                        _ => vx.text == vy.text,
                    };
                    if same {
                        if vx.base.is_none() {
                            let (mx, my) = (check_meaning(op, cx), check_meaning(np, cy));
                            if mx != my {
                                out.push(change(article, name, &aspect, Some(mx), Some(my)));
                            }
                        }
                        continue;
                    }
                    let new_text = match (&vx.value, &vy.value) {
                        (Some((_, ux)), Some((v, uy)))
                            if ux.same_dimension(uy)
                                || base_form(op, ux).1 == base_form(np, uy).1 =>
                        {
                            let in_old = convert_across(np, uy, *v, op, ux);
                            match in_old {
                                Some(x) if op.unit_text(ux) != np.unit_text(uy) => {
                                    format!(
                                        "{} (= {} {})",
                                        vy.display,
                                        x.round_dp(6).normalize(),
                                        op.unit_text(ux)
                                    )
                                }
                                _ => vy.display.clone(),
                            }
                        }
                        _ => vy.display.clone(),
                    };
                    out.push(change(
                        article,
                        name,
                        &aspect,
                        Some(vx.display),
                        Some(new_text),
                    ));
                }
            }
        }
    }
}

/// A figure in `from` (of policy `fp`) expressed in `to` (of policy `tp`), by base-unit names.
fn convert_across(fp: &Policy, from: &Unit, v: Decimal, tp: &Policy, to: &Unit) -> Option<Decimal> {
    let (ff, fd) = base_form(fp, from);
    let (tf, td) = base_form(tp, to);
    if fd != td {
        return None;
    }
    ff.over(tf)?.apply(v)
}
