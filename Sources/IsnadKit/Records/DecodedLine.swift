/// One line of a record file, read and decoded: all the work on a line that needs no store.
///
/// ``DecodedLine/read(descriptor:format:maximumLineLength:decoder:into:)`` does this work on a
/// thread of its own while the importer writes the lines before into the store (the import's
/// two halves take about as long as each other), so an import runs at the speed of the slower
/// half rather than of both added up. Nothing here can change the store: a bad line is decoded
/// into what the importer will report, in the line's order.
struct DecodedLine: Sendable {
    enum Content: Sendable {
        /// A blank line: counted, nothing more.
        case blank
        /// A line over the length limit, skipped unread.
        case tooLong
        /// A line over the length limit that had not ended when the reading gave it up.
        case unended
        /// The first line shows the file is of another format (the reading stopped here).
        case foreign(ForeignFormat)
        /// A line of FollowTheMoney entities, mapped by the importer.
        case followTheMoney([UInt8])
        /// A line of Isnad's records.
        case record(Decoded)
    }

    /// One line of Isnad's record format, decoded and checked on its own.
    enum Decoded: Sendable {
        /// A valid record, the digest of what makes it the same record (``identityDigest(of:writer:)``),
        /// and the keys the store files it under.
        case record(Record, identity: UInt64, keys: StoredKeys)
        /// A record that breaks rules of its own; `id` is its id when that is readable, and
        /// `references` what it names that reads well (a claim's ends and sources), so that
        /// a name that matches nothing is listed with the record's other problems.
        case refused([RecordProblem], id: String?, references: [Reference])
        /// Not JSON; `opensObject` when the line is a lone `{`, the start of an object written
        /// over several lines.
        case unparsable(String, opensObject: Bool)
    }

    /// The keys the store files a record under, which take a hash or a fold of its text: worked
    /// out while decoding, so that the writer does not.
    struct StoredKeys: Sendable {
        /// An entity's ``NameKey/searchKeys(of:)``.
        var searchKeys: [String] = []
        /// A claim's citations' ``Citation/key``s, in order.
        var citationKeys: [Int64] = []

        init(of record: Record) {
            switch record {
            case .entity(let entity): searchKeys = NameKey.searchKeys(of: entity)
            case .claim(let claim): citationKeys = claim.citations.map(\.key)
            case .source: break
            }
        }
    }

    /// An id a refused record names, in a field that reads well.
    struct Reference: Sendable {
        let field: String
        let target: Record.Kind
        let id: String
    }

    /// The references of a claim record that was refused, from the fields its problems do not
    /// name: the import checks them as it checks a good record's, so that every problem of the
    /// record is listed at once, an unknown subject beside a bad date.
    static func references(of value: JSONValue, besides problems: [RecordProblem]) -> [Reference] {
        guard case .object(let object) = value, case .string("claim")? = object["record"] else { return [] }
        let brokenFields = Set(problems.compactMap(\.field))
        var references: [Reference] = []
        func note(_ field: String, _ target: Record.Kind, _ value: JSONValue?) {
            guard case .string(let id)? = value, Identifier.isValid(id), !brokenFields.contains(field) else { return }
            references.append(Reference(field: field, target: target, id: id))
        }
        note("subject", .entity, object["subject"])
        note("object", .entity, object["object"])
        if case .array(let citations)? = object["citations"] {
            for (index, citation) in citations.enumerated() {
                guard case .object(let fields) = citation else { continue }
                note("citations[\(index)].source", .source, fields["source"])
                note("citations[\(index)].via", .source, fields["via"])
            }
        }
        return references
    }

    /// The line's 1-based number in its file.
    let number: Int
    /// The line's length in bytes, without its line feed.
    let length: Int
    let content: Content

    /// Parses and decodes one line of the record format.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, decoder: RecordDecoder, writer: inout RecordWriter) -> Decoded {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            return .unparsable(error.description, opensObject: ForeignFormat.isOpeningBrace(bytes))
        }
        do throws(RecordProblems) {
            let record = try decoder.decode(value)
            return .record(record, identity: identityDigest(of: record, writer: &writer), keys: StoredKeys(of: record))
        } catch {
            let id: String? = if case .object(let object) = value, case .string(let id) = object["id"] { id } else { nil }
            return .refused(error.problems, id: id, references: references(of: value, besides: error.problems))
        }
    }

    /// What tells two records of one id apart: the record as written, a claim without its
    /// citations (a claim is the same claim whatever its citations: a second record of it in
    /// one import adds its citations, as a second import would).
    static func identityDigest(of record: Record, writer: inout RecordWriter) -> UInt64 {
        var identity = record
        if case .claim(var claim) = record {
            claim.citations = []
            identity = .claim(claim)
        }
        return FNV1a.hash(bytes: writer.encode(identity))
    }

    /// Lines in a batch handed over at once, and the bytes of line text after which a batch is
    /// handed over whatever its count: handing over costs a lock and a wake-up, so lines go in
    /// batches; the queue holds a few batches, so memory stays bounded.
    private static let batchLines = 256
    private static let batchBytes = 4 << 20
    static let batchesAhead = 4

    /// Reads `descriptor` line by line, decodes each line and hands them over in order, in
    /// batches, until the file ends or the consumer stops. The first line decides the format
    /// when `format` is nil, as the importer reads it: FollowTheMoney entities, another format
    /// (handed over, and reading stops there), else Isnad's records.
    /// - Throws: ``LineReader/ReadError`` when reading the file fails, after the lines before;
    ///   ``Handoff/Stopped`` when the consumer stopped.
    static func read(
        descriptor: Int32, format: ExchangeFormat?, maximumLineLength: Int, decoder: RecordDecoder,
        into handoff: Handoff<[DecodedLine]>
    ) throws {
        struct ForeignFile: Error {}
        var reader = LineReader(fileDescriptor: descriptor, maximumLineLength: maximumLineLength)
        var writer = RecordWriter()
        var batches = HandoffBatches(into: handoff, count: batchLines, bytes: batchBytes)
        var isFtM = format == .ftm
        var isBeforeFirstLine = true
        do {
            let readError = try reader.forEachLine { (number, line) throws in
                let content: Content
                let length: Int
                switch line {
                case .tooLong(let skipped):
                    isBeforeFirstLine = false
                    length = skipped
                    content = .tooLong
                case .unended(let read):
                    isBeforeFirstLine = false
                    length = read
                    content = .unended
                case .text(let whole):
                    length = whole.count
                    // A byte order mark at the start of a later line is the start of another file
                    // joined on (`cat a.jsonl b.jsonl | isnad import -`), read as the first line's is.
                    let bytes =
                        whole.starts(with: [0xEF, 0xBB, 0xBF]) ? UnsafeBufferPointer(rebasing: whole.dropFirst(3)) : whole
                    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                        content = .blank
                        break
                    }
                    if isBeforeFirstLine, format == nil, isFollowTheMoney(bytes) { isFtM = true }
                    if isBeforeFirstLine, !isFtM, let foreign = ForeignFormat.recognise(firstLine: bytes) {
                        try batches.add(DecodedLine(number: number, length: length, content: .foreign(foreign)))
                        try batches.flush()
                        throw ForeignFile()
                    }
                    isBeforeFirstLine = false
                    content =
                        isFtM ? .followTheMoney(Array(bytes)) : .record(decode(bytes, decoder: decoder, writer: &writer))
                }
                try batches.add(DecodedLine(number: number, length: length, content: content), bytes: length)
            }
            try batches.flush()
            if let readError { throw readError }
        } catch is ForeignFile {
            // Handed over: the importer reports it, and nothing more is read.
        }
    }

    /// Whether a line is one FollowTheMoney entity.
    static func isFollowTheMoney(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let value = try? JSONParser.parse(bytes) else { return false }
        return ExchangeFormat.isFtMEntity(value)
    }
}
