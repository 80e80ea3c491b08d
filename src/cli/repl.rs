//! `jidi repl [POLICY] [RECORDS...]`: the what-if workbench, over the same library as the CLI.

use clap::Args;
use std::path::PathBuf;

#[derive(Args)]
pub struct ReplArgs {
    /// The policy file (`.jidi`); `load` loads one later.
    pub policy: Option<PathBuf>,
    /// Record files or directories (JSON, NDJSON, TOML, YAML).
    pub records: Vec<PathBuf>,
    /// When commands come from a pipe, print each before its output (`» command`).
    #[arg(long)]
    pub echo: bool,
    /// The history file (default: $JIDI_HISTORY, else ~/.local/state/jidi/history).
    #[arg(long)]
    pub history: Option<PathBuf>,
}

pub fn run(args: &ReplArgs) -> u8 {
    let mut out = super::output::stdout();
    let options = jidi::repl::Options {
        policy: args.policy.clone(),
        records: args.records.clone(),
        echo: args.echo,
        history: args.history.clone(),
    };
    jidi::repl::run(&options, &mut out)
}
