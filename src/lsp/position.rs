//! Byte offsets ↔ LSP positions: lines, and columns counted in UTF-16 code units as LSP requires,
//! so a Chinese character is one column and a character outside the BMP is two.

use crate::source::Span;
use lsp_types::{Position, Range};

/// The start of every line of a text, for converting positions both ways.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    /// The LSP position of byte `offset` (clamped to the text, and to a character boundary).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(self.len);
        while offset > 0 && !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let column: usize = text
            .get(start..offset)
            .unwrap_or("")
            .chars()
            .map(char::len_utf16)
            .sum();
        Position::new(
            u32::try_from(line).unwrap_or(u32::MAX),
            u32::try_from(column).unwrap_or(u32::MAX),
        )
    }

    /// The LSP range of a byte span.
    pub fn range(&self, text: &str, span: Span) -> Range {
        Range::new(
            self.position(text, span.start),
            self.position(text, span.end.max(span.start)),
        )
    }

    /// The byte offset of an LSP position; a column past the end of its line is the line's end.
    pub fn offset(&self, text: &str, pos: Position) -> usize {
        let line = pos.line as usize;
        let Some(&start) = self.starts.get(line) else {
            return self.len;
        };
        let end = self
            .starts
            .get(line + 1)
            .map_or(self.len, |next| next.saturating_sub(1));
        let line_text = text.get(start..end).unwrap_or("");
        let mut units = 0usize;
        for (i, c) in line_text.char_indices() {
            if units >= pos.character as usize {
                return start + i;
            }
            units += c.len_utf16();
        }
        end
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn chinese_and_astral_characters_count_in_utf16_units() {
        let text = "指标 工业用地地均收入 = x\n  𠀀a\r\nend";
        let index = LineIndex::new(text);
        let at = text.find("工业").unwrap();
        assert_eq!(index.position(text, at), Position::new(0, 3));
        assert_eq!(index.offset(text, Position::new(0, 3)), at);
        let a = text.find('a').unwrap();
        assert_eq!(index.position(text, a), Position::new(1, 4));
        assert_eq!(index.offset(text, Position::new(1, 4)), a);
        assert_eq!(index.offset(text, Position::new(2, 99)), text.len());
        assert_eq!(index.offset(text, Position::new(9, 0)), text.len());
        // Inside a character: the start of that character.
        assert_eq!(index.position(text, at + 1), Position::new(0, 3));
    }
}
