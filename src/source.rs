//! Source files and byte spans, shared by every diagnostic that points into a file.

use std::sync::Arc;

/// A file handed to jidi: a policy or a record file, with its display name and text.
#[derive(Debug, Clone)]
pub struct Source {
    inner: Arc<miette::NamedSource<String>>,
    text: Arc<str>,
}

impl Source {
    pub fn new(name: impl AsRef<str>, text: impl Into<String>) -> Self {
        let text: String = text.into();
        let shared: Arc<str> = Arc::from(text.as_str());
        Source {
            inner: Arc::new(miette::NamedSource::new(name, text).with_language("jidi")),
            text: shared,
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
        self.inner.name()
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub(crate) fn named_ref(&self) -> &miette::NamedSource<String> {
        &self.inner
    }

    /// 1-based line and column of a byte offset, for compact messages.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let upto = self.text.get(..offset.min(self.text.len())).unwrap_or("");
        let line = upto.matches('\n').count() + 1;
        let col = upto.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, col)
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
