// libFuzzer target: partial dates ("2022", "2022-03", "2022-03-27") wherever a user gives one:
// a record's start, end or published (RecordDecoder), a command-line date (--as-of, --between,
// log --since/--until: PartialDate(argument:)), a sheet's date cell (Text.withWesternDigits(date:)),
// a STIX or FtM timestamp (ForeignID.date), a history entry's time (HistoryEntry.isTimestamp).
// The input's first line is one date, its second (or the first again) another.
//
// Checks: a date accepted writes back as the text given, in range, its first day no later than
// its last; a date refused is refused without a hint too, and what its hint suggests is a date;
// every message about a date refused is one line without control characters;
// ForeignID.date reads a prefix of its text, or a timestamp's UTC day, the day before or after
// the one written; a timestamp accepted has a valid date;
// STIXReader.isEarlier is a strict order on the pair; `isnad claims --between A B`,
// `isnad log --since A --until B` and `isnad timeline --as-of A --known-by B`, in-process on a
// store holding the seed dataset, end 0 or 64 (usage; log 65 too), their messages without control
// characters.

import Foundation
import FuzzSupport

@testable import FuzzCLI
@testable import IsnadKit

final class DateChecks {
    let database: ScratchFile
    let decoder = RecordDecoder()

    init() throws {
        database = try ScratchFile(suffix: ".db")
        try TemplateStore().copy(to: database.path)
    }

    func check(_ bytes: [UInt8]) throws {
        let lines = bytes.split(separator: 0x0A, maxSplits: 1, omittingEmptySubsequences: false)
        let first = String(decoding: lines.first ?? [], as: UTF8.self)
        let second = lines.count > 1 ? String(decoding: lines[1], as: UTF8.self) : first
        for text in [first, second] { try checkDate(text) }
        guard !STIXReader.isEarlier(first, than: first) else { throw Finding("isEarlier(a, a) for \(first.debugDescription)") }
        if STIXReader.isEarlier(first, than: second), STIXReader.isEarlier(second, than: first) {
            throw Finding("isEarlier both ways for \(first.debugDescription) and \(second.debugDescription)")
        }
        try checkCommandLine(first, second)
    }

    func checkDate(_ text: String) throws {
        do {
            let date = try PartialDate(parsing: text)
            guard date.description == text else { throw Finding("\(text.debugDescription) is read as \(date)") }
            guard (1...9999).contains(date.year), (date.month.map { (1...12).contains($0) } ?? true),
                date.firstDay <= date.lastDay
            else { throw Finding("\(text.debugDescription) is read as an impossible date \(date)") }
            guard String(date.firstDayNumber) == date.firstDay.replacingOccurrences(of: "-", with: "").drop(while: { $0 == "0" }),
                String(date.lastDayNumber) == date.lastDay.replacingOccurrences(of: "-", with: "").drop(while: { $0 == "0" })
            else {
                throw Finding(
                    "\(text.debugDescription): day numbers \(date.firstDayNumber) \(date.lastDayNumber) are not its days")
            }
        } catch let error as PartialDateError {
            try checkOneLine(error.reason, "a refused date's reason")
            try checkHint(text, reason: error.reason)
        }
        if let note = Text.hijriNote(forDate: text) { try checkOneLine(note, "a date's Hijri note") }
        let western = Text.withWesternDigits(date: text)
        if western != text, (try? PartialDate(parsing: western)) == nil {
            throw Finding("withWesternDigits(date:) turned \(text.debugDescription) into \(western.debugDescription), no date")
        }
        do {
            _ = try PartialDate(argument: text)
        } catch {
            try checkOneLine(error.message, "a command-line date's message")
        }
        var left: [String] = []
        if let date = ForeignID.date(text, field: "date", left: &left) {
            let written = try? PartialDate(parsing: String(text.prefix(10)))
            guard
                text.hasPrefix(date.description)
                    || (text.utf8.count > 10 && [-1, 1].contains { written?.adding(days: $0) == date })
            else {
                throw Finding("ForeignID.date read \(text.debugDescription) as \(date)")
            }
        }
        for phrase in left { try checkOneLine(phrase, "a foreign date's note") }
        if HistoryEntry.isTimestamp(text), (try? PartialDate(parsing: String(text.prefix(10)))) == nil {
            throw Finding("\(text.debugDescription) is a timestamp whose date is not one")
        }
        // A record's date field: refused with one-line problems.
        let record: JSONValue = .object(
            JSONObject(members: [
                .init(key: "record", value: .string("source")), .init(key: "id", value: .string("s")),
                .init(key: "type", value: .string("other")), .init(key: "title", value: .string("t")),
                .init(key: "reliability", value: .string("C")), .init(key: "published", value: .string(text)),
            ]))
        do {
            _ = try decoder.decode(record)
        } catch {
            for problem in error.problems { try checkOneLine(problem.message, "a record's date problem") }
        }
    }

    /// A hint suggests only dates that are written right, and is made once: read without one,
    /// the text is refused all the same (a hint that parsed its own suggestions with hints
    /// recursed without end on 2024-0-2929).
    func checkHint(_ text: String, reason: String) throws {
        var bytes = text
        let unhinted = bytes.withUTF8 { utf8 in
            Result { () throws(PartialDateError) in try PartialDate(utf8: utf8, hinting: false) }
        }
        guard case .failure(let plain) = unhinted, reason.hasPrefix(plain.reason) else {
            throw Finding("\(text.debugDescription) is read otherwise without a hint: \(unhinted), with one: \(reason)")
        }
        for suggestion in reason.split(separator: "write ").dropFirst() {
            let date = String(suggestion.prefix { $0 != " " && $0 != ")" })
            // "… write YYYY-MM-DD" says the form, not a date.
            guard date.first?.isASCII == true, date.first?.isNumber == true else { continue }
            guard (try? PartialDate(parsing: date)) != nil else {
                throw Finding("\(text.debugDescription): the hint suggests \(date.debugDescription), not a date: \(reason)")
            }
        }
    }

    func checkCommandLine(_ first: String, _ second: String) throws {
        // An argument that starts with -- is another option: not a date typed.
        guard !first.hasPrefix("-"), !second.hasPrefix("-") else { return }
        for arguments in [
            ["claims", "--between", first, second, "--format", "csv"], ["log", "--since", first, "--until", second],
            ["timeline", "--as-of", first, "--known-by", second],
        ] {
            let run = runCLI(["--db", database.path] + arguments)
            try checkTerminalSafe(run.standardError, "\(arguments[0])'s messages")
            guard run.status == 0 || run.status == 64 || (run.status == 65 && arguments[0] == "log") else {
                throw Finding("isnad \(arguments) ended \(run.status): \(run)")
            }
        }
    }
}

fuzz { try DateChecks().check }
