-- Accounts, server-side sessions and failed sign-ins. All three live in the
-- database so that several axdash processes share them.
CREATE TABLE users (
    id {{pk}},
    login VARCHAR(64) NOT NULL UNIQUE,
    role VARCHAR(16) NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    created_at {{ts}} NOT NULL,
    updated_at {{ts}} NOT NULL
);

-- Only the SHA-256 of a session token is kept; a session ends at expires_at
-- (absolute lifetime) or when last_seen_at is older than the idle timeout.
CREATE TABLE sessions (
    token_hash VARCHAR(64) PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at {{ts}} NOT NULL,
    last_seen_at {{ts}} NOT NULL,
    expires_at {{ts}} NOT NULL
);
CREATE INDEX sessions_user_id ON sessions(user_id);
CREATE INDEX sessions_expires_at ON sessions(expires_at);

-- One row per failed sign-in, counted per client address and per login
-- within the configured window; older rows are purged as new ones arrive.
CREATE TABLE login_failures (
    id {{pk}},
    ip VARCHAR(64) NOT NULL,
    login VARCHAR(64) NOT NULL,
    failed_at {{ts}} NOT NULL
);
CREATE INDEX login_failures_ip ON login_failures(ip, failed_at);
CREATE INDEX login_failures_login ON login_failures(login, failed_at);
