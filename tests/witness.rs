//! `jidi diff OLD NEW --witness` on hand-made revisions of the shipped policy: a raised threshold
//! narrows 示范基地 with old-only witnesses that flip; the keyword-language rewrite is equivalent;
//! a widened set widens it with a new-only witness. Every witness is evaluated again here, with
//! `jidi eval`, under both versions. These tests need Debian's `z3`; `scripts/ci-setup.sh`
//! installs it on CI, where its absence fails them.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // tests fail by panicking

use serde_json::Value as Json;
use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::{jidi, jidi_command, root};

const POLICY: &str = "policies/sichuan-2023-draft.jidi";

/// Whether the solver is here; on CI it must be.
pub fn solver_present() -> bool {
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
    path
}

fn witness_report(old: &str, new: &str) -> Json {
    // A generous bound per question: CI shares its two cores.
    let o = jidi(&[
        "diff",
        "--witness",
        "--timeout",
        "120",
        "--format",
        "json",
        old,
        new,
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}

fn relation<'a>(report: &'a Json, tier: &str) -> &'a str {
    report["tiers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["tier"] == tier && t.get("case").is_none())
        .and_then(|t| t["relation"].as_str())
        .unwrap()
}

/// The verdict `jidi eval` gives a record file under a policy.
fn eval_verdict(policy: &Path, record: &Json, dir: &Path) -> String {
    let file = dir.join("witness.json");
    std::fs::write(&file, record.to_string()).unwrap();
    let o = jidi(&[
        "eval",
        "--format",
        "json",
        policy.to_str().unwrap(),
        file.to_str().unwrap(),
    ]);
    let v: Json = serde_json::from_slice(&o.stdout).unwrap();
    v[0]["verdict"].as_str().unwrap().to_string()
}

/// Every witness flips under the two versions exactly as its direction says.
fn witnesses_flip(report: &Json, old: &Path, new: &Path, dir: &Path) -> usize {
    let ws = report["witnesses"].as_array().unwrap();
    for w in ws {
        let (vo, vn) = (
            eval_verdict(old, &w["record"], dir),
            eval_verdict(new, &w["record"], dir),
        );
        match w["direction"].as_str().unwrap() {
            "old_only" => assert!(vo == "eligible" && vn != "eligible", "{w}: {vo} {vn}"),
            _ => assert!(vn == "eligible" && vo != "eligible", "{w}: {vo} {vn}"),
        }
        assert_eq!(w["old"], vo.as_str());
        assert_eq!(w["new"], vn.as_str());
    }
    ws.len()
}

/// 附件 指标3 raised to 4500 万元/公顷 for 示范基地: some parks lose the title, none gains it; 产业基地
/// is untouched.
#[test]
fn a_raised_threshold_narrows_with_old_only_witnesses() {
    if !solver_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let new = revision(
        dir.path(),
        &[(
            "示范基地 constraint >= 4000 万元/公顷",
            "示范基地 constraint >= 4500 万元/公顷",
        )],
    );
    let report = witness_report(POLICY, new.to_str().unwrap());
    assert_eq!(relation(&report, "示范基地"), "narrower", "{report:#}");
    assert_eq!(relation(&report, "产业基地"), "equivalent", "{report:#}");
    let n = witnesses_flip(&report, &root().join(POLICY), &new, dir.path());
    assert!(n >= 1);
    assert!(report["witnesses"]
        .as_array()
        .unwrap()
        .iter()
        .all(|w| w["direction"] == "old_only" && w["tier"] == "示范基地"));
    assert_eq!(report["bounds"]["list_elements"], 3);
}

/// The Chinese-keyword file is the same policy: equivalent for both tiers, no witness.
#[test]
fn the_keyword_language_rewrite_is_equivalent() {
    if !solver_present() {
        return;
    }
    let report = witness_report(POLICY, "policies/sichuan-2023-draft.zh.jidi");
    assert_eq!(relation(&report, "示范基地"), "equivalent", "{report:#}");
    assert_eq!(relation(&report, "产业基地"), "equivalent", "{report:#}");
    assert_eq!(report["witnesses"].as_array().unwrap().len(), 0);
}

/// 新兴领域 widened with 软件和信息服务 (附件 指标1): a 软件和信息服务 park with 100–200 亿元 is newly
/// eligible; no park loses the title.
#[test]
fn a_widened_set_widens_with_a_new_only_witness() {
    if !solver_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let new = revision(
        dir.path(),
        &[(
            "set 新兴领域 = { 工业互联网, 数据中心, 大数据 }",
            "set 新兴领域 = { 工业互联网, 数据中心, 大数据, 软件和信息服务 }",
        )],
    );
    let report = witness_report(POLICY, new.to_str().unwrap());
    assert_eq!(relation(&report, "示范基地"), "wider", "{report:#}");
    assert_eq!(relation(&report, "产业基地"), "equivalent", "{report:#}");
    let case = report["tiers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["case"]["细分领域"] == "软件和信息服务")
        .unwrap();
    assert_eq!(case["relation"], "wider");
    let other = report["tiers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["case"]["细分领域"] == "数据中心")
        .unwrap();
    assert_eq!(other["relation"], "equivalent");
    witnesses_flip(&report, &root().join(POLICY), &new, dir.path());
    let w = &report["witnesses"][0];
    assert_eq!(w["direction"], "new_only");
    assert_eq!(w["record"]["细分领域"], "软件和信息服务");
    let revenue = w["record"]["营业收入"].as_f64().unwrap();
    assert!((100.0..200.0).contains(&revenue), "{w}");
}

/// Without the solver the answer is `unknown` with the reason, never a guess.
#[test]
fn without_a_solver_the_answer_is_unknown() {
    let o = jidi_command()
        .env("JIDI_Z3", "/nonexistent/z3")
        .args(["diff", "--witness", POLICY, POLICY])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("示范基地: unknown — no solver: cannot start `/nonexistent/z3`"),
        "{out}"
    );
    assert!(out.contains("产业基地: unknown — no solver"), "{out}");
}

/// Without the solver each command that asks it says why in the language asked for: `diff
/// --witness` on each tier, `check --analyze` as a warning, `test --coverage` as a note — and
/// JSON keeps the English.
#[test]
fn the_no_solver_reason_is_in_the_language_asked_for() {
    let run = |lang: &str, args: &[&str]| {
        let o = jidi_command()
            .env("JIDI_Z3", "/nonexistent/z3")
            .arg("--lang")
            .arg(lang)
            .args(args)
            .output()
            .unwrap();
        format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    };
    // Diagnostics wrap long lines (in Chinese, between any two characters): compared without
    // spaces and the wrapped lines' margin.
    let squash = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace() && *c != '│')
            .collect::<String>()
    };
    let has = |out: &str, want: &str| squash(out).contains(&squash(want));
    let en = "no solver: cannot start `/nonexistent/z3` (No such file or directory (os error 2)); \
              install Debian's z3 package, or name the binary in JIDI_Z3";
    let zh = "没有求解器：无法启动 `/nonexistent/z3`（文件或目录不存在（系统信息：\
              “No such file or directory (os error 2)”））；请安装 Debian 的 z3 软件包，或用 JIDI_Z3 指定其路径";
    let diff = ["diff", "--witness", POLICY, POLICY];
    let analyze = ["check", "--analyze", POLICY];
    let coverage = [
        "test",
        "--coverage",
        "policies/sichuan-2023-draft.test.yaml",
    ];
    let out = run("en", &diff);
    assert!(has(&out, &format!("示范基地: unknown — {en}")), "{out}");
    let out = run("zh", &diff);
    assert!(has(&out, &format!("示范基地: 未知 — {zh}")), "{out}");
    let out = run("en", &analyze);
    assert!(
        has(&out, &format!("the rules were not analysed: {en}")),
        "{out}"
    );
    let out = run("zh", &analyze);
    assert!(has(&out, &format!("规则 未能分析：{zh}")), "{out}");
    let out = run("en", &coverage);
    assert!(has(&out, &format!("note: {en}")), "{out}");
    let out = run("zh", &coverage);
    assert!(has(&out, &format!("说明: {zh}")), "{out}");
    let json = run(
        "zh",
        &["diff", "--witness", "--format", "json", POLICY, POLICY],
    );
    let report: Json = serde_json::from_str(&json).unwrap();
    assert_eq!(report["tiers"][0]["reason"], en, "{json}");
}
