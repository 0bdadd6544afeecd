//! The `xsdgen` command line.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{
    self,
    termcolor::{ColorChoice, StandardStream},
};

#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Generate Rust types with strict XML readers and writers from XML Schema (XSD 1.0),
/// or from the schemas of a WSDL 1.1 document.
#[derive(Parser)]
#[command(name = "xsdgen", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate Rust code: one file per namespace module plus mod.rs, written into --out.
    ///
    /// Example: xsdgen generate schemas/um/um-messages.xsd --out src/generated
    Generate {
        /// Root schema files (or WSDL 1.1 documents); their includes and imports are read
        /// from them.
        #[arg(required = true)]
        schemas: Vec<PathBuf>,
        /// Output folder (created if missing).
        #[arg(long)]
        out: PathBuf,
        /// Module name for a namespace, as NAMESPACE=NAME (repeatable).
        #[arg(long = "module", value_name = "NAMESPACE=NAME")]
        modules: Vec<String>,
        /// A local copy of a remote schemaLocation, as URL=PATH (repeatable); remote
        /// locations are never fetched.
        #[arg(long = "map", value_name = "URL=PATH")]
        maps: Vec<String>,
        /// An OASIS XML catalog mapping schema locations and namespaces to local files
        /// (repeatable; consulted in order, after --map).
        #[arg(long = "catalog", value_name = "FILE")]
        catalogs: Vec<PathBuf>,
        /// No SOAP client per WSDL binding (the types alone; rpc or encoded bindings,
        /// which get no client, are then no error).
        #[arg(long = "no-clients")]
        no_clients: bool,
    },
    /// Check that schemas load and can be generated; print a summary or the problems.
    ///
    /// Example: xsdgen check schemas/um/um-messages.xsd, or xsdgen check services.wsdl
    Check {
        /// Root schema files (or WSDL 1.1 documents).
        #[arg(required = true)]
        schemas: Vec<PathBuf>,
        /// A local copy of a remote schemaLocation, as URL=PATH (repeatable).
        #[arg(long = "map", value_name = "URL=PATH")]
        maps: Vec<String>,
        /// An OASIS XML catalog mapping schema locations and namespaces to local files
        /// (repeatable; consulted in order, after --map).
        #[arg(long = "catalog", value_name = "FILE")]
        catalogs: Vec<PathBuf>,
    },
}

fn config(
    schemas: &[PathBuf],
    modules: &[String],
    maps: &[String],
    catalogs: &[PathBuf],
) -> Result<xsdgen::Config, String> {
    let mut config = xsdgen::Config::new();
    for s in schemas {
        config = config.schema(s);
    }
    for c in catalogs {
        config = config.catalog(c);
    }
    for m in maps {
        // The URL has colons of its own: split at the last `=`.
        let (url, path) = m
            .rsplit_once('=')
            .ok_or_else(|| format!("--map {m:?}: expected URL=PATH"))?;
        config = config.map_location(url, path);
    }
    for m in modules {
        let (ns, name) = m
            .rsplit_once('=')
            .ok_or_else(|| format!("--module {m:?}: expected NAMESPACE=NAME"))?;
        config = config.module(ns, name);
    }
    Ok(config)
}

/// Prints an error with the schema line it points at.
fn report(err: &xsdgen::Error) {
    let color = if std::io::stderr().is_terminal() {
        ColorChoice::Auto
    } else {
        ColorChoice::Never
    };
    let writer = StandardStream::stderr(color);
    let render_config = term::Config::default();
    if let Some(span) = err.span() {
        if let Ok(text) = std::fs::read_to_string(&span.file) {
            let mut files = SimpleFiles::new();
            let id = files.add(span.file.display().to_string(), text.clone());
            let offset = line_column_offset(&text, span.line, span.column);
            let message = err.to_string();
            let short = message
                .splitn(4, ':')
                .nth(3)
                .unwrap_or(&message)
                .trim()
                .to_string();
            let diagnostic = Diagnostic::error()
                .with_message(short)
                .with_labels(vec![Label::primary(id, offset..offset)]);
            if term::emit(&mut writer.lock(), &render_config, &files, &diagnostic).is_ok() {
                return;
            }
        }
    }
    eprintln!("error: {err}");
}

fn line_column_offset(text: &str, line: u32, column: u32) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1) as usize)
        .map(str::len)
        .sum();
    let line_text = text[start..].lines().next().unwrap_or("");
    let col: usize = line_text
        .chars()
        .take(column.saturating_sub(1) as usize)
        .map(char::len_utf8)
        .sum();
    (start + col).min(text.len())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Generate {
            schemas,
            out,
            modules,
            maps,
            catalogs,
            no_clients,
        } => match config(schemas, modules, maps, catalogs) {
            Ok(c) => c.clients(!no_clients).generate_to_dir(out).map(|g| {
                let clients = g.services.bindings.iter().filter(|b| b.soap.is_some());
                let clients = match (no_clients, clients.count()) {
                    (false, n) if n > 0 => format!(" and {n} SOAP client(s)"),
                    _ => String::new(),
                };
                println!(
                    "wrote {} module(s){clients} from {} schema file(s) to {}",
                    g.modules.len(),
                    g.files.len(),
                    out.display()
                );
                for note in &g.notes {
                    eprintln!("note: {note}");
                }
            }),
            Err(usage) => {
                eprintln!("error: {usage}");
                return ExitCode::from(2);
            }
        },
        Command::Check {
            schemas,
            maps,
            catalogs,
        } => match config(schemas, &[], maps, catalogs) {
            Ok(c) => c.check_wsdl().map(|(model, plan, files, services)| {
                let wsdl = if services.is_empty() {
                    String::new()
                } else {
                    format!(
                        "; WSDL: {} service(s), {} binding(s), {} port type(s) with {} operation(s), {} message(s)",
                        services.services.len(),
                        services.bindings.len(),
                        services.port_types.len(),
                        services.operations().count(),
                        services.messages.len()
                    )
                };
                println!(
                    "ok: {} file(s), {} global element(s), {} complex and {} simple type(s), {} module(s){wsdl}",
                    files.len(),
                    model.elements.len(),
                    model.complex_types.len(),
                    model.simple_types.len(),
                    plan.modules.len()
                );
            }),
            Err(usage) => {
                eprintln!("error: {usage}");
                return ExitCode::from(2);
            }
        },
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            report(&e);
            ExitCode::FAILURE
        }
    }
}
