//! `jidi test [PATH...]`: runs policy test files and shows each difference with its explanation.

use super::{check::load, exit};
use jidi::policytest::{discover, run_case, uncovered, unreached, TestFile};
use std::path::PathBuf;

/// Exit status when a case fails.
pub const FAILED: u8 = 3;

pub fn run(paths: &[PathBuf]) -> u8 {
    let default = [PathBuf::from("policies")];
    let files = discover(if paths.is_empty() { &default } else { paths });
    if files.is_empty() {
        eprintln!("error: no test files (*.test.yaml) found");
        return exit::INPUT_ERRORS;
    }
    let (mut passed, mut failed, mut broken) = (0usize, 0usize, 0usize);
    for path in files {
        let file = match TestFile::read(&path) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("error: {e}");
                broken += 1;
                continue;
            }
        };
        let Ok((policy, _)) = load(&file.policy_path) else {
            broken += 1;
            continue;
        };
        println!(
            "{} ({} cases, policy {})",
            path.display(),
            file.cases.len(),
            file.policy_path.display()
        );
        let mut outcomes = Vec::new();
        for case in &file.cases {
            let outcome = run_case(&policy, case);
            if outcome.failures.is_empty() {
                passed += 1;
                println!("  ok    {}", outcome.name);
            } else {
                failed += 1;
                println!("  FAIL  {}", outcome.name);
                for f in &outcome.failures {
                    println!("        {f}");
                }
            }
            outcomes.push(outcome);
        }
        let missed = unreached(&policy, &outcomes, &file.cases);
        if !missed.is_empty() {
            println!(
                "  note: no case's history passes through {}",
                missed.join(", ")
            );
        }
        let gaps = uncovered(&policy, &file.cases);
        if !gaps.is_empty() {
            println!("  note: no case asserts a rule of {}", gaps.join(", "));
        }
    }
    println!("\n{passed} passed, {failed} failed");
    if broken > 0 {
        exit::INPUT_ERRORS
    } else if failed > 0 {
        FAILED
    } else {
        exit::OK
    }
}
