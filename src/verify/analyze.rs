//! `jidi check --analyze`: questions about one policy over every record its inputs allow — rules
//! that can never pass or never fail, vetoes that can never trigger, `when` cases never taken, left
//! with a gap or overlapping, lifecycle transitions that can never fire — each a located warning
//! with a witness record or the reason.

use super::expr::{Enc, Res, Stop};
use super::rules::modelled;
use super::setup::{setup, Setup, Version};
use super::solver::{all, Answer, Smt};
use super::Options;
use crate::check::ir::{IExpr, Policy, RuleRole};
use crate::diag::catalogue::encoder_refuses as no;
use crate::diag::catalogue::{
    analyze_case_gap, analyze_case_never_taken, analyze_case_overlap, analyze_never_fails,
    analyze_never_passes, analyze_transition_never_fires, analyze_undecided,
    analyze_veto_never_triggers, common,
};
use crate::diag::text::{Arg, Text};
use crate::diag::Diagnostic;
use crate::source::Span;
use easy_smt::SExpr;
use serde_json::Value as Json;

/// Every finding of the analysis, as warnings located in the policy.
pub fn analyze(policy: &Policy, options: &Options) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Err(stop) = selection(policy, options, &mut out) {
        out.push(undecided(policy, analyze_undecided::the_rules(), &stop));
    }
    if let Err(stop) = lifecycle(policy, options, &mut out) {
        out.push(undecided(policy, analyze_undecided::the_lifecycle(), &stop));
    }
    out
}

fn undecided(policy: &Policy, what: Text, stop: &Stop) -> Diagnostic {
    analyze_undecided::not_analysed(what, stop.reason())
        .label(Span::new(0, 0), common::nothing())
        .help(analyze_undecided::install_z3())
        .in_source(&policy.source)
}

/// Whether some record meets `goal`: `None` when the solver cannot tell.
fn possible(s: &mut Setup<'_>, goal: SExpr) -> Res<Option<bool>> {
    match s.smt.ask(goal) {
        Ok(Answer::Sat) => {
            s.smt.done()?;
            Ok(Some(true))
        }
        Ok(Answer::Unsat) => Ok(Some(false)),
        Err(super::solver::Unanswered::Timeout) => Ok(None),
        Err(other) => Err(other.into()),
    }
}

/// A record meeting `goal`, shown by the fields `names` (or `None` if there is none).
fn example(
    s: &mut Setup<'_>,
    versions: &[Version<'_>],
    goal: SExpr,
    names: &[String],
) -> Res<Option<String>> {
    match s.smt.ask(goal) {
        Ok(Answer::Sat) => {
            let (record, _) = s.model(goal, versions)?;
            let shown: Vec<String> = names
                .iter()
                .map(|n| {
                    let v = record.get(n).map_or_else(
                        || "absent".to_string(),
                        |v| match v {
                            Json::String(s) => s.clone(),
                            other => other.to_string(),
                        },
                    );
                    format!("{n} = {v}")
                })
                .collect();
            Ok(Some(shown.join(", ")))
        }
        Ok(Answer::Unsat) | Err(super::solver::Unanswered::Timeout) => Ok(None),
        Err(other) => Err(other.into()),
    }
}

/// The input names an expression reads.
fn reads(policy: &Policy, e: &IExpr, out: &mut Vec<String>) {
    for x in e.subexpressions() {
        if let IExpr::Input(i) = x {
            if let Some(d) = policy.inputs.get(*i) {
                if !out.contains(&d.name) {
                    out.push(d.name.clone());
                }
            }
        }
    }
}

fn warning(policy: &Policy, span: Span, message: Diagnostic, help: Text) -> Diagnostic {
    message
        .label(span, common::nothing())
        .help(help)
        .in_source(&policy.source)
}

fn selection(policy: &Policy, options: &Options, out: &mut Vec<Diagnostic>) -> Res<()> {
    modelled(policy)?;
    let smt = Smt::start(options.timeout)?;
    let versions = [Version::selection(policy)];
    let mut s = setup(smt, &versions, options)?;
    let tier_name = policy
        .inputs
        .get(policy.tier_input)
        .map(|i| i.name.clone())
        .unwrap_or_default();
    for (ri, rule) in policy.rules.iter().enumerate() {
        // Per finding, the tiers it holds for.
        let (mut never_pass, mut never_fail, mut applicable) = (Vec::new(), Vec::new(), Vec::new());
        for (ti, tier) in policy.tiers.iter().enumerate() {
            let Some(criterion) = rule.per_tier.get(ti).and_then(Option::as_ref) else {
                continue;
            };
            applicable.push(tier.name.clone());
            let Setup {
                smt,
                universe,
                scopes,
            } = &mut s;
            let Some((scope, valid)) = scopes.first() else {
                continue;
            };
            let valid = *valid;
            let Some(tier_is) = universe.is_value(smt, &tier_name, Some(&tier.name)) else {
                return super::expr::refuse(no::tier_input());
            };
            let mut enc = Enc::new(smt, scope, &universe.texts);
            let status = enc.rule(rule, ti, &tier.name)?;
            // The guards' truth, and whether the rule applies, for the cases.
            let mut guards = Vec::new();
            for b in &criterion.branches {
                if let Some(g) = &b.guard {
                    let v = enc.eval(g)?;
                    guards.push((b.guard_text.clone().unwrap_or_default(), enc.truth(&v), g));
                }
            }
            let applies = match &rule.applies {
                Some((a, _)) => {
                    let v = enc.eval(a)?;
                    enc.truth(&v).0
                }
                None => enc.smt.t().true_(),
            };
            let t = s.smt.t();
            let base = t.and(valid, tier_is);
            let (can_pass, can_fail) = (t.and(base, status.pass), t.and(base, status.fail));
            if possible(&mut s, can_pass)? == Some(false) {
                never_pass.push(tier.name.clone());
            }
            if possible(&mut s, can_fail)? == Some(false) {
                never_fail.push(tier.name.clone());
            }
            let has_else = criterion.branches.iter().any(|b| b.guard.is_none());
            let within = s.smt.t().and(base, applies);
            cases(
                &mut s,
                &versions,
                (policy, ri, &tier.name),
                within,
                &guards,
                has_else,
                out,
            )?;
        }
        let tiers = |list: &[String]| {
            if list.len() == applicable.len() && list.len() > 1 {
                Arg::Text(analyze_never_passes::any_tier())
            } else {
                Arg::list(list)
            }
        };
        let veto = rule.role == RuleRole::Veto;
        if !never_pass.is_empty() {
            let message = if veto {
                analyze_never_passes::veto_always(&rule.name, Arg::list(&never_pass))
            } else {
                analyze_never_passes::never_passes(&rule.name, tiers(&never_pass))
            };
            out.push(warning(
                policy,
                rule.span,
                message,
                analyze_never_passes::check_threshold(),
            ));
        }
        if !never_fail.is_empty() {
            let (message, help) = if veto {
                (
                    analyze_veto_never_triggers::never_triggers(&rule.name, tiers(&never_fail)),
                    analyze_veto_never_triggers::check_test(),
                )
            } else {
                (
                    analyze_never_fails::never_fails(&rule.name, tiers(&never_fail)),
                    analyze_never_fails::decides_nothing(),
                )
            };
            out.push(warning(policy, rule.span, message, help));
        }
    }
    Ok(())
}

type Guard<'g> = (String, (SExpr, SExpr), &'g IExpr);

/// The `when` cases of one rule and tier: never taken, a gap where none holds and there is no
/// `else`, two that overlap with neither inside the other.
fn cases(
    s: &mut Setup<'_>,
    versions: &[Version<'_>],
    (policy, ri, tier): (&Policy, usize, &str),
    within: SExpr,
    guards: &[Guard<'_>],
    has_else: bool,
    out: &mut Vec<Diagnostic>,
) -> Res<()> {
    let Some(rule) = policy.rules.get(ri) else {
        return Ok(());
    };
    if guards.is_empty() {
        return Ok(());
    }
    let mut names = Vec::new();
    for (_, _, g) in guards {
        reads(policy, g, &mut names);
    }
    for (j, (text, (yes, _), _)) in guards.iter().enumerate() {
        let t = s.smt.t();
        let earlier: Vec<SExpr> = guards.iter().take(j).map(|(_, (_, no), _)| *no).collect();
        let taken = all(t, vec![within, all(t, earlier), *yes]);
        if possible(s, taken)? == Some(false) {
            out.push(warning(
                policy,
                rule.span,
                analyze_case_never_taken::never_taken(text, &rule.name, tier),
                analyze_case_never_taken::reorder(),
            ));
        }
        for (earlier_text, (earlier_yes, _), _) in guards.iter().take(j) {
            let t = s.smt.t();
            let both = all(t, vec![within, *earlier_yes, *yes]);
            let only_first = all(t, vec![within, *earlier_yes, t.not(*yes)]);
            let only_second = all(t, vec![within, *yes, t.not(*earlier_yes)]);
            let overlap = possible(s, both)? == Some(true)
                && possible(s, only_first)? == Some(true)
                && possible(s, only_second)? == Some(true);
            if overlap {
                if let Some(e) = example(s, versions, both, &names)? {
                    out.push(warning(
                        policy,
                        rule.span,
                        analyze_case_overlap::overlap(earlier_text, text, &rule.name, tier, e),
                        analyze_case_overlap::make_exclusive(),
                    ));
                }
            }
        }
    }
    if !has_else {
        let t = s.smt.t();
        let none: Vec<SExpr> = guards.iter().map(|(_, (_, no), _)| *no).collect();
        let gap = t.and(within, all(t, none));
        if let Some(e) = example(s, versions, gap, &names)? {
            out.push(warning(
                policy,
                rule.span,
                analyze_case_gap::gap(&rule.name, tier, e),
                analyze_case_gap::add_else(),
            ));
        }
    }
    Ok(())
}

/// Where a lifecycle rule is named in the policy text, after one of its keywords.
fn named_after(policy: &Policy, keywords: &[&str], name: &str) -> Span {
    let text = policy.source.text();
    for (at, _) in text.match_indices(name) {
        let before = text.get(..at).unwrap_or("").trim_end();
        let quoted = before.ends_with('"');
        let before = before.trim_end_matches('"').trim_end();
        if keywords.iter().any(|k| before.ends_with(k)) {
            let start = if quoted { at - 1 } else { at };
            let end = at + name.len() + usize::from(quoted);
            return Span::new(start, end);
        }
    }
    Span::new(0, 0)
}

fn lifecycle(policy: &Policy, options: &Options, out: &mut Vec<Diagnostic>) -> Res<()> {
    let Some(lc) = policy.lifecycle.as_deref() else {
        return Ok(());
    };
    let crate::check::ir::Lifecycle {
        inputs,
        lets,
        as_of_slot,
        sources,
        transitions,
        requires,
        ..
    } = lc;
    if *as_of_slot != inputs.len() {
        return super::expr::refuse(no::as_of_order());
    }
    // The date of the first event a transition could move on. A transition on assessments or a
    // term's reviews depends on the replay of the state machine, which is not modelled here: it
    // is left alone rather than guessed at (the checker's own lifecycle lints cover it).
    let dates: Vec<Option<IExpr>> = transitions
        .iter()
        .map(|tr| match sources.get(tr.on) {
            Some(crate::check::ir::EventSource::Date(e)) => Some(e.clone()),
            // The guard reads the event as local 0, so it joins the filter.
            Some(crate::check::ir::EventSource::Each { over, filter, at }) => {
                let filter = match (filter, &tr.when) {
                    (Some(f), Some(w)) => {
                        Some(IExpr::And(Box::new(f.clone()), Box::new(w.clone())))
                    }
                    (f, w) => f.clone().or_else(|| w.clone()),
                };
                Some(IExpr::Quant {
                    quantifier: crate::syntax::ast::Quantifier::Min,
                    over: Box::new(over.clone()),
                    filter: filter.map(Box::new),
                    body: Box::new(at.clone()),
                })
            }
            _ => None,
        })
        .collect();
    let mut exprs: Vec<&IExpr> = lets.iter().map(|l| &l.expr).collect();
    for (t, date) in transitions.iter().zip(&dates) {
        if let Some(d) = date {
            exprs.push(d);
            if matches!(
                lc.sources.get(t.on),
                Some(crate::check::ir::EventSource::Date(_))
            ) {
                exprs.extend(&t.when);
            }
        }
    }
    exprs.extend(requires.iter().map(|r| &r.test));
    let versions = [Version {
        policy,
        inputs,
        lets,
        exprs,
        as_of: true,
    }];
    let smt = Smt::start(options.timeout)?;
    let mut s = setup(smt, &versions, options)?;
    for (tr, date) in transitions.iter().zip(&dates) {
        let Some(date) = date else { continue };
        // A transition that reads what the encoder does not model (the current state, the date
        // it was entered, the measure's effective date) is left unanalysed, not guessed at.
        let fires = match fires(&mut s, lc, tr, date) {
            Ok(Some(f)) => f,
            Ok(None) | Err(Stop::Refused(_)) => continue,
            Err(e) => return Err(e),
        };
        if possible(&mut s, fires)? == Some(false) {
            out.push(warning(
                policy,
                named_after(policy, &["transition", "转换"], &tr.name),
                if tr.when.is_some() {
                    analyze_transition_never_fires::never_fires_when(&tr.name)
                } else {
                    analyze_transition_never_fires::never_fires(&tr.name)
                },
                analyze_transition_never_fires::check_since_when(),
            ));
        }
    }
    Ok(())
}

/// Whether a transition gets a date on or before `as_of`, with its guard holding, on a record the
/// `require` rules accept: the condition for it to fire at all (reaching its `from` states is
/// the checker's own lint).
fn fires(
    s: &mut Setup<'_>,
    lc: &crate::check::ir::Lifecycle,
    tr: &crate::check::ir::TransitionDef,
    date: &IExpr,
) -> Res<Option<SExpr>> {
    let (as_of_slot, requires) = (&lc.as_of_slot, &lc.requires);
    let Setup {
        smt,
        universe,
        scopes,
    } = s;
    let Some((scope, valid)) = scopes.first() else {
        return Ok(None);
    };
    let valid = *valid;
    let mut enc = Enc::new(smt, scope, &universe.texts);
    // A record breaking a `require` is refused, not judged.
    let mut accepted = vec![valid];
    for r in requires {
        let v = enc.eval(&r.test)?;
        let t = enc.smt.t();
        accepted.push(t.not(enc.truth(&v).1));
    }
    let since = enc.eval(date)?;
    let known = enc.is_known(&since);
    let Some(as_of) = scope.record.get(*as_of_slot).cloned() else {
        return super::expr::refuse(no::as_of_date());
    };
    let dated = match (&since.data, &as_of.data) {
        (super::expr::Data::Date(d), super::expr::Data::Date(a)) => {
            let t = enc.smt.t();
            t.and(known, t.lte(d.day, a.day))
        }
        _ => enc.smt.t().false_(),
    };
    let when = match tr.when.as_ref().filter(|_| {
        matches!(
            lc.sources.get(tr.on),
            Some(crate::check::ir::EventSource::Date(_))
        )
    }) {
        Some(w) => {
            let v = enc.eval(w)?;
            enc.truth(&v).0
        }
        None => enc.smt.t().true_(),
    };
    let t = s.smt.t();
    Ok(Some(all(t, vec![all(t, accepted), dated, when])))
}
