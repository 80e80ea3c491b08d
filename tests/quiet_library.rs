//! The library computes and the front ends talk: no library entry point writes to standard
//! output or standard error. Two ways to fail: a behavioural run of the entry points in a child
//! process whose two streams are captured, and a lint of the library's source.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

mod common;

use common::{root, sichuan};
use jidi::repl::Repl;
use jidi::Source;
use std::io::Write;
use std::process::Command;

/// Set in the child process that runs the library.
const CHILD: &str = "JIDI_QUIET_LIBRARY_CHILD";
/// Written around the library's run on both streams; whatever lies between is the library's.
const BEGIN: &str = "\u{2}quiet-library-begin\u{2}";
const END: &str = "\u{3}quiet-library-end\u{3}";

/// Every kind of work the library does for the front ends, good input and bad.
fn exercise() {
    let dir = tempfile::tempdir().unwrap();
    let policy = sichuan();
    // Checking: the shipped policies, one with errors, one that cannot be parsed.
    for p in [common::SICHUAN, "policies/sichuan-2015.jidi"] {
        let c = jidi::check::check(&Source::read(&root().join(p)).unwrap());
        assert!(c.policy.is_some());
    }
    let bad = jidi::check::check(&Source::new(
        "bad.jidi",
        "policy \"x\" { measure \"m\" }\ninput 营业收入: 万元\nindicator 甲 { figure 乙 >= 1 万元 }",
    ));
    assert!(bad.has_errors());
    let _ = jidi::check::check(&Source::new("broken.jidi", "indicator (((("));
    // Records: the examples, a broken one, judged, written as JSON, tables and panel reports.
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{ \"名称\": ").unwrap();
    let files = jidi::data::expand(&[root().join("examples"), broken]);
    let loaded: Vec<Vec<jidi::data::Loaded>> = files
        .iter()
        .map(|f| jidi::data::load_file(policy, f))
        .collect();
    let all: Vec<jidi::data::Loaded> = loaded.iter().flatten().cloned().collect();
    let _ = jidi::report::json::eval(policy, &all);
    for item in &all {
        if let Some(r) = &item.record {
            let j = policy.judge(r);
            let _ =
                jidi::report::table::judgement(policy, &j, "x", true, false, jidi::i18n::Lang::En);
        }
    }
    let batch = jidi::report::panel::batch(policy, &loaded);
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    for lang in [jidi::i18n::Lang::Zh, jidi::i18n::Lang::En] {
        let ctx = jidi::report::panel::Context::new(policy, lang, day);
        let panel = jidi::report::panel::build(policy, &batch, &ctx);
        let _ = jidi::report::html::render(&panel);
        let _ = jidi::report::markdown::render(&panel);
    }
    // The REPL's engine: every command, and commands that are wrong.
    let mut repl = Repl::new(false, jidi::i18n::Lang::En);
    let _ = repl.execute("parks");
    let _ = repl.load(&root().join(common::SICHUAN), &[root().join("examples")]);
    let saved = dir.path().join("draft.jidi");
    for line in [
        "help",
        "help threshold",
        "parks",
        "eval",
        "eval #1",
        "explain #1",
        "show 工业用地地均收入",
        "calc #1 营业收入 / 工业用地面积",
        "where 营业收入 >= 300 亿元",
        "threshold 工业用地地均收入 all = 3000 万元/公顷",
        "figure #1 营业收入 = unknown",
        "overrides",
        "lacks #2",
        "nearest within 10%",
        "sweep 工业用地地均收入 all from 2000 to 4000 count 3",
        &format!("save {}", saved.display()),
        "undo",
        "reset",
        "frobnicate",
        "calc #99 1 +",
        "where (",
        "add /no/such/dir",
        "load /no/such/policy.jidi",
        "quit",
    ] {
        let _ = repl.execute(line);
    }
    let _ = repl.names();
    let _ = jidi::repl::candidates(&repl.names(), "show 工业", 9);
    let _ = jidi::repl::highlight_line("where a >= 5");
}

fn mark(text: &str) {
    let mut out = std::io::stdout();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
    let mut err = std::io::stderr();
    let _ = err.write_all(text.as_bytes());
    let _ = err.flush();
}

/// Run only as the child of the test below: the library's work between two marks.
#[test]
fn library_run_watched_by_the_quiet_test() {
    if std::env::var_os(CHILD).is_none() {
        return;
    }
    mark(BEGIN);
    exercise();
    mark(END);
}

/// What the child wrote between the marks.
fn between(stream: &[u8]) -> String {
    let text = String::from_utf8_lossy(stream);
    let start = text.find(BEGIN).expect("the child began") + BEGIN.len();
    let end = text.find(END).expect("the child finished its run");
    text[start..end].to_string()
}

#[test]
fn no_library_entry_point_writes_to_stdout_or_stderr() {
    if std::env::var_os(CHILD).is_some() {
        return;
    }
    let me = std::env::current_exe().unwrap();
    let o = Command::new(me)
        .args([
            "--exact",
            "library_run_watched_by_the_quiet_test",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD, "1")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "the child run failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(between(&o.stdout), "", "the library wrote to stdout");
    assert_eq!(between(&o.stderr), "", "the library wrote to stderr");
}

/// Ways of reaching the terminal that only the binary's front end (`src/cli/`, `src/main.rs`)
/// may use.
const FORBIDDEN: &[&str] = &[
    "print!(",
    "println!(",
    "eprint!(",
    "eprintln!(",
    "dbg!(",
    "io::stdout(",
    "io::stderr(",
    "io::stdin(",
    "Stdio::inherit(",
    "process::exit(",
    "rustyline::",
];

#[test]
fn the_library_source_has_no_way_to_the_terminal() {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let src = root().join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    let mut found = Vec::new();
    for f in &files {
        let rel = f.strip_prefix(&src).unwrap();
        if rel.starts_with("cli") || rel == std::path::Path::new("main.rs") {
            continue;
        }
        let text = std::fs::read_to_string(f).unwrap();
        // Unit tests at the bottom of a file may print what they like.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (n, line) in code.lines().enumerate() {
            let code_part = line.split("//").next().unwrap_or("");
            for bad in FORBIDDEN {
                if code_part.contains(bad) {
                    found.push(format!("src/{}:{}: {}", rel.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(files.len() > 50, "the library's source was found");
    assert!(
        found.is_empty(),
        "the library reaches the terminal; move this to the front end (src/cli/):\n{}",
        found.join("\n")
    );
}
