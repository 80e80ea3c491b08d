//! Text from records and policies made safe where it is shown: control characters visible on a
//! terminal (an ESC in a park name cannot clear the screen or fake a result line), and Markdown
//! that cannot carry HTML or markup of its own.

use std::borrow::Cow;

/// A control character a terminal acts on: C0 (but tab and line ends), DEL and C1.
fn is_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Bytes [`has_controls`] passes over at once when none of them can begin a control character.
const BLOCK: usize = 32;

/// Whether `text` holds a control character a terminal would act on ([`is_control`]), read by
/// byte: C0 and DEL are single bytes, C1 is `C2 80`–`C2 9F`, U+2028 and U+2029 `E2 80 A8`/`A9`.
/// A block of bytes none of which can begin one is passed over with one test of all of them,
/// without a branch per byte (a diagnostic searches 32 KiB of its source).
pub fn has_controls(text: &str) -> bool {
    let bytes = text.as_bytes();
    let after = |i: usize, n: usize| bytes.get(i + n).copied();
    let control_at = |i: usize, b: u8| match b {
        0x7F => true,
        0x00..=0x1F => !matches!(b, b'\t' | b'\n' | b'\r'),
        0xC2 => after(i, 1).is_some_and(|n| (0x80..=0x9F).contains(&n)),
        0xE2 => after(i, 1) == Some(0x80) && matches!(after(i, 2), Some(0xA8 | 0xA9)),
        _ => false,
    };
    let may_begin = |b: u8| {
        ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r'))
            | (b == 0x7F)
            | (b == 0xC2)
            | (b == 0xE2)
    };
    bytes.chunks(BLOCK).enumerate().any(|(n, block)| {
        block.iter().fold(false, |any, &b| any | may_begin(b))
            && block
                .iter()
                .enumerate()
                .any(|(i, &b)| control_at(n * BLOCK + i, b))
    })
}

/// `text` for a terminal: each control character written as `\u{1b}`.
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_control(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` with each control character replaced by `?`s of the same length in bytes, so byte
/// offsets into it (diagnostics' spans) stay right.
pub fn blank_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_control) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if is_control(c) {
                    "?".repeat(c.len_utf8())
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// `text` as literal Markdown inside a line: HTML's `&`, `<`, `>` as entities, the punctuation of
/// emphasis, links and tables (`\`, `*`, `_`, `[`, `]`, `|`) escaped, line ends and control
/// characters as spaces. Code spans are left as they are: they carry no markup.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '*' | '_' | '[' | ']' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if is_control(c) => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_found_by_byte_as_by_character() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            assert_eq!(has_controls(&text), is_control(c), "{:?}", c);
        }
    }

    #[test]
    fn controls_are_found_at_every_place_in_a_block() {
        for at in 0..3 * BLOCK {
            for c in [
                '\u{1b}', '\u{85}', '\u{2028}', '\u{2029}', '\u{7f}', '\n', 'é', '—', '园',
            ] {
                let text = format!("{}{c}{}", "x".repeat(at), "y".repeat(at % 7));
                assert_eq!(has_controls(&text), is_control(c), "{c:?} at {at}");
            }
        }
    }

    #[test]
    fn controls_are_shown_not_obeyed() {
        assert_eq!(terminal("园\u{1b}[2J区"), "园\\u{1b}[2J区");
        assert_eq!(blank_controls("a\u{1b}b\u{85}c"), "a?b??c");
        assert_eq!(terminal("成都"), "成都");
    }

    #[test]
    fn markdown_carries_no_html() {
        assert_eq!(
            markdown("<img src=x onerror=alert(1)>"),
            "&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(markdown("[a](javascript:x)"), "\\[a\\](javascript:x)");
    }
}
