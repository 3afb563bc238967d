/// The keys by which two sources or two citations are read as one voice (one document under two
/// ids, one outlet named two ways, one quote copied): each value with what says nothing about
/// who speaks set aside, so that a link shared with tracking parameters, or a quote copied without
/// its final full stop, is not taken for another voice. Only what never tells two documents or
/// two wordings apart is set aside: a url's path and other parameters, a quote's words and inner
/// punctuation are kept, so that a key shared is a question worth asking.
public enum SameVoice {
    /// What ends a sentence or a name without changing it, set aside at the end of a quote or a
    /// publisher (with spaces): the full stop, the ellipsis, the ideographic and Urdu full stops.
    /// Given to SQL's `rtrim` as it is (both engines trim these characters one by one), so that
    /// what the store groups and what ``quote(_:)`` and ``publisher(_:)`` compare agree.
    public static let endPunctuation = " .\u{2026}\u{3002}\u{06D4}"

    /// The query parameters that only say where a link was shared from: `utm_…` (any case), and
    /// the click ids Facebook and Google add.
    static func isTrackingParameter(_ name: Substring) -> Bool {
        let lowered = name.lowercased()
        return lowered.hasPrefix("utm_") || lowered == "fbclid" || lowered == "gclid"
    }

    /// A url as the document it names: ``webAddress(_:)``, or for a text that is no web address
    /// (another scheme, a note) the text trimmed of its outer spaces.
    public static func url(_ text: String) -> String {
        webAddress(text) ?? text.trimmingWhitespace
    }

    /// A web address as the document it names: without its scheme, http or https (one page
    /// either way), host in lower case without `www.` and without the default port, no
    /// `#fragment`, no tracking parameter (``isTrackingParameter(_:)``), no trailing `/`. The path
    /// and other parameters are kept as written: `/Story/1` and `/story/1` may be two pages. Nil
    /// for a text that neither starts with `http://`, `https://` (in any case) nor with `www.`.
    public static func webAddress(_ text: String) -> String? {
        var rest = Substring(text.trimmingWhitespace)
        if let separator = rest.range(of: "://") {
            let scheme = rest[..<separator.lowerBound].lowercased()
            guard scheme == "http" || scheme == "https" else { return nil }
            rest = rest[separator.upperBound...]
        } else if !rest.lowercased().hasPrefix("www.") {
            return nil
        }
        // A fragment names a place in the page, but `#!/` and `#/` name the page itself in a
        // site read by script (twitter.com/#!/user/status/1): those are kept.
        if let hash = rest.firstIndex(of: "#") {
            let fragment = rest[rest.index(after: hash)...]
            if !fragment.hasPrefix("!") && !fragment.hasPrefix("/") { rest = rest[..<hash] }
        }
        var query: Substring?
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        var host = rest[..<slash].lowercased()
        var path = rest[slash...]
        if host.hasPrefix("www.") { host.removeFirst(4) }
        for port in [":80", ":443"] where host.hasSuffix(port) { host.removeLast(port.count) }
        while path.last == "/" { path.removeLast() }
        let kept = (query ?? "").split(separator: "&").filter {
            !isTrackingParameter($0.prefix { $0 != "=" })
        }
        // `http://` or `www.` alone, a form's placeholder, names no document.
        guard !host.isEmpty else { return "" }
        return host + path + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&"))
    }

    /// A publisher as the one outlet or body it names: outer spaces and ``endPunctuation`` at its
    /// end set aside, in lower case ("Sky News Arabia." is "sky news arabia").
    public static func publisher(_ text: String) -> String {
        quote(text.trimmingWhitespace).lowercased()
    }

    /// A quote as the words it gives: ``endPunctuation`` at its end set aside, nothing else (a
    /// quote with its final full stop and the same without it are one quote).
    public static func quote(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars
        while let last = scalars.last, endPunctuation.unicodeScalars.contains(last) { scalars.removeLast() }
        return String(scalars)
    }
}
