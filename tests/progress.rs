//! A progress bar is drawn over many records on a terminal only: with stderr a pipe (a log, a
//! script), the commands that read many files write no bar, only their diagnostics.
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
