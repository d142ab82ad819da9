-- Every sign-in attempt first purges the failures older than the window;
-- without an index on the time alone that is a scan of the whole table,
-- which a botnet of addresses can grow to hundreds of thousands of rows.
CREATE INDEX login_failures_failed_at ON login_failures(failed_at);
