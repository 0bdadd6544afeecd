//! Stage 1, load: schema files and everything they include or import, each read once.
//!
//! A WSDL 1.1 document is accepted wherever a schema file is (see [`crate::wsdl`]): each
//! `xs:schema` inside its `wsdl:types` is a schema document of the set (a [`SourceFile`]
//! whose [`embedded`](SourceFile::embedded) says which one, positioned in the WSDL file),
//! and the documents its `wsdl:import`s name, WSDL or XSD, are read too. An embedded
//! schema's `xs:import` without a location of a namespace another schema of the same
//! WSDL document defines reaches that sibling, without a lookup.
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
use std::sync::Arc;

use crate::catalog::{is_remote, join_url, Catalogs, Resolved};
use crate::error::{Error, Result, Span};
use crate::wsdl::{self, RootKind};

/// The XSD namespace.
pub const XS_NS: &str = "http://www.w3.org/2001/XMLSchema";

/// One schema document, as the set uses it: a schema file, or one of the schemas a
/// WSDL document embeds.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as it was reached (relative locations joined to the includer's folder).
    pub path: PathBuf,
    /// File contents (byte-order mark removed); the schemas of one WSDL document share it.
    pub text: Arc<str>,
    /// `None`: the file's root element is the `xs:schema`. `Some(n)`: the file is a WSDL
    /// 1.1 document and this is the n-th `xs:schema` (from 0) inside its `wsdl:types`;
    /// the namespace declarations of `wsdl:definitions` are in scope in it, and positions
    /// are in the WSDL file.
    pub embedded: Option<usize>,
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
    /// The schema documents.
    pub files: Vec<SourceFile>,
    /// The WSDL 1.1 documents among the roots and those they import.
    pub wsdl: Vec<WsdlFile>,
    /// Every schema and WSDL file read, once each, in the order first read.
    pub paths: Vec<PathBuf>,
    /// Every XML catalog file read (for `cargo:rerun-if-changed`).
    pub catalog_files: Vec<PathBuf>,
}

/// A WSDL 1.1 document of the set.
#[derive(Debug)]
pub struct WsdlFile {
    /// The path as it was reached.
    pub path: PathBuf,
    /// File contents (byte-order mark removed).
    pub text: Arc<str>,
    /// `targetNamespace` of its `wsdl:definitions`.
    pub target_ns: Option<String>,
    /// Its embedded schemas (indices into [`SchemaSet::files`]), in document order.
    pub schemas: Vec<usize>,
    /// Its `wsdl:import`s, in document order.
    pub imports: Vec<WsdlImport>,
}

/// A `wsdl:import` and the document it reached.
#[derive(Debug, Clone)]
pub struct WsdlImport {
    /// Byte offset of the element in the WSDL document's text.
    pub at: usize,
    /// The document reached.
    pub target: ImportTarget,
}

/// What a `wsdl:import` reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportTarget {
    /// Another WSDL document (index into [`SchemaSet::wsdl`]).
    Wsdl(usize),
    /// A schema file (index into [`SchemaSet::files`]).
    Schema(usize),
}

/// Options shared by the loader and the syntax stage for parsing schema XML.
pub(crate) fn parse_options<'a>() -> roxmltree::ParsingOptions<'a> {
    roxmltree::ParsingOptions {
        // Real schemas (XML-Signature) carry a small internal DTD.
        allow_dtd: true,
        ..Default::default()
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
    /// The element that named it, to be pointed at the document reached.
    origin: Origin,
    via: Via,
    /// Include, redefine, override: the includer's (effective) target namespace.
    /// Import (`xs:` or `wsdl:`): the `namespace` attribute.
    namespace: Option<String>,
}

/// The element that named a pending file.
#[derive(Clone, Copy)]
enum Origin {
    /// `set.files[file].links[link]`.
    Schema { file: usize, link: usize },
    /// `set.wsdl[doc].imports[import]`.
    Wsdl { doc: usize, import: usize },
}

/// Which element named a pending file.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Via {
    /// An include, import, redefine or override of a schema.
    Link(LinkKind),
    /// A `wsdl:import`.
    WsdlImport,
}

impl Via {
    fn element(self) -> &'static str {
        match self {
            Via::Link(LinkKind::Include) => "xs:include",
            Via::Link(LinkKind::Import) => "xs:import",
            Via::Link(LinkKind::Redefine) => "xs:redefine",
            Via::Link(LinkKind::Override) => "xs:override",
            Via::WsdlImport => "wsdl:import",
        }
    }
}

/// What a file read once already turned out to be.
#[derive(Clone)]
enum Known {
    /// A schema, with its `targetNamespace`.
    Schema(Option<String>),
    /// A WSDL document (index into `set.wsdl`).
    Wsdl(usize),
}

/// Reads the root schemas and every file they include, import, redefine or override; for
/// a WSDL document, its embedded schemas and the documents it imports.
pub fn load(roots: &[PathBuf], options: &LoadOptions) -> Result<SchemaSet> {
    let catalogs = Catalogs::load(&options.catalog_files)?;
    let locator = Locator {
        map: &options.catalog,
        catalogs: &catalogs,
    };
    let mut set = SchemaSet {
        catalog_files: catalogs.files().map(Path::to_path_buf).collect(),
        ..SchemaSet::default()
    };
    // (canonical path, chameleon namespace) → index in `set.files`.
    let mut seen: HashMap<(PathBuf, Option<String>), usize> = HashMap::new();
    // Canonical path → what the file is, for files read once already.
    let mut known: HashMap<PathBuf, Known> = HashMap::new();
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
        let limit = |from: &Option<From>, set: &SchemaSet| match from {
            Some(from) if set.files.len() + set.wsdl.len() >= options.max_files => {
                Err(too_many_files(from.span.clone(), options.max_files))
            }
            _ => Ok(()),
        };
        // A file read for the first time is parsed once, for its namespace and references.
        let mut scanned = None;
        let target_ns = match known.get(&canonical) {
            Some(Known::Schema(ns)) => ns.clone(),
            Some(&Known::Wsdl(doc)) => {
                if let Some(from) = &from {
                    let target_ns = set.wsdl[doc].target_ns.clone();
                    check_wsdl_reached(from, &path, target_ns.as_deref())?;
                    point(&mut set, from.origin, ImportTarget::Wsdl(doc));
                }
                continue;
            }
            None => {
                limit(&from, &set)?;
                let text: Arc<str> = read_schema(&path)?.into();
                set.paths.push(path.clone());
                match scan(&path, url.as_deref(), &text, &locator)? {
                    Scanned::Schema(ns, found) => {
                        known.insert(canonical.clone(), Known::Schema(ns.clone()));
                        scanned = Some((text, found));
                        ns
                    }
                    Scanned::Wsdl(scanned) => {
                        if let Some(from) = &from {
                            check_wsdl_reached(from, &path, scanned.target_ns.as_deref())?;
                        }
                        let doc = set.wsdl.len();
                        known.insert(canonical, Known::Wsdl(doc));
                        add_wsdl(&mut set, &mut queue, path, text, scanned, depth, options)?;
                        if let Some(from) = &from {
                            point(&mut set, from.origin, ImportTarget::Wsdl(doc));
                        }
                        continue;
                    }
                }
            }
        };
        let chameleon_ns = match &from {
            Some(from) => check_namespace(from, &path, target_ns.as_deref())?,
            None => None,
        };
        let key = (canonical, chameleon_ns.clone());
        if let Some(&index) = seen.get(&key) {
            if let Some(from) = from {
                point(&mut set, from.origin, ImportTarget::Schema(index));
            }
            continue;
        }
        let (text, found) = match scanned {
            Some(scanned) => scanned,
            None => {
                // Included again, into another namespace: in the set once more.
                limit(&from, &set)?;
                let text: Arc<str> = read_schema(&path)?.into();
                match scan(&path, url.as_deref(), &text, &locator)? {
                    Scanned::Schema(_, found) => (text, found),
                    // The file changed under the loader.
                    Scanned::Wsdl(_) => {
                        return Err(Error::Invalid {
                            span: Span {
                                file: path,
                                line: 1,
                                column: 1,
                            },
                            message: "the file changed from a schema to a WSDL document \
                                      while it was read"
                                .into(),
                        })
                    }
                }
            }
        };
        let index = set.files.len();
        seen.insert(key, index);
        if let Some(from) = &from {
            point(&mut set, from.origin, ImportTarget::Schema(index));
        }
        let effective_ns = target_ns.or_else(|| chameleon_ns.clone());
        let links = queue_links(&mut queue, index, 0, found, effective_ns, depth, options)?;
        set.files.push(SourceFile {
            path,
            text,
            embedded: None,
            chameleon_ns,
            links,
        });
    }
    Ok(set)
}

fn too_many_files(span: Span, max_files: usize) -> Error {
    Error::Limit {
        span,
        message: format!(
            "the schema set reaches more than {max_files} files (Config::max_schema_files)"
        ),
    }
}

/// Points the element that named a file at the document it reached.
fn point(set: &mut SchemaSet, origin: Origin, target: ImportTarget) {
    match origin {
        Origin::Schema { file, link } => {
            if let (Some(link), ImportTarget::Schema(index)) = (
                set.files.get_mut(file).and_then(|f| f.links.get_mut(link)),
                target,
            ) {
                link.file = index;
            }
        }
        Origin::Wsdl { doc, import } => {
            if let Some(import) = set
                .wsdl
                .get_mut(doc)
                .and_then(|d| d.imports.get_mut(import))
            {
                import.target = target;
            }
        }
    }
}

/// The links of the schema document about to become `set.files[index]`, queueing the
/// files they name. `base`: the index of the first schema of the same WSDL document (a
/// sibling's `Found` counts from it).
fn queue_links(
    queue: &mut VecDeque<Pending>,
    index: usize,
    base: usize,
    found: Vec<Found>,
    effective_ns: Option<String>,
    depth: usize,
    options: &LoadOptions,
) -> Result<Vec<Link>> {
    let mut links = Vec::new();
    for found in found {
        if depth + 1 > options.max_depth {
            return Err(too_deep(found.span, options.max_depth));
        }
        let (path, url) = match found.target {
            Target::Sibling(n) => {
                links.push(Link {
                    kind: found.kind,
                    at: found.at,
                    file: base + n,
                });
                continue;
            }
            Target::File { path, url } => (path, url),
        };
        let namespace = match found.kind {
            LinkKind::Import => found.namespace,
            _ => effective_ns.clone(),
        };
        queue.push_back(Pending {
            path,
            depth: depth + 1,
            url,
            from: Some(From {
                span: found.span,
                origin: Origin::Schema {
                    file: index,
                    link: links.len(),
                },
                via: Via::Link(found.kind),
                namespace,
            }),
        });
        links.push(Link {
            kind: found.kind,
            at: found.at,
            file: usize::MAX,
        });
    }
    Ok(links)
}

fn too_deep(span: Span, max_depth: usize) -> Error {
    Error::Limit {
        span,
        message: format!(
            "includes and imports nest more than {max_depth} deep (Config::max_include_depth)"
        ),
    }
}

/// Adds a WSDL document to the set: its embedded schemas become schema documents, the
/// documents it imports are queued.
fn add_wsdl(
    set: &mut SchemaSet,
    queue: &mut VecDeque<Pending>,
    path: PathBuf,
    text: Arc<str>,
    scanned: WsdlScan,
    depth: usize,
    options: &LoadOptions,
) -> Result<()> {
    let doc = set.wsdl.len();
    let base = set.files.len();
    // Imports first: in a WSDL 1.1 document they come before the types.
    let mut imports = Vec::new();
    for found in scanned.imports {
        if depth + 1 > options.max_depth {
            return Err(too_deep(found.span, options.max_depth));
        }
        queue.push_back(Pending {
            path: found.path,
            depth: depth + 1,
            url: found.url,
            from: Some(From {
                span: found.span,
                origin: Origin::Wsdl {
                    doc,
                    import: imports.len(),
                },
                via: Via::WsdlImport,
                namespace: found.namespace,
            }),
        });
        imports.push(WsdlImport {
            at: found.at,
            target: ImportTarget::Wsdl(usize::MAX),
        });
    }
    let mut schemas = Vec::new();
    for (n, embedded) in scanned.schemas.into_iter().enumerate() {
        // The WSDL document itself counts as a file.
        if set.files.len() + set.wsdl.len() + 1 > options.max_files {
            return Err(too_many_files(embedded.span, options.max_files));
        }
        let index = set.files.len();
        let links = queue_links(
            queue,
            index,
            base,
            embedded.found,
            embedded.target_ns,
            depth,
            options,
        )?;
        set.files.push(SourceFile {
            path: path.clone(),
            text: text.clone(),
            embedded: Some(n),
            chameleon_ns: None,
            links,
        });
        schemas.push(index);
    }
    set.wsdl.push(WsdlFile {
        path,
        text,
        target_ns: scanned.target_ns,
        schemas,
        imports,
    });
    Ok(())
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

/// The `xs:schema` element of a schema document of the set: the root element of a schema
/// file, or the embedded schema of a WSDL document that `file.embedded` counts to.
pub(crate) fn schema_element<'a, 'i: 'a>(
    file: &SourceFile,
    doc: &'a roxmltree::Document<'i>,
) -> Result<roxmltree::Node<'a, 'i>> {
    let root = doc.root_element();
    let found = match file.embedded {
        None => Some(root).filter(|r| r.has_tag_name((XS_NS, "schema"))),
        Some(n) => wsdl::embedded_schemas(root).nth(n),
    };
    found.ok_or_else(|| Error::Invalid {
        span: LineIndex::new(doc.input_text()).span(&file.path, root.range().start),
        message: match file.embedded {
            None => "the root element is not xs:schema".into(),
            Some(n) => format!(
                "the WSDL document has no xs:schema number {} in wsdl:types",
                n + 1
            ),
        },
    })
}

/// Checks a file's `targetNamespace` against the include or import that reached it, and
/// returns the chameleon namespace it takes (XSD 1.0 Structures §4.2.1, §4.2.2, §4.2.3).
fn check_namespace(from: &From, path: &Path, target_ns: Option<&str>) -> Result<Option<String>> {
    match from.via {
        Via::Link(LinkKind::Import) | Via::WsdlImport => {
            check_import_namespace(from, path, target_ns)?;
            Ok(None)
        }
        via => match target_ns {
            None => Ok(from.namespace.clone()),
            Some(ns) if Some(ns) == from.namespace.as_deref() => Ok(None),
            Some(ns) => Err(Error::Invalid {
                span: from.span.clone(),
                message: format!(
                    "{} of {}: its targetNamespace {ns:?} is not the including schema's ({})",
                    via.element(),
                    path.display(),
                    show_ns(from.namespace.as_deref())
                ),
            }),
        },
    }
}

fn show_ns(ns: Option<&str>) -> String {
    ns.map_or("no namespace".to_string(), |ns| format!("{ns:?}"))
}

/// An imported document's `targetNamespace` is the import's `namespace`.
fn check_import_namespace(from: &From, path: &Path, target_ns: Option<&str>) -> Result<()> {
    if target_ns != from.namespace.as_deref() {
        return Err(Error::Invalid {
            span: from.span.clone(),
            message: format!(
                "{} of {} {}: its targetNamespace is {}",
                from.via.element(),
                path.display(),
                match from.namespace.as_deref() {
                    Some(ns) => format!("for namespace {ns:?}"),
                    None => "without a namespace".to_string(),
                },
                show_ns(target_ns)
            ),
        });
    }
    Ok(())
}

/// A WSDL document may be reached by a `wsdl:import` of its target namespace (WSDL 1.1
/// §2.1.1), not by a schema's include or import.
fn check_wsdl_reached(from: &From, path: &Path, target_ns: Option<&str>) -> Result<()> {
    if from.via != Via::WsdlImport {
        return Err(Error::Invalid {
            span: from.span.clone(),
            message: format!(
                "{} of {}: a WSDL document, not a schema (WSDL documents import each other \
                 with wsdl:import; name its schemas' own files, or give the WSDL document \
                 as a root)",
                from.via.element(),
                path.display()
            ),
        });
    }
    check_import_namespace(from, path, target_ns)
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

/// An include, import, redefine or override that names a document.
struct Found {
    kind: LinkKind,
    at: usize,
    span: Span,
    target: Target,
    /// An import's `namespace`.
    namespace: Option<String>,
}

/// What an include, import, redefine or override names.
enum Target {
    /// A local file.
    File {
        path: PathBuf,
        /// The URL the file stands for, if it was named by one.
        url: Option<String>,
    },
    /// Another schema of the same WSDL document (counted as in [`SourceFile::embedded`]).
    Sibling(usize),
}

/// A `wsdl:import` that names a local file.
struct FoundImport {
    at: usize,
    span: Span,
    path: PathBuf,
    url: Option<String>,
    namespace: Option<String>,
}

/// What a file read for the first time holds.
enum Scanned {
    /// A schema: its `targetNamespace` and the documents it names.
    Schema(Option<String>, Vec<Found>),
    /// A WSDL 1.1 document.
    Wsdl(WsdlScan),
}

/// A WSDL document's `targetNamespace`, embedded schemas and imports.
struct WsdlScan {
    target_ns: Option<String>,
    schemas: Vec<EmbeddedScan>,
    imports: Vec<FoundImport>,
}

/// An embedded schema: where it is, its `targetNamespace`, the documents it names.
struct EmbeddedScan {
    span: Span,
    target_ns: Option<String>,
    found: Vec<Found>,
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

/// Where a file's references are resolved from.
struct Context<'a> {
    path: &'a Path,
    /// The URL the file stands for, if it was reached through one.
    url: Option<&'a str>,
    lines: &'a LineIndex<'a>,
    locator: &'a Locator<'a>,
}

impl Context<'_> {
    fn span(&self, node: roxmltree::Node<'_, '_>) -> Span {
        self.lines.span(self.path, node.range().start)
    }

    /// The local file a location names (`attr`: `schemaLocation` or `location`, for
    /// errors), and the URL it stands for if it was named by one.
    fn locate(&self, location: &str, span: &Span, attr: &str) -> Result<(PathBuf, Option<String>)> {
        // The location as written, and made absolute when the file stands for a URL.
        let absolute = if is_remote(location) {
            Some(location.to_string())
        } else {
            self.url.map(|base| join_url(base, location))
        };
        let mut names = vec![location];
        names.extend(absolute.as_deref().filter(|a| *a != location));
        let mut target = None;
        for name in &names {
            match self.locator.lookup(name) {
                Located::Local(local) => {
                    target = Some((local, true, is_remote(name).then(|| name.to_string())));
                    break;
                }
                Located::Remote => {
                    return Err(Error::Remote {
                        span: span.clone(),
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
                    span: span.clone(),
                    url: location.to_string(),
                })
            }
            None => (
                self.path.parent().unwrap_or(Path::new("")).join(location),
                false,
                absolute,
            ),
        };
        if !target.is_file() {
            return Err(Error::Invalid {
                span: span.clone(),
                message: format!(
                    "{attr} {location:?}: no such file {}{}",
                    target.display(),
                    if mapped { " (where it is mapped)" } else { "" }
                ),
            });
        }
        Ok((target, target_url))
    }

    /// The local file a mapping or catalog gives for a namespace, if any.
    fn locate_namespace(&self, ns: &str, span: &Span) -> Result<Option<PathBuf>> {
        match self.locator.lookup(ns) {
            Located::Local(target) if !target.is_file() => Err(Error::Invalid {
                span: span.clone(),
                message: format!(
                    "namespace {ns:?} is mapped to {}: no such file",
                    target.display()
                ),
            }),
            Located::Local(target) => Ok(Some(target)),
            _ => Ok(None),
        }
    }
}

/// Reads what a file is: a schema, with its `targetNamespace` and the local files it
/// includes, imports, redefines or overrides; or a WSDL 1.1 document, with its embedded
/// schemas and imports. `url`: the URL the file stands for, if it was reached through one.
fn scan(path: &Path, url: Option<&str>, text: &str, locator: &Locator<'_>) -> Result<Scanned> {
    let doc = parse_xml(path, text)?;
    let lines = LineIndex::new(text);
    let cx = Context {
        path,
        url,
        lines: &lines,
        locator,
    };
    let root = doc.root_element();
    match wsdl::root_kind(path, &lines, root)? {
        RootKind::Schema => Ok(Scanned::Schema(
            root.attribute("targetNamespace").map(str::to_string),
            scan_schema(&cx, root, None)?,
        )),
        RootKind::Wsdl => {
            let outline = wsdl::outline(path, &lines, root)?;
            let siblings: Vec<Option<&str>> = outline
                .schemas
                .iter()
                .map(|s| s.attribute("targetNamespace"))
                .collect();
            let mut schemas = Vec::new();
            for (n, schema) in outline.schemas.iter().enumerate() {
                schemas.push(EmbeddedScan {
                    span: cx.span(*schema),
                    target_ns: siblings[n].map(str::to_string),
                    found: scan_schema(&cx, *schema, Some((n, &siblings)))?,
                });
            }
            let mut imports = Vec::new();
            for import in outline.imports {
                let span = cx.span(import);
                let namespace = import.attribute("namespace").map(str::to_string);
                let path = match (import.attribute("location").map(str::trim), &namespace) {
                    (Some(location), _) => cx.locate(location, &span, "location")?,
                    (None, Some(ns)) => match cx.locate_namespace(ns, &span)? {
                        Some(target) => (target, None),
                        None => {
                            return Err(Error::Wsdl {
                                span,
                                message: format!(
                                    "wsdl:import of namespace {ns:?} without a location: give \
                                     one, or map the namespace to a local file \
                                     (Config::map_location, --map, or a catalog uri entry)"
                                ),
                            })
                        }
                    },
                    (None, None) => {
                        return Err(Error::Wsdl {
                            span,
                            message: "wsdl:import needs a location".into(),
                        })
                    }
                };
                imports.push(FoundImport {
                    at: import.range().start,
                    span,
                    path: path.0,
                    url: path.1,
                    namespace,
                });
            }
            Ok(Scanned::Wsdl(WsdlScan {
                target_ns: outline.target_ns,
                schemas,
                imports,
            }))
        }
        RootKind::Other => Err(Error::Invalid {
            span: cx.span(root),
            message: format!(
                "the root element is <{}>, expected xs:schema (or a WSDL 1.1 wsdl:definitions)",
                root.tag_name().name()
            ),
        }),
    }
}

/// The local files a schema element includes, imports, redefines or overrides, with
/// where each is named. `embedded`: for a schema inside a WSDL document, its number and
/// the target namespaces of all the document's schemas (an import without a location of
/// a sibling's namespace reaches the sibling).
fn scan_schema(
    cx: &Context<'_>,
    schema: roxmltree::Node<'_, '_>,
    embedded: Option<(usize, &[Option<&str>])>,
) -> Result<Vec<Found>> {
    let mut found = Vec::new();
    for child in schema.children().filter(|n| n.is_element()) {
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
        let span = cx.span(child);
        let namespace = child.attribute("namespace").map(str::to_string);
        let Some(location) = child.attribute("schemaLocation").map(str::trim) else {
            if kind != LinkKind::Import {
                continue;
            }
            // An import without a location: a sibling schema of the same WSDL document,
            // or the file a catalog gives for the namespace; else its components come
            // from elsewhere.
            if let Some((me, siblings)) = embedded {
                let sibling =
                    (0..siblings.len()).find(|&s| s != me && siblings[s] == namespace.as_deref());
                if let Some(s) = sibling {
                    found.push(Found {
                        kind,
                        at: child.range().start,
                        span,
                        target: Target::Sibling(s),
                        namespace,
                    });
                    continue;
                }
            }
            if let Some(ns) = &namespace {
                if let Some(path) = cx.locate_namespace(ns, &span)? {
                    found.push(Found {
                        kind,
                        at: child.range().start,
                        span,
                        target: Target::File { path, url: None },
                        namespace,
                    });
                }
            }
            continue;
        };
        let (path, url) = cx.locate(location, &span, "schemaLocation")?;
        found.push(Found {
            kind,
            at: child.range().start,
            span,
            target: Target::File { path, url },
            namespace,
        });
    }
    Ok(found)
}
