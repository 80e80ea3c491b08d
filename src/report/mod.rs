//! Report: renders judgements for people (terminal tables) and programs (JSON), plus batch summaries.

pub mod doc;
pub mod html;
pub mod json;
pub mod markdown;
pub mod ndjson;
pub mod panel;
pub mod round;
pub mod table;
pub mod timeline;
pub mod verdicts;

use crate::check::ir::{Policy, RuleDef, RuleRole, Type};
use crate::diag::catalogue::table_words;
use crate::eval::{CheckResult, Judgement, RuleResult, Status};
use crate::i18n::Lang;
use crate::syntax::ast::{RuleClass, RuleKind, Verdict};
use crate::value::Value;
use indexmap::IndexMap;

/// Where a record came from, as machine-readable output names it: `FILE#N`, N counted from 1.
pub fn source_name(file: &str, index: usize) -> String {
    format!("{file}#{}", index + 1)
}

/// The kind of a result as reports name it: constraint, guidance, condition or veto.
pub fn kind_name(rule: &RuleDef, result: &RuleResult) -> &'static str {
    kind_of(rule, result.kind)
}

/// [`kind_name`] from the kind the rule's criterion had for the record, if it had one.
fn kind_of(rule: &RuleDef, kind: Option<RuleKind>) -> &'static str {
    match class_of(rule, kind) {
        RuleClass::Condition => "condition",
        RuleClass::Veto => "veto",
        RuleClass::Guidance => "guidance",
        RuleClass::Constraint => "constraint",
    }
}

/// The kind of a result for people, in `lang`: `约束性`, `否决`.
pub fn kind_word(rule: &RuleDef, result: &RuleResult, lang: Lang) -> &'static str {
    class_of(rule, result.kind).word(lang)
}

/// The class of a rule's result: its role, and for an indicator the kind its criterion had (or
/// else its first criterion's).
fn class_of(rule: &RuleDef, kind: Option<RuleKind>) -> RuleClass {
    match rule.role {
        RuleRole::Condition => RuleClass::Condition,
        RuleRole::Veto => RuleClass::Veto,
        RuleRole::Indicator => {
            let kind = kind.or_else(|| rule.per_tier.iter().flatten().next().map(|c| c.kind));
            match kind {
                Some(RuleKind::Guidance) => RuleClass::Guidance,
                _ => RuleClass::Constraint,
            }
        }
    }
}

pub fn verdict_name(v: Verdict) -> &'static str {
    match v {
        Verdict::Eligible => "eligible",
        Verdict::NotEligible => "not_eligible",
        Verdict::Undetermined => "undetermined",
    }
}

/// A check's figure with its unit: `215.3 亿元`.
pub fn figure_text(policy: &Policy, c: &CheckResult) -> Option<String> {
    figure_text_in(policy, c, crate::i18n::Lang::En)
}

/// A check's figure for people reading `lang` (an unknown figure is `未知`).
pub fn figure_text_in(policy: &Policy, c: &CheckResult, lang: crate::i18n::Lang) -> Option<String> {
    let f = c.figure.as_ref()?;
    Some(policy.value_text_in(f, c.unit_ty.as_ref().unwrap_or(&Type::Bool), lang))
}

/// What is known of an unknown figure that still decided its check: `≥ 2`, `≤ 3 亿元`,
/// `2 – 3`. The same in every language, like figures.
pub fn bounds_text(policy: &Policy, b: &crate::eval::Bounds, ty: Option<&Type>) -> String {
    let ty = ty.unwrap_or(&Type::Bool);
    let show = |n: rust_decimal::Decimal| policy.value_text(&Value::Num(n), ty);
    match (b.lo, b.hi) {
        (Some(l), Some(h)) if l == h => show(l),
        (Some(l), Some(h)) => format!("{} – {}", show(l), show(h)),
        (Some(l), None) => format!("≥ {}", show(l)),
        (None, Some(h)) => format!("≤ {}", show(h)),
        (None, None) => "unknown".into(),
    }
}

/// A check's threshold with its comparison: `≥ 200 亿元`.
pub fn threshold_text(policy: &Policy, c: &CheckResult) -> Option<String> {
    let t = c.threshold.as_ref()?;
    let op = c.op.map_or("", |o| o.symbol());
    Some(format!(
        "{op} {}",
        policy.value_text(t, c.unit_ty.as_ref().unwrap_or(&Type::Bool))
    ))
}

/// A check's margin, signed, with its unit: `+15.3 亿元`, `−200 万元/公顷`.
pub fn margin_text(policy: &Policy, c: &CheckResult) -> Option<String> {
    let m = c.margin?;
    let ty = c.unit_ty.as_ref()?;
    let text = policy.value_text(&Value::Num(m.abs()), ty);
    Some(if m.is_sign_negative() && !m.is_zero() {
        format!("-{text}")
    } else {
        format!("+{text}")
    })
}

/// What a boolean test read: `批准机关级别 = 县`. Comparisons show their figures instead, and
/// lists are too long to show.
pub fn given_text(policy: &Policy, c: &CheckResult) -> Option<String> {
    given_text_in(policy, c, crate::i18n::Lang::En)
}

/// What a boolean test read, for people reading `lang` (`投产运营 = 是`).
pub fn given_text_in(policy: &Policy, c: &CheckResult, lang: crate::i18n::Lang) -> Option<String> {
    if c.op.is_some() {
        return None;
    }
    let parts: Vec<String> = c
        .given
        .iter()
        .filter_map(|(i, v)| {
            let read = policy.reads.get(*i)?;
            if matches!(read.ty, Type::List(_) | Type::Map(_)) {
                return None;
            }
            Some(format!(
                "{} = {}",
                read.label,
                policy.value_text_in(v, &read.ty, lang)
            ))
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// What a check needed that the record does not give.
pub fn missing(policy: &Policy, c: &CheckResult) -> Vec<String> {
    c.given
        .iter()
        .filter(|(_, v)| matches!(v, Value::Unknown))
        .filter_map(|(i, _)| policy.reads.get(*i))
        .filter(|r| r.from_record())
        .map(|r| r.label.clone())
        .collect()
}

/// The indicator's own figure, for rules whose checks are not plain comparisons.
pub fn rule_figure_text(policy: &Policy, rule: &RuleDef, r: &RuleResult) -> Option<String> {
    let v = r.figure.as_ref()?;
    let (_, ty) = rule.figure.as_ref()?;
    Some(policy.value_text(v, ty))
}

/// The binding by field of `rule` and its case that applied to a result, if one did.
pub fn binding_case(
    rule: &RuleDef,
    case: Option<usize>,
) -> Option<(
    &crate::check::ir::BindingDef,
    &crate::check::ir::BindingCase,
)> {
    let b = rule.binding.as_deref()?;
    Some((b, b.cases.get(case?)?))
}

/// The event that triggered a veto.
pub fn trigger_text(policy: &Policy, rule: &RuleDef, r: &RuleResult) -> Option<String> {
    let v = r.trigger.as_ref()?;
    Some(policy.value_text(v, rule.trigger_ty.as_ref()?))
}

/// One line per check: figure, threshold, margin — or the test and the inputs it read, in `lang`.
pub fn explain(policy: &Policy, r: &RuleResult, lang: Lang) -> String {
    let Some(rule) = policy.rules.get(r.rule) else {
        return String::new();
    };
    let mut parts = Vec::new();
    if let Some(e) = r.exception.and_then(|k| rule.exceptions.get(k)) {
        parts.push(format!(
            "{} {} ({}): {}",
            table_words::exception(lang),
            e.name,
            e.article,
            e.when_text
        ));
    }
    if let Some((b, case)) = binding_case(rule, r.binding) {
        parts.push(format!(
            "{} {} ({}): {} => {}",
            table_words::binding(lang),
            b.name,
            b.article,
            case.text,
            case.effect.word(lang)
        ));
    }
    if let Some(case) = &r.case {
        parts.push(format!("{} {case}", table_words::case(lang)));
    }
    let several = r.checks.len() > 1;
    for c in &r.checks {
        let mut line = match (figure_text_in(policy, c, lang), threshold_text(policy, c)) {
            (Some(f), Some(t)) => {
                let known = |text: String, b: &Option<Box<crate::eval::Bounds>>| match b {
                    Some(b) => format!(
                        "{text} ({} {})",
                        table_words::known_to_be(lang),
                        bounds_text(policy, b, c.unit_ty.as_ref())
                    ),
                    None => text,
                };
                let f = known(f, &c.bounds);
                let t = known(t, &c.threshold_bounds);
                let margin = margin_text(policy, c).map_or_else(String::new, |m| {
                    format!(", {} {m}", table_words::margin(lang))
                });
                format!("{f} {} {t}{margin}", table_words::vs(lang))
            }
            _ if rule.role == RuleRole::Veto => String::new(),
            _ => c.text.clone(),
        };
        if let Some(g) = given_text_in(policy, c, lang) {
            line = format!("{line} ({} {g})", table_words::given(lang));
        } else if c.status == Status::Unknown {
            let gaps = missing(policy, c);
            if !gaps.is_empty() {
                line = format!(
                    "{line} ({} {})",
                    table_words::missing(lang),
                    gaps.join(", ")
                );
            }
        }
        if several {
            line = format!("{line} → {}", c.status.word(lang));
        }
        if !line.is_empty() {
            parts.push(line);
        }
    }
    if r.checks.is_empty() {
        if let Some(f) = rule_figure_text(policy, rule, r) {
            parts.push(f);
        }
    }
    if let Some(t) = trigger_text(policy, rule, r) {
        parts.push(format!("{} {t}", table_words::triggered_by(lang)));
    }
    if let Some(n) = &r.note {
        parts.push(n.render(lang));
    }
    parts.join("; ")
}

/// One reason for a further decision's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// A blocking rule it reads that fails or is unknown.
    Rule(usize, Status),
    /// An earlier decision it tests (`None`: the verdict's), with the verdict that held.
    Decision(Option<usize>, Verdict),
}

impl Reason {
    /// The reason in `lang`: `附件 指标1 营业收入 fail` (as JSON gives it, in English) or
    /// `附件 指标1 营业收入 未通过`.
    pub fn text(self, policy: &Policy, lang: Lang) -> String {
        match self {
            Reason::Rule(i, s) => policy.rules.get(i).map_or_else(String::new, |r| {
                format!("{} {} {}", r.article, r.name, s.word(lang))
            }),
            Reason::Decision(k, v) => {
                let name = match k {
                    None => policy.decision.name.clone(),
                    Some(k) => policy.decisions.get(k).and_then(|d| d.name.clone()),
                };
                format!(
                    "{} {} {}",
                    name.unwrap_or_else(|| table_words::decision(lang).to_string()),
                    table_words::is(lang),
                    v.word(lang)
                )
            }
        }
    }
}

/// Why further decision `k` gave its verdict: the blocking rules it reads that fail or are
/// unknown, and the earlier decisions it tests whose verdict held.
pub fn decision_reasons(policy: &Policy, j: &Judgement, k: usize) -> Vec<Reason> {
    use crate::check::ir::DecisionTest;
    let (Some(d), Some(&verdict)) = (policy.decisions.get(k), j.decisions.get(k)) else {
        return Vec::new();
    };
    let earlier = j.decisions.get(..k).unwrap_or(&[]);
    let mut out: Vec<Reason> = j
        .results
        .iter()
        .filter(|r| d.reads(r.rule))
        .filter(|r| {
            !matches!(
                policy.class_of(r),
                Some(crate::syntax::ast::RuleClass::Guidance)
            )
        })
        .filter(|r| matches!(r.status, Status::Fail | Status::Unknown))
        .map(|r| Reason::Rule(r.rule, r.status))
        .collect();
    for (v, tests) in &d.lines {
        if *v != verdict {
            continue;
        }
        for t in tests {
            if let DecisionTest::Decision(other, want) = *t {
                let got = match other {
                    None => Some(j.verdict),
                    Some(x) => earlier.get(x).copied(),
                };
                let reason = Reason::Decision(other, want);
                if got == Some(want) && !out.contains(&reason) {
                    out.push(reason);
                }
            }
        }
    }
    out
}

/// Counts across a batch: verdicts per tier and the rules that most often fail.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    /// Every record of the batch, the rejected ones included.
    pub records: usize,
    /// Records that could not be read, so have no verdict.
    pub rejected: usize,
    pub by_tier: IndexMap<String, IndexMap<&'static str, usize>>,
    pub failures: IndexMap<usize, usize>,
    /// Records ranked by the round rules: those that made the cut, were cut, were left open.
    pub round: Option<RoundCounts>,
}

/// How the records a round ranked came out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RoundCounts {
    pub made_cut: usize,
    pub cut: usize,
    pub open: usize,
}

impl Summary {
    /// The blocking rules that fail, most often first: `(rule index, parks)`.
    pub fn most_frequent_failures(&self) -> Vec<(usize, usize)> {
        let mut fails: Vec<(usize, usize)> = self.failures.iter().map(|(r, n)| (*r, *n)).collect();
        fails.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        fails
    }

    /// Counts a record that could not be read.
    pub fn add_rejected(&mut self) {
        self.records += 1;
        self.rejected += 1;
    }

    pub fn add(&mut self, policy: &Policy, j: &Judgement) {
        self.records += 1;
        if let Some(r) = &j.round {
            let counts = self.round.get_or_insert_with(RoundCounts::default);
            if r.cut_by.is_some() {
                counts.cut += 1;
            } else if !r.results.is_empty() && r.verdict == Verdict::Eligible {
                counts.made_cut += 1;
            } else if !r.results.is_empty() && r.verdict == Verdict::Undetermined {
                counts.open += 1;
            }
        }
        let tier = j
            .tier
            .and_then(|t| policy.tiers.get(t))
            .map_or_else(|| "unknown tier".to_string(), |t| t.name.clone());
        *self
            .by_tier
            .entry(tier)
            .or_default()
            .entry(verdict_name(j.verdict))
            .or_default() += 1;
        for r in &j.results {
            let blocking = !matches!(
                policy.class_of(r),
                Some(crate::syntax::ast::RuleClass::Guidance)
            );
            if r.status == Status::Fail && blocking {
                *self.failures.entry(r.rule).or_default() += 1;
            }
        }
    }
}
