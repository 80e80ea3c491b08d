//! The panel report from records as read: each readable record judged, each unreadable one listed
//! with its errors — the one path `jidi report` and `jidi serve` share.

use super::html::{Batch, Park, Unread};
use crate::check::ir::Policy;
use crate::data::Loaded;

/// The batch of a report over the records of several files (one list per file).
pub fn batch(policy: &Policy, files: &[Vec<Loaded>]) -> Batch {
    let mut batch = Batch::default();
    for loaded in files {
        let several = loaded.len() > 1;
        for item in loaded {
            let errors: Vec<String> = item
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(|d| d.message.clone())
                .collect();
            match &item.record {
                Some(record) => batch.parks.push(Park {
                    place: item.place(several),
                    judgement: policy.judge(record),
                }),
                // A record that cannot be read is listed, never dropped.
                None => batch.unread.push(Unread {
                    place: item.place(several),
                    name: item.name.clone(),
                    problems: errors,
                }),
            }
        }
    }
    batch
}
