//! `jidi lsp`: the language server over stdin and stdout (the protocol is all it writes there).

use super::{exit, output};

pub fn run() -> u8 {
    let (connection, io_threads) = lsp_server::Connection::stdio();
    let served = jidi::lsp::serve(&connection, jidi::i18n::lang());
    drop(connection);
    let joined = io_threads.join();
    match (served, joined) {
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
