//! The life of a titled base (第十一条, 第十七条 to 第二十七条, 第三十条): statuses on a date, derived by
//! hand from each article, boundary dates, working-day notices, and bad history records.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic
)] // tests fail by panicking

use chrono::NaiveDate;
use jidi::check::Policy;
use jidi::syntax::ast::BaseStatus;
use jidi::timeline::BaseTimeline;
use jidi::{check, data, Source};
use serde_json::{json, Value};

mod common;
use common::{jidi, root};

fn policy_text() -> String {
    std::fs::read_to_string(root().join("policies/sichuan-2023-draft.jidi")).unwrap()
}

fn policy_from(text: &str) -> Policy {
    let path = root().join("policies/sichuan-2023-draft.jidi");
    let checked = check::check(&Source::new(path.display().to_string(), text));
    checked
        .policy
        .unwrap_or_else(|| panic!("{:#?}", checked.diagnostics))
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A base titled on 2023-03-01 with nothing else on record.
fn base() -> Value {
    json!({
        "名称": "测试园区", "申报类型": "示范基地", "主导产业": "电子信息", "所在市州": "成都市",
        "认定日期": "2023-03-01", "评价": [], "复核": [], "变更": [], "事件": []
    })
}

fn with(mut v: Value, changes: Value) -> Value {
    for (k, x) in changes.as_object().unwrap() {
        v[k] = x.clone();
    }
    v
}

fn judge_with(policy: &Policy, record: &Value, as_of: &str) -> BaseTimeline {
    let view = policy.history_view().unwrap();
    let loaded = data::load_source(&view, &Source::new("h.json", record.to_string()));
    let item = &loaded[0];
    let errors: Vec<_> = item.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let rec = item.record.as_ref().unwrap();
    assert!(view.violations(rec).is_empty());
    view.timeline(rec, date(as_of)).unwrap()
}

fn judge(record: &Value, as_of: &str) -> BaseTimeline {
    judge_with(&policy_from(&policy_text()), record, as_of)
}

/// The `next` values of a timeline, as text.
fn next_values(t: &BaseTimeline) -> Vec<(String, String)> {
    let policy = policy_from(&policy_text());
    t.next
        .iter()
        .map(|n| (n.name.clone(), policy.value_text(&n.value, &n.ty)))
        .collect()
}

fn decided_by(t: &BaseTimeline) -> (&str, &str) {
    let r = &t.reasons[0];
    (r.article.as_deref().unwrap(), r.rule.as_str())
}

#[test]
fn art22_valid_through_the_third_anniversary_and_lapsed_the_day_after() {
    let t = judge(&base(), "2026-03-01");
    assert_eq!(t.status, BaseStatus::Active);
    assert_eq!(t.term.as_ref().unwrap().end, date("2026-03-01"));
    let t = judge(&base(), "2026-03-02");
    assert_eq!(t.status, BaseStatus::Lapsed);
    assert_eq!(t.since, Some(date("2026-03-02")));
    assert_eq!(decided_by(&t), ("第二十二条", "有效期"));
}

#[test]
fn art22_a_passing_review_starts_a_new_term_and_a_failing_one_cancels() {
    let passed = with(
        base(),
        json!({"复核": [{"日期": "2026-02-10", "结果": "合格"}]}),
    );
    let t = judge(&passed, "2027-11-27");
    assert_eq!(t.status, BaseStatus::Active);
    let term = t.term.unwrap();
    assert_eq!(
        (term.start, term.end, term.renewals),
        (date("2026-02-10"), date("2029-02-10"), 1)
    );
    let failed = with(
        base(),
        json!({"复核": [{"日期": "2026-02-10", "结果": "不合格"}]}),
    );
    let t = judge(&failed, "2026-02-10");
    assert_eq!(t.status, BaseStatus::Revoked);
    assert_eq!(decided_by(&t), ("第二十二条", "有效期"));
    // A review on the last day of the term still renews it.
    let last_day = with(
        base(),
        json!({"复核": [{"日期": "2026-03-01", "结果": "合格"}]}),
    );
    assert_eq!(judge(&last_day, "2026-06-01").status, BaseStatus::Active);
    // One after the term ended comes too late.
    let late = with(
        base(),
        json!({"复核": [{"日期": "2026-03-02", "结果": "合格"}]}),
    );
    assert_eq!(judge(&late, "2026-06-01").status, BaseStatus::Lapsed);
}

#[test]
fn art17_first_evaluation_after_a_full_year() {
    let t = judge(&base(), "2023-06-01");
    let next = next_values(&t);
    assert!(
        next.contains(&("下次参评年度".into(), "2024".into())),
        "{next:?}"
    );
    let t = judge(&base(), "2025-06-01");
    assert!(next_values(&t).contains(&("下次参评年度".into(), "2025".into())));
}

#[test]
fn art23_national_title_leaves_provincial_management() {
    let h = with(base(), json!({"国家级示范基地日期": "2024-10-01"}));
    assert_eq!(judge(&h, "2024-09-30").status, BaseStatus::Active);
    let t = judge(&h, "2024-10-01");
    assert_eq!(t.status, BaseStatus::Excluded);
    assert_eq!(decided_by(&t), ("第二十三条", "获批国家级示范基地"));
}

#[test]
fn art24_1_major_accident_cancels_from_its_date() {
    let h = with(
        base(),
        json!({"事件": [{"类型": "生产安全事故", "级别": "特别重大", "日期": "2024-05-05"}]}),
    );
    assert_eq!(judge(&h, "2024-05-04").status, BaseStatus::Active);
    let t = judge(&h, "2024-05-05");
    assert_eq!(t.status, BaseStatus::Revoked);
    assert_eq!(decided_by(&t), ("第二十四条", "重大事故事件"));
    let minor = with(
        base(),
        json!({"事件": [{"类型": "环境污染事件", "级别": "Ⅲ", "日期": "2024-05-05"}]}),
    );
    assert_eq!(judge(&minor, "2025-01-01").status, BaseStatus::Active);
    let before = with(
        base(),
        json!({"事件": [{"类型": "自然资源违法案件", "级别": "严重", "日期": "2022-05-05"}]}),
    );
    assert_eq!(
        judge(&before, "2025-01-01").status,
        BaseStatus::Active,
        "events before the title are for 第九条"
    );
}

#[test]
fn art24_2_inspection_problem_cancels_the_day_after_an_unmet_deadline() {
    let open = with(
        base(),
        json!({"事件": [{"类型": "督查问题", "日期": "2024-01-10", "整改期限": "2024-06-30"}]}),
    );
    assert_eq!(
        judge(&open, "2024-06-30").status,
        BaseStatus::Active,
        "the deadline day itself is still in time"
    );
    let t = judge(&open, "2024-07-01");
    assert_eq!(t.status, BaseStatus::Revoked);
    assert_eq!(decided_by(&t), ("第二十四条", "督查问题未按期整改"));
    let in_time = with(
        base(),
        json!({"事件": [{"类型": "督查问题", "日期": "2024-01-10", "整改期限": "2024-06-30", "整改完成日期": "2024-06-30"}]}),
    );
    assert_eq!(judge(&in_time, "2025-01-01").status, BaseStatus::Active);
    let late = with(
        base(),
        json!({"事件": [{"类型": "督查问题", "日期": "2024-01-10", "整改期限": "2024-06-30", "整改完成日期": "2024-07-02"}]}),
    );
    assert_eq!(judge(&late, "2025-01-01").status, BaseStatus::Revoked);
}

#[test]
fn art24_3_two_consecutive_years_at_two_stars_or_fewer() {
    let h = with(
        base(),
        json!({"评价": [{"年度": 2023, "星级": 2}, {"年度": 2024, "星级": 2}]}),
    );
    assert_eq!(judge(&h, "2025-06-29").status, BaseStatus::Active);
    let t = judge(&h, "2025-06-30");
    assert_eq!(t.status, BaseStatus::Revoked);
    assert_eq!(decided_by(&t), ("第二十四条", "连续低星"));
    let apart = with(
        base(),
        json!({"评价": [{"年度": 2023, "星级": 2}, {"年度": 2024, "星级": 3}, {"年度": 2025, "星级": 1}]}),
    );
    assert_eq!(
        judge(&apart, "2026-02-01").status,
        BaseStatus::Active,
        "not consecutive"
    );
}

#[test]
fn art24_3_three_consecutive_years_is_a_one_line_policy_edit() {
    let edited = policy_text().replace("let 连续低星年数 = 2", "let 连续低星年数 = 3");
    let policy = policy_from(&edited);
    let h = with(
        base(),
        json!({"评价": [{"年度": 2023, "星级": 2}, {"年度": 2024, "星级": 2}]}),
    );
    assert_eq!(
        judge_with(&policy, &h, "2025-12-31").status,
        BaseStatus::Active
    );
    let h = with(
        base(),
        json!({"评价": [{"年度": 2023, "星级": 2}, {"年度": 2024, "星级": 2}, {"年度": 2025, "星级": 1}],
               "复核": [{"日期": "2026-02-01", "结果": "合格"}]}),
    );
    assert_eq!(
        judge_with(&policy, &h, "2026-06-29").status,
        BaseStatus::Active
    );
    assert_eq!(
        judge_with(&policy, &h, "2026-06-30").status,
        BaseStatus::Revoked
    );
}

#[test]
fn art22_a_two_year_validity_is_a_one_line_policy_edit() {
    let edited = policy_text().replace("      length 3 years", "      length 2 years");
    let policy = policy_from(&edited);
    assert_eq!(
        judge_with(&policy, &base(), "2025-03-02").status,
        BaseStatus::Lapsed
    );
    assert_eq!(judge(&base(), "2025-03-02").status, BaseStatus::Active);
}

#[test]
fn art25_five_star_bases_and_art26_industry_bases_that_may_upgrade() {
    let five = with(
        base(),
        json!({"评价": [{"年度": 2023, "星级": 3}, {"年度": 2024, "星级": 5}]}),
    );
    let t = judge(&five, "2025-08-01");
    assert!(t
        .lists
        .iter()
        .any(|(n, a)| n == "五星基地宣传推广" && a.as_deref() == Some("第二十五条")));
    let industry = with(base(), json!({"申报类型": "产业基地"}));
    let t = judge(&industry, "2024-08-01");
    assert!(t
        .lists
        .iter()
        .any(|(n, a)| n == "可申请认定为示范基地" && a.as_deref() == Some("第二十六条")));
    assert!(judge(&base(), "2024-08-01").lists.is_empty());
}

#[test]
fn art27_fraud_cancels_and_suspends_the_city_for_the_next_year() {
    let h = with(
        base(),
        json!({"事件": [{"类型": "弄虚作假", "日期": "2024-09-09"}]}),
    );
    let t = judge(&h, "2024-12-01");
    assert_eq!(t.status, BaseStatus::Revoked);
    assert_eq!(decided_by(&t), ("第二十七条", "弄虚作假"));
    assert_eq!(t.suspensions.len(), 1);
    assert_eq!(
        (
            t.suspensions[0].city.as_str(),
            t.suspensions[0].year.as_str()
        ),
        ("成都市", "2025")
    );
    assert!(judge(&h, "2024-09-08").suspensions.is_empty());
}

#[test]
fn art30_old_titles_lapse_when_their_own_validity_ends() {
    let h = with(
        base(),
        json!({"认定日期": "2019-05-01", "旧办法认定": true, "旧办法有效期至": "2025-04-30"}),
    );
    assert_eq!(judge(&h, "2025-04-30").status, BaseStatus::Active);
    let t = judge(&h, "2025-05-01");
    assert_eq!(t.status, BaseStatus::Lapsed);
    assert_eq!(decided_by(&t), ("第三十条", "旧办法称号到期"));
}

#[test]
fn art11_notice_over_national_day_and_the_spring_festival() {
    let o = jidi(&[
        "notice",
        "policies/sichuan-2023-draft.jidi",
        "--start",
        "2024-09-27",
    ]);
    let out = String::from_utf8_lossy(&o.stdout);
    // 9-29 (make-up Sunday), 9-30, then the holiday to 10-07, then 10-08, 10-09, 10-10.
    assert!(out.contains("last day 2024-10-10"), "{out}");
    let o = jidi(&[
        "notice",
        "policies/sichuan-2023-draft.jidi",
        "--start",
        "2025-01-24",
    ]);
    let out = String::from_utf8_lossy(&o.stdout);
    // 1-26 (make-up Sunday), 1-27, the festival 1-28 to 2-04, then 2-05, 2-06, 2-07.
    assert!(out.contains("last day 2025-02-07"), "{out}");
    assert!(out.contains("the start day does not count"), "{out}");
    let o = jidi(&[
        "notice",
        "policies/sichuan-2023-draft.jidi",
        "--start",
        "2026-12-28",
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "a year the calendar does not cover is never guessed"
    );
}

#[test]
fn timeline_of_the_shipped_histories() {
    let o = jidi(&[
        "timeline",
        "policies/sichuan-2023-draft.jidi",
        "histories/",
        "--as-of",
        "2026-11-27",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    insta::assert_snapshot!("timeline_histories", String::from_utf8_lossy(&o.stdout));
    let o = jidi(&[
        "timeline",
        "--format",
        "json",
        "policies/sichuan-2023-draft.jidi",
        "histories/",
        "--as-of",
        "2026-11-27",
    ]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    for base in v.as_array().unwrap() {
        let status = base["status"].as_str().unwrap();
        assert!(["active", "revoked", "lapsed", "excluded"].contains(&status));
        assert!(base["name"].is_string());
        for r in base["reasons"].as_array().unwrap() {
            assert!(r["article"].is_string());
        }
    }
    insta::assert_json_snapshot!("timeline_histories_json", v);
}

/// Bases a timeline cannot decide, or with a review it does not count, in both languages: why
/// the status is open and what was not counted are put into words where they are shown.
#[test]
fn undecided_timelines_say_why_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let histories = [
        (
            "1-late-review.json",
            with(
                base(),
                json!({"名称": "逾期复核园区", "认定日期": "2021-01-01",
                       "复核": [{"日期": "2024-06-01", "结果": "合格"}]}),
            ),
        ),
        (
            "2-accident.json",
            with(
                base(),
                json!({"名称": "事故等级未报园区",
                       "事件": [{"类型": "生产安全事故", "日期": "2024-02-02"}]}),
            ),
        ),
        (
            "3-old-title.json",
            with(
                base(),
                json!({"名称": "旧称号园区", "认定日期": "2021-01-01",
                       "旧办法认定": true, "旧办法有效期至": "2027-05-01"}),
            ),
        ),
    ];
    for (file, record) in &histories {
        std::fs::write(dir.path().join(file), record.to_string()).unwrap();
    }
    let at = dir.path().display().to_string();
    let run = |lang: &str| {
        let o = jidi(&[
            "--lang",
            lang,
            "timeline",
            "policies/sichuan-2023-draft.jidi",
            &at,
            "--as-of",
            "2026-06-01",
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", common::stderr(&o));
        common::stdout(&o).replace(&at, "DIR")
    };
    insta::assert_snapshot!("timeline_undecided_en", run("en"));
    insta::assert_snapshot!("timeline_undecided_zh", run("zh"));
}

#[test]
fn bad_history_records_are_reported_and_the_others_still_processed() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        with(base(), json!({"名称": "好基地"})),
        with(
            base(),
            json!({"名称": "六星", "评价": [{"年度": 2024, "星级": 6}]}),
        ),
        with(
            base(),
            json!({"名称": "复核在前", "复核": [{"日期": "2022-01-01", "结果": "合格"}]}),
        ),
        with(
            base(),
            json!({"名称": "未知事件", "事件": [{"类型": "火灾", "日期": "2024-01-01"}]}),
        ),
        with(base(), json!({"名称": "坏日期", "认定日期": "2023-02-30"})),
    ];
    let text: Vec<String> = lines.iter().map(Value::to_string).collect();
    let path = dir.path().join("bases.ndjson");
    std::fs::write(&path, text.join("\n")).unwrap();
    let o = jidi(&[
        "timeline",
        "--format",
        "json",
        "policies/sichuan-2023-draft.jidi",
        path.to_str().unwrap(),
        "--as-of",
        "2024-06-01",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["name"], "好基地");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("record 2 (六星), field 评价[0].星级: 6 is outside the range 1..5"),
        "{err}"
    );
    assert!(err.contains("record 3 (复核在前), field 复核: breaks `all r in 复核: r.日期 >= 认定日期` (第二十二条)") || err.contains("record 3 (复核在前), field 复核: breaks"), "{err}");
    assert!(
        err.contains("record 4 (未知事件), field 事件[0].类型: `火灾` is not a value of 事件类型"),
        "{err}"
    );
    assert!(
        err.contains("record 5 (坏日期), field 认定日期: `2023-02-30` is not a date"),
        "{err}"
    );
}
