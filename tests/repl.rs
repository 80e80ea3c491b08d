#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]
//! Scripted `jidi repl` sessions piped to the binary: what-if, undo, sweep, save, errors.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;

mod common;

const POLICY: &str = "policies/sichuan-2023-draft.jidi";

/// Runs a script through `jidi repl --echo ARGS`, stdout and stderr into one stream in order.
fn session_with(args: &[&str], script: &str) -> (String, i32) {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("out.txt");
    let out = std::fs::File::create(&out_path).unwrap();
    let err = out.try_clone().unwrap();
    let mut child = common::jidi_command()
        .arg("repl")
        .arg("--echo")
        .args(args)
        .env("JIDI_HISTORY", dir.path().join("history"))
        .stdin(Stdio::piped())
        .stdout(Stdio::from(out))
        .stderr(Stdio::from(err))
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    let status = child.wait().unwrap();
    let text = std::fs::read_to_string(&out_path).unwrap();
    (text, status.code().unwrap_or(-1))
}

fn session(script: &str) -> (String, i32) {
    let (out, code) = session_with(&[POLICY, "examples/"], script);
    (scrub(&out), code)
}

/// Replaces the digits that follow `marker` with `N`, so snapshots survive edits elsewhere in
/// the shipped policy (line numbers, rule and warning counts).
fn scrub_after(text: &str, marker: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(marker) {
        let (head, tail) = rest.split_at(i + marker.len());
        out.push_str(head);
        let digits = tail.len() - tail.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 {
            out.push('N');
        }
        rest = &tail[digits..];
    }
    out.push_str(rest);
    out
}

fn scrub(text: &str) -> String {
    let mut t = scrub_after(text, " on line ");
    t = scrub_after(&t, "sichuan-2023-draft.jidi:");
    t = scrub_after(&t, "ok — ");
    t = scrub_after(&t, "tiers; ");
    t
}

fn jidi(args: &[&str]) -> (String, String, i32) {
    let out = common::jidi(args);
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn what_if_lists_the_parks_that_flip_and_undo_restores_them() {
    let (out, code) = session(
        "eval\n\
         threshold 工业用地地均收入 示范基地 = 3500 万元/公顷\n\
         threshold 工业用地地均收入 产业基地 = 3000\n\
         overrides\n\
         undo 2\n\
         undo\n\
         overrides\n",
    );
    assert_eq!(code, 0, "{out}");
    // 德阳 (3800 万元/公顷) passes at 3500; 巴中 (2827.6) fails at 3000.
    assert!(out.contains("#3 德阳旌东重型装备产业园 [示范基地]  not_eligible → eligible"));
    assert!(out.contains("#13 巴中秦巴山珍食品产业园 [产业基地]  eligible → not_eligible"));
    insta::assert_snapshot!("what_if_and_undo", out);
}

#[test]
fn cases_checks_and_tiers_are_chosen_explicitly() {
    let (out, code) = session(
        "threshold 产业聚集区营业收入 示范基地 = 150 亿元\n\
         threshold 产业聚集区营业收入 示范基地 case else = 150 亿元\n\
         threshold 产业聚集区营业收入 示范基地 case \"细分领域 in 新兴领域\" = 110\n\
         threshold 网络基础支撑能力 = 20 %\n\
         threshold 网络基础支撑能力 check 3 = 65 %\n\
         threshold 主导产业营业收入占产业集聚区营业收入比重 = 65 %\n\
         reset\n",
    );
    assert_eq!(code, 1, "two commands ask which case or check: {out}");
    insta::assert_snapshot!("cases_checks_tiers", out);
}

#[test]
fn sweep_counts_eligible_parks_per_value() {
    let (out, code) = session(
        "sweep 工业用地地均收入 示范基地 from 3000 to 5000 step 250\n\
         sweep 工业用地地均收入 all from 2000 万元/公顷 to 0.5 亿元/公顷 count 4\n",
    );
    assert_eq!(code, 0, "{out}");
    insta::assert_snapshot!("sweep", out);
}

#[test]
fn sweep_agrees_with_judging_at_each_value() {
    // The sweep's shortcut (judge each park twice) must give what overriding gives.
    let mut script = String::from("sweep 工业用地地均收入 示范基地 from 3600 to 4800 step 200\n");
    for v in (3600..=4800).step_by(200) {
        script.push_str(&format!(
            "threshold 工业用地地均收入 示范基地 = {v}\neval\nreset\n"
        ));
    }
    let (out, code) = session(&script);
    assert_eq!(code, 0, "{out}");
    let sweep_rows: Vec<(u32, u32)> = out
        .lines()
        .filter_map(|l| {
            let mut parts = l.split_whitespace();
            let v: u32 = parts.next()?.parse().ok()?;
            let n: u32 = parts.find(|p| p.parse::<u32>().is_ok())?.parse().ok()?;
            Some((v, n))
        })
        .collect();
    let lines: Vec<&str> = out.lines().collect();
    let evals: Vec<u32> = lines
        .windows(2)
        .filter(|w| w[0] == "17 records")
        .map(|w| w[1])
        .filter_map(|l| {
            l.trim_start_matches("  示范基地: eligible ")
                .split(',')
                .next()?
                .parse()
                .ok()
        })
        .collect();
    assert_eq!(sweep_rows.len(), 7, "{out}");
    let from_sweep: Vec<u32> = sweep_rows.iter().map(|(_, n)| *n).collect();
    assert_eq!(from_sweep, evals, "{out}");
}

#[test]
fn saved_what_if_is_a_policy_check_and_eval_accept() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("draft.jidi");
    let script = format!(
        "threshold 工业用地地均收入 示范基地 = 3500 万元/公顷\n\
         threshold 主导产业营业收入占产业集聚区营业收入比重 示范基地 = 60 %\n\
         save {0}\n\
         undo\n\
         threshold 主导产业营业收入占产业集聚区营业收入比重 all = 55 %\n\
         figure #11 工业用地面积 = 1000 公顷\n\
         save {0}\n",
        draft.display()
    );
    let (out, code) = session(&script);
    assert_eq!(code, 1, "the first save is refused: {out}");
    let shown = out.replace(&draft.display().to_string(), "[DRAFT]");
    insta::assert_snapshot!("save", shown);

    let text = std::fs::read_to_string(&draft).unwrap();
    assert!(
        text.contains("示范基地 constraint >= 3500 万元/公顷 /* what-if: was 4000 万元/公顷 */")
    );
    assert!(text.contains("all constraint >= 55 % /* what-if: was 50 % */"));

    let (stdout, stderr, code) = jidi(&["check", draft.to_str().unwrap()]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains(": ok"), "{stdout}");
    let (stdout, stderr, code) = jidi(&["eval", draft.to_str().unwrap(), "examples/"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.contains("✔ eligible      德阳旌东重型装备产业园"),
        "{stdout}"
    );
}

#[test]
fn errors_are_diagnostics_and_the_session_goes_on() {
    let (out, code) = session(
        "frobnicate\n\
         threshold 工业用地均收入 示范基地 = 3500 万元/公顷\n\
         threshold 工业用地地均收入 示范 = 3500 万元/公顷\n\
         threshold 工业用地地均收入 示范基地 = 3500 公顷\n\
         threshold 工业用地地均收入 示范基地 = 营业收入\n\
         threshold 申报范围 = 1\n\
         calc #99 营业收入\n\
         calc #3 营业收入 +\n\
         where 营业收入\n\
         undo\n\
         sweep 工业用地地均收入 示范基地 from 3000 to 2000 step -1\n\
         eval #3\n",
    );
    assert_eq!(code, 1);
    assert!(
        out.contains("✘ not_eligible  德阳旌东重型装备产业园"),
        "{out}"
    );
    insta::assert_snapshot!("errors", out);
}

#[test]
fn counterfactuals_and_nearest_thresholds() {
    let (out, code) = session(
        "lacks #3\n\
         lacks 内江\n\
         lacks #12\n\
         lacks #11\n\
         lacks #1\n\
         nearest 工业用地地均收入 within 10%\n\
         nearest 产业聚集区营业收入\n",
    );
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("or 营业收入 380 亿元 → 400 亿元 (+20 亿元)"),
        "{out}"
    );
    assert!(
        out.contains("or 工业用地面积 1000 公顷 → 950 公顷 (−50 公顷)"),
        "{out}"
    );
    insta::assert_snapshot!("lacks_nearest", out);
}

#[test]
fn expressions_conditions_and_definitions() {
    let (out, code) = session(
        "calc #3 营业收入 / 工业用地面积 as 万元/公顷\n\
         calc #11 营业收入 / 工业用地面积\n\
         where 营业收入 >= 300 亿元 and not 欠发达县域\n\
         where 细分领域 in 新兴领域\n\
         where any e in 事件: (e.类型 == 生产安全事故\n\
           and e.级别 in {重大, 特别重大})\n\
         show 工业用地地均收入\n\
         show 营业收入\n\
         parks\n",
    );
    assert_eq!(code, 0, "{out}");
    insta::assert_snapshot!("calc_where_show", out);
}

const MINI: &str = r#"measure "A small measure" { version "1" effective 2024-01-01 }
unit 元
unit 万元 = 10000 元
unit 公顷
tier 甲
input 名称: name
input 申报类型: tier
input 收入: 万元 range 0..
input 面积: 公顷 range 0..
let 基准 = 100 万元
article 第一条 {
  quote "收入不低于基准，地均收入不低于 2 万元/公顷。"
  indicator 收入规模 = 收入 {
    甲 constraint >= 基准
  }
  indicator 地均 = 收入 / 面积 {
    甲 constraint >= 2 万元/公顷
  }
}
decision {
  not_eligible when any constraint is fail
  undetermined when any constraint is unknown
  otherwise eligible
}
"#;

fn mini(dir: &Path) -> PathBuf {
    let policy = dir.join("mini.jidi");
    std::fs::write(&policy, MINI).unwrap();
    std::fs::write(
        dir.join("parks.ndjson"),
        "{\"名称\": \"东园\", \"申报类型\": \"甲\", \"收入\": 120, \"面积\": 50}\n\
         {\"名称\": \"西园\", \"申报类型\": \"甲\", \"收入\": 90, \"面积\": 30}\n",
    )
    .unwrap();
    policy
}

#[test]
fn a_let_value_can_be_overridden_and_saved() {
    let dir = tempfile::tempdir().unwrap();
    let policy = mini(dir.path());
    let records = dir.path().join("parks.ndjson");
    let draft = dir.path().join("draft.jidi");
    let (out, code) = session_with(
        &[policy.to_str().unwrap(), records.to_str().unwrap()],
        &format!(
            "let 基准 = 80 万元\n\
             let 基准 = 0.02 亿元\n\
             let 基准 = 1000000 元\n\
             show 基准\n\
             save {}\n",
            draft.display()
        ),
    );
    assert_eq!(code, 1, "亿元 is not declared: {out}");
    let shown = out
        .replace(&draft.display().to_string(), "[DRAFT]")
        .replace(&policy.display().to_string(), "[POLICY]")
        .replace(&records.display().to_string(), "[RECORDS]");
    insta::assert_snapshot!("let_override", shown);
    let text = std::fs::read_to_string(&draft).unwrap();
    assert!(
        text.contains("let 基准 = 100 万元 /* what-if: was 100 万元 */"),
        "{text}"
    );
    let (stdout, stderr, code) = jidi(&["check", draft.to_str().unwrap()]);
    assert_eq!(code, 0, "{stdout}{stderr}");
}

#[test]
fn piped_output_is_the_same_without_echo() {
    let script = "threshold 工业用地地均收入 示范基地 = 3500 万元/公顷\nsweep 工业用地地均收入 示范基地 from 3500 to 4000 count 3\nfoo\n";
    let (echoed, _) = session(script);
    let out = common::jidi_command()
        .args(["repl", POLICY, "examples/"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            c.stdin.take().unwrap().write_all(script.as_bytes())?;
            c.wait_with_output()
        })
        .unwrap();
    let plain = String::from_utf8_lossy(&out.stdout);
    let without_echo: String = echoed
        .lines()
        .filter(|l| !l.starts_with("» "))
        .filter(|l| !String::from_utf8_lossy(&out.stderr).contains(l.trim()) || l.trim().is_empty())
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(
        without_echo.starts_with(plain.trim_end()),
        "{plain}\n---\n{without_echo}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown command `foo`"));
    assert_eq!(out.status.code(), Some(1));
}

/// Issue 14: the national 2021 call's quotas (推荐数量: at most 3 per province, of the 优势 series
/// at most 1), judged over the loaded records as one round and again after every what-if.
/// By hand from the records: 江苏省 has five eligible bases on their own (苏州 3200, 无锡 2600
/// 优势, 常州 2100 优势, 南通 1500, 徐州 1200 亿元); the series rule cuts 常州, the quota of 3
/// keeps 苏州, 无锡, 南通 and cuts 徐州. 浙江省 has four (宁波 1800, 杭州 1300, and two at 1100
/// split by name): one is cut. 河南省 ranks 郑州 900, 洛阳 700, 许昌 600 and 新乡 of unknown
/// scale, which could displace 许昌 only: 许昌 and 新乡 are left open. 贵州省's 贵阳 makes it.
#[test]
fn the_repl_judges_the_round_and_rejudges_it_after_each_what_if() {
    let (out, code) = session_with(
        &[
            "policies/examples/national-2021.jidi",
            "policies/examples/national-2021/records/",
        ],
        "eval\n\
         explain 徐州\n\
         figure 苏州 重大事故 = true\n\
         eval\n\
         explain 徐州\n\
         figure 新乡 主导产业规模 = 800\n\
         eval\n\
         explain 许昌\n",
    );
    assert_eq!(code, 0, "{out}");
    let steps: Vec<&str> = out.split("» ").collect();
    let step = |n: usize| steps.get(n).copied().unwrap_or_default();
    // As loaded: 9 made the cut, 常州, 徐州 and one 嘉兴 cut, 许昌 and 新乡 open.
    assert!(
        step(1).contains("eligible 9, not_eligible 5, undetermined 2"),
        "{out}"
    );
    assert!(
        step(1).contains("round: 9 made the cut, 3 cut, 2 left open"),
        "{out}"
    );
    assert!(step(2).contains("✘ not_eligible  徐州经开区"), "{out}");
    assert!(
        step(2).contains("round cut by 推荐数量 每省限额; on its own: eligible"),
        "{out}"
    );
    assert!(
        step(2).contains("round 推荐数量 每省限额: cut — rank 4 of 4 in 江苏省, which keeps 3"),
        "{out}"
    );
    // 苏州 vetoed: it leaves its place to 徐州, which the round alone turns eligible.
    assert!(step(3).contains("2 parks change verdict"), "{out}");
    assert!(
        step(3).contains("#1 苏州工业园区 [示范基地]  eligible → not_eligible"),
        "{out}"
    );
    assert!(
        step(3).contains("#5 徐州经开区 [示范基地]  not_eligible → eligible"),
        "{out}"
    );
    assert!(
        step(3).contains(
            "#5 徐州经开区 [示范基地]  not_eligible → eligible\n      round 推荐数量 每省限额: made the cut — rank 3 of 3 in 江苏省, which keeps 3\n"
        ),
        "{out}"
    );
    assert!(
        step(4).contains("round: 9 made the cut, 2 cut, 2 left open"),
        "{out}"
    );
    assert!(
        step(5).contains(
            "round 推荐数量 每省限额: made the cut — rank 3 of 3 in 江苏省, which keeps 3"
        ),
        "{out}"
    );
    // 新乡 at 800 亿元 ranks second in 河南省 (900, 800, 700, 600): 许昌 is cut, 新乡 made it.
    assert!(
        step(6).contains("#13 许昌经开区 [示范基地]  undetermined → not_eligible"),
        "{out}"
    );
    assert!(
        step(6).contains("#14 新乡经开区 [示范基地]  undetermined → eligible"),
        "{out}"
    );
    assert!(
        step(7).contains("round: 10 made the cut, 3 cut, 0 left open"),
        "{out}"
    );
    assert!(
        step(8).contains("round 推荐数量 每省限额: cut — rank 4 of 4 in 河南省, which keeps 3"),
        "{out}"
    );
}

/// A sweep under the national 2021 quotas counts the verdicts after the round at each value. By
/// hand, with 主导产业规模 ≥ 1000 亿元 in every region: 江苏省 keeps 3 of its 5 eligible bases
/// (苏州, 无锡, 南通), 浙江省 3 of 4, 河南省 none (all below 1000, 新乡 unknown), 贵州省's 贵阳
/// is waived: 7 (10 on their own). At 1150: 江苏省 still 3 (徐州 1200 is cut), 浙江省 宁波 and
/// 杭州, 贵阳: 6 (8 on their own).
#[test]
fn a_sweep_under_round_rules_counts_the_verdicts_after_the_round() {
    let (out, code) = session_with(
        &[
            "policies/examples/national-2021.jidi",
            "policies/examples/national-2021/records/",
        ],
        "sweep 主导产业规模 from 1000 to 1150 step 150\n",
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("1000      7 "), "{out}");
    assert!(out.contains("1150      6 "), "{out}");
}

/// Runs a script through `jidi --lang zh repl --echo POLICY examples/`.
fn session_zh(script: &str) -> (String, i32) {
    let (out, code) = session_with_lang("zh", script);
    (scrub_after(&out, "sichuan-2023-draft.jidi:"), code)
}

fn session_with_lang(lang: &str, script: &str) -> (String, i32) {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("out.txt");
    let out = std::fs::File::create(&out_path).unwrap();
    let err = out.try_clone().unwrap();
    let mut child = common::jidi_command()
        .args(["--lang", lang, "repl", "--echo", POLICY, "examples/"])
        .env("JIDI_HISTORY", dir.path().join("history"))
        .stdin(Stdio::piped())
        .stdout(Stdio::from(out))
        .stderr(Stdio::from(err))
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    let status = child.wait().unwrap();
    let text = std::fs::read_to_string(&out_path).unwrap();
    (text, status.code().unwrap_or(-1))
}

#[test]
fn replies_are_chinese_under_lang_zh() {
    let (out, code) = session_zh(
        "help\nhelp threshold\nthreshold 工业用地地均收入 示范基地 = 3600\nfigure #1 营业收入 = unknown\n\
         overrides\nsweep 工业用地地均收入 示范基地 from 3000 to 5000 count 5\nlacks #7\nlacks #11\n\
         nearest within 1%\nshow 营业收入\ncalc #2 营业收入\ncalc #2 营业收入 / 0\n\
         where 营业收入 >= 300 亿元\nundo\nreset\nundo\nno such verb\nthreshold 工业用地地均收入 all = 3700\nquit\n",
    );
    assert_eq!(
        code, 1,
        "the unknown command and the empty undo fail the script"
    );
    assert!(out.contains("1 个园区的结论改变："), "{out}");
    assert!(
        out.contains("警告：1 项阈值或派生值的假设调整尚未保存"),
        "{out}"
    );
    insta::assert_snapshot!("replies_zh", out);
}
