//! Timeline: the status of a titled base on a date, by the lifecycle rules of its policy — terms
//! and re-reviews, transitions to other states, what comes next, suspensions and lists. Pure.

use crate::check::ir::{Lifecycle, Policy, TermDef, Type};
use crate::eval::{Env, Record};
use crate::syntax::ast::BaseStatus;
use crate::value::Value;
use chrono::NaiveDate;

pub mod histories;
pub mod stars;

/// Why a base is in the state it is in: a rule in force, with its article and date.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Reason {
    pub article: Option<String>,
    pub rule: String,
    pub state: String,
    pub since: Option<NaiveDate>,
    pub text: String,
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
}

/// A city whose applications are suspended, and for which year.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Suspension {
    pub city: String,
    pub year: String,
    pub rule: String,
    pub article: Option<String>,
}

/// One base on one date.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct BaseTimeline {
    pub name: Option<String>,
    pub tier: Option<String>,
    /// The policy's name for the state (有效, 已撤销 …).
    pub state: String,
    pub status: BaseStatus,
    /// Since when the base is in this state, when known.
    pub since: Option<NaiveDate>,
    /// The rules in force, earliest first: the first decides the state.
    pub reasons: Vec<Reason>,
    pub term: Option<Term>,
    /// What comes next, by the policy's `next` rules: name, article, value.
    pub next: Vec<(String, Option<String>, String)>,
    pub suspensions: Vec<Suspension>,
    /// The policy's lists this base is on (active bases only).
    pub lists: Vec<(String, Option<String>)>,
    /// Rules that could not be decided for lack of data.
    pub unknowns: Vec<String>,
}

struct Ctx<'a> {
    policy: &'a Policy,
    lc: &'a Lifecycle,
    inputs: Vec<Value>,
    lets: Vec<Value>,
}

impl<'a> Ctx<'a> {
    /// A base's inputs with `as_of` in its slot, and its derived values.
    fn new(policy: &'a Policy, lc: &'a Lifecycle, record: &Record, as_of: Value) -> Self {
        let mut inputs = record.values.clone();
        inputs.resize(lc.as_of_slot, Value::Unknown);
        inputs.push(as_of);
        let mut cx = Ctx {
            policy,
            lc,
            inputs,
            lets: Vec::new(),
        };
        for def in &lc.lets {
            let v = cx.eval(&def.expr, Vec::new());
            cx.lets.push(v);
        }
        cx
    }

    fn eval(&self, e: &crate::check::ir::IExpr, locals: Vec<Value>) -> Value {
        Env {
            inputs: &self.inputs,
            lets: &self.lets,
            locals,
        }
        .eval(e)
        .unwrap_or(Value::Unknown)
    }

    fn state_name(&self, i: usize) -> String {
        self.lc
            .states
            .get(i)
            .map_or_else(|| "?".into(), |s| s.name.clone())
    }

    fn status(&self, i: usize) -> BaseStatus {
        self.lc
            .states
            .get(i)
            .map_or(BaseStatus::Active, |s| s.status)
    }
}

/// What a term's chain of reviews comes to by `as_of`.
enum TermOutcome {
    Running(Term),
    /// Ended in a state (failed review, or expiry) on a date.
    Ended(usize, NaiveDate, String),
    NotStarted(NaiveDate),
    /// The term does not apply to this base (its start is `none`).
    NotApplicable,
    Unknown(String),
}

fn run_term(cx: &Ctx<'_>, t: &TermDef, as_of: NaiveDate) -> TermOutcome {
    let start = match cx.eval(&t.from, Vec::new()) {
        Value::Date(d) => d,
        Value::None => return TermOutcome::NotApplicable,
        _ => return TermOutcome::Unknown(format!("{}: its start date is unknown", t.name)),
    };
    if as_of < start {
        return TermOutcome::NotStarted(start);
    }
    let shift = |d: NaiveDate| crate::eval::shift(d, t.length, true);
    let Some(mut end) = shift(start) else {
        return TermOutcome::Unknown(format!("{}: its end is out of range", t.name));
    };
    let mut current = start;
    let mut renewals = 0;
    let mut reviews: Vec<(NaiveDate, Option<bool>)> = Vec::new();
    if let Some((over, on, passes)) = &t.review {
        match cx.eval(over, Vec::new()) {
            Value::List(items) => {
                for item in items.iter() {
                    let date = cx.eval(on, vec![item.clone()]);
                    let pass = cx.eval(passes, vec![item.clone()]);
                    match date {
                        Value::Date(d) => reviews.push((
                            d,
                            match pass {
                                Value::Bool(b) => Some(b),
                                _ => None,
                            },
                        )),
                        _ => {
                            return TermOutcome::Unknown(format!(
                                "{}: a review has no date",
                                t.name
                            ))
                        }
                    }
                }
            }
            Value::None => {}
            _ => return TermOutcome::Unknown(format!("{}: the reviews are unknown", t.name)),
        }
    }
    reviews.sort_by_key(|r| r.0);
    for (date, pass) in reviews.into_iter().filter(|r| r.0 <= as_of && r.0 >= start) {
        if date < current {
            continue;
        }
        if date > end {
            break;
        }
        match pass {
            Some(true) => {
                current = date;
                renewals += 1;
                match shift(date) {
                    Some(e) => end = e,
                    None => {
                        return TermOutcome::Unknown(format!("{}: its end is out of range", t.name))
                    }
                }
            }
            Some(false) => match t.failed {
                Some(state) => {
                    return TermOutcome::Ended(
                        state,
                        date,
                        format!("{}: the review of {date} did not pass", t.name),
                    )
                }
                None => {
                    return TermOutcome::Unknown(format!(
                        "{}: the policy says nothing of a failed review",
                        t.name
                    ))
                }
            },
            None => {
                return TermOutcome::Unknown(format!(
                    "{}: whether the review of {date} passed is unknown",
                    t.name
                ))
            }
        }
    }
    if as_of > end {
        let day = end.succ_opt().unwrap_or(end);
        return TermOutcome::Ended(
            t.expired,
            day,
            format!(
                "{}: valid until {end}, with no passing review by then",
                t.name
            ),
        );
    }
    TermOutcome::Running(Term {
        name: t.name.clone(),
        article: t.article.clone(),
        start: current,
        end,
        renewals,
    })
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

    /// The status of one base (a record read through [`Policy::history_view`]) on `as_of`.
    pub fn timeline(&self, record: &Record, as_of: NaiveDate) -> Option<BaseTimeline> {
        let lc = self.lifecycle.as_ref()?;
        let cx = Ctx::new(self, lc, record, Value::Date(as_of));
        Some(judge_base(&cx, as_of))
    }
}

fn judge_base(cx: &Ctx<'_>, as_of: NaiveDate) -> BaseTimeline {
    let lc = cx.lc;
    let mut candidates: Vec<(NaiveDate, usize, Reason)> = Vec::new();
    let mut unknowns = Vec::new();
    let mut term = None;
    let mut not_started: Option<NaiveDate> = None;
    for t in &lc.terms {
        match run_term(cx, t, as_of) {
            TermOutcome::Running(running) => term = Some(running),
            TermOutcome::Ended(state, date, text) => candidates.push((
                date,
                state,
                Reason {
                    article: t.article.clone(),
                    rule: t.name.clone(),
                    state: cx.state_name(state),
                    since: Some(date),
                    text,
                },
            )),
            TermOutcome::NotStarted(start) => not_started = Some(start),
            TermOutcome::NotApplicable => {}
            TermOutcome::Unknown(text) => unknowns.push(text),
        }
    }
    for tr in &lc.transitions {
        if let Some(when) = &tr.when {
            match cx.eval(when, Vec::new()) {
                Value::Bool(true) => {}
                Value::Bool(false) => continue,
                _ => {
                    unknowns.push(format!("{}: whether it applies is unknown", tr.name));
                    continue;
                }
            }
        }
        let since = cx.eval(&tr.since, Vec::new());
        let since = match since {
            Value::Date(d) if d <= as_of => d,
            Value::Date(_) | Value::None => continue,
            _ => {
                unknowns.push(format!("{}: its date is unknown", tr.name));
                continue;
            }
        };
        candidates.push((
            since,
            tr.to,
            Reason {
                article: tr.article.clone(),
                rule: tr.name.clone(),
                state: cx.state_name(tr.to),
                since: Some(since),
                text: tr.quote.clone().unwrap_or_else(|| tr.name.clone()),
            },
        ));
    }
    candidates.sort_by_key(|c| c.0);
    let active = lc
        .states
        .iter()
        .position(|s| s.status == BaseStatus::Active)
        .unwrap_or(0);
    let pending = lc
        .states
        .iter()
        .position(|s| s.status == BaseStatus::Pending);
    let (state, since) = match (candidates.first(), not_started, pending) {
        (Some((date, state, _)), _, _) => (*state, Some(*date)),
        (None, Some(_), Some(p)) => (p, None),
        _ => (active, term.as_ref().map(|t| t.start)),
    };
    let status = cx.status(state);
    let text_of = |v: &Value, ty: &Type| cx.policy.value_text(v, ty);
    let next = lc
        .nexts
        .iter()
        .map(|n| {
            (
                n.name.clone(),
                n.article.clone(),
                text_of(&cx.eval(&n.value, Vec::new()), &n.ty),
            )
        })
        .collect();
    let mut suspensions = Vec::new();
    for s in &lc.suspensions {
        let applies = s
            .when
            .as_ref()
            .map_or(Value::Bool(true), |w| cx.eval(w, Vec::new()));
        match applies {
            Value::Bool(true) => {}
            Value::Bool(false) => continue,
            _ => {
                unknowns.push(format!("{}: whether it applies is unknown", s.name));
                continue;
            }
        }
        let city = cx.eval(&s.city, Vec::new());
        let year = cx.eval(&s.year, Vec::new());
        if matches!(city, Value::None) || matches!(year, Value::None) {
            continue;
        }
        suspensions.push(Suspension {
            city: text_of(&city, &Type::Text),
            year: text_of(&year, &Type::Num(crate::units::Unit::dimensionless())),
            rule: s.name.clone(),
            article: s.article.clone(),
        });
    }
    let lists = if status == BaseStatus::Active {
        lc.lists
            .iter()
            .filter(|l| cx.eval(&l.test, Vec::new()) == Value::Bool(true))
            .map(|l| (l.name.clone(), l.article.clone()))
            .collect()
    } else {
        Vec::new()
    };
    let name = lc
        .name_input
        .and_then(|i| cx.inputs.get(i))
        .and_then(|v| match v {
            Value::Text(t) => Some(t.to_string()),
            _ => None,
        });
    let tier = lc
        .inputs
        .iter()
        .position(|i| i.ty == Type::Tier)
        .and_then(|i| cx.inputs.get(i))
        .and_then(|v| match v {
            Value::Enum(t) => cx.policy.tiers.get(*t as usize).map(|t| t.name.clone()),
            _ => None,
        });
    BaseTimeline {
        name,
        tier,
        state: cx.state_name(state),
        status,
        since,
        // The earliest rule decides; later ones no longer change anything. An active base is
        // explained by the term it is in.
        reasons: match (&term, status) {
            (Some(t), BaseStatus::Active) => vec![Reason {
                article: t.article.clone(),
                rule: t.name.clone(),
                state: cx.state_name(state),
                since: Some(t.start),
                text: format!("{}: valid from {} until {}", t.name, t.start, t.end),
            }],
            _ => candidates
                .into_iter()
                .filter(|c| Some(c.0) == since || status == BaseStatus::Pending)
                .map(|c| c.2)
                .collect(),
        },
        term: if status == BaseStatus::Active {
            term
        } else {
            None
        },
        next: if status == BaseStatus::Active || status == BaseStatus::Pending {
            next
        } else {
            Vec::new()
        },
        suspensions,
        lists,
        unknowns,
    }
}
