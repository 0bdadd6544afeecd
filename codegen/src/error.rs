//! Generation errors: every one names the schema (or WSDL) file, line and column.

use std::fmt;
use std::path::PathBuf;

/// A position in a schema file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The schema file.
    pub file: PathBuf,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

/// Why a schema set cannot be turned into Rust.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A schema file could not be read.
    #[error("{}: cannot read schema: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A schema file is not well-formed XML.
    #[error("{span}: malformed XML: {message}")]
    Xml {
        /// Where the parser stopped.
        span: Span,
        /// The parser's message.
        message: String,
    },
    /// The schema breaks a rule of XSD 1.0.
    #[error("{span}: invalid schema: {message}")]
    Invalid {
        /// The offending construct.
        span: Span,
        /// The rule it breaks.
        message: String,
    },
    /// A WSDL document breaks a rule of WSDL 1.1 (a reference that leads nowhere, a
    /// missing attribute), or is a WSDL 2.0 document.
    #[error("{span}: WSDL: {message}")]
    Wsdl {
        /// The offending element.
        span: Span,
        /// The rule it breaks.
        message: String,
    },
    /// A module name given for a namespace ([`crate::Config::module`], `--module`) that
    /// is not a Rust identifier a module can have.
    #[error("module name {name:?} for namespace {namespace}: {reason}")]
    ModuleName {
        /// The namespace.
        namespace: String,
        /// The name given.
        name: String,
        /// Why it cannot be used.
        reason: &'static str,
    },
    /// A valid construct that xsdgen does not handle yet.
    #[error("{span}: not supported yet: {construct}")]
    Unsupported {
        /// The construct's position.
        span: Span,
        /// What it is.
        construct: String,
    },
    /// A reference to a component no loaded schema declares.
    #[error("{span}: unknown {kind} {name}")]
    Unresolved {
        /// The reference.
        span: Span,
        /// `type`, `element`, `group`, ...
        kind: &'static str,
        /// `{namespace}local`.
        name: String,
    },
    /// A schemaLocation that is not a local file: xsdgen never fetches from the network.
    #[error(
        "{span}: remote schemaLocation {url:?} is not fetched; download it and map it to \
         the local copy: Config::map_location({url:?}, \"path/to/copy.xsd\") or \
         Config::catalog(\"catalog.xml\") in build.rs, or --map {url}=path/to/copy.xsd or \
         --catalog catalog.xml on the command line (an OASIS catalog entry: \
         <uri name=\"{url}\" uri=\"path/to/copy.xsd\"/>)"
    )]
    Remote {
        /// The include or import.
        span: Span,
        /// The location.
        url: String,
    },
    /// An XML catalog (`Config::catalog`, `--catalog`) that cannot be used.
    #[error("{span}: invalid catalog: {message}")]
    Catalog {
        /// The offending entry.
        span: Span,
        /// What is wrong.
        message: String,
    },
    /// Includes and imports nest deeper, or reach more files, than the loader allows.
    #[error("{span}: {message}")]
    Limit {
        /// The include or import that went over.
        span: Span,
        /// Which limit, and how to raise it.
        message: String,
    },
    /// The generated code could not be written.
    #[error("{}: cannot write generated code: {source}", path.display())]
    Write {
        /// The output file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
}

impl Error {
    /// The schema position the error points at, if it has one.
    pub fn span(&self) -> Option<&Span> {
        match self {
            Error::Xml { span, .. }
            | Error::Invalid { span, .. }
            | Error::Wsdl { span, .. }
            | Error::Unsupported { span, .. }
            | Error::Unresolved { span, .. }
            | Error::Remote { span, .. }
            | Error::Catalog { span, .. }
            | Error::Limit { span, .. } => Some(span),
            Error::Io { .. } | Error::Write { .. } | Error::ModuleName { .. } => None,
        }
    }
}

/// Result with the generator's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
