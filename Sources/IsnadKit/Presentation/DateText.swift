/// Dates as people read them, in exports and at the terminal: a claim's or an edge's period
/// (`2014-05 – 2017`, `since 2014`, `undated`).
public enum DateText {
    /// When an edge's claims held: `2014-05 – 2017`, `since 2014`, `until 2017`, `2022-03-27`, or
    /// `undated`. An event with only a start happened then; a state with only a start holds
    /// since. Events on several dates read as such (`2 dates, 2020 to 2021-07`), not as a
    /// period. Other collapsed claims read as one range that covers them all: open-ended if one of
    /// them is (`since 2019` and `2015 – 2016` read `since 2015`), `until 2016 and since 2019`
    /// when open both ways, and `and undated` when some of them have no date. In Arabic with
    /// `.ar` (`منذ`, `حتى`, `بلا تاريخ`); the dates stay ISO, each ``BidiText/leftToRight(_:)``.
    public static func dates(_ period: ExportGraph.Period, language: ExportStyle.Language = .en) -> String {
        let arabic = language == .ar
        guard let anyDate = period.earliestStart ?? period.latestEnd else { return arabic ? "بلا تاريخ" : "undated" }
        let (since, until) = arabic ? ("منذ", "حتى") : ("since", "until")
        // Among Arabic words an ISO date would be laid out right to left (2017-07 as 07-2017):
        // each date is isolated left to right.
        func written(_ date: PartialDate) -> String { arabic ? BidiText.leftToRight(date.description) : date.description }
        let text: String
        switch (period.isOpenAtStart ? nil : period.earliestStart, period.isOpenAtEnd ? nil : period.latestEnd) {
        case (let start?, let end?) where period.eventDates > 1 && start != end:
            // Events on several dates: moments, the first and the last, not a period between them.
            text =
                arabic
                ? "\(period.eventDates == 2 ? "في تاريخين" : "في \(period.eventDates) تواريخ")، من \(written(start)) إلى \(written(end))"
                : "\(period.eventDates) dates, \(written(start)) to \(written(end))"
        case (let start?, let end?): text = start == end ? written(start) : "\(written(start)) – \(written(end))"
        case (let start?, nil): text = "\(since) \(written(start))"
        case (nil, let end?): text = "\(until) \(written(end))"
        case (nil, nil):
            let end = written(period.latestEnd ?? anyDate)
            let start = written(period.earliestStart ?? anyDate)
            text = arabic ? "حتى \(end) ومنذ \(start)" : "until \(end) and since \(start)"
        }
        guard period.undatedClaims > 0 else { return text }
        return text + (arabic ? "، وبعضها بلا تاريخ" : " and undated")
    }

    /// One claim's dates, as ``dates(_:language:)`` writes a range: `2014-05 – 2017`,
    /// `since 2014` (a state with no end), `until 2017`, `2022-03-27`, or `undated`.
    public static func dates(of claim: Claim, vocabulary: Vocabulary = .standard) -> String {
        dates(ExportGraph.Period([claim], temporal: vocabulary[claim.predicate]?.temporal ?? .state))
    }
}
