import Foundation

/// The names a withheld source goes by (its ids, titles, authors, urls), as they are looked for
/// in what is kept without it: by `isnad copy --without-source` in the copy's records, and by
/// `isnad import --from history --without-source` in the record lines of the entries it keeps.
/// One search for both, so that a field one of them points out the other does too.
///
/// Each name is looked for as given, a title's part in brackets alone too (a text quoting its
/// translation gives it so), and each as an id made of it (a claim id an analyst typed,
/// `khaled-nasser-says`); names and text alike folded (``folded(_:)``), and a name found only as
/// words of their own (``holds(_:word:)``). A name of fewer than two letters once folded is not
/// looked for; two are: an informant's initials ("per KN").
struct WithheldNames: Sendable {
    /// The names, folded, each once.
    let folded: [String]

    init(_ names: some Sequence<String>) {
        var names = Array(names)
        names += names.flatMap {
            $0.split(whereSeparator: { "()[]".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }
        }
        names += names.map(Identifier.slug(from:))
        folded = Array(Set(names.map(Self.folded).filter { $0.count >= 2 })).sorted()
    }

    var isEmpty: Bool { folded.isEmpty }

    /// Whether `text` names one of them.
    func isNamed(in text: String) -> Bool {
        guard !folded.isEmpty else { return false }
        let text = Self.folded(text)
        return folded.contains { Self.holds(text, word: $0) }
    }

    /// Text as names are looked for in it, folded as names are for search (``NameKey/normalize(_:)``:
    /// case, diacritics, tatweel, invisible characters, Arabic letter variants, punctuation and
    /// white space: a title quoted across a line break, `debrief 7` for `debrief-7`).
    static func folded(_ text: String) -> String { NameKey.normalize(text) }

    /// Whether `text` holds `name` as words of its own: not inside a longer word ("leaked
    /// document a" is not in "the leaked document attributed to him"). Searched as bytes:
    /// Foundation's `range(of:)` took half the time of a copy that withheld.
    static func holds(_ text: String, word name: String) -> Bool {
        var (text, name) = (text, name)
        return text.withUTF8 { haystack in
            name.withUTF8 { needle in
                guard let base = haystack.baseAddress, let wanted = needle.baseAddress, !needle.isEmpty else {
                    return false
                }
                var start = 0
                let last = haystack.count - needle.count
                while start <= last {
                    // The first byte found by memchr, the rest compared by memcmp.
                    guard let found = memchr(base + start, Int32(wanted[0]), last - start + 1) else { return false }
                    let offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + offset, wanted, needle.count) == 0, startsWord(at: offset, in: haystack),
                        !isWord(scalarAt: offset + needle.count, in: haystack)
                    {
                        return true
                    }
                    start = offset + 1
                }
                return false
            }
        }
    }

    /// Whether the character that starts at byte `index` is a letter or a digit.
    private static func isWord(scalarAt index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard index < bytes.count else { return false }
        let scalar = String(decoding: bytes[index..<min(index + 4, bytes.count)], as: UTF8.self).unicodeScalars.first
        return scalar.map(isWord) ?? false
    }

    /// Whether a word starts at byte `index`: nothing before it but a space or punctuation, or
    /// an Arabic one-letter prefix written onto it (و ف ب ل ك: وخالد is "and Khaled").
    private static func startsWord(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard index > 0 else { return true }
        guard isWord(scalarBefore: index, in: bytes) else { return true }
        let start = scalarStart(before: index, in: bytes)
        let prefix = String(decoding: bytes[start..<index], as: UTF8.self)
        return ["و", "ف", "ب", "ل", "ك"].contains(prefix) && !isWord(scalarBefore: start, in: bytes)
    }

    /// Whether the character that ends just before byte `index` is a letter or a digit.
    private static func isWord(scalarBefore index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard index > 0 else { return false }
        let start = scalarStart(before: index, in: bytes)
        let scalar = String(decoding: bytes[start..<index], as: UTF8.self).unicodeScalars.first
        return scalar.map(isWord) ?? false
    }

    /// The byte at which the character that ends just before byte `index` starts (UTF-8: back
    /// over its continuation bytes).
    private static func scalarStart(before index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var start = index - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return start
    }

    private static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
