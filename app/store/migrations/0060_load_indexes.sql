-- Indexes no query uses since the figures read the rollups, and which cost
-- the most to keep during a load: each row's entries land at scattered
-- places (17 regions, 21 industries, the size bands, a dozen choice codes)
-- where every other index of these tables grows at one end. Dropping them
-- took a 100,000-row load from 1.5 to 0.9 CPU-s on SQLite and from 2.3 to
-- 1.5 s on PostgreSQL (BenchmarkLoad). What still reads responses (the
-- exemplar list and its count, the SQL rollup rebuild, wave deletes and
-- counts) goes through responses_wave_exemplar and responses_exemplar_rank;
-- at 1,000,000 rows the exemplar list and the dashboard kept their timings
-- (BenchmarkScale; docs/query-plans.md), and a wave's exemplars in one
-- region are counted in 2 ms.
DROP INDEX responses_wave_region;
DROP INDEX responses_wave_industry;
DROP INDEX responses_wave_size;
DROP INDEX response_use_areas_code;
DROP INDEX response_barriers_code;
