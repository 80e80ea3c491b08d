//! Notes: why a rule's status is what it is when its checks do not say, as data until shown.

use super::EvalError;
use crate::check::ir::{IExpr, Policy};

/// Why a rule's status is what it is when its checks do not say; rendered as text only for
/// reports ([`Note::text`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    /// The note as reports show it.
    pub fn text(
        self,
        policy: &Policy,
        rule: usize,
        tier: Option<usize>,
        exception: Option<usize>,
        binding: Option<usize>,
    ) -> String {
        let rule = policy.rules.get(rule);
        let guard = |b: usize| {
            tier.and_then(|t| rule?.criterion(t, exception, binding))
                .and_then(|c| c.branches.get(b)?.guard_text.as_deref())
                .unwrap_or("")
        };
        let named = |k: usize| {
            rule.and_then(|r| r.exceptions.get(k))
                .map_or_else(String::new, |e| format!("`{}` ({})", e.name, e.article))
        };
        let when = |k: usize| {
            rule.and_then(|r| r.exceptions.get(k))
                .map_or("", |e| e.when_text.as_str())
        };
        let bound = || {
            rule.and_then(|r| r.binding.as_deref()).map_or_else(
                || (String::new(), ""),
                |b| {
                    let field = policy.inputs.get(b.field).map_or("", |i| i.name.as_str());
                    (format!("`{}` ({})", b.name, b.article), field)
                },
            )
        };
        let case = |k: usize| {
            rule.and_then(|r| r.binding.as_ref()?.cases.get(k))
                .map_or("", |c| c.text.as_str())
        };
        let applies = || {
            rule.and_then(|r| r.applies.as_ref())
                .map_or("", |(_, t)| t.as_str())
        };
        match self {
            Note::TierUnknown => "the record's tier is unknown".into(),
            Note::NotForTier => "not a rule for this tier".into(),
            Note::DoesNotApply => format!("applies when {}", applies()),
            Note::AppliesUnknown => format!("cannot tell whether `{}` holds", applies()),
            Note::NoCase => "no case of the criterion applies".into(),
            Note::GuardUnknown(b) => format!("cannot tell whether `{}` holds", guard(b)),
            Note::EveryCase { guard: b, pass } => {
                let text = guard(b);
                if pass {
                    format!("cannot tell whether `{text}` holds, but every case that may apply passes (shown: the strictest)")
                } else {
                    format!("cannot tell whether `{text}` holds, but every case that may apply fails (shown: the most lenient)")
                }
            }
            Note::Waived(k) => format!("waived by exception {} where `{}`", named(k), when(k)),
            Note::Conflict(a, b) => format!(
                "exceptions {} and {} both apply: the measure gives no one answer",
                named(a),
                named(b)
            ),
            Note::ExceptionUnknown { exception: k, agree: true } => format!(
                "cannot tell whether exception {} applies (`{}`), but with it or without it the result is the same",
                named(k),
                when(k)
            ),
            Note::ExceptionUnknown { exception: k, .. } => format!(
                "cannot tell whether exception {} applies (`{}`)",
                named(k),
                when(k)
            ),
            Note::Panel(k) => format!(
                "left to the panel by binding {} where `{}`: the figure falls short of the rule's criterion",
                bound().0,
                case(k)
            ),
            Note::BindingUnknown { agree: true } => {
                let (named, field) = bound();
                format!("`{field}` is unknown, so binding {named} cannot be told, but under every binding it may have the result is the same")
            }
            Note::BindingUnknown { agree: false } => {
                let (named, field) = bound();
                format!("`{field}` is unknown, so binding {named} cannot be told: how far the rule binds is undetermined")
            }
            Note::Error(e) => e.to_string(),
            Note::Let(i, e) => format!(
                "`{}` cannot be computed: {e}",
                policy.lets.get(i).map_or("", |l| l.name.as_str())
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
    let any = |items: &[&IExpr]| items.iter().find_map(|e| let_error(e, errors));
    match e {
        IExpr::Let(i) => errors.get(*i).copied().flatten(),
        IExpr::Const(_)
        | IExpr::Input(_)
        | IExpr::Var(_)
        | IExpr::RulePassed(_)
        | IExpr::GroupPassed(_)
        | IExpr::RuleFigure(_) => None,
        IExpr::Field(a, _)
        | IExpr::Neg(a)
        | IExpr::Not(a)
        | IExpr::Scale(a, _)
        | IExpr::Growth { list: a, .. }
        | IExpr::Lookup { key: a, .. } => let_error(a, errors),
        IExpr::Index(a, b)
        | IExpr::And(a, b)
        | IExpr::Or(a, b)
        | IExpr::Arith(_, a, b)
        | IExpr::Cmp(_, a, b) => any(&[a, b]),
        IExpr::In { elem, set, .. } => any(&[elem, set]),
        IExpr::Shift { date, by, .. } => any(&[date, by]),
        IExpr::Within {
            subject,
            length,
            anchor,
            ..
        } => any(&[subject, length, anchor]),
        IExpr::If(a, b, c) => any(&[a, b, c]),
        IExpr::Quant {
            over, filter, body, ..
        } => any(&[over, body]).or_else(|| filter.as_deref().and_then(|f| let_error(f, errors))),
        IExpr::Call(_, items) | IExpr::Set(items) => {
            items.iter().find_map(|e| let_error(e, errors))
        }
    }
}
