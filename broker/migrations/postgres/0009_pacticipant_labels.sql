-- Pacticipant labels, as the Pact Broker keeps them: a name per pacticipant (webhooks may
-- name a label instead of a pacticipant). Deleting a pacticipant deletes its labels.
CREATE TABLE pacticipant_labels (
    pacticipant_id BIGINT NOT NULL REFERENCES pacticipants (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (pacticipant_id, name)
);
CREATE INDEX pacticipant_labels_name ON pacticipant_labels (name);
