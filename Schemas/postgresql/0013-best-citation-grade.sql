-- Isnad store on PostgreSQL, schema version 13: the twin of
-- Schemas/migrations/0013-best-citation-grade.sql (see it for why): a claim's best grade is one
-- citation's, never the best reliability of one beside the best credibility of another.
CREATE OR REPLACE VIEW claim_evidence AS
SELECT
    c.id AS claim,
    count(DISTINCT ci.source) AS sources,
    coalesce((
        SELECT bs.reliability FROM citation AS b JOIN source AS bs ON bs.id = b.source
        WHERE b.claim = c.id AND b.stance <> 'denies'
        ORDER BY (b.stance = 'asserts' AND bs.reliability <= 'C' AND b.credibility <= 3) DESC,
                 strpos('ABCDEF', bs.reliability) + b.credibility, bs.reliability, b.credibility
        LIMIT 1
    ), 'F') AS best_reliability,
    coalesce((
        SELECT b.credibility FROM citation AS b JOIN source AS bs ON bs.id = b.source
        WHERE b.claim = c.id AND b.stance <> 'denies'
        ORDER BY (b.stance = 'asserts' AND bs.reliability <= 'C' AND b.credibility <= 3) DESC,
                 strpos('ABCDEF', bs.reliability) + b.credibility, bs.reliability, b.credibility
        LIMIT 1
    ), 6) AS best_credibility,
    CASE
        WHEN bool_or(ci.stance = 'denies') THEN 'disputed'
        WHEN bool_or(ci.stance = 'asserts' AND s.reliability <= 'C' AND ci.credibility <= 3) THEN 'asserted'
        ELSE 'alleged'
    END AS status
FROM claim AS c
JOIN citation AS ci ON ci.claim = c.id
JOIN source AS s ON s.id = ci.source
GROUP BY c.id;
