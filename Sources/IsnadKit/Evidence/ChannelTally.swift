/// How many claims rest on one channel, and what those channels pass through, most claims
/// first: `30 of 31 claims rest on one channel: 28 all through hadera-2022-article (E), 2
/// through abu-maram-document (F)`; `1 of 2 supported claims rests on one channel, through
/// hadera-2022-article (E)`. Counted one claim at a time, so that `show` and a figure that
/// streams its claims (``DOTWriter``, the HTML view) say it in the same words; it holds a count
/// per common link, never the claims.
public struct ChannelTally: Sendable {
    private var supported = 0
    private var single = 0
    private var links: [String: Int] = [:]
    private var withoutLink = 0

    public init() {}

    public mutating func add(_ weight: ClaimWeight) {
        guard weight.supportingChannels > 0 else { return }
        supported += 1
        guard weight.supportingChannels == 1 else { return }
        single += 1
        if let link = weight.commonLink?.label { links[link, default: 0] += 1 } else { withoutLink += 1 }
    }

    /// Nil when no claim has support.
    public var summary: String? {
        guard supported > 0 else { return nil }
        guard single > 0 else {
            return supported == 1
                ? "the one supported claim has two or more independent channels"
                : "every one of the \(supported) supported claims has two or more independent channels"
        }
        let links = self.links.map { (label: $0.key, count: $0.value) }.sorted { ($1.count, $0.label) < ($0.count, $1.label) }
        var parts = links.enumerated().map { index, link in "\(link.count) \(index == 0 ? "all " : "")through \(link.label)" }
        if withoutLink > 0 { parts.append("\(withoutLink) with no single common link") }
        let all =
            single < supported
            ? "\(single) of \(supported) supported claims \(single == 1 ? "rests" : "rest")"
            : supported == 1 ? "the one supported claim rests" : "all \(supported) supported claims rest"
        if restsOnOneLink, let link = links.first {
            return "\(all) on one channel, all through \(link.label)"
        }
        // One claim of several: its channel named without a count ("1 all through …").
        if single == 1 {
            return "\(all) on one channel, " + (links.first.map { "through \($0.label)" } ?? "with no single common link")
        }
        return "\(all) on one channel: " + parts.joined(separator: ", ")
    }

    /// Every supported claim rests on one channel, and every one of them passes through the same
    /// source: the whole picture is as strong as that source.
    public var restsOnOneLink: Bool {
        supported > 0 && single == supported && links.count == 1 && withoutLink == 0
    }

    /// ``summary`` when every supported claim rests on one channel through one source
    /// (``restsOnOneLink``), the caveat a figure carries under its title:
    /// `all 33 supported claims rest on one channel, all through hadera-2022-article (E)`.
    public var oneLinkCaveat: String? { restsOnOneLink ? summary : nil }
}
