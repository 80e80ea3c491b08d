//! Streaming NDJSON: records read line by line in constant memory, with the same records and the
//! same diagnostics (file, line, column and snippet) as reading the whole file at once.

use super::fast::FastReader;
use super::{ndjson_record, Loaded};
use crate::check::ir::Policy;
use crate::source::{Source, Span};
use std::io::{self, BufRead};
use std::path::Path;

/// Whether a file is read as NDJSON (one record per line), by its name.
pub fn is_ndjson(path: &Path) -> bool {
    let name = path.display().to_string().to_ascii_lowercase();
    name.ends_with(".ndjson") || name.ends_with(".jsonl")
}

/// One physical line of a file: its 0-based number and its text with its line end.
#[derive(Debug, Clone, Default)]
pub struct Line {
    pub n: usize,
    pub raw: String,
}

impl Line {
    /// The line without its line end.
    pub fn body(&self) -> &str {
        self.raw.trim_end_matches(['\n', '\r'])
    }

    /// Whether the line holds a record (as [`super::locate::lines`] decides).
    pub fn is_record(&self) -> bool {
        !self.body().trim().is_empty()
    }
}

/// Reads the physical lines of a file one at a time.
pub struct Lines<R> {
    inner: R,
    n: usize,
    buf: Vec<u8>,
}

impl<R: BufRead> Lines<R> {
    pub fn new(inner: R) -> Self {
        Lines {
            inner,
            n: 0,
            buf: Vec::new(),
        }
    }

    /// The next line; `Err` with `InvalidData` when it is not UTF-8.
    pub fn next_line(&mut self) -> io::Result<Option<Line>> {
        self.buf.clear();
        if self.inner.read_until(b'\n', &mut self.buf)? == 0 {
            return Ok(None);
        }
        // Checked with SIMD, then copied (cheaper than std's check); std names the bad byte.
        let raw = match simdutf8::basic::from_utf8(&self.buf) {
            Ok(text) => text.to_string(),
            Err(_) => String::from_utf8(std::mem::take(&mut self.buf))
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.utf8_error()))?,
        };
        let line = Line { n: self.n, raw };
        self.n += 1;
        Ok(Some(line))
    }
}

/// Reads the record on `line` of the file named `name`. `prev` and `next` are the physical lines
/// around it: a diagnostic shows them as context, at their line numbers, exactly as when the
/// whole file is read.
pub fn load_line(
    policy: &Policy,
    name: &str,
    prev: Option<&Line>,
    line: &Line,
    next: Option<&Line>,
) -> Loaded {
    let body = line.body();
    let source = Source::new(name, body);
    let loaded = ndjson_record(policy, &source, line.n, Span::new(0, body.len()));
    if loaded.diagnostics.is_empty() {
        return loaded;
    }
    // Again, in a source holding the lines around it, which knows the line it starts at.
    let (source, region) = around(name, prev, line, next);
    ndjson_record(policy, &source, line.n, region)
}

/// A source holding `line` and the lines around it, at their line numbers, and where the record
/// on `line` stands in it.
fn around(name: &str, prev: Option<&Line>, line: &Line, next: Option<&Line>) -> (Source, Span) {
    let mut text = String::new();
    if let Some(p) = prev {
        text.push_str(&p.raw);
    }
    let start = text.len();
    text.push_str(&line.raw);
    if let Some(x) = next {
        text.push_str(&x.raw);
    }
    let first = prev.map_or(line.n, |p| p.n);
    (
        Source::lines_from(name, text, first),
        Span::new(start, start + line.body().len()),
    )
}

/// [`load_line`], reading a clean record on the fast path first. `file` is a source named after
/// the file (its text is not needed): the record's place in reports.
pub fn load_line_fast(
    fast: &mut FastReader<'_>,
    file: &Source,
    prev: Option<&Line>,
    line: &Line,
    next: Option<&Line>,
    policy: &Policy,
) -> Loaded {
    let Some((record, name)) = fast.record(line.body()) else {
        return load_line(policy, file.name(), prev, line, next);
    };
    if fast.undeclared().is_empty() {
        return Loaded {
            source: file.clone(),
            index: line.n,
            name,
            record: Some(record),
            diagnostics: Vec::new(),
        };
    }
    // Warned about as the full reader warns: in the lines around the record, which are already
    // the excerpt the full reader would cut.
    let (source, region) = around(file.name(), prev, line, next);
    let who = super::who(line.n, name.as_deref());
    let keys: Vec<&str> = fast
        .undeclared()
        .iter()
        .filter_map(|key| line.body().get(key.start..key.end))
        .collect();
    let diagnostics = keys
        .into_iter()
        .map(|key| {
            let suggestion = fast.suggestion(key);
            super::undeclared(&source, region, who.clone(), key, suggestion)
        })
        .collect();
    Loaded {
        source,
        index: line.n,
        name,
        record: Some(record),
        diagnostics,
    }
}
