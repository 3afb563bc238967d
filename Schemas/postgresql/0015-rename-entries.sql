-- Isnad store on PostgreSQL, schema version 15: the history's renames found through an index.
--
-- Every command that resolves an id or marks what the history changed (show, add, import, undo,
-- log ID) reads the renames that stand, to know the ids they took away. They were found by reading
-- every command line of the history, a cost that grows with the age of the store. This index
-- holds only the entries whose command line says rename (GraphStore+Renames.swift reads them
-- with the same condition), a few hundred in a store of years. The twin of
-- Schemas/migrations/0015-rename-entries.sql.
CREATE INDEX change_renames ON change (id) WHERE strpos(command, 'rename') > 0;
