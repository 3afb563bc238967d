extension DOTWriter {
    /// One pair's edge (``writePairs(_:onCount:)``) as its claims stream in: how many there are,
    /// what the strongest draws (predicate, rank; the ends are the pair's key's), how many are disputed and who denies the
    /// strongest of those, how many claims each source is on (short labels), and the claims whose
    /// tooltip text (and, with full labels, label line) the edge can still show, strongest first.
    /// Each claim's text is kept in a ``SpillFile``, not here.
    ///
    /// A quoted DOT string is cut at ``DOTEscaping/longestString`` bytes, so once the text of the
    /// strongest claims fills that, a weaker claim's text is never written: it is not kept. The
    /// claims kept are therefore those of a small pair, and at most a few hundred of a large one
    /// (the shortest tooltip of a claim is some 60 bytes), however many claims it has.
    struct PairAggregate {
        /// A claim of the pair whose text the edge may show: its place in the order and where its
        /// text is.
        struct Shown {
            let rank: SupportStrength.Rank
            let id: String
            /// Where its tooltip text starts in the spill file; its label line follows it.
            let offset: Int
            let tooltipLength: Int
            let lineLength: Int

            static func < (a: Shown, b: Shown) -> Bool {
                a.rank != b.rank ? a.rank < b.rank : a.id < b.id
            }
        }

        // The pairs' dictionary holds one of these for each pair (some 700,000 at a million
        // claims) and reserves its room for each of its free buckets too: its fields are few and
        // small. What only a pair of several claims or a disputed one needs is boxed
        // (`tallies`), and the ends are the pair's key's, not kept here.

        /// The claims whose text may be shown, by rank and then id: the first is the strongest.
        private(set) var shown: [Shown] = []
        /// The strongest claim's predicate (its rank is `shown[0]`'s).
        private(set) var strongestPredicate = ""
        /// The predicate family every claim of the pair is of; nil when two differ, or when a
        /// predicate has none. The colour is the strongest claim's: this says whether it speaks
        /// for them all.
        private(set) var sharedFamily: String?
        private var tallies: Tallies?
        private var count: Int32 = 0
        private var disputed: Int32 = 0
        /// The source a short label names for the strongest claim (its best support), -1 for none.
        private var named: Int32 = -1
        /// The first claim's supporters when one or two (-1 for none), kept here so that a pair
        /// of one claim, most pairs, allocates no table: at 100k claims the tables cost 7 MB.
        private var firstSupporters: (Int32, Int32) = (-1, -1)
        /// Whether each claim's label line is shown (full labels), or only the tooltip.
        let showsLines: Bool

        /// The claims of the pair, shown or not.
        var claimCount: Int { Int(count) }
        /// How many of the pair's claims are disputed: a short label says so, whichever claim is
        /// the strongest, since a picture shows no tooltip.
        var disputedCount: Int { Int(disputed) }
        /// The strongest disputed claim (by rank, then id), whose denier a short label names.
        var strongestDispute: Dispute? { tallies?.strongestDispute }
        /// The source a short label names for the strongest claim (its best support).
        var strongestNamed: Int32? { named < 0 ? nil : named }

        /// A disputed claim of the pair, as a short label names it: who denies it (a source's
        /// number in the export, ``PairAggregate/add(_:predicate:family:voices:)``), over the
        /// lines that say so (`hadera-2022-article`, `(denies E3)`).
        struct Dispute {
            let rank: SupportStrength.Rank
            let id: String
            let denier: Int32?
            let lines: [String]
        }

        /// How many of the pair's claims each source supports, and denies, by its number (the
        /// label says when the source it names is on some of them only; kept only for short
        /// labels, as a full label names each claim's own source), and the strongest disputed
        /// claim: a pair that needs none of them, most pairs, holds no box.
        final class Tallies {
            var supportedClaims: [Int32: Int32] = [:]
            var deniedClaims: [Int32: Int32] = [:]
            var strongestDispute: Dispute?
        }

        /// Who speaks on a claim, for a short label: the sources that support it and that deny it
        /// (by their number in the export, so that a pair keeps numbers, not names), the one its
        /// label names (its best support), and the lines naming its strongest denial.
        struct Voices {
            var supporters: [Int32] = []
            var named: Int32?
            var deniers: [Int32] = []
            var denier: Int32?
            var denialLines: [String] = []
        }

        init(showsLines: Bool) {
            self.showsLines = showsLines
        }

        /// How many of the pair's claims the source numbered `source` supports (asserts or reports).
        func claims(supportedBy source: Int32) -> Int {
            Int(tallies?.supportedClaims[source] ?? 0) + (firstSupporters.0 == source || firstSupporters.1 == source ? 1 : 0)
        }

        /// How many of the pair's claims the source numbered `source` denies.
        func claims(deniedBy source: Int32) -> Int { Int(tallies?.deniedClaims[source] ?? 0) }

        /// The box of tallies, made when first needed; the pair's value is never copied while
        /// it is changed (a dictionary's `default:` subscript changes it in place), so the box
        /// is not shared.
        private mutating func boxedTallies() -> Tallies {
            if let tallies { return tallies }
            let made = Tallies()
            tallies = made
            return made
        }

        /// Counts a claim, and keeps it when its text may be shown; false when it is not kept, and
        /// its text need not be spilled. Claims it outranks whose text can no longer be shown are
        /// dropped. `predicate` and `family` are its predicate's and that predicate's family;
        /// `voices`, who speaks on it, for a short label.
        mutating func add(_ claim: Shown, predicate: String, family: String?, voices: Voices? = nil) -> Bool {
            count += 1
            sharedFamily = count == 1 || sharedFamily == family ? family : nil
            if let voices {
                if count == 1, voices.supporters.count <= 2 {
                    firstSupporters = (voices.supporters.first ?? -1, voices.supporters.dropFirst().first ?? -1)
                } else if !voices.supporters.isEmpty {
                    let tallies = boxedTallies()
                    for source in voices.supporters { tallies.supportedClaims[source, default: 0] += 1 }
                }
                if !voices.deniers.isEmpty {
                    let tallies = boxedTallies()
                    for source in voices.deniers { tallies.deniedClaims[source, default: 0] += 1 }
                }
            }
            if claim.rank.status == .disputed {
                disputed += 1
                let tallies = boxedTallies()
                if tallies.strongestDispute.map({ (claim.rank, claim.id) < ($0.rank, $0.id) }) ?? true {
                    tallies.strongestDispute = Dispute(
                        rank: claim.rank, id: claim.id, denier: voices?.denier, lines: voices?.denialLines ?? [])
                }
            }
            var low = 0
            var high = shown.count
            while low < high {
                let middle = (low + high) / 2
                if shown[middle] < claim { low = middle + 1 } else { high = middle }
            }
            shown.insert(claim, at: low)
            if low == 0 {
                strongestPredicate = predicate
                named = voices?.named ?? -1
            }
            let kept = keptCount()
            shown.removeSubrange(kept...)
            return low < kept
        }

        /// How many of the first claims of ``shown`` may be shown: a claim is not when the text of
        /// those before it (without the separator before it) fills a quoted string whole, in the
        /// tooltip and, when lines are shown, in the label. Escaping only lengthens text, so the
        /// string is cut within that text whether the claim is there or not.
        private func keptCount() -> Int {
            let limit = DOTEscaping.longestString
            var tooltip = -2  // "\n\n" between two claims' tooltips
            var label = -1  // "\n" between two lines
            for (index, claim) in shown.enumerated() {
                if tooltip >= limit, !showsLines || label >= limit { return index }
                tooltip += 2 + claim.tooltipLength
                label += 1 + claim.lineLength
            }
            return shown.count
        }
    }
}
