//! The report for an expert panel: the records as read ([`batch`]: each readable record judged,
//! each unreadable one listed with its errors — the one path `jidi report` and `jidi serve`
//! share), what is measured for each park ([`measure`]), and the report as one document model
//! ([`model`]) that the HTML and Markdown writers lay out.

mod labels;
pub mod measure;
pub mod model;
mod round;

pub use measure::{group_scores, GroupScore};
pub use model::{build, Panel};

use crate::check::ir::Policy;
use crate::data::Loaded;
use crate::eval::Judgement;
use crate::i18n::Lang;
use sha2::{Digest, Sha256};

/// What a report covers: the parks judged, in input order, and the records that could not be.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    pub parks: Vec<Park>,
    pub unread: Vec<Unread>,
}

/// One judged park and where its record came from (`申报表.xlsx#3`, `examples/01.json`).
#[derive(Debug, Clone)]
pub struct Park {
    pub place: String,
    pub judgement: Judgement,
}

/// A record that could not be evaluated, with its errors.
#[derive(Debug, Clone)]
pub struct Unread {
    pub place: String,
    pub name: Option<String>,
    pub problems: Vec<crate::diag::text::Text>,
}

/// Which policy judged: the file's name and the SHA-256 of its text, so a reader can tell the
/// report's policy from any other revision (`sha256sum` gives the same).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub file: String,
    pub sha256: String,
}

impl Identity {
    /// The identity of the policy's source text.
    pub fn of(policy: &Policy) -> Identity {
        let digest = Sha256::digest(policy.source.text().as_bytes());
        Identity {
            file: policy.source.name().to_string(),
            sha256: digest.iter().map(|b| format!("{b:02x}")).collect(),
        }
    }
}

/// What a report is written for: its language, the day it is generated, the policy's identity.
#[derive(Debug, Clone)]
pub struct Context {
    pub lang: Lang,
    pub generated: chrono::NaiveDate,
    pub identity: Identity,
}

impl Context {
    /// A report of `policy` in `lang`, generated on `generated`.
    pub fn new(policy: &Policy, lang: Lang, generated: chrono::NaiveDate) -> Context {
        Context {
            lang,
            generated,
            identity: Identity::of(policy),
        }
    }
}

/// The batch of a report over the records of several files (one list per file), judged as one
/// batch: with round rules, one round.
pub fn batch(policy: &Policy, files: &[Vec<Loaded>]) -> Batch {
    let mut batch = Batch::default();
    let records: Vec<&crate::value::Record> = files
        .iter()
        .flatten()
        .filter_map(|item| item.record.as_ref())
        .collect();
    let mut judged = policy.judge_batch(&records).into_iter();
    for loaded in files {
        let several = loaded.len() > 1;
        for item in loaded {
            let errors: Vec<crate::diag::text::Text> = item
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(|d| d.message.clone())
                .collect();
            match (
                &item.record,
                item.record.as_ref().and_then(|_| judged.next()),
            ) {
                (Some(_), Some(judgement)) => batch.parks.push(Park {
                    place: item.place(several),
                    judgement,
                }),
                // A record that cannot be read is listed, never dropped.
                _ => batch.unread.push(Unread {
                    place: item.place(several),
                    name: item.name.clone(),
                    problems: errors,
                }),
            }
        }
    }
    batch
}
