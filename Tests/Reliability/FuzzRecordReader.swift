// libFuzzer target for Isnad's record-reading path, built by Tests/Reliability/fuzz (not part
// of the package: it needs coverage instrumentation and libFuzzer's driver).
//
// Each input is a record file. The checks are those of Tests/IsnadKitTests/FuzzChecks.swift,
// which the script compiles beside this file and the test suite replays on Fixtures/fuzz/:
// the line reader against a plain split (byte order mark, CRLF, lines over a limit taken from
// the input), every line through the strict JSON parser, the record decoder and back through
// the canonical writer, and the whole input as a dry-run import into an in-memory store that
// holds the seed dataset (refused with its problems listed, or accepted; never another error,
// and the store unchanged). Any trap, memory error or broken check is a finding.

import Foundation
import IsnadKit

/// libFuzzer's entry point when the program has its own main (LLVMFuzzerRunDriver).
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// Made once, before fuzzing: libFuzzer calls back through a C function, which cannot capture.
nonisolated(unsafe) private var context: FuzzChecks.Context?

@main
struct FuzzRecordReader {
    static func main() {
        guard let records = ProcessInfo.processInfo.environment["ISNAD_FUZZ_DATASET"] else {
            FileHandle.standardError.write(Data("set ISNAD_FUZZ_DATASET to a record file (Tests/Reliability/fuzz does)\n".utf8))
            exit(64)
        }
        do {
            context = try FuzzChecks.Context(records: records)
        } catch {
            FileHandle.standardError.write(Data("cannot load \(records): \(error)\n".utf8))
            exit(1)
        }
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        let status = runFuzzerDriver(&argc, &argv) { data, size in
            guard let context else { return 0 }
            let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
            do {
                try FuzzChecks.check(bytes, in: context)
            } catch {
                fatalError("\(error)")
            }
            return 0
        }
        exit(status)
    }
}
