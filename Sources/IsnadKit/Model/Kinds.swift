/// What an entity is. The list is the record schema's `entityType` (Schemas/record.schema.json);
/// a test keeps the two equal.
public enum EntityType: String, CaseIterable, Sendable, Codable {
    case person, organization, event, place
}

/// What kind of document a source is. The list is the record schema's `sourceType`.
public enum SourceType: String, CaseIterable, Sendable, Codable {
    case newsArticle = "news-article"
    case opinionArticle = "opinion-article"
    case statement
    case leakedDocument = "leaked-document"
    case pressConference = "press-conference"
    case intelligenceReport = "intelligence-report"
    /// A published report by the UN (a Panel of Experts), an NGO or a research group (Crisis
    /// Group, ACLED): an intelligence report is a service's.
    case report
    case officialStatement = "official-statement"
    case socialMediaPost = "social-media-post"
    case photo
    case other
}

/// How a source stands toward a claim it is cited for.
public enum Stance: String, CaseIterable, Sendable, Codable {
    /// The source states the claim as true.
    case asserts
    /// The source relays the claim without endorsing it.
    case reports
    /// The source disputes or rejects the claim.
    case denies
}
