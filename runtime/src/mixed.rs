//! Character data of mixed content (`mixed="true"`), kept with its place among the
//! element's children so that a document is written back in the order it was read.
//!
//! Generated structs of mixed types keep their child elements in their usual typed
//! fields and the text between them here: each piece of text records the index of the
//! child element it comes before (the number of child elements that precede it).

use std::fmt;

/// The text of a mixed-content element, placed among its child elements.
///
/// ```
/// use xsdgen_runtime::MixedText;
///
/// // <p>Hello <b>world</b>!</p>: "Hello " before child 0, "!" after child 0.
/// let mut text = MixedText::new();
/// text.push(0, "Hello ");
/// text.push(1, "!");
/// assert_eq!(text.to_string(), "Hello !");
/// assert_eq!(text.pieces().collect::<Vec<_>>(), [(0, "Hello "), (1, "!")]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct MixedText {
    /// (index of the child element the text comes before, text), by index.
    pieces: Vec<(usize, String)>,
}

impl MixedText {
    /// No text.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `text` before child element `before_child` (0: before the first child; the
    /// number of children: after the last). Text at the same place is joined.
    pub fn push(&mut self, before_child: usize, text: &str) {
        if text.is_empty() {
            return;
        }
        // Pieces stay ordered by place; equal places keep the order they were added in.
        let at = self.pieces.partition_point(|(i, _)| *i <= before_child);
        match at.checked_sub(1).map(|p| &mut self.pieces[p]) {
            Some((i, existing)) if *i == before_child => existing.push_str(text),
            _ => self.pieces.insert(at, (before_child, text.to_string())),
        }
    }

    /// The pieces of text with the index of the child element each comes before.
    pub fn pieces(&self) -> impl Iterator<Item = (usize, &str)> {
        self.pieces.iter().map(|(i, t)| (*i, t.as_str()))
    }

    /// Whether there is no text at all.
    pub fn is_empty(&self) -> bool {
        self.pieces.is_empty()
    }

    /// The text before child element `index` (empty when there is none).
    pub fn before(&self, index: usize) -> &str {
        self.pieces
            .iter()
            .find(|(i, _)| *i == index)
            .map_or("", |(_, t)| t.as_str())
    }
}

/// All the text, without the child elements.
impl fmt::Display for MixedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.pieces.iter().try_for_each(|(_, t)| f.write_str(t))
    }
}

/// Text before any child element (all of a text-only element's content).
impl From<&str> for MixedText {
    fn from(text: &str) -> Self {
        let mut m = Self::new();
        m.push(0, text);
        m
    }
}

/// Text before any child element (all of a text-only element's content).
impl From<String> for MixedText {
    fn from(text: String) -> Self {
        if text.is_empty() {
            return Self::new();
        }
        Self {
            pieces: vec![(0, text)],
        }
    }
}

/// Where the reader or writer keeps the text of one mixed element being read or written.
#[derive(Debug)]
pub(crate) struct MixedFrame {
    /// The element's depth (number of open elements, itself included).
    pub(crate) depth: usize,
    /// Child elements met so far.
    pub(crate) children: usize,
    /// Reading: the text so far. Writing: the text still to write.
    pub(crate) text: MixedText,
    /// Writing: pieces written so far.
    pub(crate) written: usize,
}

impl MixedFrame {
    pub(crate) fn new(depth: usize, text: MixedText) -> Self {
        Self {
            depth,
            children: 0,
            text,
            written: 0,
        }
    }

    /// Writing: the pieces due before child `self.children` (all when `all`), marked written.
    pub(crate) fn due(&mut self, all: bool) -> &[(usize, String)] {
        let from = self.written;
        let mut to = from;
        while to < self.text.pieces.len() && (all || self.text.pieces[to].0 <= self.children) {
            to += 1;
        }
        self.written = to;
        &self.text.pieces[from..to]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_stay_ordered_by_place_and_text_at_one_place_is_joined() {
        let mut m = MixedText::new();
        m.push(2, "c");
        m.push(0, "a");
        m.push(0, "b");
        m.push(1, "");
        assert_eq!(m.pieces().collect::<Vec<_>>(), [(0, "ab"), (2, "c")]);
        assert_eq!(m.before(2), "c");
        assert_eq!(m.before(1), "");
        assert_eq!(m.to_string(), "abc");
    }

    #[test]
    fn a_writer_frame_hands_out_each_piece_once_in_place() {
        let mut m = MixedText::new();
        m.push(0, "a");
        m.push(1, "b");
        m.push(3, "d");
        let mut f = MixedFrame::new(1, m);
        assert_eq!(f.due(false), [(0, "a".to_string())]);
        f.children = 1;
        assert_eq!(f.due(false), [(1, "b".to_string())]);
        f.children = 2;
        assert!(f.due(false).is_empty());
        assert_eq!(f.due(true), [(3, "d".to_string())]);
        assert!(f.due(true).is_empty());
    }
}
