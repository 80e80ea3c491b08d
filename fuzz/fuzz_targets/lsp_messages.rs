//! Fuzz target: any bytes as the language server's input stream → frames, messages, a session.
//! No frame may panic, hang or stop the server; it reads until the input ends. Output is
//! discarded.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = std::io::Cursor::new(data.to_vec());
    let (connection, transport) = jidi::lsp::transport::connect(input, std::io::sink());
    let _ = jidi::lsp::serve(&connection, jidi::i18n::Lang::En);
    drop(connection);
    let _ = transport.join_all();
});
