//! Spreadsheet records: CSV and XLSX read into the same records as JSON, units in headers
//! converted exactly, list and map sheets joined by name, every problem named by its cell, and
//! the template read back into the records it was filled with.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // tests fail by panicking

use jidi::check::Policy;
use jidi::data::{self, sheet, Loaded};
use jidi::value::{Record, Value};
use jidi::Source;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

mod common;
use common::root;

/// A small policy with every kind of field a form holds: units, a tier, an enumeration list,
/// a date, a bool, a map of expert verdicts and a list of events.
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
    let checked = jidi::check::check(&Source::new("示例.jidi", POLICY));
    checked.policy.expect("the test policy checks")
}

fn shipped() -> Policy {
    let path = root().join("policies/sichuan-2023-draft.jidi");
    let checked = jidi::check::check(&Source::read(&path).unwrap());
    checked.policy.expect("the shipped policy checks")
}

/// The records of JSON text, through the JSON reader.
fn json_records(policy: &Policy, text: &str) -> Vec<Record> {
    data::load_source(policy, &Source::new("x.json", text))
        .into_iter()
        .map(|l| {
            assert!(l.diagnostics.is_empty(), "{:?}", l.diagnostics);
            l.record.expect("a good JSON record")
        })
        .collect()
}

/// Records with map entries in key order: a map's order is not part of its meaning.
fn sorted(records: Vec<Record>) -> Vec<Record> {
    fn sort(v: Value) -> Value {
        match v {
            Value::Map(entries) => {
                let mut e: Vec<(std::sync::Arc<str>, Value)> = entries.to_vec();
                e.sort_by(|a, b| a.0.cmp(&b.0));
                Value::Map(e.into())
            }
            other => other,
        }
    }
    records
        .into_iter()
        .map(|r| Record {
            values: r.values.into_iter().map(sort).collect(),
        })
        .collect()
}

fn records(loaded: &[Loaded]) -> Vec<Record> {
    loaded.iter().filter_map(|l| l.record.clone()).collect()
}

fn rendered(loaded: &[Loaded]) -> String {
    let all: Vec<jidi::Diagnostic> = loaded
        .iter()
        .flat_map(|l| l.diagnostics.iter().cloned())
        .collect();
    jidi::diag::render(&all, jidi::i18n::Lang::En, false, 100)
}

const JSON_EQUIVALENT: &str = r#"[
  {"名称": "甲园", "申报类型": "甲类", "营业收入": 200.04, "工业用地面积": 500.1,
   "研发投入强度": 2.5, "申报日期": "2025-03-20", "欠发达县域": false,
   "材料": ["申报书", "证明材料"], "定性评价": {"品牌培育": "达标"},
   "事件": [{"级别": "一般", "日期": "2024-05-01"}, {"级别": "Ⅱ", "日期": "2023-01-09", "整改完成日期": "2023-03-01"}]},
  {"名称": "乙园", "申报类型": "乙类", "营业收入": 80, "工业用地面积": 100,
   "申报日期": "2025-04-01", "欠发达县域": true, "材料": [], "事件": []}
]"#;

const CSV_MAIN: &str = "\u{feff}名称,申报类型,营业收入（万元）,工业用地面积(亩),研发投入强度（%）,申报日期,欠发达县域,材料
甲园,甲类,\"2,000,400\",7501.5,2.5,2025/3/20,FALSE,申报书、证明材料
乙园,乙类,80亿元,1500,,2025-04-01,是,无
";

const CSV_EVENTS: &str = "名称,级别,日期,整改完成日期
甲园,一般,2024-05-01,
乙园,无,,
甲园,II,2023年1月9日,2023-03-01
";

const CSV_VERDICTS: &str = "名称,品牌培育
甲园,达标
";

#[test]
fn csv_with_units_in_headers_reads_into_the_same_records_as_json() {
    let p = policy();
    let loaded = sheet::load_csv(
        &p,
        "申报.csv",
        CSV_MAIN,
        &[
            ("事件", "申报.事件.csv", CSV_EVENTS),
            ("定性评价", "申报.定性评价.csv", CSV_VERDICTS),
        ],
    );
    assert_eq!(rendered(&loaded), "");
    assert_eq!(records(&loaded), json_records(&p, JSON_EQUIVALENT));
    // 2,000,400 万元 over 7501.5 亩 is exactly 4000 万元/公顷: the boundary passes.
    let j = p.judge(&records(&loaded)[0]);
    assert_eq!(jidi::report::verdict_name(j.verdict), "eligible");
    // A park with no row on the events sheet has unknown events, as a record without the field.
    let without = CSV_EVENTS.replace("乙园,无,,\n", "");
    let loaded_without = sheet::load_csv(
        &p,
        "申报.csv",
        CSV_MAIN,
        &[("事件", "申报.事件.csv", &without)],
    );
    let events = p.input_index("事件").unwrap();
    assert_eq!(records(&loaded_without)[1].values[events], Value::Unknown);
    // Places are rows, as lines are for NDJSON.
    let places: Vec<String> = loaded.iter().map(|l| l.place(true)).collect();
    assert_eq!(places, ["申报.csv#2", "申报.csv#3"]);
}

/// A workbook as a person would fill it: other units, dates as dates, numbers as numbers,
/// a first sheet of any name with a title above its header, and the list and map sheets in any
/// order.
fn filled_workbook() -> Vec<u8> {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let parks = book.add_worksheet();
    parks.set_name("园区").unwrap();
    parks.write_string(0, 0, "2025 年申报数据").unwrap();
    let headers = [
        "名称",
        "申报类型",
        "营业收入(万元)",
        "工业用地面积（亩）",
        "研发投入强度（%）",
        "申报日期",
        "欠发达县域",
        "材料",
    ];
    for (c, h) in headers.iter().enumerate() {
        parks.write_string(2, c as u16, *h).unwrap();
    }
    parks.write_string(3, 0, "甲园").unwrap();
    parks.write_string(3, 1, "甲类").unwrap();
    parks.write_number(3, 2, 2_000_400).unwrap();
    parks.write_number(3, 3, 7501.5).unwrap();
    parks.write_number(3, 4, 2.5).unwrap();
    parks
        .write_date_with_format(3, 5, ExcelDateTime::from_ymd(2025, 3, 20).unwrap(), &date)
        .unwrap();
    parks.write_boolean(3, 6, false).unwrap();
    parks.write_string(3, 7, "申报书,证明材料").unwrap();
    parks.write_string(4, 0, "乙园").unwrap();
    parks.write_string(4, 1, "乙类").unwrap();
    parks.write_string(4, 2, "800000").unwrap();
    parks.write_number(4, 3, 1500).unwrap();
    parks.write_string(4, 5, "2025-04-01").unwrap();
    parks.write_string(4, 6, "是").unwrap();
    parks.write_string(4, 7, "无").unwrap();
    let verdicts = book.add_worksheet();
    verdicts.set_name("定性评价").unwrap();
    verdicts.write_string(0, 0, "名称").unwrap();
    verdicts.write_string(0, 1, "品牌培育").unwrap();
    verdicts.write_string(1, 0, "甲园").unwrap();
    verdicts.write_string(1, 1, "达标").unwrap();
    let events = book.add_worksheet();
    events.set_name("事件").unwrap();
    for (c, h) in ["日期", "名称", "级别", "整改完成日期"].iter().enumerate() {
        events.write_string(0, c as u16, *h).unwrap();
    }
    events
        .write_date_with_format(1, 0, ExcelDateTime::from_ymd(2024, 5, 1).unwrap(), &date)
        .unwrap();
    events.write_string(1, 1, "甲园").unwrap();
    events.write_string(1, 2, "一般").unwrap();
    events.write_string(2, 0, "2023-01-09").unwrap();
    events.write_string(2, 1, "甲园").unwrap();
    events.write_string(2, 2, "Ⅱ").unwrap();
    events.write_string(3, 1, "乙园").unwrap();
    events
        .write_date_with_format(2, 3, ExcelDateTime::from_ymd(2023, 3, 1).unwrap(), &date)
        .unwrap();
    book.save_to_buffer().unwrap()
}

#[test]
fn xlsx_with_units_in_headers_reads_into_the_same_records_as_json() {
    let p = policy();
    let loaded = sheet::load_workbook(&p, "申报表.xlsx", filled_workbook());
    assert_eq!(rendered(&loaded), "");
    assert_eq!(records(&loaded), json_records(&p, JSON_EQUIVALENT));
}

#[test]
fn xlsx_files_are_read_by_extension_like_any_record_file() {
    let p = policy();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("申报表.xlsx"), filled_workbook()).unwrap();
    std::fs::write(dir.path().join("~$申报表.xlsx"), b"lock").unwrap();
    let files = data::expand(&[dir.path().to_path_buf()]);
    assert_eq!(files.len(), 2);
    let loaded: Vec<Loaded> = files.iter().flat_map(|f| data::load_file(&p, f)).collect();
    assert_eq!(records(&loaded), json_records(&p, JSON_EQUIVALENT));
}

#[test]
fn csv_sidecars_are_joined_and_not_read_as_records_of_their_own() {
    let p = policy();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("申报.csv"), CSV_MAIN).unwrap();
    std::fs::write(dir.path().join("申报.事件.csv"), CSV_EVENTS).unwrap();
    // Saved by a Chinese spreadsheet program: GB18030, not UTF-8.
    let (gb, _, _) = encoding_rs::GB18030.encode(CSV_VERDICTS);
    std::fs::write(dir.path().join("申报.定性评价.csv"), gb).unwrap();
    let files = data::expand(&[dir.path().to_path_buf()]);
    assert_eq!(files.len(), 3);
    let loaded: Vec<Loaded> = files.iter().flat_map(|f| data::load_file(&p, f)).collect();
    assert_eq!(rendered(&loaded), "");
    assert_eq!(records(&loaded), json_records(&p, JSON_EQUIVALENT));
}

#[test]
fn csv_errors_name_sheet_row_and_column_and_the_other_rows_are_evaluated() {
    let p = policy();
    let main = "名称,申报类型,营业收入（万元）,工业用地面积(亩),研发投入强度（%）,申报日期,欠发达县域,材料,备注
甲园,甲类,2000400,7501.5,2.5,2025-03-20,否,申报书、证明材料,x
坏园,甲级,abc,7501.5,120,2025-02-30,也许,申报书、计划书,
乙园,乙类,800000,100,3,2025-03-20,是,无,
";
    let events = "名称,级别,日期
甲园,重大,2023-05-01
坏园,一般,2024-01-01
乙圆,一般,2024-01-01
,一般,2024-01-01
甲园,超大,2024-13-01
";
    let loaded = sheet::load_csv(&p, "申报.csv", main, &[("事件", "申报.事件.csv", events)]);
    let evaluated: Vec<Option<String>> = loaded
        .iter()
        .filter(|l| l.record.is_some())
        .map(|l| l.name.clone())
        .collect();
    assert_eq!(evaluated, [Some("乙园".to_string())]);
    let codes: Vec<&str> = loaded
        .iter()
        .flat_map(|l| l.diagnostics.iter().map(|d| d.code))
        .collect();
    assert!(codes.iter().all(|c| c.starts_with("jidi::record::")));
    insta::assert_snapshot!("csv_errors", rendered(&loaded));
}

#[test]
fn xlsx_errors_name_sheet_row_and_column() {
    let p = policy();
    let mut book = Workbook::new();
    let parks = book.add_worksheet();
    parks.set_name("申报").unwrap();
    for (c, h) in ["名称", "申报类型", "营业收入（万元）", "申报日期", "材料"]
        .iter()
        .enumerate()
    {
        parks.write_string(0, c as u16, *h).unwrap();
    }
    parks.write_string(1, 0, "甲园").unwrap();
    parks.write_string(1, 1, "甲类").unwrap();
    parks.write_string(1, 2, "二百万").unwrap();
    parks.write_number(1, 3, 45736).unwrap();
    parks.write_string(2, 0, "乙园").unwrap();
    parks.write_string(2, 1, "乙类").unwrap();
    parks.write_number(2, 2, 800_000).unwrap();
    parks.write_string(2, 4, "申报书").unwrap();
    let verdicts = book.add_worksheet();
    verdicts.set_name("定性评价").unwrap();
    verdicts.write_string(0, 0, "名称").unwrap();
    verdicts.write_string(0, 1, "品牌培育").unwrap();
    verdicts.write_string(1, 0, "乙园").unwrap();
    verdicts.write_string(1, 1, "优秀").unwrap();
    verdicts.write_string(2, 0, "乙园").unwrap();
    verdicts.write_string(2, 1, "达标").unwrap();
    let other = book.add_worksheet();
    other.set_name("事件表").unwrap();
    let loaded = sheet::load_workbook(&p, "申报表.xlsx", book.save_to_buffer().unwrap());
    assert!(loaded.iter().all(|l| l.record.is_none()));
    insta::assert_snapshot!("xlsx_errors", rendered(&loaded));
}

#[test]
fn a_header_in_a_unit_the_policy_does_not_know_stops_the_file() {
    let p = policy();
    let main = "名称,申报类型,营业收入（万圆）,工业用地面积（万元）,营业收入规模,名称
甲园,甲类,1,2,3,甲园
";
    let loaded = sheet::load_csv(&p, "申报.csv", main, &[]);
    assert_eq!(loaded.len(), 1);
    assert!(loaded[0].record.is_none());
    insta::assert_snapshot!("header_errors", rendered(&loaded));
}

#[test]
fn the_blank_template_has_exactly_the_policy_inputs_and_reads_back_empty() {
    use calamine::Reader;
    let p = policy();
    let bytes = sheet::template::workbook(&p, &[]).unwrap();
    let loaded = sheet::load_workbook(&p, "申报表.xlsx", bytes.clone());
    assert!(loaded.is_empty(), "{}", rendered(&loaded));
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let layout: Vec<String> = book
        .sheet_names()
        .iter()
        .map(|name| {
            let range = book.worksheet_range(name).unwrap();
            let headers: Vec<String> = range
                .rows()
                .next()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .unwrap_or_default();
            format!("{name}: {}", headers.join(" | "))
        })
        .collect();
    insta::assert_snapshot!("template_layout", layout.join("\n"));
}

#[test]
fn a_filled_template_reads_back_into_the_same_records() {
    let p = policy();
    let original = json_records(&p, JSON_EQUIVALENT);
    let bytes = sheet::template::workbook(&p, &original).unwrap();
    let loaded = sheet::load_workbook(&p, "申报表.xlsx", bytes);
    assert_eq!(rendered(&loaded), "");
    assert_eq!(records(&loaded), original);
}

#[test]
fn the_examples_round_trip_through_the_template_with_the_same_verdicts() {
    let p = shipped();
    let files = data::expand(&[root().join("examples")]);
    let original: Vec<Record> = files
        .iter()
        .flat_map(|f| data::load_file(&p, f))
        .filter_map(|l| l.record)
        .collect();
    assert!(original.len() >= 14);
    let bytes = sheet::template::workbook(&p, &original).unwrap();
    let loaded = sheet::load_workbook(&p, "申报表.xlsx", bytes);
    assert_eq!(rendered(&loaded), "");
    let back = records(&loaded);
    assert!(sorted(back.clone()) == sorted(original.clone()));
    for (a, b) in original.iter().zip(&back) {
        assert_eq!(p.judge(a), p.judge(b));
    }
}

// ---------------------------------------------------------------- number formats and bounds

/// A zip archive of `parts`, as workbooks are.
fn zipped(parts: &[(&str, String)]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in parts {
        // An ODS file's `mimetype` comes first, stored.
        let opts = if *name == "mimetype" {
            opts.compression_method(zip::CompressionMethod::Stored)
        } else {
            opts
        };
        zip.start_file(*name, opts).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A minimal `.xlsx`: one sheet `申报` with `sheet_data` inside `<sheetData>`, the given
/// shared strings and cell formats (`<xf numFmtId=…>`).
fn xlsx(sheet_data: &str, dimension: &str, strings: &[&str], xfs: &[u32]) -> Vec<u8> {
    let sst: String = strings
        .iter()
        .map(|s| format!("<si><t>{s}</t></si>"))
        .collect();
    let xf: String = xfs
        .iter()
        .map(|i| format!("<xf numFmtId=\"{i}\"/>"))
        .collect();
    zipped(&[
        ("[Content_Types].xml", r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#.into()),
        ("_rels/.rels", r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.into()),
        ("xl/workbook.xml", r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="申报" sheetId="1" r:id="rId1"/></sheets></workbook>"#.into()),
        ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#.into()),
        ("xl/sharedStrings.xml", format!(r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{n}" uniqueCount="{n}">{sst}</sst>"#, n = strings.len())),
        ("xl/styles.xml", format!(r#"<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="{}">{xf}</cellXfs></styleSheet>"#, xfs.len())),
        ("xl/worksheets/sheet1.xml", format!(r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>{sheet_data}</sheetData></worksheet>"#)),
    ])
}

/// A minimal `.ods` (the parts LibreOffice needs to open it: `mimetype`, `content.xml`,
/// `META-INF/manifest.xml`) with `rows` inside its one table `申报`.
fn ods(rows: &str) -> Vec<u8> {
    zipped(&[
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet".into()),
        ("META-INF/manifest.xml", r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#.into()),
        ("content.xml", format!(r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="申报">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#)),
    ])
}

fn ods_text(s: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="string"><text:p>{s}</text:p></table:table-cell>"#
    )
}

fn ods_number(kind: &str, v: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="{kind}" office:value="{v}"><text:p>{v}</text:p></table:table-cell>"#
    )
}

/// The figure of input `name` in the one record loaded.
fn figure(loaded: &[Loaded], name: &str) -> Value {
    let p = policy();
    assert_eq!(loaded.len(), 1, "{}", rendered(loaded));
    assert!(loaded[0].record.is_some(), "{}", rendered(loaded));
    let record = loaded[0].record.as_ref().unwrap();
    record.values[p.input_index(name).unwrap()].clone()
}

fn num(s: &str) -> Value {
    Value::Num(s.parse().unwrap())
}

/// A clerk types 55% into a cell: Excel stores 0.55 with a percent format and shows "55%". In a
/// `%` field that is 55 % (it was read as 0.55 %, and the park failed 指标3); in a field of
/// another unit it is an error at its cell.
#[test]
fn a_percentage_cell_is_the_percent_it_shows() {
    let p = policy();
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    s.set_name("申报").unwrap();
    for (c, h) in ["名称", "申报类型", "研发投入强度", "营业收入（亿元）"]
        .iter()
        .enumerate()
    {
        s.write_string(0, c as u16, *h).unwrap();
    }
    s.write_string(1, 0, "甲园").unwrap();
    s.write_string(1, 1, "甲类").unwrap();
    s.write_number_with_format(1, 2, 0.025, &Format::new().set_num_format("0.0%"))
        .unwrap();
    let loaded = sheet::load_workbook(&p, "r.xlsx", book.save_to_buffer().unwrap());
    assert_eq!(figure(&loaded, "研发投入强度"), num("2.5"));

    // Built-in format 9 (`0%`), in a column headed with its unit.
    let bytes = xlsx(
        r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>
           <row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="s"><v>4</v></c><c r="C2" s="1"><v>0.55</v></c></row>"#,
        "A1:C2",
        &["名称", "申报类型", "研发投入强度（%）", "甲园", "甲类"],
        &[0, 9],
    );
    let loaded = sheet::load_workbook(&p, "r.xlsx", bytes);
    assert_eq!(figure(&loaded, "研发投入强度"), num("55"));

    // In a field of 亿元 a percentage cannot be what was meant.
    let bytes = xlsx(
        r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="F1" t="s"><v>2</v></c></row>
           <row r="7"><c r="A7" t="s"><v>3</v></c><c r="B7" t="s"><v>4</v></c><c r="F7" s="1"><v>0.55</v></c></row>"#,
        "A1:F7",
        &["名称", "申报类型", "营业收入（亿元）", "甲园", "甲类"],
        &[0, 10],
    );
    let loaded = sheet::load_workbook(&p, "r.xlsx", bytes);
    assert!(loaded[0].record.is_none());
    let d = &loaded[0].diagnostics[0];
    assert_eq!(d.code, "jidi::record::unit");
    assert!(
        d.message.en().starts_with(
            "r.xlsx 申报!F7 营业收入（亿元）: the cell is formatted as a percentage (it shows 55%)"
        ),
        "{}",
        d.message.en()
    );
}

/// The same in an `.ods` file: `office:value-type="percentage"` is that percent; a plain float
/// stays what it is.
#[test]
fn an_ods_percentage_cell_is_the_percent_it_shows() {
    let p = policy();
    let head = format!(
        "<table:table-row>{}{}{}</table:table-row>",
        ods_text("名称"),
        ods_text("申报类型"),
        ods_text("研发投入强度")
    );
    let row = |cell: String| {
        format!(
            "{head}<table:table-row>{}{}{cell}<table:table-cell table:number-columns-repeated=\"16381\"/></table:table-row>\
             <table:table-row table:number-rows-repeated=\"1048574\"><table:table-cell table:number-columns-repeated=\"16384\"/></table:table-row>",
            ods_text("甲园"),
            ods_text("甲类"),
        )
    };
    let loaded = sheet::load_workbook(&p, "r.ods", ods(&row(ods_number("percentage", "0.55"))));
    assert_eq!(figure(&loaded, "研发投入强度"), num("55"));
    let loaded = sheet::load_workbook(&p, "r.ods", ods(&row(ods_number("float", "2.5"))));
    assert_eq!(figure(&loaded, "研发投入强度"), num("2.5"));
}

/// A 1.5 KB workbook whose one cell sits at `XFD1048576` (declared dimension `A1:XFD1048576`)
/// aborted on a 512 GB allocation; it is read like any other sheet.
#[test]
fn a_cell_at_the_far_corner_costs_nothing() {
    let p = policy();
    let bytes = xlsx(
        r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>
           <row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row>
           <row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#,
        "A1:XFD1048576",
        &["名称", "申报类型", "甲园", "甲类"],
        &[0],
    );
    assert!(bytes.len() < 2000, "{}", bytes.len());
    let loaded = sheet::load_workbook(&p, "far.xlsx", bytes);
    assert_eq!(records(&loaded).len(), 2, "{}", rendered(&loaded));
}

/// A shared-string index past the end panicked; a reference out of a sheet or a repeat count
/// in the billions are located errors too, and cost no memory. An `.xls` file is refused with
/// what to do: its percentage cells cannot be told, and its reader panicked on broken files.
#[test]
fn a_bad_workbook_is_a_located_error() {
    let p = policy();
    let bad_index = xlsx(
        r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>7</v></c></row>"#,
        "A1:A2",
        &["名称"],
        &[0],
    );
    let beyond = xlsx(
        r#"<row r="1"><c r="XFE1"><v>1</v></c></row>"#,
        "A1",
        &[],
        &[0],
    );
    let cells = format!(
        "<table:table-row table:number-rows-repeated=\"1000000\">{}</table:table-row>",
        r#"<table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"/>"#
    );
    let xls =
        std::fs::read(root().join("fuzz/seeds/eval_workbook/02-small.xls")).unwrap()[1..].to_vec();
    let cases = [
        (
            "bad.xlsx",
            bad_index,
            "申报!A2: the cell names shared string 7, but the workbook has 1",
        ),
        ("beyond.xlsx", beyond, "cell `XFE1` is outside a sheet"),
        ("many.ods", ods(&cells), "more than 1000000 filled cells"),
        (
            "junk.xlsx",
            b"PK\x03\x04 not really a zip".to_vec(),
            "is not a readable workbook",
        ),
        // An Excel 97-2003 file (written by xlwt; the fuzz seed without its selector byte).
        ("old.xls", xls, "save it as .xlsx"),
    ];
    for (name, bytes, want) in cases {
        let loaded = sheet::load_workbook(&p, name, bytes);
        assert_eq!(loaded.len(), 1, "{name}");
        assert!(loaded[0].record.is_none());
        let d = &loaded[0].diagnostics[0];
        assert_eq!(d.code, "jidi::record::unreadable", "{name}");
        assert!(d.message.en().contains(want), "{name}: {}", d.message.en());
    }
}

/// A bad workbook among the record files: an error for it, and the other files evaluated.
#[test]
fn a_bad_workbook_does_not_stop_the_batch() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.json"),
        r#"{"名称": "甲园", "申报类型": "甲类", "营业收入": 250}"#,
    )
    .unwrap();
    let bad = xlsx(
        r#"<row r="1"><c r="A1" t="s"><v>9</v></c></row>"#,
        "A1",
        &[],
        &[0],
    );
    std::fs::write(dir.path().join("b.xlsx"), bad).unwrap();
    std::fs::write(
        dir.path().join("c.json"),
        r#"{"名称": "乙园", "申报类型": "乙类", "营业收入": 80}"#,
    )
    .unwrap();
    let policy_file = dir.path().join("p.jidi");
    std::fs::write(&policy_file, POLICY).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jidi"))
        .args(["--lang", "en", "eval", "--format", "json"])
        .arg(&policy_file)
        .arg(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stdout.contains("甲园") && stdout.contains("乙园"),
        "{stdout}"
    );
    assert!(
        stderr.contains("b.xlsx") && stderr.contains("shared string 9"),
        "{stderr}"
    );
}
