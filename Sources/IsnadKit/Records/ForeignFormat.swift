/// What an input file looks like when it is not JSON Lines at all, recognised from its first
/// bytes (or from a line that opens a pretty-printed object), so that the import can say so in
/// one line, with the command that converts it, instead of one "invalid JSON" per line.
///
/// Magic numbers: gzip (RFC 1952), zip (PKWARE APPNOTE), bzip2, xz, zstd (RFC 8878); byte
/// order marks and the UTF-16 and UTF-32 encoding forms (Unicode, chapter 3.10).
public enum ForeignFormat: Equatable, Sendable {
    /// A compressed or archived file: its format's name, and the command that writes it out.
    case compressed(format: String, command: String, suffix: String)
    /// UTF-16 or UTF-32 text: the encoding's name as iconv spells it.
    case wideText(encoding: String)
    /// A JSON array (of records, most likely), on one line or several.
    case jsonArray
    /// A JSON object spread over several lines: this line is just `{`.
    case multilineObject
    /// An SQLite database, most likely an Isnad store given where records were expected.
    case sqliteDatabase
    /// Lines that end with a carriage return alone (classic Mac OS): the whole file reads as
    /// one line, records one after another.
    case carriageReturnLines
    /// An XML document (GraphML, GEXF, an XSD …): nothing Isnad imports.
    case xmlDocument
    /// A STIX bundle where records were expected: on standard input, which is not peeked at, it
    /// takes `--from stix` (a file is recognised by its content).
    case stixBundle
    /// A claims sheet (its header names `subject` and `predicate`) under a name that is not
    /// `.csv` or `.tsv`, as spreadsheets offer `.txt`: in UTF-8 (nil), or in the encoding named.
    case claimSheet(encoding: String?)

    /// The format of the first non-blank line of an input, when it is clearly not JSON Lines.
    public static func recognise(firstLine line: UnsafeBufferPointer<UInt8>) -> ForeignFormat? {
        let bytes = Array(line.prefix(64))
        func starts(with prefix: [UInt8]) -> Bool { bytes.starts(with: prefix) }
        if starts(with: Array("SQLite format 3\0".utf8)) { return .sqliteDatabase }
        if starts(with: [0x1F, 0x8B]) { return .compressed(format: "gzip-compressed", command: "gunzip -c", suffix: ".gz") }
        if starts(with: [0x50, 0x4B, 0x03, 0x04]) || starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            return .compressed(format: "a zip archive", command: "unzip -p", suffix: ".zip")
        }
        if starts(with: Array("BZh".utf8)) && bytes.count > 3 && (0x31...0x39).contains(bytes[3]) {
            return .compressed(format: "bzip2-compressed", command: "bunzip2 -c", suffix: ".bz2")
        }
        if starts(with: [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) {
            return .compressed(format: "xz-compressed", command: "xz -dc", suffix: ".xz")
        }
        if starts(with: [0x28, 0xB5, 0x2F, 0xFD]) {
            return .compressed(format: "zstd-compressed", command: "zstd -dc", suffix: ".zst")
        }
        // Byte order marks: UTF-32's before UTF-16's, whose little-endian mark begins it.
        if starts(with: [0xFF, 0xFE, 0x00, 0x00]) || starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
            return .wideText(encoding: "UTF-32")
        }
        if starts(with: [0xFF, 0xFE]) || starts(with: [0xFE, 0xFF]) {
            // The ASCII of a header, its NULs dropped: Excel's "Unicode text" is a tab-separated sheet.
            return isSheetHeader(Array(line.prefix(256)).filter { $0 != 0 })
                ? .claimSheet(encoding: "UTF-16") : .wideText(encoding: "UTF-16")
        }
        // No mark: JSON begins with ASCII, which these forms pad with NULs in a fixed pattern.
        if let encoding = wideEncoding(of: Array(bytes.prefix(16))) {
            return isSheetHeader(Array(line.prefix(256)).filter { $0 != 0 })
                ? .claimSheet(encoding: encoding) : .wideText(encoding: encoding)
        }
        if isSheetHeader(Array(line.prefix(4096))) { return .claimSheet(encoding: nil) }
        if let first = bytes.first(where: { !isBlank($0) }), first == UInt8(ascii: "["), isArrayOfRecords(line) {
            return .jsonArray
        }
        if bytes.first(where: { !isBlank($0) }) == UInt8(ascii: "<") { return .xmlDocument }
        if ExchangeFormat.isSTIXBundle(ArraySlice(line)) { return .stixBundle }
        if isOpeningBrace(line) { return .multilineObject }
        if hasRecordAfterCarriageReturn(line) { return .carriageReturnLines }
        return nil
    }

    /// Whether a line that opens an array opens an array of records: it continues on the next
    /// lines, or it is whole and holds an object. (`["record"]` is a bad record, not a file to
    /// convert.)
    private static func isArrayOfRecords(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard case .array(let elements)? = try? JSONParser.parse(line) else { return true }
        return elements.contains { if case .object = $0 { true } else { false } }
    }

    /// Whether a carriage return in the line is followed by `{`: records separated by CR alone.
    /// (A CR inside a record is escaped in its strings, and a CR LF ending is cut before this.)
    private static func hasRecordAfterCarriageReturn(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard line.count > 1 else { return false }
        for index in 0..<(line.count - 1) where line[index] == 0x0D && line[index + 1] == UInt8(ascii: "{") {
            return true
        }
        return false
    }

    /// Whether the line is just `{` (and blanks): the first line of a pretty-printed object.
    public static func isOpeningBrace(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var braces = 0
        for byte in line {
            if byte == UInt8(ascii: "{") {
                braces += 1
            } else if !isBlank(byte) {
                return false
            }
        }
        return braces == 1
    }

    /// What the import says, for an input named `input` (a path, or `<stdin>` when
    /// `isStandardInput`): what the file looks like and how to turn it into JSON Lines.
    public func problem(input: String, isStandardInput: Bool) -> RecordProblem {
        if self == .xmlDocument {
            return RecordProblem(
                message:
                    "the file is XML (GraphML, GEXF?), not records: Isnad imports records (JSON Lines), STIX bundles, FollowTheMoney entities, claim sheets and histories; its own GraphML and GEXF exports are for other tools"
            )
        }
        if self == .stixBundle {
            return RecordProblem(
                message: "this is a STIX bundle, not records: give --from stix to read it from standard input")
        }
        if case .claimSheet(let encoding) = self {
            guard let encoding else {
                return RecordProblem(
                    message: "this is a claims sheet (CSV), not records: import it with --from csv, or name it .csv")
            }
            return RecordProblem(
                message:
                    "this is a claims sheet in \(encoding) text (Excel's \"Unicode text\"): save it as \"CSV UTF-8\", or convert it with iconv -f \(encoding) -t UTF-8 and import the result with --from csv"
            )
        }
        if self == .sqliteDatabase {
            let name = isStandardInput ? "STORE" : ForeignFormat.shellQuoted(input)
            return RecordProblem(
                message:
                    "the file is an SQLite database (an Isnad store?), not records: query it with --db \(name), copy it with isnad copy \(name) OTHER.db, or take its records with isnad --db \(name) export jsonl"
            )
        }
        let fix = conversion(input: input, isStandardInput: isStandardInput)
        let message =
            switch self {
            case .compressed(let format, _, _):
                "the file is \(format), not JSON Lines text: \(fix)"
            case .wideText(let encoding):
                "the file is \(encoding) text; records must be UTF-8 JSON Lines: \(fix)"
            case .jsonArray:
                "the file is a JSON array; records must be JSON Lines (one record a line, no enclosing [ ]): \(fix)"
            case .multilineObject:
                "this line is just \"{\": a record spans several lines, but records must be JSON Lines (one record a line): \(fix)"
                    + (isStandardInput ? " (a STIX bundle on standard input takes --from stix)" : "")
            case .carriageReturnLines:
                "the file's lines end with a carriage return alone (classic Mac OS); records must be JSON Lines: \(fix)"
            case .sqliteDatabase, .xmlDocument, .stixBundle, .claimSheet: ""
            }
        return RecordProblem(message: message)
    }

    private func conversion(input: String, isStandardInput: Bool) -> String {
        let command =
            switch self {
            case .compressed(_, let command, _): command
            case .wideText(let encoding): "iconv -f \(encoding) -t UTF-8"
            case .jsonArray: "jq -c '.[]'"
            case .multilineObject: "jq -c ."
            case .carriageReturnLines: "tr '\\r' '\\n' <"
            case .sqliteDatabase, .xmlDocument, .stixBundle, .claimSheet: ""
            }
        // A name shown escaped is not the file's name: a command made from it would name another.
        if isStandardInput || Text.printable(input) != input {
            return "pipe it through \(command.hasSuffix(" <") ? String(command.dropLast(2)) : command)"
        }
        let suffix = if case .compressed(_, _, let suffix) = self { suffix } else { "" }
        let target = ForeignFormat.jsonLinesName(for: input, dropping: suffix)
        // A name that begins with - would be read as an option.
        func argument(_ path: String) -> String { ForeignFormat.shellQuoted(path.hasPrefix("-") ? "./" + path : path) }
        return "convert it with \(command) \(argument(input)) > \(argument(target))"
    }

    /// Where to write the converted file: the input's name as `.jsonl`, never the input itself.
    static func jsonLinesName(for path: String, dropping suffix: String) -> String {
        var base = path
        for ending in [suffix, ".jsonl", ".json", ".ndjson", ".txt"]
        where !ending.isEmpty && base.hasSuffix(ending) && base.count > ending.count {
            base.removeLast(ending.count)
        }
        let target = base + ".jsonl"
        return target == path ? base + ".lines.jsonl" : target
    }

    /// The path as one shell word: as it is when it needs no quoting, else in single quotes.
    static func shellQuoted(_ path: String) -> String {
        let plain = path.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII
                && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || "/._-+,:@%".unicodeScalars.contains(scalar))
        }
        if plain && !path.isEmpty { return path }
        // A control character (a tab or a line feed in a file's name) would be shown as a space,
        // or as an escape the shell does not read, and the word copied would name another file:
        // spelled in $'…', as bash, zsh and ksh read it.
        if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            var word = "$'"
            for scalar in path.unicodeScalars {
                switch scalar {
                case "\\": word += "\\\\"
                case "'": word += "\\'"
                case "\t": word += "\\t"
                case "\n": word += "\\n"
                case "\r": word += "\\r"
                case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                    word += "\\x" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 2)
                default: word.unicodeScalars.append(scalar)
                }
            }
            return word + "'"
        }
        return "'" + path.split(separator: "'", omittingEmptySubsequences: false).joined(separator: #"'\''"#) + "'"
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }

    /// Whether the bytes (a first line, a byte order mark or not) are a claims sheet's header:
    /// fields separated by commas, semicolons or tabs, among them `subject` and `predicate`.
    private static func isSheetHeader(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes.filter { $0 < 0x80 }, as: UTF8.self).lowercased()
        guard !text.hasPrefix("{"), !text.hasPrefix("[") else { return false }
        // Excel's first line naming the separator: `sep=,` and nothing else.
        let line = text.filter { $0 != "\r" && $0 != "\n" && $0 != "\u{FEFF}" }
        if line.hasPrefix("sep="), line.count == 5 { return true }
        let fields = text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\t" })
            .map { String($0.filter { !" \"\r\n\u{FEFF}".contains($0) }) }
        return fields.contains("subject") && fields.contains("predicate")
    }

    /// UTF-16 or UTF-32 without a byte order mark, from where the NULs fall in the first bytes.
    private static func wideEncoding(of bytes: [UInt8]) -> String? {
        func pattern(_ period: Int, textAt offset: Int) -> Bool {
            let count = bytes.count - bytes.count % period
            guard count >= 2 * period else { return false }
            return (0..<count).allSatisfy { index in (index % period == offset) == (bytes[index] != 0) }
        }
        if pattern(4, textAt: 0) { return "UTF-32LE" }
        if pattern(4, textAt: 3) { return "UTF-32BE" }
        if pattern(2, textAt: 0) { return "UTF-16LE" }
        if pattern(2, textAt: 1) { return "UTF-16BE" }
        return nil
    }
}
