//! Fuzz target: REPL lines → commands, in a session over a small policy and two parks. A failing
//! command must never panic, hang or end the session. Commands that touch files (`save`, `load`,
//! `add`) are skipped, so the fuzzer cannot write anywhere.
#![no_main]

use libfuzzer_sys::fuzz_target;

const POLICY: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/data/robustness/small.jidi"
);
const RECORDS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/data/robustness/parks"
);

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut repl = jidi::repl::Repl::new(false, jidi::i18n::Lang::En);
    let loaded = repl.load(
        std::path::Path::new(POLICY),
        &[std::path::PathBuf::from(RECORDS)],
    );
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    for line in text.split('\n').take(8) {
        let _ = jidi::repl::highlight_line(line);
        let _ = jidi::repl::open_brackets(line);
        let first = line.split_whitespace().next().unwrap_or("");
        if matches!(first, "save" | "load" | "add") {
            continue;
        }
        let reply = repl.execute(line);
        let _ = jidi::diag::render(&reply.errors, jidi::i18n::Lang::En, false, 100);
        if reply.quit {
            break;
        }
    }
    let _ = repl.names();
});
