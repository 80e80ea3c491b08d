//! Which written threshold a what-if means: an indicator, a tier, a case among `when` branches,
//! and a check among several.

use crate::check::{CheckTest, Comparison, Policy, TierCriterion};
use crate::diag::catalogue::{
    repl_threshold, repl_unknown_item, repl_usage, repl_which_case, repl_which_check,
    repl_which_tier,
};
use crate::diag::text::{Arg, Text};
use crate::diag::Diagnostic;

/// Where one comparison sits in the IR: rule, tier, branch (case) and check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CheckLoc {
    pub rule: usize,
    pub tier: usize,
    pub branch: usize,
    pub check: usize,
}

/// A threshold of one rule, for one tier or several (one location per tier).
#[derive(Debug, Clone, PartialEq)]
pub struct ThresholdRef {
    pub rule: usize,
    pub locs: Vec<CheckLoc>,
}

/// Which tiers: not said, every tier the rule has, or one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TierSpec {
    Unsaid,
    All,
    One(usize),
}

/// Which case of a rule with `when` branches: by number (1-based), the `else`, or the guard's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseSpec {
    Index(usize),
    Else,
    Guard(String),
}

/// The comparison at a location.
pub fn comparison(policy: &Policy, loc: CheckLoc) -> Option<&Comparison> {
    let check = policy
        .rules
        .get(loc.rule)?
        .per_tier
        .get(loc.tier)?
        .as_ref()?
        .branches
        .get(loc.branch)?
        .checks
        .get(loc.check)?;
    match &check.test {
        CheckTest::Compare(c) => Some(c),
        CheckTest::Holds(_) => None,
    }
}

/// The comparison at a location, to change it.
pub fn comparison_mut(policy: &mut Policy, loc: CheckLoc) -> Option<&mut Comparison> {
    let check = policy
        .rules
        .get_mut(loc.rule)?
        .per_tier
        .get_mut(loc.tier)?
        .as_mut()?
        .branches
        .get_mut(loc.branch)?
        .checks
        .get_mut(loc.check)?;
    match &mut check.test {
        CheckTest::Compare(c) => Some(c),
        CheckTest::Holds(_) => None,
    }
}

/// Every comparison of a policy, in rule, tier, branch and check order.
pub fn all_comparisons(policy: &Policy) -> Vec<(CheckLoc, &Comparison)> {
    let mut out = Vec::new();
    for (rule, def) in policy.rules.iter().enumerate() {
        for (tier, crit) in def.per_tier.iter().enumerate() {
            let Some(crit) = crit else { continue };
            for (branch, b) in crit.branches.iter().enumerate() {
                for (check, c) in b.checks.iter().enumerate() {
                    if let CheckTest::Compare(cmp) = &c.test {
                        out.push((
                            CheckLoc {
                                rule,
                                tier,
                                branch,
                                check,
                            },
                            &**cmp,
                        ));
                    }
                }
            }
        }
    }
    out
}

fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `case 1: when 细分领域 in 新兴领域 => >= 100 亿元`, for listings.
pub fn case_label(crit: &TierCriterion, branch: usize) -> String {
    let Some(b) = crit.branches.get(branch) else {
        return String::new();
    };
    let checks: Vec<&str> = b.checks.iter().map(|c| c.text.as_str()).collect();
    match &b.guard_text {
        Some(g) => format!("case {}: when {g} => {}", branch + 1, checks.join("; ")),
        None => format!("case {} (else): {}", branch + 1, checks.join("; ")),
    }
}

impl ThresholdRef {
    /// Resolves a rule's threshold from what the user said.
    pub fn resolve(
        policy: &Policy,
        rule: usize,
        tier: TierSpec,
        case: Option<&CaseSpec>,
        check: Option<usize>,
    ) -> Result<ThresholdRef, Diagnostic> {
        let Some(def) = policy.rules.get(rule) else {
            return Err(repl_unknown_item::no_rule());
        };
        let with_rules: Vec<usize> = def
            .per_tier
            .iter()
            .enumerate()
            .filter(|(_, c)| c.is_some())
            .map(|(t, _)| t)
            .collect();
        let tier_names = |ts: &[usize]| {
            Arg::list(
                ts.iter()
                    .filter_map(|t| policy.tiers.get(*t).map(|x| x.name.clone())),
            )
        };
        let tiers: Vec<usize> = match tier {
            TierSpec::One(t) => {
                if !with_rules.contains(&t) {
                    let name = policy.tiers.get(t).map_or("?", |x| x.name.as_str());
                    return Err(repl_threshold::no_rule_for(&def.name, name)
                        .help(repl_threshold::rules_for(tier_names(&with_rules))));
                }
                vec![t]
            }
            TierSpec::All | TierSpec::Unsaid => with_rules.clone(),
        };
        let mut locs = Vec::new();
        for &t in &tiers {
            let Some(Some(crit)) = def.per_tier.get(t) else {
                continue;
            };
            let tier_name = policy.tiers.get(t).map_or("?", |x| x.name.as_str());
            let branch = pick_branch(crit, case)
                .map_err(|help| repl_which_case::several_cases(&def.name, tier_name).help(help))?;
            let Some(b) = crit.branches.get(branch) else {
                continue;
            };
            let compares: Vec<usize> = b
                .checks
                .iter()
                .enumerate()
                .filter(|(_, c)| matches!(c.test, CheckTest::Compare(_)))
                .map(|(i, _)| i)
                .collect();
            let listing = || {
                Arg::series(
                    b.checks
                        .iter()
                        .enumerate()
                        .map(|(i, c)| repl_threshold::check_listing(i + 1, &c.text)),
                )
            };
            let picked = match (check, compares.as_slice()) {
                (Some(n), _) if compares.contains(&n.wrapping_sub(1)) => n - 1,
                (Some(n), _) => {
                    return Err(
                        repl_threshold::check_not_comparison(n, &def.name, tier_name)
                            .help(repl_usage::listing(listing())),
                    )
                }
                (None, [one]) => *one,
                (None, []) => {
                    return Err(repl_threshold::test_is(
                        &def.name,
                        tier_name,
                        b.checks
                            .iter()
                            .map(|c| c.text.as_str())
                            .collect::<Vec<_>>()
                            .join("; "),
                    )
                    .help(repl_threshold::only_comparisons()))
                }
                (None, _) => {
                    return Err(repl_which_check::several_figures(&def.name, tier_name)
                        .help(repl_which_check::say_which_check(listing())))
                }
            };
            locs.push(CheckLoc {
                rule,
                tier: t,
                branch,
                check: picked,
            });
        }
        if tier == TierSpec::Unsaid && locs.len() > 1 {
            let spans: Vec<_> = locs
                .iter()
                .filter_map(|l| comparison(policy, *l).map(|c| c.threshold_span))
                .collect();
            if spans.windows(2).any(|w| w.first() != w.get(1)) {
                let options: Vec<String> = locs
                    .iter()
                    .filter_map(|l| {
                        let c = comparison(policy, *l)?;
                        let t = policy.tiers.get(l.tier)?;
                        let text = policy
                            .source
                            .text()
                            .get(c.threshold_span.start..c.threshold_span.end)?;
                        Some(format!("{} ({} {text})", t.name, c.op.symbol()))
                    })
                    .collect();
                return Err(repl_which_tier::per_tier(&def.name)
                    .help(repl_which_tier::say_which_tier(Arg::list(options))));
            }
        }
        if locs.is_empty() {
            return Err(repl_threshold::none(&def.name));
        }
        Ok(ThresholdRef { rule, locs })
    }

    /// `工业用地地均收入 [示范基地]`, with the case and the check when there is a choice.
    pub fn describe(&self, policy: &Policy) -> String {
        let Some(def) = self.locs.first().and_then(|l| policy.rules.get(l.rule)) else {
            return String::new();
        };
        let mut parts: Vec<String> = vec![self
            .locs
            .iter()
            .filter_map(|l| policy.tiers.get(l.tier).map(|t| t.name.clone()))
            .collect::<Vec<_>>()
            .join(", ")];
        if let Some(loc) = self.locs.first() {
            if let Some(Some(crit)) = def.per_tier.get(loc.tier) {
                if crit.branches.len() > 1 {
                    if let Some(b) = crit.branches.get(loc.branch) {
                        parts.push(match &b.guard_text {
                            Some(g) => format!("when {g}"),
                            None => "else".into(),
                        });
                    }
                }
                if let Some(b) = crit.branches.get(loc.branch) {
                    if b.checks.len() > 1 {
                        if let Some(c) = b.checks.get(loc.check) {
                            parts.push(c.text.clone());
                        }
                    }
                }
            }
        }
        format!("{} [{}]", def.name, parts.join("; "))
    }
}

fn pick_branch(crit: &TierCriterion, case: Option<&CaseSpec>) -> Result<usize, Text> {
    let listing = || {
        let cases: Vec<String> = (0..crit.branches.len())
            .map(|i| case_label(crit, i))
            .collect();
        repl_which_case::say_which_case(cases.join("; "))
    };
    match case {
        None if crit.branches.len() == 1 => Ok(0),
        None => Err(listing()),
        Some(CaseSpec::Index(n)) if *n >= 1 && *n <= crit.branches.len() => Ok(n - 1),
        Some(CaseSpec::Index(_)) => Err(listing()),
        Some(CaseSpec::Else) => crit
            .branches
            .iter()
            .position(|b| b.guard.is_none())
            .ok_or_else(listing),
        Some(CaseSpec::Guard(text)) => {
            let want = normalise(text);
            let exact = crit
                .branches
                .iter()
                .position(|b| b.guard_text.as_deref().map(normalise) == Some(want.clone()));
            if let Some(i) = exact {
                return Ok(i);
            }
            let partial: Vec<usize> = crit
                .branches
                .iter()
                .enumerate()
                .filter(|(_, b)| {
                    b.guard_text
                        .as_deref()
                        .is_some_and(|g| normalise(g).contains(&want))
                })
                .map(|(i, _)| i)
                .collect();
            match partial.as_slice() {
                [one] => Ok(*one),
                _ => Err(listing()),
            }
        }
    }
}
