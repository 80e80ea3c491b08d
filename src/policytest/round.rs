//! Round cases of a test file: a round of records judged together, and the records that must
//! make the cut, be cut (by the rule named) or be left open by the policy's round rules.
//!
//! ```yaml
//!   - name: 推荐数量 每省限额 — 江苏省's fourth base is cut
//!     round:
//!       records: [records/01.json, records/02.json, { 名称: 甲, … }]
//!       made_cut: [苏州工业园区, 无锡高新区]
//!       cut: { 常州经开区: 优势系列限额 }
//!       undetermined: []
//! ```
//!
//! The lists are exact: a record the round ranks that no list names is a failure, so a revision
//! cannot move a record across the cut unnoticed. Records not eligible on their own, and records
//! that cannot be read, take no part in the round and are not listed.

use super::Outcome;
use crate::check::ir::Policy;
use crate::data;
use crate::diag::catalogue::test_failure as fail;
use crate::diag::text::Text;
use crate::i18n::Lang;
use crate::source::{Source, Span};
use crate::syntax::ast::Verdict;
use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::Value as Json;

/// What a round case states, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RoundSpec {
    records: Vec<serde_yaml::Value>,
    #[serde(default)]
    made_cut: Vec<String>,
    #[serde(default)]
    cut: IndexMap<String, String>,
    #[serde(default)]
    undetermined: Vec<String>,
}

/// A round case: its records (each with where it came from) and what the round must give.
#[derive(Debug, Default)]
pub struct RoundExpect {
    pub records: Vec<(Json, String)>,
    pub made_cut: Vec<String>,
    /// Record name → the round rule that must cut it.
    pub cut: IndexMap<String, String>,
    pub undetermined: Vec<String>,
}

impl RoundSpec {
    /// The records read (by path relative to `dir`, or inline) and the lists.
    pub(super) fn read(self, dir: &std::path::Path) -> Result<RoundExpect, Text> {
        let records = self
            .records
            .into_iter()
            .map(|r| super::record_of(dir, r))
            .collect::<Result<_, _>>()?;
        Ok(RoundExpect {
            records,
            made_cut: self.made_cut,
            cut: self.cut,
            undetermined: self.undetermined,
        })
    }
}

/// Runs a round case: judges its records as one round and compares every ranked record.
pub fn run(policy: &Policy, name: &str, round: &RoundExpect, lang: Lang) -> Outcome {
    let mut failures = Vec::new();
    let mut records = Vec::new();
    for (json, origin) in &round.records {
        let source = Source::new(format!("{name} ({origin})"), json.to_string());
        let loaded = data::record(policy, &source, 0, json, Span::new(0, 0));
        match loaded.record {
            Some(r) => records.push(r),
            None => failures.push(fail::round_unreadable(origin).render(lang)),
        }
    }
    if policy.rounds.is_empty() {
        failures.push(fail::no_round_rule().render(lang));
    }
    let refs: Vec<_> = records.iter().collect();
    let judged = policy.judge_batch(&refs);
    let mut seen: Vec<String> = Vec::new();
    for (record, j) in records.iter().zip(&judged) {
        let Some(r) = &j.round else { continue };
        if r.results.is_empty() {
            continue;
        }
        let who = policy
            .record_name(record)
            .unwrap_or(crate::diag::catalogue::table_words::unnamed(lang))
            .to_string();
        let cut_by = r
            .cut_by
            .and_then(|k| policy.rounds.get(k))
            .map(|d| d.name.as_str());
        let got = match (cut_by, r.verdict) {
            (Some(rule), _) => fail::cut_by(rule),
            (None, Verdict::Eligible) => fail::made_cut(),
            (None, _) => fail::open(),
        };
        let want = if round.made_cut.contains(&who) {
            Some(fail::made_cut())
        } else if let Some(rule) = round.cut.get(&who) {
            Some(fail::cut_by(rule))
        } else if round.undetermined.contains(&who) {
            Some(fail::open())
        } else {
            None
        };
        match want {
            None => failures.push(fail::unlisted(&who, got).render(lang)),
            Some(w) if w != got => {
                failures.push(fail::round_expected(&who, w, got).render(lang));
            }
            Some(_) => {}
        }
        seen.push(who);
    }
    let named = round
        .made_cut
        .iter()
        .chain(round.cut.keys())
        .chain(&round.undetermined);
    for who in named {
        if !seen.contains(who) {
            failures.push(fail::not_ranked(who).render(lang));
        }
    }
    Outcome {
        name: name.to_string(),
        failures,
        reached: Vec::new(),
    }
}
