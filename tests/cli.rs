//! The `jidi` binary as a user runs it: exit statuses, output formats, and batches with bad records.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // tests fail by panicking

use std::process::Command;

mod common;
use common::{jidi, root, stderr, stdout};

const POLICY: &str = "policies/sichuan-2023-draft.jidi";

#[test]
fn check_of_the_shipped_policy_succeeds_with_exit_0() {
    let o = jidi(&["check", POLICY]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("ok — 48 rules (41 indicators), 2 tiers"));
    let err = stderr(&o);
    assert!(err.contains("jidi::effective_unset"));
    assert!(err.contains("☞ 近三年 [第九条]"));
}

#[test]
fn eval_of_the_examples_matches_the_verdicts_the_measure_gives() {
    let o = jidi(&["eval", "--format", "json", POLICY, "examples/"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let results: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON output");
    let verdicts: Vec<(String, String)> = results
        .as_array()
        .expect("an array")
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap().to_string(),
                r["verdict"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    insta::assert_debug_snapshot!("example_verdicts", verdicts);
}

#[test]
fn json_output_follows_the_records_spec() {
    let o = jidi(&[
        "eval",
        "--format",
        "json",
        POLICY,
        "examples/03-德阳装备制造示范-地均收入不足.json",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let record = &v[0];
    assert_eq!(record["name"], "德阳旌东重型装备产业园");
    assert_eq!(record["tier"], "示范基地");
    assert_eq!(record["verdict"], "not_eligible");
    let row3 = record["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["article"] == "附件 指标3")
        .expect("annex row 3 is reported");
    assert_eq!(row3["name"], "工业用地地均收入");
    assert_eq!(row3["kind"], "constraint");
    assert_eq!(row3["status"], "fail");
    assert_eq!(row3["figure"], "3800 万元/公顷");
    assert_eq!(row3["threshold"], "≥ 4000 万元/公顷");
    assert_eq!(row3["margin"], "-200 万元/公顷");
    for i in record["indicators"].as_array().unwrap() {
        for key in ["name", "kind", "status", "article"] {
            assert!(i[key].is_string(), "{key} missing in {i}");
        }
        let status = i["status"].as_str().unwrap();
        assert!(["pass", "fail", "unknown", "not_applicable"].contains(&status));
    }
    insta::assert_json_snapshot!("json_not_eligible_row3", v);
}

#[test]
fn ndjson_output_is_one_line_per_record_in_input_order() {
    let o = jidi(&[
        "eval",
        "--format",
        "ndjson",
        POLICY,
        "examples/batch.ndjson",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let names: Vec<String> = stdout(&o)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["name"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        names,
        [
            "广元清溪绿色食品产业园",
            "攀枝花金沙钒钛新材料产业园",
            "资阳临空医药健康产业园"
        ]
    );
}

#[test]
fn the_table_explains_failures_with_article_figure_threshold_and_margin() {
    let o = jidi(&["eval", POLICY, "examples/"]);
    assert_eq!(o.status.code(), Some(0));
    insta::assert_snapshot!("table_examples", stdout(&o));
}

#[test]
fn explain_lists_every_rule_of_a_record() {
    let o = jidi(&[
        "explain",
        POLICY,
        "examples/07-内江数据中心示范-中小型负荷不足.json",
    ]);
    assert_eq!(o.status.code(), Some(0));
    insta::assert_snapshot!("explain_small_data_centre", stdout(&o));
}

/// 第十条's binding by region (tests/data/binding): each row says which binding applied, under
/// which article, and why; the region unknown leaves it open. In both languages.
#[test]
fn explain_shows_the_binding_by_field_that_applied() {
    for lang in ["en", "zh"] {
        let o = jidi(&[
            "explain",
            "--lang",
            lang,
            "tests/data/binding/policy.jidi",
            "tests/data/binding/records.json",
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        insta::assert_snapshot!(format!("explain_binding_{lang}"), stdout(&o));
    }
    // NDJSON streams the same names as JSON.
    let o = jidi(&[
        "eval",
        "--format",
        "ndjson",
        "tests/data/binding/policy.jidi",
        "tests/data/binding/records.json",
    ]);
    insta::assert_snapshot!("ndjson_binding", stdout(&o));
    // The verifier does not model it: it says so by name, never a silent answer.
    let o = jidi(&["check", "--analyze", "tests/data/binding/policy.jidi"]);
    assert!(
        stderr(&o).contains("the encoder does not model a binding by field"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn no_colour_when_not_a_terminal() {
    let o = Command::new(env!("CARGO_BIN_EXE_jidi"))
        .env("LC_ALL", "C")
        .args(["eval", POLICY, "examples/"])
        .current_dir(root())
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert!(!stdout(&o).contains('\u{1b}'));
}

#[test]
fn a_batch_with_bad_records_reports_each_and_evaluates_the_rest() {
    let o = jidi(&[
        "eval",
        "--format",
        "ndjson",
        POLICY,
        "tests/data/mixed.ndjson",
    ]);
    assert_eq!(o.status.code(), Some(1), "input errors give exit status 1");
    let out = stdout(&o);
    let err = stderr(&o);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // records.md: every record stands at its place, a rejected one with its errors.
    let verdicts: Vec<(&str, &str)> = lines
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap_or("-"),
                r["verdict"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        verdicts,
        [
            ("好园区", "undetermined"),
            ("坏类型", "rejected"),
            ("坏枚举", "rejected"),
            ("-", "rejected"),
            ("坏日期", "rejected"),
            ("另一个好园区", "undetermined"),
        ]
    );
    assert_eq!(lines[3]["source"], "tests/data/mixed.ndjson#4");
    assert_eq!(lines[1]["errors"][0]["code"], "jidi::record::type");
    assert_eq!(lines[1]["errors"][0]["field"], "营业收入");
    let codes = [
        "jidi::record::type",
        "jidi::record::unknown_value",
        "jidi::record::syntax",
    ];
    for code in codes {
        assert!(err.contains(code), "{code} missing from:\n{err}");
    }
    assert_eq!(
        err.matches("  × ").count(),
        4,
        "each rejected record is reported:\n{err}"
    );
    assert!(err.contains("record 2 (坏类型), field 营业收入"));
    assert!(err.contains("record 3 (坏枚举), field 批准机关级别"));
    assert!(err.contains("line 4 is not valid JSON"));
    assert!(err.contains("record 5 (坏日期), field 申报日期"));
}

#[test]
fn a_broken_policy_gives_exit_1_and_every_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.jidi");
    let text = std::fs::read_to_string(root().join(POLICY))
        .unwrap()
        .replace(
            "示范基地 constraint >= 4000 万元/公顷",
            "示范基地 constraint >= 4000 万元/公倾",
        )
        .replace(
            "all constraint > 所在地省外资金增速",
            "all constraint > 所在地省外资金增长",
        );
    std::fs::write(&path, text).unwrap();
    let o = jidi(&["check", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("jidi::undefined_unit"), "{err}");
    assert!(err.contains("did you mean `公顷`?"), "{err}");
    assert!(err.contains("jidi::undefined_name"), "{err}");
    assert!(err.contains("did you mean `所在地省外资金增速`?"), "{err}");
}

#[test]
fn usage_errors_give_exit_2() {
    assert_eq!(jidi(&["eval"]).status.code(), Some(2));
    assert_eq!(jidi(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(jidi(&["--help"]).status.code(), Some(0));
}

#[test]
fn a_missing_policy_file_is_an_input_error() {
    let o = jidi(&["check", "no/such/policy.jidi"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("cannot read policy"));
}

/// A policy with an error: `check` draws the error and counts the policy's assumptions in one
/// line instead of drawing all of them; `--verbose` draws them; `--lang zh` counts in Chinese.
#[test]
fn check_with_errors_counts_the_assumptions_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join(POLICY)).unwrap();
    let bad = dir.path().join("bad.jidi");
    std::fs::write(&bad, format!("{text}\nlet 坏值 = 不存在的名字\n")).unwrap();
    let bad = bad.to_str().unwrap();

    let o = jidi(&["check", bad]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("jidi::undefined_name"), "{err}");
    assert!(!err.contains("jidi::assumption"), "{err}");
    assert!(
        err.contains("the policy states 23 assumptions where the measure is silent or ambiguous"),
        "{err}"
    );

    let verbose = stderr(&jidi(&["check", "--verbose", bad]));
    assert!(verbose.contains("jidi::assumption"), "{verbose}");

    let zh = stderr(&jidi(&["--lang", "zh", "check", bad]));
    assert!(zh.contains("未知名称 `不存在的名字`"), "{zh}");
    assert!(zh.contains("声明了 23 项假设"), "{zh}");
}

/// Under `--lang zh` clap's usage errors are Chinese, exit 2, and name what was typed as code;
/// English stays clap's own.
#[test]
fn usage_errors_are_chinese_under_lang_zh() {
    let cases: &[&[&str]] = &[
        &["eval", "--explian", "p.jidi", "r.json"],
        &["evl"],
        &["eval", "--format", "xml", "p.jidi", "r.json"],
        &["timeline", "--as-of", "2026-13-01", "p.jidi", "h/"],
        &["check"],
    ];
    let mut shown = String::new();
    for args in cases {
        let mut all = vec!["--lang", "zh"];
        all.extend_from_slice(args);
        let o = jidi(&all);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        shown.push_str(&format!("$ jidi {}\n{}\n", all.join(" "), stderr(&o)));
    }
    insta::assert_snapshot!("usage_errors_zh", shown);
    let o = jidi(&["--lang", "en", "eval", "--explian", "p.jidi", "r.json"]);
    assert!(stderr(&o).contains("unexpected argument '--explian' found"));
}
