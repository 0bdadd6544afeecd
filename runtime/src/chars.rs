//! The `Char` production of XML 1.0: what text and attribute values may hold.

/// Whether XML 1.0 can carry the character.
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Whether the byte is XML whitespace (the `S` production: space, tab, CR, LF).
pub(crate) fn is_xml_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// The first character of `text` that XML 1.0 cannot carry (control characters other
/// than tab, line feed and carriage return; U+FFFE, U+FFFF).
///
/// Scans bytes with [`skip_plain`]: the only candidates are control bytes and the lead
/// byte 0xEF of U+FFFE/U+FFFF, so most text is one pass with no decoding. (Comments,
/// processing instructions and the DOCTYPE come here; text and attribute values are
/// checked in the lexer's own scans.)
pub(crate) fn first_invalid_char(text: &str) -> Option<char> {
    let bytes = text.as_bytes();
    let mut from = 0;
    loop {
        let i = skip_plain(bytes, from, &INVALID_CANDIDATE, 0xEF);
        // Neither kind of candidate byte continues a UTF-8 sequence: `i` starts a char.
        let c = text.get(i..)?.chars().next()?;
        if !is_xml_char(c) {
            return Some(c);
        }
        from = i + 1;
    }
}

/// Bytes that may start a character XML 1.0 cannot carry.
static INVALID_CANDIDATE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = !matches!(b as u8, b'\t' | b'\n' | b'\r');
        b += 1;
    }
    table[0xEF] = true;
    table
};

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Nonzero when some byte of `word` is below `n` (n ≤ 128): the "has a byte less than
/// n" trick, exact as a yes/no answer.
pub(crate) fn bytes_below(word: u64, n: u8) -> u64 {
    word.wrapping_sub(ONES * n as u64) & !word & HIGHS
}

/// Nonzero when some byte of `word` equals `b`: the "has a zero byte" trick.
pub(crate) fn bytes_equal(word: u64, b: u8) -> u64 {
    let xored = word ^ (ONES * b as u64);
    xored.wrapping_sub(ONES) & !xored & HIGHS
}

/// How many bytes at the start of `word` (little-endian: its lowest byte first) are
/// ASCII letters, 0 to 8.
pub(crate) fn leading_ascii_letters(word: u64) -> u32 {
    // Folded to lower case with the high bits cleared, a byte is a letter when it lies
    // in `a..=z`: adding 0x1F sets its high bit from `a` up, adding 0x05 from `{` up,
    // and neither sum carries into the next byte. Bytes from 0x80 up are not letters.
    let folded = (word | (ONES * 0x20)) & !HIGHS;
    let from_a = folded.wrapping_add(ONES * 0x1F);
    let past_z = folded.wrapping_add(ONES * 0x05);
    let letters = from_a & !past_z & !word & HIGHS;
    (!letters & HIGHS).trailing_zeros() / 8
}

/// The index of the first byte of `bytes` from `i` on that `special` marks, or the
/// length. Every caller's `special` lies within the candidates: bytes below 0x20, `<`,
/// `&`, 0xEF (which starts U+FFFE and U+FFFF) and `extra`. Candidates are found sixteen
/// bytes at a time with SSE2 (part of every x86-64), eight at a time elsewhere and in
/// the tail; the table decides each (a line feed in text is a candidate, not special).
#[inline(always)]
pub(crate) fn skip_plain(bytes: &[u8], mut i: usize, special: &[bool; 256], extra: u8) -> usize {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    {
        // SAFETY: compiled only where the target has SSE2 (every x86-64 does).
        match unsafe { skip_plain_sse2(bytes, i, special, extra) } {
            Ok(at) => return at,
            Err(tail) => i = tail,
        }
    }
    let candidates = |word: u64| {
        bytes_below(word, 0x20)
            | bytes_equal(word, b'<')
            | bytes_equal(word, b'&')
            | bytes_equal(word, 0xEF)
            | bytes_equal(word, extra)
    };
    // Eight bytes at a time: the lowest flag of a word is exact (a borrow only runs
    // upwards), later ones may not be, so the scan resumes after a byte let through.
    while let Some(word) = bytes.get(i..i + 8) {
        let flags = candidates(u64::from_le_bytes(word.try_into().expect("eight bytes")));
        if flags == 0 {
            i += 8;
            continue;
        }
        let at = i + (flags.trailing_zeros() / 8) as usize;
        if special[bytes[at] as usize] {
            return at;
        }
        i = at + 1;
    }
    // The last few bytes.
    bytes[i..]
        .iter()
        .position(|&b| special[b as usize])
        .map_or(bytes.len(), |n| i + n)
}

/// `skip_plain` sixteen bytes at a time: `Ok` with the special byte's index, or `Err`
/// with where the last, shorter block starts.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[target_feature(enable = "sse2")]
#[inline]
fn skip_plain_sse2(
    bytes: &[u8],
    mut i: usize,
    special: &[bool; 256],
    extra: u8,
) -> Result<usize, usize> {
    use std::arch::x86_64::*;
    let below_0x20 = _mm_set1_epi8(0x1F);
    let [lt, amp, ef, extra] = [b'<', b'&', 0xEF, extra].map(|b| _mm_set1_epi8(b as i8));
    while let Some(block) = bytes.get(i..i + 16) {
        let half = |at: usize| i64::from_le_bytes(block[at..at + 8].try_into().expect("8 bytes"));
        let v = _mm_set_epi64x(half(8), half(0));
        // Unsigned: min(b, 0x1F) == b exactly for the bytes below 0x20.
        let control = _mm_cmpeq_epi8(_mm_min_epu8(v, below_0x20), v);
        let markup = _mm_or_si128(_mm_cmpeq_epi8(v, lt), _mm_cmpeq_epi8(v, amp));
        let other = _mm_or_si128(_mm_cmpeq_epi8(v, ef), _mm_cmpeq_epi8(v, extra));
        let found = _mm_or_si128(control, _mm_or_si128(markup, other));
        // One bit per byte, each exact: looked up in turn.
        let mut flags = _mm_movemask_epi8(found) as u32;
        while flags != 0 {
            let at = i + flags.trailing_zeros() as usize;
            if special[bytes[at] as usize] {
                return Ok(at);
            }
            flags &= flags - 1;
        }
        i += 16;
    }
    Err(i)
}

/// Byte equality of two names (a few to a few dozen bytes), inline: at that length
/// memcmp's call and set-up cost more than the comparison. Every element is matched
/// by its local name and closed by comparing its end tag with its start tag.
#[inline]
pub(crate) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let word = |s: &[u8], i: usize| u64::from_le_bytes(s[i..i + 8].try_into().expect("8 bytes"));
    let half = |s: &[u8], i: usize| u32::from_le_bytes(s[i..i + 4].try_into().expect("4 bytes"));
    match n {
        0..=3 => a.iter().zip(b).all(|(x, y)| x == y),
        // Two loads that overlap when n < 8 (and words up to the last, which may
        // overlap the one before it).
        4..=7 => half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4),
        _ => {
            let mut i = 0;
            while i + 8 < n {
                if word(a, i) != word(b, i) {
                    return false;
                }
                i += 8;
            }
            word(a, n - 8) == word(b, n - 8)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Against a byte-by-byte search: a special byte at every offset of blocks of
    /// sixteen and eight, alone or after a candidate the table lets through, from
    /// several starting points.
    #[test]
    fn skip_plain_finds_the_first_special_byte() {
        let mut special = [false; 256];
        for b in [0x01, 0x1F, b'<', b'&', b']', 0xEF] {
            special[b as usize] = true;
        }
        let naive = |bytes: &[u8], from: usize| {
            (from..bytes.len())
                .find(|&i| special[bytes[i] as usize])
                .unwrap_or(bytes.len())
        };
        for len in 0..48 {
            for at in 0..=len {
                for (before, b) in [
                    (None, b'<'),
                    (None, 0xEF),
                    (Some(b'\t'), b']'),
                    (Some(b'\n'), 0x01),
                ] {
                    let mut bytes: Vec<u8> = (0..len).map(|i| b'a' + (i % 26) as u8).collect();
                    if at < len {
                        bytes[at] = b;
                        if let Some(through) = before.filter(|_| at > 0) {
                            bytes[at - 1] = through;
                        }
                    }
                    for from in [0, 1, 7, 9].into_iter().filter(|&f| f <= len) {
                        assert_eq!(
                            skip_plain(&bytes, from, &special, b']'),
                            naive(&bytes, from),
                            "{len} bytes, {b:#x} at {at}, from {from}"
                        );
                    }
                }
            }
        }
    }

    /// Against `==`: every length to 40, equal, of another length, and differing in
    /// one byte at each offset.
    #[test]
    fn compares_names_as_slices_do() {
        let text: Vec<u8> = (0..40u8).map(|i| b'a' + i % 26).collect();
        for n in 0..=text.len() {
            let a = &text[..n];
            // Equal bytes in another buffer.
            let copy = a.to_vec();
            assert!(same_bytes(a, &copy), "{n} bytes");
            if n > 0 {
                assert!(!same_bytes(a, &text[..n - 1]), "{n} against {}", n - 1);
            }
            for at in 0..n {
                let mut b = a.to_vec();
                b[at] ^= 0x20;
                assert!(!same_bytes(a, &b), "{n} bytes, differing at {at}");
            }
        }
    }

    #[test]
    fn counts_leading_letters_for_every_byte_in_every_place() {
        for b in 0..=255u8 {
            for place in 0..8 {
                let mut bytes = *b"abcdWXYZ";
                bytes[place] = b;
                let expected = if b.is_ascii_alphabetic() {
                    8
                } else {
                    place as u32
                };
                assert_eq!(
                    leading_ascii_letters(u64::from_le_bytes(bytes)),
                    expected,
                    "byte {b:#x} at {place}"
                );
            }
        }
    }

    #[test]
    fn finds_exactly_the_characters_xml_cannot_carry() {
        for c in (0..0x11_0000).filter_map(char::from_u32) {
            let expected = (!is_xml_char(c)).then_some(c);
            let text = format!("ab{c}é");
            assert_eq!(first_invalid_char(&text), expected, "{c:?}");
            // Past the first eight-byte word, and straddling two words.
            let text = format!("abcdefghé{c}ijklmnopqrstuvwxyz");
            assert_eq!(first_invalid_char(&text), expected, "{c:?}");
        }
    }

    #[test]
    fn finds_a_candidate_at_every_offset_of_a_word() {
        for at in 0..24 {
            for (c, bad) in [
                ('\u{1}', true),
                ('\n', false),
                ('\u{FFFE}', true),
                ('\u{FFFF}', true),
            ] {
                let mut text = "ü".repeat(12);
                text.insert(at * 2 % text.len(), c);
                let text = format!("{text}{}", "x".repeat(at));
                assert_eq!(first_invalid_char(&text), bad.then_some(c), "{c:?} at {at}");
            }
        }
        // Bytes 0xEF that start other characters (U+F000..U+FFFD) are fine.
        assert_eq!(first_invalid_char("\u{FFFD}\u{F000}abcdefgh\u{FEFF}"), None);
    }
}
