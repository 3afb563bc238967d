-- Isnad store on PostgreSQL, schema version 14: the history is only added to.
--
-- A store's writer role (init --roles) may write the history tables, since every change writes
-- its entry there; with psql it could also rewrite or delete earlier entries (an author, a
-- record's before), and isnad check would not know. Isnad's own commands change an entry only
-- in the transaction that writes it (its records' after, an empty entry dropped, an undo's
-- undoes) and, later, only the undone_by of an entry an undo takes back, pointing at the undo
-- written in the same transaction. These triggers allow exactly that, to every role but one
-- that may disable them (the tables' owner, a superuser): each entry keeps the transaction
-- that wrote it (written_in, set on insert, never changed), and
-- - an entry, or a record of it, is changed or deleted only by the transaction that wrote it;
-- - an earlier entry's undone_by is set once, from empty, to an entry written by this transaction;
-- - records are added only to an entry written by this transaction.
-- The writer role's grants are narrowed to the columns Isnad updates, here for a store whose
-- roles init --roles made (STORE_writer), as init --roles does for a new one.
ALTER TABLE change ADD COLUMN written_in BIGINT;

DO $migration$
BEGIN
    EXECUTE format($sql$
        CREATE FUNCTION %1$I.change_written() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN
            NEW.written_in := txid_current();
            RETURN NEW;
        END
        $body$;

        CREATE FUNCTION %1$I.change_kept() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN
            IF OLD.written_in = txid_current() THEN
                IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                NEW.written_in := OLD.written_in;
                RETURN NEW;
            END IF;
            IF TG_OP = 'UPDATE' AND OLD.undone_by IS NULL AND NEW.undone_by IS NOT NULL
                AND (NEW.id, NEW.at, NEW.author, NEW.command, NEW.undoes, NEW.travelled, NEW.written_in)
                    IS NOT DISTINCT FROM (OLD.id, OLD.at, OLD.author, OLD.command, OLD.undoes, OLD.travelled, OLD.written_in)
                AND EXISTS (SELECT 1 FROM %1$I.change AS u WHERE u.id = NEW.undone_by AND u.written_in = txid_current())
            THEN
                RETURN NEW;
            END IF;
            RAISE EXCEPTION 'history entry %% was written by an earlier command: a store''s history is only added to', OLD.id
                USING ERRCODE = 'insufficient_privilege';
        END
        $body$;

        CREATE FUNCTION %1$I.change_record_kept() RETURNS trigger LANGUAGE plpgsql AS $body$
        DECLARE
            earlier BIGINT;
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
                SELECT r.change INTO earlier FROM old_rows AS r
                WHERE NOT EXISTS (SELECT 1 FROM %1$I.change AS c WHERE c.id = r.change AND c.written_in = txid_current())
                LIMIT 1;
            END IF;
            IF earlier IS NULL AND TG_OP IN ('UPDATE', 'INSERT') THEN
                SELECT r.change INTO earlier FROM new_rows AS r
                WHERE NOT EXISTS (SELECT 1 FROM %1$I.change AS c WHERE c.id = r.change AND c.written_in = txid_current())
                LIMIT 1;
            END IF;
            IF earlier IS NOT NULL THEN
                RAISE EXCEPTION 'history entry %% was written by an earlier command: a store''s history is only added to', earlier
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
            RETURN NULL;
        END
        $body$;
        $sql$, current_schema());
END
$migration$;

CREATE TRIGGER change_written BEFORE INSERT ON change FOR EACH ROW EXECUTE FUNCTION change_written();
CREATE TRIGGER change_kept BEFORE UPDATE OR DELETE ON change FOR EACH ROW EXECUTE FUNCTION change_kept();
CREATE TRIGGER change_record_added AFTER INSERT ON change_record
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION change_record_kept();
CREATE TRIGGER change_record_changed AFTER UPDATE ON change_record
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION change_record_kept();
CREATE TRIGGER change_record_removed AFTER DELETE ON change_record
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION change_record_kept();

-- The writer role of a store init --roles shared: UPDATE only of the columns Isnad updates.
DO $migration$
DECLARE
    writer TEXT := current_schema() || '_writer';
BEGIN
    IF to_regrole(quote_ident(writer)) IS NOT NULL
        AND has_table_privilege(writer, format('%I.change', current_schema()), 'UPDATE')
    THEN
        EXECUTE format(
            'REVOKE UPDATE ON %1$I.change, %1$I.change_record FROM %2$I; '
            'GRANT UPDATE (undoes, undone_by) ON %1$I.change TO %2$I; '
            'GRANT UPDATE (action, after) ON %1$I.change_record TO %2$I',
            current_schema(), writer);
    END IF;
END
$migration$;
