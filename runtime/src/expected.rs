//! What a read error lists as allowed where the document went wrong.
//!
//! A recording reader ([`XmlReader::recording`](crate::XmlReader::recording)) keeps
//! each child name, model group and wildcard it tries and does not find at the current
//! position (cleared whenever a start or end tag is consumed). Generated readers try, in
//! content-model order, exactly what may come next: the current particle's further
//! occurrences, the particles after it up to the first required one, a choice's
//! alternatives. An error lists them, with names shown relative to the namespace of the
//! element being read. Recording costs a few per cent of reading time, so
//! [`read_document`](crate::read_document) reads without it and, when that fails where
//! another element was wanted, reads the document again recording.

use std::collections::HashSet;

use crate::Wildcard;

/// One thing the content model allowed at the reader's position.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Candidate {
    /// A child element.
    Element(Option<&'static str>, &'static str),
    /// A model group: its [`ContentGroup::EXPECTED`](crate::ContentGroup::EXPECTED).
    Group(&'static str),
    /// A wildcard (`xs:any`).
    Wildcard(Wildcard),
}

/// How many allowed items a message names before "… (n more)".
const SHOWN: usize = 24;

/// The allowed items of one error, rendered and without repeats, in the order tried.
pub(crate) struct Expected<'p> {
    /// Namespace of the element whose content is read, when known: names in it are
    /// shown bare.
    parent: Option<Option<&'p str>>,
    items: Vec<String>,
    seen: HashSet<String>,
}

impl<'p> Expected<'p> {
    pub(crate) fn new(parent: Option<Option<&'p str>>) -> Self {
        Self {
            parent,
            items: Vec::new(),
            seen: HashSet::new(),
        }
    }

    fn push(&mut self, item: String) {
        if self.seen.insert(item.clone()) {
            self.items.push(item);
        }
    }

    pub(crate) fn add(&mut self, candidate: &Candidate) {
        match *candidate {
            Candidate::Element(ns, local) => self.push(element_label(ns, local, self.parent)),
            Candidate::Group(encoded) => self.add_encoded(encoded),
            Candidate::Wildcard(w) => self.push(w.describe()),
        }
    }

    /// Adds the items of a list written as [`ContentGroup::EXPECTED`](crate::ContentGroup::EXPECTED)
    /// is: `, `-separated; `{uri}local` (`{}local` for no namespace) names an element and
    /// sets the namespace of the bare names after it; a bare name is an element in that
    /// namespace (none at first); an item with a space is a description, kept as it is.
    pub(crate) fn add_encoded(&mut self, encoded: &str) {
        if encoded.is_empty() {
            return;
        }
        let mut ns: Option<&str> = None;
        for item in encoded.split(", ") {
            let label = match item.strip_prefix('{').and_then(|rest| rest.split_once('}')) {
                Some((uri, local)) => {
                    ns = (!uri.is_empty()).then_some(uri);
                    element_label(ns, local, self.parent)
                }
                None if item.contains(' ') || item.is_empty() => item.to_string(),
                None => element_label(ns, item, self.parent),
            };
            self.push(label);
        }
    }

    /// "`<A>`", "one of `<A>`, `<B>`", with "or the end of `<end>`" when the element's
    /// end is allowed too.
    pub(crate) fn describe(self, end: Option<&str>) -> String {
        let n = self.items.len();
        let list = if n > SHOWN + 1 {
            format!("{}, … ({} more)", self.items[..SHOWN].join(", "), n - SHOWN)
        } else {
            self.items.join(", ")
        };
        match (n, end) {
            (0, None) => "nothing more".into(),
            (0, Some(end)) => format!("the end of <{end}>"),
            (1, None) => list,
            (1, Some(end)) => format!("{list} or the end of <{end}>"),
            (_, None) => format!("one of {list}"),
            (_, Some(end)) => format!("one of {list}, or the end of <{end}>"),
        }
    }
}

/// An element name for messages: `<local>` in the namespace of the element being read
/// (`parent`), `<{uri}local>` in another, `<local> (no namespace)` in none under a
/// parent that has one. With no parent known: `<{uri}local>`, or `<local>` in no
/// namespace.
pub(crate) fn element_label(ns: Option<&str>, local: &str, parent: Option<Option<&str>>) -> String {
    match (ns, parent) {
        (_, Some(parent)) if ns == parent => format!("<{local}>"),
        (Some(ns), _) => format!("<{{{ns}}}{local}>"),
        (None, Some(_)) => format!("<{local}> (no namespace)"),
        (None, None) => format!("<{local}>"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn describe(parent: Option<&str>, encoded: &str, end: Option<&str>) -> String {
        let mut e = Expected::new(Some(parent));
        e.add_encoded(encoded);
        e.describe(end)
    }

    #[test]
    fn names_are_shown_relative_to_the_parent_namespace() {
        let m = Some("urn:m");
        assert_eq!(describe(m, "{urn:m}A", None), "<A>");
        assert_eq!(describe(m, "{urn:m}A, B", None), "one of <A>, <B>");
        assert_eq!(
            describe(m, "{urn:t}A, B, {}C, {urn:m}D", Some("P")),
            "one of <{urn:t}A>, <{urn:t}B>, <C> (no namespace), <D>, or the end of <P>"
        );
        assert_eq!(describe(None, "A, {}B", None), "one of <A>, <B>");
        assert_eq!(describe(m, "", Some("P")), "the end of <P>");
        assert_eq!(describe(m, "{urn:m}A", Some("P")), "<A> or the end of <P>");
        // Not knowing the parent's namespace, each name has its own.
        let mut e = Expected::new(None);
        e.add_encoded("{urn:m}A, {}B");
        assert_eq!(e.describe(None), "one of <{urn:m}A>, <B>");
        // Descriptions stay as they are; repeats are listed once.
        assert_eq!(
            describe(m, "a root element, {urn:m}A, A", None),
            "one of a root element, <A>"
        );
    }

    #[test]
    fn long_lists_name_their_first_items() {
        let names: Vec<String> = (0..30).map(|i| format!("E{i}")).collect();
        let text = describe(None, &names.join(", "), None);
        assert!(text.starts_with("one of <E0>, <E1>,"), "{text}");
        assert!(text.ends_with("<E23>, … (6 more)"), "{text}");
    }
}
