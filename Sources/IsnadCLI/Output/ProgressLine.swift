import Foundation
import IsnadKit

/// One line on standard error that rewrites itself while an import runs (only on a terminal).
/// A terminal that takes no escape sequences (`TERM=dumb`: an editor's shell, a CI log) gets
/// the line written over with spaces instead.
final class ProgressLine {
    private let isEnabled: Bool
    private let erasesByEscape: Bool
    private let write: (String) -> Void
    private var lastUpdate = Date.distantPast
    private var shown = false
    private var shownWidth = 0

    init(isEnabled: Bool, erasesByEscape: Bool = true, write: @escaping (String) -> Void) {
        self.isEnabled = isEnabled
        self.erasesByEscape = erasesByEscape
        self.write = write
    }

    /// What takes the cursor to the start of the line and clears it.
    private var erasing: String {
        erasesByEscape ? "\r\u{1B}[K" : "\r" + String(repeating: " ", count: shownWidth) + "\r"
    }

    func update(_ progress: Importer.Progress) {
        guard isEnabled, Date().timeIntervalSince(lastUpdate) > 0.2 else { return }
        lastUpdate = Date()
        var text = "importing \(progress.input): \(progress.records) records"
        if let total = progress.totalBytes, total > 0 {
            text += " (\(min(100, progress.bytesRead * 100 / total))%)"
        }
        let shownText = Text.printable(text)
        write(erasing + shownText)
        shownWidth = DisplayWidth.of(shownText)
        shown = true
    }

    func clear() {
        if shown { write(erasing) }
        shown = false
        shownWidth = 0
    }
}
