-- Isnad store on PostgreSQL, schema version 10: the twin of
-- Schemas/migrations/0010-support-grade.sql (see it for why): a claim's best grades are those of
-- its support; a claim that nothing supports has none, F6.
CREATE OR REPLACE VIEW claim_evidence AS
SELECT
    c.id AS claim,
    count(DISTINCT ci.source) AS sources,
    coalesce(min(s.reliability) FILTER (WHERE ci.stance <> 'denies'), 'F') AS best_reliability,
    coalesce(min(ci.credibility) FILTER (WHERE ci.stance <> 'denies'), 6) AS best_credibility,
    CASE
        WHEN bool_or(ci.stance = 'denies') THEN 'disputed'
        WHEN bool_or(ci.stance = 'asserts' AND s.reliability <= 'C' AND ci.credibility <= 3) THEN 'asserted'
        ELSE 'alleged'
    END AS status
FROM claim AS c
JOIN citation AS ci ON ci.claim = c.id
JOIN source AS s ON s.id = ci.source
GROUP BY c.id;
