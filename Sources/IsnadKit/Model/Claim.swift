/// A typed, dated relationship between two entities, as somebody claims it.
///
/// A claim is never a fact: its ``citations`` say who makes it, in which words and how
/// strongly, and ``Evidence`` turns them into a status (asserted, alleged, disputed).
public struct Claim: Hashable, Sendable {
    /// Given in the record, or derived from subject, predicate, object and dates
    /// (see ``Claim/derivedID(subject:predicate:object:start:end:)``).
    public var id: String
    public var subject: String
    public var predicate: String
    public var object: String
    public var start: PartialDate?
    public var end: PartialDate?
    public var citations: [Citation]
    public var notes: String?
    /// Why the claim was retracted (`isnad retract`), or nil. A retracted claim stays in the
    /// store and its history, and is left out of queries and exports unless they are asked
    /// to include it.
    public var retraction: String?

    public init(
        id: String? = nil, subject: String, predicate: String, object: String, start: PartialDate? = nil,
        end: PartialDate? = nil, citations: [Citation], notes: String? = nil, retraction: String? = nil
    ) {
        self.id =
            id ?? Claim.derivedID(subject: subject, predicate: predicate, object: object, start: start, end: end)
        self.subject = subject
        self.predicate = predicate
        self.object = object
        self.start = start
        self.end = end
        self.citations = citations
        self.notes = notes
        self.retraction = retraction
    }

    /// Whether the claim, if it stands, keeps a citation that stands: one that does not fails
    /// `check` and its store's own export, and `retract --citation`, an import, `set` and `edit`
    /// each refuse to leave one.
    public var keepsAStandingCitation: Bool {
        retraction != nil || citations.contains { $0.retraction == nil }
    }

    /// The id derived from what `claim` says (its own id aside).
    public static func derivedID(_ claim: Claim) -> String {
        derivedID(subject: claim.subject, predicate: claim.predicate, object: claim.object, start: claim.start, end: claim.end)
    }

    /// The derived id that `id` is or continues (`c-` and 16 hex digits, then `-2`, `-3` … when
    /// a claim given other dates held it), or nil when it has another form.
    public static func derivedBase(of id: String) -> String? {
        let bytes = Array(id.utf8)
        guard bytes.count >= 18, bytes[0] == UInt8(ascii: "c"), bytes[1] == UInt8(ascii: "-"),
            bytes[2..<18].allSatisfy({
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0)
            })
        else { return nil }
        if bytes.count == 18 { return id }
        guard bytes.count > 19, bytes[18] == UInt8(ascii: "-"),
            bytes[19...].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else { return nil }
        return String(decoding: bytes[0..<18], as: UTF8.self)
    }

    /// The id of a claim given without one: `c-` and 16 hexadecimal digits of a 64-bit FNV-1a
    /// hash of its subject, predicate, object, start and end. The same relationship over the
    /// same dates always gets the same id, so importing it twice never duplicates it.
    public static func derivedID(
        subject: String, predicate: String, object: String, start: PartialDate?, end: PartialDate?
    ) -> String {
        let identity = [subject, predicate, object, start?.description ?? "", end?.description ?? ""]
        let hash = FNV1a.hash(identity)
        return "c-" + String(hash, radix: 16).leftPadded(to: 16)
    }
}

/// One source's word on a claim.
public struct Citation: Hashable, Sendable {
    /// The claimant: who makes the claim (the leaked document, the police, the group itself).
    public var source: String
    /// The source in which we read it and where the quote stands, when that is another one
    /// (the article that relays the leaked document).
    public var via: String?
    /// Verbatim, in the original language.
    public var quote: String
    /// An English translation of the quote.
    public var quoteEnglish: String?
    public var stance: Stance
    /// How credible this piece of information is, on the Admiralty scale.
    public var credibility: Credibility
    /// Where the quote stands in its text: a paragraph, a page, character offsets.
    public var locator: String?
    /// Why this citation was retracted (`isnad retract --citation`), or nil: it stays with its
    /// claim, and no longer counts as evidence.
    public var retraction: String?

    public init(
        source: String, via: String? = nil, quote: String, quoteEnglish: String? = nil, stance: Stance,
        credibility: Credibility, locator: String? = nil, retraction: String? = nil
    ) {
        self.source = source
        self.via = via
        self.quote = quote
        self.quoteEnglish = quoteEnglish
        self.stance = stance
        self.credibility = credibility
        self.locator = locator
        self.retraction = retraction
    }

    /// Identifies the citation within its claim: the same source, via and quote are the same
    /// citation, whatever its grades, so importing it again updates it. (Byte for byte: keys are
    /// stored, so taking the quote in another form would need every store's keys remade, and
    /// claims that hold one quote in two forms merged.)
    public var key: Int64 { Citation.key(source: source, via: via, quote: quote) }

    /// Whether this citation comes before `other`, of two equally strong, where one is shown
    /// for its claim: by source, via (none first) and quote, compared as their bytes, as the
    /// ``key`` tells citations apart. The order they were entered in plays no part.
    public func isShownBefore(_ other: Citation) -> Bool {
        func precedes(_ a: String, _ b: String) -> Bool? {
            a.utf8.elementsEqual(b.utf8) ? nil : a.utf8.lexicographicallyPrecedes(b.utf8)
        }
        return precedes(source, other.source) ?? precedes(via ?? "", other.via ?? "") ?? precedes(quote, other.quote) ?? false
    }

    /// Whether `other` is another citation (another ``key``) by this one's claimant, in the same
    /// `via`, of the same passage: one quote, as the quote matcher reads it
    /// (``QuoteLocator/passageKey(of:)``: marks, spaces, typeset characters and Unicode form
    /// aside), holds the other whole, from word boundary to word boundary. So are a quote and
    /// that quote with its hedge cut off ("which feeds the claim that Hamas cooperates with
    /// ISIS", "Hamas cooperates with ISIS"); two sentences of one text are not. Locators are not
    /// compared: a line or paragraph holds many passages.
    public func quotesTheSamePassage(as other: Citation) -> Bool {
        hasTheClaimantOf(other) && mayStandAtThePlaceOf(other)
            && QuotedPassage(quote).holdsOrIsWithin(QuotedPassage(other.quote))
    }

    /// False when both locators name lines of the source's text (`line 2`, `lines 31-32`, as
    /// a quote found in it is located) and no line is in both: two sentences of one text, one
    /// holding the other's words ("the movement rejects the operation" said twice, once with
    /// more), are two passages. True when either has no such locator: nothing tells them apart.
    func mayStandAtThePlaceOf(_ other: Citation) -> Bool {
        guard let mine = QuoteLocator.lines(of: locator), let theirs = QuoteLocator.lines(of: other.locator) else {
            return true
        }
        return mine.overlaps(theirs)
    }

    /// Whether `other` is another citation (another ``key``) by this one's claimant: the same
    /// source, through the same `via`.
    func hasTheClaimantOf(_ other: Citation) -> Bool {
        source == other.source && via == other.via && key != other.key
    }

    /// The ``key`` of a citation with this source, via and quote.
    public static func key(source: String, via: String?, quote: String) -> Int64 {
        Int64(bitPattern: FNV1a.hash([source, via ?? "", quote]))
    }
}

/// The 64-bit FNV-1a hash, over strings joined by NUL (which no stored string contains).
enum FNV1a {
    private static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01B3

    static func hash(_ parts: [String]) -> UInt64 {
        var hash = offsetBasis
        for (index, part) in parts.enumerated() {
            if index > 0 { hash = (hash ^ 0) &* prime }
            var text = part
            text.withUTF8 { bytes in
                for byte in bytes { hash = (hash ^ UInt64(byte)) &* prime }
            }
        }
        return hash
    }

    static func hash(bytes: [UInt8]) -> UInt64 {
        var hash = offsetBasis
        bytes.withUnsafeBufferPointer { buffer in
            for byte in buffer { hash = (hash ^ UInt64(byte)) &* prime }
        }
        return hash
    }
}

extension Claim {
    /// The first of subject, predicate and object in which this claim differs from `stored`, the
    /// claim of the same id in the store, with the stored value; nil when it keeps all three. A
    /// claim id keeps its relationship: its citations speak of that one.
    /// The place of a citation that quotes the passage `citation` quotes, but typed otherwise
    /// (other marks, spaces, typeset characters or Unicode form: ``QuoteLocator/passageKey(of:)``), from
    /// the same source through the same `via`; nil when none does, or when one quotes it in the
    /// same bytes (that one is the same citation, and its key is `citation`'s). Added beside it, a
    /// citation of one passage would count twice, and with another stance make the claim
    /// dispute itself.
    public func indexOfSamePassage(typedOtherwiseThan citation: Citation) -> Int? {
        if citations.contains(where: { $0.key == citation.key }) { return nil }
        // By bytes: the keys are composed already, and String's == composes again, in time
        // quadratic in a long run of marks (zalgo text).
        let passage = QuoteLocator.passageKey(of: citation.quote).utf8
        return citations.firstIndex {
            $0.source == citation.source && $0.via == citation.via
                && QuoteLocator.passageKey(of: $0.quote).utf8.elementsEqual(passage)
        }
    }

    /// The places of the standing citations that quote, from the same source through the same
    /// `via`, the passage `citation` quotes in other words (``Citation/quotesTheSamePassage(as:)``):
    /// one quote cut out of the other, or typed otherwise. A quote edited to drop its hedge is
    /// such a citation; given beside the one it was edited from, it counts the passage twice,
    /// and with another stance the claimant disputes itself.
    /// Of the claimant's standing citations, the first ``QuotedPassage/comparedAtMost`` are
    /// compared; `passages` keeps the passages worked out, by place, for the next call.
    public func indicesQuotingTheSamePassage(as citation: Citation, passages: inout [Int: QuotedPassage]) -> [Int] {
        let given = QuotedPassage(citation.quote)
        var compared = 0
        var found: [Int] = []
        for index in citations.indices where citations[index].retraction == nil && citations[index].hasTheClaimantOf(citation) {
            guard compared < QuotedPassage.comparedAtMost else { break }
            compared += 1
            guard citations[index].mayStandAtThePlaceOf(citation) else { continue }
            let stored = passages[index] ?? QuotedPassage(citations[index].quote)
            passages[index] = stored
            if stored.holdsOrIsWithin(given) { found.append(index) }
        }
        return found
    }

    /// Adds `citations` as a claim record adds them to the stored claim: one with the same key
    /// (source, via and quote) replaces the one it matches, the others come after.
    public mutating func join(_ citations: [Citation]) {
        // By key and kind (standing or retracted), each worked out once: a scan per citation took
        // the square of a claim's citations. A key may be held twice, a retracted citation beside
        // its standing twin (``CitationRepeats``): an added citation takes the place of the held one
        // of its kind, else of the held one of the other kind unless the added citations bring that
        // kind too (then the two make a pair), else comes after. Either order of a pair gives it.
        var standingPlace: [Int64: Int] = [:]
        var retractedPlace: [Int64: Int] = [:]
        for (index, held) in self.citations.enumerated() {
            if held.retraction == nil {
                if standingPlace[held.key] == nil { standingPlace[held.key] = index }
            } else if retractedPlace[held.key] == nil {
                retractedPlace[held.key] = index
            }
        }
        var addedStanding: Set<Int64> = []
        var addedRetracted: Set<Int64> = []
        for citation in citations {
            if citation.retraction == nil { addedStanding.insert(citation.key) } else { addedRetracted.insert(citation.key) }
        }
        for citation in citations {
            let key = citation.key
            let isRetracted = citation.retraction != nil
            let sameKind = isRetracted ? retractedPlace[key] : standingPlace[key]
            let otherKind =
                isRetracted
                ? (addedStanding.contains(key) ? nil : standingPlace[key])
                : (addedRetracted.contains(key) ? nil : retractedPlace[key])
            if let index = sameKind ?? otherKind {
                self.citations[index] = citation
            } else {
                if isRetracted { retractedPlace[key] = self.citations.count } else { standingPlace[key] = self.citations.count }
                self.citations.append(citation)
            }
        }
    }

    /// Whether `other` states the same relationship, the same way round, over the same dates.
    /// `symmetric`: the predicate reads the same both ways, so the ends may be the other way round.
    public func statesTheSame(as other: Claim, symmetric: Bool = false) -> Bool {
        (predicate, start, end) == (other.predicate, other.start, other.end)
            && ((subject, object) == (other.subject, other.object)
                || (symmetric && (subject, object) == (other.object, other.subject)))
    }

    /// Whether the id is the one derived from what the claim says.
    public var hasDerivedID: Bool {
        id == Claim.derivedID(subject: subject, predicate: predicate, object: object, start: start, end: end)
    }

    public func changedEnd(from stored: Claim) -> (field: String, stored: String)? {
        for (field, mine, theirs) in [
            ("subject", subject, stored.subject), ("predicate", predicate, stored.predicate), ("object", object, stored.object),
        ] where mine != theirs {
            return (field, theirs)
        }
        return nil
    }
}
