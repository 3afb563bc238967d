import IsnadKit

/// The filter options shared by every query command and exporter, and how they become a
/// ``GraphFilter``.
enum FilterOptions {
    static let specs: [OptionSpec] = [
        OptionSpec(
            "predicate", value: "predicate", arity: .list, help: "Only these predicates (repeat, or separate with commas)."),
        OptionSpec(
            "type", value: "type", arity: .list,
            help: "Only claims between entities of these types: person, organization, event, place."),
        OptionSpec(
            "source", value: "source", arity: .list, help: "Only citations whose claimant or via is one of these sources."),
        OptionSpec("as-of", value: "date", help: "Only claims that held on that date (YYYY, YYYY-MM or YYYY-MM-DD)."),
        OptionSpec("between", value: "date", arity: .pair, help: "Only claims that held at some time between the two dates."),
        OptionSpec("known-by", value: "date", help: "Only citations that were public by that date."),
        OptionSpec("min-reliability", value: "A-F", help: "Only citations whose claimant is graded this or better."),
        OptionSpec("min-credibility", value: "1-6", help: "Only citations graded this credible or better."),
        OptionSpec("stance", value: "stance", arity: .list, help: "Only citations with these stances: asserts, reports, denies."),
        OptionSpec(
            "status", value: "status", arity: .list, help: "Only claims with these statuses: asserted, alleged, disputed."),
        OptionSpec("exclude-disputed", help: "Leave out claims that some source denies."),
    ]

    static func filter(from arguments: ParsedArguments, store: GraphStore) throws -> GraphFilter {
        let command = arguments.spec.name
        var filter = GraphFilter()
        for predicate in arguments.list("predicate") {
            guard store.vocabulary[predicate] != nil else {
                throw UsageError(
                    message: "--predicate: unknown predicate \"\(Text.printable(predicate))\""
                        + Suggestion.phrase(Suggestion.nearest(to: predicate, among: store.vocabulary.predicates.map(\.id)))
                        + " (see 'isnad predicates')",
                    command: command)
            }
            filter.predicates.insert(predicate)
        }
        filter.entityTypes = Set(
            try arguments.list("type").map { try word($0, option: "type", as: EntityType.self, command: command) })
        filter.stances = Set(
            try arguments.list("stance").map { try word($0, option: "stance", as: Stance.self, command: command) })
        filter.statuses = Set(
            try arguments.list("status").map { try word($0, option: "status", as: Evidence.Status.self, command: command) })
        filter.asOf = try arguments.value("as-of").map { try date($0, option: "as-of", command: command) }
        filter.knownBy = try arguments.value("known-by").map { try date($0, option: "known-by", command: command) }
        if let (from, to) = arguments.pair("between") {
            let start = try date(from, option: "between", command: command)
            let end = try date(to, option: "between", command: command)
            if end.lastDay < start.firstDay {
                throw UsageError(message: "--between: \(end) is before \(start)", command: command)
            }
            filter.between = (start, end)
        }
        if let text = arguments.value("min-reliability") {
            guard let grade = Reliability(rawValue: text.uppercased()) else {
                throw UsageError(
                    message: "--min-reliability: expected a grade from A to F, got \"\(Text.printable(text))\"", command: command)
            }
            filter.minimumReliability = grade
        }
        if let text = arguments.value("min-credibility") {
            guard let number = Int(text), let grade = Credibility(rawValue: number) else {
                throw UsageError(
                    message: "--min-credibility: expected a grade from 1 to 6, got \"\(Text.printable(text))\"", command: command)
            }
            filter.minimumCredibility = grade
        }
        filter.excludesDisputed = arguments.flag("exclude-disputed")
        for id in arguments.list("source") {
            filter.sources.insert(try SourceLookup.source(id, in: store, option: "source").id)
        }
        return filter
    }

    private static func word<T: RawRepresentable & CaseIterable>(_ text: String, option: String, as type: T.Type, command: String)
        throws -> T where T.RawValue == String
    {
        guard let value = T(rawValue: text.lowercased()) else {
            let allowed = T.allCases.map(\.rawValue)
            throw UsageError(
                message: "--\(option): \"\(Text.printable(text))\" is not one of \(allowed.joined(separator: ", "))"
                    + Suggestion.phrase(Suggestion.nearest(to: text, among: allowed)),
                command: command)
        }
        return value
    }

    private static func date(_ text: String, option: String, command: String) throws -> PartialDate {
        do {
            return try PartialDate(parsing: text)
        } catch {
            throw UsageError(message: "--\(option): \(error)", command: command)
        }
    }
}
