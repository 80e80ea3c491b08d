//! Notes: why a rule's status is what it is when its checks do not say, as data until shown.

use super::EvalError;
use crate::check::ir::{IExpr, Policy};
use crate::diag::catalogue::note;
use crate::diag::text::{Arg, Text};

/// Why a rule's status is what it is when its checks do not say; rendered as text only for
/// reports ([`Note::text`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Note {
    /// The record's tier is unknown.
    TierUnknown,
    /// The rule has no criterion for the record's tier.
    NotForTier,
    /// `applies when` does not hold.
    DoesNotApply,
    /// `applies when` cannot be told.
    AppliesUnknown,
    /// No case of the criterion applies.
    NoCase,
    /// The guard of the case with this index (in the tier's branches) cannot be told.
    GuardUnknown(usize),
    /// The guard of the case with this index cannot be told, but every case that may apply
    /// gives the same status (`pass` when true); the checks shown are the strictest case's
    /// when it passes, the most lenient one's when it fails.
    EveryCase { guard: usize, pass: bool },
    /// A value could not be computed.
    Error(EvalError),
    /// A derived value (`let`, by index into [`Policy::lets`]) the rule reads could not be computed.
    Let(usize, EvalError),
    /// The exception with this index applies and waives the rule.
    Waived(usize),
    /// Two exceptions apply at once: the measure gives no one answer.
    Conflict(usize, usize),
    /// Whether the exception with this index applies cannot be told; `agree` when the rule's
    /// status is the same either way.
    ExceptionUnknown { exception: usize, agree: bool },
    /// The rule's binding case with this index leaves it to the panel, and the figure falls
    /// short of the rule's criterion.
    Panel(usize),
    /// The field the rule's binding reads is unknown; `agree` when the rule's status (and, where
    /// it fails, its kind) is the same under every binding it may have.
    BindingUnknown { agree: bool },
}

impl Note {
    /// The note as reports show it, rendered in the language where it is shown.
    pub fn text(
        self,
        policy: &Policy,
        rule: usize,
        tier: Option<usize>,
        exception: Option<usize>,
        binding: Option<usize>,
    ) -> Text {
        let rule = policy.rules.get(rule);
        let guard = |b: usize| {
            tier.and_then(|t| rule?.criterion(t, exception, binding))
                .and_then(|c| c.branches.get(b)?.guard_text.as_deref())
                .unwrap_or("")
                .to_string()
        };
        let named = |k: usize| -> Arg {
            rule.and_then(|r| r.exceptions.get(k)).map_or_else(
                || Arg::Plain(String::new()),
                |e| note::exception(&e.name, &e.article).into(),
            )
        };
        let when = |k: usize| {
            rule.and_then(|r| r.exceptions.get(k))
                .map_or("", |e| e.when_text.as_str())
                .to_string()
        };
        let bound = || -> (Arg, String) {
            rule.and_then(|r| r.binding.as_deref()).map_or_else(
                || (Arg::Plain(String::new()), String::new()),
                |b| {
                    let field = policy.inputs.get(b.field).map_or("", |i| i.name.as_str());
                    (note::binding(&b.name, &b.article).into(), field.to_string())
                },
            )
        };
        let case = |k: usize| {
            rule.and_then(|r| r.binding.as_ref()?.cases.get(k))
                .map_or("", |c| c.text.as_str())
                .to_string()
        };
        let applies = || {
            rule.and_then(|r| r.applies.as_ref())
                .map_or("", |(_, t)| t.as_str())
                .to_string()
        };
        match self {
            Note::TierUnknown => note::tier_unknown(),
            Note::NotForTier => note::not_for_tier(),
            Note::DoesNotApply => note::applies_when(applies()),
            Note::AppliesUnknown => note::cannot_tell(applies()),
            Note::NoCase => note::no_case(),
            Note::GuardUnknown(b) => note::cannot_tell(guard(b)),
            Note::EveryCase { guard: b, pass } => {
                if pass {
                    note::every_case_passes(guard(b))
                } else {
                    note::every_case_fails(guard(b))
                }
            }
            Note::Waived(k) => note::waived(named(k), when(k)),
            Note::Conflict(a, b) => note::conflict(named(a), named(b)),
            Note::ExceptionUnknown {
                exception: k,
                agree: true,
            } => note::exception_unknown_same(named(k), when(k)),
            Note::ExceptionUnknown { exception: k, .. } => {
                note::exception_unknown(named(k), when(k))
            }
            Note::Panel(k) => note::panel(bound().0, case(k)),
            Note::BindingUnknown { agree } => {
                let (named, field) = bound();
                if agree {
                    note::binding_unknown_same(field, named)
                } else {
                    note::binding_unknown(field, named)
                }
            }
            Note::Error(e) => e.message(),
            Note::Let(i, e) => note::let_failed(
                policy.lets.get(i).map_or("", |l| l.name.as_str()),
                e.message(),
            ),
        }
    }
}

/// The error that left a derived value read by `e` unknown, if one did: the `let` where it arose
/// and the error, from `errors` (by let slot).
pub(super) fn let_error(
    e: &IExpr,
    errors: &[Option<(usize, EvalError)>],
) -> Option<(usize, EvalError)> {
    match e {
        IExpr::Let(i) => errors.get(*i).copied().flatten(),
        other => other.children().find_map(|c| let_error(c, errors)),
    }
}
