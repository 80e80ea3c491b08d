#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]
//! `jidi repl` in a real pseudo-terminal: Tab completes a Chinese name from its first characters,
//! Ctrl-C cancels the line without leaving, Ctrl-D leaves, and history is written.
#![cfg(unix)]

use expectrl::process::unix::WaitStatus;
use expectrl::{ControlCode, Eof, Expect, Session};
use std::process::Command;
use std::time::Duration;

mod common;
use common::root;

#[test]
fn tab_completes_chinese_names_and_ctrl_c_cancels_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("state").join("history");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jidi"));
    cmd.current_dir(root())
        .args(["repl", "policies/sichuan-2023-draft.jidi", "examples/"])
        .env("TERM", "xterm")
        .env("LC_ALL", "C")
        .env("NO_COLOR", "1")
        .env("JIDI_HISTORY", &history);
    let mut p = Session::spawn(cmd).unwrap();
    p.set_expect_timeout(Some(Duration::from_secs(60)));
    p.expect("jidi> ").unwrap();

    // A unique prefix of an indicator's Chinese name completes to the whole name.
    p.send("show 工业用地地").unwrap();
    p.send("\t").unwrap();
    p.expect("工业用地地均收入").unwrap();
    p.send("\r").unwrap();
    p.expect("附件 指标3").unwrap();
    p.expect("jidi> ").unwrap();

    // Two names share a prefix: the first Tab completes what they share.
    // Each keystroke waits for its echo, so rustyline never reads them as one typed-ahead batch.
    p.send("calc #3 营业收入 / 工业用").unwrap();
    p.expect("工业用").unwrap();
    p.send("\t").unwrap();
    p.expect("工业用地").unwrap();
    p.send(" 面积\t").unwrap();
    p.expect("面积").unwrap();
    std::thread::sleep(Duration::from_millis(300));
    p.send(ControlCode::EndOfText).unwrap();
    p.expect("jidi> ").unwrap();
    std::thread::sleep(Duration::from_millis(300));

    // Ctrl-C dropped that line: the next command runs alone.
    p.send("lacks #3\r").unwrap();
    p.expect("or 工业用地面积 1000 公顷 → 950 公顷").unwrap();
    p.expect("jidi> ").unwrap();

    // An error is reported and the session goes on.
    p.send("frobnicate\r").unwrap();
    p.expect("unknown command").unwrap();
    p.expect("jidi> ").unwrap();

    // Ctrl-D leaves, with status 0.
    p.send(ControlCode::EndOfTransmission).unwrap();
    p.expect(Eof).unwrap();
    let status = p.get_process_mut().wait().unwrap();
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}");

    let saved = std::fs::read_to_string(&history).unwrap();
    assert!(saved.contains("show 工业用地地均收入"), "{saved}");
    assert!(saved.contains("lacks #3"), "{saved}");
    assert!(
        !saved.contains("面积"),
        "a cancelled line is not history: {saved}"
    );
}

#[test]
fn leaving_with_unsaved_what_ifs_warns_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jidi"));
    cmd.current_dir(root())
        .args(["repl", "policies/sichuan-2023-draft.jidi", "examples/"])
        .env("TERM", "xterm")
        .env("LC_ALL", "C")
        .env("NO_COLOR", "1")
        .env("JIDI_HISTORY", dir.path().join("history"));
    let mut p = Session::spawn(cmd).unwrap();
    p.set_expect_timeout(Some(Duration::from_secs(60)));
    p.expect("jidi> ").unwrap();
    p.send("threshold 工业用地地均收入 all = 3000 万元/公顷\r")
        .unwrap();
    p.expect("jidi> ").unwrap();
    // The first quit warns and stays; the second leaves.
    p.send("quit\r").unwrap();
    p.expect("1 threshold or let what-ifs are not saved")
        .unwrap();
    p.expect("jidi> ").unwrap();
    p.send(ControlCode::EndOfTransmission).unwrap();
    p.expect(Eof).unwrap();
    let status = p.get_process_mut().wait().unwrap();
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}");
}
