//! `jidi template POLICY -o 申报表.xlsx`: the blank form for a policy, or one filled with records.

use super::{output, Exit};
use clap::Args;
use jidi::data;
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

pub fn run(args: &TemplateArgs) -> Exit {
    let (policy, _) = match super::check::load_selection(&args.policy) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let (files, had_errors) = super::records::load(&policy, &args.fill);
    let records: Vec<_> = files
        .into_iter()
        .flatten()
        .filter_map(|l| l.record)
        .collect();
    let bytes = match data::sheet::template::workbook(&policy, &records) {
        Ok(b) => b,
        Err(d) => {
            output::report(&[d]);
            return Exit::InputErrors;
        }
    };
    if let Err(e) = jidi::files::write_atomic(&args.output, |out| out.write_all(&bytes)) {
        output::err!("error: cannot write {}: {e}", args.output.display());
        return Exit::InputErrors;
    }
    output::err!(
        "wrote {} ({} inputs{})",
        args.output.display(),
        policy.inputs.len(),
        if records.is_empty() {
            String::new()
        } else {
            format!(", {} parks", records.len())
        }
    );
    if had_errors {
        Exit::InputErrors
    } else {
        Exit::Ok
    }
}
