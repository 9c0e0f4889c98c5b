-- Webhooks an event triggered: one row per webhook and event, updated after each attempt
-- (status retrying, success or failure; the attempts' log, secrets masked). The webhook's
-- uuid and description are copied so the record outlives the webhook; deleting a
-- pacticipant deletes its records.
CREATE TABLE triggered_webhooks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid TEXT NOT NULL UNIQUE,
    webhook_uuid TEXT NOT NULL,
    webhook_description TEXT NOT NULL,
    event TEXT NOT NULL,
    consumer_id INTEGER NOT NULL REFERENCES pacticipants (id) ON DELETE CASCADE,
    provider_id INTEGER NOT NULL REFERENCES pacticipants (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    attempts BIGINT NOT NULL,
    logs TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX triggered_webhooks_pair ON triggered_webhooks (provider_id, consumer_id);
