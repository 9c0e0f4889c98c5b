//! Compiles a `SourceTree` with protox into an `Image`, with source locations, and turns
//! protox's diagnostics into `file:line:col` errors.

use super::descriptor::build_file;
use super::editions::{self, LiftedFeature, line_col};
use super::error::ProtoError;
use super::model::{File, Locations};
use super::model::{Image, Syntax};
use super::source::SourceTree;
use miette::Diagnostic;
use protox::file::{File as ProtoxFile, FileResolver, GoogleFileResolver};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// An editions file's edition, lifted features and original text.
type Shim = (u32, Arc<Vec<LiftedFeature>>, Arc<str>);

/// What the editions shim did to a file, kept to undo it in the model.
#[derive(Default)]
struct ShimLog {
    editions: HashMap<String, Shim>,
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
        // The language feature files are part of the compiler, as in buf: a module's own copy
        // (which protox could not compile: it sets editions-only options) is not used.
        if let Some(text) = super::feature_protos::builtin(name) {
            return ProtoxFile::from_source(name, text);
        }
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
                    (shimmed.edition, Arc::new(shimmed.features), text.clone()),
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

/// Files compiled by one protox compiler. Compiling in batches bounds protox's memory (its
/// pool holds every descriptor, source text and index of a batch) and keeps every core busy;
/// the price is re-reading the few files several batches import.
const BATCH_FILES: usize = 200;

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
    let tree = Arc::new(tree);
    let log = Arc::new(Mutex::new(ShimLog::default()));
    let batches: Vec<&[String]> = targets.chunks(BATCH_FILES).collect();
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(batches.len());
    let next = AtomicUsize::new(0);
    type BatchResult = (usize, Result<Vec<File>, ProtoError>);
    let results: Mutex<Vec<BatchResult>> = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(batch) = batches.get(i) else { break };
                    let r = compile_batch(&tree, batch, &log, &display_prefix);
                    let failed = r.is_err();
                    results.lock().expect("results").push((i, r));
                    if failed {
                        // Later batches cannot change the outcome; stop early.
                        next.store(batches.len(), Ordering::Relaxed);
                    }
                }
            });
        }
    });
    let mut results = results.into_inner().expect("results");
    results.sort_by_key(|(i, _)| *i);
    // A file is a target if any batch compiled it as one; otherwise keep its first copy.
    let mut by_name: BTreeMap<String, File> = BTreeMap::new();
    for (_, r) in results {
        for file in r? {
            match by_name.get(&file.name) {
                Some(existing) if !existing.is_import || file.is_import => {}
                _ => {
                    by_name.insert(file.name.clone(), file);
                }
            }
        }
    }
    Ok(Image::new(by_name.into_values().collect()))
}

fn compile_batch(
    tree: &Arc<SourceTree>,
    batch: &[String],
    log: &Arc<Mutex<ShimLog>>,
    display_prefix: &str,
) -> Result<Vec<File>, ProtoError> {
    let resolver = TreeResolver {
        tree: tree.clone(),
        google: GoogleFileResolver::new(),
        log: log.clone(),
    };
    let mut compiler = protox::Compiler::with_file_resolver(resolver);
    compiler.include_imports(true).include_source_info(true);
    for t in batch {
        if let Err(e) = compiler.open_file(t) {
            let log = log.lock().expect("shim log");
            return Err(convert_error(&e, &log.texts, display_prefix, t));
        }
    }
    let targets: HashSet<&str> = batch.iter().map(String::as_str).collect();
    let pool = compiler.descriptor_pool();
    drop(compiler);
    let mut files = Vec::with_capacity(pool.files().len());
    for fd in pool.files() {
        let name = fd.name().to_string();
        let mut proto = fd.file_descriptor_proto().clone();
        let info = proto.source_code_info.take();
        let (shim, original) = {
            let log = log.lock().expect("shim log");
            (
                log.editions.get(&name).cloned(),
                log.texts.get(&name).cloned(),
            )
        };
        let (syntax, features) = match &shim {
            Some((edition, lifted, original)) => {
                let locs = Locations::from_info(info.as_ref());
                (
                    Some(Syntax::Editions(*edition)),
                    editions::attach(original, lifted, &locs),
                )
            }
            None => (None, HashMap::new()),
        };
        let mut file = build_file(Arc::new(proto), info.as_ref(), syntax, features);
        file.is_import = !targets.contains(name.as_str());
        file.display = format!("{display_prefix}{name}");
        file.source = original;
        files.push(file);
    }
    Ok(files)
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
