//! The panel report: a Markdown snapshot of a small batch, the HTML page's structure, the group
//! measure behind the radar chart, and `jidi report` as a user runs it.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // tests fail by panicking

use jidi::check::Policy;
use jidi::data;
use jidi::i18n::Lang;
use jidi::report::panel::{self, Batch, Context, GroupScore, Panel, Park, Unread};
use jidi::report::{html, markdown};
use jidi::Source;
use std::path::PathBuf;
use std::process::Command;

/// A small policy with a condition, a veto, constraints and guidance in two groups.
const POLICY: &str = r#"
measure "示例办法" { version "测试" effective 2024-01-01 }

unit 元
unit 万元 = 10000 元
unit 亿元 = 10000 万元
unit 亩
unit 公顷 = 15 亩
unit % = 1/100

tier 甲类 { title "甲类基地（{名称}）" }
tier 乙类

enum 材料种类 { 申报书, 证明材料 }
enum 意见 { 达标, 未达标 }
enum 级别 { 一般, 重大, Ⅱ alias "II" }

record 事件 {
  级别: 级别
  日期: date
  整改完成日期: date optional
}

input 名称: name
input 申报类型: tier
input 营业收入: 亿元 range 0..
input 工业用地面积: 公顷 range 0..
input 研发投入强度: % range 0..100
input 申报日期: date
input 欠发达县域: bool
input 材料: list of 材料种类
input 定性评价: map of 意见
input 事件: list of 事件

article 第一条 {
  quote "申报材料齐全。"
  condition 材料齐全 = 申报书 in 材料 and 证明材料 in 材料
}

article 第二条 {
  quote "近三年未发生重大事故。"
  veto 重大事故 = any e in 事件: e.级别 == 重大 and e.日期 within 3 years before 申报日期
}

article 附件 {
  indicator 营业收入规模 = 营业收入 {
    cite "附件 指标1"
    group 规模效益
    quote "≥200亿元（乙类≥75亿元）"
    甲类 constraint >= 200 亿元
    乙类 constraint >= 75 亿元
  }
  indicator 地均收入 = 营业收入 / 工业用地面积 as 万元/公顷 {
    cite "附件 指标2"
    group 规模效益
    quote "≥4000万元/公顷"
    all constraint >= 4000 万元/公顷
  }
  indicator 研发强度 = 研发投入强度 {
    cite "附件 指标3"
    group 创新效能
    quote "≥2%"
    all guidance >= 2 %
  }
  indicator 品牌培育 = 定性评价["品牌培育"] {
    cite "附件 指标4"
    group 创新效能
    quote "品牌培育成效明显"
    all constraint == 达标
  }
}

decision {
  not_eligible when any condition is fail or any veto is fail or any constraint is fail
  undetermined when any condition is unknown or any veto is unknown or any constraint is unknown
  otherwise eligible
}
"#;

fn policy() -> Policy {
    jidi::check::check(&Source::new("示例.jidi", POLICY))
        .policy
        .expect("the test policy checks")
}

const RECORDS: &str = r#"[
  {"名称": "甲园", "申报类型": "甲类", "营业收入": 200.04, "工业用地面积": 500.1,
   "研发投入强度": 2.5, "申报日期": "2025-03-20", "欠发达县域": false,
   "材料": ["申报书", "证明材料"], "定性评价": {"品牌培育": "达标"}, "事件": []},
  {"名称": "乙园", "申报类型": "乙类", "营业收入": 60, "工业用地面积": 100,
   "研发投入强度": 1.5, "申报日期": "2025-04-01", "欠发达县域": true, "材料": ["申报书"],
   "定性评价": {"品牌培育": "未达标"},
   "事件": [{"级别": "重大", "日期": "2024-01-05"}]},
  {"名称": "丙园", "申报类型": "甲类", "营业收入": 300, "研发投入强度": 3,
   "申报日期": "2025-04-02", "欠发达县域": false, "材料": ["申报书", "证明材料"],
   "定性评价": {"品牌培育": "达标"}, "事件": []}
]"#;

fn batch(p: &Policy) -> Batch {
    let loaded = data::load_source(p, &Source::new("申报.json", RECORDS));
    let mut b = Batch::default();
    for item in loaded {
        b.parks.push(Park {
            place: item.place(true),
            judgement: p.judge(item.record.as_ref().expect("good records")),
        });
    }
    b.unread.push(Unread {
        place: "申报表.xlsx#5".into(),
        name: Some("丁园".into()),
        problems: vec![jidi::diag::catalogue::record::at_cell(
            "申报表.xlsx 申报!C5",
            "营业收入（万元）",
            jidi::diag::catalogue::record_type::cell_not_number_in("abc", "万元"),
        )],
    });
    b
}

/// The report of `b`, generated on a fixed day.
fn panel_in(p: &Policy, b: &Batch, lang: Lang) -> Panel {
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    panel::build(p, b, &Context::new(p, lang, day))
}

#[test]
fn the_markdown_report_has_a_summary_and_a_section_per_park() {
    let p = policy();
    let b = batch(&p);
    insta::assert_snapshot!(
        "markdown_report_zh",
        markdown::render(&panel_in(&p, &b, Lang::Zh))
    );
    insta::assert_snapshot!(
        "markdown_report_en",
        markdown::render(&panel_in(&p, &b, Lang::En))
    );
}

#[test]
fn group_scores_count_applicable_indicators_that_pass() {
    let p = policy();
    let b = batch(&p);
    let scores: Vec<Vec<GroupScore>> = b
        .parks
        .iter()
        .map(|park| panel::group_scores(&p, &park.judgement))
        .collect();
    let shown: Vec<Vec<String>> = scores
        .iter()
        .map(|s| {
            s.iter()
                .map(|g| format!("{} {}", g.group, g.ratio()))
                .collect()
        })
        .collect();
    assert_eq!(
        shown,
        [
            ["规模效益 2/2", "创新效能 2/2"],
            ["规模效益 1/2", "创新效能 0/2"],
            // 丙园 leaves out its land area: 地均收入 is unknown, which is not a pass.
            ["规模效益 1/2", "创新效能 2/2"],
        ]
    );
    assert_eq!(scores[2][0].share(), Some(0.5));
}

#[test]
fn the_html_report_is_one_self_contained_printable_page() {
    let p = policy();
    let page = html::render(&panel_in(&p, &batch(&p), Lang::Zh));
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert_eq!(page.matches("<section class=\"park\"").count(), 3);
    assert_eq!(page.matches("<svg class=\"radar\"").count(), 3);
    assert!(page.contains("break-before: page"));
    assert!(page.contains("Noto Sans CJK SC"));
    assert!(!page.contains("<script"));
    // Nothing is fetched: the only URL is the SVG namespace.
    let urls = page.matches("http").count();
    assert_eq!(urls, page.matches("http://www.w3.org/2000/svg").count());
    for verdict in ["eligible", "not_eligible", "undetermined"] {
        assert!(
            page.contains(&format!("data-verdict=\"{verdict}\"")),
            "{verdict}"
        );
    }
    assert!(page.contains("丁园"), "records not evaluated are listed");
    // Names are escaped.
    let mut b = batch(&p);
    b.parks[0].judgement.name = Some("<b>&</b>".into());
    let page = html::render(&panel_in(&p, &b, Lang::Zh));
    assert!(page.contains("&lt;b&gt;&amp;&lt;/b&gt;"));
    assert!(!page.contains("<b>&</b>"));
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn jidi_report_writes_html_or_markdown_by_the_output_extension() {
    let dir = tempfile::tempdir().unwrap();
    let policy = dir.path().join("示例.jidi");
    std::fs::write(&policy, POLICY).unwrap();
    let records = dir.path().join("申报.json");
    std::fs::write(&records, RECORDS).unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_jidi"))
            .env("LC_ALL", "C")
            .args(args)
            .current_dir(root())
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    let (p, r) = (policy.to_str().unwrap(), records.to_str().unwrap());
    let md = dir.path().join("report.md");
    let o = run(&["report", p, r, "-o", md.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(text.starts_with("# 示例办法（测试）"));
    assert!(text.contains("## 3. 丙园 — **undetermined**"));
    let o = run(&["--lang", "zh", "report", "--format", "md", p, r]);
    let zh = String::from_utf8_lossy(&o.stdout);
    assert!(zh.contains("## 3. 丙园 — **待定**"), "{zh}");
    assert!(
        zh.contains("| 申报类型 | 符合 | 不符合 | 待定 | 合计 |"),
        "{zh}"
    );
    let html_out = dir.path().join("report.html");
    let o = run(&["report", p, r, "-o", html_out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert!(std::fs::read_to_string(&html_out)
        .unwrap()
        .starts_with("<!DOCTYPE html>"));
    let o = run(&["report", "--format", "md", p, r]);
    assert_eq!(String::from_utf8_lossy(&o.stdout), text);
    // A bad record is listed as not evaluated, and the exit status says so.
    let bad = dir.path().join("坏.json");
    std::fs::write(&bad, r#"{"名称": "丁园", "申报类型": "丁类"}"#).unwrap();
    let o = run(&["report", "--format", "md", p, r, bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("### Rejected records"));
    assert!(
        out.contains("| rejected | | | | 1 |"),
        "the summary counts it"
    );
    assert!(out.contains("丁园"));
}

#[test]
fn jidi_template_and_eval_agree_with_json_on_the_examples() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("申报表.xlsx");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_jidi"))
            .env("LC_ALL", "C")
            .args(args)
            .current_dir(root())
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    let policy = "policies/sichuan-2023-draft.jidi";
    let o = run(&[
        "template",
        policy,
        "-o",
        book.to_str().unwrap(),
        "--fill",
        "examples/",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let from_xlsx = run(&["eval", "--format", "json", policy, book.to_str().unwrap()]);
    let from_json = run(&["eval", "--format", "json", policy, "examples/"]);
    assert_eq!(from_xlsx.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&from_xlsx.stdout),
        String::from_utf8_lossy(&from_json.stdout)
    );
}
