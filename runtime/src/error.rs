//! Errors raised while reading or writing XML through generated types.

use std::fmt;

/// Where in a document a problem was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// 1-based line (0 for an error that is not in the text, [`ReadErrorKind::Io`]).
    pub line: u32,
    /// 1-based column, counted in characters.
    pub column: u32,
    /// Local names of the open elements, outermost first, joined by `/`
    /// (`Envelope/Body/GetCallInfo/CallId`).
    pub path: String,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)?;
        if !self.path.is_empty() {
            write!(f, " at {}", self.path)?;
        }
        Ok(())
    }
}

/// A document that the generated types cannot accept, with its position.
///
/// Its details (`err.location`, `err.kind`, through `Deref`) are boxed: every reading
/// function returns `Result<_, ReadError>`, and a one-pointer error keeps those results
/// small on the path where nothing goes wrong.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", .0)]
pub struct ReadError(Box<ReadErrorDetail>);

/// Where and what: the contents of a [`ReadError`].
#[derive(Debug, Clone, PartialEq)]
pub struct ReadErrorDetail {
    /// Line, column and element path of the offending markup.
    pub location: Location,
    /// What went wrong.
    pub kind: ReadErrorKind,
}

/// `line:column at path: what`; only `what` for an error that is not in the text
/// (line 0: the file could not be read).
impl fmt::Display for ReadErrorDetail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.location.line == 0 {
            write!(f, "{}", self.kind)
        } else {
            write!(f, "{}: {}", self.location, self.kind)
        }
    }
}

impl ReadError {
    /// An error of this kind at this location.
    pub fn new(location: Location, kind: ReadErrorKind) -> Self {
        Self(Box::new(ReadErrorDetail { location, kind }))
    }

    /// The same error with `local` appended to its path: for an element that is not on
    /// the reader's path when the error is made (its start tag unfinished, or closed).
    pub(crate) fn within(mut self, local: &str) -> Self {
        let path = &mut self.0.location.path;
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str(local);
        self
    }
}

impl std::ops::Deref for ReadError {
    type Target = ReadErrorDetail;
    fn deref(&self) -> &ReadErrorDetail {
        &self.0
    }
}

impl std::ops::DerefMut for ReadError {
    fn deref_mut(&mut self) -> &mut ReadErrorDetail {
        &mut self.0
    }
}

/// The kinds of reading errors.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReadErrorKind {
    /// The input is not well-formed XML.
    #[error("malformed XML: {0}")]
    Malformed(String),
    /// The document ended while elements were still open.
    #[error("unexpected end of document: expected {expected}")]
    UnexpectedEof {
        /// What the reader was waiting for.
        expected: String,
    },
    /// An element appeared where another (or the end of the parent) was expected.
    #[error("unexpected element {found}: expected {expected}")]
    UnexpectedElement {
        /// What the content model allows here: "`<A>`", "one of `<A>`, `<B>`, or the end
        /// of `<P>`"; names in the parent's namespace bare, others as `<{namespace}local>`.
        expected: String,
        /// The element found, as `<local>` in the parent's namespace, `<{namespace}local>`
        /// in another, `<local> (no namespace)` in none.
        found: String,
    },
    /// A required element is missing: the parent ended first.
    #[error("missing element: expected {expected}, found the end of <{parent}>")]
    MissingElement {
        /// What the content model allows here (as in `UnexpectedElement`).
        expected: String,
        /// Local name of the element whose end came too early.
        parent: String,
    },
    /// Character data in element-only content.
    #[error("unexpected text {found:?}: expected {expected}")]
    UnexpectedText {
        /// What the content model allows here.
        expected: String,
        /// The text found (shortened).
        found: String,
    },
    /// A child element inside an element with simple content.
    #[error("unexpected element {found} inside simple content")]
    ElementInSimpleContent {
        /// The element found.
        found: String,
    },
    /// An attribute that the type does not declare.
    #[error("unexpected attribute {found}")]
    UnexpectedAttribute {
        /// The attribute found.
        found: String,
    },
    /// A required attribute is absent.
    #[error("missing required attribute {name}")]
    MissingAttribute {
        /// The attribute's name.
        name: String,
    },
    /// A value that does not belong to its simple type.
    #[error("invalid value {value:?} for {type_name}: {reason}")]
    InvalidValue {
        /// The value as written.
        value: String,
        /// The XSD type it must conform to.
        type_name: String,
        /// Which rule it breaks.
        reason: String,
    },
    /// More occurrences than `maxOccurs` allows.
    #[error("too many {name} elements: at most {max} allowed")]
    TooMany {
        /// The element name.
        name: String,
        /// `maxOccurs`.
        max: u32,
    },
    /// Fewer occurrences than `minOccurs` requires.
    #[error("too few {name} elements: {found} found, at least {min} required")]
    TooFew {
        /// The element name, as `<local>` (as in `UnexpectedElement`).
        name: String,
        /// How many were read.
        found: u32,
        /// `minOccurs`.
        min: u32,
    },
    /// A namespace prefix with no declaration in scope.
    #[error("unbound namespace prefix {0:?}")]
    UnboundPrefix(String),
    /// `xsi:nil="true"` on an element that is not nillable, or with content.
    #[error("{0}")]
    Nil(String),
    /// `xsi:type` names no type the element may hold, or is missing on an abstract type.
    #[error("{0}")]
    XsiType(String),
    /// Nesting deeper than the reader's limit.
    #[error("elements nested deeper than the limit of {0}")]
    TooDeep(usize),
    /// A document larger than [`ReadLimits::max_document_size`](crate::ReadLimits).
    #[error("document of {size} bytes is larger than the limit of {limit}")]
    TooLarge {
        /// The document's size in bytes.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// More attributes on one element than [`ReadLimits::max_attributes`](crate::ReadLimits).
    #[error("more than {0} attributes on one element")]
    TooManyAttributes(usize),
    /// Bytes that cannot be decoded: an encoding the reader does not support, a
    /// byte-order mark or first bytes that contradict the declared encoding, or bytes
    /// that are not valid in the encoding ([`decode_document`](crate::decode_document)).
    #[error("cannot read the document as {encoding}: {reason}")]
    Encoding {
        /// The encoding concerned: as the XML declaration names it, as the byte-order
        /// mark or the first bytes show it, or the decoder's name for malformed bytes.
        encoding: String,
        /// What is wrong, with the byte offset of malformed bytes.
        reason: String,
    },
    /// The document could not be read from its file or reader
    /// ([`read_document_file`](crate::read_document_file),
    /// [`read_document_from`](crate::read_document_from)). Not in the text: the
    /// error's location is line 0, and its message leaves the location out.
    #[error("cannot read {}: {message}", io_source(.path.as_deref()))]
    Io {
        /// The file, when reading one.
        path: Option<std::path::PathBuf>,
        /// The kind of failure.
        kind: std::io::ErrorKind,
        /// The system's message.
        message: String,
    },
}

fn io_source(path: Option<&std::path::Path>) -> String {
    match path {
        Some(path) => format!("file {}", path.display()),
        None => "the document".into(),
    }
}

/// A value that cannot be written as XML.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WriteError {
    /// A value breaks a facet of its type.
    #[error("{path}: invalid value {value:?} for {type_name}: {reason}")]
    InvalidValue {
        /// Element path of the value.
        path: String,
        /// The value.
        value: String,
        /// The XSD type.
        type_name: String,
        /// The rule it breaks.
        reason: String,
    },
    /// A character that XML 1.0 documents cannot contain, even escaped.
    #[error("{path}: character {character:?} cannot be written in XML 1.0")]
    InvalidCharacter {
        /// Element path where it was to be written.
        path: String,
        /// The character.
        character: char,
    },
    /// A list field holds more or fewer items than its occurrence bounds allow.
    #[error("{path}: {name} occurs {count} times, allowed {}", occurrence_range(*min, *max))]
    Occurrence {
        /// Element path of the parent.
        path: String,
        /// The element name.
        name: String,
        /// How many items the field holds.
        count: usize,
        /// `minOccurs`.
        min: u32,
        /// `maxOccurs` (`u32::MAX` for unbounded).
        max: u32,
    },
    /// A SOAP envelope that would not be SOAP: a header block without a namespace, or
    /// a header block's SOAP attribute outside the envelope's namespace.
    #[error("not a SOAP envelope: {reason}")]
    NotSoap {
        /// What breaks SOAP's rules.
        reason: String,
    },
}

/// `minOccurs`..`maxOccurs` in words: "one or more", "at most 3", "2 to 5", "exactly 2".
fn occurrence_range(min: u32, max: u32) -> String {
    match (min, max) {
        (0, u32::MAX) => "any number".into(),
        (1, u32::MAX) => "one or more".into(),
        (min, u32::MAX) => format!("{min} or more"),
        (0, max) => format!("at most {max}"),
        (min, max) if min == max => format!("exactly {min}"),
        (min, max) => format!("{min} to {max}"),
    }
}

/// Why a lexical value does not belong to a simple type (no position yet:
/// the reader adds it).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{reason}")]
pub struct ValueError {
    /// Which rule the value breaks.
    pub reason: String,
}

impl ValueError {
    /// A value error with the given reason.
    pub fn new(reason: impl Into<String>) -> Self {
        Self {
            reason: reason.into(),
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_column(input: &str, offset: usize) -> (u32, u32) {
    let offset = floor_char_boundary(input, offset.min(input.len()));
    let before = &input[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line as u32, column as u32)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    #[test]
    fn occurrence_bounds_read_as_words_without_the_unbounded_sentinel() {
        let err = |min, max| {
            super::WriteError::Occurrence {
                path: "a".into(),
                name: "b".into(),
                count: 0,
                min,
                max,
            }
            .to_string()
        };
        assert_eq!(err(1, u32::MAX), "a: b occurs 0 times, allowed one or more");
        assert_eq!(err(2, u32::MAX), "a: b occurs 0 times, allowed 2 or more");
        assert_eq!(err(0, 3), "a: b occurs 0 times, allowed at most 3");
        assert_eq!(err(2, 2), "a: b occurs 0 times, allowed exactly 2");
        assert_eq!(err(2, 5), "a: b occurs 0 times, allowed 2 to 5");
    }
}
