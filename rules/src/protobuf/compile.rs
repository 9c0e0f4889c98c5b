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
    let displays = tree.displays.clone();
    let shown = |name: &str| {
        displays
            .get(name)
            .cloned()
            .unwrap_or_else(|| format!("{display_prefix}{name}"))
    };
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
            return Err(convert_error(&e, &log.texts, &shown, t));
        }
    }
    let import_flags: HashMap<String, bool> = compiler
        .files()
        .map(|m| (m.name().to_string(), m.is_import()))
        .collect();
    let set = compiler.file_descriptor_set();
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
        file.display = shown(&name);
        file.source = source;
        files.push(file);
    }
    Ok(Image::new(files))
}

/// Turns a protox error into one that names the file and line:col.
fn convert_error(
    e: &protox::Error,
    texts: &HashMap<String, Arc<str>>,
    shown: &dyn Fn(&str) -> String,
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
        return clone_proto_error(inner, shown);
    }
    let file = e.file().unwrap_or(target).to_string();
    let mut message = e.to_string();
    if let Some(help) = e.help() {
        message = format!("{message} ({help})");
    }
    if message.contains("not in any include path") {
        message = format!("file '{target}' not found");
    }
    let offset = e.labels().and_then(best_label).or_else(|| {
        e.related()
            .and_then(|mut r| r.next())
            .and_then(|d| d.labels())
            .and_then(best_label)
    });
    let (line, column) = match (offset, texts.get(&file)) {
        (Some(o), Some(text)) => line_col(text, o),
        _ => (1, 1),
    };
    // prost-reflect labels an enum value in a reserved range only at the range: point at the
    // value's number instead, as for fields.
    let (line, column) = texts
        .get(&file)
        .and_then(|text| enum_value_in_reserved_range(&file, text, &message))
        .unwrap_or((line, column));
    ProtoError::Syntax {
        file: shown(&file),
        line,
        column,
        message,
    }
}

/// For "enum number 'N' conflicts with reserved range …", the 1-based line and column of the
/// number of the enum value that uses N inside one of its enum's reserved ranges.
fn enum_value_in_reserved_range(name: &str, text: &str, message: &str) -> Option<(u32, u32)> {
    let rest = message.strip_prefix("enum number '")?;
    let (number, rest) = rest.split_once('\'')?;
    if !rest.starts_with(" conflicts with reserved range") {
        return None;
    }
    let number: i32 = number.parse().ok()?;
    let parsed = ProtoxFile::from_source(
        name,
        &editions::shim(text)
            .ok()?
            .map_or_else(|| text.to_string(), |s| s.text),
    )
    .ok()?;
    let proto = parsed.file_descriptor_proto();
    // (enum, its source path) for every enum, nested ones included.
    let mut enums: Vec<(&prost_types::EnumDescriptorProto, Vec<i32>)> = proto
        .enum_type
        .iter()
        .enumerate()
        .map(|(i, e)| (e, vec![5, i as i32]))
        .collect();
    let mut messages: Vec<(&prost_types::DescriptorProto, Vec<i32>)> = proto
        .message_type
        .iter()
        .enumerate()
        .map(|(i, m)| (m, vec![4, i as i32]))
        .collect();
    while let Some((m, path)) = messages.pop() {
        for (i, e) in m.enum_type.iter().enumerate() {
            enums.push((e, [path.as_slice(), &[4, i as i32]].concat()));
        }
        for (i, n) in m.nested_type.iter().enumerate() {
            messages.push((n, [path.as_slice(), &[3, i as i32]].concat()));
        }
    }
    let info = proto.source_code_info.as_ref()?;
    for (e, path) in enums {
        let reserved = e
            .reserved_range
            .iter()
            .any(|r| r.start() <= number && number <= r.end());
        if !reserved {
            continue;
        }
        if let Some(i) = e.value.iter().position(|v| v.number() == number) {
            let want = [path.as_slice(), &[2, i as i32, 2]].concat();
            let loc = info.location.iter().find(|l| l.path == want)?;
            return Some((*loc.span.first()? as u32 + 1, *loc.span.get(1)? as u32 + 1));
        }
    }
    None
}

/// The offset of the label that points at the offending element: a duplicate's second
/// definition ("defined again here") or the element itself ("defined here", "found here")
/// rather than what it clashes with (the first definition, the reserved range).
fn best_label(labels: impl Iterator<Item = miette::LabeledSpan>) -> Option<usize> {
    let labels: Vec<miette::LabeledSpan> = labels.collect();
    let rank = |l: &miette::LabeledSpan| match l.label() {
        Some("defined again here") => 0,
        Some("defined here" | "found here") => 1,
        _ => 2,
    };
    labels.iter().min_by_key(|l| rank(l)).map(|l| l.offset())
}

fn clone_proto_error(e: &ProtoError, shown: &dyn Fn(&str) -> String) -> ProtoError {
    match e {
        ProtoError::Syntax {
            file,
            line,
            column,
            message,
        } => ProtoError::Syntax {
            file: shown(file),
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
