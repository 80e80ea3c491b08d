//! `jidi check POLICY`: every problem in a policy file at once.

use super::{output, Exit};
use jidi::diag::catalogue::cli;
use jidi::i18n::Lang;
use jidi::{check, Source};
use std::path::Path;

/// Loads and checks a policy; diagnostics go to stderr in `lang`. `Err` carries the exit status.
pub fn load(path: &Path, lang: Lang) -> Result<(check::Policy, Vec<jidi::Diagnostic>), Exit> {
    load_verbose(path, false, lang)
}

/// [`load`]; on errors the policy's assumptions are counted in one line, or with `verbose`
/// drawn in full with the errors.
fn load_verbose(
    path: &Path,
    verbose: bool,
    lang: Lang,
) -> Result<(check::Policy, Vec<jidi::Diagnostic>), Exit> {
    let source = match Source::read(path) {
        Ok(s) => s,
        Err(e) => {
            output::err!(
                "{}",
                cli::cannot_read_policy(path.display(), jidi::diag::catalogue::io_why(&e))
                    .render(lang)
            );
            return Err(Exit::InputErrors);
        }
    };
    let checked = check::check(&source);
    match checked.policy {
        Some(p) => Ok((p, checked.diagnostics)),
        None if verbose => {
            output::report(&checked.diagnostics, lang);
            Err(Exit::InputErrors)
        }
        None => {
            let (notes, problems): (Vec<_>, Vec<_>) = checked
                .diagnostics
                .into_iter()
                .partition(|d| d.severity == jidi::Severity::Note);
            output::report(&problems, lang);
            if !notes.is_empty() {
                output::err!("{}", cli::assumptions_not_shown(notes.len()).render(lang));
            }
            Err(Exit::InputErrors)
        }
    }
}

/// Loads a policy to judge applications with: one that states only a lifecycle is refused, since
/// it has no rules to judge by.
pub fn load_selection(
    path: &Path,
    lang: Lang,
) -> Result<(check::Policy, Vec<jidi::Diagnostic>), Exit> {
    let (policy, diagnostics) = load(path, lang)?;
    if policy.selects() {
        return Ok((policy, diagnostics));
    }
    let shown = jidi::diag::catalogue::timeline_lines::lifecycle_only(path.display());
    output::err!("{}", shown.render(lang));
    Err(Exit::Usage)
}

/// `jidi check POLICY [--analyze]`.
pub fn run(path: &Path, analyze: Option<jidi::verify::Options>, verbose: bool, lang: Lang) -> Exit {
    match load_verbose(path, verbose, lang) {
        Ok((policy, mut diagnostics)) => {
            if let Some(options) = analyze {
                diagnostics.extend(jidi::verify::analyze(&policy, &options));
            }
            let (notes, problems): (Vec<_>, Vec<_>) = diagnostics
                .iter()
                .cloned()
                .partition(|d| d.severity == jidi::Severity::Note);
            output::report(&problems, lang);
            if !notes.is_empty() {
                // Drawn whole, then written at once: standard error is unbuffered.
                let mut text = cli::assumptions_heading().render(lang);
                text.push('\n');
                for a in &policy.assumptions {
                    let (line, _) = policy.source.line_col(a.span.start);
                    let article = a
                        .article
                        .as_deref()
                        .map_or_else(String::new, |x| format!(" [{x}]"));
                    let shown = cli::assumption_line(&a.name, article, line, &a.text);
                    text.push_str(&shown.render(lang));
                    text.push('\n');
                }
                output::to_stderr(&text);
            }
            let count = |s| diagnostics.iter().filter(|d| d.severity == s).count();
            let indicators = policy
                .rules
                .iter()
                .filter(|r| r.role == check::RuleRole::Indicator)
                .count();
            let ok = cli::check_ok(
                path.display(),
                policy.rules.len(),
                indicators,
                policy.tiers.len(),
                count(jidi::Severity::Warning),
                count(jidi::Severity::Note),
            );
            output::outln!("{}", ok.render(lang));
            Exit::Ok
        }
        Err(code) => code,
    }
}
