-- Isnad store on PostgreSQL, schema version 9: the twin of Schemas/migrations/0009-source-grade.sql
-- (see it for why): a source's grade read from an index alone.
CREATE INDEX source_grade ON source (id, reliability, published);
