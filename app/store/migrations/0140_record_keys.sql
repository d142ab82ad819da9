-- Disclosure control (issue 16, app/disclosure): every response gets a
-- permanent random record key in [0, 2^31) (an INTEGER); a cube cell keeps
-- the sum of its responses' keys (a BIGINT; its cell key is that sum mod
-- 2^31) and its two largest contributions w·y of each magnitude (the p%
-- dominance rule and the magnitudes' noise scale). The migration's Go step
-- (keyAllResponses) draws keys for the rows already stored and rebuilds
-- every cube.
ALTER TABLE responses ADD COLUMN record_key INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_cells ADD COLUMN record_keys BIGINT NOT NULL DEFAULT 0;
ALTER TABLE rollup_cells ADD COLUMN top_cost {{float}} NOT NULL DEFAULT 0;
ALTER TABLE rollup_cells ADD COLUMN top2_cost {{float}} NOT NULL DEFAULT 0;
ALTER TABLE rollup_cells ADD COLUMN top_support {{float}} NOT NULL DEFAULT 0;
ALTER TABLE rollup_cells ADD COLUMN top2_support {{float}} NOT NULL DEFAULT 0;
ALTER TABLE rollup_cells ADD COLUMN top_current {{float}} NOT NULL DEFAULT 0;
ALTER TABLE rollup_cells ADD COLUMN top2_current {{float}} NOT NULL DEFAULT 0;
ALTER TABLE rollup_cells ADD COLUMN top_needed {{float}} NOT NULL DEFAULT 0;
ALTER TABLE rollup_cells ADD COLUMN top2_needed {{float}} NOT NULL DEFAULT 0;
ALTER TABLE rollup_cells ADD COLUMN top_gap {{float}} NOT NULL DEFAULT 0;
ALTER TABLE rollup_cells ADD COLUMN top2_gap {{float}} NOT NULL DEFAULT 0;
