/// Where the claims between two entities that a picture or a table left out are listed whole:
/// `and 296 more: isnad claims --subject a --object b --limit 0`, one command for each way the
/// claims go, `(with the same filters)` when the output had some. `path` and `export dot --pairs`
/// say it alike.
public enum ClaimsBetween {
    /// `ways`: each (subject, object) the left-out claims have.
    public static func more(_ count: Int, ways: [(subject: String, object: String)], isFiltered: Bool) -> String {
        let commands = ways.map {
            "isnad claims --subject \(Text.printable($0.subject)) --object \(Text.printable($0.object)) --limit 0"
        }
        return "and \(count) more: \(commands.joined(separator: "; "))" + (isFiltered ? " (with the same filters)" : "")
    }
}
