/// The citations an import's records give that quote anew a passage a stored citation of the
/// same claim and claimant quotes otherwise (``Citation/quotesTheSamePassage(as:)``), where the
/// records of that claim leave the stored one out: a quote edited in another store (its hedge cut
/// off, say), which the import, matching citations by source, via and quote, would add beside
/// the one it was edited from. The claim would then hold the passage twice, with two stances
/// perhaps, and the edit's history, brought by `import --from history`, would tell of a change
/// the store does not show.
///
/// A claim's records may come on several lines (an FtM file gives each citation its own): a
/// stored citation a later line of the claim gives is not left out, so each finding waits for
/// the end of the input. Only stored citations no record of the claim has given yet are
/// compared, which keeps the citations an earlier line of it added apart from the store's: the
/// keys given are held for the claim read last (a claim's lines follow each other), and a claim
/// whose lines are apart is compared at its first; or for every claim, when made so (a sheet,
/// which holds a hash of each row's citation anyway, writes a claim's rows apart when other rows
/// come between them).
struct RequotedPassages {
    /// One citation given anew beside a stored one of the same passage.
    struct Finding {
        let location: ImportSession.Location
        let claim: String
        /// The given citation's place in its record.
        let position: Int
        let given: Citation
        /// The stored citation's place in the stored claim (its number less one).
        let storedPosition: Int
        let stored: Citation
    }

    private var findings: [String: [Finding]] = [:]
    private var order: [String] = []
    /// The claim read last and the keys of the citations its records gave.
    private var current: (claim: String, given: GivenKeys)?
    /// The keys given for each claim read before the last, when every claim's are kept.
    private var earlierClaims: [String: GivenKeys]?

    init(keepingEveryClaim: Bool = false) {
        earlierClaims = keepingEveryClaim ? [:] : nil
    }
    /// That claim as the store held it when one of its lines first needed it, with the keys of
    /// its citations and the passages compared so far: a claim given one citation a line, beside
    /// many stored, is read and its passages worked out once, not once a line.
    private var held: (claim: Claim, keys: Set<Int64>, passages: [Int: QuotedPassage])?

    /// Reads a claim's record: `isFirst` when no earlier record of this import gave the claim.
    /// `stored` reads the claim as the store holds it now, when it holds it and not every one of
    /// `keys` (the citations' ``Citation/key``s): asked only when it can matter.
    mutating func read(
        _ claim: Claim, keys: [Int64], isFirst: Bool, at location: ImportSession.Location,
        stored: ([Int64]) throws -> Claim?
    ) rethrows {
        // A stored citation this record gives is no longer left out.
        if !findings.isEmpty, var waiting = findings[claim.id] {
            waiting.removeAll { keys.contains($0.stored.key) }
            findings[claim.id] = waiting
        }
        // Another claim than the last: the last one's keys kept, when every claim's are, as it
        // leaves (not copied on each line of it).
        if let last = current, last.claim != claim.id, earlierClaims != nil {
            current = nil
            earlierClaims?[last.claim] = last.given
        }
        var earlier: GivenKeys
        if isFirst {
            earlier = GivenKeys()
        } else if let given = current?.given, current?.claim == claim.id {
            earlier = given
        } else if let given = earlierClaims?.removeValue(forKey: claim.id) {
            earlier = given
        } else {
            // Lines of the claim apart: what the earlier ones gave is not held any more.
            current = nil
            held = nil
            return
        }
        // Held here alone while it grows: a claim given on 40,000 lines is not copied on each.
        current = nil
        // Given by an earlier line of the claim: compared then.
        let givenHere = isFirst ? keys : keys.filter { !earlier.contains($0) }
        earlier.add(keys)
        current = (claim.id, earlier)
        guard !givenHere.isEmpty, claim.citations.contains(where: { $0.retraction == nil }) else { return }
        if held?.claim.id != claim.id {
            held = nil
            guard let stored = try stored(keys) else { return }
            held = (stored, Set(stored.citations.map(\.key)), [:])
        }
        guard var held else { return }
        self.held = nil
        defer { self.held = held }
        for (position, citation) in claim.citations.enumerated()
        where citation.retraction == nil && !held.keys.contains(citation.key) && givenHere.contains(citation.key) {
            for index in held.claim.indicesQuotingTheSamePassage(as: citation, passages: &held.passages)
            where !earlier.contains(held.claim.citations[index].key) {
                if findings[claim.id] == nil { order.append(claim.id) }
                findings[claim.id, default: []].append(
                    Finding(
                        location: location, claim: claim.id, position: position, given: citation, storedPosition: index,
                        stored: held.claim.citations[index]))
            }
        }
    }

    /// The keys of the citations a claim's lines gave: a few, in an array (cheaper to make for
    /// each claim than a set), and a set once they are many (a claim given on 40,000 lines).
    struct GivenKeys {
        private var few: [Int64] = []
        private var many: Set<Int64>?

        func contains(_ key: Int64) -> Bool { many?.contains(key) ?? few.contains(key) }

        mutating func add(_ keys: [Int64]) {
            if many != nil {
                many?.formUnion(keys)
                return
            }
            // A claim's first line: its keys shared, not copied.
            if few.isEmpty { few = keys } else { few.append(contentsOf: keys) }
            if few.count > 32 {
                many = Set(few)
                few = []
            }
        }
    }

    /// What no record of its claim took back, claim by claim as first found.
    var remaining: [Finding] { order.flatMap { findings[$0] ?? [] } }

    /// The problem a finding reports: one line, with both citations' numbers, stances and
    /// quotes (cut to their first 60 characters).
    static func problem(_ finding: Finding) -> RecordProblem {
        RecordProblem(
            record: "claim \"\(Text.printable(finding.claim))\"", field: "citations[\(finding.position)]",
            message:
                "\(twoQuotes(finding)), and the claim's record leaves that one out: an edited quote, say; citations are matched by source, via and quote, so it would be added beside it, the passage cited twice",
            remedy: .replacingStoredCitations)
    }

    /// What a finding says of its two citations, as a problem's message begins (a record's, a
    /// sheet row's): both stances and quotes (cut to their first 60 characters), and the stored
    /// one's number.
    static func twoQuotes(_ finding: Finding) -> String {
        func described(_ citation: Citation) -> String {
            "\(citation.stance.rawValue) «\(Text.printable(Text.excerpt(citation.quote)))»"
        }
        return
            "quotes (\(described(finding.given))) the passage of \"\(Text.printable(finding.stored.source))\" that stored citation \(finding.storedPosition + 1) quotes (\(described(finding.stored))), one quote within the other"
    }
}
