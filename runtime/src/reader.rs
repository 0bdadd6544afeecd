//! A strict, namespace-aware pull reader shaped for generated code, over the
//! runtime's own tokenizer ([`crate::lexer`]).
//!
//! Generated readers walk a document top-down: they ask for the child they expect
//! next ([`XmlReader::child`], [`XmlReader::expect_child`]), read simple content
//! ([`XmlReader::simple_content`]) and close elements ([`XmlReader::end_element`]).
//! Every error carries the line, column and element path where it was found.

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::HashMap;
use std::rc::Rc;

use crate::chars::same_bytes;
use crate::error::{line_column, Location, ReadError, ReadErrorKind, ValueError};
use crate::expected::{element_label, Candidate, Expected};
use crate::lexer::{first_repeated, LexError, Lexeme, Lexer, TagName};
use crate::mixed::{MixedFrame, MixedText};
use crate::simple::SimpleType;
use crate::{AnyAttribute, AnyElement, ContentGroup, Wildcard};
use crate::{XML_NS, XSI_NS};

/// A namespace URI (`None` for no namespace) and a local name.
pub type ResolvedName = (Option<Rc<str>>, String);

/// Default limit on element nesting: generated readers recurse once per level.
pub const DEFAULT_MAX_DEPTH: usize = 256;

/// The limits a reader holds a document to. `ReadLimits::default()` is what
/// [`XmlReader::new`] and [`crate::read_document`] use: nesting bounded (the generated
/// readers recurse once per level), size and attribute count unbounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadLimits {
    /// Element nesting depth (default [`DEFAULT_MAX_DEPTH`]).
    pub max_depth: usize,
    /// Document size in bytes, checked before anything is read (default: none).
    pub max_document_size: Option<usize>,
    /// Attributes on one element, namespace declarations included (default: none).
    pub max_attributes: Option<usize>,
}

impl Default for ReadLimits {
    fn default() -> Self {
        Self {
            max_depth: DEFAULT_MAX_DEPTH,
            max_document_size: None,
            max_attributes: None,
        }
    }
}

/// An attribute of a start tag, with its namespace resolved.
#[derive(Debug, Clone)]
pub struct Attr<'a> {
    ns: Option<Rc<str>>,
    /// Local name.
    pub local: &'a str,
    /// Value after XML attribute-value normalization and entity expansion.
    pub value: Cow<'a, str>,
}

impl Attr<'_> {
    /// The attribute's namespace URI, `None` for an unqualified attribute.
    pub fn ns(&self) -> Option<&str> {
        self.ns.as_deref()
    }

    /// `{namespace}local` or `local`, for messages.
    pub fn display_name(&self) -> String {
        expanded_name(self.ns(), self.local)
    }

    /// Whether this is `xsi:type`, `xsi:nil` or one of the two schema location hints.
    fn is_xsi(&self) -> bool {
        self.ns() == Some(XSI_NS)
            && matches!(
                self.local,
                "type" | "nil" | "schemaLocation" | "noNamespaceSchemaLocation"
            )
    }
}

/// An element whose end tag the reader has not reached.
struct OpenElement<'a> {
    local: &'a str,
    /// Its namespace: the names an error lists are shown relative to it.
    ns: NsId,
    /// `bindings.len()` and `attrs.len()` before its start tag.
    bindings: usize,
    attrs: usize,
}

/// A namespace URI as the reader interned it: an index into its `namespaces`.
type NsId = usize;
/// Names in no namespace.
const NO_NAMESPACE: NsId = 0;
/// The namespace the `xml` prefix is bound to.
const XML_NAMESPACE: NsId = 1;

/// Every namespace URI declared in a document so far, each once, so that a start tag
/// names its namespace with a number.
struct Namespaces {
    /// `NO_NAMESPACE` (a placeholder), the `xml` namespace, then in order of declaration.
    uris: Vec<Rc<str>>,
    ids: HashMap<Rc<str>, NsId>,
    /// For each URI, the `'static` string a reader function was last given for it:
    /// generated code names a few namespaces thousands of times, and an address
    /// compared is cheaper than 50-odd bytes.
    matched: Vec<Cell<&'static str>>,
}

impl Namespaces {
    fn new() -> Self {
        let xml: Rc<str> = Rc::from(XML_NS);
        Self {
            uris: vec![Rc::from(""), xml.clone()],
            ids: HashMap::from([(xml, XML_NAMESPACE)]),
            matched: vec![Cell::new(""), Cell::new(XML_NS)],
        }
    }

    /// The id of a declared URI (`""` undeclares the default namespace).
    fn intern(&mut self, uri: &str) -> NsId {
        if uri.is_empty() {
            return NO_NAMESPACE;
        }
        if let Some(&id) = self.ids.get(uri) {
            return id;
        }
        let id = self.uris.len();
        let uri: Rc<str> = Rc::from(uri);
        self.uris.push(uri.clone());
        self.ids.insert(uri, id);
        self.matched.push(Cell::new(""));
        id
    }

    /// Whether `id` is the namespace `ns`.
    #[inline]
    fn is(&self, id: NsId, ns: Option<&'static str>) -> bool {
        let Some(ns) = ns else {
            return id == NO_NAMESPACE;
        };
        if id == NO_NAMESPACE {
            return false;
        }
        let Some(matched) = self.matched.get(id) else {
            return false;
        };
        // Address and length: a `'static` string is never replaced by other text.
        if std::ptr::eq(matched.get(), ns) {
            return true;
        }
        let same = *self.uris[id] == *ns;
        if same {
            matched.set(ns);
        }
        same
    }

    fn uri(&self, id: NsId) -> Option<&Rc<str>> {
        match id {
            NO_NAMESPACE => None,
            id => self.uris.get(id),
        }
    }
}

/// A start tag that the reader has consumed, with namespace-resolved names. Its
/// namespace URI and attributes stay with the reader ([`XmlReader::ns`],
/// [`XmlReader::attributes`]) until its end tag: a tag is five words, which every
/// reading function passes and returns, none to clone or drop (a 56-byte tag with a
/// reference-counted URI showed up at the top of profiles as moves through the stack).
#[derive(Debug, Clone, Copy)]
pub struct StartTag<'a> {
    local: &'a str,
    pos: usize,
    ns: NsId,
    /// Where its attributes are in the reader's `attrs`.
    attrs_from: usize,
    attrs_to: usize,
}

impl<'a> StartTag<'a> {
    /// Local name of the element.
    pub fn local(&self) -> &'a str {
        self.local
    }

    /// Byte offset of the `<` of this tag.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Whether the tag has attributes, `xsi:` ones included (namespace declarations are
    /// not attributes here).
    #[inline]
    pub fn has_attributes(&self) -> bool {
        self.attrs_from != self.attrs_to
    }
}

/// `{ns}local` or `local`.
pub fn expanded_name(ns: Option<&str>, local: &str) -> String {
    match ns {
        Some(ns) => format!("{{{ns}}}{local}"),
        None => local.to_string(),
    }
}

enum Token<'a> {
    Start(StartTag<'a>),
    End(usize),
    Text(Cow<'a, str>, usize),
    Eof(usize),
}

/// Prefixes of the element being read (a start tag's own declarations included).
impl crate::PrefixScope for XmlReader<'_> {
    fn namespace_of(&self, prefix: &str) -> Option<&str> {
        if prefix == "xml" {
            return Some(XML_NS);
        }
        let (_, id) = self.bindings.iter().rev().find(|(p, _)| *p == prefix)?;
        self.namespaces.uri(*id).map(|uri| &**uri)
    }
}

/// The document reader that generated code drives.
pub struct XmlReader<'a> {
    input: &'a str,
    lexer: Lexer<'a>,
    /// In-scope namespace bindings, innermost last: (prefix, URI); "" prefix is the default.
    bindings: Vec<(&'a str, NsId)>,
    /// Changes whenever `bindings` does, so that `last_element_ns` can tell it still holds.
    bindings_epoch: u64,
    /// The prefix of the last element name resolved, with `bindings_epoch` then and its
    /// namespace: most elements repeat their parent's prefix.
    last_element_ns: Option<(&'a str, u64, NsId)>,
    namespaces: Namespaces,
    /// The open elements, outermost first.
    open: Vec<OpenElement<'a>>,
    /// The attributes of the open elements, outermost first.
    attrs: Vec<Attr<'a>>,
    peeked: Option<Token<'a>>,
    /// Mixed elements being read, innermost last (empty for element-only documents).
    mixed: Vec<MixedFrame>,
    /// The depth of the innermost mixed element being read, `usize::MAX` when none: the
    /// one word the hot path compares (a start tag there counts a child, text there is
    /// kept).
    mixed_depth: usize,
    limits: ReadLimits,
    /// The document began with more than one byte-order mark.
    extra_byte_order_marks: bool,
    /// Whether the reader records what it tries (`tried`): off for speed; [`crate::read_document`] reads a document again with it on
    /// when the first reading fails where another element was wanted, so that the error
    /// lists what was allowed there (reading is deterministic: the same error, at the
    /// same place).
    recording: bool,
    /// Recording: what the content model allowed at the current position and the
    /// document did not have: each child name, group or wildcard tried since the last
    /// start or end tag consumed. Only an error reads it (the elements allowed there).
    tried: Vec<Candidate>,
}

impl<'a> XmlReader<'a> {
    /// A reader over a whole document held in memory. A leading byte-order mark is skipped.
    pub fn new(input: &'a str) -> Self {
        let input = input.strip_prefix('\u{feff}').unwrap_or(input);
        // A second mark is a U+FEFF character before the root: not well-formed. Cut
        // here so that `root` can say so plainly rather than as stray text.
        let rest = input.trim_start_matches('\u{feff}');
        let extra_byte_order_marks = rest.len() != input.len();
        let input = rest;
        Self {
            input,
            lexer: Lexer::new(input, None),
            bindings: Vec::new(),
            bindings_epoch: 0,
            last_element_ns: None,
            namespaces: Namespaces::new(),
            open: Vec::new(),
            attrs: Vec::new(),
            peeked: None,
            mixed: Vec::new(),
            mixed_depth: usize::MAX,
            limits: ReadLimits::default(),
            extra_byte_order_marks,
            recording: false,
            tried: Vec::new(),
        }
    }

    /// Sets the limits (nesting, document size, attributes per element); see
    /// [`ReadLimits`] for the defaults.
    pub fn with_limits(mut self, limits: ReadLimits) -> Self {
        self.limits = limits;
        self.lexer.set_max_attributes(limits.max_attributes);
        self
    }

    /// The error for a document over the size limit, if it is.
    fn check_size(&self) -> Result<(), ReadError> {
        match self.limits.max_document_size {
            Some(limit) if self.input.len() > limit => Err(self.error_at(
                0,
                ReadErrorKind::TooLarge {
                    size: self.input.len(),
                    limit,
                },
            )),
            _ => Ok(()),
        }
    }

    /// Local names of the open elements, `/`-separated.
    fn path(&self) -> String {
        let names: Vec<&str> = self.open.iter().map(|e| e.local).collect();
        names.join("/")
    }

    /// An error at a byte offset, with the current element path.
    pub fn error_at(&self, pos: usize, kind: ReadErrorKind) -> ReadError {
        let (line, column) = line_column(self.input, pos);
        ReadError::new(
            Location {
                line,
                column,
                path: self.path(),
            },
            kind,
        )
    }

    /// An error for a value that does not belong to its type.
    pub fn invalid_value(
        &self,
        pos: usize,
        value: &str,
        type_name: &str,
        err: ValueError,
    ) -> ReadError {
        self.error_at(
            pos,
            ReadErrorKind::InvalidValue {
                value: value.to_string(),
                type_name: type_name.to_string(),
                reason: err.reason,
            },
        )
    }

    /// An error for an attribute the element's type does not declare.
    pub fn unexpected_attribute(&self, start: &StartTag<'_>, attr: &Attr<'_>) -> ReadError {
        self.error_at(
            start.pos,
            ReadErrorKind::UnexpectedAttribute {
                found: attr.display_name(),
            },
        )
    }

    /// An error for a required attribute that is absent.
    pub fn missing_attribute(&self, start: &StartTag<'_>, name: &str) -> ReadError {
        self.error_at(
            start.pos,
            ReadErrorKind::MissingAttribute {
                name: name.to_string(),
            },
        )
    }

    /// A tokenizer error; one inside a start tag has the element on its path.
    #[cold]
    fn lex_error(&self, err: LexError) -> ReadError {
        let error = self.error_at(err.pos, err.kind);
        match err.in_tag.and_then(|range| self.input.get(range)) {
            Some(name) => error.within(split_qname(name).1),
            None => error,
        }
    }

    /// Reads the next token, text included, resolving names of start tags.
    fn next_token(&mut self) -> Result<Token<'a>, ReadError> {
        match self.peeked.take() {
            Some(token) => Ok(token),
            None => self.read_token(),
        }
    }

    /// Reads a token from the lexer (none is peeked).
    #[inline(always)]
    fn read_token(&mut self) -> Result<Token<'a>, ReadError> {
        let (lexeme, pos) = match self.lexer.next() {
            Ok(next) => next,
            Err(e) => return Err(self.lex_error(e)),
        };
        Ok(match lexeme {
            Lexeme::Start(qname) => Token::Start(self.open_element(pos, qname)?),
            Lexeme::End => Token::End(pos),
            Lexeme::Text(text) if self.mixed_depth == self.open.len() => {
                return self.read_mixed_text(text, pos)
            }
            Lexeme::Text(text) => Token::Text(text, pos),
            Lexeme::Eof => Token::Eof(pos),
        })
    }

    #[cold]
    fn count_mixed_child(&mut self) {
        if let Some(frame) = self.mixed.last_mut() {
            frame.children += 1;
        }
    }

    /// Text read inside the innermost mixed element (not in one of its children): kept
    /// in its frame, and the token after it read.
    #[cold]
    #[inline(never)]
    fn read_mixed_text(
        &mut self,
        mut text: Cow<'a, str>,
        mut pos: usize,
    ) -> Result<Token<'a>, ReadError> {
        let depth = self.open.len();
        // A loop, not recursion: text and comments may alternate any number of times.
        loop {
            match self.mixed.last_mut() {
                Some(frame) if frame.depth == depth => frame.text.push(frame.children, &text),
                _ => return Ok(Token::Text(text, pos)),
            }
            let (lexeme, at) = match self.lexer.next() {
                Ok(next) => next,
                Err(e) => return Err(self.lex_error(e)),
            };
            pos = at;
            match lexeme {
                Lexeme::Text(t) => text = t,
                Lexeme::Start(qname) => return Ok(Token::Start(self.open_element(pos, qname)?)),
                Lexeme::End => return Ok(Token::End(pos)),
                Lexeme::Eof => return Ok(Token::Eof(pos)),
            }
        }
    }

    /// Starts keeping the text of the element whose content is being read (its type's
    /// content is mixed). `false` when an enclosing reader (a derived type's, around its
    /// base's) already does: that one's [`XmlReader::end_mixed`] gets the text.
    pub fn begin_mixed(&mut self) -> bool {
        let peeked_start = matches!(self.peeked, Some(Token::Start(_))) as usize;
        let depth = self.open.len().saturating_sub(peeked_start);
        if self.mixed.last().is_some_and(|f| f.depth == depth) {
            return false;
        }
        self.mixed.push(MixedFrame::new(depth, MixedText::new()));
        self.mixed_depth = depth;
        true
    }

    /// The text of the mixed element, up to its end tag (not consumed), when `owner`
    /// (what [`XmlReader::begin_mixed`] returned); otherwise no text.
    pub fn end_mixed(&mut self, owner: bool) -> Result<MixedText, ReadError> {
        if !owner {
            return Ok(MixedText::new());
        }
        // Reads the text before the end tag (or whatever comes instead) into the frame.
        self.peek_significant()?;
        let text = self.mixed.pop().map(|f| f.text).unwrap_or_default();
        self.mixed_depth = self.mixed.last().map_or(usize::MAX, |f| f.depth);
        Ok(text)
    }

    /// Pushes the namespace scope and path of the start tag at `pos` that the lexer
    /// just read, and resolves its names.
    fn open_element(&mut self, pos: usize, name: TagName<'a>) -> Result<StartTag<'a>, ReadError> {
        if self.open.len() >= self.limits.max_depth {
            return Err(self.error_at(pos, ReadErrorKind::TooDeep(self.limits.max_depth)));
        }
        if self.mixed_depth == self.open.len() {
            self.count_mixed_child();
        }
        let scope = self.bindings.len();
        let attrs_from = self.attrs.len();
        let (prefix, local) = (name.prefix(), name.local());
        // Most tags have no attributes: nothing to declare, resolve or check for repeats.
        if !self.lexer.has_attributes() {
            // An unbound prefix is the one error here: its path names the element.
            let ns = match self.resolve_element(prefix, pos) {
                Ok(ns) => ns,
                Err(e) => return Err(e.within(local)),
            };
            self.open.push(OpenElement {
                local,
                ns,
                bindings: scope,
                attrs: attrs_from,
            });
            return Ok(StartTag {
                local,
                pos,
                ns,
                attrs_from,
                attrs_to: attrs_from,
            });
        }

        // On the path before any error, so that errors in this tag name it.
        self.open.push(OpenElement {
            local,
            ns: NO_NAMESPACE,
            bindings: scope,
            attrs: attrs_from,
        });
        // Attributes are kept with their qualified name in `local`, then resolved in
        // place once all of this tag's namespace declarations are known.
        let mut empty_prefix = None;
        for attr in self.lexer.attributes() {
            let (key, value) = (attr.qname, attr.value);
            let prefix = match key.strip_prefix("xmlns") {
                Some("") => Some(""),
                Some(p) => p.strip_prefix(':'),
                None => None,
            };
            if let Some(p) = prefix {
                if value.is_empty() && !p.is_empty() {
                    empty_prefix.get_or_insert(p);
                }
                let id = self.namespaces.intern(&value);
                self.bindings.push((p, id));
            } else {
                self.attrs.push(Attr {
                    ns: None,
                    local: key,
                    value,
                });
            }
        }
        if let Some(p) = empty_prefix {
            return Err(self.error_at(
                pos,
                ReadErrorKind::Malformed(format!("prefix {p:?} bound to an empty URI")),
            ));
        }

        if self.bindings.len() != scope {
            self.bindings_epoch += 1;
        }
        let ns = self.resolve_element(prefix, pos)?;
        if let Some(open) = self.open.last_mut() {
            open.ns = ns;
        }
        for i in attrs_from..self.attrs.len() {
            let (p, l) = split_qname(self.attrs[i].local);
            let ns = self.resolve(p, false, pos)?;
            let attr = &mut self.attrs[i];
            attr.ns = self.namespaces.uri(ns).cloned();
            attr.local = l;
        }
        let attrs_to = self.attrs.len();
        // `a:x` and `b:x` with `a` and `b` bound to one URI: Namespaces in XML forbids it.
        let tag_attrs = &self.attrs[attrs_from..attrs_to];
        if let Some(twice) = first_repeated(tag_attrs, |a| (a.local, a.ns.as_deref())) {
            return Err(self.error_at(
                pos,
                ReadErrorKind::Malformed(format!(
                    "attribute {} appears twice (under two prefixes)",
                    twice.display_name()
                )),
            ));
        }
        Ok(StartTag {
            local,
            pos,
            ns,
            attrs_from,
            attrs_to,
        })
    }

    /// Resolves the prefix of an element name, through `last_element_ns` when it holds.
    fn resolve_element(&mut self, prefix: Option<&'a str>, pos: usize) -> Result<NsId, ReadError> {
        let key = prefix.unwrap_or("");
        if let Some((last, epoch, ns)) = self.last_element_ns {
            // Prefixes are a byte or two: compared inline rather than through memcmp.
            let same =
                last.len() == key.len() && last.bytes().zip(key.bytes()).all(|(a, b)| a == b);
            if same && epoch == self.bindings_epoch {
                return Ok(ns);
            }
        }
        let ns = self.resolve(prefix, true, pos)?;
        self.last_element_ns = Some((key, self.bindings_epoch, ns));
        Ok(ns)
    }

    /// Resolves a prefix; unprefixed attributes are in no namespace.
    fn resolve(&self, prefix: Option<&str>, element: bool, pos: usize) -> Result<NsId, ReadError> {
        let prefix = match prefix {
            None if !element => return Ok(NO_NAMESPACE),
            None => "",
            Some("xml") => return Ok(XML_NAMESPACE),
            Some(p) => p,
        };
        match self.bindings.iter().rev().find(|(p, _)| *p == prefix) {
            Some(&(_, ns)) => Ok(ns),
            None if prefix.is_empty() => Ok(NO_NAMESPACE),
            None => Err(self.error_at(pos, ReadErrorKind::UnboundPrefix(prefix.to_string()))),
        }
    }

    /// Namespace URI of an open element, `None` when it is in no namespace.
    pub fn ns(&self, start: &StartTag<'_>) -> Option<&str> {
        self.namespaces.uri(start.ns).map(|uri| &**uri)
    }

    /// Whether an open element has this namespace and local name.
    #[inline]
    pub fn is(&self, start: &StartTag<'_>, ns: Option<&'static str>, local: &str) -> bool {
        same_bytes(start.local.as_bytes(), local.as_bytes()) && self.namespaces.is(start.ns, ns)
    }

    /// `{namespace}local` of an open element, for messages.
    pub fn display_name(&self, start: &StartTag<'_>) -> String {
        expanded_name(self.ns(start), start.local)
    }

    /// The innermost element whose content is being read (a peeked start tag is already
    /// on the path but not yet entered), `None` before the root.
    fn current_open(&self) -> Option<&OpenElement<'a>> {
        let peeked_start = matches!(self.peeked, Some(Token::Start(_))) as usize;
        let depth = self.open.len().saturating_sub(peeked_start);
        depth.checked_sub(1).map(|i| &self.open[i])
    }

    /// Local name of the innermost element whose content is being read.
    fn current_element(&self) -> &'a str {
        self.current_open().map_or("", |e| e.local)
    }

    /// The namespace of the element whose content is being read (names in it are shown
    /// without their namespace); `None` before the root.
    fn current_ns(&self) -> Option<Option<&str>> {
        self.current_open()
            .map(|e| self.namespaces.uri(e.ns).map(|uri| &**uri))
    }

    /// Records what was tried at this position and not found, when recording.
    #[inline(always)]
    fn note_tried(&mut self, candidate: Candidate) {
        if self.recording {
            self.record(candidate);
        }
    }

    #[cold]
    #[inline(never)]
    fn record(&mut self, candidate: Candidate) {
        self.tried.push(candidate);
    }

    /// Sets whether the reader records what it tries at each position, for errors that
    /// list every element allowed where a document went wrong (without it, an error
    /// names what the reader wanted last). [`crate::read_document`] turns it on to read
    /// a failed document again; it costs a few per cent of reading time.
    pub fn recording(mut self, on: bool) -> Self {
        self.recording = on;
        self
    }

    fn close_element(&mut self) {
        // The parent's content moves past this element: nothing tried before it is
        // allowed after it.
        self.tried.clear();
        if let Some(open) = self.open.pop() {
            if self.bindings.len() != open.bindings {
                self.bindings.truncate(open.bindings);
                self.bindings_epoch += 1;
            }
            self.attrs.truncate(open.attrs);
        }
    }

    /// Attributes of an open element other than namespace declarations and the four
    /// `xsi:` attributes XSD defines (any other name in that namespace is an attribute
    /// like the rest, which a type must declare).
    pub fn attributes(&self, start: &StartTag<'_>) -> impl Iterator<Item = &Attr<'a>> {
        self.tag_attrs(start).iter().filter(|a| !a.is_xsi())
    }

    /// Takes the attributes in namespace `ns` off an open element's start tag, so that
    /// its type reads the rest: a SOAP header block's `mustUnderstand`, `actor`, `role`.
    pub fn take_attributes_in(
        &mut self,
        start: &mut StartTag<'a>,
        ns: &str,
    ) -> Vec<crate::AnyAttribute> {
        let tag = &mut self.attrs[start.attrs_from..start.attrs_to];
        // Theirs last, the rest in their order; the element's end drops them all.
        tag.sort_by_key(|a| a.ns() == Some(ns));
        let kept = tag.iter().take_while(|a| a.ns() != Some(ns)).count();
        let taken = tag[kept..].iter().map(crate::AnyAttribute::from).collect();
        start.attrs_to = start.attrs_from + kept;
        taken
    }

    /// All attributes of an open element, `xsi:` ones included.
    fn tag_attrs(&self, start: &StartTag<'_>) -> &[Attr<'a>] {
        &self.attrs[start.attrs_from..start.attrs_to]
    }

    /// The location hints (`xsi:schemaLocation`, `xsi:noNamespaceSchemaLocation`) of
    /// an open element.
    pub fn schema_location(&self, start: &StartTag<'_>) -> crate::SchemaLocation {
        if !start.has_attributes() {
            return crate::SchemaLocation::default();
        }
        let (mut located, mut unqualified) = (None, None);
        for a in self
            .tag_attrs(start)
            .iter()
            .filter(|a| a.ns() == Some(XSI_NS))
        {
            match a.local {
                "schemaLocation" => located = Some(a.value.to_string()),
                "noNamespaceSchemaLocation" => unqualified = Some(a.value.to_string()),
                _ => {}
            }
        }
        crate::SchemaLocation::new(located, unqualified)
    }

    /// The value of an `xsi:` attribute (`type`, `nil`, ...) of an open element.
    pub fn xsi(&self, start: &StartTag<'_>, local: &str) -> Option<&str> {
        self.tag_attrs(start)
            .iter()
            .find(|a| a.ns() == Some(XSI_NS) && a.local == local)
            .map(|a| a.value.as_ref())
    }

    /// Peeks at the next token of element-only content, skipping whitespace.
    fn peek_significant(&mut self) -> Result<&Token<'a>, ReadError> {
        // Called for every optional field the document lacks: the peeked token stays
        // in place (moving it out and back in showed up at the top of profiles).
        loop {
            match &self.peeked {
                Some(Token::Text(text, _)) if is_xml_whitespace(text) => self.peeked = None,
                Some(_) => break,
                None => self.peeked = Some(self.read_token()?),
            }
        }
        Ok(self.peeked.as_ref().expect("a token was peeked"))
    }

    /// Consumes the next child element if it has this name. When it has not, the name is
    /// among those an error at this position lists as allowed.
    #[inline]
    pub fn child(
        &mut self,
        ns: Option<&'static str>,
        local: &'static str,
    ) -> Result<Option<StartTag<'a>>, ReadError> {
        // Fast path: a start tag is already peeked and has another name — what every
        // optional field that a document leaves out sees.
        // Recording, the slow path notes the name tried.
        if let Some(Token::Start(start)) = &self.peeked {
            if start.local != local && !self.recording {
                return Ok(None);
            }
        }
        self.child_slow(ns, local)
    }

    fn child_slow(
        &mut self,
        ns: Option<&'static str>,
        local: &'static str,
    ) -> Result<Option<StartTag<'a>>, ReadError> {
        // A matching start tag goes straight to the caller; only another token is parked.
        let mut token = match self.peeked.take() {
            Some(token) => token,
            None => self.read_token()?,
        };
        while matches!(&token, Token::Text(text, _) if is_xml_whitespace(text)) {
            token = self.read_token()?;
        }
        match token {
            Token::Start(start) if self.is(&start, ns, local) => {
                self.tried.clear();
                Ok(Some(start))
            }
            other => {
                self.peeked = Some(other);
                self.note_tried(Candidate::Element(ns, local));
                Ok(None)
            }
        }
    }

    /// The next token of element-only content if it is a start tag (consumes nothing).
    fn peek_start(&mut self) -> Result<Option<StartTag<'a>>, ReadError> {
        match self.peek_significant()? {
            &Token::Start(start) => Ok(Some(start)),
            _ => Ok(None),
        }
    }

    /// Whether the next child element has this name (consumes nothing). When it has not,
    /// the name is among those an error at this position lists as allowed.
    pub fn at_child(
        &mut self,
        ns: Option<&'static str>,
        local: &'static str,
    ) -> Result<bool, ReadError> {
        let at = self.peek_start()?.is_some_and(|s| self.is(&s, ns, local));
        if !at {
            self.note_tried(Candidate::Element(ns, local));
        }
        Ok(at)
    }

    /// Whether the next token is a child element (of any name).
    pub fn at_any_child(&mut self) -> Result<bool, ReadError> {
        Ok(matches!(self.peek_significant()?, Token::Start(_)))
    }

    /// Consumes the next child element, whatever its name.
    pub fn any_child(&mut self) -> Result<Option<StartTag<'a>>, ReadError> {
        if self.at_any_child()? {
            if let Some(Token::Start(start)) = self.peeked.take() {
                self.tried.clear();
                return Ok(Some(start));
            }
        }
        Ok(None)
    }

    /// Consumes the next child element, which must have this name.
    pub fn expect_child(
        &mut self,
        ns: Option<&'static str>,
        local: &'static str,
    ) -> Result<StartTag<'a>, ReadError> {
        match self.child(ns, local)? {
            Some(start) => Ok(start),
            None => Err(self.unexpected(&expanded_name(ns, local))),
        }
    }

    /// The error for whatever comes next when something else was wanted: what the
    /// content model allowed there is what the reader tried at this position (child
    /// names, groups, wildcards), or `expected` when it tried nothing. `expected` is
    /// a description, or names as [`ContentGroup::EXPECTED`] writes them.
    #[cold]
    pub fn unexpected(&mut self, expected: &str) -> ReadError {
        self.unexpected_here(expected, false)
    }

    /// [`XmlReader::unexpected`], with the end of the current element allowed too
    /// when `end_allowed`.
    #[cold]
    #[inline(never)]
    fn unexpected_here(&mut self, expected: &str, end_allowed: bool) -> ReadError {
        if let Err(e) = self.peek_significant() {
            return e;
        }
        let parent_ns = self.current_ns();
        let mut list = Expected::new(parent_ns);
        if self.tried.is_empty() {
            list.add_encoded(expected);
        } else {
            for candidate in &self.tried {
                list.add(candidate);
            }
        }
        let expected = list.describe(end_allowed.then(|| self.current_element()));
        let kind = match self.peeked.as_ref().expect("a token was peeked") {
            Token::Start(start) => {
                let found = element_label(self.ns(start), start.local, parent_ns);
                ReadErrorKind::UnexpectedElement { expected, found }
            }
            Token::End(_) => {
                let parent = self.current_element().to_string();
                ReadErrorKind::MissingElement { expected, parent }
            }
            Token::Text(text, _) => {
                let found: String = text.trim().chars().take(40).collect();
                ReadErrorKind::UnexpectedText { expected, found }
            }
            Token::Eof(_) => ReadErrorKind::UnexpectedEof { expected },
        };
        let pos = match self.peeked.as_ref().expect("a token was peeked") {
            Token::Start(start) => start.pos,
            &Token::End(pos) | &Token::Text(_, pos) | &Token::Eof(pos) => pos,
        };
        self.error_at(pos, kind)
    }

    /// Checks that the element's content is empty: no text at all, not even whitespace
    /// (cvc-complex-type.2.1); comments and processing instructions may stand there.
    /// What comes next (an element, the end tag) is left to the caller.
    pub fn empty_content(&mut self) -> Result<(), ReadError> {
        let token = match self.peeked.take() {
            Some(token) => token,
            None => self.read_token()?,
        };
        if let Token::Text(text, pos) = &token {
            // Whitespace before a child element: the element is the error to report.
            if is_xml_whitespace(text) {
                let next = self.read_token()?;
                if let Token::Start(_) = next {
                    self.peeked = Some(next);
                    return Ok(());
                }
            }
            let found = text.chars().take(40).collect();
            let pos = *pos;
            return Err(self.error_at(
                pos,
                ReadErrorKind::UnexpectedText {
                    expected: format!(
                        "the end of <{}> (its content is empty)",
                        self.current_element()
                    ),
                    found,
                },
            ));
        }
        self.peeked = Some(token);
        Ok(())
    }

    /// Consumes the end tag of the current element; anything else is an error.
    pub fn end_element(&mut self) -> Result<(), ReadError> {
        // Simple content leaves its end tag peeked.
        if let Some(Token::End(_)) = self.peeked {
            self.peeked = None;
            self.close_element();
            return Ok(());
        }
        if let Token::End(_) = self.peek_significant()? {
            self.peeked = None;
            self.close_element();
            return Ok(());
        }
        Err(self.unexpected_here("", true))
    }

    /// Reads the text content of the current element up to its end tag (not consumed).
    /// Child elements are an error; comments and processing instructions are skipped.
    fn text_content(&mut self) -> Result<Cow<'a, str>, ReadError> {
        if self.peeked.is_none() {
            // Text and end tag in one step, without a token for each.
            match self.lexer.text_then_end() {
                Ok(Some((text, end))) => {
                    self.peeked = Some(Token::End(end));
                    return Ok(text);
                }
                Ok(None) => {}
                Err(e) => return Err(self.lex_error(e)),
            }
        }
        let mut text: Option<Cow<'a, str>> = None;
        loop {
            match self.next_token()? {
                Token::Text(t, _) => match &mut text {
                    None => text = Some(t),
                    Some(acc) => acc.to_mut().push_str(&t),
                },
                Token::End(pos) => {
                    self.peeked = Some(Token::End(pos));
                    return Ok(text.unwrap_or(Cow::Borrowed("")));
                }
                Token::Start(start) => {
                    let found = self.display_name(&start);
                    return Err(
                        self.error_at(start.pos, ReadErrorKind::ElementInSimpleContent { found })
                    );
                }
                Token::Eof(pos) => {
                    let current = self.current_element();
                    return Err(self.error_at(
                        pos,
                        ReadErrorKind::UnexpectedEof {
                            expected: format!("the end of <{current}>"),
                        },
                    ));
                }
            }
        }
    }

    /// Reads simple content as `T` and consumes the end tag.
    ///
    /// `default` is used when the element is empty; with `fixed`, the value must equal it.
    pub fn simple_content<T: SimpleType + PartialEq>(
        &mut self,
        start: &StartTag<'_>,
        default: Option<&str>,
        fixed: Option<&str>,
    ) -> Result<T, ReadError> {
        // Text and end tag in one step, as simple content mostly comes: the element is
        // closed once its value is read (a bad value's error still has it on the path).
        if self.peeked.is_none() {
            match self.lexer.text_then_end() {
                Ok(Some((text, _))) => {
                    let value = self.value_of(start, text, default, fixed)?;
                    self.close_element();
                    return Ok(value);
                }
                Ok(None) => {}
                Err(e) => return Err(self.lex_error(e)),
            }
        }
        let value = self.simple_value(start, default, fixed)?;
        self.end_element()?;
        Ok(value)
    }

    /// Reads simple content as `T`, leaving the end tag to be consumed.
    pub fn simple_value<T: SimpleType + PartialEq>(
        &mut self,
        start: &StartTag<'_>,
        default: Option<&str>,
        fixed: Option<&str>,
    ) -> Result<T, ReadError> {
        let text = self.text_content()?;
        self.value_of(start, text, default, fixed)
    }

    /// The simple content `text` of `start` as `T`.
    fn value_of<T: SimpleType + PartialEq>(
        &self,
        start: &StartTag<'_>,
        text: Cow<'_, str>,
        default: Option<&str>,
        fixed: Option<&str>,
    ) -> Result<T, ReadError> {
        let lexical = match (text, fixed.or(default)) {
            (text, Some(given)) if text.is_empty() => Cow::Borrowed(given),
            // Text with references resolved is a `String` already: `xs:string` takes it.
            (Cow::Owned(text), _) if fixed.is_none() => match T::take_text(text) {
                Ok(value) => return Ok(value),
                Err(text) => Cow::Owned(text),
            },
            (text, _) => text,
        };
        let lexical = lexical.as_ref();
        let value = T::parse_scoped(lexical, self)
            .map_err(|e| self.invalid_value(start.pos, lexical, T::NAME, e))?;
        if let Some(fixed) = fixed {
            let fixed_value =
                T::parse(fixed).map_err(|e| self.invalid_value(start.pos, fixed, T::NAME, e))?;
            if value != fixed_value {
                return Err(self.invalid_value(
                    start.pos,
                    lexical,
                    T::NAME,
                    ValueError::new(format!("the element is fixed to {fixed:?}")),
                ));
            }
        }
        Ok(value)
    }

    /// The attribute `ns`/`local` of `start` parsed as `T`, if present.
    pub fn attribute<T: SimpleType + PartialEq>(
        &self,
        start: &StartTag<'_>,
        ns: Option<&str>,
        local: &str,
        fixed: Option<&str>,
    ) -> Result<Option<T>, ReadError> {
        match self
            .tag_attrs(start)
            .iter()
            .find(|a| a.local == local && a.ns() == ns)
        {
            Some(attr) => self.attribute_value(start, attr, fixed).map(Some),
            None => Ok(None),
        }
    }

    /// The required attribute `ns`/`local` of `start` parsed as `T`.
    pub fn required_attribute<T: SimpleType + PartialEq>(
        &self,
        start: &StartTag<'_>,
        ns: Option<&str>,
        local: &str,
        fixed: Option<&str>,
    ) -> Result<T, ReadError> {
        match self.attribute(start, ns, local, fixed)? {
            Some(value) => Ok(value),
            None => Err(self.missing_attribute(start, local)),
        }
    }

    /// Parses an attribute value as `T`.
    pub fn attribute_value<T: SimpleType + PartialEq>(
        &self,
        start: &StartTag<'_>,
        attr: &Attr<'_>,
        fixed: Option<&str>,
    ) -> Result<T, ReadError> {
        let parse = |text: &str| {
            T::parse_scoped(text, self).map_err(|e| {
                let mut err = self.invalid_value(start.pos, text, T::NAME, e);
                err.location.path.push_str("/@");
                err.location.path.push_str(attr.local);
                err
            })
        };
        let value = parse(&attr.value)?;
        if let Some(fixed) = fixed {
            if value != parse(fixed)? {
                return Err(self.invalid_value(
                    start.pos,
                    &attr.value,
                    T::NAME,
                    ValueError::new(format!("attribute {} is fixed to {fixed:?}", attr.local)),
                ));
            }
        }
        Ok(value)
    }

    /// Whether the element carries `xsi:nil="true"`; if so, checks that it is empty
    /// and consumes its end tag.
    pub fn nil(&mut self, start: &StartTag<'_>) -> Result<bool, ReadError> {
        let Some(value) = self.xsi(start, "nil") else {
            return Ok(false);
        };
        let nil =
            bool::parse(value).map_err(|e| self.invalid_value(start.pos, value, "xsi:nil", e))?;
        if !nil {
            return Ok(false);
        }
        // `Nillable::Nil` has no room for them: an error rather than dropping them.
        if let Some(attr) = self.attributes(start).next() {
            return Err(self.error_at(
                start.pos,
                ReadErrorKind::Nil(format!(
                    "attribute {} on an element with xsi:nil=\"true\" is not kept by xsdgen",
                    attr.display_name()
                )),
            ));
        }
        let text = self.text_content()?;
        if !text.is_empty() {
            return Err(self.error_at(
                start.pos,
                ReadErrorKind::Nil("an element with xsi:nil=\"true\" must be empty".into()),
            ));
        }
        self.end_element()?;
        Ok(true)
    }

    /// The error for `xsi:nil` on an element that is not nillable.
    pub fn check_not_nil(&self, start: &StartTag<'_>) -> Result<(), ReadError> {
        if self.xsi(start, "nil").is_some() {
            return Err(self.error_at(
                start.pos,
                ReadErrorKind::Nil(format!("{} is not nillable", start.local)),
            ));
        }
        Ok(())
    }

    /// Checks the occurrence count of a repeated element after reading it.
    pub fn check_min(&mut self, name: &str, found: usize, min: u32) -> Result<(), ReadError> {
        if found < min as usize {
            let mut err = self.unexpected(name);
            if let ReadErrorKind::MissingElement { .. } = err.kind {
                let mut label = Expected::new(self.current_ns());
                label.add_encoded(name);
                err.kind = ReadErrorKind::TooFew {
                    name: label.describe(None),
                    found: found as u32,
                    min,
                };
            }
            return Err(err);
        }
        Ok(())
    }

    /// Reads a raw token stream for [`crate::AnyElement`]: the next child or text,
    /// or `None` at the end tag of the current element (consumed if `consume_end`).
    pub(crate) fn raw_content(
        &mut self,
        consume_end: bool,
    ) -> Result<Option<RawContent<'a>>, ReadError> {
        match self.next_token()? {
            Token::Start(start) => Ok(Some(RawContent::Element(start))),
            Token::Text(text, _) => Ok(Some(RawContent::Text(text))),
            Token::End(pos) => {
                if consume_end {
                    self.close_element();
                } else {
                    self.peeked = Some(Token::End(pos));
                }
                Ok(None)
            }
            Token::Eof(pos) => {
                let current = self.current_element();
                Err(self.error_at(
                    pos,
                    ReadErrorKind::UnexpectedEof {
                        expected: format!("the end of <{current}>"),
                    },
                ))
            }
        }
    }

    /// Reads a required child element with `read`.
    pub fn required<T>(
        &mut self,
        ns: Option<&'static str>,
        local: &'static str,
        read: impl FnOnce(&mut Self, &StartTag<'a>) -> Result<T, ReadError>,
    ) -> Result<T, ReadError> {
        let start = self.expect_child(ns, local)?;
        read(self, &start)
    }

    /// Reads an optional child element with `read`.
    // A type's fields are mostly optional and mostly absent: the absent case, a name
    // comparison with the peeked start tag, is inlined into the generated reader.
    #[inline(always)]
    pub fn optional<T>(
        &mut self,
        ns: Option<&'static str>,
        local: &'static str,
        read: impl FnOnce(&mut Self, &StartTag<'a>) -> Result<T, ReadError>,
    ) -> Result<Option<T>, ReadError> {
        // Recording, the slow path notes the name tried.
        if let Some(Token::Start(start)) = &self.peeked {
            if start.local != local && !self.recording {
                return Ok(None);
            }
        }
        self.optional_slow(ns, local, read)
    }

    #[inline(never)]
    fn optional_slow<T>(
        &mut self,
        ns: Option<&'static str>,
        local: &'static str,
        read: impl FnOnce(&mut Self, &StartTag<'a>) -> Result<T, ReadError>,
    ) -> Result<Option<T>, ReadError> {
        match self.child_slow(ns, local)? {
            Some(start) => Ok(Some(read(self, &start)?)),
            None => Ok(None),
        }
    }

    /// Reads `min..=max` consecutive child elements of one name (`max: u32::MAX` is unbounded).
    pub fn repeated<T>(
        &mut self,
        ns: Option<&'static str>,
        local: &'static str,
        min: u32,
        max: u32,
        mut read: impl FnMut(&mut Self, &StartTag<'a>) -> Result<T, ReadError>,
    ) -> Result<Vec<T>, ReadError> {
        let mut out = Vec::new();
        while out.len() < max as usize {
            match self.child(ns, local)? {
                Some(start) => out.push(read(self, &start)?),
                None => break,
            }
        }
        if out.len() < min as usize {
            self.check_min(&expanded_name(ns, local), out.len(), min)?;
        }
        Ok(out)
    }

    /// Whether the next child element can start group `G`. When it cannot, the group's
    /// first elements are among those an error at this position lists as allowed.
    pub fn at_group<G: ContentGroup>(&mut self) -> Result<bool, ReadError> {
        let at = self
            .peek_start()?
            .is_some_and(|s| G::accepts(self.ns(&s), s.local));
        if !at {
            self.note_tried(Candidate::Group(G::EXPECTED));
        }
        Ok(at)
    }

    /// Reads a required model group.
    pub fn group<G: ContentGroup>(&mut self) -> Result<G, ReadError> {
        G::read_group(self)
    }

    /// Reads an optional model group.
    pub fn group_optional<G: ContentGroup>(&mut self) -> Result<Option<G>, ReadError> {
        if self.at_group::<G>()? {
            Ok(Some(G::read_group(self)?))
        } else {
            Ok(None)
        }
    }

    /// Reads `min..=max` repetitions of a model group.
    pub fn group_repeated<G: ContentGroup>(
        &mut self,
        min: u32,
        max: u32,
    ) -> Result<Vec<G>, ReadError> {
        let mut out = Vec::new();
        while out.len() < max as usize && self.at_group::<G>()? {
            out.push(G::read_group(self)?);
        }
        if out.len() < min as usize {
            return Err(self.unexpected(G::EXPECTED));
        }
        Ok(out)
    }

    /// The type `xsi:type` names on `start` (namespace resolved), if present.
    pub fn xsi_type(&self, start: &StartTag<'_>) -> Result<Option<ResolvedName>, ReadError> {
        let Some(value) = self.xsi(start, "type") else {
            return Ok(None);
        };
        let value = value.trim();
        let (prefix, local) = split_qname(value);
        let ns = self.resolve(prefix, true, start.pos)?;
        Ok(Some((self.namespaces.uri(ns).cloned(), local.to_string())))
    }

    /// Checks `xsi:type` on an element read as its declared type: absent, or naming that
    /// type itself (`accepts`). Types chosen by `xsi:type` are read by the polymorphic
    /// enums, which accept every name here and check it themselves.
    pub fn check_xsi_type(
        &self,
        start: &StartTag<'_>,
        accepts: fn(Option<&str>, &str) -> bool,
    ) -> Result<(), ReadError> {
        let Some((ns, local)) = self.xsi_type(start)? else {
            return Ok(());
        };
        if accepts(ns.as_deref(), &local) {
            return Ok(());
        }
        let named = self.xsi(start, "type").unwrap_or_default();
        Err(self.error_at(
            start.pos,
            ReadErrorKind::XsiType(format!(
                "xsi:type {named:?} is not the element's declared type, and no type derives from that"
            )),
        ))
    }

    /// The error for an `xsi:type` the declared type does not allow, or a missing one.
    pub fn bad_xsi_type(&self, start: &StartTag<'_>, declared: &str) -> ReadError {
        let message = match self.xsi(start, "type") {
            Some(t) => format!("xsi:type {t:?} is not {declared} or a type derived from it"),
            None => format!("{declared} is abstract: xsi:type must name a type derived from it"),
        };
        self.error_at(start.pos, ReadErrorKind::XsiType(message))
    }

    /// Whether the next child element matches the wildcard. When it does not, the
    /// wildcard is among what an error at this position lists as allowed.
    pub fn at_wildcard(&mut self, w: Wildcard) -> Result<bool, ReadError> {
        let at = self.peek_start()?.is_some_and(|s| w.allows(self.ns(&s)));
        if !at {
            self.note_tried(Candidate::Wildcard(w));
        }
        Ok(at)
    }

    /// Reads the next child element as a tree if it matches the wildcard.
    pub fn wildcard_optional(&mut self, w: Wildcard) -> Result<Option<AnyElement>, ReadError> {
        if !self.at_wildcard(w)? {
            return Ok(None);
        }
        match self.peeked.take() {
            Some(Token::Start(start)) => {
                self.tried.clear();
                AnyElement::read(self, &start).map(Some)
            }
            _ => unreachable!("at_wildcard saw a start tag"),
        }
    }

    /// Reads a child element that must match the wildcard.
    pub fn wildcard_required(&mut self, w: Wildcard) -> Result<AnyElement, ReadError> {
        match self.wildcard_optional(w)? {
            Some(element) => Ok(element),
            None => Err(self.unexpected(&w.describe())),
        }
    }

    /// Reads `min..=max` child elements matching the wildcard.
    pub fn wildcard_repeated(
        &mut self,
        w: Wildcard,
        min: u32,
        max: u32,
    ) -> Result<Vec<AnyElement>, ReadError> {
        let mut out = Vec::new();
        while out.len() < max as usize {
            match self.wildcard_optional(w)? {
                Some(element) => out.push(element),
                None => break,
            }
        }
        if out.len() < min as usize {
            return Err(self.unexpected(&w.describe()));
        }
        Ok(out)
    }

    /// The attributes of `start` that the wildcard takes and `declared` does not.
    pub fn wildcard_attributes(
        &self,
        start: &StartTag<'_>,
        w: Wildcard,
        declared: impl Fn(Option<&str>, &str) -> bool,
    ) -> Vec<AnyAttribute> {
        self.attributes(start)
            .filter(|a| w.allows(a.ns()) && !declared(a.ns(), a.local))
            .map(AnyAttribute::from)
            .collect()
    }

    /// Fails on the first attribute of an element whose type declares none.
    pub fn no_attributes(&self, start: &StartTag<'_>) -> Result<(), ReadError> {
        match self.attributes(start).next() {
            Some(attr) => Err(self.unexpected_attribute(start, attr)),
            None => Ok(()),
        }
    }

    /// Reads the document's root start tag (prolog skipped), after the size limit check.
    pub fn root(&mut self) -> Result<StartTag<'a>, ReadError> {
        self.check_size()?;
        if self.extra_byte_order_marks {
            return Err(self.error_at(
                0,
                ReadErrorKind::Malformed(
                    "more than one byte-order mark: U+FEFF is not allowed before the root element"
                        .into(),
                ),
            ));
        }
        match self.any_child()? {
            Some(start) => Ok(start),
            None => Err(self.unexpected("a root element")),
        }
    }

    /// Checks that nothing but comments, processing instructions and whitespace
    /// follows the root element.
    pub fn finish(&mut self) -> Result<(), ReadError> {
        match self.peek_significant()? {
            Token::Eof(_) => Ok(()),
            _ => Err(self.unexpected("the end of the document")),
        }
    }
}

pub(crate) enum RawContent<'a> {
    Element(StartTag<'a>),
    Text(Cow<'a, str>),
}

fn split_qname(qname: &str) -> (Option<&str>, &str) {
    // Names are short: a byte loop beats the generic `str` searcher here.
    match qname.bytes().position(|b| b == b':') {
        Some(i) => (Some(&qname[..i]), &qname[i + 1..]),
        None => (None, qname),
    }
}

fn is_xml_whitespace(s: &str) -> bool {
    s.bytes().all(crate::chars::is_xml_space)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root_error(doc: &str) -> ReadError {
        XmlReader::new(doc).root().expect_err(doc)
    }

    #[test]
    fn namespace_rules_of_start_tags() {
        // Two prefixes bound to one URI make `a:x` and `b:x` the same attribute.
        let err = root_error("<r xmlns:a='urn:u' xmlns:b='urn:u' a:x='1' b:x='2'/>");
        assert!(
            err.to_string().contains("attribute {urn:u}x appears twice"),
            "{err}"
        );
        let many: String = (0..20).map(|i| format!(" a:x{i}='{i}'")).collect();
        let err = root_error(&format!(
            "<r xmlns:a='urn:u' xmlns:b='urn:u'{many} b:x7='x'/>"
        ));
        assert!(err.to_string().contains("{urn:u}x7 appears twice"), "{err}");
        // Distinct URIs, or one qualified and one not: different attributes.
        assert!(
            XmlReader::new("<r xmlns:a='urn:a' xmlns:b='urn:b' a:x='1' b:x='2' x='3'/>")
                .root()
                .is_ok()
        );

        let err = root_error("<r xmlns:p=''/>");
        assert!(
            err.to_string()
                .contains("prefix \"p\" bound to an empty URI"),
            "{err}"
        );
        let err = root_error("<p:r/>");
        assert_eq!(err.kind, ReadErrorKind::UnboundPrefix("p".into()));
        // The element is on the path of an error inside its start tag.
        let mut reader = XmlReader::new("<r><s a='1' a='2'/></r>");
        reader.root().unwrap();
        let err = reader.any_child().unwrap_err();
        assert_eq!(
            err.kind,
            ReadErrorKind::Malformed("attribute a appears twice in <s>".into())
        );
        assert_eq!(err.location.path, "r/s");
        assert_eq!((err.location.line, err.location.column), (1, 13));
    }

    /// Namespaces are compared by number and, once matched, by the address of the
    /// `'static` URI the caller gave: each URI keeps its own, so a match remembered for
    /// one namespace never answers for another.
    #[test]
    fn element_namespaces_match_only_their_own_uri() {
        let doc = "<a:r xmlns:a='urn:1' xmlns:b='urn:2'><a:x/><b:x/><a:x/><b:x/></a:r>";
        let mut r = XmlReader::new(doc);
        r.root().unwrap();
        let mut step = |ns: &'static str| {
            let first = r.child(Some(ns), "x").unwrap();
            let second = first
                .is_none()
                .then(|| r.child(Some(other(ns)), "x").unwrap());
            let found = first
                .or(second.flatten())
                .expect("an x in either namespace");
            let ns = r.ns(&found).map(str::to_string);
            r.end_element().unwrap();
            (first.is_some(), ns)
        };
        fn other(ns: &str) -> &'static str {
            if ns == "urn:1" {
                "urn:2"
            } else {
                "urn:1"
            }
        }
        let urn = |s: &str| Some(s.to_string());
        // Each element is tried first against `urn:1`, then against `urn:2`, and the
        // other way round, after both URIs have matched once.
        assert_eq!(step("urn:1"), (true, urn("urn:1")));
        assert_eq!(step("urn:1"), (false, urn("urn:2")));
        assert_eq!(step("urn:2"), (false, urn("urn:1")));
        assert_eq!(step("urn:2"), (true, urn("urn:2")));
    }

    /// A URI written with a character reference is the same namespace as the URI
    /// written plainly.
    #[test]
    fn a_uri_with_references_is_the_same_namespace() {
        let doc = "<r xmlns='urn:&#x31;'><p:x xmlns:p='urn:1'/><y xmlns=''/></r>";
        let mut r = XmlReader::new(doc);
        let root = r.root().unwrap();
        assert_eq!(r.ns(&root), Some("urn:1"));
        assert!(r.child(Some("urn:1"), "x").unwrap().is_some());
        r.end_element().unwrap();
        assert!(r.child(Some("urn:1"), "y").unwrap().is_none());
        let y = r.child(None, "y").unwrap().expect("y in no namespace");
        assert_eq!(r.ns(&y), None);
    }

    /// Element prefixes are resolved through a one-entry cache: a prefix bound again, in
    /// a child or a sibling, or going out of scope, must not reuse a stale namespace.
    #[test]
    fn a_prefix_bound_again_resolves_to_its_new_namespace() {
        let doc = "<p:r xmlns:p='urn:1'><p:a/><p:b xmlns:p='urn:2'><p:c/></p:b><p:d/>\
                   <q xmlns:p='urn:3'><p:e/></q><p:f/><g xmlns='urn:4'/><g/></p:r>";
        let mut r = XmlReader::new(doc);
        let mut seen = Vec::new();
        let root = r.root().unwrap();
        seen.push((root.local(), r.ns(&root).map(str::to_string)));
        // Walks the whole tree depth first, recording each element's namespace.
        fn walk<'a>(r: &mut XmlReader<'a>, seen: &mut Vec<(&'a str, Option<String>)>) {
            while let Some(start) = r.any_child().unwrap() {
                seen.push((start.local(), r.ns(&start).map(str::to_string)));
                walk(r, seen);
                r.end_element().unwrap();
            }
        }
        walk(&mut r, &mut seen);
        let ns = |s: &str| Some(s.to_string());
        assert_eq!(
            seen,
            [
                ("r", ns("urn:1")),
                ("a", ns("urn:1")),
                ("b", ns("urn:2")),
                ("c", ns("urn:2")),
                ("d", ns("urn:1")),
                ("q", None),
                ("e", ns("urn:3")),
                ("f", ns("urn:1")),
                ("g", ns("urn:4")),
                ("g", None),
            ]
        );
    }
}
