-- The survey's 사례공개동의 (exemplar_consent): a firm's consent to have its
-- case named in the public exemplar list (issue 16). Rows stored before
-- the field existed have no consent.
ALTER TABLE responses ADD COLUMN exemplar_consent BOOLEAN NOT NULL DEFAULT FALSE;
