/// Where information comes from: an article, a statement, a leaked document, a report …
public struct Source: Hashable, Sendable {
    public var id: String
    public var type: SourceType
    public var title: String
    public var publisher: String?
    public var author: String?
    public var url: String?
    public var published: PartialDate?
    /// The language the source is written in (BCP-47).
    public var lang: String?
    /// How reliable the source is, on the Admiralty scale.
    public var reliability: Reliability
    /// The sources this one relays: its chain of transmission.
    public var cites: [String]
    /// The source's full text, so that quotes from it can be verified.
    public var text: String?

    public init(
        id: String, type: SourceType, title: String, publisher: String? = nil, author: String? = nil,
        url: String? = nil, published: PartialDate? = nil, lang: String? = nil, reliability: Reliability,
        cites: [String] = [], text: String? = nil
    ) {
        self.id = id
        self.type = type
        self.title = title
        self.publisher = publisher
        self.author = author
        self.url = url
        self.published = published
        self.lang = lang
        self.reliability = reliability
        self.cites = cites
        self.text = text
    }
}
