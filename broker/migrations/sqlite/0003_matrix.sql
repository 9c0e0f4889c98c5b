-- The matrix's reads: the consumers of a provider (integrations where the checked
-- application is the provider), and the latest version of each pacticipant by id.
CREATE INDEX pact_contents_provider ON pact_contents (provider_id, consumer_id);
CREATE INDEX versions_pacticipant_id ON versions (pacticipant_id, id);

-- Reader-against-writer verdicts of schema links, computed once per pair of registry schemas
-- (and engine release: a newer engine may judge differently). Schemas with references are
-- not cached, since a reference to a subject's latest version can change underneath.
CREATE TABLE schema_checks (
    reader_schema_id BIGINT NOT NULL,
    writer_schema_id BIGINT NOT NULL,
    engine TEXT NOT NULL,
    outcome TEXT NOT NULL,
    reason TEXT NOT NULL,
    findings TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (reader_schema_id, writer_schema_id, engine)
);
