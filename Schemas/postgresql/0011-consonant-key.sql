-- Isnad store on PostgreSQL, schema version 11: the twin of
-- Schemas/migrations/0011-consonant-key.sql (see it for why): names found across scripts.
ALTER TABLE entity_name ADD COLUMN consonant_key text COLLATE "C";
CREATE INDEX entity_name_by_consonant_key ON entity_name (consonant_key);
