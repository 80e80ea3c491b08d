//! Source files and byte spans, shared by every diagnostic that points into a file.

use std::sync::{Arc, OnceLock};

/// A file handed to jidi: a policy or a record file, with its display name and text — or an
/// excerpt of one ([`Source::excerpt`]): some of its lines, which know the line they start at.
#[derive(Debug, Clone)]
pub struct Source {
    inner: Arc<Text>,
}

/// The text of a [`Source`], as miette reads it for snippets.
#[derive(Debug)]
struct Text {
    name: String,
    text: String,
    /// 0-based line of the file that `text` starts at (0 for a whole file).
    first_line: usize,
    /// Byte offsets of the text's line ends, found the first time they are needed.
    breaks: OnceLock<Vec<usize>>,
    /// Byte offsets of the line ends as miette counts them (a `\r` alone ends a line too; of a
    /// `\r\n`, the `\n`), found the first time a snippet is drawn.
    drawn_breaks: OnceLock<Vec<usize>>,
}

impl Source {
    pub fn new(name: impl AsRef<str>, text: impl Into<String>) -> Self {
        Source::lines_from(name, text, 0)
    }

    /// A source holding some lines of a file, the first of them its line `first_line` (0-based):
    /// diagnostics in it are drawn, and located, at the file's own line numbers, while the text
    /// handed to the renderer stays as small as the excerpt.
    pub fn lines_from(name: impl AsRef<str>, text: impl Into<String>, first_line: usize) -> Self {
        Source {
            inner: Arc::new(Text {
                name: name.as_ref().to_string(),
                text: text.into(),
                first_line,
                breaks: OnceLock::new(),
                drawn_breaks: OnceLock::new(),
            }),
        }
    }

    /// Reads a file from disk. Text that is not UTF-8 (a GBK export, say) is refused with the
    /// place of its first bad byte, never silently altered.
    pub fn read(path: &std::path::Path) -> std::io::Result<Self> {
        Source::from_bytes(path.display().to_string(), std::fs::read(path)?)
    }

    /// A file's bytes as text, refused with the place of the first bad byte as [`Source::read`]
    /// refuses it when it is not UTF-8.
    pub fn from_bytes(name: impl AsRef<str>, bytes: Vec<u8>) -> std::io::Result<Self> {
        let text = String::from_utf8(bytes).map_err(|e| {
            let bytes = e.as_bytes();
            let good = bytes
                .get(..e.utf8_error().valid_up_to())
                .unwrap_or_default();
            let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            let column = String::from_utf8_lossy(good.get(line_start..).unwrap_or_default())
                .chars()
                .count()
                + 1;
            let byte = bytes.get(good.len()).copied().unwrap_or_default();
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "not valid UTF-8 at line {line}, column {column} (byte 0x{byte:02X}); \
                     save the file as UTF-8 (it may be in GBK)"
                ),
            )
        })?;
        Ok(Source::new(name, text))
    }

    pub fn name(&self) -> &str {
        &self.inner.name
    }

    pub fn text(&self) -> &str {
        &self.inner.text
    }

    /// The 0-based line of the file that this source's text starts at.
    pub fn first_line(&self) -> usize {
        self.inner.first_line
    }

    pub(crate) fn named_ref(&self) -> &(impl miette::SourceCode + 'static) {
        &*self.inner
    }

    /// 1-based line and column of a byte offset, for compact messages.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let text = self.text();
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = match line.checked_sub(1) {
            Some(prev) => self.breaks().get(prev).map_or(0, |b| b + 1),
            None => 0,
        };
        let col = text.get(start..offset).map_or(0, |l| l.chars().count()) + 1;
        (self.first_line() + line + 1, col)
    }

    /// The 0-based line of the text (not counting [`Source::first_line`]) holding `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.breaks().partition_point(|&b| b < offset)
    }

    fn breaks(&self) -> &[usize] {
        self.inner
            .breaks
            .get_or_init(|| memchr::memchr_iter(b'\n', self.text().as_bytes()).collect())
    }

    /// The lines of this source that `span` touches, with `context` lines either side, as a
    /// source of their own, and the byte offset of its text in this one (subtract it from a span
    /// to point into the excerpt). Finding the lines costs a search, not a scan from the start.
    pub fn excerpt(&self, span: Span, context: usize) -> (Source, usize) {
        let text = self.text();
        let first = self
            .line_of(span.start.min(text.len()))
            .saturating_sub(context);
        let last = self.line_of(span.end.min(text.len())) + context;
        let breaks = self.breaks();
        let start = match first.checked_sub(1) {
            Some(prev) => breaks.get(prev).map_or(0, |b| b + 1),
            None => 0,
        };
        let end = breaks.get(last).map_or(text.len(), |b| b + 1);
        let piece = text.get(start..end).unwrap_or("");
        (
            Source::lines_from(self.name(), piece, self.first_line() + first),
            start,
        )
    }
}

impl Text {
    /// The line ends as miette counts them ([`Text::drawn_breaks`]).
    fn drawn_breaks(&self) -> &[usize] {
        self.drawn_breaks.get_or_init(|| {
            let bytes = self.text.as_bytes();
            memchr::memchr2_iter(b'\r', b'\n', bytes)
                .filter(|&i| !(bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) == Some(&b'\n')))
                .collect()
        })
    }
}

impl miette::SourceCode for Text {
    /// miette's own reading of the text, started at a line shortly before the span rather than at
    /// the start of the file (which miette would scan for every snippet): the lines before that
    /// one are counted from the line-end index. The result is the one miette gives for the whole
    /// text, byte for byte.
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let breaks = self.drawn_breaks();
        // The lines that end before the span; one more than miette keeps as context is skipped
        // to, so the line read from starts strictly before the span (or is the first).
        let before = breaks.partition_point(|&b| b < span.offset());
        let skipped = before.saturating_sub(context_lines_before + 1);
        let from = match skipped.checked_sub(1) {
            Some(last) => breaks.get(last).map_or(0, |b| b + 1),
            None => 0,
        };
        let rest = self.text.get(from..).unwrap_or_default();
        let shifted = miette::SourceSpan::new((span.offset() - from).into(), span.len());
        let inner = rest.read_span(&shifted, context_lines_before, context_lines_after)?;
        let contents = miette::MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            miette::SourceSpan::new((inner.span().offset() + from).into(), inner.span().len()),
            inner.line() + skipped + self.first_line,
            inner.column(),
            inner.line_count() + skipped,
        )
        .with_language("jidi");
        Ok(Box::new(contents))
    }
}

/// A byte range into one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

impl From<pest::Span<'_>> for Span {
    fn from(s: pest::Span<'_>) -> Self {
        Span::new(s.start(), s.end())
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(s: Span) -> Self {
        (s.start, s.end.saturating_sub(s.start)).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use miette::SourceCode;

    /// What miette reads for a span, as comparable values.
    fn read(
        code: &dyn SourceCode,
        span: miette::SourceSpan,
        before: usize,
        after: usize,
    ) -> Option<(Vec<u8>, usize, usize, usize, usize, usize)> {
        code.read_span(&span, before, after).ok().map(|c| {
            (
                c.data().to_vec(),
                c.span().offset(),
                c.span().len(),
                c.line(),
                c.column(),
                c.line_count(),
            )
        })
    }

    /// Every text of up to six characters of `a`, `\n` and `\r`, every span in it, every context
    /// up to two lines: read through the line index as miette reads it whole.
    #[test]
    fn read_span_reads_what_miette_reads() {
        let alphabet = ['a', '\n', '\r'];
        for len in 0..=6u32 {
            for n in 0..3usize.pow(len) {
                let text: String = (0..len)
                    .map(|i| alphabet.get(n / 3usize.pow(i) % 3).copied().unwrap_or('a'))
                    .collect();
                let source = Source::new("t", text.clone());
                for offset in 0..=text.len() {
                    for span_len in 0..=(text.len() - offset).min(3) {
                        let span = miette::SourceSpan::new(offset.into(), span_len);
                        for before in 0..=2 {
                            for after in 0..=2 {
                                assert_eq!(
                                    read(&*source.inner, span, before, after),
                                    read(&text, span, before, after),
                                    "{text:?} {offset}+{span_len} ({before}, {after})"
                                );
                            }
                        }
                    }
                }
            }
        }
    }
}
