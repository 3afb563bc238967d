import IsnadKit

/// What `set` and `edit` tell the analyst about an edit IsnadKit took
/// (``GraphStore/checkedEdit(_:replacing:)``): a translation left beside new words, and quotes a
/// source's new text lost. The checks themselves are the library's.
enum EditNotes {
    /// The note for ``CheckedEdit/staleTranslations``, for a command that changes a record
    /// whole (`edit`); nil when every translation changed with its words.
    static func staleTranslations(of edit: CheckedEdit) -> String? {
        let stale = edit.staleTranslations
        guard !stale.isEmpty else { return nil }
        let which = stale.map { "\($0 + 1)" }.joined(separator: ", ")
        return
            "isnad: the translation (quote_en) of citation\(stale.count == 1 ? "" : "s") \(which) is of the old words: edit \(stale.count == 1 ? "it" : "them") too if \(stale.count == 1 ? "it" : "they") no longer fit\(stale.count == 1 ? "s" : "")"
    }

    /// What to tell the analyst when a source's new text no longer holds quotes its old text
    /// held (`lost`, as ``ChangeSession/put(_:)`` returns them): the change is made, and `check`
    /// lists the citations to mend. Nil when no quote was lost.
    static func lostQuotes(_ lost: [(claim: String, position: Int)], by record: Record) -> String? {
        guard case .source(let source) = record, let first = lost.first else { return nil }
        let named = "claim \"\(Text.printable(first.claim))\" citation \(first.position + 1)"
        // With no text, nothing checks them any more (check reads the quotes of sources with one).
        if source.text == nil {
            let which = lost.count == 1 ? "the quote of \(named) was" : "\(lost.count) quotes (the first: \(named)) were"
            return
                "isnad: \(which) found in the text source \"\(Text.printable(source.id))\" no longer has: nothing checks \(lost.count == 1 ? "it" : "them") now"
        }
        let which = lost.count == 1 ? "the quote of \(named) is" : "\(lost.count) quotes (the first: \(named)) are"
        return
            "isnad: \(which) no longer in the text of source \"\(Text.printable(source.id))\": isnad check lists \(lost.count == 1 ? "it" : "them")"
    }
}
