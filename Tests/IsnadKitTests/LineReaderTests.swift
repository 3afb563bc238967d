import Foundation
import TestHelpers
import Testing

@testable import IsnadKit

@Suite("Line reader")
struct LineReaderTests {
    /// Reads `bytes` through a pipe-less file and returns what the reader saw.
    private func lines(of bytes: [UInt8], maximum: Int = 64) throws -> [String] {
        return try withTemporaryFolder { folder in
            let path = folder.path("input")
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let descriptor = open(path, O_RDONLY)
            defer { close(descriptor) }
            var reader = LineReader(fileDescriptor: descriptor, maximumLineLength: maximum)
            var result: [String] = []
            let error = reader.forEachLine { number, line in
                switch line {
                case .text(let text): result.append("\(number):\(String(decoding: text, as: UTF8.self))")
                case .tooLong(let length): result.append("\(number):too long \(length)")
                case .unended(let length): result.append("\(number):unended after \(length)")
                }
            }
            #expect(error == nil)
            return result
        }
    }

    @Test("lines keep their numbers; blank lines count; the last line needs no line feed")
    func numbering() throws {
        #expect(try lines(of: Array("a\n\nb\nc".utf8)) == ["1:a", "2:", "3:b", "4:c"])
    }

    @Test("a byte order mark at the start is skipped, anywhere else it stays")
    func byteOrderMark() throws {
        #expect(
            try lines(of: [0xEF, 0xBB, 0xBF] + Array("a\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("b".utf8))
                == ["1:a", "2:\u{FEFF}b"])
    }

    @Test("CRLF lines keep their carriage return (JSON treats it as whitespace)")
    func crlf() throws {
        #expect(try lines(of: Array("a\r\nb\r\n".utf8)) == ["1:a\r", "2:b\r"])
    }

    @Test("an over-long line is reported with its length and skipped, and reading goes on")
    func overLong() throws {
        let long = String(repeating: "x", count: 100_000)
        #expect(
            try lines(of: Array("a\n\(long)\nb\n\(long)".utf8), maximum: 1000)
                == ["1:a", "2:too long 100000", "3:b", "4:too long 100000"])
    }

    @Test("a line over the limit is refused even when it arrives whole within one read")
    func overLongWithinOneRead() throws {
        // The reader reads 4096 bytes at a time at least: these lines all fit in the first read.
        let text = "a\n" + String(repeating: "x", count: 65) + "\nb\n" + String(repeating: "y", count: 100)
        #expect(try lines(of: Array(text.utf8)) == ["1:a", "2:too long 65", "3:b", "4:too long 100"])
        #expect(try lines(of: Array(String(repeating: "z", count: 64).utf8)) == ["1:" + String(repeating: "z", count: 64)])
    }

    @Test("lines that straddle read boundaries arrive whole")
    func boundaries() throws {
        let text = (0..<20_000).map { "line \($0) " + String(repeating: "é", count: $0 % 37) }.joined(separator: "\n")
        let read = try lines(of: Array(text.utf8), maximum: 4096)
        #expect(read.count == 20_000)
        #expect(read[12_345] == "12346:line 12345 " + String(repeating: "é", count: 12_345 % 37))
    }

    @Test("readToEnd gives a file whole, and past a limit stops with more than the limit, not all of it", .temporaryFolder)
    func readToEndWithLimit() throws {
        let folder = try TemporaryFolder.scoped
        let text = String(repeating: "0123456789", count: 30_000)
        let path = try folder.write("big.txt", text)
        #expect(try FileSystem.readWhole(path) == Array(text.utf8))
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        let cut = try FileSystem.readToEnd(descriptor, limit: 100_000)
        #expect(cut.count > 100_000 && cut.count < 300_000, "\(cut.count)")
        #expect(cut == Array(text.utf8.prefix(cut.count)))
        #expect(throws: FileSystem.SystemError.self) { try FileSystem.readWhole(folder.path("missing.txt")) }
    }
}
