import IsnadKit

/// What every command that changes the store shares: who makes the change.
enum HistoryOptions {
    static let author = Option<String>(
        "author", value: "name",
        help:
            "Who makes the change, for the history (default: $ISNAD_AUTHOR, else the login name; on PostgreSQL the database role, which a name given is recorded beside: carol (as bob))."
    )
}
