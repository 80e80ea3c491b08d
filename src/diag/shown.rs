//! A diagnostic put into words in one language, and drawn as miette draws it.

use super::Severity;
use crate::i18n::Lang;
use crate::source::{Source, Span};
use std::fmt;

/// A diagnostic in the words of one language ([`super::Diagnostic::shown`]): what a terminal, an
/// editor or a web page shows.
#[derive(Debug, Clone)]
pub struct Shown {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub labels: Vec<(Span, String)>,
    pub help: Option<String>,
    pub source: Option<Source>,
    pub lang: Lang,
}

impl Shown {
    /// `file:line:col` of the first label, for one-line summaries.
    pub fn location(&self) -> Option<String> {
        let src = self.source.as_ref()?;
        let (span, _) = self.labels.first()?;
        let (line, col) = src.line_col(span.start);
        Some(format!("{}:{line}:{col}", src.name()))
    }
}

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Shown {}

impl miette::Diagnostic for Shown {
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

/// Renders diagnostics as miette draws them: with source snippets, codes and help lines.
/// in `lang`; `colour` adds ANSI colours; `width` wraps long lines.
pub fn render<'d>(
    diagnostics: impl IntoIterator<Item = &'d super::Diagnostic>,
    lang: Lang,
    colour: bool,
    width: usize,
) -> String {
    let theme = if colour {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    let handler = miette::GraphicalReportHandler::new_themed(theme).with_width(width);
    let mut out = String::new();
    for d in diagnostics {
        let d = d.shown(lang);
        let d = &d;
        let mut one = String::new();
        if handler
            .render_report(&mut one, drawable(d).as_ref())
            .is_err()
        {
            one = format!("{}: {}\n", d.code, d.message);
        }
        if lang == Lang::Zh {
            one = help_in_chinese(&one);
        }
        out.push_str(&one);
        out.push('\n');
    }
    out
}

/// miette's own word before a help line (`help:`), in Chinese (`帮助：`): the first word of a
/// line, after its indentation and any colour code.
fn help_in_chinese(report: &str) -> String {
    let mut out = String::with_capacity(report.len() + 16);
    for line in report.split_inclusive('\n') {
        let indent = line.len() - line.trim_start().len();
        let (lead, rest) = line.split_at(indent);
        // With colour, the word sits between an escape sequence and a reset.
        let (esc, word) = match rest.strip_prefix('\u{1b}') {
            Some(after) => match after.find('m') {
                Some(m) => rest.split_at(m + 2),
                None => ("", rest),
            },
            None => ("", rest),
        };
        match word.strip_prefix("help:") {
            Some(tail) => {
                out.push_str(lead);
                out.push_str(esc);
                out.push_str("帮助：");
                out.push_str(tail.strip_prefix(' ').unwrap_or(tail));
            }
            None => out.push_str(line),
        }
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
fn harmless(d: &Shown) -> std::borrow::Cow<'_, Shown> {
    use crate::escape::{blank_controls, has_controls, terminal};
    use std::borrow::Cow;
    let texts_clean = !has_controls(&d.message)
        && !d.help.as_deref().is_some_and(has_controls)
        && !d.labels.iter().any(|(_, l)| has_controls(l));
    let snippet_dirty = d.source.as_ref().is_some_and(|src| {
        let text = src.text();
        let lo = d.labels.iter().map(|(s, _)| s.start).min().unwrap_or(0);
        let hi = d.labels.iter().map(|(s, _)| s.end).max().unwrap_or(0);
        // The window narrowed to whole characters: a character cut at its edge is no control.
        let mut lo = lo.saturating_sub(CONTROL_WINDOW).min(text.len());
        while !text.is_char_boundary(lo) {
            lo += 1;
        }
        let mut hi = hi.saturating_add(CONTROL_WINDOW).min(text.len());
        while !text.is_char_boundary(hi) {
            hi -= 1;
        }
        text.get(lo..hi).is_some_and(has_controls)
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
fn drawable(d: &Shown) -> std::borrow::Cow<'_, Shown> {
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
                super::catalogue::common::near(crate::escape::terminal(&format!("{before}{after}")))
                    .render(d.lang)
            }
            _ => String::new(),
        };
        let place = super::catalogue::common::at_place(at, near).render(d.lang);
        plain.message = format!("{}{place}", d.message);
    }
    plain.source = None;
    std::borrow::Cow::Owned(plain)
}
