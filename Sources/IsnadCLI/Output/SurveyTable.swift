import IsnadKit

/// The summary of a large neighbourhood (``NeighborhoodSurvey``), as `neighbors` and `show` print
/// it: a table of the claims counted per hop, predicate and direction, each group with the
/// evidence of the claims read from it, so that even counted claims never read as facts.
enum SurveyTable {
    /// The table, after a line that says what its columns are. `showsHop`: a HOP column first.
    static func text(_ survey: NeighborhoodSurvey, store: GraphStore, showsHop: Bool) -> String {
        let read =
            survey.claimsRead == survey.claims
            ? "every claim counted was read"
            : "the evidence is that of the \(counted(survey.claimsRead, "claim")) read, taken from every group in turn"
        var text =
            "By \(showsHop ? "hop, " : "")predicate and direction (→ as subject, ← as object, ↔ symmetric), strongest evidence first; \(read):\n"
        var table = TextTable(
            (showsHop ? [TextTable.Column(header: "HOP")] : []) + [
                .init(header: "PREDICATE", maximumWidth: 32), .init(header: "CLAIMS", alignsRight: true),
                .init(header: "ENTITIES", alignsRight: true), .init(header: "READ", alignsRight: true),
                .init(header: "ASSERTED", alignsRight: true), .init(header: "ALLEGED", alignsRight: true),
                .init(header: "DISPUTED", alignsRight: true), .init(header: "STRONGEST READ", maximumWidth: 60),
            ])
        for group in survey.groups {
            let arrow = store.vocabulary[group.predicate]?.isSymmetric == true ? "↔" : group.isOutgoing ? "→" : "←"
            var strongest = ""
            if let strength = group.strongest {
                strongest =
                    "\(strength.claimStrength) · \(counted(strength.supportingChannels, "channel"))"
                    + (strength.commonLink.map { ", all through \($0.label)" } ?? "")
            }
            table.append(
                (showsHop ? [String(group.hop)] : []) + [
                    "\(arrow) \(group.predicate)", String(group.claims), String(group.entities), String(group.claimsRead),
                    String(group.statuses[.asserted] ?? 0), String(group.statuses[.alleged] ?? 0),
                    String(group.statuses[.disputed] ?? 0), strongest,
                ])
        }
        table.forEachLine { text += $0 + "\n" }
        return text
    }
}
