import Foundation
import IsnadKit

/// Where the command line took the store's path from. Said beside a store a command created or
/// did not find, with the path made absolute: cron runs a job in `$HOME` (or `/`), and a
/// relative `$ISNAD_DB`, or the default `./isnad.db`, then names another file than the one
/// meant, which an import would quietly make a new store of.
enum StoreOrigin: Sendable, Equatable {
    /// `--db PATH`.
    case option
    /// `$ISNAD_DB`, with no `--db`.
    case environment
    /// Neither: `./isnad.db`.
    case defaultPath

    /// What a message adds in parentheses after the path as given: the absolute path when it is
    /// relative, where it came from unless `--db`, and that no shell expanded a leading `~` or a
    /// `$` in it (crontab variables, quotes); nil when there is nothing to add.
    func details(of path: String) -> String? {
        var parts: [String] = []
        if !path.hasPrefix("/") {
            // Joined by hand: Foundation would take a leading ~ for the home folder, as no shell did here.
            let absolute = FileManager.default.currentDirectoryPath + "/" + path
            parts.append(Text.printableFileName(URL(fileURLWithPath: absolute).standardized.path))
        }
        switch self {
        case .option: break
        case .environment: parts.append("from $ISNAD_DB")
        case .defaultPath: parts.append("the default, as neither --db nor $ISNAD_DB names a store")
        }
        if path.hasPrefix("~") {
            parts.append("no shell expanded the ~, as a crontab or quotes leave it: write $HOME/… or the whole path")
        } else if path.contains("$") {
            parts.append("no shell expanded the $ in it, as a crontab or quotes leave it: write the whole path")
        }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }
}
