-- Import jobs: an upload's whole life (queued → parsing → checked →
-- committing → stored | refused | failed | cancelled) lives here, so that
-- any axdash process sharing the database can run any job, and a job whose
-- process died is taken over (claimed_by, heartbeat_at, attempts). The
-- uploaded bytes are kept in import_files/import_file_chunks at upload
-- time under the file's SHA-256; the annotated workbook in
-- import_job_chunks. report is the JSON of `import --json`.
CREATE TABLE import_jobs (
    id {{pk}},
    state VARCHAR(16) NOT NULL,
    wave VARCHAR(64) NOT NULL,
    sheet VARCHAR(255) NOT NULL DEFAULT '',
    skip_invalid BOOLEAN NOT NULL DEFAULT FALSE,
    replace_wave BOOLEAN NOT NULL DEFAULT FALSE,
    file_name VARCHAR(255) NOT NULL,
    file_size BIGINT NOT NULL,
    sha256 VARCHAR(64) NOT NULL REFERENCES import_files(sha256),
    user_id BIGINT,
    user_login VARCHAR(64) NOT NULL DEFAULT '',
    created_at {{ts}} NOT NULL,
    updated_at {{ts}} NOT NULL,
    rows_read INTEGER NOT NULL DEFAULT 0,
    claimed_by VARCHAR(255) NOT NULL DEFAULT '',
    heartbeat_at {{ts}},
    attempts INTEGER NOT NULL DEFAULT 0,
    error VARCHAR(2000) NOT NULL DEFAULT '',
    report TEXT NOT NULL DEFAULT '',
    annotated_size BIGINT NOT NULL DEFAULT 0,
    import_id BIGINT
);
-- The runner's claim looks for the oldest runnable job.
CREATE INDEX import_jobs_state_id ON import_jobs(state, id);

CREATE TABLE import_job_chunks (
    job_id BIGINT NOT NULL REFERENCES import_jobs(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    content {{blob}} NOT NULL,
    PRIMARY KEY (job_id, seq)
);

-- The import a job stored: a takeover after a crash finds the wave stored
-- by this job, and the unique index makes a second store impossible.
ALTER TABLE imports ADD COLUMN job_id BIGINT;
CREATE UNIQUE INDEX imports_job_id ON imports(job_id);
