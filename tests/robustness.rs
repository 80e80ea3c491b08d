//! Robustness: deep nesting, huge numbers, odd bytes and broken records give clear diagnostics —
//! never a panic, a stack overflow, a hang or a silently lost record.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // tests fail by panicking

use jidi::check::check;
use jidi::Source;
use std::time::{Duration, Instant};

mod common;
use common::{read, root};

/// Runs `f` on a thread with the 8 MiB stack a program's main thread normally gets (test threads
/// get 2 MiB), and fails if it takes more than `limit`.
fn on_main_sized_stack<T: Send + 'static>(
    limit: Duration,
    f: impl FnOnce() -> T + Send + 'static,
) -> T {
    let start = Instant::now();
    let out = std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .expect("no panic");
    assert!(start.elapsed() < limit, "took {:?}", start.elapsed());
    out
}

/// Checks a policy text on an 8 MiB stack and returns its diagnostic codes.
fn codes_of(text: String) -> Vec<&'static str> {
    on_main_sized_stack(Duration::from_secs(60), move || {
        let checked = check(&Source::new("deep.jidi", text));
        // Rendering must cope too.
        let _ = jidi::diag::render(&checked.diagnostics, jidi::i18n::Lang::En, false, 100);
        checked.diagnostics.iter().map(|d| d.code).collect()
    })
}

/// The small policy with one more declaration appended.
fn with(extra: &str) -> String {
    format!(
        "{}\narticle 附加 {{\n  quote \"x\"\n  {extra}\n}}\n",
        read("tests/data/robustness/small.jidi")
    )
}

const DEEP: usize = 100_000;

// ---------------------------------------------------------------- nesting without brackets

fn assert_too_deep(extra: String) {
    let codes = codes_of(with(&extra));
    assert!(
        codes.contains(&"jidi::nesting_too_deep"),
        "expected jidi::nesting_too_deep, got {codes:?}"
    );
}

#[test]
fn a_long_if_chain_in_the_then_branch_is_a_diagnostic() {
    assert_too_deep(format!(
        "condition 深 = {}欠发达县域{}",
        "if 欠发达县域 then ".repeat(DEEP),
        " else false".repeat(DEEP)
    ));
}

#[test]
fn a_long_else_if_chain_is_a_diagnostic() {
    assert_too_deep(format!(
        "condition 深 = {}false",
        "if 欠发达县域 then true else ".repeat(DEEP)
    ));
}

#[test]
fn an_if_chain_in_the_condition_is_a_diagnostic() {
    assert_too_deep(format!(
        "condition 深 = {}欠发达县域{}",
        "if ".repeat(DEEP),
        " then true else false".repeat(DEEP)
    ));
}

#[test]
fn a_long_run_of_not_is_a_diagnostic() {
    assert_too_deep(format!("condition 深 = {}欠发达县域", "not ".repeat(DEEP)));
}

#[test]
fn a_long_run_of_unary_minus_is_a_diagnostic() {
    assert_too_deep(format!("let 深 = {}营业收入", "- ".repeat(DEEP)));
}

#[test]
fn a_long_quantifier_chain_is_a_diagnostic() {
    assert_too_deep(format!(
        "condition 深 = {}欠发达县域",
        "any e in 事件: ".repeat(DEEP)
    ));
}

#[test]
fn a_long_flat_sum_is_a_diagnostic() {
    assert_too_deep(format!("let 深 = 营业收入{}", " + 营业收入".repeat(DEEP)));
}

#[test]
fn a_long_flat_conjunction_is_a_diagnostic() {
    assert_too_deep(format!(
        "condition 深 = 欠发达县域{}",
        " and 欠发达县域".repeat(DEEP)
    ));
}

#[test]
fn a_long_chain_of_field_accesses_is_a_diagnostic() {
    assert_too_deep(format!(
        "condition 深 = any e in 事件: e{} == 2024-01-01",
        ".日期".repeat(DEEP)
    ));
}

#[test]
fn a_long_chain_of_map_lookups_is_a_diagnostic() {
    assert_too_deep(format!("let 深 = 评价{}", "[\"品牌\"]".repeat(DEEP)));
}

#[test]
fn deep_brackets_are_a_diagnostic() {
    assert_too_deep(format!(
        "let 深 = {}营业收入{}",
        "(".repeat(DEEP),
        ")".repeat(DEEP)
    ));
    assert_too_deep(format!(
        "let 深 = {}1{}",
        "{".repeat(DEEP),
        "}".repeat(DEEP)
    ));
}

#[test]
fn mixed_deep_nesting_is_a_diagnostic() {
    assert_too_deep(format!(
        "condition 深 = {}欠发达县域",
        "not (if any e in 事件: - ".repeat(DEEP / 10)
    ));
}

#[test]
fn deep_expressions_in_the_repl_parser_are_a_diagnostic() {
    for text in [
        format!("{}x", "not ".repeat(DEEP)),
        format!("{}x", "- ".repeat(DEEP)),
        format!("{}x", "if a then ".repeat(DEEP)),
        format!("{}x", "any e in l: ".repeat(DEEP)),
        format!("x{}", " * x".repeat(DEEP)),
    ] {
        let result = on_main_sized_stack(Duration::from_secs(60), move || {
            jidi::syntax::parse_expr(&Source::new("repl", text)).map(|_| ())
        });
        let err = result.expect_err("too deep");
        assert_eq!(err.code, "jidi::nesting_too_deep", "{err}");
    }
}

#[test]
fn moderate_nesting_still_checks() {
    // Nesting a drafter may really write is accepted.
    let codes = codes_of(with(&format!(
        "condition 浅 = {}欠发达县域",
        "not ".repeat(20)
    )));
    assert!(!codes.contains(&"jidi::nesting_too_deep"), "{codes:?}");
    let codes = codes_of(with(&format!(
        "condition 浅 = {}false",
        "if 欠发达县域 then true else ".repeat(20)
    )));
    assert!(!codes.contains(&"jidi::nesting_too_deep"), "{codes:?}");
}

// ---------------------------------------------------------------- odd bytes in policy files

/// Checks a policy file given as bytes, the way `jidi check` reads it.
fn check_bytes(bytes: &[u8]) -> jidi::check::Checked {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("policy.jidi");
    std::fs::write(&path, bytes).unwrap();
    let source = Source::read(&path).unwrap();
    check(&source)
}

fn codes(checked: &jidi::check::Checked) -> Vec<&'static str> {
    checked.diagnostics.iter().map(|d| d.code).collect()
}

fn rendered(checked: &jidi::check::Checked) -> String {
    jidi::diag::render(&checked.diagnostics, jidi::i18n::Lang::En, false, 100)
}

#[test]
fn a_policy_with_a_byte_order_mark_and_crlf_line_ends_checks_like_the_plain_one() {
    let plain = read("tests/data/robustness/small.jidi");
    let odd = format!("\u{feff}{}", plain.replace('\n', "\r\n"));
    let a = check(&Source::new("a.jidi", plain));
    let b = check_bytes(odd.as_bytes());
    assert!(b.policy.is_some(), "{}", rendered(&b));
    assert_eq!(codes(&a), codes(&b));
    // Line numbers in diagnostics are the same too.
    let locations = |c: &jidi::check::Checked| -> Vec<String> {
        c.diagnostics
            .iter()
            .filter_map(|d| d.location())
            .map(|l| l.rsplit_once(".jidi:").unwrap().1.to_string())
            .collect()
    };
    assert_eq!(locations(&a), locations(&b));
}

#[test]
fn a_policy_that_is_not_utf8_is_refused_with_the_place() {
    let text = read("tests/data/robustness/small.jidi");
    let mut bytes = text.clone().into_bytes();
    // GBK for 指标 in a quote, as a spreadsheet export might write it.
    let at = text.find("指标体系").unwrap();
    bytes.splice(at..at + "指标".len(), [0xD6, 0xB8, 0xB1, 0xEA]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gbk.jidi");
    std::fs::write(&path, &bytes).unwrap();
    let line = text[..at].matches('\n').count() + 1;
    let err = Source::read(&path).expect_err("not UTF-8").to_string();
    assert!(
        err.contains(&format!("not valid UTF-8 at line {line}, column 11")),
        "{err}"
    );
    // The command line says so and stops.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jidi"))
        .env("LC_ALL", "C")
        .args(["check", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("gbk.jidi: not valid UTF-8 at line"),
        "{stderr}"
    );
}

#[test]
fn an_empty_policy_file_says_what_is_missing() {
    for bytes in [&b""[..], b"\n\n", b"\xef\xbb\xbf", b"// only a comment\n"] {
        let checked = check_bytes(bytes);
        assert!(checked.policy.is_none());
        let codes = codes(&checked);
        assert!(codes.contains(&"jidi::no_decision"), "{codes:?}");
        assert!(codes.contains(&"jidi::no_tiers"), "{codes:?}");
    }
}

#[test]
fn a_very_long_line_is_reported_and_rendered() {
    // A 300 000-character line with an error at its end: rendering must not fail.
    let long = format!("let 长 = 营业收入{} + 营业收人", " + 营业收入".repeat(50));
    let quote = "很长的引文".repeat(60_000);
    let text = with(&format!("quote \"{quote}\" {long}"));
    let checked = on_main_sized_stack(Duration::from_secs(60), move || {
        let checked = check(&Source::new("long.jidi", text));
        let out = rendered(&checked);
        (codes(&checked), out)
    });
    assert!(
        checked.0.contains(&"jidi::undefined_name"),
        "{:?}",
        checked.0
    );
    assert!(checked.1.contains("营业收人"), "{}", checked.1.len());
}

#[test]
fn a_very_long_line_with_a_syntax_error_far_along_is_rendered() {
    let text = format!("unit 元 {} ?", "// ".repeat(0) + &"x".repeat(100_000));
    let checked = on_main_sized_stack(Duration::from_secs(60), move || {
        let checked = check(&Source::new("long.jidi", text));
        (codes(&checked), rendered(&checked))
    });
    assert_eq!(checked.0, ["jidi::syntax"]);
}

#[test]
fn numbers_too_large_for_a_policy_are_diagnostics() {
    for (extra, code) in [
        (
            "let 大 = 99999999999999999999999999999 亿元",
            "jidi::number_too_large",
        ),
        (
            "let 大 = 1.00000000000000000000000000001 亿元",
            "jidi::number_too_large",
        ),
        ("let 期 = 申报日期 + 4294967296 years", "jidi::bad_duration"),
        ("let 期 = 2023-02-29", "jidi::bad_date"),
    ] {
        let checked = check(&Source::new("n.jidi", with(extra)));
        assert!(
            codes(&checked).contains(&code),
            "{extra}: {:?}",
            codes(&checked)
        );
    }
    // A unit whose factor overflows when combined.
    let text = read("tests/data/robustness/small.jidi").replace(
        "unit 家\n",
        "unit 家\nunit 巨 = 99999999999999999999999999 亿元\nunit 更巨 = 99999999999999999999999999 巨\n",
    );
    let checked = check(&Source::new("n.jidi", text));
    assert!(checked.policy.is_none() || codes(&checked).iter().all(|c| *c != "jidi::syntax"));
}

// ---------------------------------------------------------------- odd records

use jidi::data::{load_file, load_source, Loaded};

fn small() -> jidi::check::Policy {
    check(&Source::new(
        "small.jidi",
        read("tests/data/robustness/small.jidi"),
    ))
    .policy
    .expect("the small policy checks")
}

const GOOD_JSON: &str = r#"{"名称": "甲园区", "申报类型": "示范基地", "领域": "电子信息", "营业收入": 250, "工业用地面积": "3000亩", "评价": {"品牌": "达标"}, "事件": [{"级别": "一般", "日期": "2023-01-01"}]}"#;
const GOOD_TOML: &str = "\"名称\" = \"甲园区\"\n\"申报类型\" = \"示范基地\"\n\"领域\" = \"电子信息\"\n\"营业收入\" = 250\n\"工业用地面积\" = \"3000亩\"\n[\"评价\"]\n\"品牌\" = \"达标\"\n[[\"事件\"]]\n\"级别\" = \"一般\"\n\"日期\" = \"2023-01-01\"\n";
const GOOD_YAML: &str = "名称: 甲园区\n申报类型: 示范基地\n领域: 电子信息\n营业收入: 250\n工业用地面积: 3000亩\n评价:\n  品牌: 达标\n事件:\n  - 级别: 一般\n    日期: \"2023-01-01\"\n";

fn load(name: &str, text: &str) -> Vec<Loaded> {
    load_source(&small(), &Source::new(name, text))
}

/// Every error diagnostic of a load, as `code: message`.
fn errors(loaded: &[Loaded]) -> Vec<String> {
    loaded
        .iter()
        .flat_map(|l| &l.diagnostics)
        .filter(|d| d.is_error())
        .map(|d| format!("{}: {}", d.code, d.message.en()))
        .collect()
}

fn values(loaded: &[Loaded]) -> Vec<Vec<jidi::value::Value>> {
    loaded
        .iter()
        .map(|l| l.record.as_ref().expect("a good record").values.clone())
        .collect()
}

#[test]
fn the_good_records_in_every_format_agree() {
    let json = load("a.json", GOOD_JSON);
    assert!(errors(&json).is_empty(), "{:?}", errors(&json));
    for (name, text) in [
        ("a.ndjson", GOOD_JSON.to_string()),
        ("a.toml", GOOD_TOML.to_string()),
        ("a.yaml", GOOD_YAML.to_string()),
        ("a.json", format!("[{GOOD_JSON}]")),
    ] {
        let other = load(name, &text);
        assert!(errors(&other).is_empty(), "{name}: {:?}", errors(&other));
        assert_eq!(values(&json), values(&other), "{name}");
    }
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_change_nothing_in_records() {
    let plain = load("a.json", GOOD_JSON);
    for (name, text) in [
        ("a.json", GOOD_JSON.to_string()),
        ("a.ndjson", format!("{GOOD_JSON}\n{GOOD_JSON}\n")),
        ("a.toml", GOOD_TOML.to_string()),
        ("a.yaml", GOOD_YAML.to_string()),
    ] {
        let odd = format!("\u{feff}{}", text.replace('\n', "\r\n"));
        let loaded = load(name, &odd);
        assert!(errors(&loaded).is_empty(), "{name}: {:?}", errors(&loaded));
        for v in values(&loaded) {
            assert_eq!(v, values(&plain)[0], "{name}");
        }
    }
}

#[test]
fn an_empty_record_file_is_an_error() {
    for name in ["e.json", "e.ndjson", "e.toml", "e.yaml"] {
        for text in ["", "  \n", "\u{feff}", "\r\n\r\n"] {
            let loaded = load(name, text);
            assert_eq!(loaded.len(), 1, "{name}");
            assert!(loaded[0].record.is_none());
            let errs = errors(&loaded);
            assert!(
                errs.len() == 1 && errs[0].contains("holds no record"),
                "{name} {text:?}: {errs:?}"
            );
        }
    }
}

#[test]
fn a_record_file_that_is_not_utf8_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gbk.json");
    let mut bytes = GOOD_JSON.as_bytes().to_vec();
    let at = GOOD_JSON.find("甲园区").unwrap();
    bytes.splice(
        at..at + "甲园区".len(),
        [0xBC, 0xD7, 0xD4, 0xB0, 0xC7, 0xF8],
    );
    std::fs::write(&path, bytes).unwrap();
    let loaded = load_file(&small(), &path);
    assert_eq!(loaded.len(), 1);
    assert!(loaded[0].record.is_none());
    let errs = errors(&loaded);
    assert!(errs[0].starts_with("jidi::record::unreadable"), "{errs:?}");
    assert!(errs[0].contains("gbk.json"), "{errs:?}");
    assert!(errs[0].contains("UTF-8 at line 1, column 9"), "{errs:?}");
}

#[test]
fn nan_and_infinity_are_errors_never_unknowns() {
    let cases = [
        (
            "a.json",
            r#"{"名称": "甲", "申报类型": "示范基地", "营业收入": "NaN"}"#,
        ),
        (
            "a.json",
            r#"{"名称": "甲", "申报类型": "示范基地", "营业收入": "Infinity"}"#,
        ),
        (
            "a.json",
            r#"{"名称": "甲", "申报类型": "示范基地", "营业收入": "-Infinity"}"#,
        ),
        (
            "a.json",
            r#"{"名称": "甲", "申报类型": "示范基地", "营业收入": "inf"}"#,
        ),
        (
            "a.json",
            r#"{"名称": "甲", "申报类型": "示范基地", "营业收入": 1e400}"#,
        ),
        (
            "a.json",
            r#"{"名称": "甲", "申报类型": "示范基地", "营业收入": NaN}"#,
        ),
        (
            "a.toml",
            "\"名称\" = \"甲\"\n\"申报类型\" = \"示范基地\"\n\"营业收入\" = nan\n",
        ),
        (
            "a.toml",
            "\"名称\" = \"甲\"\n\"申报类型\" = \"示范基地\"\n\"营业收入\" = -inf\n",
        ),
        ("a.yaml", "名称: 甲\n申报类型: 示范基地\n营业收入: .nan\n"),
        ("a.yaml", "名称: 甲\n申报类型: 示范基地\n营业收入: .inf\n"),
        ("a.yaml", "名称: 甲\n申报类型: 示范基地\n营业收入: -.Inf\n"),
    ];
    for (name, text) in cases {
        let loaded = load(name, text);
        assert_eq!(loaded.len(), 1);
        assert!(loaded[0].record.is_none(), "{name} {text}: accepted");
        let errs = errors(&loaded);
        assert_eq!(errs.len(), 1, "{name} {text}: {errs:?}");
        let e = &errs[0];
        assert!(
            e.contains("营业收入") || e.starts_with("jidi::record::syntax"),
            "{name} {text}: {e}"
        );
    }
}

#[test]
fn duplicated_keys_are_reported_by_file_record_and_field() {
    let cases = [
        (
            "dup.json",
            r#"{"名称": "甲", "申报类型": "示范基地", "营业收入": 250, "营业收入": 150}"#,
            "营业收入",
        ),
        (
            "dup.json",
            r#"[{"名称": "乙"}, {"名称": "甲", "评价": {"品牌": "达标", "品牌": "未达标"}}]"#,
            "评价.品牌",
        ),
        (
            "dup.json",
            r#"{"名称": "甲", "事件": [{"级别": "一般", "日期": "2023-01-01", "级别": "重大"}]}"#,
            "事件[0].级别",
        ),
        (
            "dup.ndjson",
            "{\"名称\": \"乙\"}\n{\"名称\": \"甲\", \"营业收入\": 1, \"营业收入\": 2}\n",
            "营业收入",
        ),
        (
            "dup.yaml",
            "名称: 甲\n申报类型: 示范基地\n营业收入: 250\n营业收入: 150\n",
            "营业收入",
        ),
        (
            "dup.toml",
            "\"名称\" = \"甲\"\n\"营业收入\" = 250\n\"营业收入\" = 150\n",
            "营业收入",
        ),
        (
            "dup.json",
            r#"{"名称": "甲", "营业收入": 250, "营\u4e1a收入": 150}"#,
            "营业收入",
        ),
    ];
    for (name, text, field) in cases {
        let loaded = load(name, text);
        let dup: Vec<&jidi::Diagnostic> = loaded
            .iter()
            .flat_map(|l| &l.diagnostics)
            .filter(|d| d.code == "jidi::record::duplicate_key")
            .collect();
        assert_eq!(dup.len(), 1, "{name} {text}: {:?}", errors(&loaded));
        let d = dup[0];
        assert!(d.is_error());
        assert!(d.message.en().contains(field), "{}", d.message.en());
        assert_eq!(d.source.as_ref().unwrap().name(), name);
        if name.ends_with(".toml") {
            // TOML forbids duplicated keys: the file does not parse, so no record has a name.
            assert_eq!(loaded.len(), 1);
            assert!(loaded[0].record.is_none());
            continue;
        }
        assert!(
            d.message.en().contains("甲"),
            "names the record: {}",
            d.message.en()
        );
        // The record with the duplicate is not judged; the others are.
        let bad = loaded
            .iter()
            .find(|l| l.name.as_deref() == Some("甲"))
            .unwrap();
        assert!(bad.record.is_none());
        if let Some(other) = loaded.iter().find(|l| l.name.as_deref() == Some("乙")) {
            assert!(other.record.is_some());
        }
        let _ = jidi::diag::render(&bad.diagnostics, jidi::i18n::Lang::En, false, 100);
    }
}

#[test]
fn a_very_long_record_line_loads() {
    let name = "长".repeat(500_000);
    let text =
        format!("{{\"名称\": \"{name}\", \"申报类型\": \"示范基地\", \"营业收入\": \"abc\"}}\n");
    let loaded = on_main_sized_stack(Duration::from_secs(30), move || {
        let loaded = load("long.ndjson", &text);
        let _ = jidi::diag::render(&loaded[0].diagnostics, jidi::i18n::Lang::En, false, 100);
        errors(&loaded)
    });
    assert_eq!(loaded.len(), 1);
    assert!(
        loaded[0].contains("field 营业收入"),
        "{}",
        &loaded[0][..200]
    );
}

#[test]
fn deeply_nested_record_values_are_errors() {
    for (name, text) in [
        (
            "deep.json",
            format!(
                "{{\"事件\": {}{}}}",
                "[".repeat(100_000),
                "]".repeat(100_000)
            ),
        ),
        (
            "deep.yaml",
            format!("事件: {}{}\n", "[".repeat(100_000), "]".repeat(100_000)),
        ),
        (
            "deep.toml",
            format!(
                "\"事件\" = {}{}\n",
                "[".repeat(100_000),
                "]".repeat(100_000)
            ),
        ),
        (
            "deep.ndjson",
            format!("{}{}\n", "[".repeat(100_000), "]".repeat(100_000)),
        ),
    ] {
        let errs = on_main_sized_stack(Duration::from_secs(30), move || errors(&load(name, &text)));
        assert_eq!(errs.len(), 1, "{name}: {errs:?}");
    }
}

#[test]
fn record_figures_too_large_are_errors_and_overflow_in_rules_is_unknown_with_a_note() {
    let too_large = [
        r#"{"名称": "甲", "营业收入": 79228162514264337593543950336}"#,
        r#"{"名称": "甲", "营业收入": "1e29亿元"}"#,
    ];
    for text in too_large {
        let loaded = load("big.json", text);
        let errs = errors(&loaded);
        assert_eq!(errs.len(), 1, "{text}: {errs:?}");
        assert!(errs[0].contains("营业收入"), "{errs:?}");
    }
    // A figure that overflows when converted to the field's unit.
    let policy = sichuan();
    let record =
        r#"{"名称": "甲", "单位工业增加值能耗": "79228162514264337593543950335吨标准煤/元"}"#;
    let errs = errors(&load_source(&policy, &Source::new("big.json", record)));
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].contains("单位工业增加值能耗"), "{errs:?}");
    // Representable inputs whose quotient overflows: the rule is unknown, with a note.
    let record = r#"{"名称": "甲", "申报类型": "示范基地", "营业收入": 79228162514264337593543950335, "工业用地面积": 0.0000000001}"#;
    let loaded = load_source(&policy, &Source::new("big.json", record));
    let judged = policy.judge(loaded[0].record.as_ref().unwrap());
    let row3 = judged
        .results
        .iter()
        .find(|r| policy.rules[r.rule].name == "工业用地地均收入")
        .unwrap();
    assert_eq!(row3.status, jidi::eval::Status::Unknown);
    let json = jidi::report::json::judgement(&policy, &judged).to_string();
    assert!(json.contains("overflow"), "{json}");
}

fn sichuan() -> jidi::check::Policy {
    check(&Source::new(
        "sichuan.jidi",
        read("policies/sichuan-2023-draft.jidi"),
    ))
    .policy
    .expect("the shipped policy checks")
}

// ---------------------------------------------------------------- nothing lost

/// The first example application as one JSON object, changed by `edit`.
fn park(name: &str, edit: impl FnOnce(&mut serde_json::Map<String, serde_json::Value>)) -> String {
    let mut j: serde_json::Value =
        serde_json::from_str(&read("examples/01-成都电子信息示范.json")).unwrap();
    let obj = j.as_object_mut().unwrap();
    obj.insert("名称".into(), name.into());
    edit(obj);
    j.to_string()
}

/// A batch mixing good and broken records in every format: (file, contents, records in it).
/// Each broken record has exactly one error, and each error must name these words.
/// Files (name, bytes), how many records they hold, and the words each error must contain.
type Batch = (Vec<(&'static str, Vec<u8>)>, usize, Vec<Vec<&'static str>>);

fn mixed_batch() -> Batch {
    let good = |n: &str| park(n, |_| {});
    let ndjson = [
        good("线上好园区一"),
        "{broken".to_string(),
        park("坏类型", |o| {
            o.insert("营业收入".into(), "abc".into());
        }),
        park("坏枚举", |o| {
            o.insert("批准机关级别".into(), "乡".into());
        }),
        park("坏日期", |o| {
            o.insert("申报日期".into(), "2024-02-30".into());
        }),
        String::new(),
        park("重复键", |o| {
            o.insert("营业收入".into(), 1.into());
        })
        .replacen("\"营业收入\":1", "\"营业收入\":1,\"营业收入\":2", 1),
        good("线上好园区二"),
    ]
    .join("\n");
    let array = format!(
        "[{}, 3, {}, {}]",
        good("数组好园区一"),
        park("坏事件", |o| {
            o.insert(
                "事件".into(),
                serde_json::json!([{"类型": "生产安全事故", "级别": "一般", "日期": "2021-01-01"},
                                   {"类型": "生产安全事故", "级别": "一般", "日期": "昨天"}]),
            );
        }),
        good("数组好园区二"),
    );
    let files = vec![
        ("a-good.json", good("单个好园区").into_bytes()),
        ("b-lines.ndjson", ndjson.into_bytes()),
        ("c-array.json", array.into_bytes()),
        (
            "d-park.toml",
            read("examples/10-自贡装备制造示范-事故超三年.toml").into_bytes(),
        ),
        (
            "e-park.yaml",
            read("examples/12-南充能源化工产业-非欠发达县域.yaml").into_bytes(),
        ),
        (
            "f-bad-tier.yaml",
            read("examples/12-南充能源化工产业-非欠发达县域.yaml")
                .replace("名称: \"南充嘉陵油气化工产业园\"", "名称: \"坏类别\"")
                .replace("申报类型: \"产业基地\"", "申报类型: \"国家基地\"")
                .into_bytes(),
        ),
        ("g-empty.json", Vec::new()),
        ("h-gbk.json", vec![b'{', 0xC3, 0x28, b'}']),
        ("i-broken.toml", b"\"\xe5\x90\x8d\xe7\xa7\xb0\" = ".to_vec()),
    ];
    // Records in: 1 + 7 (the blank line holds none) + 4 + 1 + 1 + 1, and one unreadable entry for
    // each of the empty, the non-UTF-8 and the broken TOML file.
    let records_in = 1 + 7 + 4 + 1 + 1 + 1 + 3;
    let expected_errors = vec![
        vec!["b-lines.ndjson", "line 2", "not valid JSON"],
        vec!["b-lines.ndjson", "record 3 (坏类型)", "field 营业收入"],
        vec!["b-lines.ndjson", "record 4 (坏枚举)", "field 批准机关级别"],
        vec!["b-lines.ndjson", "record 5 (坏日期)", "field 申报日期"],
        vec!["b-lines.ndjson", "record 7 (重复键)", "field 营业收入"],
        vec!["c-array.json", "record 2", "must be an object"],
        vec!["c-array.json", "record 3 (坏事件)", "field 事件[1].日期"],
        vec!["f-bad-tier.yaml", "坏类别", "field 申报类型"],
        vec!["g-empty.json", "holds no record"],
        vec!["h-gbk.json", "not valid UTF-8"],
        vec!["i-broken.toml", "not valid TOML"],
    ];
    (files, records_in, expected_errors)
}

fn write_batch(files: &[(&str, Vec<u8>)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    dir
}

#[test]
fn nothing_is_lost_in_a_mixed_batch() {
    let (files, records_in, expected) = mixed_batch();
    let dir = write_batch(&files);
    let policy = sichuan();
    let mut judged = Vec::new();
    let mut errors: Vec<(String, String)> = Vec::new();
    let mut entries = 0;
    for path in jidi::data::expand(&[dir.path().to_path_buf()]) {
        for item in load_file(&policy, &path) {
            entries += 1;
            let errs: Vec<&jidi::Diagnostic> =
                item.diagnostics.iter().filter(|d| d.is_error()).collect();
            match &item.record {
                Some(record) => {
                    assert!(errs.is_empty(), "a judged record has no errors");
                    judged.push(policy.judge(record).name.unwrap_or_default());
                }
                None => {
                    assert_eq!(errs.len(), 1, "one error per broken record: {errs:?}");
                    let file = errs[0]
                        .source
                        .as_ref()
                        .map_or_else(|| item.source.name().to_string(), |s| s.name().to_string());
                    errors.push((file, errs[0].message.en()));
                }
            }
        }
    }
    assert_eq!(entries, records_in, "one entry per record in");
    assert_eq!(
        judged.len() + errors.len(),
        records_in,
        "{judged:?}\n{errors:#?}"
    );
    assert_eq!(
        judged,
        [
            "单个好园区",
            "线上好园区一",
            "线上好园区二",
            "数组好园区一",
            "数组好园区二",
            "自贡釜溪节能环保装备产业园",
            "南充嘉陵油气化工产业园"
        ]
    );
    assert_eq!(errors.len(), expected.len(), "{errors:#?}");
    for (words, (file, message)) in expected.iter().zip(&errors) {
        let text = format!("{file}: {message}");
        for w in words {
            assert!(text.contains(w), "`{w}` missing from `{text}`");
        }
    }
}

#[test]
fn nothing_is_lost_through_the_command_line() {
    let (files, records_in, expected) = mixed_batch();
    let dir = write_batch(&files);
    for format in ["ndjson", "json", "table"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_jidi"))
            .env("LC_ALL", "C")
            .args(["eval", "--format", format])
            .arg(root().join("policies/sichuan-2023-draft.jidi"))
            .arg(dir.path())
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "input errors give exit status 1"
        );
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        // records.md: every record stands in the output, a rejected one as `rejected`.
        let verdicts: Vec<String> = match format {
            "ndjson" => stdout
                .lines()
                .map(|l| {
                    serde_json::from_str::<serde_json::Value>(l).unwrap()["verdict"].to_string()
                })
                .collect(),
            "json" => serde_json::from_str::<serde_json::Value>(&stdout)
                .unwrap()
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["verdict"].to_string())
                .collect(),
            _ => {
                let all: usize = stdout
                    .lines()
                    .find_map(|l| l.trim().strip_suffix(" records"))
                    .expect("a summary line")
                    .parse()
                    .unwrap();
                let rejected: usize = stdout
                    .lines()
                    .find_map(|l| l.trim().strip_prefix("rejected: "))
                    .map_or(0, |n| n.parse().unwrap());
                let mut v = vec!["\"rejected\"".to_string(); rejected];
                v.resize(all, "judged".into());
                v
            }
        };
        let errors = stderr.matches("  × ").count();
        let rejected = verdicts.iter().filter(|v| *v == "\"rejected\"").count();
        assert_eq!(
            verdicts.len(),
            records_in,
            "{format}: every record has an entry:\n{stdout}"
        );
        assert_eq!(verdicts.len() - rejected, 7, "{format}:\n{stdout}");
        assert_eq!(
            rejected, errors,
            "{format}: one rejected entry per error:\n{stderr}"
        );
        for words in &expected {
            for w in words {
                assert!(
                    stderr.contains(w),
                    "{format}: `{w}` missing from:\n{stderr}"
                );
            }
        }
    }
}

#[test]
fn deep_nesting_written_with_chinese_keywords_is_a_diagnostic() {
    for extra in [
        format!(
            "条件 深 = {}false",
            "如果 欠发达县域 则 true 否则 ".repeat(DEEP)
        ),
        format!("条件 深 = {}欠发达县域", "并非 ".repeat(DEEP)),
        format!("条件 深 = {}欠发达县域", "任一 e 属于 事件: ".repeat(DEEP)),
        format!("条件 深 = 欠发达县域{}", " 且 欠发达县域".repeat(DEEP)),
        format!("令 深 = {}营业收入", "最大 e 属于 事件: ".repeat(DEEP)),
    ] {
        assert_too_deep(extra);
    }
}

// ---------------------------------------------------------------- the cost of diagnostics

/// The source a diagnostic is drawn from holds the lines around its record, not the file up to
/// it: drawing a warning costs the same at record 4 000 as at record 1 (it grew with the offset,
/// 49 s for 4 000 warnings), and the line numbers are still the file's.
#[test]
fn a_record_diagnostic_is_drawn_from_the_lines_around_it() {
    let records: Vec<String> = (0..4000)
        .map(|i| format!("  {{\"名称\": \"园区{i}\",\n   \"未知字段\": 1}}"))
        .collect();
    let text = format!("[\n{}\n]\n", records.join(",\n"));
    let loaded = load("many.json", &text);
    assert_eq!(loaded.len(), 4000);
    for l in &loaded {
        let d = &l.diagnostics[0];
        assert_eq!(d.code, "jidi::record::unknown_field");
        let source = d.source.as_ref().unwrap();
        assert!(source.text().len() < 200, "{}", source.text().len());
    }
    let last = &loaded[3999].diagnostics[0];
    // Record 4 000 starts on line 2 + 2 × 3 999 = 8 000; its unknown field is on the next line.
    assert_eq!(last.location().unwrap(), "many.json:8001:4");
    let drawn = jidi::diag::render(std::slice::from_ref(last), jidi::i18n::Lang::En, false, 100);
    assert!(drawn.contains("[many.json:8001:4]"), "{drawn}");
    assert!(
        drawn.contains("8001 │") && drawn.contains("8000 │"),
        "{drawn}"
    );
}

/// The same for a streamed NDJSON file: a bad record on line 1 000 000 is drawn from its own
/// line and its neighbours (it was drawn from a million blank lines put before it).
#[test]
fn a_streamed_record_far_down_is_drawn_from_its_own_lines() {
    use jidi::data::stream::{load_line, Line};
    let policy = small();
    let line = |n: usize, raw: &str| Line {
        n,
        raw: raw.to_string(),
    };
    let prev = line(999_998, "{\"名称\": \"甲\"}\n");
    let bad = line(999_999, "{\"名称\": \"乙\", \"营业收入\": \"abc\"}\n");
    let next = line(1_000_000, "{\"名称\": \"丙\"}\n");
    let loaded = load_line(&policy, "big.ndjson", Some(&prev), &bad, Some(&next));
    let d = &loaded.diagnostics[0];
    assert!(d.source.as_ref().unwrap().text().len() < 200);
    assert_eq!(d.location().unwrap(), "big.ndjson:1000000:13");
    let drawn = jidi::diag::render(std::slice::from_ref(d), jidi::i18n::Lang::En, false, 100);
    assert!(drawn.contains("[big.ndjson:1000000:"), "{drawn}");
    assert!(
        drawn.contains("999999 │") && drawn.contains("1000001 │"),
        "{drawn}"
    );
}

// ---------------------------------------------------------------- why a derived value is unknown

/// A `let` that divides by zero (or overflows) leaves the rules reading it unknown — and says
/// why, in `explain`, in the table and in the JSON (it said nothing).
#[test]
fn a_derived_value_that_cannot_be_computed_says_why() {
    let policy = small();
    let check = |area: &str, reason: &str| {
        let text = GOOD_JSON.replace("\"3000亩\"", area);
        let loaded = load_source(&policy, &Source::new("r.json", text));
        let record = loaded[0].record.as_ref().expect("the record loads");
        let j = policy.judge(record);
        let i = policy.rule_index("工业用地地均收入").unwrap();
        let r = &j.results[i];
        assert_eq!(r.status, jidi::eval::Status::Unknown);
        let want = format!("`地均收入` cannot be computed: {reason}");
        assert_eq!(
            r.note.as_ref().map(jidi::diag::text::Text::en).as_deref(),
            Some(want.as_str())
        );
        assert!(jidi::report::explain(&policy, r, jidi::i18n::Lang::En).contains(&want));
        let json = jidi::report::json::judgement(&policy, &j).to_string();
        assert!(json.contains(&want), "{json}");
        let table = jidi::report::table::judgement(
            &policy,
            &j,
            "r.json",
            true,
            false,
            jidi::i18n::Lang::En,
        );
        assert!(table.contains(&want), "{table}");
        // The streamed trace says the same.
        let mut trace = jidi::eval::Trace::new();
        policy.trace(record, &mut trace);
        assert_eq!(trace.judgement(&policy, record).results[i].note, r.note);
    };
    check("0", "division by zero");
    check("0.0000000000000000000000000001", "arithmetic overflow");
}
