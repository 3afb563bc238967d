import Foundation
import Testing

@testable import IsnadKit

@Suite("Finding a quote in a source's text")
struct QuoteLocatorTests {
    static let text = """
        وقالت الشرطة إن العملية نُفّذت ضدّ جنود اسرائيليين
        في الخضيرة، وإن داعـــش أعلن مسؤوليته.
        Police said the attack was a résumé of earlier ones.

        """

    @Test(
        "a quote stands in the text whatever its optional marks, tatweel, line breaks and composition",
        arguments: [
            ("ضد جنود اسرائيليين", 1, 1),  // the text has a shadda
            ("نفذت ضدّ", 1, 1),  // the text has a damma and a shadda on نُفّذت
            ("اسرائيليين في الخضيرة", 1, 2),  // across the line break
            ("وإن داعش أعلن", 2, 2),  // the text has tatweel
            ("وإن داعش أعلن".decomposedStringWithCanonicalMapping, 2, 2),  // hamza as a separate mark
            ("وان داعش اعلن", 2, 2),  // hamza above and below are marks a writer may leave out
            ("a résumé of", 3, 3),
        ])
    func found(_ quote: String, _ first: Int, _ last: Int) throws {
        let lines = try #require(QuoteLocator.lines(of: quote, in: QuoteLocatorTests.text))
        #expect(lines == (first, last))
    }

    @Test(
        "another letter, or a Latin accent left out, is not the quote",
        arguments: ["صد جنود", "ضد جنود اسرائيلين", "a resume of", "ـــ", ""])
    func notFound(_ quote: String) {
        #expect(QuoteLocator.lines(of: quote, in: QuoteLocatorTests.text) == nil)
    }
}
