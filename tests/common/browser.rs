//! Headless Chromium for the tests that look at pages as a browser lays them out: where it is,
//! and one run of it over a page (DOM dump, screenshot or PDF).
//!
//! Without Chromium (`/usr/bin/chromium`, or `JIDI_CHROMIUM`) a test says so and passes, so
//! `cargo test` works on a fresh machine — except in CI (`CI` set), where
//! `scripts/ci-setup.sh` installs it and its absence fails the test.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Where Chromium is: `JIDI_CHROMIUM`, else the usual places.
pub fn find() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("JIDI_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
}

/// Chromium for a test, or `None` after saying why the test is skipped. In CI a missing browser
/// fails the test instead: there it must have been installed.
pub fn for_test(test: &str) -> Option<PathBuf> {
    let found = find();
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{test}: chromium is not installed, and CI must run this test (scripts/ci-setup.sh \
             installs it)"
        );
        eprintln!(
            "notice: chromium is not installed (/usr/bin/chromium or $JIDI_CHROMIUM); {test} is \
             skipped. scripts/ci-setup.sh installs it."
        );
    }
    found
}

/// Runs Chromium headless on `page` with `extra` flags; its standard output.
pub fn run(browser: &Path, profile: &Path, extra: &[String], page: &Path) -> String {
    // Standard output goes to a file: a pipe nobody reads while waiting would fill and stall it.
    let captured = profile.join("stdout.txt");
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdout(std::fs::File::create(&captured).expect("a file for chromium's output"))
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let started = Instant::now();
    loop {
        if child
            .try_wait()
            .expect("chromium can be waited for")
            .is_some()
        {
            break;
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within 120 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let status = child.wait().expect("chromium's status");
    assert!(status.success(), "chromium failed: {status:?}");
    String::from_utf8_lossy(&std::fs::read(&captured).expect("chromium's output")).into_owned()
}
