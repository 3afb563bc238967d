// libFuzzer target: the predicate vocabulary's lookup of what a user types (an id, or an
// English or Arabic label, in any case, vowelled or not): Vocabulary.predicate(named:),
// suggestion(forUnknownPredicate:), problem(predicate:…), and `isnad claims --predicate TEXT`.
// The input is the text.
//
// Checks: a predicate found by a text is one whose id or label normalizes as the text does (or
// whose id is the text); the problem said of an unknown predicate is one line without control
// characters; `isnad claims --predicate TEXT` in-process on a store holding the seed dataset ends
// 0 or 64, its messages without control characters.

import Foundation
import FuzzSupport

@testable import IsnadKit

final class PredicateChecks {
    let vocabulary = Vocabulary.standard
    let database: ScratchFile

    init() throws {
        database = try ScratchFile(suffix: ".db")
        try TemplateStore().copy(to: database.path)
        for predicate in vocabulary.predicates {
            for name in [predicate.id, predicate.labelEnglish, predicate.labelArabic] {
                guard vocabulary.predicate(named: name)?.id == predicate.id else {
                    throw Finding("\(name) does not name \(predicate.id)")
                }
            }
        }
    }

    func check(_ bytes: [UInt8]) throws {
        let text = String(decoding: bytes, as: UTF8.self)
        if let predicate = vocabulary.predicate(named: text) {
            let key = NameKey.normalize(text)
            guard
                text == predicate.id
                    || [predicate.id, predicate.labelEnglish, predicate.labelArabic].contains(where: {
                        NameKey.normalize($0) == key
                    })
            else { throw Finding("\(text.debugDescription) is taken as \(predicate.id)") }
        }
        try checkOneLine(vocabulary.suggestion(forUnknownPredicate: text), "a predicate suggestion")
        if let problem = vocabulary.problem(predicate: text, subjectType: nil, objectType: nil) {
            try checkOneLine(problem.message, "an unknown predicate's problem")
        }
        guard !text.hasPrefix("-") else { return }
        let run = runCLI(["--db", database.path, "claims", "--predicate", text, "--format", "csv"])
        try checkTerminalSafe(run.standardError, "claims --predicate's messages")
        guard run.status == 0 || run.status == 64 else { throw Finding("isnad claims --predicate ended \(run.status): \(run)") }
    }
}

fuzz { try PredicateChecks().check }
