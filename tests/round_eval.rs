//! `jidi eval` over a round (issue 14): the shipped example `policies/examples/national-2021.jidi`
//! and its records, judged as one round. Every outcome is derived by hand from the call's
//! "每个省（区、市）推荐数量不超过3个，其中优势系列不超过1个" (推荐数量: 优势系列限额 first, then
//! 每省限额), the ranking the example assumes (主导产业规模 descending, ties by 名称) and the
//! records' figures.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;
use common::{jidi, jidi_command};
use serde_json::Value;
use std::io::Write;

const POLICY: &str = "policies/examples/national-2021.jidi";
const RECORDS: &str = "policies/examples/national-2021/records";

fn json_of(args: &[&str]) -> Vec<Value> {
    let out = jidi(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn by_name<'a>(all: &'a [Value], name: &str) -> &'a Value {
    all.iter().find(|r| r["name"] == name).expect(name)
}

/// 江苏省: 常州经开区 (优势, 2100 亿元) is second of the two 优势 bases and is cut by 优势系列限额;
/// it then takes no place under 每省限额, where 徐州经开区 (1200 亿元) is fourth of four and cut.
/// 泰州医药城 is vetoed by 重大安全环境事故 (安全环保) and is not ranked, though it is the largest.
#[test]
fn the_series_rule_cuts_first_and_the_province_quota_cuts_the_fourth() {
    let all = json_of(&["eval", POLICY, RECORDS, "--format", "json"]);
    let cz = by_name(&all, "常州经开区");
    assert_eq!(cz["verdict"], "not_eligible");
    assert!(cz.get("title").is_none(), "a cut record has no title");
    assert_eq!(cz["round"]["own_verdict"], "eligible");
    assert_eq!(cz["round"]["cut_by"]["rule"], "优势系列限额");
    assert_eq!(cz["round"]["cut_by"]["article"], "推荐数量");
    let rules = cz["round"]["rules"].as_array().unwrap();
    assert_eq!(
        rules.len(),
        1,
        "a cut record is not ranked by the next rule"
    );
    assert_eq!(
        (rules[0]["rank"].as_u64(), rules[0]["count"].as_u64()),
        (Some(2), Some(2))
    );
    let xz = by_name(&all, "徐州经开区");
    assert_eq!(xz["verdict"], "not_eligible");
    assert_eq!(xz["round"]["cut_by"]["rule"], "每省限额");
    let r = &xz["round"]["rules"][0];
    assert_eq!(
        (
            r["group"].as_str(),
            r["rank"].as_u64(),
            r["count"].as_u64(),
            r["limit"].as_u64()
        ),
        (Some("江苏省"), Some(4), Some(4), Some(3))
    );
    let tz = by_name(&all, "泰州医药城");
    assert_eq!(tz["verdict"], "not_eligible");
    assert_eq!(tz["round"]["rules"], serde_json::json!([]));
    assert_eq!(by_name(&all, "南通开发区")["round"]["rules"][0]["rank"], 3);
}

/// 浙江省: 浙江嘉兴甲园 and 浙江嘉兴乙园 both have 1100 亿元, tied at the cut of 3; `ties by 名称`
/// puts 乙 (U+4E59) before 甲 (U+7532), so 乙 is third and 甲 fourth, cut by 每省限额.
#[test]
fn a_tie_at_the_cut_follows_the_tie_rule() {
    let all = json_of(&["eval", POLICY, RECORDS, "--format", "json"]);
    assert_eq!(
        by_name(&all, "浙江嘉兴乙园")["round"]["rules"][0]["outcome"],
        "made_cut"
    );
    assert_eq!(by_name(&all, "浙江嘉兴乙园")["verdict"], "eligible");
    assert_eq!(
        by_name(&all, "浙江嘉兴甲园")["round"]["rules"][0]["outcome"],
        "cut"
    );
    assert_eq!(
        by_name(&all, "浙江嘉兴甲园")["round"]["rules"][0]["rank"],
        4
    );
}

/// 河南省: 新乡经开区's 主导产业规模 is not given, so it is undetermined on its own and could rank
/// anywhere. It could displace only 许昌经开区 (600 亿元, third of the known three): 许昌 is
/// undetermined, rank 3–4; 郑州航空港区 (rank 1–2) and 洛阳高新区 (2–3) make the cut of 3 whatever
/// the figure is. 焦作经开区 (450 < 500 亿元, the 中部 row of 规模门槛) is not eligible and not ranked.
#[test]
fn an_unknown_ranking_figure_leaves_open_exactly_the_records_it_could_displace() {
    let all = json_of(&["eval", POLICY, RECORDS, "--format", "json"]);
    let rule = |n: &str| {
        by_name(&all, n)["round"]["rules"]
            .as_array()
            .unwrap()
            .last()
            .cloned()
            .unwrap()
    };
    assert_eq!(rule("郑州航空港区")["outcome"], "made_cut");
    assert_eq!(
        rule("郑州航空港区")["rank"],
        serde_json::json!({"from": 1, "to": 2})
    );
    assert_eq!(rule("洛阳高新区")["outcome"], "made_cut");
    assert_eq!(rule("许昌经开区")["outcome"], "undetermined");
    assert_eq!(
        rule("许昌经开区")["rank"],
        serde_json::json!({"from": 3, "to": 4})
    );
    assert_eq!(by_name(&all, "许昌经开区")["verdict"], "undetermined");
    assert_eq!(
        by_name(&all, "许昌经开区")["round"]["own_verdict"],
        "eligible"
    );
    assert_eq!(rule("新乡经开区")["outcome"], "undetermined");
    assert_eq!(
        by_name(&all, "焦作经开区")["round"]["rules"],
        serde_json::json!([])
    );
    // 贵阳大数据产业园: 120 亿元 is below 西部's 300, but 细分领域不受规模限制 waives the rule.
    assert_eq!(by_name(&all, "贵阳大数据产业园")["verdict"], "eligible");
}

/// The table in Chinese: each ranked record's round line, the rule that cut it, and the summary's
/// round counts (9 made the cut, 3 cut, 2 left open).
#[test]
fn the_table_shows_the_round_in_chinese() {
    let out = jidi(&["eval", POLICY, RECORDS, "--lang", "zh"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("限额：入选 9 个，落选 3 个，待定 2 个"),
        "{text}"
    );
    assert!(
        text.contains("示范基地: 符合 9, 不符合 5, 待定 2"),
        "{text}"
    );
    insta::assert_snapshot!("national_2021_table_zh", text);
}

/// NDJSON with round rules: the records are written once the round is judged, each with its
/// round; a line that cannot be read is listed at its place as rejected and takes no place in the
/// round, so the third valid park of 江苏省 still makes the cut. `--format verdicts` carries the
/// same round.
#[test]
fn ndjson_and_verdicts_carry_the_round_and_rejected_lines_stay_listed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("round.ndjson");
    let park = |name: &str, scale: &str| {
        format!(
            r#"{{"名称":"{name}","申报类型":"示范基地","主导产业":"装备","所在省份":"江苏省","所在地区":"东部","所属系列":"新兴","细分领域":false,"主导产业规模":{scale},"重大事故":false}}"#
        )
    };
    let mut f = std::fs::File::create(&path).unwrap();
    for line in [
        park("甲", "3000"),
        park("坏", "\"很多\""),
        park("乙", "2000"),
        park("丙", "1500"),
    ] {
        writeln!(f, "{line}").unwrap();
    }
    drop(f);
    let file = path.to_str().unwrap();
    for format in ["ndjson", "verdicts"] {
        let out = jidi_command()
            .args(["eval", POLICY, file, "--format", format])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "a rejected line is an input error"
        );
        let lines: Vec<Value> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 4, "{format}");
        assert_eq!(lines[1]["verdict"], "rejected");
        assert!(lines[1].get("round").is_none());
        assert_eq!(lines[3]["name"], "丙");
        assert_eq!(lines[3]["verdict"], "eligible");
        assert_eq!(lines[3]["round"]["rules"][0]["rank"], 3);
        assert_eq!(lines[3]["round"]["rules"][0]["count"], 3);
    }
}

/// `jidi test` round cases: the shipped file passes, and a round stating that 浙江嘉兴甲园 makes
/// the cut (it is fourth of 浙江省 under 每省限额, 推荐数量) fails with the rule that cut it, as does
/// one leaving a ranked record unnamed.
#[test]
fn a_round_case_fails_when_a_record_crosses_the_cut() {
    let ok = jidi(&["test", "policies/examples/national-2021.test.yaml"]);
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
    let dir = tempfile::tempdir().unwrap();
    let root = common::root();
    let records = root.join(RECORDS);
    let yaml = format!(
        "policy: {}\ncases:\n  - name: 推荐数量 每省限额 浙江省\n    round:\n      records: [{r}/07-浙江-宁波石化.json, {r}/08-浙江-杭州钱塘.json, {r}/09-浙江-嘉兴甲.json, {r}/10-浙江-嘉兴乙.json]\n      made_cut: [宁波石化经开区, 杭州钱塘新区, 浙江嘉兴甲园]\n",
        root.join(POLICY).display(),
        r = records.display()
    );
    let path = dir.path().join("wrong.test.yaml");
    std::fs::write(&path, yaml).unwrap();
    let out = jidi(&["test", path.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(3), "{text}");
    assert!(
        text.contains("`浙江嘉兴甲园`: expected made the cut, got cut by 每省限额"),
        "{text}"
    );
    assert!(
        text.contains("`浙江嘉兴乙园` is ranked (made the cut) but no list names it"),
        "{text}"
    );
}

/// `jidi compare` with round rules: a revision keeping 2 per province instead of 3 (推荐数量
/// 每省限额) cuts 南通开发区 (third of 江苏省) and 浙江嘉兴乙园 (third of 浙江省, by the tie rule),
/// leaves 洛阳高新区 (rank 2–3 of 河南省) open and cuts 许昌经开区 (rank 3–4): four records whose
/// round outcome changed, though no record's own judgement did.
#[test]
fn compare_counts_the_records_whose_round_outcome_changed() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(common::root().join(POLICY)).unwrap();
    let revised = dir.path().join("national-2021-v2.jidi");
    std::fs::write(
        &revised,
        text.replace("at most 3 per 所在省份", "at most 2 per 所在省份"),
    )
    .unwrap();
    let out = jidi(&[
        "compare",
        POLICY,
        revised.to_str().unwrap(),
        RECORDS,
        "--format",
        "json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["totals"]["round_changed"], 4);
    let change = |name: &str| {
        doc["changes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .cloned()
            .expect(name)
    };
    assert_eq!(
        change("南通开发区")["round"],
        serde_json::json!({"old": "made_cut", "new": "cut by 每省限额"})
    );
    assert_eq!(change("浙江嘉兴乙园")["new_verdict"], "not_eligible");
    assert_eq!(change("洛阳高新区")["round"]["new"], "undetermined");
    assert_eq!(
        change("许昌经开区")["round"],
        serde_json::json!({"old": "undetermined", "new": "cut by 每省限额"})
    );
    assert_eq!(doc["changes"].as_array().unwrap().len(), 4);
}

/// `jidi report`: one section per round rule (推荐数量 优势系列限额, then 每省限额) listing the parks it
/// ranked with group, rank, count, limit and outcome, in Chinese; each park's section has its
/// round lines.
#[test]
fn the_panel_report_has_a_section_per_round_rule() {
    let out = jidi(&["report", POLICY, RECORDS, "--format", "md", "--lang", "zh"]);
    let text = String::from_utf8(out.stdout).unwrap();
    let start = text
        .find("### 限额 推荐数量 优势系列限额")
        .expect("the round sections");
    let end = start
        + text[start..]
            .find("\n## ")
            .or_else(|| text[start..].find("\n### 园区"))
            .unwrap_or(text.len() - start);
    insta::assert_snapshot!("national_2021_report_round_zh", &text[start..end]);
    assert!(
        text.contains("- 限额 因 推荐数量 优势系列限额 落选；单独评价：符合"),
        "{text}"
    );
}
