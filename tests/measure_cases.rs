//! Test cases derived by hand from the measure text — 《四川省新型工业化产业示范基地服务促进办法
//! （征求意见稿）》 and its annex 《省级新型工业化产业示范基地指标体系》
//! (/work/shared/measure/sichuan-2023-draft.zh.txt) — run against the shipped policy
//! `policies/sichuan-2023-draft.jidi` through the library and its JSON interface.
//!
//! Every test starts from a passing baseline record (a 示范基地 or a 产业基地, below) and changes
//! one thing, then asserts the verdict AND the status of the rule that article / annex row encodes.
//! The expected outcomes are what the measure says; where the measure is silent, what the
//! policy's own stated `assume` says (and the test comment names that assumption).

#![recursion_limit = "256"]
// Test helpers outside `#[test]` functions are not covered by clippy.toml's `allow-*-in-tests`;
// a test that cannot read its policy or find a rule should panic, loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use jidi::check::Policy;
use jidi::Source;
use serde_json::{json, Value};
use std::sync::OnceLock;

// ---------------------------------------------------------------------------------------- harness

const POLICY_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/policies/sichuan-2023-draft.jidi"
);

fn policy_text() -> String {
    std::fs::read_to_string(POLICY_PATH).expect("the shipped policy can be read")
}

fn compile(text: &str) -> Policy {
    let checked = jidi::check::check(&Source::new(POLICY_PATH, text));
    match checked.policy {
        Some(p) => p,
        None => panic!("the policy does not check: {:#?}", checked.diagnostics),
    }
}

fn shipped() -> &'static Policy {
    static POLICY: OnceLock<Policy> = OnceLock::new();
    POLICY.get_or_init(|| compile(&policy_text()))
}

/// Judges one record (a JSON object) and returns the JSON interface of records.md.
fn judge_with(policy: &Policy, record: &Value) -> Value {
    let text = serde_json::to_string_pretty(record).unwrap();
    let loaded = jidi::data::load_source(policy, &Source::new("record.json", text));
    assert_eq!(loaded.len(), 1, "one record in, one record out");
    let loaded = &loaded[0];
    assert!(
        loaded.diagnostics.is_empty(),
        "the record should load cleanly (a typo in a field name would make a test vacuous): {:#?}",
        loaded.diagnostics
    );
    let record = loaded.record.as_ref().expect("the record loads");
    let judgement = policy.judge(record);
    jidi::report::json::judgement(policy, &judgement)
}

fn judge(record: &Value) -> Value {
    judge_with(shipped(), record)
}

fn verdict(report: &Value) -> &str {
    report["verdict"].as_str().expect("a verdict")
}

/// The result of the rule called `name` (an indicator, a condition or a veto).
fn rule<'a>(report: &'a Value, name: &str) -> &'a Value {
    let all = report["indicators"].as_array().expect("indicators");
    all.iter().find(|r| r["name"] == name).unwrap_or_else(|| {
        let names: Vec<&str> = all.iter().filter_map(|r| r["name"].as_str()).collect();
        panic!("no rule named `{name}` in the report; the rules are {names:?}")
    })
}

/// Asserts the verdict, and the article and status of the named rule; prints the report on failure.
#[track_caller]
fn expect(report: &Value, want_verdict: &str, name: &str, article: &str, want_status: &str) {
    let r = rule(report, name);
    let pretty = || serde_json::to_string_pretty(r).unwrap();
    assert_eq!(
        r["article"],
        article,
        "rule `{name}` should cite {article}: {}",
        pretty()
    );
    assert_eq!(
        r["status"],
        want_status,
        "rule `{name}` ({article}) status: {}",
        pretty()
    );
    assert_eq!(
        verdict(report),
        want_verdict,
        "verdict; rule `{name}` is {}; non-passing rules: {}",
        pretty(),
        non_passing(report)
    );
}

#[track_caller]
fn expect_kind(report: &Value, name: &str, kind: &str) {
    assert_eq!(rule(report, name)["kind"], kind, "kind of `{name}`");
}

fn non_passing(report: &Value) -> String {
    report["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] != "pass" && r["status"] != "not_applicable")
        .map(|r| format!("{} ({}) = {}", r["name"], r["article"], r["status"]))
        .collect::<Vec<_>>()
        .join("; ")
}

/// `record` with field `key` set to `value`.
fn with(mut record: Value, key: &str, value: Value) -> Value {
    record[key] = value;
    record
}

/// `record` without field `key` (absent = unknown, records.md).
fn without(mut record: Value, key: &str) -> Value {
    record
        .as_object_mut()
        .unwrap()
        .remove(key)
        .unwrap_or_else(|| panic!("the baseline has no field {key}"));
    record
}

/// `record` with the expert verdict (定性评价) on `indicator` set to `value`.
fn with_verdict(mut record: Value, indicator: &str, value: &str) -> Value {
    record["定性评价"][indicator] = json!(value);
    record
}

/// `record` without an expert verdict on `indicator`.
fn without_verdict(mut record: Value, indicator: &str) -> Value {
    record["定性评价"]
        .as_object_mut()
        .unwrap()
        .remove(indicator)
        .unwrap_or_else(|| panic!("the baseline has no verdict on {indicator}"));
    record
}

/// `record` with one event in 事件.
fn with_event(record: Value, event: Value) -> Value {
    with(record, "事件", json!([event]))
}

// ---------------------------------------------------------------------------------------- baselines

/// Every qualitative indicator of the annex, general rows 6, 7, 10, 14–19, 21 and special rows
/// 1–9, 11, 13, 14, 18–20, all 达标. Keys are the indicator names as the measure writes them.
fn all_verdicts_met() -> Value {
    let names = [
        // general rows
        "质量体系建设情况",
        "品牌培育情况",
        "信息基础设施建设",
        "清洁能源利用情况",
        "绿色制造发展情况",
        "产业链供应链情况",
        "优质企业培育情况",
        "公共服务平台情况",
        "所在地政府支持情况",
        "区域间产业协作情况",
        // 特色指标1–5 (高技术转化应用)
        "区位优势与战略地位",
        "市场主体活跃度",
        "科技协同创新水平",
        "技术双向转移转化成效",
        "服务国家重大发展战略成效",
        // 特色指标6–9 (软件和信息服务/大数据)
        "融合应用情况",
        "国内开源生态建设情况",
        "信息技术服务供给能力水平",
        "安全保障建设",
        // 特色指标11, 13, 14 (工业互联网)
        "标识解析体系建设",
        "安全基础支撑能力",
        "企业纵向打通集成水平",
        // 特色指标18–20 (数据中心)
        "发展环境",
        "安全可靠、网络及服务能力",
        "行业应用",
    ];
    Value::Object(
        names
            .iter()
            .map(|n| (n.to_string(), json!("达标")))
            .collect(),
    )
}

/// A 示范基地 that meets every condition and every indicator with room to spare:
/// 指标1 250 ≥ 200 亿元; 指标2 150/250 = 60 % ≥ 50 %; 指标3 250 亿元 / 200 公顷 = 12500 万元/公顷
/// ≥ 4000; 指标5 8 ≥ 5; 指标12 0.20 ≤ 0.25; 指标13 6 ≤ 8; 指标20 12 > 8.
/// It also carries passing figures for the 工业互联网 and 数据中心 special indicators, so a test
/// can switch the field alone; without 细分领域 those rows do not apply.
fn demo() -> Value {
    json!({
        "名称": "测试示范园区",
        "申报类型": "示范基地",
        "主导产业": "电子元器件",
        "领域": "电子信息",
        "园区类型": "工业园区",
        "批准机关级别": "省",
        "所在市州": "成都市",
        "欠发达县域": false,
        "国家级示范基地": false,
        "申报日期": "2025-03-20",
        "材料": ["推荐文件", "申报书", "证明材料"],
        "营业收入": 250,
        "主导产业营业收入": 150,
        "工业用地面积": 200,
        "研发投入强度": 2.5,
        "省级以上创新平台数量": 8,
        "数字化研发设计工具普及率": 95,
        "关键工序数控化率": 80,
        "企业上云率": 100,
        "单位工业增加值能耗": 0.20,
        "单位工业增加值能耗先进值": 0.25,
        "单位工业增加值用水量": 6,
        "单位工业增加值用水量先进值": 8,
        "省外资金增速": 12,
        "所在地省外资金增速": 8,
        // 工业互联网 (特色指标10–14)
        "高质量外网覆盖工业企业比例": 42,
        "工业互联网及新型工业网络覆盖率": 38,
        "数字化设备联网率": 61,
        "标识解析二级节点": true,
        "标识解析企业节点数": 12,
        "工业互联网平台": true,
        "规上工业企业上云上平台比例": 45,
        // 数据中心 (特色指标15–20): a large centre operating for years
        "设计标准机架数": 12000,
        "基础设施状态": "全部建成",
        "投产运营": true,
        "投产日期": "2021-06-30",
        "IT设备负荷率": 62,
        "运行年均PUE": 1.25,
        "设计年均PUE": 1.22,
        "绿色等级": "5A",
        "国家绿色数据中心": true,
        "算力算效目标": true,
        "每机架平均带宽": 400,
        "定性评价": all_verdicts_met(),
        "事件": []
    })
}

/// A 产业基地 in an under-developed county that meets everything with room to spare:
/// 指标1 100 ≥ 75 亿元; 指标2 60/100 = 60 %; 指标3 100 亿元 / 20 公顷 = 50000 ≥ 2500 万元/公顷;
/// 指标5 3 ≥ 2 (guidance). 企业上云率 (指标11, 示范 only) is absent.
fn industry() -> Value {
    json!({
        "名称": "测试产业园区",
        "申报类型": "产业基地",
        "主导产业": "钒钛新材料",
        "领域": "先进材料",
        "园区类型": "工业园区",
        "批准机关级别": "市州",
        "所在市州": "凉山彝族自治州",
        "欠发达县域": true,
        "国家级示范基地": false,
        "申报日期": "2025-03-20",
        "材料": ["推荐文件", "申报书", "证明材料"],
        "营业收入": 100,
        "主导产业营业收入": 60,
        "工业用地面积": 20,
        "研发投入强度": 1.5,
        "省级以上创新平台数量": 3,
        "数字化研发设计工具普及率": 75,
        "关键工序数控化率": 55,
        "单位工业增加值能耗": 1.1,
        "单位工业增加值能耗先进值": 1.3,
        "单位工业增加值用水量": 18,
        "单位工业增加值用水量先进值": 22,
        "省外资金增速": 15,
        "所在地省外资金增速": 9,
        "定性评价": all_verdicts_met(),
        "事件": []
    })
}

/// The 示范 baseline in an emerging sub-field, with revenue near the emerging threshold:
/// 营业收入 120 亿元 (≥ 100, < 200), 主导产业营业收入 80 (66.7 %), land 200 公顷 → 6000 万元/公顷.
fn demo_in(sub_field: &str) -> Value {
    let r = with(demo(), "领域", json!("数字经济"));
    let r = with(r, "细分领域", json!(sub_field));
    let r = with(r, "营业收入", json!(120));
    with(r, "主导产业营业收入", json!(80))
}

/// The 示范 baseline as a data-centre park (the baseline's centre is large: 12000 racks).
fn datacentre() -> Value {
    let r = with(demo(), "领域", json!("数字经济"));
    with(r, "细分领域", json!("数据中心"))
}

/// The 示范 baseline as an industrial-internet park.
fn iiot() -> Value {
    let r = with(demo(), "领域", json!("数字经济"));
    with(r, "细分领域", json!("工业互联网"))
}

/// The 示范 baseline in the field 高技术转化应用 (第五条).
fn hitech() -> Value {
    with(demo(), "领域", json!("高技术转化应用"))
}

fn event(kind: &str, level: &str, date: &str) -> Value {
    json!({ "类型": kind, "级别": level, "日期": date })
}

// The rules' names and citations, as the policy states them.
const ART8_LEVEL: (&str, &str) = ("批准机关级别", "第八条");
const ART8_REGION: (&str, &str) = ("申报范围", "第八条");
const ART9_ACCIDENT: (&str, &str) = ("重大生产安全事故", "第九条");
const ART9_POLLUTION: (&str, &str) = ("Ⅱ级及以上环境污染事件", "第九条");
const ART9_LAND: (&str, &str) = ("严重自然资源违法案件", "第九条");
const ART10: (&str, &str) = ("申报材料齐全", "第十条");
const ART23: (&str, &str) = ("未获国家级称号", "第二十三条");
const ROW1: (&str, &str) = ("产业聚集区营业收入", "附件 指标1");
const ROW2: (&str, &str) = ("主导产业营业收入占产业集聚区营业收入比重", "附件 指标2");
const ROW3: (&str, &str) = ("工业用地地均收入", "附件 指标3");
const ROW4: (&str, &str) = ("规上工业企业研发与实验（R&D）投入强度", "附件 指标4");
const ROW5: (&str, &str) = ("主导产业方面的省级以上创新平台数量", "附件 指标5");
const ROW7: (&str, &str) = ("品牌培育情况", "附件 指标7");
const ROW8: (&str, &str) = ("数字化研发设计工具普及率", "附件 指标8");
const ROW9: (&str, &str) = ("关键工序数控化率", "附件 指标9");
const ROW11: (&str, &str) = ("企业上云率", "附件 指标11");
const ROW12: (&str, &str) = ("单位工业增加值能耗", "附件 指标12");
const ROW13: (&str, &str) = ("单位工业增加值用水量", "附件 指标13");
const ROW20: (&str, &str) = ("实际到位省外资金增速", "附件 指标20");
const SP3: (&str, &str) = ("科技协同创新水平", "附件 特色指标3");
const SP5: (&str, &str) = ("服务国家重大发展战略成效", "附件 特色指标5");
const SP9: (&str, &str) = ("安全保障建设", "附件 特色指标9");
const SP10: (&str, &str) = ("网络基础支撑能力", "附件 特色指标10");
const SP12: (&str, &str) = ("平台基础支撑能力", "附件 特色指标12");
const SP15: (&str, &str) = ("规模利用率", "附件 特色指标15");
const SP16: (&str, &str) = ("运行年均 PUE", "附件 特色指标16");
const SP17: (&str, &str) = ("绿色及算力算效", "附件 特色指标17");
const SP18: (&str, &str) = ("发展环境", "附件 特色指标18");

#[track_caller]
fn check(report: &Value, want_verdict: &str, rule: (&str, &str), want_status: &str) {
    expect(report, want_verdict, rule.0, rule.1, want_status);
}

// ---------------------------------------------------------------------------------------- baselines pass

#[test]
fn baselines_are_eligible() {
    for (what, record) in [
        ("示范", demo()),
        ("产业", industry()),
        ("示范 大数据", demo_in("大数据")),
        ("示范 工业互联网", iiot()),
        ("示范 数据中心", datacentre()),
        ("示范 高技术转化应用", hitech()),
    ] {
        let report = judge(&record);
        assert_eq!(
            verdict(&report),
            "eligible",
            "{what} baseline: {}",
            non_passing(&report)
        );
        assert!(
            non_passing(&report).is_empty(),
            "{what} baseline should pass every applicable rule: {}",
            non_passing(&report)
        );
    }
}

// ---------------------------------------------------------------------------------------- 第八条

/// 第八条: "申报对象应为由市（州）及以上人民政府批准成立的各类产业园区" — a park approved by a
/// county (县) government is below 市（州） and may not apply.
#[test]
fn art8_county_approved_park_is_not_eligible() {
    let report = judge(&with(demo(), "批准机关级别", json!("县")));
    check(&report, "not_eligible", ART8_LEVEL, "fail");
}

/// 第八条: "由市（州）及以上人民政府批准成立" — 市（州） itself is enough ("及以上" includes it).
#[test]
fn art8_city_approved_park_is_eligible() {
    let report = judge(&with(demo(), "批准机关级别", json!("市州")));
    check(&report, "eligible", ART8_LEVEL, "pass");
}

/// 第八条: "及以上" — 国家 and 省 are above 市（州）.
#[test]
fn art8_state_and_province_approved_parks_are_eligible() {
    for level in ["国家", "省"] {
        let report = judge(&with(demo(), "批准机关级别", json!(level)));
        check(&report, "eligible", ART8_LEVEL, "pass");
    }
}

/// 第八条: "产业基地申报范围为四川省欠发达县域" — an industry base outside an under-developed county.
#[test]
fn art8_industry_base_outside_underdeveloped_county_is_not_eligible() {
    let report = judge(&with(industry(), "欠发达县域", json!(false)));
    check(&report, "not_eligible", ART8_REGION, "fail");
}

/// 第八条: the same 产业基地 inside an under-developed county (the baseline) passes.
#[test]
fn art8_industry_base_inside_underdeveloped_county_is_eligible() {
    let report = judge(&industry());
    check(&report, "eligible", ART8_REGION, "pass");
}

/// 第八条: "示范基地申报范围为四川省全域" — a demonstration base need not be in an under-developed
/// county; the region rule does not apply to it.
#[test]
fn art8_demonstration_base_outside_underdeveloped_county_is_fine() {
    let report = judge(&with(demo(), "欠发达县域", json!(false)));
    check(&report, "eligible", ART8_REGION, "not_applicable");
    let report = judge(&with(demo(), "欠发达县域", json!(true)));
    check(&report, "eligible", ART8_REGION, "not_applicable");
}

/// 第八条 with 欠发达县域 unknown for a 产业基地: unknown is not "inside" → undetermined.
#[test]
fn art8_industry_base_with_unknown_county_is_undetermined() {
    let report = judge(&without(industry(), "欠发达县域"));
    check(&report, "undetermined", ART8_REGION, "unknown");
}

// ---------------------------------------------------------------------------------------- 第九条

/// 第九条: "近三年未发生重大或特别重大生产安全事故" — a 重大 accident inside the window vetoes.
#[test]
fn art9_major_accident_inside_three_years_vetoes() {
    let r = with_event(demo(), event("生产安全事故", "重大", "2024-01-10"));
    check(&judge(&r), "not_eligible", ART9_ACCIDENT, "fail");
}

/// 第九条: "特别重大生产安全事故" vetoes too.
#[test]
fn art9_especially_major_accident_inside_three_years_vetoes() {
    let r = with_event(demo(), event("生产安全事故", "特别重大", "2023-06-01"));
    check(&judge(&r), "not_eligible", ART9_ACCIDENT, "fail");
}

/// 第九条: only 重大 and 特别重大 accidents veto — a 较大 accident does not.
#[test]
fn art9_larger_accident_does_not_veto() {
    let r = with_event(demo(), event("生产安全事故", "较大", "2024-01-10"));
    check(&judge(&r), "eligible", ART9_ACCIDENT, "pass");
}

/// 第九条: a 一般 accident does not veto.
#[test]
fn art9_ordinary_accident_does_not_veto() {
    let r = with_event(demo(), event("生产安全事故", "一般", "2024-01-10"));
    check(&judge(&r), "eligible", ART9_ACCIDENT, "pass");
}

/// 第九条: "未发生Ⅱ级及以上环境污染事件" — a level Ⅱ pollution event inside the window vetoes.
#[test]
fn art9_pollution_level_ii_inside_three_years_vetoes() {
    let r = with_event(demo(), event("环境污染事件", "Ⅱ", "2024-01-10"));
    check(&judge(&r), "not_eligible", ART9_POLLUTION, "fail");
}

/// 第九条: "Ⅱ级及以上" includes Ⅰ.
#[test]
fn art9_pollution_level_i_inside_three_years_vetoes() {
    let r = with_event(demo(), event("环境污染事件", "Ⅰ", "2024-01-10"));
    check(&judge(&r), "not_eligible", ART9_POLLUTION, "fail");
}

/// 第九条 + records.md ("ASCII `I`…`IV` accepted"): "II" is Ⅱ and vetoes.
#[test]
fn art9_pollution_ascii_ii_is_level_ii_and_vetoes() {
    let r = with_event(demo(), event("环境污染事件", "II", "2024-01-10"));
    check(&judge(&r), "not_eligible", ART9_POLLUTION, "fail");
    let r = with_event(demo(), event("环境污染事件", "I", "2024-01-10"));
    check(&judge(&r), "not_eligible", ART9_POLLUTION, "fail");
}

/// 第九条: a level Ⅲ pollution event is below Ⅱ and does not veto.
#[test]
fn art9_pollution_level_iii_does_not_veto() {
    let r = with_event(demo(), event("环境污染事件", "Ⅲ", "2024-07-18"));
    check(&judge(&r), "eligible", ART9_POLLUTION, "pass");
    let r = with_event(demo(), event("环境污染事件", "III", "2024-07-18"));
    check(&judge(&r), "eligible", ART9_POLLUTION, "pass");
}

/// 第九条: "未发生严重自然资源违法案件" — a 严重 case inside the window vetoes.
#[test]
fn art9_serious_natural_resources_case_inside_three_years_vetoes() {
    let r = with_event(demo(), event("自然资源违法案件", "严重", "2024-01-10"));
    check(&judge(&r), "not_eligible", ART9_LAND, "fail");
}

/// 第九条: a 一般 natural-resources case is not 严重 and does not veto.
#[test]
fn art9_ordinary_natural_resources_case_does_not_veto() {
    let r = with_event(demo(), event("自然资源违法案件", "一般", "2024-01-10"));
    check(&judge(&r), "eligible", ART9_LAND, "pass");
}

/// 第九条 "近三年", boundary. The policy's assumption 近三年: "an event dated from 申报日期 − 3
/// years to 申报日期, both ends included". 申报日期 2025-03-20 → an event on 2022-03-20 is inside.
#[test]
fn art9_event_exactly_three_years_before_application_vetoes() {
    let r = with_event(demo(), event("生产安全事故", "重大", "2022-03-20"));
    check(&judge(&r), "not_eligible", ART9_ACCIDENT, "fail");
    let r = with_event(demo(), event("环境污染事件", "Ⅱ", "2022-03-20"));
    check(&judge(&r), "not_eligible", ART9_POLLUTION, "fail");
    let r = with_event(demo(), event("自然资源违法案件", "严重", "2022-03-20"));
    check(&judge(&r), "not_eligible", ART9_LAND, "fail");
}

/// 第九条 "近三年", boundary: one day earlier (2022-03-19) is outside the window → no veto.
#[test]
fn art9_event_one_day_before_the_window_does_not_veto() {
    let r = with_event(demo(), event("生产安全事故", "重大", "2022-03-19"));
    check(&judge(&r), "eligible", ART9_ACCIDENT, "pass");
    let r = with_event(demo(), event("环境污染事件", "Ⅱ", "2022-03-19"));
    check(&judge(&r), "eligible", ART9_POLLUTION, "pass");
    let r = with_event(demo(), event("自然资源违法案件", "严重", "2022-03-19"));
    check(&judge(&r), "eligible", ART9_LAND, "pass");
}

/// 第九条 "近三年", the other end: an event on 申报日期 itself is inside (both ends included).
#[test]
fn art9_event_on_the_application_date_vetoes() {
    let r = with_event(demo(), event("生产安全事故", "重大", "2025-03-20"));
    check(&judge(&r), "not_eligible", ART9_ACCIDENT, "fail");
}

/// 第九条: an accident inside the window whose 级别 is not given might be 重大 — the measure's
/// veto cannot be ruled out, so the application is undetermined, not eligible.
#[test]
fn art9_accident_without_level_inside_window_is_undetermined() {
    let r = with_event(
        demo(),
        json!({ "类型": "生产安全事故", "日期": "2024-01-10" }),
    );
    check(&judge(&r), "undetermined", ART9_ACCIDENT, "unknown");
}

/// 第九条: a pollution event inside the window with no 级别 might be Ⅱ or Ⅰ → undetermined.
#[test]
fn art9_pollution_event_without_level_inside_window_is_undetermined() {
    let r = with_event(
        demo(),
        json!({ "类型": "环境污染事件", "日期": "2024-01-10" }),
    );
    check(&judge(&r), "undetermined", ART9_POLLUTION, "unknown");
}

/// 第九条: a natural-resources case inside the window with no 级别 might be 严重 → undetermined.
#[test]
fn art9_natural_resources_case_without_level_inside_window_is_undetermined() {
    let r = with_event(
        demo(),
        json!({ "类型": "自然资源违法案件", "日期": "2024-01-10" }),
    );
    check(&judge(&r), "undetermined", ART9_LAND, "unknown");
}

/// 第九条: a level-less accident long before the window cannot matter, whatever its level.
#[test]
fn art9_accident_without_level_outside_window_does_not_veto() {
    let r = with_event(
        demo(),
        json!({ "类型": "生产安全事故", "日期": "2015-01-10" }),
    );
    check(&judge(&r), "eligible", ART9_ACCIDENT, "pass");
}

/// 第九条: a 重大 accident with no date might be inside the three years → undetermined.
#[test]
fn art9_major_accident_without_date_is_undetermined() {
    let r = with_event(demo(), json!({ "类型": "生产安全事故", "级别": "重大" }));
    check(&judge(&r), "undetermined", ART9_ACCIDENT, "unknown");
}

/// 第九条 + records.md ("A field that is absent is *unknown*, never zero"): a record without the
/// 事件 field says nothing about accidents — unknown is never "no events" → undetermined.
#[test]
fn art9_absent_events_field_is_undetermined_not_no_events() {
    let report = judge(&without(demo(), "事件"));
    check(&report, "undetermined", ART9_ACCIDENT, "unknown");
    check(&report, "undetermined", ART9_POLLUTION, "unknown");
    check(&report, "undetermined", ART9_LAND, "unknown");
}

/// 第九条: an explicit empty 事件 list is "no events" → every veto passes.
#[test]
fn art9_empty_events_list_passes_every_veto() {
    let report = judge(&demo());
    check(&report, "eligible", ART9_ACCIDENT, "pass");
    check(&report, "eligible", ART9_POLLUTION, "pass");
    check(&report, "eligible", ART9_LAND, "pass");
}

// ---------------------------------------------------------------------------------------- 第十条

/// 第十条: "须提交以下申报材料：（一）推荐文件；（二）申报书；（三）证明材料" — without the 申报书.
#[test]
fn art10_missing_application_form_is_not_eligible() {
    let report = judge(&with(demo(), "材料", json!(["推荐文件", "证明材料"])));
    check(&report, "not_eligible", ART10, "fail");
}

/// 第十条: each of the three materials is required.
#[test]
fn art10_each_missing_material_is_not_eligible() {
    for missing in ["推荐文件", "申报书", "证明材料"] {
        let kept: Vec<&str> = ["推荐文件", "申报书", "证明材料"]
            .into_iter()
            .filter(|m| *m != missing)
            .collect();
        let report = judge(&with(industry(), "材料", json!(kept)));
        check(&report, "not_eligible", ART10, "fail");
    }
}

// ---------------------------------------------------------------------------------------- 第二十三条

/// 第二十三条: "已成功获批国家新型工业化产业示范基地的产业集聚区，原则上不再纳入省级基地管理"
/// (policy assumption 原则上: read as a rule without exceptions).
#[test]
fn art23_national_title_holder_is_not_eligible() {
    let report = judge(&with(demo(), "国家级示范基地", json!(true)));
    check(&report, "not_eligible", ART23, "fail");
    let report = judge(&with(industry(), "国家级示范基地", json!(true)));
    check(&report, "not_eligible", ART23, "fail");
}

// ---------------------------------------------------------------------------------------- 附件 指标1

/// 附件 指标1 (示范): "≥200亿元" — exactly 200 passes.
#[test]
fn annex_row1_demo_revenue_exactly_200_passes() {
    let report = judge(&with(demo(), "营业收入", json!(200)));
    check(&report, "eligible", ROW1, "pass");
}

/// 附件 指标1 (示范): 199.99 亿元 < 200 fails.
#[test]
fn annex_row1_demo_revenue_below_200_fails() {
    let report = judge(&with(demo(), "营业收入", json!(199.99)));
    check(&report, "not_eligible", ROW1, "fail");
}

/// 附件 指标1 (示范): "工业互联网、数据中心、大数据等新兴领域的申报对象≥100亿元" — 120 亿元 in each
/// of the three emerging sub-fields passes, and the threshold shown is 100.
#[test]
fn annex_row1_emerging_fields_need_only_100() {
    for sub in ["工业互联网", "数据中心", "大数据"] {
        let report = judge(&demo_in(sub));
        check(&report, "eligible", ROW1, "pass");
        assert_eq!(rule(&report, ROW1.0)["threshold"], "≥ 100 亿元", "{sub}");
    }
}

/// 附件 指标1 (示范, emerging): exactly 100 passes, 99.99 fails.
#[test]
fn annex_row1_emerging_field_boundary_100() {
    let report = judge(&with(demo_in("数据中心"), "营业收入", json!(100)));
    check(&report, "eligible", ROW1, "pass");
    let report = judge(&with(demo_in("数据中心"), "营业收入", json!(99.99)));
    check(&report, "not_eligible", ROW1, "fail");
}

/// 附件 指标1: the emerging set is 工业互联网、数据中心、大数据 (policy assumption 新兴领域) —
/// 软件和信息服务 is NOT in it, so a 软件和信息服务 park at 120 亿元 is held to ≥ 200.
#[test]
fn annex_row1_software_is_not_an_emerging_field() {
    let report = judge(&demo_in("软件和信息服务"));
    check(&report, "not_eligible", ROW1, "fail");
    assert_eq!(rule(&report, ROW1.0)["threshold"], "≥ 200 亿元");
}

/// 附件 指标1 (产业): "≥75亿元" — exactly 75 passes.
#[test]
fn annex_row1_industry_revenue_exactly_75_passes() {
    let report = judge(&with(industry(), "营业收入", json!(75)));
    check(&report, "eligible", ROW1, "pass");
    assert_eq!(rule(&report, ROW1.0)["threshold"], "≥ 75 亿元");
}

/// 附件 指标1 (产业): 74.99 亿元 < 75 fails.
#[test]
fn annex_row1_industry_revenue_below_75_fails() {
    let report = judge(&with(industry(), "营业收入", json!(74.99)));
    check(&report, "not_eligible", ROW1, "fail");
}

// ---------------------------------------------------------------------------------------- 附件 指标2

/// 附件 指标2: "主导产业营业收入占产业集聚区营业收入比重 ≥50%" — 125/250 is exactly 50 % → pass.
#[test]
fn annex_row2_ratio_exactly_50_percent_passes() {
    let report = judge(&with(demo(), "主导产业营业收入", json!(125)));
    check(&report, "eligible", ROW2, "pass");
}

/// 附件 指标2: 124.99/250 = 49.996 % → fail.
#[test]
fn annex_row2_ratio_just_below_50_percent_fails() {
    let report = judge(&with(demo(), "主导产业营业收入", json!(124.99)));
    check(&report, "not_eligible", ROW2, "fail");
}

/// 附件 指标2 (产业, 通用): 50/100 = 50 % → pass.
#[test]
fn annex_row2_industry_ratio_exactly_50_percent_passes() {
    let report = judge(&with(industry(), "主导产业营业收入", json!(50)));
    check(&report, "eligible", ROW2, "pass");
}

// ---------------------------------------------------------------------------------------- 附件 指标3

/// 附件 指标3 (示范): "≥4000万元/公顷", the float trap. 200.04 亿元 over 500.1 公顷 =
/// 2000400 万元 / 500.1 公顷 = exactly 4000 万元/公顷 → pass (binary floats give 3999.99…).
#[test]
fn annex_row3_exactly_4000_per_hectare_passes() {
    let r = with(demo(), "营业收入", json!(200.04));
    let report = judge(&with(r, "工业用地面积", json!(500.1)));
    check(&report, "eligible", ROW3, "pass");
}

/// 附件 指标3 (示范): 200.03 亿元 / 500.1 公顷 = 3999.8 万元/公顷 → fail.
#[test]
fn annex_row3_just_below_4000_per_hectare_fails() {
    let r = with(demo(), "营业收入", json!(200.03));
    let report = judge(&with(r, "工业用地面积", json!(500.1)));
    check(&report, "not_eligible", ROW3, "fail");
}

/// 附件 指标3 with a unit string (records.md: "a string with an explicit unit is also accepted and
/// converted"): "2000400万元" = 200.04 亿元 → exactly 4000 万元/公顷 → pass; 指标1 200.04 ≥ 200.
#[test]
fn annex_row3_revenue_as_wan_yuan_string_is_exactly_4000() {
    let r = with(demo(), "营业收入", json!("2000400万元"));
    let report = judge(&with(r, "工业用地面积", json!(500.1)));
    check(&report, "eligible", ROW3, "pass");
    check(&report, "eligible", ROW1, "pass");
}

/// 附件 指标3 (产业): "≥2500万元/公顷" — 100 亿元 / 400 公顷 = exactly 2500 → pass.
#[test]
fn annex_row3_industry_exactly_2500_per_hectare_passes() {
    let report = judge(&with(industry(), "工业用地面积", json!(400)));
    check(&report, "eligible", ROW3, "pass");
}

/// 附件 指标3 (产业): 100 亿元 / 400.01 公顷 = 2499.94 → fail.
#[test]
fn annex_row3_industry_below_2500_per_hectare_fails() {
    let report = judge(&with(industry(), "工业用地面积", json!(400.01)));
    check(&report, "not_eligible", ROW3, "fail");
}

// ---------------------------------------------------------------------------------------- 附件 指标5

/// 附件 指标5 (示范): "≥5家", 约束性 — 4 platforms blocks a demonstration base.
#[test]
fn annex_row5_demo_four_platforms_is_a_failed_constraint() {
    let report = judge(&with(demo(), "省级以上创新平台数量", json!(4)));
    check(&report, "not_eligible", ROW5, "fail");
    expect_kind(&report, ROW5.0, "constraint");
    let report = judge(&with(demo(), "省级以上创新平台数量", json!(5)));
    check(&report, "eligible", ROW5, "pass");
}

/// 附件 指标5: 1 platform blocks 示范 (constraint ≥ 5) but not 产业 (引导性 ≥ 2).
#[test]
fn annex_row5_one_platform_blocks_demo_but_not_industry_base() {
    let report = judge(&with(demo(), "省级以上创新平台数量", json!(1)));
    check(&report, "not_eligible", ROW5, "fail");
    expect_kind(&report, ROW5.0, "constraint");
    let report = judge(&with(industry(), "省级以上创新平台数量", json!(1)));
    check(&report, "eligible", ROW5, "fail");
    expect_kind(&report, ROW5.0, "guidance");
}

// ---------------------------------------------------------------------------------------- 附件 指标11

/// 附件 指标11 企业上云率 applies to 示范 only (适用范围 示范): for a 产业基地 it is not applicable,
/// whatever figure it reports.
#[test]
fn annex_row11_cloud_rate_not_applicable_to_industry_base() {
    let report = judge(&industry());
    check(&report, "eligible", ROW11, "not_applicable");
    let report = judge(&with(industry(), "企业上云率", json!(0)));
    check(&report, "eligible", ROW11, "not_applicable");
}

/// 附件 指标11 (示范): "达到100%", 引导性 — 88 % fails the row but does not block.
#[test]
fn annex_row11_demo_cloud_rate_below_100_is_guidance_only() {
    let report = judge(&with(demo(), "企业上云率", json!(88)));
    check(&report, "eligible", ROW11, "fail");
    expect_kind(&report, ROW11.0, "guidance");
}

// ---------------------------------------------------------------------------------------- 附件 指标12/13

/// 附件 指标12: "处于省内同行业先进水平" (policy assumption 先进水平: at or below the advanced
/// value) — energy use equal to the 先进值 passes.
#[test]
fn annex_row12_energy_equal_to_advanced_value_passes() {
    let report = judge(&with(demo(), "单位工业增加值能耗", json!(0.25)));
    check(&report, "eligible", ROW12, "pass");
}

/// 附件 指标12: energy use above the 先进值 (0.2501 > 0.25) fails, a constraint → not eligible.
#[test]
fn annex_row12_energy_above_advanced_value_fails() {
    let report = judge(&with(demo(), "单位工业增加值能耗", json!(0.2501)));
    check(&report, "not_eligible", ROW12, "fail");
}

/// 附件 指标13: water use equal to the 先进值 passes.
#[test]
fn annex_row13_water_equal_to_advanced_value_passes() {
    let report = judge(&with(demo(), "单位工业增加值用水量", json!(8)));
    check(&report, "eligible", ROW13, "pass");
}

/// 附件 指标13: water use above the 先进值 (8.01 > 8) fails → not eligible.
#[test]
fn annex_row13_water_above_advanced_value_fails() {
    let report = judge(&with(demo(), "单位工业增加值用水量", json!(8.01)));
    check(&report, "not_eligible", ROW13, "fail");
}

// ---------------------------------------------------------------------------------------- 附件 指标20

/// 附件 指标20: "高于所在地实际到位省外资金增速" — strictly higher; equal growth (8 % = 8 %) fails.
#[test]
fn annex_row20_equal_growth_fails() {
    let report = judge(&with(demo(), "省外资金增速", json!(8)));
    check(&report, "not_eligible", ROW20, "fail");
}

/// 附件 指标20: 8.01 % > 8 % passes.
#[test]
fn annex_row20_slightly_higher_growth_passes() {
    let report = judge(&with(demo(), "省外资金增速", json!(8.01)));
    check(&report, "eligible", ROW20, "pass");
}

/// 附件 指标20: relative, so negative growth that is still higher than the locality's passes.
#[test]
fn annex_row20_negative_growth_above_locality_passes() {
    let r = with(demo(), "所在地省外资金增速", json!(-5));
    let report = judge(&with(r, "省外资金增速", json!(-2)));
    check(&report, "eligible", ROW20, "pass");
}

// ---------------------------------------------------------------------------------------- 引导性 / unknown

/// 附件 指标类型 引导性 (guidance) never blocks: 指标4, 7, 8, 9, 11 all failing leave a 示范基地
/// eligible.
#[test]
fn annex_guidance_rows_never_block() {
    let r = with(demo(), "研发投入强度", json!(0.5));
    let r = with(r, "数字化研发设计工具普及率", json!(50));
    let r = with(r, "关键工序数控化率", json!(30));
    let r = with(r, "企业上云率", json!(60));
    let r = with_verdict(r, "品牌培育情况", "未达标");
    let report = judge(&r);
    for row in [ROW4, ROW7, ROW8, ROW9, ROW11] {
        check(&report, "eligible", row, "fail");
        expect_kind(&report, row.0, "guidance");
    }
}

/// 附件 指标3 is a constraint: with 工业用地面积 absent (unknown, not zero) its figure cannot be
/// computed, so the application is undetermined — neither passed nor failed.
#[test]
fn annex_missing_constraint_figure_is_undetermined() {
    let report = judge(&without(demo(), "工业用地面积"));
    check(&report, "undetermined", ROW3, "unknown");
}

/// 附件 指标12: the benchmark (先进值) missing → the constraint is unknown → undetermined.
#[test]
fn annex_missing_constraint_benchmark_is_undetermined() {
    let report = judge(&without(demo(), "单位工业增加值能耗先进值"));
    check(&report, "undetermined", ROW12, "unknown");
}

/// 附件 指标4 is guidance: a missing figure leaves the row unknown and the park still eligible.
#[test]
fn annex_missing_guidance_figure_is_still_eligible() {
    let report = judge(&without(demo(), "研发投入强度"));
    check(&report, "eligible", ROW4, "unknown");
}

/// 附件 指标7 is guidance: a missing expert verdict leaves it unknown, the park still eligible.
#[test]
fn annex_missing_guidance_verdict_is_still_eligible() {
    let report = judge(&without_verdict(demo(), "品牌培育情况"));
    check(&report, "eligible", ROW7, "unknown");
}

/// A failed constraint decides even when another constraint is unknown: not eligible.
#[test]
fn annex_failed_constraint_beats_unknown_one() {
    let r = without(demo(), "工业用地面积");
    let report = judge(&with(r, "省级以上创新平台数量", json!(2)));
    check(&report, "not_eligible", ROW5, "fail");
    assert_eq!(rule(&report, ROW3.0)["status"], "unknown");
}

// ---------------------------------------------------------------------------------------- 特色指标 工业互联网

/// 附件 特色指标10: "区域内高质量外网覆盖工业企业比例≥30%，工业互联网及新型工业网络覆盖率≥30%，
/// 数字化设备联网率≥50%" — all three at their bounds pass.
#[test]
fn special10_all_three_parts_at_their_bounds_pass() {
    let r = with(iiot(), "高质量外网覆盖工业企业比例", json!(30));
    let r = with(r, "工业互联网及新型工业网络覆盖率", json!(30));
    let report = judge(&with(r, "数字化设备联网率", json!(50)));
    check(&report, "eligible", SP10, "pass");
}

/// 附件 特色指标10 needs all three parts: any one short fails (29 %, 29 %, 49.99 %).
#[test]
fn special10_one_part_short_fails() {
    for (field, short) in [
        ("高质量外网覆盖工业企业比例", json!(29)),
        ("工业互联网及新型工业网络覆盖率", json!(29)),
        ("数字化设备联网率", json!(49.99)),
    ] {
        let report = judge(&with(iiot(), field, short));
        check(&report, "not_eligible", SP10, "fail");
    }
}

/// 附件 特色指标12: "建有或部署…多层次工业互联网平台, 规上工业企业上云上平台的比例≥30%" —
/// exactly 30 % with platforms deployed passes.
#[test]
fn special12_platform_and_30_percent_pass() {
    let report = judge(&with(iiot(), "规上工业企业上云上平台比例", json!(30)));
    check(&report, "eligible", SP12, "pass");
}

/// 附件 特色指标12: 29 % on platforms fails.
#[test]
fn special12_below_30_percent_fails() {
    let report = judge(&with(iiot(), "规上工业企业上云上平台比例", json!(29)));
    check(&report, "not_eligible", SP12, "fail");
}

/// 附件 特色指标12: no multi-level platform deployed fails, however high the share.
#[test]
fn special12_no_platform_fails() {
    let report = judge(&with(iiot(), "工业互联网平台", json!(false)));
    check(&report, "not_eligible", SP12, "fail");
}

// ---------------------------------------------------------------------------------------- 特色指标 数据中心 15

/// 附件 特色指标15: "大型以上数据中心单体规模设计标准机架数≥3000" — exactly 3000 racks is large:
/// 部分建成 is allowed ("全部或部分建设完成") and 40 % load suffices ("40%以上", policy assumption
/// 以上: includes the figure).
#[test]
fn special15_exactly_3000_racks_is_large() {
    let r = with(datacentre(), "设计标准机架数", json!(3000));
    let r = with(r, "基础设施状态", json!("部分建成"));
    let report = judge(&with(r, "IT设备负荷率", json!(40)));
    check(&report, "eligible", SP15, "pass");
}

/// 附件 特色指标15: large centre with IT load 39.99 % < 40 % fails.
#[test]
fn special15_large_centre_load_below_40_fails() {
    let report = judge(&with(datacentre(), "IT设备负荷率", json!(39.99)));
    check(&report, "not_eligible", SP15, "fail");
}

/// 附件 特色指标15: 2999 racks is small/medium ("300至3000标准机架"), so 部分建成 is not enough
/// ("基础设施全部建设完成").
#[test]
fn special15_2999_racks_partly_built_fails() {
    let r = with(datacentre(), "设计标准机架数", json!(2999));
    let report = judge(&with(r, "基础设施状态", json!("部分建成")));
    check(&report, "not_eligible", SP15, "fail");
}

/// 附件 特色指标15: 2999 racks needs ≥ 50 % load; 40 % (enough for a large one) fails.
#[test]
fn special15_2999_racks_at_40_percent_load_fails() {
    let r = with(datacentre(), "设计标准机架数", json!(2999));
    let report = judge(&with(r, "IT设备负荷率", json!(40)));
    check(&report, "not_eligible", SP15, "fail");
}

/// 附件 特色指标15: exactly 300 racks is small/medium ("300至3000"): fully built, operating, 50 %
/// load → pass.
#[test]
fn special15_exactly_300_racks_is_small_and_passes() {
    let r = with(datacentre(), "设计标准机架数", json!(300));
    let report = judge(&with(r, "IT设备负荷率", json!(50)));
    check(&report, "eligible", SP15, "pass");
}

/// 附件 特色指标15: 300 racks at 49.99 % load fails.
#[test]
fn special15_300_racks_below_50_percent_fails() {
    let r = with(datacentre(), "设计标准机架数", json!(300));
    let report = judge(&with(r, "IT设备负荷率", json!(49.99)));
    check(&report, "not_eligible", SP15, "fail");
}

/// 附件 特色指标15: 299 racks fits neither class (policy assumption 以上: "a centre under 300
/// racks fits neither size class and does not meet the indicator") → fail.
#[test]
fn special15_299_racks_fits_no_class_and_fails() {
    let report = judge(&with(datacentre(), "设计标准机架数", json!(299)));
    check(&report, "not_eligible", SP15, "fail");
}

/// 附件 特色指标15: "并投产运营" — a large centre not in operation fails.
#[test]
fn special15_not_operating_fails() {
    let report = judge(&with(datacentre(), "投产运营", json!(false)));
    check(&report, "not_eligible", SP15, "fail");
}

// ---------------------------------------------------------------------------------------- 特色指标 数据中心 16

/// 附件 特色指标16: "大型以上数据中心PUE≤1.3（对于投产运行不满1年的，要求设计年均PUE≤1.3）" —
/// a large centre in production since 2024-09-01, applying 2025-03-20, is under one year: its
/// design PUE 1.25 decides, and its running PUE 1.38 must not.
#[test]
fn special16_under_one_year_uses_design_pue() {
    let r = with(datacentre(), "投产日期", json!("2024-09-01"));
    let r = with(r, "运行年均PUE", json!(1.38));
    let report = judge(&with(r, "设计年均PUE", json!(1.25)));
    check(&report, "eligible", SP16, "pass");
}

/// 附件 特色指标16: under one year with design PUE 1.31 > 1.3 → fail.
#[test]
fn special16_under_one_year_design_pue_above_1_3_fails() {
    let r = with(datacentre(), "投产日期", json!("2024-09-01"));
    let report = judge(&with(r, "设计年均PUE", json!(1.31)));
    check(&report, "not_eligible", SP16, "fail");
}

/// 附件 特色指标16: under one year, a centre with no full-year running PUE yet is judged on its
/// design PUE alone → eligible.
#[test]
fn special16_under_one_year_without_running_pue_uses_design_pue() {
    let r = with(datacentre(), "投产日期", json!("2024-09-01"));
    let report = judge(&without(r, "运行年均PUE"));
    check(&report, "eligible", SP16, "pass");
}

/// 附件 特色指标16, the one-year boundary. Policy assumption 不满1年: "投产日期 later than 申报日期
/// − 1 year". 投产日期 2024-03-20 = 申报日期 2025-03-20 − 1 year: a full year → the running PUE
/// (1.38 > 1.3) decides → fail, despite a design PUE of 1.25.
#[test]
fn special16_exactly_one_year_uses_running_pue() {
    let r = with(datacentre(), "投产日期", json!("2024-03-20"));
    let r = with(r, "运行年均PUE", json!(1.38));
    let report = judge(&with(r, "设计年均PUE", json!(1.25)));
    check(&report, "not_eligible", SP16, "fail");
}

/// 附件 特色指标16, boundary: one day less than a year (投产日期 2024-03-21) → under one year →
/// the design PUE decides → pass.
#[test]
fn special16_one_day_under_a_year_uses_design_pue() {
    let r = with(datacentre(), "投产日期", json!("2024-03-21"));
    let r = with(r, "运行年均PUE", json!(1.38));
    let report = judge(&with(r, "设计年均PUE", json!(1.25)));
    check(&report, "eligible", SP16, "pass");
}

/// 附件 特色指标16: a large centre over a year old with running PUE 1.31 > 1.3 fails.
#[test]
fn special16_large_running_pue_above_1_3_fails() {
    let report = judge(&with(datacentre(), "运行年均PUE", json!(1.31)));
    check(&report, "not_eligible", SP16, "fail");
}

/// 附件 特色指标16: "中小型数据中心PUE≤1.5" — 1800 racks at 1.5 passes, 1.51 fails.
#[test]
fn special16_small_centre_pue_bound_1_5() {
    let r = with(datacentre(), "设计标准机架数", json!(1800));
    let report = judge(&with(r.clone(), "运行年均PUE", json!(1.5)));
    check(&report, "eligible", SP16, "pass");
    let report = judge(&with(r, "运行年均PUE", json!(1.51)));
    check(&report, "not_eligible", SP16, "fail");
}

// ---------------------------------------------------------------------------------------- 特色指标 数据中心 17

/// 附件 特色指标17: "具备数据中心绿色等级4A级以上认证，或进入“国家绿色数据中心名单”，具有明确的
/// 数据中心算力算效提升目标" — 4A alone (not on the national list) with a target passes.
#[test]
fn special17_4a_without_national_list_passes() {
    let r = with(datacentre(), "绿色等级", json!("4A"));
    let report = judge(&with(r, "国家绿色数据中心", json!(false)));
    check(&report, "eligible", SP17, "pass");
}

/// 附件 特色指标17: on the national list with only 3A passes ("或").
#[test]
fn special17_national_list_with_3a_passes() {
    let report = judge(&with(datacentre(), "绿色等级", json!("3A")));
    check(&report, "eligible", SP17, "pass");
}

/// 附件 特色指标17: 3A and not on the national list fails.
#[test]
fn special17_3a_without_national_list_fails() {
    let r = with(datacentre(), "绿色等级", json!("3A"));
    let report = judge(&with(r, "国家绿色数据中心", json!(false)));
    check(&report, "not_eligible", SP17, "fail");
}

/// 附件 特色指标17: 5A and listed, but no explicit 算力算效 target → fail (the target is required too).
#[test]
fn special17_no_compute_efficiency_target_fails() {
    let report = judge(&with(datacentre(), "算力算效目标", json!(false)));
    check(&report, "not_eligible", SP17, "fail");
}

// ---------------------------------------------------------------------------------------- 特色指标 qualitative

/// 附件 特色指标1–5 (高技术转化应用, 定性) bind for that field (policy assumption 特色指标约束性:
/// "个别领域须满足特色指标要求", 第九条): one 未达标 (特色指标3) → not eligible.
#[test]
fn special3_hitech_one_expert_fail_is_not_eligible() {
    let report = judge(&with_verdict(hitech(), "科技协同创新水平", "未达标"));
    check(&report, "not_eligible", SP3, "fail");
}

/// 附件 特色指标5 (高技术转化应用): the expert verdict missing → unknown → undetermined.
#[test]
fn special5_hitech_missing_expert_verdict_is_undetermined() {
    let report = judge(&without_verdict(hitech(), "服务国家重大发展战略成效"));
    check(&report, "undetermined", SP5, "unknown");
}

/// 附件 特色指标9 (软件和信息服务/大数据): 未达标 → not eligible for a 大数据 park.
#[test]
fn special9_big_data_one_expert_fail_is_not_eligible() {
    let report = judge(&with_verdict(demo_in("大数据"), "安全保障建设", "未达标"));
    check(&report, "not_eligible", SP9, "fail");
}

/// 附件 特色指标18 (数据中心): the expert verdict missing → undetermined.
#[test]
fn special18_datacentre_missing_expert_verdict_is_undetermined() {
    let report = judge(&without_verdict(datacentre(), "发展环境"));
    check(&report, "undetermined", SP18, "unknown");
}

/// 特色指标（适用个别领域）: a 电子信息 park with no sub-field is held to none of the 20 special
/// rows — all not_applicable, even though it carries data-centre and industrial-internet figures.
#[test]
fn special_rows_not_applicable_to_other_fields() {
    let report = judge(&demo());
    let specials: Vec<&Value> = report["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| {
            r["article"]
                .as_str()
                .is_some_and(|a| a.starts_with("附件 特色指标"))
        })
        .collect();
    assert_eq!(specials.len(), 20, "twenty special indicators");
    for r in specials {
        assert_eq!(r["status"], "not_applicable", "{r}");
    }
    assert_eq!(verdict(&report), "eligible");
}

/// 特色指标: each field is held only to its own rows — a 数据中心 park: rows 1–14 not applicable,
/// rows 15–20 apply; an 工业互联网 park: rows 10–14 apply, the others do not; a 高技术转化应用 park:
/// rows 1–5 only.
#[test]
fn special_rows_apply_only_to_their_own_field() {
    let cases: [(Value, std::ops::RangeInclusive<u32>); 4] = [
        (datacentre(), 15..=20),
        (iiot(), 10..=14),
        (hitech(), 1..=5),
        (demo_in("大数据"), 6..=9),
    ];
    for (record, own) in cases {
        let report = judge(&record);
        for n in 1..=20u32 {
            let article = format!("附件 特色指标{n}");
            let r = report["indicators"]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["article"] == article.as_str())
                .unwrap_or_else(|| panic!("no rule cites {article}"));
            let want = if own.contains(&n) {
                "pass"
            } else {
                "not_applicable"
            };
            assert_eq!(r["status"], want, "{article} for {}", record["细分领域"]);
        }
    }
}

// ---------------------------------------------------------------------------------------- editing the policy

/// The thresholds live in the policy, not the code: in a COPY of the policy text, lowering 附件
/// 指标3 for 示范基地 from 4000 to 3500 万元/公顷 turns a park at 250 亿元 / 680 公顷 =
/// 3676.5 万元/公顷 from not eligible into eligible.
#[test]
fn editing_row3_threshold_in_policy_copy_changes_verdict() {
    let record = with(demo(), "工业用地面积", json!(680));
    let original = judge(&record);
    check(&original, "not_eligible", ROW3, "fail");
    assert_eq!(rule(&original, ROW3.0)["threshold"], "≥ 4000 万元/公顷");

    let text = policy_text();
    let from = "示范基地 constraint >= 4000 万元/公顷";
    assert_eq!(text.matches(from).count(), 1, "the line to edit is unique");
    let edited = compile(&text.replace(from, "示范基地 constraint >= 3500 万元/公顷"));
    let report = judge_with(&edited, &record);
    check(&report, "eligible", ROW3, "pass");
    assert_eq!(rule(&report, ROW3.0)["threshold"], "≥ 3500 万元/公顷");
}
