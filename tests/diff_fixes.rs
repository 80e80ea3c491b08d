//! `jidi diff` and `jidi compare` on hand-made revisions of the shipped policy: each test is one
//! defect of issue 17 — a change the diff missed, or a non-change it reported — with a snapshot.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // tests fail by panicking

use std::path::{Path, PathBuf};
use std::process::Output;

mod common;
use common::{jidi, root};

const POLICY: &str = "policies/sichuan-2023-draft.jidi";

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A copy of the shipped policy with each `(from, to)` replaced once, beside its calendar.
fn revision(dir: &Path, edits: &[(&str, &str)]) -> PathBuf {
    std::fs::create_dir_all(dir.join("calendar")).unwrap();
    std::fs::copy(
        root().join("policies/calendar/cn-workdays.toml"),
        dir.join("calendar/cn-workdays.toml"),
    )
    .unwrap();
    let mut text = std::fs::read_to_string(root().join(POLICY)).unwrap();
    for (from, to) in edits {
        assert!(text.contains(from), "the policy has no {from:?}");
        text = text.replacen(from, to, 1);
    }
    let path = dir.join("revised.jidi");
    std::fs::write(&path, text).unwrap();
    let check = jidi(&["check", path.to_str().unwrap()]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    path
}

fn diff(edits: &[(&str, &str)]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let new = revision(dir.path(), edits);
    let o = jidi(&["diff", POLICY, new.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    stdout(&o)
}

/// 附件 指标1: "工业互联网、数据中心、大数据等新兴领域" read to include 软件和信息服务 lowers the
/// threshold for those parks to 100 亿元 — a park flips, so the diff must say so.
#[test]
fn a_set_that_gains_a_member_is_a_difference() {
    let out = diff(&[(
        "set 新兴领域 = { 工业互联网, 数据中心, 大数据 }",
        "set 新兴领域 = { 工业互联网, 数据中心, 大数据, 软件和信息服务 }",
    )]);
    assert!(out.contains("新兴领域 · members"), "{out}");
    assert!(
        out.contains("产业聚集区营业收入 · case 示范基地 when 细分领域 in 新兴领域"),
        "{out}"
    );
    insta::assert_snapshot!(out);
}

/// A new value of 细分领域 and a new special indicator bound to it (附件 特色指标): both shown,
/// the indicator with its `applies when`.
#[test]
fn enum_values_and_the_applies_when_of_added_indicators_are_shown() {
    let out = diff(&[
        (
            "enum 细分领域 { 工业互联网, 数据中心, 大数据, 软件和信息服务 }",
            "enum 细分领域 { 工业互联网, 数据中心, 大数据, 软件和信息服务, 人工智能 }",
        ),
        (
            "  // 数据中心 — 特色指标15–20",
            "  indicator 算力规模 = 定性评价[\"算力规模\"] {\n    cite \"附件 特色指标21\"\n    group 特色指标\n    nature qualitative\n    quote \"人工智能算力规模\"\n    applies when 细分领域 == 人工智能\n    all constraint == 达标\n  }\n  // 数据中心 — 特色指标15–20",
        ),
    ]);
    assert!(out.contains("人工智能"), "{out}");
    assert!(out.contains("applies when 细分领域 == 人工智能"), "{out}");
    insta::assert_snapshot!(out);
}

/// Comments inside a veto (第九条), a yes/no criterion (附件 特色指标17) and a lifecycle rule
/// (第二十四条) change nothing.
#[test]
fn comments_inside_rules_are_not_differences() {
    let out = diff(&[
        (
            "e.类型 == 生产安全事故 and e.级别 in { 重大, 特别重大 } and e.日期 within 3 years before 申报日期",
            "e.类型 == 生产安全事故 // the accident kinds of 第九条\n      and e.级别 in { 重大, /* 重大 and above */ 特别重大 } and e.日期 within 3 years before 申报日期",
        ),
        (
            "绿色等级 in { \"4A\", \"5A\" } or 国家绿色数据中心;",
            "绿色等级 in { \"4A\", \"5A\" } /* 4A级以上 */ or 国家绿色数据中心;  // or on the national list",
        ),
        (
            "transition 督查问题未按期整改 from 有效 to 已撤销 on e in 事件 where e.类型 == 督查问题 at",
            "transition 督查问题未按期整改 from 有效 to 已撤销 on e in 事件 where e.类型 == 督查问题 /* 第二十四条(二) */ at",
        ),
    ]);
    assert_eq!(out, "no differences in meaning\n0 differences\n");
}

/// A veto's window (第九条 近三年 → 近两年) is one difference, labelled as the veto's test, not as
/// a threshold of each tier.
#[test]
fn a_veto_change_is_one_test_difference() {
    let out = diff(&[(
        "e.类型 == 生产安全事故 and e.级别 in { 重大, 特别重大 } and e.日期 within 3 years before 申报日期",
        "e.类型 == 生产安全事故 and e.级别 in { 重大, 特别重大 } and e.日期 within 2 years before 申报日期",
    )]);
    assert!(!out.contains("threshold"), "{out}");
    assert_eq!(out.matches("重大生产安全事故 · test:").count(), 1, "{out}");
    insta::assert_snapshot!(out);
}

/// A derived value is shown as written, with its spaces.
#[test]
fn derived_values_keep_their_spaces() {
    let out = diff(&[
        (
            "// ------------------------------------------------------------------ 第二条 to 第四条",
            "let 地均收入 = 营业收入 / 工业用地面积 as 万元/公顷\n// ------------------------------------------------------------------ 第二条 to 第四条",
        ),
        (
            "let 最近星级 = max a in 评价 where a.年度 == 最近评价年度: a.星级",
            "let 最近星级 = max a in 评价 where a.年度 == 最近评价年度 and a.星级 >= 1: a.星级",
        ),
    ]);
    assert!(
        out.contains("营业收入 / 工业用地面积 as 万元/公顷"),
        "{out}"
    );
    assert!(
        out.contains("max a in 评价 where a.年度 == 最近评价年度 and a.星级 >= 1: a.星级"),
        "{out}"
    );
    insta::assert_snapshot!(out);
}

/// Rule text keeps its brackets: `(a or b) and (c or d)` is not shown as `a or b) and (c or d`.
#[test]
fn rule_text_keeps_its_brackets() {
    let out = diff(&[(
        "condition 申报范围 for 产业基地 = 欠发达县域",
        "condition 申报范围 for 产业基地 = (欠发达县域 or 国家级示范基地) and (批准机关级别 == 省 or 批准机关级别 == 市州)",
    )]);
    assert!(
        out.contains(
            "(欠发达县域 or 国家级示范基地) and (批准机关级别 == 省 or 批准机关级别 == 市州)"
        ),
        "{out}"
    );
    insta::assert_snapshot!(out);
}

/// 附件 指标11 企业上云率 made a constraint for 示范基地: the park of example 01 fails it as before,
/// but is no longer eligible — compare must say that the kind changed.
#[test]
fn compare_names_a_change_of_kind() {
    let dir = tempfile::tempdir().unwrap();
    let new = revision(
        dir.path(),
        &[("示范基地 guidance >= 100 %", "示范基地 constraint >= 100 %")],
    );
    let o = jidi(&[
        "compare",
        POLICY,
        new.to_str().unwrap(),
        "examples/01-成都电子信息示范.json",
    ]);
    let out = stdout(&o);
    assert!(
        out.contains("企业上云率: fail (guidance) → fail (constraint)"),
        "{out}"
    );
    insta::assert_snapshot!(out.replace(&dir.path().display().to_string(), "TMP"));
}
