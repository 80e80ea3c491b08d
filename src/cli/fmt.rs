//! `jidi fmt [--check] FILE...`: rewrite policy files in the canonical layout, or check they are.

use super::exit;
use jidi::syntax::format::format;
use std::path::PathBuf;

pub fn run(files: &[PathBuf], check: bool) -> u8 {
    let mut code = exit::OK;
    for path in files {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("error: cannot read {}: {e}", path.display());
                code = exit::INPUT_ERRORS;
                continue;
            }
        };
        let formatted = format(&text);
        if formatted == text {
            continue;
        }
        if check {
            eprintln!(
                "{} is not formatted; run `jidi fmt {}`",
                path.display(),
                path.display()
            );
            code = exit::INPUT_ERRORS;
        } else if let Err(e) = std::fs::write(path, formatted) {
            eprintln!("error: cannot write {}: {e}", path.display());
            code = exit::INPUT_ERRORS;
        } else {
            eprintln!("formatted {}", path.display());
        }
    }
    code
}
