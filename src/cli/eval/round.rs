//! `jidi eval` of a policy with round rules (`quota`): a round is judged across its records, so
//! every record file is read first, the batch is judged as one round, and only then are the
//! records written, in input order, each with its round. Records that cannot be read take no
//! part in the round and are listed at their places as always.

use super::{line, Format, Out, Render, Writer};
use crate::cli::output;
use jidi::data::{self, Loaded};
use jidi::eval::Judgement;
use jidi::report;
use std::path::PathBuf;

/// Reads every file, judges the batch as one round, and writes each record with its round.
pub(super) fn judge(render: &Render<'_>, files: &[PathBuf], writer: &mut Writer<'_>) {
    let mut loaded: Vec<Vec<Loaded>> = Vec::with_capacity(files.len());
    for file in files {
        loaded.push(data::load_file(render.policy, file));
    }
    let records: Vec<_> = loaded
        .iter()
        .flatten()
        .filter_map(|item| item.record.as_ref())
        .collect();
    let mut judgements = render.policy.judge_batch(&records).into_iter();
    for items in &loaded {
        let several = items.len() > 1;
        for item in items {
            if output::stdout_failed() {
                return;
            }
            let mut out = Out::default();
            let judgement = item.record.as_ref().and_then(|_| judgements.next());
            render.judged(item, judgement, several, &mut out);
            writer.write(render.policy, out);
        }
    }
}

impl Render<'_> {
    /// Renders a record judged with its round into `out`; a record that could not be read is
    /// rendered as rejected, at its place.
    fn judged(&self, item: &Loaded, judgement: Option<Judgement>, several: bool, out: &mut Out) {
        self.diagnostics(item, out);
        let Some(j) = judgement else {
            self.rejected(item, several, out);
            return;
        };
        match self.format {
            Format::Table => self.table(item, j, several, out),
            Format::Json => {
                let mut json = report::json::judgement(self.policy, &j);
                if let (Some(t), serde_json::Value::Object(o)) =
                    (self.held_by(j.name.as_deref()), &mut json)
                {
                    o.insert("held".into(), report::timeline::held_json(t));
                }
                out.items.push(report::json::indented(&json).as_bytes());
            }
            Format::Ndjson => line(&report::json::judgement(self.policy, &j), &mut out.stdout),
            Format::Verdicts => {
                let source = report::source_name(item.source.name(), item.index);
                line(
                    &report::verdicts::judgement(self.policy, &j, &source),
                    &mut out.stdout,
                );
            }
        }
    }
}
