-- The cube's variance sums: per wave, base cell (region × industry × size
-- band, no '*') and measure (cube.Moments: a ratio y/x over a response),
-- the cell's response count and Σw·x, Σw·y, Σw²·y², Σw²·x·y, Σw²·x², from
-- which the standard error of any measure over any domain follows.
-- Written with the rest of the cube in the
-- transaction that changes a wave; this migration then rebuilds every
-- wave's cube from its stored responses (store.migrationHooks).
CREATE TABLE rollup_moments (
    wave_id BIGINT NOT NULL REFERENCES waves(id) ON DELETE CASCADE,
    region VARCHAR(2) NOT NULL,
    industry VARCHAR(1) NOT NULL,
    size_band VARCHAR(8) NOT NULL,
    measure VARCHAR(64) NOT NULL,
    n INTEGER NOT NULL,
    wx {{float}} NOT NULL,
    wy {{float}} NOT NULL,
    w2y2 {{float}} NOT NULL,
    w2xy {{float}} NOT NULL,
    w2x2 {{float}} NOT NULL,
    PRIMARY KEY (wave_id, region, industry, size_band, measure)
);
