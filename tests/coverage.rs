//! `jidi test --coverage`: every shipped test file asserts every outcome (pass, fail, unknown) of
//! every rule, tier and `when` case that some record can give; a file that leaves one out is told
//! which, in the JSON shape of issue 17. Telling impossible outcomes apart needs Debian's `z3`
//! (installed on CI by `scripts/ci-setup.sh`).
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // tests fail by panicking

use jidi::coverage::coverage;
use jidi::policytest::{discover, TestFile};
use jidi::verify::Options;
use jidi::{check, Source};
use std::process::Command;

mod common;
use common::root;

/// A generous bound per question: CI shares its two cores.
fn patient() -> Options {
    Options {
        timeout: std::time::Duration::from_secs(120),
        ..Options::default()
    }
}

fn solver_present() -> bool {
    let found = Command::new(std::env::var("JIDI_Z3").unwrap_or_else(|_| "z3".into()))
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "z3 is missing on CI: scripts/ci-setup.sh installs it"
        );
        eprintln!("notice: z3 is not installed (apt-get install z3): solver test skipped");
    }
    found
}

#[test]
fn every_shipped_test_file_covers_every_outcome() {
    if !solver_present() {
        return;
    }
    let files = discover(&[root().join("policies")]);
    assert!(files.len() >= 3, "{files:?}");
    for path in files {
        let file = TestFile::read(&path).unwrap();
        let text = std::fs::read_to_string(&file.policy_path).unwrap();
        let policy = check::check(&Source::new(file.policy_path.display().to_string(), text))
            .policy
            .unwrap();
        let c = coverage(&policy, &file.cases, Some(&patient()));
        assert!(c.note.is_none(), "{}: {:?}", path.display(), c.note);
        assert!(
            c.uncovered.is_empty(),
            "{}: {:#?}",
            path.display(),
            c.uncovered
        );
    }
}

/// 附件 特色指标15: a centre under 300 racks falls to `else => 设计标准机架数 >= 300 架`, which can
/// only fail — its pass and unknown are proved impossible, not asked of tests.
#[test]
fn impossible_outcomes_are_told_apart() {
    if !solver_present() {
        return;
    }
    let path = root().join("policies/sichuan-2023-draft.test.yaml");
    let file = TestFile::read(&path).unwrap();
    let text = std::fs::read_to_string(&file.policy_path).unwrap();
    let policy = check::check(&Source::new(file.policy_path.display().to_string(), text))
        .policy
        .unwrap();
    let c = coverage(&policy, &file.cases, Some(&patient()));
    let impossible: Vec<String> = c
        .unreachable
        .iter()
        .map(|e| format!("{} {} {:?} {:?}", e.rule, e.tier, e.case, e.missing))
        .collect();
    assert_eq!(
        impossible,
        [
            "规模利用率 示范基地 Some(\"else\") [\"pass\", \"unknown\"]",
            "规模利用率 产业基地 Some(\"else\") [\"pass\", \"unknown\"]"
        ]
    );
}

/// A test file of the 2015 policy with only its first case: the JSON names each rule, its article
/// and the outcomes missing.
#[test]
fn the_json_lists_what_no_case_asserts() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("policies/sichuan-2015.test.yaml")).unwrap();
    let first_case_end = text.find("  - name: 2015 示范基地 四项条件均达到").unwrap();
    let cut = text[..first_case_end]
        .replace(
            "policy: sichuan-2015.jidi",
            &format!("policy: {}/policies/sichuan-2015.jidi", root().display()),
        )
        .replace("../examples/", &format!("{}/examples/", root().display()));
    let file = dir.path().join("short.test.yaml");
    std::fs::write(&file, cut).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_jidi"))
        .env("LC_ALL", "C")
        .args([
            "test",
            "--coverage",
            "--format",
            "json",
            file.to_str().unwrap(),
        ])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let uncovered = v["uncovered"].as_array().unwrap();
    let entry = uncovered
        .iter()
        .find(|e| e["rule"] == "单位土地平均投资强度")
        .unwrap();
    assert_eq!(entry["article"], "2015 示范基地条件一");
    assert_eq!(entry["tier"], "示范基地");
    assert_eq!(entry["missing"], serde_json::json!(["pass", "fail"]));
    let patents = uncovered
        .iter()
        .find(|e| e["rule"] == "专利数量较多")
        .unwrap();
    assert_eq!(
        patents["missing"],
        serde_json::json!(["pass", "fail", "unknown"])
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("1 passed, 0 failed"));
}
