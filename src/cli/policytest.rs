//! `jidi test [PATH...]`: runs policy test files and shows each difference with its explanation.

use super::{check::load, exit, output};
use jidi::policytest::{discover, run_case, uncovered, TestFile};
use std::path::PathBuf;

/// Exit status when a case fails.
pub const FAILED: u8 = 3;

pub fn run(paths: &[PathBuf]) -> u8 {
    let default = [PathBuf::from("policies")];
    let files = discover(if paths.is_empty() { &default } else { paths });
    if files.is_empty() {
        output::err!("error: no test files (*.test.yaml) found");
        return exit::INPUT_ERRORS;
    }
    let (mut passed, mut failed, mut broken) = (0usize, 0usize, 0usize);
    for path in files {
        let file = match TestFile::read(&path) {
            Ok(f) => f,
            Err(e) => {
                output::err!("error: {e}");
                broken += 1;
                continue;
            }
        };
        let Ok((policy, _)) = load(&file.policy_path) else {
            broken += 1;
            continue;
        };
        output::outln!(
            "{} ({} cases, policy {})",
            path.display(),
            file.cases.len(),
            file.policy_path.display()
        );
        for case in &file.cases {
            let outcome = run_case(&policy, case);
            if outcome.failures.is_empty() {
                passed += 1;
                output::outln!("  ok    {}", outcome.name);
            } else {
                failed += 1;
                output::outln!("  FAIL  {}", outcome.name);
                for f in &outcome.failures {
                    output::outln!("        {f}");
                }
            }
        }
        let gaps = uncovered(&policy, &file.cases);
        if !gaps.is_empty() {
            output::outln!("  note: no case asserts a rule of {}", gaps.join(", "));
        }
    }
    output::outln!("\n{passed} passed, {failed} failed");
    if broken > 0 {
        exit::INPUT_ERRORS
    } else if failed > 0 {
        FAILED
    } else {
        exit::OK
    }
}
