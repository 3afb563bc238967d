-- Isnad store on PostgreSQL, schema version 16: the twin of
-- Schemas/migrations/0016-uncapped-view-columns.sql (see it for why): the views' evidence columns
-- say that they are the citations' own grades, before the common link's cap, not Isnad's.
--
-- Renamed in place rather than made again, so that the grants that init --roles gave the
-- reader and writer roles on the views stay. PostgreSQL keeps no comment written inside a view's
-- SQL; COMMENT ON keeps it instead, and psql's \d+ shows it. ALTER TABLE, not ALTER VIEW: PostgreSQL
-- 12, which Isnad supports, renames a view's columns only through it.
ALTER TABLE claim_evidence RENAME COLUMN status TO uncapped_status;
ALTER TABLE claim_evidence RENAME COLUMN sources TO citing_sources;
ALTER TABLE claim_evidence RENAME COLUMN best_reliability TO uncapped_best_reliability;
ALTER TABLE claim_evidence RENAME COLUMN best_credibility TO uncapped_best_credibility;
ALTER TABLE claim_summary RENAME COLUMN status TO uncapped_status;
ALTER TABLE claim_summary RENAME COLUMN sources TO citing_sources;
ALTER TABLE claim_summary RENAME COLUMN best_reliability TO uncapped_best_reliability;
ALTER TABLE claim_summary RENAME COLUMN best_credibility TO uncapped_best_credibility;

COMMENT ON VIEW claim_evidence IS
    'NOT Isnad''s weighing: the citations'' own grades, before the common link''s cap (a voice relayed by an E article can read asserted B2 here and ALLEGED E2 in every output of isnad), and a lone credibility 1 is not read as 2. citing_sources counts the sources that deny the claim as well as those that support it. Isnad''s status, grade, sources and channels, one row per citation: isnad claims --format csv --limit 0';
COMMENT ON VIEW claim_summary IS
    'One readable row per claim, its ends by id and by name, with claim_evidence''s evidence: NOT Isnad''s weighing: the citations'' own grades, before the common link''s cap, and citing_sources counts deniers too. Isnad''s status, grade, sources and channels, one row per citation: isnad claims --format csv --limit 0';
