-- Isnad store on PostgreSQL, schema version 8: the twin of Schemas/migrations/0008-timeline-by-entity.sql
-- (see it for why): one entity's claims in time order, read in that order.
CREATE INDEX claim_by_subject_date ON claim (subject, (coalesce(start_date, end_date)), id);
CREATE INDEX claim_by_object_date ON claim (object, (coalesce(start_date, end_date)), id);
