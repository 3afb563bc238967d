-- Isnad store, schema version 2: search by name, and claims in date order.
--
-- entity_name becomes a rowid table (same columns, (entity, position) still unique), so that a
-- full-text index can follow it: entity_name_search indexes every search key by trigrams
-- (three consecutive characters), which finds names that contain what was typed and names
-- that are a typo away (isnad search). Triggers keep the index in step with entity_name,
-- whoever writes to it.

CREATE TABLE entity_name_by_rowid (
    entity     TEXT NOT NULL REFERENCES entity (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    lang       TEXT,
    search_key TEXT NOT NULL,
    UNIQUE (entity, position)
);
INSERT INTO entity_name_by_rowid (entity, position, name, lang, search_key)
SELECT entity, position, name, lang, search_key FROM entity_name ORDER BY entity, position;
DROP TABLE entity_name;
ALTER TABLE entity_name_by_rowid RENAME TO entity_name;
CREATE INDEX entity_name_by_search_key ON entity_name (search_key);

CREATE VIRTUAL TABLE entity_name_search USING fts5 (
    search_key, content = 'entity_name', content_rowid = 'rowid', tokenize = 'trigram'
);
INSERT INTO entity_name_search (entity_name_search) VALUES ('rebuild');

CREATE TRIGGER entity_name_search_insert AFTER INSERT ON entity_name BEGIN
    INSERT INTO entity_name_search (rowid, search_key) VALUES (new.rowid, new.search_key);
END;
CREATE TRIGGER entity_name_search_delete AFTER DELETE ON entity_name BEGIN
    INSERT INTO entity_name_search (entity_name_search, rowid, search_key) VALUES ('delete', old.rowid, old.search_key);
END;
CREATE TRIGGER entity_name_search_update AFTER UPDATE OF search_key ON entity_name BEGIN
    INSERT INTO entity_name_search (entity_name_search, rowid, search_key) VALUES ('delete', old.rowid, old.search_key);
    INSERT INTO entity_name_search (rowid, search_key) VALUES (new.rowid, new.search_key);
END;

-- Claims in date order (isnad timeline): by start, or by end when only the end is known.
CREATE INDEX claim_by_date ON claim (coalesce(start_date, end_date), id);

-- The claims between two given entities (each hop of isnad path) are found through the
-- subject and object indexes, which therefore lead with both ends; claims of one entity are
-- still read from their first column.
DROP INDEX claim_by_subject;
CREATE INDEX claim_by_subject ON claim (subject, object, predicate);
DROP INDEX claim_by_object;
CREATE INDEX claim_by_object ON claim (object, subject, predicate);
