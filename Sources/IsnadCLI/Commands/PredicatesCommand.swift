import IsnadKit

enum PredicatesCommand: Command {
    static let name = "predicates"
    static let usesTheStore = false
    static let spec = CommandSpec(
        name: name,
        abstract: "List the predicate vocabulary: labels, direction, and the entity types each side takes.",
        discussion:
            "The vocabulary is Schemas/predicates.json; a claim whose predicate or entity types break it is refused at import.",
        options: [format],
        examples: ["isnad predicates", "isnad predicates --format csv"])

    static let format = OutputFormat.option(json: "json (the vocabulary file as it is)")

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let format = try arguments.value(Self.format, default: .table)
        let vocabulary = Vocabulary.standard
        let rows = vocabulary.predicates.map { predicate in
            [
                predicate.id, predicate.labelEnglish, predicate.labelArabic, predicate.family,
                predicate.isSymmetric ? "symmetric" : "directed", predicate.temporal.rawValue,
                predicate.subjectTypes.map(\.rawValue).joined(separator: "|"),
                predicate.objectTypes.map(\.rawValue).joined(separator: "|"),
            ]
        }
        let headers = ["predicate", "label_en", "label_ar", "family", "direction", "temporal", "subject", "object"]
        try format.print(
            Printout(
                reading: {
                    var table = TextTable(headers: headers.map { $0.uppercased() })
                    rows.forEach { table.append($0) }
                    return .init(text: table.render())
                },
                json: .text(Vocabulary.definitionText),
                rows: Printout.Rows(header: headers, rows: rows)),
            context: context)
    }
}
