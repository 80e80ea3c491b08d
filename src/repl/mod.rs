//! The REPL front end: a thin loop over [`crate::whatif`] and the report helpers. On a terminal it
//! edits lines with rustyline (history, completion, highlighting, hints, multi-line input);
//! otherwise it reads commands from standard input, one per line, and prints the same output.

mod commands;
mod helper;
mod line;
mod render;
mod script;

pub use commands::{Command, Names, Repl, Reply, COMMANDS};
pub use helper::{highlight_line, keywords, ReplHelper};
pub use line::open_brackets;

use rustyline::error::ReadlineError;
use rustyline::history::{DefaultHistory, History};
use rustyline::{CompletionType, Config, Editor};
use std::cell::RefCell;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// How the REPL was started.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub policy: Option<PathBuf>,
    pub records: Vec<PathBuf>,
    /// Print each command read from a script before its output (`» command`).
    pub echo: bool,
    /// The history file; by default `$JIDI_HISTORY`, else under `$XDG_STATE_HOME` or `~/.local/state`.
    pub history: Option<PathBuf>,
}

const PROMPT: &str = "jidi> ";

/// Where history is kept between sessions.
pub fn history_path(given: Option<&Path>) -> Option<PathBuf> {
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

fn no_colour() -> bool {
    std::env::var_os("NO_COLOR").is_some()
}

/// Prints a reply: output to `out`, diagnostics rendered by miette to stderr. `Err` when `out`
/// cannot be written (the reader went away, the disk is full): the session is over.
fn emit(reply: &Reply, out: &mut dyn Write, colour_err: bool) -> std::io::Result<()> {
    if !reply.errors.is_empty() {
        out.flush()?;
        let lang = crate::i18n::lang();
        let shown: Vec<crate::Diagnostic> = reply
            .errors
            .iter()
            .map(|d| crate::i18n::localise(d, lang))
            .collect();
        let text = crate::diag::render(&shown, colour_err, 100);
        let _ = std::io::stderr().write_all(text.as_bytes());
    }
    out.write_all(reply.out.as_bytes())?;
    out.flush()
}

/// The largest history file read back: far beyond the 1000 lines kept.
const HISTORY_CAP: u64 = 4 << 20;

/// Runs the REPL, writing to `out` (standard output, through the caller's error handling); the
/// exit status is 0, or 1 when a scripted command failed. A write to `out` that fails ends it.
pub fn run(options: &Options, out: &mut dyn Write) -> u8 {
    let terminal = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let colour_out = terminal && !no_colour();
    let colour_err = std::io::stderr().is_terminal() && !no_colour();
    let mut repl = Repl::new(colour_out);
    let mut failed = false;
    if let Some(policy) = &options.policy {
        let reply = repl.load(policy, &options.records);
        failed |= reply.errors.iter().any(crate::Diagnostic::is_error);
        if emit(&reply, out, colour_err).is_err() {
            return 1;
        }
    } else if !options.records.is_empty() {
        let reply = repl.execute("add");
        if emit(&reply, out, colour_err).is_err() {
            return 1;
        }
    }
    if terminal {
        interactive(&mut repl, options, out, colour_out, colour_err);
        0
    } else {
        let stdin = std::io::stdin();
        failed |= script::run(&mut repl, &mut stdin.lock(), out, options.echo, colour_err);
        u8::from(failed)
    }
}

/// Saves history atomically: to a fresh temporary file beside it, then renamed over it. Only a
/// regular file (or none yet) is replaced.
fn save_history(editor: &mut Editor<ReplHelper, DefaultHistory>, path: &Path) {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = std::fs::create_dir_all(dir);
    }
    let _ = crate::files::write_atomic_via(path, |tmp| {
        editor.save_history(tmp).map_err(std::io::Error::other)?;
        // rustyline writes nothing when no entry is new since its last save: keep the file.
        if std::fs::metadata(tmp)?.len() == 0 && editor.history().len() > 0 {
            return Err(std::io::Error::other("no new history entries"));
        }
        Ok(())
    });
}

fn interactive(
    repl: &mut Repl,
    options: &Options,
    out: &mut dyn Write,
    colour_out: bool,
    colour_err: bool,
) {
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
    }));
    let history = history_path(options.history.as_deref());
    if let Some(h) = &history {
        // Only a regular file of sensible size: a history at /dev/zero is one endless line.
        if crate::files::read_regular(h, HISTORY_CAP).is_ok() {
            let _ = editor.load_history(h);
        }
    }
    let loaded = repl.session().map_or_else(
        || "no policy loaded (`load POLICY [RECORDS…]`)".to_string(),
        |s| format!("{}, {} parks", s.base().source.name(), s.parks().len()),
    );
    let greeting =
        format!("jidi repl — {loaded}. `help` lists the commands; Tab completes; Ctrl-D leaves.\n");
    if out.write_all(greeting.as_bytes()).is_err() {
        return;
    }
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
                if emit(&reply, out, colour_err).is_err() {
                    break;
                }
                *names.borrow_mut() = repl.names();
                if reply.quit {
                    break;
                }
            }
            Err(ReadlineError::Interrupted) => continue,
            Err(_) => break,
        }
    }
    if let Some(h) = &history {
        save_history(&mut editor, h);
    }
}
