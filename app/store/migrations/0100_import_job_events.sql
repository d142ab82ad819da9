-- Who did what to an import job, and when (issue 14): the upload, each
-- commit request (with its skip-invalid and replace options) and the
-- cancel, by the account at the time (user_login is kept as it was, like
-- import_jobs.user_login), and the runner's own ends of its steps (checked,
-- refused, failed, stored), which have no account.
CREATE TABLE import_job_events (
    id {{pk}},
    job_id BIGINT NOT NULL REFERENCES import_jobs(id) ON DELETE CASCADE,
    action VARCHAR(16) NOT NULL,
    user_id BIGINT,
    user_login VARCHAR(64) NOT NULL DEFAULT '',
    skip_invalid BOOLEAN NOT NULL DEFAULT FALSE,
    replace_wave BOOLEAN NOT NULL DEFAULT FALSE,
    created_at {{ts}} NOT NULL
);
-- A job's history is read in order; the history page reads a page of jobs.
CREATE INDEX import_job_events_job ON import_job_events(job_id, id);

-- Jobs from before this table: their upload is known exactly, and so is
-- the runner's end of a job that stored, was refused or failed (nothing
-- changes a job after it ends). Who asked for a commit or a cancel was not
-- kept, so those steps stay unknown rather than being made up.
INSERT INTO import_job_events (job_id, action, user_id, user_login, created_at)
    SELECT id, 'uploaded', user_id, user_login, created_at FROM import_jobs ORDER BY id;
INSERT INTO import_job_events (job_id, action, created_at)
    SELECT id, state, updated_at FROM import_jobs WHERE state IN ('stored', 'refused', 'failed') ORDER BY id;
