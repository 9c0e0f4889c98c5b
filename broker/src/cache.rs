//! A short-lived in-process cache of schemas by id, for the hottest read clients make
//! (`GET /schemas/ids/{id}`, on every message they deserialize). A schema's content never
//! changes for its id; only its existence does (a permanent delete). Entries are fresh for
//! `TTL`, and this server's permanent deletes clear the cache at once, so another server's
//! permanent delete shows here within `TTL` (plus one database read).
//!
//! When an entry goes stale, one request re-reads it while the others keep answering from
//! the stale copy: a hot id expiring must not send every request in flight to the database
//! at once (that burst was the PostgreSQL read tail).

use crate::store::SchemaRow;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const TTL: Duration = Duration::from_secs(2);
/// A stale entry is served only this long past `TTL` while its re-read is under way; if
/// that re-read never lands (its request failed), the next request reads again.
const GRACE: Duration = Duration::from_secs(2);
/// The cache is emptied when it reaches this many entries, bounding its memory.
const CAPACITY: usize = 10_000;

struct Entry {
    at: Instant,
    row: Arc<SchemaRow>,
    refreshing: bool,
}

#[derive(Default)]
pub struct SchemaCache {
    entries: Mutex<HashMap<i64, Entry>>,
}

impl SchemaCache {
    /// The cached schema, or `None` when the caller should read it from the store and
    /// `put` it (or `forget` it when it is gone).
    pub fn get(&self, id: i64) -> Option<Arc<SchemaRow>> {
        self.get_at(id, Instant::now())
    }

    fn get_at(&self, id: i64, now: Instant) -> Option<Arc<SchemaRow>> {
        let mut m = self.entries.lock().ok()?;
        let e = m.get_mut(&id)?;
        let age = now.saturating_duration_since(e.at);
        if age < TTL {
            return Some(e.row.clone());
        }
        if e.refreshing && age < TTL + GRACE {
            return Some(e.row.clone());
        }
        // This caller re-reads; the others keep the stale copy meanwhile.
        e.refreshing = true;
        e.at = now.checked_sub(TTL).unwrap_or(e.at);
        None
    }

    pub fn put(&self, row: SchemaRow) -> Arc<SchemaRow> {
        let row = Arc::new(row);
        if let Ok(mut m) = self.entries.lock() {
            if m.len() >= CAPACITY {
                m.clear();
            }
            m.insert(
                row.id,
                Entry {
                    at: Instant::now(),
                    row: row.clone(),
                    refreshing: false,
                },
            );
        }
        row
    }

    /// The store no longer has this id.
    pub fn forget(&self, id: i64) {
        if let Ok(mut m) = self.entries.lock() {
            m.remove(&id);
        }
    }

    pub fn clear(&self) {
        if let Ok(mut m) = self.entries.lock() {
            m.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64) -> SchemaRow {
        SchemaRow {
            id,
            hash: format!("h{id}"),
            schema_type: "AVRO".into(),
            schema: "\"string\"".into(),
            references: vec![],
        }
    }

    #[test]
    fn a_stale_entry_is_re_read_by_one_caller_while_others_get_the_stale_copy() {
        let c = SchemaCache::default();
        assert!(c.get(1).is_none());
        c.put(row(1));
        let t0 = Instant::now();
        assert!(c.get_at(1, t0).is_some(), "fresh");
        let later = t0 + TTL + Duration::from_millis(10);
        assert!(c.get_at(1, later).is_none(), "the first caller re-reads");
        assert!(
            c.get_at(1, later).is_some(),
            "the others are served meanwhile"
        );
        // The re-read never landed: after the grace period someone reads again.
        let much_later = later + GRACE + Duration::from_millis(10);
        assert!(c.get_at(1, much_later).is_none());
        c.put(row(1));
        assert!(c.get(1).is_some());
        c.forget(1);
        assert!(c.get(1).is_none());
    }
}
