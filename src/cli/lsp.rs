//! `jidi lsp`: the language server over stdin and stdout (the protocol is all it writes there).

use super::{output, Exit};
use jidi::diag::catalogue::{cli, io_why};

pub fn run(lang: jidi::i18n::Lang) -> Exit {
    let stdin = std::io::BufReader::new(std::io::stdin());
    let (connection, transport) = jidi::lsp::transport::connect(stdin, output::stdout());
    let served = jidi::lsp::serve(&connection, lang);
    drop(connection);
    let written = transport.join();
    if output::stdout_failed() {
        // Reported once, by `output::finish`.
        return Exit::Ok;
    }
    match (served, written) {
        (Ok(()), Ok(())) => Exit::Ok,
        (Err(e), _) => {
            output::err!("{}", cli::lsp_failed(e).render(lang));
            Exit::InputErrors
        }
        (_, Err(e)) => {
            output::err!("{}", cli::lsp_cannot_write(io_why(&e)).render(lang));
            Exit::InputErrors
        }
    }
}
