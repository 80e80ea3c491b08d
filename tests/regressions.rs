//! Regressions: every crash, hang or silent corruption found by fuzzing or probing, replayed, and
//! the fuzz targets' own logic run over their seed corpora (fuzz/seeds/) and over the crash
//! inputs kept in tests/data/regressions/<target>/, so CI exercises them without cargo-fuzz.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // tests fail by panicking

use jidi::check::{check, Policy};
use jidi::Source;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

mod common;
use common::root;

fn sichuan() -> &'static Policy {
    static P: OnceLock<Policy> = OnceLock::new();
    P.get_or_init(|| {
        let text =
            std::fs::read_to_string(root().join("policies/sichuan-2023-draft.jidi")).unwrap();
        check(&Source::new("policy.jidi", text)).policy.unwrap()
    })
}

/// Runs `f` on a thread with the 8 MiB stack of a program's main thread, within `limit`.
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

// ---------------------------------------------------------------- the fuzz targets' logic

/// fuzz_targets/check_policy.rs
fn check_policy(data: &[u8]) {
    let text = String::from_utf8_lossy(data).into_owned();
    let source = Source::new("fuzz.jidi", text);
    let checked = check(&source);
    let _ = jidi::diag::render(&checked.diagnostics, jidi::i18n::Lang::En, false, 100);
    for d in &checked.diagnostics {
        let _ = d.location();
        let _ = d.to_string();
    }
    let _ = jidi::syntax::parse_expr(&source);
}

/// fuzz_targets/common.rs
fn judge_file(policy: &Policy, ext: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes).into_owned();
    let source = Source::new(format!("fuzz.{ext}"), text);
    judge_loaded(policy, &jidi::data::load_source(policy, &source));
}

/// fuzz_targets/common.rs
fn judge_loaded(policy: &Policy, loaded: &[jidi::data::Loaded]) {
    let several = loaded.len() > 1;
    let mut summary = jidi::report::Summary::default();
    for item in loaded {
        let _ = jidi::diag::render(&item.diagnostics, jidi::i18n::Lang::En, false, 100);
        let _ = item.place(several);
        let has_error = item.diagnostics.iter().any(jidi::Diagnostic::is_error);
        assert_eq!(item.record.is_none(), has_error, "{item:?}");
        let Some(record) = &item.record else { continue };
        let judgement = policy.judge(record);
        assert_eq!(
            judgement,
            policy.judge(record),
            "evaluation is deterministic"
        );
        summary.add(policy, &judgement);
        let _ = jidi::report::json::judgement(policy, &judgement).to_string();
        let _ = jidi::report::table::judgement(
            policy,
            &judgement,
            "fuzz",
            true,
            false,
            jidi::i18n::Lang::En,
        );
    }
    let _ = jidi::report::table::summary(policy, &summary, false, jidi::i18n::Lang::En);
}

/// fuzz_targets/eval_records.rs
fn eval_records(data: &[u8]) {
    const FORMATS: [&str; 4] = ["json", "ndjson", "toml", "yaml"];
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    judge_file(
        sichuan(),
        FORMATS[usize::from(selector) % FORMATS.len()],
        rest,
    );
}

/// fuzz_targets/eval_policy_and_record.rs
fn eval_policy_and_record(data: &[u8]) {
    let split = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let (policy_bytes, rest) = data.split_at(split);
    let record = rest.get(1..).unwrap_or(&[]);
    let text = String::from_utf8_lossy(policy_bytes).into_owned();
    let checked = check(&Source::new("fuzz.jidi", text));
    let _ = jidi::diag::render(&checked.diagnostics, jidi::i18n::Lang::En, false, 100);
    let Some(policy) = &checked.policy else {
        return;
    };
    judge_file(policy, "json", record);
}

/// fuzz_targets/eval_workbook.rs
fn eval_workbook(data: &[u8]) {
    const FORMATS: [&str; 3] = ["xlsx", "ods", "xls"];
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let name = format!("fuzz.{}", FORMATS[usize::from(selector) % FORMATS.len()]);
    let loaded = jidi::data::sheet::load_workbook(sichuan(), &name, rest.to_vec());
    judge_loaded(sichuan(), &loaded);
}

/// fuzz_targets/repl_lines.rs
fn repl_lines(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut repl = jidi::repl::Repl::new(false, jidi::i18n::Lang::En);
    let loaded = repl.load(
        &root().join("tests/data/robustness/small.jidi"),
        &[root().join("tests/data/robustness/parks")],
    );
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    for line in text.split('\n').take(8) {
        let _ = jidi::repl::highlight_line(line);
        let _ = jidi::repl::open_brackets(line);
        let first = line.split_whitespace().next().unwrap_or("");
        if matches!(first, "save" | "load" | "add") {
            continue;
        }
        let reply = repl.execute(line);
        let _ = jidi::diag::render(&reply.errors, jidi::i18n::Lang::En, false, 100);
        if reply.quit {
            break;
        }
    }
    let _ = repl.names();
}

/// fuzz_targets/lsp_messages.rs
fn lsp_messages(data: &[u8]) {
    let input = std::io::Cursor::new(data.to_vec());
    let (connection, transport) = jidi::lsp::transport::connect(input, std::io::sink());
    let _ = jidi::lsp::serve(&connection, jidi::i18n::Lang::En);
    drop(connection);
    let _ = transport.join_all();
}

/// A fuzz target's logic: bytes in, a panic when it finds a bug.
type Target = fn(&[u8]);

const TARGETS: &[(&str, Target)] = &[
    ("check_policy", check_policy),
    ("eval_records", eval_records),
    ("eval_policy_and_record", eval_policy_and_record),
    ("repl_lines", repl_lines),
    ("eval_workbook", eval_workbook),
    ("lsp_messages", lsp_messages),
];

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    out.retain(|p| p.is_file() && p.file_name().is_some_and(|n| n != "README.md"));
    out.sort();
    out
}

/// Replays every input under `base/<target>/` through its target, each on an 8 MiB stack.
fn replay(base: &str) -> usize {
    let mut count = 0;
    for (target, run) in TARGETS {
        for file in files_in(&root().join(base).join(target)) {
            let data = std::fs::read(&file).unwrap();
            let run = *run;
            let name = file.display().to_string();
            let result = std::thread::Builder::new()
                .stack_size(8 << 20)
                .spawn(move || run(&data))
                .unwrap()
                .join();
            assert!(result.is_ok(), "{target} panics on {name}");
            count += 1;
        }
    }
    count
}

#[test]
fn the_fuzz_seeds_run_clean_through_every_target() {
    let n = replay("fuzz/seeds");
    assert!(n >= 30, "{n} seeds");
}

#[test]
fn the_crash_inputs_found_by_fuzzing_run_clean() {
    replay("tests/data/regressions");
}

// ---------------------------------------------------------------- crashes and hangs found

/// Found: miette panicked ("Formatting argument out of range") drawing a label more than 65 535
/// columns along one line — any policy or record with an error at the end of a very long line.
/// Fixed in src/diag.rs (such diagnostics are drawn without their snippet).
#[test]
fn a_label_far_along_a_long_line_renders() {
    let text = format!("unit 元 {}?", "x".repeat(70_000));
    let checked = check(&Source::new("long.jidi", text));
    let out = jidi::diag::render(&checked.diagnostics, jidi::i18n::Lang::En, false, 100);
    assert!(
        out.contains("jidi::syntax") && out.contains("long.jidi:1:"),
        "{}",
        &out[..200.min(out.len())]
    );
    let record = format!(
        "{{\"名称\": \"{}\", \"营业收入\": \"abc\"}}",
        "长".repeat(40_000)
    );
    let loaded = jidi::data::load_source(sichuan(), &Source::new("long.json", record));
    let out = jidi::diag::render(&loaded[0].diagnostics, jidi::i18n::Lang::En, false, 100);
    assert!(out.contains("field 营业收入"));
}

/// Found: stack overflow checking, or merely dropping, the tree of an expression nested deeply
/// without brackets (`not not …`, `- - …`, `a + a + …`, `e.f.f…`, `if … then if …`, quantifier
/// chains). Fixed by src/syntax/depth.rs (jidi::nesting_too_deep before parsing).
#[test]
fn deep_unbracketed_nesting_is_refused_before_it_overflows() {
    let base = std::fs::read_to_string(root().join("tests/data/robustness/small.jidi")).unwrap();
    for extra in [
        format!("condition 深 = {}欠发达县域", "not ".repeat(20_000)),
        format!("let 深 = {}营业收入", "- ".repeat(20_000)),
        format!("let 深 = 营业收入{}", " + 营业收入".repeat(20_000)),
        format!(
            "condition 深 = any e in 事件: e{} == 2024-01-01",
            ".日期".repeat(20_000)
        ),
        format!("let 深 = 评价{}", "[\"品牌\"]".repeat(20_000)),
        format!(
            "condition 深 = {}false",
            "if 欠发达县域 then true else ".repeat(20_000)
        ),
        format!(
            "condition 深 = {}欠发达县域",
            "any e in 事件: ".repeat(20_000)
        ),
        format!("input 深: {}number", "list of ".repeat(20_000)),
    ] {
        let text = format!("{base}\narticle 附加 {{\n  quote \"x\"\n  {extra}\n}}\n");
        let codes = on_main_sized_stack(Duration::from_secs(30), move || {
            let checked = check(&Source::new("deep.jidi", text));
            checked
                .diagnostics
                .iter()
                .map(|d| d.code)
                .collect::<Vec<_>>()
        });
        assert!(codes.contains(&"jidi::nesting_too_deep"), "{codes:?}");
    }
}

/// Found: a YAML record with `[` nested 100 000 deep took 100 s to be refused (serde_yaml's scan
/// is quadratic in the depth). Fixed in src/data/strict.rs (flow depth checked first).
#[test]
fn deeply_nested_yaml_is_refused_at_once() {
    let text = format!("事件: {}{}\n", "[".repeat(50_000), "]".repeat(50_000));
    let start = Instant::now();
    let loaded = jidi::data::load_source(sichuan(), &Source::new("deep.yaml", text));
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    assert!(loaded[0].diagnostics[0]
        .message
        .en()
        .contains("nested more than"));
}

/// Found: `(x as 公顷) as 亩` gave 1.00000000000000000000000000005 for 1 亩: two conversions
/// rounded in between. Fixed in src/check/expr.rs (conversions in a row compose exactly).
#[test]
fn converting_there_and_back_is_exact() {
    let text =
        "unit 亩\nunit 公顷 = 15 亩\ntier T\ninput 名称: name\ninput 类型: tier\ninput x: 亩\n\
                let back = (x as 公顷) as 亩\n\
                article 第一条 {\n  quote \"q\"\n  condition 同 = back == x\n}\n\
                decision { not_eligible when any condition is fail otherwise eligible }\n";
    let policy = check(&Source::new("rt.jidi", text)).policy.unwrap();
    let loaded = jidi::data::load_source(
        &policy,
        &Source::new("r.json", r#"{"名称": "甲", "类型": "T", "x": 1}"#),
    );
    let j = policy.judge(loaded[0].record.as_ref().unwrap());
    assert_eq!(j.verdict, jidi::syntax::ast::Verdict::Eligible);
}

/// Found: silent changes to what a record says — a duplicated key kept its last value, YAML/TOML
/// NaN became *unknown*, an NDJSON file with a byte-order mark lost its first record. Fixed in
/// src/data/ (strict.rs, mod.rs).
#[test]
fn records_are_never_silently_changed() {
    let p = sichuan();
    let load = |name: &str, text: &str| jidi::data::load_source(p, &Source::new(name, text));
    let dup = load(
        "d.json",
        r#"{"名称": "甲", "营业收入": 1, "营业收入": 300}"#,
    );
    assert!(dup[0].record.is_none());
    assert_eq!(dup[0].diagnostics[0].code, "jidi::record::duplicate_key");
    let nan = load("n.yaml", "名称: 甲\n营业收入: .nan\n");
    assert!(nan[0].record.is_none());
    let nan = load("n.toml", "\"名称\" = \"甲\"\n\"营业收入\" = nan\n");
    assert!(nan[0].record.is_none());
    let bom = load(
        "b.ndjson",
        "\u{feff}{\"名称\": \"甲\"}\n{\"名称\": \"乙\"}\n",
    );
    assert!(
        bom.iter().all(|l| l.record.is_some()),
        "{:?}",
        bom[0].diagnostics
    );
}
