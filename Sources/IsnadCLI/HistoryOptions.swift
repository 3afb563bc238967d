import IsnadKit

/// What every command that changes the store shares: who makes the change, and `--dry-run`.
enum HistoryOptions {
    static let author = Option<String>(
        "author", value: "name",
        help:
            "Who makes the change, for the history (default: $ISNAD_AUTHOR, else the login name; on PostgreSQL the database role, which a name given is recorded beside: carol (as bob)). One line; declared, not checked, on a file store."
    )

    /// `--dry-run` of a command that changes the store through a ``ChangeSession``: the change is
    /// made, checked and written with its history entry, in its transaction, and rolled back
    /// (``GraphStore/changing(_:isDryRun:_:)``), so that it is refused, and says what it would
    /// do, as the real run would. `done` is what it does to the records: "retracted".
    static func dryRun(_ done: String) -> Flag {
        Flag("dry-run", help: "Check everything and say what would be \(done); write nothing.")
    }

    /// What a dry run says on standard error in place of `outcome`, the real run's words for what
    /// it did ("retracted claim \"x\""), without the history entry that nothing holds.
    static func dryRunMessage(_ outcome: String) -> String {
        "dry run: would have \(outcome); nothing written"
    }

    /// What a dry run says when the real run would have changed nothing: `outcome` as the real
    /// run says it ("… is there already, unchanged").
    static func dryRunMessage(unchanged outcome: String) -> String {
        "dry run: \(outcome); nothing written"
    }

    /// What a change that takes `id` out of the records (a rename, a delete) adds: the history
    /// keeps it, for one who removes it to hand the store on.
    static func stillHeldNote(_ id: String) -> String {
        "isnad: note: the store's history still holds \"\(Text.printable(id))\" (isnad log \(Text.printable(id))); \(copyWithout("it"))"
    }

    /// What an undo that removed `count` records adds (``stillHeldNote(_:)`` for one alone).
    static func stillHeldNote(records count: Int) -> String {
        "isnad: note: the store's history still holds the \(count) records undo removed (isnad log); \(copyWithout("them"))"
    }

    /// What a retraction adds: the claim stays in the store, retracted, reason and all.
    static func retractedStillHeldNote(_ id: String) -> String {
        "isnad: note: the store and its history still hold what was retracted (isnad log \(Text.printable(id))); \(copyWithout("it"))"
    }

    /// The way to hand on a store without what a note says it still holds (`pronoun`); to keep
    /// it nowhere, docs/guarantees.md, "A name you must not keep".
    private static func copyWithout(_ pronoun: String) -> String {
        "isnad copy --without-history --without-retractions makes a copy without \(pronoun) to hand on"
    }
}
