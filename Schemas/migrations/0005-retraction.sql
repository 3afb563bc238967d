-- Isnad store, schema version 5: retracted claims and citations (isnad retract, isnad restore).
--
-- A retracted claim or citation stays in the store, but out of the claim and citation tables,
-- so that every query, view and export leaves it out without a condition of its own. It comes
-- back, exactly as it was, with isnad restore (or isnad undo).

-- A retracted claim: its id (no longer in claim), why, and the whole claim as the canonical
-- JSON line of the record format (with "retracted"; its citations included).
CREATE TABLE retracted_claim (
    id     TEXT PRIMARY KEY NOT NULL,
    reason TEXT NOT NULL,
    record TEXT NOT NULL
) WITHOUT ROWID;

-- A retracted citation of a claim that stands: the same columns as citation, at the position it
-- had among the claim's citations, and why it was retracted.
CREATE TABLE retracted_citation (
    claim       TEXT NOT NULL REFERENCES claim (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    position    INTEGER NOT NULL,
    source      TEXT NOT NULL REFERENCES source (id) DEFERRABLE INITIALLY DEFERRED,
    via         TEXT REFERENCES source (id) DEFERRABLE INITIALLY DEFERRED,
    quote       TEXT NOT NULL,
    quote_en    TEXT,
    stance      TEXT NOT NULL,
    credibility INTEGER NOT NULL,
    locator     TEXT,
    reason      TEXT NOT NULL,
    PRIMARY KEY (claim, position)
) WITHOUT ROWID;
CREATE INDEX retracted_citation_by_source ON retracted_citation (source);
