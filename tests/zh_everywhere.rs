//! Every command run with `--lang zh` on the shipped policy, its examples and histories writes
//! Chinese: an English word in its output, outside names, codes, quoted text, paths, numbers and
//! the policy's own text, fails the test (issue 15).
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // tests fail by panicking

mod common;

use common::{jidi_command, root, sichuan, SICHUAN};
use std::io::Write;
use std::process::Stdio;

/// English words that may stand in Chinese output, each for a reason:
/// - `jidi`, formats, units and tools, which are names: `JSON`, `HTML`, `Markdown`, `MiB`, `z3`;
/// - the machine words of statuses and verdicts, where a line quotes them as JSON does;
/// - `PUE`, `Mbps`: written so in the measure itself.
/// - `SHA`: the name of the report's file hash (`SHA-256`);
/// - `Debian` and `JIDI` (of `JIDI_Z3`), named where the solver is missing.
const ALLOWED: &[&str] = &[
    "jidi", "JSON", "NDJSON", "HTML", "Markdown", "xlsx", "z3", "PUE", "Mbps", "YYYY", "MM", "DD",
    "SHA", "Debian", "JIDI", "HTTP", "TOML", "YAML", "XLSX", "XLS", "ODS", "CSV", "MiB",
];

/// jidi's commands, by name.
const COMMANDS: &[&str] = &[
    "check", "eval", "diff", "compare", "test", "timeline", "stars", "notice", "fmt", "gen",
    "report", "template", "repl", "lsp", "serve", "doc", "explain",
];

/// Runs `jidi --lang zh ARGS` (stdin from `input`), stdout and stderr together.
fn run(args: &[&str], input: Option<&str>) -> String {
    let mut c = jidi_command();
    c.arg("--lang").arg("zh").args(args);
    c.stdin(if input.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = c.spawn().unwrap();
    if let (Some(text), Some(mut stdin)) = (input, child.stdin.take()) {
        stdin.write_all(text.as_bytes()).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// What the policy writes itself and output may repeat: the text of checks, guards, `applies
/// when` tests, exceptions' tests and reads, longest first so a longer one is removed whole.
fn policy_texts() -> Vec<String> {
    let p = sichuan();
    let mut texts: Vec<String> = Vec::new();
    for r in &p.rules {
        texts.push(r.name.clone());
        if let Some((_, t)) = &r.applies {
            texts.push(t.clone());
        }
        for c in r.per_tier.iter().flatten() {
            for b in &c.branches {
                texts.extend(b.guard_text.clone());
                texts.extend(b.checks.iter().map(|c| c.text.clone()));
            }
        }
        for e in &r.exceptions {
            texts.push(e.when_text.clone());
        }
    }
    // Assumptions are the drafter's words, shown as written.
    texts.extend(p.assumptions.iter().map(|a| a.text.clone()));
    texts.extend(p.reads.iter().map(|r| r.label.clone()));
    texts.extend(p.inputs.iter().map(|i| i.name.clone()));
    texts.extend(p.lets.iter().map(|l| l.name.clone()));
    texts.extend(p.enums.iter().flat_map(|e| e.values.clone()));
    // An enumeration's aliases (`Ⅱ` written `II`) are its names too; `jidi diff` lists them.
    texts.extend(
        p.enums
            .iter()
            .flat_map(|e| e.aliases.iter().map(|(a, _)| a.clone())),
    );
    // The names of test cases, as the test file writes them.
    let tests =
        jidi::policytest::TestFile::read(&root().join("policies/sichuan-2023-draft.test.yaml"))
            .unwrap();
    texts.extend(tests.cases.iter().map(|c| c.name.clone()));
    texts.retain(|t| !t.is_empty());
    texts.sort_by_key(|t| std::cmp::Reverse(t.len()));
    texts.dedup();
    texts
}

/// `line` without what may stay as written: quoted and code text, paths, codes and the
/// policy's own texts.
fn prose(line: &str, texts: &[String]) -> String {
    // Markdown writes `&`, `<` and `>` of the policy's text as entities.
    let mut line = line
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    for t in texts {
        line = line.replace(t.as_str(), " ");
    }
    let mut out = String::new();
    let mut close: Option<char> = None;
    for c in line.chars() {
        match (close, c) {
            (None, '`') => close = Some('`'),
            (None, '"') => close = Some('"'),
            (None, '“') => close = Some('”'),
            (None, '「') => close = Some('」'),
            (Some(q), c) if c == q => close = None,
            (None, c) => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace()
        // Options are named as typed: `--as-of`, `-h`.
        .filter(|w| !w.starts_with('-'))
        .filter(|w| !w.contains('/') && !w.contains("::") && !w.contains('.') && !w.contains('='))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The English words of a command's output, with the line each stands in.
fn english(output: &str) -> Vec<(String, String)> {
    let texts = policy_texts();
    let policy = std::fs::read_to_string(root().join(SICHUAN)).unwrap();
    let policy_lines: Vec<&str> = policy
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    // A diagnostic's long message goes on in lines that start `│ `: joined again, so that a text
    // quoted across the break stays quoted.
    let mut lines: Vec<String> = Vec::new();
    for line in output.lines() {
        match (line.trim_start().strip_prefix("│ "), lines.last_mut()) {
            (Some(rest), Some(last)) => last.push_str(rest),
            _ => lines.push(line.to_string()),
        }
    }
    let mut found = Vec::new();
    for line in &lines {
        let line = line.as_str();
        // The REPL's `show` prints a declaration as the policy writes it.
        if policy_lines.contains(&line.trim()) {
            continue;
        }
        // A source excerpt of a diagnostic shows the policy's own lines.
        let t = line.trim_start();
        if t.starts_with("╭─[")
            || t.split('│')
                .next()
                .is_some_and(|n| n.trim().parse::<u32>().is_ok())
                && t.contains('│')
        {
            continue;
        }
        // A usage line is a command line, written as it is typed.
        if t.starts_with("用法：") {
            continue;
        }
        // A help screen lists commands and options by their names.
        let t = match t.split_once("  ") {
            Some((name, rest)) if COMMANDS.contains(&name) && line.starts_with("  ") => rest,
            _ => line,
        };
        let p = prose(t, &texts);
        for w in p.split(|c: char| !c.is_ascii_alphabetic()) {
            if w.len() >= 2 && !ALLOWED.contains(&w) {
                found.push((w.to_string(), line.to_string()));
            }
        }
    }
    found
}

/// Every command of jidi on the shipped inputs.
fn commands() -> Vec<(&'static str, Vec<String>, Option<String>)> {
    let dir = std::env::temp_dir().join(format!("jidi-zh-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let copy = dir.join("policy.jidi");
    std::fs::copy(root().join(SICHUAN), &copy).unwrap();
    let template = dir.join("form.xlsx");
    let histories = undecided_histories(&dir);
    // Not in the canonical layout: `fmt --check` refuses one, `fmt` rewrites the other.
    let policy = std::fs::read_to_string(root().join(SICHUAN)).unwrap();
    let [unformatted, to_format] = ["unformatted.jidi", "to-format.jidi"].map(|f| {
        let at = dir.join(f);
        std::fs::write(&at, format!("{policy}\n\n\n")).unwrap();
        at.display().to_string()
    });
    // Two policies with the same id (file stem), which `serve` refuses.
    let same_id = ["a", "b"].map(|d| {
        let at = dir.join(d);
        std::fs::create_dir_all(&at).unwrap();
        std::fs::copy(root().join(SICHUAN), at.join("policy.jidi")).unwrap();
        at.join("policy.jidi").display().to_string()
    });
    let nowhere = |f: &str| dir.join("no-such-dir").join(f).display().to_string();
    let s = |x: &str| x.to_string();
    let p = s(SICHUAN);
    let old = s("policies/sichuan-2015.jidi");
    let mut runs = vec![
        ("eval", vec![s("eval"), p.clone(), s("examples/")], None),
        (
            "explain",
            vec![s("explain"), p.clone(), s("examples/")],
            None,
        ),
        ("check", vec![s("check"), p.clone()], None),
        (
            "check --analyze",
            vec![s("check"), s("--analyze"), p.clone()],
            None,
        ),
        (
            "test",
            vec![s("test"), s("policies/sichuan-2023-draft.test.yaml")],
            None,
        ),
        (
            "test (failing cases)",
            vec![
                s("test"),
                s("tests/data/policytest/failing.test.yaml"),
                s("tests/data/policytest/round.test.yaml"),
            ],
            None,
        ),
        (
            "test (malformed files)",
            vec![
                s("test"),
                s("tests/data/policytest/malformed.test.yaml"),
                s("tests/data/policytest/unknown-key.test.yaml"),
            ],
            None,
        ),
        // The 2015 measure and the 2023 draft differ in every kind of change a diff names;
        // both ways round, so removed and added parts are both shown, and verdicts change.
        ("diff", vec![s("diff"), old.clone(), p.clone()], None),
        ("diff", vec![s("diff"), p.clone(), old.clone()], None),
        (
            "compare",
            vec![s("compare"), old.clone(), p.clone(), s("examples/")],
            None,
        ),
        (
            "compare",
            vec![s("compare"), p.clone(), old.clone(), s("examples/")],
            None,
        ),
        (
            "timeline",
            vec![
                s("timeline"),
                s("--as-of"),
                s("2026-06-30"),
                p.clone(),
                s("histories/"),
            ],
            None,
        ),
        (
            "timeline undetermined",
            vec![
                s("timeline"),
                s("--as-of"),
                s("2026-06-01"),
                p.clone(),
                histories.display().to_string(),
            ],
            None,
        ),
        (
            "timeline guangdong",
            vec![
                s("timeline"),
                s("--as-of"),
                s("2024-06-30"),
                s("policies/examples/guangdong-warnings.jidi"),
                s("policies/examples/guangdong-warnings/histories/"),
            ],
            None,
        ),
        (
            "timeline jiangxi",
            vec![
                s("timeline"),
                s("--as-of"),
                s("2040-01-01"),
                s("policies/examples/jiangxi-promotion.jidi"),
                s("policies/examples/jiangxi-promotion/histories/"),
            ],
            None,
        ),
        (
            "stars",
            vec![
                s("stars"),
                s("policies/examples/hunan-stars.jidi"),
                s("policies/examples/hunan-stars/annual/"),
            ],
            None,
        ),
        (
            "notice",
            vec![s("notice"), p.clone(), s("--start"), s("2026-09-28")],
            None,
        ),
        (
            "report",
            vec![
                s("report"),
                s("--format"),
                s("md"),
                p.clone(),
                s("examples/"),
            ],
            None,
        ),
        (
            "fmt --check",
            vec![s("fmt"), s("--check"), copy.display().to_string()],
            None,
        ),
        (
            "template",
            vec![
                s("template"),
                s("--output"),
                template.display().to_string(),
                p.clone(),
            ],
            None,
        ),
        (
            "repl",
            vec![s("repl"), p.clone(), s("examples/")],
            Some(repl_script(&dir)),
        ),
        ("--help", vec![s("--help")], None),
        (
            "usage error: unknown option",
            vec![s("eval"), s("--explian"), p.clone()],
            None,
        ),
        ("usage error: unknown command", vec![s("evl")], None),
        (
            "usage error: bad value",
            vec![
                s("eval"),
                s("--format"),
                s("xml"),
                p.clone(),
                s("examples/"),
            ],
            None,
        ),
        (
            "usage error: bad date",
            vec![
                s("timeline"),
                s("--as-of"),
                s("2026-13-01"),
                p.clone(),
                s("histories/"),
            ],
            None,
        ),
        ("usage error: missing argument", vec![s("check")], None),
        // The command line's own errors and notes, each reached once.
        (
            "fmt: missing file",
            vec![s("fmt"), dir.join("missing.jidi").display().to_string()],
            None,
        ),
        (
            "fmt --check: not formatted",
            vec![s("fmt"), s("--check"), unformatted],
            None,
        ),
        ("fmt: formatted", vec![s("fmt"), to_format], None),
        (
            "gen: bad share",
            vec![s("gen"), s("--missing-share"), s("2"), p.clone()],
            None,
        ),
        (
            "gen: cannot write",
            vec![
                s("gen"),
                s("--count"),
                s("1"),
                s("-o"),
                nowhere("x.ndjson"),
                p.clone(),
            ],
            None,
        ),
        (
            "doc -o",
            vec![
                s("doc"),
                s("-o"),
                dir.join("doc.html").display().to_string(),
                p.clone(),
            ],
            None,
        ),
        (
            "doc: cannot write",
            vec![s("doc"), s("-o"), nowhere("doc.html"), p.clone()],
            None,
        ),
        (
            "report -o",
            vec![
                s("report"),
                s("-o"),
                dir.join("report.md").display().to_string(),
                p.clone(),
                s("examples/"),
            ],
            None,
        ),
        (
            "report: cannot write",
            vec![
                s("report"),
                s("-o"),
                nowhere("report.md"),
                p.clone(),
                s("examples/"),
            ],
            None,
        ),
        (
            "eval --history without a lifecycle",
            vec![
                s("eval"),
                s("--as-of"),
                s("2025-01-01"),
                s("--history"),
                s("histories/"),
                old.clone(),
                s("examples/"),
            ],
            None,
        ),
        (
            "serve: bad address",
            vec![s("serve"), s("--addr"), s("nonsense"), p.clone()],
            None,
        ),
        (
            "serve: not loopback",
            vec![s("serve"), s("--addr"), s("0.0.0.0:0"), p.clone()],
            None,
        ),
        (
            "serve: short token",
            vec![s("serve"), s("--token"), s("short"), p.clone()],
            None,
        ),
        (
            "serve: same id",
            vec![
                s("serve"),
                s("--addr"),
                s("127.0.0.1:0"),
                same_id[0].clone(),
                same_id[1].clone(),
            ],
            None,
        ),
    ];
    // The help of every command, short and long.
    for command in COMMANDS {
        runs.push(("-h", vec![s(command), s("-h")], None));
        runs.push(("--help", vec![s(command), s("--help")], None));
    }
    runs
}

/// Base histories of the shipped policy that a timeline cannot decide, or that hold a review it
/// does not count: an accident of unknown level, an old title whose lapse depends on the
/// measure's effective date, a review after the term ended. Written into `dir/histories`.
fn undecided_histories(dir: &std::path::Path) -> std::path::PathBuf {
    let at = dir.join("histories");
    std::fs::create_dir_all(&at).unwrap();
    let base = |name: &str, titled: &str, more: &str| {
        format!(
            r#"{{"名称": "{name}", "申报类型": "示范基地", "主导产业": "电子信息", "所在市州": "成都市",
                "认定日期": "{titled}", "评价": [], "变更": [], {more}}}"#
        )
    };
    let files = [
        (
            "late-review.json",
            base(
                "逾期复核园区",
                "2021-01-01",
                r#""复核": [{"日期": "2024-06-01", "结果": "合格"}], "事件": []"#,
            ),
        ),
        (
            "accident.json",
            base(
                "事故等级未报园区",
                "2023-03-01",
                r#""复核": [], "事件": [{"类型": "生产安全事故", "日期": "2024-02-02"}]"#,
            ),
        ),
        (
            "old-title.json",
            base(
                "旧称号园区",
                "2021-01-01",
                r#""旧办法认定": true, "旧办法有效期至": "2027-05-01", "复核": [], "事件": []"#,
            ),
        ),
    ];
    for (file, text) in files {
        std::fs::write(at.join(file), text).unwrap();
    }
    at
}

/// A REPL session that runs every kind of reply: help, what-ifs and their listing, a sweep, why
/// a park stands where it does (`explain`, `lacks`, `nearest`), `show`, `calc`, `where`, `save`,
/// `undo`/`reset`, errors, and leaving with a what-if not saved.
fn repl_script(dir: &std::path::Path) -> String {
    [
        "help",
        "help threshold",
        "parks",
        "eval",
        "threshold 工业用地地均收入 示范基地 = 3600",
        "figure #1 营业收入 = unknown",
        "figure #2 欠发达县域 = false",
        "overrides",
        "eval",
        "sweep 工业用地地均收入 示范基地 from 3000 to 5000 count 5",
        "explain 德阳旌东重型装备产业园",
        "lacks #3",
        "lacks #7",
        "lacks #11",
        "nearest within 1%",
        "show 工业用地地均收入",
        "show 营业收入",
        "calc #2 营业收入",
        "calc #2 营业收入 / 工业用地面积",
        "calc #2 营业收入 / 0",
        "calc #2 1 +",
        "where 营业收入 >= 300 亿元",
        "undo",
        "undo 9",
        &format!("save {}", dir.join("draft.jidi").display()),
        "reset",
        "no such verb",
        "threshold 工业用地地均收入 all = 3700",
        "quit",
    ]
    .join("\n")
}

/// The English words of each command's output, by command.
fn scan() -> Vec<(&'static str, Vec<(String, String)>)> {
    commands()
        .into_iter()
        .map(|(name, args, input)| {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            (name, english(&run(&args, input.as_deref())))
        })
        .collect()
}

#[test]
fn every_command_writes_chinese_under_lang_zh() {
    let mut report = String::new();
    for (name, words) in scan() {
        if !words.is_empty() {
            report.push_str(&format!("== {name}: {} English words\n", words.len()));
            let mut lines: Vec<&str> = Vec::new();
            for (w, line) in &words {
                if !lines.contains(&line.as_str()) && lines.len() < 12 {
                    report.push_str(&format!("  {w}: {line}\n"));
                    lines.push(line);
                }
            }
        }
    }
    assert!(
        report.is_empty(),
        "English left in --lang zh output:\n{report}"
    );
}

#[test]
fn the_scanner_finds_english_and_spares_names() {
    assert_eq!(english("未通过 → fail").len(), 1);
    assert!(english("`jidi check` 通过 examples/01.json jidi::record::unknown_value").is_empty());
}
