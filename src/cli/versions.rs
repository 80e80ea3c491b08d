//! `jidi diff OLD NEW` and `jidi compare OLD NEW RECORDS...`: what a revision changes, in the rules
//! and in the outcomes.

use super::Exit;
use super::{check::load, output};
use clap::ValueEnum;
use jidi::compare::batch::Comparison;
use jidi::compare::policy;
use jidi::data;
use jidi::diag::catalogue::round_words;
use std::fmt::Write;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

pub fn diff(old: &Path, new: &Path, format: Format) -> Exit {
    let (Ok((a, _)), Ok((b, _))) = (load(old), load(new)) else {
        return Exit::InputErrors;
    };
    let changes = policy::diff(&a, &b);
    match format {
        Format::Json => output::outln!(
            "{}",
            serde_json::to_string_pretty(&changes).unwrap_or_default()
        ),
        Format::Table => {
            let mut out = String::new();
            if changes.is_empty() {
                let _ = writeln!(out, "no differences in meaning");
            }
            let mut article = "";
            for c in &changes {
                if c.article != article {
                    article = &c.article;
                    let _ = writeln!(out, "{article}");
                }
                let shown = |v: &Option<String>| match v.as_deref() {
                    None | Some("") => "—".to_string(),
                    Some(x) => x.to_string(),
                };
                let _ = writeln!(
                    out,
                    "  {} · {}: {}  →  {}",
                    c.subject,
                    c.aspect,
                    shown(&c.old),
                    shown(&c.new)
                );
            }
            let _ = writeln!(out, "{} differences", changes.len());
            output::out!("{out}");
        }
    }
    Exit::Ok
}

pub struct CompareArgs<'a> {
    pub old: &'a Path,
    pub new: &'a Path,
    pub records: &'a [PathBuf],
    pub format: Format,
    pub fail_on_change: bool,
}

pub fn compare(args: &CompareArgs<'_>) -> Exit {
    let (Ok((a, _)), Ok((b, _))) = (
        super::check::load_selection(args.old),
        super::check::load_selection(args.new),
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
    super::records::each_file(args.records, |file| {
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
            comparison.add_file((&a, &old_name), (&b, &new_name), &olds, &news);
        }
        unread
    });
    if round {
        let files: Vec<(&[data::Loaded], &[data::Loaded])> = held
            .iter()
            .map(|(o, n)| (o.as_slice(), n.as_slice()))
            .collect();
        comparison.add_files((&a, &old_name), (&b, &new_name), &files);
    }
    match args.format {
        Format::Json => output::out!("{}", comparison.document()),
        Format::Table => output::out!("{}", table(&comparison)),
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

fn table(comparison: &Comparison) -> String {
    use jidi::diag::catalogue::decision_lines;
    use jidi::i18n::label;
    let Comparison {
        changes,
        totals,
        unreadable,
    } = comparison;
    let mut out = String::new();
    for c in changes {
        let name = c.name.as_deref().unwrap_or("(unnamed)");
        let ov = c.old_verdict.unwrap_or(jidi::report::json::REJECTED);
        let nv = c.new_verdict.unwrap_or(jidi::report::json::REJECTED);
        let _ = writeln!(out, "{name}  {ov} → {nv}  ({})", c.place);
        if let Some(r) = &c.round {
            let side = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".into());
            let line = round_words::compare_change(side(&r.old), side(&r.new));
            let _ = writeln!(out, "    {}", line.render(jidi::i18n::lang()));
        }
        for r in &c.rules {
            let status = |s: &str, k: Option<&'static str>| match k {
                Some(k) if r.old_kind != r.new_kind => format!("{s} ({})", jidi::i18n::label(k)),
                _ => s.to_string(),
            };
            let _ = writeln!(
                out,
                "    {} {}: {} → {}",
                r.article,
                r.name,
                status(r.old, r.old_kind),
                status(r.new, r.new_kind)
            );
            if !r.old_detail.is_empty() {
                let _ = writeln!(out, "        before: {}", r.old_detail);
            }
            if !r.new_detail.is_empty() {
                let _ = writeln!(out, "        after:  {}", r.new_detail);
            }
        }
        for d in &c.decisions {
            let line = decision_lines::compare_record(&d.name, label(d.old), label(d.new));
            let _ = writeln!(out, "{}", line.render(jidi::i18n::lang()));
        }
    }
    for u in unreadable {
        let _ = writeln!(
            out,
            "{}: the {} version ({}) cannot read this record (see the errors above)",
            u.record, u.version, u.policy
        );
    }
    let _ = writeln!(
        out,
        "\n{} records, {} judged differently",
        totals.records,
        changes.len()
    );
    for (tier, (before, after)) in &totals.eligible {
        let _ = writeln!(out, "  {tier}: eligible {before} → {after}");
    }
    for (decision, count) in &totals.decisions {
        let line = decision_lines::compare_changed(decision, count);
        let _ = writeln!(out, "{}", line.render(jidi::i18n::lang()));
    }
    if totals.round_changed > 0 {
        let line = round_words::compare_count(totals.round_changed);
        let _ = writeln!(out, "  {}", line.render(jidi::i18n::lang()));
    }
    let (before, after) = totals.rejected;
    if before + after > 0 {
        let _ = writeln!(
            out,
            "  {}: {before} → {after}",
            jidi::i18n::label("rejected")
        );
    }
    out
}
