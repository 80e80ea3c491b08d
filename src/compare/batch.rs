//! Two versions over the same record files: the records judged differently, the totals per tier,
//! and the records a version cannot read. The one path `jidi compare` and `jidi serve` share.

use super::outcomes::{self, RecordChange, Totals};
use crate::check::ir::Policy;
use crate::data::Loaded;
use crate::i18n::Lang;
use crate::value::Record;
use serde_json::{json, Value as Json};

/// A record one version cannot read.
#[derive(Debug, Clone, PartialEq)]
pub struct Unreadable {
    /// `file` or `file#3`.
    pub record: String,
    /// `old` or `new`.
    pub version: &'static str,
    /// The version's policy, as it was named.
    pub policy: String,
}

/// What two versions decide over a batch of record files.
#[derive(Debug, Clone, Default)]
pub struct Comparison {
    pub changes: Vec<RecordChange>,
    pub totals: Totals,
    pub unreadable: Vec<Unreadable>,
}

/// A version of a policy and the name it is shown under (its path).
pub type Version<'a> = (&'a Policy, &'a str);

impl Comparison {
    /// Adds the records of one file, as each version read them; with round rules the file is
    /// one round. The rules' details are in `lang`.
    pub fn add_file(
        &mut self,
        old: Version<'_>,
        new: Version<'_>,
        olds: &[Loaded],
        news: &[Loaded],
        lang: Lang,
    ) {
        self.add_files(old, new, &[(olds, news)], lang);
    }

    /// Adds the records of several files, as each version read them, judged as one batch: with
    /// round rules the batch is one round, so a record's round outcome can change though its own
    /// judgement does not. The rules' details are in `lang`.
    pub fn add_files(
        &mut self,
        old: Version<'_>,
        new: Version<'_>,
        files: &[(&[Loaded], &[Loaded])],
        lang: Lang,
    ) {
        let judge = |p: &Policy, old_side: bool| {
            let records: Vec<&Record> = files
                .iter()
                .flat_map(|&(o, n)| if old_side { o } else { n })
                .filter_map(|l| l.record.as_ref())
                .collect();
            p.judge_batch(&records).into_iter()
        };
        let mut old_judged = judge(old.0, true);
        let mut new_judged = judge(new.0, false);
        for (olds, news) in files {
            let several = olds.len().max(news.len()) > 1;
            for (o, n) in olds.iter().zip(news.iter()) {
                let place = n.place(several);
                let oj = o.record.as_ref().and_then(|_| old_judged.next());
                let nj = n.record.as_ref().and_then(|_| new_judged.next());
                for (version, loaded, (_, label)) in [("old", o, old), ("new", n, new)] {
                    if loaded.record.is_none() {
                        self.unreadable.push(Unreadable {
                            record: place.clone(),
                            version,
                            policy: label.to_string(),
                        });
                    }
                }
                let before = oj.as_ref().map(|j| (old.0, j));
                let after = nj.as_ref().map(|j| (new.0, j));
                // A record a version rejects is counted as rejected by that version.
                self.totals.add(before, after);
                if let Some(c) = outcomes::compare(&place, before, after, lang) {
                    self.changes.push(c);
                }
            }
        }
    }

    /// The comparison as JSON: `changes`, `totals` and `unreadable`.
    pub fn json(&self) -> Json {
        json!({
            "changes": self.changes,
            "totals": self.totals,
            "unreadable": self
                .unreadable
                .iter()
                .map(|u| json!({"record": u.record, "version": u.version, "policy": u.policy}))
                .collect::<Vec<_>>(),
        })
    }

    /// What `jidi compare --format json` prints.
    pub fn document(&self) -> String {
        let mut out = serde_json::to_string_pretty(&self.json()).unwrap_or_default();
        out.push('\n');
        out
    }
}
