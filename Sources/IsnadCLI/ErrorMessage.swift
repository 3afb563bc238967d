import IsnadKit

/// What `isnad` prints for an error: the library's message, plus what the user can do about it
/// on this command line. IsnadKit's messages name no option or command; the hints that do live
/// here, beside the options they name.
enum ErrorMessage {
    /// What is printed for `error`, each line bounded as a record's message is
    /// (``RecordProblem/bounded(_:)``): a 100 KB argument echoed made a 100 KB line. Line by
    /// line: a failed import's report is a line per bad record, each already bounded, and cut
    /// whole it lost records in its middle.
    ///
    /// `namesStoresWithDB`: whether the command takes its store from `--db` (every command but
    /// `copy`, which names its two stores as arguments): the hints name the way it takes.
    /// `storeDetails`: the store's path, and what to say of it where it is missing or cannot be
    /// made (``StoreOrigin/details(of:)``).
    static func text(
        for error: Error, namesStoresWithDB: Bool = true, storeDetails: (path: String, details: String)? = nil
    ) -> String {
        fullText(for: error, namesStoresWithDB: namesStoresWithDB, storeDetails: storeDetails).split(
            separator: "\n", omittingEmptySubsequences: false
        ).map {
            RecordProblem.bounded(String($0), limit: 2 * RecordProblem.messageLimit)
        }.joined(separator: "\n")
    }

    private static func fullText(
        for error: Error, namesStoresWithDB: Bool, storeDetails: (path: String, details: String)? = nil
    ) -> String {
        switch error {
        case let error as DatabaseError where error.writeLockWaitLimit != nil:
            let place = error.path.map { "\(Text.printable($0)): " } ?? ""
            let seconds = error.writeLockWaitLimit ?? 0
            return
                "\(place)another program or process held the store's write lock"
                + (seconds > 0 ? " for more than \(seconds) s" : "")
                + " (--wait \(seconds)): nothing was written; run it again"
        case let error as DatabaseError where error.kind == .busy:
            let place = error.path.map { "\($0): " } ?? ""
            return "\(place)the store is busy: another program or process held its lock too long (\(error.message))"
        case let error as StoreError:
            switch error {
            case .missing(let path) where FileSystem.isSymbolicLink(path):
                // init would refuse the link too: the hint is the file it points to, or another.
                return
                    "\(error): \(Text.printableFileName(path)) is a symbolic link to a file that does not exist (name the store's file itself\(namesStoresWithDB ? " with --db" : ""))"
            case .missing where !namesStoresWithDB:
                return "\(error) (copy copies a store that exists: isnad copy FROM TO, FROM a store file or a postgresql:// URI)"
            case .missing(let path):
                let details = storeDetails.flatMap { $0.path == path ? "\($0.details); " : nil } ?? ""
                return "\(error) (\(details)create one with 'isnad init' or 'isnad import FILE', or name another with --db)"
            case .cannotCreate(let path, let reason) where storeDetails?.path == path:
                return
                    "cannot create a store at \(Text.printableFileName(path)) (\(storeDetails?.details ?? ""); \(reason)): check that the folder exists and can be written"
            case .alteredSchema, .invalidValue:
                return "\(error); isnad check explains"
            case .notAFile:
                return "\(error) (name a store file\(namesStoresWithDB ? " with --db" : ""))"
            case .rolesExist:
                return
                    "\(error); nothing was made: give the store another name (its roles are named for it), or run init --roles --reuse-roles to grant it to those roles as they are"
            case .needsUpgrade(let path, _, _, _):
                return
                    "\(error) (make it writable once, or query an upgraded copy: cp \(Text.printableFileName(path)) copy.db && isnad --db copy.db …)"
            default:
                return "\(error)"
            }
        case let error as EntityResolver.ResolutionError where error.isUnmatched:
            // The search found nothing close either: saying "try isnad search" would send the
            // user to the same answer. Fewer words may find the name ("Hamas movement").
            return error.text.contains(" ") ? "\(error) (try fewer words of the name)" : "\(error)"
        case let failure as Importer.Failure:
            return failure.description { fullText(for: $0, namesStoresWithDB: namesStoresWithDB) }
        case let error as RecordError:
            return text(for: error)
        default:
            return "\(error)"
        }
    }

    /// A bad record, and the import option that would let it through, if one would.
    static func text(for error: RecordError) -> String {
        switch error.problem.remedy {
        case .longerLineLimit?: "\(error) (see --max-line-bytes)"
        case .replacingStoredClaim?:
            "\(error) (give this claim another id, or import with --replace to replace the stored claim whole)"
        case .replacingStoredCitations?:
            "\(error) (to take the file's citations as they are, the stored ones it leaves out dropped, import with --replace, which does so for every claim of the file; else edit the file)"
        case nil: "\(error)"
        }
    }
}
