//! `jidi gen POLICY -o FILE`: a deterministic synthetic corpus of NDJSON records for a policy.

use super::{output, Exit};
use clap::Args;
use jidi::corpus;
use jidi::diag::catalogue::cli;
use std::io::Write;
use std::path::PathBuf;

#[derive(Args)]
pub struct GenArgs {
    /// The policy file (`.jidi`) whose inputs the records fill.
    pub policy: PathBuf,
    /// The seed: the same seed, count and options give the same bytes.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// How many records to write.
    #[arg(long, default_value_t = 1000)]
    pub count: u64,
    /// Share of malformed records, 0 to 1.
    #[arg(long, default_value_t = 0.01)]
    pub malformed_share: f64,
    /// Share of fields left out (unknown), 0 to 1.
    #[arg(long, default_value_t = 0.01)]
    pub missing_share: f64,
    /// Exactly this many elements in every list of records (events) instead of 0 to 5.
    #[arg(long)]
    pub list_len: Option<usize>,
    /// Where to write the NDJSON (default: standard output).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

pub fn run(args: &GenArgs, lang: jidi::i18n::Lang) -> Exit {
    let share_ok = |p: f64| (0.0..=1.0).contains(&p);
    if !share_ok(args.malformed_share) || !share_ok(args.missing_share) {
        output::err!("{}", cli::shares_out_of_range().render(lang));
        return Exit::Usage;
    }
    let (policy, _) = match super::check::load_selection(&args.policy, lang) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let options = corpus::Options {
        seed: args.seed,
        count: args.count,
        malformed_share: args.malformed_share,
        list_len: args.list_len,
        missing_share: args.missing_share,
    };
    let result = match &args.output {
        Some(path) => jidi::files::write_atomic(path, |w| corpus::write(&policy, &options, w)),
        None => {
            let mut w = std::io::BufWriter::with_capacity(1 << 16, output::stdout());
            corpus::write(&policy, &options, &mut w).and_then(|()| w.flush())
        }
    };
    match result {
        Ok(()) => Exit::Ok,
        // Standard output's own failure is reported once, by `output::finish`.
        Err(_) if args.output.is_none() && output::stdout_failed() => Exit::Ok,
        Err(e) => {
            let why = jidi::diag::catalogue::io_why(&e);
            output::err!("{}", cli::cannot_write_corpus(why).render(lang));
            Exit::InputErrors
        }
    }
}
