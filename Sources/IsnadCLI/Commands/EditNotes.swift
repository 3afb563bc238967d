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

    /// A note for each citation of the edit whose new quote stands in its source's text only
    /// folded (``CheckedEdit/looseQuotes``): `isnad: note: claim "c3" citation 1: the quote
    /// matches the text of "s" only with marks, spaces, typeset characters (quotation marks, dashes, ligatures) or Unicode form set aside; the text
    /// has «…» (line 2)`.
    static func looseQuotes(of edit: CheckedEdit) -> [String] {
        edit.looseQuotes.map {
            "isnad: note: claim \"\(Text.printable(edit.record.id))\" citation \($0.citation + 1): "
                + Text.printable($0.match.description(ofSource: $0.source))
        }
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

    /// The fields of `stored` that an import reads otherwise than the store holds them (a name
    /// with spaces around it, stored by an older isnad or another program) and that `written`,
    /// the record a change writes back whole, holds as an import reads them: changed too, though
    /// the analyst did not change them.
    static func fieldsReadAnew(in stored: Record, keptIn written: Record, vocabulary: Vocabulary) -> [String] {
        var writer = RecordWriter()
        let line = String(decoding: writer.encode(stored), as: UTF8.self)
        guard let json = try? JSONParser.parse(line), let readAgain = try? RecordDecoder(vocabulary: vocabulary).decode(json)
        else { return [] }
        let readAgainLine = String(decoding: writer.encode(readAgain), as: UTF8.self)
        let changedSince = Set(
            topLevelFields(RecordDiff(before: readAgainLine, after: String(decoding: writer.encode(written), as: UTF8.self))))
        var seen: Set<String> = []
        return topLevelFields(RecordDiff(before: line, after: readAgainLine)).filter {
            !changedSince.contains($0) && seen.insert($0).inserted
        }
    }

    /// `name` of `name`, `aliases` of `aliases[3].name`.
    private static func topLevelFields(_ diff: RecordDiff) -> [String] {
        diff.fields.map { String($0.path.prefix { $0 != "[" && $0 != "." }) }
    }

    /// `; name too, as an import reads it: isnad log hamas shows how`, after the line that says
    /// what a change did, when it also wrote `fields` anew (``fieldsReadAnew(in:vocabulary:)``);
    /// empty when none.
    static func readAnew(_ fields: [String], of record: Record) -> String {
        guard !fields.isEmpty else { return "" }
        return
            "; \(ListFormat.and(fields)) too, as an import reads \(fields.count == 1 ? "it" : "them"): isnad log \(Text.printable(record.id)) shows how"
    }
}
