//! `jidi lsp`: the language server over stdin and stdout (the protocol is all it writes there).

use super::{exit, output};

pub fn run() -> u8 {
    let stdin = std::io::BufReader::new(std::io::stdin());
    let (connection, transport) = jidi::lsp::transport::connect(stdin, output::stdout());
    let served = jidi::lsp::serve(&connection, jidi::i18n::lang());
    drop(connection);
    let written = transport.join();
    if output::stdout_failed() {
        // Reported once, by `output::finish`.
        return exit::OK;
    }
    match (served, written) {
        (Ok(()), Ok(())) => exit::OK,
        (Err(e), _) => {
            output::err!("jidi lsp: {e}");
            exit::INPUT_ERRORS
        }
        (_, Err(e)) => {
            output::err!("jidi lsp: {e}");
            exit::INPUT_ERRORS
        }
    }
}
