//! Fuzz target: a fuzzed policy and a fuzzed JSON record, separated by the first NUL byte →
//! check the policy, then load, judge and report the record against it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let (policy_bytes, rest) = data.split_at(split);
    let record = rest.get(1..).unwrap_or(&[]);
    let text = String::from_utf8_lossy(policy_bytes).into_owned();
    let checked = jidi::check::check(&jidi::Source::new("fuzz.jidi", text));
    let _ = jidi::diag::render(&checked.diagnostics, jidi::i18n::Lang::En, false, 100);
    let Some(policy) = &checked.policy else {
        return;
    };
    jidi_fuzz_common::judge_file(policy, "json", record);
});

mod jidi_fuzz_common {
    include!("common.rs");
}
