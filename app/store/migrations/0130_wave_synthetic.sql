-- A wave made of generated firms (serve --demo, a demo-workbook file):
-- badged wherever it shows, never the comparison base of a real wave, and
-- deletable all at once by an admin.
ALTER TABLE waves ADD COLUMN synthetic BOOLEAN NOT NULL DEFAULT FALSE;
