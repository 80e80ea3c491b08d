//! Command-line front end: parses arguments with clap and dispatches to one file per subcommand.

mod check;
mod doc;
mod eval;
mod exit;
mod fmt;
mod gen;
mod help;
mod lsp;
mod output;
mod policytest;
mod records;
mod repl;
mod report;
mod serve;
mod stars;
mod template;
mod timeline;
mod verify;
mod versions;

use clap::{FromArgMatches, Parser, Subcommand};
use exit::Exit;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "jidi",
    version,
    about = "基地 — check and apply policies for provincial industrial-park titles"
)]
struct Cli {
    /// Language of help lines and table labels: zh or en (default: from LC_ALL, LC_MESSAGES or
    /// LANG; zh* is Chinese). JSON output is the same in both.
    #[arg(long, global = true, value_enum)]
    lang: Option<Lang>,
    #[command(subcommand)]
    command: Command,
}

/// `--lang zh|en`.
#[derive(Clone, Copy, clap::ValueEnum)]
enum Lang {
    Zh,
    En,
}

#[derive(Subcommand)]
enum Command {
    /// Check a policy file and list every error, warning and assumption.
    Check {
        /// The policy file (`.jidi`).
        policy: PathBuf,
        /// Also ask the solver, over every record the inputs allow: rules that can never pass or
        /// fail, vetoes that can never trigger, `when` cases never taken, overlapping or leaving a
        /// gap, lifecycle transitions that can never fire (needs the z3 solver).
        #[arg(long)]
        analyze: bool,
        /// On errors, draw every assumption the policy states too (by default they are counted).
        #[arg(long)]
        verbose: bool,
        #[command(flatten)]
        solver: verify::SolverArgs,
    },
    /// Evaluate park records against a policy.
    ///
    /// NDJSON records stream: each is written as soon as it is judged. A policy with round rules
    /// (`quota`, across the records of a round) is different: the batch is one round, judged after
    /// every record is read, so records are written only once the round is judged, each with its
    /// `round` entry, and the verdict is the verdict after the round.
    Eval(eval::EvalArgs),
    /// What a revision changes in the rules: indicators, thresholds, kinds, scopes, conditions,
    /// vetoes and metadata, each with its article. Layout, comments and order are not differences.
    Diff {
        old: PathBuf,
        new: PathBuf,
        #[arg(long, value_enum, default_value = "table")]
        format: versions::Format,
        /// Decide, over every record the inputs allow, whether each tier's eligible parks are the
        /// same, fewer, more or both, with witness records (needs the z3 solver).
        #[arg(long)]
        witness: bool,
        #[command(flatten)]
        solver: verify::SolverArgs,
    },
    /// What a revision changes in the outcomes: records judged differently, and why.
    Compare {
        old: PathBuf,
        new: PathBuf,
        /// Record files or directories.
        #[arg(required = true)]
        records: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "table")]
        format: versions::Format,
        /// Exit with status 3 when any record is judged differently (for CI).
        #[arg(long)]
        fail_on_change: bool,
    },
    /// Run policy test files (`*.test.yaml`): expected verdicts, rule statuses and figures.
    Test {
        /// Test files, or directories searched for `*.test.yaml` (default: policies/).
        paths: Vec<PathBuf>,
        /// Also list, for each rule, tier and `when` case, the outcomes (pass, fail, unknown) no
        /// case asserts; outcomes the z3 solver proves impossible are listed apart.
        #[arg(long)]
        coverage: bool,
        /// With `--coverage`: `json` prints the coverage as JSON on stdout (test results go to
        /// stderr).
        #[arg(long, value_enum, default_value = "table")]
        format: versions::Format,
        #[command(flatten)]
        solver: verify::SolverArgs,
    },
    /// The status of titled bases on a date: active, revoked, lapsed or excluded, with the
    /// articles that decide it and what comes next.
    Timeline {
        policy: PathBuf,
        /// Base-history records (files or directories).
        #[arg(required = true)]
        histories: Vec<PathBuf>,
        /// The date to judge on (YYYY-MM-DD).
        #[arg(long)]
        as_of: chrono::NaiveDate,
        #[arg(long, value_enum, default_value = "table")]
        format: timeline::Format,
    },
    /// Annual star ratings from annual records, by the policy's star scheme (an assumption where
    /// the measure does not say how stars are computed).
    Stars {
        policy: PathBuf,
        #[arg(required = true)]
        records: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "table")]
        format: stars::Format,
    },
    /// The last day of a public notice counted in working days (holidays and make-up days included).
    Notice {
        policy: PathBuf,
        /// The day the notice is published (YYYY-MM-DD).
        #[arg(long)]
        start: chrono::NaiveDate,
        /// Which notice period, when the policy has several.
        #[arg(long)]
        name: Option<String>,
    },
    /// Rewrite policy files in the canonical layout (comments kept).
    Fmt {
        /// Only check: exit 1 and name the files that are not formatted.
        #[arg(long)]
        check: bool,
        /// Also write every keyword in English (`indicator`) or Chinese (`指标`); names, strings
        /// and comments are untouched.
        #[arg(long, value_enum)]
        keywords: Option<fmt::Keywords>,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Write a deterministic synthetic corpus of NDJSON records for a policy.
    Gen(gen::GenArgs),
    /// Write a report for an expert panel: a summary, then one section per park (HTML or Markdown).
    Report(report::ReportArgs),
    /// Write the spreadsheet form for a policy's records (optionally filled with records).
    Template(template::TemplateArgs),
    /// What-if workbench: change thresholds, values and figures, see which parks flip, save drafts.
    Repl(repl::ReplArgs),
    /// The language server for editors, over stdin and stdout: diagnostics as you type, hover,
    /// go to definition, completion (names and keywords in both languages) and the outline.
    Lsp,
    /// The web workbench and the HTTP API (`/api/v1/…`) over the given policies.
    Serve(serve::ServeArgs),
    /// The measure view as one HTML page: each article with its quoted text, the rules that
    /// encode it and its assumptions, and the articles no rule encodes.
    Doc(doc::DocArgs),
    /// Explain every rule for each record: why it is or is not eligible.
    Explain {
        policy: PathBuf,
        /// Record files or directories.
        #[arg(required = true)]
        records: Vec<PathBuf>,
    },
}

pub fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // Help and usage errors speak the language asked for, read before clap parses.
    let lang = help::language(&args);
    let parsed = help::command(lang)
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(c) => c,
        Err(e) => {
            let code = help::exit_of(&e);
            // `--help > /dev/full` is a write error like any other; a closed pipe is quiet.
            return match help::print(&e, lang) {
                Ok(()) => ExitCode::from(code),
                Err(x) if x.kind() == std::io::ErrorKind::BrokenPipe => {
                    ExitCode::from(Exit::BrokenPipe)
                }
                Err(x) => {
                    let error = jidi::diag::catalogue::table_words::error(lang);
                    let why = jidi::diag::catalogue::io_why(&x).render(lang);
                    output::err!("{error}: {why}");
                    ExitCode::from(Exit::InputErrors)
                }
            };
        }
    };
    // The language of messages, resolved once and passed to each command.
    let lang = match cli.lang {
        Some(Lang::Zh) => jidi::i18n::Lang::Zh,
        Some(Lang::En) => jidi::i18n::Lang::En,
        None => lang,
    };
    let code = match cli.command {
        Command::Check {
            policy,
            analyze,
            verbose,
            solver,
        } => check::run(&policy, analyze.then(|| solver.options()), verbose, lang),
        Command::Lsp => lsp::run(lang),
        Command::Fmt {
            check,
            keywords,
            files,
        } => fmt::run(&files, check, keywords, lang),
        Command::Test {
            paths,
            coverage,
            format,
            solver,
        } => policytest::run(&paths, coverage.then(|| (format, solver.options())), lang),
        Command::Timeline {
            policy,
            histories,
            as_of,
            format,
        } => timeline::timeline(&policy, &histories, as_of, format, lang),
        Command::Stars {
            policy,
            records,
            format,
        } => stars::run(&policy, &records, format, lang),
        Command::Notice {
            policy,
            start,
            name,
        } => timeline::notice(&policy, start, name.as_deref(), lang),
        Command::Diff {
            old,
            new,
            format,
            witness: false,
            ..
        } => versions::diff(&old, &new, format, lang),
        Command::Diff {
            old,
            new,
            format,
            witness: true,
            solver,
        } => verify::diff(&old, &new, format, &solver, lang),
        Command::Compare {
            old,
            new,
            records,
            format,
            fail_on_change,
        } => versions::compare(&versions::CompareArgs {
            old: &old,
            new: &new,
            records: &records,
            format,
            fail_on_change,
            lang,
        }),
        Command::Eval(args) => eval::run(&args, lang),
        Command::Repl(args) => repl::run(&args, lang),
        Command::Gen(args) => gen::run(&args, lang),
        Command::Report(args) => report::run(&args, lang),
        Command::Template(args) => template::run(&args, lang),
        Command::Serve(args) => serve::run(&args, lang),
        Command::Doc(args) => doc::run(&args, lang),
        Command::Explain { policy, records } => eval::run(
            &eval::EvalArgs {
                policy,
                records,
                format: eval::Format::Table,
                explain: true,
                jobs: 1,
                history: Vec::new(),
                as_of: None,
            },
            lang,
        ),
    };
    ExitCode::from(output::finish(code, lang))
}
