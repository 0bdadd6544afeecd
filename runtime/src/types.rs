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
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// Checks a lexical value.
            pub fn new(text: &str) -> Result<Self, ValueError> {
                <Self as SimpleType>::parse(text)
            }
            /// The lexical form.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = ValueError;
            fn from_str(s: &str) -> Result<Self, ValueError> {
                Self::new(s)
            }
        }

        impl SimpleType for $name {
            const NAME: &'static str = $xsd;
            fn parse(text: &str) -> Result<Self, ValueError> {
                static RE: OnceLock<Regex> = OnceLock::new();
                let re = RE.get_or_init(|| Regex::new(concat!("^(?:", $re, ")$")).expect("valid built-in pattern"));
                let text = WhiteSpace::Collapse.apply(text);
                if re.is_match(&text) {
                    Ok(Self(text.into_owned()))
                } else {
                    Err(ValueError::new(concat!("not a valid ", $xsd)))
                }
            }
            fn write(&self, out: &mut String) {
                out.push_str(&self.0);
            }
        }
    };
}


lexical_type!(
    /// `xs:decimal`: exact, any precision.
    Decimal, "xs:decimal", r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
);
lexical_type!(
    /// `xs:integer` and its unbounded derivations: any number of digits.
    Integer, "xs:integer", r"[+-]?[0-9]+"
);
lexical_type!(
    /// `xs:dateTime`, with optional fractional seconds and timezone as written.
    DateTime, "xs:dateTime",
    r"-?[0-9]{4,}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?(?:Z|[+-][0-9]{2}:[0-9]{2})?"
);
lexical_type!(
    /// `xs:date`, with optional timezone.
    Date, "xs:date", r"-?[0-9]{4,}-[0-9]{2}-[0-9]{2}(?:Z|[+-][0-9]{2}:[0-9]{2})?"
);
lexical_type!(
    /// `xs:time`, with optional fractional seconds and timezone.
    Time, "xs:time", r"[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?(?:Z|[+-][0-9]{2}:[0-9]{2})?"
);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_types_keep_their_text_and_reject_garbage() {
        assert_eq!(Decimal::new(" 12.50 ").unwrap().as_str(), "12.50");
        assert!(Decimal::new("1e5").is_err());
        assert_eq!(
            Integer::new("123456789012345678901234567890").unwrap().as_str(),
            "123456789012345678901234567890"
        );
        assert_eq!(
            DateTime::new("2006-10-25T10:00:00.1234567-08:00").unwrap().as_str(),
            "2006-10-25T10:00:00.1234567-08:00"
        );
        assert!(DateTime::new("2006-10-25").is_err());
        assert!(Duration::new("P1DT2H").is_ok());
        assert!(Time::new("25h").is_err());
    }
}
