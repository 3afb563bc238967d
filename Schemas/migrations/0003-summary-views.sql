-- Isnad store, schema version 3: the reading views name both ends of a claim by id and by name,
-- and a view lists the claims that cite a source, as claimant or as the source quoted.
--
-- In version 1, claim_summary's subject and object were entity names and citation_summary's
-- were ids. Both views now have subject_id, subject_name, object_id and object_name instead.

DROP VIEW claim_summary;
DROP VIEW citation_summary;

-- One readable row per claim: its ends by id and by name, with its evidence.
CREATE VIEW claim_summary AS
SELECT
    c.id AS claim,
    c.subject AS subject_id,
    sub.name AS subject_name,
    c.predicate,
    c.object AS object_id,
    obj.name AS object_name,
    c.start_date,
    c.end_date,
    e.status,
    e.sources,
    e.best_reliability,
    e.best_credibility
FROM claim AS c
JOIN entity AS sub ON sub.id = c.subject
JOIN entity AS obj ON obj.id = c.object
LEFT JOIN claim_evidence AS e ON e.claim = c.id;

-- One readable row per citation: the claim (its ends by id and by name), who says it, where,
-- and how strongly.
CREATE VIEW citation_summary AS
SELECT
    ci.claim,
    c.subject AS subject_id,
    sub.name AS subject_name,
    c.predicate,
    c.object AS object_id,
    obj.name AS object_name,
    ci.source,
    s.reliability,
    ci.via,
    ci.stance,
    ci.credibility,
    ci.quote,
    ci.quote_en
FROM citation AS ci
JOIN claim AS c ON c.id = ci.claim
JOIN entity AS sub ON sub.id = c.subject
JOIN entity AS obj ON obj.id = c.object
JOIN source AS s ON s.id = ci.source;

-- Which claims cite a source, directly or via: one row per citation in which the source is the
-- claimant (role 'claimant': citation.source) and one per citation in which it is where the
-- quote stands (role 'via': citation.via). A source that relays another is 'via' in the
-- citations of the source it relays. Filtered by source_id, each half reads one index:
--   SELECT DISTINCT claim_id FROM source_claims WHERE source_id = 'hadera-2022-article';
CREATE VIEW source_claims AS
SELECT
    ci.source AS source_id,
    'claimant' AS role,
    ci.claim AS claim_id,
    ci.position AS citation_position,
    ci.source AS claimant_id,
    ci.via AS via_id,
    ci.stance,
    ci.credibility,
    c.subject AS subject_id,
    c.predicate,
    c.object AS object_id
FROM citation AS ci
JOIN claim AS c ON c.id = ci.claim
UNION ALL
SELECT
    ci.via AS source_id,
    'via' AS role,
    ci.claim AS claim_id,
    ci.position AS citation_position,
    ci.source AS claimant_id,
    ci.via AS via_id,
    ci.stance,
    ci.credibility,
    c.subject AS subject_id,
    c.predicate,
    c.object AS object_id
FROM citation AS ci
JOIN claim AS c ON c.id = ci.claim
WHERE ci.via IS NOT NULL;
