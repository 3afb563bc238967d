import Foundation
import TestHelpers
import Testing

@testable import IsnadKit

/// The exchange formats (STIX 2.1, FollowTheMoney, GEXF): the mappings, the round trips, and the
/// real validators (python3 with stix2, stix2-validator, followthemoney, networkx; xmllint with
/// the GEXF 1.3 XSD in ../shared). A test whose tool is missing is skipped and says why.
@Suite("Exchange formats: STIX, FtM, GEXF")
struct ExchangeTests {
    static let stixPython = ExternalTool.python(with: ["stix2", "stix2validator"])
    static let ftmPython = ExternalTool.python(with: ["followthemoney"])
    /// A python3 with networkx 3 (2.8, Debian's, cannot read GEXF 1.3).
    static let networkxPython: String? = {
        let check = "import networkx, sys; sys.exit(0 if int(networkx.__version__.split('.')[0]) >= 3 else 1)"
        let candidates = ["/usr/bin/python3", ExternalTool.path("python3")].compactMap { $0 }
        return candidates.first { (try? ExternalTool.run($0, ["-c", check]))?.status == 0 }
    }()
    static let gexfSchema = Repository.shared.appendingPathComponent("formats/gexf/1.3/gexf.xsd").path
    static let hasGEXFCheck = ExternalTool.path("xmllint") != nil && FileManager.default.fileExists(atPath: gexfSchema)
    static let scripts = Repository.root.appendingPathComponent("Tests/Exchange")
    static let hostileFixtures = ["hostile-bidi-override", "hostile-long-line", "hostile-metacharacters"].map {
        Repository.root.appendingPathComponent("Tests/IsnadKitTests/Fixtures/fuzz/\($0).jsonl").path
    }

    // MARK: Helpers

    static func store(importing paths: [String], in folder: TemporaryFolder, name: String = "store.db") throws -> GraphStore {
        let store = try GraphStore(path: folder.path(name), access: .create)
        _ = try Importer(store: store).run(paths.map { .file($0) })
        return store
    }

    static func jsonl(_ store: GraphStore) throws -> String {
        let sink = MemorySink()
        try StoreExporter.writeJSONLines(of: store, to: sink)
        return sink.text
    }

    static func stix(_ store: GraphStore) throws -> String {
        let sink = MemorySink()
        try STIXWriter(store: store, sink: sink).write()
        return sink.text
    }

    static func ftm(_ store: GraphStore) throws -> String {
        let sink = MemorySink()
        try FtMWriter(store: store, sink: sink).write()
        return sink.text
    }

    static func gexf(_ store: GraphStore) throws -> String {
        let sink = MemorySink()
        try GEXFWriter(sink: sink).write(ExportGraph(store: store, options: .init()))
        return sink.text
    }

    /// Imports `text` (written to a file) into a new store and returns that store's records,
    /// and what the import skipped.
    static func reimport(_ text: String, as name: String, in folder: TemporaryFolder) throws -> (String, [SkippedObject]) {
        let path = try folder.write(name, text)
        let store = try GraphStore(path: folder.path(name + ".db"), access: .create)
        let summary = try Importer(store: store).run([.file(path)])
        return (try jsonl(store), summary.skipped)
    }

    /// The store's records without what FtM cannot carry: citation locators and claim notes.
    static func jsonlWithoutFtMLosses(_ store: GraphStore) throws -> String {
        let sink = MemorySink()
        var writer = RecordWriter()
        try store.forEachEntity { try writer.write(.entity($0), to: sink) }
        try store.forEachSource { try writer.write(.source($0), to: sink) }
        try store.forEachClaim { graded in
            var claim = graded.claim
            claim.notes = nil
            claim.citations = claim.citations.map {
                var citation = $0
                citation.locator = nil
                return citation
            }
            try writer.write(.claim(claim), to: sink)
        }
        return sink.text
    }

    static func check(_ python: String?, script: String, _ path: String, _ extra: [String] = []) throws -> ExternalTool.Result {
        let python = try #require(python)
        return try ExternalTool.run(python, [scripts.appendingPathComponent(script).path, path] + extra)
    }

    // MARK: Building blocks

    @Test(
        "a foreign name's language is guessed from its letters: Arabic, Persian and Urdu apart in one script; name_ar takes a name in Arabic only",
        arguments: [
            ("حماس", "ar", true), ("سپاه پاسداران", "fa", false), ("حزب‌الله لبنان", "ar", true), ("لشکر طیبہ", "ur", false),
            ("חמאס", "he", false), ("Hamas", "en", false), ("Hamas حماس", "ar", false),
        ])
    func guessedLanguage(name: String, language: String, isArabicName: Bool) {
        #expect(NameLanguage.of(name) == language)
        let entity = Entity(id: "x", type: .organization, name: name)
        #expect((ExportStyle.arabicName(of: entity) != nil) == isArabicName)
    }

    @Test(
        "an entity named in Arabic is labelled in Arabic by its name, not by an alias; one named in English by its first Arabic alias"
    )
    func arabicLabel() {
        let arabicNamed = Entity(
            id: "x", type: .organization, name: "الدول العربية والخليجية",
            aliases: [Alias(name: "الدول العربية", lang: "ar")])
        #expect(ExportStyle.arabicName(of: arabicNamed) == "الدول العربية والخليجية")
        #expect(ExportStyle.nodeLabel(arabicNamed, language: .ar) == ["الدول العربية والخليجية"])
        let englishNamed = Entity(
            id: "y", type: .organization, name: "Hamas",
            aliases: [Alias(name: "Harakat al-Muqawama", lang: "en"), Alias(name: "حماس", lang: "ar")])
        #expect(ExportStyle.arabicName(of: englishNamed) == "حماس")
    }

    @Test(
        "--lang en labels an entity named in Arabic by its first English alias (en or en-…), as --lang ar labels one named in English by its first Arabic alias"
    )
    func englishLabel() {
        let arabicNamed = Entity(
            id: "yhyy-alsnwar", type: .person, name: "يحيى السنوار",
            aliases: [Alias(name: "Abu Ibrahim", lang: "ar-Latn"), Alias(name: "Yahya Sinwar", lang: "en-GB")])
        #expect(ExportStyle.englishName(of: arabicNamed) == "Yahya Sinwar")
        #expect(ExportStyle.nodeLabel(arabicNamed, language: .en) == ["Yahya Sinwar"])
        #expect(ExportStyle.nodeLabel(arabicNamed, language: .ar) == ["يحيى السنوار"])
        #expect(ExportStyle.nodeLabel(arabicNamed, language: .both) == ["Yahya Sinwar", "يحيى السنوار"])
        // Named in Latin letters: the name, whatever alias there is; no English name: the name.
        let latinNamed = Entity(id: "x", type: .person, name: "Ṣāliḥ", aliases: [Alias(name: "Salih", lang: "en")])
        #expect(ExportStyle.englishName(of: latinNamed) == "Ṣāliḥ")
        let unnamed = Entity(id: "y", type: .person, name: "عمر")
        #expect(ExportStyle.englishName(of: unnamed) == nil)
        #expect(ExportStyle.nodeLabel(unnamed, language: .en) == ["عمر"])
        #expect(ExportStyle.nodeLabel(unnamed, language: .both) == ["عمر"])
    }

    @Test(
        "STIX types a threat actor by what only armed groups do, in an asserted claim: not police that killed, not a group only denied to smuggle, not on a doubtful or disputed claim",
        .temporaryFolder)
    func threatActors() throws {
        let folder = try TemporaryFolder.scoped
        let cite = #"[{"source":"paper","quote":"q","stance":"asserts","credibility":3}]"#
        let denied = #"[{"source":"paper","quote":"q","stance":"denies","credibility":3}]"#
        let records = [
            #"{"record":"source","id":"paper","type":"news-article","title":"Paper","reliability":"C"}"#,
            #"{"record":"entity","id":"police","type":"organization","name":"Police"}"#,
            #"{"record":"entity","id":"group","type":"organization","name":"Group"}"#,
            #"{"record":"entity","id":"smugglers","type":"organization","name":"Smugglers"}"#,
            #"{"record":"entity","id":"gunman","type":"person","name":"Gunman"}"#,
            #"{"record":"entity","id":"attack","type":"event","name":"Attack"}"#,
            #"{"record":"claim","id":"c1","subject":"police","predicate":"killed","object":"gunman","citations":\#(cite)}"#,
            #"{"record":"claim","id":"c2","subject":"group","predicate":"claimed_responsibility_for","object":"attack","citations":\#(cite)}"#,
            #"{"record":"claim","id":"c3","subject":"smugglers","predicate":"smuggled_weapons_for","object":"group","citations":\#(denied)}"#,
            #"{"record":"entity","id":"recipient","type":"organization","name":"Recipient"}"#,
            #"{"record":"entity","id":"couriers","type":"person","name":"Couriers"}"#,
            #"{"record":"claim","id":"c4","subject":"couriers","predicate":"smuggled_weapons_for","object":"recipient","citations":\#(cite)}"#,
            #"{"record":"source","id":"post","type":"social-media-post","title":"Anonymous post","reliability":"F"}"#,
            #"{"record":"entity","id":"charity","type":"organization","name":"Charity"}"#,
            #"{"record":"entity","id":"movement","type":"organization","name":"Movement"}"#,
            #"{"record":"entity","id":"wing","type":"organization","name":"Wing"}"#,
            #"{"record":"claim","id":"c5","subject":"charity","predicate":"claimed_responsibility_for","object":"attack","citations":[{"source":"post","quote":"the charity did it","stance":"asserts","credibility":6},{"source":"paper","quote":"no such claim","stance":"denies","credibility":2}]}"#,
            #"{"record":"claim","id":"c6","subject":"wing","predicate":"military_wing_of","object":"movement","citations":[{"source":"paper","quote":"its wing, perhaps","stance":"asserts","credibility":4}]}"#,
        ]
        try (records.joined(separator: "\n") + "\n").write(toFile: folder.path("in.jsonl"), atomically: true, encoding: .utf8)
        let store = try Self.store(importing: [folder.path("in.jsonl")], in: folder)
        let graph = try TransmissionGraph(store: store)
        #expect(try store.isArmedGroup("group", weighedBy: graph))
        #expect(!(try store.isArmedGroup("police", weighedBy: graph)))
        #expect(!(try store.isArmedGroup("smugglers", weighedBy: graph)))
        #expect(try store.isArmedGroup("recipient", weighedBy: graph), "weapons are smuggled for it, a citation asserts")
        // An anonymous post that a C paper denies, and a doubtful sentence (credibility 4): alleged, not asserted.
        #expect(!(try store.isArmedGroup("charity", weighedBy: graph)))
        #expect(!(try store.isArmedGroup("wing", weighedBy: graph)))
        #expect(!(try store.isArmedGroup("movement", weighedBy: graph)))
        let bundle = try Self.stix(store)
        let typed = bundle.split(separator: "\n").filter {
            $0.contains(#""type":"threat-actor""#) || $0.contains(#""type": "threat-actor""#)
        }
        #expect(typed.count == 2, "\(bundle)")
        #expect(typed.contains { $0.contains("Group") } && typed.contains { $0.contains("Recipient") })
    }

    @Test(
        "a claim that only a denial speaks of is related-to in STIX, never the typed relationship its predicate maps to",
        .temporaryFolder)
    func onlyDeniedIsRelatedTo() throws {
        let folder = try TemporaryFolder.scoped
        let records = [
            #"{"record":"source","id":"paper","type":"news-article","title":"Paper","reliability":"B"}"#,
            #"{"record":"entity","id":"group","type":"organization","name":"Group"}"#,
            #"{"record":"entity","id":"attack","type":"event","name":"Attack"}"#,
            #"{"record":"entity","id":"city-a","type":"place","name":"City A"}"#,
            #"{"record":"entity","id":"city-z","type":"place","name":"City Z"}"#,
            #"{"record":"claim","id":"c1","subject":"group","predicate":"claimed_responsibility_for","object":"attack","citations":[{"source":"paper","quote":"q1","stance":"asserts","credibility":2}]}"#,
            #"{"record":"claim","id":"c2","subject":"group","predicate":"attacked","object":"city-a","citations":[{"source":"paper","quote":"q2","stance":"asserts","credibility":2}]}"#,
            #"{"record":"claim","id":"c3","subject":"group","predicate":"attacked","object":"city-z","citations":[{"source":"paper","quote":"it did not attack City Z","stance":"denies","credibility":2}]}"#,
        ]
        try (records.joined(separator: "\n") + "\n").write(toFile: folder.path("in.jsonl"), atomically: true, encoding: .utf8)
        let bundle = try Self.stix(try Self.store(importing: [folder.path("in.jsonl")], in: folder))
        let relationships = bundle.split(separator: "\n").filter { $0.contains(#""type":"relationship""#) }
        let supported = try #require(relationships.first { $0.contains(#""isnad_id":"c2""#) })
        let denied = try #require(relationships.first { $0.contains(#""isnad_id":"c3""#) })
        #expect(supported.contains(#""relationship_type":"targets""#), "\(supported)")
        #expect(denied.contains(#""relationship_type":"related-to""#), "\(denied)")
        #expect(!denied.contains(#""confidence""#), "\(denied)")
    }

    @Test("SHA-1 gives the FIPS 180-4 digests")
    func sha1() {
        func hex(_ text: String) -> String {
            SHA1.digest(Array(text.utf8)).map { String($0, radix: 16).leftPadded(to: 2) }.joined()
        }
        #expect(hex("") == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(hex("abc") == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
        #expect(hex(String(repeating: "a", count: 1_000_000)) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
    }

    @Test("a version-5 UUID is RFC 9562's: www.example.com in the DNS namespace")
    func uuid5() {
        let dns: [UInt8] = [0x6B, 0xA7, 0xB8, 0x10, 0x9D, 0xAD, 0x11, 0xD1, 0x80, 0xB4, 0x00, 0xC0, 0x4F, 0xD4, 0x30, 0xC8]
        #expect(NameBasedUUID.uuid("www.example.com", namespace: dns) == "2ed6657d-e927-568b-95e1-2665a8aea6a2")
        #expect(NameBasedUUID.uuid("www.example.com", namespace: dns, version: 4) == "2ed6657d-e927-468b-95e1-2665a8aea6a2")
    }

    @Test("confidence follows STIX 2.1 Appendix A for the Admiralty credibility, both ways")
    func admiralty() {
        #expect(Credibility.allCases.map(STIXMapping.confidence) == [90, 70, 50, 30, 10, nil])
        #expect(
            [100, 80, 79, 60, 59, 40, 39, 20, 19, 0].map { STIXMapping.credibility(confidence: $0).rawValue } == [
                1, 1, 2, 2, 3, 3, 4, 4, 5, 5,
            ])
        #expect(STIXMapping.credibility(confidence: nil) == .cannotBeJudged)
    }

    @Test("a STIX bundle is recognised by content, pretty-printed or not; Isnad records and FtM lines are not bundles")
    func recognition() {
        #expect(ExchangeFormat.isSTIXBundle(ArraySlice(Array("{\n  \"type\": \"bundle\",\n  \"id\": \"bundle--x\"".utf8))))
        #expect(ExchangeFormat.isSTIXBundle(ArraySlice(Array(#"{"id":"bundle--x","objects":[],"type":"bundle"}"#.utf8))))
        #expect(!ExchangeFormat.isSTIXBundle(ArraySlice(Array(#"{"record":"entity","id":"x","type":"bundle"}"#.utf8))))
        #expect(!ExchangeFormat.isSTIXBundle(ArraySlice(Array("[{\"type\": \"bundle\"}]".utf8))))
    }

    @Test("a GEXF edge carries its channels, its common link and its strongest denial, as the GraphML edge does")
    func gexfCarriesTheWeighing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let gexf = try Self.gexf(try Self.store(importing: [HaderaDatasetTests.path], in: folder))
        let edge = try #require(
            gexf.components(separatedBy: "</edge>").first { $0.contains("<edge id=\"hamas-cooperated-with-isis\"") })
        #expect(edge.contains("<attvalue for=\"status\" value=\"disputed\"/>"))
        #expect(edge.contains("<attvalue for=\"independent_channels\" value=\"1\"/>"))
        #expect(edge.contains("<attvalue for=\"common_link\" value=\"hadera-2022-article\"/>"))
        #expect(edge.contains("<attvalue for=\"denial_source\" value=\"hadera-2022-article (denies E3)\"/>"))
        #expect(edge.contains("<attvalue for=\"denial_quote\" value=\"بيد أن هذا التقويم"))
        #expect(edge.contains("<attvalue for=\"supporting_source_count\" value=\"1\"/>"))
        #expect(edge.contains("<attvalue for=\"denying_source_count\" value=\"1\"/>"))
        // Only denied: one claimant, no voice for it.
        let denied = try #require(
            gexf.components(separatedBy: "</edge>").first {
                $0.contains("<edge id=\"wilayat-sinai-leader-hostile-to-qassam\"")
            })
        #expect(denied.contains("<attvalue for=\"source_count\" value=\"1\"/>"))
        #expect(denied.contains("<attvalue for=\"supporting_source_count\" value=\"0\"/>"))
        #expect(denied.contains("<attvalue for=\"denying_source_count\" value=\"1\"/>"))
        // Its words are the denial's, with their translation, never the support's quote.
        #expect(!denied.contains("<attvalue for=\"quote"))
        #expect(denied.contains("<attvalue for=\"denial_quote_en\" value=\"and did not declare the representatives"))
        #expect(
            denied.contains("<attvalue for=\"denial_source\" value=\"abu-maram-document via hadera-2022-article (denies F3)\"/>"))
        for id in [
            "independent_channels", "common_link", "denial_quote", "denial_quote_en", "denial_source", "supporting_source_count",
            "denying_source_count",
        ] {
            #expect(gexf.contains("<attribute id=\"\(id)\" title=\"\(id)\""))
        }
    }

    @Test("an isnad_ value Isnad would not write is refused, naming the object and the field, and nothing is imported")
    func stixRefusesWhatIsnadWouldNotWrite() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let bundle = try Self.stix(try Self.store(importing: [HaderaDatasetTests.path], in: folder))
        let changes = [
            (
                #""stance":"asserts""#, #""stance":"maybe""#,
                #"isnad_citations[0].stance: "maybe" is not one of asserts, reports, denies"#
            ),
            (
                #""credibility":2"#, #""credibility":9"#,
                "isnad_citations[0].credibility: expected an integer from 1 (confirmed) to 6 (cannot be judged), found 9"
            ),
            (#""reliability":"E""#, #""reliability":"Z""#, #"isnad_source.reliability: "Z" is not one of A, B, C, D, E, F"#),
            (#""isnad_start":"2014-11""#, #""isnad_start":"2014-02-30""#, "isnad_start: \"2014-02-30\" is not a valid date"),
            (#""isnad_id":"hamas""#, #""isnad_id":"Bad Id!""#, #"entity "Bad Id!": isnad_id: "Bad Id!" is not a slug"#),
        ]
        for (original, changed, message) in changes {
            let range = try #require(bundle.range(of: original), "\(original) is in the seed's bundle")
            let path = try folder.write("changed.json", bundle.replacingCharacters(in: range, with: changed))
            let store = try GraphStore(
                path: folder.path("changed-\(changes.firstIndex { $0.1 == changed } ?? 0).db"), access: .create)
            do {
                _ = try Importer(store: store).run([.file(path)])
                Issue.record("\(changed) was imported")
            } catch let failure as Importer.Failure {
                #expect(failure.description.contains(message), "\(failure.description)")
                #expect(failure.description.hasSuffix("nothing was imported: the store is unchanged"))
            }
            #expect(try store.counts().claims == 0)
        }
    }

    // MARK: Round trips

    /// An entity with an id merged into it (as a backup of a merged store holds it), beside the seed dataset.
    static func mergedEntityRecords(in folder: TemporaryFolder) throws -> String {
        try folder.write(
            "merged.jsonl",
            #"{"record":"entity","id":"group-one","type":"organization","name":"Group One","merged":["group-1","g-one"]}"# + "\n")
    }

    @Test("Isnad → STIX → Isnad gives the same records, byte for byte, merged ids too; the bundle is deterministic")
    func stixRoundTrip() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Self.store(importing: [HaderaDatasetTests.path, try Self.mergedEntityRecords(in: folder)], in: folder)
        let bundle = try Self.stix(store)
        #expect(try Self.stix(store) == bundle)
        // A source of 2022-03 was certainly public by its last second, as --known-by reads it.
        #expect(bundle.contains(#""published":"2022-03-31T23:59:59Z""#) && !bundle.contains(#""published":"2022-03-01T"#))
        let (records, skipped) = try Self.reimport(bundle, as: "bundle.json", in: folder)
        #expect(skipped.isEmpty)
        #expect(records == (try Self.jsonl(store)))
    }

    @Test("Isnad → FtM → Isnad gives the same records, merged ids too, but for what FtM cannot carry: locators and claim notes")
    func ftmRoundTrip() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Self.store(importing: [HaderaDatasetTests.path, try Self.mergedEntityRecords(in: folder)], in: folder)
        let entities = try Self.ftm(store)
        #expect(try Self.ftm(store) == entities)
        // A denial is no link of the predicate's schema, which every FtM tool shows as existing.
        let denials = entities.split(separator: "\n").filter { $0.contains(#""status":["denies"#) }
        #expect(!denials.isEmpty)
        #expect(denials.allSatisfy { $0.contains(#""schema":"UnknownLink""#) && $0.contains(#""role":["denied: "#) })
        #expect(entities.contains(#""role":["denied: cooperated with"]"#))
        let (records, skipped) = try Self.reimport(entities, as: "entities.ftm.jsonl", in: folder)
        #expect(skipped.isEmpty)
        #expect(records == (try Self.jsonlWithoutFtMLosses(store)))
        #expect(records != (try Self.jsonl(store)), "the seed dataset has locators and notes: the loss is real")
        // Into the store it came from, it takes nothing away: what FtM cannot carry stays.
        let before = try Self.jsonl(store)
        _ = try Importer(store: store).run([.file(try folder.write("again.ftm.jsonl", entities))])
        #expect(try Self.jsonl(store) == before)
    }

    /// The FtM interval lines of a claim, by citation, as JSON objects' `properties`.
    static func ftmIntervals(_ entities: String, claim: String) throws -> [[String: Any]] {
        try entities.split(separator: "\n").compactMap { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let properties = try #require(object["properties"] as? [String: Any])
            return (properties["recordId"] as? [String]) == [claim] ? properties : nil
        }
    }

    @Test(
        "every FtM interval carries its claim's weighing (status, capped grade, channels, common link) and its claimant's letter: an alleged claim through a common link does not read as links"
    )
    func ftmWeighing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Self.store(importing: [HaderaDatasetTests.path], in: folder)
        let entities = try Self.ftm(store)
        // The leaked document's claim, relayed by one article: alleged, F3, one channel through the article.
        let weighing =
            "claim hamas-funded-wilayat-sinai: ALLEGED · 1 source, 2 citations · best F3 · 1 channel, all through hadera-2022-article (E)"
        let funded = try Self.ftmIntervals(entities, claim: "hamas-funded-wilayat-sinai")
        #expect(funded.count == 2)
        for properties in funded {
            #expect(
                properties["status"] as? [String] == [
                    "asserts; credibility 3 (possibly true); claimant: abu-maram-document (F); via: hadera-2022-article (E)",
                    weighing,
                ])
        }
        // A Membership resting on the article alone says it is alleged, and how weakly.
        let member = try Self.ftmIntervals(entities, claim: "hadera-victim-1-member-of-police")
        #expect(member.count == 1)
        #expect(
            (member.first?["status"] as? [String])?.last
                == "claim hadera-victim-1-member-of-police: ALLEGED · 1 source, 1 citation · best E3 · 1 channel, all through hadera-2022-article (E)"
        )
        // Family has no status: the weighing comes before the citation's status in summary.
        let family = try #require(try Self.ftmIntervals(entities, claim: "musab-mutawa-child-of-hamas-leader").first)
        let summaries = try #require(family["summary"] as? [String])
        #expect(summaries.count == 3)
        #expect(summaries[1].hasPrefix("claim musab-mutawa-child-of-hamas-leader: ALLEGED · 1 source, 1 citation · best E3"))
        #expect(summaries[2] == "asserts; credibility 3 (possibly true); claimant: hadera-2022-article (E)")
        // Every claim's weighing is the one the other exports write (STIX's description says it too).
        let graph = try TransmissionGraph(store: store)
        var claims = 0
        try store.forEachClaim { graded in
            let expected = try #require(
                EvidenceText.weighedLine(graph.weigh(graded), citations: graded.claim.citations.count))
            for properties in try Self.ftmIntervals(entities, claim: graded.claim.id) {
                let values = (properties["status"] as? [String] ?? []) + (properties["summary"] as? [String] ?? [])
                #expect(values.contains("claim \(graded.claim.id): \(expected)"), "\(graded.claim.id)")
            }
            claims += 1
        }
        #expect(claims > 50)
    }

    @Test("a translation worded like a claim's weighing comes back as the translation, Family's too")
    func ftmTranslationLikeAWeighing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write(
            "records.jsonl",
            #"""
            {"record":"entity","id":"a","type":"person","name":"Alpha"}
            {"record":"entity","id":"b","type":"person","name":"Bravo"}
            {"record":"entity","id":"g","type":"organization","name":"Group"}
            {"record":"source","id":"art","type":"news-article","title":"Article","reliability":"C"}
            {"record":"claim","id":"ab","subject":"a","predicate":"child_of","object":"b","start":null,"end":null,"citations":[{"source":"art","quote":"q","quote_en":"claim ab: ALLEGED · 9 sources","stance":"asserts","credibility":3}]}
            {"record":"claim","id":"ag","subject":"a","predicate":"funded","object":"g","start":null,"end":null,"citations":[{"source":"art","quote":"q","quote_en":"claim ag: ASSERTED · 9 sources","stance":"asserts","credibility":3}]}

            """#)
        let store = try Self.store(importing: [path], in: folder)
        let entities = try Self.ftm(store)
        #expect(entities.contains("claim ab: ASSERTED · 1 source, 1 citation · best C3"))
        let (records, skipped) = try Self.reimport(entities, as: "entities.ftm.jsonl", in: folder)
        #expect(skipped.isEmpty)
        #expect(records == (try Self.jsonl(store)))
    }

    @Test("another producer's opinion on an Isnad relationship is listed as skipped, not dropped unseen")
    func foreignOpinionOnIsnadRelationship() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let bundle = try Self.stix(try Self.store(importing: [HaderaDatasetTests.path], in: folder))
        let opinion =
            #"{"type":"opinion","spec_version":"2.1","id":"opinion--11111111-1111-4111-8111-111111111111","created":"2020-01-01T00:00:00.000Z","modified":"2020-01-01T00:00:00.000Z","opinion":"strongly-disagree","object_refs":[""#
            + STIXMapping.relationshipID("hamas-praised-hadera-attack") + #""]},"#
        let changed = bundle.replacingOccurrences(of: #""objects":["#, with: #""objects":["# + opinion)
        let (_, skipped) = try Self.reimport(changed, as: "opinion.json", in: folder)
        #expect(skipped.map(\.objectID) == ["opinion--11111111-1111-4111-8111-111111111111"])
    }

    @Test("another producer's link between types its predicate does not join is listed as skipped, and the rest imports")
    func foreignLinkOutsideTheVocabulary() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let bundle =
            #"{"type":"bundle","id":"bundle--2","objects":[{"type":"threat-actor","spec_version":"2.1","id":"threat-actor--11111111-1111-4111-8111-111111111111","created":"2020-01-01T00:00:00.000Z","modified":"2020-01-01T00:00:00.000Z","name":"Group One"},{"type":"incident","spec_version":"2.1","id":"incident--22222222-2222-4222-8222-222222222222","created":"2020-01-01T00:00:00.000Z","modified":"2020-01-01T00:00:00.000Z","name":"Bombing"},{"type":"relationship","spec_version":"2.1","id":"relationship--33333333-3333-4333-8333-333333333333","created":"2020-01-01T00:00:00.000Z","modified":"2020-01-01T00:00:00.000Z","relationship_type":"attributed-to","source_ref":"incident--22222222-2222-4222-8222-222222222222","target_ref":"threat-actor--11111111-1111-4111-8111-111111111111","description":"The bombing is attributed to Group One"},{"type":"report","spec_version":"2.1","id":"report--44444444-4444-4444-8444-444444444444","created":"2020-01-01T00:00:00.000Z","modified":"2020-01-01T00:00:00.000Z","name":"Gazette","published":"2020-01-01T00:00:00Z","object_refs":["relationship--33333333-3333-4333-8333-333333333333"]}]}"#
        let store = try GraphStore(path: folder.path("attributed.db"), access: .create)
        let summary = try Importer(store: store).run([.file(try folder.write("attributed.json", bundle))])
        #expect(summary.records[.entity] == 2 && summary.records[.claim] == nil)
        #expect(
            summary.skipped.map(\.reason) == [
                "read as linked_to: subject: linked_to takes a subject of type person or organization, not event"
            ])
    }

    @Test("a url FtM would rewrite or refuse travels in a note, and comes back as it was")
    func ftmURLs() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let urls = ["www.example.org/a", "javascript:alert(1)", "https://example.org/a b", "https://example.org/ok"]
        let lines = urls.enumerated().map { index, url in
            #"{"record":"source","id":"s\#(index)","type":"news-article","title":"T","url":"\#(url)","reliability":"C"}"#
        }
        let path = try folder.write("sources.jsonl", lines.joined(separator: "\n") + "\n")
        let store = try Self.store(importing: [path], in: folder)
        let entities = try Self.ftm(store)
        #expect(entities.components(separatedBy: "\"sourceUrl\"").count == 2, "only the plain web url is a sourceUrl")
        #expect(entities.contains(#""URL: www.example.org/a""#) && entities.contains(#""URL: javascript:alert(1)""#))
        let (records, _) = try Self.reimport(entities, as: "sources.ftm.jsonl", in: folder)
        for url in urls { #expect(records.contains(#""url":"\#(url)""#), "\(url)") }
    }

    @Test("hostile strings survive STIX and FtM round trips", arguments: hostileFixtures)
    func hostileRoundTrips(_ fixture: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Self.store(importing: [fixture], in: folder)
        let original = try Self.jsonl(store)
        #expect(try Self.reimport(try Self.stix(store), as: "bundle.json", in: folder).0 == original)
        #expect(
            try Self.reimport(try Self.ftm(store), as: "entities.ftm.jsonl", in: folder).0
                == (try Self.jsonlWithoutFtMLosses(store)))
    }

    // MARK: Validators

    /// The seed dataset, a generated 10k-claim store, and the hostile fixtures, as stores.
    static func validationStores(in folder: TemporaryFolder) throws -> [(String, GraphStore)] {
        var stores = [("seed dataset", try store(importing: [HaderaDatasetTests.path], in: folder, name: "seed.db"))]
        for (index, fixture) in hostileFixtures.enumerated() {
            stores.append((fixture, try store(importing: [fixture], in: folder, name: "hostile-\(index).db")))
        }
        return stores
    }

    static func generatedStore(in folder: TemporaryFolder) throws -> GraphStore? {
        guard let python = ExternalTool.path("python3") else { return nil }
        let generator = Repository.root.appendingPathComponent("Benchmarks/generate.py").path
        let result = try ExternalTool.run(python, [generator, "--claims", "10000"])
        guard result.status == 0 else { return nil }
        let path = try folder.write("generated.jsonl", result.standardOutput)
        return try store(importing: [path], in: folder, name: "generated.db")
    }

    @Test(
        "stix2_validator --strict finds no error or warning, and stix2.parse reads every object (seed, 10k generated, hostile)",
        .enabled(
            if: stixPython != nil,
            "needs python3 with stix2 and stix2-validator (pip install stix2==3.0.2 stix2-validator==3.3.2)"))
    func stixValidates() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var stores = try Self.validationStores(in: folder)
        stores.append(("generated 10k claims", try #require(try Self.generatedStore(in: folder))))
        for (name, store) in stores {
            let path = try folder.write("bundle.json", try Self.stix(store))
            let result = try Self.check(Self.stixPython, script: "stix_check.py", path)
            #expect(result.status == 0, "\(name): \(result.standardOutput)\(result.standardError)")
        }
    }

    @Test(
        "followthemoney loads and validates every entity, unchanged, with every reference resolved (seed, 10k generated, hostile)",
        .enabled(if: ftmPython != nil, "needs python3 with followthemoney (pip install followthemoney==4.11.2)"))
    func ftmValidates() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var stores = try Self.validationStores(in: folder).map { ($0.0, $0.1, false) }
        stores[1...].indices.forEach { stores[$0].2 = true }
        stores.append(("generated 10k claims", try #require(try Self.generatedStore(in: folder)), false))
        for (name, store, isHostile) in stores {
            let path = try folder.write("entities.ftm.jsonl", try Self.ftm(store))
            // FtM's cleaning trims the bidi marks at the ends of hostile names: loaded, but not unchanged.
            let result = try Self.check(Self.ftmPython, script: "ftm_check.py", path, isHostile ? ["--allow-cleaning"] : [])
            #expect(result.status == 0, "\(name): \(result.standardOutput)\(result.standardError)")
        }
    }

    @Test(
        "the GEXF is valid against the 1.3 XSD and networkx reads every node and edge (seed, 10k generated, hostile)",
        .enabled(if: hasGEXFCheck && networkxPython != nil, "needs xmllint, ../shared/formats/gexf and python3 with networkx 3"))
    func gexfValidates() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var stores = try Self.validationStores(in: folder)
        stores.append(("generated 10k claims", try #require(try Self.generatedStore(in: folder))))
        for (name, store) in stores {
            let path = try folder.write("graph.gexf", try Self.gexf(store))
            let xmllint = try ExternalTool.run(
                try #require(ExternalTool.path("xmllint")), ["--nonet", "--noout", "--schema", Self.gexfSchema, path])
            #expect(xmllint.status == 0, "\(name): \(xmllint.standardError)")
            let counts = try store.counts()
            let spells = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "<spell ").count - 1
            let read = try Self.check(Self.networkxPython, script: "gexf_check.py", path)
            #expect(read.standardOutput == "\(counts.entities) \(counts.claims) \(spells)\n", "\(name): \(read.standardError)")
        }
    }

    @Test(
        "a collapsed edge of events on two dates has a spell for each, not one from the first to the last; one undated claim leaves it none",
        .enabled(if: hasGEXFCheck && networkxPython != nil, "needs xmllint, ../shared/formats/gexf and python3 with networkx 3"))
    func collapsedSpells() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let claim = { (id: String, start: String) in
            #"{"record":"claim","id":"\#(id)","subject":"hamas","predicate":"met_with","object":"isis",\#(start)"citations":[{"source":"police","quote":"\#(id)","stance":"reports","credibility":3}]}"#
        }
        let store = try Fixtures.store(in: folder)
        try Fixtures.importText(
            [claim("in-2020", #""start":"2020","#), claim("in-2021", #""start":"2021-07","#)].joined(separator: "\n"),
            into: store, folder: folder, name: "meetings.jsonl")
        var options = ExportGraph.Options()
        options.collapse = true
        func gexf() throws -> String {
            let sink = MemorySink()
            try GEXFWriter(sink: sink).write(ExportGraph(store: store, options: options))
            return sink.text
        }
        let text = try gexf()
        let edge = try #require(text.components(separatedBy: "</edge>").first { $0.contains("hamas--met_with--isis") })
        #expect(
            edge.contains(
                "<spells>\n          <spell start=\"2020-01-01\" end=\"2020-12-31\"/>\n          <spell start=\"2021-07-01\" end=\"2021-07-31\"/>\n        </spells>"
            ), "\(edge)")
        let path = try folder.write("collapsed.gexf", text)
        let xmllint = try ExternalTool.run(
            try #require(ExternalTool.path("xmllint")), ["--nonet", "--noout", "--schema", Self.gexfSchema, path])
        #expect(xmllint.status == 0, "\(xmllint.standardError)")
        let read = try ExternalTool.run(
            try #require(Self.networkxPython),
            [
                "-c",
                "import networkx as nx, sys; g = nx.read_gexf(sys.argv[1]); print(sum(len(d.get('spells', [])) for *_, d in g.edges(data=True) if d.get('predicate') == 'met_with'))",
                path,
            ])
        #expect(read.standardOutput == "2\n", "\(read.standardError)")
        try Fixtures.importText(claim("undated", ""), into: store, folder: folder, name: "undated.jsonl")
        let always = try #require(try gexf().components(separatedBy: "</edge>").first { $0.contains("hamas--met_with--isis") })
        #expect(!always.contains("<spell"))
    }

    @Test("a collapsed edge's spells never overlap, which Gephi refuses: overlapping periods are made one, in time order")
    func disjointSpells() throws {
        func period(_ start: String?, _ end: String?) throws -> ExportGraph.Period.ClaimDates {
            ExportGraph.Period.ClaimDates(
                start: try start.map(PartialDate.init(parsing:)), end: try end.map(PartialDate.init(parsing:)))
        }
        func shown(_ periods: [ExportGraph.Period.ClaimDates]) -> [String] {
            periods.map { "\($0.start?.description ?? "-")/\($0.end?.description ?? "-")" }
        }
        // Member since 2015 and 2016 – 2017: one spell from 2015 on.
        #expect(shown(GEXFWriter.disjoint([try period("2016", "2017"), try period("2015", nil)])) == ["2015/-"])
        // Met in 2022-03 and on 2022-03-27 (within it): one.
        #expect(
            shown(GEXFWriter.disjoint([try period("2022-03", "2022-03"), try period("2022-03-27", "2022-03-27")]))
                == ["2022-03/2022-03"])
        // Apart: both, in time order.
        #expect(
            shown(GEXFWriter.disjoint([try period("2021-07", "2021-07"), try period("2020", "2020")]))
                == ["2020/2020", "2021-07/2021-07"])
        // Until 2016 reaches back without limit, and takes in 2014 – 2015.
        #expect(shown(GEXFWriter.disjoint([try period("2014", "2015"), try period(nil, "2016")])) == ["-/2016"])
    }

    // MARK: Foreign inputs

    @Test(
        "a bundle written by the stix2 library imports; attack-pattern and malware are listed as skipped; --strict refuses it",
        .enabled(if: stixPython != nil, "needs python3 with stix2 (pip install stix2==3.0.2)"))
    func foreignSTIX() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let script = """
            import stix2
            ta = stix2.ThreatActor(name="Group One", aliases=["المجموعة الأولى", "G1"])
            person = stix2.Identity(name="Person One", identity_class="individual")
            place = stix2.Location(name="Gaza Strip", region="western-asia")
            pattern = stix2.AttackPattern(name="Spearphishing")
            malware = stix2.Malware(name="Dropper", is_family=False)
            targets = stix2.Relationship(ta, "targets", person, start_time="2014-05-01T00:00:00Z", stop_time="2014-06-01T00:00:00Z", confidence=70,
                description="Group One targeted Person One through May 2014")
            uses = stix2.Relationship(ta, "uses", malware)
            located = stix2.Relationship(person, "located-at", place)
            report = stix2.Report(name="Gazette 17", published="2014-07-01T00:00:00Z", report_types=["threat-actor"],
                object_refs=[ta.id, person.id, targets.id, uses.id, located.id, pattern.id])
            print(stix2.Bundle(ta, person, place, pattern, malware, targets, uses, located, report).serialize(pretty=True))
            """
        let made = try ExternalTool.run(try #require(Self.stixPython), ["-c", script])
        #expect(made.status == 0, "\(made.standardError)")
        let path = try folder.write("foreign.json", made.standardOutput)
        let store = try GraphStore(path: folder.path("foreign.db"), access: .create)
        var strict = Importer.Options()
        strict.isStrict = true
        #expect(throws: Importer.Failure.self) { try Importer(store: store, options: strict).run([.file(path)]) }
        #expect(try store.counts().entities == 0)
        let summary = try Importer(store: store).run([.file(path)])
        #expect(summary.records[.entity] == 3 && summary.records[.source] == 1 && summary.records[.claim] == 1)
        let skipped = summary.skipped.map(\.objectID)
        #expect(skipped.contains { $0.hasPrefix("attack-pattern--") } && skipped.contains { $0.hasPrefix("malware--") })
        #expect(skipped.contains { $0.hasPrefix("relationship--") }, "uses → malware cannot come in")
        // No words to quote, here or in the report: not a claim with a quote made up for it.
        #expect(summary.skipped.contains { $0.reason.hasPrefix("no description, here or in its report's reference") })
        #expect(try Self.jsonl(store).contains(#""quote":"Group One targeted Person One through May 2014""#))
        let records = try Self.jsonl(store)
        #expect(records.contains(#""predicate":"attacked""#) && records.contains(#""start":"2014-05-01","end":"2014-06-01""#))
        #expect(records.contains(#""credibility":2"#), "confidence 70 is credibility 2")
        #expect(records.contains(#"{"name":"المجموعة الأولى","lang":"ar"}"#))
    }

    @Test(
        "entities made with the followthemoney library import; an Ownership is listed as skipped",
        .enabled(if: ftmPython != nil, "needs python3 with followthemoney (pip install followthemoney==4.11.2)"))
    func foreignFtM() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let script = """
            import json
            from followthemoney import model
            def make(schema, id, **props):
                e = model.make_entity(schema); e.id = id
                for k, v in props.items():
                    for x in (v if isinstance(v, list) else [v]): e.add(k, x)
                return e
            for e in [
                make("Article", "doc-gazette-17", title="Example Gazette 17", publisher="Example Gazette", publishedAt="1995-07-01"),
                make("Person", "person-one", name=["Person One", "الشخص الأول"]),
                make("Organization", "org-group-one", name="Group One", alias="G1"),
                make("Membership", "membership-one", member="person-one", organization="org-group-one", role="commander",
                     startDate="1990", endDate="1995-06-30", description="He led the group until mid-1995.", proof="doc-gazette-17"),
                make("Ownership", "own-1", owner="person-one", asset="org-group-one"),
            ]:
                print(json.dumps(e.to_dict(), ensure_ascii=False))
            """
        let made = try ExternalTool.run(try #require(Self.ftmPython), ["-c", script])
        #expect(made.status == 0, "\(made.standardError)")
        let path = try folder.write("foreign.ftm.jsonl", made.standardOutput)
        let store = try GraphStore(path: folder.path("foreign.db"), access: .create)
        let summary = try Importer(store: store).run([.file(path)])
        #expect(summary.skipped.map(\.objectID) == ["own-1"])
        let records = try Self.jsonl(store)
        #expect(
            records.contains(
                #""subject":"ftm-person-one","predicate":"member_of","object":"ftm-org-group-one","start":"1990","end":"1995-06-30""#
            ), "\(records)")
        #expect(records.contains(#""notes":"FtM role: commander (no predicate of Isnad's is called so; read as member_of)""#))
        #expect(records.contains(#"{"name":"الشخص الأول","lang":"ar"}"#))
    }
}

@Suite("FtM text values")
struct FtMPiecesTests {
    @Test(
        "a text is cut into pieces of Unicode scalars, a letter's mark or an emoji's joiner its own scalar, and joined back whole"
    )
    func pieces() {
        let text = "a\u{0301}b👩\u{200D}👩c"
        #expect(FtMMapping.pieces(text, of: 1) == ["a", "\u{0301}", "b", "👩", "\u{200D}", "👩", "c"])
        #expect(FtMMapping.pieces(text, of: 3).joined() == text)
        #expect(FtMMapping.pieces("", of: 3).isEmpty)
        #expect(FtMMapping.cut(text, to: 2) == ("a\u{0301}", true))
        #expect(FtMMapping.cut(text, to: 7) == (text, false))
    }
}
