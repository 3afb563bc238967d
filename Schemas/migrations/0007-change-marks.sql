-- Isnad store, schema version 7: a record's changes found at once, and the entries that came
-- from another store's history told apart.
--
-- isnad show marks a record that was edited, retracted or merged after it was added, and
-- isnad log and undo look up the entries that changed one record. change_record's key starts
-- with the entry, so those lookups read the whole history; an import notes every record it
-- added there, so the history of a large store is as large as the store. This index covers only
-- the changes that are not additions: an import, which adds, does not pay for it.
CREATE INDEX change_record_changes_by_record ON change_record (record, kind, change) WHERE action <> 'added';

-- An entry appended from another store's history (isnad import --from history) describes that
-- store's changes: log shows it, undo refuses it.
ALTER TABLE change ADD COLUMN travelled INTEGER NOT NULL DEFAULT 0;
