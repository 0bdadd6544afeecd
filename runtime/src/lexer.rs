//! The tokenizer under [`crate::XmlReader`]: one pass over a document held in memory as
//! `&str`, checking well-formedness (XML 1.0) as it goes.
//!
//! The runtime first stood on quick-xml's `Reader`. Profiles of the generated readers
//! (BENCHMARKS.md) showed a third of their time inside it: it validates the UTF-8 of
//! every event again although the input is a `&str`, keeps its own stack of open names,
//! and hands out text in pieces (one event per entity reference) that the typed reader
//! then checks once more for characters XML cannot carry. Here each byte is looked at
//! once: a text run is scanned for its end, its references, line ends and forbidden
//! characters in the same loop, and comes back borrowed when nothing needs replacing.
//!
//! What it checks: names (the `Name` production), start/end tag nesting, attribute
//! syntax and uniqueness, quoted values without `<`, references (only the predefined
//! entities; character references to XML characters), `]]>` outside CDATA, comments
//! without `--`, the XML declaration only at the start, one DOCTYPE before the root
//! (skipped: its entities are never expanded). Namespaces are left to the reader.

use std::borrow::Cow;
use std::collections::HashSet;

use memchr::{memchr, memmem};

use crate::chars::{
    first_invalid_char, is_xml_char, is_xml_space, leading_ascii_letters, same_bytes, skip_plain,
};
use crate::error::ReadErrorKind;

/// What comes next in the document.
pub(crate) enum Lexeme<'a> {
    /// A start tag (`<a/>` too: its end follows as [`Lexeme::End`]); its attributes are
    /// in [`Lexer::attributes`] until the next call.
    Start(TagName<'a>),
    /// The end tag of the innermost open element (checked to match it).
    End,
    /// Character data or a CDATA section, references resolved and line ends normalized.
    Text(Cow<'a, str>),
    /// The end of the input.
    Eof,
}

/// The qualified name of a start tag, checked to be `local` or `prefix:local`.
#[derive(Clone, Copy)]
pub(crate) struct TagName<'a> {
    pub qname: &'a str,
    /// The length of `prefix:` (0 without a prefix).
    prefix_len: usize,
}

impl<'a> TagName<'a> {
    pub fn prefix(self) -> Option<&'a str> {
        (self.prefix_len > 0).then(|| &self.qname[..self.prefix_len - 1])
    }

    pub fn local(self) -> &'a str {
        &self.qname[self.prefix_len..]
    }
}

/// An attribute of the last start tag: qualified name and normalized value.
pub(crate) struct RawAttribute<'a> {
    pub qname: &'a str,
    pub value: Cow<'a, str>,
    /// Offset of the name.
    pub pos: usize,
}

/// A well-formedness error at a byte offset.
pub(crate) struct LexError {
    pub pos: usize,
    pub kind: ReadErrorKind,
    /// Where the name of the start tag is whose attributes hold the error, if they do.
    pub in_tag: Option<std::ops::Range<usize>>,
}

fn malformed(pos: usize, message: impl Into<String>) -> LexError {
    LexError {
        pos,
        kind: ReadErrorKind::Malformed(message.into()),
        in_tag: None,
    }
}

/// The first item whose key an earlier item has too: compared pairwise for the few
/// attributes a tag usually has, through a set beyond that (so that a tag with thousands
/// of attributes stays linear).
#[inline]
pub(crate) fn first_repeated<'t, T, K: Eq + std::hash::Hash>(
    items: &'t [T],
    key: impl Fn(&'t T) -> K,
) -> Option<&'t T> {
    if items.len() < 2 {
        return None;
    }
    if items.len() <= 16 {
        return items.iter().enumerate().find_map(|(i, item)| {
            let k = key(item);
            items[..i]
                .iter()
                .any(|earlier| key(earlier) == k)
                .then_some(item)
        });
    }
    let mut seen = HashSet::with_capacity(items.len());
    items.iter().find(|item| !seen.insert(key(item)))
}

pub(crate) struct Lexer<'a> {
    input: &'a str,
    pos: usize,
    /// Qualified names of the open elements, innermost last.
    open: Vec<&'a str>,
    /// The last start tag was `<a/>` at this offset: its end comes next.
    pending_end: Option<usize>,
    seen_root: bool,
    seen_doctype: bool,
    attributes: Vec<RawAttribute<'a>>,
    max_attributes: Option<usize>,
    /// The prefix and colon of the last start tag's name (`t:`), or nothing.
    last_prefix: &'a [u8],
}

impl<'a> Lexer<'a> {
    pub fn new(input: &'a str, max_attributes: Option<usize>) -> Self {
        Self {
            input,
            pos: 0,
            open: Vec::new(),
            pending_end: None,
            seen_root: false,
            seen_doctype: false,
            attributes: Vec::new(),
            max_attributes,
            last_prefix: &[],
        }
    }

    pub fn set_max_attributes(&mut self, max_attributes: Option<usize>) {
        self.max_attributes = max_attributes;
    }

    /// Whether the start tag just returned has attributes (namespace declarations too).
    pub fn has_attributes(&self) -> bool {
        !self.attributes.is_empty()
    }

    /// The attributes of the start tag just returned.
    pub fn attributes(&mut self) -> std::vec::Drain<'_, RawAttribute<'a>> {
        self.attributes.drain(..)
    }

    /// The next lexeme and the byte offset where it starts; comments, processing
    /// instructions and the DOCTYPE are skipped.
    pub fn next(&mut self) -> Result<(Lexeme<'a>, usize), LexError> {
        if let Some(lt) = self.pending_end.take() {
            return Ok((Lexeme::End, lt));
        }
        let bytes = self.input.as_bytes();
        loop {
            let start = self.pos;
            match bytes.get(start) {
                None => return Ok((Lexeme::Eof, start)),
                Some(b'<') => match bytes.get(start + 1) {
                    Some(b'/') => {
                        self.end_tag(start)?;
                        return Ok((Lexeme::End, start));
                    }
                    Some(b'!') => {
                        if let Some(text) = self.bang(start)? {
                            return Ok((Lexeme::Text(text), start));
                        }
                    }
                    Some(b'?') => self.processing_instruction(start)?,
                    _ => {
                        // The tag's name is rebuilt here from where it ends: a start tag
                        // returned whole through the `Result` was reloaded before its
                        // stores had landed (a store-forwarding stall in `perf`).
                        let name_end = self.start_tag(start)?;
                        let name = TagName {
                            qname: &self.input[start + 1..name_end],
                            prefix_len: self.last_prefix.len(),
                        };
                        return Ok((Lexeme::Start(name), start));
                    }
                },
                Some(_) => return Ok((Lexeme::Text(self.text(start)?), start)),
            }
        }
    }

    /// Simple content as it mostly comes: character data (or none) and then the end tag
    /// of the innermost element. Both are consumed and the text returned with the end
    /// tag's offset; when anything else follows, nothing is consumed.
    pub fn text_then_end(&mut self) -> Result<Option<(Cow<'a, str>, usize)>, LexError> {
        if let Some(lt) = self.pending_end.take() {
            return Ok(Some((Cow::Borrowed(""), lt)));
        }
        let bytes = self.input.as_bytes();
        let start = self.pos;
        let text = match bytes.get(start) {
            Some(b'<') => Cow::Borrowed(""),
            _ => self.text(start)?,
        };
        let lt = self.pos;
        if bytes.get(lt..lt + 2) == Some(b"</") {
            self.end_tag(lt)?;
            return Ok(Some((text, lt)));
        }
        self.pos = start;
        Ok(None)
    }

    /// Character data from `start` up to the next `<` or the end.
    fn text(&mut self, start: usize) -> Result<Cow<'a, str>, LexError> {
        let bytes = self.input.as_bytes();
        let mut end = self.plain_run(start)?;
        if !matches!(bytes.get(end), Some(b'&' | b'\r')) {
            self.pos = end;
            return Ok(Cow::Borrowed(&self.input[start..end]));
        }
        let mut out = String::with_capacity(end - start + 16);
        out.push_str(&self.input[start..end]);
        loop {
            let next = match bytes.get(end) {
                Some(b'&') => {
                    let (replacement, after) = self.reference(end)?;
                    replacement.push_to(&mut out);
                    after
                }
                Some(b'\r') => {
                    out.push('\n');
                    end + 1 + usize::from(bytes.get(end + 1) == Some(&b'\n'))
                }
                _ => {
                    self.pos = end;
                    return Ok(Cow::Owned(out));
                }
            };
            end = self.plain_run(next)?;
            out.push_str(&self.input[next..end]);
        }
    }

    /// The end of the run of character data from `i` that needs no replacing: the
    /// index of the next `<`, `&` or carriage return, or the end of the input.
    /// Refuses `]]>` and characters XML 1.0 cannot carry on the way.
    fn plain_run(&self, mut i: usize) -> Result<usize, LexError> {
        let bytes = self.input.as_bytes();
        loop {
            i = skip_plain(bytes, i, &TEXT_SPECIAL, b']');
            let Some(&b) = bytes.get(i) else {
                return Ok(i);
            };
            match b {
                b'<' | b'&' | b'\r' => return Ok(i),
                b']' => {
                    if bytes[i..].starts_with(b"]]>") {
                        return Err(malformed(i, "\"]]>\" is not allowed in text"));
                    }
                    i += 1;
                }
                _ => i += self.checked_char(i)?,
            }
        }
    }

    /// The length of the character at `i` (a control byte or 0xEF), if XML allows it.
    fn checked_char(&self, i: usize) -> Result<usize, LexError> {
        let c = self.input[i..]
            .chars()
            .next()
            .expect("a character starts here");
        if is_xml_char(c) {
            Ok(c.len_utf8())
        } else {
            Err(not_xml_char(c, i))
        }
    }

    /// Resolves the reference that starts at `amp`: what it stands for and the index
    /// after its `;`.
    fn reference(&self, amp: usize) -> Result<(Replacement, usize), LexError> {
        let bytes = self.input.as_bytes();
        let not_a_reference = || {
            malformed(
                amp,
                "'&' must start a reference such as &amp; or &#38; (a literal '&' is written &amp;)",
            )
        };
        // Searching as far as it takes is linear: a failed search ends the reading.
        let semicolon = memchr(b';', &bytes[amp + 1..])
            .map(|i| amp + 1 + i)
            .ok_or_else(not_a_reference)?;
        let body = &self.input[amp + 1..semicolon];
        let replacement = if let Some(number) = body.strip_prefix('#') {
            let code = match number.strip_prefix('x') {
                Some(hex) if is_digits(hex, 16) => u32::from_str_radix(hex, 16).ok(),
                None if is_digits(number, 10) => number.parse().ok(),
                _ => None,
            };
            match code.and_then(char::from_u32) {
                Some(c) if is_xml_char(c) => Replacement::Char(c),
                _ => {
                    return Err(malformed(
                        amp,
                        format!("&{body}; does not refer to a character XML 1.0 allows"),
                    ))
                }
            }
        } else {
            match body {
                "lt" => Replacement::Str("<"),
                "gt" => Replacement::Str(">"),
                "amp" => Replacement::Str("&"),
                "apos" => Replacement::Str("'"),
                "quot" => Replacement::Str("\""),
                _ if !is_name(body) => return Err(not_a_reference()),
                _ => {
                    return Err(malformed(
                        amp,
                        format!("undeclared or unsupported entity &{body};"),
                    ))
                }
            }
        };
        Ok((replacement, semicolon + 1))
    }

    /// Scans the name that starts at `from`: where it ends, and its colons.
    fn scan_name(&self, from: usize) -> ScannedName {
        let bytes = self.input.as_bytes();
        let mut name = ScannedName {
            end: from,
            classes: 0,
            colon: from,
            colons: 0,
        };
        loop {
            // Runs of ASCII letters, the bulk of most names, eight bytes at a time.
            while let Some(word) = bytes.get(name.end..name.end + 8) {
                let letters = leading_ascii_letters(u64::from_le_bytes(
                    word.try_into().expect("eight bytes"),
                ));
                name.classes |= NAME_START * (letters != 0) as u8;
                name.end += letters as usize;
                if letters < 8 {
                    break;
                }
            }
            let Some(&b) = bytes.get(name.end) else {
                break;
            };
            let class = NAME_BYTE[b as usize];
            if class == NOT_NAME {
                break;
            }
            if class == COLON {
                name.colon = name.end;
                name.colons += 1;
            }
            name.classes |= class;
            name.end += 1;
        }
        name
    }

    /// Whether the scanned name is an XML `Name`.
    fn is_name(&self, from: usize, name: &ScannedName) -> bool {
        // `end` stops at an ASCII byte or the end of input: a character boundary.
        match self.input.as_bytes().get(from) {
            _ if name.end == from => false,
            _ if name.classes & NON_ASCII != 0 => is_name(&self.input[from..name.end]),
            Some(&first) => NAME_BYTE[first as usize] & (NAME_START | COLON) != 0,
            None => false,
        }
    }

    /// The end of the name that starts at `from`; it must be an XML `Name`.
    fn name_end(&self, from: usize) -> Result<usize, LexError> {
        let name = self.scan_name(from);
        if self.is_name(from, &name) {
            Ok(name.end)
        } else {
            Err(self.not_a_name(from))
        }
    }

    #[cold]
    fn not_a_name(&self, from: usize) -> LexError {
        let shown: String = self.input[from..]
            .chars()
            .take_while(|c| !c.is_whitespace() && !matches!(c, '>' | '/' | '='))
            .take(40)
            .collect();
        malformed(
            from,
            if shown.is_empty() {
                "expected a name".to_string()
            } else {
                format!("{shown:?} is not a name")
            },
        )
    }

    /// The end of the element or attribute name at `from`: a `Name` that is `local` or
    /// `prefix:local` (Namespaces in XML), or `a:b:c` would lose its meaning on the way
    /// back out.
    fn qname_end(&self, from: usize) -> Result<usize, LexError> {
        self.qname(from).map(|name| name.end)
    }

    /// [`Lexer::qname_end`], with where the colon is.
    fn qname(&self, from: usize) -> Result<ScannedName, LexError> {
        let name = self.scan_name(from);
        if !self.is_name(from, &name) {
            return Err(self.not_a_name(from));
        }
        let local_starts_well = || {
            let local = name.colon + 1;
            match self.input.as_bytes().get(local) {
                Some(&b) if b < 0x80 => NAME_BYTE[b as usize] == NAME_START,
                Some(_) => self.input[local..]
                    .chars()
                    .next()
                    .is_some_and(is_name_start_char),
                None => false,
            }
        };
        let valid = match name.colons {
            0 => true,
            1 => name.colon > from && name.colon + 1 < name.end && local_starts_well(),
            _ => false,
        };
        if !valid {
            let text = &self.input[from..name.end];
            return Err(malformed(
                from,
                format!("{text:?} is not a qualified name (prefix:local)"),
            ));
        }
        Ok(name)
    }

    /// The end of the element name at `from` when it has the last start tag's prefix
    /// and an ASCII local part, the usual case (`t:` throughout an EWS item): only the
    /// local part is scanned. `None` leaves the name to [`Lexer::qname`].
    #[inline]
    fn name_end_after_last_prefix(&self, from: usize) -> Option<usize> {
        let prefix = self.last_prefix;
        let bytes = self.input.as_bytes();
        // A byte or two, compared inline rather than through `memcmp`.
        let head = bytes.get(from..from + prefix.len())?;
        if prefix.is_empty() || !head.iter().zip(prefix).all(|(a, b)| a == b) {
            return None;
        }
        let local = from + prefix.len();
        let name = self.scan_name(local);
        // The prefix was checked as part of an earlier name; the local part must be an
        // NCName: no colon, and a letter or `_` first.
        let ncname = name.colons == 0
            && name.classes & NON_ASCII == 0
            && name.end > local
            && NAME_BYTE[bytes[local] as usize] == NAME_START;
        ncname.then_some(name.end)
    }

    fn skip_space(&self, mut i: usize) -> usize {
        let bytes = self.input.as_bytes();
        while bytes.get(i).is_some_and(|&b| is_xml_space(b)) {
            i += 1;
        }
        i
    }

    /// Reads the start tag at `lt` and its attributes; returns where its name ends.
    fn start_tag(&mut self, lt: usize) -> Result<usize, LexError> {
        let bytes = self.input.as_bytes();
        let name_end = match self.name_end_after_last_prefix(lt + 1) {
            Some(end) => end,
            None => {
                let name = self.qname(lt + 1)?;
                self.last_prefix = match name.colons {
                    0 => &[],
                    _ => &bytes[lt + 1..=name.colon],
                };
                name.end
            }
        };
        let qname = &self.input[lt + 1..name_end];
        if self.seen_root && self.open.is_empty() {
            return Err(malformed(
                lt,
                format!("<{qname}> after the root element: a document has one root"),
            ));
        }
        self.attributes.clear();
        let mut i = name_end;
        let empty = loop {
            let after_space = self.skip_space(i);
            match bytes.get(after_space) {
                Some(b'>') => {
                    self.pos = after_space + 1;
                    break false;
                }
                Some(b'/') if bytes.get(after_space + 1) == Some(&b'>') => {
                    self.pos = after_space + 2;
                    break true;
                }
                None => {
                    return Err(LexError {
                        in_tag: Some(lt + 1..name_end),
                        ..malformed(lt, format!("start tag <{qname} is not closed"))
                    })
                }
                Some(_) if after_space == i => {
                    return Err(malformed(
                        i,
                        format!("expected whitespace, '>' or '/>' in start tag <{qname}"),
                    ))
                }
                Some(_) => {
                    i = self.attribute(after_space, qname).map_err(|mut e| {
                        e.in_tag = Some(lt + 1..name_end);
                        e
                    })?
                }
            }
        };
        let repeated = match self.attributes.len() {
            0 | 1 => None,
            _ => first_repeated(&self.attributes, |a| a.qname),
        };
        if let Some(twice) = repeated {
            let mut err = malformed(
                twice.pos,
                format!("attribute {} appears twice in <{qname}>", twice.qname),
            );
            err.in_tag = Some(lt + 1..name_end);
            return Err(err);
        }
        self.seen_root = true;
        if empty {
            self.pending_end = Some(lt);
        } else {
            self.open.push(qname);
        }
        // `last_prefix` is now this name's: matched by the fast path or set from the scan.
        Ok(name_end)
    }

    /// Reads the attribute at `from` of start tag `tag`; returns the index after it.
    fn attribute(&mut self, from: usize, tag: &str) -> Result<usize, LexError> {
        let bytes = self.input.as_bytes();
        let name_end = self.qname_end(from)?;
        let qname = &self.input[from..name_end];
        let eq = self.skip_space(name_end);
        if bytes.get(eq) != Some(&b'=') {
            return Err(malformed(
                from,
                format!("attribute {qname} of <{tag}> has no '=' and value"),
            ));
        }
        let open_quote = self.skip_space(eq + 1);
        let quote = match bytes.get(open_quote) {
            Some(&q @ (b'"' | b'\'')) => q,
            _ => {
                return Err(malformed(
                    from,
                    format!("the value of attribute {qname} of <{tag}> is not quoted"),
                ))
            }
        };
        let value_start = open_quote + 1;
        let Some(value_end) = memchr(quote, &bytes[value_start..]).map(|i| value_start + i) else {
            return Err(malformed(
                open_quote,
                format!("the value of attribute {qname} of <{tag}> is not closed"),
            ));
        };
        if let Some(max) = self.max_attributes {
            if self.attributes.len() >= max {
                return Err(LexError {
                    pos: from,
                    kind: ReadErrorKind::TooManyAttributes(max),
                    in_tag: None,
                });
            }
        }
        let value = self.attribute_value(value_start, value_end)?;
        self.attributes.push(RawAttribute {
            qname,
            value,
            pos: from,
        });
        Ok(value_end + 1)
    }

    /// The value between `start` and `end` after attribute-value normalization: line
    /// ends and tabs become spaces, references are resolved.
    fn attribute_value(&self, start: usize, end: usize) -> Result<Cow<'a, str>, LexError> {
        let bytes = self.input.as_bytes();
        let mut i = start;
        let mut out: Option<String> = None;
        let mut run = start;
        loop {
            // No fifth byte to stop at in a value: `<` is named twice.
            i = skip_plain(&bytes[..end], i, &ATTRIBUTE_SPECIAL, b'<');
            if i == end {
                break;
            }
            let b = bytes[i];
            let (replacement, next) = match b {
                b'<' => return Err(malformed(i, "'<' is not allowed in an attribute value")),
                b'&' => self.reference(i)?,
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => (Replacement::Char(' '), i + 2),
                b'\t' | b'\n' | b'\r' => (Replacement::Char(' '), i + 1),
                _ => {
                    i += self.checked_char(i)?;
                    continue;
                }
            };
            let buf = out.get_or_insert_with(|| String::with_capacity(end - start));
            buf.push_str(&self.input[run..i]);
            replacement.push_to(buf);
            i = next;
            run = next;
        }
        Ok(match out {
            None => Cow::Borrowed(&self.input[start..end]),
            Some(mut buf) => {
                buf.push_str(&self.input[run..end]);
                Cow::Owned(buf)
            }
        })
    }

    /// Reads the end tag at `lt`, which must close the innermost open element.
    fn end_tag(&mut self, lt: usize) -> Result<(), LexError> {
        let bytes = self.input.as_bytes();
        let name_start = lt + 2;
        let Some(&expected) = self.open.last() else {
            let end = self.name_end(name_start)?;
            return Err(malformed(
                lt,
                format!(
                    "end tag </{}> without a start tag",
                    &self.input[name_start..end]
                ),
            ));
        };
        let mut name_end = name_start + expected.len();
        let same = bytes
            .get(name_start..name_end)
            .is_some_and(|name| same_bytes(name, expected.as_bytes()))
            && NAME_BYTE[bytes.get(name_end).copied().unwrap_or(b'>') as usize] == NOT_NAME;
        if !same {
            name_end = self.name_end(name_start)?;
            return Err(malformed(
                lt,
                format!(
                    "end tag </{}> does not match start tag <{expected}>",
                    &self.input[name_start..name_end]
                ),
            ));
        }
        let gt = self.skip_space(name_end);
        if bytes.get(gt) != Some(&b'>') {
            return Err(malformed(
                lt,
                format!("end tag </{expected} is not closed by '>'"),
            ));
        }
        self.open.pop();
        self.pos = gt + 1;
        Ok(())
    }

    /// A comment, CDATA section or DOCTYPE at `lt`; CDATA comes back as text.
    fn bang(&mut self, lt: usize) -> Result<Option<Cow<'a, str>>, LexError> {
        let rest = &self.input.as_bytes()[lt..];
        if rest.starts_with(b"<!--") {
            self.comment(lt)?;
            Ok(None)
        } else if rest.starts_with(b"<![CDATA[") {
            self.cdata(lt).map(Some)
        } else if rest.starts_with(b"<!DOCTYPE") {
            self.doctype(lt)?;
            Ok(None)
        } else {
            Err(malformed(
                lt,
                "'<!' starts neither a comment, a CDATA section nor a DOCTYPE",
            ))
        }
    }

    fn comment(&mut self, lt: usize) -> Result<(), LexError> {
        let start = lt + 4;
        let Some(dashes) = memmem::find(&self.input.as_bytes()[start..], b"--").map(|i| start + i)
        else {
            return Err(malformed(lt, "comment is not closed by -->"));
        };
        if self.input.as_bytes().get(dashes + 2) != Some(&b'>') {
            return Err(malformed(dashes, "\"--\" is not allowed inside a comment"));
        }
        self.check_chars(start, dashes)?;
        self.pos = dashes + 3;
        Ok(())
    }

    fn cdata(&mut self, lt: usize) -> Result<Cow<'a, str>, LexError> {
        if self.open.is_empty() {
            return Err(malformed(lt, "CDATA section outside the root element"));
        }
        let start = lt + 9;
        let Some(end) = memmem::find(&self.input.as_bytes()[start..], b"]]>").map(|i| start + i)
        else {
            return Err(malformed(lt, "CDATA section is not closed by ]]>"));
        };
        self.check_chars(start, end)?;
        self.pos = end + 3;
        let text = &self.input[start..end];
        Ok(if text.contains('\r') {
            Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
        } else {
            Cow::Borrowed(text)
        })
    }

    /// Skips a DOCTYPE declaration, internal subset included (nothing in it is used:
    /// references to the entities it declares are refused).
    fn doctype(&mut self, lt: usize) -> Result<(), LexError> {
        if self.seen_root || self.seen_doctype {
            return Err(malformed(
                lt,
                "a DOCTYPE is only allowed once, before the root element",
            ));
        }
        self.seen_doctype = true;
        let bytes = self.input.as_bytes();
        let unclosed = || malformed(lt, "DOCTYPE is not closed by '>'");
        let mut in_subset = false;
        let mut i = lt + 9;
        loop {
            match bytes.get(i) {
                None => return Err(unclosed()),
                Some(&quote @ (b'"' | b'\'')) => {
                    i += 2 + memchr(quote, &bytes[i + 1..]).ok_or_else(unclosed)?;
                }
                Some(b'[') if !in_subset => {
                    in_subset = true;
                    i += 1;
                }
                Some(b']') if in_subset => {
                    in_subset = false;
                    i += 1;
                }
                Some(b'<') if in_subset && bytes[i..].starts_with(b"<!--") => {
                    i += 7 + memmem::find(&bytes[i + 4..], b"--").ok_or_else(unclosed)?;
                }
                Some(b'<') if in_subset && bytes[i..].starts_with(b"<?") => {
                    i += 4 + memmem::find(&bytes[i + 2..], b"?>").ok_or_else(unclosed)?;
                }
                Some(b'>') if !in_subset => {
                    self.pos = i + 1;
                    return Ok(());
                }
                Some(_) => i += 1,
            }
        }
    }

    /// Skips a processing instruction; `<?xml …?>` is the XML declaration, allowed only
    /// at the very start.
    fn processing_instruction(&mut self, lt: usize) -> Result<(), LexError> {
        let bytes = self.input.as_bytes();
        let target_end = self.name_end(lt + 2)?;
        let target = &self.input[lt + 2..target_end];
        let Some(close) = memmem::find(&bytes[target_end..], b"?>").map(|i| target_end + i) else {
            return Err(malformed(lt, format!("<?{target} is not closed by ?>")));
        };
        if close > target_end && !is_xml_space(bytes[target_end]) {
            return Err(malformed(
                target_end,
                format!("expected whitespace after <?{target}"),
            ));
        }
        if target.eq_ignore_ascii_case("xml") {
            let content = self.input[target_end..close]
                .trim_start_matches(|c| u8::try_from(c).is_ok_and(is_xml_space));
            if lt != 0 || target != "xml" || !content.starts_with("version") {
                return Err(malformed(
                    lt,
                    "the XML declaration (<?xml version=…?>) may only begin the document",
                ));
            }
        }
        self.check_chars(target_end, close)?;
        self.pos = close + 2;
        Ok(())
    }

    fn check_chars(&self, start: usize, end: usize) -> Result<(), LexError> {
        match first_invalid_char(&self.input[start..end]) {
            None => Ok(()),
            Some(c) => {
                let at = start + self.input[start..end].find(c).unwrap_or(0);
                Err(not_xml_char(c, at))
            }
        }
    }
}

fn not_xml_char(c: char, pos: usize) -> LexError {
    malformed(
        pos,
        format!("character U+{:04X} is not allowed in XML 1.0", c as u32),
    )
}

/// What a reference stands for.
enum Replacement {
    Str(&'static str),
    Char(char),
}

impl Replacement {
    fn push_to(&self, out: &mut String) {
        match self {
            Replacement::Str(s) => out.push_str(s),
            Replacement::Char(c) => out.push(*c),
        }
    }
}

fn is_digits(s: &str, radix: u32) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_digit(radix))
}

/// Bytes that end a plain run of character data: markup, references, carriage
/// returns, `]` (for `]]>`), control characters other than tab and line feed, and
/// 0xEF (the lead byte of U+FFFE and U+FFFF).
static TEXT_SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b != b'\t' as usize && b != b'\n' as usize;
        b += 1;
    }
    table[b'<' as usize] = true;
    table[b'&' as usize] = true;
    table[b']' as usize] = true;
    table[0xEF] = true;
    table
};

/// Bytes of an attribute value that need a look: markup, references, whitespace that
/// normalization replaces, other control characters, and 0xEF.
static ATTRIBUTE_SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[b'<' as usize] = true;
    table[b'&' as usize] = true;
    table[0xEF] = true;
    table
};

/// What a name scan found (the colons matter to qualified names).
struct ScannedName {
    end: usize,
    /// The union of the classes of its bytes.
    classes: u8,
    /// The offset of its last colon, and how many there are.
    colon: usize,
    colons: u32,
}

/// Classes of name bytes, one bit each.
const NOT_NAME: u8 = 0;
const NAME_START: u8 = 1;
const NAME_ONLY: u8 = 2;
const NON_ASCII: u8 = 4;
const COLON: u8 = 8;

/// Name bytes: ASCII `NameStartChar`s, other ASCII `NameChar`s, and bytes of non-ASCII
/// characters (checked by [`is_name`]).
static NAME_BYTE: [u8; 256] = {
    let mut table = [NOT_NAME; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = if c == b':' {
            COLON
        } else if c.is_ascii_alphabetic() || c == b'_' {
            NAME_START
        } else if c.is_ascii_digit() || c == b'-' || c == b'.' {
            NAME_ONLY
        } else if c >= 0x80 {
            NON_ASCII
        } else {
            NOT_NAME
        };
        b += 1;
    }
    table
};

/// The `Name` production of XML 1.0 (fifth edition).
fn is_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(is_name_start_char) && chars.all(is_name_char)
}

fn is_name_start_char(c: char) -> bool {
    matches!(c,
        ':' | 'A'..='Z' | '_' | 'a'..='z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}'
        | '\u{F8}'..='\u{2FF}' | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}'
        | '\u{200C}'..='\u{200D}' | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}'
        | '\u{3001}'..='\u{D7FF}' | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}'
        | '\u{10000}'..='\u{EFFFF}')
}

fn is_name_char(c: char) -> bool {
    is_name_start_char(c)
        || matches!(c, '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lexemes of a whole document, written out (`<a x=1>`, `"text"`, `</>`), or
    /// the offset and message of its first error.
    fn lex(input: &str) -> Result<Vec<String>, (usize, String)> {
        let mut lexer = Lexer::new(input, None);
        let mut out = Vec::new();
        loop {
            let (lexeme, _) = lexer.next().map_err(|e| (e.pos, e.kind.to_string()))?;
            out.push(match lexeme {
                Lexeme::Start(name) => {
                    let name = name.qname;
                    let attrs: String = lexer
                        .attributes()
                        .map(|a| format!(" {}={}", a.qname, a.value))
                        .collect();
                    format!("<{name}{attrs}>")
                }
                Lexeme::End => "</>".to_string(),
                Lexeme::Text(text) => format!("{text:?}"),
                Lexeme::Eof => return Ok(out),
            });
        }
    }

    fn error(input: &str) -> (usize, String) {
        match lex(input) {
            Ok(lexemes) => panic!("{input:?} was accepted as {lexemes:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn reads_markup_text_and_references() {
        let doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY e \"]>\">]><!-- c -->\
                   <r a='1 &lt; 2' b=\"x&#9;y\tz\r\nw\"><e/>a&amp;b&#x41;<![CDATA[<&]]><?pi x?></r>";
        assert_eq!(
            lex(doc).unwrap(),
            [
                "\"\\n\"",
                "<r a=1 < 2 b=x\ty z w>",
                "<e>",
                "</>",
                "\"a&bA\"",
                "\"<&\"",
                "</>",
            ]
        );
        // Line ends become line feeds in text and CDATA alike.
        assert_eq!(
            lex("<r>a\r\nb\rc<![CDATA[d\r\ne]]></r>").unwrap()[1..3],
            ["\"a\\nb\\nc\"", "\"d\\ne\""]
        );
        // Non-ASCII names, and `>` in text and attribute values.
        assert_eq!(
            lex("<été x·y='>'>></été>").unwrap(),
            ["<été x·y=>>", "\">\"", "</>"]
        );
    }

    #[test]
    fn plain_text_and_values_are_borrowed() {
        let doc = "<r a=\"plain\">plain text ü</r>";
        let mut lexer = Lexer::new(doc, None);
        lexer.next().ok().unwrap();
        assert!(matches!(
            lexer.attributes().next().unwrap().value,
            Cow::Borrowed("plain")
        ));
        let (text, _) = lexer.next().ok().unwrap();
        assert!(matches!(text, Lexeme::Text(Cow::Borrowed("plain text ü"))));
    }

    #[test]
    fn refuses_what_is_not_well_formed() {
        let cases: &[(&str, usize, &str)] = &[
            ("<a></b>", 3, "end tag </b> does not match start tag <a>"),
            ("<a></ab>", 3, "does not match"),
            ("<a/></a>", 4, "end tag </a> without a start tag"),
            ("<a x='1' x='2'/>", 9, "attribute x appears twice"),
            ("<a x=1/>", 3, "is not quoted"),
            ("<a x/>", 3, "has no '=' and value"),
            ("<a x='<'/>", 6, "'<' is not allowed in an attribute value"),
            ("<a x='1'y='2'/>", 8, "expected whitespace"),
            ("<a x='1/>", 5, "is not closed"),
            ("<a", 0, "start tag <a is not closed"),
            ("<1a/>", 1, "\"1a\" is not a name"),
            ("<·a/>", 1, "is not a name"),
            ("< a/>", 1, "expected a name"),
            ("<a:b:c/>", 1, "\"a:b:c\" is not a qualified name"),
            ("<:a/>", 1, "is not a qualified name"),
            ("<a:/>", 1, "is not a qualified name"),
            ("<a:-b/>", 1, "is not a qualified name"),
            ("<a:·b/>", 1, "is not a qualified name"),
            ("<a :x='1'/>", 3, "\":x\" is not a qualified name"),
            ("<a>]]></a>", 3, "\"]]>\" is not allowed in text"),
            ("<a>x & y</a>", 5, "'&' must start a reference"),
            (
                "<a>&nbsp;</a>",
                3,
                "undeclared or unsupported entity &nbsp;",
            ),
            ("<a>&#0;</a>", 3, "&#0; does not refer to a character"),
            ("<a>&#xD800;</a>", 3, "does not refer to a character"),
            ("<a>&#x110000;</a>", 3, "does not refer to a character"),
            ("<a>&#12a;</a>", 3, "does not refer to a character"),
            ("<a>\u{1}</a>", 3, "U+0001 is not allowed"),
            ("<a>x\u{FFFE}</a>", 4, "U+FFFE is not allowed"),
            ("<a x='\u{FFFF}'/>", 6, "U+FFFF is not allowed"),
            (
                "<a><!-- a -- b --></a>",
                10,
                "\"--\" is not allowed inside a comment",
            ),
            ("<a><!-- a ---></a>", 10, "\"--\" is not allowed"),
            ("<a><!-- a </a>", 3, "comment is not closed"),
            ("<a><![CDATA[x</a>", 3, "CDATA section is not closed"),
            (
                "<![CDATA[x]]><a/>",
                0,
                "CDATA section outside the root element",
            ),
            ("<a><?pi x</a>", 3, "<?pi is not closed"),
            ("<a><?pi\u{1}?></a>", 7, "expected whitespace after <?pi"),
            ("<a/><?xml version='1.0'?>", 4, "XML declaration"),
            ("<?XML version='1.0'?><a/>", 0, "XML declaration"),
            ("<!DOCTYPE a><!DOCTYPE a><a/>", 12, "only allowed once"),
            ("<a/><!DOCTYPE a>", 4, "only allowed once"),
            ("<!DOCTYPE a [<!ENTITY e 'x'>", 0, "DOCTYPE is not closed"),
            ("<a><!ELEMENT a ANY></a>", 3, "neither a comment"),
            ("<a></a", 3, "end tag </a is not closed"),
            ("<a/><b/>", 4, "<b> after the root element"),
            ("<a></a>\n<p:b/>", 8, "<p:b> after the root element"),
        ];
        for &(doc, pos, message) in cases {
            let (at, got) = error(doc);
            assert!(got.contains(message), "{doc:?}: {got}");
            assert_eq!(at, pos, "{doc:?}: {got}");
        }
    }

    /// A start tag with the last one's prefix has only its local part scanned: what is
    /// not a qualified name is refused as it is without that prefix before it.
    #[test]
    fn names_after_a_repeated_prefix_are_checked_as_any_other() {
        let ok = lex("<t:r><t:a/><t:é/><t:_b-1.x/><t:c></t:c><u:d/><t:e/></t:r>").unwrap();
        assert_eq!(ok.len(), 14, "{ok:?}");
        assert_eq!(ok[3], "<t:é>");
        for (bad, message) in [
            ("<t:>", "is not a qualified name"),
            ("<t:1x/>", "is not a qualified name"),
            ("<t:-x/>", "is not a qualified name"),
            ("<t:a:b/>", "is not a qualified name"),
            ("<t::b/>", "is not a qualified name"),
            ("<t:·x/>", "is not a qualified name"),
        ] {
            let (at, got) = error(&format!("<t:r><t:a/>{bad}</t:r>"));
            assert_eq!(at, 12, "{bad}: {got}");
            assert!(got.contains(message), "{bad}: {got}");
        }
    }

    /// Text and values are scanned sixteen or eight bytes at a time: what needs a look
    /// is found wherever it falls in a block.
    #[test]
    fn finds_what_needs_a_look_at_every_offset() {
        let plain = "abcdefghijklmnopqrstuvwxyz0123456789";
        for at in 0..plain.len() {
            let with = |s: &str| format!("{}{s}{}", &plain[..at], &plain[at..]);
            let text = |s: &str| lex(&format!("<r>{}</r>", with(s)));
            let value = |s: &str| lex(&format!("<r a='{}'/>", with(s)));
            assert_eq!(text("&lt;").unwrap()[1], format!("{:?}", with("<")));
            assert_eq!(text("\r\n").unwrap()[1], format!("{:?}", with("\n")));
            let kept = "\n\t]\u{FFFD}";
            assert_eq!(text(kept).unwrap()[1], format!("{:?}", with(kept)));
            for bad in ["]]>", "\u{1}", "\u{FFFE}"] {
                assert_eq!(text(bad).unwrap_err().0, 3 + at, "{bad:?} at {at}");
            }
            assert_eq!(value("&amp;").unwrap()[0], format!("<r a={}>", with("&")));
            assert_eq!(value("\r\n\t").unwrap()[0], format!("<r a={}>", with("  ")));
            for bad in ["<", "\u{1F}", "\u{FFFF}"] {
                assert_eq!(value(bad).unwrap_err().0, 6 + at, "{bad:?} at {at}");
            }
            // What follows a value's closing quote in the same word is not the value's.
            let short = &plain[..at % 8];
            let two = lex(&format!("<r a='{short}'\n\tb='&amp;\t'/>")).unwrap();
            assert_eq!(two[0], format!("<r a={short} b=& >"));
        }
    }

    #[test]
    fn simple_content_is_taken_in_one_step_or_left_alone() {
        let mut lexer = Lexer::new("<r><a>x&amp;y</a><b/><c>x<!-- -->y</c></r>", None);
        lexer.next().ok().unwrap();
        lexer.next().ok().unwrap();
        let (text, end) = lexer.text_then_end().ok().unwrap().unwrap();
        assert_eq!((text.as_ref(), end), ("x&y", 13));
        lexer.next().ok().unwrap();
        let (text, end) = lexer.text_then_end().ok().unwrap().unwrap();
        assert_eq!((text.as_ref(), end), ("", 17));
        lexer.next().ok().unwrap();
        // A comment splits the text: nothing is consumed, the lexemes come one by one.
        assert!(lexer.text_then_end().ok().unwrap().is_none());
        assert!(matches!(lexer.next().ok().unwrap().0, Lexeme::Text(t) if t == "x"));
        assert!(matches!(lexer.next().ok().unwrap().0, Lexeme::Text(t) if t == "y"));
        // A mismatched end tag is an error here as anywhere.
        let mut lexer = Lexer::new("<a>x</b>", None);
        lexer.next().ok().unwrap();
        assert!(lexer.text_then_end().is_err());
    }

    #[test]
    fn duplicates_are_found_in_large_tags_too() {
        let attrs: String = (0..40).map(|i| format!(" a{i}='{i}'")).collect();
        assert!(lex(&format!("<r{attrs}/>")).is_ok());
        let (_, message) = error(&format!("<r{attrs} a7='again'/>"));
        assert!(message.contains("attribute a7 appears twice"), "{message}");
    }

    #[test]
    fn the_attribute_limit_counts_every_attribute() {
        let mut lexer = Lexer::new("<r a='1' b='2' c='3'/>", Some(2));
        let err = lexer
            .next()
            .err()
            .expect("three attributes are over the limit");
        assert_eq!(err.kind, ReadErrorKind::TooManyAttributes(2));
        assert_eq!(err.pos, 15);
    }

    /// roxmltree is an independent well-formedness checker: on every sample of the
    /// corpus, cut short and with bytes replaced, it and the lexer must agree on
    /// whether the document is well-formed (namespaces aside, which the reader checks).
    #[test]
    fn agrees_with_roxmltree_on_mutated_samples() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../shared/corpus/ews/samples");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("skipped: {} is absent", dir.display());
            return;
        };
        let mut names: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        names.sort();
        let mut compared = 0;
        for path in names
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        {
            let text = std::fs::read_to_string(path).unwrap();
            let mut docs = vec![text.clone()];
            let boundaries: Vec<usize> = (0..text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            for (k, &i) in boundaries.iter().enumerate().step_by(37) {
                docs.push(text[..i].to_string());
                let next = boundaries.get(k + 1).copied().unwrap_or(text.len());
                for replacement in [
                    "<", "&", "\"", "'", ">", "]]>", "--", "/", "=", " ", "\u{1}",
                ] {
                    docs.push(format!("{}{replacement}{}", &text[..i], &text[next..]));
                }
            }
            for doc in &docs {
                let ours = one_root(doc);
                let theirs = roxmltree::Document::parse(doc);
                match (&ours, &theirs) {
                    (_, Err(e)) if is_namespace_error(e) => continue,
                    // roxmltree takes an attribute named `:a`; Namespaces in XML does not.
                    (Err((_, message)), Ok(_)) if message.contains("not a qualified name") => {
                        continue
                    }
                    _ => {}
                }
                compared += 1;
                assert_eq!(
                    ours.is_ok(),
                    theirs.is_ok(),
                    "{}: ours {:?}, roxmltree {:?} on\n{doc}",
                    path.display(),
                    ours.err(),
                    theirs.err()
                );
            }
        }
        eprintln!("{compared} documents compared with roxmltree");
    }

    /// What the reader adds at the level of the document: one root element, and
    /// nothing but whitespace around it.
    fn one_root(doc: &str) -> Result<(), (usize, String)> {
        let mut lexer = Lexer::new(doc, None);
        let (mut depth, mut roots) = (0, 0);
        loop {
            match lexer.next().map_err(|e| (e.pos, e.kind.to_string()))? {
                (Lexeme::Start(_), _) => {
                    roots += usize::from(depth == 0);
                    depth += 1;
                }
                (Lexeme::End, _) => depth -= 1,
                (Lexeme::Text(text), pos) if depth == 0 && !text.bytes().all(is_xml_space) => {
                    return Err((pos, "text outside the root element".into()))
                }
                (Lexeme::Text(_), _) => {}
                (Lexeme::Eof, _) if roots == 1 && depth == 0 => return Ok(()),
                (Lexeme::Eof, pos) => return Err((pos, format!("{roots} roots, {depth} open"))),
            }
        }
    }

    /// The W3C suite's ~42,000 schemas and instance documents (XML too), as they are.
    #[test]
    fn agrees_with_roxmltree_on_the_w3c_suite() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../shared/corpus/w3c-xsdtests");
        if !root.is_dir() {
            eprintln!("skipped: {} is absent", root.display());
            return;
        }
        let mut files = Vec::new();
        let mut dirs = vec![root];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "xml" || e == "xsd") {
                    files.push(path);
                }
            }
        }
        files.sort();
        let mut compared = 0;
        for path in &files {
            // Documents in other encodings are not `&str` input.
            let Ok(doc) = std::fs::read_to_string(path) else {
                continue;
            };
            let doc = doc.strip_prefix('\u{feff}').unwrap_or(&doc);
            let ours = one_root(doc);
            let theirs = parse_allowing_dtd(doc);
            if theirs.as_ref().is_err_and(is_namespace_error) {
                continue;
            }
            compared += 1;
            assert_eq!(
                ours.is_ok(),
                theirs.is_ok(),
                "{}: ours {:?}, roxmltree {:?}",
                path.display(),
                ours.err(),
                theirs.err()
            );
        }
        eprintln!("{compared} W3C files compared with roxmltree");
    }

    fn parse_allowing_dtd(doc: &str) -> Result<roxmltree::Document<'_>, roxmltree::Error> {
        let options = roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        };
        roxmltree::Document::parse_with_options(doc, options)
    }

    fn is_namespace_error(e: &roxmltree::Error) -> bool {
        use roxmltree::Error::*;
        matches!(
            e,
            UnknownNamespace(..)
                | UnexpectedXmlUri(_)
                | UnexpectedXmlnsUri(_)
                | InvalidXmlPrefixUri(_)
                | DuplicatedAttribute(..)
        )
    }
}
