import IsnadKit

/// Checks a whole record written by `set` (or `edit`) beyond what the record format checks:
/// what it names exists, a claim's predicate fits its ends' types, a claim keeps its ends and
/// predicate (as an import keeps them), a quote changed stands in its source's text (as `add
/// claim` holds it), and an entity's merged ids are those `isnad merge` left.
enum EditChecks {
    static func claimKeepsItsEnds(field: String) -> LookupError {
        LookupError(
            description:
                "\(field): a claim keeps its subject, predicate and object (its citations speak of that relationship): retract it (isnad retract) and add the new one"
        )
    }

    /// Checks `record` and returns it as it is to be written: a locator isnad wrote for a quote
    /// (`line 31`) follows the quote when the quote, or the source it is read in, changed.
    static func check(_ record: Record, replacing stored: Record, store: GraphStore) throws -> Record {
        if let missing = try store.firstMissingReference(of: record) {
            throw LookupError(
                description: "\(record.kind.rawValue) \"\(record.id)\" would name \(missing), which is not in the store")
        }
        switch record {
        case .claim(let claim):
            // Its citations speak of the stored relationship, and an id made from the ends would
            // no longer be the one an import or `add claim` works out for them.
            // Retracted or not: a retracted claim restored later speaks of its relationship too.
            guard case .claim(let stored) = stored else { break }
            if let changed = claim.changedEnd(from: stored) {
                throw claimKeepsItsEnds(field: changed.field)
            }
            guard claim.keepsAStandingCitation else {
                throw LookupError(
                    description:
                        "citations: every citation of the claim would be retracted while the claim stands: retract the claim itself (isnad retract \(claim.id)) or leave a citation standing"
                )
            }
            let checked = try quotesStand(in: claim, replacing: stored, store: store)
            // A retracted claim may keep ends whose types changed since: restore checks it.
            guard claim.retraction == nil else { return .claim(checked) }
            let types = try store.entityTypes([claim.subject, claim.object])
            if let problem = store.vocabulary.problem(
                predicate: claim.predicate, subjectType: types[claim.subject], objectType: types[claim.object])
            {
                throw LookupError(description: "\(problem.field): \(problem.message)")
            }
            return .claim(checked)
        case .entity(let entity):
            // A merged id takes over every claim that names it: only merge and unmerge, which
            // move the claims with it, change them.
            if case .entity(let before) = stored, entity.merged != before.merged {
                throw LookupError(
                    description: "merged: the ids merged into an entity change only by isnad merge and isnad unmerge")
            }
            // Only a new type can break a claim: a hub's hundred thousand claims are not read
            // for its description.
            guard case .entity(let before) = stored, entity.type != before.type else { break }
            if let misfit = try store.firstClaimOutsideVocabulary(namingEntities: [entity.id], assuming: [entity.id: entity.type])
            {
                throw LookupError(
                    description:
                        "type: the new type breaks claim \"\(misfit.claim)\": \(misfit.message) (retract the claim first, if the type is why it is wrong)"
                )
            }
        case .source(let source):
            // An import refuses a cycle it would make; a source changed in place is checked here.
            guard case .source(let before) = stored, source.cites != before.cites,
                let cycle = try store.citesCycle(ifSource: source.id, cited: source.cites)
            else { break }
            throw LookupError(description: "cites: \(cycle)")
        }
        return record
    }

    /// A citation whose words are not ones the claim had read in the same source (a quote typed
    /// anew, or read in another source: a new via, or a new claimant where there is no via) is
    /// held to what `add claim` holds a new one to: its quote stands in the stored text of the
    /// source it is read in (its via, else its claimant), unless its locator says why not
    /// (`unverified: REASON`). Sources without text are not checked, as `check` does not check
    /// them. A locator in the form isnad writes (`line 31`) is written anew for where the words
    /// stand: the place it gave was for other words, or another text (matched by the words and
    /// the source they are read in, not by position: an edit may move citations).
    static func quotesStand(in claim: Claim, replacing stored: Claim, store: GraphStore) throws -> Claim {
        var checked = claim
        var texts: [String: QuoteLocator.SearchableText?] = [:]
        // Looked up, not searched: a claim repeated by 50,000 posts took minutes to change a note.
        let known = Set(stored.citations.map { ReadWords(holder: $0.via ?? $0.source, quote: $0.quote) })
        for (index, citation) in claim.citations.enumerated() {
            let holder = citation.via ?? citation.source
            let isKnown = known.contains(ReadWords(holder: holder, quote: citation.quote))
            guard !isKnown, !QuoteLocator.isUnverified(citation.locator) else { continue }
            if texts[holder] == nil {
                texts[holder] = try store.storedText(ofSource: holder).map { QuoteLocator.SearchableText($0) }
            }
            guard let text = texts[holder] ?? nil else { continue }
            guard let lines = QuoteLocator.lines(of: citation.quote, in: text) else {
                throw LookupError(
                    description:
                        "citations[\(index)]: its quote is not in the text of source \"\(Text.printable(holder))\", where it is read (word for word; change the quote and its source together in isnad edit, or give the citation a locator \"unverified: REASON\")"
                )
            }
            if let locator = citation.locator, QuoteLocator.isWrittenByIsnad(locator) {
                checked.citations[index].locator = QuoteLocator.locator(lines)
            }
        }
        return checked
    }

    /// The places (from 0) of the citations whose words changed but whose translation did not:
    /// a new quote beside the `quote_en` the stored citation of the same source and via had
    /// with other words. Said, not changed: the analyst knows what the new words say.
    static func staleTranslations(in claim: Claim, replacing stored: Claim) -> [Int] {
        var quotes: Set<ChannelText> = []
        var translations: Set<ChannelText> = []
        for citation in stored.citations {
            quotes.insert(ChannelText(source: citation.source, via: citation.via, text: citation.quote))
            if let english = citation.quoteEnglish {
                translations.insert(ChannelText(source: citation.source, via: citation.via, text: english))
            }
        }
        return claim.citations.indices.filter { index in
            let citation = claim.citations[index]
            guard let english = citation.quoteEnglish else { return false }
            return !quotes.contains(ChannelText(source: citation.source, via: citation.via, text: citation.quote))
                && translations.contains(ChannelText(source: citation.source, via: citation.via, text: english))
        }
    }

    /// Words read in one source (a citation's via, else its claimant).
    private struct ReadWords: Hashable {
        let holder: String
        let quote: String
    }

    /// A quote or its translation, in one claimant's citation read through one via (or none).
    private struct ChannelText: Hashable {
        let source: String
        let via: String?
        let text: String
    }

    /// The note for ``staleTranslations(in:replacing:)``, for a command that changes a record
    /// whole (`edit`); nil when every translation changed with its words.
    static func staleTranslationsNote(_ record: Record, replacing stored: Record) -> String? {
        guard case .claim(let claim) = record, case .claim(let before) = stored else { return nil }
        let stale = staleTranslations(in: claim, replacing: before)
        guard !stale.isEmpty else { return nil }
        let which = stale.map { "\($0 + 1)" }.joined(separator: ", ")
        return
            "isnad: the translation (quote_en) of citation\(stale.count == 1 ? "" : "s") \(which) is of the old words: edit \(stale.count == 1 ? "it" : "them") too if \(stale.count == 1 ? "it" : "they") no longer fit\(stale.count == 1 ? "s" : "")"
    }

    /// What to tell the analyst when a source's new text no longer holds quotes its old text
    /// held: the change is made (a text corrected is the analyst's to make), and `check` lists
    /// the citations to mend. Nil when no quote was lost.
    static func lostQuotesNote(_ record: Record, store: GraphStore) throws -> String? {
        guard case .source(let source) = record else { return nil }
        let lost = try store.quotesLost(ifSource: source.id, hadText: source.text)
        guard let first = lost.first else { return nil }
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
