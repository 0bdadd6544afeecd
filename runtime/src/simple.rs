//! Simple types: parsing and writing lexical values, whitespace rules and facets.

use crate::chars::{bytes_below, is_xml_space};
use crate::error::ValueError;

/// A value of an XSD simple type, read from and written to its lexical form.
pub trait SimpleType: Sized {
    /// The XSD type name, for messages (`xs:boolean`, `m:CallIdType`).
    const NAME: &'static str;
    /// Parses a lexical value (whitespace not yet processed).
    fn parse(text: &str) -> Result<Self, ValueError>;
    /// Takes a text the reader had to build (references resolved) as the value when
    /// any text is one (`xs:string`), without a copy; otherwise gives it back for
    /// [`SimpleType::parse`].
    fn take_text(text: String) -> Result<Self, String> {
        Err(text)
    }
    /// Appends the canonical lexical form.
    fn write(&self, out: &mut String);
    /// The lexical form when the value holds it as text already (`String`, dates and
    /// other kept lexical forms): the writer escapes it from there, with no copy first.
    fn as_text(&self) -> Option<&str> {
        None
    }
    /// Checks the value's facets before writing (parsed values always pass).
    fn validate(&self) -> Result<(), ValueError> {
        Ok(())
    }
    /// A generated type's XSD namespace and name, when it has one.
    const TYPE_NAME: crate::TypeName = None;
    /// Whether `xsi:type` naming `{ns}local` names this XSD type itself. A Rust type that
    /// stands for several XSD types (`String`, [`Integer`](crate::types::Integer)) cannot
    /// tell which one an element declared, and accepts none.
    fn accepts_xsi_type(ns: Option<&str>, local: &str) -> bool {
        crate::names_type(Self::TYPE_NAME, ns, local)
    }
    /// Parses a value read from a document, where the names of a `xs:QName` value are
    /// prefixed by the element's in-scope declarations (`scope`); other types ignore it.
    fn parse_scoped(text: &str, _scope: &dyn PrefixScope) -> Result<Self, ValueError> {
        Self::parse(text)
    }
    /// The expanded name a `xs:QName` value stands for: the writer declares a prefix for
    /// its namespace in the element being written. `None` for values that are not names.
    fn qname(&self) -> Option<(Option<&'static str>, &'static str)> {
        None
    }
}

/// The namespace declarations in scope where a value was read.
pub trait PrefixScope {
    /// The namespace URI bound to `prefix` (`""`: the default namespace), if any.
    fn namespace_of(&self, prefix: &str) -> Option<&str>;
}

/// The namespace and local name of a `xs:QName` value (whitespace collapsed): an
/// unprefixed name is in the default namespace.
pub fn resolve_qname<'s>(
    text: &'s str,
    scope: &'s dyn PrefixScope,
) -> Result<(Option<&'s str>, &'s str), ValueError> {
    let text = text.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r'));
    match text.split_once(':') {
        Some((prefix, local)) => match scope.namespace_of(prefix) {
            Some(ns) => Ok((Some(ns), local)),
            None => Err(ValueError::new(format!(
                "prefix {prefix:?} is not declared"
            ))),
        },
        None => Ok((scope.namespace_of(""), text)),
    }
}

/// The XML Schema namespace, where the built-in types are.
const XSD_NS: &str = "http://www.w3.org/2001/XMLSchema";

/// Whether `{ns}local` names the built-in type written `xs:local` in `name`.
pub(crate) fn is_builtin(name: &str, ns: Option<&str>, local: &str) -> bool {
    ns == Some(XSD_NS) && name.strip_prefix("xs:") == Some(local)
}

/// Whitespace handling of a simple type (the `whiteSpace` facet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhiteSpace {
    /// Keep the value as written.
    Preserve,
    /// Replace each tab, line feed and carriage return with a space.
    Replace,
    /// Replace, then collapse runs of spaces and trim both ends.
    Collapse,
}

/// Whether some byte of `text` is a space or below it, eight bytes at a time.
fn holds_space_or_control(text: &str) -> bool {
    let mut words = text.as_bytes().chunks_exact(8);
    let found = words
        .by_ref()
        .any(|w| bytes_below(u64::from_le_bytes(w.try_into().expect("eight bytes")), 0x21) != 0);
    found || words.remainder().iter().any(|&b| b <= b' ')
}

/// `text` without leading and trailing XML whitespace (space, tab, CR, LF).
fn trim_xml_whitespace(text: &str) -> &str {
    let bytes = text.as_bytes();
    let Some(start) = bytes.iter().position(|&b| !is_xml_space(b)) else {
        return "";
    };
    let end = bytes
        .iter()
        .rposition(|&b| !is_xml_space(b))
        .map_or(start, |i| i + 1);
    // Both ends sit next to ASCII bytes: char boundaries.
    &text[start..end]
}

impl WhiteSpace {
    /// Applies the rule, borrowing when nothing changes.
    pub fn apply<'t>(self, text: &'t str) -> std::borrow::Cow<'t, str> {
        use std::borrow::Cow;
        match self {
            WhiteSpace::Preserve => Cow::Borrowed(text),
            WhiteSpace::Replace => {
                if text.bytes().any(|b| matches!(b, b'\t' | b'\n' | b'\r')) {
                    Cow::Owned(text.replace(['\t', '\n', '\r'], " "))
                } else {
                    Cow::Borrowed(text)
                }
            }
            // Most values of collapsing types (dates, numbers, enumerations) hold no
            // space at all: one cheap test settles them.
            WhiteSpace::Collapse if !holds_space_or_control(text) => Cow::Borrowed(text),
            WhiteSpace::Collapse => {
                let trimmed = trim_xml_whitespace(text);
                // One byte pass: a tab, line break or second space in a row needs work.
                let mut last_space = false;
                let needs_work = trimmed.bytes().any(|b| {
                    let work = matches!(b, b'\t' | b'\n' | b'\r') || (b == b' ' && last_space);
                    last_space = b == b' ';
                    work
                });
                if !needs_work {
                    return Cow::Borrowed(trimmed);
                }
                let mut out = String::with_capacity(trimmed.len());
                let words = trimmed.split(|c: char| c.is_ascii() && is_xml_space(c as u8));
                for word in words.filter(|w| !w.is_empty()) {
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    out.push_str(word);
                }
                Cow::Owned(out)
            }
        }
    }
}

/// Checks the length facets (`length`, `minLength`, `maxLength`), counted in characters
/// for strings and in items for lists.
pub fn check_length(
    len: usize,
    length: Option<usize>,
    min: Option<usize>,
    max: Option<usize>,
) -> Result<(), ValueError> {
    if let Some(n) = length {
        if len != n {
            return Err(ValueError::new(format!("length is {len}, must be {n}")));
        }
    }
    if let Some(n) = min {
        if len < n {
            return Err(ValueError::new(format!(
                "length is {len}, shorter than minLength {n}"
            )));
        }
    }
    if let Some(n) = max {
        if len > n {
            return Err(ValueError::new(format!(
                "length is {len}, longer than maxLength {n}"
            )));
        }
    }
    Ok(())
}

/// Checks a value against the range facets of an ordered type.
pub fn check_range<T: PartialOrd + std::fmt::Display>(
    value: &T,
    min_inclusive: Option<T>,
    max_inclusive: Option<T>,
    min_exclusive: Option<T>,
    max_exclusive: Option<T>,
) -> Result<(), ValueError> {
    if let Some(m) = min_inclusive {
        if *value < m {
            return Err(ValueError::new(format!("less than minInclusive {m}")));
        }
    }
    if let Some(m) = max_inclusive {
        if *value > m {
            return Err(ValueError::new(format!("greater than maxInclusive {m}")));
        }
    }
    if let Some(m) = min_exclusive {
        if *value <= m {
            return Err(ValueError::new(format!(
                "not greater than minExclusive {m}"
            )));
        }
    }
    if let Some(m) = max_exclusive {
        if *value >= m {
            return Err(ValueError::new(format!("not less than maxExclusive {m}")));
        }
    }
    Ok(())
}

/// Checks a lexical value against the enumeration of its type.
pub fn check_enumeration(value: &str, allowed: &[&str]) -> Result<(), ValueError> {
    if allowed.contains(&value) {
        Ok(())
    } else {
        Err(ValueError::new(format!(
            "not one of the allowed values {}",
            allowed.join(", ")
        )))
    }
}

/// Counts the digits of a decimal lexical form for `totalDigits` / `fractionDigits`.
pub fn check_digits(
    lexical: &str,
    total: Option<usize>,
    fraction: Option<usize>,
) -> Result<(), ValueError> {
    let digits = lexical.trim_start_matches(['+', '-']);
    let (int_part, frac_part) = digits.split_once('.').unwrap_or((digits, ""));
    let int_part = int_part.trim_start_matches('0');
    let frac_part = frac_part.trim_end_matches('0');
    if let Some(n) = fraction {
        if frac_part.len() > n {
            return Err(ValueError::new(format!(
                "{} fraction digits, more than fractionDigits {n}",
                frac_part.len()
            )));
        }
    }
    if let Some(n) = total {
        let count = (int_part.len() + frac_part.len()).max(1);
        if count > n {
            return Err(ValueError::new(format!(
                "{count} digits, more than totalDigits {n}"
            )));
        }
    }
    Ok(())
}

/// Whole-value match of an XSD `pattern`, already translated to a `regex` expression.
pub fn check_pattern(value: &str, regex: &regex::Regex, source: &str) -> Result<(), ValueError> {
    if regex.is_match(value) {
        Ok(())
    } else {
        Err(ValueError::new(format!(
            "does not match pattern {source:?}"
        )))
    }
}

impl SimpleType for String {
    const NAME: &'static str = "xs:string";
    fn parse(text: &str) -> Result<Self, ValueError> {
        Ok(text.to_string())
    }
    fn take_text(text: String) -> Result<Self, String> {
        Ok(text)
    }
    fn write(&self, out: &mut String) {
        out.push_str(self);
    }
    fn as_text(&self) -> Option<&str> {
        Some(self)
    }
}

impl SimpleType for bool {
    const NAME: &'static str = "xs:boolean";
    fn parse(text: &str) -> Result<Self, ValueError> {
        // As booleans are mostly written: no whitespace to collapse.
        match text {
            "true" | "1" => return Ok(true),
            "false" | "0" => return Ok(false),
            _ => {}
        }
        match WhiteSpace::Collapse.apply(text).as_ref() {
            "true" | "1" => Ok(true),
            "false" | "0" => Ok(false),
            _ => Err(ValueError::new("expected true, false, 1 or 0")),
        }
    }
    fn accepts_xsi_type(ns: Option<&str>, local: &str) -> bool {
        is_builtin(Self::NAME, ns, local)
    }
    fn write(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
    fn as_text(&self) -> Option<&str> {
        Some(if *self { "true" } else { "false" })
    }
}

macro_rules! integer_type {
    ($($t:ty => $name:literal),* $(,)?) => {$(
        impl SimpleType for $t {
            const NAME: &'static str = $name;
            fn parse(text: &str) -> Result<Self, ValueError> {
                let text = WhiteSpace::Collapse.apply(text);
                let digits = text.strip_prefix('+').unwrap_or(&text);
                if digits.starts_with(['+', '-']) && digits.len() > 1 && digits[1..].starts_with(['+', '-']) {
                    return Err(ValueError::new("not an integer"));
                }
                digits.parse::<$t>().map_err(|e| ValueError::new(format!("not a valid {}: {e}", $name)))
            }
            fn write(&self, out: &mut String) {
                use std::fmt::Write;
                let _ = write!(out, "{self}");
            }
            fn accepts_xsi_type(ns: Option<&str>, local: &str) -> bool {
                is_builtin($name, ns, local)
            }
        }
    )*};
}
integer_type!(i8 => "xs:byte", i16 => "xs:short", i32 => "xs:int", i64 => "xs:long",
    u8 => "xs:unsignedByte", u16 => "xs:unsignedShort", u32 => "xs:unsignedInt", u64 => "xs:unsignedLong");

macro_rules! float_type {
    ($($t:ty => $name:literal),*) => {$(
        impl SimpleType for $t {
            const NAME: &'static str = $name;
            fn parse(text: &str) -> Result<Self, ValueError> {
                let text = WhiteSpace::Collapse.apply(text);
                match text.as_ref() {
                    "INF" | "+INF" => Ok(<$t>::INFINITY),
                    "-INF" => Ok(<$t>::NEG_INFINITY),
                    "NaN" => Ok(<$t>::NAN),
                    t if t.is_empty()
                        || t.contains(|c: char| !(c.is_ascii_digit() || matches!(c, '+' | '-' | '.' | 'e' | 'E'))) =>
                        Err(ValueError::new(concat!("not a valid ", $name))),
                    t => t.parse::<$t>().map_err(|_| ValueError::new(concat!("not a valid ", $name))),
                }
            }
            fn write(&self, out: &mut String) {
                use std::fmt::Write;
                if self.is_nan() {
                    out.push_str("NaN");
                } else if self.is_infinite() {
                    out.push_str(if *self > 0.0 { "INF" } else { "-INF" });
                } else {
                    // Display is the shortest form that reads back to the same value.
                    let _ = write!(out, "{self}");
                }
            }
            fn accepts_xsi_type(ns: Option<&str>, local: &str) -> bool {
                is_builtin($name, ns, local)
            }
        }
    )*};
}
float_type!(f32 => "xs:float", f64 => "xs:double");

#[cfg(test)]
mod tests {
    use super::WhiteSpace;

    /// XSD's whitespace rules, written the plain way (the real ones scan bytes once).
    fn reference(rule: WhiteSpace, text: &str) -> String {
        let is_ws = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r');
        match rule {
            WhiteSpace::Preserve => text.to_string(),
            WhiteSpace::Replace => text
                .chars()
                .map(|c| if is_ws(c) { ' ' } else { c })
                .collect(),
            WhiteSpace::Collapse => text
                .split(is_ws)
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" "),
        }
    }

    /// The writer escapes `as_text` in place of what `write` writes: they must agree.
    #[test]
    fn text_held_is_the_text_written() {
        fn agree<T: super::SimpleType>(value: T) {
            let mut written = String::new();
            value.write(&mut written);
            assert_eq!(value.as_text(), Some(written.as_str()));
        }
        agree(true);
        agree(false);
        agree(String::from("a < b & \"c\""));
        agree(String::new());
    }

    /// The four literals, with whitespace around them collapsed; nothing else.
    #[test]
    fn booleans_are_the_four_literals() {
        for (text, value) in [("true", true), ("1", true), ("false", false), ("0", false)] {
            assert_eq!(
                <bool as super::SimpleType>::parse(text),
                Ok(value),
                "{text:?}"
            );
            let spaced = format!(" \t{text}\n ");
            assert_eq!(
                <bool as super::SimpleType>::parse(&spaced),
                Ok(value),
                "{spaced:?}"
            );
        }
        for text in ["True", "yes", "", "t rue", "01", "truefalse"] {
            assert!(
                <bool as super::SimpleType>::parse(text).is_err(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn whitespace_rules_match_their_definitions() {
        let pieces = [
            "", " ", "  ", "\t", "\r\n", "a", "bc", "\u{A0}", "é", "\u{2028}",
        ];
        for rule in [
            WhiteSpace::Preserve,
            WhiteSpace::Replace,
            WhiteSpace::Collapse,
        ] {
            for a in pieces {
                for b in pieces {
                    for c in pieces {
                        let text = format!("{a}{b}{c}{a}");
                        assert_eq!(
                            rule.apply(&text),
                            reference(rule, &text),
                            "{rule:?} {text:?}"
                        );
                    }
                }
            }
        }
    }
}
