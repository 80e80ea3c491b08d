//! Named decisions in `jidi test` and `jidi compare`, on Beijing's 两业融合 measure
//! (tests/data/decisions): the title by 第八条 and, separately, funding by 第三条 "对获得过其他市级
//! 财政资金支持的项目不再予以资金支持".
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::{jidi, root, stdout};

const DIR: &str = "tests/data/decisions";

/// A test file beside nothing: its policy named by absolute path, its cases as given.
fn test_file(cases: &str) -> tempfile::NamedTempFile {
    let file = tempfile::Builder::new()
        .suffix(".test.yaml")
        .tempfile()
        .unwrap();
    let policy = root().join(DIR).join("beijing.jidi");
    let text = format!(
        "policy: {}\nbase: {{ 名称: 甲园区, 申报类型: 示范园区, 年营业收入: 120, 先进制造营业收入占比: 40, 现代服务营业收入占比: 35, 获得过其他市级财政资金支持: false }}\ncases:\n{cases}",
        policy.display()
    );
    std::fs::write(file.path(), text).unwrap();
    file
}

/// The shipped cases assert both decisions, and pass.
#[test]
fn test_cases_assert_each_named_decision() {
    let o = jidi(&["test", &format!("{DIR}/beijing.test.yaml")]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("3 passed, 0 failed"));
    assert!(!stdout(&o).contains("no case asserts the decision"));
}

/// 第三条: a park already funded by the city gets no funding — a case expecting otherwise fails
/// and says which decision, in the run's language; a decision the policy lacks is named.
#[test]
fn a_wrong_decision_fails_the_case_and_says_which() {
    let file = test_file(
        "  - name: 第三条 已获其他市级资金\n    with: { 获得过其他市级财政资金支持: true }\n    verdict: eligible\n    decisions: { 资金支持: eligible, 贷款贴息: eligible }\n",
    );
    let path = file.path().to_str().unwrap();
    let o = jidi(&["test", "--lang", "en", path]);
    assert_eq!(o.status.code(), Some(3), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(
        out.contains("decision `资金支持`: expected eligible, got not_eligible"),
        "{out}"
    );
    assert!(
        out.contains("decision `贷款贴息`: the policy has no such decision"),
        "{out}"
    );
    let o = jidi(&["test", "--lang", "zh", path]);
    let out = stdout(&o);
    assert!(
        out.contains("判定 `资金支持`：应为 符合，实际为 不符合"),
        "{out}"
    );
    assert!(
        out.contains("判定 `贷款贴息`：政策文件中没有该判定"),
        "{out}"
    );
}

/// Coverage counts decisions: a file asserting none is told so, and `--coverage` lists the
/// verdicts of 资金支持 no case asserts.
#[test]
fn coverage_counts_the_named_decisions() {
    let file = test_file(
        "  - name: 第八条 认定\n    verdict: eligible\n    rules: { 年营业收入: pass }\n",
    );
    let path = file.path().to_str().unwrap();
    let o = jidi(&["test", "--lang", "en", path]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("note: no case asserts the decision 资金支持"),
        "{}",
        stdout(&o)
    );
    let o = jidi(&["test", "--lang", "zh", path]);
    assert!(
        stdout(&o).contains("注：没有用例断言判定 资金支持"),
        "{}",
        stdout(&o)
    );
    // The shipped file asserts eligible, not_eligible and undetermined of 资金支持: none missing.
    let o = jidi(&[
        "test",
        "--coverage",
        "--format",
        "json",
        &format!("{DIR}/beijing.test.yaml"),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["decisions"], serde_json::json!([]), "{v:#}");
    let o = jidi(&["test", "--coverage", "--format", "json", path]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["decisions"][0]["decision"], "资金支持");
    assert_eq!(v["decisions"][0]["article"], "第三条");
    assert_eq!(
        v["decisions"][0]["missing"],
        serde_json::json!(["eligible", "not_eligible", "undetermined"])
    );
}

/// The revision raises 第八条's revenue threshold from 100 to 150 亿元: 甲园区 (120 亿元) loses the
/// title, and with it 第三条's funding. `compare` counts the records whose 资金支持 changed.
#[test]
fn compare_counts_records_whose_named_decisions_changed() {
    let args = |lang: &str, format: &str| {
        jidi(&[
            "compare",
            "--lang",
            lang,
            "--format",
            format,
            &format!("{DIR}/beijing.jidi"),
            &format!("{DIR}/beijing-revised.jidi"),
            &format!("{DIR}/records.json"),
        ])
    };
    for lang in ["en", "zh"] {
        let o = args(lang, "table");
        assert_eq!(o.status.code(), Some(0));
        insta::assert_snapshot!(format!("compare_decisions_{lang}"), stdout(&o));
    }
    let v: serde_json::Value = serde_json::from_slice(&args("en", "json").stdout).unwrap();
    assert_eq!(v["totals"]["decisions"], serde_json::json!({"资金支持": 1}));
    assert_eq!(
        v["changes"][0]["decisions"],
        serde_json::json!([{"name": "资金支持", "old": "eligible", "new": "not_eligible"}])
    );
    // 乙园区 (200 亿元, already funded) and 丙园区 (80 亿元) are judged alike by both.
    assert_eq!(v["changes"].as_array().unwrap().len(), 1);
}
