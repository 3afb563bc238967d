extension QuoteLocator {
    /// Calls `body` with what a scalar is compared as, in a quote and in the text alike: the
    /// characters of typeset text that a keyboard does not type are the ones it does. An
    /// article sets ’ “ ” „ « » … œ æ – —, an analyst retyping it on an AZERTY or QWERTY
    /// keyboard types ' " ... oe ae -: the quote `s'est retiré` stands in `s’est retiré`,
    /// `"nous frapperons..."` in `« nous frapperons… »`, `Au coeur` in `Au cœur`, `finance` in
    /// the `ﬁnance` of a PDF, and the other way round. Letters are left as they are (an accent
    /// left out is another word).
    static func forEachTypographicEquivalent(of scalar: Unicode.Scalar, _ body: (Unicode.Scalar) -> Void) {
        // Most text is ASCII, and none of it is folded: read for each scalar of the text.
        guard scalar.value >= 0x80 else { return body(scalar) }
        switch scalar {
        // Apostrophes and single quotation marks (the modifier letter is the apostrophe of
        // transliterations, Jama’at; the prime is a common stand-in).
        case "\u{2019}", "\u{2018}", "\u{201A}", "\u{201B}", "\u{02BC}", "\u{2032}", "\u{2039}", "\u{203A}": body("'")
        // Double quotation marks, guillemets among them: a keyboard types ".
        case "\u{201C}", "\u{201D}", "\u{201E}", "\u{201F}", "\u{00AB}", "\u{00BB}", "\u{2033}": body("\"")
        case "\u{2026}": for _ in 0..<3 { body(".") }
        // Hyphen, non-breaking hyphen, figure dash, en and em dash, minus sign.
        case "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2212}": body("-")
        case "\u{0153}": body("o"); body("e")
        case "\u{0152}": body("O"); body("E")
        case "\u{00E6}": body("a"); body("e")
        case "\u{00C6}": body("A"); body("E")
        // The ligatures a PDF's text keeps (a leaked report, a panel's findings copied out of one).
        case "\u{FB00}": body("f"); body("f")
        case "\u{FB01}": body("f"); body("i")
        case "\u{FB02}": body("f"); body("l")
        case "\u{FB03}": body("f"); body("f"); body("i")
        case "\u{FB04}": body("f"); body("f"); body("l")
        case "\u{FB05}", "\u{FB06}": body("s"); body("t")
        default: body(scalar)
        }
    }

    /// Whether French typography sets a space between these two characters that a quote may
    /// leave out or type: inside « », and before : ; ! ? and » (a narrow no-break space in a
    /// typeset text, « nous frapperons » ; none in `"nous frapperons";` as typed). Left out on
    /// both sides, so that either stands for the other.
    static func isSpacedInFrench(after previous: Unicode.Scalar, before next: Unicode.Scalar) -> Bool {
        switch (previous, next) {
        case ("\u{00AB}", _), (_, "\u{00BB}"), (_, ":"), (_, ";"), (_, "!"), (_, "?"): true
        default: false
        }
    }
}
