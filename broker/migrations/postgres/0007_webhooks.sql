-- Webhooks as the Pact Broker stores them: an optional consumer and provider (by pacticipant,
-- or by label), the events that trigger it and the request it sends (JSON as received;
-- the password is kept but never rendered). Deleting a pacticipant deletes its webhooks.
CREATE TABLE webhooks (
    id BIGSERIAL PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    description TEXT,
    consumer_id BIGINT REFERENCES pacticipants (id) ON DELETE CASCADE,
    consumer_label TEXT,
    provider_id BIGINT REFERENCES pacticipants (id) ON DELETE CASCADE,
    provider_label TEXT,
    events TEXT NOT NULL,
    request TEXT NOT NULL,
    enabled BOOLEAN NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX webhooks_pair ON webhooks (provider_id, consumer_id);
