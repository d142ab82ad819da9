-- Original files are kept in 1 MiB chunks so that storing or reading one
-- never needs the whole file in memory. import_files keeps the size and
-- date; its content column is empty for files kept in chunks.
CREATE TABLE import_file_chunks (
    sha256 VARCHAR(64) NOT NULL REFERENCES import_files(sha256) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    content {{blob}} NOT NULL,
    PRIMARY KEY (sha256, seq)
);
