//! `jidi diff OLD NEW` and `jidi compare OLD NEW RECORDS...`: what a revision changes, in the rules
//! and in the outcomes.

use super::{check::load, exit, output};
use clap::ValueEnum;
use jidi::compare::{outcomes, policy};
use jidi::data;
use std::fmt::Write;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

/// Exit status of `compare --fail-on-change` when some record is judged differently.
pub const CHANGED: u8 = 3;

pub fn diff(old: &Path, new: &Path, format: Format) -> u8 {
    let (Ok((a, _)), Ok((b, _))) = (load(old), load(new)) else {
        return exit::INPUT_ERRORS;
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
    exit::OK
}

pub struct CompareArgs<'a> {
    pub old: &'a Path,
    pub new: &'a Path,
    pub records: &'a [PathBuf],
    pub format: Format,
    pub fail_on_change: bool,
}

pub fn compare(args: &CompareArgs<'_>) -> u8 {
    let (Ok((a, _)), Ok((b, _))) = (load(args.old), load(args.new)) else {
        return exit::INPUT_ERRORS;
    };
    let mut changes = Vec::new();
    let mut totals = outcomes::Totals::default();
    let mut unreadable = Vec::new();
    for file in data::expand(args.records) {
        let olds = data::load_file(&a, &file);
        let news = data::load_file(&b, &file);
        let several = olds.len().max(news.len()) > 1;
        for (i, (o, n)) in olds.iter().zip(news.iter()).enumerate() {
            let place = n.place(several);
            let oj = o.record.as_ref().map(|r| a.judge(r));
            let nj = n.record.as_ref().map(|r| b.judge(r));
            for (side, loaded, path) in [("old", o, args.old), ("new", n, args.new)] {
                if loaded.record.is_none() {
                    unreadable.push((place.clone(), side, path.display().to_string()));
                    output::report(&loaded.diagnostics);
                }
            }
            let _ = i;
            let old = oj.as_ref().map(|j| (&a, j));
            let new = nj.as_ref().map(|j| (&b, j));
            totals.add(old, new);
            if let Some(c) = outcomes::compare(&place, old, new) {
                changes.push(c);
            }
        }
    }
    match args.format {
        Format::Json => {
            let v = serde_json::json!({
                "changes": changes,
                "totals": totals,
                "unreadable": unreadable.iter().map(|(p, s, f)| serde_json::json!({"record": p, "version": s, "policy": f})).collect::<Vec<_>>(),
            });
            output::outln!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        }
        Format::Table => output::out!("{}", table(&changes, &totals, &unreadable)),
    }
    if !unreadable.is_empty() {
        exit::INPUT_ERRORS
    } else if args.fail_on_change && !changes.is_empty() {
        CHANGED
    } else {
        exit::OK
    }
}

fn table(
    changes: &[outcomes::RecordChange],
    totals: &outcomes::Totals,
    unreadable: &[(String, &str, String)],
) -> String {
    let mut out = String::new();
    for c in changes {
        let name = c.name.as_deref().unwrap_or("(unnamed)");
        let ov = c.old_verdict.unwrap_or(jidi::report::json::REJECTED);
        let nv = c.new_verdict.unwrap_or(jidi::report::json::REJECTED);
        let _ = writeln!(out, "{name}  {ov} → {nv}  ({})", c.place);
        for r in &c.rules {
            let _ = writeln!(out, "    {} {}: {} → {}", r.article, r.name, r.old, r.new);
            if !r.old_detail.is_empty() {
                let _ = writeln!(out, "        before: {}", r.old_detail);
            }
            if !r.new_detail.is_empty() {
                let _ = writeln!(out, "        after:  {}", r.new_detail);
            }
        }
    }
    for (place, side, policy) in unreadable {
        let _ = writeln!(
            out,
            "{place}: the {side} version ({policy}) cannot read this record (see the errors above)"
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
