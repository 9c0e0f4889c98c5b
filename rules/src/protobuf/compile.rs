//! Compiles a `SourceTree` with protox into an `Image`, with source locations, and turns
//! protox's diagnostics into `file:line:col` errors.

use super::descriptor::build_file;
use super::editions::{self, LiftedFeature, line_col};
use super::error::ProtoError;
use super::model::{File, Locations};
use super::model::{Image, Syntax};
use super::option_locations::{self, Held};
use super::source::SourceTree;
use miette::Diagnostic;
use prost_types::FileDescriptorProto;
use protox::file::{File as ProtoxFile, FileResolver, GoogleFileResolver};
use std::collections::hash_map::Entry;
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
    shared: Arc<Shared>,
    /// The batch's own targets: always compiled from source, since their model needs the
    /// source info an already compiled copy does not carry.
    batch: HashSet<String>,
    /// When set, the pool gets only the source locations option resolution moves, and the
    /// rest of each parsed file's are kept here (see `option_locations`). The pool's errors
    /// then lack positions, so a batch that fails is compiled again without this.
    held: Option<Arc<Mutex<HashMap<String, Held>>>>,
}

/// What batches share so that a file imported by many of them is parsed and modelled once.
#[derive(Default)]
struct Shared {
    /// Every target of the input, whichever batch compiles it.
    targets: HashSet<String>,
    /// Files some batch has compiled, encoded without source info. Another batch that
    /// imports one decodes it instead of parsing it again: on googleapis the batches import
    /// 13,000 files for 7,200 targets.
    compiled: Mutex<HashMap<String, Arc<[u8]>>>,
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

impl TreeResolver {
    /// Parses `text` (the file `name`, shimmed if it uses editions) for the pool.
    fn parse(&self, name: &str, text: &str) -> Result<ProtoxFile, protox::Error> {
        let Some(held) = &self.held else {
            return ProtoxFile::from_source(name, text).map(adjust);
        };
        let Ok(mut proto) = protox_parse::parse(name, text) else {
            // The same parse again, for protox's own error with its labels.
            return ProtoxFile::from_source(name, text);
        };
        adjust_proto(&mut proto);
        if let Some(info) = proto.source_code_info.take() {
            let (to_pool, rest) = option_locations::split(info);
            proto.source_code_info = Some(to_pool);
            held.lock()
                .expect("held locations")
                .insert(name.to_string(), rest);
        }
        Ok(ProtoxFile::from_file_descriptor_proto(proto))
    }
}

impl FileResolver for TreeResolver {
    fn open_file(&self, name: &str) -> Result<ProtoxFile, protox::Error> {
        // The language feature files are part of the compiler, as in buf: a module's own copy
        // (which protox could not compile: it sets editions-only options) is not used.
        if let Some(text) = super::feature_protos::builtin(name) {
            return ProtoxFile::from_source(name, text);
        }
        if !self.batch.contains(name) {
            let compiled = self
                .shared
                .compiled
                .lock()
                .expect("compiled files")
                .get(name)
                .cloned();
            if let Some(bytes) = compiled {
                return ProtoxFile::decode_file_descriptor_proto(&bytes[..])
                    .map_err(protox::Error::new);
            }
        }
        let text = match self.text_for(name) {
            Some(Ok(t)) => t,
            Some(Err(e)) => return Err(protox::Error::new(e)),
            None => return self.google.open_file(name),
        };
        self.log
            .lock()
            .expect("shim log")
            .texts
            .insert(name.to_string(), text.clone());
        match editions::shim(&text) {
            Ok(None) => self.parse(name, &text),
            Ok(Some(shimmed)) => {
                self.log.lock().expect("shim log").editions.insert(
                    name.to_string(),
                    (shimmed.edition, Arc::new(shimmed.features), text.clone()),
                );
                self.parse(name, &shimmed.text)
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
    let modules = tree.modules.clone();
    let tree = Arc::new(tree);
    let log = Arc::new(Mutex::new(ShimLog::default()));
    let shared = Arc::new(Shared {
        targets: targets.iter().cloned().collect(),
        compiled: Default::default(),
    });
    let batches: Vec<&[String]> = targets.chunks(BATCH_FILES).collect();
    type BatchResult = (usize, Result<Vec<File>, ProtoError>);
    let results: Mutex<Vec<BatchResult>> = Mutex::new(Vec::new());
    if batches.len() == 1 {
        // One batch (every registry schema, most CLI runs): no thread to start, and no
        // core count to look up (reading cgroup files) — a tenth of the broker's time
        // under registration load.
        let r = compile_batch(&tree, batches[0], &log, &shared, &shown);
        results.lock().expect("results").push((0, r));
    } else {
        let workers = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .min(batches.len());
        let next = AtomicUsize::new(0);
        std::thread::scope(|s| {
            for _ in 0..workers {
                s.spawn(|| {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(batch) = batches.get(i) else { break };
                        let r = compile_batch(&tree, batch, &log, &shared, &shown);
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
    }
    let mut results = results.into_inner().expect("results");
    results.sort_by_key(|(i, _)| *i);
    // Each file comes from exactly one batch: a target from its own, an import from the
    // first batch that compiled it.
    let mut by_name: BTreeMap<String, File> = BTreeMap::new();
    for (_, r) in results {
        for file in r? {
            by_name.insert(file.name.clone(), file);
        }
    }
    Ok(Image::new(by_name.into_values().collect()).with_modules(modules))
}

fn compile_batch(
    tree: &Arc<SourceTree>,
    batch: &[String],
    log: &Arc<Mutex<ShimLog>>,
    shared: &Arc<Shared>,
    shown: &(dyn Fn(&str) -> String + Sync),
) -> Result<Vec<File>, ProtoError> {
    // A batch that fails publishes nothing (that comes after every file compiled), so it can
    // run again, with every location in the pool for the error's position.
    compile_batch_with(tree, batch, log, shared, shown, true)
        .or_else(|_| compile_batch_with(tree, batch, log, shared, shown, false))
}

fn compile_batch_with(
    tree: &Arc<SourceTree>,
    batch: &[String],
    log: &Arc<Mutex<ShimLog>>,
    shared: &Arc<Shared>,
    shown: &(dyn Fn(&str) -> String + Sync),
    hold_locations: bool,
) -> Result<Vec<File>, ProtoError> {
    let held = hold_locations.then(Arc::default);
    let resolver = TreeResolver {
        tree: tree.clone(),
        google: GoogleFileResolver::new(),
        log: log.clone(),
        shared: shared.clone(),
        batch: batch.iter().cloned().collect(),
        held: held.clone(),
    };
    let mut compiler = protox::Compiler::with_file_resolver(resolver);
    compiler.include_imports(true).include_source_info(true);
    for t in batch {
        if let Err(e) = compiler.open_file(t) {
            let log = log.lock().expect("shim log");
            return Err(convert_error(&e, &log.texts, shown, t));
        }
    }
    let targets: HashSet<&str> = batch.iter().map(String::as_str).collect();
    let pool = compiler.descriptor_pool();
    drop(compiler);
    let mut held: HashMap<String, Held> = held
        .map(|h| std::mem::take(&mut *h.lock().expect("held locations")))
        .unwrap_or_default();
    let mut files = Vec::with_capacity(pool.files().len());
    for fd in pool.files() {
        let name = fd.name().to_string();
        let is_import = !targets.contains(name.as_str());
        // Every batch publishes what it compiled for the others to import. Another batch's
        // target is modelled by that batch; any other import by the batch that publishes it.
        let published = shared
            .compiled
            .lock()
            .expect("compiled files")
            .contains_key(&name);
        if is_import && published {
            continue;
        }
        let encoded: Arc<[u8]> =
            super::wire::without_field(&fd.encode_to_vec(), super::image::SOURCE_CODE_INFO).into();
        let claimed = match shared
            .compiled
            .lock()
            .expect("compiled files")
            .entry(name.clone())
        {
            Entry::Occupied(_) => false,
            Entry::Vacant(v) => {
                v.insert(encoded.clone());
                true
            }
        };
        if is_import && (!claimed || shared.targets.contains(&name)) {
            continue;
        }
        let full = fd.file_descriptor_proto();
        let merged = held
            .remove(&name)
            .map(|h| option_locations::merge(h, full.source_code_info.as_ref()));
        let info = merged.as_ref().or(full.source_code_info.as_ref());
        let mut proto = without_source_info(full);
        // The reflection pool (`encoded`, used for options) keeps the stand-in JSON names;
        // the model and written images get the real ones.
        restore_json_names(&mut proto.message_type);
        let (shim, original) = {
            let log = log.lock().expect("shim log");
            (
                log.editions.get(&name).cloned(),
                log.texts.get(&name).cloned(),
            )
        };
        // An editions file reaches protox rewritten as proto3; only a real one is checked.
        if shim.is_none() {
            super::proto3::check(full, &shown(&name))?;
        }
        let (syntax, features) = match &shim {
            Some((edition, lifted, original)) => {
                let locs = Locations::from_info(info);
                (
                    Some(Syntax::Editions(*edition)),
                    editions::attach(original, lifted, &locs),
                )
            }
            None => (None, HashMap::new()),
        };
        let mut file = build_file(Arc::new(proto), info, syntax, features);
        file.is_import = is_import;
        file.display = shown(&name);
        file.source = original;
        file.encoded = Some(encoded);
        files.push(file);
    }
    Ok(files)
}

/// A copy of `proto` without its source info, which the model keeps in its own compact form:
/// cloning it whole copied every location and comment of googleapis once more.
fn without_source_info(proto: &FileDescriptorProto) -> FileDescriptorProto {
    FileDescriptorProto {
        name: proto.name.clone(),
        package: proto.package.clone(),
        dependency: proto.dependency.clone(),
        public_dependency: proto.public_dependency.clone(),
        weak_dependency: proto.weak_dependency.clone(),
        message_type: proto.message_type.clone(),
        enum_type: proto.enum_type.clone(),
        service: proto.service.clone(),
        extension: proto.extension.clone(),
        options: proto.options.clone(),
        source_code_info: None,
        syntax: proto.syntax.clone(),
    }
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

/// Where protox refuses what protoc accepts, the parsed file is adjusted before protox
/// builds it (files needing neither are returned as they are: rebuilding one drops the source
/// text protox keeps for its error labels; accord locates errors from its own copy).
///
/// - protoc reads the identifiers `inf` and `nan` as values of float and double options;
///   prost-reflect takes only numbers there. Such an option also gets the number, keeping
///   the identifier for options of other types (an enum value named `nan`).
/// - In proto2 files protoc only warns when a field's default JSON name collides with another
///   field's JSON name (it refuses two colliding custom `json_name`s); prost-reflect refuses
///   both. Each such field gets a stand-in `json_name`, which [`restore_json_names`] undoes.
fn adjust(file: ProtoxFile) -> ProtoxFile {
    let mut proto = file.file_descriptor_proto().clone();
    if !adjust_proto(&mut proto) {
        return file;
    }
    ProtoxFile::from_file_descriptor_proto(proto)
}

/// [`adjust`] on a parsed file of one's own; whether anything changed.
fn adjust_proto(proto: &mut FileDescriptorProto) -> bool {
    let floats = patch_file(proto);
    let proto2 = proto.syntax.as_deref().is_none_or(|s| s == "proto2");
    let mut json = false;
    if proto2 {
        // Every message, not only up to the first that changes.
        for m in &mut proto.message_type {
            json |= stand_in_json_names_all(m);
        }
    }
    floats || json
}

/// Marks a stand-in JSON name: the field's default JSON name, this, and its number (no
/// proto identifier or default JSON name contains it).
const STAND_IN: char = '\u{1}';

/// [`stand_in_json_names`] for a message and its nested messages; whether any changed.
fn stand_in_json_names_all(m: &mut prost_types::DescriptorProto) -> bool {
    let mut changed = stand_in_json_names(m);
    for n in &mut m.nested_type {
        changed |= stand_in_json_names_all(n);
    }
    changed
}

/// Gives the fields of `m` whose default JSON name collides a unique stand-in.
fn stand_in_json_names(m: &mut prost_types::DescriptorProto) -> bool {
    let effective = |f: &prost_types::FieldDescriptorProto| {
        f.json_name
            .clone()
            .unwrap_or_else(|| super::descriptor::default_json_name(f.name()))
    };
    let names: Vec<String> = m.field.iter().map(effective).collect();
    let mut changed = false;
    for (i, f) in m.field.iter_mut().enumerate() {
        let collides = names
            .iter()
            .enumerate()
            .any(|(j, n)| j != i && *n == names[i]);
        if collides && f.json_name.is_none() {
            f.json_name = Some(format!("{}{STAND_IN}{}", names[i], f.number()));
            changed = true;
        }
    }
    changed
}

/// Puts back the default JSON names [`stand_in_json_names`] replaced.
fn restore_json_names(messages: &mut [prost_types::DescriptorProto]) {
    for m in messages {
        for f in &mut m.field {
            if f.json_name.as_deref().is_some_and(|j| j.contains(STAND_IN)) {
                f.json_name = Some(super::descriptor::default_json_name(f.name()));
            }
        }
        restore_json_names(&mut m.nested_type);
    }
}

fn patch_options(options: &mut [prost_types::UninterpretedOption]) -> bool {
    let mut changed = false;
    for o in options {
        let value = match o.identifier_value.as_deref() {
            Some("inf") => f64::INFINITY,
            Some("nan") => f64::NAN,
            _ => continue,
        };
        if o.double_value.is_none() {
            o.double_value = Some(value);
            changed = true;
        }
    }
    changed
}

fn patch_file(f: &mut prost_types::FileDescriptorProto) -> bool {
    let mut changed = false;
    if let Some(o) = &mut f.options {
        changed |= patch_options(&mut o.uninterpreted_option);
    }
    for m in &mut f.message_type {
        changed |= patch_message(m);
    }
    for e in &mut f.enum_type {
        changed |= patch_enum(e);
    }
    for x in &mut f.extension {
        changed |= patch_field(x);
    }
    for s in &mut f.service {
        if let Some(o) = &mut s.options {
            changed |= patch_options(&mut o.uninterpreted_option);
        }
        for m in &mut s.method {
            if let Some(o) = &mut m.options {
                changed |= patch_options(&mut o.uninterpreted_option);
            }
        }
    }
    changed
}

fn patch_field(f: &mut prost_types::FieldDescriptorProto) -> bool {
    f.options
        .as_mut()
        .is_some_and(|o| patch_options(&mut o.uninterpreted_option))
}

fn patch_enum(e: &mut prost_types::EnumDescriptorProto) -> bool {
    let mut changed = e
        .options
        .as_mut()
        .is_some_and(|o| patch_options(&mut o.uninterpreted_option));
    for v in &mut e.value {
        if let Some(o) = &mut v.options {
            changed |= patch_options(&mut o.uninterpreted_option);
        }
    }
    changed
}

fn patch_message(m: &mut prost_types::DescriptorProto) -> bool {
    let mut changed = m
        .options
        .as_mut()
        .is_some_and(|o| patch_options(&mut o.uninterpreted_option));
    for f in m.field.iter_mut().chain(m.extension.iter_mut()) {
        changed |= patch_field(f);
    }
    for o in &mut m.oneof_decl {
        if let Some(o) = &mut o.options {
            changed |= patch_options(&mut o.uninterpreted_option);
        }
    }
    for r in &mut m.extension_range {
        if let Some(o) = &mut r.options {
            changed |= patch_options(&mut o.uninterpreted_option);
        }
    }
    for n in &mut m.nested_type {
        changed |= patch_message(n);
    }
    for e in &mut m.enum_type {
        changed |= patch_enum(e);
    }
    changed
}
