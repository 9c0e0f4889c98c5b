//! A short-lived in-process cache of schemas by id, for the hottest read clients make
//! (`GET /schemas/ids/{id}`, on every message they deserialize). A schema's content never
//! changes for its id; only its existence does (a permanent delete). Entries live for
//! `TTL`, and this server's permanent deletes clear the cache at once, so another server's
//! permanent delete shows here within `TTL`.

use crate::store::SchemaRow;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

const TTL: Duration = Duration::from_secs(2);
/// The cache is emptied when it reaches this many entries, bounding its memory.
const CAPACITY: usize = 10_000;

#[derive(Default)]
pub struct SchemaCache {
    entries: Mutex<HashMap<i64, (Instant, SchemaRow)>>,
}

impl SchemaCache {
    pub fn get(&self, id: i64) -> Option<SchemaRow> {
        let m = self.entries.lock().ok()?;
        let (at, row) = m.get(&id)?;
        (at.elapsed() < TTL).then(|| row.clone())
    }

    pub fn put(&self, row: &SchemaRow) {
        if let Ok(mut m) = self.entries.lock() {
            if m.len() >= CAPACITY {
                m.clear();
            }
            m.insert(row.id, (Instant::now(), row.clone()));
        }
    }

    pub fn clear(&self) {
        if let Ok(mut m) = self.entries.lock() {
            m.clear();
        }
    }
}
