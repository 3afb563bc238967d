import Foundation
import TestHelpers
import Testing

/// `isnad entities` and `isnad sources`: what the store holds, listed, on the seed dataset and on a
/// store generated past the table's default limit.
@Suite("Entities and sources listed", .temporaryStore)
struct RecordListingTests {
    @Test("entities: every one in id order with its other names and claims, a count under the table")
    func entities() throws {
        let cli = try CLIHarness.withDataset
        let result = try cli.run(["entities"])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.first?.hasPrefix("ID ") == true && lines.first?.contains("OTHER NAMES") == true)
        #expect(lines.count == 39, "a header and 38 entities")
        #expect(result.standardError == "38 entities\n")
        let ids = lines.dropFirst().map { String($0.prefix { $0 != " " }) }
        #expect(ids == ids.sorted())
        let hamas = try #require(lines.first { $0.hasPrefix("hamas ") })
        #expect(hamas.contains("organization") && hamas.contains("حماس"), "\(hamas)")
    }

    @Test("entities --type: only those types; none of a type says so")
    func entitiesOfTypes() throws {
        let cli = try CLIHarness.withDataset
        let places = try cli.run(["entities", "--type", "place", "--format", "csv"])
        #expect(places.status == 0)
        #expect(places.standardOutput.hasPrefix("id,type,name,other_names,claims\r\n"))
        #expect(places.standardOutput.split(whereSeparator: \.isNewline).dropFirst().allSatisfy { $0.contains(",place,") })
        #expect(places.standardOutput.contains("hadera,place,Hadera,"))
        let empty = try cli.run(["--db", "empty.db", "init"])
        #expect(empty.status == 0)
        let none = try cli.run(["--db", "empty.db", "entities"])
        #expect(none.status == 0 && none.standardOutput.isEmpty && none.standardError == "the store holds no entity\n")
        let badType = try cli.run(["entities", "--type", "group"])
        #expect(badType.status == 64, "\(badType.standardError)")
    }

    @Test("entities --format json: records that import again as they were")
    func entitiesRoundTrip() throws {
        let cli = try CLIHarness.withDataset
        let json = try cli.run(["entities", "--type", "person", "--format", "json"])
        #expect(json.status == 0)
        let file = try cli.write("people.jsonl", json.standardOutput)
        #expect(try cli.run(["--db", "people.db", "init"]).status == 0)
        let imported = try cli.run(["--db", "people.db", "import", file])
        #expect(imported.status == 0, "\(imported.standardError)")
        let again = try cli.run(["--db", "people.db", "entities", "--format", "json"])
        #expect(again.standardOutput == json.standardOutput)
    }

    @Test("sources: reliability, type, date, title, publisher and the claims citing each; filtered by grade and type")
    func sources() throws {
        let cli = try CLIHarness.withDataset
        let all = try cli.run(["sources"])
        #expect(all.status == 0, "\(all.standardError)")
        #expect(all.standardError == "12 sources\n")
        let police = try #require(
            all.standardOutput.split(separator: "\n").first { $0.hasPrefix("israel-police-statement-hadera ") })
        #expect(police.contains(" B ") && police.contains("official-statement") && police.contains("2022-03"), "\(police)")
        #expect(police.hasSuffix(" 8"), "\(police)")
        let graded = try cli.run(["sources", "--reliability", "a,b", "--format", "csv"])
        #expect(
            graded.standardOutput.split(whereSeparator: \.isNewline).map { $0.split(separator: ",").first.map(String.init) ?? "" }
                == [
                    "id", "hamas-statement-hadera", "israel-police-statement-hadera", "site-intelligence-hadera",
                ])
        let leaked = try cli.run(["sources", "--type", "leaked-document", "--reliability", "F", "--format", "csv"])
        #expect(leaked.standardOutput.split(whereSeparator: \.isNewline).count == 3, "\(leaked.standardOutput)")
        let none = try cli.run(["sources", "--reliability", "A"])
        #expect(none.status == 0 && none.standardOutput.isEmpty && none.standardError == "no source passes the filters\n")
        let badGrade = try cli.run(["sources", "--reliability", "G"])
        #expect(badGrade.status == 64 && badGrade.standardError.contains("expected a grade from A to F"))
    }

    @Test("sources --format json: each source whole, its text included, importable")
    func sourcesJSON() throws {
        let cli = try CLIHarness.withDataset
        let json = try cli.run(["sources", "--type", "opinion-article", "--format", "json"])
        #expect(json.status == 0)
        let lines = json.standardOutput.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines[0].contains(#""id":"hadera-2022-article""#) && lines[0].contains(#""text":"#))
    }

    @Test("past the default: 200 rows, then how many there are; --limit 0 lists all in one table as wide as its first part")
    func pastTheDefault() throws {
        let cli = try CLIHarness.scoped
        var lines: [String] = []
        for number in 0..<260 {
            let id = String(format: "s%03d", number)
            lines.append(#"{"record":"source","id":"\#(id)","type":"news-article","title":"Title \#(number)","reliability":"C"}"#)
            lines.append(#"{"record":"entity","id":"e\#(id)","type":"person","name":"Person \#(number)"}"#)
        }
        // The last source's title is the longest: a later part keeps the first part's widths.
        lines.append(
            #"{"record":"source","id":"s999","type":"news-article","title":"\#(String(repeating: "long ", count: 20))","reliability":"C"}"#
        )
        try cli.write("generated.jsonl", lines.joined(separator: "\n") + "\n")
        #expect(try cli.run(["import", "generated.jsonl"]).status == 0)
        let cut = try cli.run(["sources"])
        let cutLines = cut.standardOutput.split(separator: "\n")
        #expect(cutLines.count == 202)
        #expect(cutLines.last == "showing 200 of 261 sources; --limit 0 for all")
        let csv = try cli.run(["entities", "--format", "csv", "--limit", "5"])
        #expect(csv.standardOutput.split(whereSeparator: \.isNewline).count == 6)
        #expect(csv.standardError == "isnad: showing 5 of 260 entities; --limit 0 for all\n")
        let all = try cli.run(["sources", "--limit", "0"])
        let allLines = all.standardOutput.split(separator: "\n")
        #expect(allLines.count == 262)
        let width = allLines[0].count
        #expect(allLines.allSatisfy { $0.count == width } || allLines.last?.contains("…") == true)
        #expect(allLines.filter { $0.hasPrefix("ID ") }.count == 1, "one header for the parts")
    }
}
