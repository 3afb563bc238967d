/// The language a name is most likely in, from its script alone: what an alias is marked with
/// when nothing else says (a name read from STIX or FtM, an entity's name kept as an alias of
/// the entity it was merged into).
public enum NameLanguage {
    /// The language a name is most likely in, from its script: Arabic, Hebrew, else English. In
    /// the Arabic script, letters Arabic does not use tell Urdu (ٹ ڈ ڑ ں ھ ہ ے) and Persian (پ چ ژ
    /// گ ک ی) apart.
    public static func of(_ name: String) -> String {
        var script: String?
        for scalar in name.unicodeScalars {
            switch scalar.value {
            case 0x0679, 0x0688, 0x0691, 0x06BA, 0x06BE, 0x06C1, 0x06D2: return "ur"
            case 0x067E, 0x0686, 0x0698, 0x06AF, 0x06A9, 0x06CC: script = "fa"
            case 0x0600...0x06FF, 0x0750...0x077F, 0x08A0...0x08FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF:
                if script == nil { script = "ar" }
            case 0x0590...0x05FF: if script == nil { return "he" }
            default: continue
            }
        }
        return script ?? "en"
    }
}
