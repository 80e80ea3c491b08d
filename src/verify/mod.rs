//! Verify: questions about every record a policy's inputs allow, not a corpus — answered by an SMT
//! solver (z3) over the checked IR. [`diff`] decides how a revision changes each tier's set of
//! eligible parks and shows witness records, each one evaluated under both versions before it is
//! shown; [`analyze`] finds rules that can never pass or fail, `when` cases that overlap or leave a
//! gap, vetoes that can never trigger and lifecycle transitions that can never fire.
//!
//! The encoding follows the evaluator exactly (three-valued logic, errors, exact rationals, dates);
//! what it cannot follow it refuses, and the answer is `unknown` with the construct named. Its
//! bounds — elements per list, years of dates, size of figures — are part of every report.

mod analyze;
mod dates;
mod diff;
mod expr;
mod reach;
mod rules;
mod setup;
mod solver;
mod universe;

pub use analyze::analyze;
pub use diff::diff;
pub use reach::{reachable, Outcome};
pub use solver::SOLVER_ENV;

use crate::diag::text::Text;
use serde::Serialize;

/// A construct the encoder does not model, by name (a text of `encoder_refuses`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub Text);

/// How hard to look.
#[derive(Debug, Clone)]
pub struct Options {
    /// The time bound of each question to the solver.
    pub timeout: std::time::Duration,
    /// Elements a list (of events, of materials) may have.
    pub list_bound: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            timeout: std::time::Duration::from_secs(20),
            list_bound: 3,
        }
    }
}

/// The records a check ranges over: every record the inputs' types, enumerations and ranges
/// allow, within these bounds.
#[derive(Debug, Clone, Serialize)]
pub struct Bounds {
    /// Elements per list.
    pub list_elements: usize,
    /// Years of the record's dates.
    pub years: [i64; 2],
    /// Figures up to this size in their own unit.
    pub figures: String,
}

impl Bounds {
    fn of(options: &Options) -> Self {
        Bounds {
            list_elements: options.list_bound,
            years: [dates::INPUT_YEARS.0, dates::INPUT_YEARS.1],
            figures: format!("±{}", universe::FIGURE_BOUND),
        }
    }
}

/// How the eligible parks of a tier (or of one case within it) change from the old version to the
/// new.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// The same parks are eligible.
    Equivalent,
    /// Some parks eligible before are not now; none is newly eligible.
    Narrower,
    /// Some parks are newly eligible; none loses eligibility.
    Wider,
    /// Both.
    Both,
    /// Not decided: `reason` says why.
    Unknown,
}

impl Relation {
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Equivalent => "equivalent",
            Relation::Narrower => "narrower",
            Relation::Wider => "wider",
            Relation::Both => "both",
            Relation::Unknown => "unknown",
        }
    }
}

/// The relation for one tier, over all its records or over one case (`细分领域 = 数据中心`).
#[derive(Debug, Clone, Serialize)]
pub struct TierRelation {
    pub tier: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub case: Option<indexmap::IndexMap<String, String>>,
    pub relation: Relation,
    /// Why the relation is not decided: each question's reason (JSON joins them in English with
    /// ` | `).
    #[serde(skip_serializing_if = "Vec::is_empty", serialize_with = "in_english")]
    pub reason: Vec<Text>,
}

/// Reasons as JSON gives them: English, joined with ` | `.
fn in_english<S: serde::Serializer>(reasons: &[Text], s: S) -> Result<S::Ok, S::Error> {
    let texts: Vec<String> = reasons.iter().map(Text::en).collect();
    s.serialize_str(&texts.join(" | "))
}

/// Which version makes a witness eligible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    OldOnly,
    NewOnly,
}

/// A record eligible under one version only, as both versions judged it.
#[derive(Debug, Clone, Serialize)]
pub struct Witness {
    pub tier: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub case: Option<indexmap::IndexMap<String, String>>,
    pub direction: Direction,
    pub record: serde_json::Value,
    /// The verdicts of the old and the new version (`rejected` where a version refuses the record).
    pub old: String,
    pub new: String,
}

/// `jidi diff --witness`: the relation of each tier and case, with witnesses.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub tiers: Vec<TierRelation>,
    pub witnesses: Vec<Witness>,
    pub bounds: Bounds,
}
