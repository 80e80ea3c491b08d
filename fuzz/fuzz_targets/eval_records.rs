//! Fuzz target: the shipped Sichuan policy + any bytes as a record file → load, judge, report.
//! The first byte picks the format (JSON, NDJSON, TOML, YAML); the rest is the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const POLICY: &str = include_str!("../../policies/sichuan-2023-draft.jidi");
const FORMATS: [&str; 4] = ["json", "ndjson", "toml", "yaml"];

fn policy() -> Option<&'static jidi::check::Policy> {
    static POLICY_CHECKED: OnceLock<Option<jidi::check::Policy>> = OnceLock::new();
    POLICY_CHECKED
        .get_or_init(|| jidi::check::check(&jidi::Source::new("policy.jidi", POLICY)).policy)
        .as_ref()
}

fuzz_target!(|data: &[u8]| {
    let Some(policy) = policy() else { return };
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let ext = FORMATS[usize::from(selector) % FORMATS.len()];
    jidi_fuzz_common::judge_file(policy, ext, rest);
});

mod jidi_fuzz_common {
    include!("common.rs");
}
