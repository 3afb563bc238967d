-- Isnad store, schema version 4: the history of changes (isnad log, isnad undo).
--
-- Every command that changes the store (import, add, retract, merge, undo …) writes one row
-- in change, in the same transaction as the change itself, and one row in change_record for
-- each record it touched. A record is kept whole, as the canonical JSON line of the record
-- format (what `isnad export jsonl` writes for it, without the line feed), before and after:
--
--   SELECT c.id, c.at, c.author, c.command, r.action, r.kind, r.record
--   FROM change AS c JOIN change_record AS r ON r.change = c.id ORDER BY c.id;
--
-- An import keeps its entry cheap: the records it added are listed by id only (before and
-- after NULL; what it added is what the store held right after it), and the records it
-- changed are kept whole, before and after. A command that left a record as it was does not
-- list it, and a command that changed nothing writes no entry.

CREATE TABLE change (
    id        INTEGER PRIMARY KEY,        -- 1, 2, 3 … in the order the changes were committed
    at        TEXT NOT NULL,              -- when, in UTC: 'YYYY-MM-DDTHH:MM:SSZ'
    author    TEXT NOT NULL,              -- --author, else $ISNAD_AUTHOR, else the login name
    command   TEXT NOT NULL,              -- the command line: shell words, control characters escaped
    undoes    INTEGER,                    -- for an `isnad undo`: the change it took back
    undone_by INTEGER                     -- the `isnad undo` that took this change back
);

-- What one change did to one record. action: added | changed | removed. kind: entity | source
-- | claim. before is NULL for an added record; after is NULL for a removed one, and for a
-- record added by an import.
CREATE TABLE change_record (
    change INTEGER NOT NULL REFERENCES change (id) DEFERRABLE INITIALLY DEFERRED,
    kind   TEXT NOT NULL,
    record TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action = 'added' OR action = 'changed' OR action = 'removed'),
    before TEXT,
    after  TEXT,
    PRIMARY KEY (change, kind, record)
) WITHOUT ROWID;
