import Testing

@testable import IsnadKit

@Suite("Name folding")
struct NameKeyTests {
    @Test(
        "spellings of one name fold alike",
        arguments: [
            ("Abu Bakr al-Baghdadi", "Abou Bakr el Baghdaddi"),
            ("Ḥamās", "HAMAS"),
            ("حَمَاس", "حماس"),
            ("أبو بكر البغدادي", "ابو بكر البغدادي"),
            ("إسلام", "اسلام"),
            ("ولاية سيناء", "ولايه سيناء"),
            ("مصطفى", "مصطفي"),
            ("القسّام", "قسام"),
            ("داعـــش", "داعش"),
            ("Abdel Rahman", "Abd al-Rahman"),
            ("Shadi el-Menei", "Shadi al Menei"),
            ("Abdelkader", "Abd el-Kader"), ("Abdulmalik", "Abd al-Malik"),
            ("عبدالله عزام", "عبد الله عزام"), ("عبدالرحمن", "عبد الرحمن"), ("أسامة ابن لادن", "أسامة بن لادن"),
            ("إبن تيمية", "ابن تيمية"),
        ])
    func sameFold(_ a: String, _ b: String) {
        #expect(NameKey.fold(a) == NameKey.fold(b), "\(NameKey.fold(a)) ≠ \(NameKey.fold(b))")
    }

    @Test("different names stay apart")
    func different() {
        #expect(NameKey.fold("Hamas") != NameKey.fold("Hezbollah"))
        #expect(NameKey.fold("حماس") != NameKey.fold("داعش"))
        // Abd alone, or before a name without the article, stays one word.
        #expect(NameKey.fold("عبدالي") != NameKey.fold("عبد الي"))
        #expect(NameKey.fold("عبد") == "عبد")
    }

    @Test("normalize keeps the transliteration but drops case, marks and punctuation")
    func normalize() {
        #expect(NameKey.normalize("Abū Bakr al-Baghdādī") == "abu bakr al baghdadi")
        #expect(NameKey.normalize("تنظيم  الدولة!") == "تنظيم الدوله")
        #expect(NameKey.normalize("٢٠١٧") == "2017")
    }

    @Test(
        "an acronym written with dots is one word; initials with spaces, and a dot before a word, are not",
        arguments: [
            ("I.S.I.S.", "isis"), ("U.S.", "us"), ("U.S", "us"), ("U.S.Army", "us army"), ("the I.R.G.C.'s men", "the irgcs men"),
            ("J. R. R. Tolkien", "j r r tolkien"), ("A. Smith", "a smith"), ("e.g.Hamas", "eg hamas"), ("St.Louis", "st louis"),
            ("Ḥ.M.S.", "hms"), ("ح.م.س", "حمس"),
        ])
    func dottedInitials(_ text: String, _ normalized: String) {
        #expect(NameKey.normalize(text) == normalized, "\(text)")
    }

    @Test(
        "initials written apart fold as those written with dots; a letter alone and digits stay; a name of articles only keeps them"
    )
    func initialsAndArticles() {
        #expect(NameKey.fold("G. W. Bush") == NameKey.fold("G.W. Bush"))
        #expect(NameKey.fold("G W Bush") == "gw bush")
        #expect(NameKey.fold("J. R. R. Tolkien") == NameKey.fold("J.R.R. Tolkien"))
        #expect(NameKey.fold("A. Q. Khan") == NameKey.fold("A.Q. Khan"))
        #expect(NameKey.fold("Ahmad b. Ali") == "ahmad b ali")
        #expect(NameKey.fold("Brigade 1 2") == "brigadi 1 2")
        #expect(NameKey.fold("ح. م. س") == NameKey.fold("ح.م.س"))
        #expect(NameKey.fold("The") == "thi")
        #expect(NameKey.fold("The The") == "thi thi")
        #expect(NameKey.fold("the Gaza Strip") == "gaza strip")
    }

    @Test(
        "only the marks a name may be written without fold away: Indic vowel signs and Thai tone marks are letters; a name of no letter is its own key"
    )
    func marksOfEachScript() {
        #expect(NameKey.fold("राज") != NameKey.fold("राजू"))
        #expect(NameKey.fold("ข้าว") != NameKey.fold("ขาว"))
        #expect(NameKey.normalize("इस्लामिक स्टेट").split(separator: " ").count == 2)
        #expect(NameKey.normalize("שָׁלוֹם") == NameKey.normalize("שלום"))
        #expect(NameKey.normalize("Zoë") == "zoe")
        #expect(NameKey.normalize("حَمَاس") == "حماس")
        #expect(NameKey.fold("🚀🚀🚀") == "🚀🚀🚀")
        #expect(NameKey.fold("★  ★") == "★ ★")
        #expect(NameKey.consonants(ofFolded: NameKey.fold("🚀")) == nil)
    }
}

@Suite("Consonant keys: a name in Arabic letters and its transliterations")
struct ConsonantKeyTests {
    static func key(_ name: String) -> String? { NameKey.consonants(ofFolded: NameKey.fold(name)) }

    @Test(
        "an Arabic name and the ways it is transliterated meet",
        arguments: [
            ("حزب الله", "Hezbollah"), ("حزب الله", "Hizbullah"), ("حزب الله", "Hizb Allah"),
            ("حماس", "Hamas"), ("سرايا القدس", "Saraya al-Quds"), ("القاعدة", "al-Qaeda"),
            ("القاعدة", "Al Qaida"), ("داعش", "Daesh"), ("داعش", "Da'ish"), ("أبو بكر البغدادي", "Abu Bakr al-Baghdadi"),
            ("أبو بكر البغدادي", "Abou Bakr el-Baghdadi"), ("شادي المنيعي", "Shadi al-Menei"),
            ("مصعب جميل مطاوع", "Mus'ab Jamil Mutawa"), ("عصام صالح", "Essam Saleh"), ("عصام صالح", "Issam Salih"),
            ("رائد صلاح", "Raed Salah"), ("الخضيرة", "Khudeira"), ("غزة", "Gaza"), ("كتائب القسام", "Kataib al-Qassam"),
            ("محمد", "Mohammed"), ("محمود", "Mahmoud"), ("عبد الله", "Abdullah"), ("عبد الله", "Abd Allah"),
            ("جمال", "Gamal"), ("الشباب", "al-Shabaab"), ("الشباب", "Chabab"), ("الجهاد", "Djihad"),
            // An alif with hamza before a lam begins the name; it is no article.
            ("إلهام أحمد", "Ilham Ahmed"), ("ألبانيا", "Albania"), ("إلياس كشميري", "Ilyas Kashmiri"),
            ("الحق", "al-Haqq"), ("الحديدة", "Hodeidah"),
            // Abd glued to its article and the name.
            ("عبد القادر", "Abdelkader"), ("عبد الملك الحوثي", "Abdulmalik al-Houthi"), ("عبد الله", "Abdallah"),
        ])
    func meet(_ arabic: String, _ latin: String) {
        #expect(Self.key(arabic) != nil)
        #expect(Self.key(arabic) == Self.key(latin), "\(Self.key(arabic) ?? "nil") ≠ \(Self.key(latin) ?? "nil")")
    }

    @Test("different names keep different keys; marks, shadda and tatweel change nothing")
    func apart() {
        #expect(Self.key("حماس") != Self.key("Hezbollah"))
        #expect(Self.key("سرايا القدس") != Self.key("Saraya al-Aqsa"))
        #expect(Self.key("مُحَمَّد") == Self.key("محمد"))
        #expect(Self.key("داعـــش") == Self.key("داعش"))
        #expect(Self.key("Hezbollah") == "zbl")
        #expect(Self.key("محمد") != Self.key("أحمد"))
        #expect(NameKey.fold("إلهام") != NameKey.fold("الهام"))
        #expect(Self.key("اتفاق 2017") == "tfk2017")
    }

    @Test(
        "a word in the construct state is found typed either way: Jabhat for جبهة, and جبهة for Jabhat",
        arguments: [
            ("جبهة النصرة", "Jabhat al-Nusra"), ("ولاية سيناء", "Wilayat Sinai"), ("حركة الشباب", "Harakat al-Shabaab"),
            ("جماعة نصرة الإسلام والمسلمين", "Jama'at Nusrat al-Islam wal-Muslimin"),
            ("هيئة تحرير الشام", "Hay'at Tahrir al-Sham"),
        ])
    func constructState(_ arabic: String, _ latin: String) throws {
        let arabicKey = try #require(Self.key(arabic))
        let latinKey = try #require(Self.key(latin))
        #expect(NameKey.consonantKeys(ofTyped: NameKey.fold(latin)).contains(arabicKey))
        #expect(NameKey.consonantKeys(ofTyped: NameKey.fold(arabic)).contains(latinKey))
        // The key as written comes first; a t that Arabic writes (Beirut, بيروت) needs no other reading.
        #expect(NameKey.consonantKeys(ofTyped: NameKey.fold(latin)).first == latinKey)
        #expect(Self.key("Beirut") == Self.key("بيروت"))
    }

    @Test(
        "a typed name is also looked up with dh read as ظ and g as ق",
        arguments: [("أبو ظبي", "Abu Dhabi"), ("القذافي", "Gaddafi"), ("قاسم سليماني", "Ghasem Soleimani")])
    func otherReadings(_ arabic: String, _ latin: String) throws {
        let arabicKey = try #require(Self.key(arabic))
        #expect(Self.key(latin) != arabicKey)
        let typed = NameKey.consonantKeys(ofTyped: NameKey.fold(latin))
        #expect(typed.contains(arabicKey), "\(typed)")
        #expect(NameKey.consonantKeys(ofTyped: NameKey.fold("Harakat Harakat Harakat Harakat Jabhat")).count == 8)
    }

    @Test("a name of vowels only has no key")
    func vowelsOnly() {
        #expect(Self.key("Aya") == nil)
        #expect(Self.key("آية") == nil)
        #expect(Self.key("") == nil)
    }
}

@Suite("Close spellings")
struct CloseSpellingTests {
    private static func close(_ a: String, _ b: String) -> Bool {
        NameKey.areCloseSpellings(folded: NameKey.fold(a), NameKey.fold(b))
    }

    @Test(
        "one name as French and English sources write it (ch sh, dj j, ou w, y i, ei ay): close spellings",
        arguments: [
            ("Iyad Ag Ghaly", "Iyad ag Ghali"), ("Djamel Okacha", "Jamal Okasha"), ("Yahia Djouadi", "Yahya Jawadi"),
            ("Abou Zeid", "Abu Zayd"), ("Ali Maychou", "Ali Mayshu"), ("Abou Houzeifa", "Abu Huzaifa"),
            ("Ismail Haniya", "Ismaïl Haniyé"),
        ])
    func frenchAndEnglish(_ french: String, _ english: String) {
        #expect(Self.close(french, english))
        #expect(Self.close(english, french))
    }

    @Test(
        "other names are not: another name, a feminine, one letter apart with few consonants, another script",
        arguments: [
            ("Ali Hamid", "Ali Hamad"), ("Samir Haddad", "Samira Haddad"), ("Mohammed Abbas", "Mahmoud Abbas"),
            ("Mary Jones", "Mark Jones"), ("Person 1", "Person 2"), ("Abu Zayd", "Abu Zayed al-Masri"),
            ("Iyad ag Ghali", "إياد أغ غالي"), ("Yahia Djouadi", "Yahia Djaouadi Kader"), ("Ali", "Aly"),
            ("Said Ali", "Sid Ali"), ("Saïd Ali", "Sid Ali"),
        ])
    func others(_ a: String, _ b: String) {
        #expect(!Self.close(a, b))
    }

    @Test(
        "an ai in a word's first syllable is two vowels, not French ei (Said, Saïd; Sidi, an honorific): not written alike",
        arguments: [
            ("Said Ali", "Sid Ali"), ("Saïdi Mohamed", "Sidi Mohamed"), ("Saidi Mohamed", "Sidi Mohamed"),
            ("Rais Hamidou", "Ris Hamidou"), ("Raïs Hamidou", "Ris Hamidou"),
        ])
    func twoVowels(_ a: String, _ b: String) {
        let key = { NameKey.transcriptionKey(ofFolded: NameKey.fold($0)) }
        #expect(key(a) != key(b))
    }

    @Test("the transcription key makes the two conventions one, and leaves Arabic letters as they are")
    func transcription() {
        let key = { NameKey.transcriptionKey(ofFolded: NameKey.fold($0)) }
        #expect(key("Iyad Ag Ghaly") == "iad ag ghali")
        #expect(key("Djamel Okacha") == "jamil ukasha")
        #expect(key("Yahia Djouadi") == key("Yahya Jawadi"))
        #expect(key("Ouahid") == key("Wahid"))
        #expect(key("Abou Zeid") == "abu zid" && key("Abu Zayd") == "abu zid" && key("Ali Maychou") == key("Ali Mayshu"))
        #expect(key("Ayad") == "aiad")
        #expect(key("حماس") == NameKey.fold("حماس"))
    }
}

@Suite("Suggestions")
struct SuggestionTests {
    @Test("typos, swaps included, find their word; unrelated words do not")
    func nearest() {
        #expect(Suggestion.nearest(to: "shwo", among: ["show", "stats"]) == "show")
        #expect(Suggestion.nearest(to: "hamass", among: ["hamas", "isis"]) == "hamas")
        #expect(Suggestion.nearest(to: "G", among: ["A", "B"]) == nil)
        #expect(Suggestion.nearest(to: "zzzz", among: ["show"]) == nil)
        // Another case is no typo: the word itself, however long.
        #expect(
            Suggestion.nearest(to: "HAMAS-FUNDED-ISIS", among: ["hamas-funded-isi", "hamas-funded-isis"]) == "hamas-funded-isis")
        #expect(Suggestion.nearest(to: "SHOW", among: ["show", "stats"]) == "show")
        #expect(Suggestion.nearest(to: "HAMAZ", among: ["hamas", "isis"]) == "hamas")
    }
}

@Suite("Ids made from names")
struct DerivedIDTests {
    @Test(
        "a new record's id is the slug of its name in Latin letters, transliterated, marks left out",
        arguments: [
            ("Abu Bakr al-Baghdadi", "abu-bakr-al-baghdadi"),
            ("Ḥamās", "hamas"),
            ("Hamas (حماس)", "hamas-hmas"),
            ("سرايا القدس", "sraya-alqds"),
            ("كتائب عز الدين القسام", "ktayb-az-aldyn-alqsam"),
            ("أبو بكر البغدادي", "abw-bkr-albghdady"),
            ("حركة الجهاد الإسلامي", "hrka-aljhad-alaslamy"),
            ("بيان حماس حول عملية الخضيرة 2022", "byan-hmas-hwl-amlya-alkhdyra-2022"),
            ("سعيد", "sayd"),
            ("سيد", "syd"),
            ("عبد الله", "abd-allh"),
            ("مُحَمَّد", "mhmd"),
            ("محمّد", "mhmd"),
            ("داعـــش", "daash"),
            ("ٱلرحمن", "alrhmn"),
            ("חמאס", "hms"),
            ("Хезболла", "hezbolla"),
            ("★ ★", ""),
        ])
    func derived(_ name: String, _ id: String) {
        #expect(Identifier.derived(fromName: name) == id)
        if !id.isEmpty { #expect(Identifier.isValid(id)) }
    }

    @Test("a long name makes an id cut to 200 characters that ends on a letter, not a hyphen")
    func longName() {
        for name in [String(repeating: "حركة ", count: 120), String(repeating: "abcd ", count: 120)] {
            let id = Identifier.derived(fromName: name)
            #expect(id.utf8.count <= Identifier.maximumLength)
            #expect(Identifier.isValid(id), "\(id)")
        }
    }
}

@Suite("Look-alike names")
struct LookAlikeTests {
    @Test(
        "a zero-width joiner or non-joiner doing its work is no look-alike: Persian, Devanagari, emoji; between Latin letters it is"
    )
    func joinersInUse() {
        for name in ["می\u{200C}خواهم", "क्\u{200D}ष", "👩\u{200D}👩\u{200D}👧", "🏳\u{FE0F}\u{200D}🌈"] {
            #expect(!NameLookAlike.problems(in: name).contains { $0.contains("invisible") }, "\(name)")
        }
        for name in ["Ha\u{200D}mas", "Ha\u{200C}mas", "\u{200C}حماس", "Hamas\u{200B}"] {
            #expect(NameLookAlike.problems(in: name).contains { $0.contains("invisible") }, "\(name)")
        }
    }

    @Test("a compatibility form is named by its code point: a no-break space or hyphen reads as the plain one")
    func compatibilityFormNamed() {
        #expect(NameLookAlike.problems(in: "Anne\u{2011}Marie").first?.contains("hyphen: U+2011)") == true)
        #expect(NameLookAlike.problems(in: "Anne\u{A0}Marie").first?.contains("hyphen: U+00A0)") == true)
        #expect(NameLookAlike.problems(in: "\u{FF22}ob").first?.contains(": U+FF22)") == true)
        #expect(NameLookAlike.problems(in: "Anne-Marie").isEmpty)
    }
}
