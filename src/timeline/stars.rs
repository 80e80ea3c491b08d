//! Annual star ratings (第二十条) computed from an annual record by the policy's star scheme.

use crate::check::ir::{Policy, RuleRole};
use crate::eval::{Judgement, Status};
use rust_decimal::Decimal;

/// One group's part of the score.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct GroupScore {
    pub group: String,
    pub weight: Decimal,
    pub passed: usize,
    /// Indicators of the group that apply to this record (unknown ones count as not passed).
    pub applicable: usize,
    pub points: Decimal,
}

/// A star rating with its score and how it was reached.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Rating {
    pub stars: Decimal,
    pub score: Decimal,
    pub groups: Vec<GroupScore>,
    pub article: Option<String>,
}

impl Policy {
    /// The star rating of a judged annual record, when the policy has a star scheme. A group with
    /// no applicable indicator gives its weight in full (nothing in it could fail).
    pub fn stars(&self, j: &Judgement) -> Option<Rating> {
        let scheme = self.stars.as_ref()?;
        let mut groups = Vec::new();
        let mut score = Decimal::ZERO;
        for (group, weight) in &scheme.weights {
            let mut passed = 0;
            let mut applicable = 0;
            for r in &j.results {
                let Some(rule) = self.rules.get(r.rule) else {
                    continue;
                };
                if rule.role != RuleRole::Indicator || rule.group.as_deref() != Some(group) {
                    continue;
                }
                match r.status {
                    Status::NotApplicable => {}
                    Status::Pass => {
                        passed += 1;
                        applicable += 1;
                    }
                    _ => applicable += 1,
                }
            }
            let points = if applicable == 0 {
                *weight
            } else {
                (*weight * Decimal::from(passed) / Decimal::from(applicable)).round_dp(4)
            };
            score += points;
            groups.push(GroupScore {
                group: group.clone(),
                weight: *weight,
                passed,
                applicable,
                points,
            });
        }
        let stars = scheme
            .bands
            .iter()
            .find(|(_, min)| score >= *min)
            .map_or(scheme.otherwise, |(s, _)| *s);
        Some(Rating {
            stars,
            score,
            groups,
            article: scheme.article.clone(),
        })
    }
}
