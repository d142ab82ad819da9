-- Where a wave came from (issue 19): the agency that ran the survey
-- (조사기관) and a note on its sample design. Both are given at import
-- (import --agency/--note, the upload form, carried by the job to its
-- commit) and edited on the admin waves page; '' is "not recorded". The
-- files and their SHA-256 are the wave's imports rows already.
ALTER TABLE waves ADD COLUMN agency VARCHAR(255) NOT NULL DEFAULT '';
ALTER TABLE waves ADD COLUMN design_note VARCHAR(2000) NOT NULL DEFAULT '';
ALTER TABLE import_jobs ADD COLUMN agency VARCHAR(255) NOT NULL DEFAULT '';
ALTER TABLE import_jobs ADD COLUMN design_note VARCHAR(2000) NOT NULL DEFAULT '';
