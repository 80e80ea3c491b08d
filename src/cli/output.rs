//! Writing diagnostics and reports to the terminal: miette rendering, colour only on a terminal.

use jidi::Diagnostic;
use std::io::IsTerminal;

/// Whether to use colour on stdout: a terminal, and NO_COLOR unset.
pub fn colour_stdout() -> bool {
    std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
}

/// Whether to use colour on stderr: a terminal, and NO_COLOR unset.
pub fn colour_stderr() -> bool {
    std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal()
}

/// Renders diagnostics to stderr, each with its code, span and help.
pub fn report(diagnostics: &[Diagnostic]) {
    if diagnostics.is_empty() {
        return;
    }
    let lang = jidi::i18n::lang();
    let shown: Vec<Diagnostic> = diagnostics
        .iter()
        .map(|d| jidi::i18n::localise(d, lang))
        .collect();
    eprint!("{}", jidi::diag::render(&shown, colour_stderr(), 100));
}
