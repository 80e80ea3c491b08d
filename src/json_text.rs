//! JSON strings at the byte level: where a string's body stops — at a quote, a backslash or a
//! control character — found eight bytes at a time. The fast record reader, the NDJSON writer's
//! escaping and the JSON indenter read strings with it.

/// Eight copies of a byte, for testing the eight bytes of a word at once.
const fn splat(b: u8) -> u64 {
    u64::from_ne_bytes([b; 8])
}

const LOW: u64 = splat(0x01);
const HIGH: u64 = splat(0x80);

/// Whether a byte stops a plain string body: `"`, `\` or a control character (none of which
/// occurs inside a multi-byte UTF-8 character).
#[inline]
pub fn is_stop(b: u8) -> bool {
    matches!(b, b'"' | b'\\' | 0..0x20)
}

/// The first byte of `bytes` that [`is_stop`].
#[inline]
pub fn first_stop(bytes: &[u8]) -> Option<usize> {
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for word in words.by_ref() {
        let stops = stops_in(u64::from_le_bytes(word.try_into().unwrap_or([0; 8])));
        if stops != 0 {
            return Some(at + (stops.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    let tail = words.remainder().iter().position(|&b| is_stop(b))?;
    Some(at + tail)
}

/// The stopping bytes of a little-endian word as their high bits (the classic zero-byte tests:
/// a carry can only mark a byte after a true one, so the lowest mark is exact).
#[inline]
fn stops_in(word: u64) -> u64 {
    let zero = |v: u64| v.wrapping_sub(LOW) & !v & HIGH;
    let control = word.wrapping_sub(splat(0x20)) & !word & HIGH;
    zero(word ^ splat(b'"')) | zero(word ^ splat(b'\\')) | control
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Eight bytes at a time, the first stop is the one a byte-by-byte search finds.
        #[test]
        fn the_first_stop_is_the_first_byte_that_stops(
            bytes in proptest::collection::vec(
                prop_oneof![Just(b'"'), Just(b'\\'), 0u8..0x20, 0x20u8..=0xff, 0x20u8..=0xff],
                0..40,
            )
        ) {
            prop_assert_eq!(first_stop(&bytes), bytes.iter().position(|&b| is_stop(b)));
        }
    }
}
