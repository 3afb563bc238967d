import Foundation
import TestHelpers
import Testing

@Suite("Export and import of the exchange formats, end to end", .temporaryStore)
struct ExchangeCommandTests {
    static let dataset = Repository.root.appendingPathComponent("Datasets/hadera-2022/hadera-2022.jsonl").path

    /// An FtM entity's line with its `proof` list in the other order: FtM keeps a property's
    /// values as a set, so another tool may give them so.
    static func withProofsReversed(_ line: Substring) throws -> String {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        var properties = try #require(object["properties"] as? [String: Any])
        if let proof = properties["proof"] as? [String] { properties["proof"] = Array(proof.reversed()) }
        object["properties"] = properties
        return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    @Test("export stix and ftm to files, then import them by content into new stores: the same records come back")
    func exportAndImport() throws {
        let cli = try CLIHarness.scoped
        #expect(try cli.run(["import", Self.dataset]).status == 0)
        let original = try cli.run(["export", "jsonl"]).standardOutput
        for (format, file) in [("stix", "bundle.json"), ("ftm", "entities.ftm.jsonl"), ("gexf", "graph.gexf")] {
            let exported = try cli.run(["export", format, "-o", file])
            #expect(exported.status == 0, "\(format): \(exported.standardError)")
        }
        let imported = try cli.run(["--db", "from-stix.db", "import", "bundle.json"])
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(try cli.run(["--db", "from-stix.db", "export", "jsonl"]).standardOutput == original)
        let fromFtM = try cli.run(["--db", "from-ftm.db", "import", "--strict", "entities.ftm.jsonl"])
        #expect(fromFtM.status == 0, "\(fromFtM.standardError)")
        #expect(try cli.run(["--db", "from-ftm.db", "stats"]).status == 0)
    }

    @Test(
        "FtM ids hold no '.', which FtM reads as a signature; the roles of claimant and via survive a proof list in another order; files of the former ids still import"
    )
    func ftmIdsAndRoles() throws {
        let cli = try CLIHarness.scoped
        #expect(try cli.run(["import", Self.dataset]).status == 0)
        let original = try cli.run(["export", "jsonl"]).standardOutput
        let exported = try cli.run(["export", "ftm"]).standardOutput
        var reversed: [String] = []
        var former: [String] = []
        for line in exported.split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let id = try #require(object["id"] as? String)
            #expect(!id.contains("."), "\(id)")
            reversed.append(try Self.withProofsReversed(line))
            // As Isnad wrote them before: `entity.` ids, a status without the roles (and their
            // letters), and no weighing of the claim beside it.
            former.append(
                String(line)
                    .replacingOccurrences(of: "isnad-entity-", with: "entity.")
                    .replacingOccurrences(of: "isnad-source-", with: "source.")
                    .replacingOccurrences(of: "isnad-claim-", with: "claim.")
                    .replacingOccurrences(of: #","claim [a-z0-9-]+: [A-Z]+ · [^"]*""#, with: "", options: .regularExpression)
                    .replacingOccurrences(
                        of: #"; claimant: [a-z0-9-]+ \([A-F]\)(; via: [a-z0-9-]+ \([A-F]\))?""#, with: "\"",
                        options: .regularExpression))
        }
        try cli.write("reversed.ftm.jsonl", reversed.joined(separator: "\n") + "\n")
        let imported = try cli.run(["--db", "reversed.db", "import", "--strict", "reversed.ftm.jsonl"])
        #expect(imported.status == 0, "\(imported.standardError)")
        let back = try cli.run(["--db", "reversed.db", "export", "jsonl"]).standardOutput
        // Who claims what, and in what it is read, as in the store (locators and notes FtM does not carry).
        #expect(back.contains(#""source":"essam-salih-press-conference-2017","via":"hadera-2022-article""#))
        #expect(!back.contains(#""source":"hadera-2022-article","via":"#))
        #expect(original.contains(#""source":"essam-salih-press-conference-2017","via":"hadera-2022-article""#))
        try cli.write("former.ftm.jsonl", former.joined(separator: "\n") + "\n")
        let formerImport = try cli.run(["--db", "former.db", "import", "--strict", "former.ftm.jsonl"])
        #expect(formerImport.status == 0, "\(formerImport.standardError)")
        #expect(try cli.run(["--db", "former.db", "show", "hamas"]).status == 0)
        #expect(
            try cli.run(["--db", "former.db", "export", "jsonl"]).standardOutput.contains(
                #""source":"essam-salih-press-conference-2017","via":"hadera-2022-article""#))
    }

    @Test("FtM: a claimant whose id FtM shortens with a hash keeps its role when the proof list comes in another order")
    func ftmLongClaimantID() throws {
        let cli = try CLIHarness.scoped
        let long = String(repeating: "p", count: 190)
        try cli.write(
            "records.jsonl",
            """
            {"record":"entity","id":"a","type":"organization","name":"Alpha"}
            {"record":"entity","id":"b","type":"organization","name":"Bravo"}
            {"record":"source","id":"\(long)","type":"statement","title":"Long","reliability":"B"}
            {"record":"source","id":"art","type":"news-article","title":"Article","reliability":"E"}
            {"record":"claim","id":"ab","subject":"a","predicate":"funded","object":"b","start":null,"end":null,"citations":[{"source":"\(long)","via":"art","quote":"q","stance":"asserts","credibility":3}]}

            """)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        let lines = try cli.run(["export", "ftm"]).standardOutput.split(separator: "\n").map(Self.withProofsReversed)
        try cli.write("reversed.ftm.jsonl", lines.joined(separator: "\n") + "\n")
        #expect(try cli.run(["--db", "back.db", "import", "reversed.ftm.jsonl"]).status == 0)
        let back = try cli.run(["--db", "back.db", "export", "jsonl"]).standardOutput
        #expect(back.contains(#","via":"art","quote":"q""#), "\(back)")
        #expect(!back.contains(#""source":"art""#))
    }

    @Test("a STIX bundle with a syntax error is refused at the line and column an editor shows, not a byte offset")
    func stixSyntaxError() throws {
        let cli = try CLIHarness.scoped
        #expect(try cli.run(["import", Self.dataset]).status == 0)
        let bundle = try cli.run(["export", "stix"]).standardOutput
        var lines = bundle.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[9] = "@" + lines[9]
        try cli.write("bad.json", lines.joined(separator: "\n"))
        let result = try cli.run(["--db", "new.db", "import", "bad.json"])
        #expect(result.status == 65)
        #expect(
            result.standardError.hasPrefix("isnad: bad.json:10: not a STIX bundle: invalid JSON at column 1: unexpected '@'"),
            "\(result.standardError)")
    }

    @Test(
        "a file that is not what it is taken for is refused, not read as nothing",
        arguments: [
            (
                "bundle.json", #"{"type":"bundle","id":"bundle--1","objects":{"x":1}}"#, [],
                "isnad: bundle.json:1: objects: expected an array of STIX objects, found an object\n"
            ),
            (
                "bundle.json", #"{"type":"bundle","id":"bundle--1","objects":[1]}"#, [],
                "isnad: bundle.json:1: objects[0]: expected a STIX object, found a number\n"
            ),
            (
                "records.jsonl", #"{"record":"entity","id":"x","type":"person","name":"X"}"#, ["--from", "ftm"],
                "isnad: records.jsonl:1: an Isnad record line, not a FollowTheMoney entity: import it without --from ftm\n"
            ),
            (
                "entities.jsonl", #"{"id":"x","name":"X"}"#, ["--from", "ftm"],
                "isnad: entities.jsonl:1: not a FollowTheMoney entity: an entity is an object with id, schema and properties\n"
            ),
        ])
    func notWhatItIsTakenFor(file: String, text: String, options: [String], message: String) throws {
        let cli = try CLIHarness.scoped
        try cli.write(file, text + "\n")
        let result = try cli.run(["--db", "new.db", "import"] + options + [file])
        #expect(result.status == 65)
        #expect(result.standardError == message + "nothing was imported: the store is unchanged\n")
        #expect(!FileManager.default.fileExists(atPath: cli.path("new.db")))
    }

    @Test("a STIX bundle on standard input without --from stix is named in one line, not read as bad records")
    func stixOnStandardInput() throws {
        let cli = try CLIHarness.scoped
        #expect(try cli.run(["import", Self.dataset]).status == 0)
        let bundle = try cli.run(["export", "stix"]).standardOutput
        // Its first lines, within what a pipe holds: the import stops reading at the first line.
        let opening = bundle.split(separator: "\n").prefix(3).joined(separator: "\n") + "\n"
        let result = try cli.run(["--db", "new.db", "import", "-"], input: Data(opening.utf8))
        #expect(result.status == 65)
        #expect(
            result.standardError
                == "isnad: <stdin>:1: this is a STIX bundle, not records: give --from stix to read it from standard input\nnothing was imported: the store is unchanged\n"
        )
        #expect(try cli.run(["--db", "new.db", "import", "--from", "stix", "-"], input: Data(bundle.utf8)).status == 0)
    }

    @Test("a filter is refused for stix and ftm, which write the whole store")
    func filtersRefused() throws {
        let cli = try CLIHarness.scoped
        #expect(try cli.run(["import", Self.dataset]).status == 0)
        let run = try cli.run(["export", "stix", "--min-reliability", "C"])
        #expect(run.status == 64)
        #expect(run.standardError.contains("stix writes the whole store"))
    }

    @Test(
        "an object's type or schema with a line break forges no line of the report, with --strict or without (a fuzzer's finding)"
    )
    func skippedReasonPrintable() throws {
        let cli = try CLIHarness.scoped
        try cli.write(
            "evil.json",
            #"{"type":"bundle","id":"bundle--1","objects":[{"type":"note\nimported 12 records from evil.json","id":"note--1"}]}"#)
        try cli.write(
            "evil.ftm.jsonl",
            #"{"id":"v1","schema":"Vessel\nimported 40 records from evil.ftm.jsonl","properties":{"name":["Boat"]}}"# + "\n")
        for arguments in [
            ["--db", "a.db", "import", "--strict", "evil.json"], ["--db", "b.db", "import", "evil.json"],
            ["--db", "c.db", "import", "--strict", "--from", "ftm", "evil.ftm.jsonl"],
            ["--db", "d.db", "import", "--from", "ftm", "evil.ftm.jsonl"],
        ] {
            let result = try cli.run(arguments)
            #expect(
                !result.standardError.split(separator: "\n").contains { $0.hasPrefix("imported") },
                "\(arguments): \(result.standardError)")
            #expect(result.standardError.contains(" imported "), "\(arguments): \(result.standardError)")
        }
    }

    @Test("what a STIX bundle holds without an Isnad counterpart is listed; --strict refuses the file and leaves no store")
    func skippedAndStrict() throws {
        let cli = try CLIHarness.scoped
        let bundle = """
            {
              "type": "bundle",
              "id": "bundle--0f4a4b8e-4b6f-4f4b-9c55-6d1f4d8f0a11",
              "objects": [
                {"type": "identity", "spec_version": "2.1", "id": "identity--7b1d9f43-6a8e-4c4a-8f5e-2d5e0b1e7a01",
                 "created": "2024-05-01T00:00:00.000Z", "modified": "2024-05-01T00:00:00.000Z",
                 "name": "Person One", "identity_class": "individual"},
                {"type": "attack-pattern", "spec_version": "2.1", "id": "attack-pattern--1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
                 "created": "2024-05-01T00:00:00.000Z", "modified": "2024-05-01T00:00:00.000Z", "name": "Spearphishing"}
              ]
            }
            """
        try cli.write("bundle.json", bundle)
        let strict = try cli.run(["import", "--strict", "bundle.json"])
        #expect(strict.status == 65)
        #expect(
            strict.standardError.contains("attack-pattern--1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f: would be skipped (--strict)"))
        #expect(!FileManager.default.fileExists(atPath: cli.path("isnad.db")))
        let lenient = try cli.run(["import", "bundle.json"])
        #expect(lenient.status == 0, "\(lenient.standardError)")
        #expect(
            lenient.standardError.contains(
                "bundle.json:2: attack-pattern--1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f: skipped: attack-pattern has no Isnad counterpart"
            ))
        #expect(try cli.run(["export", "jsonl"]).standardOutput.contains(#""name":"Person One""#))
        // Standard input is read as STIX only when named.
        let piped = try cli.run(["--db", "piped.db", "import", "--from", "stix", "-"], input: Data(bundle.utf8))
        #expect(piped.status == 0, "\(piped.standardError)")
    }

    @Test(
        "a STIX confidence that is not an integer from 0 to 100 is refused at its field, and no store is left",
        arguments: ["1e19", "9223372036854775808", "-1e30", "1e999", "101", "-5", "100.5", "\"high\""])
    func confidenceOutOfRange(confidence: String) throws {
        let cli = try CLIHarness.scoped
        let bundle = """
            {"type": "bundle", "id": "bundle--0f4a4b8e-4b6f-4f4b-9c55-6d1f4d8f0a12", "objects": [
              {"type": "identity", "spec_version": "2.1", "id": "identity--7b1d9f43-6a8e-4c4a-8f5e-2d5e0b1e7a01",
               "created": "2024-05-01T00:00:00.000Z", "modified": "2024-05-01T00:00:00.000Z", "name": "Person One", "identity_class": "individual"},
              {"type": "identity", "spec_version": "2.1", "id": "identity--7b1d9f43-6a8e-4c4a-8f5e-2d5e0b1e7a02",
               "created": "2024-05-01T00:00:00.000Z", "modified": "2024-05-01T00:00:00.000Z", "name": "Person Two", "identity_class": "individual"},
              {"type": "relationship", "spec_version": "2.1", "id": "relationship--7b1d9f43-6a8e-4c4a-8f5e-2d5e0b1e7a03",
               "created": "2024-05-01T00:00:00.000Z", "modified": "2024-05-01T00:00:00.000Z", "relationship_type": "related-to",
               "source_ref": "identity--7b1d9f43-6a8e-4c4a-8f5e-2d5e0b1e7a01", "target_ref": "identity--7b1d9f43-6a8e-4c4a-8f5e-2d5e0b1e7a02",
               "description": "they met", "confidence": \(confidence)},
              {"type": "report", "spec_version": "2.1", "id": "report--7b1d9f43-6a8e-4c4a-8f5e-2d5e0b1e7a04",
               "created": "2024-05-01T00:00:00.000Z", "modified": "2024-05-01T00:00:00.000Z", "name": "A report",
               "published": "2024-05-01T00:00:00Z", "object_refs": ["relationship--7b1d9f43-6a8e-4c4a-8f5e-2d5e0b1e7a03"]}
            ]}
            """
        try cli.write("bundle.json", bundle)
        let result = try cli.run(["import", "bundle.json"])
        #expect(result.status == 65)
        #expect(result.standardError.contains("confidence: expected an integer from 0 to 100, found "), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("isnad.db")))
        // In range, the same bundle imports, a byte order mark before it too.
        let good = bundle.replacingOccurrences(of: "\"confidence\": \(confidence)", with: "\"confidence\": 100")
        try cli.write("good.json", "\u{FEFF}" + good)
        #expect(try cli.run(["import", "good.json"]).status == 0)
    }

    /// A STIX object of this test's bundles: `fields` after its type, id and times.
    private static func stixObject(_ type: String, _ number: Int, modified: String = "2024-05-01T00:00:00.000Z", _ fields: String)
        -> String
    {
        let id = "\(type)--7b1d9f43-6a8e-4c4a-8f5e-2d5e0b1e7b\(String(format: "%02d", number))"
        return
            #"{"type": "\#(type)", "spec_version": "2.1", "id": "\#(id)", "created": "2024-05-01T00:00:00.000Z", "modified": "\#(modified)", \#(fields)}"#
    }

    /// A bundle of `objects` (each one JSON object's text), as another producer writes one.
    private static func stixBundle(_ objects: [String]) -> String {
        #"{"type": "bundle", "id": "bundle--0f4a4b8e-4b6f-4f4b-9c55-6d1f4d8f0a13", "objects": ["#
            + objects.joined(separator: ",\n") + "]}"
    }

    @Test(
        "a foreign STIX bundle: the newest version of an object is read, a revoked one is skipped, markings are named, the producer is the reports' publisher"
    )
    func foreignBundleVersionsAndMarkings() throws {
        let cli = try CLIHarness.scoped
        let red = "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"
        var objects = [
            Self.stixObject("identity", 1, #""name": "ACME Intel", "identity_class": "organization""#),
            Self.stixObject(
                "identity", 2, modified: "2024-05-01T00:00:00Z", #""name": "Group One", "identity_class": "organization""#),
            Self.stixObject("identity", 3, #""name": "Group Two", "identity_class": "organization""#),
            Self.stixObject(
                "identity", 2, modified: "2024-05-01T00:00:00.500Z",
                #""name": "Group One Renamed", "identity_class": "organization", "object_marking_refs": ["\#(red)"]"#),
            Self.stixObject(
                "relationship", 4,
                #""relationship_type": "related-to", "source_ref": "identity--7b1d9f43-6a8e-4c4a-8f5e-2d5e0b1e7b02", "target_ref": "identity--7b1d9f43-6a8e-4c4a-8f5e-2d5e0b1e7b03", "description": "they met""#
            ),
            Self.stixObject(
                "relationship", 5,
                #""relationship_type": "targets", "source_ref": "identity--7b1d9f43-6a8e-4c4a-8f5e-2d5e0b1e7b02", "target_ref": "identity--7b1d9f43-6a8e-4c4a-8f5e-2d5e0b1e7b03", "description": "they fought", "revoked": true"#
            ),
            Self.stixObject(
                "report", 6,
                #""name": "A report", "published": "2024-05-01T00:00:00Z", "created_by_ref": "identity--7b1d9f43-6a8e-4c4a-8f5e-2d5e0b1e7b01", "external_references": [{"source_name": "web", "url": "https://example.org/r"}], "object_refs": ["relationship--7b1d9f43-6a8e-4c4a-8f5e-2d5e0b1e7b04", "relationship--7b1d9f43-6a8e-4c4a-8f5e-2d5e0b1e7b05"]"#
            ),
        ]
        objects += [
            Self.stixObject("location", 7, #""administrative_area": "Aleppo Governorate", "country": "SY""#),
            Self.stixObject(
                "threat-actor", 8, #""name": "Group Three", "first_seen": "2012-01-23T00:00:00Z", "roles": ["agent", "sponsor"]"#),
            Self.stixObject(
                "report", 9,
                #""name": "Withdrawn report", "published": "2024-05-01T00:00:00Z", "revoked": true, "object_refs": ["relationship--7b1d9f43-6a8e-4c4a-8f5e-2d5e0b1e7b04"]"#
            ),
        ]
        try cli.write("bundle.json", Self.stixBundle(objects))
        let strict = try cli.run(["import", "--strict", "bundle.json"])
        #expect(strict.status == 65)
        #expect(
            strict.standardError.contains(
                "bundle.json:2: identity--7b1d9f43-6a8e-4c4a-8f5e-2d5e0b1e7b02: would be skipped (--strict): an older version"),
            "\(strict.standardError)")
        let result = try cli.run(["import", "bundle.json"])
        #expect(result.status == 0, "\(result.standardError)")
        for line in [
            "bundle.json:6: relationship--7b1d9f43-6a8e-4c4a-8f5e-2d5e0b1e7b05: skipped: revoked by its producer",
            "bundle.json:1: identity--7b1d9f43-6a8e-4c4a-8f5e-2d5e0b1e7b01: skipped: the author of objects in the bundle",
            "bundle.json: 1 object carries data markings (TLP:RED) that Isnad does not keep",
        ] {
            #expect(result.standardError.contains(line), "\(result.standardError)")
        }
        let records = try cli.run(["export", "jsonl"]).standardOutput
        #expect(records.contains(#""name":"Group One Renamed""#), "\(records)")
        #expect(!records.contains("ACME Intel\",\"type\""), "\(records)")
        #expect(records.contains(#""publisher":"ACME Intel","url":"https://example.org/r""#), "\(records)")
        #expect(!records.contains("attacked"), "\(records)")
        #expect(!records.contains("withdrawn-report"), "\(records)")
        #expect(
            records.contains(
                #""name":"Aleppo Governorate, SY","attributes":{"administrative_area":"Aleppo Governorate","country":"SY","imported_from":"bundle.json"}"#
            ),
            "\(records)")
        #expect(
            records.contains(
                #""attributes":{"first_seen":"2012-01-23T00:00:00Z","imported_from":"bundle.json","roles":"agent; sponsor"}"#),
            "\(records)")
    }

    @Test(
        "what a foreign file states of an entity is kept with whose word it is (STIX producer, FtM datasets), and show says it is no claim"
    )
    func foreignAttributesKeepTheirProvenance() throws {
        let cli = try CLIHarness.scoped
        let objects = [
            Self.stixObject("identity", 1, #""name": "ACME CTI Team", "identity_class": "organization""#),
            Self.stixObject(
                "threat-actor", 2,
                #""name": "Group Two", "created_by_ref": "identity--7b1d9f43-6a8e-4c4a-8f5e-2d5e0b1e7b01", "threat_actor_types": ["terrorist"], "labels": ["islamist"], "confidence": 85, "x_opencti_aliases": ["Group 2"], "external_references": [{"source_name": "wikipedia", "url": "https://example.org/g2"}]"#
            ),
        ]
        try cli.write("bundle.json", Self.stixBundle(objects))
        #expect(try cli.run(["import", "bundle.json"]).status == 0)
        let shown = try cli.run(["show", "Group Two"]).standardOutput
        #expect(
            shown.hasPrefix(
                """
                Group Two (group-two-7b1d9f43) · organization
                  en: Group 2
                  attributes as an imported file gives them (created_by ACME CTI Team; imported_from bundle.json), not claims with sources:
                  confidence: 85
                  created_by: ACME CTI Team
                  external_references: wikipedia: https://example.org/g2
                  imported_from: bundle.json
                  labels: islamist
                  threat_actor_types: terrorist

                """), "\(shown)")
        // Without a producer named, the file says whose word it is.
        try cli.write(
            "plain.json",
            #"{"type": "bundle", "id": "bundle--0f4a4b8e-4b6f-4f4b-9c55-6d1f4d8f0a14", "objects": ["#
                + Self.stixObject("threat-actor", 3, #""name": "Group Three", "threat_actor_types": ["terrorist"]"#) + "]}")
        #expect(try cli.run(["import", "plain.json"]).status == 0)
        #expect(
            try cli.run(["show", "Group Three"]).standardOutput.contains(
                "  attributes as an imported file gives them (imported_from plain.json), not claims with sources:\n"))
        try cli.write(
            "ftm.jsonl",
            #"{"id": "nk-sinwar", "schema": "Person", "datasets": ["us_ofac_sdn"], "first_seen": "2015-09-08T00:00:00", "properties": {"name": ["Yahya Sinwar"], "topics": ["sanction"]}}"#
                + "\n")
        #expect(try cli.run(["import", "ftm.jsonl"]).status == 0)
        let person = try cli.run(["show", "Yahya Sinwar"]).standardOutput
        #expect(
            person.contains(
                """
                  attributes as an imported file gives them (datasets us_ofac_sdn; imported_from ftm.jsonl), not claims with sources:
                  datasets: us_ofac_sdn
                  first_seen: 2015-09-08T00:00:00
                  imported_from: ftm.jsonl
                  topics: sanction

                """), "\(person)")
    }

    @Test(
        "FtM: a person named only by an alias takes it as the name; one with no name is skipped and named beside the link it breaks; fragments point to ftm aggregate"
    )
    func foreignFtMNamesAndFragments() throws {
        let cli = try CLIHarness.scoped
        let link =
            #"{"id": "o1", "schema": "Organization", "properties": {"name": ["Org One"]}}"# + "\n"
            + #"{"id": "doc1", "schema": "Article", "properties": {"title": ["T"]}}"# + "\n"
            + #"{"id": "m1", "schema": "Membership", "properties": {"member": ["p1"], "organization": ["o1"], "proof": ["doc1"], "description": ["P1 is a member of O1."]}}"#
            + "\n"
        try cli.write("alias.jsonl", #"{"id": "p1", "schema": "Person", "properties": {"alias": ["Only Alias"]}}"# + "\n" + link)
        #expect(try cli.run(["--db", "alias.db", "import", "alias.jsonl"]).status == 0)
        #expect(
            try cli.run(["--db", "alias.db", "show", "Only Alias"]).standardOutput.hasPrefix("Only Alias (ftm-p1) · person\n"))
        try cli.write("nameless.jsonl", #"{"id": "p1", "schema": "Person", "properties": {"birthDate": ["1960"]}}"# + "\n" + link)
        let nameless = try cli.run(["--db", "nameless.db", "import", "nameless.jsonl"])
        #expect(nameless.status == 65)
        #expect(
            nameless.standardError.contains(
                "\nskipped while reading, which records above may name:\n  nameless.jsonl:1: p1: skipped: a Person without a name or an alias (a fragment of one named on another line? merge the fragments first: ftm aggregate -i FILE -o merged.ftm.jsonl)\n"
            ), "\(nameless.standardError)")
        try cli.write(
            "fragments.jsonl",
            #"{"id": "p1", "schema": "Person", "properties": {"name": ["Person One"]}}"# + "\n"
                + #"{"id": "p1", "schema": "Person", "properties": {"name": ["Person Uno"]}}"# + "\n" + link)
        try cli.write(
            "later.jsonl",
            #"{"id": "p1", "schema": "Person", "properties": {"name": ["Person One"]}}"# + "\n"
                + #"{"id": "p1", "schema": "Person", "properties": {"birthDate": ["1960"]}}"# + "\n" + link)
        let later = try cli.run(["--db", "later.db", "import", "later.jsonl"])
        #expect(
            later.standardError.contains(
                "later.jsonl:2: p1: skipped: a Person without a name or an alias (a fragment of one named on another line? merge the fragments first: ftm aggregate"
            ), "\(later.standardError)")
        // A file named with a terminal escape still imports; its name is kept with the escape visible.
        let crafted = "evil\u{1B}[31m.ftm.jsonl"
        try cli.write(crafted, #"{"id": "p1", "schema": "Person", "properties": {"name": ["P One"], "country": ["ps"]}}"# + "\n")
        #expect(try cli.run(["--db", "crafted.db", "import", "--from", "ftm", crafted]).status == 0)
        #expect(
            try cli.run(["--db", "crafted.db", "export", "jsonl"]).standardOutput.contains(
                #""imported_from":"evil\\u{1B}[31m.ftm.jsonl""#))
        let fragments = try cli.run(["--db", "fragments.db", "import", "fragments.jsonl"])
        #expect(fragments.status == 65)
        #expect(
            fragments.standardError.contains(
                "(an FtM entity in fragments? merge them first: ftm aggregate -i FILE -o merged.ftm.jsonl)"),
            "\(fragments.standardError)")
    }

    @Test(
        "a foreign FtM file never replaces the store's records: its ids are ftm- and their slug; what Isnad has no field for is kept"
    )
    func foreignFtMKeepsTheStore() throws {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        let before = try cli.run(["show", "hamas"]).standardOutput
        let lines = [
            #"{"id": "Hamas", "schema": "Organization", "properties": {"name": ["Hamas Trading Co"], "country": ["tr"]}}"#,
            #"{"id": "police", "schema": "Article", "properties": {"title": ["Another article"]}}"#,
            #"{"id": "isis", "schema": "Organization", "properties": {"name": ["Isis Textiles"]}}"#,
            #"{"id": "pay-1", "schema": "Payment", "properties": {"payer": ["Hamas"], "beneficiary": ["isis"], "amount": ["250000"], "currency": ["usd"], "date": ["2018-05-14"], "description": ["a payment"], "proof": ["police"]}}"#,
            #"{"id": "ul-1", "schema": "UnknownLink", "properties": {"subject": ["Hamas"], "object": ["isis"], "role": ["rival of"], "description": ["they clashed"], "proof": ["police"]}}"#,
            #"{"id": "own-1", "schema": "Ownership", "properties": {"owner": ["Hamas"], "asset": ["isis"], "proof": ["police"]}}"#,
            #"{"id": "mem-1", "schema": "Membership", "properties": {"member": ["Hamas"], "organization": ["isis"], "date": ["2015-03-01"], "description": ["a member"], "proof": ["police"]}}"#,
            #"{"id": "co", "schema": "Company", "properties": {"name": ["A Company"], "currency": "usd", "capital": [5000], "notes": ["seen in a ledger"]}}"#,
        ]
        try cli.write("ftm.jsonl", lines.joined(separator: "\n") + "\n")
        let strict = try cli.run(["import", "--strict", "ftm.jsonl"])
        #expect(strict.standardError.contains("ftm.jsonl:6: own-1: would be skipped (--strict)"), "\(strict.standardError)")
        let result = try cli.run(["import", "ftm.jsonl"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(
            result.standardError.contains(
                "ftm.jsonl:5: ul-1: role \"rival of\" is no predicate of Isnad's: read as linked_to, the role kept in the claim's notes"
            ),
            "\(result.standardError)")
        #expect(try cli.run(["show", "hamas"]).standardOutput == before)
        let records = try cli.run(["export", "jsonl"]).standardOutput
        for expected in [
            #"{"record":"entity","id":"ftm-hamas","type":"organization","name":"Hamas Trading Co","attributes":{"country":"tr","imported_from":"ftm.jsonl"}}"#,
            #""id":"ftm-police","type":"news-article","title":"Another article""#,
            #""predicate":"funded","object":"ftm-isis","start":"2018-05-14","end":"2018-05-14""#,
            #""notes":"FtM amount: 250000\nFtM currency: usd""#,
            #""notes":"FtM role: rival of (no predicate of Isnad's is called so; read as linked_to)""#,
            #""predicate":"member_of","object":"ftm-isis","start":"2015-03-01","end":null"#,
            #""notes":"FtM date: 2015-03-01 (when the link was said to hold; read as its start)""#,
            #""attributes":{"capital":"5000","currency":"usd","imported_from":"ftm.jsonl","notes":"seen in a ledger"}"#,
        ] {
            #expect(records.contains(expected), "\(expected)\n\(records)")
        }
        // The same file again updates what it made: nothing new.
        let again = try cli.run(["import", "ftm.jsonl"])
        #expect(
            again.standardError.contains("nothing changed\nthe store holds 6 entities, 3 sources, 5 claims"),
            "\(again.standardError)")
    }

    @Test("a claims sheet saved as TSV is read as one: tabs between fields")
    func tabSeparatedSheet() throws {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        try cli.write(
            "sheet.tsv",
            "subject\tpredicate\tobject\tsource\tquote\tstance\tcredibility\nhamas\tpraised\tisis\tpolice\tpraise, said\tasserts\t3\n"
        )
        let result = try cli.run(["import", "sheet.tsv"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try cli.run(["claims", "--subject", "hamas", "--object", "isis"]).standardOutput.contains("praised"))
    }

    @Test("an Isnad bundle edited in another tool: what its isnad_ properties override is said, not dropped unseen")
    func editedIsnadBundle() throws {
        let cli = try CLIHarness.scoped
        try cli.write(
            "records.jsonl",
            CoreCommandTests.records
                + #"{"record":"entity","id":"gaza","type":"place","name":"Gaza","attributes":{"country":"PS","latitude":"31.5"}}"#
                + "\n")
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        let bundle = try cli.run(["export", "stix"]).standardOutput
        // Unedited, it imports without a word beyond the summary.
        try cli.write("same.json", bundle)
        let same = try cli.run(["--db", "same.db", "import", "same.json"])
        #expect(!same.standardError.contains("outside Isnad"), "\(same.standardError)")
        // The location's own country (before its isnad_attributes, which keep "PS"), and every start_time.
        var edited = bundle.replacingOccurrences(
            of: #""start_time":"2022-03-27T00:00:00Z""#, with: #""start_time":"2018-01-01T00:00:00Z""#)
        let country = try #require(edited.range(of: #""country":"PS""#))
        edited.replaceSubrange(country, with: #""country":"IL""#)
        try cli.write("edited.json", edited)
        let imported = try cli.run(["--db", "edited.db", "import", "edited.json"])
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(
            imported.standardError.contains(
                "claim \"hamas-praised-attack\": start_time was changed outside Isnad (2018-01-01T00:00:00Z, where Isnad wrote 2022-03-27T00:00:00Z): isnad_start is read"
            ), "\(imported.standardError)")
        #expect(
            imported.standardError.contains(
                "entity \"gaza\": country was changed outside Isnad (IL, where Isnad wrote PS): isnad_attributes is read"),
            "\(imported.standardError)")
        #expect(
            try cli.run(["--db", "edited.db", "export", "jsonl"]).standardOutput
                == (try cli.run(["export", "jsonl"]).standardOutput))
        // Stripped of Isnad's own source properties, a report is another producer's: Isnad, which
        // made the bundle, is not taken for its publisher.
        var parsed = try #require(try JSONSerialization.jsonObject(with: Data(bundle.utf8)) as? [String: Any])
        parsed["objects"] = (parsed["objects"] as? [[String: Any]] ?? []).map { object in
            object["type"] as? String == "report" ? object.filter { $0.key != "isnad_source" } : object
        }
        try cli.write("stripped.json", String(decoding: try JSONSerialization.data(withJSONObject: parsed), as: UTF8.self))
        let stripped = try cli.run(["--db", "stripped.db", "import", "stripped.json"])
        #expect(stripped.status == 0, "\(stripped.standardError)")
        let strippedRecords = try cli.run(["--db", "stripped.db", "export", "jsonl"]).standardOutput
        #expect(!strippedRecords.contains(#""publisher":"Isnad""#))
        // A report of unknown date, written with the epoch STIX requires, is not a source of 1970.
        #expect(!strippedRecords.contains(#""published":"1970"#), "\(strippedRecords)")
    }

    @Test(
        "another producer's blank alias is left out and a blank description is no quote: the file imports, the relationship is listed as skipped"
    )
    func foreignBlanks() throws {
        let cli = try CLIHarness.scoped
        let objects = [
            Self.stixObject("threat-actor", 1, #""name": "Group One", "aliases": ["", "   ", "\u200f", "G1"]"#),
            Self.stixObject("threat-actor", 2, #""name": "Group Two", "description": " ""#),
            Self.stixObject(
                "relationship", 3,
                #""relationship_type": "related-to", "source_ref": "threat-actor--7b1d9f43-6a8e-4c4a-8f5e-2d5e0b1e7b01", "target_ref": "threat-actor--7b1d9f43-6a8e-4c4a-8f5e-2d5e0b1e7b02", "description": "  ""#
            ),
            Self.stixObject(
                "report", 4,
                #""name": "Weekly digest", "published": "2024-05-01T00:00:00Z", "object_refs": ["relationship--7b1d9f43-6a8e-4c4a-8f5e-2d5e0b1e7b03"]"#
            ),
        ]
        try cli.write("bundle.json", Self.stixBundle(objects))
        let result = try cli.run(["import", "bundle.json"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(
            result.standardError.contains(
                "bundle.json:3: relationship--7b1d9f43-6a8e-4c4a-8f5e-2d5e0b1e7b03: skipped: no description"))
        let records = try cli.run(["export", "jsonl"]).standardOutput
        #expect(records.contains(#""name":"Group One","aliases":[{"name":"G1","lang":"en"}]"#), "\(records)")
        #expect(!records.contains(#""description":" ""#), "\(records)")
    }

    /// The claims and sources of the store, each as its JSON line, without their entities.
    private static func claimsAndSources(_ cli: CLIHarness) throws -> [String] {
        try cli.run(["export", "jsonl"]).standardOutput.split(separator: "\n").map(String.init).filter {
            !$0.contains(#""record":"entity""#)
        }
    }

    @Test(
        "STIX: a timestamp with a UTC offset is read on its UTC day, T24:00 as the next day; a time that cannot be read is left out, saying so",
        arguments: [
            // 20:00 on 5 March in UTC, before a stop at 21:00 UTC: the day the reviewer's bundle was refused for.
            (
                "2022-03-06T01:00:00+05:00", "2022-03-05T21:00:00Z", "2022-03-07T01:30:00+05:00", "2022-03-05", "2022-03-05",
                "2022-03-06"
            ),
            (
                "2021-12-31T23:30:00Z", "2022-01-01T00:30:00+03:00", "2024-05-01T00:00:00Z", "2021-12-31", "2021-12-31",
                "2024-05-01"
            ),
            (
                "2022-03-05T22:00:00.5-02:00", "2022-12-31T24:00:00.000Z", "2024-02-28T24:00:00Z", "2022-03-06", "2023-01-01",
                "2024-02-29"
            ),
            (
                "2022-03-05T23:59:60Z", "2022-03-06T12:00-0530", "2022-03-06t00:00:00+00:00", "2022-03-05", "2022-03-06",
                "2022-03-06"
            ),
        ])
    func stixTimestampsInUTC(start: String, stop: String, published: String, day: String, endDay: String, publishedDay: String)
        throws
    {
        let cli = try CLIHarness.scoped
        let objects = [
            Self.stixObject("identity", 1, #""name": "Person One", "identity_class": "individual""#),
            Self.stixObject("identity", 2, #""name": "Person Two", "identity_class": "individual""#),
            Self.stixObject(
                "relationship", 3,
                #""relationship_type": "related-to", "source_ref": "identity--7b1d9f43-6a8e-4c4a-8f5e-2d5e0b1e7b01", "target_ref": "identity--7b1d9f43-6a8e-4c4a-8f5e-2d5e0b1e7b02", "description": "They met.", "start_time": "\#(start)", "stop_time": "\#(stop)""#
            ),
            Self.stixObject(
                "report", 4,
                #""name": "Weekly digest", "published": "\#(published)", "object_refs": ["relationship--7b1d9f43-6a8e-4c4a-8f5e-2d5e0b1e7b03"]"#
            ),
        ]
        try cli.write("bundle.json", Self.stixBundle(objects))
        let result = try cli.run(["import", "--strict", "bundle.json"])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = try Self.claimsAndSources(cli)
        #expect(lines.contains { $0.contains(#""published":"\#(publishedDay)""#) }, "\(lines)")
        #expect(lines.contains { $0.contains(#""start":"\#(day)","end":"\#(endDay)""#) }, "\(lines)")
    }

    @Test(
        "STIX: past the end of a day (T24:00:01), an hour 25 or a zone past the time, a timestamp is left out, named",
        arguments: [
            "2022-03-05T24:00:01Z", "2022-03-05T25:00:00Z", "2022-03-05T10:00:00+24:00", "2022-03-05T10:00:00Z+01:00",
            "2022-03-05T",
            "2022-03-05T10:00:00 Z",
        ])
    func stixTimestampUnread(start: String) throws {
        let cli = try CLIHarness.scoped
        let objects = [
            Self.stixObject("identity", 1, #""name": "Person One", "identity_class": "individual""#),
            Self.stixObject("identity", 2, #""name": "Person Two", "identity_class": "individual""#),
            Self.stixObject(
                "relationship", 3,
                #""relationship_type": "related-to", "source_ref": "identity--7b1d9f43-6a8e-4c4a-8f5e-2d5e0b1e7b01", "target_ref": "identity--7b1d9f43-6a8e-4c4a-8f5e-2d5e0b1e7b02", "description": "They met.", "start_time": "\#(start)""#
            ),
            Self.stixObject(
                "report", 4,
                #""name": "Weekly digest", "published": "2024-05-01T00:00:00Z", "object_refs": ["relationship--7b1d9f43-6a8e-4c4a-8f5e-2d5e0b1e7b03"]"#
            ),
        ]
        try cli.write("bundle.json", Self.stixBundle(objects))
        let result = try cli.run(["import", "bundle.json"])
        #expect(result.status == 0)
        #expect(
            result.standardError.contains(
                #"bundle.json:3: relationship--7b1d9f43-6a8e-4c4a-8f5e-2d5e0b1e7b03: start_time: "\#(start)" is not a date Isnad reads (YYYY, YYYY-MM, YYYY-MM-DD or a timestamp): left out"#
            ), "\(result.standardError)")
        let undated = #""start":null,"end":null"#
        #expect(try Self.claimsAndSources(cli).contains { $0.contains(#""record":"claim""#) && $0.contains(undated) })
    }

    @Test(
        "FtM: a date with a UTC offset is read on its UTC day; one without, FtM's usual, on the day written"
    )
    func ftmDatesInUTC() throws {
        let cli = try CLIHarness.scoped
        try cli.write(
            "entities.ftm.jsonl",
            """
            {"id": "org-a", "schema": "Organization", "properties": {"name": ["Alpha"]}}
            {"id": "org-b", "schema": "Organization", "properties": {"name": ["Beta"]}}
            {"id": "article-1", "schema": "Article", "properties": {"title": ["Gazette"], "publishedAt": ["2022-03-07T01:30:00+05:00"], "bodyText": ["Alpha met Beta. Alpha funded Beta."]}}
            {"id": "link-1", "schema": "UnknownLink", "properties": {"subject": ["org-a"], "object": ["org-b"], "role": ["met with"], "startDate": ["2022-03-06T01:00:00+05:00"], "endDate": ["2022-03-05T21:00:00Z"], "description": ["Alpha met Beta."], "proof": ["article-1"]}}
            {"id": "link-2", "schema": "UnknownLink", "properties": {"subject": ["org-a"], "object": ["org-b"], "role": ["funded"], "startDate": ["2022-03-05T23:30"], "endDate": ["2022-03-06T24:00:00"], "description": ["Alpha funded Beta."], "proof": ["article-1"]}}
            """)
        let result = try cli.run(["import", "entities.ftm.jsonl"])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = try Self.claimsAndSources(cli)
        #expect(lines.contains { $0.contains(#""published":"2022-03-06""#) }, "\(lines)")
        #expect(
            lines.contains {
                $0.contains(#""predicate":"met_with""#) && $0.contains(#""start":"2022-03-05","end":"2022-03-05""#)
            }, "\(lines)")
        #expect(
            lines.contains { $0.contains(#""predicate":"funded""#) && $0.contains(#""start":"2022-03-05","end":"2022-03-07""#) },
            "\(lines)")
    }

    @Test("a foreign relationship whose words stand under an outlet no report of the bundle names is skipped, saying so")
    func wordsUnderAnotherName() throws {
        let cli = try CLIHarness.scoped
        let objects = [
            Self.stixObject("identity", 1, #""name": "Person One", "identity_class": "individual""#),
            Self.stixObject("identity", 2, #""name": "Person Two", "identity_class": "individual""#),
            Self.stixObject(
                "relationship", 3,
                #""relationship_type": "related-to", "source_ref": "identity--7b1d9f43-6a8e-4c4a-8f5e-2d5e0b1e7b01", "target_ref": "identity--7b1d9f43-6a8e-4c4a-8f5e-2d5e0b1e7b02", "external_references": [{"source_name": "Al Jazeera", "description": "They met in Doha."}]"#
            ),
            Self.stixObject(
                "report", 4,
                #""name": "Weekly digest", "published": "2024-05-01T00:00:00Z", "object_refs": ["relationship--7b1d9f43-6a8e-4c4a-8f5e-2d5e0b1e7b03"]"#
            ),
        ]
        try cli.write("bundle.json", Self.stixBundle(objects))
        let result = try cli.run(["import", "bundle.json"])
        #expect(
            result.standardError.contains(
                #"bundle.json:3: relationship--7b1d9f43-6a8e-4c4a-8f5e-2d5e0b1e7b03: skipped: no description, here or in its report's reference (its external reference "Al Jazeera" has words, but names no report of the bundle: add a report of that name that refers to the relationship)"#
            ), "\(result.standardError)")
    }

    @Test(
        "STIX modified is the store's latest change: a change makes every object a new version to a consumer; ISNAD_CHANGE_TIME dates the change; no history, the fixed epoch"
    )
    func modifiedFollowsTheStore() throws {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records)
        #expect(try cli.run(["import", "records.jsonl"], environment: ["ISNAD_CHANGE_TIME": "1648425600"]).status == 0)
        func modified() throws -> Set<String> {
            let bundle = try cli.run(["export", "stix"]).standardOutput
            let values = bundle.components(separatedBy: #""modified":""#).dropFirst().map { String($0.prefix(24)) }
            #expect(!values.isEmpty)
            return Set(values)
        }
        #expect(try modified() == ["2022-03-28T00:00:00.000Z"])
        #expect(
            try cli.run(
                ["set", "hamas-praised-attack", "citations[0].credibility", "5"], environment: ["ISNAD_CHANGE_TIME": "1700000000"]
            ).status == 0)
        #expect(try modified() == ["2023-11-14T22:13:20.000Z"])
        // A change dated earlier (a clock set back) does not take the version back.
        #expect(
            try cli.run(
                ["set", "hamas-praised-attack", "citations[0].credibility", "4"], environment: ["ISNAD_CHANGE_TIME": "1600000000"]
            ).status == 0)
        #expect(try modified() == ["2023-11-14T22:13:20.000Z"])
        #expect(try cli.run(["copy", "--without-history", "isnad.db", "bare.db"]).status == 0)
        let bare = try cli.run(["--db", "bare.db", "export", "stix"]).standardOutput
        #expect(bare.contains(#""modified":"1970-01-01T00:00:00.000Z""#) && !bare.contains("2023-11-14"))
    }

    @Test(
        "STIX: a disputed claim's confidence is at most 50 (possibly true), whatever its best credibility, and reads back with no note"
    )
    func disputedConfidence() throws {
        let cli = try CLIHarness.scoped
        try cli.write(
            "records.jsonl",
            """
            {"record":"entity","id":"a","type":"organization","name":"Group A"}
            {"record":"entity","id":"b","type":"organization","name":"Group B"}
            {"record":"source","id":"s1","type":"news-article","title":"One","reliability":"B"}
            {"record":"source","id":"s2","type":"official-statement","title":"Two","reliability":"A"}
            {"record":"claim","id":"a-attacked-b","subject":"a","predicate":"attacked","object":"b","start":null,"end":null,"citations":[{"source":"s1","quote":"A attacked B","stance":"asserts","credibility":1},{"source":"s2","quote":"A never attacked B","stance":"denies","credibility":2}]}
            {"record":"claim","id":"a-funded-b","subject":"a","predicate":"funded","object":"b","start":null,"end":null,"citations":[{"source":"s1","quote":"A funded B","stance":"asserts","credibility":1}]}

            """)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        let bundle = try cli.run(["export", "stix"]).standardOutput
        let objects = try #require(
            (try JSONSerialization.jsonObject(with: Data(bundle.utf8)) as? [String: Any])?["objects"] as? [[String: Any]])
        func confidence(_ id: String) -> Int? {
            objects.first { $0["isnad_id"] as? String == id }?["confidence"] as? Int
        }
        #expect(confidence("a-attacked-b") == 50)
        #expect(confidence("a-funded-b") == 70)  // credibility 1 that no other channel bears out counts as 2
        try cli.write("bundle.json", bundle)
        let back = try cli.run(["--db", "back.db", "import", "--strict", "bundle.json"])
        #expect(back.status == 0, "\(back.standardError)")
        #expect(!back.standardError.contains("confidence was changed"), "\(back.standardError)")
    }

    @Test(
        "an Isnad bundle edited in OpenCTI: a confidence lowered, a description, a reference or labels added are said as left out, and --strict refuses them"
    )
    func derivedPropertiesEditedElsewhere() throws {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        let bundle = try cli.run(["export", "stix"]).standardOutput
        var parsed = try #require(try JSONSerialization.jsonObject(with: Data(bundle.utf8)) as? [String: Any])
        parsed["objects"] = (parsed["objects"] as? [[String: Any]] ?? []).map { object in
            var object = object
            if object["isnad_id"] as? String == "hamas-praised-attack" {
                object["modified"] = "2025-01-01T00:00:00.000Z"
                object["confidence"] = 10
                object["labels"] = ["reviewed"]
                object["description"] = "Analyst in OpenCTI: we doubt this."
                object["external_references"] =
                    (object["external_references"] as? [Any] ?? []) + [
                        ["source_name": "OpenCTI analyst", "description": "Not ours."]
                    ]
            }
            if object["isnad_id"] as? String == "hamas" { object["x_opencti_aliases"] = ["Hamas movement"] }
            return object
        }
        try cli.write("edited.json", String(decoding: try JSONSerialization.data(withJSONObject: parsed), as: UTF8.self))
        let before = try cli.run(["export", "jsonl"]).outputBytes
        let strict = try cli.run(["import", "--strict", "edited.json"])
        #expect(strict.status == 65)
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
        let imported = try cli.run(["import", "edited.json"])
        #expect(imported.status == 0, "\(imported.standardError)")
        for line in [
            #"entity "hamas": x_opencti_aliases was added outside Isnad: left out (Isnad keeps no such field)"#,
            #"claim "hamas-praised-attack": confidence was changed outside Isnad (10, where Isnad wrote 70): isnad_citations' credibility is read; change that to change the record"#,
            #"claim "hamas-praised-attack": description was changed outside Isnad (Analyst in OpenCTI: we doubt this.): left out (Isnad writes it from the claim's weighing; an analyst's words go in isnad_notes)"#,
            #"claim "hamas-praised-attack": external_references was changed outside Isnad (2 where Isnad wrote 1, the first not Isnad's "OpenCTI analyst": Not ours.): isnad_citations is read; add a citation there (with its source) to change the record"#,
            #"claim "hamas-praised-attack": labels was added outside Isnad: left out (Isnad keeps no such field)"#,
        ] {
            #expect(imported.standardError.contains(line), "\(line)\n\(imported.standardError)")
        }
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
    }

    @Test(
        "a foreign date that does not exist is left out and said, not cut to its month or dropped unseen; a claim with one end unread is undated, not open at the other; --strict refuses either"
    )
    func foreignDatesThatAreNot() throws {
        let cli = try CLIHarness.scoped
        let lines = [
            #"{"id": "a", "schema": "Organization", "properties": {"name": ["Group A"]}}"#,
            #"{"id": "b", "schema": "Organization", "properties": {"name": ["Group B"]}}"#,
            #"{"id": "doc", "schema": "Article", "properties": {"title": ["A doc"], "publishedAt": ["yesterday"]}}"#,
            #"{"id": "l1", "schema": "UnknownLink", "properties": {"subject": ["a"], "object": ["b"], "startDate": ["2014-02-30"], "endDate": ["2015-06"], "description": ["they met"], "proof": ["doc"]}}"#,
        ]
        try cli.write("dates.ftm.jsonl", lines.joined(separator: "\n") + "\n")
        let result = try cli.run(["import", "dates.ftm.jsonl"])
        #expect(result.status == 0, "\(result.standardError)")
        for line in [
            #"dates.ftm.jsonl:3: doc: publishedAt: "yesterday" is not a date Isnad reads (YYYY, YYYY-MM, YYYY-MM-DD or a timestamp): left out"#,
            #"dates.ftm.jsonl:4: l1: startDate: "2014-02-30" is not a date Isnad reads"#,
            #"dates.ftm.jsonl:4: l1: endDate: 2015-06 left out too: the claim is undated rather than open at one end"#,
        ] {
            #expect(result.standardError.contains(line), "\(result.standardError)")
        }
        #expect(try cli.run(["export", "jsonl"]).standardOutput.contains(#""start":null,"end":null"#))
        let strict = try cli.run(["--db", "strict.db", "import", "--strict", "dates.ftm.jsonl"])
        #expect(strict.status == 65)
        #expect(
            strict.standardError.contains(
                #"dates.ftm.jsonl:4: l1: refused (--strict): startDate: "2014-02-30" is not a date Isnad reads"#),
            "\(strict.standardError)")
        let bundle = """
            {"type": "bundle", "id": "bundle--0f4a4b8e-4b6f-4f4b-9c55-6d1f4d8f0a14", "objects": [
            \(Self.stixObject("identity", 1, #""name": "Group One", "identity_class": "organization""#)),
            \(Self.stixObject("identity", 2, #""name": "Group Two", "identity_class": "organization""#)),
            \(Self.stixObject("relationship", 3, #""relationship_type": "related-to", "source_ref": "identity--7b1d9f43-6a8e-4c4a-8f5e-2d5e0b1e7b01", "target_ref": "identity--7b1d9f43-6a8e-4c4a-8f5e-2d5e0b1e7b02", "description": "they met", "start_time": "2014-02-30T00:00:00Z""#)),
            \(Self.stixObject("report", 4, #""name": "A report", "published": "2024-05-01T00:00:00Z", "object_refs": ["relationship--7b1d9f43-6a8e-4c4a-8f5e-2d5e0b1e7b03"]"#))
            ]}
            """
        try cli.write("dates.json", bundle)
        let stix = try cli.run(["--db", "stix.db", "import", "dates.json"])
        #expect(stix.status == 0, "\(stix.standardError)")
        #expect(
            stix.standardError.contains(
                #"dates.json:3: relationship--7b1d9f43-6a8e-4c4a-8f5e-2d5e0b1e7b03: start_time: "2014-02-30T00:00:00Z" is not a date Isnad reads"#
            ), "\(stix.standardError)")
    }
}
