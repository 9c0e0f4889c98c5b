-- The schema registry: schema texts by global id, subject versions pointing at them,
-- per-subject (and global, subject '') compatibility levels and modes.
CREATE TABLE schemas (
    id BIGSERIAL PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    schema_type TEXT NOT NULL,
    schema TEXT NOT NULL,
    refs TEXT NOT NULL
);

CREATE TABLE subject_versions (
    subject TEXT NOT NULL,
    version INTEGER NOT NULL,
    schema_id BIGINT NOT NULL REFERENCES schemas (id),
    deleted BOOLEAN NOT NULL,
    PRIMARY KEY (subject, version)
);
CREATE INDEX subject_versions_schema ON subject_versions (schema_id);

CREATE TABLE schema_references (
    schema_id BIGINT NOT NULL REFERENCES schemas (id),
    name TEXT NOT NULL,
    subject TEXT NOT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (schema_id, name)
);
CREATE INDEX schema_references_target ON schema_references (subject, version);

CREATE TABLE configs (
    subject TEXT PRIMARY KEY,
    compatibility TEXT NOT NULL
);

CREATE TABLE modes (
    subject TEXT PRIMARY KEY,
    mode TEXT NOT NULL
);
