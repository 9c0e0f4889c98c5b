//! Pacticipants, versions, branches, tags and environments: the lookups and upserts every
//! Pact Broker resource shares. SQL is written once for both dialects (`on_pool!`).

use crate::store::{AnyStore, StoreError, on_pool};

/// The id of the pacticipant called `name`, if there is one.
pub async fn pacticipant_id(store: &AnyStore, name: &str) -> Result<Option<i64>, StoreError> {
    on_pool!(store, pool => {
        Ok(sqlx::query_scalar::<_, i64>("SELECT id FROM pacticipants WHERE name = $1")
            .bind(name)
            .fetch_optional(pool)
            .await?)
    })
}
