//! Documents as bytes: the encoding is taken from the byte-order mark or the XML
//! declaration (XML 1.0 §4.3.3 and Appendix F) and the bytes are decoded into the text
//! the reader takes.
//!
//! - A byte-order mark decides: `EF BB BF` UTF-8, `FF FE` UTF-16LE, `FE FF` UTF-16BE. A
//!   declared encoding must agree with it (`UTF-16` agrees with either UTF-16 mark).
//! - Without one, the first bytes show how to read the XML declaration: `3C 3F 78 6D`
//!   (`<?xm` in an ASCII-compatible encoding), `3C 00 3F 00` / `00 3C 00 3F` (`<?` in
//!   16-bit units, little- or big-endian; such a document must name its encoding).
//!   Its `encoding` pseudo-attribute names the encoding; without one it is UTF-8.
//! - A declaration naming UTF-16 over bytes that are not 16-bit is an error (a UTF-16
//!   document begins with a byte-order mark); so are UTF-32/UCS-4 and EBCDIC, recognized
//!   by their first bytes, and any name no decoder here knows, each named in the error.
//! - UTF-8 is validated and borrowed, not copied. ISO-8859-1 (and its aliases
//!   `latin1`, `l1`, …) is decoded exactly, each byte the character U+0000–U+00FF, and
//!   US-ASCII strictly (a byte over 7F is an error), although the WHATWG Encoding Standard
//!   reads all of these as windows-1252. Every other name is looked up as a WHATWG label
//!   and decoded by `encoding_rs` (windows-1252 and the other single-byte encodings,
//!   Shift_JIS, EUC-JP, ISO-2022-JP, GBK, gb18030, Big5, EUC-KR); where the standard reads
//!   an ISO encoding as its Windows superset (ISO-8859-9 as windows-1254, ISO-8859-11 as
//!   windows-874), bytes 80–9F, C1 controls in the ISO encoding, become the Windows
//!   characters.
//! - Bytes that are not valid in the encoding are an error with their byte offset, never
//!   replaced by U+FFFD.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::Read;
use std::path::Path;

use encoding_rs::{
    DecoderResult, Encoding, REPLACEMENT, UTF_16BE, UTF_16LE, UTF_8, X_USER_DEFINED,
};

use crate::error::{line_column, Location, ReadError, ReadErrorKind};
use crate::reader::ReadLimits;
use crate::XmlElement;

/// What an error says of the encodings it could not find.
const SUPPORTED: &str = "unknown or unsupported encoding (supported: UTF-8, UTF-16, \
    ISO-8859-1, US-ASCII, windows-1252 and the other encodings of the WHATWG Encoding \
    Standard; not UTF-32, UCS-4 or EBCDIC)";

/// How the first bytes lay out characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// One byte per ASCII character (UTF-8, the single-byte and the multi-byte legacy
    /// encodings).
    Bytes,
    Utf16Le,
    Utf16Be,
}

impl Layout {
    /// The `i`th code unit, if the bytes hold it whole.
    fn unit_at(self, bytes: &[u8], i: usize) -> Option<u16> {
        match self {
            Layout::Bytes => bytes.get(i).map(|&b| u16::from(b)),
            Layout::Utf16Le => Some(u16::from_le_bytes([
                *bytes.get(2 * i)?,
                *bytes.get(2 * i + 1)?,
            ])),
            Layout::Utf16Be => Some(u16::from_be_bytes([
                *bytes.get(2 * i)?,
                *bytes.get(2 * i + 1)?,
            ])),
        }
    }
}

/// A byte-order mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bom {
    Utf8,
    Utf16Le,
    Utf16Be,
}

impl Bom {
    fn len(self) -> usize {
        match self {
            Bom::Utf8 => 3,
            Bom::Utf16Le | Bom::Utf16Be => 2,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Bom::Utf8 => "the byte-order mark of UTF-8 (EF BB BF)",
            Bom::Utf16Le => "the byte-order mark of UTF-16LE (FF FE)",
            Bom::Utf16Be => "the byte-order mark of UTF-16BE (FE FF)",
        }
    }
}

/// What an encoding name stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Utf8,
    /// `UTF-16` (and `UCS-2`, `unicode`…): the byte-order mark tells the byte order.
    Utf16,
    Utf16Le,
    Utf16Be,
    Latin1,
    Ascii,
    Whatwg(&'static Encoding),
}

impl Label {
    /// The encoding a name stands for, `None` when no decoder here knows it.
    fn of(name: &str) -> Option<Label> {
        let lower = name.trim().to_ascii_lowercase();
        Some(match lower.as_str() {
            "iso-8859-1" | "iso8859-1" | "iso88591" | "iso_8859-1" | "iso_8859-1:1987"
            | "latin1" | "l1" | "iso-ir-100" | "ibm819" | "cp819" | "csisolatin1" => Label::Latin1,
            "us-ascii" | "ascii" | "ansi_x3.4-1968" | "iso646-us" | "csascii" | "us"
            | "iso-ir-6" | "ibm367" | "cp367" | "iso_646.irv:1991" => Label::Ascii,
            "utf-16le" => Label::Utf16Le,
            "utf-16be" => Label::Utf16Be,
            _ => match Encoding::for_label(lower.as_bytes())? {
                e if e == UTF_8 => Label::Utf8,
                e if e == UTF_16LE || e == UTF_16BE => Label::Utf16,
                // Labels the standard maps to "decode everything as one U+FFFD", and
                // the browser-only byte-to-private-use mapping.
                e if e == REPLACEMENT || e == X_USER_DEFINED => return None,
                e => Label::Whatwg(e),
            },
        })
    }
}

/// The decoder chosen for a document.
#[derive(Debug, Clone, Copy)]
enum Decoding {
    Utf8,
    Latin1,
    Ascii,
    Whatwg(&'static Encoding),
}

impl Decoding {
    fn name(self) -> &'static str {
        match self {
            Decoding::Utf8 => "UTF-8",
            Decoding::Latin1 => "ISO-8859-1",
            Decoding::Ascii => "US-ASCII",
            Decoding::Whatwg(e) => e.name(),
        }
    }

    /// The text of the whole document (byte-order mark included, as U+FEFF: the reader
    /// skips one).
    fn decode(self, bytes: &[u8]) -> Result<Cow<'_, str>, ReadError> {
        match self {
            Decoding::Utf8 => match std::str::from_utf8(bytes) {
                Ok(text) => Ok(Cow::Borrowed(text)),
                Err(e) => {
                    let at = e.valid_up_to();
                    let len = e.error_len().unwrap_or(bytes.len() - at);
                    let before = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
                    Err(self.malformed(bytes, at, len, before))
                }
            },
            Decoding::Latin1 => Ok(encoding_rs::mem::decode_latin1(bytes)),
            Decoding::Ascii => match bytes.iter().position(|b| !b.is_ascii()) {
                None => Ok(Cow::Borrowed(
                    std::str::from_utf8(bytes).unwrap_or_default(),
                )),
                Some(at) => {
                    let before = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
                    Err(self.malformed(bytes, at, 1, before))
                }
            },
            // ASCII reads as itself in the ASCII-compatible encodings: borrowed.
            Decoding::Whatwg(e) if e.is_ascii_compatible() && bytes.is_ascii() => Ok(
                Cow::Borrowed(std::str::from_utf8(bytes).unwrap_or_default()),
            ),
            Decoding::Whatwg(e) => {
                let mut decoder = e.new_decoder_without_bom_handling();
                let capacity = decoder
                    .max_utf8_buffer_length_without_replacement(bytes.len())
                    .unwrap_or(bytes.len());
                let mut text = String::with_capacity(capacity);
                let mut read = 0;
                loop {
                    let rest = bytes.get(read..).unwrap_or_default();
                    let (result, n) =
                        decoder.decode_to_string_without_replacement(rest, &mut text, true);
                    read += n;
                    match result {
                        DecoderResult::InputEmpty => return Ok(Cow::Owned(text)),
                        DecoderResult::OutputFull => {
                            let rest = bytes.len().saturating_sub(read);
                            let more = decoder
                                .max_utf8_buffer_length_without_replacement(rest)
                                .unwrap_or(rest);
                            text.reserve(more.max(64));
                        }
                        DecoderResult::Malformed(len, after) => {
                            let len = usize::from(len);
                            let at = read.saturating_sub(len + usize::from(after));
                            return Err(self.malformed(bytes, at, len, &text));
                        }
                    }
                }
            }
        }
    }

    /// The error for `len` malformed bytes at `at`, `before` the text decoded before them.
    fn malformed(self, bytes: &[u8], at: usize, len: usize, before: &str) -> ReadError {
        let end = at.saturating_add(len.clamp(1, 4)).min(bytes.len());
        let shown = hex(bytes.get(at..end).unwrap_or_default());
        let utf16 = matches!(self, Decoding::Whatwg(e) if e == UTF_16LE || e == UTF_16BE);
        let reason = if utf16 && bytes.len() % 2 == 1 && at.saturating_add(len) >= bytes.len() {
            format!(
                "odd number of bytes ({}): the last UTF-16 code unit, at byte offset {at}, is cut off",
                bytes.len()
            )
        } else {
            format!("malformed byte sequence {shown} at byte offset {at}")
        };
        let before = before.strip_prefix('\u{feff}').unwrap_or(before);
        let (line, column) = line_column(before, before.len());
        error(line, column, self.name(), reason)
    }
}

fn hex(bytes: &[u8]) -> String {
    let mut out = String::new();
    for (i, b) in bytes.iter().enumerate() {
        let sep = if i == 0 { "" } else { " " };
        let _ = write!(out, "{sep}{b:02X}");
    }
    out
}

fn error(line: u32, column: u32, encoding: &str, reason: String) -> ReadError {
    ReadError::new(
        Location {
            line,
            column,
            path: String::new(),
        },
        ReadErrorKind::Encoding {
            encoding: encoding.into(),
            reason,
        },
    )
}

/// The byte-order mark and the layout of the first characters (XML 1.0 Appendix F).
fn sniff(bytes: &[u8]) -> Result<(Option<Bom>, Layout), ReadError> {
    let unsupported = |encoding: &str, reason: String| Err(error(1, 1, encoding, reason));
    let first = hex(bytes.get(..4).unwrap_or(bytes));
    match bytes {
        [0x00, 0x00, 0xFE, 0xFF, ..] | [0xFF, 0xFE, 0x00, 0x00, ..] => unsupported(
            "UTF-32",
            format!("the first bytes {first} are a UTF-32 byte-order mark, and UTF-32 is not supported"),
        ),
        [0xEF, 0xBB, 0xBF, ..] => Ok((Some(Bom::Utf8), Layout::Bytes)),
        [0xFF, 0xFE, ..] => Ok((Some(Bom::Utf16Le), Layout::Utf16Le)),
        [0xFE, 0xFF, ..] => Ok((Some(Bom::Utf16Be), Layout::Utf16Be)),
        [0x00, 0x00, 0x00, 0x3C, ..]
        | [0x3C, 0x00, 0x00, 0x00, ..]
        | [0x00, 0x00, 0x3C, 0x00, ..]
        | [0x00, 0x3C, 0x00, 0x00, ..] => unsupported(
            "UTF-32",
            format!(
                "the first bytes {first} are '<' in a 32-bit encoding (UTF-32 or UCS-4), which is not supported"
            ),
        ),
        [0x00, 0x3C, 0x00, 0x3F, ..] => Ok((None, Layout::Utf16Be)),
        [0x3C, 0x00, 0x3F, 0x00, ..] => Ok((None, Layout::Utf16Le)),
        [0x4C, 0x6F, 0xA7, 0x94, ..] => unsupported(
            "EBCDIC",
            format!("the first bytes {first} are '<?xm' in EBCDIC, which is not supported"),
        ),
        _ => Ok((None, Layout::Bytes)),
    }
}

/// The start of the document read as ASCII in `layout`: up to the first `>` (a
/// declaration holds none before its `?>`) or the first unit that is not ASCII.
/// Empty unless it begins with `<?xml`.
fn ascii_start(bytes: &[u8], layout: Layout) -> String {
    let mut text = String::new();
    let mut i = 0;
    while let Some(unit) = layout.unit_at(bytes, i) {
        let Some(c) = u8::try_from(unit).ok().filter(u8::is_ascii).map(char::from) else {
            break;
        };
        text.push(c);
        if i == 4 && text != "<?xml" {
            return String::new();
        }
        if c == '>' {
            break;
        }
        i += 1;
    }
    text
}

/// The `encoding` pseudo-attribute of an XML declaration read by [`ascii_start`], and its
/// offset in characters. Other pseudo-attributes, their order and values are left to
/// the reader; only their form (`name = 'value'`) is checked here, to find `encoding`.
fn declared_encoding(decl: &str) -> Result<Option<(&str, usize)>, (usize, String)> {
    let space = |c: char| matches!(c, ' ' | '\t' | '\r' | '\n');
    // `<?xml` followed by whitespace: `<?xml-stylesheet` and the like are no declaration.
    if !decl.starts_with("<?xml") || !decl[5..].starts_with(space) {
        return Ok(None);
    }
    let not_closed = |at: usize| (at, "the XML declaration is not closed by ?>".to_string());
    let mut encoding = None;
    let mut at = 5;
    loop {
        at = decl.len() - decl[at..].trim_start_matches(space).len();
        let rest = &decl[at..];
        if rest.starts_with("?>") {
            return Ok(encoding);
        }
        let name_len = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        if name_len == 0 {
            return Err(match rest.chars().next() {
                None => not_closed(at),
                Some(c) => (at, format!("unexpected {c:?} in the XML declaration")),
            });
        }
        let name = &rest[..name_len];
        at += name_len;
        at = decl.len() - decl[at..].trim_start_matches(space).len();
        if !decl[at..].starts_with('=') {
            return Err(match decl[at..].chars().next() {
                None => not_closed(at),
                Some(c) => (
                    at,
                    format!("expected = after {name} in the XML declaration, found {c:?}"),
                ),
            });
        }
        at += 1;
        at = decl.len() - decl[at..].trim_start_matches(space).len();
        let Some(quote) = decl[at..]
            .chars()
            .next()
            .filter(|c| matches!(c, '"' | '\''))
        else {
            return Err(match decl[at..].chars().next() {
                None => not_closed(at),
                Some(c) => (
                    at,
                    format!(
                        "expected a quoted value of {name} in the XML declaration, found {c:?}"
                    ),
                ),
            });
        };
        let start = at + 1;
        let Some(len) = decl[start..].find(quote) else {
            return Err(not_closed(decl.len()));
        };
        let value = &decl[start..start + len];
        if name == "encoding" && encoding.is_none() {
            // EncName ::= [A-Za-z] ([A-Za-z0-9._] | '-')*
            let valid = value.starts_with(|c: char| c.is_ascii_alphabetic())
                && value
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
            if !valid {
                return Err((start, format!("invalid encoding name {value:?}")));
            }
            encoding = Some((value, start));
        }
        at = start + len + 1;
        // Pseudo-attributes are separated by whitespace.
        if !decl[at..].starts_with(space) && !decl[at..].starts_with("?>") {
            return Err(match decl[at..].chars().next() {
                None => not_closed(at),
                Some(c) => (
                    at,
                    format!("expected whitespace or ?> in the XML declaration, found {c:?}"),
                ),
            });
        }
    }
}

/// The text of a document given as bytes: the encoding taken from its byte-order mark or
/// its XML declaration, as XML 1.0 §4.3.3 and Appendix F describe, the bytes decoded
/// (borrowed when they are UTF-8 or ASCII already, with a byte-order mark kept as
/// U+FEFF, which the reader skips).
///
/// UTF-8 and UTF-16 (with a byte-order mark, or without one when the declaration names
/// it), ISO-8859-1 exactly, US-ASCII strictly, and the other encodings of the WHATWG
/// Encoding Standard through `encoding_rs` (windows-1252, ISO-8859-2…16, KOI8, Shift_JIS,
/// EUC-JP, GBK, gb18030, Big5, EUC-KR…). An encoding it does not know (UTF-32, EBCDIC,
/// `x-user-defined`), a byte-order mark or first bytes that contradict the declared
/// encoding, and bytes not valid in the encoding are [`ReadErrorKind::Encoding`] errors,
/// never replacement characters.
pub fn decode_document(bytes: &[u8]) -> Result<Cow<'_, str>, ReadError> {
    let (bom, layout) = sniff(bytes)?;
    let body = &bytes[bom.map_or(0, Bom::len)..];
    let start = ascii_start(body, layout);
    let declared = declared_encoding(&start).map_err(|(at, message)| {
        let (line, column) = line_column(&start, at);
        ReadError::new(
            Location {
                line,
                column,
                path: String::new(),
            },
            ReadErrorKind::Malformed(message),
        )
    })?;
    let (label, name, line, column) = match declared {
        Some((name, at)) => {
            let (line, column) = line_column(&start, at);
            let Some(label) = Label::of(name) else {
                return Err(error(line, column, name, SUPPORTED.into()));
            };
            (Some(label), name, line, column)
        }
        None => (None, "", 1, 1),
    };
    let mismatch = |reason: String| Err(error(line, column, name, reason));
    let decoding = match (bom, layout, label) {
        (Some(Bom::Utf8), _, None | Some(Label::Utf8)) => Decoding::Utf8,
        (Some(Bom::Utf16Le), _, None | Some(Label::Utf16 | Label::Utf16Le)) => {
            Decoding::Whatwg(UTF_16LE)
        }
        (Some(Bom::Utf16Be), _, None | Some(Label::Utf16 | Label::Utf16Be)) => {
            Decoding::Whatwg(UTF_16BE)
        }
        (Some(bom), _, Some(_)) => {
            return mismatch(format!("the document begins with {}", bom.describe()))
        }
        (None, Layout::Utf16Le | Layout::Utf16Be, label) => {
            let (order, first, own, decoder) = if layout == Layout::Utf16Le {
                ("UTF-16LE", "3C 00 3F 00", Label::Utf16Le, UTF_16LE)
            } else {
                ("UTF-16BE", "00 3C 00 3F", Label::Utf16Be, UTF_16BE)
            };
            match label {
                Some(l) if l == Label::Utf16 || l == own => Decoding::Whatwg(decoder),
                Some(_) => {
                    return mismatch(format!(
                        "the first bytes {first} are '<?' in 16-bit units, {order}"
                    ))
                }
                None => {
                    return Err(error(
                        1,
                        1,
                        order,
                        format!(
                            "the first bytes {first} are '<?' in 16-bit units, and the document \
                             has neither a byte-order mark nor an encoding declaration (XML 1.0 §4.3.3)"
                        ),
                    ))
                }
            }
        }
        (None, Layout::Bytes, None | Some(Label::Utf8)) => Decoding::Utf8,
        (None, Layout::Bytes, Some(Label::Utf16 | Label::Utf16Le | Label::Utf16Be)) => {
            return mismatch(
                "the document has no byte-order mark and its bytes are not 16-bit units \
                 (a UTF-16 document begins with a byte-order mark, XML 1.0 §4.3.3)"
                    .into(),
            )
        }
        (None, Layout::Bytes, Some(Label::Latin1)) => Decoding::Latin1,
        (None, Layout::Bytes, Some(Label::Ascii)) => Decoding::Ascii,
        (None, Layout::Bytes, Some(Label::Whatwg(e))) => Decoding::Whatwg(e),
    };
    decoding.decode(bytes)
}

/// The error for a document over the size limit, before anything is decoded.
fn check_size(size: usize, limits: ReadLimits) -> Result<(), ReadError> {
    match limits.max_document_size {
        Some(limit) if size > limit => Err(ReadError::new(
            Location {
                line: 1,
                column: 1,
                path: String::new(),
            },
            ReadErrorKind::TooLarge { size, limit },
        )),
        _ => Ok(()),
    }
}

fn io_error(e: &std::io::Error, path: Option<&Path>) -> ReadError {
    ReadError::new(
        Location {
            line: 0,
            column: 0,
            path: String::new(),
        },
        ReadErrorKind::Io {
            path: path.map(Path::to_path_buf),
            kind: e.kind(),
            message: e.to_string(),
        },
    )
}

/// All of `reader`, or one byte more than the size limit (then refused as too large).
fn read_all(
    reader: impl Read,
    limits: ReadLimits,
    path: Option<&Path>,
) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    let result = match limits.max_document_size {
        Some(limit) => {
            let limit = u64::try_from(limit).unwrap_or(u64::MAX);
            reader.take(limit.saturating_add(1)).read_to_end(&mut bytes)
        }
        None => {
            let mut reader = reader;
            reader.read_to_end(&mut bytes)
        }
    };
    result.map_err(|e| io_error(&e, path))?;
    Ok(bytes)
}

/// Reads a whole document given as bytes in any supported encoding (see
/// [`decode_document`]) whose root element is a `T`. UTF-8 input is read in place.
pub fn read_document_bytes<T: XmlElement>(bytes: &[u8]) -> Result<T, ReadError> {
    read_document_bytes_with(bytes, ReadLimits::default())
}

/// [`read_document_bytes`] with other limits than the defaults: the size limit holds for
/// the bytes, checked before they are decoded, and for the decoded text.
pub fn read_document_bytes_with<T: XmlElement>(
    bytes: &[u8],
    limits: ReadLimits,
) -> Result<T, ReadError> {
    check_size(bytes.len(), limits)?;
    let text = decode_document(bytes)?;
    crate::read_document_with(&text, limits)
}

/// Reads a whole document from `reader` (read to its end) as [`read_document_bytes`]
/// does. A failure to read is [`ReadErrorKind::Io`].
pub fn read_document_from<T: XmlElement>(reader: impl Read) -> Result<T, ReadError> {
    read_document_from_with(reader, ReadLimits::default())
}

/// [`read_document_from`] with other limits than the defaults: with a size limit, no
/// more than one byte over it is read (the error then gives that as the size).
pub fn read_document_from_with<T: XmlElement>(
    reader: impl Read,
    limits: ReadLimits,
) -> Result<T, ReadError> {
    let bytes = read_all(reader, limits, None)?;
    read_document_bytes_with(&bytes, limits)
}

/// Reads a whole document from the file at `path` as [`read_document_bytes`] does. A
/// failure to open or read it is [`ReadErrorKind::Io`] naming the file.
pub fn read_document_file<T: XmlElement>(path: impl AsRef<Path>) -> Result<T, ReadError> {
    read_document_file_with(path, ReadLimits::default())
}

/// [`read_document_file`] with other limits than the defaults: a file over the size
/// limit is refused before it is read.
pub fn read_document_file_with<T: XmlElement>(
    path: impl AsRef<Path>,
    limits: ReadLimits,
) -> Result<T, ReadError> {
    let path = path.as_ref();
    let file = std::fs::File::open(path).map_err(|e| io_error(&e, Some(path)))?;
    if let Ok(metadata) = file.metadata() {
        check_size(
            usize::try_from(metadata.len()).unwrap_or(usize::MAX),
            limits,
        )?;
    }
    let bytes = read_all(file, limits, Some(path))?;
    read_document_bytes_with(&bytes, limits)
}

/// Whole documents from bytes, readers and files, in any supported encoding: for every
/// [`XmlElement`], so every generated `Document` enum reads
/// `Document::from_xml_bytes(&bytes)` with this trait in scope.
pub trait FromXmlBytes: XmlElement {
    /// [`read_document_bytes`].
    fn from_xml_bytes(bytes: &[u8]) -> Result<Self, ReadError> {
        read_document_bytes(bytes)
    }
    /// [`read_document_bytes_with`].
    fn from_xml_bytes_with(bytes: &[u8], limits: ReadLimits) -> Result<Self, ReadError> {
        read_document_bytes_with(bytes, limits)
    }
    /// [`read_document_from`].
    fn from_xml_reader(reader: impl Read) -> Result<Self, ReadError> {
        read_document_from(reader)
    }
    /// [`read_document_from_with`].
    fn from_xml_reader_with(reader: impl Read, limits: ReadLimits) -> Result<Self, ReadError> {
        read_document_from_with(reader, limits)
    }
    /// [`read_document_file`].
    fn from_xml_file(path: impl AsRef<Path>) -> Result<Self, ReadError> {
        read_document_file(path)
    }
    /// [`read_document_file_with`].
    fn from_xml_file_with(path: impl AsRef<Path>, limits: ReadLimits) -> Result<Self, ReadError> {
        read_document_file_with(path, limits)
    }
}

impl<T: XmlElement> FromXmlBytes for T {}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> String {
        decode_document(bytes).unwrap().into_owned()
    }

    fn err(bytes: &[u8]) -> String {
        decode_document(bytes).unwrap_err().to_string()
    }

    fn utf16(s: &str, le: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let units = bom.then_some(0xFEFF).into_iter().chain(s.encode_utf16());
        for u in units {
            out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        out
    }

    #[test]
    fn utf8_is_borrowed_with_or_without_a_mark() {
        let doc = "<?xml version='1.0' encoding='utf-8'?><a>Größe</a>";
        assert!(matches!(decode_document(doc.as_bytes()), Ok(Cow::Borrowed(t)) if t == doc));
        let marked = format!("\u{feff}{doc}");
        assert!(matches!(decode_document(marked.as_bytes()), Ok(Cow::Borrowed(t)) if t == marked));
        assert_eq!(text(b"<a/>"), "<a/>");
        assert_eq!(text(b""), "");
        // A processing instruction whose target starts with xml is no declaration.
        assert_eq!(
            text(b"<?xml-stylesheet href='x'?><a/>"),
            "<?xml-stylesheet href='x'?><a/>"
        );
    }

    #[test]
    fn utf16_by_mark_or_declaration() {
        let doc = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>€ 𝄞</a>";
        for le in [true, false] {
            assert_eq!(text(&utf16(doc, le, true)), format!("\u{feff}{doc}"));
            assert_eq!(text(&utf16("<a>x</a>", le, true)), "\u{feff}<a>x</a>");
            // Without a mark, the declaration names UTF-16.
            assert_eq!(text(&utf16(doc, le, false)), doc);
            let explicit = if le { "UTF-16LE" } else { "UTF-16BE" };
            let doc2 = doc.replace("UTF-16", explicit);
            assert_eq!(text(&utf16(&doc2, le, false)), doc2);
            assert_eq!(text(&utf16(&doc2, le, true)), format!("\u{feff}{doc2}"));
        }
    }

    #[test]
    fn single_byte_encodings() {
        let latin1 = b"<?xml version='1.0' encoding='ISO-8859-1'?><a>Gr\xF6\xDFe \x80</a>";
        assert_eq!(
            text(latin1),
            "<?xml version='1.0' encoding='ISO-8859-1'?><a>Größe \u{80}</a>"
        );
        let cp1252 = b"<?xml version='1.0' encoding='windows-1252'?><a>Gr\xF6\xDFe \x80</a>";
        assert_eq!(
            text(cp1252),
            "<?xml version='1.0' encoding='windows-1252'?><a>Größe €</a>"
        );
        // ASCII-only text is borrowed.
        let ascii = b"<?xml version='1.0' encoding='latin1'?><a/>";
        assert!(matches!(decode_document(ascii), Ok(Cow::Borrowed(_))));
        assert!(err(b"<?xml version='1.0' encoding='US-ASCII'?>\n<a>\xE9</a>")
            .starts_with("2:4: cannot read the document as US-ASCII: malformed byte sequence E9 at byte offset 45"));
    }

    #[test]
    fn what_cannot_be_decoded_is_an_error_naming_the_encoding() {
        assert_eq!(
            err(b"<?xml version='1.0' encoding='EBCDIC-foo'?><a/>"),
            format!("1:31: cannot read the document as EBCDIC-foo: {SUPPORTED}")
        );
        assert!(err(b"<?xml version='1.0' encoding='UTF-32'?><a/>")
            .contains("as UTF-32: unknown or unsupported"));
        assert!(err(b"<?xml version='1.0' encoding='x-user-defined'?><a/>")
            .contains("as x-user-defined: unknown"));
        assert!(err(&[0, 0, 0xFE, 0xFF, 0, 0, 0, 0x3C])
            .contains("as UTF-32: the first bytes 00 00 FE FF"));
        assert!(err(&[0x3C, 0, 0, 0, 0x3F, 0, 0, 0]).contains("32-bit"));
        assert!(err(&[0x4C, 0x6F, 0xA7, 0x94]).contains("EBCDIC"));
        assert!(
            err(b"<?xml version='1.0' encoding='a b'?>").contains("invalid encoding name \"a b\"")
        );
        assert!(err(b"<?xml version='1.0' encoding='utf-8'").contains("not closed by ?>"));
        assert!(err(b"<?xml version='1.0'encoding='utf-8'?>").contains("expected whitespace"));
        assert!(err(b"<?xml version 1.0?>").contains("expected = after version"));
        assert!(err(b"<?xml version=1.0?>").contains("expected a quoted value"));
    }

    #[test]
    fn malformed_bytes_have_their_offset() {
        assert_eq!(
            err(b"<a>\n  x\xFFy</a>"),
            "2:4: cannot read the document as UTF-8: malformed byte sequence FF at byte offset 7"
        );
        // A truncated sequence at the end.
        assert!(err(b"<a>\xE2\x82").contains("malformed byte sequence E2 82 at byte offset 3"));
        let mut odd = utf16("<a>x</a>", true, true);
        odd.push(0x0A);
        assert_eq!(
            err(&odd),
            "1:9: cannot read the document as UTF-16LE: odd number of bytes (19): the last \
             UTF-16 code unit, at byte offset 18, is cut off"
        );
        // An unpaired surrogate.
        let mut lone = utf16("<a>", false, true);
        lone.extend([0xD8, 0x00, 0x00, 0x41]);
        assert!(err(&lone).contains("as UTF-16BE: malformed byte sequence D8 00"));
        // Shift_JIS: a lead byte without its trail byte.
        assert!(
            err(b"<?xml version='1.0' encoding='Shift_JIS'?><a>\x82</a>")
                .contains("as Shift_JIS: malformed byte sequence 82")
        );
        assert_eq!(
            text(b"<?xml version='1.0' encoding='Shift_JIS'?><a>\x82\xA0</a>"),
            "<?xml version='1.0' encoding='Shift_JIS'?><a>\u{3042}</a>"
        );
    }

    #[test]
    fn marks_and_first_bytes_must_agree_with_the_declaration() {
        let decl = "<?xml version='1.0' encoding='ISO-8859-1'?><a/>";
        assert_eq!(
            err(&utf16(decl, true, true)),
            "1:31: cannot read the document as ISO-8859-1: the document begins with the \
             byte-order mark of UTF-16LE (FF FE)"
        );
        assert!(
            err(&utf16(&decl.replace("ISO-8859-1", "UTF-16BE"), true, true))
                .contains("as UTF-16BE: the document begins with the byte-order mark of UTF-16LE")
        );
        assert!(err(format!("\u{feff}{decl}").as_bytes())
            .contains("as ISO-8859-1: the document begins with the byte-order mark of UTF-8"));
        assert!(err(&utf16(decl, false, false)).contains(
            "as ISO-8859-1: the first bytes 00 3C 00 3F are '<?' in 16-bit units, UTF-16BE"
        ));
        assert!(err(&utf16("<?xml version='1.0'?><a/>", true, false))
            .contains("as UTF-16LE: the first bytes 3C 00 3F 00"));
        assert!(
            err(b"<?xml version='1.0' encoding='UTF-16'?><a/>").contains(
                "as UTF-16: the document has no byte-order mark and its bytes are not 16-bit"
            )
        );
        // UTF-8 may be declared under a mark of UTF-8.
        assert!(decode_document(
            format!("\u{feff}{}", decl.replace("ISO-8859-1", "utf8")).as_bytes()
        )
        .is_ok());
    }
}
