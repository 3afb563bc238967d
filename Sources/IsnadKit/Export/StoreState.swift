/// Which state of the store a picture shows: the latest entry of its history, numbered as
/// `isnad log` numbers them, and, for a store made by `isnad copy`, the entry of the other
/// store's history it was copied as of (``StoreCopy/copiedAsOfEntry(of:)``, as `isnad stats`
/// shows it). A published figure says it in its caption (``caption(language:)``), so that a
/// correction made later is traced from it: `isnad log --after N` lists what changed since.
public struct StoreState: Sendable, Equatable {
    /// The number of the history's latest entry; nil when the store has no history (a copy made
    /// `--without-history`, before any change).
    public var latestEntry: Int?
    /// The entry of another store's history this store was copied as of, when it is a copy.
    public var copiedAsOfEntry: Int?

    public init(latestEntry: Int?, copiedAsOfEntry: Int? = nil) {
        self.latestEntry = latestEntry
        self.copiedAsOfEntry = copiedAsOfEntry
    }

    /// The state `store` reads now: what an export of it in the same snapshot shows (a store
    /// opened for reading reads one snapshot, ``GraphStore/Access/read``).
    public init(of store: GraphStore) throws {
        self.init(latestEntry: try store.latestEntryNumber(), copiedAsOfEntry: try StoreCopy.copiedAsOfEntry(of: store))
    }

    /// The caption's line (`As of entry 3 of the store's history`), in English or Arabic (`both`
    /// is English, as a legend's words are); nil when the store neither has a history nor was
    /// copied as of one: there is no entry to name.
    public func caption(language: ExportStyle.Language) -> String? {
        let arabic = language == .ar
        switch (latestEntry, copiedAsOfEntry) {
        case (let entry?, nil):
            return arabic
                ? BidiText.rightToLeft("بحسب القيد \(entry) من سجل المخزن (\(BidiText.leftToRight("isnad log")))")
                : "As of entry \(entry) of the store's history (isnad log)"
        case (let entry?, let copied?):
            return arabic
                ? BidiText.rightToLeft("بحسب القيد \(entry) من سجل المخزن، وهو نسخة من مخزن آخر بحسب القيد \(copied) من سجله")
                : "As of entry \(entry) of the store's history; the store is a copy of another as of entry \(copied) of its history"
        case (nil, let copied?):
            return arabic
                ? BidiText.rightToLeft("نسخة من مخزن آخر بحسب القيد \(copied) من سجله")
                : "A copy of another store as of entry \(copied) of its history"
        case (nil, nil):
            return nil
        }
    }
}
