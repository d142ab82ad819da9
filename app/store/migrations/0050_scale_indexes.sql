-- Indexes chosen from EXPLAIN ANALYZE over ten waves of 100,000 responses
-- (docs/query-plans.md has the plans before and after).

-- The exemplar list: a wave's exemplar firms already in display order
-- (known productivity gain first, highest first, then name and id; the
-- same expressions as exemplarOrder), so a page is read from the index
-- and joined to firms by key, instead of sorting all the wave's exemplars
-- after hashing every firm. Partial: exemplars are a few percent of rows.
CREATE INDEX responses_exemplar_rank ON responses (wave_id,
    (CASE WHEN productivity_gain IS NULL THEN 1 ELSE 0 END), productivity_gain DESC, firm_name, id)
    WHERE exemplar = TRUE;

-- The trend reads one slice of every wave's cube (each filter either a
-- code or '*'); without this it scans every wave's cube in full, which
-- grows with each wave.
CREATE INDEX rollup_cells_slice ON rollup_cells (industry, size_band, region, wave_id);
