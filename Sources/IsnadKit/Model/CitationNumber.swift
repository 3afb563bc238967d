/// How a citation is numbered for people: from 1, where the store keeps positions from 0.
enum CitationNumber {
    /// The number of the citation at a stored `position`. Another program may have stored any
    /// integer there, the largest included, whose number does not fit in an `Int`.
    static func shown<Position: BinaryInteger>(_ position: Position) -> String {
        guard position >= 0 else { return String(position + 1) }
        return String(UInt64(position) + 1)
    }
}
