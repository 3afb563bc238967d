// libFuzzer target for Isnad's record reader, built by Tests/Reliability/fuzz (not part of
// the package: it needs coverage instrumentation and libFuzzer's driver).
//
// Each input is a file of records. Every line goes through the strict JSON parser and the
// record decoder; every record that decodes must come back identical through the canonical
// writer (encode → parse → decode). Any trap, memory error or broken round trip is a finding.

import Foundation
import IsnadKit

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

private let decoder = RecordDecoder()

private func check(line: UnsafeBufferPointer<UInt8>) {
    guard let value = try? JSONParser.parse(line), let record = try? decoder.decode(value) else { return }
    var writer = RecordWriter()
    let encoded = writer.encode(record)
    let again = encoded.withUnsafeBufferPointer { buffer -> Record? in
        guard let value = try? JSONParser.parse(UnsafeBufferPointer(rebasing: buffer.dropLast())) else { return nil }
        return try? decoder.decode(value)
    }
    if again != record {
        fatalError("round trip changed the record: \(String(decoding: encoded, as: UTF8.self))")
    }
}

@main
struct FuzzRecordReader {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            guard let data else { return 0 }
            let bytes = UnsafeBufferPointer(start: data, count: size)
            var start = 0
            for index in 0...size where index == size || bytes[index] == 0x0A {
                check(line: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                start = index + 1
            }
            return 0
        }
        exit(status)
    }
}
