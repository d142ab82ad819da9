-- The original bytes of every stored import, keyed by SHA-256, for audit.
-- They live in the database rather than on a disk so that several axdash
-- processes sharing one PostgreSQL all see them. {{blob}} is BLOB or BYTEA.
CREATE TABLE import_files (
    sha256 VARCHAR(64) PRIMARY KEY,
    size BIGINT NOT NULL,
    content {{blob}} NOT NULL,
    created_at {{ts}} NOT NULL
);
