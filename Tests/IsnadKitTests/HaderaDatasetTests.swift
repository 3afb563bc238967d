import Foundation
import TestHelpers
import Testing

@testable import IsnadKit

/// The seed dataset: the Hadera 2022 article, claim by claim.
@Suite("Hadera 2022 dataset", .temporaryFolder)
struct HaderaDatasetTests {
    static let path = Repository.root.appendingPathComponent("Datasets/hadera-2022/hadera-2022.jsonl").path
    static let articleID = "hadera-2022-article"

    /// The dataset's records, decoded.
    static func records() throws -> [Record] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let decoder = RecordDecoder()
        return try text.split(separator: "\n").map { line in try decoder.decode(try JSONParser.parse(String(line))) }
    }

    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private func importedStore(in folder: TemporaryFolder) throws -> GraphStore {
        let store = try GraphStore(path: folder.path("hadera.db"), access: .create)
        _ = try Importer(store: store).run([.file(HaderaDatasetTests.path)])
        return store
    }

    @Test("every quote is found in the text of the source it stands in (up to whitespace)")
    func quotesAreVerbatim() throws {
        let records = try HaderaDatasetTests.records()
        var texts: [String: String] = [:]
        for case .source(let source) in records { texts[source.id] = source.text.map(HaderaDatasetTests.collapsed) }
        var checked = 0
        for case .claim(let claim) in records {
            for citation in claim.citations {
                let holder = citation.via ?? citation.source
                let text = try #require(texts[holder] ?? nil, "\(claim.id): \(holder) has no stored text")
                #expect(text.contains(HaderaDatasetTests.collapsed(citation.quote)), "\(claim.id): «\(citation.quote)»")
                #expect(citation.quoteEnglish?.isEmpty == false, "\(claim.id): no translation")
                checked += 1
            }
        }
        #expect(checked > 100)
    }

    @Test(
        "the article source stores the seed article's exact text",
        .enabled(if: Repository.hasShared, "../shared/seed-article.ar.txt is not beside this clone"))
    func storedTextIsTheSeedArticle() throws {
        let seed = try String(contentsOf: Repository.shared.appendingPathComponent("seed-article.ar.txt"), encoding: .utf8)
        let article = try HaderaDatasetTests.records().compactMap { record -> Source? in
            if case .source(let source) = record, source.id == HaderaDatasetTests.articleID { return source }
            return nil
        }.first
        #expect(article?.text == seed)
    }

    @Test("every entity takes part in at least one claim")
    func noIsolatedEntities() throws {
        let records = try HaderaDatasetTests.records()
        var involved: Set<String> = []
        for case .claim(let claim) in records {
            involved.insert(claim.subject)
            involved.insert(claim.object)
        }
        for case .entity(let entity) in records { #expect(involved.contains(entity.id), "\(entity.id) takes part in no claim") }
    }

    @Test("the dataset imports without an error, and re-exports byte-identically")
    func importsAndRoundTrips() throws {
        let store = try importedStore(in: try TemporaryFolder.scoped)
        // Counted through a reading connection's page cache, and the connection's own given back.
        try store.database.execute("PRAGMA cache_size = -65536")
        #expect(try store.counts() == (entities: 38, sources: 12, claims: 92, citations: 120))
        #expect(try store.database.integerPragma("cache_size") == -65536)
        let exported = try Fixtures.export(store)
        let again = try withTemporaryFolder { second in try Fixtures.export(try Fixtures.store(exported, in: second)) }
        #expect(exported == again)
    }

    /// (claim, subject, predicate, object, [(source, via, stance)], expected status)
    static let keyClaims: [(String, String, String, String, [(String, String?, Stance)], Evidence.Status)] = [
        // Hamas's own words (lines 3-4), then the article's framing: "blessed the terrorist organization's operation".
        (
            "hamas-praised-hadera-attack", "hamas", "praised", "hadera-attack-2022",
            [("hamas-statement-hadera", articleID, .asserts), (articleID, nil, .asserts), (articleID, nil, .asserts)], .asserted
        ),
        (
            "isis-claimed-hadera-attack", "isis", "claimed_responsibility_for", "hadera-attack-2022",
            [("isis-claim-hadera", articleID, .asserts), ("site-intelligence-hadera", articleID, .asserts)], .asserted
        ),
        (
            "isis-carried-out-hadera-attack", "isis", "carried_out", "hadera-attack-2022",
            [(articleID, nil, .asserts), (articleID, nil, .asserts)], .alleged
        ),
        (
            "police-killed-hadera-attacker-1", "israel-police", "killed", "hadera-attacker-1",
            [("israel-police-statement-hadera", articleID, .asserts)], .asserted
        ),
        (
            "hadera-attacker-1-killed-in-attack", "hadera-attacker-1", "killed_in", "hadera-attack-2022",
            [(articleID, nil, .asserts), ("israel-police-statement-hadera", articleID, .asserts)], .asserted
        ),
        // "The attack that killed two policemen" is the article's description, not ISIS's claim.
        (
            "hadera-victim-1-member-of-police", "hadera-victim-1", "member_of", "israel-police",
            [(articleID, nil, .asserts)], .alleged
        ),
        (
            "musab-mutawa-killed", "musab-mutawa", "killed_in", "musab-mutawa-killing",
            [(articleID, nil, .asserts)], .alleged
        ),
        (
            "hamas-cooperated-with-isis", "hamas", "cooperated_with", "isis",
            [(articleID, nil, .reports), (articleID, nil, .denies), (articleID, nil, .asserts)], .disputed
        ),
        (
            "qassam-assisted-wilayat-sinai", "qassam-brigades", "provided_assistance_to", "wilayat-sinai",
            [("abu-maram-document", articleID, .asserts), ("abu-maram-document", articleID, .asserts)], .alleged
        ),
        (
            "wilayat-sinai-communicated-with-qassam", "wilayat-sinai", "communicated_with", "qassam-brigades",
            [("abu-maram-document", articleID, .reports), ("abu-maram-document", articleID, .reports)], .alleged
        ),
        (
            "hamas-isis-agreement-july-2017", "isis", "agreement_with", "hamas",
            [("essam-salih-press-conference-2017", articleID, .asserts)], .alleged
        ),
        (
            "isis-consultations-with-hamas-2017", "isis", "communicated_with", "hamas",
            [("essam-salih-press-conference-2017", articleID, .asserts)], .alleged
        ),
        (
            "shadi-al-menei-killed-2014", "shadi-al-menei", "killed_in", "menei-killing-2014",
            [("egyptian-interior-ministry-menei", articleID, .asserts)], .asserted
        ),
        (
            "baghdadi-opposed-wilayat-sinai-contacts", "abu-bakr-al-baghdadi", "opposed", "wilayat-sinai",
            [("second-isis-document", articleID, .asserts)], .alleged
        ),
    ]

    @Test("key claims exist with their sources, vias, stances and status")
    func keyClaims() throws {
        let folder = try TemporaryFolder.scoped
        let store = try importedStore(in: folder)
        for (id, subject, predicate, object, citations, status) in HaderaDatasetTests.keyClaims {
            let claim = try #require(try store.claim(id: id), "missing \(id)")
            #expect(claim.claim.subject == subject && claim.claim.predicate == predicate && claim.claim.object == object, "\(id)")
            #expect(claim.citations.map(\.citation.source) == citations.map(\.0), "\(id)")
            #expect(claim.citations.map(\.citation.via) == citations.map(\.1), "\(id)")
            #expect(claim.citations.map(\.citation.stance) == citations.map(\.2), "\(id)")
            #expect(claim.evidence?.status == status, "\(id)")
        }
        #expect(try store.claim(id: "hamas-isis-agreement-july-2017")?.claim.start?.description == "2017-07")
        #expect(try store.claim(id: "abm-joined-isis")?.claim.start?.description == "2014-11")
        #expect(try store.claim(id: "abm-joined-isis")?.claim.predicate == "member_of")  // "joined the ranks", no pledge
        #expect(try store.claim(id: "abm-pledged-allegiance-to-isis") == nil)
        #expect(try store.claim(id: "musab-mutawa-affiliated-with-wilayat-sinai") == nil)  // the encoder's inference
        // An end date only where the text says something ended: the dispute, and the consultations that led to the agreement.
        #expect(try store.claim(id: "isis-hostile-to-hamas-until-2017")?.claim.end?.description == "2017-07")
        #expect(try store.claim(id: "isis-consultations-with-hamas-2017")?.claim.end?.description == "2017-07")
        // An agreement to stop the bombings and the arrests is not a report that they stopped; and Essam Salih
        // is "the leader in Jaish al-Islam" in July 2017, which says nothing of since when.
        let undated = [
            "isis-bombings-in-gaza-until-2017", "hamas-arrested-isis-members-until-2017", "essam-salih-leader-in-jaish-al-islam",
        ]
        for id in undated {
            let claim = try #require(try store.claim(id: id), "missing \(id)")
            #expect(claim.claim.start == nil && claim.claim.end == nil, "\(id)")
        }
        // The article does not say where al-Menei was killed.
        #expect(try store.claim(id: "menei-killing-in-sinai") == nil)
    }

    @Test("a date marks what the text dates: the article dates nothing in 2022, so no claim is dated then")
    func noDatesFromOutside() throws {
        for case .claim(let claim) in try HaderaDatasetTests.records() {
            #expect(claim.start.map { $0.year < 2022 } ?? true, "\(claim.id) starts \(claim.start?.description ?? "")")
            #expect(claim.end.map { $0.year < 2022 } ?? true, "\(claim.id) ends \(claim.end?.description ?? "")")
        }
    }

    @Test(
        "the relations the first version missed are claims now",
        arguments: [
            ("hamas-hostile-to-israel", "hamas", "hostile_to", "israeli-state", "hamas-statement-hadera", Stance.asserts),
            ("isis-leaders-opposed-hamas-aid", "isis-leadership", "opposed", "hamas", "abu-maram-document", .asserts),
            (
                "isis-members-in-sinai-opposed-hamas-aid", "isis-members-in-sinai", "opposed", "hamas", "abu-maram-document",
                .asserts
            ),
            (
                "isis-members-in-sinai-informed-abu-maram", "isis-members-in-sinai", "communicated_with", "abu-maram-al-jazairi",
                "abu-maram-document", .asserts
            ),
            (
                "wilayat-sinai-leader-hostile-to-qassam", "wilayat-sinai-leader", "hostile_to", "qassam-brigades",
                "abu-maram-document", .denies
            ),
        ])
    func missedRelations(id: String, subject: String, predicate: String, object: String, source: String, stance: Stance) throws {
        let folder = try TemporaryFolder.scoped
        let store = try importedStore(in: folder)
        let claim = try #require(try store.claim(id: id))
        #expect(claim.claim.subject == subject && claim.claim.predicate == predicate && claim.claim.object == object)
        #expect(
            claim.citations.allSatisfy {
                $0.citation.source == source && $0.citation.via == HaderaDatasetTests.articleID && $0.citation.stance == stance
            })
    }

    @Test("no citation is graded 1 (confirmed): every source reaches us only through the article")
    func nothingConfirmed() throws {
        let records = try HaderaDatasetTests.records()
        var checked = 0
        for case .claim(let claim) in records {
            for citation in claim.citations {
                #expect(citation.credibility != .confirmed, "\(claim.id): graded 1 with no independent confirmation")
                checked += 1
            }
        }
        #expect(checked > 100)
    }

    @Test("nothing the article alone says is asserted: its own claims stay alleged or disputed")
    func articleNeverAssertsAlone() throws {
        let folder = try TemporaryFolder.scoped
        let store = try importedStore(in: folder)
        var onlyArticle = 0
        try store.forEachClaim { claim in
            guard claim.citations.allSatisfy({ $0.citation.source == HaderaDatasetTests.articleID }) else { return }
            onlyArticle += 1
            #expect(claim.evidence?.status != .asserted, "\(claim.claim.id) is asserted on the article's word alone")
        }
        #expect(onlyArticle > 20)
    }

    @Test(
        "every line validates against the record schema (python jsonschema)",
        .enabled(if: ExternalTool.python(with: ["jsonschema"]) != nil, "needs python3 with jsonschema (apt: python3-jsonschema)"))
    func schemaValid() throws {
        let python = try #require(ExternalTool.python(with: ["jsonschema"]))
        let script = """
            import json, sys, jsonschema
            validator = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))
            bad = [f"{n}: {e.message}" for n, line in enumerate(open(sys.argv[2], encoding="utf-8"), 1)
                   for e in validator.iter_errors(json.loads(line))]
            print("\\n".join(bad)); sys.exit(1 if bad else 0)
            """
        let result = try ExternalTool.run(
            python,
            ["-c", script, Repository.root.appendingPathComponent("Schemas/record.schema.json").path, HaderaDatasetTests.path])
        #expect(result.status == 0, "\(result.standardOutput)")
    }
}
