//! The resolved form of a policy's time side: the lifecycle of a titled base as a state machine
//! (states, the events it moves on, transitions, terms), and the star schemes of annual ratings.

use super::{IExpr, InputDef, LetDef, Type};
use crate::source::Span;
use crate::syntax::ast::{BaseStatus, CmpOp, Duration, EventOutcome, Renewal, TermLength};
use rust_decimal::Decimal;

/// A star rating scheme: a score from weighted groups, weighted indicators and graded points,
/// then bands of the score.
#[derive(Debug, Clone)]
pub struct StarScheme {
    pub name: String,
    pub article: Option<String>,
    pub items: Vec<StarItem>,
    /// `(stars, lowest score)`, tried in order.
    pub bands: Vec<(Decimal, Decimal)>,
    pub otherwise: Decimal,
    /// `unknown is fail`: an unknown indicator scores as not passed. Otherwise a rating that the
    /// unknown indicators could change is undetermined.
    pub unknown_fails: bool,
}

/// One part of a star scheme's score.
#[derive(Debug, Clone)]
pub enum StarItem {
    /// A group's weight times the share of its applicable indicators that pass.
    Group { group: String, weight: Decimal },
    /// An indicator's weight when it passes, by index into the policy's rules.
    Indicator { rule: usize, weight: Decimal },
    /// Points graded by an indicator's figure: the first band whose check the figure meets.
    Points {
        rule: usize,
        bands: Vec<(Decimal, CmpOp, IExpr)>,
        otherwise: Decimal,
    },
}

impl StarItem {
    /// The most this item can score.
    pub fn most(&self) -> Decimal {
        match self {
            StarItem::Group { weight, .. } | StarItem::Indicator { weight, .. } => *weight,
            StarItem::Points {
                bands, otherwise, ..
            } => bands
                .iter()
                .map(|(p, _, _)| *p)
                .fold(*otherwise, Decimal::max),
        }
    }
}

/// The base-history side of a policy: its own inputs and derived values, the states of a base,
/// the events it moves on and the rules that move it. Expressions read the history record's
/// inputs; four hidden input slots follow the declared ones: the date a timeline is asked for
/// (`as_of_slot`), the current state, the date it was entered, and the measure's effective date.
#[derive(Debug, Clone)]
pub struct Lifecycle {
    pub inputs: Vec<InputDef>,
    pub name_input: Option<usize>,
    pub lets: Vec<LetDef>,
    pub as_of_slot: usize,
    /// The states; a base starts in the first.
    pub states: Vec<StateDef>,
    /// The enumeration whose values are the states, so `state == 预警` type-checks.
    pub state_enum: u32,
    pub assessments: Vec<AssessmentDef>,
    pub terms: Vec<TermDef>,
    /// The event sources transitions move on, shared by transitions whose triggers are alike.
    pub sources: Vec<EventSource>,
    pub transitions: Vec<TransitionDef>,
    pub nexts: Vec<NextDef>,
    pub suspensions: Vec<SuspendDef>,
    pub lists: Vec<ListDef>,
    pub requires: Vec<RequireDef>,
}

impl Lifecycle {
    /// The hidden input slot of the base's current state.
    pub fn state_slot(&self) -> usize {
        self.as_of_slot + 1
    }

    /// The hidden input slot of the date the base entered its current state.
    pub fn entered_slot(&self) -> usize {
        self.as_of_slot + 2
    }

    /// The hidden input slot of the measure's effective date.
    pub fn effective_slot(&self) -> usize {
        self.as_of_slot + 3
    }
}

/// A history record must meet `test`; one that does not is refused at `field`.
#[derive(Debug, Clone)]
pub struct RequireDef {
    pub field: String,
    pub article: Option<String>,
    pub text: String,
    pub test: IExpr,
}

/// A state of a base: the status it reports and, when it says, the tier a base holds in it.
#[derive(Debug, Clone)]
pub struct StateDef {
    pub name: String,
    pub status: BaseStatus,
    /// By index into the policy's tiers.
    pub tier: Option<u32>,
    pub span: Span,
}

/// A periodic assessment: each element of `over` is assessed on `on` and passes when `passes`
/// holds (the element is local 0 in both).
#[derive(Debug, Clone)]
pub struct AssessmentDef {
    pub name: String,
    pub article: Option<String>,
    /// The rule as written, for `jidi diff`.
    pub source: String,
    pub over: IExpr,
    pub on: IExpr,
    pub passes: IExpr,
    pub span: Span,
}

/// Where the events a transition moves on come from.
#[derive(Debug, Clone, PartialEq)]
pub enum EventSource {
    /// One event on a date (`none`: never).
    Date(IExpr),
    /// One event per element of a list for which `filter` holds, on its date (the element is
    /// local 0).
    Each {
        over: IExpr,
        filter: Option<IExpr>,
        at: IExpr,
    },
    /// The assessments of an assessment rule, by index.
    Assessment(usize),
    /// A term's reviews and its end, by index.
    Term(usize),
}

/// A move from one of `from` to `to` on the events of a source, when `when` holds.
#[derive(Debug, Clone)]
pub struct TransitionDef {
    pub name: String,
    pub article: Option<String>,
    /// The rule as written, for `jidi diff`.
    pub source: String,
    pub quote: Option<String>,
    /// The states it leaves (when it was written without `from`: every active state).
    pub from: Vec<usize>,
    /// Whether `from` was written.
    pub explicit_from: bool,
    pub to: usize,
    /// By index into [`Lifecycle::sources`].
    pub on: usize,
    /// For assessment and term sources, the outcome it moves on.
    pub outcome: Option<EventOutcome>,
    /// Tested with the event's element (if any) as local 0.
    pub when: Option<IExpr>,
    pub span: Span,
}

/// A term of validity, renewable by reviews: it starts on a date or when transitions fire, runs
/// for its length, and ends by expiry, a failed review, a transition in `ends`, or when the base
/// reaches a revoked, lapsed or excluded state.
#[derive(Debug, Clone)]
pub struct TermDef {
    pub name: String,
    pub article: Option<String>,
    /// The rule as written, for `jidi diff`.
    pub source: String,
    pub length: TermLength,
    pub from: Option<IExpr>,
    /// Transitions that (re)start it, by index.
    pub starts: Vec<usize>,
    /// Transitions that stop it, by index.
    pub ends: Vec<usize>,
    /// The list of reviews, each one's date and whether it passes (the element is local 0).
    pub review: Option<(IExpr, IExpr, IExpr)>,
    pub renewal: Renewal,
    /// How long after its end a review still counts.
    pub late: Option<Duration>,
    pub failed: Option<usize>,
    pub expired: usize,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct NextDef {
    pub name: String,
    pub article: Option<String>,
    /// The rule as written, for `jidi diff`.
    pub source: String,
    pub value: IExpr,
    pub ty: Type,
}

#[derive(Debug, Clone)]
pub struct SuspendDef {
    pub name: String,
    pub article: Option<String>,
    /// The rule as written, for `jidi diff`.
    pub source: String,
    pub city: IExpr,
    pub year: IExpr,
    pub when: Option<IExpr>,
}

#[derive(Debug, Clone)]
pub struct ListDef {
    pub name: String,
    pub article: Option<String>,
    /// The rule as written, for `jidi diff`.
    pub source: String,
    pub test: IExpr,
}
