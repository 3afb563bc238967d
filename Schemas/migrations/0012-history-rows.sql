-- Isnad store, schema version 12: the history's rows kept out of its key.
--
-- change_record was a WITHOUT ROWID table, whose B-tree holds each row whole, before and after
-- included, in its interior cells as in its leaves; and SQLite reads the whole of a cell that
-- overflows its page to compare a key with it. An entry that changed one large record (a leaked
-- document's text of megabytes) beside thousands of others made each lookup of the entry's rows
-- that passed that cell copy the megabytes: an import of 8,000 sources that regraded one with an
-- 8 MB text took 20 s. As a rowid table, its key an index of its own, the rows stay out of the
-- key's B-tree, as SQLite advises for rows larger than a twentieth of a page.
CREATE TABLE change_record_rows (
    change INTEGER NOT NULL REFERENCES change (id) DEFERRABLE INITIALLY DEFERRED,
    kind   TEXT NOT NULL,
    record TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action = 'added' OR action = 'changed' OR action = 'removed'),
    before TEXT,
    after  TEXT,
    PRIMARY KEY (change, kind, record)
);
INSERT INTO change_record_rows (change, kind, record, action, before, after)
    SELECT change, kind, record, action, before, after FROM change_record ORDER BY change, kind, record;
DROP TABLE change_record;
ALTER TABLE change_record_rows RENAME TO change_record;
CREATE INDEX change_record_changes_by_record ON change_record (record, kind, change) WHERE action <> 'added';
