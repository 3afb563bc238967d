extension GraphStore {
    /// The sources whose citations a filter's citation step can keep, when it keeps few:
    /// `--source` keeps a citation whose claimant or `via` is one of its sources, and `--known-by`
    /// one whose claimant or `via` was published by then. The claims that may pass are then found
    /// through the citation indexes (``claimRows(ids:subjects:objects:predicates:citedBy:)``), where a
    /// reading of every claim took 11.9 s at a million claims for `timeline --known-by 1990` to
    /// find none. Nil when neither filter is set, or when the sources `--known-by` keeps hold
    /// ``fewCitations`` or more: a reading in order then finds a listing's first claims sooner
    /// than the indexes find them all. An empty set when no citation can pass.
    public func citingSources(admittedBy filter: GraphFilter) throws -> Set<String>? {
        if !filter.sources.isEmpty { return filter.sources }
        guard filter.knownBy != nil else { return nil }
        var published: Set<String> = []
        try database.cached("SELECT id, published FROM source").forEachRow { row in
            let id = row.string(0)
            let date = try StoredValue.date(row, 1, path: path, record: "source \"\(id)\"", field: "published")
            if date != nil, filter.isPublicByKnownBy(date) { published.insert(id) }
        }
        guard !published.isEmpty else { return published }
        return try hasFewCitations(published) ? published : nil
    }

    /// Whether the sources stand as claimant or `via` in fewer than ``fewCitations`` citations,
    /// counted through the citation indexes no further than that.
    func hasFewCitations(_ sources: Set<String>) throws -> Bool {
        let listed = GraphStore.inList(database, of: .text)
        var citations = 0
        try database.cached(
            "SELECT count(*) FROM (SELECT 1 FROM citation WHERE source \(listed) "
                + "UNION ALL SELECT 1 FROM citation WHERE via \(listed) LIMIT ?2) AS probe"
        ).forEachRow([GraphStore.jsonArray(sources.sorted()), .integer(Int64(GraphStore.fewCitations))]) {
            citations = Int($0.int64(0))
        }
        return citations < GraphStore.fewCitations
    }

    /// The sources with no `published` date: what `--known-by` takes as public by no date, so
    /// that claims only they cite, found through the citation indexes, are left out unread. A
    /// listing reads those claims (``claimRows(ids:subjects:objects:predicates:citedBy:)``) to
    /// say how many it left out so.
    public func sourcesWithoutPublishedDate() throws -> Set<String> {
        var undated: Set<String> = []
        try database.cached("SELECT id FROM source WHERE published IS NULL").forEachRow { undated.insert($0.string(0)) }
        return undated
    }

    /// How many citations are few enough to find their claims through the citation indexes
    /// rather than by reading claims in order (``citingSources(admittedBy:)``).
    static let fewCitations = 10_000

    /// `(…)`: the ids of the claims with a citation whose claimant or `via` is one of the sources
    /// bound to `?parameter` as a JSON array, through the citation indexes.
    static func claimsCiting(_ database: Database, parameter: Int) -> String {
        let sources = inList(database, of: .text, parameter: parameter)
        return "(SELECT claim FROM citation WHERE source \(sources) UNION SELECT claim FROM citation WHERE via \(sources))"
    }

    /// A condition on the claim `c`: it has a citation whose claimant or `via` is one of the
    /// sources bound to `?parameter`, tested claim by claim through the citation's primary key. A
    /// reading of claims in order with a limit stops as soon as it has its rows, where
    /// ``claimsCiting(_:parameter:)`` gathers every claim first: the first 1,001 claims of the
    /// 4,877 undated sources of a million-claim store took 0.88 s so, 0.01 s this way. Many
    /// citations only: with few, a reading in order may go to the end to find them.
    static func citesOneOf(_ database: Database, parameter: Int) -> String {
        let sources = inList(database, of: .text, parameter: parameter)
        return
            "EXISTS (SELECT 1 FROM citation AS cited WHERE cited.claim = c.id AND (cited.source \(sources) OR cited.via \(sources)))"
    }
}
