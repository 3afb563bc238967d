import Foundation
import TestHelpers
import Testing

@testable import IsnadKit

/// Replays Fixtures/fuzz/ through the fuzzer's own checks (FuzzChecks): the hostile inputs the
/// fuzzer starts from, and every input with which it once found a bug (named `crash-…` by
/// libFuzzer, renamed for what it found). Tests/Reliability/fuzz seeds its corpus from here.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static let folder = Repository.root.appendingPathComponent("Tests/IsnadKitTests/Fixtures/fuzz")

    static let inputs: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()

    static let dataset = Repository.root.appendingPathComponent("Datasets/hadera-2022/hadera-2022.jsonl").path

    @Test("the folder holds the hostile seeds and the regressions")
    func folderIsThere() {
        #expect(FuzzRegressionTests.inputs.filter { $0.hasPrefix("hostile-") }.count >= 10)
    }

    @Test("every input passes the fuzzer's checks", arguments: inputs)
    func replay(_ name: String) throws {
        let context = try FuzzChecks.Context(records: FuzzRegressionTests.dataset)
        let bytes = try Data(contentsOf: FuzzRegressionTests.folder.appendingPathComponent(name))
        try FuzzChecks.check(Array(bytes), in: context)
    }

    @Test("the line reader's oracle: a plain split, the byte order mark dropped, long lines by their length")
    func oracle() {
        let lines = FuzzChecks.expectedLines(Array("a\nbcd\n\ne".utf8), maximum: 2)
        #expect(lines == [.text([0x61]), .tooLong(3), .text([]), .text([0x65])])
        #expect(FuzzChecks.expectedLines([0xEF, 0xBB, 0xBF, 0x61, 0x0A], maximum: 9) == [.text([0x61])])
        #expect(FuzzChecks.expectedLines([], maximum: 9) == [])
    }
}
