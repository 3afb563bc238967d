extension SourceResolver {
    /// A stored source an import replaced with one that reads as another document: two
    /// researchers' "field-notes" are two documents under one id, and the import silently made
    /// the first the second (every citation of it now attributed to the other).
    public struct ReplacedSource: Sendable {
        /// A field that reads as another document's: `title`, `url` or `publisher`, before and after.
        public struct Field: Sendable, Equatable {
            public let name: String
            public let before: String
            public let after: String
        }

        public let id: String
        public let fields: [Field]
    }

    /// The sources the import `entry` changed whose title (folded: ``NameKey/fold(_:)``), url or
    /// publisher (as ``SameVoice`` reads them) now names another document, in id order. A url or
    /// a publisher given where there was none is a completion, not another document.
    public func sourcesReadAsAnother(changedBy entry: Int) throws -> [ReplacedSource] {
        let decoder = RecordDecoder(vocabulary: store.vocabulary)
        var replaced: [ReplacedSource] = []
        try store.forEachRecord(of: entry, kind: .source, action: .changed) { change in
            guard let beforeLine = change.before, let afterLine = change.after,
                case .source(let before) = try? decoder.decode(keptLine: beforeLine, kind: .source, id: change.id),
                case .source(let after) = try? decoder.decode(keptLine: afterLine, kind: .source, id: change.id)
            else { return }
            var fields: [ReplacedSource.Field] = []
            if NameKey.fold(before.title) != NameKey.fold(after.title) {
                fields.append(.init(name: "title", before: before.title, after: after.title))
            }
            if let was = before.url, let now = after.url, SameVoice.url(was) != SameVoice.url(now) {
                fields.append(.init(name: "url", before: was, after: now))
            }
            if let was = before.publisher, let now = after.publisher, SameVoice.publisher(was) != SameVoice.publisher(now) {
                fields.append(.init(name: "publisher", before: was, after: now))
            }
            if !fields.isEmpty { replaced.append(ReplacedSource(id: change.id, fields: fields)) }
        }
        return replaced
    }

    /// A source an import added that may be one already stored under another id.
    public struct AddedNamesake: Sendable {
        public let added: GraphStore.SourceName
        public let stored: GraphStore.SourceName
        /// ``Namesake/Likeness/sameURL`` or ``Namesake/Likeness/sameTitle``: the close spellings
        /// `add source` also names would, over a whole file, name too many pairs to read.
        public let likeness: Namesake.Likeness
    }

    /// The sources the import `entry` added that share a url or a title however spelt with a
    /// source stored before it, by the rules of ``namesakes(ofTitle:url:publisher:excluding:)``
    /// (and those `check`'s one-voice finding groups by): one document under two ids weighs as
    /// two independent voices. Reads the store's sources once, whatever the import's size; in
    /// added then stored id order.
    public func namesakes(ofSourcesAddedBy entry: Int) throws -> [AddedNamesake] {
        var addedIDs: Set<String> = []
        try store.forEachRecord(of: entry, kind: .source, action: .added) { addedIDs.insert($0.id) }
        guard !addedIDs.isEmpty else { return [] }
        var added: [(name: GraphStore.SourceName, probe: NamesakeProbe)] = []
        var stored: [GraphStore.SourceName] = []
        try store.forEachSourceName { name in
            if addedIDs.contains(name.id) {
                added.append((name, NamesakeProbe(title: name.title, url: name.url, publisher: name.publisher)))
            } else {
                stored.append(name)
            }
        }
        guard !stored.isEmpty else { return [] }
        // The added sources by the keys the two rules compare, so each stored one is looked up, not compared with all.
        var byAddress: [String: [Int]] = [:]
        var byTitle: [String: [Int]] = [:]
        for (index, source) in added.enumerated() {
            if let address = source.probe.address { byAddress[address, default: []].append(index) }
            if !source.probe.folded.isEmpty { byTitle[source.probe.folded, default: []].append(index) }
        }
        var found: [AddedNamesake] = []
        for name in stored {
            let address = name.url.map(SameVoice.url)
            let candidates = Set((address.flatMap { byAddress[$0] } ?? []) + (byTitle[NameKey.fold(name.title)] ?? []))
            for index in candidates.sorted() {
                let likeness = added[index].probe.likeness(to: name)
                if likeness == .sameURL || likeness == .sameTitle, let likeness {
                    found.append(AddedNamesake(added: added[index].name, stored: name, likeness: likeness))
                }
            }
        }
        return found.sorted { ($0.added.id, $0.stored.id) < ($1.added.id, $1.stored.id) }
    }
}
