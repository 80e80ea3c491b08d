//! `jidi doc POLICY -o doc.html`: the measure view as a static page — each article with its
//! quoted text, the rules encoding it, its assumptions, and the articles no rule encodes.

use super::{output, Exit};
use clap::Args;
use jidi::diag::catalogue::cli;
use std::path::PathBuf;

#[derive(Args)]
pub struct DocArgs {
    /// The policy file (`.jidi`).
    pub policy: PathBuf,
    /// Where to write the page; standard output when left out.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

pub fn run(args: &DocArgs, lang: jidi::i18n::Lang) -> Exit {
    let (policy, _) = match super::check::load(&args.policy, lang) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let Ok(ast) = jidi::syntax::parse_policy(&policy.source) else {
        return Exit::InputErrors;
    };
    let page = jidi::report::doc::page(&policy, &ast, lang);
    match &args.output {
        Some(path) => {
            if let Err(e) = write(path, page.as_bytes()) {
                let why = jidi::diag::catalogue::io_why(&e);
                output::err!("{}", cli::cannot_write(path.display(), why).render(lang));
                return Exit::InputErrors;
            }
            output::err!("{}", cli::wrote(path.display()).render(lang));
        }
        None => output::out!("{page}"),
    }
    Exit::Ok
}

/// Writes to a temporary file beside `path`, then renames it into place.
fn write(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
