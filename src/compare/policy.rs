//! A semantic diff of two checked policies: rules matched by name, thresholds compared after unit
//! conversion, so formatting, comments and order are never differences.

use super::canon::{render, Scope};
pub use super::change::{Aspect, Change, Criterion, Shown, Tiers};
use crate::check::ir::{
    Branch, CheckTest, ICheck, IExpr, Policy, RuleDef, RuleRole, StarItem, TierCriterion, Type,
};
use crate::diag::catalogue::{
    diff_aspects as aspects, diff_items as items, diff_lines as lines, diff_values as values,
};
use crate::diag::text::{Arg, Text};
use crate::syntax::ast::{CmpOp, Duration, RuleKind};
use crate::syntax::format::one_line;
use crate::units::Unit;
use crate::value::Value;
use rust_decimal::Decimal;

fn change(
    article: Shown,
    subject: Shown,
    aspect: Aspect,
    old: Option<Shown>,
    new: Option<Shown>,
) -> Change {
    Change {
        article,
        subject,
        aspect,
        old,
        new,
    }
}

/// A name the policy writes.
fn name(s: &str) -> Shown {
    Shown::Name(s.to_string())
}

/// Words of the catalogue.
fn words(t: Text) -> Shown {
    Shown::Words(t)
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

fn duration_text(d: Option<Duration>) -> Option<Shown> {
    d.map(|d| {
        words(match d {
            Duration::Years(n) => values::years(n),
            Duration::Months(n) => values::months(n),
            Duration::Days(n) => values::days(n),
        })
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
    display: Shown,
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
                        display: Shown::Name(format!("{op} {shown}")),
                        base: factor.apply(v).map(|b| (b.normalize(), dims)),
                        value: Some((v, u.clone())),
                    }
                }
                _ => CheckView {
                    op: Some(c.op),
                    text: squash(&check.text),
                    display: Shown::Code(check.text.clone()),
                    base: None,
                    value: None,
                },
            }
        }
        CheckTest::Holds(_) => CheckView {
            op: None,
            text: squash(&check.text),
            display: Shown::Code(check.text.clone()),
            base: None,
            value: None,
        },
    }
}

fn kind_text(k: RuleKind) -> Text {
    match k {
        RuleKind::Constraint => values::constraint(),
        RuleKind::Guidance => values::guidance(),
    }
}

fn role_text(r: RuleRole) -> Text {
    match r {
        RuleRole::Condition => values::condition(),
        RuleRole::Veto => values::veto(),
        RuleRole::Indicator => values::indicator(),
    }
}

/// A rule of a role, as `jidi diff` names it added or removed.
fn role_item(r: RuleRole) -> Text {
    match r {
        RuleRole::Condition => items::condition(),
        RuleRole::Veto => items::veto(),
        RuleRole::Indicator => items::indicator(),
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
    let typed = |p: &Policy, ty: &Type| words(p.type_text(ty));
    diff_named(
        (items::input(), aspects::type_of()),
        old.inputs
            .iter()
            .map(|i| (i.name.as_str(), typed(old, &i.ty))),
        new.inputs
            .iter()
            .map(|i| (i.name.as_str(), typed(new, &i.ty))),
        lines::inputs(),
        &mut out,
    );
    diff_named(
        (items::enumeration(), aspects::values()),
        declared_enums(old).map(|e| (e.name.as_str(), Shown::Name(enum_text(e)))),
        declared_enums(new).map(|e| (e.name.as_str(), Shown::Name(enum_text(e)))),
        lines::enumerations(),
        &mut out,
    );
    diff_named(
        (items::set(), aspects::members()),
        old.sets
            .iter()
            .map(|s| (s.name.as_str(), Shown::Name(set_text(&s.members)))),
        new.sets
            .iter()
            .map(|s| (s.name.as_str(), Shown::Name(set_text(&s.members)))),
        lines::sets(),
        &mut out,
    );
    diff_named(
        (items::tier(), crate::diag::catalogue::common::nothing()),
        old.tiers.iter().map(|t| (t.name.as_str(), name(""))),
        new.tiers.iter().map(|t| (t.name.as_str(), name(""))),
        lines::tiers(),
        &mut out,
    );
    let let_text =
        |p: &Policy, l: &crate::check::ir::LetDef| Shown::Code(one_line(text_at(p, l.value_span)));
    diff_named(
        (items::derived_value(), aspects::value()),
        old.lets.iter().map(|l| (l.name.as_str(), let_text(old, l))),
        new.lets.iter().map(|l| (l.name.as_str(), let_text(new, l))),
        lines::derived_values(),
        &mut out,
    );
    for pair in pairs(old, new) {
        match pair {
            (Some(o), None) => out.push(change(
                name(&o.article),
                name(&o.name),
                Aspect::Of(items::removed(role_item(o.role))),
                Some(summary(old, o)),
                None,
            )),
            (None, Some(n)) => out.push(change(
                name(&n.article),
                name(&n.name),
                Aspect::Of(items::added(role_item(n.role))),
                None,
                Some(summary(new, n)),
            )),
            (Some(o), Some(n)) => {
                if n.name != o.name {
                    out.push(change(
                        name(&n.article),
                        name(&n.name),
                        Aspect::Of(aspects::renamed()),
                        Some(name(&o.name)),
                        Some(name(&n.name)),
                    ));
                }
                diff_rule(old, o, new, n, &mut out);
            }
            (None, None) => {}
        }
    }
    diff_named(
        (items::assumption(), aspects::text()),
        old.assumptions
            .iter()
            .map(|a| (a.name.as_str(), Shown::Quoted(a.text.clone()))),
        new.assumptions
            .iter()
            .map(|a| (a.name.as_str(), Shown::Quoted(a.text.clone()))),
        lines::assumptions(),
        &mut out,
    );
    diff_time(old, new, &mut out);
    // The decisions as the IR holds them: compared, and shown only where they differ.
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
            words(lines::decision()),
            words(lines::decision()),
            Aspect::Of(aspects::rule()),
            Some(Shown::Name(decision(&old.decision))),
            Some(Shown::Name(decision(&new.decision))),
        ));
    }
    diff_named(
        (items::decision(), aspects::rule()),
        old.decisions
            .iter()
            .map(|d| (d.name.as_deref().unwrap_or(""), Shown::Name(decision(d)))),
        new.decisions
            .iter()
            .map(|d| (d.name.as_deref().unwrap_or(""), Shown::Name(decision(d)))),
        lines::decisions(),
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
            Shown::Name(format!("{} ({})", c.file, years.join(", ")))
        })
    };
    if calendar(old) != calendar(new) {
        out.push(change(
            words(lines::calendar()),
            words(lines::calendar()),
            Aspect::Of(aspects::file_and_years()),
            calendar(old),
            calendar(new),
        ));
    }
    let notices = |p: &Policy| -> Vec<Described> {
        p.notices
            .iter()
            .map(|n| {
                let start = if n.start_counts {
                    values::start_counts()
                } else {
                    values::start_excluded()
                };
                (
                    n.article.as_deref().map_or_else(|| name(""), name),
                    name(&n.name),
                    words(values::working_days(n.working_days, start)),
                )
            })
            .collect()
    };
    diff_rules(
        (items::notice(), items::notice()),
        notices(old),
        notices(new),
        out,
    );
    let stars = |p: &Policy| -> Vec<Described> {
        p.stars
            .iter()
            .map(|s| {
                let graded = |i: &&StarItem| matches!(i, StarItem::Points { .. });
                let weights: Vec<Text> = s
                    .items
                    .iter()
                    .filter(|i| !graded(i))
                    .map(|item| star_item_text(p, item))
                    .collect();
                let mut parts: Vec<Text> = vec![values::weights(Arg::list(weights))];
                parts.extend(
                    s.items
                        .iter()
                        .filter(graded)
                        .map(|item| star_item_text(p, item)),
                );
                let bands: Vec<Text> = s
                    .bands
                    .iter()
                    .map(|(st, min)| values::band(st, min))
                    .collect();
                parts.push(values::bands(Arg::list(bands)));
                parts.push(values::otherwise(s.otherwise));
                if s.unknown_fails {
                    parts.push(values::unknown_fails());
                }
                (
                    s.article.as_deref().map_or_else(|| name(""), name),
                    name(&s.name),
                    words(values::plain(Arg::series(parts))),
                )
            })
            .collect()
    };
    diff_rules(
        (items::star_scheme(), items::star_scheme()),
        stars(old),
        stars(new),
        out,
    );
    diff_rules(
        (items::lifecycle_rule(), items::lifecycle_rule()),
        life(old),
        life(new),
        out,
    );
}

/// Every rule of a policy's lifecycle, with its article and how it reads.
fn life(p: &Policy) -> Vec<Described> {
    let Some(lc) = p.lifecycle.as_ref() else {
        return Vec::new();
    };
    let lifecycle = || words(lines::lifecycle());
    let art = |a: &Option<String>| a.as_deref().map_or_else(lifecycle, name);
    let mut v: Vec<Described> = Vec::new();
    v.extend(lc.states.iter().enumerate().map(|(i, s)| {
        let holds = s
            .tier
            .and_then(|t| p.tiers.get(t as usize))
            .map_or_else(crate::diag::catalogue::common::nothing, |t| {
                values::holds(&t.name)
            });
        let first = if i == 0 {
            values::first_state()
        } else {
            crate::diag::catalogue::common::nothing()
        };
        (
            lifecycle(),
            name(&s.name),
            words(values::state(status_text(s.status), holds, first)),
        )
    }));
    let code = |a: &Option<String>, n: &str, source: &str| {
        (art(a), name(n), Shown::Code(source.to_string()))
    };
    v.extend(
        lc.terms
            .iter()
            .map(|t| code(&t.article, &t.name, &t.source)),
    );
    v.extend(
        lc.transitions
            .iter()
            .map(|t| code(&t.article, &t.name, &t.source)),
    );
    v.extend(
        lc.assessments
            .iter()
            .map(|a| code(&a.article, &a.name, &a.source)),
    );
    v.extend(
        lc.nexts
            .iter()
            .map(|t| code(&t.article, &t.name, &t.source)),
    );
    v.extend(
        lc.suspensions
            .iter()
            .map(|t| code(&t.article, &t.name, &t.source)),
    );
    v.extend(
        lc.lists
            .iter()
            .map(|t| code(&t.article, &t.name, &t.source)),
    );
    v.extend(lc.requires.iter().map(|t| {
        (
            art(&t.article),
            Shown::Code(format!("require {}", t.field)),
            Shown::Code(t.text.clone()),
        )
    }));
    v.extend(lc.lets.iter().map(|l| {
        (
            lifecycle(),
            name(&l.name),
            Shown::Code(one_line(text_at(p, l.value_span))),
        )
    }));
    v.extend(lc.inputs.iter().map(|i| {
        (
            words(lines::lifecycle_inputs()),
            name(&i.name),
            words(p.type_text(&i.ty)),
        )
    }));
    v
}

/// The status a state of the lifecycle reports.
fn status_text(status: crate::syntax::ast::BaseStatus) -> Text {
    use crate::syntax::ast::BaseStatus as S;
    match status {
        S::Pending => values::pending(),
        S::Active => values::active(),
        S::Revoked => values::revoked(),
        S::Lapsed => values::lapsed(),
        S::Excluded => values::excluded(),
        S::Undetermined => values::undetermined(),
    }
}

/// One part of a star scheme, as `jidi diff` shows it.
fn star_item_text(p: &Policy, item: &StarItem) -> Text {
    let rule = |i: &usize| p.rules.get(*i).map_or("?", |r| r.name.as_str());
    match item {
        StarItem::Group { group, weight } => values::plain(format!("{group} {weight}")),
        StarItem::Indicator { rule: r, weight } => values::plain(format!("{} {weight}", rule(r))),
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
            let parts: Vec<Text> = bands
                .iter()
                .map(|(points, op, threshold)| {
                    let value = match threshold {
                        crate::check::ir::IExpr::Const(v) => v.clone(),
                        other => other.constant_number().map_or(Value::Unknown, Value::Num),
                    };
                    let shown = figure_ty
                        .as_ref()
                        .map_or_else(|| format!("{value:?}"), |t| p.value_text(&value, t));
                    values::points_when(points, format!("{} {shown}", op.symbol()))
                })
                .collect();
            values::points(rule(r), Arg::series(parts), otherwise)
        }
    }
}

/// A thing the policy declares: its article, its name and how it reads.
type Described = (Shown, Shown, Shown);

/// `(article, name, description)` triples matched by name: added, removed, or described
/// differently (`aspect`).
fn diff_rules(
    (what, aspect): (Text, Text),
    old: Vec<Described>,
    new: Vec<Described>,
    out: &mut Vec<Change>,
) {
    let reads = |d: &Shown| squash(&d.json());
    for (article, name, desc) in &old {
        match new.iter().find(|(_, n, _)| n == name) {
            None => out.push(change(
                article.clone(),
                name.clone(),
                Aspect::Of(items::removed(what.clone())),
                Some(desc.clone()),
                None,
            )),
            Some((a, _, d)) if reads(d) != reads(desc) => out.push(change(
                a.clone(),
                name.clone(),
                Aspect::Of(aspect.clone()),
                Some(desc.clone()),
                Some(d.clone()),
            )),
            _ => {}
        }
    }
    for (article, name, desc) in &new {
        if !old.iter().any(|(_, n, _)| n == name) {
            out.push(change(
                article.clone(),
                name.clone(),
                Aspect::Of(items::added(what.clone())),
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
    let quoted = |s: &Option<String>| s.clone().map(Shown::Quoted);
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| Shown::Name(d.to_string()));
    let repeals = |r: &[String]| Some(Shown::Quoted(r.join("; ")));
    let fields: [(Text, Option<Shown>, Option<Shown>); 6] = [
        (
            aspects::title(),
            Some(Shown::Quoted(a.title.clone())),
            Some(Shown::Quoted(b.title.clone())),
        ),
        (aspects::version(), quoted(&a.version), quoted(&b.version)),
        (aspects::issuer(), quoted(&a.issuer), quoted(&b.issuer)),
        (aspects::effective(), date(a.effective), date(b.effective)),
        (
            aspects::term(),
            duration_text(a.term),
            duration_text(b.term),
        ),
        (aspects::repeals(), repeals(&a.repeals), repeals(&b.repeals)),
    ];
    for (aspect, o, n) in fields {
        if o != n {
            out.push(change(
                words(lines::measure()),
                words(lines::measure()),
                Aspect::Of(aspect),
                o,
                n,
            ));
        }
    }
}

fn diff_units(old: &Policy, new: &Policy, out: &mut Vec<Change>) {
    let describe = |p: &Policy, name: &str| {
        let id = p.units.find(name)?;
        let unit = p.units.named(id)?;
        let (factor, dims) = base_form(p, &unit);
        if factor.is_one() && dims == [(name.to_string(), 1)] {
            return Some(words(values::base_unit()));
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
        Some(Shown::Name(format!("= {factor} {}", dims.join("·"))))
    };
    let described =
        |p: &Policy, n: &str| describe(p, n).unwrap_or_else(|| Shown::Name(String::new()));
    diff_named(
        (items::unit(), aspects::definition()),
        old.units
            .defs
            .iter()
            .map(|d| (d.name.as_str(), described(old, &d.name))),
        new.units
            .defs
            .iter()
            .map(|d| (d.name.as_str(), described(new, &d.name))),
        lines::units(),
        out,
    );
}

/// Items matched by name: added, removed, or with a different description (`aspect`), under the
/// part of the policy that holds them (`article`).
fn diff_named<'a>(
    what: (Text, Text),
    old: impl Iterator<Item = (&'a str, Shown)>,
    new: impl Iterator<Item = (&'a str, Shown)>,
    article: Text,
    out: &mut Vec<Change>,
) {
    let triples = |items: Vec<(&str, Shown)>| -> Vec<Described> {
        items
            .into_iter()
            .map(|(n, d)| (words(article.clone()), name(n), d))
            .collect()
    };
    diff_rules(what, triples(old.collect()), triples(new.collect()), out);
}

/// A one-line description of a rule for added/removed entries.
fn summary(p: &Policy, rule: &RuleDef) -> Shown {
    let tiers: Vec<(String, Text)> = p
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
        Some((_, text)) if all_same => values::every_tier(text.clone()),
        _ => values::plain(Arg::series(
            tiers.into_iter().map(|(t, c)| values::for_tier(t, c)),
        )),
    };
    words(match &rule.applies {
        Some((_, when)) => values::applies_then(Arg::Code(when.clone()), criteria),
        None => criteria,
    })
}

fn criterion_text(p: &Policy, role: RuleRole, c: &TierCriterion) -> Text {
    let branches = c
        .branches
        .iter()
        .map(|b| branch_text(p, b))
        .reduce(values::one_of)
        .unwrap_or_else(crate::diag::catalogue::common::nothing);
    match role {
        RuleRole::Indicator => values::kind_checks(kind_text(c.kind), branches),
        _ => branches,
    }
}

fn branch_text(p: &Policy, b: &Branch) -> Text {
    let checks = Arg::series(b.checks.iter().map(|c| view(p, c).display));
    match &b.guard_text {
        Some(g) => values::branch_when(Arg::Code(g.clone()), checks),
        None => values::plain(checks),
    }
}

fn diff_rule(op: &Policy, o: &RuleDef, np: &Policy, n: &RuleDef, out: &mut Vec<Change>) {
    let (article, rule) = (name(&n.article), name(&n.name));
    let mut attr = |aspect: Text, a: Option<Shown>, b: Option<Shown>| {
        let reads = |s: &Option<Shown>| s.as_ref().map(|s| squash(&s.json()));
        if reads(&a) != reads(&b) {
            out.push(change(
                article.clone(),
                rule.clone(),
                Aspect::Of(aspect),
                a,
                b,
            ));
        }
    };
    attr(
        aspects::article(),
        Some(name(&o.article)),
        Some(name(&n.article)),
    );
    attr(
        aspects::kind_of_rule(),
        Some(words(role_text(o.role))),
        Some(words(role_text(n.role))),
    );
    attr(
        aspects::group(),
        o.group.as_deref().map(name),
        n.group.as_deref().map(name),
    );
    attr(
        aspects::criterion_text(),
        o.criterion.clone().map(Shown::Quoted),
        n.criterion.clone().map(Shown::Quoted),
    );
    let nature = |x: Option<crate::syntax::ast::Nature>| {
        x.map(|x| Shown::Code(format!("{x:?}").to_lowercase()))
    };
    attr(aspects::nature(), nature(o.nature), nature(n.nature));
    attr(
        aspects::applies_when(),
        o.applies.as_ref().map(|a| Shown::Code(a.1.clone())),
        n.applies.as_ref().map(|a| Shown::Code(a.1.clone())),
    );
    attr(
        aspects::figure(),
        o.figure.as_ref().map(|(_, t)| words(op.type_text(t))),
        n.figure.as_ref().map(|(_, t)| words(np.type_text(t))),
    );
    let (article, rule) = (n.article.as_str(), n.name.as_str());
    // Same words, other meaning: a set, an enumeration or a unit the test reads has changed.
    if let (Some((oa, ot)), Some((na, nt))) = (&o.applies, &n.applies) {
        if squash(ot) == squash(nt) {
            let aspect = Aspect::Of(aspects::applies_when_reads(Arg::Code(nt.clone())));
            meaning(op, oa, np, na, (article, rule, aspect), out);
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
                    name(article),
                    name(rule),
                    Aspect::Of(aspects::tier_removed(&tier.name)),
                    Some(words(criterion_text(op, o.role, c))),
                    None,
                ));
            }
        }
    }
}

/// One entry for a change every tier shares (a condition or veto is written once for all
/// tiers), else one per tier.
fn collapse_tiers(role: RuleRole, per_tier: Vec<(String, Vec<Change>)>) -> Vec<Change> {
    let untiered = |changes: &[Change]| -> Vec<Change> {
        changes
            .iter()
            .map(|c| match &c.aspect {
                Aspect::Tiered(what, Tiers::One(_)) => Change {
                    aspect: Aspect::Tiered(what.clone(), Tiers::Shared),
                    ..c.clone()
                },
                _ => c.clone(),
            })
            .collect()
    };
    let shapes: Vec<Vec<Change>> = per_tier.iter().map(|(_, c)| untiered(c)).collect();
    let shared = per_tier.len() > 1
        && shapes.iter().all(|c| !c.is_empty())
        && shapes.windows(2).all(|w| w.first() == w.get(1));
    match shapes.into_iter().next() {
        Some(first) if shared => first
            .into_iter()
            .map(|c| match c.aspect {
                Aspect::Tiered(what, Tiers::Shared) if role == RuleRole::Indicator => Change {
                    aspect: Aspect::Tiered(what, Tiers::All),
                    ..c
                },
                _ => c,
            })
            .collect(),
        _ => per_tier.into_iter().flat_map(|(_, c)| c).collect(),
    }
}

/// Records a change where two expressions read the same but mean different things.
fn meaning(
    op: &Policy,
    oe: &IExpr,
    np: &Policy,
    ne: &IExpr,
    (article, rule, aspect): (&str, &str, Aspect),
    out: &mut Vec<Change>,
) {
    let a = render(Scope::selection(op), oe);
    let b = render(Scope::selection(np), ne);
    if a != b {
        out.push(change(
            name(article),
            name(rule),
            aspect,
            Some(Shown::Code(a)),
            Some(Shown::Code(b)),
        ));
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
    let (article, rule) = (n.article.as_str(), n.name.as_str());
    let (o_role, n_role) = (o.role, n.role);
    let of_tier = |what: Criterion| Aspect::Tiered(what, Tiers::One(tier.to_string()));
    let mut push = |aspect: Aspect, a: Option<Shown>, b: Option<Shown>| {
        out.push(change(name(article), name(rule), aspect, a, b));
    };
    match (oc, nc) {
        (None, None) => {}
        (None, Some(c)) => push(
            of_tier(Criterion::NowApplies),
            None,
            Some(words(criterion_text(np, n_role, c))),
        ),
        (Some(c), None) => push(
            of_tier(Criterion::NoLongerApplies),
            Some(words(criterion_text(op, o_role, c))),
            None,
        ),
        (Some(a), Some(b)) => {
            if a.kind != b.kind && n_role == RuleRole::Indicator {
                push(
                    of_tier(Criterion::Kind),
                    Some(words(kind_text(a.kind))),
                    Some(words(kind_text(b.kind))),
                );
            }
            let same_shape = a.branches.len() == b.branches.len()
                && a.branches.iter().zip(&b.branches).all(|(x, y)| {
                    x.guard_text.as_deref().map(squash) == y.guard_text.as_deref().map(squash)
                        && x.checks.len() == y.checks.len()
                });
            if !same_shape {
                push(
                    of_tier(Criterion::Whole),
                    Some(words(criterion_text(op, o_role, a))),
                    Some(words(criterion_text(np, n_role, b))),
                );
                return;
            }
            for (x, y) in a.branches.iter().zip(&b.branches) {
                let case = x.guard_text.clone();
                if let (Some(gx), Some(gy)) = (&x.guard, &y.guard) {
                    let (mx, my) = (
                        render(Scope::selection(op), gx),
                        render(Scope::selection(np), gy),
                    );
                    if mx != my {
                        push(
                            of_tier(Criterion::Case(case.clone())),
                            Some(Shown::Code(mx)),
                            Some(Shown::Code(my)),
                        );
                    }
                }
                // An indicator compares thresholds; a condition or veto has one test.
                let aspect = || {
                    of_tier(if n_role == RuleRole::Indicator {
                        Criterion::Threshold(case.clone())
                    } else {
                        Criterion::Test(case.clone())
                    })
                };
                for (cx, cy) in x.checks.iter().zip(&y.checks) {
                    let (vx, vy) = (view(op, cx), view(np, cy));
                    let same = match (&vx.base, &vy.base) {
                        (Some(bx), Some(by)) => bx == by && vx.op == vy.op,
                        _ => vx.text == vy.text,
                    };
                    if same {
                        if vx.base.is_none() {
                            let (mx, my) = (check_meaning(op, cx), check_meaning(np, cy));
                            if mx != my {
                                push(aspect(), Some(Shown::Code(mx)), Some(Shown::Code(my)));
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
                                    words(values::in_old_unit(
                                        vy.display.clone(),
                                        format!(
                                            "{} {}",
                                            x.round_dp(6).normalize(),
                                            op.unit_text(ux)
                                        ),
                                    ))
                                }
                                _ => vy.display.clone(),
                            }
                        }
                        _ => vy.display.clone(),
                    };
                    push(aspect(), Some(vx.display), Some(new_text));
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
