//! `jidi diff OLD NEW` and `jidi compare OLD NEW RECORDS...`: what a revision changes, in the rules
//! and in the outcomes.

use super::Exit;
use super::{check::load, output};
use clap::ValueEnum;
use jidi::compare::batch::Comparison;
use jidi::compare::outcomes::RoundOutcome;
use jidi::compare::policy;
use jidi::data;
use jidi::diag::catalogue::{compare_lines, diff_lines, round_words};
use jidi::i18n::{word_of_name, Lang};
use std::fmt::Write;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

pub fn diff(old: &Path, new: &Path, format: Format, lang: Lang) -> Exit {
    let (Ok((a, _)), Ok((b, _))) = (load(old, lang), load(new, lang)) else {
        return Exit::InputErrors;
    };
    let changes = policy::diff(&a, &b);
    match format {
        Format::Json => output::outln!(
            "{}",
            serde_json::to_string_pretty(&changes).unwrap_or_default()
        ),
        Format::Table => output::out!("{}", diff_table(&changes, lang)),
    }
    Exit::Ok
}

/// The changes under their articles, then their count.
fn diff_table(changes: &[policy::Change], lang: Lang) -> String {
    let mut out = String::new();
    if changes.is_empty() {
        let _ = writeln!(out, "{}", diff_lines::no_differences().render(lang));
    }
    let blank = policy::Shown::Name(String::new());
    let mut article = &blank;
    for c in changes {
        if c.article != *article {
            article = &c.article;
            let _ = writeln!(out, "{}", c.article.render(lang));
        }
        let _ = writeln!(out, "{}", c.line(lang));
    }
    let _ = writeln!(out, "{}", diff_lines::count(changes.len()).render(lang));
    out
}

pub struct CompareArgs<'a> {
    pub old: &'a Path,
    pub new: &'a Path,
    pub records: &'a [PathBuf],
    pub format: Format,
    pub fail_on_change: bool,
    pub lang: Lang,
}

pub fn compare(args: &CompareArgs<'_>) -> Exit {
    let (Ok((a, _)), Ok((b, _))) = (
        super::check::load_selection(args.old, args.lang),
        super::check::load_selection(args.new, args.lang),
    ) else {
        return Exit::InputErrors;
    };
    let (old_name, new_name) = (
        args.old.display().to_string(),
        args.new.display().to_string(),
    );
    let mut comparison = Comparison::default();
    // With round rules the records are one round: every file is read before any is compared.
    let round = !a.rounds.is_empty() || !b.rounds.is_empty();
    let mut held: Vec<(Vec<data::Loaded>, Vec<data::Loaded>)> = Vec::new();
    super::records::each_file(args.records, args.lang, |file| {
        let olds = data::load_file(&a, file);
        let news = data::load_file(&b, file);
        // The diagnostics of records that cannot be read; the others are the comparison's.
        let unread = olds
            .iter()
            .zip(news.iter())
            .flat_map(|(o, n)| [o, n])
            .filter(|l| l.record.is_none())
            .flat_map(|l| l.diagnostics.iter().cloned())
            .collect();
        if round {
            held.push((olds, news));
        } else {
            comparison.add_file((&a, &old_name), (&b, &new_name), &olds, &news, args.lang);
        }
        unread
    });
    if round {
        let files: Vec<(&[data::Loaded], &[data::Loaded])> = held
            .iter()
            .map(|(o, n)| (o.as_slice(), n.as_slice()))
            .collect();
        comparison.add_files((&a, &old_name), (&b, &new_name), &files, args.lang);
    }
    match args.format {
        Format::Json => output::out!("{}", comparison.document()),
        Format::Table => output::out!("{}", table(&comparison, args.lang)),
    }
    let Comparison {
        changes,
        unreadable,
        ..
    } = &comparison;
    if !unreadable.is_empty() {
        Exit::InputErrors
    } else if args.fail_on_change && !changes.is_empty() {
        Exit::Failed
    } else {
        Exit::Ok
    }
}

/// The records judged differently and why, then the totals.
fn table(comparison: &Comparison, lang: Lang) -> String {
    use jidi::diag::catalogue::decision_lines;
    let Comparison {
        changes,
        totals,
        unreadable,
    } = comparison;
    let word = |w: &'static str| word_of_name(w, lang).unwrap_or(w);
    let verdict = |v: Option<&'static str>| match v {
        Some(v) => word(v).to_string(),
        None => compare_lines::rejected().render(lang),
    };
    let mut out = String::new();
    for c in changes {
        let name = c
            .name
            .as_deref()
            .map_or_else(|| compare_lines::unnamed().render(lang), str::to_string);
        let line = compare_lines::record(
            name,
            verdict(c.old_verdict),
            verdict(c.new_verdict),
            &c.place,
        );
        let _ = writeln!(out, "{}", line.render(lang));
        if let Some(r) = &c.round {
            let side = |s: &Option<RoundOutcome>| {
                s.as_ref()
                    .map_or_else(compare_lines::no_round, RoundOutcome::text)
            };
            let line = round_words::compare_change(side(&r.old), side(&r.new));
            let _ = writeln!(out, "    {}", line.render(lang));
        }
        for r in &c.rules {
            let status = |s: &'static str, k: Option<&'static str>| match k {
                Some(k) if r.old_kind != r.new_kind => {
                    compare_lines::status_of_kind(word(s), word(k)).render(lang)
                }
                _ => word(s).to_string(),
            };
            let line = compare_lines::rule(
                &r.article,
                &r.name,
                status(r.old, r.old_kind),
                status(r.new, r.new_kind),
            );
            let _ = writeln!(out, "{}", line.render(lang));
            if !r.old_detail.is_empty() {
                let _ = writeln!(out, "{}", compare_lines::before(&r.old_detail).render(lang));
            }
            if !r.new_detail.is_empty() {
                let _ = writeln!(out, "{}", compare_lines::after(&r.new_detail).render(lang));
            }
        }
        for d in &c.decisions {
            let line = decision_lines::compare_record(&d.name, word(d.old), word(d.new));
            let _ = writeln!(out, "{}", line.render(lang));
        }
    }
    for u in unreadable {
        let line = match u.version {
            "old" => compare_lines::old_unreadable(&u.record, &u.policy),
            _ => compare_lines::new_unreadable(&u.record, &u.policy),
        };
        let _ = writeln!(out, "{}", line.render(lang));
    }
    let line = compare_lines::totals(totals.records, changes.len());
    let _ = writeln!(out, "\n{}", line.render(lang));
    for (tier, (before, after)) in &totals.eligible {
        let line = compare_lines::tier_eligible(tier, before, after);
        let _ = writeln!(out, "{}", line.render(lang));
    }
    for (decision, count) in &totals.decisions {
        let line = decision_lines::compare_changed(decision, count);
        let _ = writeln!(out, "{}", line.render(lang));
    }
    if totals.round_changed > 0 {
        let line = round_words::compare_count(totals.round_changed);
        let _ = writeln!(out, "  {}", line.render(lang));
    }
    let (before, after) = totals.rejected;
    if before + after > 0 {
        let line = compare_lines::rejected_count(before, after);
        let _ = writeln!(out, "{}", line.render(lang));
    }
    out
}
