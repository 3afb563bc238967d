import Testing

@testable import IsnadKit

@Suite("Strict JSON parser")
struct JSONParserTests {
    @Test("parses objects, arrays, strings, numbers, literals, in order")
    func values() throws {
        let value = try JSONParser.parse(#"{"a":[1,-2.5e3,true,false,null],"b":"x\"\\\/\n\u00e9\ud83d\ude00","c":{}}"#)
        guard case .object(let object) = value else {
            Issue.record("not an object")
            return
        }
        #expect(object.members.map(\.key) == ["a", "b", "c"])
        #expect(object["a"] == .array([.number("1"), .number("-2.5e3"), .bool(true), .bool(false), .null]))
        #expect(object["b"] == .string("x\"\\/\né😀"))
        #expect(object["c"] == .object(JSONObject(members: [])))
    }

    @Test("whitespace around a record, CRLF included, is fine")
    func whitespace() throws {
        #expect(try JSONParser.parse(" \t{\"a\":1}\r") == .object(JSONObject(members: [.init(key: "a", value: .number("1"))])))
    }

    @Test(
        "malformed JSON is refused with a column and a reason",
        arguments: [
            (#"{"a":1"#, "missing '}'"),
            (#"{"a":1,}"#, "expected a key"),
            (#"{"a" 1}"#, "expected ':'"),
            (#"{"a":1}x"#, "after the value"),
            (#"{"a":"b"#, "unterminated string"),
            (#"{"a":01}"#, "leading zeros"),
            (#"{"a":-}"#, "needs digits"),
            (#"{"a":tru}"#, "unexpected"),
            (#"{"a":1,"a":2}"#, "duplicate key \"a\""),
            (#"{"a":"\ud800"}"#, "lone surrogate"),
            (#"{"a":"\x"}"#, "invalid escape"),
            ("{\"a\":\"tab\there\"}", "raw control character"),
            ("", "the line ends"),
            ("[" + String(repeating: "[", count: 40) + "]", "nested deeper than 32"),
            (#"{"a":1"# + String(repeating: "0", count: 70) + "}", "number longer than 64"),
        ])
    func malformed(_ text: String, _ reason: String) {
        do {
            _ = try JSONParser.parse(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.description.contains(reason), "\(error.description)")
        }
    }

    @Test("an error's column counts characters, as an editor does, and names a letter outside ASCII as itself")
    func columnsInCharacters() {
        do {
            _ = try JSONParser.parse(#"{"quote":"وأشاد البيان" "stance":"asserts"}"#)
            Issue.record("accepted a missing comma")
        } catch {
            #expect(error.column == 25, "\(error)")
            #expect(error.byteColumn == 36, "\(error)")
        }
        do {
            _ = try JSONParser.parse(#"{"credibility":٢}"#)
            Issue.record("accepted an Arabic-Indic digit")
        } catch {
            #expect(error.description == "invalid JSON at column 16: unexpected '٢' (U+0662)")
        }
    }

    @Test("invalid UTF-8 inside a string is refused, not repaired")
    func invalidUTF8() {
        var bytes = Array(#"{"a":"x"#.utf8)
        bytes += [0xC3, 0x28]
        bytes += Array(#""}"#.utf8)
        let result = bytes.withUnsafeBufferPointer { buffer in Result { try JSONParser.parse(buffer) } }
        guard case .failure(let error) = result else {
            Issue.record("accepted invalid UTF-8")
            return
        }
        #expect("\(error)".contains("invalid UTF-8"))
    }

    @Test("a thousand keys and duplicate detection beyond the small-object path")
    func manyKeys() {
        let members = (0..<1000).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
        #expect((try? JSONParser.parse("{\(members)}")) != nil)
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse("{\(members),\"k999\":1}") }
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse("{\(members),\"k15\":1}") }
    }
}
