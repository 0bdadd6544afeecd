//! OASIS XML catalogs: where a schema location or a namespace is to be found locally.
//!
//! xsdgen never fetches from the network; a catalog (OASIS XML Catalogs 1.1, namespace
//! `urn:oasis:names:tc:entity:xmlns:xml:catalog`) maps the absolute URLs schemas name
//! each other by to local copies. Entries read: `uri`, `system` (exact names),
//! `rewriteURI`, `rewriteSystem` (the longest matching prefix is replaced), `uriSuffix`,
//! `systemSuffix` (the longest matching suffix), `delegateURI`, `delegateSystem`,
//! `nextCatalog`, `group`, and `xml:base` on any of them. A schemaLocation is looked up
//! both as a URI and as a system identifier; `public` entries are read and not used
//! (a schema is never named by a public identifier).
//!
//! Relative `uri`, `rewritePrefix` and `catalog` values resolve against the `xml:base`
//! in effect, or the folder of the catalog file. A catalog that is not well-formed, or
//! whose entries lack their attributes, is an error naming file, line and column; a
//! `nextCatalog` or `delegate…` file that does not exist is skipped, as the OASIS
//! specification asks (§8), so that system catalogs with missing parts stay usable.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result, Span};
use crate::load::LineIndex;

/// The OASIS XML catalog namespace.
pub const CATALOG_NS: &str = "urn:oasis:names:tc:entity:xmlns:xml:catalog";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
/// Most catalog files one set of catalogs may chain to (`nextCatalog`, `delegate…`).
const MAX_CATALOG_FILES: usize = 256;

/// Where a catalog sends a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// A local file.
    Local(PathBuf),
    /// Another remote URL (xsdgen does not fetch it).
    Remote(String),
}

/// Catalog files, in the order they are consulted, with the files they chain to.
#[derive(Debug, Default)]
pub struct Catalogs {
    /// Every catalog file read.
    files: Vec<CatalogFile>,
    /// The catalogs asked for, in order (indices into `files`).
    roots: Vec<usize>,
}

#[derive(Debug)]
struct CatalogFile {
    path: PathBuf,
    entries: Vec<Entry>,
    /// `nextCatalog` files (indices into `Catalogs::files`; `None`: missing, skipped).
    next: Vec<Option<usize>>,
}

#[derive(Debug)]
enum Entry {
    /// `uri`, `system`: the name exactly.
    Exact { name: String, target: Loc },
    /// `rewriteURI`, `rewriteSystem`: names starting with `prefix`.
    Rewrite { prefix: String, rewrite: Loc },
    /// `uriSuffix`, `systemSuffix`: names ending with `suffix`.
    Suffix { suffix: String, target: Loc },
    /// `delegateURI`, `delegateSystem`: names starting with `prefix` are looked up in
    /// `catalog` only.
    Delegate {
        prefix: String,
        catalog: Option<usize>,
    },
}

/// A resolved reference: a local path or a URL.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Loc {
    /// A local path (a folder ends with `/`).
    Local(String),
    Url(String),
}

impl Loc {
    fn append(&self, rest: &str) -> Resolved {
        match self {
            Loc::Local(path) => {
                Resolved::Local(PathBuf::from(format!("{path}{}", percent_decode(rest))))
            }
            Loc::Url(url) => Resolved::Remote(format!("{url}{rest}")),
        }
    }

    fn resolved(&self) -> Resolved {
        self.append("")
    }

    /// `reference` made absolute against this base.
    fn join(&self, reference: &str) -> Loc {
        let reference = reference.trim();
        if let Some(scheme_len) = scheme_length(reference) {
            if reference[..scheme_len].eq_ignore_ascii_case("file") {
                return Loc::Local(file_url_path(reference));
            }
            return Loc::Url(reference.to_string());
        }
        match self {
            Loc::Local(base) => {
                let decoded = percent_decode(reference);
                if Path::new(&decoded).is_absolute() {
                    Loc::Local(decoded)
                } else {
                    let folder = &base[..base.rfind('/').map_or(0, |i| i + 1)];
                    Loc::Local(format!("{folder}{decoded}"))
                }
            }
            Loc::Url(base) => Loc::Url(join_url(base, reference)),
        }
    }
}

/// The length of a URI scheme (`http` of `http://…`); none for a Windows drive letter.
pub(crate) fn scheme_length(reference: &str) -> Option<usize> {
    let colon = reference.find(':')?;
    let scheme = &reference[..colon];
    (colon > 1
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(colon)
}

/// Whether a location is a URL other than `file:` (something xsdgen would have to fetch).
pub(crate) fn is_remote(location: &str) -> bool {
    scheme_length(location).is_some_and(|n| !location[..n].eq_ignore_ascii_case("file"))
}

/// `reference` resolved against the absolute URL `base` (RFC 3986 §5.2, without
/// dot-segment removal beyond `./` and `../`).
pub(crate) fn join_url(base: &str, reference: &str) -> String {
    if scheme_length(reference).is_some() {
        return reference.to_string();
    }
    let base = base.split(['#', '?']).next().unwrap_or(base);
    let authority_end = base
        .find("://")
        .map(|i| i + 3 + base[i + 3..].find('/').unwrap_or(base.len() - i - 3))
        .unwrap_or(0);
    let (origin, path) = base.split_at(authority_end);
    if let Some(rest) = reference.strip_prefix("//") {
        let scheme = &base[..base.find(':').map_or(0, |i| i + 1)];
        return format!("{scheme}//{rest}");
    }
    let mut segments: Vec<&str> = if reference.starts_with('/') {
        Vec::new()
    } else {
        let folder = &path[..path.rfind('/').map_or(0, |i| i + 1)];
        folder.split('/').filter(|s| !s.is_empty()).collect()
    };
    let trailing = reference.ends_with('/') || reference.ends_with("/..") || reference == "..";
    for segment in reference.split('/').filter(|s| !s.is_empty()) {
        match segment {
            "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    let mut out = format!("{origin}/{}", segments.join("/"));
    if trailing && !out.ends_with('/') {
        out.push('/');
    }
    out
}

/// The path of a `file:` URL (`file:///a/b%20c.xsd` → `/a/b c.xsd`).
fn file_url_path(url: &str) -> String {
    let rest = &url[5..];
    let rest = match rest.strip_prefix("//") {
        Some(after) => {
            // An authority: empty or localhost.
            let slash = after.find('/').unwrap_or(after.len());
            &after[slash..]
        }
        None => rest,
    };
    percent_decode(rest)
}

fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(b) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// A local folder as a base: its path with a trailing `/`.
fn folder_base(path: &Path) -> Loc {
    let dir = path.parent().unwrap_or(Path::new(""));
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let mut text = dir.to_string_lossy().into_owned();
    if !text.ends_with('/') {
        text.push('/');
    }
    Loc::Local(text)
}

impl Catalogs {
    /// Reads the catalog files and the catalogs they chain to.
    pub fn load(paths: &[PathBuf]) -> Result<Self> {
        let mut loader = Loader::default();
        for path in paths {
            let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
            loader.file(path, &text, None)?;
        }
        Ok(Catalogs {
            files: loader.files,
            roots: loader.roots,
        })
    }

    /// Every catalog file read (for `cargo:rerun-if-changed`).
    pub fn files(&self) -> impl Iterator<Item = &Path> {
        self.files.iter().map(|f| f.path.as_path())
    }

    /// Whether no catalog was given.
    pub fn is_empty(&self) -> bool {
        self.roots.is_empty()
    }

    /// Looks `name` (a URI, a system identifier or a namespace) up in the catalogs, in
    /// order: each catalog's exact entries, then its longest rewrite prefix, its longest
    /// suffix, its delegates, then its `nextCatalog`s.
    pub fn resolve(&self, name: &str) -> Option<Resolved> {
        let name = name.trim();
        let mut visited = vec![false; self.files.len()];
        self.roots
            .iter()
            .find_map(|&i| self.resolve_in(i, name, &mut visited))
    }

    fn resolve_in(&self, index: usize, name: &str, visited: &mut [bool]) -> Option<Resolved> {
        if std::mem::replace(&mut visited[index], true) {
            return None;
        }
        let file = &self.files[index];
        for entry in &file.entries {
            if let Entry::Exact { name: n, target } = entry {
                if n == name {
                    return Some(target.resolved());
                }
            }
        }
        let rewrite = file
            .entries
            .iter()
            .filter_map(|e| match e {
                Entry::Rewrite { prefix, rewrite } if name.starts_with(prefix.as_str()) => {
                    Some((prefix.len(), rewrite))
                }
                _ => None,
            })
            .max_by_key(|(len, _)| *len);
        if let Some((len, rewrite)) = rewrite {
            return Some(rewrite.append(&name[len..]));
        }
        let suffix = file
            .entries
            .iter()
            .filter_map(|e| match e {
                Entry::Suffix { suffix, target } if name.ends_with(suffix.as_str()) => {
                    Some((suffix.len(), target))
                }
                _ => None,
            })
            .max_by_key(|(len, _)| *len);
        if let Some((_, target)) = suffix {
            return Some(target.resolved());
        }
        let mut delegates: Vec<(usize, Option<usize>)> = file
            .entries
            .iter()
            .filter_map(|e| match e {
                Entry::Delegate { prefix, catalog } if name.starts_with(prefix.as_str()) => {
                    Some((prefix.len(), *catalog))
                }
                _ => None,
            })
            .collect();
        if !delegates.is_empty() {
            // Delegation ends the search: only the delegated catalogs are consulted.
            delegates.sort_by_key(|(len, _)| std::cmp::Reverse(*len));
            return delegates
                .into_iter()
                .filter_map(|(_, catalog)| catalog)
                .find_map(|c| self.resolve_in(c, name, visited));
        }
        file.next
            .iter()
            .flatten()
            .find_map(|&c| self.resolve_in(c, name, visited))
    }
}

/// Reads catalog files, each once.
#[derive(Default)]
struct Loader {
    files: Vec<CatalogFile>,
    by_path: HashMap<PathBuf, usize>,
    roots: Vec<usize>,
}

impl Loader {
    /// Reads one catalog file (`named_at`: the entry that chains to it; none for roots).
    fn file(&mut self, path: &Path, text: &str, named_at: Option<&Span>) -> Result<usize> {
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if let Some(&index) = self.by_path.get(&key) {
            if named_at.is_none() {
                self.roots.push(index);
            }
            return Ok(index);
        }
        if self.files.len() >= MAX_CATALOG_FILES {
            return Err(Error::Catalog {
                span: named_at.cloned().unwrap_or(Span {
                    file: path.to_path_buf(),
                    line: 1,
                    column: 1,
                }),
                message: format!("catalogs chain to more than {MAX_CATALOG_FILES} files"),
            });
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let doc = crate::load::parse_xml(path, text)?;
        let lines = LineIndex::new(text);
        let index = self.files.len();
        self.by_path.insert(key, index);
        self.files.push(CatalogFile {
            path: path.to_path_buf(),
            entries: Vec::new(),
            next: Vec::new(),
        });
        if named_at.is_none() {
            self.roots.push(index);
        }
        let root = doc.root_element();
        let span = |node: roxmltree::Node| lines.span(path, node.range().start);
        if !root.has_tag_name((CATALOG_NS, "catalog")) {
            return Err(Error::Catalog {
                span: span(root),
                message: format!(
                    "the root element is <{}>{}, expected <catalog> in namespace {CATALOG_NS}",
                    root.tag_name().name(),
                    root.tag_name()
                        .namespace()
                        .map_or(String::new(), |ns| format!(" in namespace {ns}")),
                ),
            });
        }
        let base = with_base(&folder_base(path), root);
        let mut entries = Vec::new();
        let mut next = Vec::new();
        self.children(&span, root, &base, &mut entries, &mut next)?;
        self.files[index].entries = entries;
        self.files[index].next = next;
        Ok(index)
    }

    /// The entries of a `catalog` or `group` element.
    fn children<'a>(
        &mut self,
        span: &dyn Fn(roxmltree::Node) -> Span,
        parent: roxmltree::Node<'a, 'a>,
        base: &Loc,
        entries: &mut Vec<Entry>,
        next: &mut Vec<Option<usize>>,
    ) -> Result<()> {
        for node in parent.children().filter(|n| n.is_element()) {
            if node.tag_name().namespace() != Some(CATALOG_NS) {
                // Other namespaces' elements are extensions: ignored (§6.1).
                continue;
            }
            let base = with_base(base, node);
            let attr = |name: &str| -> Result<&str> {
                node.attribute(name).ok_or_else(|| Error::Catalog {
                    span: span(node),
                    message: format!("<{}> needs a {name} attribute", node.tag_name().name()),
                })
            };
            match node.tag_name().name() {
                "group" => self.children(span, node, &base, entries, next)?,
                "uri" | "system" => {
                    let key = if node.tag_name().name() == "uri" {
                        "name"
                    } else {
                        "systemId"
                    };
                    entries.push(Entry::Exact {
                        name: attr(key)?.trim().to_string(),
                        target: base.join(attr("uri")?),
                    })
                }
                "rewriteURI" | "rewriteSystem" => {
                    let key = if node.tag_name().name() == "rewriteURI" {
                        "uriStartString"
                    } else {
                        "systemIdStartString"
                    };
                    let mut rewrite = base.join(attr("rewritePrefix")?);
                    // `rewritePrefix="local"` names a folder: keep its slash when the
                    // prefix replaced one.
                    let prefix = attr(key)?.trim().to_string();
                    if prefix.ends_with('/') {
                        match &mut rewrite {
                            Loc::Local(p) | Loc::Url(p) if !p.ends_with('/') => p.push('/'),
                            _ => {}
                        }
                    }
                    entries.push(Entry::Rewrite { prefix, rewrite })
                }
                "uriSuffix" | "systemSuffix" => {
                    let key = if node.tag_name().name() == "uriSuffix" {
                        "uriSuffix"
                    } else {
                        "systemIdSuffix"
                    };
                    entries.push(Entry::Suffix {
                        suffix: attr(key)?.trim().to_string(),
                        target: base.join(attr("uri")?),
                    })
                }
                "delegateURI" | "delegateSystem" => {
                    let key = if node.tag_name().name() == "delegateURI" {
                        "uriStartString"
                    } else {
                        "systemIdStartString"
                    };
                    let prefix = attr(key)?.trim().to_string();
                    let catalog = self.chained(&base, attr("catalog")?, &span(node))?;
                    entries.push(Entry::Delegate { prefix, catalog });
                }
                "nextCatalog" => {
                    let catalog = self.chained(&base, attr("catalog")?, &span(node))?;
                    next.push(catalog);
                }
                "public" | "delegatePublic" => {
                    attr("publicId")?;
                }
                other => {
                    return Err(Error::Catalog {
                        span: span(node),
                        message: format!("unknown catalog entry <{other}>"),
                    })
                }
            }
        }
        Ok(())
    }

    /// A catalog another one chains to; `None` when it does not exist (skipped).
    fn chained(&mut self, base: &Loc, reference: &str, at: &Span) -> Result<Option<usize>> {
        let Loc::Local(path) = base.join(reference) else {
            // A remote catalog is never fetched: as if it were missing.
            return Ok(None);
        };
        let path = PathBuf::from(path);
        let Ok(text) = std::fs::read_to_string(&path) else {
            return Ok(None);
        };
        self.file(&path, &text, Some(at)).map(Some)
    }
}

/// The base in effect inside `node`: `base`, changed by the node's `xml:base`.
fn with_base(base: &Loc, node: roxmltree::Node) -> Loc {
    match node.attribute((XML_NS, "base")) {
        Some(b) => base.join(b),
        None => base.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_join_as_rfc_3986_says() {
        let base = "http://example.com/a/b/c.xsd";
        assert_eq!(join_url(base, "d.xsd"), "http://example.com/a/b/d.xsd");
        assert_eq!(join_url(base, "../d.xsd"), "http://example.com/a/d.xsd");
        assert_eq!(
            join_url(base, "./e/d.xsd"),
            "http://example.com/a/b/e/d.xsd"
        );
        assert_eq!(join_url(base, "/d.xsd"), "http://example.com/d.xsd");
        assert_eq!(join_url(base, "//other.org/x"), "http://other.org/x");
        assert_eq!(join_url(base, "urn:x:y"), "urn:x:y");
        assert_eq!(
            join_url("http://example.com", "d.xsd"),
            "http://example.com/d.xsd"
        );
    }

    #[test]
    fn schemes_drive_letters_and_file_urls_are_told_apart() {
        assert!(is_remote("https://example.com/x.xsd"));
        assert!(!is_remote("file:///tmp/x.xsd"));
        assert!(!is_remote("C:\\schemas\\x.xsd"));
        assert!(!is_remote("x.xsd"));
        assert_eq!(file_url_path("file:///tmp/a%20b.xsd"), "/tmp/a b.xsd");
        assert_eq!(file_url_path("file://localhost/tmp/x.xsd"), "/tmp/x.xsd");
    }
}
