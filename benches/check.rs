//! `jidi check` on the shipped policy against process start (BENCHMARKS.md, issue 16 item 6): the
//! release binary's `jidi --version` and `jidi check POLICY` as processes, and the phases in
//! process — reading and checking the policy, drawing its diagnostics — then the ratio of the two
//! processes' times from one interleaved run. Run with `cargo bench --bench check`.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use criterion::Criterion;
use jidi::i18n::Lang;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const POLICY: &str = "policies/sichuan-2023-draft.jidi";

/// Runs per command in the interleaved ratio.
const RUNS: usize = 40;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The release binary run as `jidi ARGS…` in the repository, its output discarded.
fn jidi(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_jidi"));
    command
        .args(args)
        .current_dir(root())
        .env("LC_ALL", "C")
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

fn run(args: &[&str]) {
    let status = jidi(args).status().unwrap();
    assert!(status.success(), "jidi {args:?}: {status}");
}

/// The diagnostics `jidi check` draws: all but the notes, summarised, in English, plain.
fn drawn(diagnostics: &[jidi::Diagnostic]) -> String {
    let problems: Vec<jidi::Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.severity != jidi::Severity::Note)
        .cloned()
        .collect();
    let (drawn, _) = jidi::diag::summarised(&problems);
    jidi::diag::render(drawn, Lang::En, false, 100)
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn main() {
    let path = root().join(POLICY);
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .configure_from_args();
    let mut group = c.benchmark_group("check");
    group.bench_function("process/version", |b| b.iter(|| run(&["--version"])));
    group.bench_function("process/check", |b| b.iter(|| run(&["check", POLICY])));
    group.bench_function("in_process/read_and_check", |b| {
        b.iter(|| {
            let source = jidi::Source::read(black_box(Path::new(&path))).unwrap();
            jidi::check::check(&source)
        })
    });
    let checked = jidi::check::check(&jidi::Source::read(&path).unwrap());
    assert!(checked.policy.is_some(), "the shipped policy checks");
    group.bench_function("in_process/render", |b| {
        b.iter(|| drawn(black_box(&checked.diagnostics)))
    });
    group.finish();
    c.final_summary();

    // The ratio, from runs taken in turn so that both see the same load.
    let (mut version, mut check) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let t = Instant::now();
        run(&["--version"]);
        version.push(t.elapsed());
        let t = Instant::now();
        run(&["check", POLICY]);
        check.push(t.elapsed());
    }
    let (version, check) = (median(version), median(check));
    println!(
        "jidi --version {version:.2?}, jidi check {check:.2?} (medians of {RUNS} wall times, \
         taken in turn): check ÷ --version = {:.1}",
        check.as_secs_f64() / version.as_secs_f64()
    );
}
