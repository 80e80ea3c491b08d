//! `jidi eval POLICY RECORD...`: judge records; table for people, JSON or NDJSON for programs.

use super::{exit, output};
use clap::{Args, ValueEnum};
use jidi::{data, report};
use std::path::PathBuf;

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Ndjson,
}

#[derive(Args)]
pub struct EvalArgs {
    /// The policy file (`.jidi`).
    pub policy: PathBuf,
    /// Record files or directories (JSON, NDJSON, TOML, YAML).
    #[arg(required = true)]
    pub records: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// Show every rule of every record with its article, figure, threshold and margin.
    #[arg(long)]
    pub explain: bool,
}

pub fn run(args: &EvalArgs) -> u8 {
    let (policy, _) = match super::check::load(&args.policy) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let files = data::expand(&args.records);
    let colour = output::colour_stdout();
    let mut had_errors = false;
    let mut json_items = Vec::new();
    let mut summary = report::Summary::default();
    for file in &files {
        let loaded = data::load_file(&policy, file);
        let several = loaded.len() > 1;
        for item in loaded {
            if item.diagnostics.iter().any(jidi::Diagnostic::is_error) {
                had_errors = true;
            }
            output::report(&item.diagnostics);
            let Some(record) = &item.record else { continue };
            let judgement = policy.judge(record);
            summary.add(&policy, &judgement);
            match args.format {
                Format::Json => json_items.push(report::json::judgement(&policy, &judgement)),
                Format::Ndjson => println!("{}", report::json::judgement(&policy, &judgement)),
                Format::Table => print!(
                    "{}",
                    report::table::judgement(
                        &policy,
                        &judgement,
                        &item.place(several),
                        args.explain,
                        colour
                    )
                ),
            }
        }
    }
    match args.format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::Value::Array(json_items)).unwrap_or_default()
        ),
        Format::Table => print!("{}", report::table::summary(&policy, &summary, colour)),
        Format::Ndjson => {}
    }
    if had_errors {
        exit::INPUT_ERRORS
    } else {
        exit::OK
    }
}
