import IsnadKit

/// A value parsed from one command-line argument: a word of a fixed set, a date, a grade, a
/// name. The one way every option's value is read, so that every option reads its values alike.
protocol ArgumentValue: Sendable {
    /// The value that `argument` stands for, or ``InvalidArgument`` saying what was expected.
    init(argument: String) throws(InvalidArgument)
}

/// An argument that is not a value of its option: what was expected, as the part of the message
/// that follows the option's name (`--depth: expected …`).
struct InvalidArgument: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// One of a fixed set of words, matched without regard to case (`--type Person`, `--rankdir tb`),
/// with the nearest word suggested when none matches.
protocol ArgumentChoice: ArgumentValue, CaseIterable, RawRepresentable where RawValue == String {}

extension ArgumentChoice {
    init(argument: String) throws(InvalidArgument) {
        let folded = argument.lowercased()
        guard let value = Self.allCases.first(where: { $0.rawValue.lowercased() == folded }) else {
            let allowed = Self.allCases.map(\.rawValue)
            throw InvalidArgument(
                message: "\"\(Text.printable(argument))\" is not one of \(allowed.joined(separator: ", "))"
                    + Suggestion.phrase(Suggestion.nearest(to: argument, among: allowed)))
        }
        self = value
    }
}

extension String: ArgumentValue {
    init(argument: String) { self = argument }
}

extension PartialDate: ArgumentValue {
    init(argument: String) throws(InvalidArgument) {
        if let note = Text.hijriNote(forDate: argument) ?? PartialDate.leadingZeroYearNote(forTyped: argument) {
            throw InvalidArgument(message: "\"\(Text.printable(argument))\" is not a valid date: \(note)")
        }
        do throws(PartialDateError) {
            self = try PartialDate(parsing: Text.withWesternDigits(argument))
        } catch {
            // The date as typed, in whatever digits, with what is wrong with it.
            throw InvalidArgument(message: "\"\(Text.printable(argument))\" is not a valid date: \(error.reason)")
        }
    }
}

extension Reliability: ArgumentValue {
    init(argument: String) throws(InvalidArgument) {
        guard let grade = Reliability(rawValue: argument.uppercased()) else {
            throw InvalidArgument(message: "expected a grade from A to F, got \"\(Text.printable(argument))\"")
        }
        self = grade
    }
}

extension Credibility: ArgumentValue {
    init(argument: String) throws(InvalidArgument) {
        guard let number = Int(Text.withWesternDigits(argument)), let grade = Credibility(rawValue: number) else {
            throw InvalidArgument(message: "expected a grade from 1 to 6, got \"\(Text.printable(argument))\"")
        }
        self = grade
    }
}

/// A whole number within the bounds its option sets.
struct BoundedInteger: Sendable {
    let range: ClosedRange<Int>

    func parse(_ argument: String) throws(InvalidArgument) -> Int {
        guard let number = Int(Text.withWesternDigits(argument)), range.contains(number) else {
            throw InvalidArgument(
                message:
                    "expected a whole number from \(range.lowerBound) to \(range.upperBound), got \"\(Text.printable(argument))\""
            )
        }
        return number
    }
}

extension EntityType: ArgumentChoice {}
extension SourceType: ArgumentChoice {}
extension Stance: ArgumentChoice {
    /// In English, or as the French or Arabic verb (``Stance/init(word:)``).
    init(argument: String) throws(InvalidArgument) {
        guard let stance = Stance(word: argument) else {
            throw InvalidArgument(message: Stance.unknownWordProblem(argument))
        }
        self = stance
    }
}
extension Evidence.Status: ArgumentChoice {}
extension GraphStore.Direction: ArgumentChoice {}
extension ExportStyle.Language: ArgumentChoice {}
