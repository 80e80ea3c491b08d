//! The compiled program gives the tree interpreter's trace: on generated corpora of every shipped
//! policy (examples included), with unknown fields, events, map entries in another order and a
//! repeated map key, every rule's status, figure, case, checks (figures, thresholds, margins,
//! bounds), notes, triggers, the verdict and the further decisions are the same.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // tests fail by panicking

use jidi::corpus::{self, Options};
use jidi::eval::Trace;
use jidi::value::{Record, Value};
use std::sync::Arc;

fn policies() -> Vec<(String, jidi::check::Policy)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in ["policies", "policies/examples"] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "jidi"))
            .collect();
        paths.sort();
        for path in paths {
            let source = jidi::Source::read(&path).unwrap();
            let policy = jidi::check::check(&source).policy;
            let policy = policy.expect("every shipped policy checks");
            out.push((path.display().to_string(), policy));
        }
    }
    out
}

fn records(policy: &jidi::check::Policy, options: &Options) -> Vec<Record> {
    let mut text = Vec::new();
    corpus::write(policy, options, &mut text).unwrap();
    let src = jidi::Source::new("corpus.ndjson", String::from_utf8(text).unwrap());
    jidi::data::load_source(policy, &src)
        .into_iter()
        .filter_map(|l| l.record)
        .collect()
}

/// The record with every map's entries in reverse order, and with its first key repeated in
/// front with another value (the first entry with a key is the one read).
fn variants(record: &Record) -> Vec<Record> {
    let mut reversed = record.clone();
    let mut repeated = record.clone();
    for (r, p) in reversed.values.iter_mut().zip(repeated.values.iter_mut()) {
        if let Value::Map(entries) = r {
            let mut rev: Vec<(Arc<str>, Value)> = entries.to_vec();
            rev.reverse();
            *r = Value::Map(Arc::from(rev));
        }
        if let Value::Map(entries) = p {
            let mut rep: Vec<(Arc<str>, Value)> = entries.to_vec();
            if let Some((k, _)) = rep.first().cloned() {
                rep.insert(0, (k, Value::Unknown));
            }
            *p = Value::Map(Arc::from(rep));
        }
    }
    vec![reversed, repeated]
}

fn assert_same(name: &str, at: usize, compiled: &Trace, tree: &Trace) {
    let what = |w: &str| format!("{name}, record {at}: {w} differs");
    assert_eq!(compiled.tier, tree.tier, "{}", what("the tier"));
    assert_eq!(compiled.rules, tree.rules, "{}", what("a rule"));
    assert_eq!(compiled.checks, tree.checks, "{}", what("a check"));
    assert_eq!(compiled.verdict, tree.verdict, "{}", what("the verdict"));
    assert_eq!(compiled.decisions, tree.decisions, "{}", what("a decision"));
}

#[test]
fn compiled_traces_equal_the_interpreters_on_every_shipped_policy() {
    let corpora = [
        Options {
            seed: 16,
            count: 1500,
            malformed_share: 0.0,
            missing_share: 0.0,
            ..Options::default()
        },
        Options {
            seed: 17,
            count: 1500,
            malformed_share: 0.0,
            missing_share: 0.1,
            ..Options::default()
        },
        Options {
            seed: 18,
            count: 800,
            malformed_share: 0.0,
            missing_share: 0.35,
            list_len: Some(3),
        },
    ];
    let mut judged = 0;
    for (name, policy) in policies() {
        // One trace reused across records, as a batch does, against a fresh one each time.
        let mut compiled = Trace::new();
        for options in &corpora {
            for (at, record) in records(&policy, options).iter().enumerate() {
                for r in std::iter::once(record.clone()).chain(variants(record)) {
                    let mut tree = Trace::new();
                    policy.trace(&r, &mut compiled);
                    policy.trace_interpreted(&r, &mut tree);
                    assert_same(&name, at, &compiled, &tree);
                    judged += 1;
                }
            }
        }
    }
    assert!(judged > 30_000, "only {judged} records judged");
}
