//! `jidi diff OLD NEW --witness`: for each tier, and each case of the enumerations the rules
//! branch on, whether a record is eligible under one version and not the other — each witness
//! evaluated under both versions before it is shown.

use super::expr::{Enc, Res};
use super::rules::modelled;
use super::setup::{setup, Setup, Version};
use super::solver::{any, Answer, Smt, Unanswered};
use super::universe::Var;
use super::{Bounds, Direction, Options, Relation, Report, TierRelation, Witness};
use crate::check::ir::{IExpr, Policy, Type};
use crate::diag::catalogue::encoder_refuses as no;
use crate::diag::catalogue::solver_reason;
use crate::diag::text::Text;
use crate::source::{Source, Span};
use crate::syntax::ast::Verdict;
use easy_smt::SExpr;
use indexmap::IndexMap;
use serde_json::Value as Json;

/// How a revision changes each tier's eligible parks, over every record the inputs allow.
pub fn diff(old: &Policy, new: &Policy, options: &Options) -> Report {
    let mut tiers: Vec<String> = old.tiers.iter().map(|t| t.name.clone()).collect();
    for t in &new.tiers {
        if !tiers.contains(&t.name) {
            tiers.push(t.name.clone());
        }
    }
    let mut report = Report {
        tiers: Vec::new(),
        witnesses: Vec::new(),
        bounds: Bounds::of(options),
    };
    if let Err(stop) = run(old, new, options, &tiers, &mut report) {
        let why = stop.reason();
        for t in &tiers {
            if !report.tiers.iter().any(|r| &r.tier == t) {
                report.tiers.push(TierRelation {
                    tier: t.clone(),
                    case: None,
                    relation: Relation::Unknown,
                    reason: vec![why.clone()],
                });
            }
        }
    }
    report
}

/// The verdict a version gives a record (`None` when it cannot read it).
fn verdict(policy: &Policy, record: &Json) -> Option<Verdict> {
    let source = Source::new("witness", record.to_string());
    let loaded = crate::data::record(policy, &source, 0, record, Span::new(0, 0));
    loaded.record.map(|r| policy.judge(&r).verdict)
}

/// A verdict as JSON names it (`rejected` when the version cannot read the record).
fn verdict_name(verdict: Option<Verdict>) -> String {
    verdict
        .map_or("rejected", crate::report::verdict_name)
        .to_string()
}

/// A verdict for people, in any language.
fn verdict_text(verdict: Option<Verdict>) -> Text {
    match verdict {
        Some(Verdict::Eligible) => solver_reason::eligible(),
        Some(Verdict::NotEligible) => solver_reason::not_eligible(),
        Some(Verdict::Undetermined) => solver_reason::undetermined(),
        None => solver_reason::rejected(),
    }
}

/// A case of a tier: an enumeration field and one of its values (`None`: the field left out).
type Case = (String, Option<String>);

/// The enumeration fields whose values pick a rule's case (`when` guards: the sub-fields), with
/// their values.
fn cases(setup: &Setup<'_>, versions: &[Version<'_>]) -> Vec<Case> {
    let mut fields: Vec<(String, bool)> = Vec::new();
    for v in versions {
        for r in &v.policy.rules {
            let mut exprs: Vec<&IExpr> = Vec::new();
            for c in r.per_tier.iter().flatten() {
                exprs.extend(c.branches.iter().filter_map(|b| b.guard.as_ref()));
            }
            for e in exprs {
                for x in e.subexpressions() {
                    if let IExpr::Input(i) = x {
                        if let Some(d) = v.inputs.get(*i) {
                            let named = fields.iter().any(|(n, _)| *n == d.name);
                            if matches!(d.ty, Type::Enum(_)) && !named {
                                fields.push((d.name.clone(), d.optional));
                            }
                        }
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    for (name, optional) in fields {
        if let Some(Var::Code(_, names)) = setup.field(&name).map(|s| &s.var) {
            if optional {
                out.push((name.clone(), None));
            }
            out.extend(names.iter().map(|n| (name.clone(), Some(n.clone()))));
        }
    }
    out
}

/// The records of a case.
fn case_term(setup: &Setup<'_>, (field, value): &Case) -> Option<SExpr> {
    setup.universe.is_value(&setup.smt, field, value.as_deref())
}

fn case_map(case: Option<&Case>) -> Option<IndexMap<String, String>> {
    case.map(|(f, v)| {
        let mut m = IndexMap::new();
        m.insert(f.clone(), v.clone().unwrap_or_else(|| "none".into()));
        m
    })
}

fn run(
    old: &Policy,
    new: &Policy,
    options: &Options,
    tiers: &[String],
    report: &mut Report,
) -> Res<()> {
    modelled(old)?;
    modelled(new)?;
    let tier_field = |p: &Policy| p.inputs.get(p.tier_input).map(|i| i.name.clone());
    if tier_field(old) != tier_field(new) {
        return super::expr::refuse(no::tier_inputs_differ());
    }
    let tier_name = tier_field(new).unwrap_or_default();
    let smt = Smt::start(options.timeout)?;
    let versions = [Version::selection(old), Version::selection(new)];
    let mut s = setup(smt, &versions, options)?;
    // Per tier: whether each version makes a record of that tier eligible.
    let mut eligible: Vec<[SExpr; 2]> = Vec::with_capacity(tiers.len());
    let ff = s.smt.t().false_();
    eligible.resize(tiers.len(), [ff, ff]);
    // Where a rule may be decided under unknowns, as `eval` may decide it.
    let mut decided = Vec::new();
    for (k, p) in [old, new].into_iter().enumerate() {
        let Setup {
            smt,
            universe,
            scopes,
        } = &mut s;
        let Some((scope, valid)) = scopes.get(k) else {
            continue;
        };
        let mut enc = Enc::new(smt, scope, &universe.texts);
        for (ti, name) in tiers.iter().enumerate() {
            let Some(local) = p.tier_index(name) else {
                continue;
            };
            let (e, _) = enc.eligible(&p.rules, &p.decision, (local, name))?;
            let t = enc.smt.t();
            if let Some(slot) = eligible.get_mut(ti).and_then(|x| x.get_mut(k)) {
                *slot = t.and(*valid, e);
            }
        }
        decided.append(&mut enc.decided);
    }
    let t = s.smt.t();
    let plain = t.not(any(t, decided));
    let all_cases = cases(&s, &versions);
    for (ti, name) in tiers.iter().enumerate() {
        let Some([eo, en]) = eligible.get(ti).copied() else {
            continue;
        };
        let Some(is_tier) = case_term(&s, &(tier_name.clone(), Some(name.clone()))) else {
            continue;
        };
        let overall = relate(
            &mut s,
            &versions,
            (name, None),
            is_tier,
            ([eo, en], plain),
            [true, true],
            report,
        );
        let worth = [overall.0 != Some(false), overall.1 != Some(false)];
        if worth.iter().any(|w| *w) {
            for case in &all_cases {
                let Some(c) = case_term(&s, case) else {
                    continue;
                };
                let t = s.smt.t();
                let within = t.and(is_tier, c);
                relate(
                    &mut s,
                    &versions,
                    (name, Some(case)),
                    within,
                    ([eo, en], plain),
                    worth,
                    report,
                );
            }
        }
    }
    Ok(())
}

/// Asks both directions for one tier (or case) and records the relation and witnesses: for each
/// direction, whether some record shows it (`None`: not decided).
fn relate(
    s: &mut Setup<'_>,
    versions: &[Version<'_>],
    (tier, case): (&str, Option<&Case>),
    within: SExpr,
    ([eo, en], plain): ([SExpr; 2], SExpr),
    ask: [bool; 2],
    report: &mut Report,
) -> (Option<bool>, Option<bool>) {
    let mut reasons = Vec::new();
    let mut found = [Some(false), Some(false)];
    for (d, direction) in [Direction::OldOnly, Direction::NewOnly]
        .into_iter()
        .enumerate()
    {
        if !ask.get(d).copied().unwrap_or(true) {
            continue;
        }
        let t = s.smt.t();
        let (yes, no) = if direction == Direction::OldOnly {
            (eo, en)
        } else {
            (en, eo)
        };
        let goal = t.and(within, t.and(yes, t.not(no)));
        let answer = match s.smt.ask(goal) {
            Ok(Answer::Unsat) => Some(false),
            Ok(Answer::Sat) => {
                // A record no rule of which is decided under unknowns first: its verdicts are
                // the three-valued encoding's, so it holds when evaluated.
                let t = s.smt.t();
                let simple = t.and(goal, plain);
                let shown = match s.smt.done().and_then(|()| s.smt.ask(simple)) {
                    Ok(Answer::Sat) => witness(s, versions, direction, simple),
                    Ok(Answer::Unsat) => match s.smt.ask(goal) {
                        Ok(Answer::Sat) => witness(s, versions, direction, goal),
                        Ok(Answer::Unsat) => Err(solver_reason::no_longer_found()),
                        Err(u) => Err(u.reason()),
                    },
                    Err(u) => Err(u.reason()),
                };
                match shown {
                    Ok((record, old, new)) => {
                        report.witnesses.push(Witness {
                            tier: tier.to_string(),
                            case: case_map(case),
                            direction,
                            record,
                            old,
                            new,
                        });
                        Some(true)
                    }
                    Err(why) => {
                        reasons.push(why);
                        None
                    }
                }
            }
            Err(u) => {
                reasons.push(u.reason());
                None
            }
        };
        if let Some(slot) = found.get_mut(d) {
            *slot = answer;
        }
    }
    let [old_only, new_only] = found;
    let relation = match (old_only, new_only) {
        (Some(false), Some(false)) => Relation::Equivalent,
        (Some(true), Some(false)) => Relation::Narrower,
        (Some(false), Some(true)) => Relation::Wider,
        (Some(true), Some(true)) => Relation::Both,
        _ => Relation::Unknown,
    };
    report.tiers.push(TierRelation {
        tier: tier.to_string(),
        case: case_map(case),
        relation,
        reason: reasons,
    });
    (old_only, new_only)
}

/// The model as a record, kept only when evaluating it under both versions shows the direction.
fn witness(
    s: &mut Setup<'_>,
    versions: &[Version<'_>],
    direction: Direction,
    goal: SExpr,
) -> Result<(Json, String, String), Text> {
    let (record, exact) = s.model(goal, versions).map_err(|e| e.reason())?;
    let (Some(old), Some(new)) = (versions.first(), versions.get(1)) else {
        return Err(Unanswered::Failed(solver_reason::two_versions()).reason());
    };
    let (vo, vn) = (verdict(old.policy, &record), verdict(new.policy, &record));
    let eligible = Some(Verdict::Eligible);
    let holds = match direction {
        Direction::OldOnly => vo == eligible && vn != eligible,
        Direction::NewOnly => vn == eligible && vo != eligible,
    };
    if holds {
        Ok((record, verdict_name(vo), verdict_name(vn)))
    } else {
        let (old, new) = (verdict_text(vo), verdict_text(vn));
        Err(if exact {
            solver_reason::did_not_hold(old, new)
        } else {
            solver_reason::did_not_hold_rounded(old, new)
        })
    }
}
