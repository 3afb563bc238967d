import Foundation
import IsnadKit

/// `isnad import FILE.csv`: a claims spreadsheet (``ClaimSheet``), its names resolved as on the
/// command line, every row one citation, all of it one transaction and one history entry.
extension ImportCommand {
    /// Whether the inputs are spreadsheets: `--from csv`, or every file named `.csv`.
    static func isSheet(_ inputs: [String], format: ExchangeFormat?) throws -> Bool {
        if let format { return format == .csv }
        let sheets = inputs.filter { $0.lowercased().hasSuffix(".csv") }
        if sheets.isEmpty { return false }
        guard sheets.count == inputs.count else {
            throw UsageError(message: "import CSV files on their own, not with record files", command: spec.name)
        }
        return true
    }

    private struct Located {
        var name: String
        var line: Int
        var column: Int
        func problem(_ message: String) -> String { "\(name):\(line):\(column): \(message)" }
    }

    static func importSheets(_ paths: [String], arguments: ParsedArguments, context: Context) throws {
        var sheets: [(name: String, sheet: ClaimSheet)] = []
        var problems: [String] = []
        for path in paths {
            let name = path == "-" ? "<stdin>" : path
            let data: Data
            if path == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                try Importer.checkInputs([.file(path)])
                guard let read = FileManager.default.contents(atPath: path) else {
                    throw TemplateCommand.OutputFailure(description: "cannot read \(Text.printable(path))")
                }
                data = read
            }
            do {
                sheets.append((name, try ClaimSheet(bytes: Array(data))))
            } catch {
                problems.append("\(name):\(error.description)")
            }
        }
        if !problems.isEmpty { throw LookupError(description: problems.joined(separator: "\n")) }
        let store = try context.openStore(.write)
        let resolver = EntityResolver(store: store)
        let decoder = RecordDecoder(vocabulary: store.vocabulary)
        var claims: [Claim] = []
        var indexByKey: [String: Int] = [:]
        var citationCount = 0
        for (name, sheet) in sheets {
            for row in sheet.rows {
                func at(_ column: String) -> Located {
                    let cell = row.cells[column]
                    return Located(
                        name: name, line: cell?.line ?? row.line,
                        column: cell?.column ?? (sheet.header.firstIndex(of: column).map { $0 + 1 } ?? 1))
                }
                var rowFailed = false
                func fail(_ column: String, _ message: String) {
                    problems.append(at(column).problem("\(column): " + message))
                    rowFailed = true
                }
                for column in ClaimSheet.requiredColumns where row.value(column) == nil { fail(column, "empty") }
                if rowFailed { continue }
                func entity(_ column: String) -> Entity? {
                    do {
                        let (entity, match) = try resolver.resolution(row.value(column) ?? "")
                        if match.tier > .exact {
                            context.message(
                                at(column).problem(
                                    "\"\(Text.printable(row.value(column) ?? ""))\" taken as \(Text.printable(entity.name)) (\(entity.id))"
                                ))
                        }
                        return entity
                    } catch {
                        fail(column, "\(error)")
                        return nil
                    }
                }
                func source(_ column: String) -> Source? {
                    guard let text = row.value(column) else { return nil }
                    do {
                        let found = try SourceResolver(store: store).resolve(text)
                        if found.tier != .id {
                            context.message(
                                at(column).problem(
                                    "\"\(Text.printable(text))\" taken as source \(found.source.id) (\(Text.printable(found.source.title)))"
                                ))
                        }
                        return found.source
                    } catch {
                        fail(column, "\(error)")
                        return nil
                    }
                }
                let subject = entity("subject")
                let object = entity("object")
                let claimant = source("source")
                let relay = source("via")
                guard let subject, let object, let claimant, !rowFailed else { continue }
                let quote = row.value("quote") ?? ""
                var locator = row.value("locator")
                let quoted = relay ?? claimant
                if let text = quoted.text {
                    if let lines = QuoteLocator.lines(of: quote, in: text) {
                        if locator == nil { locator = QuoteLocator.locator(lines) }
                    } else if !(locator ?? "").contains("unverified") {
                        fail(
                            "quote",
                            "not found in the text of source \"\(quoted.id)\" (word for word; or say why in the locator: \"unverified: REASON\")"
                        )
                        continue
                    }
                }
                var citation: [(String, JSONValue)] = [("source", .string(claimant.id))]
                if let relay { citation.append(("via", .string(relay.id))) }
                citation.append(("quote", .string(quote)))
                if let english = row.value("quote_en") { citation.append(("quote_en", .string(english))) }
                citation.append(("stance", .string(row.value("stance") ?? "")))
                let credibility = row.value("credibility") ?? ""
                citation.append(("credibility", Int(credibility).map { .number(String($0)) } ?? .string(credibility)))
                if let locator { citation.append(("locator", .string(locator))) }
                let predicate = row.value("predicate") ?? ""
                var members: [(String, JSONValue)] = [
                    ("record", .string("claim")), ("subject", .string(subject.id)), ("predicate", .string(predicate)),
                    ("object", .string(object.id)),
                ]
                if let start = row.value("start") { members.append(("start", .string(start))) }
                if let end = row.value("end") { members.append(("end", .string(end))) }
                members.append(("citations", .array([jsonObject(citation)])))
                let claim: Claim
                do {
                    guard case .claim(let decoded) = try decoder.decode(jsonObject(members)) else { continue }
                    claim = decoded
                } catch {
                    for problem in error.problems {
                        fail(columnName(problem.field), problem.message)
                    }
                    continue
                }
                if let problem = store.vocabulary.problem(
                    predicate: claim.predicate, subjectType: subject.type, objectType: object.type)
                {
                    fail(columnName(problem.field), problem.message)
                    continue
                }
                citationCount += 1
                let key = [claim.subject, claim.predicate, claim.object, row.value("start") ?? "", row.value("end") ?? ""]
                    .joined(separator: "\u{1F}")
                if let index = indexByKey[key] {
                    let added = claim.citations[0]
                    if let same = claims[index].citations.firstIndex(where: { $0.key == added.key }) {
                        claims[index].citations[same] = added
                    } else {
                        claims[index].citations.append(added)
                    }
                } else {
                    indexByKey[key] = claims.count
                    claims.append(claim)
                }
            }
        }
        let maximum = try arguments.value(maximumErrors) ?? 20
        if !problems.isEmpty {
            let shown = problems.prefix(maximum).joined(separator: "\n")
            let more = problems.count > maximum ? "\n… and \(problems.count - maximum) more" : ""
            throw LookupError(
                description:
                    "\(counted(problems.count, "problem")) in \(sheets.map(\.name).joined(separator: ", ")); nothing imported:\n"
                    + shown + more)
        }
        let names = sheets.map(\.name).joined(separator: ", ")
        if arguments.isSet(isDryRun) {
            context.message(
                "\(names): \(counted(citationCount, "citation")) of \(counted(claims.count, "claim")), all valid; nothing written (--dry-run)"
            )
            return
        }
        let change = context.change(author: try arguments.value(HistoryOptions.author))
        let (outcome, entry) = try store.changing(change) { session -> (added: Int, updated: Int) in
            var added = 0
            var updated = 0
            for var new in claims {
                let same = try store.claimsStating(subject: new.subject, predicate: new.predicate, object: new.object)
                    .filter { $0.start == new.start && $0.end == new.end }
                if same.count > 1 {
                    throw LookupError(
                        description:
                            "\(same.count) claims say \(new.subject) \(new.predicate) \(new.object) with the same dates (\(same.prefix(5).map(\.id).joined(separator: ", "))): nothing imported"
                    )
                }
                if let match = same.first { new.id = match.id }
                guard case .claim(var stored)? = try session.record(.claim, id: new.id) else {
                    try session.put(.claim(new))
                    added += 1
                    continue
                }
                if stored.retraction != nil {
                    throw LookupError(description: "claim \"\(new.id)\" is retracted: isnad restore it first; nothing imported")
                }
                for citation in new.citations {
                    if let index = stored.citations.firstIndex(where: { $0.key == citation.key }) {
                        stored.citations[index] = citation
                    } else {
                        stored.citations.append(citation)
                    }
                }
                try session.put(.claim(stored))
                updated += 1
            }
            return (added, updated)
        }
        context.message(
            "imported \(counted(citationCount, "citation")) from \(names): \(counted(outcome.added, "new claim")), \(counted(outcome.updated, "claim")) with more citations"
                + (entry.map { " (history entry \($0))" } ?? ""))
    }

    private static func jsonObject(_ members: [(String, JSONValue)]) -> JSONValue {
        .object(JSONObject(members: members.map { JSONObject.Member(key: $0.0, value: $0.1) }))
    }

    /// The column a record field came from.
    private static func columnName(_ field: String?) -> String {
        guard let field else { return "subject" }
        let leaf = field.split(separator: ".").last.map(String.init) ?? field
        let name = leaf.split(separator: "[").first.map(String.init) ?? leaf
        return ClaimSheet.columns.contains(name) ? name : "subject"
    }
}

/// `isnad import --from history FILE`: the lines of `isnad export history`, appended to this
/// store's history in one transaction, so that `isnad log` shows them; the records themselves
/// come with `export jsonl`.
extension ImportCommand {
    static func importHistory(_ paths: [String], context: Context) throws {
        var entries: [HistoryEntry] = []
        var problems: [String] = []
        for path in paths {
            let name = path == "-" ? "<stdin>" : path
            let data: Data
            if path == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                try Importer.checkInputs([.file(path)])
                guard let read = FileManager.default.contents(atPath: path) else {
                    throw TemplateCommand.OutputFailure(description: "cannot read \(Text.printable(path))")
                }
                data = read
            }
            let text = String(decoding: data, as: UTF8.self)
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                do {
                    entries.append(try HistoryEntry(json: try JSONParser.parse(String(line))))
                } catch {
                    problems.append("\(name):\(index + 1): \(error)")
                }
            }
        }
        if !problems.isEmpty {
            throw LookupError(
                description: "not history lines (isnad export history); nothing imported:\n"
                    + problems.prefix(20).joined(separator: "\n"))
        }
        let store = try context.openStore(.create)
        let first = try store.appendHistory(entries)
        if store.wasCreated { context.message("created \(context.databasePath)") }
        if let first {
            context.message(
                "imported \(counted(entries.count, "history entry", "history entries")) as entries \(first) to \(first + entries.count - 1) (isnad log shows them)"
            )
        } else {
            context.message("no history entries to import")
        }
    }
}
