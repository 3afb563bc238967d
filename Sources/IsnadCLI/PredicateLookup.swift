import IsnadKit

/// A predicate named on the command line: its id, or a label (``Vocabulary/predicate(named:)``).
/// Named by a label, the line `isnad: "موّل" taken as funded` goes to standard error.
enum PredicateLookup {
    static func predicate(_ text: String, vocabulary: Vocabulary, context: Context?) -> Predicate? {
        guard let predicate = vocabulary.predicate(named: text) else { return nil }
        if predicate.id != text { context?.message("isnad: \"\(Text.printable(text))\" taken as \(predicate.id)") }
        return predicate
    }
}
