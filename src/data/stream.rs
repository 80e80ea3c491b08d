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

    /// The next line; `Err` with `InvalidData` when it is not UTF-8. A line end is found with
    /// `memchr` (std's `read_until` searches byte by byte), and a line whole in the reader's
    /// buffer is checked and copied from there.
    pub fn next_line(&mut self) -> io::Result<Option<Line>> {
        self.buf.clear();
        let raw = loop {
            let available = match self.inner.fill_buf() {
                Ok(available) => available,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                if self.buf.is_empty() {
                    return Ok(None);
                }
                break utf8(&self.buf);
            }
            let line = memchr::memchr(b'\n', available).and_then(|end| available.get(..=end));
            match line {
                Some(line) if self.buf.is_empty() => {
                    let (raw, read) = (utf8(line), line.len());
                    self.inner.consume(read);
                    break raw;
                }
                Some(line) => {
                    self.buf.extend_from_slice(line);
                    let read = line.len();
                    self.inner.consume(read);
                    break utf8(&self.buf);
                }
                None => {
                    let read = available.len();
                    self.buf.extend_from_slice(available);
                    self.inner.consume(read);
                }
            }
        }?;
        let line = Line { n: self.n, raw };
        self.n += 1;
        Ok(Some(line))
    }
}

/// A line's bytes as text: checked with SIMD (cheaper than std's check), then by std to name
/// the bad byte.
fn utf8(bytes: &[u8]) -> io::Result<String> {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(_) => std::str::from_utf8(bytes)
            .map(str::to_owned)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e)),
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

#[cfg(test)]
mod tests {
    use super::Lines;
    use std::io::{BufReader, ErrorKind};

    /// Every line of `bytes` read through a reader whose buffer holds `capacity` bytes.
    fn lines(bytes: &[u8], capacity: usize) -> Vec<Result<(usize, String), ErrorKind>> {
        let mut lines = Lines::new(BufReader::with_capacity(capacity, bytes));
        let mut out = Vec::new();
        loop {
            match lines.next_line() {
                Ok(Some(l)) => out.push(Ok((l.n, l.raw))),
                Ok(None) => return out,
                Err(e) => {
                    out.push(Err(e.kind()));
                    return out;
                }
            }
        }
    }

    #[test]
    fn lines_are_the_same_whatever_the_buffer_holds() {
        let text = "{\"名称\":\"甲\"}\r\n\n  \n{\"名称\":\"乙园区\"}\n{\"名称\":\"丙\"}";
        let expected: Vec<_> = [
            "{\"名称\":\"甲\"}\r\n",
            "\n",
            "  \n",
            "{\"名称\":\"乙园区\"}\n",
            "{\"名称\":\"丙\"}",
        ]
        .into_iter()
        .enumerate()
        .map(|(n, l)| Ok((n, l.to_string())))
        .collect();
        for capacity in [1, 2, 3, 5, 7, 16, 1 << 20] {
            assert_eq!(
                lines(text.as_bytes(), capacity),
                expected,
                "capacity {capacity}"
            );
        }
        assert_eq!(lines(b"", 4), vec![]);
    }

    #[test]
    fn a_line_that_is_not_utf8_is_invalid_data_wherever_it_is_cut() {
        // A three-byte character cut short, inside the buffer and across refills.
        let bytes = b"{\"a\":1}\n{\"\xe7\x94\":1}\nnext\n";
        for capacity in [1, 2, 4, 9, 12, 64] {
            assert_eq!(
                lines(bytes, capacity),
                vec![
                    Ok((0, "{\"a\":1}\n".to_string())),
                    Err(ErrorKind::InvalidData)
                ],
                "capacity {capacity}"
            );
        }
    }
}
