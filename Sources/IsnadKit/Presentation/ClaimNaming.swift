/// Claims named in a sentence, each with what tells it apart (its dates, the rows that cite
/// it): `claim "c-1" (2022-10)`, `claims "c-1" (2022-10) and "c-2" (2022-10-12)`, or the first
/// three and how many more. `add claim` and a sheet's import name the claims that state one
/// relationship apart so.
public enum ClaimNaming {
    public static func claims(_ claims: [(id: String, detail: String)]) -> String {
        let shown = claims.prefix(3).map { "\"\(Text.printable($0.id))\" (\($0.detail))" }
        switch claims.count {
        case 0: return "no claim"
        case 1: return "claim \(shown[0])"
        case 2, 3: return "claims \(shown.dropLast().joined(separator: ", ")) and \(shown[shown.count - 1])"
        default: return "claims \(shown.joined(separator: ", ")) and \(claims.count - 3) more"
        }
    }
}
