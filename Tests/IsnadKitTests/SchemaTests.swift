import Foundation
import TestHelpers
import Testing

@testable import IsnadKit

@Suite("Schemas: one source of truth", .temporaryFolder)
struct SchemaTests {
    private func recordSchema() throws -> [String: Any] {
        let data = try Data(contentsOf: Repository.root.appendingPathComponent("Schemas/record.schema.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    private func enumeration(_ name: String) throws -> [String] {
        let definitions = try #require(try recordSchema()["$defs"] as? [String: Any])
        let definition = try #require(definitions[name] as? [String: Any])
        return try #require(definition["enum"] as? [String])
    }

    @Test("the model's enumerations, and credibility's range, are the record schema's")
    func enumerations() throws {
        #expect(try enumeration("entityType") == EntityType.allCases.map(\.rawValue))
        #expect(try enumeration("sourceType") == SourceType.allCases.map(\.rawValue))
        #expect(try enumeration("reliability") == Reliability.allCases.map(\.rawValue))
        #expect(try enumeration("stance") == Stance.allCases.map(\.rawValue))
        let definitions = try #require(try recordSchema()["$defs"] as? [String: Any])
        let credibility = try #require(definitions["credibility"] as? [String: Any])
        #expect(credibility["type"] as? String == "integer")
        let minimum = try #require(credibility["minimum"] as? Int)
        let maximum = try #require(credibility["maximum"] as? Int)
        try #require(minimum <= maximum)
        #expect(Credibility.allCases.map(\.rawValue) == Array(minimum...maximum))
    }

    @Test("a name's length limit is the record schema's")
    func nameLength() throws {
        let definitions = try #require(try recordSchema()["$defs"] as? [String: Any])
        let name = try #require(definitions["entityName"] as? [String: Any])
        #expect(name["maxLength"] as? Int == Entity.maximumNameLength)
    }

    @Test("the vocabulary is complete and consistent")
    func vocabulary() throws {
        let vocabulary = Vocabulary.standard
        let required = [
            "member_of", "leader_of", "founded", "branch_of", "military_wing_of", "affiliated_with", "allied_with",
            "hostile_to", "supplied_weapons_to", "funded", "provided_logistics_to", "smuggled_weapons_for",
            "communicated_with", "agreement_with", "opposed", "praised", "claimed_responsibility_for", "carried_out",
            "killed", "child_of", "located_in", "economic_relations_with",
            // What conflict work in the Sahel needs (the Sahel analyst's review): hostages, splits,
            // renamings and mergers of groups, clashes, deputies, talks, sieges, an event's target.
            "kidnapped", "held_hostage", "released", "split_from", "renamed_to", "successor_of", "merged_into",
            "clashed_with", "deputy_of", "negotiated_with", "besieged", "withdrew_allegiance_from", "targeted",
        ]
        for id in required { #expect(vocabulary[id] != nil, "missing \(id)") }
        #expect(Set(vocabulary.predicates.map(\.id)).count == vocabulary.predicates.count)
        for predicate in vocabulary.predicates {
            #expect(!predicate.subjectTypes.isEmpty && !predicate.objectTypes.isEmpty)
            #expect(!predicate.labelArabic.isEmpty && !predicate.labelEnglish.isEmpty)
            #expect(predicate.id.allSatisfy { $0.isLowercase || $0 == "_" })
            if predicate.isSymmetric { #expect(Set(predicate.subjectTypes) == Set(predicate.objectTypes), "\(predicate.id)") }
        }
    }

    @Test("the vocabulary the build read is Schemas/predicates.json as Predicate decodes it")
    func vocabularyReadAtBuildTime() throws {
        let file = try String(contentsOf: Repository.root.appendingPathComponent("Schemas/predicates.json"), encoding: .utf8)
        #expect(Vocabulary.definitionText == file)
        struct VocabularyFile: Decodable { let predicates: [IsnadKit.Predicate] }
        let decoded = try JSONDecoder().decode(VocabularyFile.self, from: Data(file.utf8))
        #expect(Vocabulary.standard.predicates == decoded.predicates)
        #expect(Vocabulary.standard.predicates.count == 47)
    }

    @Test("migrations are numbered 1, 2, 3 … and the embedded copy is the file in Schemas/")
    func migrations() throws {
        #expect(Migrations.all.map(\.version) == Array(1...Migrations.all.count))
        let first = try String(
            contentsOf: Repository.root.appendingPathComponent("Schemas/migrations/0001-initial.sql"), encoding: .utf8)
        #expect(Migrations.all.first?.sql == first)
    }

    @Test(
        "exported records validate against the record schema (python jsonschema)",
        .enabled(if: ExternalTool.python(with: ["jsonschema"]) != nil, "needs python3 with jsonschema (apt: python3-jsonschema)"))
    func exportValidates() throws {
        let folder = try TemporaryFolder.scoped
        let exported = try folder.write("export.jsonl", try Fixtures.export(try Fixtures.store(in: folder)))
        let python = try #require(ExternalTool.python(with: ["jsonschema"]))
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            validator = jsonschema.Draft202012Validator(schema)
            bad = 0
            for number, line in enumerate(open(sys.argv[2], encoding="utf-8"), 1):
                for error in validator.iter_errors(json.loads(line)):
                    print(f"{number}: {error.message}"); bad += 1
            sys.exit(1 if bad else 0)
            """
        let result = try ExternalTool.run(
            python, ["-c", script, Repository.root.appendingPathComponent("Schemas/record.schema.json").path, exported])
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
    }

    @Test(
        "the record schema and the importer agree on dates, blank text, attribute names, retraction reasons and credibility spellings",
        .enabled(if: ExternalTool.python(with: ["jsonschema"]) != nil, "needs python3 with jsonschema (apt: python3-jsonschema)"))
    func schemaAgreesWithTheImporter() throws {
        let claim = { (start: String, citation: String) in
            #"{"record":"claim","subject":"hamas","predicate":"praised","object":"hadera-attack","start":"\#(start)","citations":[{"source":"police","quote":"q","stance":"asserts",\#(citation)}]}"#
        }
        let cases: [(record: String, isValid: Bool)] = [
            (claim("2024-02-29", #""credibility":2"#), true),
            (claim("2000-02-29", #""credibility":2.0"#), true),
            (claim("2022", #""credibility":20e-1"#), true),
            (claim("2023-02-29", #""credibility":2"#), false),
            (claim("1900-02-29", #""credibility":2"#), false),
            (claim("2022-04-31", #""credibility":2"#), false),
            (claim("0000", #""credibility":2"#), false),
            (claim("2022", #""credibility":2.5"#), false),
            (claim("2022", #""credibility":2,"retracted":" ""#), false),
            (
                #"{"record":"claim","subject":"hamas","predicate":"praised","object":"isis","retracted":"misread","citations":[{"source":"police","quote":"q","stance":"asserts","credibility":2,"retracted":"misread"}]}"#,
                true
            ),
            (#"{"record":"entity","id":"blank","type":"person","name":" \u3000"}"#, false),
            (#"{"record":"entity","id":"marks","type":"person","name":"\u200f\u202b\u3164\ufe0f"}"#, false),
            (#"{"record":"entity","id":"marked","type":"person","name":"\u200fحماس"}"#, true),
            (#"{"record":"entity","id":"keyed","type":"person","name":"K","attributes":{"a\u0001":"v"}}"#, false),
            (#"{"record":"source","id":"blank","type":"other","title":"\t","reliability":"F"}"#, false),
        ]
        let folder = try TemporaryFolder.scoped
        let lines = try folder.write("cases.jsonl", cases.map(\.record).joined(separator: "\n") + "\n")
        let python = try #require(ExternalTool.python(with: ["jsonschema"]))
        let script = """
            import json, sys, jsonschema
            validator = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))
            for line in open(sys.argv[2], encoding="utf-8"):
                print("valid" if validator.is_valid(json.loads(line)) else "invalid")
            """
        let result = try ExternalTool.run(
            python, ["-c", script, Repository.root.appendingPathComponent("Schemas/record.schema.json").path, lines])
        let verdicts = result.standardOutput.split(separator: "\n").map { $0 == "valid" }
        #expect(verdicts == cases.map(\.isValid), "the schema")
        for (index, test) in cases.enumerated() {
            let accepted = try withTemporaryFolder { storeFolder in
                let store = try Fixtures.store(in: storeFolder)
                do {
                    try Fixtures.importText(test.record, into: store, folder: storeFolder, name: "case.jsonl")
                    return true
                } catch is Importer.Failure {
                    return false
                }
            }
            #expect(accepted == test.isValid, "the importer, case \(index + 1): \(test.record)")
        }
    }

    @Test(
        "the record schema's non-blank pattern lists exactly the white space and default ignorable characters of the Basic Multilingual Plane that Text.showsNothing refuses"
    )
    func nonBlankPatternAgreesWithShowsNothing() throws {
        let data = try Data(contentsOf: Repository.root.appendingPathComponent("Schemas/record.schema.json"))
        let schema = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let definitions = try #require(schema["$defs"] as? [String: Any])
        let pattern = try #require((definitions["nonBlankText"] as? [String: Any])?["pattern"] as? String)
        // "[^…]": single characters, \t-\r and \uXXXX, each alone or as the start of a range.
        var body = Substring(pattern.dropFirst(2).dropLast())
        func scalar() throws -> UInt32 {
            if body.hasPrefix("\\u") {
                let hex = body.dropFirst(2).prefix(4)
                body = body.dropFirst(6)
                return try #require(UInt32(hex, radix: 16))
            }
            if body.hasPrefix("\\t") { body = body.dropFirst(2); return 0x09 }
            if body.hasPrefix("\\r") { body = body.dropFirst(2); return 0x0D }
            let first = try #require(body.unicodeScalars.first)
            body = body.dropFirst()
            return first.value
        }
        var listed: Set<UInt32> = []
        while !body.isEmpty {
            let start = try scalar()
            var end = start
            if body.hasPrefix("-") {
                body = body.dropFirst()
                end = try scalar()
            }
            listed.formUnion(start...end)
        }
        let expected = Set(
            (UInt32(0)...0xFFFF).filter { value in
                guard let scalar = Unicode.Scalar(value) else { return false }
                return Text.showsNothing(String(Character(scalar)))
            })
        #expect(listed.subtracting(expected).sorted() == [], "listed, but shows something")
        #expect(expected.subtracting(listed).sorted() == [], "shows nothing, but not listed")
    }

    @Test("the schema embedded at build time is what the migrations create with the SQLite Isnad runs on")
    func embeddedSchemaObjects() throws {
        let database = try Database(path: ":memory:", access: .create)
        for migration in Migrations.all {
            try database.execute(migration.sql)
            let expected = StoreSchema.expected(version: migration.version)
            #expect(try StoreSchema.differences(in: database, version: migration.version) == [])
            #expect(expected.count == (try StoreSchema.objects(in: database).count))
        }
        #expect(StoreSchema.expected(version: Migrations.currentVersion)["citation"]?.type == "table")
    }

    @Test("definitions compare without comments and layout, never inside quotes")
    func normalizedDefinitions() {
        #expect(
            StoreSchema.normalized("CREATE TABLE t (\n    a TEXT, -- note\n    b /* x */ INTEGER\n)")
                == StoreSchema.normalized("CREATE TABLE t(a TEXT,b INTEGER)"))
        #expect(StoreSchema.normalized("CHECK (s = '--  x')") != StoreSchema.normalized("CHECK (s = '-- x')"))
        #expect(StoreSchema.normalized("CHECK (s = 'a') -- '\n, extra TEXT") != StoreSchema.normalized("CHECK (s = 'a')"))
    }
}

@Suite("Opening stores", .temporaryFolder)
struct StoreOpeningTests {
    @Test("a query never creates a store")
    func missing() throws {
        let folder = try TemporaryFolder.scoped
        #expect(throws: StoreError.self) { try GraphStore(path: folder.path("none.db"), access: .read) }
        #expect(!FileManager.default.fileExists(atPath: folder.path("none.db")))
    }

    @Test("a store written by a newer Isnad is refused, and left alone")
    func newer() throws {
        let folder = try TemporaryFolder.scoped
        let path = folder.path("isnad.db")
        try GraphStore(path: path, access: .create).database.execute("PRAGMA user_version = 999")
        do {
            _ = try GraphStore(path: path, access: .write)
            Issue.record("opened")
        } catch let error as StoreError {
            #expect("\(error)".contains("newer Isnad (schema version 999"))
        }
        #expect(try Database(path: path, access: .readOnly).integerPragma("user_version") == 999)
    }

    @Test("an SQLite file that is not an Isnad store is refused")
    func foreign() throws {
        let folder = try TemporaryFolder.scoped
        let path = folder.path("other.db")
        try Database(path: path, access: .create).execute("CREATE TABLE t (x)")
        #expect(throws: StoreError.self) { try GraphStore(path: path, access: .write) }
    }

    @Test("a file that is not SQLite at all is refused")
    func garbage() throws {
        let folder = try TemporaryFolder.scoped
        let path = try folder.write("notes.db", String(repeating: "not a database\n", count: 100))
        #expect(throws: (any Error).self) { try GraphStore(path: path, access: .read) }
    }

    @Test(
        "a new store is in WAL mode with foreign keys on, and marked as Isnad's; a writer zeroes what it deletes, whatever SQLite's build"
    )
    func settings() throws {
        let folder = try TemporaryFolder.scoped
        let store = try GraphStore(path: folder.path("isnad.db"), access: .create)
        #expect(try store.database.prepare("PRAGMA journal_mode").scalarText() == "wal")
        #expect(try store.database.integerPragma("foreign_keys") == 1)
        #expect(try store.database.integerPragma("secure_delete") == 1)
        #expect(try GraphStore(path: folder.path("isnad.db"), access: .write).database.integerPragma("secure_delete") == 1)
        #expect(try store.database.integerPragma("application_id") == GraphStore.applicationID)
        #expect(try store.database.integerPragma("user_version") == Int64(Migrations.currentVersion))
    }
}
