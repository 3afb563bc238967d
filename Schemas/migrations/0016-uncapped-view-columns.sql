-- Isnad store, schema version 16: the views' evidence columns say that they are not Isnad's.
--
-- claim_evidence and claim_summary weigh a claim citation by citation, in SQL, which cannot
-- follow chains of transmission: their grades and status are the citations' own, before the
-- common link's cap that every output of Isnad applies (README, "Evidence and status"). Under
-- the names status, best_reliability and best_credibility they read as Isnad's: on the seed
-- dataset 16 of the 92 claims were `asserted` there and ALLEGED in every output, and sources
-- counted the sources that deny a claim beside those that support it. The columns now say what
-- they hold (uncapped_status, uncapped_best_reliability, uncapped_best_credibility,
-- citing_sources), so that a query written for Isnad's status fails instead of overstating,
-- and a comment inside each CREATE VIEW (SQLite keeps it in sqlite_schema, so `.schema` and
-- every browser show it) says where the weighed values are. Nothing in Isnad reads these views.
-- Its twin is Schemas/postgresql/0016-uncapped-view-columns.sql.
DROP VIEW claim_summary;
DROP VIEW claim_evidence;

CREATE VIEW claim_evidence AS
-- NOT Isnad's weighing: the citations' own grades, before the common link's cap (a voice relayed
-- by an E article can read asserted B2 here and ALLEGED E2 in every output of isnad), and a lone
-- credibility 1 is not read as 2. citing_sources counts the sources that deny the claim as well
-- as those that support it. Isnad's status, grade, sources and channels, one row per citation:
-- isnad claims --format csv --limit 0
SELECT
    c.id AS claim,
    count(DISTINCT ci.source) AS citing_sources,
    coalesce((
        SELECT bs.reliability FROM citation AS b JOIN source AS bs ON bs.id = b.source
        WHERE b.claim = c.id AND b.stance <> 'denies'
        ORDER BY (b.stance = 'asserts' AND bs.reliability <= 'C' AND b.credibility <= 3) DESC,
                 instr('ABCDEF', bs.reliability) + b.credibility, bs.reliability, b.credibility
        LIMIT 1
    ), 'F') AS uncapped_best_reliability,
    coalesce((
        SELECT b.credibility FROM citation AS b JOIN source AS bs ON bs.id = b.source
        WHERE b.claim = c.id AND b.stance <> 'denies'
        ORDER BY (b.stance = 'asserts' AND bs.reliability <= 'C' AND b.credibility <= 3) DESC,
                 instr('ABCDEF', bs.reliability) + b.credibility, bs.reliability, b.credibility
        LIMIT 1
    ), 6) AS uncapped_best_credibility,
    CASE
        WHEN max(ci.stance = 'denies') THEN 'disputed'
        WHEN max(ci.stance = 'asserts' AND s.reliability <= 'C' AND ci.credibility <= 3) THEN 'asserted'
        ELSE 'alleged'
    END AS uncapped_status
FROM claim AS c
JOIN citation AS ci ON ci.claim = c.id
JOIN source AS s ON s.id = ci.source
GROUP BY c.id;

CREATE VIEW claim_summary AS
-- One readable row per claim, its ends by id and by name, with claim_evidence's evidence:
-- NOT Isnad's weighing: the citations' own grades, before the common link's cap, and
-- citing_sources counts deniers too. Isnad's status, grade, sources and channels, one row per
-- citation: isnad claims --format csv --limit 0
SELECT
    c.id AS claim,
    c.subject AS subject_id,
    sub.name AS subject_name,
    c.predicate,
    c.object AS object_id,
    obj.name AS object_name,
    c.start_date,
    c.end_date,
    e.uncapped_status,
    e.citing_sources,
    e.uncapped_best_reliability,
    e.uncapped_best_credibility
FROM claim AS c
JOIN entity AS sub ON sub.id = c.subject
JOIN entity AS obj ON obj.id = c.object
LEFT JOIN claim_evidence AS e ON e.claim = c.id;
