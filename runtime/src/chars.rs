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
/// Scans bytes: the only candidates are bytes below 0x20 and the lead byte 0xEF of
/// U+FFFE/U+FFFF, so most text is one pass with no decoding. Every text and attribute
/// value of a document goes through here, so words of eight bytes without a candidate
/// are skipped at once; short texts and the tail go byte by byte.
pub(crate) fn first_invalid_char(text: &str) -> Option<char> {
    let bytes = text.as_bytes();
    let mut from = 0;
    loop {
        while let Some(word) = bytes.get(from..from + 8) {
            if holds_candidate(u64::from_le_bytes(word.try_into().expect("eight bytes"))) {
                break;
            }
            from += 8;
        }
        // After a word that holds a candidate, this stops within it.
        let i = from + bytes[from..].iter().position(|&b| b < 0x20 || b == 0xEF)?;
        // Neither kind of candidate byte continues a UTF-8 sequence: `i` starts a char.
        let c = text[i..].chars().next().expect("a character starts here");
        if !is_xml_char(c) {
            return Some(c);
        }
        from = i + 1;
    }
}

/// Whether some byte of `word` is below 0x20 or equal to 0xEF.
fn holds_candidate(word: u64) -> bool {
    bytes_below(word, 0x20) | bytes_equal(word, 0xEF) != 0
}

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
/// length, read eight bytes at a time. `candidates` flags the high bit of each byte of a
/// word that may be special; its lowest flag must be exact (as with `bytes_below` and
/// `bytes_equal`: a borrow only runs upwards), later ones may be wrong. A candidate the
/// table lets through (a line feed in text) resumes the scan just after it.
#[inline(always)]
pub(crate) fn skip_plain(
    bytes: &[u8],
    mut i: usize,
    special: &[bool; 256],
    candidates: impl Fn(u64) -> u64,
) -> usize {
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
