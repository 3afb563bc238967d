import Foundation
import TestHelpers
import Testing

/// Retracting a source's citation leaves standing what relays it: a paper that cites a leak
/// shown forged, asserting in its own voice what it had from it, is no longer weighed against
/// the leak. `retract` says so, and `check` warns while every citation of the leak is retracted.
@Suite("Retracting what other citations relay", .temporaryStore)
struct RetractRelayTests {
    @Test(
        "retract names each standing citation whose claimant or via cites the retracted one's source; check warns once the source's every citation is retracted"
    )
    func relaysOfRetracted() throws {
        let cli = try CLIHarness.scoped
        try cli.write(
            "leak.jsonl",
            """
            {"record":"entity","id":"h","type":"organization","name":"H"}
            {"record":"entity","id":"w","type":"organization","name":"W"}
            {"record":"source","id":"article","type":"news-article","title":"Article","reliability":"C"}
            {"record":"source","id":"leak","type":"leaked-document","title":"Leak","reliability":"F","cites":[]}
            {"record":"source","id":"paper","type":"news-article","title":"Paper","reliability":"A","cites":["leak"]}
            {"record":"source","id":"column","type":"opinion-article","title":"Column","reliability":"C","cites":["paper"]}
            {"record":"source","id":"police","type":"official-statement","title":"Police","reliability":"B"}
            {"record":"claim","id":"c","subject":"h","predicate":"supplied_weapons_to","object":"w","citations":[{"source":"leak","via":"article","quote":"H armed W","stance":"asserts","credibility":3},{"source":"leak","quote":"H sent W rifles","stance":"asserts","credibility":3},{"source":"paper","quote":"H supplied W","stance":"asserts","credibility":2},{"source":"police","quote":"H and W met","stance":"reports","credibility":3},{"source":"column","quote":"as the paper said, H armed W","stance":"reports","credibility":3}]}

            """)
        #expect(try cli.run(["import", "leak.jsonl"]).status == 0)
        let first = try cli.run(["retract", "c", "--citation", "1", "--reason", "forged"])
        #expect(first.status == 0, "\(first.standardError)")
        // The leak still stands in citation 2: said, without advice. The leak's own citation 2 is
        // not a relay of it, nor the police's, which cites nothing.
        #expect(
            first.standardError.contains(
                "isnad: note: citation 3 (paper, asserts A2) stands, and paper cites leak, which still stands in another citation of this claim"
            ), "\(first.standardError)")
        #expect(!first.standardError.contains("citation 2 (") && !first.standardError.contains("citation 4 ("))
        #expect(
            try cli.run(["check"]).standardOutput.contains(
                "relaying a source whose every citation of the claim is retracted (to review): ok"))
        let second = try cli.run(["retract", "c", "--citation", "2", "--reason", "forged"])
        #expect(
            second.standardError.contains(
                "isnad: note: citation 3 (paper, asserts A2) stands, and paper cites leak, whose every citation of this claim is retracted now: its A2 stands without it; if paper had the claim from leak, retract citation 3 too (isnad retract c --citation 3 --reason TEXT)"
            ), "\(second.standardError)")
        // The column cites the paper, which cites the leak: transitively a relay of it.
        #expect(
            second.standardError.contains(
                "citation 5 (column, reports C3) stands, and column relays leak (column → paper → leak)"))
        let check = try cli.run(["check"])
        #expect(check.status == 0, "a warning, not a problem: \(check.standardOutput)")
        #expect(
            check.standardOutput.contains(
                "warn standing citations relaying a source whose every citation of the claim is retracted (to review): 2 to review"
            ),
            "\(check.standardOutput)")
        #expect(check.standardOutput.contains(#"claim "c": citation 3 (paper, asserts A2) stands, and paper cites leak"#))
        // The paper's and column's citations retracted as well: nothing left relays the leak.
        #expect(try cli.run(["retract", "c", "--citation", "3", "--reason", "from the leak"]).status == 0)
        #expect(try cli.run(["retract", "c", "--citation", "5", "--reason", "from the leak"]).status == 0)
        #expect(!(try cli.run(["check"]).standardOutput.contains("warn standing citations relaying")))
    }
}
