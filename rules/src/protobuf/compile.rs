//! Compiles a `SourceTree` with protox into an `Image`, with source locations, and turns
//! protox's diagnostics into `file:line:col` errors.

use super::descriptor::build_file;
use super::editions::{self, LiftedFeature, line_col};
use super::error::ProtoError;
use super::model::{Image, Syntax};
use super::source::SourceTree;
use miette::Diagnostic;
use protox::file::{File as ProtoxFile, FileResolver, GoogleFileResolver};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// What the editions shim did to a file, kept to undo it in the model.
#[derive(Default)]
struct ShimLog {
    editions: HashMap<String, (u32, Vec<LiftedFeature>, Arc<str>)>,
    /// Original text of every file served, for error positions and carets.
    texts: HashMap<String, Arc<str>>,
}

struct TreeResolver {
    tree: Arc<SourceTree>,
    google: GoogleFileResolver,
    log: Arc<Mutex<ShimLog>>,
}

impl TreeResolver {
    fn text_for(&self, name: &str) -> Option<Result<Arc<str>, ProtoError>> {
        if let Some(t) = self.tree.files.get(name) {
            return Some(Ok(t.clone()));
        }
        for inc in &self.tree.includes {
            let p = inc.join(name);
            if p.is_file() {
                return Some(super::source::read_text(&p, &p.to_string_lossy()));
            }
        }
        None
    }
}

impl FileResolver for TreeResolver {
    fn open_file(&self, name: &str) -> Result<ProtoxFile, protox::Error> {
        let text = match self.text_for(name) {
            Some(Ok(t)) => t,
            Some(Err(e)) => return Err(protox::Error::new(e)),
            None => return self.google.open_file(name),
        };
        let mut log = self.log.lock().expect("shim log");
        log.texts.insert(name.to_string(), text.clone());
        match editions::shim(&text) {
            Ok(None) => ProtoxFile::from_source(name, &text),
            Ok(Some(shimmed)) => {
                log.editions.insert(
                    name.to_string(),
                    (shimmed.edition, shimmed.features, text.clone()),
                );
                ProtoxFile::from_source(name, &shimmed.text)
            }
            Err(message) => {
                let (line, column) = text
                    .find("edition")
                    .map(|o| line_col(&text, o))
                    .unwrap_or((1, 1));
                Err(protox::Error::new(ProtoError::Syntax {
                    file: name.to_string(),
                    line,
                    column,
                    message,
                }))
            }
        }
    }
}

/// Compiles every target of the tree (and what they import) into an image.
pub fn compile(tree: SourceTree) -> Result<Image, ProtoError> {
    let display_prefix = tree.display_prefix.clone();
    let targets = tree.targets.clone();
    if targets.is_empty() {
        return Err(ProtoError::Empty {
            path: if display_prefix.is_empty() {
                ".".into()
            } else {
                display_prefix.trim_end_matches('/').to_string()
            },
        });
    }
    let displays = tree.displays.clone();
    let modules = tree.modules.clone();
    let tree = Arc::new(tree);
    let log = Arc::new(Mutex::new(ShimLog::default()));
    let resolver = TreeResolver {
        tree: tree.clone(),
        google: GoogleFileResolver::new(),
        log: log.clone(),
    };
    let mut compiler = protox::Compiler::with_file_resolver(resolver);
    compiler.include_imports(true).include_source_info(true);
    for t in &targets {
        if let Err(e) = compiler.open_file(t) {
            let log = log.lock().expect("shim log");
            return Err(convert_error(&e, &log.texts, &display_prefix, t));
        }
    }
    let import_flags: HashMap<String, bool> = compiler
        .files()
        .map(|m| (m.name().to_string(), m.is_import()))
        .collect();
    let set = compiler.file_descriptor_set();
    let pool = compiler.descriptor_pool();
    drop(compiler);
    let mut log = Arc::try_unwrap(log)
        .map(|m| m.into_inner().expect("shim log"))
        .unwrap_or_default();
    let mut files = Vec::with_capacity(set.file.len());
    for proto in set.file {
        let name = proto.name().to_string();
        let proto = Arc::new(proto);
        let shim = log.editions.remove(&name);
        let (syntax, features, source) = match shim {
            Some((edition, lifted, original)) => {
                let model0 = build_file(proto.clone(), None, HashMap::new());
                let locs: HashMap<_, _> = model0
                    .locations()
                    .map(|(p, l)| (p.clone(), l.clone()))
                    .collect();
                let features = editions::attach(&original, &lifted, &locs);
                (Some(Syntax::Editions(edition)), features, Some(original))
            }
            None => (None, HashMap::new(), log.texts.get(&name).cloned()),
        };
        let mut file = build_file(proto, syntax, features);
        file.is_import = import_flags.get(&name).copied().unwrap_or(true);
        file.display = displays
            .get(&name)
            .cloned()
            .unwrap_or_else(|| format!("{display_prefix}{name}"));
        file.source = source;
        files.push(file);
    }
    Ok(Image::new(files)
        .with_pool(Some(pool))
        .with_modules(modules))
}

/// Turns a protox error into one that names the file and line:col.
fn convert_error(
    e: &protox::Error,
    texts: &HashMap<String, Arc<str>>,
    prefix: &str,
    target: &str,
) -> ProtoError {
    // Our own errors (size, UTF-8, shim) pass through unchanged.
    if let Some(inner) = std::error::Error::source(e)
        .and_then(|s| s.downcast_ref::<ProtoError>())
        .or_else(|| {
            let dyn_e: &(dyn std::error::Error + 'static) = e;
            dyn_e.downcast_ref::<ProtoError>()
        })
    {
        return clone_proto_error(inner, prefix);
    }
    let file = e.file().unwrap_or(target).to_string();
    let mut message = e.to_string();
    if let Some(help) = e.help() {
        message = format!("{message} ({help})");
    }
    if message.contains("not in any include path") {
        message = format!("file '{target}' not found");
    }
    let offset = e
        .labels()
        .and_then(|mut l| l.next())
        .map(|l| l.offset())
        .or_else(|| {
            e.related()
                .and_then(|mut r| r.next())
                .and_then(|d| d.labels())
                .and_then(|mut l| l.next())
                .map(|l| l.offset())
        });
    let (line, column) = match (offset, texts.get(&file)) {
        (Some(o), Some(text)) => line_col(text, o),
        _ => (1, 1),
    };
    ProtoError::Syntax {
        file: format!("{prefix}{file}"),
        line,
        column,
        message,
    }
}

fn clone_proto_error(e: &ProtoError, prefix: &str) -> ProtoError {
    match e {
        ProtoError::Syntax {
            file,
            line,
            column,
            message,
        } => ProtoError::Syntax {
            file: format!("{prefix}{file}"),
            line: *line,
            column: *column,
            message: message.clone(),
        },
        other => ProtoError::Invalid {
            file: other.file().unwrap_or_default().to_string(),
            message: other.to_string(),
        },
    }
}
