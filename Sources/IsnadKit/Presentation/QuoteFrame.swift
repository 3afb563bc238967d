/// The quotation marks a quote is shown in: `«…»` for a quote, `"…"` for its translation, none
/// when the quote carries its own. A French quote copied with its guillemets, « neutralisé par
/// les forces de Barkhane », read «« … »» framed again, and a French reader could not tell the
/// frame from the source's own marks.
public enum QuoteFrame {
    /// The marks to write before and after `text`: `open` and `close`, or none when the text
    /// already starts with an opening quotation mark and ends with a closing one.
    public static func marks(for text: String, open: String, close: String) -> (open: String, close: String) {
        isFramed(text) ? ("", "") : (open, close)
    }

    /// `text` between `open` and `close`, unless it carries its own quotation marks.
    public static func framed(_ text: String, open: String = "«", close: String = "»") -> String {
        let marks = marks(for: text, open: open, close: close)
        return marks.open + text + marks.close
    }

    /// Whether the text starts with an opening quotation mark and ends with a closing one, in
    /// French, English or German use (« », “ ”, „ “, " "), and the first is not closed before the
    /// end: `« A » dit-il, « B »` is two quoted pieces inside one quote, framed as any other.
    public static func isFramed(_ text: String) -> Bool {
        guard text.count >= 2, let first = text.first, let last = text.last,
            let closes = closingMarks[first], closes.contains(last)
        else { return false }
        return !text.dropFirst().dropLast().contains { closes.contains($0) }
    }

    /// The marks that close each opening one.
    private static let closingMarks: [Character: String] = ["«": "»", "“": "”", "„": "“”", "\"": "\""]
}
