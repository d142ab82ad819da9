-- A browser upload's survey period (optional, both days included), given
-- with the file like `import --period`: the preview's rules check against
-- it, and the commit stores it with the wave.
ALTER TABLE import_jobs ADD COLUMN period_start DATE;
ALTER TABLE import_jobs ADD COLUMN period_end DATE;
