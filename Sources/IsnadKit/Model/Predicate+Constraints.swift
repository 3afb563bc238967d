import Foundation

/// What the vocabulary says about claims that cannot both hold, read from the `opposes` and
/// `exclusive_in_time` fields of `Schemas/predicates.json`.
///
/// - **Opposed predicates** cannot hold between the same two entities over overlapping
///   periods (`allied_with` and `hostile_to`). Opposition is mutual: declared on one side, it
///   holds both ways. When either predicate is symmetric the entities may stand either way
///   round; otherwise subject must match subject.
/// - **Exclusive in time**: the subject holds the relation to one object at a time
///   (`branch_of`: a branch of one parent), so two such claims with one subject and different
///   objects over overlapping periods cannot both hold.
public struct PredicateConstraints: Sendable {
    /// Predicate id → the predicates it opposes (closed both ways).
    public let opposites: [String: Set<String>]
    public let exclusiveInTime: Set<String>

    public init(opposes: [String: [String]], exclusiveInTime: Set<String>) {
        var opposites: [String: Set<String>] = [:]
        for (predicate, others) in opposes {
            for other in others {
                opposites[predicate, default: []].insert(other)
                opposites[other, default: []].insert(predicate)
            }
        }
        self.opposites = opposites
        self.exclusiveInTime = exclusiveInTime
    }

    /// The constraints declared in a vocabulary file's text.
    public init(decoding text: String) throws {
        guard let entries = Vocabulary.entries(of: text) else { throw InvalidVocabulary() }
        var opposes: [String: [String]] = [:]
        var exclusiveInTime: Set<String> = []
        for entry in entries {
            guard case .string(let id)? = entry["id"] else { throw InvalidVocabulary() }
            switch entry["opposes"] {
            case nil, .null?: break
            case .array(let items)?:
                for item in items {
                    guard case .string(let other) = item else { throw InvalidVocabulary() }
                    opposes[id, default: []].append(other)
                }
            default: throw InvalidVocabulary()
            }
            switch entry["exclusive_in_time"] {
            case nil, .null?, .bool(false)?: break
            case .bool(true)?: exclusiveInTime.insert(id)
            default: throw InvalidVocabulary()
            }
        }
        self.init(opposes: opposes, exclusiveInTime: exclusiveInTime)
    }

    /// A vocabulary file whose `opposes` or `exclusive_in_time` is not as the schema says.
    struct InvalidVocabulary: Error {}

    /// Isnad's constraints, from Schemas/predicates.json (embedded at build time).
    public static let standard: PredicateConstraints = {
        do {
            return try PredicateConstraints(decoding: Vocabulary.definitionText)
        } catch {
            preconditionFailure("Schemas/predicates.json is not a valid vocabulary: \(error)")
        }
    }()

    public func areOpposed(_ first: String, _ second: String) -> Bool {
        opposites[first]?.contains(second) ?? false
    }
}
