/// An entity's attributes as the store keeps them and GraphML shows them: a JSON object with
/// its keys in code-point order (the same on every platform and locale).
enum AttributesJSON {
    static func encode(_ attributes: [String: String]) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        for (index, key) in attributes.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(ascii: "\""))
            JSONEscaping.append(key, to: &bytes)
            bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":"), UInt8(ascii: "\"")])
            JSONEscaping.append(attributes[key] ?? "", to: &bytes)
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
    }

    static func decode(_ text: String) -> [String: String] {
        guard case .object(let object)? = try? JSONParser.parse(text) else { return [:] }
        var result: [String: String] = [:]
        for member in object.members {
            if case .string(let value) = member.value { result[member.key] = value }
        }
        return result
    }
}
