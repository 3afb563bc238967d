import Foundation
import Testing

@testable import IsnadKit

@Suite("Partial dates")
struct PartialDateTests {
    @Test(
        "a year of the first hundred typed (0022) is noted where a date is typed by hand; 0622 is a year; a record's year 0001 stays valid"
    )
    func leadingZeroYear() throws {
        #expect(
            PartialDate.leadingZeroYearNote(forTyped: "0022")
                == "the year 0022 is the year 22, typed with leading zeros: write the year whole (2022? or 1922?); a date in the first hundred years goes in a record file"
        )
        #expect(PartialDate.leadingZeroYearNote(forTyped: "٠٠٢٢-٠٣")?.hasPrefix("the year 0022 is the year 22") == true)
        for text in ["2022", "2022-03-05", "22", "0000", "", "mid-2020", "0622", "0999-12", "0100"] {
            #expect(PartialDate.leadingZeroYearNote(forTyped: text) == nil, "\(text)")
        }
        #expect(try PartialDate(parsing: "0022").year == 22)
    }

    @Test("valid dates keep their precision and text", arguments: ["2014", "2014-05", "2014-05-12", "2016-02-29", "0001"])
    func valid(_ text: String) throws {
        let date = try PartialDate(parsing: text)
        #expect(date.description == text)
    }

    @Test(
        "invalid dates are refused",
        arguments: [
            "2014-13", "2014-02-30", "2015-02-29", "2014-00", "2014-1", "14", "2014-05-1", "2014/05", "", "abcd", "0000",
            "2014-04-31",
        ])
    func invalid(_ text: String) {
        #expect(throws: PartialDateError.self) { try PartialDate(parsing: text) }
    }

    @Test("text order is time order, coarser dates first")
    func ordering() throws {
        let dates = try ["2014-05-12", "2014", "2014-06", "2014-05"].map(PartialDate.init(parsing:))
        #expect(dates.sorted().map(\.description) == ["2014", "2014-05", "2014-05-12", "2014-06"])
    }

    @Test("a partial date covers its whole period")
    func bounds() throws {
        #expect(try PartialDate(parsing: "2014").firstDay == "2014-01-01")
        #expect(try PartialDate(parsing: "2014").lastDay == "2014-12-31")
        #expect(try PartialDate(parsing: "2016-02").lastDay == "2016-02-29")
        #expect(try PartialDate(parsing: "2014-05-12").lastDay == "2014-05-12")
    }

    @Test("the days as numbers compare as the days' text does")
    func dayNumbers() throws {
        let dates = try ["0001", "0999-12", "2014", "2014-05", "2014-05-12", "2016-02", "2016-02-29", "2100-02", "9999-12-31"]
            .map(PartialDate.init(parsing:))
        for date in dates {
            #expect(date.firstDayNumber == Int32(date.firstDay.replacingOccurrences(of: "-", with: "")))
            #expect(date.lastDayNumber == Int32(date.lastDay.replacingOccurrences(of: "-", with: "")))
            for other in dates {
                #expect((date.firstDayNumber < other.lastDayNumber) == (date.firstDay < other.lastDay))
                #expect((date.lastDayNumber < other.firstDayNumber) == (date.lastDay < other.firstDay))
            }
        }
    }

    @Test(
        "a date a spreadsheet or a habit wrote otherwise is refused with how to write it",
        arguments: [
            ("27/03/2022", " (day first? write 2022-03-27)"),
            ("03/27/2022", " (month first? write 2022-03-27)"),
            ("03/04/2022", " (write 2022-04-03 if the day comes first, 2022-03-04 if the month does)"),
            ("27.03.2022", " (day first? write 2022-03-27)"),
            ("2022/03/27", " (write 2022-03-27)"),
            ("2022-3-7", " (write 2022-03-07)"),
            ("44647", " (a spreadsheet's day number? format the column as text and write YYYY-MM-DD)"),
            ("Mar-22", " (a spreadsheet's month? write 2022-03)"),
            ("yesterday", ""),
            // As French (and English) analysts write a date in prose.
            ("30 septembre 2019", " (write 2019-09-30)"), ("sept. 2019", " (write 2019-09)"),
            ("1er août 2020", " (write 2020-08-01)"), ("30 SEPT. 2019", " (write 2019-09-30)"),
            ("décembre 2019", " (write 2019-12)"), ("fevrier 2020", " (write 2020-02)"),
            ("September 30, 2019", " (write 2019-09-30)"), ("Sept 2019", " (write 2019-09)"),
            ("31 février 2019", ""), ("jui 2019", ""), ("30 septembre", ""), ("septembre 30 2019 x", ""),
            // Only a date that exists is suggested.
            ("31/02/2022", ""), ("Mar-5", ""), ("0/0/2022", ""), ("04/04/2022", " (write 2022-04-04)"),
            // A suggestion whose own parse would suggest again, without end (a fuzzer's finding: the stack overflowed).
            ("2024-0-2929", ""),
        ])
    func hints(_ text: String, _ hint: String) {
        #expect(throws: PartialDateError(text: text, reason: "expected YYYY, YYYY-MM or YYYY-MM-DD" + hint)) {
            try PartialDate(parsing: text)
        }
    }
}
