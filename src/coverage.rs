//! Coverage of a policy by its test cases (`jidi test --coverage`): for each rule, tier and `when`
//! case, which of its outcomes — pass, fail, unknown — some case asserts. Outcomes the solver
//! proves no record can give are listed apart, not asked of tests.

use crate::check::ir::Policy;
use crate::diag::catalogue::solver_reason;
use crate::diag::text::Text;
use crate::eval::{Note, Status, Trace};
use crate::policytest::Case;
use crate::source::{Source, Span};
use serde::Serialize;

/// The outcomes every case of a rule can have.
const OUTCOMES: [Status; 3] = [Status::Pass, Status::Fail, Status::Unknown];

/// One case of one rule for one tier, and outcomes no test case asserts.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub rule: String,
    pub article: String,
    pub tier: String,
    /// The `when` case (`else` for the last), when the rule has several.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub case: Option<String>,
    pub missing: Vec<&'static str>,
}

/// A named decision and the verdicts no test case asserts for it.
#[derive(Debug, Clone, Serialize)]
pub struct DecisionEntry {
    pub decision: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    pub missing: Vec<&'static str>,
}

/// What the cases of a test file cover.
#[derive(Debug, Clone, Serialize)]
pub struct Coverage {
    /// Outcomes no case asserts.
    pub uncovered: Vec<Entry>,
    /// Outcomes no record the inputs allow can give (proved by the solver).
    pub unreachable: Vec<Entry>,
    /// Verdicts of named decisions no case asserts (the solver is not asked about these).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<DecisionEntry>,
    /// Why outcomes could not be told reachable or not, when the solver could not answer (JSON
    /// gives it in English).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "in_english")]
    pub note: Option<Text>,
}

/// A note as JSON gives it: in English.
fn in_english<S: serde::Serializer>(note: &Option<Text>, s: S) -> Result<S::Ok, S::Error> {
    match note {
        Some(t) => s.serialize_str(&t.en()),
        None => s.serialize_none(),
    }
}

/// The case of a rule's criterion a judged record counts to: the one taken, the one whose guard
/// could not be told, or the only one.
fn branch_of(policy: &Policy, trace: &Trace, rule: usize) -> Option<usize> {
    let r = trace.rules.get(rule)?;
    if let Some(b) = r.branch {
        return Some(b);
    }
    if let Some(Note::GuardUnknown(b)) = r.note {
        return Some(b);
    }
    let criterion = policy
        .rules
        .get(rule)?
        .per_tier
        .get(trace.tier?)?
        .as_ref()?;
    (criterion.branches.len() == 1).then_some(0)
}

/// The outcomes the cases assert and get, by rule, tier and case.
fn asserted(policy: &Policy, cases: &[Case]) -> Vec<(usize, usize, usize, Status)> {
    let mut out = Vec::new();
    let mut trace = Trace::new();
    for case in cases {
        let source = Source::new(case.name.clone(), case.record.to_string());
        let loaded = crate::data::record(policy, &source, 0, &case.record, Span::new(0, 0));
        let Some(record) = &loaded.record else {
            continue;
        };
        policy.trace(record, &mut trace);
        let Some(tier) = trace.tier else { continue };
        for (name, want) in &case.rules {
            let Some(ri) = policy.rule_index(name) else {
                continue;
            };
            let Some(r) = trace.rules.get(ri) else {
                continue;
            };
            if r.status.as_str() != want {
                continue;
            }
            if let Some(b) = branch_of(policy, &trace, ri) {
                out.push((ri, tier, b, r.status));
            }
        }
    }
    out
}

/// The coverage of `policy` by `cases`; with `solver` options, outcomes no record can give are
/// told apart (without, they stay uncovered).
pub fn coverage(
    policy: &Policy,
    cases: &[Case],
    solver: Option<&crate::verify::Options>,
) -> Coverage {
    let got = asserted(policy, cases);
    let mut missing: Vec<crate::verify::Outcome> = Vec::new();
    for (ri, rule) in policy.rules.iter().enumerate() {
        for (ti, criterion) in rule.per_tier.iter().enumerate() {
            let Some(criterion) = criterion else { continue };
            for bi in 0..criterion.branches.len() {
                for status in OUTCOMES {
                    if !got.contains(&(ri, ti, bi, status)) {
                        missing.push(crate::verify::Outcome {
                            rule: ri,
                            tier: ti,
                            branch: bi,
                            status,
                        });
                    }
                }
            }
        }
    }
    let (reach, note) = match solver {
        None => (vec![None; missing.len()], None),
        Some(_) if missing.is_empty() => (Vec::new(), None),
        Some(options) => match crate::verify::reachable(policy, &missing, options) {
            Ok(r) => {
                let undecided = r.iter().any(Option::is_none);
                (r, undecided.then(solver_reason::some_undecided))
            }
            Err(why) => (vec![None; missing.len()], Some(why)),
        },
    };
    let mut uncovered: Vec<Entry> = Vec::new();
    let mut unreachable: Vec<Entry> = Vec::new();
    for (o, r) in missing
        .iter()
        .zip(reach.iter().chain(std::iter::repeat(&None)))
    {
        let list = if *r == Some(false) {
            &mut unreachable
        } else {
            &mut uncovered
        };
        add(policy, list, o);
    }
    Coverage {
        uncovered,
        unreachable,
        decisions: decisions(policy, cases),
        note,
    }
}

/// For each further decision, the verdicts no case asserts and gets.
fn decisions(policy: &Policy, cases: &[Case]) -> Vec<DecisionEntry> {
    use crate::syntax::ast::Verdict;
    let mut got: Vec<(String, Verdict)> = Vec::new();
    for case in cases.iter().filter(|c| !c.decisions.is_empty()) {
        let source = Source::new(case.name.clone(), case.record.to_string());
        let loaded = crate::data::record(policy, &source, 0, &case.record, Span::new(0, 0));
        let Some(record) = &loaded.record else {
            continue;
        };
        let j = policy.judge(record);
        for (name, want) in &case.decisions {
            match crate::policytest::decision_verdict(policy, &j, name) {
                Some(v) if crate::report::verdict_name(v) == want => got.push((name.clone(), v)),
                _ => {}
            }
        }
    }
    policy
        .decisions
        .iter()
        .filter_map(|d| {
            let name = crate::policytest::decision_name(d)?;
            let missing: Vec<&'static str> = [
                Verdict::Eligible,
                Verdict::NotEligible,
                Verdict::Undetermined,
            ]
            .into_iter()
            .filter(|v| !got.iter().any(|(n, g)| n == name && g == v))
            .map(crate::report::verdict_name)
            .collect();
            (!missing.is_empty()).then(|| DecisionEntry {
                decision: name.to_string(),
                article: d.article.clone(),
                missing,
            })
        })
        .collect()
}

/// Adds an outcome to the entry of its rule, tier and case.
fn add(policy: &Policy, list: &mut Vec<Entry>, o: &crate::verify::Outcome) {
    let (Some(rule), Some(tier)) = (policy.rules.get(o.rule), policy.tiers.get(o.tier)) else {
        return;
    };
    let branches = rule
        .per_tier
        .get(o.tier)
        .and_then(Option::as_ref)
        .map_or(&[][..], |c| &c.branches);
    let case = (branches.len() > 1).then(|| {
        branches
            .get(o.branch)
            .and_then(|b| b.guard_text.clone())
            .map_or_else(|| "else".to_string(), |g| format!("when {g}"))
    });
    let same = |e: &Entry| e.rule == rule.name && e.tier == tier.name && e.case == case;
    match list.iter_mut().find(|e| same(e)) {
        Some(e) => e.missing.push(o.status.as_str()),
        None => list.push(Entry {
            rule: rule.name.clone(),
            article: rule.article.clone(),
            tier: tier.name.clone(),
            case,
            missing: vec![o.status.as_str()],
        }),
    }
}
