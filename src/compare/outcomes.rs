//! What two versions of a policy decide on the same records: the records whose verdict or any
//! rule's status changes, why, and the totals per tier before and after.

use super::policy::pairs;
use crate::check::ir::Policy;
use crate::diag::catalogue::{compare_lines, round_words};
use crate::diag::text::Text;
use crate::eval::{Judgement, Status};
use crate::i18n::Lang;
use crate::report::{explain, verdict_name};
use crate::syntax::ast::{RuleKind, Verdict};
use indexmap::IndexMap;
use serde::Serialize;

/// One rule whose status differs between the versions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleChange {
    pub name: String,
    pub article: String,
    pub old: &'static str,
    pub new: &'static str,
    /// The rule's kind (`constraint` / `guidance`) in each version, where it has one: a kind that
    /// changes is a reason of its own, even when the status does not.
    pub old_kind: Option<&'static str>,
    pub new_kind: Option<&'static str>,
    /// The old version's figures for the rule (empty when it did not have the rule).
    pub old_detail: String,
    pub new_detail: String,
}

/// A record judged differently by the two versions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordChange {
    pub place: String,
    pub name: Option<String>,
    pub old_verdict: Option<&'static str>,
    pub new_verdict: Option<&'static str>,
    pub rules: Vec<RuleChange>,
    /// The named decisions whose verdict differs (`absent` where a version has no such decision).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<DecisionChange>,
    /// Where the record stands in its round under each version, when that changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub round: Option<RoundChange>,
}

/// A named decision whose verdict differs between the versions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecisionChange {
    pub name: String,
    pub old: &'static str,
    pub new: &'static str,
}

/// A record whose round outcome differs, under each version (`None`: that version has no round
/// rules or cannot read it).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoundChange {
    pub old: Option<RoundOutcome>,
    pub new: Option<RoundOutcome>,
}

/// Where a judged record stands in its round; JSON writes `made_cut`, `cut by RULE`,
/// `undetermined` or `not_ranked`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoundOutcome {
    MadeCut,
    /// Cut by the round rule of this name.
    CutBy(String),
    Undetermined,
    NotRanked,
}

impl RoundOutcome {
    /// The outcome as JSON writes it.
    pub fn json(&self) -> String {
        match self {
            RoundOutcome::MadeCut => "made_cut".to_string(),
            RoundOutcome::CutBy(rule) => format!("cut by {rule}"),
            RoundOutcome::Undetermined => "undetermined".to_string(),
            RoundOutcome::NotRanked => "not_ranked".to_string(),
        }
    }

    /// The outcome for people.
    pub fn text(&self) -> Text {
        match self {
            RoundOutcome::MadeCut => round_words::made_cut(),
            RoundOutcome::CutBy(rule) => compare_lines::cut_by(rule),
            RoundOutcome::Undetermined => round_words::undetermined(),
            RoundOutcome::NotRanked => compare_lines::not_ranked(),
        }
    }
}

impl Serialize for RoundOutcome {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.json())
    }
}

/// Where a judged record stands in its round, when its policy has round rules.
fn round_outcome(p: &Policy, j: &Judgement) -> Option<RoundOutcome> {
    let r = j.round.as_ref()?;
    let cut_by = r.cut_by.and_then(|k| p.rounds.get(k));
    Some(match (cut_by, r.verdict) {
        (Some(rule), _) => RoundOutcome::CutBy(rule.name.clone()),
        _ if r.results.is_empty() => RoundOutcome::NotRanked,
        (None, Verdict::Eligible) => RoundOutcome::MadeCut,
        (None, _) => RoundOutcome::Undetermined,
    })
}

/// Eligible counts per tier, before and after.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Totals {
    pub records: usize,
    /// tier → (eligible before, eligible after); tiers are named as each version names them.
    pub eligible: IndexMap<String, (usize, usize)>,
    /// Records each version could not read (before, after): counted, never dropped.
    pub rejected: (usize, usize),
    /// decision → records whose verdict of that named decision differs, in the order met.
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub decisions: IndexMap<String, usize>,
    /// Records whose round outcome changed (made the cut, cut, left open, not ranked).
    pub round_changed: usize,
}

impl Totals {
    /// Counts one record; a side that is `None` could not read it.
    pub fn add(&mut self, old: Option<(&Policy, &Judgement)>, new: Option<(&Policy, &Judgement)>) {
        self.records += 1;
        for d in decision_changes(old, new) {
            *self.decisions.entry(d.name).or_default() += 1;
        }
        if round_change(old, new).is_some() {
            self.round_changed += 1;
        }
        for (side, judged) in [(0, old), (1, new)] {
            let Some((p, j)) = judged else {
                if side == 0 {
                    self.rejected.0 += 1;
                } else {
                    self.rejected.1 += 1;
                }
                continue;
            };
            let tier = j
                .tier
                .and_then(|t| p.tiers.get(t))
                .map_or_else(|| "?".to_string(), |t| t.name.clone());
            let entry = self.eligible.entry(tier).or_default();
            if j.verdict == Verdict::Eligible {
                if side == 0 {
                    entry.0 += 1;
                } else {
                    entry.1 += 1;
                }
            }
        }
    }
}

/// The named decisions of a judged record, by name, with their verdicts.
fn named_decisions<'j>(p: &'j Policy, j: &Judgement) -> Vec<(&'j str, &'static str)> {
    p.decisions
        .iter()
        .zip(&j.decisions)
        .filter_map(|(d, v)| Some((crate::policytest::decision_name(d)?, verdict_name(*v))))
        .collect()
}

/// The named decisions whose verdict differs, paired by name; none when a version could not
/// read the record (its verdict says so).
fn decision_changes(
    old: Option<(&Policy, &Judgement)>,
    new: Option<(&Policy, &Judgement)>,
) -> Vec<DecisionChange> {
    let (Some((op, oj)), Some((np, nj))) = (old, new) else {
        return Vec::new();
    };
    let (before, after) = (named_decisions(op, oj), named_decisions(np, nj));
    let verdict = |side: &[(&str, &'static str)], name: &str| {
        side.iter()
            .find(|(n, _)| *n == name)
            .map_or("absent", |(_, v)| *v)
    };
    let mut names: Vec<&str> = before.iter().map(|(n, _)| *n).collect();
    names.extend(
        after
            .iter()
            .map(|(n, _)| *n)
            .filter(|n| !before.iter().any(|(b, _)| b == n)),
    );
    names
        .into_iter()
        .filter_map(|name| {
            let (o, n) = (verdict(&before, name), verdict(&after, name));
            (o != n).then(|| DecisionChange {
                name: name.to_string(),
                old: o,
                new: n,
            })
        })
        .collect()
}

/// A rule's status for a record, its kind for the record's tier, and the explanation in `lang`.
fn status_of(
    p: &Policy,
    j: &Judgement,
    rule: &str,
    lang: Lang,
) -> Option<(Status, Option<&'static str>, String)> {
    let idx = p.rule_index(rule)?;
    let r = j.results.iter().find(|r| r.rule == idx)?;
    let kind = r.kind.map(|k| match k {
        RuleKind::Constraint => "constraint",
        RuleKind::Guidance => "guidance",
    });
    Some((r.status, kind, explain(p, r, lang)))
}

/// The differences between two judgements of one record (each `None` if that version could not
/// read it), the rules' details in `lang`. `None` when nothing differs.
pub fn compare(
    place: &str,
    old: Option<(&Policy, &Judgement)>,
    new: Option<(&Policy, &Judgement)>,
    lang: Lang,
) -> Option<RecordChange> {
    let verdict = |s: Option<(&Policy, &Judgement)>| {
        s.map(|(_, j): (&Policy, &Judgement)| verdict_name(j.verdict))
    };
    let name = new.or(old).and_then(|(_, j)| j.name.clone());
    let mut rules = Vec::new();
    if let (Some((op, oj)), Some((np, nj))) = (old, new) {
        for (o, n) in pairs(op, np) {
            let a = o.and_then(|r| status_of(op, oj, &r.name, lang));
            let b = n.and_then(|r| status_of(np, nj, &r.name, lang));
            let same_status = a.as_ref().map(|x| x.0) == b.as_ref().map(|x| x.0);
            // A kind that changes matters where the rule does not pass: guidance that fails
            // never blocks, a constraint that fails does.
            let kind_matters = a.as_ref().zip(b.as_ref()).is_some_and(|(x, y)| {
                x.1 != y.1 && !matches!(x.0, Status::Pass | Status::NotApplicable)
            });
            if same_status && !kind_matters {
                continue;
            }
            // A rule only one version has matters where it blocks or cannot be judged.
            let only = a.as_ref().xor(b.as_ref());
            if only.is_some_and(|(s, _, _)| matches!(s, Status::Pass | Status::NotApplicable)) {
                continue;
            }
            let Some(rule) = n.or(o) else { continue };
            let (old_status, old_kind, old_detail) = a
                .map_or(("absent", None, String::new()), |(s, k, d)| {
                    (s.as_str(), k, d)
                });
            let (new_status, new_kind, new_detail) = b
                .map_or(("absent", None, String::new()), |(s, k, d)| {
                    (s.as_str(), k, d)
                });
            rules.push(RuleChange {
                name: rule.name.clone(),
                article: rule.article.clone(),
                old: old_status,
                new: new_status,
                old_kind,
                new_kind,
                old_detail,
                new_detail,
            });
        }
    }
    let (ov, nv) = (verdict(old), verdict(new));
    let decisions = decision_changes(old, new);
    let round = round_change(old, new);
    if ov == nv && rules.is_empty() && decisions.is_empty() && round.is_none() {
        return None;
    }
    Some(RecordChange {
        place: place.to_string(),
        name,
        old_verdict: ov,
        new_verdict: nv,
        rules,
        decisions,
        round,
    })
}

/// The record's round outcomes under both versions, when they differ and one has round rules.
fn round_change(
    old: Option<(&Policy, &Judgement)>,
    new: Option<(&Policy, &Judgement)>,
) -> Option<RoundChange> {
    let of = |s: Option<(&Policy, &Judgement)>| s.and_then(|(p, j)| round_outcome(p, j));
    let (a, b) = (of(old), of(new));
    (a != b).then_some(RoundChange { old: a, new: b })
}
