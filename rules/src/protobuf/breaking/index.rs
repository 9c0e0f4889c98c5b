//! Lookups over one image that breaking rules pair old and new elements with: files by
//! path, messages/enums/services/extensions by full name, files by package.

use crate::protobuf::model::*;
use std::collections::{BTreeMap, HashMap};

pub struct Index<'a> {
    pub image: &'a Image,
    /// Files by import path.
    pub files: BTreeMap<&'a str, &'a File>,
    pub messages: HashMap<&'a str, (&'a File, &'a Message)>,
    pub enums: HashMap<&'a str, (&'a File, &'a Enum)>,
    pub services: HashMap<&'a str, (&'a File, &'a Service)>,
    pub extensions: HashMap<&'a str, (&'a File, &'a Field)>,
    /// Files by package name.
    pub packages: BTreeMap<&'a str, Vec<&'a File>>,
}

impl<'a> Index<'a> {
    /// An index over every file of the image, imports included: buf compares imports too
    /// (unless `--exclude-imports`), so a dropped import of a well-known type is a deleted file.
    pub fn new(image: &'a Image) -> Index<'a> {
        Index::of_files(image, image.files.iter())
    }

    /// An index over some files of an image (e.g. stable packages only).
    pub fn of_files(image: &'a Image, files: impl Iterator<Item = &'a File>) -> Index<'a> {
        let mut ix = Index {
            image,
            files: BTreeMap::new(),
            messages: HashMap::new(),
            enums: HashMap::new(),
            services: HashMap::new(),
            extensions: HashMap::new(),
            packages: BTreeMap::new(),
        };
        for f in files {
            ix.files.insert(&f.name, f);
            ix.packages.entry(&f.package).or_default().push(f);
            for m in &f.messages {
                ix.messages.insert(&m.full_name, (f, m));
            }
            for e in &f.enums {
                ix.enums.insert(&e.full_name, (f, e));
            }
            for s in &f.services {
                ix.services.insert(&s.full_name, (f, s));
            }
            for x in &f.extensions {
                ix.extensions.insert(&x.full_name, (f, x));
            }
        }
        ix
    }

    /// Any message in the image (imports included), for resolving field types.
    pub fn any_message(&self, full_name: &str) -> Option<(&'a File, &'a Message)> {
        if let Some(found) = self.messages.get(full_name) {
            return Some(*found);
        }
        self.image
            .files
            .iter()
            .find_map(|f| f.message(full_name).map(|m| (f, m)))
    }

    pub fn any_enum(&self, full_name: &str) -> Option<(&'a File, &'a Enum)> {
        if let Some(found) = self.enums.get(full_name) {
            return Some(*found);
        }
        self.image
            .files
            .iter()
            .find_map(|f| f.enum_(full_name).map(|e| (f, e)))
    }
}

/// An element with the file that declares it.
pub type InFile<'a, T> = (&'a File, &'a T);

/// Pairs of elements present in both versions, in the current version's order.
pub fn paired<'p, 'c, T>(
    previous: &HashMap<&str, InFile<'p, T>>,
    current: &HashMap<&str, InFile<'c, T>>,
) -> Vec<(InFile<'p, T>, InFile<'c, T>)> {
    let mut out: Vec<_> = current
        .iter()
        .filter_map(|(name, c)| previous.get(name).map(|p| (*p, *c)))
        .collect();
    out.sort_by(|a, b| (&a.1.0.name, a.1.0.span_key()).cmp(&(&b.1.0.name, b.1.0.span_key())));
    out
}

impl File {
    fn span_key(&self) -> &str {
        &self.name
    }
}
