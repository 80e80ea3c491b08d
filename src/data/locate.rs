//! Finds where a record and a field sit in a record file, so diagnostics can point at them.

use crate::diag::Diagnostic;
use crate::scan::Token;
use crate::source::Span;

/// Lines drawn around a diagnostic's labels: miette's default context.
const CONTEXT_LINES: usize = 1;

/// Points a record's diagnostic at an excerpt of its file — the lines its labels touch, with the
/// lines around them that a snippet shows — instead of the whole file, so drawing it costs the
/// same at line 10 as at line 1 000 000. Line numbers stay the file's.
pub fn excerpt(d: &mut Diagnostic) {
    let (Some(source), Some(first)) = (&d.source, d.labels.first()) else {
        return;
    };
    let covered = d.labels.iter().fold(first.0, |all, (s, _)| all.to(*s));
    if covered.start == 0 && covered.end >= source.text().len() {
        return;
    }
    let (piece, offset) = source.excerpt(covered, CONTEXT_LINES);
    for (span, _) in &mut d.labels {
        *span = Span::new(
            span.start.saturating_sub(offset),
            span.end.saturating_sub(offset),
        );
    }
    d.source = Some(piece);
}

/// Byte ranges of the elements of a top-level JSON array (string-aware bracket matching).
pub fn json_array_elements(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start: Option<usize> = None;
    for t in crate::scan::tokens(text, crate::scan::STRINGS) {
        let (i, c) = match t {
            Token::Code(i, c) => (i, c),
            Token::Str { span, .. } => {
                if depth == 1 && start.is_none() {
                    start = Some(span.start);
                }
                continue;
            }
            Token::Comment(_) => continue,
        };
        match c {
            '[' | '{' => {
                if depth == 1 && start.is_none() {
                    start = Some(i);
                }
                depth += 1;
            }
            ']' | '}' => {
                depth = depth.saturating_sub(1);
                if depth == 1 {
                    if let Some(s) = start.take() {
                        out.push(Span::new(s, i + c.len_utf8()));
                    }
                } else if depth == 0 {
                    if let Some(s) = start.take() {
                        out.push(Span::new(s, i));
                    }
                }
            }
            ',' if depth == 1 => {
                if let Some(s) = start.take() {
                    out.push(Span::new(s, i));
                }
            }
            c if depth == 1 && start.is_none() && !c.is_whitespace() => start = Some(i),
            _ => {}
        }
    }
    out
}

/// Byte ranges of the non-empty lines of an NDJSON file, with their 0-based line numbers.
pub fn lines(text: &str) -> Vec<(usize, Span)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let body = line.trim_end_matches(['\n', '\r']);
        if !body.trim().is_empty() {
            out.push((n, Span::new(offset, offset + body.len())));
        }
        offset += line.len();
    }
    out
}

/// The span of `key` written as a field name within `region` (`"key": value`, `key: value`,
/// `key = value`), through the end of its value. Falls back to the whole region.
pub fn field(text: &str, region: Span, key: &str) -> Span {
    let Some(body) = text.get(region.start..region.end) else {
        return region;
    };
    let mut from = 0;
    while let Some(pos) = body.get(from..).and_then(|b| b.find(key)) {
        let at = from + pos;
        let before = body.get(..at).unwrap_or("");
        let quoted = before.ends_with(['"', '\'']);
        let after_key = at + key.len() + usize::from(quoted);
        let rest = body.get(after_key..).unwrap_or("");
        let gap = rest.len() - rest.trim_start().len();
        let boundary = before
            .chars()
            .next_back()
            .is_none_or(|c| matches!(c, '"' | '\'' | '{' | ',') || c.is_whitespace());
        let sep = rest.trim_start().chars().next();
        if boundary && matches!(sep, Some(':' | '=')) {
            let start = region.start + at - usize::from(quoted);
            let value_from = after_key + gap + 1;
            let value_end = body.get(value_from..).map_or(0, value_len);
            let end = region.start + value_from + value_end;
            return Span::new(start, end.max(start + key.len()));
        }
        from = at + key.len().max(1);
    }
    region
}

/// The length of the value at the start of `text` (after leading blanks): a quoted string, a
/// bracketed list or map, or a bare word up to the next separator.
fn value_len(text: &str) -> usize {
    let lead = text.len() - text.trim_start_matches([' ', '\t']).len();
    let mut depth = 0usize;
    let body = text.get(lead..).unwrap_or("");
    for t in crate::scan::tokens(body, crate::scan::RECORD) {
        let (i, c) = match t {
            Token::Code(i, c) => (lead + i, c),
            Token::Str { span, .. } => {
                if depth == 0 {
                    return lead + span.end;
                }
                continue;
            }
            Token::Comment(_) => continue,
        };
        match c {
            '[' | '{' => depth += 1,
            ']' | '}' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            ',' | '}' | ']' | '\n' | '\r' if depth == 0 => return i,
            _ => {}
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_array_elements() {
        let t = r#"[{"a": "}"}, {"b": [1, 2]} ]"#;
        let spans = json_array_elements(t);
        assert_eq!(spans.len(), 2);
        assert_eq!(&t[spans[1].start..spans[1].end], r#"{"b": [1, 2]}"#);
    }

    #[test]
    fn finds_a_field() {
        let t = "{\n  \"营业收入\": \"abc\",\n  \"x\": 1\n}";
        let s = field(t, Span::new(0, t.len()), "营业收入");
        assert_eq!(&t[s.start..s.end], "\"营业收入\": \"abc\"");
    }
}
