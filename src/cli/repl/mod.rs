//! `jidi repl [POLICY] [RECORDS...]`: the what-if workbench's front end. The library's
//! [`jidi::repl::Repl`] runs each command and gives back text and diagnostics; this loop reads the
//! commands — with rustyline on a terminal (history, completion, highlighting, hints, multi-line
//! input), else from standard input one per line — and prints the replies.

mod editor;
mod script;

use super::output;
use crate::cli::Exit;
use clap::Args;
use editor::ReplHelper;
use jidi::diag::catalogue::repl_words;
use jidi::repl::{Repl, Reply};
use rustyline::error::ReadlineError;
use rustyline::history::{DefaultHistory, History};
use rustyline::{CompletionType, Config, Editor};
use std::cell::RefCell;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;

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

const PROMPT: &str = "jidi> ";

/// The largest history file read back: far beyond the 1000 lines kept.
const HISTORY_CAP: u64 = 4 << 20;

/// Where history is kept between sessions.
fn history_path(given: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = given {
        return Some(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os("JIDI_HISTORY") {
        return Some(PathBuf::from(p));
    }
    let state = std::env::var_os("XDG_STATE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/state")))?;
    Some(state.join("jidi").join("history"))
}

/// Prints a reply: output to `out`, diagnostics to stderr in `lang` as every command writes them
/// (repeats summarised in one line). `Err` when `out` cannot be written (the reader went away, the disk
/// is full): the session is over.
fn emit(reply: &Reply, out: &mut dyn Write, lang: jidi::i18n::Lang) -> std::io::Result<()> {
    if !reply.errors.is_empty() {
        out.flush()?;
        output::report(&reply.errors, lang);
    }
    out.write_all(reply.out.as_bytes())?;
    out.flush()
}

/// Runs the REPL on standard output; the exit status is 0, or 1 when a scripted command failed.
/// A write to standard output that fails ends it.
pub fn run(args: &ReplArgs, lang: jidi::i18n::Lang) -> Exit {
    let out = &mut output::stdout();
    let terminal = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let colour_out = terminal && output::colour_stdout();
    let mut repl = Repl::new(colour_out, lang);
    let mut failed = false;
    if let Some(policy) = &args.policy {
        let reply = repl.load(policy, &args.records);
        failed |= reply.errors.iter().any(jidi::Diagnostic::is_error);
        if emit(&reply, out, lang).is_err() {
            return Exit::InputErrors;
        }
    } else if !args.records.is_empty() {
        let reply = repl.execute("add");
        if emit(&reply, out, lang).is_err() {
            return Exit::InputErrors;
        }
    }
    if terminal {
        interactive(&mut repl, args, out, colour_out);
        Exit::Ok
    } else {
        let stdin = std::io::stdin();
        failed |= script::run(&mut repl, &mut stdin.lock(), out, args.echo);
        if repl.unsaved() > 0 {
            output::err!("{}", unsaved_warning(&repl, false));
        }
        if failed {
            Exit::InputErrors
        } else {
            Exit::Ok
        }
    }
}

/// Saves history atomically: to a fresh temporary file beside it, then renamed over it. Only a
/// regular file (or none yet) is replaced.
fn save_history(editor: &mut Editor<ReplHelper, DefaultHistory>, path: &Path) {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = std::fs::create_dir_all(dir);
    }
    let _ = jidi::files::write_atomic_via(path, |tmp| {
        editor.save_history(tmp).map_err(std::io::Error::other)?;
        // rustyline writes nothing when no entry is new since its last save: keep the file.
        if std::fs::metadata(tmp)?.len() == 0 && editor.history().len() > 0 {
            return Err(std::io::Error::other("no new history entries"));
        }
        Ok(())
    });
}

/// The warning given once when leaving with what-ifs no `save` has written; `again` when
/// leaving a second time leaves anyway.
fn unsaved_warning(repl: &Repl, again: bool) -> String {
    let warning = repl_words::unsaved(repl.unsaved());
    let line = if again {
        repl_words::unsaved_again(warning)
    } else {
        warning
    };
    line.render(repl.lang())
}

fn interactive(repl: &mut Repl, args: &ReplArgs, out: &mut dyn Write, colour_out: bool) {
    let config = Config::builder()
        .completion_type(CompletionType::List)
        .auto_add_history(false)
        .max_history_size(1000)
        .and_then(|b| b.history_ignore_dups(true))
        .map(|b| b.build());
    let Ok(config) = config else { return };
    let Ok(mut editor) = Editor::<ReplHelper, DefaultHistory>::with_config(config) else {
        return;
    };
    let names = Rc::new(RefCell::new(repl.names()));
    editor.set_helper(Some(ReplHelper {
        names: Rc::clone(&names),
        colour: colour_out,
        lang: repl.lang(),
    }));
    let history = history_path(args.history.as_deref());
    if let Some(h) = &history {
        // Only a regular file of sensible size: a history at /dev/zero is one endless line.
        if jidi::files::read_regular(h, HISTORY_CAP).is_ok() {
            let _ = editor.load_history(h);
        }
    }
    let loaded = repl.session().map_or_else(repl_words::greeting_empty, |s| {
        repl_words::greeting_loaded(s.base().source.name(), s.parks().len())
    });
    let greeting = format!("{}\n", repl_words::greeting(loaded).render(repl.lang()));
    if out.write_all(greeting.as_bytes()).is_err() {
        return;
    }
    let mut warned = false;
    // Whether to leave now: not yet, the first time unsaved what-ifs would be lost.
    let mut leave = |repl: &Repl| {
        if repl.unsaved() == 0 || warned {
            return true;
        }
        warned = true;
        output::err!("{}", unsaved_warning(repl, true));
        false
    };
    loop {
        match editor.readline(PROMPT) {
            Ok(line) => {
                if !line.trim().is_empty() {
                    let _ = editor.add_history_entry(line.as_str());
                    if let Some(h) = &history {
                        save_history(&mut editor, h);
                    }
                }
                let reply = repl.execute(&line);
                if emit(&reply, out, repl.lang()).is_err() {
                    break;
                }
                *names.borrow_mut() = repl.names();
                if reply.quit && leave(repl) {
                    break;
                }
            }
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) if !leave(repl) => continue,
            Err(_) => break,
        }
    }
    if let Some(h) = &history {
        save_history(&mut editor, h);
    }
}
