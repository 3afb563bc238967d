/// An entity's attributes as the store keeps them and GraphML shows them: a JSON object with
/// its keys in code-point order (the same on every platform and locale).
enum AttributesJSON {
    static func encode(_ attributes: [String: String]) -> String {
        var json = JSONWriter()
        json.beginObject()
        for key in attributes.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            json.key(key)
            json.string(attributes[key] ?? "")
        }
        json.endObject()
        return String(decoding: json.bytes, as: UTF8.self)
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
