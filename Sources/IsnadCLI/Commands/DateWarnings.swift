import IsnadKit

/// What `add`, `set`, `edit` and `import` say about dates a change wrote that cannot all be
/// right: the findings `isnad check` would list about them
/// (``IntegrityCheck/datesInConflict(writtenBy:in:today:keeping:)``), said when the date is
/// typed. A warning, not a refusal: which of two dates is wrong is the analyst's to say, and
/// the change may be the first of two.
enum DateWarnings {
    /// Findings past this many are counted, not listed: a large import would flood the terminal.
    static let listedAtMost = 3

    /// The lines for standard error, none when every date written can be right. `what` names
    /// the change in a count (`imported`).
    /// `onlyDatesToCome`: for `import`, whose whole file's other conflicts `check` finds in one
    /// pass; reading every citation imported again cost a tenth of an import of 100k claims.
    static func lines(writtenBy entry: Int, store: GraphStore, what: String, onlyDatesToCome: Bool = false) throws
        -> [String]
    {
        let check = try IntegrityCheck.datesInConflict(
            writtenBy: entry, in: store, keeping: listedAtMost, onlyDatesToCome: onlyDatesToCome)
        let count = check.counts[.datesInConflict] ?? 0
        let listed = check.findings.map { "\($0.subject): \($0.message)" }
        guard count > listed.count else { return listed.map { "isnad: warning: \($0)" } }
        return ["isnad: warning: isnad check finds \(count) problems with the dates \(what); the first \(listed.count):"]
            + listed.map { "  \($0)" }
    }
}
