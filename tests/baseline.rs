//! The hand-written baseline of `benches/` agrees with jidi's verdict on every record of a corpus.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // tests fail by panicking

#[path = "../benches/baseline/mod.rs"]
mod baseline;

use jidi::corpus::{self, Options};

#[test]
fn the_baseline_agrees_with_jidi_on_every_record_of_a_corpus() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let source = jidi::Source::read(&root.join("policies/sichuan-2023-draft.jidi")).unwrap();
    let policy = jidi::check::check(&source).policy.unwrap();
    let base = baseline::Baseline::new(&policy);
    let mut seen = std::collections::HashMap::new();
    for options in [
        Options {
            seed: 11,
            count: 3000,
            ..Options::default()
        },
        Options {
            seed: 12,
            count: 1000,
            list_len: Some(4),
            missing_share: 0.05,
            ..Options::default()
        },
    ] {
        let mut text = Vec::new();
        corpus::write(&policy, &options, &mut text).unwrap();
        let src = jidi::Source::new("corpus.ndjson", String::from_utf8(text).unwrap());
        let mut trace = jidi::eval::Trace::new();
        for loaded in jidi::data::load_source(&policy, &src) {
            let Some(record) = &loaded.record else {
                continue;
            };
            policy.trace(record, &mut trace);
            let want = trace.verdict();
            assert_eq!(base.verdict(record), want, "record {}", loaded.index + 1);
            assert_eq!(policy.judge(record).verdict, want);
            *seen.entry(format!("{want:?}")).or_insert(0) += 1;
        }
    }
    // The corpus exercises every verdict.
    assert_eq!(seen.len(), 3, "{seen:?}");
}
