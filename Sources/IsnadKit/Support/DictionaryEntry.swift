extension Dictionary {
    /// The value for `key`, put there first when there is none (`isPut` then set): the key is
    /// hashed once, where reading and then writing hashes it twice. For the walks that meet
    /// thousands of ids, most for the first time.
    mutating func value(for key: Key, orPut new: @autoclosure () -> Value, isPut: inout Bool) -> Value {
        func fill(_ entry: inout Value?) -> Value {
            if let value = entry { return value }
            let value = new()
            entry = value
            isPut = true
            return value
        }
        return fill(&self[key])
    }
}
