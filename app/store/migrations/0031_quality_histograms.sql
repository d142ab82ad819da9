-- The outlier test's baseline (issue 9): per wave, field, industry and size
-- band, how many positive values fall in each 1/100-decade bin of log10
-- (model.LogBin). Each load writes its wave's histograms in its
-- transaction, so an import reads the stored waves' distribution from this
-- small table instead of scanning every response. Waves stored before this
-- migration are filled in here.
CREATE TABLE quality_histograms (
    wave_id BIGINT NOT NULL REFERENCES waves(id) ON DELETE CASCADE,
    field VARCHAR(32) NOT NULL,
    industry VARCHAR(1) NOT NULL,
    size_band VARCHAR(8) NOT NULL,
    bin INTEGER NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (wave_id, field, industry, size_band, bin)
);

INSERT INTO quality_histograms (wave_id, field, industry, size_band, bin, n)
SELECT wave_id, 'adoption_cost', industry, size_band,
       CAST(floor(log10(CAST(adoption_cost AS DOUBLE PRECISION)) * 100) AS INTEGER) AS bin, COUNT(*)
  FROM responses WHERE adoption_cost > 0
 GROUP BY wave_id, industry, size_band, bin
UNION ALL
SELECT wave_id, 'gov_support', industry, size_band,
       CAST(floor(log10(CAST(gov_support AS DOUBLE PRECISION)) * 100) AS INTEGER) AS bin, COUNT(*)
  FROM responses WHERE gov_support > 0
 GROUP BY wave_id, industry, size_band, bin
UNION ALL
SELECT wave_id, 'revenue', industry, size_band,
       CAST(floor(log10(CAST(revenue AS DOUBLE PRECISION)) * 100) AS INTEGER) AS bin, COUNT(*)
  FROM responses WHERE revenue > 0
 GROUP BY wave_id, industry, size_band, bin
UNION ALL
SELECT wave_id, 'employees', industry, size_band,
       CAST(floor(log10(CAST(employees AS DOUBLE PRECISION)) * 100) AS INTEGER) AS bin, COUNT(*)
  FROM responses WHERE employees > 0
 GROUP BY wave_id, industry, size_band, bin
UNION ALL
SELECT wave_id, 'ai_staff_needed', industry, size_band,
       CAST(floor(log10(CAST(ai_staff_needed AS DOUBLE PRECISION)) * 100) AS INTEGER) AS bin, COUNT(*)
  FROM responses WHERE ai_staff_needed > 0
 GROUP BY wave_id, industry, size_band, bin;
