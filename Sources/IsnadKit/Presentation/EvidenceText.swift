/// A claim's evidence in words, in exports and at the terminal: its status and its sources'
/// grades (`ALLEGED · 2 sources · best C3`).
public enum EvidenceText {
    /// The status as edge labels write it: `ASSERTED`, `ALLEGED`, `DISPUTED`; in Arabic
    /// (`.ar`) مؤيَّد (supported by a source), مزعوم (alleged), متنازع عليه (disputed).
    public static func statusWord(_ status: Evidence.Status, language: ExportStyle.Language = .en) -> String {
        guard language == .ar else { return status.rawValue.uppercased() }
        switch status {
        case .asserted: return "مؤيَّد"
        case .alleged: return "مزعوم"
        case .disputed: return "متنازع عليه"
        }
    }

    /// The status as tables and claim lines show it: `ASSERTED`, `ALLEGED`, and a disputed
    /// claim with its strongest denial's grade, `DISPUTED by E5`: "disputed" covers an accused
    /// group's E5 denial of what three independent channels assert and a B2 ministry's denial of
    /// an anonymous blog's rumour alike, and only the denial's grade tells them apart.
    public static func status(_ evidence: Evidence) -> String {
        guard let denial = evidence.strongestDenialGrade else { return evidence.status.rawValue.uppercased() }
        return "DISPUTED by \(denial)"
    }

    /// `ALLEGED · 2 sources · best C3`; `DISPUTED by B2 · 1 source · best F3 · denied by 1 source`.
    /// The sources counted are those that support it: a source that denies it is no voice for it.
    public static func evidenceLine(_ evidence: Evidence) -> String {
        "\(status(evidence)) · \(counted(evidence.supportingSources.count, "source")) · best \(evidence.bestGrade)"
            + (evidence.denyingSources.isEmpty ? "" : " · denied by \(counted(evidence.denyingSources.count, "source"))")
    }

    /// How many independent channels support the claim and what they all pass through:
    /// `1 channel, all through hadera-2022-article (E)`, `2 channels`, `no channel of support`;
    /// then ` · denied by 1 source in 1 channel` when some citation denies it.
    public static func channels(_ weight: ClaimWeight) -> String {
        var text =
            weight.supportingChannels == 0 ? "no channel of support" : counted(weight.supportingChannels, "channel")
        if let link = weight.commonLink { text += ", all through \(link.label)" }
        if weight.denyingChannels > 0, let evidence = weight.strength?.evidence {
            text += denial(evidence, channels: weight.denyingChannels)
        }
        return text
    }

    /// ` (1 denying)`: what a claims table's CHANNELS cell writes after the supporting channels
    /// when some channels deny the claim (`2 (1 denying)`); empty when none does.
    public static func denyingChannels(_ count: Int) -> String {
        count > 0 ? " (\(count) denying)" : ""
    }

    /// ` · denied by 1 source in 1 channel`, and when the deniers also support the claim (an
    /// article that reports a thing and disputes it in the next sentence), that they do: one
    /// voice against itself is not two voices.
    static func denial(_ evidence: Evidence, channels: Int) -> String {
        let deniers = evidence.denyingSources.count
        var text = " · denied by \(counted(deniers, "source")) in \(counted(channels, "channel"))"
        let alsoSupporting = evidence.denyingSources.filter(evidence.supportingSources.contains).count
        if alsoSupporting == deniers {
            text += deniers == 1 ? " (a source that also supports it)" : " (sources that also support it)"
        } else if alsoSupporting > 0 {
            text += " (\(alsoSupporting) of them also \(alsoSupporting == 1 ? "supports" : "support") it)"
        }
        return text
    }

    /// A weighed claim's evidence in words, its status and grade capped by its common link:
    /// `ALLEGED · 2 sources, 4 citations · best F3 · 1 channel, all through hadera-2022-article (E)`;
    /// a disputed one's status with its strongest denial's grade (``status(_:)``).
    /// The sources are those that support it (``Evidence/supportingSources``); those that deny it
    /// are counted after the channels (`· denied by 1 source in 1 channel`). Nil when it has no
    /// citation.
    public static func weighedLine(_ weight: ClaimWeight, citations: Int) -> String? {
        guard let evidence = weight.strength?.evidence else { return nil }
        return
            "\(status(evidence)) · \(counted(evidence.supportingSources.count, "source")), \(counted(citations, "citation")) · best \(evidence.bestGrade) · \(channels(weight))"
    }

    /// ``weighedLine(_:citations:)`` appended as UTF-8, for the writers that build their output
    /// as bytes; false, with nothing appended, when it has no line.
    static func appendWeighedLine(_ weight: ClaimWeight, citations: Int, to bytes: inout [UInt8]) -> Bool {
        guard let evidence = weight.strength?.evidence else { return false }
        appendStatus(evidence, to: &bytes)
        bytes.appendStatic(" · ")
        appendCounted(evidence.supportingSources.count, "source", to: &bytes)
        bytes.appendStatic(", ")
        appendCounted(citations, "citation", to: &bytes)
        bytes.appendStatic(" · best ")
        appendGrade(evidence, to: &bytes)
        bytes.appendStatic(" · ")
        if weight.supportingChannels == 0 {
            bytes.appendStatic("no channel of support")
        } else {
            appendCounted(weight.supportingChannels, "channel", to: &bytes)
        }
        if let link = weight.commonLink {
            bytes.appendStatic(", all through ")
            appendLabel(of: link, to: &bytes)
        }
        if weight.denyingChannels > 0 { bytes.appendUTF8(denial(evidence, channels: weight.denyingChannels)) }
        return true
    }

    /// ``statusWord(_:language:)`` in English, as bytes.
    static func appendStatusWord(_ status: Evidence.Status, to bytes: inout [UInt8]) {
        switch status {
        case .asserted: bytes.appendStatic("ASSERTED")
        case .alleged: bytes.appendStatic("ALLEGED")
        case .disputed: bytes.appendStatic("DISPUTED")
        }
    }

    /// ``status(_:)``, as bytes.
    static func appendStatus(_ evidence: Evidence, to bytes: inout [UInt8]) {
        guard let denial = evidence.strongestDenial else { return appendStatusWord(evidence.status, to: &bytes) }
        bytes.appendStatic("DISPUTED by ")
        bytes.appendUTF8(denial.reliability.rawValue)
        bytes.appendDecimal(denial.credibility.rawValue)
    }

    /// ``counted(_:_:_:)`` with a plural in -s, as bytes.
    static func appendCounted(_ count: Int, _ singular: StaticString, to bytes: inout [UInt8]) {
        bytes.appendDecimal(count)
        bytes.append(UInt8(ascii: " "))
        bytes.appendStatic(singular)
        if count != 1 { bytes.append(UInt8(ascii: "s")) }
    }

    /// ``Evidence/bestGrade``, as bytes.
    static func appendGrade(_ evidence: Evidence, to bytes: inout [UInt8]) {
        bytes.appendUTF8(evidence.bestReliability.rawValue)
        bytes.appendDecimal(evidence.bestCredibility.rawValue)
    }

    /// ``CommonLink/label``, as bytes.
    static func appendLabel(of link: CommonLink, to bytes: inout [UInt8]) {
        bytes.appendUTF8(link.source)
        bytes.appendStatic(" (")
        bytes.appendUTF8(link.reliability.rawValue)
        bytes.append(UInt8(ascii: ")"))
    }
}
