-- PostgreSQL only. A load's links are checked once, set-based, before it
-- commits (checkLinks in load_check.go), instead of by a trigger per row:
-- those foreign-key triggers were half of the server's CPU in a load's COPY
-- (650,000 checks for 100,000 responses with their multi-selects). SQLite
-- keeps these constraints declared but runs its loads with foreign keys off,
-- so both dialects load alike. Deletes go child first in the store
-- (waveDeletes, prepareWave), as they already did for SQLite's sake.
ALTER TABLE responses DROP CONSTRAINT IF EXISTS responses_wave_id_fkey;
ALTER TABLE responses DROP CONSTRAINT IF EXISTS responses_import_id_fkey;
ALTER TABLE responses DROP CONSTRAINT IF EXISTS responses_firm_id_fkey;
ALTER TABLE response_use_areas DROP CONSTRAINT IF EXISTS response_use_areas_response_id_fkey;
ALTER TABLE response_barriers DROP CONSTRAINT IF EXISTS response_barriers_response_id_fkey;
