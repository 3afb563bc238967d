/// Reading what names a source, for finding the one a user means (``SourceResolver``).
extension GraphStore {
    /// What a source may be named by: its id, its title, who published or wrote it.
    public struct SourceName: Sendable {
        public let id: String
        public let title: String
        public let publisher: String?
        public let author: String?
        public let url: String?
    }

    /// Every source's names, in id order. Reads the source table once, without the full texts:
    /// only when a source is named by anything but its exact id.
    public func forEachSourceName(_ body: (SourceName) throws -> Void) throws {
        try database.prepare("SELECT id, title, publisher, author, url FROM source ORDER BY id").forEachRow { row in
            try body(
                SourceName(
                    id: row.string(0), title: row.string(1), publisher: row.text(2), author: row.text(3), url: row.text(4)))
        }
    }
}
