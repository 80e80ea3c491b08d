//! `jidi fmt [--check] [--keywords zh|en] FILE...`: rewrite policy files in the canonical layout,
//! or check they are; with `--keywords`, also write every keyword in English or in Chinese.

use super::{output, Exit};
use jidi::diag::catalogue::{cli, io_why};
use jidi::i18n::Lang;
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

pub fn run(files: &[PathBuf], check: bool, keywords: Option<Keywords>, lang: Lang) -> Exit {
    let mut code = Exit::Ok;
    for path in files {
        let text = match jidi::files::read_regular_text(path, jidi::files::POLICY_FILE_CAP) {
            Ok(t) => t,
            Err(e) => {
                output::err!(
                    "{}",
                    cli::cannot_read(path.display(), io_why(&e)).render(lang)
                );
                code = Exit::InputErrors;
                continue;
            }
        };
        let formatted = format_with_keywords(&text, keywords.map(KeywordSet::from));
        if formatted == text {
            continue;
        }
        if check {
            output::err!("{}", cli::not_formatted(path.display()).render(lang));
            code = Exit::InputErrors;
        } else if let Err(e) =
            jidi::files::write_atomic(path, |out| out.write_all(formatted.as_bytes()))
        {
            output::err!(
                "{}",
                cli::cannot_write(path.display(), io_why(&e)).render(lang)
            );
            code = Exit::InputErrors;
        } else {
            output::err!("{}", cli::formatted(path.display()).render(lang));
        }
    }
    code
}
