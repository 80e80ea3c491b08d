//! Diagnostics: every error and warning jidi reports, each with a stable code, a span and a help line.

use crate::source::{Source, Span};
use std::fmt;

/// How serious a diagnostic is. Errors stop a policy from being used; warnings and notes do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Note,
    Warning,
    Error,
}

/// One located message. Codes are stable (`jidi::unit_mismatch`) so tests and scripts can rely on them.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub labels: Vec<(Span, String)>,
    pub help: Option<String>,
    pub source: Option<Source>,
    /// The record field it is about (`营业收入`, `事件[2].日期`), for machine-readable output.
    pub field: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: Severity::Error,
            message: message.into(),
            labels: Vec::new(),
            help: None,
            source: None,
            field: None,
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    pub fn note(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::error(code, message)
        }
    }

    pub fn label(mut self, span: Span, text: impl Into<String>) -> Self {
        self.labels.push((span, text.into()));
        self
    }

    pub fn help(mut self, text: impl Into<String>) -> Self {
        self.help = Some(text.into());
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
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Diagnostic {}

impl miette::Diagnostic for Diagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Note => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source
            .as_ref()
            .map(|s| s.named_ref() as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        if self.labels.is_empty() || self.source.is_none() {
            return None;
        }
        Some(Box::new(self.labels.iter().enumerate().map(
            |(i, (span, text))| {
                let label = (!text.is_empty()).then(|| text.clone());
                if i == 0 {
                    miette::LabeledSpan::new_primary_with_span(label, *span)
                } else {
                    miette::LabeledSpan::new_with_span(label, *span)
                }
            },
        )))
    }
}

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

/// Renders diagnostics as miette draws them: with source snippets, codes and help lines.
/// `colour` adds ANSI colours; `width` wraps long lines.
pub fn render(diagnostics: &[Diagnostic], colour: bool, width: usize) -> String {
    let theme = if colour {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    let handler = miette::GraphicalReportHandler::new_themed(theme).with_width(width);
    let mut out = String::new();
    for d in diagnostics {
        let mut one = String::new();
        if handler
            .render_report(&mut one, drawable(d).as_ref())
            .is_err()
        {
            one = format!("{}: {}\n", d.code, d.message);
        }
        out.push_str(&one);
        out.push('\n');
    }
    out
}

/// Furthest column (in bytes from the start of its line) at which a label is drawn.
const MAX_DRAWN_COLUMN: usize = 10_000;

/// The longest line (in bytes) drawn in a snippet: a longer one (a 20 MB line of JSON) is not
/// echoed; the message names the place and an excerpt around it instead.
const MAX_DRAWN_LINE: usize = 2_000;

/// Characters shown on each side of the place, in the excerpt of a line too long to draw.
const EXCERPT: usize = 40;

/// How far around its labels a diagnostic's source is searched for control characters.
const CONTROL_WINDOW: usize = 16 * 1024;

/// A diagnostic whose texts and snippet carry no control character a terminal would obey (an
/// ESC from a record): texts show them escaped, the snippet as `?` (spans stay right).
fn harmless(d: &Diagnostic) -> std::borrow::Cow<'_, Diagnostic> {
    use crate::escape::{blank_controls, has_controls, terminal};
    use std::borrow::Cow;
    let texts_clean = !has_controls(&d.message)
        && !d.help.as_deref().is_some_and(has_controls)
        && !d.labels.iter().any(|(_, l)| has_controls(l));
    let snippet_dirty = d.source.as_ref().is_some_and(|src| {
        let text = src.text();
        let lo = d.labels.iter().map(|(s, _)| s.start).min().unwrap_or(0);
        let hi = d.labels.iter().map(|(s, _)| s.end).max().unwrap_or(0);
        let lo = lo.saturating_sub(CONTROL_WINDOW);
        let hi = hi.saturating_add(CONTROL_WINDOW).min(text.len());
        text.as_bytes()
            .get(lo..hi)
            .is_some_and(|b| has_controls(&String::from_utf8_lossy(b)))
    });
    if texts_clean && !snippet_dirty {
        return Cow::Borrowed(d);
    }
    let mut clean = d.clone();
    clean.message = terminal(&d.message).into_owned();
    clean.help = d.help.as_deref().map(|h| terminal(h).into_owned());
    for (_, l) in &mut clean.labels {
        *l = terminal(l).into_owned();
    }
    if snippet_dirty {
        if let Some(src) = &d.source {
            clean.source = Some(Source::new(
                src.name(),
                blank_controls(src.text()).into_owned(),
            ));
        }
    }
    Cow::Owned(clean)
}

/// miette pads a label out to its column and panics beyond 65 535 columns, and draws every byte of
/// a line, so a diagnostic with a label that far along one line, or on a very long one, is drawn
/// without its snippet, its place and an excerpt named in the message.
fn drawable(d: &Diagnostic) -> std::borrow::Cow<'_, Diagnostic> {
    let d = match harmless(d) {
        std::borrow::Cow::Borrowed(d) => d,
        std::borrow::Cow::Owned(clean) => {
            return std::borrow::Cow::Owned(drawable(&clean).into_owned());
        }
    };
    let line_of = |text: &str, at: usize| {
        let at = at.min(text.len());
        let start = text
            .get(..at)
            .and_then(|b| b.rfind('\n'))
            .map_or(0, |i| i + 1);
        let end = text
            .get(at..)
            .and_then(|a| a.find('\n'))
            .map_or(text.len(), |i| at + i);
        (start, end)
    };
    let far = d.source.as_ref().is_some_and(|src| {
        let text = src.text();
        d.labels.iter().any(|(span, _)| {
            [span.start, span.end].into_iter().any(|at| {
                let (start, end) = line_of(text, at);
                at.saturating_sub(start) > MAX_DRAWN_COLUMN || end - start > MAX_DRAWN_LINE
            })
        })
    });
    if !far {
        return std::borrow::Cow::Borrowed(d);
    }
    let mut plain = d.clone();
    if let Some(at) = d.location() {
        let near = match (&d.source, d.labels.first()) {
            (Some(src), Some((span, _))) => {
                let text = src.text();
                let (start, end) = line_of(text, span.start);
                let before: String = text
                    .get(start..span.start.min(end))
                    .unwrap_or("")
                    .chars()
                    .rev()
                    .take(EXCERPT)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                let after: String = text
                    .get(span.start.min(end)..end)
                    .unwrap_or("")
                    .chars()
                    .take(EXCERPT)
                    .collect();
                format!(
                    ", near `{}`",
                    crate::escape::terminal(&format!("{before}{after}"))
                )
            }
            _ => String::new(),
        };
        plain.message = format!("{} (at {at}{near})", d.message);
    }
    plain.source = None;
    std::borrow::Cow::Owned(plain)
}
