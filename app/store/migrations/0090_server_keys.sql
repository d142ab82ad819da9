-- Secrets that every axdash process on this database must share (the key
-- that CSRF tokens are signed with): the first process to start writes one,
-- every later one reads it, so a token made by one process is good on all.
CREATE TABLE server_keys (
    name VARCHAR(64) PRIMARY KEY,
    secret {{blob}} NOT NULL,
    created_at {{ts}} NOT NULL
);
