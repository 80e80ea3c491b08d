//! The diagnostics a drafter meets while encoding a measure (issue 15): full-width marks typed
//! with a Chinese input method, several syntax errors at once, units that disagree with the
//! quoted text, and the smaller misreadings. Each is snapshot in English and in Chinese.

use jidi::check::{check, Checked};
use jidi::i18n::Lang;
use jidi::Source;

/// A small policy that checks with no diagnostics; every test breaks it in one place.
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

tier 示范基地
tier 产业基地

input 申报类型: tier
input 营业收入: 亿元 range 0..
input 工业用地面积: 公顷 range 0..
input 创新平台数量: 家 range 0..

article 第八条 {
  quote "申报园区的营业收入应不低于50亿元。"
  condition 营业收入门槛 = 营业收入 >= 50 亿元
}

article 附件 {
  quote "产业园区指标体系"

  indicator 产业聚集区营业收入 = 营业收入 {
    group 规模效益
    quote "≥200亿元（示范）；≥75亿元（产业）"
    示范基地 constraint >= 200 亿元
    产业基地 constraint >= 75 亿元
  }

  indicator 工业用地地均收入 = 营业收入 / 工业用地面积 as 万元/公顷 {
    group 规模效益
    quote "≥4000万元/公顷"
    all constraint >= 4000 万元/公顷
  }

  indicator 省级以上创新平台数量 = 创新平台数量 {
    group 创新效能
    quote "≥5家"
    all constraint >= 5 家
  }
}

decision {
  not_eligible when any condition is fail or any constraint is fail
  undetermined when any condition is unknown or any constraint is unknown
  otherwise eligible
}
"#;

fn checked(text: &str) -> Checked {
    check(&Source::new("policy.jidi", text))
}

/// The line of each of a policy's diagnostics, in order.
fn error_lines(text: &str) -> Vec<usize> {
    checked(text)
        .diagnostics
        .iter()
        .filter_map(|d| d.location())
        .filter_map(|l| l.split(':').nth(1)?.parse().ok())
        .collect()
}

/// The codes of a policy's diagnostics, in order, and their rendering in English and Chinese.
fn diagnose(text: &str) -> (Vec<&'static str>, String, String) {
    let c = checked(text);
    let codes = c.diagnostics.iter().map(|d| d.code).collect();
    let en = jidi::diag::render(&c.diagnostics, Lang::En, false, 100);
    let zh = jidi::diag::render(&c.diagnostics, Lang::Zh, false, 100);
    (codes, en, zh)
}

/// The base policy with `from` replaced by `to`; `from` must occur exactly once.
fn replace(from: &str, to: &str) -> String {
    assert_eq!(BASE.matches(from).count(), 1, "`{from}` must occur once");
    BASE.replacen(from, to, 1)
}

#[test]
fn base_policy_is_clean() {
    let (codes, en, _) = diagnose(BASE);
    assert!(codes.is_empty(), "{en}");
}

// ------------------------------------------------------------------ full-width marks

#[test]
fn full_width_operators_are_read_and_named() {
    let text = replace(
        "condition 营业收入门槛 = 营业收入 >= 50 亿元",
        "condition 营业收入门槛 ＝ 营业收入 ＞＝ 50 亿元",
    )
    .replacen("input 营业收入: 亿元", "input 营业收入：亿元", 1);
    let c = checked(&text);
    assert!(c.policy.is_some(), "the marks are understood");
    let (codes, en, zh) = diagnose(&text);
    assert_eq!(codes, ["jidi::full_width"; 3]);
    assert!(en.contains("write `>=` instead"), "{en}");
    insta::assert_snapshot!("full_width_en", en);
    insta::assert_snapshot!("full_width_zh", zh);
}

#[test]
fn full_width_marks_in_quoted_text_are_text() {
    // BASE's quotes hold `（示范）；`, and the comment below `：`; neither is a mark of the policy.
    let text = replace("unit 家", "unit 家 // 注：计量单位（个）");
    let (codes, en, _) = diagnose(&text);
    assert!(codes.is_empty(), "{en}");
}

#[test]
fn an_ambiguous_mark_is_named_with_its_fix() {
    // `、` may be a comma between members or a slip; it is not guessed.
    let text = replace(
        "condition 营业收入门槛 = 营业收入 >= 50 亿元",
        "condition 营业收入门槛 = 申报类型 in { 示范基地、产业基地 }",
    );
    let (codes, en, zh) = diagnose(&text);
    assert_eq!(codes, ["jidi::syntax"]);
    assert!(en.contains("if `,` is meant"), "{en}");
    insta::assert_snapshot!("full_width_ambiguous_en", en);
    insta::assert_snapshot!("full_width_ambiguous_zh", zh);
}

#[test]
fn fmt_writes_full_width_marks_half_width() {
    let text = replace(
        "condition 营业收入门槛 = 营业收入 >= 50 亿元",
        "condition 营业收入门槛 ＝ min（营业收入，100 亿元）＞＝ 50 亿元",
    );
    let formatted = jidi::syntax::format::format(&text);
    assert!(
        formatted.contains("condition 营业收入门槛 = min(营业收入, 100 亿元) >= 50 亿元"),
        "{formatted}"
    );
    assert!(formatted.contains("\"≥200亿元（示范）；≥75亿元（产业）\""));
    assert_eq!(jidi::syntax::format::format(&formatted), formatted);
    let (codes, en, _) = diagnose(&formatted);
    assert!(codes.is_empty(), "{en}");
}

// ------------------------------------------------------------------ several syntax errors

#[test]
fn several_syntax_errors_are_reported_at_once_each_at_its_item() {
    // Three slips in three items: a misspelt keyword, a missing `;` between checks, a `}` too few.
    let text = replace(
        "  indicator 省级以上创新平台数量",
        "  indicater 省级以上创新平台数量",
    )
    .replacen(
        "input 工业用地面积: 公顷 range 0..",
        "input 工业用地面积 公顷 range 0..",
        1,
    )
    .replacen(
        "  condition 营业收入门槛 = 营业收入 >= 50 亿元\n}",
        "  condition 营业收入门槛 = 营业收入 >= 50 亿元\n",
        1,
    );
    let (codes, en, zh) = diagnose(&text);
    assert_eq!(codes, ["jidi::syntax"; 3], "{en}");
    let lines = error_lines(&text);
    // 工业用地面积 (line 21), the end of 第八条 before 附件 (line 29), 省级以上创新平台数量 (line 45).
    assert_eq!(lines, [21, 29, 45], "{en}");
    insta::assert_snapshot!("several_syntax_errors_en", en);
    insta::assert_snapshot!("several_syntax_errors_zh", zh);
}

#[test]
fn two_slips_in_one_article_are_two_errors() {
    // Two broken indicators in 附件 and a broken condition in 第八条: three errors, each at its
    // item, and the good indicator between the two broken ones is kept.
    let text = replace(
        "    示范基地 constraint >= 200 亿元\n",
        "    示范基地 constraint >= >= 200 亿元\n",
    )
    .replacen(
        "    all constraint >= 5 家\n",
        "    all constraint >= 5 家;\n",
        1,
    )
    .replacen("营业收入 >= 50 亿元\n}", "营业收入 >= 50 亿元 亿元\n}", 1);
    let (codes, en, zh) = diagnose(&text);
    assert_eq!(codes, ["jidi::syntax"; 3], "{en}");
    let lines = error_lines(&text);
    // 营业收入门槛 (line 26), 产业聚集区营业收入 (line 35), 省级以上创新平台数量 (line 48).
    assert_eq!(lines, [26, 35, 48], "{en}");
    insta::assert_snapshot!("two_slips_in_one_article_en", en);
    insta::assert_snapshot!("two_slips_in_one_article_zh", zh);
    let parsed = jidi::syntax::parse_recovering(&Source::new("policy.jidi", text));
    let kept: Vec<String> = parsed
        .ast
        .iter()
        .flat_map(|a| &a.items)
        .filter_map(|i| match i {
            jidi::syntax::ast::Item::Article(a) => Some(a),
            _ => None,
        })
        .flat_map(|a| &a.items)
        .filter_map(|i| match i {
            jidi::syntax::ast::Item::Rule(jidi::syntax::ast::RuleDecl::Indicator(d)) => {
                Some(d.name.text.clone())
            }
            _ => None,
        })
        .collect();
    assert_eq!(kept, ["工业用地地均收入"], "the rules that parse are kept");
}

#[test]
fn a_missing_brace_is_one_error_not_a_cascade() {
    let text = replace(
        "    产业基地 constraint >= 75 亿元\n  }\n",
        "    产业基地 constraint >= 75 亿元\n",
    );
    let (codes, en, _) = diagnose(&text);
    assert_eq!(codes, ["jidi::syntax"], "{en}");
}

#[test]
fn syntax_errors_are_bounded() {
    let mut text = BASE.to_string();
    for i in 0..100 {
        text.push_str(&format!("input 坏{i} 亿元\n"));
    }
    let c = checked(&text);
    assert_eq!(c.diagnostics.len(), jidi::syntax::MAX_SYNTAX_ERRORS);
    assert!(c.diagnostics.iter().all(|d| d.code == "jidi::syntax"));
}

#[test]
fn the_items_that_parse_are_kept_beside_the_errors() {
    let text = replace(
        "input 工业用地面积: 公顷 range 0..",
        "input 工业用地面积 公顷 range 0..",
    );
    let parsed = jidi::syntax::parse_recovering(&Source::new("policy.jidi", text));
    assert_eq!(parsed.errors.len(), 1);
    let items = parsed.ast.map_or(0, |a| a.items.len());
    let all = jidi::syntax::parse_policy(&Source::new("p.jidi", BASE)).map_or(0, |a| a.items.len());
    assert_eq!(items, all - 1, "every item but the broken input");
}

// ------------------------------------------------------------------ smaller misreadings

#[test]
fn a_mark_in_a_declared_name_is_reported_at_its_keyword() {
    let text = replace(
        "  condition 营业收入门槛 = 营业收入 >= 50 亿元",
        "  condition 前10%门槛 = 营业收入 >= 50 亿元",
    );
    let (codes, en, zh) = diagnose(&text);
    assert_eq!(codes, ["jidi::syntax"]);
    assert!(en.contains("a name cannot hold `%`"), "{en}");
    assert!(en.contains("\"前10%门槛\""), "{en}");
    insta::assert_snapshot!("name_with_mark_en", en);
    insta::assert_snapshot!("name_with_mark_zh", zh);
    // Quoted, the name is fine.
    let quoted = text.replace("前10%门槛 =", "\"前10%门槛\" =");
    assert!(diagnose(&quoted).0.is_empty());
}

#[test]
fn a_mark_in_a_list_name_is_reported_at_list() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/policies/sichuan-2023-draft.jidi"
    );
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let broken = text.replacen("list 五星基地宣传推广", "list 前10%五星基地宣传推广", 1);
    assert_ne!(broken, text);
    let c = checked(&broken);
    let errors: Vec<_> = c.errors().collect();
    assert_eq!(errors.len(), 1);
    let en = jidi::diag::render(&c.diagnostics, Lang::En, false, 100);
    let at = broken.find("list 前10%").unwrap_or_default();
    assert_eq!(
        errors[0].labels.first().map(|l| l.0.start),
        Some(at),
        "{en}"
    );
    assert!(en.contains("a name cannot hold `%`"), "{en}");
}

#[test]
fn a_three_character_group_is_not_misspelt_by_ordinary_text() {
    // `产业链` is a group; the quotes say 产业园区, 产业基地, 供应链 … as ordinary words.
    let text = replace("    group 创新效能\n", "    group 产业链\n").replacen(
        "quote \"≥5家\"",
        "quote \"产业园区内产业基地的供应链、创新链、产业连（见附表）\"",
        1,
    );
    let (codes, en, _) = diagnose(&text);
    // Only the variant standing alone, between marks, is one: 产业连.
    assert_eq!(codes, ["jidi::group_spelling"], "{en}");
    assert!(en.contains("`产业连`"), "{en}");
}

#[test]
fn a_bare_number_under_figures_is_a_figure_in_its_rules_unit() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let policy = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/policies/sichuan-2023-draft.jidi"
    );
    let record = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/01-成都电子信息示范.json"
    );
    let file = dir.path().join("bare.test.yaml");
    let yaml = format!(
        "policy: {policy}\ncases:\n  - name: 附件 指标3 地均收入\n    record: {record}\n    figures:\n      工业用地地均收入: 6000\n  - name: 附件 指标3 地均收入 写错\n    record: {record}\n    figures:\n      工业用地地均收入: 6001\n"
    );
    std::fs::write(&file, yaml).unwrap_or_else(|e| panic!("{e}"));
    let t = jidi::policytest::TestFile::read(&file).unwrap_or_else(|e| panic!("{}", e.en()));
    let p = jidi::check::check(
        &Source::read(std::path::Path::new(policy)).unwrap_or_else(|e| panic!("{e}")),
    );
    let p = p.policy.unwrap_or_else(|| panic!("the policy checks"));
    let outcomes: Vec<_> = t
        .cases
        .iter()
        .map(|c| jidi::policytest::run_case(&p, c, jidi::i18n::Lang::En))
        .collect();
    assert!(
        outcomes[0].failures.is_empty(),
        "{:?}",
        outcomes[0].failures
    );
    assert_eq!(
        outcomes[1].failures.len(),
        1,
        "a wrong bare figure still fails"
    );
    assert!(
        outcomes[1].failures[0].contains("expected 6001"),
        "{:?}",
        outcomes[1].failures
    );
}

// ------------------------------------------------------------------ units

#[test]
fn money_or_area_declared_a_plain_number_is_a_warning() {
    let text = replace("unit 万元 = 10000 元", "unit 万元 = 1");
    let (codes, en, zh) = diagnose(&text);
    // 万元 is then a plain number, so 亿元 and every figure in 万元/公顷 changes dimension too;
    // the warning comes first and names the cause.
    assert_eq!(codes.first(), Some(&"jidi::unit_made_plain"), "{en}");
    let first = checked(&text);
    let warning = jidi::diag::render(&first.diagnostics[..1], Lang::En, false, 100);
    let warning_zh = jidi::diag::render(&first.diagnostics[..1], Lang::Zh, false, 100);
    assert!(en.contains("`万元` is declared a plain number"), "{en}");
    assert!(zh.contains("`万元` 被声明为不带单位的数"), "{zh}");
    insta::assert_snapshot!("unit_made_plain_en", warning);
    insta::assert_snapshot!("unit_made_plain_zh", warning_zh);
    // A plain unit that is no money or area (`%`) is fine.
    assert!(!diagnose(BASE).0.contains(&"jidi::unit_made_plain"));
}

#[test]
fn a_threshold_in_another_unit_than_its_quote_is_a_warning() {
    // The quote says 万元/公顷, the threshold is written in 亿元/公顷: 0.4 亿元/公顷 is the same
    // figure, but a slip of the unit (4000 亿元/公顷) reads just as plausibly.
    let text = replace(
        "all constraint >= 4000 万元/公顷",
        "all constraint >= 0.4 亿元/公顷",
    );
    let (codes, en, zh) = diagnose(&text);
    assert_eq!(codes, ["jidi::quote_unit"], "{en}");
    assert!(en.contains("1 亿元/公顷 = 10000 万元/公顷"), "{en}");
    insta::assert_snapshot!("quote_unit_en", en);
    insta::assert_snapshot!("quote_unit_zh", zh);
}

#[test]
fn a_threshold_in_a_smaller_unit_than_its_quote_is_a_warning() {
    // The quote says 亿元, the threshold is in 万元: the factor is said from the larger unit.
    let text = replace(
        "产业基地 constraint >= 75 亿元",
        "产业基地 constraint >= 75 万元",
    );
    let (codes, en, _) = diagnose(&text);
    assert_eq!(codes, ["jidi::quote_unit"], "{en}");
    assert!(en.contains("1 亿元 = 10000 万元"), "{en}");
    assert!(en.contains("write the threshold in 亿元"), "{en}");
}

#[test]
fn a_quote_without_a_unit_of_the_thresholds_kind_says_nothing() {
    // The quote names no money per area: nothing to compare the threshold with.
    let text = replace("quote \"≥4000万元/公顷\"", "quote \"地均收入较高\"").replacen(
        "all constraint >= 4000 万元/公顷",
        "all constraint >= 0.4 亿元/公顷",
        1,
    );
    let (codes, en, _) = diagnose(&text);
    assert!(!codes.contains(&"jidi::quote_unit"), "{en}");
}

// ------------------------------------------------------------------ explanations

#[test]
fn the_explanation_of_a_rule_that_reads_a_let_shows_its_value() {
    let text = replace(
        "article 第八条 {",
        "let 创新达标 = 创新平台数量 >= 3 家\n\narticle 第八条 {",
    )
    .replacen(
        "  condition 营业收入门槛 = 营业收入 >= 50 亿元\n",
        "  condition 营业收入门槛 = 营业收入 >= 50 亿元\n  condition 规模或创新 = 创新达标 or 营业收入 >= 100 亿元\n",
        1,
    );
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let policy = dir.path().join("policy.jidi");
    std::fs::write(&policy, &text).unwrap_or_else(|e| panic!("{e}"));
    let record = dir.path().join("园区.json");
    std::fs::write(
        &record,
        r#"{"名称": "甲园区", "申报类型": "示范基地", "营业收入": 80, "创新平台数量": 2}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let run = |args: &[&str]| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_jidi"))
            .env("LC_ALL", "C")
            .env_remove("LANG")
            .env_remove("LC_MESSAGES")
            .env("NO_COLOR", "1")
            .args(args)
            .arg(&policy)
            .arg(&record)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let en = run(&["explain"]);
    let zh = run(&["--lang", "zh", "explain"]);
    let ndjson = run(&["eval", "--format", "ndjson"]);
    // The test reads 营业收入 from the record and 创新达标 from the policy: both are shown.
    assert!(en.contains("营业收入 = 80 亿元, 创新达标 = false"), "{en}");
    assert!(
        ndjson.contains("营业收入 = 80 亿元, 创新达标 = false"),
        "{ndjson}"
    );
    let row = |out: &str| {
        out.lines()
            .filter(|l| l.contains("规模或创新"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    insta::assert_snapshot!("let_value_explained_en", row(&en));
    insta::assert_snapshot!("let_value_explained_zh", row(&zh));
}
