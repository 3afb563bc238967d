-- Isnad store, schema version 6: merged entities (isnad merge, isnad unmerge).
--
-- When entities are merged, the one kept lists the ids of the others here, in order: they keep
-- naming it on the command line and in imports (a claim record whose subject is a merged id is
-- written with the kept entity instead). The merged entities themselves are gone from entity.

CREATE TABLE entity_merged (
    merged   TEXT PRIMARY KEY NOT NULL,  -- the id of an entity merged into another
    entity   TEXT NOT NULL REFERENCES entity (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    position INTEGER NOT NULL            -- its place in the kept entity's list
) WITHOUT ROWID;
CREATE INDEX entity_merged_by_entity ON entity_merged (entity, position);
