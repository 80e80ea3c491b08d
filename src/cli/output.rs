//! Writing to the terminal: miette rendering, colour only on a terminal, and the one way every
//! command writes to standard output and standard error.
//!
//! A write to standard output that fails is never a panic: the first failure is remembered,
//! later writes are dropped, and [`finish`] turns it into the exit status — a closed pipe
//! (`| head -1`) ends the program quietly, any other error (`> /dev/full`) is one line on stderr
//! and exit 1. Commands print with [`out!`] and [`err!`], or write to [`stdout`], and can ask
//! [`stdout_failed`] to stop early.

use super::Exit;
use jidi::diag::catalogue::{cli, table_words};
use jidi::i18n::Lang;
use jidi::Diagnostic;
use std::io::{self, IsTerminal, Write};
use std::sync::OnceLock;

/// The first error writing to standard output: its kind and its text.
static STDOUT_FAILURE: OnceLock<(io::ErrorKind, String)> = OnceLock::new();

/// Standard output that records its first write error instead of panicking; after a failure,
/// every write fails at once without writing.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stdout;

/// Standard output for a command. Wrap it in a `BufWriter` for bulk output.
pub fn stdout() -> Stdout {
    Stdout
}

/// Whether a write to standard output has failed (the reader went away, the disk is full): there
/// is no point producing more output.
pub fn stdout_failed() -> bool {
    STDOUT_FAILURE.get().is_some()
}

fn failed_already() -> io::Error {
    io::Error::new(io::ErrorKind::BrokenPipe, "standard output failed earlier")
}

impl Stdout {
    fn record<T>(result: io::Result<T>) -> io::Result<T> {
        if let Err(e) = &result {
            if e.kind() != io::ErrorKind::Interrupted {
                let _ = STDOUT_FAILURE.set((e.kind(), e.to_string()));
            }
        }
        result
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if stdout_failed() {
            return Err(failed_already());
        }
        Stdout::record(io::stdout().write(buf))
    }

    fn flush(&mut self) -> io::Result<()> {
        if stdout_failed() {
            return Err(failed_already());
        }
        Stdout::record(io::stdout().flush())
    }
}

/// Like `print!`, through [`stdout`]: a failed write is recorded, never a panic.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!($crate::cli::output::stdout(), $($arg)*);
    }};
}

/// Like `println!`, through [`stdout`].
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!($crate::cli::output::stdout(), $($arg)*);
    }};
}

/// Like `eprintln!`, but a standard error that cannot be written is not a panic.
macro_rules! err {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

pub(crate) use {err, out, outln};

/// Writes text to standard error; a failure there is ignored (there is nowhere left to say it).
pub fn to_stderr(text: &str) {
    let _ = io::stderr().write_all(text.as_bytes());
}

/// The exit status of a command that returned `code`, once standard output is flushed: a closed
/// pipe gives [`Exit::BrokenPipe`] quietly; another write error is reported in one line and gives 1.
pub fn finish(code: Exit, lang: Lang) -> Exit {
    let _ = stdout().flush();
    match STDOUT_FAILURE.get() {
        None => code,
        Some((io::ErrorKind::BrokenPipe, _)) => Exit::BrokenPipe,
        Some((_, text)) => {
            err!(
                "{}: {}",
                table_words::error(lang),
                cli::cannot_write_stdout(text).render(lang)
            );
            Exit::InputErrors
        }
    }
}

/// Whether to use colour on stdout: a terminal, and NO_COLOR unset.
pub fn colour_stdout() -> bool {
    std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
}

/// Whether to use colour on stderr: a terminal, and NO_COLOR unset.
pub fn colour_stderr() -> bool {
    std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal()
}

/// Renders diagnostics to stderr in `lang`, each with its code, span and help.
pub fn report(diagnostics: &[Diagnostic], lang: Lang) {
    if diagnostics.is_empty() {
        return;
    }
    let (drawn, left_out) = jidi::diag::summarised(diagnostics);
    to_stderr(&jidi::diag::render(drawn, lang, colour_stderr(), 100));
    for (code, n) in left_out {
        let line = cli::more_not_shown(n, code, jidi::diag::REPEATS_SHOWN);
        err!("{}\n", line.render(lang));
    }
}
