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
///
/// Found in two passes over the claims, which keep the ids of the disputed claims and, for the
/// claims whose predicate can clash, the few strings the pairs need: never a claim whole. The
/// pairs themselves are not kept. They can far outnumber the claims (every act of a person dated
/// after each report of their death), so they are counted once, without a word of their
/// explanations, and made again in order as they are read, those past a limit never made. The
/// claims of a group (one pair of entities; one subject and predicate) are still compared two
/// by two, cheaply: a group's size squared bounds the time, not the store's.
public struct Contradictions: Sendable {
    /// The ids of the disputed claims, those with some denying citation, in id order: supported
    /// and denied, or only denied (a claim recorded as a denial: "X is not hostile to Y").
    public let disputedClaims: [String]
    /// How many of ``disputedClaims`` no citation supports.
    public let onlyDeniedClaims: Int
    /// How many pairs of claims that cannot both hold there are of each kind.
    public private(set) var pairCounts: [Incompatibility.Kind: Int] = [:]
    private let opposed: Clusters
    private let exclusive: Clusters
    /// The claims that date a person's death, by id.
    private let deaths: [Fact]
    /// What each person whose death is dated did, dated: their acts.
    private let actsOfPerson: [String: Acts]
    /// Whether predicates numbered `i` and `j` (their places in the vocabulary) are opposed, at
    /// `i * count + j`: a subject's thousands of claims are compared pair by pair, so the test is
    /// an array's element, not two dictionary lookups.
    private let isOpposedPair: [Bool]
    private let predicateCount: Int
    /// The place in the vocabulary (as `isOpposedPair` is laid out) of each kind of `opposed`
    /// (a predicate), -1 outside it.
    private let opposedKindPredicates: [Int]

    /// The kinds in the order they are listed.
    public static let kinds: [Incompatibility.Kind] = [.opposedPredicates, .exclusiveInTime, .actsAfterDeath]

    /// How many pairs there are in all.
    public var pairCount: Int { pairCounts.values.reduce(0, +) }

    /// Reads every claim once with its citations' stances, then the dated claims once more
    /// without them, for the acts of the persons whose death is dated; only claims with some
    /// supporting citation take part in incompatibilities (a claim everyone denies holds for no
    /// one).
    public static func find(
        in store: GraphStore, vocabulary: Vocabulary = .standard, constraints: PredicateConstraints = .standard
    ) throws -> Contradictions {
        var disputed: [String] = []
        var onlyDenied = 0
        var opposed: [Fact] = []
        var exclusive: [Fact] = []
        var deaths: [(person: String, fact: Fact)] = []
        let predicateNumbers = Dictionary(
            vocabulary.predicates.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        // Claims no citation supports: few, and left out of every pair.
        var unsupported: Set<String> = []
        try store.forEachClaimOutline { claim, isSupported, isDenied in
            if isDenied {
                disputed.append(claim.id)
                if !isSupported { onlyDenied += 1 }
            }
            guard isSupported else {
                unsupported.insert(claim.id)
                return
            }
            let predicate = claim.predicate
            let isOpposable = constraints.opposites[predicate] != nil
            let isExclusive = constraints.exclusiveInTime.contains(predicate)
            let isDeath = (predicate == "killed_in" || predicate == "killed") && (claim.start != nil || claim.end != nil)
            guard isOpposable || isExclusive || isDeath else { return }
            let fact = Fact(claim, vocabulary: vocabulary, numbers: predicateNumbers)
            if isOpposable { opposed.append(fact) }
            if isExclusive { exclusive.append(fact) }
            if isDeath { deaths.append((predicate == "killed_in" ? fact.subject : fact.object, fact)) }
        }
        // `killed` also takes an organization, for the members it lost: an organization lives on.
        let killedObjects = Set(deaths.lazy.filter { $0.fact.predicate == "killed" }.map(\.person))
        let organizations = try store.entityTypes(killedObjects).filter { $0.value != .person }
        deaths.removeAll { organizations[$0.person] != nil && $0.fact.predicate == "killed" }
        // The dated acts of the persons whose death is dated, in one pass over the claims: a
        // symmetric claim reads the same both ways, so its object acts in it too.
        let dead = Set(deaths.map(\.person))
        var acts: [String: [Act]] = [:]
        if !dead.isEmpty {
            try store.forEachDatedClaim { subject, predicate, object in
                (dead.contains(subject) || (vocabulary[predicate]?.isSymmetric == true && dead.contains(object)))
                    && !Fact.passivePredicates.contains(predicate)
            } _: { claim in
                // The latest a state is known to hold: its end (a membership until 2023 held
                // into 2023), else its start; an event (a battle "until 2022-05" that killed him
                // in it) by its start.
                let predicate = vocabulary[claim.predicate]?.id ?? claim.predicate
                let isState = vocabulary[predicate]?.temporal != .event
                guard !unsupported.contains(claim.id), let acted = (isState ? claim.end : nil) ?? claim.start else { return }
                let isSymmetric = vocabulary[predicate]?.isSymmetric == true
                for (person, other) in [(claim.subject, claim.object), (claim.object, claim.subject)]
                where dead.contains(person) && (person == claim.subject || isSymmetric) {
                    acts[person, default: []].append(
                        Act(
                            id: claim.id, predicate: predicate, other: other, acted: acted, isEnd: isState && claim.end != nil,
                            isOpen: isState && claim.end == nil))
                }
            }
        }
        // Each person's acts sorted as they are moved: never two copies of them all.
        var actsOfPerson: [String: Acts] = [:]
        for person in Array(acts.keys) {
            guard let list = acts.removeValue(forKey: person) else { continue }
            actsOfPerson[person] = Acts(list)
        }
        var found = Contradictions(
            disputedClaims: disputed.sorted(), onlyDeniedClaims: onlyDenied,
            opposed: Clusters(opposed, group: { SourceImpact.EntityPair($0.subject, $0.object) }, kind: \.predicate),
            // Only claims with one predicate can clash: grouped by it too, a subject with
            // thousands of claims is not paired with itself claim by claim.
            // Of one predicate, only claims with different objects clash.
            exclusive: Clusters(exclusive, group: { [$0.subject, $0.predicate] }, kind: \.object),
            deaths: deaths.map(\.fact).sorted { $0.id < $1.id }, actsOfPerson: actsOfPerson, vocabulary: vocabulary,
            constraints: constraints)
        found.pairCounts = found.countPairs()
        return found
    }

    private init(
        disputedClaims: [String], onlyDeniedClaims: Int, opposed: Clusters, exclusive: Clusters,
        deaths: [Fact], actsOfPerson: [String: Acts], vocabulary: Vocabulary, constraints: PredicateConstraints
    ) {
        let names = vocabulary.predicates.map(\.id)
        predicateCount = names.count
        let predicateNumbers = Dictionary(names.enumerated().map { ($1, $0) }) { first, _ in first }
        opposedKindPredicates = opposed.kindValues.map { predicateNumbers[$0] ?? -1 }
        isOpposedPair = names.flatMap { first in names.map { constraints.areOpposed(first, $0) } }
        self.disputedClaims = disputedClaims
        self.onlyDeniedClaims = onlyDeniedClaims
        self.opposed = opposed
        self.exclusive = exclusive
        self.deaths = deaths
        self.actsOfPerson = actsOfPerson
    }

    /// Calls `body` with each disputed claim, in id order, read from `store` as it comes: both
    /// sides, with their citations. To stop early, throw from `body`.
    public func forEachDispute(in store: GraphStore, _ body: (Dispute) throws -> Void) throws {
        for id in disputedClaims {
            guard let claim = try store.claim(id: id) else { continue }
            try body(
                Dispute(
                    claim: claim, supporting: claim.citations.filter { $0.citation.stance != .denies },
                    denying: claim.citations.filter { $0.citation.stance == .denies }))
        }
    }

    /// Calls `body` with each pair of claims that cannot both hold: by kind (as ``kinds``), then
    /// by first and second id; at most `limitPerKind` of each kind when given. The pairs past
    /// the limit are not made. To stop early, throw from `body`.
    public func forEachIncompatibility(limitPerKind: Int? = nil, _ body: (Incompatibility) throws -> Void) throws {
        try withoutActuallyEscaping(body) { body in try forEachIncompatibility(limitPerKind: limitPerKind, escaping: body) }
    }

    private func forEachIncompatibility(
        limitPerKind: Int?, escaping body: @escaping (Incompatibility) throws -> Void
    ) throws {
        struct KindDone: Error {}
        /// The pairs of one kind: `pairs` calls `take` with what makes each pair, in order, until
        /// the limit. A kind counted empty is not looked through again.
        func list(
            _ kind: Incompatibility.Kind, _ pairs: (_ take: (() -> Incompatibility) throws -> Void) throws -> Void
        ) throws {
            guard pairCounts[kind] != nil else { return }
            var made = 0
            do {
                try pairs { clash in
                    if let limitPerKind, made >= limitPerKind { throw KindDone() }
                    made += 1
                    try body(clash())
                }
            } catch is KindDone {}
        }
        try list(.opposedPredicates) { take in
            try opposed.forEachPair(ofKinds: areOpposedKinds) { a, b in
                guard let overlap = opposedOverlap(a, b) else { return }
                let pair = SourceImpact.EntityPair(a.subject, a.object)
                try take {
                    Incompatibility(
                        kind: .opposedPredicates, first: a.id, second: b.id, isCertain: overlap,
                        explanation:
                            "\(a.id) (\(a.predicate)) and \(b.id) (\(b.predicate)): opposed between \(pair.first) and \(pair.second), periods \(overlap ? "overlap" : "may overlap")"
                    )
                }
            }
        }
        try list(.exclusiveInTime) { take in
            try exclusive.forEachPair(ofKinds: !=) { a, b in
                guard let overlap = exclusiveOverlap(a, b) else { return }
                try take {
                    Incompatibility(
                        kind: .exclusiveInTime, first: a.id, second: b.id, isCertain: overlap,
                        explanation:
                            "\(a.id) and \(b.id): \(a.subject) \(a.predicate) both \(a.object) and \(b.object), one at a time, periods \(overlap ? "overlap" : "may overlap")"
                    )
                }
            }
        }
        try list(.actsAfterDeath) { take in
            for death in deaths {
                guard let (firstDay, latestDay) = Contradictions.deathDays(death.period) else { continue }
                let person = death.predicate == "killed_in" ? death.subject : death.object
                let when =
                    death.period.start.map { died in "in " + (death.period.end.map { "\(died) – \($0)" } ?? "\(died)") }
                    ?? "by \(death.period.end.map { "\($0)" } ?? "")"
                // A state with no end holds still, as the filters read it: past the death, unless it
                // ended before it, which the dates do not say (not ruled out).
                for act in actsOfPerson[person]?.byID ?? []
                where act.id != death.id && (act.acted.firstDayNumber > firstDay || act.isOpen) {
                    try take {
                        Incompatibility(
                            kind: .actsAfterDeath, first: death.id, second: act.id,
                            isCertain: act.acted.firstDayNumber > latestDay,
                            explanation:
                                "\(death.id) has \(person) killed \(when), but \(act.id) has \(person) \(act.predicate) \(act.other) \(act.isEnd ? "until" : "from") \(act.acted)\(act.isOpen ? ", with no end" : "")"
                        )
                    }
                }
            }
        }
    }

    /// Every pair counted, none made: the acts after a death by a search among the acts' dates.
    private func countPairs() -> [Incompatibility.Kind: Int] {
        var counts: [Incompatibility.Kind: Int] = [:]
        var count = 0
        opposed.forEachPair(ofKinds: areOpposedKinds) { a, b in if opposedOverlap(a, b) != nil { count += 1 } }
        if count > 0 { counts[.opposedPredicates] = count }
        count = 0
        exclusive.forEachPair(ofKinds: !=) { a, b in if exclusiveOverlap(a, b) != nil { count += 1 } }
        if count > 0 { counts[.exclusiveInTime] = count }
        count = 0
        for death in deaths {
            guard let (firstDay, _) = Contradictions.deathDays(death.period) else { continue }
            let person = death.predicate == "killed_in" ? death.subject : death.object
            // A death's own claim is never among the acts it counts: dated at the death, it
            // does not start after it.
            count += actsOfPerson[person]?.count(clashingWithADeathAfter: firstDay) ?? 0
        }
        if count > 0 { counts[.actsAfterDeath] = count }
        return counts
    }

    /// The days an act must start after to clash with a death of this period: after the first
    /// (it may come after the death), and after the last (it certainly does). A death dated by a
    /// month, a year or a period happened on some day of it; one dated by its end only (killed
    /// by 2017-08) happened on that day or before, so only an act after it clashes, certainly.
    /// Nil for an undated death.
    static func deathDays(_ period: ClaimSpan) -> (first: Int32, last: Int32)? {
        if let died = period.start { return (died.firstDayNumber, (period.end ?? died).lastDayNumber) }
        guard let end = period.end else { return nil }
        return (end.lastDayNumber, end.lastDayNumber)
    }

    /// Whether claims of these two predicates (``Clusters``' kinds, as `opposed` numbers them) may clash.
    private func areOpposedKinds(_ a: Int, _ b: Int) -> Bool {
        let (x, y) = (opposedKindPredicates[a], opposedKindPredicates[b])
        return x >= 0 && y >= 0 && isOpposedPair[x * predicateCount + y]
    }

    /// Whether two claims of opposed predicates between one pair of entities clash: nil when
    /// they do not, else whether their periods certainly overlap.
    private func opposedOverlap(_ a: Fact, _ b: Fact) -> Bool? {
        guard a.predicateNumber >= 0, b.predicateNumber >= 0,
            isOpposedPair[a.predicateNumber * predicateCount + b.predicateNumber],
            a.isSymmetric || b.isSymmetric || a.subject == b.subject
        else { return nil }
        return a.period.overlap(b.period)
    }

    /// The same for two claims of one subject and one predicate exclusive in time.
    private func exclusiveOverlap(_ a: Fact, _ b: Fact) -> Bool? {
        guard a.object != b.object else { return nil }
        return a.period.overlap(b.period)
    }
}

/// Facts that may clash only within a group (one pair of entities, one subject and predicate),
/// in id order, with each group's members in id order: the pairs come out ordered by their
/// first claim's id, then their second's, as they are listed.
private struct Clusters: Sendable {
    let facts: [Fact]
    /// Each group's members, as positions in `facts`, ascending.
    let members: [[Int]]
    /// Each fact's group, and its place among the group's members.
    let place: [(group: Int, index: Int)]
    /// Each fact's kind (its predicate, its object: what decides whether two facts of a group
    /// may clash at all), numbered; the kinds' values by number; and each group's members of
    /// each kind, as positions in `facts`, ascending.
    let kinds: [Int]
    let kindValues: [String]
    let membersOfKind: [[Int: [Int]]]

    init<Key: Hashable>(_ facts: [Fact], group key: (Fact) -> Key, kind: (Fact) -> String) {
        let sorted = facts.sorted { $0.id < $1.id }
        var groupOfKey: [Key: Int] = [:]
        var numberOfKind: [String: Int] = [:]
        var kindValues: [String] = []
        var members: [[Int]] = []
        var membersOfKind: [[Int: [Int]]] = []
        var place: [(group: Int, index: Int)] = []
        var kinds: [Int] = []
        place.reserveCapacity(sorted.count)
        kinds.reserveCapacity(sorted.count)
        for (position, fact) in sorted.enumerated() {
            var isNewGroup = false
            let group = groupOfKey.value(for: key(fact), orPut: members.count, isPut: &isNewGroup)
            if isNewGroup {
                members.append([])
                membersOfKind.append([:])
            }
            let value = kind(fact)
            var isNewKind = false
            let number = numberOfKind.value(for: value, orPut: kindValues.count, isPut: &isNewKind)
            if isNewKind { kindValues.append(value) }
            place.append((group, members[group].count))
            members[group].append(position)
            membersOfKind[group][number, default: []].append(position)
            kinds.append(number)
        }
        self.facts = sorted
        self.members = members
        self.place = place
        self.kinds = kinds
        self.kindValues = kindValues
        self.membersOfKind = membersOfKind
    }

    /// Calls `body` with every two facts of a group whose kinds `mayClash`, the one with the
    /// smaller id first: by the first's id, then the second's. A group's facts of the kinds
    /// that may clash with a fact's are merged in id order, so that facts that cannot clash
    /// (thousands of `attacked` claims between one pair, none opposed to another) are never
    /// paired: pairing every two took the square of the group. A group of many kinds is
    /// looked through whole.
    func forEachPair(ofKinds mayClash: (Int, Int) -> Bool, _ body: (Fact, Fact) throws -> Void) rethrows {
        for (position, fact) in facts.enumerated() {
            let (group, index) = place[position]
            let kind = kinds[position]
            let groupKinds = membersOfKind[group]
            if groupKinds.count > 8 {
                for other in members[group][(index + 1)...] where mayClash(kind, kinds[other]) {
                    try body(fact, facts[other])
                }
                continue
            }
            // The later members of each kind that may clash, merged by position.
            var runs: [(list: [Int], next: Int)] = []
            for (otherKind, list) in groupKinds where mayClash(kind, otherKind) {
                let next = Self.firstIndex(in: list, after: position)
                if next < list.count { runs.append((list, next)) }
            }
            while !runs.isEmpty {
                var smallest = 0
                for run in runs.indices.dropFirst()
                where runs[run].list[runs[run].next] < runs[smallest].list[runs[smallest].next] {
                    smallest = run
                }
                let other = runs[smallest].list[runs[smallest].next]
                runs[smallest].next += 1
                if runs[smallest].next == runs[smallest].list.count { runs.remove(at: smallest) }
                try body(fact, facts[other])
            }
        }
    }

    /// The index of the first element of `list` (ascending) greater than `position`.
    private static func firstIndex(in list: [Int], after position: Int) -> Int {
        var low = 0
        var high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle] <= position { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// A person's dated act, as an act after their death names it.
private struct Act: Sendable {
    let id: String
    let predicate: String
    /// The other end of the claim.
    let other: String
    let acted: PartialDate
    /// Whether `acted` is the claim's end (it held until then), not its start.
    let isEnd: Bool
    /// Whether it is a state with a start and no end: it holds still.
    let isOpen: Bool
}

/// One person's dated acts, by id (to list them) and by first day (to count them).
private struct Acts: Sendable {
    let byID: [Act]
    /// The acts' first days (``PartialDate/firstDayNumber``), ascending.
    private let firstDays: [Int32]
    /// The first days of the states with no end, ascending.
    private let openFirstDays: [Int32]

    /// Each claim once (a claim of a person with themselves is read from both ends).
    init(_ acts: [Act]) {
        var byID = acts.sorted { $0.id < $1.id }
        var seen: Set<String> = []
        byID.removeAll { !seen.insert($0.id).inserted }
        self.byID = byID
        firstDays = byID.map(\.acted.firstDayNumber).sorted()
        openFirstDays = byID.filter(\.isOpen).map(\.acted.firstDayNumber).sorted()
    }

    /// How many acts clash with a death after whose first day (`day`) they must start: those
    /// that start after it, and the states with no end that start by it (they hold still).
    func count(clashingWithADeathAfter day: Int32) -> Int {
        (firstDays.count - Acts.countUpTo(day, in: firstDays)) + Acts.countUpTo(day, in: openFirstDays)
    }

    /// How many of the ascending `days` are on or before `day`.
    private static func countUpTo(_ day: Int32, in days: [Int32]) -> Int {
        var (low, high) = (0, days.count)
        while low < high {
            let middle = (low + high) / 2
            if days[middle] > day { high = middle } else { low = middle + 1 }
        }
        return low
    }
}

/// A claim reduced to what incompatibility needs.
struct Fact: Sendable {
    /// Predicates a dead person can still be the subject of: their death and their kinship.
    static let passivePredicates: Set<String> = ["killed_in", "child_of", "citizen_of"]

    let id: String
    let subject: String
    let predicate: String
    let object: String
    let period: ClaimSpan
    /// The predicate's place in the vocabulary (-1 outside it), and whether it is symmetric.
    let predicateNumber: Int
    let isSymmetric: Bool

    init(_ claim: Claim, vocabulary: Vocabulary, numbers: [String: Int]) {
        id = claim.id
        subject = claim.subject
        // The vocabulary's own string: one copy of each predicate, however many claims.
        predicate = vocabulary[claim.predicate]?.id ?? claim.predicate
        object = claim.object
        predicateNumber = numbers[claim.predicate] ?? -1
        isSymmetric = vocabulary[claim.predicate]?.isSymmetric == true
        period = ClaimSpan(
            start: claim.start, end: claim.end, temporal: vocabulary[claim.predicate]?.temporal ?? .state)
    }
}

/// The time a claim covers, read by its predicate's temporal kind (see ``Predicate/Temporal``):
/// its widest reading is the one date filters use (`ClaimPeriod` in Query/GraphFilter.swift).
/// Both readings are worked out once, as day numbers (`YYYYMMDD`, ordered as the days): a
/// subject's claims are compared with each other, and a store's every clashing claim is kept.
struct ClaimSpan: Sendable {
    let start: PartialDate?
    let end: PartialDate?
    /// The widest reading, as first and last days; `Int32.min` and `Int32.max` mean unbounded on
    /// that side. A state without a start may have begun at any time, without an end still
    /// holds; an event without a start happened by its end, and without either at any time.
    private let widestFrom: Int32
    private let widestUntil: Int32
    /// The narrowest reading: the days it certainly covers; none (`hasNarrowest` false) when it
    /// certainly covers none (no start, or a state or event whose dates are coarser than a day).
    /// A state without an end certainly covers only the day it began: it may have ended the next
    /// (an open end fails to rule a clash out, as for an act after a death).
    private let narrowestFrom: Int32
    private let narrowestUntil: Int32
    private let hasNarrowest: Bool
    /// The period within which it certainly held on some day, though which is not known: a
    /// state's start (hostile since June 2015 was so on some day of June), an event's dates.
    /// None without a start.
    private let someDayFrom: Int32
    private let someDayUntil: Int32

    init(start: PartialDate?, end: PartialDate?, temporal: Predicate.Temporal) {
        self.start = start
        self.end = end
        switch temporal {
        case .state:
            widestFrom = start?.firstDayNumber ?? .min
            widestUntil = end?.lastDayNumber ?? .max
        case .event:
            widestFrom = start?.firstDayNumber ?? .min
            widestUntil = (end ?? start)?.lastDayNumber ?? .max
        }
        guard let start else {
            (narrowestFrom, narrowestUntil, hasNarrowest) = (0, 0, false)
            (someDayFrom, someDayUntil) = (.max, .min)
            return
        }
        someDayFrom = start.firstDayNumber
        someDayUntil = temporal == .event ? (end ?? start).lastDayNumber : start.lastDayNumber
        let until = (end ?? start).firstDayNumber
        if until < start.lastDayNumber {
            (narrowestFrom, narrowestUntil, hasNarrowest) = (0, 0, false)
        } else {
            (narrowestFrom, narrowestUntil, hasNarrowest) = (start.lastDayNumber, until, true)
        }
    }

    /// Nil when the dates rule out any overlap; true when the periods certainly overlap,
    /// false when they only may.
    func overlap(_ other: ClaimSpan) -> Bool? {
        if widestUntil < other.widestFrom || other.widestUntil < widestFrom { return nil }
        if hasNarrowest, other.hasNarrowest, other.narrowestFrom <= narrowestUntil, narrowestFrom <= other.narrowestUntil {
            return true
        }
        return certainlyCovers(other.someDayFrom, other.someDayUntil)
            || other.certainlyCovers(someDayFrom, someDayUntil)
    }

    /// Whether it certainly held on every day of this period (a non-empty one).
    private func certainlyCovers(_ from: Int32, _ until: Int32) -> Bool {
        hasNarrowest && from <= until && narrowestFrom <= from && until <= narrowestUntil
    }
}
