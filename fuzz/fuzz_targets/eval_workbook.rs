//! Fuzz target: the shipped Sichuan policy + any bytes as a workbook → load, judge, report.
//! The first byte picks the extension it is named with (`.xlsx`, `.ods`, `.xls`); the content
//! decides how it is read, as for a file on disk.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const POLICY: &str = include_str!("../../policies/sichuan-2023-draft.jidi");
const FORMATS: [&str; 3] = ["xlsx", "ods", "xls"];

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
    let name = format!("fuzz.{}", FORMATS[usize::from(selector) % FORMATS.len()]);
    let loaded = jidi::data::sheet::load_workbook(policy, &name, rest.to_vec());
    jidi_fuzz_common::judge_loaded(policy, &loaded);
});

mod jidi_fuzz_common {
    include!("common.rs");
}
