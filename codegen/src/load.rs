//! Stage 1, load: schema files and everything they include or import, each read once.
//!
//! A location is looked up in the explicit mappings (`Config::map_location`), then in the
//! OASIS catalogs (`Config::catalog`), and otherwise resolves relative to the file that
//! names it (or, for a file that stands for a URL, against that URL first). Remote
//! locations are never fetched: an unmapped one is an error. An import without a
//! location loads the file a mapping or catalog gives for its namespace, if any.
//! Include/import cycles are harmless: a file already loaded is not read again. A
//! schema without a target namespace included into one that has one (a chameleon
//! include) is loaded once per namespace it is included into. How deep includes nest
//! and how many files a set reaches are bounded, so a hostile schema cannot make the
//! loader walk a file system.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::path::{Path, PathBuf};

use crate::catalog::{is_remote, join_url, Catalogs, Resolved};
use crate::error::{Error, Result, Span};

/// The XSD namespace.
pub const XS_NS: &str = "http://www.w3.org/2001/XMLSchema";

/// One schema file's text (byte-order mark removed), as the set uses it.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as it was reached (relative locations joined to the includer's folder).
    pub path: PathBuf,
    /// File contents.
    pub text: String,
    /// For a schema without `targetNamespace` included, redefined or overridden by a
    /// schema that has one: that namespace (a chameleon include, XSD 1.0 Structures
    /// §4.2.1). The file's components are in it, and its references to no-namespace names
    /// resolve in it. A file included into two namespaces is in the set twice.
    pub chameleon_ns: Option<String>,
    /// The includes, imports, redefines and overrides of this file that reached a file,
    /// in document order.
    pub links: Vec<Link>,
}

/// An include, import, redefine or override and the file it reached.
#[derive(Debug, Clone)]
pub struct Link {
    /// Which element.
    pub kind: LinkKind,
    /// Byte offset of the element in the including file's text.
    pub at: usize,
    /// The file reached (index into [`SchemaSet::files`]).
    pub file: usize,
}

/// The elements that bring other schema documents into a set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// `xs:include`.
    Include,
    /// `xs:import`.
    Import,
    /// `xs:redefine` (XSD 1.0).
    Redefine,
    /// `xs:override` (XSD 1.1).
    Override,
}

/// All files of a schema set, roots first, in the order they were reached.
#[derive(Debug, Default)]
pub struct SchemaSet {
    /// The files.
    pub files: Vec<SourceFile>,
    /// Every XML catalog file read (for `cargo:rerun-if-changed`).
    pub catalog_files: Vec<PathBuf>,
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
    /// schemaLocation (or namespace of an import without one) → local copy; consulted
    /// before the catalog files.
    pub catalog: BTreeMap<String, PathBuf>,
    /// OASIS XML catalog files, consulted in order.
    pub catalog_files: Vec<PathBuf>,
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
            catalog_files: Vec::new(),
            max_depth: DEFAULT_MAX_DEPTH,
            max_files: DEFAULT_MAX_FILES,
        }
    }
}

/// A file waiting to be read.
struct Pending {
    path: PathBuf,
    /// Include depth (roots are at 0).
    depth: usize,
    /// The URL the file stands for, when it was reached through one (its relative
    /// locations are resolved against it, then looked up in the catalogs).
    url: Option<String>,
    /// The reference that named it; none for roots.
    from: Option<From>,
}

/// Where a pending file was named.
struct From {
    span: Span,
    /// The naming file and the index of the link in its `links`.
    file: usize,
    link: usize,
    kind: LinkKind,
    /// Include, redefine, override: the includer's (effective) target namespace.
    /// Import: the `namespace` attribute.
    namespace: Option<String>,
}

/// Reads the root schemas and every file they include, import, redefine or override.
pub fn load(roots: &[PathBuf], options: &LoadOptions) -> Result<SchemaSet> {
    let catalogs = Catalogs::load(&options.catalog_files)?;
    let locator = Locator {
        map: &options.catalog,
        catalogs: &catalogs,
    };
    let mut set = SchemaSet {
        files: Vec::new(),
        catalog_files: catalogs.files().map(Path::to_path_buf).collect(),
    };
    // (canonical path, chameleon namespace) → index in `set.files`.
    let mut seen: HashMap<(PathBuf, Option<String>), usize> = HashMap::new();
    // Canonical path → its targetNamespace, for files read once already.
    let mut target_namespaces: HashMap<PathBuf, Option<String>> = HashMap::new();
    let mut queue: VecDeque<Pending> = roots
        .iter()
        .map(|r| Pending {
            path: r.clone(),
            depth: 0,
            url: None,
            from: None,
        })
        .collect();
    while let Some(Pending {
        path,
        depth,
        url,
        from,
    }) = queue.pop_front()
    {
        let canonical = std::fs::canonicalize(&path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        let limit = |from: &Option<From>, files: usize| match from {
            Some(from) if files >= options.max_files => Err(Error::Limit {
                span: from.span.clone(),
                message: format!(
                    "the schema set reaches more than {} files (Config::max_schema_files)",
                    options.max_files
                ),
            }),
            _ => Ok(()),
        };
        // A file read for the first time is parsed once, for its namespace and references.
        let mut scanned = None;
        let target_ns = match target_namespaces.get(&canonical) {
            Some(ns) => ns.clone(),
            None => {
                limit(&from, set.files.len())?;
                let text = read_schema(&path)?;
                let (ns, found) = scan(&path, url.as_deref(), &text, &locator)?;
                target_namespaces.insert(canonical.clone(), ns.clone());
                scanned = Some((text, found));
                ns
            }
        };
        let chameleon_ns = match &from {
            Some(from) => check_namespace(from, &path, target_ns.as_deref())?,
            None => None,
        };
        let key = (canonical, chameleon_ns.clone());
        if let Some(&index) = seen.get(&key) {
            if let Some(from) = from {
                set.files[from.file].links[from.link].file = index;
            }
            continue;
        }
        let (text, found) = match scanned {
            Some(scanned) => scanned,
            None => {
                // Included again, into another namespace: in the set once more.
                limit(&from, set.files.len())?;
                let text = read_schema(&path)?;
                let (_, found) = scan(&path, url.as_deref(), &text, &locator)?;
                (text, found)
            }
        };
        let index = set.files.len();
        seen.insert(key, index);
        if let Some(from) = &from {
            set.files[from.file].links[from.link].file = index;
        }
        let effective_ns = target_ns.or_else(|| chameleon_ns.clone());
        let mut links = Vec::new();
        for found in found {
            if depth + 1 > options.max_depth {
                return Err(Error::Limit {
                    span: found.span,
                    message: format!(
                        "includes and imports nest more than {} deep (Config::max_include_depth)",
                        options.max_depth
                    ),
                });
            }
            let namespace = match found.kind {
                LinkKind::Import => found.namespace,
                _ => effective_ns.clone(),
            };
            queue.push_back(Pending {
                path: found.path,
                depth: depth + 1,
                url: found.url,
                from: Some(From {
                    span: found.span,
                    file: index,
                    link: links.len(),
                    kind: found.kind,
                    namespace,
                }),
            });
            links.push(Link {
                kind: found.kind,
                at: found.at,
                file: usize::MAX,
            });
        }
        set.files.push(SourceFile {
            path,
            text,
            chameleon_ns,
            links,
        });
    }
    Ok(set)
}

/// A schema file's text, byte-order mark removed.
fn read_schema(path: &Path) -> Result<String> {
    let mut text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

/// The root element, which must be `xs:schema`.
fn schema_root<'a, 'i>(
    path: &Path,
    doc: &'a roxmltree::Document<'i>,
) -> Result<roxmltree::Node<'a, 'i>> {
    let root = doc.root_element();
    if !root.has_tag_name((XS_NS, "schema")) {
        return Err(Error::Invalid {
            span: span_at(path, doc, root.range().start),
            message: format!(
                "the root element is <{}>, expected xs:schema",
                root.tag_name().name()
            ),
        });
    }
    Ok(root)
}

/// Checks a file's `targetNamespace` against the include or import that reached it, and
/// returns the chameleon namespace it takes (XSD 1.0 Structures §4.2.1, §4.2.2, §4.2.3).
fn check_namespace(from: &From, path: &Path, target_ns: Option<&str>) -> Result<Option<String>> {
    let show = |ns: Option<&str>| ns.map_or("no namespace".to_string(), |ns| format!("{ns:?}"));
    match from.kind {
        LinkKind::Import => {
            if target_ns != from.namespace.as_deref() {
                return Err(Error::Invalid {
                    span: from.span.clone(),
                    message: format!(
                        "xs:import of {} {}: its targetNamespace is {}",
                        path.display(),
                        match from.namespace.as_deref() {
                            Some(ns) => format!("for namespace {ns:?}"),
                            None => "without a namespace".to_string(),
                        },
                        show(target_ns)
                    ),
                });
            }
            Ok(None)
        }
        kind => match target_ns {
            None => Ok(from.namespace.clone()),
            Some(ns) if Some(ns) == from.namespace.as_deref() => Ok(None),
            Some(ns) => Err(Error::Invalid {
                span: from.span.clone(),
                message: format!(
                    "xs:{} of {}: its targetNamespace {ns:?} is not the including schema's ({})",
                    match kind {
                        LinkKind::Redefine => "redefine",
                        LinkKind::Override => "override",
                        _ => "include",
                    },
                    path.display(),
                    show(from.namespace.as_deref())
                ),
            }),
        },
    }
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

/// An include, import, redefine or override that names a local file.
struct Found {
    kind: LinkKind,
    at: usize,
    span: Span,
    path: PathBuf,
    /// The URL the file stands for, if it was named by one.
    url: Option<String>,
    /// An import's `namespace`.
    namespace: Option<String>,
}

/// Finds the local file for a location: explicit mappings first, then the catalogs,
/// then the path relative to the naming file.
struct Locator<'o> {
    map: &'o BTreeMap<String, PathBuf>,
    catalogs: &'o Catalogs,
}

/// What a location (or a namespace) is mapped to.
enum Located {
    Local(PathBuf),
    /// A catalog sent it to another URL.
    Remote,
    Unmapped,
}

impl Locator<'_> {
    fn lookup(&self, name: &str) -> Located {
        if let Some(local) = self.map.get(name) {
            return Located::Local(local.clone());
        }
        match self.catalogs.resolve(name) {
            Some(Resolved::Local(path)) => Located::Local(path),
            Some(Resolved::Remote(_)) => Located::Remote,
            None => Located::Unmapped,
        }
    }
}

/// A schema's `targetNamespace`, and the local files it includes, imports, redefines or
/// overrides, with where each is named. `url`: the URL the schema stands for, if it was
/// reached through one.
fn scan(
    path: &Path,
    url: Option<&str>,
    text: &str,
    locator: &Locator<'_>,
) -> Result<(Option<String>, Vec<Found>)> {
    let doc = parse_xml(path, text)?;
    let root = schema_root(path, &doc)?;
    let target_ns = root.attribute("targetNamespace").map(str::to_string);
    let dir = path.parent().unwrap_or(Path::new(""));
    let mut found = Vec::new();
    for child in root.children().filter(|n| n.is_element()) {
        if child.tag_name().namespace() != Some(XS_NS) {
            continue;
        }
        let kind = match child.tag_name().name() {
            "include" => LinkKind::Include,
            "import" => LinkKind::Import,
            "redefine" => LinkKind::Redefine,
            "override" => LinkKind::Override,
            _ => continue,
        };
        let span = span_at(path, &doc, child.range().start);
        let namespace = child.attribute("namespace").map(str::to_string);
        let Some(location) = child.attribute("schemaLocation").map(str::trim) else {
            // An import without a location: its components come from elsewhere, unless a
            // catalog knows where the namespace's schema is.
            if let (LinkKind::Import, Some(ns)) = (kind, &namespace) {
                if let Located::Local(target) = locator.lookup(ns) {
                    if !target.is_file() {
                        return Err(Error::Invalid {
                            span,
                            message: format!(
                                "namespace {ns:?} is mapped to {}: no such file",
                                target.display()
                            ),
                        });
                    }
                    found.push(Found {
                        kind,
                        at: child.range().start,
                        span,
                        path: target,
                        url: None,
                        namespace,
                    });
                }
            }
            continue;
        };
        // The location as written, and made absolute when the schema stands for a URL.
        let absolute = if is_remote(location) {
            Some(location.to_string())
        } else {
            url.map(|base| join_url(base, location))
        };
        let mut names = vec![location];
        names.extend(absolute.as_deref().filter(|a| *a != location));
        let mut target = None;
        for name in &names {
            match locator.lookup(name) {
                Located::Local(local) => {
                    target = Some((local, true, is_remote(name).then(|| name.to_string())));
                    break;
                }
                Located::Remote => {
                    return Err(Error::Remote {
                        span,
                        url: name.to_string(),
                    })
                }
                Located::Unmapped => {}
            }
        }
        let (target, mapped, target_url) = match target {
            Some(t) => t,
            None if is_remote(location) => {
                return Err(Error::Remote {
                    span,
                    url: location.to_string(),
                })
            }
            None => (dir.join(location), false, absolute),
        };
        if !target.is_file() {
            return Err(Error::Invalid {
                span,
                message: format!(
                    "schemaLocation {location:?}: no such file {}{}",
                    target.display(),
                    if mapped { " (where it is mapped)" } else { "" }
                ),
            });
        }
        found.push(Found {
            kind,
            at: child.range().start,
            span,
            path: target,
            url: target_url,
            namespace,
        });
    }
    Ok((target_ns, found))
}
