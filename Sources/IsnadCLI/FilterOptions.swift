import IsnadKit

/// The filter options shared by every query command and exporter, and how they become a
/// ``GraphFilter``. A new filter: declare its option here, add it to ``all``, and set it in
/// ``filter(from:store:)``.
enum FilterOptions {
    static let predicate = ListOption<String>(
        "predicate", value: "predicate", group: .filter, help: "Only these predicates (repeat, or separate with commas).")
    static let type = ListOption<EntityType>(
        "type", value: "type", group: .filter,
        help: "Only claims between entities of these types: person, organization, event, place.")
    static let source = ListOption<String>(
        "source", value: "source", group: .filter, help: "Only citations whose claimant or via is one of these sources.")
    static let asOf = Option<PartialDate>(
        "as-of", value: "date", group: .filter,
        help: "Only claims that held at some time within that date (a year YYYY, a month YYYY-MM or a day YYYY-MM-DD).")
    static let between = PairOption<PartialDate>(
        "between", value: "date", group: .filter, help: "Only claims that held at some time between the two dates.")
    static let dated = Flag(
        "dated", group: .filter,
        help: "Leave out claims with no date (--as-of and --between keep them, as timeless).")
    static let knownBy = Option<PartialDate>(
        "known-by", value: "date", group: .filter, help: "Only citations that were public by that date.")
    static let minimumReliability = Option<Reliability>(
        "min-reliability", value: "A-F", group: .filter, help: "Only citations whose claimant is graded this or better.")
    static let minimumCredibility = Option<Credibility>(
        "min-credibility", value: "1-6", group: .filter, help: "Only citations graded this credible or better.")
    static let stance = ListOption<Stance>(
        "stance", value: "stance", group: .filter,
        help:
            "Only citations with these stances: asserts, reports, denies (or in French: affirme, rapporte, dément; in Arabic: يؤكد, ينقل, ينفي)."
    )
    static let status = ListOption<Evidence.Status>(
        "status", value: "status", group: .filter, help: "Only claims with these statuses: asserted, alleged, disputed.")
    static let excludesDisputed = Flag("exclude-disputed", group: .filter, help: "Leave out claims that some source denies.")
    static let minimumChannels = Option<Int>(
        "min-channels", value: "n", in: 1...1000, group: .filter,
        help: "Only claims with at least n independent channels of support (chains that share no source).")
    static let maximumChannels = Option<Int>(
        "max-channels", value: "n", in: 1...1000, group: .filter,
        help: "Only claims with at most n independent channels of support: 1 finds what rests on a single voice.")
    static let excludedCommonLink = Option<String>(
        "exclude-common-link", value: "source", group: .filter,
        help: "What is left if this source is wrong: leave out what came through it (as its impact in 'isnad source' counts).")

    /// Every filter, in the order the help lists them.
    static let all: [any OptionDeclaration] = [
        predicate, type, source, asOf, between, dated, knownBy, minimumReliability, minimumCredibility, stance, status,
        excludesDisputed, minimumChannels, maximumChannels, excludedCommonLink,
    ]

    /// The filter the options describe; names taken as something else are said through `context`.
    /// Said under a listing whose claims were weighed on the citations a filter kept: `claims
    /// --source X` may read ASSERTED with one channel what `source X` shows DISPUTED with two.
    static func weighingNote(_ filter: GraphFilter) -> String? {
        guard filter.filtersCitations else { return nil }
        return
            "isnad: note: status, grade and channels weigh only the citations the filters keep; unfiltered, a claim may read otherwise (isnad show, isnad source)"
    }

    static func filter(from arguments: ParsedArguments, store: GraphStore, context: Context? = nil) throws -> GraphFilter {
        let command = arguments.spec.name
        var filter = GraphFilter()
        for named in try arguments.values(predicate) {
            guard let predicate = PredicateLookup.predicate(named, vocabulary: store.vocabulary, context: context) else {
                throw UsageError(
                    message: "--predicate: unknown predicate \"\(Text.printable(named))\""
                        + store.vocabulary.suggestion(forUnknownPredicate: named) + " (see 'isnad predicates')",
                    command: command)
            }
            filter.predicates.insert(predicate.id)
        }
        filter.entityTypes = Set(try arguments.values(type))
        filter.stances = Set(try arguments.values(stance))
        filter.statuses = Set(try arguments.values(status))
        filter.asOf = try arguments.value(asOf)
        filter.knownBy = try arguments.value(knownBy)
        if let (start, end) = try arguments.pair(between) {
            if end.lastDay < start.firstDay {
                throw UsageError(message: "--between: \(end) is before \(start)", command: command)
            }
            filter.between = (start, end)
        }
        if let grade = try arguments.value(minimumReliability) { filter.minimumReliability = grade }
        if let grade = try arguments.value(minimumCredibility) { filter.minimumCredibility = grade }
        filter.excludesDisputed = arguments.isSet(excludesDisputed)
        filter.excludesUndated = arguments.isSet(dated)
        filter.minimumChannels = try arguments.value(minimumChannels)
        filter.maximumChannels = try arguments.value(maximumChannels)
        if let most = filter.maximumChannels, let least = filter.minimumChannels, most < least {
            throw UsageError(message: "--max-channels: \(most) is below --min-channels \(least)", command: command)
        }
        if let id = try arguments.value(excludedCommonLink) {
            filter.excludedCommonLink = try SourceLookup.source(id, in: store, option: excludedCommonLink.spec.name).id
        }
        filter.sources = Set(try SourceLookup.sources(source, in: arguments, store: store, context: context).map(\.id))
        return filter
    }
}
