//! Diagnostics: every error and warning jidi reports, each with a stable code, a span and a help line.

pub mod catalogue;
mod shown;
pub mod text;

use crate::i18n::Lang;
use crate::source::{Source, Span};
use catalogue::Code;
pub use shown::{render, Shown};
use std::fmt;
use text::Text;

/// How serious a diagnostic is. Errors stop a policy from being used; warnings and notes do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Note,
    Warning,
    Error,
}

/// One located message. Codes are stable (`jidi::unit_mismatch`) so tests and scripts can rely on
/// them. Its texts are catalogue templates with their arguments ([`catalogue`]): a diagnostic is
/// put into words, in one language, only where it is shown ([`Diagnostic::shown`]).
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub message: Text,
    pub labels: Vec<(Span, Text)>,
    pub help: Option<Text>,
    pub source: Option<Source>,
    /// The record field it is about (`营业收入`, `事件[2].日期`), for machine-readable output.
    pub field: Option<String>,
}

impl Diagnostic {
    /// A diagnostic of `code` saying `message`; the catalogue's `message` lines call this.
    pub fn new(code: &'static Code, message: Text) -> Self {
        Diagnostic {
            code: code.id,
            severity: code.severity,
            message,
            labels: Vec::new(),
            help: None,
            source: None,
            field: None,
        }
    }

    pub fn label(mut self, span: Span, text: Text) -> Self {
        self.labels.push((span, text));
        self
    }

    pub fn help(mut self, text: Text) -> Self {
        self.help = Some(text);
        self
    }

    /// The same diagnostic at another severity (a code reported as an error in one place and as
    /// a warning where the user asked for leniency).
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Names the record field the diagnostic is about.
    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn in_source(mut self, source: &Source) -> Self {
        self.source = Some(source.clone());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col` of the first label, for one-line summaries.
    pub fn location(&self) -> Option<String> {
        let src = self.source.as_ref()?;
        let (span, _) = self.labels.first()?;
        let (line, col) = src.line_col(span.start);
        Some(format!("{}:{line}:{col}", src.name()))
    }

    /// The diagnostic put into words in `lang`, as a front end shows it.
    pub fn shown(&self, lang: Lang) -> Shown {
        Shown {
            code: self.code,
            severity: self.severity,
            message: self.message.render(lang),
            labels: self
                .labels
                .iter()
                .map(|(span, t)| (*span, t.render(lang)))
                .collect(),
            help: self.help.as_ref().map(|h| h.render(lang)),
            source: self.source.clone(),
            lang,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message.en())
    }
}

impl std::error::Error for Diagnostic {}

/// Suggests the closest of `candidates` to `name`, for "did you mean …?" help lines.
/// A candidate is close when it extends or shortens the name (`示范` → `示范基地`) or differs
/// in at most a third of its characters (at least one); one-character names get no guess.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let len = name.chars().count();
    if len < 2 {
        return None;
    }
    candidates
        .into_iter()
        .filter(|c| *c != name && !c.is_empty())
        .filter_map(|c| {
            let d = strsim::levenshtein(name, c);
            let long = c.chars().count() >= 2;
            let affix = c.starts_with(name)
                || c.ends_with(name)
                || (long && (name.starts_with(c) || name.ends_with(c)));
            let longest = len.max(c.chars().count());
            (affix || d <= (longest / 3).max(1)).then_some((d, c))
        })
        .min_by_key(|&(d, c)| (d, c))
        .map(|(_, c)| c)
}

/// Warnings and notes of one code shown in full before the rest are summarised.
pub const REPEATS_SHOWN: usize = 5;

/// The diagnostics to draw, in order, and for each warning or note code that repeats more than
/// [`REPEATS_SHOWN`] times the number left out. Errors are always all drawn.
pub fn summarised(diagnostics: &[Diagnostic]) -> (Vec<&Diagnostic>, Vec<(&'static str, usize)>) {
    let mut seen: std::collections::HashMap<&'static str, usize> = std::collections::HashMap::new();
    let mut shown = Vec::new();
    let mut left_out: Vec<(&'static str, usize)> = Vec::new();
    for d in diagnostics {
        if d.is_error() {
            shown.push(d);
            continue;
        }
        let n = seen.entry(d.code).or_default();
        *n += 1;
        if *n <= REPEATS_SHOWN {
            shown.push(d);
        } else if let Some(entry) = left_out.iter_mut().find(|(c, _)| *c == d.code) {
            entry.1 += 1;
        } else {
            left_out.push((d.code, 1));
        }
    }
    (shown, left_out)
}
