//! What-if: a session over a checked policy and a corpus of parks, with a stack of overrides —
//! a threshold, a derived value or a park's figure — judged before and after by the one evaluator.
//!
//! Nothing here prints. The REPL renders what these functions return.

mod counterfactual;
mod save;
mod sweep;
mod target;

pub use counterfactual::{InputChange, Near, Need};
pub use save::{literal, Draft};
pub use sweep::{steps, Step, Sweep, SweepPoint, VerdictCounts};
pub use target::{
    all_comparisons, case_label, comparison, CaseSpec, CheckLoc, ThresholdRef, TierSpec,
};

use crate::check::{self, IExpr, Policy, Type};
use crate::data;
use crate::diag::catalogue::{
    common, repl_ambiguous_name, repl_ambiguous_park, repl_not_constant, repl_threshold,
    repl_unknown_input, repl_unknown_let, repl_unknown_park,
};
use crate::diag::text::Arg;
use crate::diag::Diagnostic;
use crate::eval::{Env, Judgement, RoundRecord, RuleResult, Trace};
use crate::source::Source;
use crate::syntax::ast::Verdict;
use crate::syntax::{self, ast};
use crate::value::{Record, Value};
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;

/// One park of the corpus: its name, where it was read from, and its record.
#[derive(Debug, Clone)]
pub struct Park {
    pub name: String,
    /// `file` or `file#3`.
    pub place: String,
    pub record: Record,
}

/// Parks read from record files, how many records could not be read, and every diagnostic.
#[derive(Debug, Clone, Default)]
pub struct LoadedParks {
    pub parks: Vec<Park>,
    /// Records that could not be read (their errors are among the diagnostics): counted, so
    /// summaries can say so.
    pub rejected: usize,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads records (files or directories) into parks; bad records are counted as rejected and
/// reported.
pub fn load_parks(policy: &Policy, paths: &[PathBuf]) -> LoadedParks {
    let mut parks = Vec::new();
    let mut diagnostics = Vec::new();
    let mut rejected = 0;
    for file in data::expand(paths) {
        let loaded = data::load_file(policy, &file);
        let several = loaded.len() > 1;
        for item in loaded {
            diagnostics.extend(item.diagnostics.iter().cloned());
            let place = item.place(several);
            match item.record {
                Some(record) => parks.push(Park {
                    name: item.name.clone().unwrap_or_else(|| place.clone()),
                    place,
                    record,
                }),
                None => rejected += 1,
            }
        }
    }
    LoadedParks {
        parks,
        rejected,
        diagnostics,
    }
}

/// What an override changes.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// A threshold written in the policy, for one or more tiers.
    Threshold(ThresholdRef),
    /// A derived value (`let`), by index into [`Policy::lets`].
    Let(usize),
    /// One park's input, by park and input index.
    Figure { park: usize, input: usize },
}

/// One what-if: a target and the constant it takes for the session.
#[derive(Debug, Clone, PartialEq)]
pub struct Override {
    pub target: Target,
    pub value: Value,
    /// The value written as the policy would write it (`3500 万元/公顷`), for saving.
    pub text: String,
    /// The value as reports show it (`3500 万元/公顷`, `55%`).
    pub shown: String,
    /// What it replaces, for display (`4000 万元/公顷`).
    pub was: String,
    /// What it replaces as a value, when that was one (a park's figure, a constant `let`), so
    /// it can be shown in any language; `None` when `was` is the policy's own text.
    pub was_value: Option<Value>,
}

/// A park whose verdict changes, with the rules whose status changed (before, after).
#[derive(Debug, Clone)]
pub struct Flip {
    pub park: usize,
    pub before: Verdict,
    pub after: Verdict,
    pub rules: Vec<(RuleResult, RuleResult)>,
    /// Where the park stands in the round after the change, under round rules.
    pub round: Option<RoundRecord>,
}

/// Verdict counts per tier, in the policy's tier order (parks of no known tier last).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    pub tiers: Vec<(String, VerdictCounts)>,
}

impl Counts {
    fn of(policy: &Policy, verdicts: &[Verdict], tiers: &[Option<usize>]) -> Counts {
        let mut by_tier = vec![VerdictCounts::default(); policy.tiers.len() + 1];
        for (v, t) in verdicts.iter().zip(tiers) {
            let slot = t
                .filter(|t| *t < policy.tiers.len())
                .unwrap_or(policy.tiers.len());
            if let Some(c) = by_tier.get_mut(slot) {
                c.add(*v);
            }
        }
        let mut names: Vec<String> = policy.tiers.iter().map(|t| t.name.clone()).collect();
        names.push("unknown tier".into());
        Counts {
            tiers: names
                .into_iter()
                .zip(by_tier)
                .filter(|(_, c)| c.total() > 0)
                .collect(),
        }
    }
}

/// What one step of a session changed.
#[derive(Debug, Clone)]
pub struct Changes {
    pub before: Counts,
    pub after: Counts,
    pub flips: Vec<Flip>,
    /// Parks where some rule's status changed but the verdict did not.
    pub quiet: usize,
}

/// A policy with overrides applied, and the parks whose records are overridden.
struct State<'a> {
    policy: &'a Policy,
    edited: &'a HashMap<usize, Record>,
}

/// The parks judged in two states, with their verdicts and tiers on each side.
#[derive(Default)]
struct Transition {
    flips: Vec<Flip>,
    quiet: usize,
    before: Vec<(usize, Verdict, Option<usize>)>,
    after: Vec<(usize, Verdict, Option<usize>)>,
}

/// One park judged in two states.
struct Judged {
    park: usize,
    before: (Verdict, Option<usize>),
    after: (Verdict, Option<usize>),
    /// The flip, when the verdict changes.
    flip: Option<Flip>,
    /// Some rule's status changed.
    moved: bool,
}

impl Judged {
    /// A park judged in full in two states: (before, after).
    fn of(park: usize, b: Judgement, a: Judgement) -> Judged {
        let rules: Vec<(RuleResult, RuleResult)> = b
            .results
            .iter()
            .zip(&a.results)
            .filter(|(x, y)| x.status != y.status)
            .map(|(x, y)| (x.clone(), y.clone()))
            .collect();
        Judged {
            park,
            before: (b.verdict, b.tier),
            after: (a.verdict, a.tier),
            moved: !rules.is_empty(),
            flip: (b.verdict != a.verdict).then_some(Flip {
                park,
                before: b.verdict,
                after: a.verdict,
                rules,
                round: a.round,
            }),
        }
    }
}

impl Transition {
    /// The flips and quiet changes of parks judged in two states.
    fn of(judged: Vec<Judged>) -> Transition {
        let mut t = Transition::default();
        for j in judged {
            t.before.push((j.park, j.before.0, j.before.1));
            t.after.push((j.park, j.after.0, j.after.1));
            match j.flip {
                Some(flip) => t.flips.push(flip),
                None if j.moved => t.quiet += 1,
                None => {}
            }
        }
        t
    }
}

/// The tier a record applies for.
fn tier_of(policy: &Policy, record: &Record) -> Option<usize> {
    match record.values.get(policy.tier_input) {
        Some(Value::Enum(t)) => Some(*t as usize),
        _ => None,
    }
}

/// A what-if session: the policy as loaded, the corpus, the overrides, and the current verdicts.
///
/// A what-if re-judges only the parks it can change: those whose records change, and those for
/// which a changed threshold turns its comparison's outcome (the figure is evaluated for that).
/// Full judgements, with every figure and margin, are computed again when first asked for.
#[derive(Debug, Clone)]
pub struct Session {
    base: Policy,
    parks: Vec<Park>,
    overrides: Vec<Override>,
    /// The policy with the threshold and `let` overrides applied.
    policy: Policy,
    /// Parks whose figures are overridden, by park index.
    edited: HashMap<usize, Record>,
    verdicts: Vec<Verdict>,
    tiers: Vec<Option<usize>>,
    judged: OnceLock<Vec<Judgement>>,
    /// Records that could not be read into parks, for the summaries.
    rejected: usize,
    /// The base policy's names declared once, on the first expression typed against them.
    scope: OnceLock<Result<check::ExprScope, Vec<Diagnostic>>>,
}

impl Session {
    pub fn new(policy: Policy, parks: Vec<Park>) -> Session {
        let records: Vec<&Record> = parks.iter().map(|p| &p.record).collect();
        let judged = OnceLock::new();
        let (verdicts, tiers) = if policy.rounds.is_empty() {
            verdicts_of(&policy, &records).into_iter().unzip()
        } else {
            // Under round rules the verdicts come from judging the batch: keep the judgements.
            let judgements = judge_all(&policy, &records);
            let both = judgements.iter().map(|j| (j.verdict, j.tier)).unzip();
            let _ = judged.set(judgements);
            both
        };
        Session {
            base: policy.clone(),
            policy,
            parks,
            overrides: Vec::new(),
            edited: HashMap::new(),
            verdicts,
            tiers,
            judged,
            rejected: 0,
            scope: OnceLock::new(),
        }
    }

    /// Lowers an expression against the base policy's names, declared once per session.
    fn lower(
        &self,
        source: &Source,
        e: &crate::syntax::ast::Expr,
        expect: Option<&Type>,
    ) -> Result<(IExpr, Type), Vec<Diagnostic>> {
        match self.scope.get_or_init(|| check::ExprScope::new(&self.base)) {
            Ok(scope) => scope.expr(source, e, expect),
            Err(errors) => Err(errors.clone()),
        }
    }

    /// The policy as loaded, without overrides.
    pub fn base(&self) -> &Policy {
        &self.base
    }

    /// The policy with the overrides in force.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    pub fn parks(&self) -> &[Park] {
        &self.parks
    }

    /// A park's record with its figure overrides.
    pub fn record(&self, park: usize) -> Option<&Record> {
        self.edited
            .get(&park)
            .or_else(|| self.parks.get(park).map(|p| &p.record))
    }

    /// Every park's current verdict, in corpus order.
    pub fn verdicts(&self) -> &[Verdict] {
        &self.verdicts
    }

    /// Every park's tier, in corpus order.
    pub fn tiers(&self) -> &[Option<usize>] {
        &self.tiers
    }

    /// The current judgement of every park, in corpus order (computed when first asked for
    /// after a change).
    pub fn judgements(&self) -> &[Judgement] {
        self.judged.get_or_init(|| {
            let records: Vec<&Record> = (0..self.parks.len())
                .filter_map(|i| self.record(i))
                .collect();
            judge_all(&self.policy, &records)
        })
    }

    /// One park's current judgement.
    pub fn judge(&self, park: usize) -> Option<Judgement> {
        if let Some(all) = self.judged.get() {
            return all.get(park).cloned();
        }
        if !self.policy.rounds.is_empty() {
            return self.judgements().get(park).cloned();
        }
        self.record(park).map(|r| self.policy.judge(r))
    }

    /// Verdict counts per tier.
    pub fn counts(&self) -> Counts {
        Counts::of(&self.policy, &self.verdicts, &self.tiers)
    }

    pub fn overrides(&self) -> &[Override] {
        &self.overrides
    }

    /// How many records could not be read into parks.
    pub fn rejected(&self) -> usize {
        self.rejected
    }

    /// Counts records that could not be read into parks.
    pub fn add_rejected(&mut self, n: usize) {
        self.rejected += n;
    }

    /// Adds parks to the corpus.
    pub fn add_parks(&mut self, parks: Vec<Park>) {
        if !self.policy.rounds.is_empty() {
            // New parks join the round: every park is judged again with them.
            self.parks.extend(parks);
            self.judged = OnceLock::new();
            let judged = self.judgements();
            let verdicts = judged.iter().map(|j| j.verdict).collect();
            let tiers = judged.iter().map(|j| j.tier).collect();
            (self.verdicts, self.tiers) = (verdicts, tiers);
            return;
        }
        let records: Vec<&Record> = parks.iter().map(|p| &p.record).collect();
        // With the judgements kept, the new parks' are kept too, and their verdicts read from them.
        let judged = match self.judged.get_mut() {
            Some(all) => {
                let new = judge_all(&self.policy, &records);
                let both: Vec<_> = new.iter().map(|j| (j.verdict, j.tier)).collect();
                all.extend(new);
                both
            }
            None => verdicts_of(&self.policy, &records),
        };
        self.verdicts.extend(judged.iter().map(|(v, _)| *v));
        self.tiers.extend(judged.iter().map(|(_, t)| *t));
        self.parks.extend(parks);
    }
    /// Finds a park by `#N` (1-based), by exact name, or by a prefix or part of its name that
    /// only one park has.
    pub fn find_park(&self, text: &str) -> Result<usize, Diagnostic> {
        if let Some(n) = text.strip_prefix('#') {
            return match n.parse::<usize>() {
                Ok(i) if i >= 1 && i <= self.parks.len() => Ok(i - 1),
                _ => Err(repl_unknown_park::no_number(text)
                    .help(repl_unknown_park::numbered(self.parks.len()))),
            };
        }
        if let Some(i) = self.parks.iter().position(|p| p.name == text) {
            return Ok(i);
        }
        let partial: Vec<usize> = (0..self.parks.len())
            .filter(|&i| self.parks.get(i).is_some_and(|p| p.name.contains(text)))
            .collect();
        match partial.as_slice() {
            [one] => Ok(*one),
            [] => {
                let d = repl_unknown_park::no_name(text);
                Err(
                    match crate::diag::did_you_mean(
                        text,
                        self.parks.iter().map(|p| p.name.as_str()),
                    ) {
                        Some(m) => d.help(common::did_you_mean(m)),
                        None => d.help(repl_unknown_park::parks_lists()),
                    },
                )
            }
            many => {
                let names: Vec<&str> = many
                    .iter()
                    .filter_map(|&i| self.parks.get(i).map(|p| p.name.as_str()))
                    .take(5)
                    .collect();
                Err(repl_ambiguous_park::several(many.len(), text)
                    .help(repl_ambiguous_name::say_which(Arg::list(names))))
            }
        }
    }

    /// Parses and checks an expression against the policy's names (for `calc` and `where`).
    pub fn expr(
        &self,
        source: &Source,
        expect: Option<&Type>,
    ) -> Result<(IExpr, Type), Vec<Diagnostic>> {
        let e = syntax::parse_expr(source).map_err(|d| vec![d])?;
        self.lower(source, &e, expect)
    }

    /// The constant an override gives: an expression of type `ty` that reads nothing from a
    /// record. A plain number is taken in the unit of `ty`, as records take it.
    pub fn constant(&self, source: &Source, ty: &Type) -> Result<Value, Vec<Diagnostic>> {
        let e = syntax::parse_expr(source).map_err(|d| vec![d])?;
        if let (Type::Num(_), Some(n)) = (ty, plain_number(&e)) {
            return Ok(Value::Num(n));
        }
        let (ie, _) = self.lower(source, &e, Some(ty))?;
        let value = Env {
            inputs: &[],
            lets: &[],
            locals: Vec::new(),
        }
        .eval(&ie)
        .map_err(|err| {
            vec![repl_not_constant::cannot_evaluate(err)
                .label(e.span, common::here())
                .in_source(source)]
        })?;
        if value == Value::Unknown {
            return Err(vec![repl_not_constant::needs_constant()
                .label(e.span, repl_not_constant::reads_figures())
                .help(repl_not_constant::write_value())
                .in_source(source)]);
        }
        Ok(value)
    }

    /// An override of a threshold, from the value's text.
    pub fn threshold_override(
        &self,
        target: ThresholdRef,
        source: &Source,
    ) -> Result<Override, Vec<Diagnostic>> {
        let Some(cmp) = target
            .locs
            .first()
            .and_then(|l| target::comparison(&self.policy, *l))
        else {
            return Err(vec![repl_threshold::gone()]);
        };
        let ty = cmp.figure_ty.clone();
        let was = self.threshold_text(&target);
        let value = self.constant(source, &ty)?;
        let shown = self.policy.value_text(&value, &ty);
        let text = literal(&self.policy, &value, &ty).unwrap_or_else(|| shown.clone());
        Ok(Override {
            target: Target::Threshold(target),
            value,
            text,
            shown,
            was,
            was_value: None,
        })
    }

    /// The current threshold of a reference, as text (`4000 万元/公顷`, or the expression);
    /// per tier when the tiers differ (`4000 万元/公顷 (示范基地), 2500 万元/公顷 (产业基地)`).
    pub fn threshold_text(&self, target: &ThresholdRef) -> String {
        let each: Vec<String> = target
            .locs
            .iter()
            .map(|l| self.loc_threshold_text(*l))
            .collect();
        match each.first() {
            Some(one) if each.iter().all(|t| t == one) => one.clone(),
            _ => target
                .locs
                .iter()
                .zip(&each)
                .map(|(l, t)| {
                    let tier = self
                        .policy
                        .tiers
                        .get(l.tier)
                        .map_or("?", |x| x.name.as_str());
                    format!("{t} ({tier})")
                })
                .collect::<Vec<_>>()
                .join(", "),
        }
    }

    fn loc_threshold_text(&self, loc: CheckLoc) -> String {
        let Some(cmp) = target::comparison(&self.policy, loc) else {
            return String::new();
        };
        match &cmp.threshold {
            IExpr::Const(v) => self.policy.value_text(v, &cmp.figure_ty),
            other => {
                let mut env = Env {
                    inputs: &[],
                    lets: &[],
                    locals: Vec::new(),
                };
                match env.eval(other) {
                    Ok(v) if v.is_known() => self.policy.value_text(&v, &cmp.figure_ty),
                    _ => self
                        .base
                        .source
                        .text()
                        .get(cmp.threshold_span.start..cmp.threshold_span.end)
                        .unwrap_or("?")
                        .to_string(),
                }
            }
        }
    }

    /// An override of a derived value.
    pub fn let_override(&self, index: usize, source: &Source) -> Result<Override, Vec<Diagnostic>> {
        let Some(def) = self.policy.lets.get(index) else {
            return Err(vec![repl_unknown_let::no_let()]);
        };
        let ty = def.ty.clone();
        let was_value = match &def.expr {
            IExpr::Const(v) => Some(v.clone()),
            _ => None,
        };
        let was = match &def.expr {
            IExpr::Const(v) => self.policy.value_text(v, &ty),
            _ => self
                .base
                .source
                .text()
                .get(def.value_span.start..def.value_span.end)
                .unwrap_or("?")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        };
        let value = self.constant(source, &ty)?;
        let shown = self.policy.value_text(&value, &ty);
        let text = literal(&self.policy, &value, &ty).unwrap_or_else(|| shown.clone());
        Ok(Override {
            target: Target::Let(index),
            value,
            text,
            shown,
            was,
            was_value,
        })
    }

    /// An override of one park's figure; `unknown` makes it unknown.
    pub fn figure_override(
        &self,
        park: usize,
        input: usize,
        source: &Source,
    ) -> Result<Override, Vec<Diagnostic>> {
        let Some(def) = self.policy.inputs.get(input) else {
            return Err(vec![repl_unknown_input::no_input()]);
        };
        let ty = def.ty.clone();
        let current = self
            .record(park)
            .and_then(|r| r.values.get(input))
            .cloned()
            .unwrap_or(Value::Unknown);
        let was = self.policy.value_text(&current, &ty);
        let value = if source.text().trim() == "unknown" {
            Value::Unknown
        } else {
            self.constant(source, &ty)?
        };
        let shown = self.policy.value_text(&value, &ty);
        Ok(Override {
            target: Target::Figure { park, input },
            value,
            text: shown.clone(),
            shown,
            was,
            was_value: Some(current),
        })
    }

    /// Puts an override in force and says which parks change.
    pub fn push(&mut self, o: Override) -> Changes {
        self.overrides.push(o);
        self.rebuild()
    }

    /// Drops override `index` (0-based), or the last one.
    pub fn undo(&mut self, index: Option<usize>) -> Option<(Override, Changes)> {
        let i = index.unwrap_or(self.overrides.len().checked_sub(1)?);
        if i >= self.overrides.len() {
            return None;
        }
        let o = self.overrides.remove(i);
        Some((o, self.rebuild()))
    }

    /// Drops every override.
    pub fn reset(&mut self) -> Changes {
        self.overrides.clear();
        self.rebuild()
    }

    /// The current state compared with the policy and records as loaded.
    pub fn since_loaded(&self) -> Changes {
        let none = HashMap::new();
        let old = State {
            policy: &self.base,
            edited: &none,
        };
        let new = State {
            policy: &self.policy,
            edited: &self.edited,
        };
        let t = self.transition(&old, &new);
        let mut verdicts = self.verdicts.clone();
        let mut tiers = self.tiers.clone();
        for (p, v, tier) in &t.before {
            if let (Some(slot), Some(ts)) = (verdicts.get_mut(*p), tiers.get_mut(*p)) {
                *slot = *v;
                *ts = *tier;
            }
        }
        Changes {
            before: Counts::of(&self.base, &verdicts, &tiers),
            after: self.counts(),
            flips: t.flips,
            quiet: t.quiet,
        }
    }

    fn rebuild(&mut self) -> Changes {
        let (policy, edited) = apply(&self.base, &self.parks, &self.overrides);
        let t = {
            let old = State {
                policy: &self.policy,
                edited: &self.edited,
            };
            let new = State {
                policy: &policy,
                edited: &edited,
            };
            self.transition(&old, &new)
        };
        let before = self.counts();
        self.policy = policy;
        self.edited = edited;
        for (p, v, tier) in &t.after {
            if let (Some(slot), Some(ts)) = (self.verdicts.get_mut(*p), self.tiers.get_mut(*p)) {
                *slot = *v;
                *ts = *tier;
            }
        }
        // Dropping ten thousand judgements takes a while: let another thread do it.
        let stale = std::mem::take(&mut self.judged);
        if stale.get().is_some_and(|j| j.len() >= PARALLEL_FROM) {
            let _ = std::thread::Builder::new().spawn(move || drop(stale));
        }
        Changes {
            before,
            after: self.counts(),
            flips: t.flips,
            quiet: t.quiet,
        }
    }

    /// Every park's record in a state, in corpus order.
    fn records_in<'s>(&'s self, state: &'s State<'_>) -> Vec<&'s Record> {
        (0..self.parks.len())
            .filter_map(|p| self.record_in(state, p))
            .collect()
    }

    fn record_in<'s>(&'s self, state: &'s State<'_>, park: usize) -> Option<&'s Record> {
        state
            .edited
            .get(&park)
            .or_else(|| self.parks.get(park).map(|p| &p.record))
    }

    /// The parks two states may judge differently: every park when a `let` differs; else the
    /// parks whose records differ, and those for which a changed threshold turns the outcome of
    /// its comparison. Each is traced in both states by [`Policy::trace`].
    fn transition(&self, old: &State<'_>, new: &State<'_>) -> Transition {
        // The cached judgements are those of `old` when `old` is the session's current state.
        let cached = self
            .judged
            .get()
            .filter(|_| std::ptr::eq(old.policy, &self.policy));
        let lets_differ = old
            .policy
            .lets
            .iter()
            .zip(&new.policy.lets)
            .any(|(a, b)| a.expr != b.expr);
        let changed: Vec<(CheckLoc, &check::Comparison, &check::Comparison)> =
            all_comparisons(old.policy)
                .into_iter()
                .zip(all_comparisons(new.policy))
                .filter(|((_, a), (_, b))| a.threshold != b.threshold)
                .map(|((loc, a), (_, b))| (loc, a, b))
                .collect();
        let mut edited: Vec<usize> = old
            .edited
            .keys()
            .chain(new.edited.keys())
            .copied()
            .collect();
        edited.sort_unstable();
        edited.dedup();
        edited.retain(|p| old.edited.get(p) != new.edited.get(p));
        let n = self.parks.len();
        if !new.policy.rounds.is_empty() {
            return self.round_transition(old, new, cached);
        }
        // A park is judged again when its record changed, or when a changed comparison of its
        // tier takes another status for it (a comparison reading other rules' outcomes is not
        // decided alone: the park is judged again).
        let alone: Vec<bool> = changed
            .iter()
            .map(|(_, a, b)| {
                ![&a.figure, &a.threshold, &b.figure, &b.threshold]
                    .iter()
                    .any(|e| e.reads_rules())
            })
            .collect();
        let candidates: Vec<usize> = in_chunks(n, |range| {
            let (mut trace, mut pairs, mut statuses) = (Trace::new(), Vec::new(), Vec::new());
            range
                .filter(|&p| {
                    if lets_differ || edited.binary_search(&p).is_ok() {
                        return true;
                    }
                    let Some(record) = self.record_in(new, p) else {
                        return false;
                    };
                    let tier = tier_of(new.policy, record);
                    pairs.clear();
                    for ((loc, a, b), alone) in changed.iter().zip(&alone) {
                        if Some(loc.tier) != tier {
                            continue;
                        }
                        if !alone {
                            return true;
                        }
                        pairs.extend([*a, *b]);
                    }
                    if pairs.is_empty() {
                        return false;
                    }
                    new.policy
                        .comparison_statuses(record, &pairs, &mut trace, &mut statuses);
                    statuses.chunks(2).any(|s| s.first() != s.last())
                })
                .collect()
        });
        // Each candidate is traced in both states; only for a park whose verdict flips are the
        // rules that changed given in full.
        let judged: Vec<Judged> = in_chunks(candidates.len(), |range| {
            let (mut b, mut a) = (Trace::new(), Trace::new());
            candidates
                .get(range)
                .unwrap_or_default()
                .iter()
                .filter_map(|&p| {
                    let (was, now) = (self.record_in(old, p)?, self.record_in(new, p)?);
                    old.policy.trace(was, &mut b);
                    new.policy.trace(now, &mut a);
                    let moved: Vec<usize> = (b.rules.iter().zip(&a.rules).enumerate())
                        .filter(|(_, (x, y))| x.status != y.status)
                        .map(|(i, _)| i)
                        .collect();
                    let flip = (b.verdict() != a.verdict()).then(|| Flip {
                        park: p,
                        before: b.verdict(),
                        after: a.verdict(),
                        rules: moved
                            .iter()
                            .filter_map(|&i| {
                                Some((
                                    b.rule_result(old.policy, was, i)?,
                                    a.rule_result(new.policy, now, i)?,
                                ))
                            })
                            .collect(),
                        round: None,
                    });
                    Some(Judged {
                        park: p,
                        before: (b.verdict(), b.tier),
                        after: (a.verdict(), a.tier),
                        flip,
                        moved: !moved.is_empty(),
                    })
                })
                .collect()
        });
        Transition::of(judged)
    }

    /// The transition under round rules: a change to one park can move the cut of any other, so
    /// every park is judged in both states, the batch as one round by [`Policy::judge_batch`].
    fn round_transition(
        &self,
        old: &State<'_>,
        new: &State<'_>,
        cached: Option<&Vec<Judgement>>,
    ) -> Transition {
        let before = match cached {
            Some(all) => all.clone(),
            None => old.policy.judge_batch(&self.records_in(old)),
        };
        let after = new.policy.judge_batch(&self.records_in(new));
        Transition::of(
            before
                .into_iter()
                .zip(after)
                .enumerate()
                .map(|(p, (b, a))| Judged::of(p, b, a))
                .collect(),
        )
    }

    /// Evaluates an expression against one park (with its overrides).
    pub fn eval(&self, park: usize, e: &IExpr) -> Value {
        self.record(park)
            .and_then(|r| self.policy.eval_expr(r, e).ok())
            .unwrap_or(Value::Unknown)
    }

    /// Parks for which a test holds, and those for which it is unknown.
    pub fn select(&self, test: &IExpr) -> (Vec<usize>, Vec<usize>) {
        let mut holds = Vec::new();
        let mut unknown = Vec::new();
        for park in 0..self.parks.len() {
            match self.eval(park, test) {
                Value::Bool(true) => holds.push(park),
                Value::Bool(false) => {}
                _ => unknown.push(park),
            }
        }
        (holds, unknown)
    }
}

/// `5` or `-5`: a number written without a unit.
fn plain_number(e: &ast::Expr) -> Option<Decimal> {
    match &e.kind {
        ast::ExprKind::Number(n, None) => Some(*n),
        ast::ExprKind::Neg(inner) => plain_number(inner).map(|n| -n),
        _ => None,
    }
}

/// The policy with threshold and `let` overrides applied, and the parks whose figures change.
fn apply(
    base: &Policy,
    parks: &[Park],
    overrides: &[Override],
) -> (Policy, HashMap<usize, Record>) {
    let mut policy = base.clone();
    let mut edited: HashMap<usize, Record> = HashMap::new();
    for o in overrides {
        match &o.target {
            Target::Threshold(t) => {
                for loc in &t.locs {
                    if let Some(c) = target::comparison_mut(&mut policy, *loc) {
                        c.threshold = IExpr::Const(o.value.clone());
                    }
                }
            }
            Target::Let(i) => {
                if let Some(def) = policy.lets.get_mut(*i) {
                    def.expr = IExpr::Const(o.value.clone());
                }
            }
            Target::Figure { park, input } => {
                let Some(p) = parks.get(*park) else { continue };
                let record = edited.entry(*park).or_insert_with(|| p.record.clone());
                if let Some(slot) = record.values.get_mut(*input) {
                    *slot = o.value.clone();
                }
            }
        }
    }
    // Edited before any record is judged: the program is compiled from the edited policy.
    policy.compiled = crate::eval::Compiled::default();
    (policy, edited)
}

/// Below this many records, judging runs on one thread.
const PARALLEL_FROM: usize = 512;

/// Runs `work` over `0..n` in contiguous chunks, on as many threads as the machine has.
pub(crate) fn in_chunks<R: Send>(
    n: usize,
    work: impl Fn(std::ops::Range<usize>) -> Vec<R> + Sync,
) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |t| t.get().min(8));
    if threads < 2 || n < PARALLEL_FROM {
        return work(0..n);
    }
    let size = n.div_ceil(threads);
    let work = &work;
    let parts: Vec<Option<Vec<R>>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let range = (t * size).min(n)..((t + 1) * size).min(n);
                s.spawn(move || work(range))
            })
            .collect();
        handles.into_iter().map(|h| h.join().ok()).collect()
    });
    if parts.iter().any(Option::is_none) {
        return work(0..n);
    }
    parts.into_iter().flatten().flatten().collect()
}

/// Every record's verdict and tier by [`Policy::trace`], building no judgement (the policy has
/// no round rules).
fn verdicts_of(policy: &Policy, records: &[&Record]) -> Vec<(Verdict, Option<usize>)> {
    in_chunks(records.len(), |range| {
        let mut trace = Trace::new();
        records
            .get(range)
            .unwrap_or_default()
            .iter()
            .map(|r| {
                policy.trace(r, &mut trace);
                (trace.verdict(), trace.tier)
            })
            .collect()
    })
}

/// Judges every record by [`Policy::judge`].
pub fn judge_all(policy: &Policy, records: &[&Record]) -> Vec<Judgement> {
    if !policy.rounds.is_empty() {
        return policy.judge_batch(records);
    }
    in_chunks(records.len(), |range| {
        records
            .get(range)
            .unwrap_or_default()
            .iter()
            .map(|r| policy.judge(r))
            .collect()
    })
}
