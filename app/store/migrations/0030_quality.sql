-- Data quality (issue 9): a wave's survey period, for the rule that checks
-- survey dates, and the rule and outlier findings of each stored import.
ALTER TABLE waves ADD COLUMN period_start DATE;
ALTER TABLE waves ADD COLUMN period_end DATE;

CREATE TABLE quality_findings (
    id {{pk}},
    wave_id BIGINT NOT NULL REFERENCES waves(id) ON DELETE CASCADE,
    import_id BIGINT NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    source_row INTEGER NOT NULL,
    firm_name VARCHAR(255) NOT NULL DEFAULT '',
    severity VARCHAR(8) NOT NULL,
    code VARCHAR(64) NOT NULL,
    sheet VARCHAR(255) NOT NULL DEFAULT '',
    cell VARCHAR(16) NOT NULL DEFAULT '',
    header VARCHAR(255) NOT NULL DEFAULT '',
    value TEXT NOT NULL DEFAULT '',
    message TEXT NOT NULL
);
CREATE INDEX quality_findings_wave_code ON quality_findings(wave_id, code);
CREATE INDEX quality_findings_wave_row ON quality_findings(wave_id, source_row);
