-- The Pact Broker's data: pacticipants and their versions (creation order = id order),
-- branches, tags, environments, deployments and releases; pact contents stored once per
-- (consumer, provider, sha) and published against consumer versions; verification results
-- against a pact content and a provider version. Times are milliseconds since the epoch (UTC).
-- Provider contracts (OpenAPI documents with the provider's self-verification) and schema
-- links (a version writes or reads a registry schema under a subject) feed can-i-deploy.
CREATE TABLE pacticipants (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    display_name TEXT,
    main_branch TEXT,
    repository_url TEXT,
    repository_name TEXT,
    repository_namespace TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE versions (
    id BIGSERIAL PRIMARY KEY,
    pacticipant_id BIGINT NOT NULL REFERENCES pacticipants (id) ON DELETE CASCADE,
    number TEXT NOT NULL,
    build_url TEXT,
    created_at BIGINT NOT NULL,
    UNIQUE (pacticipant_id, number)
);

CREATE TABLE branches (
    id BIGSERIAL PRIMARY KEY,
    pacticipant_id BIGINT NOT NULL REFERENCES pacticipants (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (pacticipant_id, name)
);

CREATE TABLE branch_versions (
    branch_id BIGINT NOT NULL REFERENCES branches (id) ON DELETE CASCADE,
    version_id BIGINT NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (branch_id, version_id)
);
CREATE INDEX branch_versions_version ON branch_versions (version_id);

CREATE TABLE tags (
    version_id BIGINT NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (version_id, name)
);
CREATE INDEX tags_name ON tags (name, version_id);

CREATE TABLE environments (
    id BIGSERIAL PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE,
    display_name TEXT,
    production BOOLEAN NOT NULL,
    contacts TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE pact_contents (
    id BIGSERIAL PRIMARY KEY,
    consumer_id BIGINT NOT NULL REFERENCES pacticipants (id) ON DELETE CASCADE,
    provider_id BIGINT NOT NULL REFERENCES pacticipants (id) ON DELETE CASCADE,
    sha TEXT NOT NULL,
    content TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (consumer_id, provider_id, sha)
);

-- Each (re)publication of a pact for a consumer version is a new revision; the latest
-- revision is the pact of that version.
CREATE TABLE pact_publications (
    id BIGSERIAL PRIMARY KEY,
    consumer_version_id BIGINT NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
    provider_id BIGINT NOT NULL REFERENCES pacticipants (id) ON DELETE CASCADE,
    revision INTEGER NOT NULL,
    pact_content_id BIGINT NOT NULL REFERENCES pact_contents (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    UNIQUE (consumer_version_id, provider_id, revision)
);
CREATE INDEX pact_publications_provider ON pact_publications (provider_id, consumer_version_id);
CREATE INDEX pact_publications_content ON pact_publications (pact_content_id);

-- source: 'verifier' (a provider run) or 'contract-comparison' (pact against the
-- provider's published OpenAPI document).
CREATE TABLE verifications (
    id BIGSERIAL PRIMARY KEY,
    pact_content_id BIGINT NOT NULL REFERENCES pact_contents (id) ON DELETE CASCADE,
    provider_version_id BIGINT NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
    success BOOLEAN NOT NULL,
    build_url TEXT,
    source TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX verifications_pact ON verifications (pact_content_id, provider_version_id);
CREATE INDEX verifications_provider_version ON verifications (provider_version_id);

CREATE TABLE deployed_versions (
    id BIGSERIAL PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    version_id BIGINT NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
    pacticipant_id BIGINT NOT NULL REFERENCES pacticipants (id) ON DELETE CASCADE,
    environment_id BIGINT NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
    application_instance TEXT,
    created_at BIGINT NOT NULL,
    undeployed_at BIGINT
);
CREATE INDEX deployed_versions_current ON deployed_versions (environment_id, pacticipant_id)
    WHERE undeployed_at IS NULL;
CREATE INDEX deployed_versions_version ON deployed_versions (version_id);

CREATE TABLE released_versions (
    id BIGSERIAL PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    version_id BIGINT NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
    pacticipant_id BIGINT NOT NULL REFERENCES pacticipants (id) ON DELETE CASCADE,
    environment_id BIGINT NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    support_ended_at BIGINT,
    UNIQUE (version_id, environment_id)
);
CREATE INDEX released_versions_env ON released_versions (environment_id, pacticipant_id);

CREATE TABLE provider_contracts (
    id BIGSERIAL PRIMARY KEY,
    provider_version_id BIGINT NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
    spec_type TEXT NOT NULL,
    content_type TEXT NOT NULL,
    content TEXT NOT NULL,
    self_verification_success BOOLEAN NOT NULL,
    verifier TEXT,
    build_url TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX provider_contracts_version ON provider_contracts (provider_version_id);

-- role: 'writer' (the version produces data with this schema) or 'reader'.
CREATE TABLE schema_links (
    version_id BIGINT NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
    subject TEXT NOT NULL,
    role TEXT NOT NULL,
    schema_id BIGINT NOT NULL REFERENCES schemas (id),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (version_id, subject, role)
);
CREATE INDEX schema_links_subject ON schema_links (subject, role);
