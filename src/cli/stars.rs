//! `jidi stars POLICY RECORDS...`: annual star ratings computed by the policy's star scheme.

use super::{output, Exit};
use clap::ValueEnum;
use jidi::check::Assumption;
use jidi::diag::catalogue::{status_words, timeline_lines, timeline_words};
use jidi::i18n::Lang;
use std::fmt::Write;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

pub fn run(policy: &Path, records: &[PathBuf], format: Format, lang: Lang) -> Exit {
    let Ok((policy, _)) = super::check::load_selection(policy, lang) else {
        return Exit::InputErrors;
    };
    if policy.stars.is_empty() {
        let shown = timeline_lines::no_stars(policy.source.name());
        output::err!("{}", shown.render(lang));
        return Exit::InputErrors;
    }
    let mut json = Vec::new();
    let mut out = String::new();
    let (files, had_errors) = super::records::load(&policy, records, lang);
    for item in files.iter().flatten() {
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
                "assumed": !scheme_assumptions(&policy, &first.scheme).is_empty(),
                "schemes": ratings,
            })),
            Format::Table => {
                for rating in &ratings {
                    table(&mut out, &name, rating, lang);
                }
            }
        }
    }
    if format == Format::Table {
        out.push_str(&assumed_note(&policy, lang));
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

/// The assumptions stated in the article of the star scheme `name` (the policy's first scheme
/// when `name` is empty): where the measure does not say how stars are computed, the policy
/// assumes it there.
fn scheme_assumptions<'p>(policy: &'p jidi::check::Policy, name: &str) -> Vec<&'p Assumption> {
    let scheme = policy
        .stars
        .iter()
        .find(|s| s.name == name)
        .or_else(|| policy.stars.first().filter(|_| name.is_empty()));
    let Some(article) = scheme.and_then(|s| s.article.as_ref()) else {
        return Vec::new();
    };
    policy
        .assumptions
        .iter()
        .filter(|a| a.article.as_ref() == Some(article))
        .collect()
}

/// For people: which star schemes are assumptions, and what they assume.
fn assumed_note(policy: &jidi::check::Policy, lang: Lang) -> String {
    let mut out = String::new();
    for s in &policy.stars {
        for a in scheme_assumptions(policy, &s.name) {
            let _ = writeln!(
                out,
                "\n{} ({}) — {} {}: “{}”",
                timeline_words::scheme_assumed(lang),
                s.name,
                a.article.as_deref().unwrap_or(""),
                a.name,
                a.text
            );
        }
    }
    out
}

/// One rating for people: stars (or undetermined, with the score's range), then its parts.
fn table(out: &mut String, name: &str, rating: &jidi::timeline::stars::Rating, lang: Lang) {
    let stars = match rating.stars {
        Some(s) => "★".repeat(s.trunc().to_string().parse::<usize>().unwrap_or(0).min(10)),
        None => status_words::undetermined(lang).to_string(),
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
    let _ = writeln!(
        out,
        "{stars}  {name}{scheme}  {} {score}",
        timeline_words::score(lang)
    );
    for g in &rating.groups {
        let _ = writeln!(
            out,
            "    {}: {}/{} {} → {} / {}",
            g.group,
            g.passed,
            g.applicable,
            status_words::pass(lang),
            g.points.normalize(),
            g.weight.normalize()
        );
    }
    for i in &rating.indicators {
        let points = i.points.map_or_else(
            || status_words::unknown(lang).to_string(),
            |p| p.normalize().to_string(),
        );
        let _ = writeln!(
            out,
            "    {}: {} → {points} / {}",
            i.indicator,
            i.status.word(lang),
            i.weight.normalize()
        );
    }
}
