-- Initial schema: waves, imports, firms, responses and their multi-selects.
-- {{pk}}, {{float}} and {{ts}} are replaced per dialect.
CREATE TABLE waves (
    id {{pk}},
    name VARCHAR(64) NOT NULL UNIQUE,
    created_at {{ts}} NOT NULL
);

CREATE TABLE imports (
    id {{pk}},
    wave_id BIGINT NOT NULL REFERENCES waves(id) ON DELETE CASCADE,
    file_name VARCHAR(255) NOT NULL,
    format VARCHAR(16) NOT NULL,
    sha256 VARCHAR(64) NOT NULL UNIQUE,
    sheet VARCHAR(255) NOT NULL DEFAULT '',
    header_row INTEGER NOT NULL DEFAULT 0,
    row_count INTEGER NOT NULL DEFAULT 0,
    valid_count INTEGER NOT NULL DEFAULT 0,
    stored_count INTEGER NOT NULL DEFAULT 0,
    skipped_count INTEGER NOT NULL DEFAULT 0,
    status VARCHAR(16) NOT NULL,
    created_at {{ts}} NOT NULL
);
CREATE INDEX imports_wave_id ON imports(wave_id);

CREATE TABLE firms (
    id {{pk}},
    business_no VARCHAR(10) UNIQUE,
    name VARCHAR(255) NOT NULL
);

CREATE TABLE responses (
    id {{pk}},
    wave_id BIGINT NOT NULL REFERENCES waves(id) ON DELETE CASCADE,
    import_id BIGINT NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    firm_id BIGINT NOT NULL REFERENCES firms(id),
    source_row INTEGER NOT NULL,
    firm_name VARCHAR(255) NOT NULL,
    region VARCHAR(2) NOT NULL,
    sigungu VARCHAR(64) NOT NULL DEFAULT '',
    industry VARCHAR(1) NOT NULL,
    employees INTEGER NOT NULL,
    size_band VARCHAR(8) NOT NULL,
    revenue BIGINT,
    stage VARCHAR(8) NOT NULL,
    adoption_cost BIGINT,
    gov_support BIGINT,
    ai_staff_current INTEGER,
    ai_staff_needed INTEGER,
    productivity_gain {{float}},
    exemplar BOOLEAN NOT NULL DEFAULT FALSE,
    exemplar_note VARCHAR(2000) NOT NULL DEFAULT '',
    weight {{float}} NOT NULL DEFAULT 1,
    surveyed_on DATE
);
CREATE INDEX responses_wave_region ON responses(wave_id, region);
CREATE INDEX responses_wave_industry ON responses(wave_id, industry);
CREATE INDEX responses_wave_size ON responses(wave_id, size_band);
CREATE INDEX responses_import_id ON responses(import_id);
CREATE INDEX responses_firm_id ON responses(firm_id);

CREATE TABLE response_use_areas (
    response_id BIGINT NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
    code VARCHAR(16) NOT NULL,
    PRIMARY KEY (response_id, code)
);
CREATE INDEX response_use_areas_code ON response_use_areas(code);

CREATE TABLE response_barriers (
    response_id BIGINT NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
    code VARCHAR(16) NOT NULL,
    PRIMARY KEY (response_id, code)
);
CREATE INDEX response_barriers_code ON response_barriers(code);
