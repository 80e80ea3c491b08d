//! The lifecycle as a state machine: `jidi check`'s warnings about states and transitions (each
//! a way to report a wrong status without a word), snapshots of them, and the replay's semantics
//! for terms as measures write them — calendar years, renewal from the old end, late reviews —
//! tiers held by states, undetermined lists, and the measure's effective date known only by year.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic
)] // tests fail by panicking

use chrono::NaiveDate;
use jidi::check::{check, Policy};
use jidi::syntax::ast::BaseStatus;
use jidi::timeline::BaseTimeline;
use jidi::{data, Severity, Source};
use serde_json::{json, Value};

mod common;
use common::{jidi, root};

/// A small lifecycle-only policy that checks with no warnings; tests break it in one place. Its
/// articles are written for the tests, as a drafter would write such a measure.
const LIFE: &str = r#"measure "生命周期测试办法" {
  version "test"
  effective 2024-01-01
}

unit 元
unit 亿元 = 100000000 元

tier 示范基地
tier 培育基地

enum 复核结果 { 合格, 不合格 }
record 复核记录 {
  日期: date
  结果: 复核结果
}

lifecycle {
  input 名称: name
  input 认定日期: date
  input 复核: list of 复核记录
  input 降级日期: date optional
  input 事故日期: date optional
  input 本年产值: 亿元
  input 上年产值: 亿元

  state 认定前 is pending
  state 示范 is active holds 示范基地
  state 培育 is active holds 培育基地
  state 已撤销 is revoked
  state 已失效 is lapsed

  article 第一条 {
    quote "认定的基地有效期为三个自然年，期满前复核合格的，自期满次日起续期三个自然年；期满后六个月内完成复核的，视为按期复核。"
    transition 认定 from 认定前 to 示范 on 认定日期
    term 有效期 {
      length 3 calendar_years
      starts on 认定
      review r in 复核 on r.日期 passes when r.结果 == 合格
      renewal from end
      late review within 6 months
      failed => 已撤销
      expired => 已失效
    }
  }

  article 第二条 {
    quote "示范基地经评估不符合要求的，调整为培育基地。"
    transition 降级 from 示范 to 培育 on 降级日期
  }

  article 第三条 {
    quote "发生重大事故的，撤销称号。"
    transition 事故撤销 from 示范, 培育 to 已撤销 on 事故日期
  }

  article 第四条 {
    quote "本年产值较上年增长百分之十以上的，列入推荐名单。"
    list 推荐 = 本年产值 >= 上年产值 * 1.1
  }
}
"#;

fn replace(from: &str, to: &str) -> String {
    assert_eq!(LIFE.matches(from).count(), 1, "`{from}` must occur once");
    LIFE.replacen(from, to, 1)
}

/// The warnings and errors of a policy text (assumptions left out), codes and rendered.
fn diagnose(text: &str) -> (Vec<&'static str>, String) {
    let checked = check(&Source::new("policy.jidi", text));
    let shown: Vec<_> = checked
        .diagnostics
        .into_iter()
        .filter(|d| d.severity != Severity::Note)
        .collect();
    let codes = shown.iter().map(|d| d.code).collect();
    (
        codes,
        jidi::diag::render(&shown, jidi::i18n::Lang::En, false, 100),
    )
}

fn policy(text: &str) -> Policy {
    let checked = check(&Source::new("policy.jidi", text));
    checked
        .policy
        .unwrap_or_else(|| panic!("{:#?}", checked.diagnostics))
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn base() -> Value {
    json!({ "名称": "测试基地", "认定日期": "2024-03-01", "复核": [] })
}

fn with(mut v: Value, changes: Value) -> Value {
    for (k, x) in changes.as_object().unwrap() {
        v[k] = x.clone();
    }
    v
}

fn judge(policy: &Policy, record: &Value, as_of: &str) -> BaseTimeline {
    let view = policy.history_view().unwrap();
    let loaded = data::load_source(&view, &Source::new("h.json", record.to_string()));
    let rec = loaded[0].record.as_ref().expect("the history reads");
    view.timeline(rec, date(as_of)).unwrap()
}

fn moves(t: &BaseTimeline) -> Vec<&str> {
    t.history.iter().map(|s| s.rule.as_str()).collect()
}

// ------------------------------------------------------------------ jidi check

#[test]
fn the_test_policy_is_clean_and_needs_no_selection_part() {
    let (codes, rendered) = diagnose(LIFE);
    assert!(codes.is_empty(), "{rendered}");
    assert!(!policy(LIFE).selects());
}

#[test]
fn a_transition_shadowed_by_an_earlier_one_is_reported() {
    // The wrong copy of the Guangdong example: a failed assessment moves bases under warning from
    // 有效 and 预警 alike, written before the revocation on a second failure.
    let path = root().join("tests/data/lifecycle/guangdong-shadowed.jidi");
    let text = std::fs::read_to_string(&path).unwrap();
    let (codes, rendered) = diagnose(&text);
    assert_eq!(
        codes,
        ["jidi::unreachable_state", "jidi::shadowed_transition"],
        "{rendered}"
    );
    insta::assert_snapshot!("lifecycle_shadowed_transition", rendered);
    // The example it was copied from has no warning.
    let example =
        std::fs::read_to_string(root().join("policies/examples/guangdong-warnings.jidi")).unwrap();
    assert_eq!(diagnose(&example).0, Vec::<&str>::new());
}

#[test]
fn a_transition_shadowed_in_one_state_only() {
    // An earlier rule on the same date moves bases in 示范 to 培育, so 事故撤销 never fires from
    // 示范 — only from 培育.
    let text = replace(
        "    transition 事故撤销 from 示范, 培育 to 已撤销 on 事故日期",
        "    transition 事故降级 from 示范 to 培育 on 事故日期\n    transition 事故撤销 from 示范, 培育 to 已撤销 on 事故日期",
    );
    let (codes, rendered) = diagnose(&text);
    assert_eq!(codes, ["jidi::shadowed_transition"], "{rendered}");
    insta::assert_snapshot!("lifecycle_shadowed_in_one_state", rendered);
}

#[test]
fn an_exit_that_skips_an_active_state_is_reported() {
    let (codes, rendered) = diagnose(&replace(
        "事故撤销 from 示范, 培育 to",
        "事故撤销 from 示范 to",
    ));
    assert_eq!(codes, ["jidi::exit_skips_state"], "{rendered}");
    insta::assert_snapshot!("lifecycle_exit_skips_state", rendered);
}

#[test]
fn a_state_no_base_can_reach_is_reported() {
    let (codes, rendered) = diagnose(&replace(
        "  state 已失效 is lapsed\n",
        "  state 已失效 is lapsed\n  state 已移出 is excluded\n",
    ));
    assert_eq!(codes, ["jidi::unreachable_state"], "{rendered}");
    insta::assert_snapshot!("lifecycle_unreachable_state", rendered);
}

#[test]
fn a_state_a_base_never_leaves_is_reported() {
    let (codes, rendered) = diagnose(&replace(
        "    transition 认定 from 认定前 to 示范 on 认定日期\n",
        "    transition 认定 from 认定前 to 示范 on 认定日期\n    transition 暂缓 from 认定前 to 暂缓认定 on 事故日期\n",
    ).replace("  state 已失效 is lapsed\n", "  state 已失效 is lapsed\n  state 暂缓认定 is pending\n"));
    assert_eq!(codes, ["jidi::unleavable_state"], "{rendered}");
    insta::assert_snapshot!("lifecycle_unleavable_state", rendered);
}

#[test]
fn a_transition_that_can_never_fire_is_reported() {
    let (codes, rendered) = diagnose(&replace(
        "    transition 降级 from 示范 to 培育 on 降级日期",
        "    transition 降级 from 示范 to 培育 on 降级日期 when false",
    ));
    // And so no base reaches 培育.
    assert_eq!(
        codes,
        ["jidi::unreachable_state", "jidi::transition_never_fires"],
        "{rendered}"
    );
    insta::assert_snapshot!("lifecycle_transition_never_fires", rendered);
}

#[test]
fn a_term_must_say_where_a_renewal_counts_from() {
    let (codes, rendered) = diagnose(&replace("      renewal from end\n", ""));
    assert_eq!(codes, ["jidi::term_choice_unstated"], "{rendered}");
    insta::assert_snapshot!("lifecycle_term_choice_unstated", rendered);
}

#[test]
fn names_the_state_machine_refers_to_are_checked() {
    let (codes, rendered) = diagnose(
        &replace("      starts on 认定\n", "      starts on 认可\n")
            .replace("to 培育 on 降级日期", "to 培育 on 年度评估 failed"),
    );
    assert_eq!(
        codes,
        ["jidi::undefined_name", "jidi::undefined_name"],
        "{rendered}"
    );
    insta::assert_snapshot!("lifecycle_undefined_names", rendered);
    let (codes, _) = diagnose(&format!("{LIFE}\nlet 当前 = state\n"));
    assert_eq!(codes, ["jidi::state_outside_lifecycle"]);
}

// ------------------------------------------------------------------ terms as measures write them

#[test]
fn a_term_in_calendar_years_ends_on_31_december_of_its_third_year() {
    let p = policy(LIFE);
    // Titled 2024-03-01: 2024年至2026年.
    let t = judge(&p, &base(), "2026-12-31");
    let term = t.term.unwrap();
    assert_eq!(
        (term.start, term.end),
        (date("2024-03-01"), date("2026-12-31"))
    );
    assert_eq!(term.late_until, Some(date("2027-06-30")));
    // In the six months a late review still counts, the base keeps its state.
    assert_eq!(judge(&p, &base(), "2027-06-30").status, BaseStatus::Active);
    // Then it has lapsed from the day after its end.
    let t = judge(&p, &base(), "2027-07-01");
    assert_eq!(
        (t.status, t.since),
        (BaseStatus::Lapsed, Some(date("2027-01-01")))
    );
    assert_eq!(moves(&t), ["认定", "有效期"]);
}

#[test]
fn a_renewal_counts_from_the_old_end_not_from_the_review() {
    let p = policy(LIFE);
    let h = with(
        base(),
        json!({"复核": [{"日期": "2026-10-15", "结果": "合格"}]}),
    );
    let term = judge(&p, &h, "2027-02-01").term.unwrap();
    assert_eq!(
        (term.start, term.end, term.renewals),
        (date("2027-01-01"), date("2029-12-31"), 1)
    );
    // The same term with `renewal from review` counts from the review's year.
    let q = policy(&replace("renewal from end", "renewal from review"));
    let term = judge(&q, &h, "2027-02-01").term.unwrap();
    assert_eq!(
        (term.start, term.end),
        (date("2026-10-15"), date("2028-12-31"))
    );
}

#[test]
fn a_review_after_expiry_counts_only_as_the_term_says() {
    let p = policy(LIFE);
    let late = with(
        base(),
        json!({"复核": [{"日期": "2027-03-01", "结果": "合格"}]}),
    );
    let t = judge(&p, &late, "2027-04-01");
    assert_eq!(t.status, BaseStatus::Active);
    let term = t.term.unwrap();
    assert_eq!(
        (term.start, term.end),
        (date("2027-01-01"), date("2029-12-31"))
    );
    let too_late = with(
        base(),
        json!({"复核": [{"日期": "2027-07-15", "结果": "合格"}]}),
    );
    let t = judge(&p, &too_late, "2027-08-01");
    assert_eq!(
        (t.status, t.since),
        (BaseStatus::Lapsed, Some(date("2027-01-01")))
    );
    assert!(
        t.notes[0]
            .en()
            .contains("the review of 2027-07-15 is not counted"),
        "{:?}",
        t.notes
    );
    // Without `late review`, the review after the end is not counted, and the timeline says so.
    let strict = policy(&replace("      late review within 6 months\n", ""));
    let t = judge(&strict, &late, "2027-04-01");
    assert_eq!(
        (t.status, t.since),
        (BaseStatus::Lapsed, Some(date("2027-01-01")))
    );
    assert!(
        t.notes[0].en().contains("counts no late review"),
        "{:?}",
        t.notes
    );
}

// ------------------------------------------------------------------ states, tiers, lists

#[test]
fn the_state_carries_the_tier_held_and_its_term_ends_with_it() {
    let p = policy(&replace(
        "      starts on 认定\n",
        "      starts on 认定\n      ends on 降级\n",
    ));
    let h = with(base(), json!({"降级日期": "2025-05-01"}));
    let t = judge(&p, &h, "2025-04-30");
    assert_eq!(t.tier.as_deref(), Some("示范基地"));
    let t = judge(&p, &h, "2025-05-01");
    assert_eq!(
        (t.state.as_str(), t.tier.as_deref(), t.since),
        ("培育", Some("培育基地"), Some(date("2025-05-01")))
    );
    // The term ended on 降级: no expiry comes for it.
    assert!(t.term.is_none());
    assert_eq!(judge(&p, &h, "2030-01-01").state, "培育");
    // An accident revokes a base in either state.
    let h = with(h, json!({"事故日期": "2026-02-02"}));
    let t = judge(&p, &h, "2026-02-02");
    assert_eq!(moves(&t), ["认定", "降级", "事故撤销"]);
}

#[test]
fn a_list_that_needs_a_missing_figure_is_undetermined_with_what_is_missing() {
    let p = policy(LIFE);
    let grown = with(base(), json!({"本年产值": 110, "上年产值": 100}));
    let t = judge(&p, &grown, "2025-01-01");
    assert_eq!(t.lists.len(), 1);
    assert!(t.undetermined.is_empty());
    let half = with(base(), json!({"本年产值": 110}));
    let t = judge(&p, &half, "2025-01-01");
    assert!(t.lists.is_empty());
    assert_eq!(t.undetermined.len(), 1);
    assert_eq!(
        (
            t.undetermined[0].name.as_str(),
            t.undetermined[0].missing.iter().map(|m| m.en()).collect()
        ),
        ("推荐", vec!["上年产值".to_string()])
    );
}

// ------------------------------------------------------------------ the Sichuan measure's dates

fn sichuan() -> Policy {
    let path = root().join("policies/sichuan-2023-draft.jidi");
    let text = std::fs::read_to_string(&path).unwrap();
    let checked = check(&Source::new(path.display().to_string(), text));
    checked.policy.unwrap()
}

fn sichuan_base() -> Value {
    json!({
        "名称": "测试园区", "申报类型": "示范基地", "主导产业": "电子信息", "所在市州": "成都市",
        "认定日期": "2021-01-01", "旧办法认定": true, "评价": [], "复核": [], "变更": [], "事件": []
    })
}

#[test]
fn art30_cap_counts_from_an_effective_date_known_only_by_its_year() {
    // 第二十九条: "本办法自2023年×月×日起实施". An old title valid to 2027-05-01 lapses on the third
    // anniversary of that day at the latest: some day from 2026-01-02 to 2027-01-01.
    let p = sichuan();
    let h = with(sichuan_base(), json!({"旧办法有效期至": "2027-05-01"}));
    assert_eq!(judge(&p, &h, "2026-01-01").status, BaseStatus::Active);
    let t = judge(&p, &h, "2026-06-01");
    assert_eq!(t.status, BaseStatus::Undetermined, "{t:#?}");
    assert!(
        t.unknowns.iter().any(|u| u.en().contains("effective")),
        "{:?}",
        t.unknowns
    );
    let t = judge(&p, &h, "2027-01-02");
    assert_eq!(t.status, BaseStatus::Lapsed);
    assert_eq!(t.since, None);
    let between = t.since_between.unwrap();
    assert_eq!(
        (between.lo, between.hi),
        (Some(date("2026-01-02")), Some(date("2027-01-01")))
    );
    // A title whose own validity ends first lapses on its own date, whatever the day.
    let h = with(sichuan_base(), json!({"旧办法有效期至": "2025-06-30"}));
    let t = judge(&p, &h, "2026-06-01");
    assert_eq!(
        (t.status, t.since),
        (BaseStatus::Lapsed, Some(date("2025-07-01")))
    );
    // Once the date is set, the cap is exact.
    let text = std::fs::read_to_string(root().join("policies/sichuan-2023-draft.jidi"))
        .unwrap()
        .replace(
            "effective unset from 2023-01-01 to 2023-12-31",
            "effective 2023-10-01",
        );
    let set = policy(&text);
    let h = with(sichuan_base(), json!({"旧办法有效期至": "2027-05-01"}));
    let t = judge(&set, &h, "2026-11-01");
    assert_eq!(
        (t.status, t.since),
        (BaseStatus::Lapsed, Some(date("2026-10-02")))
    );
}

#[test]
fn art24_an_accident_of_unknown_level_leaves_the_status_undetermined() {
    let p = sichuan();
    let h = with(
        sichuan_base(),
        json!({"旧办法认定": false, "认定日期": "2023-03-01",
               "事件": [{"类型": "生产安全事故", "日期": "2024-02-02"}]}),
    );
    let t = judge(&p, &h, "2024-06-01");
    assert_eq!(t.status, BaseStatus::Undetermined);
    assert_eq!(t.possible, ["有效", "已撤销"]);
    assert!(
        t.unknowns.iter().any(|u| u.en().contains("事件[0].级别")),
        "{:?}",
        t.unknowns
    );
    // Before the accident, it is decided.
    assert_eq!(judge(&p, &h, "2024-02-01").status, BaseStatus::Active);
}

#[test]
fn art24_3_a_result_counts_from_its_publication_date() {
    let p = sichuan();
    let h = with(
        sichuan_base(),
        json!({"旧办法认定": false, "认定日期": "2022-03-01",
               "复核": [{"日期": "2025-02-01", "结果": "合格"}],
               "评价": [{"年度": 2023, "星级": 2}, {"年度": 2024, "星级": 1, "公布日期": "2025-04-18"}]}),
    );
    assert_eq!(judge(&p, &h, "2025-04-17").status, BaseStatus::Active);
    let t = judge(&p, &h, "2025-04-18");
    assert_eq!(
        (t.status, t.since),
        (BaseStatus::Revoked, Some(date("2025-04-18")))
    );
}

// ------------------------------------------------------------------ on the command line

#[test]
fn art26_eval_of_an_upgrade_application_shows_the_tier_held_on_the_date() {
    // The industry base of histories/10 applies to become a demonstration base.
    let dir = tempfile::tempdir().unwrap();
    let mut application: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("examples/02-凉山先进材料产业.json")).unwrap(),
    )
    .unwrap();
    application["申报类型"] = json!("示范基地");
    let path = dir.path().join("升级申请.json");
    std::fs::write(&path, application.to_string()).unwrap();
    let args = [
        "eval",
        "--format",
        "json",
        "policies/sichuan-2023-draft.jidi",
        path.to_str().unwrap(),
        "--history",
        "histories/",
        "--as-of",
        "2026-11-27",
    ];
    let o = jidi(&args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["tier"], "示范基地");
    assert_eq!(
        v[0]["held"],
        json!({"tier": "产业基地", "state": "有效", "status": "active", "since": "2024-03-01",
               "lists": ["可申请认定为示范基地"]})
    );
    let table: Vec<&str> = ["eval"]
        .into_iter()
        .chain(args[3..].iter().copied())
        .collect();
    let table = jidi(&table);
    let out = String::from_utf8_lossy(&table.stdout);
    assert!(
        out.contains("as of 2026-11-27: holds 产业基地 — 有效 (active) since 2024-03-01"),
        "{out}"
    );
}

#[test]
fn selection_commands_refuse_a_policy_with_only_a_lifecycle() {
    let o = jidi(&[
        "eval",
        "policies/examples/guangdong-warnings.jidi",
        "examples/01-成都电子信息示范.json",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("states only a lifecycle"), "{err}");
    let o = jidi(&["check", "policies/examples/guangdong-warnings.jidi"]);
    assert_eq!(o.status.code(), Some(0));
}
