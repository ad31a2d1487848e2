-- tipwire schema, version 4: time and place in depth (F3).
--
-- `text_facts` holds what completeness needs from the sealed text, counted at
-- intake (words of the narrative; words of who/what, and whether vague): counts,
-- never text. The reporter's "who" (`subjects`) is sealed like the narrative.
-- `assessment` is the normalize stage's completeness, next questions and
-- time-source comparison (JSON); `completeness` its score, for period averages.
-- `geocoded` is the optional street-level geocoder's answer, once asked.

ALTER TABLE reports ADD COLUMN text_facts TEXT;
ALTER TABLE reports ADD COLUMN subjects_sealed BLOB;
ALTER TABLE reports ADD COLUMN assessment TEXT;
ALTER TABLE reports ADD COLUMN completeness REAL;
ALTER TABLE reports ADD COLUMN geocoded TEXT;
ALTER TABLE reports ADD COLUMN geocode_state TEXT;   -- null: not needed; 'wanted'; 'done'; 'failed'
CREATE INDEX reports_completeness ON reports (received_at) WHERE completeness IS NOT NULL;
CREATE INDEX reports_geocode_wanted ON reports (seq) WHERE geocode_state = 'wanted';
