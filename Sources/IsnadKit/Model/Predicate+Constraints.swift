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
        struct Entry: Decodable {
            let id: String
            let opposes: [String]?
            let exclusiveInTime: Bool?
            enum CodingKeys: String, CodingKey {
                case id, opposes
                case exclusiveInTime = "exclusive_in_time"
            }
        }
        struct File: Decodable { let predicates: [Entry] }
        let entries = try JSONDecoder().decode(File.self, from: Data(text.utf8)).predicates
        self.init(
            opposes: Dictionary(entries.compactMap { entry in entry.opposes.map { (entry.id, $0) } }, uniquingKeysWith: +),
            exclusiveInTime: Set(entries.filter { $0.exclusiveInTime == true }.map(\.id)))
    }

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
