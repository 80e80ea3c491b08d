//! `jidi template POLICY -o 申报表.xlsx`: the blank form for a policy, or one filled with records.

use super::{output, Exit};
use clap::Args;
use jidi::data;
use jidi::diag::catalogue::{cli, template_run};
use jidi::i18n::Lang;
use std::path::PathBuf;

#[derive(Args)]
pub struct TemplateArgs {
    /// The policy file (`.jidi`).
    pub policy: PathBuf,
    /// Where to write the workbook (`.xlsx`).
    #[arg(short, long)]
    pub output: PathBuf,
    /// Record files or directories to fill the form with, one row per park.
    #[arg(long, num_args = 1..)]
    pub fill: Vec<PathBuf>,
}

pub fn run(args: &TemplateArgs, lang: Lang) -> Exit {
    let (policy, _) = match super::check::load_selection(&args.policy, lang) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let (files, had_errors) = super::records::load(&policy, &args.fill, lang);
    let records: Vec<_> = files
        .into_iter()
        .flatten()
        .filter_map(|l| l.record)
        .collect();
    let bytes = match data::sheet::template::workbook(&policy, &records) {
        Ok(b) => b,
        Err(d) => {
            output::report(&[d], lang);
            return Exit::InputErrors;
        }
    };
    if let Err(e) = jidi::files::write_atomic(&args.output, |out| out.write_all(&bytes)) {
        let why = jidi::diag::catalogue::io_why(&e);
        output::err!(
            "{}",
            cli::cannot_write(args.output.display(), why).render(lang)
        );
        return Exit::InputErrors;
    }
    let wrote = if records.is_empty() {
        template_run::wrote(args.output.display(), policy.inputs.len())
    } else {
        template_run::wrote_filled(args.output.display(), policy.inputs.len(), records.len())
    };
    output::err!("{}", wrote.render(lang));
    if had_errors {
        Exit::InputErrors
    } else {
        Exit::Ok
    }
}
