/// Where a store on a PostgreSQL server is: a connection URI, handed to libpq as it is, and the
/// name of the PostgreSQL schema that holds the store (one database holds several stores).
///
/// Every connection setting follows libpq's conventions
/// (https://www.postgresql.org/docs/15/libpq-connect.html#LIBPQ-CONNSTRING): URI parameters,
/// `PGHOST`, `PGUSER`, `PGPASSWORD`…, `~/.pgpass`, `PGSERVICE`, `sslmode`. The one parameter
/// Isnad reads itself is `store`, the store's name, which it takes out of the URI before libpq
/// sees it (libpq refuses parameters it does not know).
public struct PostgreSQLLocation: Sendable, Equatable, CustomStringConvertible {
    /// The URI libpq connects with: the one given, without `store`. It may hold a password:
    /// never print it; print ``description``.
    let connectionURI: String
    /// The PostgreSQL schema that holds the store.
    public let storeName: String

    /// The store's name when neither `--store` nor the URI names one.
    public static let defaultStoreName = "isnad"

    /// Whether `text` is a PostgreSQL connection URI rather than a file's path: its scheme in any
    /// case, as URI schemes are (libpq reads it in lowercase only; ``init(uri:storeName:)``
    /// writes it so).
    public static func isURI(_ text: String) -> Bool { schemeLength(of: text) != nil }

    private static func schemeLength(of text: String) -> Int? {
        let head = text.utf8.prefix(13).map { $0 | 0x20 }  // ASCII letters in lowercase; ':' and '/' unchanged
        for scheme in ["postgresql://", "postgres://"] where head.starts(with: scheme.utf8) { return scheme.utf8.count }
        return nil
    }

    /// Whether `text` reads as libpq's other form of connection string, keywords and values
    /// (`host=/tmp dbname=isnad password=…`), which Isnad does not read: not a file's path either.
    /// Every word is `keyword=value` (libpq has some forty keywords, and more come): two words or
    /// more, or one that gives a password. A path such as `user=alice/isnad.db` or `a=b.db` is
    /// one word, and stays a path.
    public static func isKeywordString(_ text: String) -> Bool {
        let words = text.split(whereSeparator: \.isWhitespace)
        func isKeywordValue(_ word: Substring) -> Bool {
            guard let equals = word.firstIndex(of: "="), equals > word.startIndex else { return false }
            return word[..<equals].allSatisfy { $0.isASCII && ($0.isLetter || $0 == "_") }
        }
        guard !words.isEmpty, words.allSatisfy(isKeywordValue) else { return false }
        return words.count > 1 || words[0].lowercased().hasPrefix("password=") || words[0].lowercased().hasPrefix("sslpassword=")
    }

    /// Reads a connection URI. `storeName` (from `--store`) names the store when given; else the
    /// URI's `store` parameter; else ``defaultStoreName``.
    public init(uri: String, storeName: String? = nil) throws(LocationError) {
        var base = uri
        if let length = PostgreSQLLocation.schemeLength(of: uri) {
            base = uri.prefix(length).lowercased() + uri.dropFirst(length)
        }
        var query = ""
        var fragment = ""
        if let hash = base.firstIndex(of: "#") {
            fragment = String(base[hash...])
            base = String(base[..<hash])
        }
        if let mark = base.firstIndex(of: "?") {
            query = String(base[base.index(after: mark)...])
            base = String(base[..<mark])
        }
        var kept: [Substring] = []
        var named: String?
        for parameter in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts[0] == "store" {
                let value = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? String(parts[1])) : ""
                // Two names for one store: which was meant is not Isnad's to guess.
                if let named, named != value {
                    throw LocationError(
                        message:
                            "the URI names two stores, \"\(Text.printable(named))\" and \"\(Text.printable(value))\": give store= once"
                    )
                }
                named = value
            } else {
                kept.append(parameter)
            }
        }
        if let storeName, let named, storeName != named {
            throw LocationError(
                message:
                    "--store \(Text.printable(storeName)) and the URI's store=\(Text.printable(named)) name two stores: give one of them"
            )
        }
        let name = storeName ?? named ?? PostgreSQLLocation.defaultStoreName
        if let problem = PostgreSQLLocation.problem(withStoreName: name) {
            throw LocationError(
                message: "the store name \"\(Text.printable(name))\" \(problem) (a store name is a-z, 0-9 and _)")
        }
        self.storeName = name
        self.connectionURI = base + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&")) + fragment
    }

    /// The store's name as SQL writes an identifier, in double quotes: a name allowed here needs
    /// no other quoting, but may be a word SQL reserves (`select`, `user`, `authorization`).
    public var quotedStoreName: String { "\"\(storeName)\"" }

    /// Why `name` cannot name a store, or nil when it can: it becomes a PostgreSQL schema's
    /// name, written into SQL as an identifier, so it is kept to what needs no quoting.
    static func problem(withStoreName name: String) -> String? {
        guard let first = name.utf8.first else { return "is empty" }
        guard name.utf8.count <= 63 else { return "is longer than PostgreSQL's 63 bytes" }
        if name.utf8.contains(where: { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }) {
            return "has a capital letter: a store name is lowercase"
        }
        guard first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z") else { return "must start with a letter a-z" }
        for byte in name.utf8 {
            let isAllowed =
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_")
            if !isAllowed { return "may hold only a-z, 0-9 and _" }
        }
        if name.hasPrefix("pg_") || name == "information_schema" || name == "public" {
            return "is a schema PostgreSQL keeps for itself"
        }
        return nil
    }

    /// The URI without its password (in the user part or as a `password` or `sslpassword`
    /// parameter), with the store's name: what messages show.
    public var description: String {
        PostgreSQLLocation.withoutPassword(connectionURI) + " (store \(storeName))"
    }

    /// The URI without its password, naming the store with `store=NAME` when it is not
    /// ``defaultStoreName``: what `--db` reads back as this store, where ``description`` says
    /// `(store NAME)` for a reader.
    public var uriNamingStore: String {
        var uri = connectionURI
        if storeName != PostgreSQLLocation.defaultStoreName {
            // Before the fragment, which starts at the URI's first `#` (``init(uri:storeName:)``).
            let fragmentStart = uri.firstIndex(of: "#") ?? uri.endIndex
            let parameter = (uri[..<fragmentStart].contains("?") ? "&" : "?") + "store=\(storeName)"
            uri.insert(contentsOf: parameter, at: fragmentStart)
        }
        return PostgreSQLLocation.withoutPassword(uri)
    }

    /// `uri` without a password: `postgresql://alice:secret@host/db?password=x&sslmode=require`
    /// becomes `postgresql://alice@host/db?sslmode=require`; a client key's passphrase
    /// (`sslpassword=`) goes too. Control characters are escaped.
    public static func withoutPassword(_ uri: String) -> String {
        guard let schemeEnd = uri.range(of: "://") else { return Text.printable(uri) }
        let scheme = uri[..<schemeEnd.upperBound]
        var rest = Substring(uri[schemeEnd.upperBound...])
        // The authority ends at the first '/', '?' or '#'; a password stands before its last '@'.
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        rest = rest[authorityEnd...]
        if let at = authority.lastIndex(of: "@") {
            let user = authority[..<at]
            let userName = user.firstIndex(of: ":").map { user[..<$0] } ?? user
            authority = userName + authority[at...]
        }
        var path = rest
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            path = rest[..<mark]
            query = rest[rest.index(after: mark)...]
        }
        var fragment: Substring = ""
        if let hash = query.firstIndex(of: "#") {
            fragment = query[hash...]
            query = query[..<hash]
        }
        let kept = query.split(separator: "&").filter { secretValue(ofParameter: $0) == nil }
        let text = scheme + authority + path + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&")) + fragment
        return Text.printable(String(text))
    }

    /// The URI parameters whose values are secrets: the password, and the passphrase of the
    /// client's TLS key (https://www.postgresql.org/docs/15/libpq-connect.html#LIBPQ-CONNECT-SSLPASSWORD).
    static let secretParameters: Set<String> = ["password", "sslpassword"]

    /// The value of a URI query parameter (`name=value`, or `name` alone: an empty value) when it
    /// is one of ``secretParameters``, else nil. The name is compared percent-decoded, as libpq
    /// reads it (`pass%77ord` is `password` to libpq), and in any case.
    static func secretValue(ofParameter parameter: Substring) -> Substring? {
        let name = parameter.prefix { $0 != "=" }
        let decoded = (String(name).removingPercentEncoding ?? String(name)).lowercased()
        guard secretParameters.contains(decoded) else { return nil }
        return parameter.dropFirst(name.count + 1)
    }

    /// `message` with every password the URI holds (in the user part or as a `password` or
    /// `sslpassword` parameter, as written and percent-decoded) replaced by `***`: libpq quotes
    /// the token it could not read, and that token can be a password.
    func maskingPasswords(in message: String) -> String {
        var passwords: [String] = []
        if let schemeEnd = connectionURI.range(of: "://") {
            let rest = connectionURI[schemeEnd.upperBound...]
            let authority = rest[..<(rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex)]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                passwords.append(String(authority[authority.index(after: colon)..<at]))
            }
        }
        if let mark = connectionURI.firstIndex(of: "?") {
            let query = connectionURI[connectionURI.index(after: mark)...].prefix { $0 != "#" }
            for parameter in query.split(separator: "&") {
                if let value = PostgreSQLLocation.secretValue(ofParameter: parameter) { passwords.append(String(value)) }
            }
        }
        let spellings = Set(passwords.flatMap { [$0, $0.removingPercentEncoding ?? $0] }).filter { !$0.isEmpty }
        guard !spellings.isEmpty else { return message }
        // Only inside the quotes libpq puts around what it quotes (elsewhere a short password
        // would mask the letters of libpq's own words): a quoted URI loses its password as
        // `description` does, a token that is the password is masked whole, and a longer
        // password is masked wherever it stands.
        var parts = message.split(separator: "\"", omittingEmptySubsequences: false).map(String.init)
        for index in parts.indices where index % 2 == 1 {
            if parts[index].contains("://") { parts[index] = PostgreSQLLocation.withoutPassword(parts[index]) }
            if spellings.contains(parts[index]) {
                parts[index] = "***"
                continue
            }
            for spelling in spellings where spelling.count >= 4 {
                parts[index] = parts[index].replacingOccurrences(of: spelling, with: "***")
            }
        }
        return parts.joined(separator: "\"")
    }

    /// A URI or a store name that cannot be used.
    public struct LocationError: Error, CustomStringConvertible, Sendable {
        public let message: String
        public var description: String { message }
    }
}

/// Where a store is: a file (SQLite) or a schema in a PostgreSQL database.
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
    case file(path: String)
    case postgreSQL(PostgreSQLLocation)

    /// `text` as given to `--db` or in `ISNAD_DB`: a `postgresql://` or `postgres://` URI names a
    /// PostgreSQL store (`storeName` from `--store`), anything else a file.
    public init(_ text: String, storeName: String? = nil) throws(PostgreSQLLocation.LocationError) {
        if PostgreSQLLocation.isURI(text) {
            self = .postgreSQL(try PostgreSQLLocation(uri: text, storeName: storeName))
        } else {
            self = .file(path: text)
        }
    }

    /// The location as one shell word that `--db` (or `copy`'s FROM) reads back as this store,
    /// for a command a message gives to paste: a path quoted as the shell needs it (a space in
    /// it made two words), a PostgreSQL store as ``PostgreSQLLocation/uriNamingStore`` quoted
    /// (its `&` sent the command to the background).
    public var shellWord: String {
        switch self {
        case .file(let path): Text.printable(Text.shellWord(path))
        case .postgreSQL(let location): Text.printable(Text.shellWord(location.uriNamingStore))
        }
    }

    /// The path, or the URI without its password, as a message shows it (``Text/printable(_:keepingLineBreaks:)``:
    /// a line feed in a file's name must not start a line of its own).
    public var description: String {
        switch self {
        case .file(let path): Text.printableFileName(path)
        case .postgreSQL(let location): location.description
        }
    }
}
