//! `jidi test` on cases that fail every kind of assertion (verdict, rules, figures, decisions,
//! stars, timelines, rounds) and on malformed test files: every line in the language asked for,
//! snapshotted in both, with the exit statuses of a failing case (3) and an unreadable file (1).
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // tests fail by panicking

mod common;
use common::{jidi_command, stderr, stdout};

/// `jidi --lang LANG test FILES`: its exit status, then stdout and stderr.
fn test(lang: &str, files: &[&str]) -> (Option<i32>, String) {
    let o = jidi_command()
        .args(["--lang", lang, "test"])
        .args(files.iter().map(|f| format!("tests/data/policytest/{f}")))
        .output()
        .unwrap();
    (o.status.code(), format!("{}{}", stdout(&o), stderr(&o)))
}

#[test]
fn failing_cases_are_explained_in_the_language_asked_for() {
    for lang in ["en", "zh"] {
        let (code, out) = test(lang, &["failing.test.yaml", "round.test.yaml"]);
        assert_eq!(code, Some(3), "{out}");
        insta::assert_snapshot!(format!("failing_cases_{lang}"), out);
    }
}

#[test]
fn a_malformed_test_file_is_named_with_its_fault() {
    for lang in ["en", "zh"] {
        let (code, out) = test(lang, &["malformed.test.yaml", "unknown-key.test.yaml"]);
        assert_eq!(code, Some(1), "{out}");
        insta::assert_snapshot!(format!("malformed_files_{lang}"), out);
    }
}
