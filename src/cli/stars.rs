//! `jidi stars POLICY RECORDS...`: annual star ratings computed by the policy's star scheme.

use super::{output, Exit};
use clap::ValueEnum;
use jidi::data;
use std::fmt::Write;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

pub fn run(policy: &Path, records: &[PathBuf], format: Format) -> Exit {
    let Ok((policy, _)) = super::check::load_selection(policy) else {
        return Exit::InputErrors;
    };
    if policy.stars.is_empty() {
        output::err!(
            "error: {} states no star scheme (`stars NAME {{ … }}`)",
            policy.source.name()
        );
        return Exit::InputErrors;
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
            let ratings = policy.ratings(&j);
            let Some(first) = ratings.first() else {
                continue;
            };
            let name = j.name.clone().unwrap_or_default();
            match format {
                Format::Json => json.push(serde_json::json!({
                    "name": name,
                    "stars": first.stars,
                    "score": first.score.normalize(),
                    "article": first.article,
                    "groups": first.groups,
                    "schemes": ratings,
                })),
                Format::Table => {
                    for rating in &ratings {
                        table(&mut out, &name, rating);
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
        Exit::InputErrors
    } else {
        Exit::Ok
    }
}

/// One rating for people: stars (or undetermined, with the score's range), then its parts.
fn table(out: &mut String, name: &str, rating: &jidi::timeline::stars::Rating) {
    let label = jidi::i18n::label;
    let stars = match rating.stars {
        Some(s) => "★".repeat(s.trunc().to_string().parse::<usize>().unwrap_or(0).min(10)),
        None => label("undetermined").to_string(),
    };
    let score = match rating.score_high {
        Some(high) => format!("{}–{}", rating.score.normalize(), high.normalize()),
        None => rating.score.normalize().to_string(),
    };
    let scheme = if rating.scheme.is_empty() {
        String::new()
    } else {
        format!("  [{}]", rating.scheme)
    };
    let _ = writeln!(out, "{stars}  {name}{scheme}  {} {score}", label("score"));
    for g in &rating.groups {
        let _ = writeln!(
            out,
            "    {}: {}/{} {} → {} / {}",
            g.group,
            g.passed,
            g.applicable,
            label("pass"),
            g.points.normalize(),
            g.weight.normalize()
        );
    }
    for i in &rating.indicators {
        let points = i.points.map_or_else(
            || label("unknown").to_string(),
            |p| p.normalize().to_string(),
        );
        let _ = writeln!(
            out,
            "    {}: {} → {points} / {}",
            i.indicator,
            label(i.status.as_str()),
            i.weight.normalize()
        );
    }
}
