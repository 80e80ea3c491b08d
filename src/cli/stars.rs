//! `jidi stars POLICY RECORDS...`: annual star ratings computed by the policy's star scheme.

use super::{check::load, exit, output};
use clap::ValueEnum;
use jidi::data;
use std::fmt::Write;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

pub fn run(policy: &Path, records: &[PathBuf], format: Format) -> u8 {
    let Ok((policy, _)) = load(policy) else {
        return exit::INPUT_ERRORS;
    };
    if policy.stars.is_none() {
        output::err!(
            "error: {} states no star scheme (`stars NAME {{ … }}`)",
            policy.source.name()
        );
        return exit::INPUT_ERRORS;
    }
    let mut had_errors = false;
    let mut json = Vec::new();
    let mut out = String::new();
    for file in data::expand(records) {
        for item in data::load_file(&policy, &file) {
            had_errors |= item.diagnostics.iter().any(jidi::Diagnostic::is_error);
            output::report(&item.diagnostics);
            let Some(record) = &item.record else { continue };
            let j = policy.judge(record);
            let Some(rating) = policy.stars(&j) else {
                continue;
            };
            let name = j.name.clone().unwrap_or_default();
            match format {
                Format::Json => json.push(serde_json::json!({
                    "name": name,
                    "stars": rating.stars,
                    "score": rating.score.normalize(),
                    "article": rating.article,
                    "groups": rating.groups,
                })),
                Format::Table => {
                    let stars = rating
                        .stars
                        .trunc()
                        .to_string()
                        .parse::<usize>()
                        .unwrap_or(0);
                    let _ = writeln!(
                        out,
                        "{}  {name}  score {}",
                        "★".repeat(stars.min(10)),
                        rating.score.normalize()
                    );
                    for g in &rating.groups {
                        let _ = writeln!(
                            out,
                            "    {}: {}/{} pass → {} of {}",
                            g.group,
                            g.passed,
                            g.applicable,
                            g.points.normalize(),
                            g.weight.normalize()
                        );
                    }
                }
            }
        }
    }
    match format {
        Format::Json => output::outln!(
            "{}",
            serde_json::to_string_pretty(&json).unwrap_or_default()
        ),
        Format::Table => output::out!("{out}"),
    }
    if had_errors {
        exit::INPUT_ERRORS
    } else {
        exit::OK
    }
}
