-- Isnad store, schema version 10: a claim's best grades are those of its support.
--
-- Until version 9 the best reliability and credibility were the strongest of all of a claim's
-- citations, denials included: a claim that only a D blog asserts and two A sources deny read
-- "best A1", stronger than anything that supports it. They are now the strongest of the
-- citations that assert or report it; a claim that nothing supports has none, F6 (the rule of
-- Model/Evidence.swift; README, "Evidence and status").
DROP VIEW claim_evidence;
CREATE VIEW claim_evidence AS
SELECT
    c.id AS claim,
    count(DISTINCT ci.source) AS sources,
    coalesce(min(s.reliability) FILTER (WHERE ci.stance <> 'denies'), 'F') AS best_reliability,
    coalesce(min(ci.credibility) FILTER (WHERE ci.stance <> 'denies'), 6) AS best_credibility,
    CASE
        WHEN max(ci.stance = 'denies') THEN 'disputed'
        WHEN max(ci.stance = 'asserts' AND s.reliability <= 'C' AND ci.credibility <= 3) THEN 'asserted'
        ELSE 'alleged'
    END AS status
FROM claim AS c
JOIN citation AS ci ON ci.claim = c.id
JOIN source AS s ON s.id = ci.source
GROUP BY c.id;
