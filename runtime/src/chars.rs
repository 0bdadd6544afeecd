//! The `Char` production of XML 1.0: what text and attribute values may hold.

/// Whether XML 1.0 can carry the character.
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The first character of `text` that XML 1.0 cannot carry (control characters other
/// than tab, line feed and carriage return; U+FFFE, U+FFFF).
///
/// Scans bytes: the only candidates are bytes below 0x20 and the lead byte 0xEF of
/// U+FFFE/U+FFFF, so most text is one pass with no decoding.
pub(crate) fn first_invalid_char(text: &str) -> Option<char> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(n) = bytes[from..].iter().position(|&b| b < 0x20 || b == 0xEF) {
        let i = from + n;
        let c = text[i..].chars().next().expect("a character starts here");
        if !is_xml_char(c) {
            return Some(c);
        }
        from = i + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_exactly_the_characters_xml_cannot_carry() {
        for c in (0..0x11_0000).filter_map(char::from_u32) {
            let text = format!("ab{c}é");
            let expected = (!is_xml_char(c)).then_some(c);
            assert_eq!(first_invalid_char(&text), expected, "{c:?}");
        }
    }
}
