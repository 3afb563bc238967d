/// A claim that some sources support and others deny, with both sides' citations.
public struct Dispute: Hashable, Sendable {
    public let claim: GradedClaim
    /// The asserting and reporting citations, in the claim's order.
    public let supporting: [GradedCitation]
    public let denying: [GradedCitation]
}

/// Two claims that cannot both hold.
public struct Incompatibility: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        /// Opposed predicates (`allied_with`, `hostile_to`) between the same entities over
        /// periods that overlap.
        case opposedPredicates = "opposed-predicates"
        /// One subject, a predicate exclusive in time (`branch_of`), two objects, overlapping periods.
        case exclusiveInTime = "exclusive-in-time"
        /// A person killed at a date, and a claim of that person acting that starts after it.
        case actsAfterDeath = "acts-after-death"
    }

    public let kind: Kind
    /// The first claim's id (for acts after death: the killing).
    public let first: String
    public let second: String
    /// Whether the dates make the clash certain; false when they only fail to rule it out
    /// (a missing start, an open end, or a date too coarse to tell).
    public let isCertain: Bool
    /// One line for the analyst.
    public let explanation: String

    public var description: String { explanation }
}

/// Every dispute and incompatibility in a store: what `isnad disputes` lists.
public struct Contradictions: Sendable {
    /// Claims with both supporting and denying citations, by id.
    public let disputes: [Dispute]
    /// Pairs of claims that cannot both hold, by kind, then first and second id.
    public let incompatibilities: [Incompatibility]

    /// Reads every claim once; only claims with some supporting citation take part in
    /// incompatibilities (a claim everyone denies holds for no one).
    public static func find(
        in store: GraphStore, vocabulary: Vocabulary = .standard, constraints: PredicateConstraints = .standard
    ) throws -> Contradictions {
        var disputes: [Dispute] = []
        var byPair: [SourceImpact.EntityPair: [Fact]] = [:]
        var bySubject: [String: [Fact]] = [:]
        var deaths: [(person: String, fact: Fact)] = []
        try store.forEachClaim { claim in
            let supporting = claim.citations.filter { $0.citation.stance != .denies }
            let denying = claim.citations.filter { $0.citation.stance == .denies }
            if !supporting.isEmpty, !denying.isEmpty {
                disputes.append(Dispute(claim: claim, supporting: supporting, denying: denying))
            }
            guard !supporting.isEmpty else { return }
            let fact = Fact(claim.claim, vocabulary: vocabulary)
            if constraints.opposites[fact.predicate] != nil {
                byPair[SourceImpact.EntityPair(fact.subject, fact.object), default: []].append(fact)
            }
            if constraints.exclusiveInTime.contains(fact.predicate) { bySubject[fact.subject, default: []].append(fact) }
            if fact.predicate == "killed_in", fact.period.start != nil { deaths.append((fact.subject, fact)) }
            if fact.predicate == "killed", fact.period.start != nil { deaths.append((fact.object, fact)) }
        }
        var found: [Incompatibility] = []
        for (pair, facts) in byPair.sorted(by: { $0.key < $1.key }) {
            for (i, a) in facts.enumerated() {
                for b in facts[(i + 1)...] where constraints.areOpposed(a.predicate, b.predicate) {
                    let isEitherWay = vocabulary[a.predicate]?.isSymmetric == true || vocabulary[b.predicate]?.isSymmetric == true
                    guard isEitherWay || a.subject == b.subject, let overlap = a.period.overlap(b.period) else { continue }
                    let (first, second) = a.id <= b.id ? (a, b) : (b, a)
                    found.append(
                        Incompatibility(
                            kind: .opposedPredicates, first: first.id, second: second.id, isCertain: overlap,
                            explanation:
                                "\(first.id) (\(first.predicate)) and \(second.id) (\(second.predicate)): opposed between \(pair.first) and \(pair.second), periods \(overlap ? "overlap" : "may overlap")"
                        ))
                }
            }
        }
        for (subject, facts) in bySubject.sorted(by: { $0.key < $1.key }) {
            for (i, a) in facts.enumerated() {
                for b in facts[(i + 1)...] where a.predicate == b.predicate && a.object != b.object {
                    guard let overlap = a.period.overlap(b.period) else { continue }
                    let (first, second) = a.id <= b.id ? (a, b) : (b, a)
                    found.append(
                        Incompatibility(
                            kind: .exclusiveInTime, first: first.id, second: second.id, isCertain: overlap,
                            explanation:
                                "\(first.id) and \(second.id): \(subject) \(a.predicate) both \(first.object) and \(second.object), one at a time, periods \(overlap ? "overlap" : "may overlap")"
                        ))
                }
            }
        }
        for (person, death) in deaths.sorted(by: { ($0.person, $0.fact.id) < ($1.person, $1.fact.id) }) {
            guard let died = death.period.start else { continue }
            for claim in try store.claims(of: person) {
                let act = Fact(claim.claim, vocabulary: vocabulary)
                let isActor =
                    act.subject == person || (vocabulary[act.predicate]?.isSymmetric == true && act.object == person)
                guard isActor, !Fact.passivePredicates.contains(act.predicate), act.id != death.id,
                    claim.citations.contains(where: { $0.citation.stance != .denies }),
                    let acted = act.period.start, acted.firstDay > died.lastDay
                else { continue }
                found.append(
                    Incompatibility(
                        kind: .actsAfterDeath, first: death.id, second: act.id, isCertain: true,
                        explanation:
                            "\(death.id) has \(person) killed in \(died), but \(act.id) has \(person) \(act.predicate) \(act.subject == person ? act.object : act.subject) from \(acted)"
                    ))
            }
        }
        func order(_ kind: Incompatibility.Kind) -> Int {
            [Incompatibility.Kind.opposedPredicates, .exclusiveInTime, .actsAfterDeath].firstIndex(of: kind) ?? 0
        }
        found.sort { (order($0.kind), $0.first, $0.second) < (order($1.kind), $1.first, $1.second) }
        return Contradictions(disputes: disputes.sorted { $0.claim.claim.id < $1.claim.claim.id }, incompatibilities: found)
    }
}

/// A claim reduced to what incompatibility needs.
struct Fact {
    /// Predicates a dead person can still be the subject of: their death and their kinship.
    static let passivePredicates: Set<String> = ["killed_in", "child_of", "citizen_of"]

    let id: String
    let subject: String
    let predicate: String
    let object: String
    let period: ClaimSpan

    init(_ claim: Claim, vocabulary: Vocabulary) {
        id = claim.id
        subject = claim.subject
        predicate = claim.predicate
        object = claim.object
        period = ClaimSpan(
            start: claim.start, end: claim.end, temporal: vocabulary[claim.predicate]?.temporal ?? .state)
    }
}

/// The time a claim covers, read by its predicate's temporal kind (see ``Predicate/Temporal``):
/// its widest reading is the one date filters use (`ClaimPeriod` in Query/GraphFilter.swift).
struct ClaimSpan {
    let start: PartialDate?
    let end: PartialDate?
    let temporal: Predicate.Temporal

    /// The widest reading, as first and last days; nil means unbounded on that side. A state
    /// without a start may have begun at any time, without an end still holds; an event
    /// without a start could be at any time.
    var widest: (from: String?, until: String?) {
        switch temporal {
        case .state: (start?.firstDay, end?.lastDay)
        case .event: start == nil ? (nil, nil) : (start?.firstDay, (end ?? start)?.lastDay)
        }
    }

    /// The narrowest reading: the days it certainly covers (nil until: no end), or nil when it
    /// certainly covers none (no start, or an event dated coarser than a day).
    var narrowest: (from: String, until: String?)? {
        guard let start else { return nil }
        let until: String? =
            switch temporal {
            case .state: end?.firstDay
            case .event: (end ?? start).firstDay
            }
        if let until, until < start.lastDay { return nil }
        return (start.lastDay, until)
    }

    /// Nil when the dates rule out any overlap; true when the periods certainly overlap,
    /// false when they only may.
    func overlap(_ other: ClaimSpan) -> Bool? {
        let (a, b) = (widest, other.widest)
        if let aUntil = a.until, let bFrom = b.from, aUntil < bFrom { return nil }
        if let bUntil = b.until, let aFrom = a.from, bUntil < aFrom { return nil }
        guard let x = narrowest, let y = other.narrowest else { return false }
        return (x.until.map { y.from <= $0 } ?? true) && (y.until.map { x.from <= $0 } ?? true)
    }
}
