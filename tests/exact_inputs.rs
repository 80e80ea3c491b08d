//! Every figure exact on every input path: the same figure gives the same verdict from JSON, YAML,
//! TOML, CSV and a workbook; a figure with more digits than an exact decimal holds is refused, as
//! is a comma that is not a thousands separator; a broken CSV quote is an error, not a park.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic
)] // tests fail by panicking

use jidi::check::Policy;
use jidi::data::{self, sheet, Loaded};
use jidi::eval::Status;
use jidi::Source;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Formula, Workbook};
use std::str::FromStr;

/// 附件 指标1 (≥200 亿元) and 指标3 (≥4000 万元/公顷) of the measure, for 示范基地.
const POLICY: &str = r#"
measure "示例办法" { version "测试" effective 2024-01-01 }
unit 元
unit 万元 = 10000 元
unit 亿元 = 10000 万元
unit 亩
unit 公顷 = 15 亩
unit % = 1/100
tier 示范基地
input 名称: name
input 申报类型: tier
input 营业收入: 亿元 range 0..
input 工业用地面积: 公顷 range 0..
input 研发投入强度: % range 0..100
article 附件 {
  indicator 营业收入规模 = 营业收入 {
    cite "附件 指标1"
    quote "≥200亿元"
    all constraint >= 200 亿元
  }
  indicator 地均收入 = 营业收入 / 工业用地面积 as 万元/公顷 {
    cite "附件 指标3"
    quote "≥4000万元/公顷"
    all constraint >= 4000 万元/公顷
  }
  indicator 研发强度 = 研发投入强度 {
    cite "附件 指标4"
    quote "≥2%"
    all guidance >= 2 %
  }
}
decision { not_eligible when any constraint is fail otherwise eligible }
"#;

fn policy() -> Policy {
    let checked = jidi::check::check(&Source::new("p.jidi", POLICY));
    checked
        .policy
        .unwrap_or_else(|| panic!("{:#?}", checked.diagnostics))
}

fn load(name: &str, text: &str) -> Vec<Loaded> {
    data::load_source(&policy(), &Source::new(name, text))
}

/// The record of a file holding one good record.
fn one(loaded: &[Loaded]) -> &jidi::value::Record {
    assert_eq!(loaded.len(), 1, "{loaded:#?}");
    assert!(
        loaded[0].diagnostics.is_empty(),
        "{:#?}",
        loaded[0].diagnostics
    );
    loaded[0].record.as_ref().unwrap()
}

/// The figure and status of the rule named `rule`.
fn figure_and_status(record: &jidi::value::Record, rule: &str) -> (Decimal, Status) {
    let p = policy();
    let j = p.judge(record);
    let i = p.rule_index(rule).unwrap();
    let r = &j.results[i];
    match &r.figure {
        Some(jidi::value::Value::Num(n)) => (n.normalize(), r.status),
        other => panic!("{rule}: {other:?}"),
    }
}

/// The error codes of a load.
fn codes(loaded: &[Loaded]) -> Vec<&'static str> {
    loaded
        .iter()
        .flat_map(|l| &l.diagnostics)
        .filter(|d| d.is_error())
        .map(|d| d.code)
        .collect()
}

fn workbook(revenue: impl Fn(&mut rust_xlsxwriter::Worksheet)) -> Vec<u8> {
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    s.set_name("申报").unwrap();
    for (c, h) in [
        "名称",
        "申报类型",
        "营业收入（亿元）",
        "工业用地面积（公顷）",
    ]
    .iter()
    .enumerate()
    {
        s.write_string(0, c as u16, *h).unwrap();
    }
    s.write_string(1, 0, "甲园区").unwrap();
    s.write_string(1, 1, "示范基地").unwrap();
    revenue(s);
    s.write_number(1, 3, 500.1).unwrap();
    book.save_to_buffer().unwrap()
}

/// 附件 指标3: 200.04 亿元 over 500.1 公顷 is exactly 4000 万元/公顷 — a pass, whichever format
/// the figures come in. In a workbook the revenue is the formula `=128.2+0.2+71.64`, whose cached
/// double is 200.03999999999996: Excel shows 200.04 (15 significant digits), and so does jidi.
#[test]
fn the_boundary_figure_gives_the_same_verdict_from_every_format() {
    let want = (Decimal::from(4000), Status::Pass);
    let files = [
        (
            "r.json",
            r#"{"名称": "甲园区", "申报类型": "示范基地", "营业收入": 200.04, "工业用地面积": 500.1}"#,
        ),
        (
            "r.yaml",
            "名称: 甲园区\n申报类型: 示范基地\n营业收入: 200.04\n工业用地面积: 500.1\n",
        ),
        (
            "r.toml",
            "\"名称\" = \"甲园区\"\n\"申报类型\" = \"示范基地\"\n\"营业收入\" = 200.04\n\"工业用地面积\" = 500.1\n",
        ),
        (
            "r.csv",
            "名称,申报类型,营业收入（亿元）,工业用地面积（公顷）\n甲园区,示范基地,200.04,500.1\n",
        ),
        (
            "r.ndjson",
            "{\"名称\": \"甲园区\", \"申报类型\": \"示范基地\", \"营业收入\": 200.04, \"工业用地面积\": 500.1}\n",
        ),
    ];
    for (name, text) in files {
        let loaded = load(name, text);
        assert_eq!(figure_and_status(one(&loaded), "地均收入"), want, "{name}");
    }
    let bytes = workbook(|s| {
        s.write_formula(
            1,
            2,
            Formula::new("=128.2+0.2+71.64").set_result("200.03999999999996"),
        )
        .unwrap();
    });
    let loaded = sheet::load_workbook(&policy(), "r.xlsx", bytes);
    let record = one(&loaded);
    assert_eq!(figure_and_status(record, "地均收入"), want);
    assert_eq!(
        figure_and_status(record, "营业收入规模").0,
        Decimal::from_str("200.04").unwrap()
    );
}

/// YAML and TOML numbers come from their text: 17 significant digits stay 17 (a binary float
/// would read 200.03999999999999 as 200.04, the nearest double being the same).
#[test]
fn yaml_and_toml_numbers_keep_every_digit_written() {
    let exact = Decimal::from_str("200.03999999999999").unwrap();
    for (name, text) in [
        ("r.yaml", "名称: 甲\n申报类型: 示范基地\n营业收入: 200.03999999999999\n"),
        (
            "r.toml",
            "\"名称\" = \"甲\"\n\"申报类型\" = \"示范基地\"\n\"营业收入\" = 200.039_999_999_999_99\n",
        ),
    ] {
        let loaded = load(name, text);
        assert_eq!(
            figure_and_status(one(&loaded), "营业收入规模"),
            (exact, Status::Pass),
            "{name}"
        );
    }
    // An alias replays the anchored figure, exactly.
    let loaded = load(
        "a.yaml",
        "名称: 甲\n申报类型: 示范基地\n营业收入: &r 200.04\n工业用地面积: *r\n",
    );
    assert_eq!(
        figure_and_status(one(&loaded), "地均收入"),
        (Decimal::from(10000), Status::Pass)
    );
}

/// 199.9999999999999999999999999999 亿元 has 31 significant digits: a decimal would round it to
/// 200 and pass 附件 指标1. It is refused, with its place, on every input path.
#[test]
fn a_figure_with_more_digits_than_a_decimal_holds_is_refused_everywhere() {
    let long = "199.9999999999999999999999999999";
    let files = [
        (
            "r.json".to_string(),
            format!(r#"{{"名称": "甲", "申报类型": "示范基地", "营业收入": {long}}}"#),
        ),
        (
            "r.ndjson".to_string(),
            format!("{{\"名称\": \"甲\", \"申报类型\": \"示范基地\", \"营业收入\": {long}}}\n"),
        ),
        (
            "r.json".to_string(),
            format!(r#"{{"名称": "甲", "申报类型": "示范基地", "营业收入": "{long}亿元"}}"#),
        ),
        (
            "r.yaml".to_string(),
            format!("名称: 甲\n申报类型: 示范基地\n营业收入: {long}\n"),
        ),
        (
            "r.toml".to_string(),
            format!("\"名称\" = \"甲\"\n\"申报类型\" = \"示范基地\"\n\"营业收入\" = {long}\n"),
        ),
        (
            "r.csv".to_string(),
            format!("名称,申报类型,营业收入（亿元）\n甲,示范基地,{long}\n"),
        ),
        (
            "r.json".to_string(),
            r#"{"名称": "甲", "申报类型": "示范基地", "营业收入": 2e40}"#.to_string(),
        ),
    ];
    for (name, text) in &files {
        let loaded = load(name, text);
        assert!(loaded[0].record.is_none(), "{name}: {text}");
        assert_eq!(codes(&loaded), ["jidi::record::too_many_digits"], "{name}");
        let d = &loaded[0].diagnostics[0];
        assert!(
            d.message
                .en()
                .contains("more digits than an exact decimal holds"),
            "{}",
            d.message.en()
        );
        if !name.ends_with(".csv") {
            let at = d.location().unwrap();
            assert!(at.starts_with(&format!("{name}:")), "{at}");
        } else {
            assert!(d.message.en().starts_with("r.csv!C2"), "{}", d.message.en());
        }
    }
    // The fast NDJSON reader gives the record up to the full one, which refuses it.
    let p = policy();
    let mut fast = data::fast::FastReader::new(&p);
    let (_, line) = &files[1];
    assert!(fast.record(line.trim_end()).is_none());
}

/// `"1260,5"` is not 12605: a comma is a thousands separator only between groups of three.
#[test]
fn a_comma_is_only_a_thousands_separator() {
    let figure = |v: &str| {
        let loaded = load(
            "r.json",
            &format!(r#"{{"名称": "甲", "申报类型": "示范基地", "营业收入": "{v}"}}"#),
        );
        match &loaded[0].record {
            Some(r) => Ok(figure_and_status(r, "营业收入规模").0),
            None => Err(codes(&loaded)),
        }
    };
    let d = |s: &str| Decimal::from_str(s).unwrap();
    assert_eq!(figure("1,260"), Ok(d("1260")));
    assert_eq!(figure("12,605.5"), Ok(d("12605.5")));
    assert_eq!(figure("1,234,567亿元"), Ok(d("1234567")));
    for bad in [
        "1260,5", "1,26", "1,2345", ",126", "12,605,5", "1.260,5", "126,",
    ] {
        assert_eq!(
            figure(bad),
            Err(vec!["jidi::record::separator"]),
            "{bad} must be refused"
        );
    }
    // The same in a spreadsheet cell, named by its cell.
    let loaded = load(
        "r.csv",
        "名称,申报类型,营业收入（亿元）\n甲,示范基地,\"1260,5\"\n",
    );
    assert_eq!(codes(&loaded), ["jidi::record::separator"]);
    assert!(loaded[0].diagnostics[0]
        .message
        .en()
        .starts_with("r.csv!C2"));
}

/// A CSV row whose quote is never closed swallowed the rest of the file into one field, and
/// became a park named after the broken row. It is a located error now.
#[test]
fn a_csv_row_with_an_unterminated_quote_is_an_error_at_the_quote() {
    let text =
        "名称,申报类型,营业收入（亿元）\n甲,示范基地,250\n\"乙,示范基地,250\n丙,示范基地,250\n";
    let loaded = load("r.csv", text);
    assert!(loaded.iter().all(|l| l.record.is_none()), "{loaded:#?}");
    assert!(codes(&loaded).iter().all(|c| *c == "jidi::record::syntax"));
    let d = &loaded[0].diagnostics[0];
    assert_eq!(d.location().unwrap(), "r.csv:3:1");
    assert!(
        d.message.en().contains("never closed"),
        "{}",
        d.message.en()
    );
    // Quotes closed, doubled inside, or across lines are fine.
    let fine = "名称,申报类型,营业收入（亿元）\n\"甲 \"\"一\"\"\",示范基地,250\n\"乙\n园区\",示范基地,\"1,250\"\n";
    let loaded = load("r.csv", fine);
    assert_eq!(loaded.len(), 2);
    assert!(codes(&loaded).is_empty(), "{loaded:#?}");
}

/// `template --fill` writes a figure as a number only when a spreadsheet keeps it exactly, so
/// the filled form reads back into the same figures.
#[test]
fn a_filled_template_keeps_figures_a_double_cannot_hold() {
    let p = policy();
    let text = r#"[{"名称": "甲", "申报类型": "示范基地", "营业收入": 200.04, "工业用地面积": 500.1},
                  {"名称": "乙", "申报类型": "示范基地", "营业收入": 123456789.0123456789}]"#;
    let records: Vec<_> = load("r.json", text)
        .into_iter()
        .map(|l| l.record.unwrap())
        .collect();
    let bytes = sheet::template::workbook(&p, &records).unwrap();
    let back: Vec<_> = sheet::load_workbook(&p, "t.xlsx", bytes)
        .into_iter()
        .map(|l| l.record.unwrap_or_else(|| panic!("{:#?}", l.diagnostics)))
        .collect();
    assert_eq!(back, records);
}
