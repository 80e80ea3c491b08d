//! Snapshot tests of policy diagnostics: one small broken policy per diagnostic code, as a drafter sees it.

use jidi::check::check;
use jidi::{Severity, Source};

/// A small policy that checks with no diagnostics at all; every test breaks it in one place.
const BASE: &str = r#"measure "某省产业园区评价办法" {
  version "2024 试行"
  issuer "某省经济和信息化厅"
  effective 2024-01-01
  term 5 years
}

unit 元
unit 万元 = 10000 元
unit 亿元 = 10000 万元
unit 亩
unit 公顷 = 15 亩
unit % = 1/100
unit 家

tier 示范基地 { title "某省产业示范基地（{名称}）" }
tier 产业基地

enum 领域 { 电子信息, 装备制造, 先进材料 }

input 名称: name
input 申报类型: tier
input 领域: 领域
input 营业收入: 亿元 range 0..
input 工业用地面积: 公顷 range 0..
input 创新平台数量: 家 range 0..
input 研发投入强度: % range 0..100

article 第八条 {
  quote "申报对象应为电子信息、装备制造或先进材料领域的产业园区。"
  condition 重点领域 = 领域 in { 电子信息, 装备制造, 先进材料 }
}

article 附件 {
  quote "产业园区指标体系"

  indicator 产业聚集区营业收入 = 营业收入 {
    cite "附件 指标1"
    group 规模效益
    quote "≥200亿元（示范）；≥75亿元（产业）"
    示范基地 constraint >= 200 亿元
    产业基地 constraint >= 75 亿元
  }

  indicator 工业用地地均收入 = 营业收入 / 工业用地面积 as 万元/公顷 {
    cite "附件 指标2"
    group 规模效益
    quote "≥4000万元/公顷"
    all constraint >= 4000 万元/公顷
  }

  indicator 省级以上创新平台数量 = 创新平台数量 {
    cite "附件 指标3"
    group 创新效能
    quote "≥5家（示范，约束性）；≥2家（产业，引导性）"
    示范基地 constraint >= 5 家
    产业基地 guidance >= 2 家
  }

  indicator 研发投入强度 = 研发投入强度 {
    cite "附件 指标4"
    group 创新效能
    quote "≥1%"
    all guidance >= 1 %
  }
}

decision {
  not_eligible when any condition is fail or any constraint is fail
  undetermined when any condition is unknown or any constraint is unknown
  otherwise eligible
}
"#;

/// Checks a policy text and returns its diagnostic codes, in order, and the rendered report.
fn diagnose(text: &str) -> (Vec<&'static str>, String) {
    let checked = check(&Source::new("policy.jidi", text));
    let codes = checked.diagnostics.iter().map(|d| d.code).collect();
    let rendered = jidi::diag::render(&checked.diagnostics, jidi::i18n::Lang::En, false, 100);
    (codes, rendered)
}

/// The base policy with `from` replaced by `to`; `from` must occur exactly once.
fn replace(from: &str, to: &str) -> String {
    assert_eq!(
        BASE.matches(from).count(),
        1,
        "`{from}` must occur once in BASE"
    );
    BASE.replacen(from, to, 1)
}

/// The base policy with `extra` appended.
fn append(extra: &str) -> String {
    format!("{BASE}\n{extra}")
}

#[test]
fn base_policy_is_clean() {
    let checked = check(&Source::new("policy.jidi", BASE));
    let rendered = jidi::diag::render(&checked.diagnostics, jidi::i18n::Lang::En, false, 100);
    assert!(checked.diagnostics.is_empty(), "{rendered}");
    assert!(checked.policy.is_some());
}

// ------------------------------------------------------------------ syntax

#[test]
fn syntax_missing_brace() {
    // The closing `}` of the first indicator is forgotten.
    let text = replace(
        "    产业基地 constraint >= 75 亿元\n  }\n",
        "    产业基地 constraint >= 75 亿元\n",
    );
    let (codes, rendered) = diagnose(&text);
    assert_eq!(codes, ["jidi::syntax"]);
    insta::assert_snapshot!("syntax_missing_brace", rendered);
}

#[test]
fn syntax_misspelt_keyword() {
    let (codes, rendered) = diagnose(&replace(
        "  indicator 研发投入强度 =",
        "  indicater 研发投入强度 =",
    ));
    assert_eq!(codes, ["jidi::syntax"]);
    insta::assert_snapshot!("syntax_misspelt_keyword", rendered);
}

#[test]
fn syntax_missing_semicolon_in_checks() {
    let text = replace(
        "all constraint >= 4000 万元/公顷",
        "all constraint {\n      营业收入 >= 100 亿元\n      工业用地面积 >= 10 公顷\n    }",
    );
    let (codes, rendered) = diagnose(&text);
    assert_eq!(codes, ["jidi::syntax"]);
    insta::assert_snapshot!("syntax_missing_semicolon_in_checks", rendered);
}

// ------------------------------------------------------------------ names, units, types

#[test]
fn undefined_name() {
    let (codes, rendered) = diagnose(&replace("= 营业收入 {", "= 营业收人 {"));
    assert_eq!(codes, ["jidi::undefined_name"]);
    assert!(rendered.contains("did you mean `营业收入`?"), "{rendered}");
    insta::assert_snapshot!("undefined_name", rendered);
}

#[test]
fn undefined_unit() {
    let (codes, rendered) = diagnose(&replace(">= 4000 万元/公顷", ">= 4000 万元/公倾"));
    assert_eq!(codes, ["jidi::undefined_unit"]);
    assert!(rendered.contains("did you mean `公顷`?"), "{rendered}");
    insta::assert_snapshot!("undefined_unit", rendered);
}

#[test]
fn undefined_type() {
    let (codes, rendered) = diagnose(&replace("input 领域: 领域", "input 领域: 领域类别"));
    // Uses of the input whose type is wrong are not reported again.
    assert_eq!(codes, ["jidi::undefined_type"]);
    insta::assert_snapshot!("undefined_type", rendered);
}

#[test]
fn undefined_tier() {
    let (codes, rendered) = diagnose(&replace(
        "示范基地 constraint >= 5 家",
        "示范基底 constraint >= 5 家",
    ));
    // The misspelt tier is reported once, not again as a missing threshold.
    assert_eq!(codes, ["jidi::undefined_tier"]);
    assert!(rendered.contains("did you mean `示范基地`?"), "{rendered}");
    insta::assert_snapshot!("undefined_tier", rendered);
}

#[test]
fn duplicate_name() {
    let text = replace(
        "input 研发投入强度: % range 0..100\n",
        "input 研发投入强度: % range 0..100\ninput 营业收入: 万元 range 0..\n",
    );
    let (codes, rendered) = diagnose(&text);
    assert_eq!(codes, ["jidi::duplicate_name"]);
    insta::assert_snapshot!("duplicate_name", rendered);
}

#[test]
fn type_mismatch() {
    // An enumeration value written as a quoted string.
    let text = replace(
        "领域 in { 电子信息, 装备制造, 先进材料 }",
        "领域 == \"电子信息\"",
    );
    let (codes, rendered) = diagnose(&text);
    assert_eq!(codes, ["jidi::type_mismatch"]);
    insta::assert_snapshot!("type_mismatch", rendered);
}

#[test]
fn unit_mismatch() {
    // A bare number against a figure counted in 家.
    let (codes, rendered) = diagnose(&replace(
        "产业基地 guidance >= 2 家",
        "产业基地 guidance >= 2",
    ));
    assert_eq!(codes, ["jidi::unit_mismatch"]);
    insta::assert_snapshot!("unit_mismatch_bare_number", rendered);

    // A bare number in a `{ …; … }` block of checks.
    let text = replace(
        "all constraint >= 4000 万元/公顷",
        "all constraint {\n      营业收入 >= 100;\n      工业用地面积 >= 10 公顷\n    }",
    );
    let (codes, rendered) = diagnose(&text);
    assert_eq!(codes, ["jidi::unit_mismatch"]);
    insta::assert_snapshot!("unit_mismatch_bare_number_in_checks", rendered);

    // Money added to area.
    let text = append("article 附件二 {\n  quote \"营业收入与用地面积\"\n  let 合计 = 营业收入 + 工业用地面积\n}\n");
    let (codes, rendered) = diagnose(&text);
    assert_eq!(codes, ["jidi::unit_mismatch"]);
    insta::assert_snapshot!("unit_mismatch_money_plus_area", rendered);
}

#[test]
fn ambiguous_name() {
    // 电子信息 is a value of two enumerations, and a `set` gives no context to choose.
    let text = replace(
        "enum 领域 { 电子信息, 装备制造, 先进材料 }\n",
        "enum 领域 { 电子信息, 装备制造, 先进材料 }\nenum 细分领域 { 电子信息, 软件和信息服务 }\nset 重点领域 = { 电子信息, 装备制造 }\n",
    )
    .replace("领域 in { 电子信息, 装备制造, 先进材料 }", "领域 in 重点领域");
    let (codes, rendered) = diagnose(&text);
    assert_eq!(codes, ["jidi::ambiguous_name"]);
    insta::assert_snapshot!("ambiguous_name", rendered);
}

#[test]
fn cycle() {
    let text = append(
        "article 附件二 {\n  quote \"地均收入\"\n  let 地均收入 = 营业收入 / 用地 as 万元/公顷\n  let 用地 = 营业收入 / 地均收入\n}\n",
    );
    let (codes, rendered) = diagnose(&text);
    assert_eq!(codes, ["jidi::cycle"]);
    insta::assert_snapshot!("cycle", rendered);
}

#[test]
fn nesting_too_deep() {
    // Brackets are counted before parsing.
    let parens = format!("{}营业收入{}", "(".repeat(70), ")".repeat(70));
    let text = append(&format!(
        "article 附件二 {{\n  quote \"合计\"\n  let 合计 = {parens}\n}}\n"
    ));
    let (codes, rendered) = diagnose(&text);
    assert_eq!(codes, ["jidi::nesting_too_deep"]);
    insta::assert_snapshot!("nesting_too_deep", rendered);

    // Deep expressions without brackets are refused by the checker. Debug builds need more than a
    // test thread's 2 MiB of stack to get that far, hence the thread.
    let nots = "not ".repeat(100);
    let text = append(&format!(
        "article 附件二 {{\n  quote \"领域\"\n  condition 非 = {nots}领域 == 电子信息\n}}\n"
    ));
    let codes = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || diagnose(&text).0)
        .and_then(|h| h.join().map_err(|_| std::io::Error::other("panicked")))
        .map_err(|e| e.to_string());
    assert_eq!(codes, Ok(vec!["jidi::nesting_too_deep"]));
}

// ------------------------------------------------------------------ indicators and thresholds

#[test]
fn missing_threshold() {
    let (codes, rendered) = diagnose(&replace("    产业基地 constraint >= 75 亿元\n", ""));
    assert_eq!(codes, ["jidi::missing_threshold"]);
    insta::assert_snapshot!("missing_threshold", rendered);
}

#[test]
fn tier_out_of_scope() {
    let text = replace(
        "    quote \"≥5家（示范，约束性）；≥2家（产业，引导性）\"\n",
        "    quote \"≥5家（示范，约束性）；≥2家（产业，引导性）\"\n    scope 示范基地\n",
    );
    let (codes, rendered) = diagnose(&text);
    assert_eq!(codes, ["jidi::tier_out_of_scope"]);
    insta::assert_snapshot!("tier_out_of_scope", rendered);
}

#[test]
fn duplicate_threshold() {
    let text = replace(
        "    产业基地 constraint >= 75 亿元\n",
        "    产业基地 constraint >= 75 亿元\n    产业基地 guidance >= 100 亿元\n",
    );
    let (codes, rendered) = diagnose(&text);
    assert_eq!(codes, ["jidi::duplicate_threshold"]);
    insta::assert_snapshot!("duplicate_threshold", rendered);
}

#[test]
fn no_figure() {
    let text = replace(
        "indicator 省级以上创新平台数量 = 创新平台数量 {",
        "indicator 省级以上创新平台数量 {",
    );
    let (codes, rendered) = diagnose(&text);
    // One per threshold line; with errors present, no "never read" warning follows.
    assert_eq!(codes, ["jidi::no_figure", "jidi::no_figure"]);
    insta::assert_snapshot!("no_figure", rendered);
}

#[test]
fn no_article() {
    let (codes, rendered) = diagnose(&append("condition 非先进材料 = 领域 != 先进材料\n"));
    // Outside any article the rule has no quote either.
    assert_eq!(codes, ["jidi::no_article", "jidi::unquoted_rule"]);
    insta::assert_snapshot!("no_article", rendered);
}

#[test]
fn bad_date() {
    let (codes, rendered) = diagnose(&replace("effective 2024-01-01", "effective 2024-02-30"));
    assert_eq!(codes, ["jidi::bad_date"]);
    insta::assert_snapshot!("bad_date", rendered);
}

#[test]
fn bad_duration() {
    let (codes, rendered) = diagnose(&replace("term 5 years", "term 2.5 years"));
    assert_eq!(codes, ["jidi::bad_duration"]);
    insta::assert_snapshot!("bad_duration", rendered);
}

#[test]
fn number_too_large() {
    let text = replace(
        "示范基地 constraint >= 200 亿元",
        "示范基地 constraint >= 200000000000000000000000000000 亿元",
    );
    let (codes, rendered) = diagnose(&text);
    assert_eq!(codes, ["jidi::number_too_large"]);
    insta::assert_snapshot!("number_too_large", rendered);
}

#[test]
fn bad_unit_factor() {
    let (codes, rendered) = diagnose(&replace("unit 公顷 = 15 亩", "unit 公顷 = 15/0 亩"));
    // Uses of 公顷, and of the input declared with it, are not reported again.
    assert_eq!(codes, ["jidi::bad_unit_factor"]);
    insta::assert_snapshot!("bad_unit_factor", rendered);
}

#[test]
fn overflow() {
    // 微元 → 兆元 needs a factor of 10⁻⁴⁰, beyond exact arithmetic.
    let text = replace(
        "unit 亿元 = 10000 万元\n",
        "unit 亿元 = 10000 万元\nunit 兆元 = 100000000000000000000 元\nunit 微元 = 1/100000000000000000000 元\n",
    )
    .replace("= 营业收入 {", "= 营业收入 as 兆元 {")
    .replace("示范基地 constraint >= 200 亿元", "示范基地 constraint >= 1 微元");
    let (codes, rendered) = diagnose(&text);
    assert_eq!(codes, ["jidi::overflow"]);
    insta::assert_snapshot!("overflow", rendered);
}

// ------------------------------------------------------------------ the policy as a whole

#[test]
fn no_decision() {
    let text = &BASE[..BASE.find("decision {").unwrap_or(BASE.len())];
    let (codes, rendered) = diagnose(text);
    assert_eq!(codes, ["jidi::no_decision"]);
    insta::assert_snapshot!("no_decision", rendered);
}

#[test]
fn no_tier_input() {
    let (codes, rendered) = diagnose(&replace("input 申报类型: tier\n", ""));
    assert_eq!(codes, ["jidi::no_tier_input"]);
    insta::assert_snapshot!("no_tier_input", rendered);
}

#[test]
fn no_tiers() {
    let text = replace(
        "tier 示范基地 { title \"某省产业示范基地（{名称}）\" }\ntier 产业基地\n",
        "",
    );
    let (codes, rendered) = diagnose(&text);
    // Every tier line of every indicator then names an unknown tier.
    assert_eq!(codes.first(), Some(&"jidi::no_tiers"));
    assert!(
        codes[1..].iter().all(|c| *c == "jidi::undefined_tier"),
        "{codes:?}"
    );
    insta::assert_snapshot!("no_tiers", rendered);
}

#[test]
fn no_measure() {
    let text = &BASE[BASE.find("unit 元").unwrap_or(0)..];
    let (codes, rendered) = diagnose(text);
    assert_eq!(codes, ["jidi::no_measure"]);
    insta::assert_snapshot!("no_measure", rendered);
}

#[test]
fn effective_unset() {
    let (codes, rendered) = diagnose(&replace("effective 2024-01-01", "effective unset"));
    assert_eq!(codes, ["jidi::effective_unset"]);
    insta::assert_snapshot!("effective_unset", rendered);

    let (codes, rendered) = diagnose(&replace("  effective 2024-01-01\n", ""));
    assert_eq!(codes, ["jidi::effective_unset"]);
    insta::assert_snapshot!("effective_missing", rendered);
}

// ------------------------------------------------------------------ drafting lints

#[test]
fn unused_input() {
    let (codes, rendered) = diagnose(&replace(
        "input 名称: name\n",
        "input 名称: name\ninput 所在市州: text\n",
    ));
    assert_eq!(codes, ["jidi::unused_input"]);
    insta::assert_snapshot!("unused_input", rendered);
}

#[test]
fn duplicate_criterion() {
    // The criterion of 指标1 pasted into 指标2.
    let text = replace(
        "quote \"≥4000万元/公顷\"",
        "quote \"≥200亿元（示范）；≥75亿元（产业）\"",
    );
    let (codes, rendered) = diagnose(&text);
    assert_eq!(codes, ["jidi::duplicate_criterion"]);
    insta::assert_snapshot!("duplicate_criterion", rendered);
}

#[test]
fn duplicate_article() {
    let text = append("article 第八条 {\n  quote \"申报对象应为产业园区。\"\n}\n");
    let (codes, rendered) = diagnose(&text);
    assert_eq!(codes, ["jidi::duplicate_article"]);
    insta::assert_snapshot!("duplicate_article", rendered);

    let (codes, rendered) = diagnose(&replace("cite \"附件 指标4\"", "cite \"附件 指标3\""));
    assert_eq!(codes, ["jidi::duplicate_article"]);
    insta::assert_snapshot!("duplicate_article_cite", rendered);
}

#[test]
fn group_spelling() {
    let text = append(
        "article 第十二条 {\n  quote \"示范基地要围绕创新效率、质量效益等重点方面提升发展。\"\n}\n",
    );
    let (codes, rendered) = diagnose(&text);
    assert_eq!(codes, ["jidi::group_spelling"]);
    insta::assert_snapshot!("group_spelling", rendered);
}

#[test]
fn unquoted_rule() {
    let (codes, rendered) = diagnose(&append(
        "article 第九条 {\n  condition 非先进材料 = 领域 != 先进材料\n}\n",
    ));
    assert_eq!(codes, ["jidi::unquoted_rule"]);
    insta::assert_snapshot!("unquoted_rule", rendered);
}

#[test]
fn trivial_threshold() {
    let (codes, rendered) = diagnose(&replace("all guidance >= 1 %", "all guidance >= 0 %"));
    assert!(!codes.is_empty(), "{rendered}");
    assert!(
        codes.iter().all(|c| *c == "jidi::trivial_threshold"),
        "{codes:?}"
    );
    insta::assert_snapshot!("trivial_threshold", rendered);
}

#[test]
fn unsatisfiable_threshold() {
    // 研发投入强度 is declared `range 0..100`.
    let (codes, rendered) = diagnose(&replace("all guidance >= 1 %", "all guidance >= 120 %"));
    assert!(!codes.is_empty(), "{rendered}");
    assert!(
        codes.iter().all(|c| *c == "jidi::unsatisfiable_threshold"),
        "{codes:?}"
    );
    insta::assert_snapshot!("unsatisfiable_threshold", rendered);
}

#[test]
fn assumption() {
    let text = replace(
        "  quote \"产业园区指标体系\"\n",
        "  quote \"产业园区指标体系\"\n  assume 以上 \"“以上” includes the figure itself: ≥200亿元 is met by exactly 200 亿元.\"\n",
    );
    let (codes, rendered) = diagnose(&text);
    assert_eq!(codes, ["jidi::assumption"]);
    insta::assert_snapshot!("assumption", rendered);
}

#[test]
fn several_errors_are_reported_at_once() {
    let text = replace(
        "示范基地 constraint >= 200 亿元",
        "示范基地 constraint >= 200 亿圆",
    )
    .replace("产业基地 guidance >= 2 家", "产业基地 guidance >= 2")
    .replace(
        "all guidance >= 1 %",
        "all guidance >= 1 %\n    示范基地 guidance >= 2 %",
    )
    .replace(
        "领域 in { 电子信息, 装备制造, 先进材料 }",
        "领域 == \"电子信息\"",
    )
    .replace(
        "input 名称: name\n",
        "input 名称: name\ninput 名称: text\ninput 所在市州: text\n",
    );
    let checked = check(&Source::new("policy.jidi", text));
    let codes: Vec<&str> = checked.diagnostics.iter().map(|d| d.code).collect();
    // Errors in file order; with errors present, the unread 所在市州 is not a warning yet.
    assert_eq!(
        codes,
        [
            "jidi::duplicate_name",
            "jidi::type_mismatch",
            "jidi::undefined_unit",
            "jidi::unit_mismatch",
            "jidi::duplicate_threshold",
        ]
    );
    assert_eq!(checked.errors().count(), 5);
    assert!(checked.policy.is_none());
    insta::assert_snapshot!(
        "several_errors",
        jidi::diag::render(&checked.diagnostics, jidi::i18n::Lang::En, false, 100)
    );
}

#[test]
fn sichuan_policy_has_only_the_warnings_the_measure_gives_cause_for() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/policies/sichuan-2023-draft.jidi"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let checked = check(&Source::new("policies/sichuan-2023-draft.jidi", text));
    let rendered = jidi::diag::render(&checked.diagnostics, jidi::i18n::Lang::En, false, 100);
    assert!(!checked.has_errors(), "{rendered}");
    assert!(checked.policy.is_some());
    let mut warnings: Vec<&str> = checked
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| d.code)
        .collect();
    warnings.sort_unstable();
    assert_eq!(
        warnings,
        [
            "jidi::duplicate_article",   // 第十五条 is printed twice
            "jidi::duplicate_criterion", // 特色指标7 and 9 quote one text
            "jidi::effective_unset",     // 本办法自2023年×月×日起实施
            "jidi::group_spelling",      // 开放合作 / 开发合作 in 第十二条
        ],
        "{rendered}"
    );
    let notes: Vec<&str> = checked
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Note)
        .map(|d| d.code)
        .collect();
    // The selection side states 12 assumptions (第十一条 and 第二十条 included), the lifecycle 11 more.
    assert_eq!(notes, ["jidi::assumption"; 23], "{rendered}");
}

// ------------------------------------------------------------------ constant tables

/// A table, as a drafter would write it, for the table diagnostics to break.
const TABLE: &str = "article 附件三 {\n  quote \"处于国内同行业先进水平\"\n  table 营业收入门槛: 亿元 by 领域 { 电子信息 = 300, 装备制造 = 2000000 万元, 先进材料 = 150 }\n}\n";

#[test]
fn table_is_clean_when_complete() {
    let (codes, rendered) = diagnose(&append(TABLE));
    assert!(codes.is_empty(), "{rendered}");
}

#[test]
fn table_incomplete() {
    let (codes, rendered) = diagnose(&append(&TABLE.replace(", 先进材料 = 150", "")));
    assert_eq!(codes, ["jidi::table_incomplete"]);
    insta::assert_snapshot!("table_incomplete", rendered);
}

#[test]
fn table_type() {
    let (codes, rendered) = diagnose(&append(&TABLE.replace("by 领域", "by 亿元")));
    assert_eq!(codes, ["jidi::table_type"]);
    insta::assert_snapshot!("table_type", rendered);
}

#[test]
fn table_value() {
    let (codes, rendered) = diagnose(&append(
        &TABLE.replace("先进材料 = 150", "先进材料 = 营业收入"),
    ));
    assert_eq!(codes, ["jidi::table_value"]);
    insta::assert_snapshot!("table_value", rendered);
}

#[test]
fn table_unknown_key_and_unit() {
    let text = append(&TABLE.replace("先进材料 = 150", "先进材科 = 150 公顷"));
    let (codes, rendered) = diagnose(&text);
    assert_eq!(codes, ["jidi::undefined_name"]);
    insta::assert_snapshot!("table_unknown_key", rendered);
    let (codes, rendered) = diagnose(&append(
        &TABLE.replace("先进材料 = 150", "先进材料 = 150 公顷"),
    ));
    assert_eq!(codes, ["jidi::unit_mismatch"]);
    insta::assert_snapshot!("table_unit_mismatch", rendered);
}

#[test]
fn table_without_key() {
    let text = append(&format!(
        "{TABLE}article 附件四 {{\n  quote \"营业收入达到门槛\"\n  condition 达到门槛 = 营业收入 >= 营业收入门槛\n}}\n"
    ));
    let (codes, rendered) = diagnose(&text);
    assert_eq!(codes, ["jidi::table_without_key"]);
    insta::assert_snapshot!("table_without_key", rendered);
    // Read with a key of the wrong type.
    let text = append(&format!(
        "{TABLE}article 附件四 {{\n  quote \"营业收入达到门槛\"\n  condition 达到门槛 = 营业收入 >= 营业收入门槛[\"电子信息\"]\n}}\n"
    ));
    let (codes, rendered) = diagnose(&text);
    assert_eq!(codes, ["jidi::type_mismatch"]);
    insta::assert_snapshot!("table_key_type", rendered);
}

// ------------------------------------------------------------------ exceptions

#[test]
fn exception_diagnostics() {
    // An exception naming a rule that does not exist.
    let text = append("article 第九条 {\n  quote \"国家另有规定的除外\"\n  exception 国家另有规定 to 研发投入 when true waived\n}\n");
    let (codes, rendered) = diagnose(&text);
    assert_eq!(codes, ["jidi::undefined_name"]);
    insta::assert_snapshot!("exception_unknown_rule", rendered);
    // A condition's exception written as tier rules.
    let text = append("article 第九条 {\n  quote \"国家另有规定的除外\"\n  exception 国家另有规定 to 重点领域 when true {\n    all constraint >= 1 亿元\n  }\n}\n");
    let (codes, rendered) = diagnose(&text);
    assert_eq!(codes, ["jidi::exception_body"]);
    insta::assert_snapshot!("exception_body", rendered);
    // Exceptions that name each other.
    let text = append("article 第九条 {\n  quote \"除外\"\n  exception 甲 to 乙 when true waived\n  exception 乙 to 甲 when true waived\n}\n");
    let (codes, rendered) = diagnose(&text);
    assert_eq!(codes, ["jidi::cycle", "jidi::cycle"]);
    insta::assert_snapshot!("exception_cycle", rendered);
    // Two exceptions with one condition always conflict.
    let text = append("article 第九条 {\n  quote \"除外\"\n  exception 甲 to 研发投入强度 when 领域 == 电子信息 waived\n  exception 乙 to 研发投入强度 when 领域 == 电子信息 {\n    all guidance >= 0.5 %\n  }\n}\n");
    let (codes, rendered) = diagnose(&text);
    assert_eq!(codes, ["jidi::exception_conflict"]);
    insta::assert_snapshot!("exception_conflict", rendered);
}

// ------------------------------------------------------------------ binding by a field

/// "西部地区可适当放宽" as a drafter would write it against the base policy, with `by FIELD` and
/// the cases replaced by each test.
fn binding(target: &str, field: &str, cases: &str) -> String {
    append(&format!(
        "article 第十条 {{\n  quote \"西部地区可适当放宽\"\n  binding 领域放宽 to {target} by {field} {{\n    {cases}\n  }}\n}}\n"
    ))
}

#[test]
fn binding_is_clean_when_it_fits() {
    let (codes, rendered) = diagnose(&binding(
        "省级以上创新平台数量",
        "领域",
        "先进材料 => guidance\n    装备制造 => { 示范基地 constraint >= 3 家 }\n    电子信息 => undetermined",
    ));
    assert!(codes.is_empty(), "{rendered}");
}

#[test]
fn binding_names_what_does_not_exist() {
    let (codes, rendered) = diagnose(&binding(
        "省级以上创新平台数量",
        "所在区域",
        "西部 => guidance",
    ));
    assert_eq!(codes, ["jidi::undefined_name"]);
    insta::assert_snapshot!("binding_unknown_field", rendered);
    let (codes, rendered) = diagnose(&binding("创新平台数", "领域", "先进材料 => guidance"));
    assert_eq!(codes, ["jidi::undefined_name"]);
    insta::assert_snapshot!("binding_unknown_rule", rendered);
    let (codes, rendered) = diagnose(&binding(
        "省级以上创新平台数量",
        "领域",
        "先进材枓 => guidance",
    ));
    assert_eq!(codes, ["jidi::undefined_name"]);
    insta::assert_snapshot!("binding_unknown_value", rendered);
}

#[test]
fn binding_reads_an_enumerated_field_not_a_figure_nor_the_tier() {
    let (codes, rendered) = diagnose(&binding(
        "省级以上创新平台数量",
        "营业收入",
        "西部 => guidance",
    ));
    assert_eq!(codes, ["jidi::binding_field"]);
    insta::assert_snapshot!("binding_field", rendered);
    let zh = jidi::diag::render(
        &check(&Source::new(
            "policy.jidi",
            binding("省级以上创新平台数量", "营业收入", "西部 => guidance"),
        ))
        .diagnostics,
        jidi::i18n::Lang::Zh,
        false,
        100,
    );
    insta::assert_snapshot!("binding_field_zh", zh);
    // By the tier: that is what tier rules say.
    let (codes, rendered) = diagnose(&binding(
        "省级以上创新平台数量",
        "申报类型",
        "示范基地 => guidance",
    ));
    assert_eq!(codes, ["jidi::binding_field"]);
    insta::assert_snapshot!("binding_by_tier", rendered);
}

#[test]
fn binding_of_a_condition_is_refused() {
    let (codes, rendered) = diagnose(&binding("重点领域", "领域", "先进材料 => guidance"));
    assert_eq!(codes, ["jidi::binding_target"]);
    insta::assert_snapshot!("binding_target", rendered);
}

#[test]
fn binding_overlaps() {
    // One value in two cases: which binding applies could not be told.
    let (codes, rendered) = diagnose(&binding(
        "省级以上创新平台数量",
        "领域",
        "先进材料 => guidance\n    装备制造, 先进材料 => undetermined",
    ));
    assert_eq!(codes, ["jidi::binding_overlap"]);
    insta::assert_snapshot!("binding_overlap", rendered);
    // Two bindings for one rule.
    let text = format!(
        "{}article 第十一条 {{\n  quote \"民族地区由评审组研究确定\"\n  binding 民族地区 to 省级以上创新平台数量 by 领域 {{ 装备制造 => undetermined }}\n}}\n",
        binding("省级以上创新平台数量", "领域", "先进材料 => guidance")
    );
    let (codes, rendered) = diagnose(&text);
    assert_eq!(codes, ["jidi::binding_overlap"]);
    insta::assert_snapshot!("binding_twice", rendered);
}

#[test]
fn binding_that_changes_nothing_or_never_applies() {
    // 研发投入强度 is guidance for every tier already.
    let (codes, rendered) = diagnose(&binding("研发投入强度", "领域", "先进材料 => guidance"));
    assert_eq!(codes, ["jidi::binding_no_effect"]);
    insta::assert_snapshot!("binding_no_effect", rendered);
    // An indicator only for 电子信息 parks, relaxed for 装备制造 ones: never.
    let text = format!(
        "{}article 第十二条 {{\n  quote \"电子信息园区营业收入不低于300亿元\"\n  indicator 电子信息营业收入 = 营业收入 {{\n    applies when 领域 == 电子信息\n    all constraint >= 300 亿元\n  }}\n}}\n",
        binding("电子信息营业收入", "领域", "装备制造 => guidance")
    );
    let (codes, rendered) = diagnose(&text);
    assert_eq!(codes, ["jidi::binding_no_effect"]);
    insta::assert_snapshot!("binding_never_applies", rendered);
}

// ------------------------------------------------------------------ average growth

#[test]
fn growth_inexact() {
    // The rate is irrational in general: it may be compared, never computed with.
    let text = append("input 近三年营业收入: list of 亿元\narticle 第四条 {\n  quote \"年均增速高于3%\"\n  condition 增速 = growth(近三年营业收入) * 2 > 6 %\n}\n");
    let (codes, rendered) = diagnose(&text);
    assert_eq!(codes, ["jidi::growth_inexact"]);
    insta::assert_snapshot!("growth_inexact", rendered);
}

// ------------------------------------------------------------------ rules reading rules

#[test]
fn rules_reading_rules() {
    // A derived value is computed before any rule is judged.
    let text = append("let 达标 = passed(工业用地地均收入)\narticle 第九条 {\n  quote \"地均收入达标\"\n  condition 地均达标 = 达标\n}\n");
    let (codes, rendered) = diagnose(&text);
    assert_eq!(codes, ["jidi::rule_outside_rule"]);
    insta::assert_snapshot!("rule_outside_rule", rendered);
    // Two rules that read each other.
    let text = append("article 第九条 {\n  quote \"互为条件\"\n  condition 甲 = passed(乙)\n  condition 乙 = passed(甲)\n}\n");
    let (codes, rendered) = diagnose(&text);
    assert_eq!(codes, ["jidi::cycle", "jidi::cycle"]);
    insta::assert_snapshot!("rule_cycle", rendered);
    // A misspelt group, and a rule without a figure.
    let text = append("article 第九条 {\n  quote \"规模效益达标\"\n  condition 规模 = passed(group 规模效溢)\n  condition 领域数 = figure(重点领域) > 1\n}\n");
    let (codes, rendered) = diagnose(&text);
    assert_eq!(codes, ["jidi::undefined_name", "jidi::no_figure"]);
    insta::assert_snapshot!("rule_reference_targets", rendered);
}

// ------------------------------------------------------------------ several decisions

#[test]
fn decision_order() {
    // A further decision reading one written after it.
    let text = append("article 第三条 {\n  quote \"资金支持\"\n  decision 资金支持 {\n    not_eligible when 配套支持 is not_eligible\n    otherwise eligible\n  }\n}\narticle 第四条 {\n  quote \"配套支持\"\n  decision 配套支持 {\n    not_eligible when any condition is fail\n    otherwise eligible\n  }\n}\n");
    let (codes, rendered) = diagnose(&text);
    assert_eq!(codes, ["jidi::decision_order"]);
    insta::assert_snapshot!("decision_order", rendered);
}

// ------------------------------------------------------------------ round rules

/// A quota as a drafter writes it, for the round diagnostics to break.
const QUOTA: &str = "article 第七条 {\n  quote \"每省推荐不超过3个\"\n  quota 每省限额 at most 3 per 领域 ranked by 营业收入 descending ties by 名称 {\n    applies when 申报类型 == 示范基地\n  }\n}\n";

#[test]
fn round_is_clean_when_well_formed() {
    let (codes, rendered) = diagnose(&append(QUOTA));
    assert!(codes.is_empty(), "{rendered}");
    let zh = QUOTA
        .replace("quota", "限额")
        .replace("at most", "至多")
        .replace("per", "每")
        .replace("ranked by", "排序 按")
        .replace("descending", "降序")
        .replace("ties by", "并列 按");
    let (codes, rendered) = diagnose(&append(&zh));
    assert!(codes.is_empty(), "{rendered}");
}

#[test]
fn round_ranking_not_a_number() {
    let (codes, rendered) = diagnose(&append(
        &QUOTA.replace("ranked by 营业收入", "ranked by 名称"),
    ));
    assert_eq!(codes, ["jidi::round_ranking"]);
    insta::assert_snapshot!("round_ranking", rendered);
}

#[test]
fn round_group_unknown_and_of_the_wrong_kind() {
    let (codes, rendered) = diagnose(&append(&QUOTA.replace("per 领域", "per 所在省份")));
    assert_eq!(codes, ["jidi::undefined_name"]);
    insta::assert_snapshot!("round_group_unknown", rendered);
    let (codes, rendered) = diagnose(&append(&QUOTA.replace("per 领域", "per 营业收入")));
    assert_eq!(codes, ["jidi::round_group"]);
    insta::assert_snapshot!("round_group", rendered);
}

#[test]
fn round_limit_and_guidance() {
    let (codes, rendered) = diagnose(&append(&QUOTA.replace("at most 3", "at most 2.5")));
    assert_eq!(codes, ["jidi::round_limit"]);
    insta::assert_snapshot!("round_limit", rendered);
    let (codes, _) = diagnose(&append(&QUOTA.replace("at most 3", "top 120%")));
    assert_eq!(codes, ["jidi::round_limit"]);
    let (codes, _) = diagnose(&append(&QUOTA.replace("at most 3", "top 20%")));
    assert!(codes.is_empty());
    let (codes, rendered) = diagnose(&append(&QUOTA.replace("at most 3", "about 5")));
    assert_eq!(codes, ["jidi::round_guidance"]);
    insta::assert_snapshot!("round_guidance", rendered);
}

#[test]
fn round_ties_of_the_wrong_kind() {
    let text = append(&format!(
        "input 通过: bool\n{}",
        QUOTA.replace("ties by 名称", "ties by 通过")
    ));
    let (codes, rendered) = diagnose(&text);
    assert_eq!(codes, ["jidi::round_ties"]);
    insta::assert_snapshot!("round_ties", rendered);
}

/// The round diagnostics in Chinese, as a drafter under a Chinese locale sees them.
#[test]
fn round_diagnostics_in_chinese() {
    let mut rendered = String::new();
    for (from, to) in [
        ("at most 3", "about 5"),
        ("at most 3", "at most 2.5"),
        ("per 领域", "per 营业收入"),
        ("ranked by 营业收入", "ranked by 名称"),
    ] {
        let text = append(&QUOTA.replace(from, to));
        let checked = check(&Source::new("policy.jidi", text));
        rendered += &jidi::diag::render(&checked.diagnostics, jidi::i18n::Lang::Zh, false, 100);
    }
    insta::assert_snapshot!("round_zh", rendered);
}
