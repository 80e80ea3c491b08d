//! The replay: a base's dated events, in date order, through the lifecycle's state machine. Each
//! event moves the base by the first transition, in the order written, that starts from its
//! current state and whose `when` holds; terms start, renew, fail and expire as their events come.
//!
//! Where the record cannot say — a `when` that is unknown, a date known only within bounds, two
//! events whose order is not known, whether an event came by the date asked — the replay follows
//! every possibility, each an [`Outcome`]; the timeline is decided only where they all agree.

use super::missing::{self, Missing};
use super::when::{Ctx, DateOf, When};
use crate::check::ir::IExpr;
use crate::check::ir::{EventSource, Lifecycle, TermDef};
use crate::diag::catalogue::{timeline_note, timeline_reason, timeline_unknown};
use crate::diag::text::{Arg, Text};
use crate::eval::shift;
use crate::syntax::ast::{BaseStatus, Duration, EventOutcome, Renewal, TermLength};
use crate::value::Value;
use chrono::{Datelike, NaiveDate};
use std::rc::Rc;

/// At most this many possible histories are followed; more and the timeline is undetermined.
pub const MAX_OUTCOMES: usize = 256;

/// One move of a base: the rule that moved it, from which state to which, and when.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub rule: String,
    pub article: Option<String>,
    pub from: String,
    pub to: String,
    pub on: When,
    /// Why: the text the policy quotes for the move, or what the term says of it.
    pub text: Text,
}

/// A running term.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TermRun {
    pub start: When,
    /// The last day of validity.
    pub end: When,
    pub renewals: usize,
    generation: u32,
}

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    /// An event of a date or list source: the transitions on it are tried.
    Event,
    /// An element of a list whose `where` cannot be told: perhaps an event.
    MaybeEvent,
    /// An assessment and whether it passed.
    Assessment(Option<bool>),
    /// A term's `from` date.
    TermStart(usize),
    /// A review of a term and whether it passed.
    Review(usize, Option<bool>),
    /// The end of a term's validity (after any grace for late reviews), for one run of it.
    Expiry(usize, u32),
}

/// A dated event waiting to be replayed.
#[derive(Debug, Clone, PartialEq)]
struct Occ {
    on: When,
    /// Among events of one day: a term's end first, then sources in the order written.
    rank: usize,
    seq: usize,
    /// By index into [`Lifecycle::sources`], for events and assessments.
    source: usize,
    kind: Kind,
    elem: Option<Value>,
    about: Rc<About>,
}

/// What an event is, for what a history leaves unknown: the rule it feeds, the record it comes
/// from (`事件[2]`), and what its date is missing when that is not known exactly.
#[derive(Debug, Clone, PartialEq, Default)]
struct About {
    rule: String,
    record: Option<(String, u32)>,
    date_missing: Vec<Missing>,
}

impl About {
    /// The event and its date, and what the date depends on when it is not known exactly.
    fn at(&self, on: When) -> Text {
        let depends = if self.date_missing.is_empty() {
            Arg::from("")
        } else {
            timeline_unknown::date_depends(Missing::list(&self.date_missing)).into()
        };
        timeline_unknown::event_at(&self.rule, on, depends)
    }
}

/// What the record leaves unknown, as a part of a message: ` (missing 事件[2].级别)`, or nothing.
fn missing_part(fields: &[Missing]) -> Arg {
    if fields.is_empty() {
        Arg::from("")
    } else {
        timeline_unknown::missing(Missing::list(fields)).into()
    }
}

impl Occ {
    fn key(&self) -> (Option<NaiveDate>, usize, usize) {
        (self.on.lo, self.rank, self.seq)
    }

    /// Whether this event may come before `other`.
    fn may_precede(&self, other: &Occ) -> bool {
        match (self.on.date(), other.on.date()) {
            (Some(a), Some(b)) => (a, self.rank, self.seq) < (b, other.rank, other.seq),
            _ => match (self.on.lo, other.on.hi) {
                (Some(a), Some(b)) => a <= b,
                _ => true,
            },
        }
    }
}

/// One way a base's history can have gone, up to the date asked.
#[derive(Debug, Clone)]
pub(crate) struct Outcome {
    pub state: usize,
    pub entered: When,
    pub terms: Vec<Option<TermRun>>,
    /// For each term, the end of its last run that expired, so a review after it is explained.
    expired: Vec<Option<When>>,
    /// For each term, whether it ever ran for this base.
    ran: Vec<bool>,
    pub steps: Vec<Step>,
    /// Records the replay did not count, and why.
    pub notes: Vec<Text>,
    /// What the record leaves unknown that made this one of several possible histories.
    pub unknowns: Vec<Text>,
    /// Set when the policy does not say what an event does.
    pub unsettled: Option<Text>,
    pending: Vec<Occ>,
    generation: u32,
    seq: usize,
}

fn push_unique<T: PartialEq>(v: &mut Vec<T>, s: T) {
    if !v.contains(&s) {
        v.push(s);
    }
}

impl Outcome {
    /// Whether two histories come to the same: state, moves, terms, notes.
    pub fn same_as(&self, other: &Outcome) -> bool {
        let terms = |o: &Outcome| -> Vec<Option<(When, When, usize)>> {
            o.terms
                .iter()
                .map(|t| t.as_ref().map(|r| (r.start, r.end, r.renewals)))
                .collect()
        };
        self.state == other.state
            && self.entered == other.entered
            && self.steps == other.steps
            && self.notes == other.notes
            && self.unsettled == other.unsettled
            && terms(self) == terms(other)
    }

    fn schedule(&mut self, mut occ: Occ) {
        self.seq += 1;
        occ.seq = self.seq;
        let at = self
            .pending
            .iter()
            .position(|o| o.key() > occ.key())
            .unwrap_or(self.pending.len());
        self.pending.insert(at, occ);
    }
}

fn terminal(status: BaseStatus) -> bool {
    matches!(
        status,
        BaseStatus::Revoked | BaseStatus::Lapsed | BaseStatus::Excluded
    )
}

fn day_after(d: NaiveDate) -> Option<NaiveDate> {
    d.succ_opt()
}

/// The last day of a term that starts on `start`.
fn term_end(length: TermLength, start: NaiveDate) -> Option<NaiveDate> {
    match length {
        TermLength::Anniversary(d) => shift(start, d, true),
        TermLength::CalendarYears(n) => {
            let year = start
                .year()
                .checked_add(i32::try_from(n).ok()?)?
                .checked_sub(1)?;
            NaiveDate::from_ymd_opt(year, 12, 31)
        }
    }
}

/// A renewed term: its first and last day.
fn renewed(def: &TermDef, old_end: NaiveDate, review: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    match def.renewal {
        Renewal::FromReview => Some((review, term_end(def.length, review)?)),
        Renewal::FromEnd => {
            let end = match def.length {
                TermLength::Anniversary(d) => shift(old_end, d, true)?,
                TermLength::CalendarYears(n) => {
                    let year = old_end.year().checked_add(i32::try_from(n).ok()?)?;
                    NaiveDate::from_ymd_opt(year, 12, 31)?
                }
            };
            Some((day_after(old_end)?, end))
        }
    }
}

/// Why a review after a term's end is not counted.
fn late_note(def: &TermDef, on: When, end: When) -> Text {
    if def.late.is_some() {
        timeline_note::after_late(&def.name, on, end)
    } else {
        timeline_note::after_end(&def.name, on, end)
    }
}

fn grace(late: Option<Duration>, end: NaiveDate) -> Option<NaiveDate> {
    match late {
        Some(d) => shift(end, d, true),
        None => Some(end),
    }
}

/// The replay of one base.
struct Replayer<'c, 'a> {
    cx: &'c mut Ctx<'a>,
    lc: &'a Lifecycle,
    as_of: NaiveDate,
    stack: Vec<Outcome>,
}

/// Every possible history of a base up to `as_of`, or `None` when there are too many to follow.
pub(crate) fn replay(cx: &mut Ctx<'_>, as_of: NaiveDate) -> Option<Vec<Outcome>> {
    let lc = cx.lc;
    let mut first = Outcome {
        state: 0,
        entered: When::unknown(),
        terms: vec![None; lc.terms.len()],
        expired: vec![None; lc.terms.len()],
        ran: vec![false; lc.terms.len()],
        steps: Vec::new(),
        notes: Vec::new(),
        unknowns: Vec::new(),
        unsettled: None,
        pending: Vec::new(),
        generation: 0,
        seq: 0,
    };
    for occ in initial_events(cx) {
        first.schedule(occ);
    }
    let mut r = Replayer {
        cx,
        lc,
        as_of,
        stack: vec![first],
    };
    r.run()
}

/// The name of the first rule that moves on a source, for messages.
fn source_rule(lc: &Lifecycle, si: usize) -> String {
    match lc.sources.get(si) {
        Some(EventSource::Assessment(a)) => lc.assessments.get(*a).map(|a| a.name.clone()),
        Some(EventSource::Term(t)) => lc.terms.get(*t).map(|t| t.name.clone()),
        _ => lc
            .transitions
            .iter()
            .find(|t| t.on == si)
            .map(|t| t.name.clone()),
    }
    .unwrap_or_default()
}

/// Whether an expression reads the current state or the date it was entered.
fn reads_state(lc: &Lifecycle, e: &IExpr) -> bool {
    match e {
        IExpr::Input(i) => *i == lc.state_slot() || *i == lc.entered_slot(),
        IExpr::Let(i) => lc.lets.get(*i).is_some_and(|d| reads_state(lc, &d.expr)),
        other => other.children().any(|c| reads_state(lc, c)),
    }
}

/// Whether no transition on a source can move on this element, whatever the state: each has a
/// `when` that reads no state and is false for it.
fn moves_nothing(cx: &Ctx<'_>, si: usize, elem: &Value) -> bool {
    cx.lc.transitions.iter().filter(|t| t.on == si).all(|t| {
        t.when.as_ref().is_some_and(|w| {
            !reads_state(cx.lc, w) && cx.truth(w, vec![elem.clone()]) == Some(false)
        })
    })
}

/// A list element's name as a drafter writes it (`事件[2]`), with the shape of its record.
type Label = Option<(String, u32)>;

/// Collects the events the record holds.
struct Events<'x, 'a> {
    cx: &'x Ctx<'a>,
    out: Vec<Occ>,
}

impl Events<'_, '_> {
    #[allow(clippy::too_many_arguments)]
    fn add(
        &mut self,
        date: (&IExpr, DateOf),
        rank: usize,
        source: usize,
        kind: Kind,
        elem: Option<Value>,
        rule: String,
        record: Option<(String, u32)>,
    ) {
        let (expr, on) = date;
        let DateOf::At(on) = on else { return };
        let mut date_missing = Vec::new();
        if on.date().is_none() {
            date_missing = missing::reads(self.cx, expr);
            if let (Some(v), Some((label, shape))) = (&elem, &record) {
                for m in missing::element(self.cx, expr, v, label, *shape) {
                    if !date_missing.contains(&m) {
                        date_missing.push(m);
                    }
                }
            }
            if self.cx.depends_on_effective(expr) && !date_missing.contains(&Missing::Effective) {
                date_missing.push(Missing::Effective);
            }
        }
        self.out.push(Occ {
            on,
            rank,
            seq: 0,
            source,
            kind,
            elem,
            about: Rc::new(About {
                rule,
                record,
                date_missing,
            }),
        });
    }

    /// The elements of a list, each with its label (`事件[2]`) when the list is an input.
    fn elements(&self, over: &IExpr) -> Option<Vec<(Value, Label)>> {
        let lc = self.cx.lc;
        let named = match over {
            IExpr::Input(i) => lc.inputs.get(*i).and_then(|input| match &input.ty {
                crate::check::ir::Type::List(t) => match **t {
                    crate::check::ir::Type::Shape(s) => Some((input.name.clone(), s)),
                    _ => None,
                },
                _ => None,
            }),
            _ => None,
        };
        match self.cx.eval(over, Vec::new()) {
            Value::List(items) => Some(
                items
                    .iter()
                    .enumerate()
                    .map(|(k, v)| {
                        let label = named.as_ref().map(|(n, s)| (format!("{n}[{k}]"), *s));
                        (v.clone(), label)
                    })
                    .collect(),
            ),
            Value::None => Some(Vec::new()),
            _ => None,
        }
    }
}

/// The events the record holds: those of each source, term starts and reviews.
fn initial_events(cx: &Ctx<'_>) -> Vec<Occ> {
    let lc = cx.lc;
    let mut ev = Events {
        cx,
        out: Vec::new(),
    };
    let unknown_date = IExpr::Const(Value::Unknown);
    let unknown = DateOf::At(When::unknown());
    for (si, src) in lc.sources.iter().enumerate() {
        let rank = si + 1;
        let rule = source_rule(lc, si);
        match src {
            EventSource::Date(e) => {
                if moves_nothing(cx, si, &Value::None) {
                    continue;
                }
                let on = cx.date(e, Vec::new());
                ev.add((e, on), rank, si, Kind::Event, None, rule, None);
            }
            EventSource::Each { over, filter, at } => match ev.elements(over) {
                Some(items) => {
                    for (item, label) in items {
                        let kept = filter
                            .as_ref()
                            .map_or(Some(true), |f| cx.truth(f, vec![item.clone()]));
                        if kept == Some(false) || moves_nothing(cx, si, &item) {
                            continue;
                        }
                        let on = cx.date(at, vec![item.clone()]);
                        let kind = if kept.is_some() {
                            Kind::Event
                        } else {
                            Kind::MaybeEvent
                        };
                        ev.add((at, on), rank, si, kind, Some(item), rule.clone(), label);
                    }
                }
                None => ev.add(
                    (&unknown_date, unknown),
                    rank,
                    si,
                    Kind::MaybeEvent,
                    Some(Value::Unknown),
                    rule,
                    None,
                ),
            },
            EventSource::Assessment(ai) => {
                let Some(a) = lc.assessments.get(*ai) else {
                    continue;
                };
                match ev.elements(&a.over) {
                    Some(items) => {
                        for (item, label) in items {
                            let on = cx.date(&a.on, vec![item.clone()]);
                            let passed = cx.truth(&a.passes, vec![item.clone()]);
                            let kind = Kind::Assessment(passed);
                            ev.add((&a.on, on), rank, si, kind, Some(item), rule.clone(), label);
                        }
                    }
                    None => ev.add(
                        (&unknown_date, unknown),
                        rank,
                        si,
                        Kind::Assessment(None),
                        Some(Value::Unknown),
                        rule,
                        None,
                    ),
                }
            }
            EventSource::Term(_) => {}
        }
    }
    for (ti, term) in lc.terms.iter().enumerate() {
        let rank = lc
            .sources
            .iter()
            .position(|s| *s == EventSource::Term(ti))
            .map_or(1 + lc.sources.len() + ti, |p| p + 1);
        if let Some(from) = &term.from {
            let on = cx.date(from, Vec::new());
            ev.add(
                (from, on),
                0,
                0,
                Kind::TermStart(ti),
                None,
                term.name.clone(),
                None,
            );
        }
        if let Some((over, on, passes)) = &term.review {
            match ev.elements(over) {
                Some(items) => {
                    for (item, label) in items {
                        let date = cx.date(on, vec![item.clone()]);
                        let passed = cx.truth(passes, vec![item.clone()]);
                        let kind = Kind::Review(ti, passed);
                        ev.add(
                            (on, date),
                            rank,
                            0,
                            kind,
                            Some(item),
                            term.name.clone(),
                            label,
                        );
                    }
                }
                None => ev.add(
                    (&unknown_date, unknown),
                    rank,
                    0,
                    Kind::Review(ti, None),
                    Some(Value::Unknown),
                    term.name.clone(),
                    None,
                ),
            }
        }
    }
    ev.out
}

impl Replayer<'_, '_> {
    fn run(&mut self) -> Option<Vec<Outcome>> {
        let mut done: Vec<Outcome> = Vec::new();
        while let Some(mut b) = self.stack.pop() {
            if done.len() + self.stack.len() > MAX_OUTCOMES {
                return None;
            }
            let as_of = self.as_of;
            b.pending.retain(|o| !o.on.after(as_of));
            if b.pending.is_empty() {
                done.push(b);
                continue;
            }
            let firsts: Vec<usize> = (0..b.pending.len())
                .filter(|&i| {
                    let Some(a) = b.pending.get(i) else {
                        return false;
                    };
                    b.pending
                        .iter()
                        .enumerate()
                        .all(|(j, o)| j == i || a.may_precede(o))
                })
                .collect();
            // Which comes first is open only because of the events whose dates are not exact.
            let open: Vec<Text> = if firsts.len() > 1 {
                firsts
                    .iter()
                    .filter_map(|&i| b.pending.get(i))
                    .filter(|o| o.on.date().is_none())
                    .map(|o| timeline_unknown::order(o.about.at(o.on)))
                    .collect()
            } else {
                Vec::new()
            };
            for &i in &firsts {
                let mut c = b.clone();
                let occ = c.pending.remove(i);
                for what in &open {
                    push_unique(&mut c.unknowns, what.clone());
                }
                self.step(c, occ);
            }
        }
        Some(done)
    }

    /// Whether an event can change anything in this history now: a transition on it starts
    /// from the current state, or the term it concerns is running.
    fn relevant(&self, b: &Outcome, occ: &Occ) -> bool {
        let running = |t: usize| b.terms.get(t).is_some_and(Option::is_some);
        match occ.kind {
            Kind::Event | Kind::MaybeEvent | Kind::Assessment(_) => self
                .lc
                .transitions
                .iter()
                .any(|t| t.on == occ.source && t.from.contains(&b.state)),
            Kind::TermStart(_) => true,
            Kind::Review(t, _) => running(t) || occ.on.date().is_some(),
            Kind::Expiry(t, g) => b
                .terms
                .get(t)
                .and_then(Option::as_ref)
                .is_some_and(|run| run.generation == g),
        }
    }

    /// Replays one event in one history; what follows goes back on the stack.
    fn step(&mut self, mut b: Outcome, mut occ: Occ) {
        if !self.relevant(&b, &occ) {
            self.stack.push(b);
            return;
        }
        if occ.on.may_be_after(self.as_of) {
            let mut later = b.clone();
            let what = timeline_unknown::came_by(occ.about.at(occ.on), self.as_of);
            push_unique(&mut later.unknowns, what.clone());
            self.stack.push(later);
            push_unique(&mut b.unknowns, what);
            occ.on.hi = Some(self.as_of);
        }
        match occ.kind.clone() {
            Kind::Event => {
                self.try_transitions(&mut b, &occ, None, occ.on);
            }
            Kind::MaybeEvent => {
                let record: Arg = occ
                    .about
                    .record
                    .as_ref()
                    .map_or_else(|| timeline_unknown::a_record().into(), |(l, _)| l.into());
                let what =
                    timeline_unknown::is_event(record, &occ.about.rule, self.missing_of(&occ));
                let mut none = b.clone();
                push_unique(&mut none.unknowns, what.clone());
                self.stack.push(none);
                push_unique(&mut b.unknowns, what);
                self.try_transitions(&mut b, &occ, None, occ.on);
            }
            Kind::Assessment(passed) => {
                let passed = match passed {
                    Some(p) => p,
                    None => {
                        let what =
                            timeline_unknown::assessment_passed(occ.on, self.missing_of(&occ));
                        let mut alt = b.clone();
                        push_unique(&mut alt.unknowns, what.clone());
                        let outcome = Some(EventOutcome::Passes);
                        self.try_transitions(&mut alt, &occ, outcome, occ.on);
                        self.stack.push(alt);
                        push_unique(&mut b.unknowns, what);
                        false
                    }
                };
                let outcome = Some(if passed {
                    EventOutcome::Passes
                } else {
                    EventOutcome::Failed
                });
                self.try_transitions(&mut b, &occ, outcome, occ.on);
            }
            Kind::TermStart(t) => self.start_term(&mut b, t, occ.on),
            Kind::Review(t, passed) => self.review(&mut b, t, &occ, passed),
            Kind::Expiry(t, generation) => self.expire(&mut b, &occ, t, generation),
        }
        self.stack.push(b);
    }

    /// What the record leaves unknown about an event's record, for messages:
    /// ` (missing 事件[2].级别)`.
    fn missing_of(&self, occ: &Occ) -> Arg {
        let (Some(elem), Some((label, shape))) = (&occ.elem, &occ.about.record) else {
            return missing_part(&[]);
        };
        let lc = self.lc;
        let mut parts: Vec<Missing> = Vec::new();
        let exprs: Vec<&IExpr> = match (&occ.kind, lc.sources.get(occ.source)) {
            (Kind::Assessment(_), Some(EventSource::Assessment(a))) => lc
                .assessments
                .get(*a)
                .map(|a| &a.passes)
                .into_iter()
                .collect(),
            (Kind::Review(t, _), _) => lc
                .terms
                .get(*t)
                .and_then(|t| t.review.as_ref())
                .map(|(_, _, p)| p)
                .into_iter()
                .collect(),
            (_, Some(EventSource::Each { filter, .. })) => filter.iter().collect(),
            _ => Vec::new(),
        };
        for e in exprs {
            for m in missing::element(self.cx, e, elem, label, *shape) {
                push_unique(&mut parts, m);
            }
        }
        missing_part(&parts)
    }

    /// Tries the transitions on an event's source in order; whether one fired. An unknown
    /// `when` is followed both ways.
    fn try_transitions(
        &mut self,
        b: &mut Outcome,
        occ: &Occ,
        outcome: Option<EventOutcome>,
        on: When,
    ) -> bool {
        self.try_on(b, occ.source, outcome, on, occ)
    }

    fn try_on(
        &mut self,
        b: &mut Outcome,
        source: usize,
        outcome: Option<EventOutcome>,
        on: When,
        occ: &Occ,
    ) -> bool {
        let lc = self.lc;
        let elem = occ.elem.clone();
        for (ti, t) in lc.transitions.iter().enumerate() {
            if t.on != source || t.outcome != outcome || !t.from.contains(&b.state) {
                continue;
            }
            let holds = match &t.when {
                None => Some(true),
                Some(w) => {
                    self.cx.enter(b.state, b.entered);
                    self.cx.truth(w, elem.iter().cloned().collect())
                }
            };
            match holds {
                Some(true) => {
                    self.fire(b, ti, on);
                    return true;
                }
                Some(false) => {}
                None => {
                    let mut missing = Vec::new();
                    if let (Some(w), Some(v), Some((label, shape))) =
                        (&t.when, &elem, &occ.about.record)
                    {
                        missing = missing::element(self.cx, w, v, label, *shape);
                    }
                    if let Some(w) = &t.when {
                        self.cx.enter(b.state, b.entered);
                        for m in missing::reads(self.cx, w) {
                            push_unique(&mut missing, m);
                        }
                    }
                    let what = timeline_unknown::applies(&t.name, on, missing_part(&missing));
                    let mut alt = b.clone();
                    push_unique(&mut alt.unknowns, what.clone());
                    self.fire(&mut alt, ti, on);
                    self.stack.push(alt);
                    push_unique(&mut b.unknowns, what);
                }
            }
        }
        false
    }

    fn fire(&mut self, b: &mut Outcome, ti: usize, on: When) {
        let lc = self.lc;
        let Some(t) = lc.transitions.get(ti) else {
            return;
        };
        b.steps.push(Step {
            rule: t.name.clone(),
            article: t.article.clone(),
            from: self.cx.state_name(b.state),
            to: self.cx.state_name(t.to),
            on,
            text: timeline_reason::quoted(t.quote.as_ref().unwrap_or(&t.name)),
        });
        for (i, term) in lc.terms.iter().enumerate() {
            if term.ends.contains(&ti) {
                if let Some(run) = b.terms.get_mut(i) {
                    *run = None;
                }
            }
        }
        for (i, term) in lc.terms.iter().enumerate() {
            if term.starts.contains(&ti) {
                self.start_term(b, i, on);
            }
        }
        self.enter(b, t.to, on);
    }

    /// A move made by a term itself (a failed review, the end of validity).
    fn term_move(&mut self, b: &mut Outcome, term: &TermDef, to: usize, on: When, text: Text) {
        b.steps.push(Step {
            rule: term.name.clone(),
            article: term.article.clone(),
            from: self.cx.state_name(b.state),
            to: self.cx.state_name(to),
            on,
            text,
        });
        self.enter(b, to, on);
    }

    fn enter(&mut self, b: &mut Outcome, to: usize, on: When) {
        b.state = to;
        b.entered = on;
        if self.lc.states.get(to).is_some_and(|s| terminal(s.status)) {
            b.terms.iter_mut().for_each(|t| *t = None);
        }
    }

    fn start_term(&mut self, b: &mut Outcome, t: usize, start: When) {
        let Some(def) = self.lc.terms.get(t) else {
            return;
        };
        let end = start.map(|d| term_end(def.length, d));
        self.run_term(b, t, start, end, 0);
    }

    fn run_term(&mut self, b: &mut Outcome, t: usize, start: When, end: When, renewals: usize) {
        let Some(def) = self.lc.terms.get(t) else {
            return;
        };
        b.generation += 1;
        let generation = b.generation;
        if let Some(ran) = b.ran.get_mut(t) {
            *ran = true;
        }
        if let Some(slot) = b.terms.get_mut(t) {
            *slot = Some(TermRun {
                start,
                end,
                renewals,
                generation,
            });
        }
        let expiry = end.map(|d| grace(def.late, d).and_then(day_after));
        b.schedule(Occ {
            on: expiry,
            rank: 0,
            seq: 0,
            source: 0,
            kind: Kind::Expiry(t, generation),
            elem: None,
            about: Rc::new(About {
                rule: def.name.clone(),
                ..About::default()
            }),
        });
    }

    fn term_source(&self, t: usize) -> Option<usize> {
        self.lc
            .sources
            .iter()
            .position(|s| *s == EventSource::Term(t))
    }

    fn expire(&mut self, b: &mut Outcome, occ: &Occ, t: usize, generation: u32) {
        let lc = self.lc;
        let Some(def) = lc.terms.get(t) else { return };
        let Some(Some(run)) = b.terms.get(t).cloned() else {
            return;
        };
        if run.generation != generation {
            return;
        }
        if let Some(slot) = b.terms.get_mut(t) {
            *slot = None;
        }
        if let Some(slot) = b.expired.get_mut(t) {
            *slot = Some(run.end);
        }
        let lapse = run.end.map(day_after);
        let fired = match self.term_source(t) {
            Some(src) => self.try_on(b, src, Some(EventOutcome::Expired), lapse, occ),
            None => false,
        };
        if !fired {
            let text = timeline_reason::expired(&def.name, run.end);
            self.term_move(b, def, def.expired, lapse, text);
        }
    }

    fn review(&mut self, b: &mut Outcome, t: usize, occ: &Occ, passed: Option<bool>) {
        let on = occ.on;
        let lc = self.lc;
        let Some(def) = lc.terms.get(t) else { return };
        let Some(Some(run)) = b.terms.get(t).cloned() else {
            // The same reviews may renew another term that runs now (a base promoted to a
            // tier with a term of its own): then this one has nothing to say of them.
            let list = def.review.as_ref().map(|(over, _, _)| over);
            let counted_elsewhere = lc.terms.iter().enumerate().any(|(i, other)| {
                i != t
                    && other.review.as_ref().map(|(over, _, _)| over) == list
                    && b.terms.get(i).is_some_and(Option::is_some)
            });
            if counted_elsewhere || b.ran.get(t) != Some(&true) {
                return;
            }
            let ended = b.expired.get(t).copied().flatten();
            let note = match ended {
                Some(end) if on.lo.zip(end.hi).is_some_and(|(d, e)| d > e) => {
                    late_note(def, on, end)
                }
                _ => timeline_note::not_running(&def.name, on),
            };
            push_unique(&mut b.notes, note);
            return;
        };
        let deadline = run.end.map(|d| grace(def.late, d));
        // Inside the term for certain, outside for certain, or either.
        let inside = match (
            on.lo,
            on.hi,
            run.start.hi,
            run.start.lo,
            deadline.lo,
            deadline.hi,
        ) {
            (Some(lo), Some(hi), Some(start_hi), _, Some(dl_lo), _)
                if lo >= start_hi && hi <= dl_lo =>
            {
                Some(true)
            }
            (_, Some(hi), _, Some(start_lo), _, _) if hi < start_lo => Some(false),
            (Some(lo), _, _, _, _, Some(dl_hi)) if lo > dl_hi => Some(false),
            _ => None,
        };
        let inside = match inside {
            Some(i) => i,
            None => {
                let what = timeline_unknown::review_within(on, &def.name);
                let mut alt = b.clone();
                push_unique(&mut alt.unknowns, what.clone());
                self.stack.push(alt);
                push_unique(&mut b.unknowns, what);
                true
            }
        };
        if !inside {
            let note = if on.hi.zip(run.start.lo).is_some_and(|(h, s)| h < s) {
                timeline_note::before_start(&def.name, on, run.start)
            } else {
                late_note(def, on, run.end)
            };
            push_unique(&mut b.notes, note);
            return;
        }
        let passed = match passed {
            Some(p) => p,
            None => {
                let what = timeline_unknown::review_passed(on, self.missing_of(occ));
                let mut alt = b.clone();
                push_unique(&mut alt.unknowns, what.clone());
                self.passed_review(&mut alt, t, &run, occ);
                self.stack.push(alt);
                push_unique(&mut b.unknowns, what);
                false
            }
        };
        if passed {
            self.passed_review(b, t, &run, occ);
            return;
        }
        if let Some(slot) = b.terms.get_mut(t) {
            *slot = None;
        }
        let fired = match self.term_source(t) {
            Some(src) => self.try_on(b, src, Some(EventOutcome::Failed), on, occ),
            None => false,
        };
        if fired {
            return;
        }
        match def.failed {
            Some(to) => {
                let text = timeline_reason::review_failed(&def.name, on);
                self.term_move(b, def, to, on, text);
            }
            None => {
                b.unsettled = Some(timeline_unknown::failed_unsaid(&def.name, on));
            }
        }
    }

    fn passed_review(&mut self, b: &mut Outcome, t: usize, run: &TermRun, occ: &Occ) {
        let on = occ.on;
        let Some(def) = self.lc.terms.get(t) else {
            return;
        };
        let (start, end) = match (run.end.date(), on.date()) {
            (Some(old_end), Some(review)) => match renewed(def, old_end, review) {
                Some((s, e)) => (When::exact(s), When::exact(e)),
                None => (When::unknown(), When::unknown()),
            },
            _ => match def.renewal {
                Renewal::FromReview => (on, on.map(|d| term_end(def.length, d))),
                Renewal::FromEnd => (
                    run.end.map(day_after),
                    run.end.map(|d| renewed(def, d, d).map(|(_, e)| e)),
                ),
            },
        };
        self.run_term(b, t, start, end, run.renewals + 1);
        if let Some(src) = self.term_source(t) {
            self.try_on(b, src, Some(EventOutcome::Passes), on, occ);
        }
    }
}
