//! Policy versions: the semantic diff, the comparison of outcomes, and policy test files.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // tests fail by panicking

use jidi::policytest::{discover, run_case, uncovered, unreached, TestFile};
use jidi::{check, Source};
use std::path::{Path, PathBuf};

mod common;
use common::{jidi, root, stdout};

const POLICY: &str = "policies/sichuan-2023-draft.jidi";

/// Copies the calendar the shipped policy names, so a copy of the policy in `dir` finds it.
fn with_calendar(dir: &Path) {
    std::fs::create_dir_all(dir.join("calendar")).unwrap();
    std::fs::copy(
        root().join("policies/calendar/cn-workdays.toml"),
        dir.join("calendar/cn-workdays.toml"),
    )
    .unwrap();
}

/// A copy of the shipped policy and its test file with 附件 指标3 for 示范基地 lowered to 3500.
fn revised(dir: &Path) -> PathBuf {
    with_calendar(dir);
    let text = std::fs::read_to_string(root().join(POLICY)).unwrap();
    let edited = text.replace(
        "示范基地 constraint >= 4000 万元/公顷",
        "示范基地 constraint >= 3500 万元/公顷",
    );
    assert_ne!(text, edited);
    let tests = std::fs::read_to_string(root().join("policies/sichuan-2023-draft.test.yaml"))
        .unwrap()
        .replace("../examples/", &format!("{}/examples/", root().display()));
    std::fs::write(dir.join("sichuan-2023-draft.test.yaml"), tests).unwrap();
    let path = dir.join("sichuan-2023-draft.jidi");
    std::fs::write(&path, edited).unwrap();
    path
}

#[test]
fn every_shipped_policy_passes_its_test_file_and_every_article_is_covered() {
    let files = discover(&[root().join("policies")]);
    assert!(files.len() >= 2, "{files:?}");
    for path in files {
        let file = TestFile::read(&path).unwrap();
        let text = std::fs::read_to_string(&file.policy_path).unwrap();
        let policy = check::check(&Source::new(file.policy_path.display().to_string(), text))
            .policy
            .expect("the policy checks");
        let mut outcomes = Vec::new();
        for case in &file.cases {
            let outcome = run_case(&policy, case, jidi::i18n::Lang::En);
            assert!(
                outcome.failures.is_empty(),
                "{}: {}: {:#?}",
                path.display(),
                outcome.name,
                outcome.failures
            );
            outcomes.push(outcome);
        }
        // A file with timeline cases takes every transition and term of its lifecycle somewhere.
        assert_eq!(
            unreached(&policy, &outcomes, &file.cases),
            Vec::<String>::new(),
            "{}",
            path.display()
        );
        assert_eq!(
            uncovered(&policy, &file.cases),
            Vec::<String>::new(),
            "{}",
            path.display()
        );
    }
}

#[test]
fn a_threshold_edit_is_exactly_one_difference_with_its_article() {
    let dir = tempfile::tempdir().unwrap();
    let new = revised(dir.path());
    let o = jidi(&["diff", POLICY, new.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        "附件 指标3\n  工业用地地均收入 · threshold 示范基地: ≥ 4000 万元/公顷  →  ≥ 3500 万元/公顷\n1 differences\n"
    );
    let o = jidi(&["diff", "--format", "json", POLICY, new.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["article"], "附件 指标3");
}

#[test]
fn layout_and_comments_are_not_differences() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join(POLICY)).unwrap();
    let relaid = format!(
        "// a new comment\n{}",
        text.replace("  ", "    ").replace(" // ", "\n// ")
    );
    with_calendar(dir.path());
    let path = dir.path().join("relaid.jidi");
    std::fs::write(&path, relaid).unwrap();
    let o = jidi(&["diff", POLICY, path.to_str().unwrap()]);
    assert_eq!(stdout(&o), "no differences in meaning\n0 differences\n");
}

#[test]
fn compare_lists_exactly_the_parks_that_flip_and_why() {
    let dir = tempfile::tempdir().unwrap();
    let new = revised(dir.path());
    let o = jidi(&[
        "compare",
        "--fail-on-change",
        POLICY,
        new.to_str().unwrap(),
        "examples/",
    ]);
    assert_eq!(
        o.status.code(),
        Some(3),
        "--fail-on-change gives 3 when outcomes change"
    );
    insta::assert_snapshot!("compare_threshold_edit", stdout(&o));
    let o = jidi(&["compare", "--fail-on-change", POLICY, POLICY, "examples/"]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn policy_tests_fail_with_an_explanation_until_the_expectation_is_updated() {
    let dir = tempfile::tempdir().unwrap();
    revised(dir.path());
    let o = jidi(&["test", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(3));
    let out = stdout(&o);
    assert!(
        out.contains("FAIL  附件 指标3 3800 万元/公顷 低于 4000"),
        "{out}"
    );
    assert!(out.contains(
        "rule `工业用地地均收入`: expected fail, got pass — 3800 万元/公顷 vs ≥ 3500 万元/公顷, margin +300 万元/公顷"
    ));
    assert!(out.contains("66 passed, 1 failed"), "{out}");
}

#[test]
fn the_2015_measure_against_the_2023_draft() {
    let o = jidi(&["diff", "policies/sichuan-2015.jidi", POLICY]);
    let out = stdout(&o);
    // 200 万元/亩 against 4000 万元/公顷, compared after conversion (1 公顷 = 15 亩).
    assert!(out.contains(
        "工业用地地均收入 · threshold 示范基地: ≥ 200 万元/亩  →  ≥ 4000 万元/公顷 (= 266.666667 万元/亩)"
    ), "{out}");
    assert!(
        out.contains("主导产业方面的省级以上创新平台数量 · threshold 示范基地: ≥ 2 家  →  ≥ 5 家")
    );
    insta::assert_snapshot!("diff_2015_2023", out);
    let o = jidi(&[
        "compare",
        "policies/sichuan-2015.jidi",
        POLICY,
        "examples/03-德阳装备制造示范-地均收入不足.json",
    ]);
    let out = stdout(&o);
    assert!(
        out.contains("附件 指标3 工业用地地均收入: pass → fail"),
        "{out}"
    );
    assert!(
        out.contains("before: 253.333333 万元/亩 vs ≥ 200 万元/亩"),
        "{out}"
    );
}

#[test]
fn records_a_version_cannot_read_are_reported_not_dropped() {
    let o = jidi(&[
        "compare",
        "policies/sichuan-2015.jidi",
        POLICY,
        "examples/02-凉山先进材料产业.json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("the old version (policies/sichuan-2015.jidi) cannot read this record"),
        "{out}"
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("`产业基地` is not a tier of this policy"));
}

#[test]
fn the_keyword_language_is_not_a_difference() {
    let o = jidi(&["diff", POLICY, "policies/sichuan-2023-draft.zh.jidi"]);
    assert_eq!(stdout(&o), "no differences in meaning\n0 differences\n");
}

#[test]
fn diff_and_compare_speak_chinese_and_their_json_does_not() {
    let old = "policies/sichuan-2015.jidi";
    let o = jidi(&["--lang", "zh", "diff", old, POLICY]);
    let out = stdout(&o);
    assert!(
        out.contains("工业用地地均收入 · 示范基地门槛：≥ 200 万元/亩  →  ≥ 4000 万元/公顷（= 266.666667 万元/亩）"),
        "{out}"
    );
    // The policy's code in the reader's keywords; its strings quoted as it writes them.
    assert!(
        out.contains("转换 公告授牌 自 公示中 至 有效 于 认定日期 当 旧办法认定 != 是"),
        "{out}"
    );
    insta::assert_snapshot!("diff_2015_2023_zh", out);
    let json = |lang: &str| {
        stdout(&jidi(&[
            "--lang", lang, "diff", "--format", "json", old, POLICY,
        ]))
    };
    assert_eq!(json("zh"), json("en"));
    let dir = tempfile::tempdir().unwrap();
    let new = revised(dir.path());
    let o = jidi(&[
        "--lang",
        "zh",
        "compare",
        POLICY,
        new.to_str().unwrap(),
        "examples/",
    ]);
    insta::assert_snapshot!("compare_threshold_edit_zh", stdout(&o));
}
