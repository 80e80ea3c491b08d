//! Fuzz target: any bytes as a policy file → parse, check, and render every diagnostic.
//! Nothing may panic, overflow the stack or hang, whatever the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Files are read the way `Source::read` reads them: invalid UTF-8 is replaced.
    let text = String::from_utf8_lossy(data).into_owned();
    let source = jidi::Source::new("fuzz.jidi", text);
    let checked = jidi::check::check(&source);
    let _ = jidi::diag::render(&checked.diagnostics, jidi::i18n::Lang::En, false, 100);
    for d in &checked.diagnostics {
        let _ = d.location();
        let _ = d.to_string();
    }
    // A checked policy's own expressions also go through the REPL's expression parser.
    let _ = jidi::syntax::parse_expr(&source);
});
