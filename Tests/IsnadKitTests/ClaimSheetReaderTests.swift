import Foundation
import TestHelpers
import Testing

@testable import IsnadKit

@Suite("Reading a claims sheet row by row", .temporaryFolder)
struct ClaimSheetReaderTests {
    private static let header = "subject,predicate,object,source,quote,stance,credibility"

    private func rows(of bytes: [UInt8]) throws -> (reader: ClaimSheetReader, rows: [ClaimSheet.Row]) {
        let path = try TemporaryFolder.scoped.path("sheet.csv")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let reader = try ClaimSheetReader(path: path)
        var rows: [ClaimSheet.Row] = []
        while let row = try reader.nextRow() { rows.append(row) }
        return (reader, rows)
    }

    private func rows(of text: String) throws -> (reader: ClaimSheetReader, rows: [ClaimSheet.Row]) {
        try rows(of: Array(text.utf8))
    }

    private func problem(of text: String) throws -> ClaimSheet.Problem? {
        do {
            _ = try rows(of: text)
            return nil
        } catch let problem as ClaimSheet.Problem {
            return problem
        }
    }

    @Test("quoted cells keep separators, doubled quotes and line breaks; lines are counted through them")
    func quoting() throws {
        let text =
            Self.header
            + "\r\nhamas,praised,isis,a,\"one, \"\"two\"\"\r\nthree\",asserts,3\r\n\r\nhamas,praised,isis,a,q,reports,4\r\n"
        let (reader, rows) = try rows(of: text)
        #expect(reader.separator == UInt8(ascii: ","))
        #expect(rows.count == 2)
        #expect(rows[0].value("quote") == "one, \"two\"\nthree")
        #expect(rows[0].line == 2)
        #expect(rows[1].line == 5)
        #expect(rows[1].cells["stance"] == ClaimSheet.Cell(text: "reports", line: 5, column: 6))
    }

    @Test(
        "rows are numbered as a spreadsheet numbers them: a row of several lines is one, a blank row counts, Excel's sep= line does not"
    )
    func rowNumbers() throws {
        let text =
            "sep=,\r\n" + Self.header
            + "\r\nhamas,praised,isis,a,\"one\r\ntwo\r\nthree\",asserts,3\r\n\r\nhamas,praised,isis,a,q,reports,x\r\n"
        let (reader, rows) = try rows(of: text)
        #expect(rows.map(\.line) == [3, 7])
        #expect(rows.map { reader.rowNumbers.row(ofLine: $0.line) } == [2, 4])
        // A line inside the quote is the row's.
        #expect(reader.rowNumbers.row(ofLine: 5) == 2)
        #expect(reader.rowNumbers.place(line: 7, column: 7) == "7:7 (row 4)")
        #expect(reader.rowNumbers.lineText(7) == "line 7 (row 4)")
        // A problem the reader finds says its row too.
        let problem = try problem(of: Self.header + "\n\"a\nb\",x,y,z,q,asserts,3\nh,p,o,s,\"never closed\n")
        #expect(problem?.description == "4:5 (row 3): a quote opened here is never closed")
        #expect(
            try self.problem(of: Self.header + "\nh,p,o,s,\"never closed\n")?.description
                == "2:5: a quote opened here is never closed")
    }

    @Test("a semicolon header with a byte order mark, and classic Mac CR line ends")
    func dialects() throws {
        let text = Self.header.replacingOccurrences(of: ",", with: ";") + "\rhamas;praised;isis;a;q, with a comma;asserts;3\r"
        let (reader, rows) = try rows(of: [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        #expect(reader.separator == UInt8(ascii: ";"))
        #expect(reader.header.first == "subject")
        #expect(rows.map { $0.value("quote") } == ["q, with a comma"])
        #expect(rows[0].line == 2)
    }

    @Test("a cell longer than a read block, and a last line without a line end")
    func longCell() throws {
        let long = String(repeating: "كلمة ", count: 40_000)
        let (_, rows) = try rows(of: Self.header + "\nhamas,praised,isis,a,\"\(long)\",asserts,3")
        #expect(rows.count == 1)
        #expect(rows[0].value("quote") == long.trimmingCharacters(in: .whitespaces))
        #expect(rows[0].value("credibility") == "3")
    }

    @Test(
        "bad sheets are refused at the line and column at fault",
        arguments: [
            ("", "1:1: no header line"),
            (header + ",colour\n", "1:8: unknown column \"colour\""),
            (header + ",quote\n", "1:8: column \"quote\" twice"),
            ("subject,predicate,object,source,quote,stance\n", "1:7: no column \"credibility\""),
            (header + "\nhamas,praised,isis,a,\"never closed,asserts,3\n", "2:5: a quote opened here is never closed"),
            (header + "\nhamas,praised,isis,a,q,asserts,3,more\n", "2:8: a cell past the last column"),
            (
                header + "\nhamas,praised,isis,a,\"He said \"yes\" today\",asserts,3\n",
                "2:5: text after the quote that closes the cell: a quote inside a quoted cell is written twice (\"\")"
            ),
            (header + "\nhamas,praised,isis,a,\"q\"x,asserts,3\n", "2:5: text after the quote that closes the cell"),
            (
                "subject,,predicate,object,source,quote,stance,credibility\nhamas,x,praised,isis,a,q,asserts,3\n",
                "2:2: a cell under a column with no name"
            ),
        ])
    func refused(text: String, message: String) throws {
        let problem = try #require(try problem(of: text))
        #expect(problem.description.hasPrefix(message), "\(problem.description)")
    }

    @Test("empty cells past the last column, however many, are no cells: the row reads, and the next")
    func trailingEmptyCells() throws {
        let emptyCells = String(repeating: ",", count: 200_000)
        let text =
            Self.header + emptyCells + "\nhamas,praised,isis,a,q,asserts,3" + emptyCells + " , \t,\"\",\"\n\"\n"
            + "hamas,praised,isis,b,r,reports,4\n"
        let (reader, rows) = try rows(of: text)
        #expect(reader.header.count == ClaimSheetReader.maximumColumnCount)
        #expect(rows.map { $0.value("source") } == ["a", "b"])
        #expect(rows.map(\.line) == [2, 4])
    }

    @Test("text far past the last column is refused at its column; a header of more than 1,024 columns is no sheet")
    func farColumns() throws {
        let emptyCells = String(repeating: ",", count: 100_000)
        let pastLast = try #require(
            try problem(of: Self.header + "\nhamas,praised,isis,a,q,asserts,3" + emptyCells + "x,y\n"))
        #expect(pastLast.description == "2:100007: a cell past the last column")
        let wideHeader = try #require(try problem(of: Self.header + emptyCells + "colour\n"))
        #expect(wideHeader.description == "1:100007: a header of more than 1024 columns")
        let named = try #require(
            try problem(of: String(repeating: ",", count: 1_020) + Self.header + "\nhamas\n"))
        #expect(named.description == "1:1025: a header of more than 1024 columns")
    }

    @Test("an empty column without a name is let through")
    func unnamedEmptyColumn() throws {
        let (_, rows) = try rows(
            of: "subject,,predicate,object,source,quote,stance,credibility\nhamas,,praised,isis,a,q,asserts,3\n")
        #expect(rows.count == 1)
        #expect(rows[0].value("predicate") == "praised")
    }

    @Test("bytes that are not UTF-8 are refused where they stand, past the header too")
    func notUTF8() throws {
        let bytes =
            Array((Self.header + "\nhamas,praised,isis,a,q,asserts,3\nhamas,praised,isis,a,").utf8) + [0xE9]
            + Array(",asserts,3\n".utf8)
        do {
            _ = try rows(of: bytes)
            Issue.record("a Latin-1 byte was read as text")
        } catch let problem as ClaimSheet.Problem {
            #expect(problem.description.hasPrefix("3:5: not UTF-8 text"), "\(problem.description)")
        }
    }
}
