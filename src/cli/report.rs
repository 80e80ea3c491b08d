//! `jidi report POLICY RECORDS... -o report.html`: the report for an expert panel, as one
//! self-contained HTML page or as Markdown.

use super::{output, Exit};
use clap::{Args, ValueEnum};
use jidi::diag::catalogue::cli;
use jidi::report::{html, markdown, panel};
use std::path::PathBuf;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Html,
    Md,
}

#[derive(Args)]
pub struct ReportArgs {
    /// The policy file (`.jidi`).
    pub policy: PathBuf,
    /// Record files or directories (JSON, NDJSON, TOML, YAML, XLSX, XLS, ODS, CSV).
    #[arg(required = true)]
    pub records: Vec<PathBuf>,
    /// Where to write the report; standard output when left out.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// `html` or `md`; by default from the output's extension (`.md` is Markdown), else HTML.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
}

pub fn run(args: &ReportArgs, lang: jidi::i18n::Lang) -> Exit {
    let (policy, _) = match super::check::load_selection(&args.policy, lang) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let (files, had_errors) = super::records::load(&policy, &args.records, lang);
    let batch = panel::batch(&policy, &files);
    let format = args.format.unwrap_or_else(|| {
        let md = args
            .output
            .as_ref()
            .and_then(|o| o.extension())
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
        if md {
            Format::Md
        } else {
            Format::Html
        }
    });
    let today = chrono::Local::now().date_naive();
    let ctx = panel::Context::new(&policy, lang, today);
    let report = panel::build(&policy, &batch, &ctx);
    let text = match format {
        Format::Html => html::render(&report),
        Format::Md => markdown::render(&report),
    };
    match &args.output {
        Some(path) => {
            if let Err(e) = jidi::files::write_atomic(path, |out| out.write_all(text.as_bytes())) {
                let why = jidi::diag::catalogue::io_why(&e);
                output::err!("{}", cli::cannot_write(path.display(), why).render(lang));
                return Exit::InputErrors;
            }
            let wrote = if batch.unread.is_empty() {
                cli::wrote_parks(path.display(), batch.parks.len())
            } else {
                cli::wrote_parks_rejected(path.display(), batch.parks.len(), batch.unread.len())
            };
            output::err!("{}", wrote.render(lang));
        }
        None => output::out!("{text}"),
    }
    if had_errors {
        Exit::InputErrors
    } else {
        Exit::Ok
    }
}
