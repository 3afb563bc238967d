/// Where the claims between two entities that a picture or a table left out are listed whole:
/// `and 296 more: isnad claims --subject a --object b --limit 0`, one command for each way the
/// claims go, `(with the same filters)` when the output had some. `path` and `export dot --pairs`
/// say it alike.
public enum ClaimsBetween {
    /// `ways`: each (subject, object) the left-out claims have.
    public static func more(_ count: Int, ways: [(subject: String, object: String)], isFiltered: Bool) -> String {
        "and \(count) more: \(commands(ways: ways))" + (isFiltered ? " (with the same filters)" : "")
    }

    /// `each listed by: isnad claims --subject a --object b --limit 0`: for an output that
    /// counted the claims between two entities without leaving any out.
    public static func listedBy(ways: [(subject: String, object: String)], isFiltered: Bool) -> String {
        "each listed by: \(commands(ways: ways))" + (isFiltered ? " with the same filters" : "")
    }

    private static func commands(ways: [(subject: String, object: String)]) -> String {
        ways.map {
            "isnad claims --subject \(Text.printable($0.subject)) --object \(Text.printable($0.object)) --limit 0"
        }.joined(separator: "; ")
    }
}
