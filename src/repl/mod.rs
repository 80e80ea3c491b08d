//! The REPL front end: a thin loop over [`crate::whatif`] and the report helpers. On a terminal it
//! edits lines with rustyline (history, completion, highlighting, hints, multi-line input);
//! otherwise it reads commands from standard input, one per line, and prints the same output.

mod commands;
mod helper;
mod line;
mod render;

pub use commands::{Command, Names, Repl, Reply, COMMANDS};
pub use helper::{highlight_line, keywords, ReplHelper};
pub use line::open_brackets;

use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;
use rustyline::{CompletionType, Config, Editor};
use std::cell::RefCell;
use std::io::{BufRead, IsTerminal, Write};
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

/// Prints a reply: output to stdout, diagnostics rendered by miette to stderr.
fn emit(reply: &Reply, colour_err: bool) {
    let mut stdout = std::io::stdout();
    let _ = stdout.write_all(reply.out.as_bytes());
    let _ = stdout.flush();
    if !reply.errors.is_empty() {
        let text = crate::diag::render(&reply.errors, colour_err, 100);
        let _ = std::io::stderr().write_all(text.as_bytes());
    }
}

/// Runs the REPL; the exit status is 0, or 1 when a scripted command failed.
pub fn run(options: &Options) -> u8 {
    let terminal = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let colour_out = terminal && !no_colour();
    let colour_err = std::io::stderr().is_terminal() && !no_colour();
    let mut repl = Repl::new(colour_out);
    let mut failed = false;
    if let Some(policy) = &options.policy {
        let reply = repl.load(policy, &options.records);
        failed |= reply.errors.iter().any(crate::Diagnostic::is_error);
        emit(&reply, colour_err);
    } else if !options.records.is_empty() {
        let reply = repl.execute("add");
        emit(&reply, colour_err);
    }
    if terminal {
        interactive(&mut repl, options, colour_out, colour_err);
        0
    } else {
        failed |= script(&mut repl, options.echo, colour_err);
        u8::from(failed)
    }
}

/// Reads commands from standard input; a command whose brackets are open continues on the
/// next line. Returns whether any command failed.
fn script(repl: &mut Repl, echo: bool, colour_err: bool) -> bool {
    let stdin = std::io::stdin();
    let mut failed = false;
    let mut pending = String::new();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        if echo {
            let mark = if pending.is_empty() { "»" } else { "…" };
            println!("{mark} {line}");
        }
        if !pending.is_empty() {
            pending.push('\n');
        }
        pending.push_str(&line);
        if open_brackets(&pending) > 0 {
            continue;
        }
        let reply = repl.execute(&pending);
        pending.clear();
        failed |= !reply.errors.is_empty();
        emit(&reply, colour_err);
        if reply.quit {
            return failed;
        }
    }
    if !pending.trim().is_empty() {
        let reply = repl.execute(&pending);
        failed |= !reply.errors.is_empty();
        emit(&reply, colour_err);
    }
    failed
}

/// Saves history atomically: to a fresh temporary file beside it, then renamed over it. Only a
/// regular file (or none yet) is replaced.
fn save_history(editor: &mut Editor<ReplHelper, DefaultHistory>, path: &Path) {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = std::fs::create_dir_all(dir);
    }
    let _ = crate::files::write_atomic_via(path, |tmp| {
        editor.save_history(tmp).map_err(std::io::Error::other)
    });
}

fn interactive(repl: &mut Repl, options: &Options, colour_out: bool, colour_err: bool) {
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
        let _ = editor.load_history(h);
    }
    let loaded = repl.session().map_or_else(
        || "no policy loaded (`load POLICY [RECORDS…]`)".to_string(),
        |s| format!("{}, {} parks", s.base().source.name(), s.parks().len()),
    );
    println!("jidi repl — {loaded}. `help` lists the commands; Tab completes; Ctrl-D leaves.");
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
                emit(&reply, colour_err);
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
