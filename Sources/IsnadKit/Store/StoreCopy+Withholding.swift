import Foundation

/// What a copy to be handed on withholds from the records themselves (`isnad copy
/// --without-source S --without-notes`), beside the history and retractions it leaves out whole:
/// a source that must not be named (an informant's debrief, a partner's report), and the analysts'
/// notes on claims.
///
/// A withheld source goes with every citation of which it is the claimant or the `via` (its words,
/// and where they were read); a claim left with no citation goes, and an entity that took part
/// only in such claims (what only the source knew). Where a source that stays relays it (`cites`),
/// it stays in that chain as a stub, `withheld-source-N`, with its grade and what it relays, and
/// nothing else (no title, author, date, text): leaving it out of the chain would make two
/// citations that came through it read as independent channels, one voice as two.
extension StoreCopy {
    public struct Withholding: Sendable, Equatable {
        /// The ids of the sources withheld.
        public var sources: Set<String>
        /// Whether the claims' notes are left out, and the reasons given for unverified quotes.
        public var notes: Bool

        public init(sources: Set<String> = [], notes: Bool = false) {
            self.sources = sources
            self.notes = notes
        }

        public var isEmpty: Bool { sources.isEmpty && !notes }

        /// The stub a withheld source relayed by one that stays is named by.
        static func stubID(_ number: Int) -> String { stubPrefix + String(number) }
        static let stubPrefix = "withheld-source-"
    }

    /// Why a copy that withholds was refused before anything was written.
    public enum WithholdingError: Error, CustomStringConvertible, Sendable {
        /// Withholding in a copy that keeps the history or the retractions, which hold it all.
        case keepsWhatHoldsIt(option: String, kept: String)
        /// No source of that id in the store copied.
        case unknownSource(id: String, store: StoreLocation)

        public var description: String {
            switch self {
            case .keepsWhatHoldsIt(let option, let kept):
                "\(option) needs \(kept): \(kept == "--without-history" ? "the history holds" : "the retractions hold") \(option == "--without-notes" ? "the notes" : "the withheld records") as they were"
            case .unknownSource(let id, let store):
                "\(store) holds no source with the id \"\(Text.printable(id))\" (isnad --db \(store.shellWord) source \(Text.printable(Text.shellWord(id))) finds one by its title)"
            }
        }
    }

    /// What withholding leaves out and rewrites, worked out from the source store before a row is
    /// copied, in passes over its citations and claims that hold only what is withheld.
    final class WithholdingPlan {
        let withholding: Withholding
        /// What names a withheld source (its ids, titles, authors and urls, now and before): a
        /// field that stays and holds one is pointed out, not changed.
        private var names = WithheldNames([])
        /// The kept records' fields that hold one of `names` (`source hadera-2022-article (text)`),
        /// each once, the first thousand: enough to say where to read.
        private(set) var mentions: [String] = []
        private var mentioned: Set<String> = []
        /// Fields past the first thousand that hold one (counted, not listed; a field met twice,
        /// as an entity's name in its names too, may count twice here).
        private(set) var mentionsBeyond = 0
        /// Withheld sources kept in chains as stubs, by id: the stub's id.
        private(set) var stubs: [String: String] = [:]
        /// Claims every citation of which is withheld, or every supporting one (a claim only the
        /// withheld source made, that a kept source denies, is what only it said).
        private(set) var claims: Set<String> = []
        /// Claims that stay with fewer citations: their grades may rest on what went.
        private(set) var thinned: [String] = []
        /// Entities that took part in claims, and in none left.
        private(set) var entities: Set<String> = []
        /// Citations left out, for the summary.
        private(set) var citations = 0

        init(_ withholding: Withholding, reading reader: Reader, source: StoreLocation) throws {
            self.withholding = withholding
            let withheld = withholding.sources
            guard !withheld.isEmpty else { return }
            var names: [String] = []
            var present: Set<String> = []
            // The stubs of an earlier such copy keep their names: the new ones take others.
            var stubNames: Set<String> = []
            var relayedBy: [String: Set<String>] = [:]
            try reader.forEachRow(of: StoreCopy.table("source_cites")) { row in
                guard let source = row[0], let cited = row[2], withheld.contains(cited) else { return }
                relayedBy[cited, default: []].insert(source)
            }
            // Each pass reads only the columns it needs: a quote made a string for each citation
            // tripled the time of a copy.
            try reader.forEachRow(of: Table(name: "source", columns: ["id", "title", "author", "url"], order: "id")) { row in
                guard let id = row[0] else { return }
                if withheld.contains(id) {
                    present.insert(id)
                    names.append(id)
                    names += [row[1], row[2], row[3]].compactMap { $0 }
                } else if id.hasPrefix(Withholding.stubPrefix) {
                    stubNames.insert(id)
                }
            }
            if let missing = withheld.subtracting(present).sorted().first {
                throw WithholdingError.unknownSource(id: missing, store: source)
            }
            names += try Self.earlierNames(of: withheld, in: reader, source: source)
            // A stub stays where a source that stays relays it, or a stub does (the chain goes on
            // through it), until no more is reached.
            var stubbed: Set<String> = []
            var changed = true
            while changed {
                changed = false
                for (source, relays) in relayedBy where !stubbed.contains(source) {
                    if relays.contains(where: { !withheld.contains($0) || stubbed.contains($0) }) {
                        stubbed.insert(source)
                        changed = true
                    }
                }
            }
            // Numbered in the order of the first source that stays and relays each (then of their
            // own ids, among those relayed by the same): the numbers say nothing of the withheld
            // ids themselves. A number names a stub in this copy only.
            func firstRelayer(_ id: String) -> String {
                relayedBy[id, default: []].filter { !withheld.contains($0) }.min() ?? "\u{10FFFF}"
            }
            var number = 0
            for id in stubbed.sorted(by: { (firstRelayer($0), $0) < (firstRelayer($1), $1) }) {
                repeat { number += 1 } while stubNames.contains(Withholding.stubID(number))
                stubs[id] = Withholding.stubID(number)
            }
            // A claim goes when all its citations do, or all its supporting ones: counted claim by
            // claim (the rows come in claim order), so memory holds what is withheld, not the store.
            var current: String?
            var (total, left, supporting, supportLeft) = (0, 0, 0, 0)
            func settle() {
                guard let claim = current, total > 0 else { return }
                if left == total || (supporting > 0 && supportLeft == supporting) {
                    claims.insert(claim)
                    citations += total
                } else if left > 0 {
                    thinned.append(claim)
                    citations += left
                }
            }
            let citationColumns = Table(
                name: "citation", columns: ["claim", "source", "via", "stance"], order: "claim, position")
            try reader.forEachRow(of: citationColumns) { row in
                let claim = row[0] ?? ""
                if claim != current {
                    settle()
                    current = claim
                    (total, left, supporting, supportLeft) = (0, 0, 0, 0)
                }
                total += 1
                let supports = row[3] != Stance.denies.rawValue
                if supports { supporting += 1 }
                if isWithheld(citationSource: row[1], via: row[2]) {
                    left += 1
                    if supports { supportLeft += 1 }
                }
            }
            settle()
            // The ends of the claims that go, less those that take part in a claim that stays.
            var ended: Set<String> = []
            let ends = Table(name: "claim", columns: ["id", "subject", "object"], order: "rowid")
            try reader.forEachRow(of: ends) { row in
                if let id = row[0], claims.contains(id) { ended.formUnion([row[1], row[2]].compactMap { $0 }) }
            }
            if !ended.isEmpty {
                try reader.forEachRow(of: ends) { row in
                    guard let id = row[0], !claims.contains(id) else { return }
                    for end in [row[1], row[2]] { if let end { ended.remove(end) } }
                }
            }
            entities = ended
            self.names = WithheldNames(names)
        }

        /// The ids, titles, authors and urls the `withheld` sources had before, as the history of the
        /// store copied holds them (a pseudonym given with `rename` and `set` before the source was
        /// withheld: a text quoting its first title still names it).
        private static func earlierNames(of withheld: Set<String>, in reader: Reader, source: StoreLocation) throws
            -> [String]
        {
            // The reader's own connection where it is a GraphStore; a server's, opened again.
            let store: GraphStore
            if case .file(let opened) = reader { store = opened } else { store = try openForReading(source) }
            var names: [String] = []
            for id in withheld.sorted() {
                for entry in try store.history(of: id, recordLimit: .max) {
                    for record in entry.records where record.kind == .source {
                        names.append(record.id)
                        for line in [record.before, record.after].compactMap({ $0 }) {
                            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                            for field in ["title", "author", "url"] {
                                if let value = object?[field] as? String { names.append(value) }
                            }
                        }
                    }
                }
            }
            return names
        }

        /// The free-text columns of each table, where a withheld source may still be named.
        private static let freeText: [String: [String]] = [
            "entity": ["id", "name", "description", "attributes"], "entity_name": ["name"], "entity_merged": ["merged"],
            "source": ["id", "title", "publisher", "author", "url", "full_text"], "claim": ["id", "notes"],
            "citation": ["quote", "quote_en", "locator"],
        ]

        /// Notes which of the kept `row`'s free-text fields name a withheld source.
        func lookForMentions(in row: [String?], of table: StoreCopy.Table) {
            guard !names.isEmpty, let fields = Self.freeText[table.name] else { return }
            for field in fields {
                guard let index = table.columns.firstIndex(of: field), let text = row[index], names.isNamed(in: text)
                else { continue }
                let record =
                    switch table.name {
                    // By its source, not its number: the copy numbers what it keeps afresh.
                    case "citation":
                        "claim \(row[0] ?? "?")'s citation of \(row[table.columns.firstIndex(of: "source")!] ?? "?")"
                            + (row[table.columns.firstIndex(of: "via")!].map { " via \($0)" } ?? "")
                    case "entity_name", "entity_merged": "entity \(row[table.columns.firstIndex(of: "entity")!] ?? "?")"
                    default: "\(table.name) \(row[table.columns.firstIndex(of: "id")!] ?? "?")"
                    }
                let mention = "\(record) (\(field == "full_text" ? "text" : field))"
                if mentioned.count == 1000 {
                    if !mentioned.contains(mention) { mentionsBeyond += 1 }
                } else if mentioned.insert(mention).inserted {
                    mentions.append(mention)
                }
            }
        }

        private func isWithheld(citationSource source: String?, via: String?) -> Bool {
            source.map(withholding.sources.contains) == true || via.map(withholding.sources.contains) == true
        }

        /// The row as the copy writes it into `table`, or nil when it is left out. Citations come
        /// in claim order: `position` numbers those kept afresh, from 0 as a store does, claim by
        /// claim.
        func rewrite(_ row: [String?], of table: StoreCopy.Table, position: inout (claim: String?, next: Int)) -> [String?]? {
            var row = row
            func column(_ name: String) -> Int { table.columns.firstIndex(of: name)! }
            switch table.name {
            case "entity":
                if let id = row[column("id")], entities.contains(id) { return nil }
            case "entity_name", "entity_merged":
                if let id = row[column("entity")], entities.contains(id) { return nil }
            case "source":
                guard let id = row[column("id")], withholding.sources.contains(id) else { return row }
                guard let stub = stubs[id] else { return nil }
                return table.columns.map { name in
                    switch name {
                    case "id": stub
                    case "type": SourceType.other.rawValue
                    case "title": "A withheld source"
                    case "reliability": row[column("reliability")]
                    default: nil
                    }
                }
            case "source_cites":
                for name in ["source", "cited"] {
                    guard let id = row[column(name)], withholding.sources.contains(id) else { continue }
                    guard let stub = stubs[id] else { return nil }
                    row[column(name)] = stub
                }
            case "claim":
                if let id = row[column("id")], claims.contains(id) { return nil }
                if withholding.notes { row[column("notes")] = nil }
            case "citation":
                if isWithheld(citationSource: row[column("source")], via: row[column("via")]) { return nil }
                if let claim = row[column("claim")], claims.contains(claim) { return nil }
                if withholding.notes, let locator = row[column("locator")] {
                    row[column("locator")] = QuoteLocator.withoutUnverifiedReason(locator)
                }
                let claim = row[column("claim")]
                if claim != position.claim { position = (claim, 0) }
                row[column("position")] = String(position.next)
                position.next += 1
            default: break
            }
            return row
        }
    }

    /// A claim the copy keeps with fewer citations that reads weaker in it than in the store
    /// copied: its status falls, or its best grade does (``ClaimStrength``, as
    /// ``SourceImpact/Claim/readsWeaker`` says it). An editor withholding an informant learns
    /// that the claim the piece calls asserted is asserted only by the informant.
    public struct WeakerClaim: Sendable, Equatable {
        public let claimID: String
        public let before: SupportStrength.Rank
        public let after: SupportStrength.Rank
    }

    /// What the copy's chains make of the claims it keeps with fewer citations (a copy's
    /// ``Summary/thinnedClaims``), each read and weighed once in the copy.
    public struct ThinnedClaims: Sendable, Equatable {
        /// The citations graded 1 (confirmed) that the copy's chains no longer bear out: what
        /// confirmed them was withheld, and the grade would tell that something did.
        public var unconfirmedGrades: [UnconfirmedGrade] = []
        /// Those that read weaker in the copy than in the store copied, in the order given.
        public var weaker: [WeakerClaim] = []

        public init() {}
    }

    /// Reads the thinned `claims` back from the copy at `target`, and weighs each against the
    /// store copied, at `source`.
    public static func readBack(thinned claims: [String], from source: StoreLocation, in target: StoreLocation) throws
        -> ThinnedClaims
    {
        var found = ThinnedClaims()
        guard !claims.isEmpty else { return found }
        let copy = try openForReading(target)
        let graph = try TransmissionGraph(store: copy)
        let original = try openForReading(source)
        // Only the sources the thinned claims' chains reach, of a store that may be large.
        let originalGraph = TransmissionGraph(readingOnDemandFrom: original)
        for id in claims {
            guard let claim = try copy.claim(id: id) else { continue }
            let weight = graph.weigh(claim)
            found.unconfirmedGrades += graph.unconfirmedGrades(of: claim, weighed: weight)
            guard let after = weight.strength?.rank, let before = try original.claim(id: id),
                let beforeRank = originalGraph.weigh(before).strength?.rank, beforeRank.strength < after.strength
            else { continue }
            found.weaker.append(WeakerClaim(claimID: id, before: beforeRank, after: after))
        }
        try originalGraph.throwReadFailure()
        return found
    }

    /// The store at `location`, opened for reading: a file or a schema on a server.
    static func openForReading(_ location: StoreLocation) throws -> GraphStore {
        switch location {
        case .file(let path): try GraphStore(path: path, access: .read)
        case .postgreSQL(let server): try GraphStore(postgreSQL: server, access: .read)
        }
    }

    /// The table of that name.
    static func table(_ name: String) -> Table { tables.first { $0.name == name }! }
}
