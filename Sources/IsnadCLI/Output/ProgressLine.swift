import Foundation
import IsnadKit

/// One line on standard error that rewrites itself while an import runs (only on a terminal).
/// A terminal that takes no escape sequences (`TERM=dumb`: an editor's shell, a CI log) gets
/// the line written over with spaces instead.
///
/// The line is never as wide as the terminal (``text(for:width:)``): a line the terminal
/// wrapped would be erased only on its last row, and every update would leave the rows above
/// it behind, a screen of stale `importing …` lines.
final class ProgressLine {
    private let isEnabled: Bool
    private let erasesByEscape: Bool
    private let width: () -> Int?
    private let write: (String) -> Void
    private var lastUpdate = Date.distantPast
    private var shown = false
    private var shownWidth = 0

    /// `width`: how wide the terminal is now, in cells (nil: as wide as the line).
    init(
        isEnabled: Bool, erasesByEscape: Bool = true, width: @escaping () -> Int? = { nil },
        write: @escaping (String) -> Void
    ) {
        self.isEnabled = isEnabled
        self.erasesByEscape = erasesByEscape
        self.width = width
        self.write = write
    }

    /// What takes the cursor to the start of the line and clears it.
    private var erasing: String {
        erasesByEscape ? "\r\u{1B}[K" : "\r" + String(repeating: " ", count: shownWidth) + "\r"
    }

    func update(_ progress: Importer.Progress) {
        guard isEnabled, Date().timeIntervalSince(lastUpdate) > 0.2 else { return }
        lastUpdate = Date()
        let shownText = ProgressLine.text(for: progress, width: width())
        write(erasing + shownText)
        shownWidth = DisplayWidth.of(shownText)
        shown = true
    }

    func clear() {
        if shown { write(erasing) }
        shown = false
        shownWidth = 0
    }

    /// The fewest cells of an input's name worth showing: fewer, and the line leaves it out.
    static let shortestName = 16

    /// The line for `progress` on a terminal `width` cells wide, narrower than it by a cell (a
    /// line that reaches the last column leaves some terminals' cursor on the next row):
    /// `importing NAME: N records (P%)` when it fits, else with the name shortened in its middle
    /// (`importing /work/rev…import-job.jsonl: …`), else the name alone shortened
    /// (`a-rath…job.jsonl: 45056 records (20%)`), else `45056 records (20%)`, cut as a last resort.
    static func text(for progress: Importer.Progress, width: Int?) -> String {
        var count = "\(progress.records) records"
        if let total = progress.totalBytes, total > 0 {
            count += " (\(min(100, progress.bytesRead * 100 / total))%)"
        }
        let name = Text.printable(progress.input)
        let full = "importing \(name): \(count)"
        guard let width else { return full }
        let room = width - 1
        if DisplayWidth.of(full) <= room { return full }
        for (before, after) in [("importing ", ": " + count), ("", ": " + count)] {
            let nameRoom = room - DisplayWidth.of(before) - DisplayWidth.of(after)
            if nameRoom >= shortestName { return before + DisplayWidth.shortenedInMiddle(name, to: nameRoom) + after }
        }
        return room > 0 ? DisplayWidth.truncate(count, to: room) : ""
    }
}
