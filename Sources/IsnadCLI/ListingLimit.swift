import IsnadKit

/// `--limit`: how many rows a listing command prints, declared once, here, and taken by `neighbors`,
/// `show`, `claims`, `timeline`, `source`, `search`, `path --all`, `disputes`, `check`, `duplicates`
/// and `log`.
///
/// A table stops at ``tableDefault`` claims unless told otherwise (`disputes`: that many of each
/// of its lists; `check`: of each check's findings), and says so under what it cut short, on
/// standard output; JSON and CSV, read by programs, list every claim unless given a limit,
/// streamed, and say on standard error what a limit cut short (``Printout/leftOut``), in the same
/// words. `--limit 0` lists every claim in every format, streamed: memory stays flat whatever the size.
enum ListingLimit {
    /// How many claims a table shows when `--limit` is not given.
    static let tableDefault = 200

    /// The option of the claim listings.
    static let claims = option(
        help: "At most n claims; 0: all, streamed. Default: \(tableDefault) in a table, all in json and csv.")

    /// The option of `neighbors` and `show`, whose tables survey a large neighbourhood before they list it.
    static let surveyedClaims = option(
        help:
            "At most n claims; 0: all, streamed. Default: \(tableDefault) in a table (a large neighbourhood is summarised first), all in json and csv."
    )

    /// The option with its own help: one name, one value, one range, whatever it counts.
    static func option(help: String) -> Option<Int> {
        Option<Int>("limit", value: "n", in: 0...Int(Int32.max), group: .output, help: help)
    }

    /// The limit asked for, or the format's default; nil: every claim.
    static func value(
        _ arguments: ParsedArguments, option: Option<Int> = claims, format: Option<OutputFormat> = OutputFormat.option
    ) throws -> Int? {
        let format = try arguments.value(format, default: .table)
        let limit = try arguments.value(option, default: format.isForReading ? tableDefault : 0)
        return limit == 0 ? nil : limit
    }

    /// `showing 200 of 973161 claims; --limit 0 for all`: the line under a table cut short.
    static func note(
        showing shown: Int, of total: Int, isAtLeast: Bool = false, _ noun: String = "claim", _ plural: String? = nil
    ) -> String {
        "showing \(shown) of \(isAtLeast ? "at least " : "")\(counted(total, noun, plural)); --limit 0 for all"
    }

    /// `showing the first 200 claims; more match: --limit 0 for all`: when the total is not counted
    /// (counting it would mean reading them all).
    static func note(showingFirst shown: Int, _ noun: String = "claim", _ plural: String? = nil) -> String {
        "showing the first \(counted(shown, noun, plural)); more match: --limit 0 for all"
    }

    /// How far a streamed JSON or CSV listing went: how many claims it wrote, and whether more
    /// passed past its limit.
    struct Cut {
        var shown = 0
        var hasMore = false
        /// How many claims the listing tried its filter on, when it tried only the first ones
        /// it found, and so may have left out some that pass (``NeighborhoodSurvey/claimsTriedAtMost``,
        /// or the limit when larger); nil when it tried them all.
        var triedOnly: Int?

        /// The note for what the limit left out, none when nothing was: `total` when counted.
        func leftOut(total: Int?, isAtLeast: Bool = false) -> [String] {
            if let triedOnly, !hasMore { return [Self.stoppedTrying(passed: shown, tried: triedOnly)] }
            guard hasMore else { return [] }
            return [
                total.map { ListingLimit.note(showing: shown, of: $0, isAtLeast: isAtLeast) }
                    ?? ListingLimit.note(showingFirst: shown)
            ]
        }

        /// What a listing that tried its filter on its first claims only says under them.
        static func stoppedTrying(passed: Int, tried: Int) -> String {
            let passed = passed == 0 ? "no claim" : counted(passed, "claim")
            return
                "\(passed) passed the filters among the first \(tried) of its claims tried, in date order, to answer at once (--limit 0 tries them all)"
        }
    }

    /// How many rows of a listing found by its rows to read: one past the limit when every row
    /// found is listed (`allListed`: no filter drops any), so that a claim past what is shown is
    /// not read at all (rows are read in batches) and a cut listing knows it was cut; every row
    /// (nil) otherwise.
    static func rowsToRead(listedUpTo limit: Int?, allListed: Bool) -> Int? {
        guard let limit, allListed else { return nil }
        return limit + 1
    }

    /// The rows to read of those found: ``rowsToRead(listedUpTo:allListed:)`` of them.
    static func rows(_ rows: [Int64], listedUpTo limit: Int?, allListed: Bool) -> [Int64] {
        guard let toRead = rowsToRead(listedUpTo: limit, allListed: allListed), rows.count > toRead else { return rows }
        return Array(rows.prefix(toRead))
    }

    /// Calls `body` with the first `limit` items that `forEach` gives (every one when nil), and
    /// stops reading there. Returns whether more came after them.
    static func forFirst<Item>(
        _ limit: Int?, of forEach: ((Item) throws -> Void) throws -> Void, _ body: (Item) throws -> Void
    ) throws -> Bool {
        try withoutActuallyEscaping(body) { body in
            var count = 0
            var hasMore = false
            do {
                try forEach { item in
                    if let limit, count >= limit {
                        hasMore = true
                        throw EnoughRead()
                    }
                    count += 1
                    try body(item)
                }
            } catch is EnoughRead {}
            return hasMore
        }
    }
}

/// Thrown to stop reading a stream once a listing has what it shows.
private struct EnoughRead: Error {}
