//! `jidi check --analyze`: the shipped policy has no dead rule, gap or dead transition; a copy with
//! each kind planted gets each one found, located at its rule. Needs Debian's `z3` (installed on
//! CI by `scripts/ci-setup.sh`).
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // tests fail by panicking

use jidi::verify::{analyze, Options};
use jidi::{check, Source};
use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

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

fn shipped() -> String {
    std::fs::read_to_string(root().join("policies/sichuan-2023-draft.jidi")).unwrap()
}

/// The analysis of a policy text (placed beside the shipped one, so its calendar is found), as
/// `code: message (line)` lines.
fn findings(text: &str) -> Vec<String> {
    let path = root().join("policies/sichuan-2023-draft.jidi");
    let policy = check::check(&Source::new(path.display().to_string(), text.to_string()))
        .policy
        .expect("the policy checks");
    analyze(&policy, &patient())
        .iter()
        .map(|d| {
            let line = d
                .labels
                .first()
                .map(|(s, _)| policy.source.line_col(s.start).0)
                .unwrap_or(0);
            format!("{}: {} (line {line})", d.code, d.message.en())
        })
        .collect()
}

#[test]
fn the_shipped_policy_has_no_finding() {
    if !solver_present() {
        return;
    }
    assert_eq!(findings(&shipped()), Vec::<String>::new());
}

/// One of each: 附件 指标1 with its `else` replaced by an overlapping case (a gap for parks of no
/// emerging field, an overlap on 大数据); 第二十三条 made contradictory (never passes); a 第九条 veto
/// asking for two levels at once (never triggers); 附件 指标4 at 0 % (never fails); a 第二十三条
/// transition whose `when` contradicts itself (never fires).
#[test]
fn planted_gaps_and_dead_rules_are_found() {
    if !solver_present() {
        return;
    }
    let mut text = shipped();
    for (from, to) in [
        (
            "      when 细分领域 in 新兴领域 => >= 100 亿元\n      else => >= 200 亿元",
            "      when 细分领域 in 新兴领域 => >= 100 亿元\n      when 细分领域 in { 软件和信息服务, 大数据 } => >= 150 亿元",
        ),
        (
            "condition 未获国家级称号 = not 国家级示范基地",
            "condition 未获国家级称号 = not 国家级示范基地 and 国家级示范基地",
        ),
        (
            "e.级别 == 严重 and e.日期 within 3 years before 申报日期",
            "e.级别 == 严重 and e.级别 == 一般 and e.日期 within 3 years before 申报日期",
        ),
        ("all guidance >= 1 %", "all guidance >= 0 %"),
        (
            "transition 获批国家级示范基地 from 有效 to 移出省级管理 on 国家级示范基地日期",
            "transition 获批国家级示范基地 from 有效 to 移出省级管理 on 国家级示范基地日期 when 旧办法认定 == true and 旧办法认定 == false",
        ),
    ] {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
    }
    let found = findings(&text);
    for code in [
        "jidi::analyze::case_gap",
        "jidi::analyze::case_overlap",
        "jidi::analyze::never_passes",
        "jidi::analyze::veto_never_triggers",
        "jidi::analyze::never_fails",
        "jidi::analyze::transition_never_fires",
    ] {
        assert!(
            found.iter().any(|f| f.starts_with(code)),
            "{code} not found in {found:#?}"
        );
    }
    insta::assert_snapshot!(found.join("\n"));
}

/// A case that no record reaches (数据中心 is already in 新兴领域) is named.
#[test]
fn a_shadowed_case_is_never_taken() {
    if !solver_present() {
        return;
    }
    let text = shipped().replacen(
        "      when 细分领域 in 新兴领域 => >= 100 亿元\n",
        "      when 细分领域 in 新兴领域 => >= 100 亿元\n      when 细分领域 == 数据中心 => >= 150 亿元\n",
        1,
    );
    let found = findings(&text);
    assert!(
        found
            .iter()
            .any(|f| f.starts_with("jidi::analyze::case_never_taken")
                && f.contains("when 细分领域 == 数据中心")),
        "{found:#?}"
    );
}
