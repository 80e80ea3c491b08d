//! Lints of the lifecycle's state machine: states no base can reach or leave, transitions that
//! can never fire or are shadowed by an earlier one, and exits that skip some active state —
//! each a way for a timeline to report a wrong status without a word.

use super::Checker;
use crate::check::ir::{EventSource, IExpr, Lifecycle, TransitionDef};
use crate::diag::catalogue::{
    exit_skips_state, shadowed_transition, transition_never_fires, unleavable_state,
    unreachable_state,
};
use crate::diag::text::{Arg, Text};
use crate::syntax::ast::BaseStatus;
use crate::value::Value;

/// Whether a state is one a title ends in.
fn terminal(status: BaseStatus) -> bool {
    matches!(
        status,
        BaseStatus::Revoked | BaseStatus::Lapsed | BaseStatus::Excluded
    )
}

/// The tests a guard is the conjunction of.
fn conjuncts(e: &IExpr, out: &mut Vec<IExpr>) {
    match e {
        IExpr::And(a, b) => {
            conjuncts(a, out);
            conjuncts(b, out);
        }
        other => out.push(other.clone()),
    }
}

/// Whether `a` holds whenever `b` does, as far as the text shows: `a` has no guard, or every
/// test of `a`'s guard is one of `b`'s.
fn implied_by(a: Option<&IExpr>, b: Option<&IExpr>) -> bool {
    let Some(a) = a else { return true };
    let Some(b) = b else { return false };
    let (mut ta, mut tb) = (Vec::new(), Vec::new());
    conjuncts(a, &mut ta);
    conjuncts(b, &mut tb);
    ta.iter().all(|t| tb.contains(t))
}

/// Why a transition can never fire, whatever the record, if the text shows it.
fn dead_by_text(t: &TransitionDef, lc: &Lifecycle) -> Option<Text> {
    if let Some(w) = &t.when {
        if w.is_constant() && *w == IExpr::Const(Value::Bool(false)) {
            return Some(transition_never_fires::when_never_holds());
        }
    }
    match lc.sources.get(t.on) {
        Some(EventSource::Date(IExpr::Const(Value::None))) => {
            Some(transition_never_fires::date_is_none())
        }
        _ => None,
    }
}

impl Checker {
    pub(super) fn lint_state_machine(&mut self, lc: &Lifecycle) {
        let n = lc.states.len();
        let shadows = shadows(lc);
        let live: Vec<bool> = lc
            .transitions
            .iter()
            .zip(&shadows)
            .map(|(t, (hidden, _))| {
                dead_by_text(t, lc).is_none() && !t.from.iter().all(|s| hidden.contains(s))
            })
            .collect();
        // Reachable states, and where each term may run, to a fixed point.
        let mut reach = vec![false; n];
        if let Some(r) = reach.first_mut() {
            *r = true;
        }
        let mut runs = vec![vec![false; n]; lc.terms.len()];
        loop {
            let mut changed = false;
            for (t, alive) in lc.transitions.iter().zip(&live) {
                if *alive && t.from.iter().any(|s| reach.get(*s) == Some(&true)) {
                    changed |= mark(&mut reach, t.to);
                }
            }
            for (term, run) in lc.terms.iter().zip(runs.iter_mut()) {
                for (s, state) in lc.states.iter().enumerate() {
                    if term.from.is_some() && !terminal(state.status) && reach.get(s) == Some(&true)
                    {
                        changed |= mark(run, s);
                    }
                }
                for &ti in &term.starts {
                    if let Some(t) = lc.transitions.get(ti) {
                        if t.from.iter().any(|s| reach.get(*s) == Some(&true)) {
                            changed |= mark(run, t.to);
                        }
                    }
                }
                for (ti, t) in lc.transitions.iter().enumerate() {
                    let stays = !term.ends.contains(&ti)
                        && lc.states.get(t.to).is_some_and(|s| !terminal(s.status));
                    if stays && t.from.iter().any(|s| run.get(*s) == Some(&true)) {
                        changed |= mark(run, t.to);
                    }
                }
                if run.iter().any(|r| *r) {
                    changed |= mark(&mut reach, term.expired);
                    if let Some(f) = term.failed {
                        changed |= mark(&mut reach, f);
                    }
                }
            }
            if !changed {
                break;
            }
        }
        self.lint_unreachable_states(lc, &reach);
        self.lint_unleavable_states(lc, &reach, &runs, &live);
        self.lint_dead_transitions(lc, &reach);
        self.lint_shadowed_transitions(lc, &shadows);
        self.lint_exits_skipping_states(lc, &reach);
    }

    fn lint_unreachable_states(&mut self, lc: &Lifecycle, reach: &[bool]) {
        for (s, state) in lc.states.iter().enumerate().skip(1) {
            if reach.get(s) != Some(&true) {
                self.error(
                    unreachable_state::unreachable(&state.name)
                        .label(state.span, unreachable_state::nothing_leads_here())
                        .help(unreachable_state::add_transition_to()),
                );
            }
        }
    }

    fn lint_unleavable_states(
        &mut self,
        lc: &Lifecycle,
        reach: &[bool],
        runs: &[Vec<bool>],
        live: &[bool],
    ) {
        for (s, state) in lc.states.iter().enumerate() {
            if terminal(state.status) || reach.get(s) != Some(&true) {
                continue;
            }
            let by_transition = lc
                .transitions
                .iter()
                .zip(live)
                .any(|(t, alive)| *alive && t.to != s && t.from.contains(&s));
            let by_term = lc.terms.iter().zip(runs).any(|(term, run)| {
                run.get(s) == Some(&true)
                    && (term.expired != s || term.failed.is_some_and(|f| f != s))
            });
            if !by_transition && !by_term {
                self.error(
                    unleavable_state::never_leaves(&state.name)
                        .label(state.span, unleavable_state::nothing_starts_here())
                        .help(unleavable_state::add_transition_from()),
                );
            }
        }
    }

    fn lint_dead_transitions(&mut self, lc: &Lifecycle, reach: &[bool]) {
        for t in &lc.transitions {
            let why = if let Some(why) = dead_by_text(t, lc) {
                why
            } else if !t.from.iter().any(|s| reach.get(*s) == Some(&true)) {
                let names: Vec<&str> = t
                    .from
                    .iter()
                    .filter_map(|s| lc.states.get(*s).map(|x| x.name.as_str()))
                    .collect();
                transition_never_fires::no_base_in(Arg::list(names))
            } else {
                continue;
            };
            self.error(
                transition_never_fires::never_fires(&t.name, why)
                    .label(t.span, transition_never_fires::never_fires_label())
                    .help(transition_never_fires::check_states()),
            );
        }
    }

    fn lint_shadowed_transitions(&mut self, lc: &Lifecycle, shadows: &[(Vec<usize>, Vec<&str>)]) {
        for (b, (hidden, by)) in lc.transitions.iter().zip(shadows) {
            if hidden.is_empty() {
                continue;
            }
            let names: Vec<&str> = hidden
                .iter()
                .filter_map(|s| lc.states.get(*s).map(|x| x.name.as_str()))
                .collect();
            let whole = b.from.iter().all(|s| hidden.contains(s));
            let message = if whole {
                shadowed_transition::shadowed(&b.name, by.join("`, `"))
            } else {
                shadowed_transition::shadowed_in(&b.name, by.join("`, `"), Arg::list(&names))
            };
            self.error(
                message
                    .label(
                        b.span,
                        shadowed_transition::never_fires_from(Arg::list(&names)),
                    )
                    .help(shadowed_transition::put_specific_first(by.join("`, `"))),
            );
        }
    }

    fn lint_exits_skipping_states(&mut self, lc: &Lifecycle, reach: &[bool]) {
        let active: Vec<usize> = lc
            .states
            .iter()
            .enumerate()
            .filter(|(s, st)| st.status == BaseStatus::Active && reach.get(*s) == Some(&true))
            .map(|(s, _)| s)
            .collect();
        for t in &lc.transitions {
            let by_event = matches!(
                lc.sources.get(t.on),
                Some(EventSource::Date(_) | EventSource::Each { .. })
            );
            let exits = lc.states.get(t.to).is_some_and(|s| terminal(s.status));
            if !t.explicit_from || !by_event || !exits || !active.iter().any(|s| t.from.contains(s))
            {
                continue;
            }
            // Another transition on the same events may move the other states.
            let skipped: Vec<&str> = active
                .iter()
                .filter(|s| !t.from.contains(s))
                .filter(|s| {
                    !lc.transitions.iter().any(|o| {
                        o.on == t.on
                            && o.from.contains(s)
                            && lc
                                .states
                                .get(o.to)
                                .is_some_and(|x| x.status != BaseStatus::Active)
                    })
                })
                .filter_map(|s| lc.states.get(*s).map(|x| x.name.as_str()))
                .collect();
            if skipped.is_empty() {
                continue;
            }
            let target = lc.states.get(t.to).map_or("", |s| s.name.as_str());
            self.error(
                exit_skips_state::skips(&t.name, target, Arg::list(&skipped))
                    .label(t.span, exit_skips_state::not_from(Arg::list(&skipped)))
                    .help(exit_skips_state::add_to_from()),
            );
        }
    }
}

/// For each transition, the states it can never fire from because an earlier transition on the
/// same events fires there whenever it would, and the names of those earlier transitions.
fn shadows(lc: &Lifecycle) -> Vec<(Vec<usize>, Vec<&str>)> {
    lc.transitions
        .iter()
        .enumerate()
        .map(|(j, b)| {
            let mut hidden: Vec<usize> = Vec::new();
            let mut by: Vec<&str> = Vec::new();
            for a in lc.transitions.iter().take(j) {
                if a.on != b.on
                    || a.outcome != b.outcome
                    || !implied_by(a.when.as_ref(), b.when.as_ref())
                {
                    continue;
                }
                let before = hidden.len();
                for s in &b.from {
                    if a.from.contains(s) && !hidden.contains(s) {
                        hidden.push(*s);
                    }
                }
                if hidden.len() > before {
                    by.push(&a.name);
                }
            }
            (hidden, by)
        })
        .collect()
}

/// Sets a flag; whether it was not set before.
fn mark(flags: &mut [bool], i: usize) -> bool {
    match flags.get_mut(i) {
        Some(f) if !*f => {
            *f = true;
            true
        }
        _ => false,
    }
}
