-- Isnad store, schema version 9: a source's grade read from an index alone.
--
-- Every query that weighs evidence looks up the grade of each source its claims cite, its
-- reliability and date (neighbors' survey at a million claims: about 670 sources). Through the
-- primary key's own index each look-up read that index and then the table's page for the row,
-- which holds the title and text too: 112 + 256 of the survey's 1,629 pages. This index holds the
-- grade beside the id, so the look-up reads it alone.
CREATE INDEX source_grade ON source (id, reliability, published);
