PRAGMA application_id = 1230196292; -- "ISND": marks the file as an Isnad store

-- Isnad store, schema version 1.
--
-- An Isnad store is a plain SQLite file. Every table below can be read with the sqlite3
-- shell or any SQLite browser; the views at the end join them into readable rows.
-- Identifiers (entity, source and claim ids) are slugs: lowercase a-z, 0-9 and '-'.
-- Dates are partial ISO dates, stored as written: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'.
-- Their text order is their time order ('2014' < '2014-05' < '2014-05-12').
--
-- Foreign keys are deferred to the end of each transaction, so that one import may
-- name an entity or a source before the record that defines it.
--
-- CHECK constraints compare with = and BETWEEN, not IN (…): SQLite builds a temporary
-- index for an IN list every time a row is written, which would slow down every import.

-- Facts about the store itself (for example the version of the name normalisation
-- that filled entity_name.search_key).
CREATE TABLE meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

-- Actors and things: organizations, people, events and places.
CREATE TABLE entity (
    id          TEXT PRIMARY KEY NOT NULL,
    type        TEXT NOT NULL,            -- person | organization | event | place
    name        TEXT NOT NULL,            -- the name shown by default (usually English)
    description TEXT,
    attributes  TEXT NOT NULL DEFAULT '{}' -- JSON object of string values, keys sorted
);
CREATE INDEX entity_by_type ON entity (type, id);

-- Every name an entity goes by: its primary name at position 0, then its aliases in
-- the order given. search_key is the name folded for search (case, diacritics, Arabic
-- letter variants, transliteration variants); it is recomputed whenever Isnad's folding
-- changes (meta.name_key_version).
CREATE TABLE entity_name (
    entity     TEXT NOT NULL REFERENCES entity (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    lang       TEXT,                      -- BCP-47 tag; NULL for the primary name
    search_key TEXT NOT NULL,
    PRIMARY KEY (entity, position)
) WITHOUT ROWID;
CREATE INDEX entity_name_by_search_key ON entity_name (search_key);

-- Where information comes from: articles, statements, leaked documents, reports …
-- reliability is the Admiralty source grade: A completely reliable, B usually reliable,
-- C fairly reliable, D not usually reliable, E unreliable, F cannot be judged.
CREATE TABLE source (
    id          TEXT PRIMARY KEY NOT NULL,
    type        TEXT NOT NULL,
    title       TEXT NOT NULL,
    publisher   TEXT,
    author      TEXT,
    url         TEXT,
    published   TEXT,                     -- partial date
    lang        TEXT,
    reliability TEXT NOT NULL CHECK (length(reliability) = 1 AND reliability BETWEEN 'A' AND 'F'),
    full_text   TEXT                      -- the source's text, so quotes can be verified
);

-- The chain of transmission: source relays (cites) cited, in the order given.
CREATE TABLE source_cites (
    source   TEXT NOT NULL REFERENCES source (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    position INTEGER NOT NULL,
    cited    TEXT NOT NULL REFERENCES source (id) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (source, position)
) WITHOUT ROWID;
CREATE INDEX source_cites_by_cited ON source_cites (cited, source);

-- Typed, dated relationships between two entities. A claim is never a fact: what
-- supports it is in citation, and how strong that is in claim_evidence.
CREATE TABLE claim (
    id         TEXT PRIMARY KEY NOT NULL,
    subject    TEXT NOT NULL REFERENCES entity (id) DEFERRABLE INITIALLY DEFERRED,
    predicate  TEXT NOT NULL,             -- from Schemas/predicates.json
    object     TEXT NOT NULL REFERENCES entity (id) DEFERRABLE INITIALLY DEFERRED,
    start_date TEXT,                      -- partial date or NULL
    end_date   TEXT,                      -- partial date or NULL
    notes      TEXT
);
CREATE INDEX claim_by_subject ON claim (subject, predicate);
CREATE INDEX claim_by_object ON claim (object, predicate);
CREATE INDEX claim_by_predicate ON claim (predicate);

-- Who says a claim, where we read it, in which words, and how far to trust it.
-- source is the claimant; via is the source in which the quote stands when that is
-- another one (the article relaying a leaked document). stance: asserts | reports |
-- denies. credibility is the Admiralty information grade, 1 (confirmed) to 6 (cannot
-- be judged). citation_key identifies a citation within its claim (a hash of source,
-- via and quote), so that importing a claim again updates its citations instead of
-- repeating them.
CREATE TABLE citation (
    claim        TEXT NOT NULL REFERENCES claim (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    position     INTEGER NOT NULL,
    citation_key INTEGER NOT NULL,
    source       TEXT NOT NULL REFERENCES source (id) DEFERRABLE INITIALLY DEFERRED,
    via          TEXT REFERENCES source (id) DEFERRABLE INITIALLY DEFERRED,
    quote        TEXT NOT NULL,
    quote_en     TEXT,
    stance       TEXT NOT NULL CHECK (stance = 'asserts' OR stance = 'reports' OR stance = 'denies'),
    credibility  INTEGER NOT NULL CHECK (credibility BETWEEN 1 AND 6),
    locator      TEXT,
    PRIMARY KEY (claim, position),
    UNIQUE (claim, citation_key)
) WITHOUT ROWID;
CREATE INDEX citation_by_source ON citation (source);
CREATE INDEX citation_by_via ON citation (via) WHERE via IS NOT NULL;

-- The evidence behind each claim, citation by citation (README, "Evidence and status"):
-- disputed if any citation denies it; asserted if a source graded A-C asserts it with
-- credibility 1-3; alleged otherwise. Best grades are the strongest among all its citations
-- (A and 1 are strongest). Not the rule Isnad applies everywhere: SQL cannot follow chains of
-- transmission, and every output of Isnad caps grades by the common link; version 16 names
-- these columns uncapped_status, citing_sources, uncapped_best_reliability and
-- uncapped_best_credibility.
CREATE VIEW claim_evidence AS
SELECT
    c.id AS claim,
    count(DISTINCT ci.source) AS sources,
    min(s.reliability) AS best_reliability,
    min(ci.credibility) AS best_credibility,
    CASE
        WHEN max(ci.stance = 'denies') THEN 'disputed'
        WHEN max(ci.stance = 'asserts' AND s.reliability <= 'C' AND ci.credibility <= 3) THEN 'asserted'
        ELSE 'alleged'
    END AS status
FROM claim AS c
JOIN citation AS ci ON ci.claim = c.id
JOIN source AS s ON s.id = ci.source
GROUP BY c.id;

-- One readable row per claim: names instead of ids, with its evidence.
CREATE VIEW claim_summary AS
SELECT
    c.id AS claim,
    sub.name AS subject,
    c.predicate,
    obj.name AS object,
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

-- One readable row per citation: the claim, who says it, where, and how strongly.
CREATE VIEW citation_summary AS
SELECT
    ci.claim,
    c.subject,
    c.predicate,
    c.object,
    ci.source,
    s.reliability,
    ci.via,
    ci.stance,
    ci.credibility,
    ci.quote,
    ci.quote_en
FROM citation AS ci
JOIN claim AS c ON c.id = ci.claim
JOIN source AS s ON s.id = ci.source;
