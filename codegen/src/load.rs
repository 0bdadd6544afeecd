//! Stage 1, load: schema files and everything they include or import, each read once.
//!
//! Locations resolve relative to the file that names them. Remote locations are never
//! fetched: a catalog maps them to local copies, anything else is an error. Include/import
//! cycles are harmless: a file already loaded is not read again. How deep includes nest
//! and how many files a set reaches are bounded, so a hostile schema cannot make the
//! loader walk a file system.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result, Span};

/// The XSD namespace.
pub const XS_NS: &str = "http://www.w3.org/2001/XMLSchema";

/// One schema file's text (byte-order mark removed).
#[derive(Debug)]
pub struct SourceFile {
    /// The path as it was reached (relative locations joined to the includer's folder).
    pub path: PathBuf,
    /// File contents.
    pub text: String,
}

/// All files of a schema set, roots first, in the order they were reached.
#[derive(Debug, Default)]
pub struct SchemaSet {
    /// The files.
    pub files: Vec<SourceFile>,
}

/// Options shared by the loader and the syntax stage for parsing schema XML.
pub(crate) fn parse_options<'a>() -> roxmltree::ParsingOptions<'a> {
    roxmltree::ParsingOptions {
        // Real schemas (XML-Signature) carry a small internal DTD.
        allow_dtd: true,
        ..Default::default()
    }
}

/// The position of byte offset `pos` in `doc` (for the few spans the loader makes).
pub(crate) fn span_at(path: &Path, doc: &roxmltree::Document<'_>, pos: usize) -> Span {
    let p = doc.text_pos_at(pos);
    Span {
        file: path.to_path_buf(),
        line: p.row,
        column: p.col,
    }
}

/// Line starts of a file, so that every node's position is a binary search away
/// (roxmltree's `text_pos_at` rescans the text from the start on each call).
pub(crate) struct LineIndex<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self { text, starts }
    }

    /// 1-based line and column (in characters) of byte offset `pos`.
    pub(crate) fn span(&self, path: &Path, pos: usize) -> Span {
        let line = self.starts.partition_point(|&s| s <= pos).max(1);
        let start = self.starts[line - 1];
        let column = self.text.get(start..pos).map_or(0, |s| s.chars().count()) + 1;
        Span {
            file: path.to_path_buf(),
            line: line as u32,
            column: column as u32,
        }
    }
}

/// How the loader finds and bounds the files of a schema set.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Remote schemaLocation → local copy.
    pub catalog: BTreeMap<String, PathBuf>,
    /// Longest chain of includes and imports from a root (a root is at depth 0).
    pub max_depth: usize,
    /// Most files in one schema set.
    pub max_files: usize,
}

/// Default for [`LoadOptions::max_depth`]: the Exchange sets nest 3 deep.
pub const DEFAULT_MAX_DEPTH: usize = 64;
/// Default for [`LoadOptions::max_files`]: the split MS-OXWS set has 55 files.
pub const DEFAULT_MAX_FILES: usize = 1000;

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            catalog: BTreeMap::new(),
            max_depth: DEFAULT_MAX_DEPTH,
            max_files: DEFAULT_MAX_FILES,
        }
    }
}

/// Reads the root schemas and every file they include, import or redefine.
pub fn load(roots: &[PathBuf], options: &LoadOptions) -> Result<SchemaSet> {
    let mut set = SchemaSet::default();
    let mut seen = BTreeSet::new();
    // (file, include depth, the include or import that named it; none for roots)
    let mut queue: VecDeque<(PathBuf, usize, Option<Span>)> =
        roots.iter().map(|r| (r.clone(), 0, None)).collect();
    while let Some((path, depth, named_at)) = queue.pop_front() {
        let key = std::fs::canonicalize(&path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        if !seen.insert(key) {
            continue;
        }
        if let Some(span) = named_at.filter(|_| set.files.len() >= options.max_files) {
            return Err(Error::Limit {
                span,
                message: format!(
                    "the schema set reaches more than {} files (Config::max_schema_files)",
                    options.max_files
                ),
            });
        }
        let mut text = std::fs::read_to_string(&path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        for (location, span) in referenced_locations(&path, &text, &options.catalog)? {
            if depth + 1 > options.max_depth {
                return Err(Error::Limit {
                    span,
                    message: format!(
                        "includes and imports nest more than {} deep (Config::max_include_depth)",
                        options.max_depth
                    ),
                });
            }
            queue.push_back((location, depth + 1, Some(span)));
        }
        set.files.push(SourceFile { path, text });
    }
    Ok(set)
}

/// Parses a schema file, mapping XML errors to spans.
pub(crate) fn parse_xml<'t>(path: &Path, text: &'t str) -> Result<roxmltree::Document<'t>> {
    roxmltree::Document::parse_with_options(text, parse_options()).map_err(|e| {
        let pos = e.pos();
        Error::Xml {
            span: Span {
                file: path.to_path_buf(),
                line: pos.row,
                column: pos.col,
            },
            message: e.to_string(),
        }
    })
}

/// The local files a schema includes, imports or redefines, with where each is named.
fn referenced_locations(
    path: &Path,
    text: &str,
    catalog: &BTreeMap<String, PathBuf>,
) -> Result<Vec<(PathBuf, Span)>> {
    let doc = parse_xml(path, text)?;
    let root = doc.root_element();
    if !root.has_tag_name((XS_NS, "schema")) {
        return Err(Error::Invalid {
            span: span_at(path, &doc, root.range().start),
            message: format!(
                "the root element is <{}>, expected xs:schema",
                root.tag_name().name()
            ),
        });
    }
    let dir = path.parent().unwrap_or(Path::new(""));
    let mut found = Vec::new();
    for child in root.children().filter(|n| n.is_element()) {
        let kind = child.tag_name().name();
        if child.tag_name().namespace() != Some(XS_NS)
            || !matches!(kind, "include" | "import" | "redefine" | "override")
        {
            continue;
        }
        let span = span_at(path, &doc, child.range().start);
        if matches!(kind, "redefine" | "override") {
            return Err(Error::Unsupported {
                span,
                construct: format!("xs:{kind}"),
            });
        }
        let Some(location) = child.attribute("schemaLocation") else {
            continue;
        };
        let target = match catalog.get(location) {
            Some(local) => local.clone(),
            None if location.contains("://") => {
                return Err(Error::Remote {
                    span,
                    url: location.to_string(),
                })
            }
            None => dir.join(location),
        };
        if !target.is_file() {
            return Err(Error::Invalid {
                span,
                message: format!(
                    "schemaLocation {location:?}: no such file {}",
                    target.display()
                ),
            });
        }
        found.push((target, span));
    }
    Ok(found)
}
