import Foundation
import TestHelpers
import Testing

@testable import IsnadKit

/// Small record sets and a store to put them in.
enum Fixtures {
    /// Two organizations, a person, an event, two sources (a statement relayed by an article)
    /// and three claims.
    static let basic = """
        {"record":"entity","id":"hamas","type":"organization","name":"Hamas","aliases":[{"name":"حماس","lang":"ar"}]}
        {"record":"entity","id":"isis","type":"organization","name":"Islamic State","aliases":[{"name":"داعش","lang":"ar"},{"name":"ISIS","lang":"en"}]}
        {"record":"entity","id":"abu-maram","type":"person","name":"Abu Maram al-Jazairi","aliases":[{"name":"أبو مرام الجزائري","lang":"ar"}]}
        {"record":"entity","id":"hadera-attack","type":"event","name":"Hadera attack"}
        {"record":"source","id":"article","type":"opinion-article","title":"Article","published":"2022-03","lang":"ar","reliability":"F","cites":["leak"]}
        {"record":"source","id":"leak","type":"leaked-document","title":"Leaked letter","reliability":"D"}
        {"record":"source","id":"police","type":"official-statement","title":"Police statement","published":"2022-03-27","reliability":"B"}
        {"record":"claim","id":"hamas-praised-attack","subject":"hamas","predicate":"praised","object":"hadera-attack","start":"2022-03-27","end":null,"citations":[{"source":"article","quote":"باركت","quote_en":"blessed","stance":"asserts","credibility":2}]}
        {"record":"claim","id":"hamas-armed-isis","subject":"hamas","predicate":"supplied_weapons_to","object":"isis","start":null,"end":null,"citations":[{"source":"leak","via":"article","quote":"قدمت أسلحة","quote_en":"provided weapons","stance":"asserts","credibility":4}]}
        {"record":"claim","id":"isis-claimed-attack","subject":"isis","predicate":"claimed_responsibility_for","object":"hadera-attack","start":"2022-03-27","end":null,"citations":[{"source":"police","via":"article","quote":"مسؤوليته","stance":"reports","credibility":2}]}

        """

    /// A new store in a temporary folder, with `records` imported.
    static func store(_ records: String = basic, in folder: TemporaryFolder) throws -> GraphStore {
        let store = try GraphStore(path: folder.path("isnad.db"), access: .create)
        if !records.isEmpty { try importText(records, into: store, folder: folder) }
        return store
    }

    @discardableResult
    static func importText(
        _ text: String, into store: GraphStore, folder: TemporaryFolder, name: String = "input.jsonl",
        options: Importer.Options = Importer.Options()
    ) throws -> Importer.Summary {
        let path = try folder.write(name, text)
        return try Importer(store: store, options: options).run([.file(path)])
    }

    /// The store's export, as text.
    static func export(_ store: GraphStore) throws -> String {
        let sink = MemorySink()
        try StoreExporter.writeJSONLines(of: store, to: sink)
        return sink.text
    }

    /// SQL that gives a store's history table back the definition it had before schema version
    /// 12 (version 4's table, version 7's index), emptied: for tests that make a store older.
    static func historyTableBeforeVersion12() throws -> String {
        let history = try #require(Migrations.all.first { $0.version == 4 }).sql
        let start = try #require(history.range(of: "CREATE TABLE change_record ("))
        let end = try #require(history[start.lowerBound...].range(of: ") WITHOUT ROWID;"))
        let index = try #require(
            Migrations.all.first { $0.version == 7 }?.sql.split(separator: "\n").first {
                $0.hasPrefix("CREATE INDEX change_record_changes_by_record")
            })
        return "DROP TABLE change_record; \(history[start.lowerBound..<end.upperBound])\n\(index)"
    }

    /// SQL that gives a store's view `name` back the definition migration `version` gave it: for
    /// tests that make a store older (before version 16, claim_summary as version 3 made it).
    static func view(_ name: String, asMadeBy version: Int) throws -> String {
        let sql = try #require(Migrations.all.first { $0.version == version }).sql
        let start = try #require(sql.range(of: "CREATE VIEW \(name) AS"))
        let end = try #require(sql[start.lowerBound...].range(of: ";\n"))
        return "DROP VIEW \(name); \(sql[start.lowerBound..<end.upperBound])"
    }
}
