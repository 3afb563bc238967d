extension RecordDiff {
    /// What a change did that a reader looks for first, named (`isnad log` puts it beside the
    /// record): a retraction or restoration of the claim or of one of its citations, a citation
    /// taken out (`retracted citation 2 removed`), an id merged into the entity or taken out
    /// again. Empty when it is none of these (an edit).
    public var marks: [String] {
        var marks: [String] = []
        for removed in removedCitations {
            marks.append((removed.wasRetracted ? "retracted citation" : "citation") + " \(removed.number) removed")
        }
        for field in fields {
            let path = field.path
            if path == "retracted" {
                marks.append(field.after == nil ? "restored" : "retracted")
            } else if path.hasPrefix("citations["), path.hasSuffix("].retracted"),
                let number = Int(path.dropFirst("citations[".count).dropLast("].retracted".count))
            {
                // A citation taken out leaves the fields of its place, or of the last place,
                // without a value: that is its removal (said above), no restoration. The marks of
                // the citations that moved up are not guessed from their places.
                guard removedCitations.isEmpty else { continue }
                marks.append("citation \(number + 1) " + (field.after == nil ? "restored" : "retracted"))
            } else if path.hasPrefix("merged[") {
                if let merged = field.after.flatMap(Self.unquoted) { marks.append("\(merged) merged into it") }
                if let unmerged = field.before.flatMap(Self.unquoted) { marks.append("\(unmerged) unmerged") }
            }
        }
        return marks
    }

    /// A JSON string's text; nil for any other value.
    private static func unquoted(_ json: String) -> String? {
        guard case .string(let text)? = try? JSONParser.parse(json) else { return nil }
        return text
    }
}
