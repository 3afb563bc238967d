/// Checking a whole record changed in place (`set`, `edit`, or any other front end) beyond what
/// the record format checks, and writing it: what it names exists, a claim's predicate fits its
/// ends' types, a claim keeps its ends and predicate (as an import keeps them), a quote changed
/// stands in its source's text (as `add claim` holds it), and an entity's merged ids are those
/// `merge` left. An edit is written only as a ``CheckedEdit``: ``GraphStore/checkedEdit(_:replacing:)``
/// makes one, ``ChangeSession/put(_:)`` writes it.
extension GraphStore {
    /// Checks `record`, an edit of `stored` (the record of the same kind and id as the store
    /// holds it), and returns it as it is to be written: a locator isnad wrote for a quote
    /// (`line 31`) follows the quote when the quote, or the source it is read in, changed.
    /// - Throws: ``EditError`` for a change the records refuse; the store's errors.
    public func checkedEdit(_ record: Record, replacing stored: Record) throws -> CheckedEdit {
        if let missing = try firstMissingReference(of: record) {
            throw EditError.missingReference(kind: record.kind, id: record.id, missing: missing)
        }
        switch record {
        case .claim(let claim):
            // Its citations speak of the stored relationship, and an id made from the ends would
            // no longer be the one an import or `add claim` works out for them.
            // Retracted or not: a retracted claim restored later speaks of its relationship too.
            guard case .claim(let storedClaim) = stored else { break }
            if let changed = claim.changedEnd(from: storedClaim) { throw EditError.changedEnd(field: changed.field) }
            guard claim.keepsAStandingCitation else { throw EditError.noStandingCitation(claim: claim.id) }
            let (checked, looseQuotes) = try quotesStand(in: claim, replacing: storedClaim)
            // As an import refuses it: one passage for the claim and against it, made by this
            // edit. A claim that held one already is `check`'s to report: an edit must not be
            // stopped for it, as mending it may take more than one (a line locator set on each
            // of the two citations, one after the other).
            if let dispute = SelfDispute.first(in: checked.citations), SelfDispute.first(in: storedClaim.citations) == nil {
                throw EditError.selfDispute(
                    later: dispute.later, earlier: dispute.earlier,
                    description: SelfDispute.description(
                        checked.citations[dispute.later], checked.citations[dispute.earlier],
                        earlierPlace: "citations[\(dispute.earlier)]"))
            }
            // A retracted claim may keep ends whose types changed since: restore checks it.
            guard claim.retraction == nil else {
                return CheckedEdit(
                    record: .claim(checked), stored: stored, checkedIn: openWriteTransaction, looseQuotes: looseQuotes)
            }
            let types = try entityTypes([claim.subject, claim.object])
            if let problem = vocabulary.problem(
                predicate: claim.predicate, subjectType: types[claim.subject], objectType: types[claim.object])
            {
                throw EditError.outsideVocabulary(field: problem.field, message: problem.message)
            }
            return CheckedEdit(
                record: .claim(checked), stored: stored, checkedIn: openWriteTransaction, looseQuotes: looseQuotes)
        case .entity(let entity):
            // A merged id takes over every claim that names it: only merge and unmerge, which
            // move the claims with it, change them.
            if case .entity(let before) = stored, entity.merged != before.merged { throw EditError.mergedChanged }
            // Only a new type can break a claim: a hub's hundred thousand claims are not read
            // for its description.
            guard case .entity(let before) = stored, entity.type != before.type else { break }
            if let misfit = try firstClaimOutsideVocabulary(namingEntities: [entity.id], assuming: [entity.id: entity.type]) {
                throw EditError.typeBreaksClaim(claim: misfit.claim, message: misfit.message)
            }
        case .source(let source):
            // An import refuses a cycle or a chain too deep it would make; a source changed in
            // place is checked here.
            guard case .source(let before) = stored, source.cites != before.cites else { break }
            if let problem = try citesProblem(ifSource: source.id, cited: source.cites) { throw EditError.citesCycle(problem) }
        }
        return CheckedEdit(record: record, stored: stored, checkedIn: openWriteTransaction)
    }

    /// A citation whose words are not ones the claim had read in the same source (a quote typed
    /// anew, or read in another source: a new via, or a new claimant where there is no via) is
    /// held to what `add claim` holds a new one to: its quote stands in the stored text of the
    /// source it is read in (its via, else its claimant), unless its locator says why not
    /// (`unverified: REASON`). Sources without text are not checked, as `check` does not check
    /// them. A locator in the form isnad writes (`line 31`) is written anew for where the words
    /// stand: the place it gave was for other words, or another text (matched by the words and
    /// the source they are read in, not by position: an edit may move citations). Returns the
    /// claim so written, and the new quotes found only folded (``QuoteLocator/looseMatch(of:_:in:)``).
    private func quotesStand(
        in claim: Claim, replacing stored: Claim
    ) throws -> (Claim, [CheckedEdit.LooseQuote]) {
        var checked = claim
        var looseQuotes: [CheckedEdit.LooseQuote] = []
        var texts: [String: QuoteLocator.SearchableText?] = [:]
        // Looked up, not searched: a claim repeated by 50,000 posts took minutes to change a note.
        let known = Set(stored.citations.map { ReadWords(holder: $0.via ?? $0.source, quote: $0.quote) })
        for (index, citation) in claim.citations.enumerated() {
            let holder = citation.via ?? citation.source
            let isKnown = known.contains(ReadWords(holder: holder, quote: citation.quote))
            guard !isKnown, !QuoteLocator.isUnverified(citation.locator) else { continue }
            if texts[holder] == nil {
                texts[holder] = try storedText(ofSource: holder).map { QuoteLocator.SearchableText($0) }
            }
            guard let text = texts[holder] ?? nil else { continue }
            guard let match = QuoteLocator.match(of: citation.quote, in: text) else {
                throw EditError.quoteNotInText(
                    citation: index, source: holder, partialMatch: QuoteLocator.partialMatch(of: citation.quote, in: text))
            }
            if let locator = citation.locator, QuoteLocator.isWrittenByIsnad(locator) {
                checked.citations[index].locator = QuoteLocator.locator(match.lines)
            }
            if let loose = QuoteLocator.looseMatch(of: citation.quote, match, in: text) {
                looseQuotes.append(CheckedEdit.LooseQuote(citation: index, source: holder, match: loose))
            }
        }
        return (checked, looseQuotes)
    }

    /// Words read in one source (a citation's via, else its claimant).
    private struct ReadWords: Hashable {
        let holder: String
        let quote: String
    }
}

/// A record changed in place, checked by ``GraphStore/checkedEdit(_:replacing:)`` against the
/// stored record it replaces: what ``ChangeSession/put(_:)`` writes.
public struct CheckedEdit: Sendable {
    /// The record as it is to be written (a locator isnad wrote moved with its quote).
    public let record: Record
    /// The record as the store held it when the edit was checked.
    public let stored: Record
    /// The write transaction the edit was checked in (``GraphStore/openWriteTransaction``), or
    /// nil when it was checked outside one (`edit` checks while the record is in the editor).
    let checkedIn: Int?
    /// The citations with new words that stand in the text they are read in only folded (marks,
    /// spaces, quotation marks or Unicode form set aside): taken, and to be said.
    public var looseQuotes: [LooseQuote] = []

    /// A citation's quote that stands in its source's text only folded.
    public struct LooseQuote: Sendable {
        /// The citation's place in the claim (from 0).
        public let citation: Int
        /// The source the quote is read in (its via, else its claimant).
        public let source: String
        /// The text's own words where the quote stands.
        public let match: QuoteLocator.LooseMatch
    }

    /// The places (from 0) of the citations whose words changed but whose translation did not:
    /// a new quote beside the `quote_en` the stored citation of the same source and via had
    /// with other words. Said, not changed: the analyst knows what the new words say.
    public var staleTranslations: [Int] {
        guard case .claim(let claim) = record, case .claim(let before) = stored else { return [] }
        var quotes: Set<ChannelText> = []
        var translations: Set<ChannelText> = []
        for citation in before.citations {
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

    /// A quote or its translation, in one claimant's citation read through one via (or none).
    private struct ChannelText: Hashable {
        let source: String
        let via: String?
        let text: String
    }
}

extension ChangeSession {
    /// Writes a checked edit, and returns the quotes that a source's new text no longer holds
    /// (``GraphStore/quotesLost(ifSource:hadText:)``, read before it is written): the change is
    /// made (a text corrected is the analyst's to make), and `check` lists the citations to mend.
    /// Empty for an entity or a claim.
    @discardableResult
    public func put(_ edit: CheckedEdit) throws -> [(claim: String, position: Int)] {
        // Checked before this transaction took the write lock, the edit was checked against a
        // store another process may have changed since: a source it names deleted, a text
        // its quote stood in corrected. Checked again now, against what it will be written into.
        let edit = edit.checkedIn == store.openWriteTransaction ? edit : try rechecked(edit)
        var lost: [(claim: String, position: Int)] = []
        if case .source(let source) = edit.record { lost = try store.quotesLost(ifSource: source.id, hadText: source.text) }
        try put(edit.record)
        return lost
    }

    private func rechecked(_ edit: CheckedEdit) throws -> CheckedEdit {
        guard let now = try record(edit.stored.kind, id: edit.stored.id), now == edit.stored else {
            throw EditError.storedChanged(kind: edit.stored.kind, id: edit.stored.id)
        }
        return try store.checkedEdit(edit.record, replacing: now)
    }
}

extension Record {
    /// Refuses setting the top-level `field` of a claim to `value` where that changes one of its
    /// ends or its predicate, as ``GraphStore/checkedEdit(_:replacing:)`` refuses the whole
    /// record: said for one field before the record format's rules are read, which a new end
    /// could break first (a claim of an entity with itself) and would then give the wrong reason.
    public func checkSetting(_ field: String, to value: String) throws(EditError) {
        guard case .claim(let claim) = self,
            let current = ["subject": claim.subject, "predicate": claim.predicate, "object": claim.object][field],
            value != current
        else { return }
        throw EditError.changedEnd(field: field)
    }
}

/// Why a record changed in place is refused (``GraphStore/checkedEdit(_:replacing:)``).
public enum EditError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The record names an entity or source (`missing`, as `entity "x"`) the store does not hold.
    case missingReference(kind: Record.Kind, id: String, missing: String)
    /// A claim's subject, predicate or object (`field`) changed.
    case changedEnd(field: String)
    /// Every citation of a standing claim would be retracted.
    case noStandingCitation(claim: String)
    /// The claim's predicate does not take its ends' types.
    case outsideVocabulary(field: String, message: String)
    /// An entity's merged ids changed.
    case mergedChanged
    /// An entity's new type breaks a claim that names it.
    case typeBreaksClaim(claim: String, message: String)
    /// A source's new `cites` would make a cycle, or a chain deeper than weighing follows (said
    /// as ``GraphStore/citesProblem(ifSource:cited:)`` says it).
    case citesCycle(String)
    /// The quote of citation `citation` (from 0) is not in the text of `source`, where it is
    /// read; `partialMatch`, how much of its start the text has, when that is worth saying.
    case quoteNotInText(citation: Int, source: String, partialMatch: QuoteLocator.PartialMatch? = nil)
    /// The record an edit was checked against is no longer the one stored: another process
    /// changed, merged, renamed or deleted it between the check and the write.
    case storedChanged(kind: Record.Kind, id: String)
    /// Citation `index` (from 0) of the claim repeats citation `earlier` (same source, via and
    /// quote), both standing or both retracted (``CitationRepeats``).
    case repeatedCitation(claim: String, index: Int, earlier: Int, isRetracted: Bool)
    /// Citations `earlier` and `later` (from 0) would cite one passage of one claimant for the
    /// claim and against it (``SelfDispute``), as `description` says.
    case selfDispute(later: Int, earlier: Int, description: String)

    public var description: String {
        switch self {
        case .missingReference(let kind, let id, let missing):
            "\(kind.rawValue) \"\(id)\" would name \(missing), which is not in the store"
        case .changedEnd(let field):
            "\(field): a claim keeps its subject, predicate and object (its citations speak of that relationship): retract it (isnad retract) and add the new one"
        case .noStandingCitation(let claim):
            "citations: every citation of the claim would be retracted while the claim stands: retract the claim itself (isnad retract \(claim)) or leave a citation standing"
        case .outsideVocabulary(let field, let message): "\(field): \(message)"
        case .mergedChanged: "merged: the ids merged into an entity change only by isnad merge and isnad unmerge"
        case .typeBreaksClaim(let claim, let message):
            "type: the new type breaks claim \"\(claim)\": \(message) (retract the claim first, if the type is why it is wrong)"
        case .citesCycle(let cycle): "cites: \(cycle)"
        case .storedChanged(let kind, let id):
            "\(kind.rawValue) \"\(Text.printable(id))\" was changed by someone else meanwhile: nothing changed, edit it again"
        case .repeatedCitation(let claim, let index, let earlier, let isRetracted):
            "claim \"\(Text.printable(claim))\": citations \(earlier + 1) and \(index + 1) have the same source, via and quote and would both \(isRetracted ? "be retracted" : "stand"): a claim holds a citation once (isnad set \(Text.printable(claim)) 'citations[\(index)]' null removes the second); nothing changed"
        case .selfDispute(let later, _, let description):
            "citations[\(later)]: \(description); nothing changed (give the passage the stance it takes, or tell two sentences apart by their line locators: line N)"
        case .quoteNotInText(let citation, let source, let partialMatch):
            "citations[\(citation)]: its quote is not in the text of source \"\(Text.printable(source))\", where it is read (word for word; change the quote and its source together in isnad edit, or give the citation a locator \"unverified: REASON\")"
                + (partialMatch.map { ": " + Text.printable($0.description) } ?? "")
        }
    }
}
