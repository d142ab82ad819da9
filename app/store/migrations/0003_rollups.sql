-- Rollups: each wave's data cube, so that a figure reads a few precomputed
-- rows instead of scanning the wave's responses. region, industry and
-- size_band hold a code or '*' (all), so every combination of filters and
-- group is one lookup. Rebuilt per wave by Store.RefreshRollups.

-- rollup_waves says which stored import a wave's cube was built from, so a
-- reader can tell a stale cube from a fresh one.
CREATE TABLE rollup_waves (
    wave_id BIGINT PRIMARY KEY REFERENCES waves(id) ON DELETE CASCADE,
    import_id BIGINT NOT NULL,
    responses INTEGER NOT NULL,
    refreshed_at {{ts}} NOT NULL
);

CREATE TABLE rollup_cells (
    wave_id BIGINT NOT NULL REFERENCES waves(id) ON DELETE CASCADE,
    region VARCHAR(2) NOT NULL,
    industry VARCHAR(1) NOT NULL,
    size_band VARCHAR(8) NOT NULL,
    n INTEGER NOT NULL,
    weight {{float}} NOT NULL,
    w_none {{float}} NOT NULL,
    w_review {{float}} NOT NULL,
    w_pilot {{float}} NOT NULL,
    w_adopted {{float}} NOT NULL,
    w_scaled {{float}} NOT NULL,
    n_cost INTEGER NOT NULL,
    w_cost {{float}} NOT NULL,
    wx_cost {{float}} NOT NULL,
    wx_support {{float}} NOT NULL,
    median_cost BIGINT,
    staff_current {{float}} NOT NULL,
    staff_needed {{float}} NOT NULL,
    staff_gap {{float}} NOT NULL,
    n_exemplar INTEGER NOT NULL,
    PRIMARY KEY (wave_id, region, industry, size_band)
);

CREATE TABLE rollup_choices (
    wave_id BIGINT NOT NULL REFERENCES waves(id) ON DELETE CASCADE,
    kind VARCHAR(8) NOT NULL,
    region VARCHAR(2) NOT NULL,
    industry VARCHAR(1) NOT NULL,
    size_band VARCHAR(8) NOT NULL,
    code VARCHAR(16) NOT NULL,
    n INTEGER NOT NULL,
    weight {{float}} NOT NULL,
    PRIMARY KEY (wave_id, kind, region, industry, size_band, code)
);

-- The exemplar list reads a wave's few flagged firms without a scan.
CREATE INDEX responses_wave_exemplar ON responses(wave_id, exemplar);
