//! `jidi check POLICY`: every problem in a policy file at once.

use super::{output, Exit};
use jidi::{check, Source};
use std::path::Path;

/// Loads and checks a policy; diagnostics go to stderr. `Err` carries the exit status.
pub fn load(path: &Path) -> Result<(check::Policy, Vec<jidi::Diagnostic>), Exit> {
    let source = match Source::read(path) {
        Ok(s) => s,
        Err(e) => {
            output::err!("error: cannot read policy {}: {e}", path.display());
            return Err(Exit::InputErrors);
        }
    };
    let checked = check::check(&source);
    match checked.policy {
        Some(p) => Ok((p, checked.diagnostics)),
        None => {
            output::report(&checked.diagnostics);
            Err(Exit::InputErrors)
        }
    }
}

/// Loads a policy to judge applications with: one that states only a lifecycle is refused, since
/// it has no rules to judge by.
pub fn load_selection(path: &Path) -> Result<(check::Policy, Vec<jidi::Diagnostic>), Exit> {
    let (policy, diagnostics) = load(path)?;
    if policy.selects() {
        return Ok((policy, diagnostics));
    }
    output::err!(
        "{}",
        jidi::i18n::phrase(&format!(
            "error: {} states only a lifecycle, no selection rules to judge records by; use `jidi timeline`",
            path.display()
        ))
    );
    Err(Exit::Usage)
}

/// `jidi check POLICY [--analyze]`.
pub fn run(path: &Path, analyze: Option<jidi::verify::Options>) -> Exit {
    match load(path) {
        Ok((policy, mut diagnostics)) => {
            if let Some(options) = analyze {
                diagnostics.extend(jidi::verify::analyze(&policy, &options));
            }
            let (notes, problems): (Vec<_>, Vec<_>) = diagnostics
                .iter()
                .cloned()
                .partition(|d| d.severity == jidi::Severity::Note);
            output::report(&problems);
            if !notes.is_empty() {
                output::err!(
                    "assumptions the policy states where the measure is silent or ambiguous:"
                );
                for a in &policy.assumptions {
                    let (line, _) = policy.source.line_col(a.span.start);
                    let article = a
                        .article
                        .as_deref()
                        .map_or_else(String::new, |x| format!(" [{x}]"));
                    output::err!("  ☞ {}{article} (line {line}): {}", a.name, a.text);
                }
            }
            let count = |s| diagnostics.iter().filter(|d| d.severity == s).count();
            output::outln!(
                "{}: ok — {} rules ({} indicators), {} tiers; {} warnings, {} assumptions",
                path.display(),
                policy.rules.len(),
                policy
                    .rules
                    .iter()
                    .filter(|r| r.role == check::RuleRole::Indicator)
                    .count(),
                policy.tiers.len(),
                count(jidi::Severity::Warning),
                count(jidi::Severity::Note),
            );
            Exit::Ok
        }
        Err(code) => code,
    }
}
