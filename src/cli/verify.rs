//! `jidi diff OLD NEW --witness`: how a revision changes each tier's eligible parks over every
//! record the inputs allow, with witness records, as a table or JSON.

use super::Exit;
use super::{check::load, output, versions::Format};
use jidi::i18n::label;
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

pub fn diff(old: &Path, new: &Path, format: Format, solver: &SolverArgs) -> Exit {
    let (Ok((a, _)), Ok((b, _))) = (load(old), load(new)) else {
        return Exit::InputErrors;
    };
    let report = verify::diff(&a, &b, &solver.options());
    match format {
        Format::Json => output::outln!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        ),
        Format::Table => output::out!("{}", table(&report)),
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

fn table(r: &Report) -> String {
    let mut out = String::new();
    for t in &r.tiers {
        let indent = if t.case.is_some() { "    " } else { "" };
        let what = match &t.case {
            Some(c) => case_text(Some(c)),
            None => t.tier.clone(),
        };
        let _ = write!(out, "{indent}{what}: {}", label(t.relation.as_str()));
        if let Some(why) = &t.reason {
            let _ = write!(out, " — {}", reason(why));
        }
        out.push('\n');
    }
    if !r.witnesses.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            label("witnesses (each evaluated under both versions):")
        );
    }
    for w in &r.witnesses {
        let direction = match w.direction {
            verify::Direction::OldOnly => label("eligible under the old version only"),
            verify::Direction::NewOnly => label("eligible under the new version only"),
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
            label("verdict"),
            label(static_verdict(&w.old)),
            label(static_verdict(&w.new)),
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
    let _ = writeln!(out, "\n{}", bounds.render(jidi::i18n::lang()));
    out
}

/// A verdict as the label catalogue knows it.
fn static_verdict(v: &str) -> &'static str {
    match v {
        "eligible" => "eligible",
        "not_eligible" => "not_eligible",
        "undetermined" => "undetermined",
        _ => "rejected",
    }
}

/// A reason the solver gave no answer, in the language of messages (each part of a ` | ` list).
pub fn reason(why: &str) -> String {
    let lang = jidi::i18n::lang();
    why.split(" | ")
        .map(|part| jidi::i18n::reason(part, lang))
        .collect::<Vec<_>>()
        .join(" | ")
}
