//! Timeline: the status of a titled base on a date, by replaying its dated events through the
//! lifecycle's state machine — states and the tiers they carry, terms and re-reviews, periodic
//! assessments, transitions — and then what comes next, suspensions and lists. Pure.

use crate::check::ir::{Policy, Type};
use crate::diag::catalogue::{timeline_reason, timeline_unknown};
use crate::diag::text::Text;
use crate::syntax::ast::BaseStatus;
use crate::value::{Record, Value};
use chrono::NaiveDate;

pub mod histories;
mod missing;
pub mod replay;
pub mod stars;
pub mod when;

pub use missing::Missing;
pub use replay::Step;
pub use when::When;

use replay::Outcome;
use when::Ctx;

/// Why a base is in the state it is in: a rule in force, with its article and date.
#[derive(Debug, Clone, PartialEq)]
pub struct Reason {
    pub article: Option<String>,
    pub rule: String,
    pub state: String,
    pub since: Option<NaiveDate>,
    /// When the date is known only within bounds.
    pub between: Option<When>,
    /// The text the policy quotes for the rule, or what the term says of it.
    pub text: Text,
}

/// The current term of validity.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Term {
    pub name: String,
    pub article: Option<String>,
    pub start: NaiveDate,
    /// The last day of validity; the re-review is due by then.
    pub end: NaiveDate,
    /// Passed reviews that renewed the term so far.
    pub renewals: usize,
    /// When the term allows a late review: the last day one still counts.
    pub late_until: Option<NaiveDate>,
    /// Whether the date asked is past the end, within the time a late review still counts.
    pub overdue: bool,
}

/// A city whose applications are suspended, and for which year.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Suspension {
    pub city: String,
    pub year: String,
    pub rule: String,
    pub article: Option<String>,
}

/// A `list`, `next` or `suspend` rule the record cannot decide for a base, with what is missing.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Undecided {
    /// `list`, `next` or `suspend`.
    pub kind: &'static str,
    pub name: String,
    pub article: Option<String>,
    /// What the record leaves unknown that the rule reads (`上年营业收入`, `评价[1].星级`).
    pub missing: Vec<Missing>,
}

/// What comes next for a base, by a `next` rule: its value, shown where it is read with
/// [`Policy::value_text_in`].
#[derive(Debug, Clone, PartialEq)]
pub struct Next {
    pub name: String,
    pub article: Option<String>,
    pub value: Value,
    pub ty: Type,
}

/// One base on one date.
#[derive(Debug, Clone, PartialEq)]
pub struct BaseTimeline {
    pub name: Option<String>,
    /// The tier the base holds on the date: its state's, or else the record's.
    pub tier: Option<String>,
    /// The policy's name for the state (有效, 已撤销 …); the possible states, joined, when
    /// the record cannot decide between them.
    pub state: String,
    pub status: BaseStatus,
    /// Since when the base is in this state, when known exactly.
    pub since: Option<NaiveDate>,
    /// When the date it entered the state is known only within bounds.
    pub since_between: Option<When>,
    /// The states it may be in, when the record cannot decide.
    pub possible: Vec<String>,
    /// Why it is in its state: the running term of an active base, else the move into its state.
    pub reasons: Vec<Reason>,
    pub term: Option<Term>,
    /// Every move the base made, in order, when the history is decided.
    pub history: Vec<Step>,
    /// What comes next, by the policy's `next` rules.
    pub next: Vec<Next>,
    pub suspensions: Vec<Suspension>,
    /// The policy's lists this base is on (active bases only).
    pub lists: Vec<(String, Option<String>)>,
    /// Lists, next values and suspensions the record cannot decide, with what is missing.
    pub undetermined: Vec<Undecided>,
    /// What the record leaves unknown that the status or a rule depends on.
    pub unknowns: Vec<Text>,
    /// Records the replay did not count, and why (a review after the term ended …).
    pub notes: Vec<Text>,
}

/// A history record that breaks a `require` rule: the field, the rule's text and its article.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    pub field: String,
    pub text: String,
    pub article: Option<String>,
}

impl Policy {
    /// The `require` rules a history record breaks; unknown is not a breach.
    pub fn violations(&self, record: &Record) -> Vec<Violation> {
        let Some(lc) = self.lifecycle.as_ref() else {
            return Vec::new();
        };
        let cx = Ctx::new(self, lc, record, Value::Unknown);
        lc.requires
            .iter()
            .filter(|r| cx.eval(&r.test, Vec::new()) == Value::Bool(false))
            .map(|r| Violation {
                field: r.field.clone(),
                text: r.text.clone(),
                article: r.article.clone(),
            })
            .collect()
    }

    /// A copy of this policy that reads base-history records: the lifecycle's inputs and derived
    /// values in place of the application's. `None` when the policy states no lifecycle.
    pub fn history_view(&self) -> Option<Policy> {
        let lc = self.lifecycle.as_ref()?;
        let mut view = self.clone();
        view.inputs = lc.inputs.clone();
        view.name_input = lc.name_input;
        view.lets = lc.lets.clone();
        view.rules = Vec::new();
        view.reads = Vec::new();
        view.tier_input = lc
            .inputs
            .iter()
            .position(|i| i.ty == Type::Tier)
            .unwrap_or(usize::MAX);
        Some(view)
    }

    /// Whether the policy has a selection part (inputs or rules of its own) that `eval` judges;
    /// a policy may state only a lifecycle.
    pub fn selects(&self) -> bool {
        !self.inputs.is_empty() || !self.rules.is_empty()
    }

    /// The status of one base (a record read through [`Policy::history_view`]) on `as_of`.
    pub fn timeline(&self, record: &Record, as_of: NaiveDate) -> Option<BaseTimeline> {
        let lc = self.lifecycle.as_ref()?;
        let mut cx = Ctx::new(self, lc, record, Value::Date(as_of));
        let outcomes = replay::replay(&mut cx, as_of);
        Some(judge_base(&mut cx, outcomes))
    }
}

/// The histories that come to different things, each once.
fn distinct(all: Vec<Outcome>) -> Vec<Outcome> {
    let mut out: Vec<Outcome> = Vec::new();
    for o in all {
        if !out.iter().any(|x| x.same_as(&o)) {
            out.push(o);
        }
    }
    out
}

fn all_same<T: PartialEq>(items: &[T]) -> Option<&T> {
    let first = items.first()?;
    items.iter().all(|x| x == first).then_some(first)
}

fn push_unique<T: PartialEq>(v: &mut Vec<T>, x: T) {
    if !v.contains(&x) {
        v.push(x);
    }
}

fn status_of(cx: &Ctx<'_>, state: usize) -> BaseStatus {
    cx.lc
        .states
        .get(state)
        .map_or(BaseStatus::Active, |s| s.status)
}

/// The running term that explains an active base: the first that runs, known exactly.
fn running_term(cx: &Ctx<'_>, o: &Outcome) -> Option<Term> {
    let as_of = match cx.inputs.get(cx.lc.as_of_slot) {
        Some(Value::Date(d)) => Some(*d),
        _ => None,
    };
    o.terms.iter().enumerate().find_map(|(i, run)| {
        let run = run.as_ref()?;
        let def = cx.lc.terms.get(i)?;
        let end = run.end.date()?;
        Some(Term {
            name: def.name.clone(),
            article: def.article.clone(),
            start: run.start.date()?,
            end,
            renewals: run.renewals,
            late_until: def.late.and_then(|d| crate::eval::shift(end, d, true)),
            overdue: as_of.is_some_and(|a| a > end),
        })
    })
}

fn judge_base(cx: &mut Ctx<'_>, outcomes: Option<Vec<Outcome>>) -> BaseTimeline {
    let lc = cx.lc;
    let mut unknowns: Vec<Text> = Vec::new();
    let mut notes: Vec<Text> = Vec::new();
    let outcomes = match outcomes {
        Some(o) if !o.is_empty() => distinct(o),
        _ => {
            unknowns.push(timeline_unknown::too_many(replay::MAX_OUTCOMES));
            Vec::new()
        }
    };
    for o in &outcomes {
        // What the record leaves unknown matters only where the histories differ.
        if outcomes.len() > 1 {
            o.unknowns
                .iter()
                .for_each(|u| push_unique(&mut unknowns, u.clone()));
        }
        o.notes
            .iter()
            .for_each(|n| push_unique(&mut notes, n.clone()));
        if let Some(u) = &o.unsettled {
            push_unique(&mut unknowns, u.clone());
        }
    }
    let states: Vec<usize> = outcomes.iter().map(|o| o.state).collect();
    let settled = outcomes.iter().all(|o| o.unsettled.is_none());
    let decided = all_same(&states).copied().filter(|_| settled);
    let mut order = states.clone();
    order.sort_unstable();
    let mut possible: Vec<String> = Vec::new();
    for s in &order {
        push_unique(&mut possible, cx.state_name(*s));
    }
    let (state, status) = match decided {
        Some(s) => (cx.state_name(s), status_of(cx, s)),
        None => (possible.join(" | "), BaseStatus::Undetermined),
    };
    let entered: Option<When> =
        outcomes
            .iter()
            .map(|o| o.entered)
            .reduce(|a, b| if a == b { a } else { a.union(&b) });
    let since = entered.and_then(|w| w.date()).filter(|_| decided.is_some());
    // A base still in its first state entered it at no date.
    let moved = outcomes.iter().any(|o| !o.steps.is_empty());
    let since_between = entered.filter(|w| w.date().is_none() && decided.is_some() && moved);
    let terms: Vec<Option<Term>> = outcomes.iter().map(|o| running_term(cx, o)).collect();
    let term = all_same(&terms)
        .cloned()
        .flatten()
        .filter(|_| status == BaseStatus::Active);
    let histories: Vec<&Vec<Step>> = outcomes.iter().map(|o| &o.steps).collect();
    let history = match (decided, all_same(&histories)) {
        (Some(_), Some(steps)) => (*steps).clone(),
        _ => Vec::new(),
    };
    let reasons = match &term {
        Some(t) => vec![Reason {
            article: t.article.clone(),
            rule: t.name.clone(),
            state: state.clone(),
            since: Some(t.start),
            between: None,
            text: timeline_reason::valid(&t.name, t.start, t.end),
        }],
        None => {
            let mut rs: Vec<Reason> = Vec::new();
            for o in &outcomes {
                if let Some(step) = o.steps.last() {
                    push_unique(
                        &mut rs,
                        Reason {
                            article: step.article.clone(),
                            rule: step.rule.clone(),
                            state: step.to.clone(),
                            since: step.on.date(),
                            between: (step.on.date().is_none()).then_some(step.on),
                            text: step.text.clone(),
                        },
                    );
                }
            }
            rs
        }
    };
    // The tier of the state it is in, or of the last state it held one in (a revoked base lost
    // the tier it held then).
    let tier_of = |name: &str| {
        lc.states
            .iter()
            .find(|s| s.name == name)
            .and_then(|s| s.tier)
    };
    let tiers: Vec<Option<u32>> = outcomes
        .iter()
        .map(|o| {
            lc.states.get(o.state).and_then(|s| s.tier).or_else(|| {
                o.steps
                    .iter()
                    .rev()
                    .find_map(|st| tier_of(&st.to).or_else(|| tier_of(&st.from)))
            })
        })
        .collect();
    let tier = match all_same(&tiers) {
        Some(Some(t)) => cx.policy.tiers.get(*t as usize).map(|t| t.name.clone()),
        Some(None) => record_tier(cx),
        None => None,
    };
    let name = lc
        .name_input
        .and_then(|i| cx.inputs.get(i))
        .and_then(|v| match v {
            Value::Text(t) => Some(t.to_string()),
            _ => None,
        });
    let mut t = BaseTimeline {
        name,
        tier,
        state,
        status,
        since,
        since_between,
        possible: if decided.is_some() {
            Vec::new()
        } else {
            possible
        },
        reasons,
        term,
        history,
        next: Vec::new(),
        suspensions: Vec::new(),
        lists: Vec::new(),
        undetermined: Vec::new(),
        unknowns,
        notes,
    };
    rules_after(cx, &outcomes, &mut t);
    t
}

fn record_tier(cx: &Ctx<'_>) -> Option<String> {
    cx.lc
        .inputs
        .iter()
        .position(|i| i.ty == Type::Tier)
        .and_then(|i| cx.inputs.get(i))
        .and_then(|v| match v {
            Value::Enum(t) => cx.policy.tiers.get(*t as usize).map(|t| t.name.clone()),
            _ => None,
        })
}

/// `next`, `list` and `suspend` rules, each evaluated in every possible outcome: decided where
/// they agree, undetermined (with what is missing) where they do not or cannot be told.
fn rules_after(cx: &mut Ctx<'_>, outcomes: &[Outcome], t: &mut BaseTimeline) {
    let lc = cx.lc;
    let points: Vec<(usize, When)> = outcomes.iter().map(|o| (o.state, o.entered)).collect();
    let each = |cx: &mut Ctx<'_>, e: &crate::check::ir::IExpr| -> Vec<Value> {
        points
            .iter()
            .map(|(s, w)| {
                cx.enter(*s, *w);
                cx.eval(e, Vec::new())
            })
            .collect()
    };
    let active_or_pending = matches!(t.status, BaseStatus::Active | BaseStatus::Pending);
    for n in &lc.nexts {
        if !active_or_pending {
            break;
        }
        let values = each(cx, &n.value);
        let value = all_same(&values).cloned().unwrap_or(Value::Unknown);
        if value == Value::Unknown {
            t.undetermined.push(Undecided {
                kind: "next",
                name: n.name.clone(),
                article: n.article.clone(),
                missing: missing::reads(cx, &n.value),
            });
        }
        t.next.push(Next {
            name: n.name.clone(),
            article: n.article.clone(),
            value,
            ty: n.ty.clone(),
        });
    }
    for l in &lc.lists {
        let mut member: Vec<Option<bool>> = Vec::new();
        for (i, (s, w)) in points.iter().enumerate() {
            let active = status_of(cx, *s) == BaseStatus::Active
                && outcomes.get(i).is_some_and(|o| o.unsettled.is_none());
            cx.enter(*s, *w);
            member.push(if active {
                cx.truth(&l.test, Vec::new())
            } else {
                Some(false)
            });
        }
        match all_same(&member) {
            Some(Some(true)) => t.lists.push((l.name.clone(), l.article.clone())),
            Some(Some(false)) => {}
            _ if points.is_empty() => {}
            _ => t.undetermined.push(Undecided {
                kind: "list",
                name: l.name.clone(),
                article: l.article.clone(),
                missing: missing::reads(cx, &l.test),
            }),
        }
    }
    for s in &lc.suspensions {
        let Some((state, entered)) = points.first().copied() else {
            break;
        };
        cx.enter(state, entered);
        let applies = s
            .when
            .as_ref()
            .map_or(Value::Bool(true), |w| cx.eval(w, Vec::new()));
        match applies {
            Value::Bool(true) => {}
            Value::Bool(false) => continue,
            _ => {
                t.unknowns.push(timeline_unknown::suspension(&s.name));
                let mut miss = s
                    .when
                    .as_ref()
                    .map_or_else(Vec::new, |w| missing::reads(cx, w));
                miss.dedup();
                t.undetermined.push(Undecided {
                    kind: "suspend",
                    name: s.name.clone(),
                    article: s.article.clone(),
                    missing: miss,
                });
                continue;
            }
        }
        let city = cx.eval(&s.city, Vec::new());
        let year = cx.eval(&s.year, Vec::new());
        if matches!(city, Value::None) || matches!(year, Value::None) {
            continue;
        }
        t.suspensions.push(Suspension {
            city: cx.policy.value_text(&city, &Type::Text),
            year: cx
                .policy
                .value_text(&year, &Type::Num(crate::units::Unit::dimensionless())),
            rule: s.name.clone(),
            article: s.article.clone(),
        });
    }
}
