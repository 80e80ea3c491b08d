//! The language's selection constructs, each tested on a small policy that encodes a measure's own
//! words (quoted in each test), with records whose outcome is derived by hand from that text:
//! decisions under unknowns, constant tables, exceptions, average growth, rules that read rules,
//! keywords as names, several decisions, binding by a field and rounds across a batch.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use jidi::check::Policy;
use jidi::Source;
use serde_json::{json, Value};

// ---------------------------------------------------------------------------------------- harness

fn compile(text: &str) -> Policy {
    let checked = jidi::check::check(&Source::new("policy.jidi", text));
    match checked.policy {
        Some(p) => p,
        None => panic!(
            "the policy does not check:\n{}",
            jidi::diag::render(&checked.diagnostics, jidi::i18n::Lang::En, false, 100)
        ),
    }
}

/// Judges one record (a JSON object) into the JSON interface of records.md.
fn judge(policy: &Policy, record: &Value) -> Value {
    let loaded = jidi::data::load_source(policy, &Source::new("r.json", record.to_string()));
    let item = &loaded[0];
    assert!(
        item.diagnostics.is_empty(),
        "the record should load cleanly: {:#?}",
        item.diagnostics
    );
    let judgement = policy.judge(item.record.as_ref().expect("a record"));
    jidi::report::json::judgement(policy, &judgement)
}

fn rule<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == name)
        .unwrap_or_else(|| panic!("no rule `{name}` in {report:#}"))
}

fn status<'a>(report: &'a Value, name: &str) -> &'a str {
    rule(report, name)["status"].as_str().unwrap()
}

/// Units, two tiers, and the record's name and tier: what every test policy starts with.
const HEAD: &str = r#"measure "测试办法" { version "1" effective 2024-01-01 }
unit 元
unit 万元 = 10000 元
unit 亿元 = 10000 万元
unit % = 1/100
unit 家
unit 件
tier 示范基地
tier 产业基地
input 名称: name
input 申报类型: tier
"#;

const DECISION: &str = r#"
decision {
  not_eligible when any condition is fail or any veto is fail or any constraint is fail
  undetermined when any condition is unknown or any veto is unknown or any constraint is unknown
  otherwise eligible
}
"#;

fn policy(body: &str) -> Policy {
    compile(&format!("{HEAD}{body}{DECISION}"))
}

// ------------------------------------------------------------- decided under unknowns (Kleene)

/// "满足以下三项中的两项" (the issue's example of a measure's wording): with two of the three
/// tests known to hold and one unknown, the count is at least 2 whatever the unknown is.
#[test]
fn two_of_three_is_decided_when_two_are_known_to_hold() {
    let p = policy(
        r#"input 研发投入强度: % range 0..100
input 有效发明专利数: 件 range 0..
input 创新平台数量: 家 range 0..
article 第五条 {
  quote "满足以下三项中的两项：研发投入强度不低于2%；有效发明专利不少于10件；省级以上创新平台不少于3家。"
  condition 三项中的两项 = (count t in { 研发投入强度 >= 2 %, 有效发明专利数 >= 10 件, 创新平台数量 >= 3 家 }: t) >= 2
}
"#,
    );
    let base = json!({"名称": "甲园区", "申报类型": "示范基地"});
    let with = |extra: Value| {
        let mut r = base.clone();
        r.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        judge(&p, &r)
    };
    // Two hold, one unknown: at least two — met.
    let r = with(json!({"研发投入强度": 2.5, "有效发明专利数": 12}));
    assert_eq!(status(&r, "三项中的两项"), "pass");
    assert_eq!(r["verdict"], "eligible");
    // One holds, one fails, one unknown: one or two — the unknown decides.
    let r = with(json!({"研发投入强度": 2.5, "有效发明专利数": 3}));
    assert_eq!(status(&r, "三项中的两项"), "unknown");
    assert_eq!(r["verdict"], "undetermined");
    // Two fail, one unknown: at most one — not met.
    let r = with(json!({"研发投入强度": 1, "有效发明专利数": 3}));
    assert_eq!(status(&r, "三项中的两项"), "fail");
}

/// A `when … else` threshold whose condition is unknown: "原则上不低于50亿元（国家级开发区不低于
/// 30亿元）" — 55 亿元 passes both cases, 20 亿元 fails both, 40 亿元 depends on the zone.
#[test]
fn a_figure_that_passes_every_case_passes_when_the_case_is_unknown() {
    let p = policy(
        r#"enum 园区级别 { 国家级, 省级 }
input 园区级别: 园区级别
input 营业收入: 亿元 range 0..
article 第六条 {
  indicator 营业收入 = 营业收入 {
    quote "营业收入原则上不低于50亿元（国家级开发区不低于30亿元）"
    all constraint
      when 园区级别 == 国家级 => >= 30 亿元
      else => >= 50 亿元
  }
}
"#,
    );
    let judge_with = |revenue: i64| {
        judge(
            &p,
            &json!({"名称": "乙园区", "申报类型": "示范基地", "营业收入": revenue}),
        )
    };
    let r = judge_with(55);
    let row = rule(&r, "营业收入");
    assert_eq!(row["status"], "pass");
    // The strictest case is shown, and no one case is claimed to be taken.
    assert_eq!(row["threshold"], "≥ 50 亿元");
    assert!(row.get("case").is_none(), "{row:#}");
    assert!(
        row["note"].as_str().unwrap().contains("every case"),
        "{row:#}"
    );
    assert_eq!(r["verdict"], "eligible");
    let r = judge_with(20);
    assert_eq!(status(&r, "营业收入"), "fail");
    assert_eq!(rule(&r, "营业收入")["threshold"], "≥ 30 亿元");
    assert_eq!(status(&judge_with(40), "营业收入"), "unknown");
}

/// Sums and extremes over a list with unknown members: "园区内规上工业企业营业收入合计不低于100亿元，
/// 且至少一家企业营业收入不低于50亿元".
#[test]
fn sums_and_extremes_are_bounded_by_the_known_members() {
    let p = policy(
        r#"record 企业 { 名称: text  营业收入: 亿元 range 0.. }
input 规上企业: list of 企业
article 第七条 {
  quote "园区内规上工业企业营业收入合计不低于100亿元，且至少一家企业营业收入不低于50亿元。"
  condition 营业收入合计 = (sum e in 规上企业: e.营业收入) >= 100 亿元
  condition 龙头企业 = (max e in 规上企业: e.营业收入) >= 50 亿元
}
"#,
    );
    let firms = json!([
        {"名称": "A", "营业收入": 70},
        {"名称": "B", "营业收入": 35},
        {"名称": "C"}
    ]);
    let r = judge(
        &p,
        &json!({"名称": "丙园区", "申报类型": "产业基地", "规上企业": firms}),
    );
    // 70 + 35 = 105 亿元 known, C at least 0: the total is at least 105 亿元.
    let total = rule(&r, "营业收入合计");
    assert_eq!(total["status"], "pass");
    assert_eq!(total["bounds"], "≥ 105 亿元", "{total:#}");
    assert_eq!(status(&r, "龙头企业"), "pass");
    let small = json!([{"名称": "A", "营业收入": 40}, {"名称": "B"}]);
    let r = judge(
        &p,
        &json!({"名称": "丁园区", "申报类型": "产业基地", "规上企业": small}),
    );
    assert_eq!(status(&r, "营业收入合计"), "unknown");
    assert_eq!(status(&r, "龙头企业"), "unknown");
}

// ---------------------------------------------------------------------------- constant tables

/// The national annex (装备制造业), row 17: "单位工业增加值能耗……处于国内同行业先进水平" — the
/// advanced value differs by industry, so it is a table in the policy, read by the record's
/// industry; row 1: "产业集聚集群区年销售收入≥300亿元（特殊类型地区：≥150亿元）" — a threshold by
/// region. The figures of the energy table are this test's, not the measure's.
#[test]
fn tables_give_reference_values_by_key_with_units() {
    let p = policy(
        r#"unit 吨标准煤
enum 行业 { 钢铁, 有色金属, 化工 }
enum 地区类型 { 一般地区, 特殊类型地区 }
input 行业: 行业
input 地区类型: 地区类型
input 单位工业增加值能耗: 吨标准煤/万元 range 0..
input 销售收入: 亿元 range 0..
article 附件 {
  quote "单位工业增加值能耗、单位工业增加值用水量和工业固体废物综合利用率处于国内同行业先进水平"
  table 能耗先进值: 吨标准煤/万元 by 行业 { 钢铁 = 0.6, 有色金属 = 0.9, 化工 = 12000 吨标准煤/亿元 }
  table 销售收入门槛: 亿元 by 地区类型 { 一般地区 = 300, 特殊类型地区 = 1500000 万元 }
  indicator 单位工业增加值能耗 = 单位工业增加值能耗 {
    all constraint <= 能耗先进值[行业]
  }
  indicator 产业集聚集群区年销售收入 = 销售收入 {
    all constraint >= 销售收入门槛[地区类型]
  }
}
"#,
    );
    let r = judge(
        &p,
        &json!({"名称": "甲", "申报类型": "示范基地", "行业": "化工", "地区类型": "特殊类型地区",
                "单位工业增加值能耗": 1.3, "销售收入": 160}),
    );
    // 12000 吨标准煤/亿元 is 1.2 吨标准煤/万元: 1.3 is above the chemicals' advanced value.
    let energy = rule(&r, "单位工业增加值能耗");
    assert_eq!(energy["status"], "fail");
    assert_eq!(energy["threshold"], "≤ 1.2 吨标准煤/万元");
    assert_eq!(energy["margin"], "-0.1 吨标准煤/万元");
    // 1500000 万元 is 150 亿元 for a 特殊类型地区.
    let sales = rule(&r, "产业集聚集群区年销售收入");
    assert_eq!(sales["status"], "pass");
    assert_eq!(sales["threshold"], "≥ 150 亿元");
    // The industry unknown: 0.5 is below every industry's advanced value, 1.0 is not.
    let unknown_industry = |energy: f64| {
        judge(
            &p,
            &json!({"名称": "乙", "申报类型": "示范基地", "地区类型": "一般地区",
                    "单位工业增加值能耗": energy, "销售收入": 320}),
        )
    };
    let r = unknown_industry(0.5);
    let row = rule(&r, "单位工业增加值能耗");
    assert_eq!(row["status"], "pass", "{row:#}");
    assert_eq!(
        row["threshold_bounds"],
        "0.6 吨标准煤/万元 – 1.2 吨标准煤/万元"
    );
    assert_eq!(row["missing"], json!(["行业"]));
    assert_eq!(
        status(&unknown_industry(1.0), "单位工业增加值能耗"),
        "unknown"
    );
}

/// A table without a row for some key is unknown there, never zero — and bounds nothing.
#[test]
fn a_table_without_the_row_gives_unknown() {
    let p = policy(
        r#"enum 行业 { 钢铁, 有色金属, 化工 }
input 行业: 行业
input 能耗: 万元 range 0..
article 附件 {
  quote "处于国内同行业先进水平"
  table 先进值: 万元 by 行业 { 钢铁 = 6, 有色金属 = 9 }
  indicator 能耗 = 能耗 {
    all constraint <= 先进值[行业]
  }
}
"#,
    );
    let r = judge(
        &p,
        &json!({"名称": "丙", "申报类型": "示范基地", "行业": "化工", "能耗": 1}),
    );
    assert_eq!(status(&r, "能耗"), "unknown");
    let r = judge(
        &p,
        &json!({"名称": "丙", "申报类型": "示范基地", "能耗": 1}),
    );
    assert_eq!(status(&r, "能耗"), "unknown");
}

// --------------------------------------------------------------------------------- exceptions

/// "研发投入强度原则上不低于2%，国家另有规定的除外": the rule (第八条) and its exception (第九条),
/// each under its own article; the trace says which applied.
const EXCEPTIONS: &str = r#"input 研发投入强度: % range 0..100
input 国家另有规定: bool
input 国家规定的研发投入强度: % range 0..100
input 西部地区: bool
input 跨地市行政区域: bool
input 国家批准跨区域: bool
article 第八条 {
  quote "研发投入强度原则上不低于2%"
  indicator 研发投入强度 = 研发投入强度 {
    all constraint >= 2 %
  }
  quote "申报对象原则上不跨地市行政区域"
  condition 不跨地市行政区域 = not 跨地市行政区域
}
article 第九条 {
  quote "国家另有规定的除外"
  exception 国家另有规定 to 研发投入强度 when 国家另有规定 {
    all constraint >= 国家规定的研发投入强度
  }
  exception 国家批准跨区域 to 不跨地市行政区域 when 国家批准跨区域 = true
}
article 第十条 {
  quote "西部地区不作要求"
  exception 西部地区不作要求 to 国家另有规定 when 西部地区 waived
}
"#;

#[test]
fn an_exception_replaces_its_rule_where_it_holds_and_says_so() {
    let p = policy(EXCEPTIONS);
    let j = |r: Value| {
        let mut base = json!({"名称": "甲", "申报类型": "示范基地", "跨地市行政区域": false,
                              "西部地区": false, "国家批准跨区域": false});
        base.as_object_mut()
            .unwrap()
            .extend(r.as_object().unwrap().clone());
        judge(&p, &base)
    };
    // The default rule: 1.5 % is below 2 %.
    let r = j(json!({"研发投入强度": 1.5, "国家另有规定": false}));
    let row = rule(&r, "研发投入强度");
    assert_eq!(row["status"], "fail");
    assert_eq!(row["article"], "第八条");
    assert!(row.get("exception").is_none());
    // The national rule asks 1 %: the exception applies, under 第九条.
    let r = j(json!({"研发投入强度": 1.5, "国家另有规定": true, "国家规定的研发投入强度": 1}));
    let row = rule(&r, "研发投入强度");
    assert_eq!(row["status"], "pass", "{row:#}");
    assert_eq!(row["exception"], "国家另有规定");
    assert_eq!(row["exception_article"], "第九条");
    assert_eq!(row["threshold"], "≥ 1%");
    // An exception to the exception (第十条): the rule is waived in the west.
    let r = j(
        json!({"研发投入强度": 0.5, "国家另有规定": true, "国家规定的研发投入强度": 1, "西部地区": true}),
    );
    let row = rule(&r, "研发投入强度");
    assert_eq!(row["status"], "not_applicable");
    assert_eq!(row["exception"], "西部地区不作要求");
    assert_eq!(row["exception_article"], "第十条");
    assert_eq!(r["verdict"], "eligible");
    // A condition's exception replaces its test.
    let r = j(
        json!({"研发投入强度": 3, "国家另有规定": false, "跨地市行政区域": true, "国家批准跨区域": true}),
    );
    assert_eq!(status(&r, "不跨地市行政区域"), "pass");
    assert_eq!(rule(&r, "不跨地市行政区域")["exception"], "国家批准跨区域");
}

/// Whether the exception applies cannot be told: decided when both give one status.
#[test]
fn an_unknown_exception_decides_only_when_both_agree() {
    let p = policy(EXCEPTIONS);
    let j = |research: f64| {
        judge(
            &p,
            &json!({"名称": "乙", "申报类型": "示范基地", "跨地市行政区域": false, "西部地区": false,
                    "研发投入强度": research, "国家规定的研发投入强度": 1}),
        )
    };
    // 3 % meets both 2 % and 1 %.
    let r = j(3.0);
    let row = rule(&r, "研发投入强度");
    assert_eq!(row["status"], "pass");
    assert!(row["note"]
        .as_str()
        .unwrap()
        .contains("the result is the same"));
    // 1.5 % meets the exception's 1 % but not the rule's 2 %.
    let r = j(1.5);
    assert_eq!(status(&r, "研发投入强度"), "unknown");
    assert_eq!(r["verdict"], "undetermined");
    // 0.5 % meets neither.
    assert_eq!(status(&j(0.5), "研发投入强度"), "fail");
}

/// Two exceptions that both hold: the measure gives no one answer (Catala's conflict).
#[test]
fn two_exceptions_at_once_leave_the_rule_undetermined() {
    let extra = "input 高新区: bool\narticle 第十一条 {\n  quote \"高新区另有规定的除外\"\n  \
                 exception 高新区另有规定 to 研发投入强度 when 高新区 {\n    all constraint >= 1.5 %\n  }\n}\n";
    let p = policy(&format!("{EXCEPTIONS}{extra}"));
    let r = judge(
        &p,
        &json!({"名称": "丙", "申报类型": "示范基地", "跨地市行政区域": false, "西部地区": false,
                "研发投入强度": 1.8, "国家另有规定": true, "国家规定的研发投入强度": 1, "高新区": true}),
    );
    let row = rule(&r, "研发投入强度");
    assert_eq!(row["status"], "unknown");
    assert!(
        row["note"].as_str().unwrap().contains("both apply"),
        "{row:#}"
    );
}

// ------------------------------------------------------------------------- binding by a field

/// "研发投入强度不低于2%" (第八条) with "西部地区可适当放宽，东北地区不低于1.5%，民族地区由评审组
/// 研究确定" (第十条): one indicator, binding by the park's region under its own article.
const BINDING: &str = include_str!("data/binding/policy.jidi");

fn bound(p: &Policy, tier: &str, region: Option<&str>, research: f64) -> Value {
    let mut r = json!({"名称": "甲", "申报类型": tier, "研发投入强度": research});
    if let Some(region) = region {
        r["所在区域"] = json!(region);
    }
    judge(p, &r)
}

/// 第八条 binds in the east; 第十条 makes it guidance in the west, 1.5 % in the north-east.
#[test]
fn a_binding_by_field_applies_by_the_records_value_and_says_which() {
    let p = compile(BINDING);
    // 东部, 1.8 %: 第八条 as written — a constraint that fails.
    let r = bound(&p, "示范基地", Some("东部"), 1.8);
    let row = rule(&r, "研发投入强度");
    assert_eq!(
        (row["status"].as_str(), row["kind"].as_str()),
        (Some("fail"), Some("constraint"))
    );
    assert!(row.get("binding").is_none(), "{row:#}");
    assert_eq!(r["verdict"], "not_eligible");
    // 西部, 1.8 %: guidance by 第十条, so the shortfall does not block.
    let r = bound(&p, "示范基地", Some("西部"), 1.8);
    let row = rule(&r, "研发投入强度");
    assert_eq!(
        (row["status"].as_str(), row["kind"].as_str()),
        (Some("fail"), Some("guidance"))
    );
    assert_eq!(row["article"], "第八条");
    assert_eq!(row["binding"], "区域放宽");
    assert_eq!(row["binding_article"], "第十条");
    assert_eq!(row["binding_case"], "所在区域 = 西部");
    assert_eq!(row["binding_effect"], "guidance");
    assert_eq!(r["verdict"], "eligible");
    // 东北, 1.8 %: the relaxed 1.5 % is met.
    let r = bound(&p, "示范基地", Some("东北"), 1.8);
    let row = rule(&r, "研发投入强度");
    assert_eq!(row["status"], "pass", "{row:#}");
    assert_eq!(row["threshold"], "≥ 1.5%");
    assert_eq!(row["binding_effect"], "relaxed");
    // 东北, 1.2 %: below even the relaxed threshold.
    let r = bound(&p, "示范基地", Some("东北"), 1.2);
    assert_eq!(status(&r, "研发投入强度"), "fail");
    assert_eq!(r["verdict"], "not_eligible");
    // 产业基地 in 东北: 第十条 states no other threshold for it, so 第八条's guidance stands.
    let r = bound(&p, "产业基地", Some("东北"), 0.5);
    let row = rule(&r, "研发投入强度");
    assert_eq!(
        (row["status"].as_str(), row["kind"].as_str()),
        (Some("fail"), Some("guidance"))
    );
    assert!(row.get("binding").is_none(), "{row:#}");
    assert_eq!(row["threshold"], "≥ 1%");
}

/// 民族地区 "由评审组研究确定": a figure that meets 第八条 passes; one short of it is left to
/// the panel — undetermined, never failed.
#[test]
fn a_binding_left_to_the_panel_is_undetermined_only_where_the_rule_is_not_met() {
    let p = compile(BINDING);
    let r = bound(&p, "示范基地", Some("民族地区"), 2.5);
    assert_eq!(status(&r, "研发投入强度"), "pass");
    assert_eq!(r["verdict"], "eligible");
    let r = bound(&p, "示范基地", Some("民族地区"), 1.8);
    let row = rule(&r, "研发投入强度");
    assert_eq!(row["status"], "unknown");
    assert_eq!(row["binding_effect"], "undetermined");
    assert!(
        row["note"].as_str().unwrap().contains("left to the panel"),
        "{row:#}"
    );
    assert_eq!(r["verdict"], "undetermined");
}

/// The region unknown: the binding is never guessed. A figure that meets every binding it may
/// have passes; one that fails as a constraint in the east but not in the west is unknown.
#[test]
fn an_unknown_binding_field_leaves_the_binding_undetermined() {
    let p = compile(BINDING);
    let r = bound(&p, "示范基地", None, 2.5);
    let row = rule(&r, "研发投入强度");
    assert_eq!(row["status"], "pass");
    assert!(
        row["note"]
            .as_str()
            .unwrap()
            .contains("the result is the same"),
        "{row:#}"
    );
    assert_eq!(r["verdict"], "eligible");
    let r = bound(&p, "示范基地", None, 1.8);
    let row = rule(&r, "研发投入强度");
    assert_eq!(
        (row["status"].as_str(), row["kind"].as_str()),
        (Some("unknown"), Some("constraint"))
    );
    assert!(
        row["note"]
            .as_str()
            .unwrap()
            .contains("how far the rule binds is undetermined"),
        "{row:#}"
    );
    assert!(row.get("binding").is_none());
    assert_eq!(r["verdict"], "undetermined");
    // 产业基地 at 0.5 %: guidance in every region (第十条 only relaxes 示范基地's threshold), so
    // it never blocks — but in 民族地区 the panel decides, so even its fail is not certain.
    let r = bound(&p, "产业基地", None, 0.5);
    let row = rule(&r, "研发投入强度");
    assert_eq!(
        (row["status"].as_str(), row["kind"].as_str()),
        (Some("unknown"), Some("guidance")),
        "{row:#}"
    );
    assert_eq!(r["verdict"], "eligible");
}

// ----------------------------------------------------------------------------- average growth

/// "近三年产值年均增速高于3%" (the issue's example): the compound rate over the years, decided
/// exactly — 100 → 109.2727 亿元 over three years is exactly 3 % a year (1.03³ = 1.092727), so it
/// is not *above* 3 % — and shown as a percentage.
#[test]
fn average_growth_is_decided_exactly_and_shown_as_a_percentage() {
    let p = policy(
        r#"input 近三年产值: list of 亿元
article 第四条 {
  quote "近三年产值年均增速高于3%"
  assume 近三年 "近三年 is the base year and the three years after it: four figures, three years of growth, oldest first."
  indicator 产值年均增速 = growth(近三年产值) {
    all constraint > 3 %
  }
  condition 增速不低于3 = growth(近三年产值) >= 3 %
  condition 增速反写 = 3 % <= growth(近三年产值)
}
"#,
    );
    let j = |figures: Value| {
        judge(
            &p,
            &json!({"名称": "甲", "申报类型": "示范基地", "近三年产值": figures}),
        )
    };
    let exact = j(json!([100, 103, 106.09, 109.2727]));
    let row = rule(&exact, "产值年均增速");
    assert_eq!(row["status"], "fail", "{row:#}");
    assert_eq!(row["figure"], "3%");
    assert_eq!(row["threshold"], "> 3%");
    assert!(
        row.get("margin").is_none(),
        "a rounded rate claims no margin"
    );
    assert_eq!(status(&exact, "增速不低于3"), "pass");
    assert_eq!(status(&exact, "增速反写"), "pass");
    // One ten-thousandth of 亿元 more: above 3 %.
    let above = j(json!([100, 101, 102, 109.2728]));
    assert_eq!(status(&above, "产值年均增速"), "pass");
    let row = rule(&above, "产值年均增速");
    assert!(
        row["figure"].as_str().unwrap().starts_with("3.00003"),
        "{row:#}"
    );
    // The middle years do not matter; the ends do. An unknown end is unknown.
    let unknown = j(json!([null, 101, 102, 120]));
    assert_eq!(status(&unknown, "产值年均增速"), "unknown");
    // A base of zero has no growth rate: unknown, with the reason.
    let zero = j(json!([0, 10, 20, 30]));
    let row = rule(&zero, "产值年均增速");
    assert_eq!(row["status"], "unknown");
    assert!(
        row["note"].as_str().unwrap().contains("two yearly figures"),
        "{row:#}"
    );
}

// ------------------------------------------------------------------------ rules reading rules

/// "规模效益各项约束性指标均达标" (the issue: "all constraint indicators of group 规模效益 pass")
/// and an indicator's figure in a later ratio: the national annex's 主导产业销售收入 share, here
/// read from the figure of 产业集聚集群区年销售收入 — declared after it, judged before it.
#[test]
fn rules_read_other_rules_status_and_figure() {
    let p = policy(
        r#"input 销售收入: 亿元 range 0..
input 主导产业销售收入: 亿元 range 0..
input 研发投入强度: % range 0..100
article 附件 {
  quote "产业集聚集群区年销售收入≥300亿元；主导产业销售收入占产业集聚集群区销售收入比重≥50%"
  indicator 主导产业销售收入占比 = 主导产业销售收入 / figure(产业集聚集群区年销售收入) as % {
    group 规模效益
    all constraint >= 50 %
  }
  indicator 产业集聚集群区年销售收入 = 销售收入 {
    group 规模效益
    all constraint >= 300 亿元
  }
  indicator 研发投入强度 = 研发投入强度 {
    group 创新能力
    all guidance >= 2 %
  }
}
article 第六条 {
  quote "规模效益各项约束性指标均达标的，方可申报优势产业示范基地"
  condition 规模效益达标 for 示范基地 = passed(group 规模效益)
  condition 研发达标 = passed(研发投入强度) or 销售收入 >= 1000 亿元
}
"#,
    );
    let j = |sales: Value, core: f64, research: f64| {
        judge(
            &p,
            &json!({"名称": "甲", "申报类型": "示范基地", "销售收入": sales,
                    "主导产业销售收入": core, "研发投入强度": research}),
        )
    };
    let r = j(json!(400), 240.0, 3.0);
    let share = rule(&r, "主导产业销售收入占比");
    assert_eq!(share["figure"], "60%");
    assert_eq!(share["status"], "pass");
    assert_eq!(status(&r, "规模效益达标"), "pass");
    assert_eq!(r["verdict"], "eligible");
    // The share fails: the group does not pass.
    let r = j(json!(400), 160.0, 3.0);
    assert_eq!(status(&r, "主导产业销售收入占比"), "fail");
    assert_eq!(status(&r, "规模效益达标"), "fail");
    // Sales unknown: both indicators are unknown, and so is the group.
    let r = judge(
        &p,
        &json!({"名称": "乙", "申报类型": "示范基地", "主导产业销售收入": 240, "研发投入强度": 3}),
    );
    assert_eq!(status(&r, "主导产业销售收入占比"), "unknown");
    assert_eq!(status(&r, "规模效益达标"), "unknown");
    // A guidance indicator read as a test: 1.5 % fails it, and the sales do not make up for it.
    assert_eq!(status(&j(json!(400), 240.0, 1.5), "研发达标"), "fail");
    // For 产业基地 the condition does not apply; the group is not read.
    let r = judge(
        &p,
        &json!({"名称": "丙", "申报类型": "产业基地", "销售收入": 100, "主导产业销售收入": 60, "研发投入强度": 3}),
    );
    assert_eq!(status(&r, "规模效益达标"), "not_applicable");
    // One trace reused across these records, as a batch does, gives each the trace a fresh one
    // gives: a rule that reads another never sees the last record's trace of it.
    let parks = [
        json!({"名称": "甲", "申报类型": "示范基地", "销售收入": 400, "主导产业销售收入": 240, "研发投入强度": 3}),
        json!({"名称": "乙", "申报类型": "示范基地", "主导产业销售收入": 240, "研发投入强度": 3}),
        json!({"名称": "丙", "申报类型": "示范基地", "销售收入": 400, "主导产业销售收入": 160, "研发投入强度": 1.5}),
        json!({"名称": "丁", "申报类型": "产业基地", "销售收入": 100, "主导产业销售收入": 60, "研发投入强度": 3}),
        json!({"名称": "戊", "申报类型": "示范基地", "销售收入": 1200, "主导产业销售收入": 700, "研发投入强度": 1}),
    ];
    let mut reused = jidi::eval::Trace::new();
    for park in parks.iter().chain(parks.iter().rev()) {
        let loaded = jidi::data::load_source(&p, &Source::new("r.json", park.to_string()));
        let record = loaded[0].record.as_ref().expect("a record");
        let mut fresh = jidi::eval::Trace::new();
        p.trace(record, &mut reused);
        p.trace(record, &mut fresh);
        assert_eq!(reused.rules, fresh.rules, "{park}");
        assert_eq!(reused.checks, fresh.checks, "{park}");
        assert_eq!(reused.verdict, fresh.verdict, "{park}");
    }
}

// ------------------------------------------------------------------- keywords that are names

/// 定性, 撤销 and 条件 are ordinary words of measures ("定性评价", "撤销批复文件", "申报条件"):
/// where a name is expected they are names, in either keyword language, and converting the
/// keywords leaves them alone.
#[test]
fn declaration_keywords_are_names_where_a_name_is_expected() {
    let text = format!(
        "{HEAD}enum 处理方式 {{ 撤销, 警告 }}\nenum 评价方式 {{ 定量, 定性 }}\n\
         record 事件 {{ 处理: 处理方式 }}\ninput 事件: list of 事件\ninput 评价方式: 评价方式\n\
         input 条件: bool\n\
         article 第二十七条 {{\n  quote \"存在弄虚作假的，撤销批复文件\"\n  \
         veto 撤销批复 = any e in 事件: e.处理 == 撤销\n  condition 申报条件 = 条件\n  \
         condition 定性 = 评价方式 == 定性\n}}\n{DECISION}"
    );
    let p = compile(&text);
    let r = judge(
        &p,
        &json!({"名称": "甲", "申报类型": "示范基地", "事件": [{"处理": "撤销"}],
                "评价方式": "定性", "条件": true}),
    );
    assert_eq!(status(&r, "撤销批复"), "fail");
    assert_eq!(status(&r, "申报条件"), "pass");
    assert_eq!(status(&r, "定性"), "pass");
    // Converting to Chinese keywords and back keeps every name, and the policy means the same.
    let zh = jidi::syntax::format::format_with_keywords(
        &text,
        Some(jidi::syntax::keywords::KeywordSet::Zh),
    );
    assert!(
        zh.contains("否决 撤销批复 = 任一 e 属于 事件: e.处理 == 撤销"),
        "{zh}"
    );
    assert!(zh.contains("条件 定性 = 评价方式 == 定性"), "{zh}");
    let en = jidi::syntax::format::format_with_keywords(
        &zh,
        Some(jidi::syntax::keywords::KeywordSet::En),
    );
    assert!(en.contains("condition 申报条件 = 条件"), "{en}");
    assert_eq!(
        en,
        jidi::syntax::format::format_with_keywords(
            &text,
            Some(jidi::syntax::keywords::KeywordSet::En)
        )
    );
    let again = compile(&zh);
    assert_eq!(
        judge(
            &again,
            &json!({"名称": "甲", "申报类型": "示范基地", "事件": [], "评价方式": "定量", "条件": true})
        )["verdict"],
        "not_eligible"
    );
}

// --------------------------------------------------------------------- several named decisions

/// 《北京市先进制造业和现代服务业融合示范园区和试点企业认定及支持办法（试行）》 decides a title
/// (示范园区, on the conditions of its 第二章) and, separately, funding (第三条 "对获得过其他市级
/// 财政资金支持的项目不再予以资金支持"): two decisions, each over its own rules, each explained.
#[test]
fn several_decisions_each_over_its_own_rules() {
    let p = compile(&format!(
        "{HEAD}input 年营业收入: 亿元 range 0..\ninput 先进制造营业收入占比: % range 0..100\n\
         input 现代服务营业收入占比: % range 0..100\ninput 获得过其他市级财政资金支持: bool\n\
         article 第八条 {{\n  quote \"（二）园区年营业收入不低于100亿元；（三）先进制造年营业收入占园区年营业收入比重不低于30%，且现代服务年营业收入占园区年营业收入比重不低于30%\"\n  \
         condition 年营业收入 = 年营业收入 >= 100 亿元\n  \
         condition 融合比重 = 先进制造营业收入占比 >= 30 % and 现代服务营业收入占比 >= 30 %\n}}\n\
         article 第三条 {{\n  quote \"对获得过其他市级财政资金支持的项目不再予以资金支持。\"\n  \
         condition 未获其他市级财政资金 = not 获得过其他市级财政资金支持\n  \
         decision 资金支持 {{\n    not_eligible when 示范园区认定 is not_eligible or any condition is fail\n    \
         undetermined when 示范园区认定 is undetermined or any condition is unknown\n    otherwise eligible\n  }}\n}}\n\
         decision 示范园区认定 {{\n  not_eligible when any condition is fail\n  undetermined when any condition is unknown\n  otherwise eligible\n}}\n"
    ));
    let j = |revenue: i64, funded: Option<bool>| {
        let mut r = json!({"名称": "甲园区", "申报类型": "示范基地", "年营业收入": revenue,
                           "先进制造营业收入占比": 40, "现代服务营业收入占比": 35});
        if let Some(f) = funded {
            r["获得过其他市级财政资金支持"] = json!(f);
        }
        judge(&p, &r)
    };
    let decision = |r: &Value| r["decisions"][0].clone();
    // Titled, and already funded elsewhere: no funding — but the title stands (第三条 is not a
    // condition of the title).
    let r = j(120, Some(true));
    assert_eq!(r["verdict"], "eligible");
    let d = decision(&r);
    assert_eq!(d["name"], "资金支持");
    assert_eq!(d["article"], "第三条");
    assert_eq!(d["verdict"], "not_eligible");
    assert_eq!(d["because"], json!(["第三条 未获其他市级财政资金 fail"]));
    // Not titled: no funding, because of the title.
    let r = j(80, Some(false));
    assert_eq!(r["verdict"], "not_eligible");
    assert_eq!(decision(&r)["verdict"], "not_eligible");
    assert_eq!(
        decision(&r)["because"],
        json!(["示范园区认定 is not_eligible"])
    );
    // Titled and not funded: both.
    assert_eq!(decision(&j(120, Some(false)))["verdict"], "eligible");
    // Funding unknown: the title is decided, the funding is not.
    let r = j(120, None);
    assert_eq!(r["verdict"], "eligible");
    assert_eq!(decision(&r)["verdict"], "undetermined");
    // The table (eval, explain, the REPL) gives the decision a line of its own, with its reason.
    let record = json!({"名称": "甲园区", "申报类型": "示范基地", "年营业收入": 120,
                        "先进制造营业收入占比": 40, "现代服务营业收入占比": 35,
                        "获得过其他市级财政资金支持": true});
    let loaded = jidi::data::load_source(&p, &Source::new("r.json", record.to_string()));
    let judgement = p.judge(loaded[0].record.as_ref().unwrap());
    let table =
        jidi::report::table::judgement(&p, &judgement, "r.json", true, false, jidi::i18n::Lang::En);
    let line = table
        .lines()
        .find(|l| l.contains("资金支持"))
        .unwrap_or_else(|| panic!("no decision line in\n{table}"));
    assert!(line.contains("(第三条)"), "{line}");
    assert!(line.contains("第三条 未获其他市级财政资金 fail"), "{line}");
}
