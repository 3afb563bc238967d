/// Text a spreadsheet has damaged on its way to a claims sheet: a verbatim quote must be the
/// source's words, and for a source without stored text nothing else would catch it.
enum SpreadsheetDamage {
    /// Why the cell cannot be the text it stands for, or nil. `allowingErrorValues`: a cell that
    /// reads as a spreadsheet's error value (`#N/A`) may be the text meant.
    static func problem(in text: String, allowingErrorValues: Bool = false) -> String? {
        // Each sign looked for in the bytes first: a sheet has a hundred thousand quotes.
        var hasReplacement = false
        var hasByteOrderMark = false
        var hasQuestionMark = false
        var hasLatin1Lead = false
        var previous: UInt8 = 0
        var beforePrevious: UInt8 = 0
        for byte in text.utf8 {
            if beforePrevious == 0xEF, previous == 0xBF, byte == 0xBD { hasReplacement = true }
            if beforePrevious == 0xEF, previous == 0xBB, byte == 0xBF { hasByteOrderMark = true }
            if byte == UInt8(ascii: "?") { hasQuestionMark = true }
            // U+00C2–U+00EF, the lead bytes of UTF-8 read as Latin letters: C3 82 … C3 AF.
            if previous == 0xC3, (0x82...0xAF).contains(byte) { hasLatin1Lead = true }
            beforePrevious = previous
            previous = byte
        }
        if hasReplacement {
            return
                "holds U+FFFD, the mark of text that could not be decoded: save the sheet again as \"CSV UTF-8\" from the original"
        }
        if hasByteOrderMark {
            return
                "holds an invisible byte order mark (U+FEFF), which a file joined or pasted into another leaves: delete it (the same text without it would be another quote)"
        }
        if !allowingErrorValues, text.utf8.first == UInt8(ascii: "#") || text.utf8.first == UInt8(ascii: "E"),
            errorValues.contains(text)
        {
            return "\"\(text)\" is a spreadsheet's error value, not text: the cell was read as a formula"
        }
        if hasQuestionMark, isLettersLostToQuestionMarks(text) {
            return
                "its letters are question marks: the sheet was saved in an encoding that cannot hold them; save it as \"CSV UTF-8\""
        }
        if hasLatin1Lead, isUTF8ReadAsWindowsText(text) {
            return
                "looks like UTF-8 read as Windows text (mojibake such as \"Ø§\" for \"ا\"): open the file as UTF-8 and save it as \"CSV UTF-8\""
        }
        if text.utf8.count >= excelCellLimit, text.utf16.count == excelCellLimit {
            return
                "exactly 32,767 characters, where Excel cuts a cell: give the whole quote in a record file (isnad add claim, or a .jsonl)"
        }
        return nil
    }

    /// The longest cell Excel keeps, in UTF-16 code units.
    static let excelCellLimit = 32_767

    private static let errorValues: Set<String> = [
        "#NAME?", "#VALUE!", "#REF!", "#N/A", "#DIV/0!", "#NULL!", "#NUM!", "#SPILL!", "#CALC!", "#FIELD!", "#GETTING_DATA",
        "#ERR!", "Err:502", "Err:504", "Err:508", "Err:522",
    ]

    /// A cell with no letter but question marks, or with two words made only of them: what a
    /// save in Windows-1252 leaves of Arabic (`?????? ???? ??`).
    private static func isLettersLostToQuestionMarks(_ text: String) -> Bool {
        guard text.contains("?") else { return false }
        let hasLetter = text.unicodeScalars.contains { $0.properties.isAlphabetic }
        if !hasLetter { return text.filter { $0 == "?" }.count >= 2 }
        let words = text.split(whereSeparator: { $0.isWhitespace })
        return words.filter { $0.count >= 2 && $0.allSatisfy { $0 == "?" } }.count >= 2
    }

    /// Whether the text, written back in Windows-1252, is valid UTF-8 that is not ASCII: the
    /// bytes of UTF-8 text were read one by one as Windows letters. Text written in Latin
    /// letters with accents is almost never valid UTF-8 that way.
    private static func isUTF8ReadAsWindowsText(_ text: String) -> Bool {
        guard text.unicodeScalars.contains(where: { (0xC2...0xDF).contains($0.value) || (0xE0...0xEF).contains($0.value) })
        else { return false }
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            if scalar.value < 0x80 || (0xA0...0xFF).contains(scalar.value) {
                bytes.append(UInt8(scalar.value))
            } else if let byte = windows1252Extras[scalar.value] {
                bytes.append(byte)
            } else {
                return false
            }
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else { return false }
        return decoded.unicodeScalars.contains { $0.value >= 0x80 }
    }

    /// The characters Windows-1252 puts at 0x80–0x9F, by the byte; and the five bytes it leaves
    /// undefined, which Windows passes through as C1 controls.
    private static let windows1252Extras: [UInt32: UInt8] = {
        let extras: [(UInt32, UInt8)] = [
            (0x20AC, 0x80), (0x201A, 0x82), (0x0192, 0x83), (0x201E, 0x84), (0x2026, 0x85), (0x2020, 0x86), (0x2021, 0x87),
            (0x02C6, 0x88), (0x2030, 0x89), (0x0160, 0x8A), (0x2039, 0x8B), (0x0152, 0x8C), (0x017D, 0x8E), (0x2018, 0x91),
            (0x2019, 0x92), (0x201C, 0x93), (0x201D, 0x94), (0x2022, 0x95), (0x2013, 0x96), (0x2014, 0x97), (0x02DC, 0x98),
            (0x2122, 0x99), (0x0161, 0x9A), (0x203A, 0x9B), (0x0153, 0x9C), (0x017E, 0x9E), (0x0178, 0x9F),
            (0x81, 0x81), (0x8D, 0x8D), (0x8F, 0x8F), (0x90, 0x90), (0x9D, 0x9D),
        ]
        return Dictionary(uniqueKeysWithValues: extras)
    }()
}
