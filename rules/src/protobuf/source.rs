//! Where `.proto` text comes from: a file, a directory (with buf.yaml modules), or a git
//! revision read straight from the object store. Every input becomes a `SourceTree` of
//! import-path → text, so compiling never cares where the bytes were.

use super::bufyaml::BufYaml;
use super::error::ProtoError;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;

/// Source files by import path, plus which of them are the input's targets.
#[derive(Debug, Default, Clone)]
pub struct SourceTree {
    /// Every readable file under the roots (targets and importable neighbours).
    pub files: BTreeMap<String, Arc<str>>,
    /// Import paths of the files the input names (excludes applied).
    pub targets: Vec<String>,
    /// Prefix that turns an import path into the path a user sees (`protos/`).
    pub display_prefix: String,
    /// The buf.yaml found at the input's root, if any.
    pub buf_yaml: Option<BufYaml>,
    /// Extra include directories (`-I`), searched for imports only.
    pub includes: Vec<PathBuf>,
    /// The path shown for a file when it is not `display_prefix` + import path (files of a
    /// buf.yaml module: `ws/proto/a.proto` for import path `a.proto`).
    pub displays: BTreeMap<String, String>,
    /// Paths that `ignore` / `ignore_only` match, when not the import path: a v2 buf.yaml
    /// names files relative to the workspace, module directory included (`proto/a.proto`).
    pub ignore_paths: BTreeMap<String, String>,
    /// The module directory (relative to the input, `""` for the input itself) of each file.
    pub modules: BTreeMap<String, String>,
}

/// Files larger than this are refused before parsing: no hand-written schema is this big, and
/// compiling costs about 150 times the file's size in memory (a valid 50 MB file took 7.7 GB),
/// so the limit keeps a stray generated or binary file from exhausting memory.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

fn skip_dir(name: &str) -> bool {
    name.starts_with('.') || name == "node_modules" || name == "target"
}

fn walk(dir: &Path, base: &Path, out: &mut Vec<String>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        let ft = e.file_type()?;
        if ft.is_dir() {
            if !skip_dir(&name) {
                walk(&e.path(), base, out)?;
            }
        } else if name.ends_with(".proto") {
            let rel = e
                .path()
                .strip_prefix(base)
                .unwrap_or(&e.path())
                .to_path_buf();
            out.push(to_slash(&rel));
        }
    }
    Ok(())
}

fn to_slash(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

pub(crate) fn read_text(path: &Path, display: &str) -> Result<Arc<str>, ProtoError> {
    let meta = std::fs::metadata(path).map_err(|e| ProtoError::io(display, e))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(ProtoError::TooLarge {
            file: display.to_string(),
            bytes: meta.len(),
        });
    }
    let bytes = std::fs::read(path).map_err(|e| ProtoError::io(display, e))?;
    text_of(bytes, display)
}

fn text_of(bytes: Vec<u8>, display: &str) -> Result<Arc<str>, ProtoError> {
    String::from_utf8(bytes)
        .map(Arc::from)
        .map_err(|e| ProtoError::NotText {
            file: display.to_string(),
            offset: e.utf8_error().valid_up_to(),
        })
}

fn display_prefix_of(dir: &Path) -> String {
    let s = to_slash(dir);
    if s.is_empty() || s == "." {
        String::new()
    } else {
        format!("{}/", s.trim_end_matches('/'))
    }
}

impl SourceTree {
    /// A directory: its buf.yaml modules (or the directory itself) are the roots.
    pub fn from_dir(dir: &Path, includes: &[PathBuf]) -> Result<SourceTree, ProtoError> {
        let buf_yaml = BufYaml::find_in(dir)?;
        let modules = buf_yaml
            .as_ref()
            .map(|b| b.module_dirs())
            .unwrap_or_else(|| vec![(String::new(), Vec::new())]);
        let mut tree = SourceTree {
            display_prefix: display_prefix_of(dir),
            buf_yaml,
            includes: includes.to_vec(),
            ..SourceTree::default()
        };
        for (module, excludes) in modules {
            let root = if module.is_empty() {
                dir.to_path_buf()
            } else {
                dir.join(&module)
            };
            let mut names = Vec::new();
            walk(&root, &root, &mut names).map_err(|e| ProtoError::io(&to_slash(&root), e))?;
            // Read on every core (a tenth of a second of googleapis' 9,000 files, between
            // the walk and the compile); the first unreadable file in walk order is reported.
            let prefix = display_prefix_of(&root);
            let parallel = names.len() >= crate::par::MIN_FILES;
            let read = crate::par::map(names, parallel, |name| {
                let shown = format!("{prefix}{name}");
                let text = read_text(&root.join(&name), &shown);
                (name, shown, text)
            });
            for (name, shown, text) in read {
                let text = text?;
                let module_rel = if module.is_empty() {
                    name.clone()
                } else {
                    format!("{module}/{name}")
                };
                let excluded = excludes
                    .iter()
                    .any(|ex| module_rel == *ex || module_rel.starts_with(&format!("{ex}/")));
                if !excluded {
                    tree.targets.push(name.clone());
                }
                if !module.is_empty() {
                    tree.displays.insert(name.clone(), shown);
                    if tree.buf_yaml.as_ref().is_some_and(BufYaml::is_v2) {
                        tree.ignore_paths.insert(name.clone(), module_rel.clone());
                    }
                }
                tree.modules.insert(name.clone(), module.clone());
                tree.files.insert(name, text);
            }
            if !module.is_empty() && tree.display_prefix.is_empty() {
                tree.display_prefix = format!("{module}/");
            }
        }
        Ok(tree)
    }

    /// One `.proto` file: its directory (or the `-I` root that holds it) is the root.
    pub fn from_file(file: &Path, includes: &[PathBuf]) -> Result<SourceTree, ProtoError> {
        let display = to_slash(file);
        let (root, name) = includes
            .iter()
            .find_map(|inc| {
                file.strip_prefix(inc)
                    .ok()
                    .map(|rel| (inc.clone(), to_slash(rel)))
            })
            .unwrap_or_else(|| {
                let parent = file.parent().unwrap_or(Path::new("")).to_path_buf();
                let name = file
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                (parent, name)
            });
        let text = read_text(file, &display)?;
        let mut tree = SourceTree {
            display_prefix: display_prefix_of(&root),
            includes: std::iter::once(root.clone())
                .chain(includes.iter().cloned())
                .collect(),
            ..SourceTree::default()
        };
        tree.targets.push(name.clone());
        tree.files.insert(name, text);
        Ok(tree)
    }

    /// A git revision (`main`, `HEAD~1`, a tag), optionally a subdirectory of it, read from
    /// the repository at `repo` without touching the working tree.
    pub fn from_git(repo: &Path, rev: &str, subdir: &str) -> Result<SourceTree, ProtoError> {
        let subdir = subdir.trim_matches('/');
        let git_err = |message: String| ProtoError::Git {
            rev: rev.to_string(),
            message,
        };
        let mut ls = Command::new("git");
        ls.arg("-C")
            .arg(repo)
            .args(["ls-tree", "-r", "-z", "--full-tree", rev]);
        if !subdir.is_empty() {
            ls.arg("--").arg(subdir);
        }
        let out = ls
            .output()
            .map_err(|e| git_err(format!("cannot run git: {e}")))?;
        if !out.status.success() {
            return Err(git_err(
                String::from_utf8_lossy(&out.stderr).trim().to_string(),
            ));
        }
        // Entries: "<mode> blob <oid>\t<path>\0".
        let mut blobs: Vec<(String, String)> = Vec::new();
        for entry in out.stdout.split(|&b| b == 0).filter(|e| !e.is_empty()) {
            let entry = String::from_utf8_lossy(entry);
            let Some((meta, path)) = entry.split_once('\t') else {
                continue;
            };
            let mut parts = meta.split(' ');
            let (_, kind, oid) = (parts.next(), parts.next(), parts.next());
            if kind != Some("blob") {
                continue;
            }
            let rel = if subdir.is_empty() {
                path.to_string()
            } else if let Some(r) = path.strip_prefix(&format!("{subdir}/")) {
                r.to_string()
            } else {
                continue;
            };
            let wanted = rel.ends_with(".proto") || rel == "buf.yaml";
            if wanted && !rel.split('/').any(skip_dir) {
                blobs.push((rel, oid.unwrap_or_default().to_string()));
            }
        }
        let contents = cat_blobs(repo, &blobs).map_err(|e| git_err(e.to_string()))?;
        let prefix = if subdir.is_empty() {
            format!("{rev}:")
        } else {
            format!("{rev}:{subdir}/")
        };
        let mut tree = SourceTree {
            display_prefix: prefix.clone(),
            ..SourceTree::default()
        };
        let mut buf_yaml_text = None;
        for ((rel, _), bytes) in blobs.into_iter().zip(contents) {
            let shown = format!("{prefix}{rel}");
            if bytes.len() as u64 > MAX_FILE_BYTES {
                return Err(ProtoError::TooLarge {
                    file: shown,
                    bytes: bytes.len() as u64,
                });
            }
            if rel == "buf.yaml" {
                buf_yaml_text = Some(String::from_utf8_lossy(&bytes).into_owned());
                continue;
            }
            let text = text_of(bytes, &shown)?;
            tree.targets.push(rel.clone());
            tree.files.insert(rel, text);
        }
        if let Some(text) = buf_yaml_text {
            let by = BufYaml::parse(&text, &format!("{prefix}buf.yaml"))?;
            tree.apply_modules(&by);
            tree.buf_yaml = Some(by);
        }
        Ok(tree)
    }

    /// Re-roots a tree read whole (from git) onto its buf.yaml modules and excludes.
    fn apply_modules(&mut self, by: &BufYaml) {
        let modules = by.module_dirs();
        if modules.len() == 1 && modules[0].0.is_empty() && modules[0].1.is_empty() {
            return;
        }
        let mut files = BTreeMap::new();
        let mut targets = Vec::new();
        for (name, text) in std::mem::take(&mut self.files) {
            for (module, excludes) in &modules {
                let rel = if module.is_empty() {
                    Some(name.as_str())
                } else {
                    name.strip_prefix(&format!("{module}/"))
                };
                if let Some(rel) = rel {
                    let excluded = excludes
                        .iter()
                        .any(|ex| name == *ex || name.starts_with(&format!("{ex}/")));
                    if !excluded {
                        targets.push(rel.to_string());
                    }
                    files.insert(rel.to_string(), text.clone());
                    break;
                }
            }
        }
        self.files = files;
        self.targets = targets;
    }
}

/// Reads many blobs through one `git cat-file --batch` process.
fn cat_blobs(repo: &Path, blobs: &[(String, String)]) -> std::io::Result<Vec<Vec<u8>>> {
    let mut child = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()?;
    let mut stdin = child.stdin.take().expect("piped stdin");
    let oids: Vec<String> = blobs.iter().map(|(_, oid)| oid.clone()).collect();
    // Write from another thread so a full stdout pipe cannot deadlock us.
    let writer = std::thread::spawn(move || -> std::io::Result<()> {
        for oid in oids {
            writeln!(stdin, "{oid}")?;
        }
        Ok(())
    });
    let mut reader = BufReader::new(child.stdout.take().expect("piped stdout"));
    let mut out = Vec::with_capacity(blobs.len());
    for _ in blobs {
        let mut header = String::new();
        reader.read_line(&mut header)?;
        let size: usize = header
            .split_whitespace()
            .nth(2)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| std::io::Error::other(format!("unexpected git output: {header}")))?;
        let mut buf = vec![0; size + 1];
        reader.read_exact(&mut buf)?;
        buf.pop();
        out.push(buf);
    }
    writer.join().expect("writer thread")?;
    child.wait()?;
    Ok(out)
}
