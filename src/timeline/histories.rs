//! A file of base histories on a date: each record checked against the lifecycle's `require`
//! rules, then given its timeline. The one path `jidi timeline` and `jidi serve` share.

use super::BaseTimeline;
use crate::check::ir::Policy;
use crate::data::{locate, Loaded};
use crate::diag::catalogue::{history_require, record};
use crate::diag::Diagnostic;
use crate::source::Span;
use chrono::NaiveDate;

/// One base history as read and judged.
#[derive(Debug, Clone)]
pub struct Judged {
    /// `file` or `file#3`.
    pub place: String,
    /// What reading it found, and every `require` rule it breaks.
    pub diagnostics: Vec<Diagnostic>,
    /// `None` when the record could not be read or breaks a `require` rule.
    pub timeline: Option<BaseTimeline>,
}

/// Judges the records of one file on `as_of`. `view` is the policy's
/// [`Policy::history_view`].
pub fn judge_file(view: &Policy, loaded: Vec<Loaded>, as_of: NaiveDate) -> Vec<Judged> {
    let several = loaded.len() > 1;
    loaded
        .into_iter()
        .map(|item| judge_one(view, item, several, as_of))
        .collect()
}

fn judge_one(view: &Policy, item: Loaded, several: bool, as_of: NaiveDate) -> Judged {
    let mut diagnostics = item.diagnostics.clone();
    if let Some(record) = &item.record {
        let who = crate::data::who(item.index, item.name.as_deref());
        for v in view.violations(record) {
            let text = item.source.text();
            let span = locate::field(text, Span::new(0, text.len()), &v.field);
            let d = match &v.article {
                Some(a) => history_require::breaks_in(who.clone(), &v.field, &v.text, a),
                None => history_require::breaks(who.clone(), &v.field, &v.text),
            };
            diagnostics.push(
                d.label(span, record::this_field())
                    .help(history_require::correct_history())
                    .in_source(&item.source),
            );
        }
    }
    let refused = diagnostics.iter().any(Diagnostic::is_error);
    let timeline = item
        .record
        .as_ref()
        .filter(|_| !refused)
        .and_then(|record| view.timeline(record, as_of));
    Judged {
        place: item.place(several),
        diagnostics,
        timeline,
    }
}
