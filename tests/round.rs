//! Round rules judged across a batch, on a small policy encoding the national call's "每个省（区、
//! 市）推荐数量不超过3个" (issue 14) as `quota 每省限额` under 第七条; every outcome is derived by
//! hand from that text and the records' figures.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use jidi::check::Policy;
use jidi::eval::{RoundOutcome, RoundRecord};
use jidi::syntax::ast::Verdict;
use jidi::value::Record;
use jidi::Source;
use serde_json::{json, Value};

const POLICY: &str = r#"measure "测试办法" { version "1" effective 2024-01-01 }
unit 元
unit 万元 = 10000 元
unit 亿元 = 10000 万元
tier 示范基地
input 名称: name
input 申报类型: tier
input 所在省份: text
input 营业收入: 亿元 range 0..
input 重大事故: bool
article 第五条 {
  quote "近三年未发生重大安全事故"
  veto 安全事故 = 重大事故
}
article 第七条 {
  quote "每个省（区、市）推荐数量不超过3个"
  QUOTA
}
decision {
  not_eligible when any veto is fail
  undetermined when any veto is unknown
  otherwise eligible
}
"#;

const QUOTA: &str =
    "quota 每省限额 at most 3 per 所在省份 ranked by 营业收入 descending ties by 名称";

fn compile(quota: &str) -> Policy {
    let text = POLICY.replace("QUOTA", quota);
    let checked = jidi::check::check(&Source::new("policy.jidi", text));
    match checked.policy {
        Some(p) => p,
        None => panic!(
            "the policy does not check:\n{}",
            jidi::diag::render(&checked.diagnostics, jidi::i18n::Lang::En, false, 100)
        ),
    }
}

/// A park: its name, province, revenue (亿元, `None`: not given) and accident (`None`: not given).
fn park(name: &str, province: &str, revenue: Option<u32>, accident: Option<bool>) -> Value {
    let mut r = json!({"名称": name, "申报类型": "示范基地", "所在省份": province});
    if let Some(x) = revenue {
        r["营业收入"] = json!(x);
    }
    if let Some(a) = accident {
        r["重大事故"] = json!(a);
    }
    r
}

fn load(policy: &Policy, parks: &[Value]) -> Vec<Record> {
    parks
        .iter()
        .map(|p| {
            let loaded = jidi::data::load_source(policy, &Source::new("r.json", p.to_string()));
            let item = loaded.into_iter().next().expect("one record");
            assert!(item.diagnostics.is_empty(), "{:#?}", item.diagnostics);
            item.record.expect("a record")
        })
        .collect()
}

fn round(quota: &str, parks: &[Value]) -> Vec<RoundRecord> {
    let policy = compile(quota);
    let records = load(&policy, parks);
    policy.judge_round(&records.iter().collect::<Vec<_>>())
}

/// Four eligible parks of 甲省: the fourth by revenue is cut by 每省限额 (第七条); a park of 甲省
/// with more revenue but a major accident is not eligible on its own and displaces nobody; 乙省's
/// two parks are within its own quota.
#[test]
fn at_most_three_per_province_cuts_the_fourth() {
    let parks = [
        park("甲一", "甲省", Some(500), Some(false)),
        park("甲二", "甲省", Some(400), Some(false)),
        park("甲三", "甲省", Some(300), Some(false)),
        park("甲四", "甲省", Some(200), Some(false)),
        park("甲五", "甲省", Some(900), Some(true)),
        park("乙一", "乙省", Some(100), Some(false)),
        park("乙二", "乙省", Some(50), Some(false)),
    ];
    let out = round(QUOTA, &parks);
    let verdicts: Vec<Verdict> = out.iter().map(|r| r.verdict).collect();
    use Verdict::{Eligible as E, NotEligible as N};
    assert_eq!(verdicts, [E, E, E, N, N, E, E]);
    // 甲四: rank 4 of 4 in 甲省, which keeps 3; cut by the rule at index 0, 每省限额.
    let cut = &out[3];
    assert_eq!(cut.own, E);
    assert_eq!(cut.cut_by, Some(0));
    let r = &cut.results[0];
    assert_eq!(r.outcome, RoundOutcome::Cut);
    assert_eq!((r.rank, r.count, r.limit), ((4, 4), (4, 4), (3, 3)));
    // 甲五 is not ranked: not eligible on its own, by 安全事故 (第五条).
    assert!(out[4].results.is_empty());
    assert_eq!(out[4].cut_by, None);
    // 乙二: rank 2 of 2.
    assert_eq!(out[6].results[0].outcome, RoundOutcome::MadeCut);
    assert_eq!(out[6].results[0].rank, (2, 2));
}

/// A park whose accident record is missing is undetermined on its own; with 250 亿元 it could
/// displace only the parks below it: 丙三 (100 亿元, rank 3 or 4) is undetermined, 丙一 (300)
/// and 丙二 (200, rank 2 or 3) make the cut whatever the missing figure is.
#[test]
fn an_undetermined_park_leaves_open_only_the_parks_it_could_displace() {
    let parks = [
        park("丙一", "丙省", Some(300), Some(false)),
        park("丙二", "丙省", Some(200), Some(false)),
        park("丙三", "丙省", Some(100), Some(false)),
        park("丙四", "丙省", Some(250), None),
    ];
    let out = round(QUOTA, &parks);
    let outcomes: Vec<RoundOutcome> = out.iter().map(|r| r.results[0].outcome).collect();
    use RoundOutcome::{MadeCut as M, Undetermined as U};
    assert_eq!(outcomes, [M, M, U, U]);
    assert_eq!(out[1].results[0].rank, (2, 3));
    assert_eq!(out[2].results[0].rank, (3, 4));
    assert_eq!(out[2].verdict, Verdict::Undetermined);
    assert_eq!(out[0].verdict, Verdict::Eligible);
}

/// An unknown revenue is unknown, never zero: the park could rank anywhere, so every park whose
/// side of the cut it could change is undetermined — here all four of 丁省.
#[test]
fn an_unknown_ranking_figure_is_never_zero() {
    let parks = [
        park("丁一", "丁省", Some(300), Some(false)),
        park("丁二", "丁省", Some(200), Some(false)),
        park("丁三", "丁省", Some(100), Some(false)),
        park("丁四", "丁省", None, Some(false)),
    ];
    let out = round(QUOTA, &parks);
    // 丁一 is first of the known three: at worst second, within 3.
    assert_eq!(out[0].results[0].outcome, RoundOutcome::MadeCut);
    assert_eq!(out[1].results[0].outcome, RoundOutcome::MadeCut);
    assert_eq!(out[2].results[0].outcome, RoundOutcome::Undetermined);
    assert_eq!(out[3].results[0].outcome, RoundOutcome::Undetermined);
    assert_eq!(out[3].results[0].rank, (1, 4));
}

/// Equal revenue at the cut: `ties by 名称` decides, ascending by code point (乙 U+4E59 before 甲
/// U+7532, so 戊乙 keeps the place); without a
/// tie rule the tie is left undetermined, not guessed.
#[test]
fn ties_at_the_cut_follow_the_tie_rule_or_stay_open() {
    let parks = [
        park("戊甲", "戊省", Some(100), Some(false)),
        park("戊乙", "戊省", Some(100), Some(false)),
    ];
    let one = "quota 每省限额 at most 1 per 所在省份 ranked by 营业收入 descending";
    let out = round(&format!("{one} ties by 名称"), &parks);
    assert_eq!(out[0].results[0].outcome, RoundOutcome::Cut);
    assert_eq!(out[1].results[0].outcome, RoundOutcome::MadeCut);
    let out = round(one, &parks);
    assert_eq!(out[0].results[0].outcome, RoundOutcome::Undetermined);
    assert_eq!(out[1].results[0].outcome, RoundOutcome::Undetermined);
}

/// "前20%": of ten eligible parks in the round, the first two; `about 5` only ranks.
#[test]
fn top_share_and_about_as_guidance() {
    let parks: Vec<Value> = (1..=10)
        .map(|i| park(&format!("园区{i:02}"), "己省", Some(100 * i), Some(false)))
        .collect();
    let out = round(
        "quota 前两成 top 20% ranked by 营业收入 descending ties by 名称",
        &parks,
    );
    let cut: Vec<bool> = out
        .iter()
        .map(|r| r.verdict == Verdict::NotEligible)
        .collect();
    // 园区10 and 园区09 have the most revenue.
    assert_eq!(
        cut,
        [true, true, true, true, true, true, true, true, false, false]
    );
    assert_eq!(out[9].results[0].limit, (2, 2));
    let out = round(
        "quota 约五个 about 5 ranked by 营业收入 descending ties by 名称",
        &parks,
    );
    assert!(out.iter().all(|r| r.verdict == Verdict::Eligible));
    assert_eq!(out[0].results[0].outcome, RoundOutcome::BeyondGuide);
    assert_eq!(out[9].results[0].outcome, RoundOutcome::WithinGuide);
}

/// The `round` entry of the JSON: 甲四 cut by 每省限额 (第七条), rank 4 of 4, 甲省 keeps 3; 丙三's
/// rank and its group's count are ranges while 丙四's accident record is missing, yet at worst
/// second of two it makes the cut of 3.
#[test]
fn the_round_entry_names_the_rule_its_article_and_the_ranks() {
    let policy = compile(QUOTA);
    let parks = [
        park("甲一", "甲省", Some(500), Some(false)),
        park("甲二", "甲省", Some(400), Some(false)),
        park("甲三", "甲省", Some(300), Some(false)),
        park("甲四", "甲省", Some(200), Some(false)),
        park("丙三", "丙省", Some(100), Some(false)),
        park("丙四", "丙省", Some(250), None),
    ];
    let out = policy.judge_round(&load(&policy, &parks).iter().collect::<Vec<_>>());
    let cut = jidi::report::round::round(&policy, &out[3]);
    assert_eq!(
        cut,
        json!({
            "own_verdict": "eligible",
            "verdict": "not_eligible",
            "cut_by": {"rule": "每省限额", "article": "第七条"},
            "rules": [{"rule": "每省限额", "article": "第七条", "outcome": "cut", "group": "甲省",
                       "rank": 4, "count": 4, "limit": 3}],
        })
    );
    let open = jidi::report::round::round(&policy, &out[4]);
    assert_eq!(open["verdict"], "eligible");
    assert_eq!(open["rules"][0]["outcome"], "made_cut");
    assert_eq!(open["rules"][0]["rank"], json!({"from": 1, "to": 2}));
    assert_eq!(open["rules"][0]["count"], json!({"from": 1, "to": 2}));
}
