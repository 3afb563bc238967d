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

    /// `ALLEGED · 2 sources · best C3`.
    public static func evidenceLine(_ evidence: Evidence) -> String {
        "\(evidence.status.rawValue.uppercased()) · \(counted(evidence.sources.count, "source")) · best \(evidence.bestGrade)"
    }
}
