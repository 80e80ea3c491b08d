//! Robustness: deep nesting, huge numbers, odd bytes and broken records give clear diagnostics —
//! never a panic, a stack overflow, a hang or a silently lost record.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // tests fail by panicking

use jidi::check::check;
use jidi::Source;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap()
}

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
        let _ = jidi::diag::render(&checked.diagnostics, false, 100);
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
