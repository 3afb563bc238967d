-- Isnad store, schema version 8: one entity's claims in time order, read in that order.
--
-- isnad timeline ENTITY lists an entity's claims by date, then id, up to a limit. Through the
-- subject and object indexes it had to read every claim of the entity from the table for its
-- date and sort them all before listing the first: 0.6 s for a hub's 94,612 claims in a store of
-- a million, to list 200. With these two, the entity's claims as subject and as object come in
-- that order from the indexes alone, merged, and reading stops at the limit.
CREATE INDEX claim_by_subject_date ON claim (subject, coalesce(start_date, end_date), id);
CREATE INDEX claim_by_object_date ON claim (object, coalesce(start_date, end_date), id);
