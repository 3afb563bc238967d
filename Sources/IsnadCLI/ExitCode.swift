import Foundation
import IsnadKit

/// Exit codes, after sysexits(3): the one table that maps errors to them.
enum ExitCode: Int32 {
    case success = 0
    /// Anything else that failed: the disk, the database, a bug.
    case failure = 1
    /// EX_USAGE: the command line is wrong.
    case usage = 64
    /// EX_DATAERR: the input data is wrong (a bad record, a name that matches no entity).
    case badData = 65
    /// EX_NOINPUT: an input file or the store is missing or unreadable.
    case missingInput = 66
    /// EX_UNAVAILABLE: the database server cannot be reached, or the command does not run on
    /// its engine.
    case unavailable = 69
    /// EX_CANTCREAT: the store or an output file cannot be created or written (read-only
    /// file or folder, full disk).
    case cannotWrite = 73
    /// EX_IOERR: an output already open failed mid-write: standard output closed (`>&-`), or
    /// the device failed (EIO), or another I/O error of the store's files. Not a file the
    /// command could not create (73).
    case ioError = 74
    /// EX_TEMPFAIL: the connection to the database server was lost, or another client's
    /// change came first; nothing was written, and running the command again may work.
    case temporaryFailure = 75
    /// EX_NOPERM: the database role may not do this (a reader's write).
    case permissionDenied = 77

    init(for error: Error) {
        switch error {
        case is UsageError: self = .usage
        case is SearchCommand.NothingFound: self = .failure
        case let error as HistoryError where error.needsConfirmation: self = .usage
        case EditError.storedChanged: self = .temporaryFailure
        case is Importer.Failure, is ClaimSheetImporter.Failure, is ClaimSheetImporter.Refusal, is ClaimSheet.Problem,
            is RecordError, is EntityResolver.ResolutionError, is LookupError, is HistoryLines.Refusal,
            is HistoryLines.UnknownWithheldSource,
            is CheckCommand.DefectsFound,
            is MergeError, is RenameError, is EditError, is HistoryError, is UnlinkedHistory, is ChangeSession.RecordTooLong,
            is EditCommand.RemovedMeanwhile, is ImportConflicts, is BaseEntryBeyondHistory:
            self = .badData
        case is EditCommand.ChangedMeanwhile, is AddCommand.RemovedMeanwhile: self = .temporaryFailure
        case is EditCommand.SavedFileUnreadable: self = .ioError
        case let error as EditCommand.EditorFailure:
            // 126 and 127: the shell found no editor to run, or could not run it.
            self = error.status == 126 || error.status == 127 ? .unavailable : .failure
        case let error as Importer.InputError:
            switch error.kind {
            case .missing, .notAFile, .unreadable: self = .missingInput
            case .cannotOpen: self = .failure
            case .readFailed: self = .ioError
            }
        case let error as StoreError:
            switch error {
            case .missing: self = .missingInput
            case .notAnIsnadStore, .notAnIsnadSchema, .alteredSchema, .invalidValue, .newerSchema, .newerNameKeys: self = .badData
            case .notAFile, .companionNotAFile, .logWithoutIndex, .emptyFile: self = .missingInput
            case .readOnly, .dryRunOnReadOnly, .cannotCreate, .needsUpgrade: self = .cannotWrite
            case .companionName, .companionRead, .companionExists, .danglingLink, .severalNames: self = .usage
            case .moved, .cannotMarkOnStandby: self = .failure
            case .changedWhileRead: self = .temporaryFailure
            case .needsOwnersUpgrade: self = .permissionDenied
            case .rolesExist: self = .cannotWrite
            case .upgradeFailed(_, _, _, let cause): self = ExitCode(for: cause)
            }
        case let error as DatabaseError:
            if let cause = error.postgreSQL {
                self = ExitCode(for: cause)
                return
            }
            switch error.kind {
            case .busy: self = .temporaryFailure
            case .corrupt: self = .badData
            case .cannotOpen: self = .missingInput
            case .readOnly, .diskFull: self = .cannotWrite
            case .deviceFailed, .inputOutput: self = .ioError
            default: self = .failure
            }
        case let error as PostgreSQLError:
            switch error.kind {
            case .cannotConnect: self = .unavailable
            case .unreadableURI: self = .usage
            case .connectionLost, .concurrentChange, .timedOut: self = .temporaryFailure
            case .permissionDenied: self = .permissionDenied
            case .other: self = .failure
            }
        case let error as StoreCopy.CopyError:
            switch error {
            case .targetNotEmpty, .targetAppeared: self = .cannotWrite
            case .sameStore: self = .usage
            }
        case let error as StoreCopy.WithholdingError:
            switch error {
            case .keepsWhatHoldsIt: self = .usage
            case .unknownSource: self = .badData
            }
        case let error as OutputError:
            // A reader gone (EPIPE, with SIGPIPE ignored: a supervisor, a CI runner) is output that
            // failed, not a file that cannot be written.
            if error.refusal == nil, error.code == EBADF || error.code == EIO || error.code == EPIPE {
                self = .ioError
            } else {
                switch error.refusal {
                case nil, .ownedByAnotherUser?, .anotherUsersLinkInSharedFolder?: self = .cannotWrite
                default: self = .usage
                }
            }
        case is TemplateCommand.OutputFailure: self = .cannotWrite
        case is OutputFailedAfterChange: self = .ioError
        default: self = .failure
        }
    }
}

/// A command refused for what the store holds or what it was given, said in one line, exit 65
/// (EX_DATAERR): not only a lookup that found nothing. It covers an id, name or field path that
/// names no record or field (or no longer does: renamed, removed, merged into another entity);
/// a change the records refuse (an id that exists already, a retracted claim or citation, a
/// quote not in its source's text, a `cites` cycle, a claim that would change its ends, a
/// record another refers to); an edit that cannot be read back as a record; and an input that
/// is not UTF-8 text.
struct LookupError: Error, CustomStringConvertible {
    let description: String
}

/// The output of a command failed after its change was committed: the change stands (its
/// history entries), and only what it printed was lost. Exit 74 (output failed), never the
/// 73 of a store that could not be written, which says that nothing was.
struct OutputFailedAfterChange: Error, CustomStringConvertible {
    let output: OutputError
    let entries: [Int]

    var description: String {
        let numbers = entries.map(String.init).joined(separator: ", ")
        return
            "\(output): the change was made all the same (history \(entries.count == 1 ? "entry" : "entries") \(numbers)); only its output to \(output.path == "<stdout>" ? "standard output" : Text.printable(output.path)) failed"
    }
}
