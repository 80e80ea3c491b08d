//! Issue 12, the output side: nothing lost (rejected records stand in every output and summary),
//! records folders walked once, every command's output errors (a full disk, a closed pipe), files
//! written whole, bounded `--jobs`, REPL lines, files a policy names, and text from records that
//! cannot drive a terminal or carry HTML into a report.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic
)] // tests fail by panicking

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::{jidi_command, root};

const POLICY: &str = "policies/sichuan-2023-draft.jidi";
const OLD_POLICY: &str = "policies/sichuan-2015.jidi";

fn command(args: &[&str]) -> Command {
    let mut c = jidi_command();
    c.args(args);
    c
}

fn jidi(args: &[&str]) -> Output {
    command(args).output().expect("the jidi binary runs")
}

fn jidi_with_input(args: &[&str], input: &[u8]) -> Output {
    let mut child = command(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Waits for a child at most `limit`, killing it if it is still running.
fn wait_at_most(mut child: std::process::Child, limit: Duration) -> (Option<i32>, String) {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            if let Some(mut e) = child.stderr.take() {
                let _ = e.read_to_string(&mut err);
            }
            return (status.code(), err);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

// ---- nothing lost

#[test]
fn rejected_records_stand_at_their_place_in_json_and_verdicts() {
    let json = jidi(&[
        "eval",
        "--format",
        "json",
        POLICY,
        "tests/data/mixed.ndjson",
    ]);
    assert_eq!(json.status.code(), Some(1));
    let all: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let verdicts: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(
        verdicts,
        [
            "undetermined",
            "rejected",
            "rejected",
            "rejected",
            "rejected",
            "undetermined"
        ]
    );
    let bad = &all[4];
    assert_eq!(bad["source"], "tests/data/mixed.ndjson#5");
    assert_eq!(bad["name"], "坏日期");
    assert_eq!(bad["errors"][0]["code"], "jidi::record::type");
    assert_eq!(bad["errors"][0]["field"], "申报日期");
    assert!(bad["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("is not a date"));
    assert!(
        all[3].get("name").is_none(),
        "a line that is no JSON has no name"
    );

    for jobs in ["1", "3"] {
        let o = jidi(&[
            "eval",
            "--jobs",
            jobs,
            "--format",
            "verdicts",
            POLICY,
            "tests/data/mixed.ndjson",
        ]);
        let lines: Vec<serde_json::Value> = text(&o.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 6);
        assert_eq!(lines[0]["source"], "tests/data/mixed.ndjson#1");
        assert_eq!(lines[1]["verdict"], "rejected");
        for failed in lines[0]["failed"].as_array().unwrap() {
            let status = failed["status"].as_str().unwrap();
            assert!(status != "pass" && status != "not_applicable", "{failed}");
            assert!(failed["article"].is_string() && failed["kind"].is_string());
        }
    }
}

#[test]
fn verdicts_name_only_the_failed_rules_with_their_figures() {
    // 附件 指标3: 3800 万元/公顷 against ≥ 4000 万元/公顷 (examples/EXPECTED.md).
    let o = jidi(&[
        "eval",
        "--format",
        "verdicts",
        POLICY,
        "examples/03-德阳装备制造示范-地均收入不足.json",
    ]);
    let line: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(line["verdict"], "not_eligible");
    assert_eq!(line["tier"], "示范基地");
    let failed = line["failed"].as_array().unwrap();
    let land = failed
        .iter()
        .find(|f| f["name"] == "工业用地地均收入")
        .unwrap();
    assert_eq!(land["article"], "附件 指标3");
    assert_eq!(land["status"], "fail");
    assert_eq!(land["figure"], "3800 万元/公顷");
    assert_eq!(land["threshold"], "≥ 4000 万元/公顷");
    assert_eq!(land["margin"], "-200 万元/公顷");
}

#[test]
fn every_summary_counts_rejected_records() {
    let table = jidi(&["eval", POLICY, "tests/data/mixed.ndjson"]);
    let out = text(&table.stdout);
    assert!(out.contains("\n6 records\n"), "{out}");
    assert!(out.contains("rejected: 4"), "{out}");
    assert!(
        out.contains("⊘ rejected      坏类型  tests/data/mixed.ndjson#2"),
        "{out}"
    );

    let md = jidi(&[
        "report",
        "--format",
        "md",
        POLICY,
        "tests/data/mixed.ndjson",
    ]);
    let out = text(&md.stdout);
    assert!(out.contains("| rejected | | | | 4 |"), "{out}");
    assert!(
        out.contains("| **all** | **0** | **0** | **2** | **6** |"),
        "{out}"
    );
    assert!(out.contains("- tests/data/mixed.ndjson#5 坏日期"), "{out}");

    let compare = jidi(&["compare", OLD_POLICY, POLICY, "tests/data/mixed.ndjson"]);
    let out = text(&compare.stdout);
    assert!(out.contains("6 records"), "{out}");
    assert!(out.contains("rejected: "), "{out}");

    let repl = jidi_with_input(&["repl", POLICY, "tests/data/mixed.ndjson"], b"eval\n");
    let out = text(&repl.stdout);
    assert!(out.contains("2 parks, 4 rejected"), "{out}");
    assert!(out.contains("rejected: 4"), "{out}");
}

// ---- records folders

#[cfg(unix)]
#[test]
fn a_symlink_loop_visits_each_file_once_and_a_dangling_link_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("records");
    std::fs::create_dir_all(records.join("a/b")).unwrap();
    std::fs::copy(
        root().join("examples/01-成都电子信息示范.json"),
        records.join("01.json"),
    )
    .unwrap();
    std::os::unix::fs::symlink("..", records.join("a/b/up")).unwrap();
    std::os::unix::fs::symlink("../..", records.join("a/b/top")).unwrap();
    let mut child = command(&["eval", POLICY])
        .arg(&records)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    let (code, _) = wait_at_most(child, Duration::from_secs(60));
    assert_eq!(code, Some(0));
    assert!(out.contains("\n1 records\n"), "{out}");

    std::os::unix::fs::symlink("/nonexistent/x", records.join("gone.json")).unwrap();
    let o = command(&["eval", POLICY]).arg(&records).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("gone.json"));
}

#[cfg(unix)]
#[test]
fn a_folder_that_cannot_be_listed_is_an_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let closed = dir.path().join("closed");
    std::fs::create_dir(&closed).unwrap();
    std::fs::copy(
        root().join("examples/01-成都电子信息示范.json"),
        closed.join("01.json"),
    )
    .unwrap();
    std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read_dir(&closed).is_ok() {
        // Root lists every folder: nothing to test here.
        std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!("skipped: this user can list a folder with mode 000");
        return;
    }
    let o = command(&["eval", POLICY]).arg(dir.path()).output().unwrap();
    std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("cannot list the folder"));
}

// ---- output errors, the same for every command

/// Every command, with arguments that make it write to standard output.
fn commands(dir: &Path) -> Vec<(Vec<String>, Option<&'static [u8]>)> {
    let d = |name: &str| dir.join(name).display().to_string();
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    vec![
        (s(&["check", POLICY]), None),
        (s(&["eval", POLICY, "examples/"]), None),
        (s(&["eval", "--format", "json", POLICY, "examples/"]), None),
        (s(&["explain", POLICY, "examples/"]), None),
        (s(&["timeline", POLICY, "histories/", "--as-of", "2026-11-27"]), None),
        (s(&["stars", POLICY, "examples/"]), None),
        (s(&["diff", OLD_POLICY, POLICY]), None),
        (s(&["notice", POLICY, "--start", "2024-09-27"]), None),
        (s(&["compare", OLD_POLICY, POLICY, "examples/"]), None),
        (s(&["test"]), None),
        (s(&["report", POLICY, "examples/"]), None),
        (s(&["gen", POLICY, "--count", "200"]), None),
        (s(&["template", POLICY, "-o", &d("form.xlsx")]), None),
        (s(&["fmt", "--check", POLICY]), None),
        (s(&["--help"]), None),
        (s(&["repl", POLICY, "examples/"]), Some(b"help\nparks\neval\n")),
        (
            s(&["lsp"]),
            Some(
                b"Content-Length: 58\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}",
            ),
        ),
    ]
}

fn spawn(args: &[String], stdout: Stdio, input: Option<&[u8]>) -> std::process::Child {
    let mut c = command(&[]);
    c.args(args)
        .stdout(stdout)
        .stderr(Stdio::piped())
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
    let mut child = c.spawn().unwrap();
    if let (Some(bytes), Some(mut stdin)) = (input, child.stdin.take()) {
        stdin.write_all(bytes).unwrap();
    }
    child
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_one_line_and_exit_1_for_every_command() {
    let dir = tempfile::tempdir().unwrap();
    for (args, input) in commands(dir.path()) {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let child = spawn(&args, Stdio::from(full), input);
        let (code, err) = wait_at_most(child, Duration::from_secs(120));
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        if args[0] == "fmt" || args[0] == "template" {
            // They write nothing to standard output.
            assert_eq!(code, Some(0), "{args:?}: {err}");
            continue;
        }
        assert_eq!(code, Some(1), "{args:?}: {err}");
        let said: Vec<&str> = err
            .lines()
            .filter(|l| l.contains("No space left on device"))
            .collect();
        assert_eq!(said.len(), 1, "{args:?}: one line says so:\n{err}");
    }
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    let dir = tempfile::tempdir().unwrap();
    for (args, input) in commands(dir.path()) {
        let mut child = spawn(&args, Stdio::piped(), input);
        // The reader goes away before the first byte is written.
        drop(child.stdout.take());
        let (code, err) = wait_at_most(child, Duration::from_secs(120));
        assert!(
            !err.contains("panicked") && !err.contains("failed printing"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("Broken pipe"), "{args:?}: quiet:\n{err}");
        assert_ne!(code, Some(101), "{args:?}");
        if !matches!(args[0].as_str(), "fmt" | "template") {
            assert_eq!(
                code,
                Some(141),
                "{args:?}: ended as a closed pipe ends a tool:\n{err}"
            );
        }
    }
}

// ---- files written whole

#[cfg(unix)]
#[test]
fn files_are_replaced_whole_not_rewritten_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let policy = dir.path().join("p.jidi");
    let messy = std::fs::read_to_string(root().join(POLICY))
        .unwrap()
        .replacen("unit 元", "unit   元", 1);
    std::fs::write(&policy, &messy).unwrap();
    // A reader that has the file open keeps seeing the old text: the new one is a new file,
    // renamed into place, never the old one truncated and rewritten.
    let mut held = std::fs::File::open(&policy).unwrap();
    let o = command(&["fmt"]).arg(&policy).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let mut old = String::new();
    held.read_to_string(&mut old).unwrap();
    assert_eq!(old, messy);
    assert_ne!(std::fs::read_to_string(&policy).unwrap(), messy);
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "no temporary file is left behind");

    // Through a symbolic link, the file it points to is replaced and the link kept.
    let report = dir.path().join("report.md");
    let link = dir.path().join("latest.md");
    std::fs::write(&report, "old").unwrap();
    std::os::unix::fs::symlink(&report, &link).unwrap();
    let o = command(&["report", POLICY, "examples/", "-o"])
        .arg(&link)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&report).unwrap().starts_with("# "));
}

// ---- bounded resources

#[test]
fn too_many_jobs_are_clamped_with_a_message() {
    let o = jidi(&[
        "eval",
        "--jobs",
        "65535",
        "--format",
        "ndjson",
        POLICY,
        "examples/batch.ndjson",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("--jobs 65535 is more than 256: using 256 threads"));
    assert!(!text(&o.stdout).is_empty());
}

#[test]
fn a_piped_repl_reports_bad_lines_and_goes_on() {
    let mut script = b"calc #1 (1 + 2\nparks\n".to_vec();
    script.extend_from_slice(b"\xff\xfe not utf-8\n");
    script.extend_from_slice(&vec![b'x'; 100 * 1024]);
    script.extend_from_slice(b"\nhelp\n");
    let o = jidi_with_input(&["repl", POLICY, "examples/"], &script);
    let out = text(&o.stdout);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "a failed command: {err}");
    assert!(
        out.contains("#1 "),
        "`parks` ran after the open bracket:\n{out}"
    );
    assert!(
        out.contains("threshold"),
        "`help` ran after the bad lines:\n{out}"
    );
    assert!(err.contains("line 3 is not valid UTF-8"), "{err}");
    assert!(err.contains("line 4 is longer than 64 KiB"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_calendar_that_is_no_regular_file_is_a_located_warning() {
    let dir = tempfile::tempdir().unwrap();
    let text_of = std::fs::read_to_string(root().join(POLICY)).unwrap();
    for (name, make) in [
        (
            "zero",
            Box::new(|p: &Path| std::os::unix::fs::symlink("/dev/zero", p).unwrap())
                as Box<dyn Fn(&Path)>,
        ),
        (
            "folder",
            Box::new(|p: &Path| std::fs::create_dir(p).unwrap()),
        ),
        (
            "fifo",
            Box::new(|p: &Path| {
                assert!(Command::new("mkfifo").arg(p).status().unwrap().success());
            }),
        ),
    ] {
        let calendar = dir.path().join(format!("{name}.toml"));
        make(&calendar);
        let policy = dir.path().join(format!("{name}.jidi"));
        std::fs::write(
            &policy,
            text_of.replace("calendar/cn-workdays.toml", &format!("{name}.toml")),
        )
        .unwrap();
        let child = command(&["check"])
            .arg(&policy)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (code, err) = wait_at_most(child, Duration::from_secs(30));
        assert_eq!(code, Some(0), "{name}: {err}");
        assert!(err.contains("jidi::no_calendar"), "{name}: {err}");
        let words = err
            .replace('│', " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(words.contains("is not a regular file"), "{name}: {err}");
        assert!(
            err.contains(&format!("{name}.jidi:")),
            "{name}: located: {err}"
        );
    }
}

// ---- text from records

#[test]
fn control_characters_from_records_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("esc.ndjson");
    std::fs::write(
        &records,
        "{\"名称\": \"坏\\u001b[2J园\", \"申报类型\": \"示范基地\", \"营业收入\": \"abc\"}\n\
         {\"名称\": \"好\\u001b[31m园\\r✔ eligible\", \"申报类型\": \"示范基地\"}\n",
    )
    .unwrap();
    for command_name in ["eval", "explain"] {
        let o = command(&[command_name, POLICY])
            .arg(&records)
            .output()
            .unwrap();
        for (what, bytes) in [("stdout", &o.stdout), ("stderr", &o.stderr)] {
            assert!(
                !bytes.contains(&0x1b),
                "{command_name} {what}: {}",
                text(bytes)
            );
        }
        let out = text(&o.stdout);
        assert!(
            out.contains("好\\u{1b}[31m园\\u{d}✔ eligible") || out.contains("好\\u{1b}[31m园"),
            "{out}"
        );
    }
}

#[test]
fn the_markdown_report_carries_no_html_from_records() {
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("x.json");
    std::fs::write(
        &records,
        r#"[{"名称": "<script>alert(1)</script>", "申报类型": "示范基地"},
            {"名称": "<img src=x onerror=alert(2)>", "申报类型": "丁类"}]"#,
    )
    .unwrap();
    let o = command(&["report", "--format", "md", POLICY])
        .arg(&records)
        .output()
        .unwrap();
    let out = text(&o.stdout);
    assert!(!out.contains("<script"), "{out}");
    assert!(!out.contains("<img"), "{out}");
    assert!(
        out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{out}"
    );
    let o = command(&["report", "--format", "html", POLICY])
        .arg(&records)
        .output()
        .unwrap();
    let out = text(&o.stdout);
    assert!(!out.contains("<script") && !out.contains("<img"));
}

// ---- diagnostics volume

#[test]
fn repeated_warnings_are_summarised_and_long_lines_are_clipped() {
    let dir = tempfile::tempdir().unwrap();
    let mut policy = std::fs::read_to_string(root().join(POLICY)).unwrap();
    policy.push_str("article 第九条 {\n");
    for i in 0..300 {
        policy.push_str(&format!("  condition 非先进材料{i} = 领域 != 先进材料\n"));
    }
    policy.push_str("}\n");
    let path = dir.path().join("many.jidi");
    std::fs::write(&path, policy).unwrap();
    let o = command(&["check"]).arg(&path).output().unwrap();
    let err = text(&o.stderr);
    assert_eq!(err.matches("jidi::unquoted_rule").count(), 6, "{err}");
    assert!(err.contains("295 more jidi::unquoted_rule like the 5 above are not shown"));

    // A bad field at the start of a 20 KB line: the place and an excerpt, not the line.
    let mut records =
        String::from("[{\"名称\": \"甲\", \"申报类型\": \"示范基地\", \"营业收入\": \"abc\"}");
    for _ in 0..400 {
        records.push_str(", {\"名称\": \"乙乙乙乙乙乙乙乙乙乙乙乙乙\"}");
    }
    records.push(']');
    let file = dir.path().join("long.json");
    std::fs::write(&file, &records).unwrap();
    let o = command(&["eval", POLICY]).arg(&file).output().unwrap();
    let err = text(&o.stderr);
    let first = err.split("\n\n\n").next().unwrap();
    assert!(first.len() < 2_000, "{} bytes:\n{first}", first.len());
    assert!(first.contains("long.json:1:"), "{first}");
}

/// A warning repeated in every record of a bulk run is drawn five times and then counted in one
/// line, while a warning about another field is still drawn in full; `--jobs 2` writes the same.
#[test]
fn repeated_record_warnings_are_summarised_and_others_still_drawn() {
    let dir = tempfile::tempdir().unwrap();
    let clean = dir.path().join("clean.ndjson");
    let out = jidi(&[
        "gen",
        "--seed",
        "3",
        "--count",
        "12",
        "--malformed-share",
        "0",
        POLICY,
        "-o",
        clean.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&clean).unwrap();
    let lines: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let extra = if i == 7 {
                r#","营业收人":1"#
            } else {
                r#","备注":"x""#
            };
            format!("{}{extra}}}", l.strip_suffix('}').unwrap())
        })
        .collect();
    let records = dir.path().join("extra.ndjson");
    std::fs::write(&records, lines.join("\n") + "\n").unwrap();
    let path = records.to_str().unwrap();
    let one = jidi(&["eval", "--format", "verdicts", "--lang", "en", POLICY, path]);
    let stderr = String::from_utf8(one.stderr.clone()).unwrap();
    assert!(one.status.success(), "warnings only: {stderr}");
    assert_eq!(String::from_utf8_lossy(&one.stdout).lines().count(), 12);
    assert_eq!(
        stderr.matches("field `备注` is not an input").count(),
        5,
        "{stderr}"
    );
    assert!(stderr.contains("record 8 (") && stderr.contains("field `营业收人` is not an input"));
    assert!(stderr.contains("did you mean `营业收入`"), "{stderr}");
    assert!(
        stderr.contains(
            "6 more jidi::record::unknown_field about field `备注` like the 5 above are not shown"
        ),
        "{stderr}"
    );
    let two = jidi(&[
        "eval", "--format", "verdicts", "--lang", "en", "--jobs", "2", POLICY, path,
    ]);
    assert_eq!(two.stderr, one.stderr);
    let zh = jidi(&["eval", "--format", "verdicts", "--lang", "zh", POLICY, path]);
    assert!(String::from_utf8_lossy(&zh.stderr).contains(
        "另有 6 条与上面 5 条相同的关于字段 `备注` 的 jidi::record::unknown_field 未显示"
    ));
}
