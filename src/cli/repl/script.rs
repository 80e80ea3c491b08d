//! The REPL read from a pipe: one command per line, a command whose brackets are open continuing
//! on the next lines. Every line is bounded: a line that is too long, is not UTF-8, or a bracket
//! that never closes is reported at its line and the script goes on with the next command.

use super::emit;
use jidi::diag::catalogue::{repl_line_too_long, repl_not_utf8, repl_unclosed, repl_unreadable};
use jidi::diag::text::Text;
use jidi::repl::{open_brackets, Repl, Reply, COMMANDS};
use jidi::Diagnostic;
use std::io::{self, BufRead, Write};

/// The longest command line read, in bytes; the rest of a longer line is skipped.
pub const MAX_LINE: usize = 64 * 1024;

/// The most lines one command may continue over while its brackets are open.
pub const MAX_CONTINUATION: usize = 100;

/// One line of the script as read.
enum Read {
    Line(Vec<u8>),
    /// The line was longer than [`MAX_LINE`]; it has been skipped to its end.
    TooLong,
    End,
}

/// Reads one line of at most [`MAX_LINE`] bytes, without its line end.
fn read_line(input: &mut dyn BufRead) -> io::Result<Read> {
    let mut line = Vec::new();
    let limit = u64::try_from(MAX_LINE + 1).unwrap_or(u64::MAX);
    let n = io::Read::take(&mut *input, limit).read_until(b'\n', &mut line)?;
    if n == 0 {
        return Ok(Read::End);
    }
    if line.last() == Some(&b'\n') {
        line.pop();
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        return Ok(Read::Line(line));
    }
    if line.len() <= MAX_LINE {
        return Ok(Read::Line(line)); // the last line, without a line end
    }
    // Skip to the end of the overlong line without keeping it.
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            break;
        }
        match buf.iter().position(|&b| b == b'\n') {
            Some(i) => {
                input.consume(i + 1);
                break;
            }
            None => {
                let all = buf.len();
                input.consume(all);
            }
        }
    }
    Ok(Read::TooLong)
}

/// Whether a line starts a new command: a command's name at the start of the line, not indented
/// as a continuation is.
fn starts_command(line: &str) -> bool {
    let first = line.split_whitespace().next().unwrap_or("");
    !line.starts_with(char::is_whitespace) && COMMANDS.iter().any(|c| c.name == first)
}

fn problem(message: Diagnostic, help: Text) -> Reply {
    Reply {
        errors: vec![message.help(help)],
        ..Reply::default()
    }
}

/// The script's state: the command being gathered and whether anything failed.
struct Script<'r> {
    repl: &'r mut Repl,
    out: &'r mut dyn Write,
    failed: bool,
    pending: String,
    /// The line (1-based) the pending command started on, and how many lines it has.
    started: usize,
    lines: usize,
}

impl Script<'_> {
    /// Shows a reply; `Err` when standard output can no longer be written.
    fn show(&mut self, reply: &Reply) -> io::Result<()> {
        self.failed |= !reply.errors.is_empty();
        emit(reply, self.out, self.repl.lang())
    }

    /// Runs the pending command. Returns whether the script is to stop (`quit`, or no output).
    fn run_pending(&mut self) -> io::Result<bool> {
        if self.pending.trim().is_empty() {
            self.pending.clear();
            return Ok(false);
        }
        let command = std::mem::take(&mut self.pending);
        let mut reply = self.repl.execute(&command);
        if open_brackets(&command) > 0 && reply.errors.is_empty() {
            reply.errors.push(
                repl_unclosed::bracket_open(self.started).help(repl_unclosed::close_brackets()),
            );
        }
        self.lines = 0;
        self.show(&reply)?;
        Ok(reply.quit)
    }
}

/// Reads commands from `input` and runs them, printing replies to `out`. Returns whether any
/// command failed or any line was refused.
pub fn run(repl: &mut Repl, input: &mut dyn BufRead, out: &mut dyn Write, echo: bool) -> bool {
    let mut s = Script {
        repl,
        out,
        failed: false,
        pending: String::new(),
        started: 0,
        lines: 0,
    };
    let _ = script(&mut s, input, echo);
    s.failed
}

fn script(s: &mut Script<'_>, input: &mut dyn BufRead, echo: bool) -> io::Result<()> {
    let mut number = 0usize;
    loop {
        let read = match read_line(input) {
            Ok(r) => r,
            Err(e) => {
                let reply = problem(
                    repl_unreadable::script_after(number, jidi::diag::catalogue::io_why(&e)),
                    repl_unreadable::check_pipe(),
                );
                s.show(&reply)?;
                break;
            }
        };
        number += 1;
        let line = match read {
            Read::End => break,
            Read::TooLong => {
                let reply = problem(
                    repl_line_too_long::too_long(number, MAX_LINE / 1024),
                    repl_line_too_long::skipped(),
                );
                s.show(&reply)?;
                continue;
            }
            Read::Line(bytes) => match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(e) => {
                    let at = e.utf8_error().valid_up_to();
                    let reply = problem(
                        repl_not_utf8::not_utf8(number, at + 1),
                        repl_not_utf8::save_utf8(),
                    );
                    s.show(&reply)?;
                    continue;
                }
            },
        };
        // A bracket left open ends where a new command, a blank line or the limit begins.
        if !s.pending.is_empty()
            && (starts_command(&line) || line.trim().is_empty() || s.lines >= MAX_CONTINUATION)
            && s.run_pending()?
        {
            return Ok(());
        }
        if echo {
            let mark = if s.pending.is_empty() { "»" } else { "…" };
            writeln!(s.out, "{mark} {line}")?;
        }
        if s.pending.is_empty() {
            s.started = number;
        } else {
            s.pending.push('\n');
        }
        s.pending.push_str(&line);
        s.lines += 1;
        if open_brackets(&s.pending) > 0 {
            continue;
        }
        if s.run_pending()? {
            return Ok(());
        }
    }
    s.run_pending()?;
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_skipped_to_their_end() {
        let mut text = vec![b'x'; MAX_LINE + 10];
        text.extend_from_slice(b"\nnext\n");
        let mut input = io::Cursor::new(text);
        assert!(matches!(read_line(&mut input).unwrap(), Read::TooLong));
        assert!(matches!(read_line(&mut input).unwrap(), Read::Line(l) if l == b"next"));
        assert!(matches!(read_line(&mut input).unwrap(), Read::End));
    }

    #[test]
    fn a_command_name_at_the_start_of_a_line_starts_a_command() {
        assert!(starts_command("help"));
        assert!(!starts_command("  help"));
        assert!(!starts_command("e.级别 in { 重大 })"));
    }
}
