//! Helpers and fixture policies the integration tests share: where the repository is, the
//! shipped policy checked once, the `jidi` binary run in a known locale, and headless Chromium.
//! Each test file uses some of them (`mod common;`), so the rest are unused there.
#![allow(dead_code, clippy::expect_used, clippy::unwrap_used, clippy::panic)]

pub mod browser;

use jidi::check::{check, Policy};
use jidi::Source;
use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The shipped measure's policy, relative to the repository.
pub const SICHUAN: &str = "policies/sichuan-2023-draft.jidi";

/// The repository's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file of the repository as text.
pub fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap()
}

/// Checks a policy file of the repository; a policy with errors fails the test, naming them.
pub fn checked(path: &str) -> Policy {
    let c = check(&Source::read(&root().join(path)).unwrap());
    let errors: Vec<String> = c.errors().map(|d| format!("{}: {d}", d.code)).collect();
    c.policy
        .unwrap_or_else(|| panic!("{path} does not check: {errors:?}"))
}

/// The shipped policy, checked once per test binary.
pub fn sichuan() -> &'static Policy {
    static P: OnceLock<Policy> = OnceLock::new();
    P.get_or_init(|| checked(SICHUAN))
}

/// The `jidi` binary in the repository's root, in the C locale (English) without colour.
pub fn jidi_command() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_jidi"));
    c.current_dir(root())
        .env("LC_ALL", "C")
        .env_remove("LANG")
        .env_remove("LC_MESSAGES")
        .env("NO_COLOR", "1");
    c
}

/// Runs `jidi ARGS` to its end (see [`jidi_command`]).
pub fn jidi(args: &[&str]) -> Output {
    jidi_command().args(args).output().unwrap()
}

/// What a run wrote to standard output, as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// What a run wrote to standard error, as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
