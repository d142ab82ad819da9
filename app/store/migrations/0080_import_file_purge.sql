-- The retention rule (jobs.unstored_file_retention) removes the bytes of
-- uploads no job stored. The import_files row stays, because import_jobs
-- references it and the history must still name the file; purged_at says
-- when its chunks went (size is then 0), and a re-upload of the same bytes
-- clears it and writes the chunks again.
ALTER TABLE import_files ADD COLUMN purged_at {{ts}};
-- The purge looks up every file's jobs and imports by hash.
CREATE INDEX import_jobs_sha256 ON import_jobs(sha256);
CREATE INDEX imports_sha256 ON imports(sha256);
