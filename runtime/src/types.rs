//! XSD built-in types whose values Rust has no lossless type for. Each keeps its
//! lexical form (whitespace collapsed) after checking it, so writing what was read
//! gives back the same text: decimals stay exact, integers unbounded, and dates keep
//! their timezone and fractional seconds.

use std::fmt;
use std::sync::OnceLock;

use regex::Regex;

use crate::error::ValueError;
use crate::simple::{SimpleType, WhiteSpace};

macro_rules! lexical_type {
    ($(#[$doc:meta])* $name:ident, $xsd:literal, $re:literal) => {
        lexical_type!($(#[$doc])* $name, $xsd, $re, collapsed, None);
    };
    // With a hand-written matcher for the pattern (tested against the regex).
    ($(#[$doc:meta])* $name:ident, $xsd:literal, $re:literal, matcher $matcher:path) => {
        lexical_type!($(#[$doc])* $name, $xsd, $re, collapsed, Some($matcher));
    };
    // `raw` keeps the text exactly as written (base64 wraps lines); `collapsed` keeps it
    // with whitespace collapsed. Either way the collapsed form is what is checked.
    ($(#[$doc:meta])* $name:ident, $xsd:literal, $re:literal, $store:ident) => {
        lexical_type!($(#[$doc])* $name, $xsd, $re, $store, None);
    };
    ($(#[$doc:meta])* $name:ident, $xsd:literal, $re:literal, $store:ident, $matcher:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(Lexical);

        impl $name {
            /// Checks a lexical value.
            pub fn new(text: &str) -> Result<Self, ValueError> {
                <Self as SimpleType>::parse(text)
            }
            /// The lexical form.
            pub fn as_str(&self) -> &str {
                self.0.as_str()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.0.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = ValueError;
            fn from_str(s: &str) -> Result<Self, ValueError> {
                Self::new(s)
            }
        }

        impl $name {
            /// The XSD pattern of the lexical space, as a regex anchored at both ends.
            const PATTERN: &'static str = concat!("^(?:", $re, ")$");
        }

        impl SimpleType for $name {
            const NAME: &'static str = $xsd;
            fn parse(text: &str) -> Result<Self, ValueError> {
                static RE: OnceLock<Regex> = OnceLock::new();
                let matcher: Option<fn(&[u8]) -> bool> = $matcher;
                // The hand-matched forms hold no whitespace: text one accepts as written
                // is collapsed already (a date is checked in one pass, not two).
                if matcher.is_some_and(|matches| matches(text.as_bytes())) {
                    return Ok(Self(Lexical::new(text)));
                }
                let collapsed = WhiteSpace::Collapse.apply(text);
                let matches = match matcher {
                    Some(matcher) => matcher(collapsed.as_bytes()),
                    None => RE
                        .get_or_init(|| Regex::new(Self::PATTERN).expect("valid built-in pattern"))
                        .is_match(&collapsed),
                };
                if matches {
                    Ok(Self(lexical_type!(@store $store, text, collapsed)))
                } else {
                    Err(ValueError::new(concat!("not a valid ", $xsd)))
                }
            }
            fn write(&self, out: &mut String) {
                out.push_str(self.0.as_str());
            }
            fn as_text(&self) -> Option<&str> {
                Some(self.0.as_str())
            }
            // `Integer` also holds integer's unbounded derivations, so it cannot tell
            // which one an element declared.
            fn accepts_xsi_type(ns: Option<&str>, local: &str) -> bool {
                $xsd != "xs:integer" && crate::simple::is_builtin($xsd, ns, local)
            }
        }
    };
    (@store raw, $text:ident, $collapsed:ident) => {
        Lexical::new($text)
    };
    (@store collapsed, $text:ident, $collapsed:ident) => {
        Lexical::new(&$collapsed)
    };
}

/// The lexical form a value keeps: in place when it is short, as dates and most numbers
/// are (reading an EWS item allocated a `String` for each of its dates), on the heap
/// otherwise.
#[derive(Clone)]
enum Lexical {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<str>),
}

/// Long enough for a UTC date and time (`2024-11-26T07:11:43Z`, 20 bytes) and most
/// numbers, and the enum as small as a `String`: structs of many optional dates (EWS
/// items) keep their size.
const INLINE: usize = 22;

impl Lexical {
    fn new(text: &str) -> Self {
        match text.len() {
            len @ 0..=INLINE => {
                let mut bytes = [0; INLINE];
                bytes[..len].copy_from_slice(text.as_bytes());
                Lexical::Inline {
                    len: len as u8,
                    bytes,
                }
            }
            _ => Lexical::Heap(text.into()),
        }
    }

    fn as_str(&self) -> &str {
        match self {
            Lexical::Inline { len, bytes } => {
                let text = &bytes[..*len as usize];
                debug_assert!(std::str::from_utf8(text).is_ok());
                // SAFETY: `new` is the only constructor and copies a whole `&str`, so the
                // bytes up to `len` are UTF-8. (Checking them again on every write cost
                // more than writing them: 170 instructions for a date.)
                unsafe { std::str::from_utf8_unchecked(text) }
            }
            Lexical::Heap(text) => text,
        }
    }
}

impl fmt::Debug for Lexical {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq for Lexical {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Lexical {}

impl std::hash::Hash for Lexical {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

impl PartialOrd for Lexical {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Lexical {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

lexical_type!(
    /// `xs:decimal`: exact, any precision.
    Decimal, "xs:decimal", r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
);
lexical_type!(
    /// `xs:double`, kept as written (`294.0` is written back `294.0`, `1.5E2` as
    /// `1.5E2`); [`Double::value`] is the number. Equality and order are those of the
    /// lexical form.
    Double, "xs:double",
    r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[+-]?INF|NaN"
);
lexical_type!(
    /// `xs:float`, kept as written; [`Float::value`] is the number. Equality and order
    /// are those of the lexical form.
    Float, "xs:float",
    r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[+-]?INF|NaN"
);

macro_rules! float_value {
    ($($name:ident => $t:ty),*) => {$(
        impl $name {
            /// The number the lexical form stands for.
            pub fn value(&self) -> $t {
                match self.as_str() {
                    "INF" | "+INF" => <$t>::INFINITY,
                    "-INF" => <$t>::NEG_INFINITY,
                    "NaN" => <$t>::NAN,
                    // The pattern admits only what Rust's parser reads.
                    text => text.parse().unwrap_or(<$t>::NAN),
                }
            }
        }

        /// The shortest form that reads back to the same number (`INF`, `NaN` as XSD writes them).
        impl From<$t> for $name {
            fn from(value: $t) -> Self {
                let mut text = String::new();
                SimpleType::write(&value, &mut text);
                Self(Lexical::new(&text))
            }
        }
    )*};
}
float_value!(Double => f64, Float => f32);

lexical_type!(
    /// `xs:integer` and its unbounded derivations: any number of digits.
    Integer, "xs:integer", r"[+-]?[0-9]+"
);
lexical_type!(
    /// `xs:dateTime`, with optional fractional seconds and timezone as written.
    DateTime, "xs:dateTime",
    r"-?[0-9]{4,}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?(?:Z|[+-][0-9]{2}:[0-9]{2})?",
    matcher lexical::date_time
);
lexical_type!(
    /// `xs:date`, with optional timezone.
    Date, "xs:date", r"-?[0-9]{4,}-[0-9]{2}-[0-9]{2}(?:Z|[+-][0-9]{2}:[0-9]{2})?",
    matcher lexical::date
);
lexical_type!(
    /// `xs:time`, with optional fractional seconds and timezone.
    Time, "xs:time", r"[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?(?:Z|[+-][0-9]{2}:[0-9]{2})?",
    matcher lexical::time
);

/// Matchers for the date and time patterns, which every EWS item carries several of:
/// the regex engine's fixed cost per call showed in reading profiles.
mod lexical {
    struct Cursor<'s> {
        bytes: &'s [u8],
        at: usize,
    }

    impl Cursor<'_> {
        fn eat(&mut self, b: u8) -> bool {
            let found = self.bytes.get(self.at) == Some(&b);
            self.at += found as usize;
            found
        }
        /// At least `min` ASCII digits, as many as there are.
        fn digits(&mut self, min: usize) -> bool {
            let n = self.bytes[self.at..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            self.at += n;
            n >= min
        }
        /// Exactly two ASCII digits.
        fn two_digits(&mut self) -> bool {
            match self.bytes.get(self.at..self.at + 2) {
                Some([a, b]) if a.is_ascii_digit() && b.is_ascii_digit() => {
                    self.at += 2;
                    true
                }
                _ => false,
            }
        }
        /// `-?YYYY-MM-DD`, the year with four digits or more.
        fn date(&mut self) -> bool {
            self.eat(b'-');
            self.digits(4)
                && self.eat(b'-')
                && self.two_digits()
                && self.eat(b'-')
                && self.two_digits()
        }
        /// `hh:mm:ss` with optional fractional seconds.
        fn time(&mut self) -> bool {
            self.two_digits()
                && self.eat(b':')
                && self.two_digits()
                && self.eat(b':')
                && self.two_digits()
                && (!self.eat(b'.') || self.digits(1))
        }
        /// An optional `Z` or `±hh:mm`, then the end of the text.
        fn timezone_then_end(&mut self) -> bool {
            let zone = if self.eat(b'Z') {
                true
            } else if self.eat(b'+') || self.eat(b'-') {
                self.two_digits() && self.eat(b':') && self.two_digits()
            } else {
                true
            };
            zone && self.at == self.bytes.len()
        }
    }

    pub(super) fn date_time(bytes: &[u8]) -> bool {
        let mut c = Cursor { bytes, at: 0 };
        c.date() && c.eat(b'T') && c.time() && c.timezone_then_end()
    }

    pub(super) fn date(bytes: &[u8]) -> bool {
        let mut c = Cursor { bytes, at: 0 };
        c.date() && c.timezone_then_end()
    }

    pub(super) fn time(bytes: &[u8]) -> bool {
        let mut c = Cursor { bytes, at: 0 };
        c.time() && c.timezone_then_end()
    }
}
lexical_type!(
    /// `xs:duration` (`P1Y2M3DT4H5M6.7S`).
    Duration, "xs:duration",
    r"-?P(?:[0-9]+Y)?(?:[0-9]+M)?(?:[0-9]+D)?(?:T(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+(?:\.[0-9]+)?S)?)?"
);
lexical_type!(
    /// `xs:gYear`.
    GYear, "xs:gYear", r"-?[0-9]{4,}(?:Z|[+-][0-9]{2}:[0-9]{2})?"
);
lexical_type!(
    /// `xs:gYearMonth`.
    GYearMonth, "xs:gYearMonth", r"-?[0-9]{4,}-[0-9]{2}(?:Z|[+-][0-9]{2}:[0-9]{2})?"
);
lexical_type!(
    /// `xs:gMonth`.
    GMonth, "xs:gMonth", r"--[0-9]{2}(?:Z|[+-][0-9]{2}:[0-9]{2})?"
);
lexical_type!(
    /// `xs:gMonthDay`.
    GMonthDay, "xs:gMonthDay", r"--[0-9]{2}-[0-9]{2}(?:Z|[+-][0-9]{2}:[0-9]{2})?"
);
lexical_type!(
    /// `xs:gDay`.
    GDay, "xs:gDay", r"---[0-9]{2}(?:Z|[+-][0-9]{2}:[0-9]{2})?"
);

lexical_type!(
    /// `xs:base64Binary`, kept exactly as written (line breaks included) after checking it.
    Base64Binary, "xs:base64Binary",
    r"(?:(?:[A-Za-z0-9+/] ?){4})*(?:(?:[A-Za-z0-9+/] ?){3}[A-Za-z0-9+/]|(?:[A-Za-z0-9+/] ?){2}[AEIMQUYcgkosw048] ?=|[A-Za-z0-9+/] ?[AQgw] ?= ?=)?",
    raw
);
lexical_type!(
    /// `xs:hexBinary`, kept as written after checking it.
    HexBinary, "xs:hexBinary", r"(?:[0-9a-fA-F]{2})*"
);

/// Compares two `xs:decimal` lexical forms exactly, as numbers.
pub fn compare_decimal(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    fn parts(s: &str) -> (bool, &str, &str) {
        let s = s.trim();
        let (negative, digits) = match s.as_bytes().first() {
            Some(b'-') => (true, &s[1..]),
            Some(b'+') => (false, &s[1..]),
            _ => (false, s),
        };
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        (
            negative,
            int.trim_start_matches('0'),
            frac.trim_end_matches('0'),
        )
    }
    let (an, ai, af) = parts(a);
    let (bn, bi, bf) = parts(b);
    let a_zero = ai.is_empty() && af.is_empty();
    let b_zero = bi.is_empty() && bf.is_empty();
    let magnitude = ai.len().cmp(&bi.len()).then(ai.cmp(bi)).then(af.cmp(bf));
    match (an && !a_zero, bn && !b_zero) {
        (false, true) => Ordering::Greater,
        (true, false) => Ordering::Less,
        (false, false) => magnitude,
        (true, true) => magnitude.reverse(),
    }
}

/// Checks range facets on a decimal or integer lexical value, exactly.
pub fn check_decimal_range(
    value: &str,
    min_inclusive: Option<&str>,
    max_inclusive: Option<&str>,
    min_exclusive: Option<&str>,
    max_exclusive: Option<&str>,
) -> Result<(), ValueError> {
    use std::cmp::Ordering::*;
    let bounds = [
        (min_inclusive, [Less].as_slice(), "less than minInclusive"),
        (
            max_inclusive,
            [Greater].as_slice(),
            "greater than maxInclusive",
        ),
        (
            min_exclusive,
            [Less, Equal].as_slice(),
            "not greater than minExclusive",
        ),
        (
            max_exclusive,
            [Greater, Equal].as_slice(),
            "not less than maxExclusive",
        ),
    ];
    for (bound, failing, message) in bounds {
        if let Some(bound) = bound {
            if failing.contains(&compare_decimal(value, bound)) {
                return Err(ValueError::new(format!("{message} {bound}")));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Short forms are kept in place and long ones on the heap; either way a value is
    /// its text: equal, ordered and hashed by it.
    #[test]
    fn values_short_and_long_are_their_text() {
        fn hash_of(value: &impl std::hash::Hash) -> u64 {
            use std::hash::Hasher;
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            value.hash(&mut hasher);
            hasher.finish()
        }
        assert_eq!(
            std::mem::size_of::<DateTime>(),
            std::mem::size_of::<String>()
        );
        let short = "2024-11-26T07:11:43.1Z";
        let long = "2024-11-26T07:11:43.1234567890123+05:30";
        for text in [short, long, "12345678901234567890123456789012345"] {
            let (a, b) = (Lexical::new(text), Lexical::new(text));
            assert!(matches!(a, Lexical::Inline { .. }) == (text.len() <= INLINE));
            assert_eq!(a.as_str(), text);
            assert_eq!(a, b);
            assert_eq!(format!("{a:?}"), format!("{text:?}"));
            assert_eq!(hash_of(&a), hash_of(&text));
        }
        assert!(matches!(Lexical::new(short), Lexical::Inline { .. }));
        assert_eq!(
            Lexical::new(short).cmp(&Lexical::new(long)),
            short.cmp(long)
        );
        assert_eq!(DateTime::new(long).unwrap().to_string(), long);
        // What the writer escapes without a copy is what `write` would have written.
        for text in [short, long] {
            let value = DateTime::new(text).unwrap();
            let mut written = String::new();
            value.write(&mut written);
            assert_eq!(value.as_text(), Some(written.as_str()));
        }
    }

    #[test]
    fn floats_keep_the_form_they_were_written_in_and_give_their_number() {
        for (text, value) in [
            ("294.0", 294.0),
            ("1.5E2", 150.0),
            (" -.5e-1 ", -0.05),
            ("7", 7.0),
        ] {
            let d = Double::new(text).unwrap();
            assert_eq!(d.as_str(), text.trim());
            assert_eq!(d.value(), value);
        }
        assert_eq!(Double::new("-INF").unwrap().value(), f64::NEG_INFINITY);
        assert!(Double::new("NaN").unwrap().value().is_nan());
        assert_eq!(Float::new("1.25").unwrap().value(), 1.25f32);
        for bad in ["", "1.0.0", "e5", "1e", "inf", "0x10", "1,5", "1 2"] {
            assert!(Double::new(bad).is_err(), "{bad:?}");
        }
        // Built from a number: the shortest form that reads back to it.
        assert_eq!(Double::from(294.0).as_str(), "294");
        assert_eq!(Double::from(f64::INFINITY).as_str(), "INF");
        assert_eq!(Float::from(0.1f32).value(), 0.1f32);
    }

    #[test]
    fn lexical_types_keep_their_text_and_reject_garbage() {
        assert_eq!(Decimal::new(" 12.50 ").unwrap().as_str(), "12.50");
        assert!(Decimal::new("1e5").is_err());
        assert_eq!(
            Integer::new("123456789012345678901234567890")
                .unwrap()
                .as_str(),
            "123456789012345678901234567890"
        );
        assert_eq!(
            DateTime::new("2006-10-25T10:00:00.1234567-08:00")
                .unwrap()
                .as_str(),
            "2006-10-25T10:00:00.1234567-08:00"
        );
        assert!(DateTime::new("2006-10-25").is_err());
        // Whitespace around a date is collapsed away, inside it refused.
        assert_eq!(
            DateTime::new("\n  2006-10-25T10:00:00Z \t")
                .unwrap()
                .as_str(),
            "2006-10-25T10:00:00Z"
        );
        assert_eq!(Date::new(" 2006-10-25 ").unwrap().as_str(), "2006-10-25");
        assert!(DateTime::new("2006-10-25 T10:00:00Z").is_err());
        assert!(Duration::new("P1DT2H").is_ok());
        assert!(Time::new("25h").is_err());
        assert!(Base64Binary::new(
            "AAAAAGsd2rbQLVtLobUGbrq/9IUBAEX2ikn/L8JJtI5WHI0FAW8AAAFXHhsAAA=="
        )
        .is_ok());
        assert!(Base64Binary::new("QUJD\n RA==").is_ok());
        assert!(
            Base64Binary::new("WNlQXBwPg==").is_err(),
            "11 characters cannot be base64"
        );
        assert!(Base64Binary::new("/9j/4AAQSkZJRgABAQEAYABgAAD/02").is_err());
        assert!(HexBinary::new("0fA9").is_ok());
        assert!(HexBinary::new("0fA").is_err());
    }

    /// The hand-written date and time matchers accept exactly what their regexes do:
    /// valid values, each mutated at every position, and random strings over the
    /// characters the patterns use.
    #[test]
    fn date_time_matchers_agree_with_the_patterns() {
        fn check(re: &Regex, matcher: fn(&[u8]) -> bool, text: &str) {
            assert_eq!(
                matcher(text.as_bytes()),
                re.is_match(text),
                "{text:?} against {re}"
            );
        }
        type Case = (&'static str, fn(&[u8]) -> bool, &'static [&'static str]);
        let cases: [Case; 3] = [
            (
                DateTime::PATTERN,
                lexical::date_time,
                &[
                    "2006-10-25T10:00:00.1234567-08:00",
                    "-12345-01-02T03:04:05Z",
                    "2020-08-28T21:04:17",
                ],
            ),
            (
                Date::PATTERN,
                lexical::date,
                &["2006-10-25", "-0001-12-31+14:00", "20061-10-25Z"],
            ),
            (
                Time::PATTERN,
                lexical::time,
                &["10:00:00", "23:59:60.5Z", "00:00:00-00:00"],
            ),
        ];
        let alphabet = b"0123456789-+:.TZ x";
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for (pattern, matcher, valid) in cases {
            let pattern = &Regex::new(pattern).unwrap();
            for text in valid {
                assert!(matcher(text.as_bytes()), "{text}");
                for at in 0..=text.len() {
                    for &b in alphabet {
                        let mut mutated = text.as_bytes().to_vec();
                        mutated.insert(at, b);
                        check(pattern, matcher, std::str::from_utf8(&mutated).unwrap());
                        if at < text.len() {
                            mutated.remove(at);
                            mutated[at] = b;
                            check(pattern, matcher, std::str::from_utf8(&mutated).unwrap());
                            mutated.remove(at);
                            check(pattern, matcher, std::str::from_utf8(&mutated).unwrap());
                        }
                    }
                }
            }
            for _ in 0..20_000 {
                let len = (next() % 36) as usize;
                let text: String = (0..len)
                    .map(|_| alphabet[(next() % alphabet.len() as u64) as usize] as char)
                    .collect();
                check(pattern, matcher, &text);
            }
        }
    }

    #[test]
    fn decimals_compare_as_numbers() {
        use std::cmp::Ordering::*;
        assert_eq!(compare_decimal("10", "9.99"), Greater);
        assert_eq!(compare_decimal("-10", "-9"), Less);
        assert_eq!(compare_decimal("1.50", "+1.5"), Equal);
        assert_eq!(compare_decimal("-0", "0.0"), Equal);
        assert_eq!(compare_decimal("0.001", "0.01"), Less);
        assert!(check_decimal_range("5", Some("1"), Some("5"), None, None).is_ok());
        assert!(check_decimal_range("5", None, None, None, Some("5")).is_err());
    }
}
