-- The matrix's reads: the consumers of a provider (integrations where the checked
-- application is the provider), and the latest version of each pacticipant by id.
CREATE INDEX pact_contents_provider ON pact_contents (provider_id, consumer_id);
CREATE INDEX versions_pacticipant_id ON versions (pacticipant_id, id);
