-- Isnad store, schema version 13: a claim's best grade is one citation's.
--
-- Until version 12 the best reliability and the best credibility were each the strongest among
-- the citations that support the claim, taken apart: a report graded B that calls the claim
-- improbable (B5) beside a blog graded E that calls it probably true (E2) read "best B2", a
-- grade no source gave. They are now one citation's, the first of those that support it by the
-- rule of Model/Evidence.swift (README, "Evidence and status"): one that makes the claim
-- asserted on its own (it asserts it, from an A–C source, graded 1–3), then the smallest sum
-- of the two grades' ranks (A1 = 2, F6 = 12), then reliability, then credibility.
DROP VIEW claim_evidence;
CREATE VIEW claim_evidence AS
SELECT
    c.id AS claim,
    count(DISTINCT ci.source) AS sources,
    coalesce((
        SELECT bs.reliability FROM citation AS b JOIN source AS bs ON bs.id = b.source
        WHERE b.claim = c.id AND b.stance <> 'denies'
        ORDER BY (b.stance = 'asserts' AND bs.reliability <= 'C' AND b.credibility <= 3) DESC,
                 instr('ABCDEF', bs.reliability) + b.credibility, bs.reliability, b.credibility
        LIMIT 1
    ), 'F') AS best_reliability,
    coalesce((
        SELECT b.credibility FROM citation AS b JOIN source AS bs ON bs.id = b.source
        WHERE b.claim = c.id AND b.stance <> 'denies'
        ORDER BY (b.stance = 'asserts' AND bs.reliability <= 'C' AND b.credibility <= 3) DESC,
                 instr('ABCDEF', bs.reliability) + b.credibility, bs.reliability, b.credibility
        LIMIT 1
    ), 6) AS best_credibility,
    CASE
        WHEN max(ci.stance = 'denies') THEN 'disputed'
        WHEN max(ci.stance = 'asserts' AND s.reliability <= 'C' AND ci.credibility <= 3) THEN 'asserted'
        ELSE 'alleged'
    END AS status
FROM claim AS c
JOIN citation AS ci ON ci.claim = c.id
JOIN source AS s ON s.id = ci.source
GROUP BY c.id;
