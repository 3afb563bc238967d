-- Isnad store on PostgreSQL, schema version 7: the twin of Schemas/migrations/0007-change-marks.sql
-- (see it for why): a partial index of the changes that are not additions, and the entries that
-- came from another store's history told apart.
CREATE INDEX change_record_changes_by_record ON change_record (record, kind, change) WHERE action <> 'added';
ALTER TABLE change ADD COLUMN travelled BIGINT NOT NULL DEFAULT 0;
