-- The survey's 층 (stratum): the sampling stratum a file may give each
-- firm, which survey.yaml's design.strata: column uses instead of 시도 ×
-- size band (issue 17). Rows stored before have none.
ALTER TABLE responses ADD COLUMN stratum VARCHAR(32) NOT NULL DEFAULT '';
-- The cube's variance sums are now kept per base cell and file stratum
-- (cube.Moment.Stratum), so the primary key changes; SQLite cannot alter
-- one, so the table is made anew and the migration's hook rebuilds every
-- wave's cube from its stored responses (store.migrationHooks), as 0120
-- did.
DROP TABLE rollup_moments;
CREATE TABLE rollup_moments (
    wave_id BIGINT NOT NULL REFERENCES waves(id) ON DELETE CASCADE,
    region VARCHAR(2) NOT NULL,
    industry VARCHAR(1) NOT NULL,
    size_band VARCHAR(8) NOT NULL,
    stratum VARCHAR(32) NOT NULL,
    measure VARCHAR(64) NOT NULL,
    n INTEGER NOT NULL,
    wx {{float}} NOT NULL,
    wy {{float}} NOT NULL,
    w2y2 {{float}} NOT NULL,
    w2xy {{float}} NOT NULL,
    w2x2 {{float}} NOT NULL,
    PRIMARY KEY (wave_id, region, industry, size_band, stratum, measure)
);
