-- Isnad store, schema version 11: names found across scripts.
--
-- consonant_key holds a name's consonants as Latin letters (Text/ConsonantKey.swift): «حزب الله»,
-- Hezbollah and Hizbullah all hold "zbl". Search compares it across scripts only, so that a name
-- typed in Latin letters finds an entity named only in Arabic letters, and the other way round.
-- Isnad fills it with the search keys (meta.name_key_version 3); NULL where a name has no consonant.
ALTER TABLE entity_name ADD COLUMN consonant_key TEXT;
CREATE INDEX entity_name_by_consonant_key ON entity_name (consonant_key);
