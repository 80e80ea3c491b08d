//! `jidi diff OLD NEW --witness`: how a revision changes each tier's eligible parks over every
//! record the inputs allow, with witness records, as a table or JSON.

use super::Exit;
use super::{check::load, output, versions::Format};
use jidi::diag::catalogue::verify_words;
use jidi::diag::text::Text;
use jidi::i18n::{word_of_name, Lang};
use jidi::verify::{self, Options, Report};
use std::fmt::Write;
use std::path::Path;

/// How hard the solver looks.
#[derive(clap::Args, Clone)]
pub struct SolverArgs {
    /// Seconds the solver may spend on each question before the answer is `unknown`.
    #[arg(long, default_value_t = 20)]
    pub timeout: u64,
    /// Elements a list (of events, of materials) may have in the records considered.
    #[arg(long, default_value_t = 3)]
    pub list_bound: usize,
}

impl SolverArgs {
    pub fn options(&self) -> Options {
        Options {
            timeout: std::time::Duration::from_secs(self.timeout.max(1)),
            list_bound: self.list_bound.clamp(1, 10),
        }
    }
}

pub fn diff(old: &Path, new: &Path, format: Format, solver: &SolverArgs, lang: Lang) -> Exit {
    let (Ok((a, _)), Ok((b, _))) = (load(old, lang), load(new, lang)) else {
        return Exit::InputErrors;
    };
    let report = verify::diff(&a, &b, &solver.options());
    match format {
        Format::Json => output::outln!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        ),
        Format::Table => output::out!("{}", table(&report, lang)),
    }
    Exit::Ok
}

/// `细分领域 = 数据中心`, or nothing for a whole tier.
fn case_text(case: Option<&indexmap::IndexMap<String, String>>) -> String {
    case.map(|c| {
        c.iter()
            .map(|(k, v)| format!("{k} = {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    })
    .unwrap_or_default()
}

fn table(r: &Report, lang: Lang) -> String {
    let mut out = String::new();
    for t in &r.tiers {
        let indent = if t.case.is_some() { "    " } else { "" };
        let what = match &t.case {
            Some(c) => case_text(Some(c)),
            None => t.tier.clone(),
        };
        let _ = write!(out, "{indent}{what}: {}", t.relation.word(lang));
        if !t.reason.is_empty() {
            let _ = write!(out, " — {}", reasons(&t.reason, lang));
        }
        out.push('\n');
    }
    if !r.witnesses.is_empty() {
        let _ = writeln!(out, "\n{}", verify_words::witnesses(lang));
    }
    for w in &r.witnesses {
        let direction = match w.direction {
            verify::Direction::OldOnly => verify_words::old_only(lang),
            verify::Direction::NewOnly => verify_words::new_only(lang),
        };
        let case = case_text(w.case.as_ref());
        let case = if case.is_empty() {
            String::new()
        } else {
            format!(" [{case}]")
        };
        let _ = writeln!(
            out,
            "  {}{case}: {direction} ({} {} → {})",
            w.tier,
            verify_words::verdict(lang),
            verdict_word(&w.old, lang),
            verdict_word(&w.new, lang),
        );
        let _ = writeln!(out, "    {}", w.record);
    }
    let b = &r.bounds;
    let bounds = jidi::diag::catalogue::cli::records_considered(
        b.list_elements,
        b.years[0],
        b.years[1],
        &b.figures,
    );
    let _ = writeln!(out, "\n{}", bounds.render(lang));
    out
}

/// A witness's verdict under one version (`not_eligible`, or `rejected`), in `lang`.
fn verdict_word(v: &str, lang: Lang) -> &'static str {
    word_of_name(v, lang).unwrap_or_else(|| jidi::diag::catalogue::status_words::rejected(lang))
}

/// Why the solver gave no answer, in `lang`: each question's reason, joined with ` | `.
fn reasons(why: &[Text], lang: Lang) -> String {
    let texts: Vec<String> = why.iter().map(|t| t.render(lang)).collect();
    texts.join(" | ")
}
