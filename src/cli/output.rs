//! Writing diagnostics and reports to the terminal: miette rendering, colour only on a terminal.

use jidi::Diagnostic;
use std::io::IsTerminal;

/// Whether to use colour on stdout: a terminal, and NO_COLOR unset.
pub fn colour_stdout() -> bool {
    std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
}

fn colour_stderr() -> bool {
    std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal()
}

/// Renders diagnostics to stderr, each with its code, span and help.
pub fn report(diagnostics: &[Diagnostic]) {
    let handler = if colour_stderr() {
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode())
    } else {
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
    };
    for d in diagnostics {
        let mut out = String::new();
        if handler.render_report(&mut out, d).is_err() {
            out = format!("{}: {}\n", d.code, d.message);
        }
        eprintln!("{out}");
    }
}
