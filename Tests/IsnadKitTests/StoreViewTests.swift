import Foundation
import TestHelpers
import Testing

@testable import IsnadKit

/// The SQL views a user reads the store with (README, "The store"): what they answer on the
/// seed dataset, and that an older store gains them when it is upgraded.
@Suite("Store views", .temporaryFolder)
struct StoreViewTests {
    private func haderaStore(in folder: TemporaryFolder) throws -> GraphStore {
        let store = try GraphStore(path: folder.path("hadera.db"), access: .create)
        _ = try Importer(store: store).run([.file(HaderaDatasetTests.path)])
        return store
    }

    /// The rows of a query, each as its columns' text (NULL as "NULL"); the columns are
    /// counted from the select list, which every query here keeps flat.
    private func rows(_ sql: String, in database: Database) throws -> [[String]] {
        let selected = sql.components(separatedBy: "FROM")[0]
        let width = Int32(selected.components(separatedBy: ",").count)
        let statement = try database.prepare(sql)
        var result: [[String]] = []
        try statement.forEachRow { row in
            result.append((0..<width).map { row.isNull($0) ? "NULL" : row.string($0) })
        }
        return result
    }

    /// The names of a view's columns, in order.
    private func columns(of view: String, in database: Database) throws -> [String] {
        try rows("SELECT name FROM pragma_table_info('\(view)') ORDER BY cid", in: database).map { $0[0] }
    }

    @Test("claim_summary and citation_summary name both ends of a claim by id and by name")
    func summaryColumns() throws {
        let folder = try TemporaryFolder.scoped
        let database = try haderaStore(in: folder).database
        #expect(
            try columns(of: "claim_summary", in: database) == [
                "claim", "subject_id", "subject_name", "predicate", "object_id", "object_name", "start_date", "end_date",
                "uncapped_status", "citing_sources", "uncapped_best_reliability", "uncapped_best_credibility",
            ])
        #expect(
            try columns(of: "citation_summary", in: database) == [
                "claim", "subject_id", "subject_name", "predicate", "object_id", "object_name", "source", "reliability", "via",
                "stance", "credibility", "quote", "quote_en",
            ])
        #expect(
            try rows(
                """
                SELECT subject_id, subject_name, predicate, object_id, object_name, uncapped_status, citing_sources,
                    uncapped_best_reliability || uncapped_best_credibility
                FROM claim_summary WHERE claim = 'hamas-cooperated-with-isis'
                """, in: database)
                == [["hamas", "Hamas", "cooperated_with", "isis", "Islamic State", "disputed", "1", "E3"]])
        #expect(
            try rows(
                """
                SELECT DISTINCT subject_id, subject_name, object_id, object_name, source, via FROM citation_summary
                WHERE claim = 'wilayat-sinai-communicated-with-hamas' AND source = 'abu-maram-document'
                """, in: database)
                == [["wilayat-sinai", "Wilayat Sinai", "hamas", "Hamas", "abu-maram-document", "hadera-2022-article"]])
        #expect(try rows("SELECT count(*) FROM claim_summary", in: database) == [["92"]])
        #expect(try rows("SELECT count(*) FROM citation_summary", in: database) == [["120"]])
    }

    @Test("source_claims lists, for every source, the claims that cite it as claimant or as the source quoted")
    func sourceClaims() throws {
        let folder = try TemporaryFolder.scoped
        let database = try haderaStore(in: folder).database
        // What the records say, read without SQL.
        var expected: Set<[String]> = []
        for case .claim(let claim) in try HaderaDatasetTests.records() {
            for (position, citation) in claim.citations.enumerated() {
                expected.insert([citation.source, "claimant", claim.id, "\(position)"])
                if let via = citation.via { expected.insert([via, "via", claim.id, "\(position)"]) }
            }
        }
        let found = try rows("SELECT source_id, role, claim_id, citation_position FROM source_claims", in: database)
        #expect(found.count == expected.count, "one row per citation and role")
        #expect(Set(found) == expected)
        // One query answers "which claims cite this source, directly or via".
        let citing = try rows(
            """
            SELECT role, count(DISTINCT claim_id) FROM source_claims WHERE source_id = 'abu-maram-document'
            GROUP BY role ORDER BY role
            """, in: database)
        let direct = Set(expected.filter { $0[0] == "abu-maram-document" && $0[1] == "claimant" }.map { $0[2] })
        let relayed = Set(expected.filter { $0[0] == "abu-maram-document" && $0[1] == "via" }.map { $0[2] })
        #expect(!direct.isEmpty)
        #expect(citing == [["claimant", "\(direct.count)"]] + (relayed.isEmpty ? [] : [["via", "\(relayed.count)"]]))
        #expect(
            try rows(
                """
                SELECT claimant_id, via_id, stance, credibility, subject_id, predicate, object_id FROM source_claims
                WHERE source_id = 'hadera-2022-article' AND role = 'via' AND claim_id = 'abu-maram-hostile-to-hamas'
                """, in: database)
                == [["abu-maram-document", "hadera-2022-article", "asserts", "2", "abu-maram-al-jazairi", "hostile_to", "hamas"]])
    }

    @Test("source_claims filtered by source reads the citation indexes, not the whole table")
    func sourceClaimsUsesIndexes() throws {
        let folder = try TemporaryFolder.scoped
        let database = try haderaStore(in: folder).database
        var plan: [String] = []
        try database.prepare("EXPLAIN QUERY PLAN SELECT claim_id FROM source_claims WHERE source_id = 'abu-maram-document'")
            .forEachRow { row in plan.append(row.string(3)) }
        #expect(plan.contains { $0.contains("citation_by_source") }, "\(plan)")
        #expect(plan.contains { $0.contains("citation_by_via") }, "\(plan)")
        #expect(!plan.contains { $0.hasPrefix("SCAN ci") }, "\(plan)")
    }

    @Test("an older store gets the new views when it is upgraded", arguments: [1, 2])
    func upgradedStoreHasTheViews(from version: Int) throws {
        let folder = try TemporaryFolder.scoped
        let path = folder.path("old.db")
        try VersionOneStore.create(at: path)
        if version == 2 {
            let database = try Database(path: path, access: .readWrite)
            try database.execute(try #require(Migrations.all.first { $0.version == 2 }).sql)
            try database.execute("PRAGMA user_version = 2")
        }
        #expect(try Database(path: path, access: .readOnly).integerPragma("user_version") == Int64(version))
        let store = try GraphStore(path: path, access: .read)
        #expect(store.upgradedFrom == version)
        #expect(try columns(of: "claim_summary", in: store.database).starts(with: ["claim", "subject_id", "subject_name"]))
        #expect(
            try rows("SELECT subject_id, subject_name, object_id, object_name FROM claim_summary", in: store.database)
                == [["hamas", "Hamas", "hadera-attack", "Hadera attack"]])
        #expect(
            try rows("SELECT subject_id, subject_name, object_id, object_name, source FROM citation_summary", in: store.database)
                == [["hamas", "Hamas", "hadera-attack", "Hadera attack", "police"]])
        #expect(
            try rows("SELECT source_id, role, claim_id FROM source_claims", in: store.database)
                == [["police", "claimant", "hamas-praised-attack"]])
        #expect(
            try rows(
                "SELECT uncapped_status, citing_sources, uncapped_best_reliability, uncapped_best_credibility FROM claim_summary",
                in: store.database) == [["asserted", "1", "B", "2"]])
    }

    @Test(
        "claim_evidence and claim_summary name their evidence uncapped, and say in the schema that it is not Isnad's weighing"
    )
    func uncappedEvidenceNamed() throws {
        let folder = try TemporaryFolder.scoped
        let database = try haderaStore(in: folder).database
        #expect(
            try columns(of: "claim_evidence", in: database) == [
                "claim", "citing_sources", "uncapped_best_reliability", "uncapped_best_credibility", "uncapped_status",
            ])
        // What sqlite3's .schema and every SQLite browser show: the comment is in the view's own text.
        for view in ["claim_evidence", "claim_summary"] {
            let definition = try database.prepare("SELECT sql FROM sqlite_schema WHERE name = ?1").scalarText([.text(view)])
            #expect(definition?.contains("NOT Isnad's weighing") == true, "\(view)")
            #expect(definition?.contains("before the common link's cap") == true, "\(view)")
            #expect(definition?.contains("isnad claims --format csv --limit 0") == true, "\(view)")
        }
        // Hamas's praise, relayed only by the article graded E: asserted B2 citation by citation,
        // ALLEGED E2 in every output of Isnad (docs/records-and-store.md, "Before you read the views").
        #expect(
            try rows(
                """
                SELECT uncapped_status, uncapped_best_reliability || uncapped_best_credibility FROM claim_summary
                WHERE claim = 'hamas-praised-hadera-attack'
                """, in: database) == [["asserted", "B2"]])
        #expect(throws: DatabaseError.self) { try database.prepare("SELECT status FROM claim_summary") }
    }

    @Test("a store of schema version 15 is upgraded to the views' new column names, and its schema is then the one check expects")
    func uncappedEvidenceUpgrade() throws {
        let folder = try TemporaryFolder.scoped
        let path = try haderaStore(in: folder).path
        // The views as versions 13 to 15 left them: migration 13's claim_evidence, migration 3's claim_summary.
        try Database(path: path, access: .readWrite).execute(
            """
            \(try Fixtures.view("claim_evidence", asMadeBy: 13))
            \(try Fixtures.view("claim_summary", asMadeBy: 3))
            PRAGMA user_version = 15;
            """)
        let old = try Database(path: path, access: .readOnly)
        #expect(try StoreSchema.differences(in: old, version: 15) == [])
        #expect(
            try columns(of: "claim_summary", in: old).suffix(4) == ["status", "sources", "best_reliability", "best_credibility"])
        let store = try GraphStore(path: path, access: .read)
        #expect(store.upgradedFrom == 15)
        #expect(try StoreSchema.differences(in: store.database, version: Migrations.currentVersion) == [])
        #expect(
            try columns(of: "claim_summary", in: store.database).suffix(4) == [
                "uncapped_status", "citing_sources", "uncapped_best_reliability", "uncapped_best_credibility",
            ])
        #expect(
            try rows("SELECT uncapped_status, count(*) FROM claim_summary GROUP BY uncapped_status", in: store.database)
                == [["alleged", "74"], ["asserted", "16"], ["disputed", "2"]])
        #expect(try IntegrityCheck(store: store).findings.filter { $0.kind == .schema } == [])
    }
}
