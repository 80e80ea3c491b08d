//! The REPL's engine: commands parsed from a line and run against a [`crate::whatif`] session,
//! each giving back a [`Reply`] of text and diagnostics. It reads no terminal and prints nothing;
//! the binary's front end (`jidi repl`) owns the loop, line editing, history and output.

mod assist;
mod commands;
mod line;
mod render;

pub use assist::{candidates, highlight_line, hint, keywords, Candidate};
pub use commands::{Command, Names, Repl, Reply, Verb, COMMANDS};
pub use line::open_brackets;
