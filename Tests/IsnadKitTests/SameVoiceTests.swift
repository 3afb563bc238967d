import Testing

@testable import IsnadKit

/// ``SameVoice``: the keys by which `check` and source lookup read two values as one voice.
@Suite("One voice, written two ways")
struct SameVoiceTests {
    @Test(
        "urls of one document read alike: scheme, host case, www., default port, trailing slash, fragment, tracking parameters",
        arguments: [
            ("https://example.org/story/1", "https://example.org/story/1?utm_source=tw"),
            ("https://example.org/story/1", "http://www.example.org/story/1/"),
            ("https://example.org/story/1", "https://EXAMPLE.org/story/1#x"),
            ("https://example.org/story/1", "  HTTPS://Www.Example.ORG:443/story/1/?UTM_Medium=a&fbclid=b#top "),
            ("https://example.org/story?id=7", "https://example.org/story/?utm_campaign=c&id=7"),
            ("https://example.org/story/1", "www.example.org/story/1"),
            ("https://example.org", "http://example.org/"),
        ])
    func sameURL(_ a: String, _ b: String) {
        #expect(SameVoice.url(a) == SameVoice.url(b), "\(SameVoice.url(a)) ≠ \(SameVoice.url(b))")
    }

    @Test(
        "urls of two documents stay apart: path case, other parameters, another host or scheme",
        arguments: [
            ("https://example.org/story/1", "https://example.org/Story/1"),
            ("https://example.org/story?id=7", "https://example.org/story?id=8"),
            ("https://example.org/story/1", "https://news.example.org/story/1"),
            ("https://example.org/story/1", "https://example.org/story/12"),
            ("https://example.org:8080/a", "https://example.org/a"),
            ("ftp://example.org/a", "https://example.org/a"),
            // A page a script reads from its fragment: two pages.
            ("https://twitter.com/#!/AlqassamBrigade/status/111", "https://twitter.com/#!/IDFSpokesperson/status/222"),
            ("https://example.org/#/a", "https://example.org/#/b"),
        ])
    func otherURL(_ a: String, _ b: String) {
        #expect(SameVoice.url(a) != SameVoice.url(b))
    }

    @Test("only a web address is read as one: another text is itself, trimmed")
    func webAddress() {
        #expect(SameVoice.webAddress("https://www.example.org/a/") == "example.org/a")
        #expect(SameVoice.webAddress("Long War Journal") == nil)
        #expect(SameVoice.webAddress("mailto:desk@example.org") == nil)
        #expect(SameVoice.url(" FTP://Example.org/A ") == "FTP://Example.org/A")
        // A placeholder names no document.
        for placeholder in ["http://", "https://", "www.", "https:///path"] {
            #expect(SameVoice.webAddress(placeholder) == "", "\(placeholder)")
        }
        #expect(SameVoice.webAddress("https://example.org/a#section-2") == "example.org/a")
    }

    @Test(
        "publishers and quotes differing in case (publishers), outer spaces or end punctuation read alike",
        arguments: [
            ("Sky News Arabia", "Sky News Arabia."), ("Sky News Arabia", " sky news arabia "),
            ("Sky News Arabia", "SKY NEWS ARABIA…"), ("المدن", "المدن۔"),
        ])
    func samePublisher(_ a: String, _ b: String) {
        #expect(SameVoice.publisher(a) == SameVoice.publisher(b))
    }

    @Test("a quote is read without its final full stop or ellipsis; its words, case and inner punctuation are kept")
    func quote() {
        #expect(
            SameVoice.quote("Hamas paid Wilayat Sinai fighters in 2016.")
                == SameVoice.quote("Hamas paid Wilayat Sinai fighters in 2016"))
        #expect(SameVoice.quote("They met... ") == "They met")
        #expect(SameVoice.quote("He said: no.") != SameVoice.quote("He said no"))
        #expect(SameVoice.quote("Hamas paid.") != SameVoice.quote("hamas paid"))
        #expect(SameVoice.quote("Did they pay?") != SameVoice.quote("Did they pay"))
        #expect(SameVoice.quote("...") == "")
    }
}
