//! `jidi fmt [--check] [--keywords zh|en] FILE...`: rewrite policy files in the canonical layout,
//! or check they are; with `--keywords`, also write every keyword in English or in Chinese.

use super::{output, Exit};
use jidi::syntax::format::format_with_keywords;
use jidi::syntax::keywords::KeywordSet;
use std::path::PathBuf;

/// The keyword language `jidi fmt --keywords` writes.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Keywords {
    /// `indicator`, `constraint`, `when` …
    En,
    /// `指标`, `约束性`, `当` …
    Zh,
}

impl From<Keywords> for KeywordSet {
    fn from(k: Keywords) -> Self {
        match k {
            Keywords::En => KeywordSet::En,
            Keywords::Zh => KeywordSet::Zh,
        }
    }
}

pub fn run(files: &[PathBuf], check: bool, keywords: Option<Keywords>) -> Exit {
    let mut code = Exit::Ok;
    for path in files {
        let text = match jidi::files::read_regular_text(path, jidi::files::POLICY_FILE_CAP) {
            Ok(t) => t,
            Err(e) => {
                output::err!("error: cannot read {}: {e}", path.display());
                code = Exit::InputErrors;
                continue;
            }
        };
        let formatted = format_with_keywords(&text, keywords.map(KeywordSet::from));
        if formatted == text {
            continue;
        }
        if check {
            output::err!(
                "{} is not formatted; run `jidi fmt {}`",
                path.display(),
                path.display()
            );
            code = Exit::InputErrors;
        } else if let Err(e) =
            jidi::files::write_atomic(path, |out| out.write_all(formatted.as_bytes()))
        {
            output::err!("error: cannot write {}: {e}", path.display());
            code = Exit::InputErrors;
        } else {
            output::err!("formatted {}", path.display());
        }
    }
    code
}
