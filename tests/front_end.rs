//! What the front end tells a user in passing: a progress bar over many records on a terminal
//! only (with stderr a pipe — a log, a script — no bar, only the diagnostics), and `stars`
//! saying when its star scheme is the policy's assumption rather than the measure's.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

mod common;

use common::{jidi, SICHUAN};

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("表.xlsx");
    let runs: Vec<Vec<&str>> = vec![
        vec!["report", "--format", "md", SICHUAN, "examples/"],
        vec!["stars", SICHUAN, "examples/"],
        vec![
            "template",
            SICHUAN,
            "-o",
            book.to_str().unwrap(),
            "--fill",
            "examples/",
        ],
    ];
    for args in runs {
        let o = jidi(&args);
        assert!(
            o.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            !err.contains('\r') && !err.contains("\u{1b}[") && !err.contains("=>"),
            "{args:?} drew a bar into a pipe: {err:?}"
        );
    }
}

#[test]
fn stars_says_when_the_star_scheme_is_an_assumption() {
    let file = "examples/01-成都电子信息示范.json";
    let o = jidi(&["stars", SICHUAN, file]);
    let out = String::from_utf8_lossy(&o.stdout);
    // 第二十条 assumes how stars are computed: the measure only names one to five stars.
    assert!(
        out.contains("the star scheme is an assumption (星级) — 第二十条 星级计算: “The measure does not say how stars are computed."),
        "{out}"
    );
    let o = jidi(&["--lang", "zh", "stars", SICHUAN, file]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("星级计算方法是假设 (星级)"));
    let o = jidi(&["stars", "--format", "json", SICHUAN, file]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json[0]["assumed"], true);
}
