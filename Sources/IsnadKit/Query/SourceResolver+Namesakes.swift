extension SourceResolver {
    /// A source already stored that may be the one a new source names again, and why.
    public struct Namesake: Sendable {
        /// Why the two may be one.
        public enum Likeness: Sendable, Equatable {
            /// Both have one url, read as one document (``SameVoice/url(_:)``).
            case sameURL
            /// The titles are one once spelling variants are folded (``NameKey/fold(_:)``).
            case sameTitle
            /// The titles are one title transliterated twice (``NameKey/areCloseSpellings(folded:_:)``).
            case closeSpelling
            /// The titles are in Arabic and Latin letters, with the same consonants (three at
            /// least): al-Modon and المدن.
            case otherScript
        }

        public let source: GraphStore.SourceName
        public let likeness: Likeness
    }

    /// The sources (in id order, `excluding` the new one's own id) that may be the one with this
    /// title and url, by the rules `add entity` names an entity's namesakes by: the same url,
    /// the same title however spelt, or the same consonants in the other script. One publication
    /// entered twice (an outlet under its Latin and its Arabic name) weighs as two independent
    /// channels; a title may also be shared by two documents, so this is for a note, not a
    /// refusal.
    /// A title is compared only with sources that name no other publisher (two outlets' "Annual
    /// report" are two documents).
    public func namesakes(
        ofTitle title: String, url: String?, publisher: String? = nil, excluding id: String? = nil
    ) throws -> [Namesake] {
        let probe = NamesakeProbe(title: title, url: url, publisher: publisher)
        var found: [Namesake] = []
        try store.forEachSourceName { name in
            guard name.id != id else { return }
            if let likeness = probe.likeness(to: name) { found.append(Namesake(source: name, likeness: likeness)) }
        }
        return found
    }
}

/// A new source's title, url and publisher as the namesake rules compare them, read once for
/// every stored source it is held against (``SourceResolver/namesakes(ofTitle:url:publisher:excluding:)``,
/// and an import's note on the sources it added).
struct NamesakeProbe {
    /// The title folded (``NameKey/fold(_:)``) and the url as a document (``SameVoice/url(_:)``):
    /// the keys an import looks its added sources up by.
    let folded: String
    let address: String?
    let publisher: String?
    let isArabic: Bool
    let consonants: String?
    let readings: Set<String>

    init(title: String, url: String?, publisher: String?) {
        folded = NameKey.fold(title)
        address = url.map(SameVoice.url).flatMap { $0.isEmpty ? nil : $0 }
        self.publisher = publisher
        isArabic = NameKey.isInArabicLetters(folded)
        // Two consonants are shared by too many names, as `add entity` has it.
        consonants = NameKey.consonants(ofFolded: folded).flatMap { $0.count >= 3 ? $0 : nil }
        readings = consonants == nil ? [] : Set(NameKey.consonantKeys(ofTyped: folded))
    }

    /// Why the stored source `name` may be this one, nil when nothing says so.
    func likeness(to name: GraphStore.SourceName) -> SourceResolver.Namesake.Likeness? {
        let other = NameKey.fold(name.title)
        let isOtherPublisher =
            if let publisher, let theirs = name.publisher {
                SameVoice.publisher(publisher) != SameVoice.publisher(theirs)
            } else {
                false
            }
        return if let address, name.url.map(SameVoice.url) == address {
            .sameURL
        } else if isOtherPublisher {
            nil
        } else if !folded.isEmpty && other == folded {
            .sameTitle
        } else if NameKey.areCloseSpellings(folded: folded, other) {
            .closeSpelling
        } else if let consonants, NameKey.isInArabicLetters(other) != isArabic,
            let theirs = NameKey.consonants(ofFolded: other),
            // Either title read as transliterations write it (the t of Jabhat for ة).
            readings.contains(theirs) || NameKey.consonantKeys(ofTyped: other).contains(consonants)
        {
            .otherScript
        } else {
            nil
        }
    }
}
