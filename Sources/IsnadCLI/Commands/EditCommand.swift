import Foundation
import IsnadKit

enum EditCommand: Command {
    static let name = "edit"
    static let spec = CommandSpec(
        name: name,
        abstract: "Edit an entity, source or claim as JSON in $VISUAL or $EDITOR.",
        discussion: """
            Opens the record (a claim with its citations) as JSON, one field a line, in $VISUAL, else $EDITOR, else
            vi (on a terminal). On
            save it is checked as import checks it, and a quote changed (or its source) as add claim checks it: in the
            text of the source it is read in; when refused, it opens again with the errors as # comments at the top
            (and when it is not UTF-8 text). Left unchanged, or emptied, nothing changes (as git commit and
            kubectl edit do); deleted, it is an error. Ctrl-C while the editor runs is the editor's; SIGTERM or
            SIGHUP (the terminal closed) changes nothing, and the record's copy is removed. That copy (a source's
            whole text too) is a file in a folder only you can read in $TMPDIR, else /tmp, which may be on disk:
            TMPDIR=/dev/shm isnad edit ID keeps it in memory. A folder a killed edit left there (isnad-edit-XXXXXX)
            is named when edit next starts. The id stays:
            isnad rename gives a record another id, isnad merge joins two entities. One transaction and one
            history entry; isnad undo takes it back.
            """,
        arguments: [ArgumentSpec(name: "id", help: "The record's id.")],
        options: [RecordLookup.kind, HistoryOptions.author],
        examples: ["isnad edit hamas", "isnad edit hamas-praised-hadera-attack --author ana"])

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let id = arguments.positionals[0]
        // Refused now, not once the analyst has edited and saved.
        _ = try context.changeTime()
        let store = try context.openStore(.write)
        let original = try RecordLookup.record(
            id, kinds: Record.Kind.allCases, arguments: arguments, command: spec.name, store: store,
            record: { try store.record($0, id: id) })
        var writer = RecordWriter()
        let originalBytes = writer.encode(original)
        // A value another program stored, which no import takes, could never be saved back: said
        // now, before an editor opens on it (and before its id names a file), unless editing the
        // record fixes it; then it heads the file, as the errors of a save do.
        let stored = RecordDecoder(vocabulary: store.vocabulary).problems(inLine: originalBytes)
        if let problem = stored.first(where: { !$0.isFixedByChangingTheRecord }) {
            throw StoreError.unimportable(
                problem, path: store.path, record: "\(original.kind.rawValue) \"\(Text.printable(original.id))\"")
        }
        let storedProblems = stored.map { "as stored, \($0.field ?? "record"): \($0.message)" }
        let originalLine = String(decoding: originalBytes, as: UTF8.self).trimmingCharacters(in: .newlines)
        // $EDITOR is read only when $VISUAL is unset or empty, as by other programs.
        let visual = try IsnadCLI.environmentValue("VISUAL", in: context.environment)
        let chosen = try [visual, visual?.isEmpty == false ? nil : IsnadCLI.environmentValue("EDITOR", in: context.environment)]
            .compactMap { $0 }.first { !$0.isEmpty }
        // vi without a terminal would wait for keys that never come.
        guard chosen != nil || isatty(STDIN_FILENO) == 1 else {
            throw UsageError(
                message:
                    "edit needs a terminal for vi, or an editor in $VISUAL or $EDITOR (isnad set changes a field from a script)",
                command: spec.name)
        }
        let editor = chosen ?? "vi"
        let label = "\(original.kind.rawValue) \"\(original.id)\""
        // Said before the editor takes the terminal.
        noteAbandonedFolders(context: context)
        guard let folder = privateFolder("isnad-edit") else {
            // Exit 73, as for any file that cannot be made; the folder named, with where it comes
            // from. errno read first: making the path may call the system again.
            let code = errno
            throw OutputError(
                path: PrivateFolder.temporaryFolder + "/isnad-edit (a folder in $TMPDIR, else /tmp)",
                code: code)
        }
        // Kept when the edit saved there cannot be read back: the analyst's work is not removed.
        var keepsFolder = false
        /// Removes the folder; false (and said) when it is still there.
        func removeFolder() -> Bool {
            // The record, notes and all, must not stay behind in the temporary folder unsaid.
            guard (try? FileManager.default.removeItem(atPath: folder)) == nil, FileSystem.exists(folder) else { return true }
            context.message("isnad: \(Text.printable(folder)) could not be removed: it holds a copy of the record")
            return false
        }
        defer { if !keepsFolder { _ = removeFolder() } }
        // The id is a slug (checked above): a file name with no folder in it.
        let path = folder + "/\(original.kind.rawValue)-\(Identifier.isValid(original.id) ? original.id : "record").json"
        let help = "# Editing \(label). Lines starting with # are ignored. Save unchanged, or empty, to change nothing."
        var content = ((try? JSONParser.parse(originalLine))?.indentedText ?? originalLine)
            .trimmingCharacters(in: .newlines)
        let shown = content
        var problems = storedProblems
        // What the editor saved last that was refused: saved again as it was, the editor is a
        // script that will never mend it (a person would have changed something, or quit).
        var refused: String?
        for _ in 0..<100 {
            let text = (problems.map { "# error: \($0)" } + [help, content]).joined(separator: "\n") + "\n"
            // A new file each round, renamed over whatever the editor left at the path: a link
            // it put there is replaced, never written through.
            try PrivateFolder.write(Array(text.utf8), to: path)
            let status: Int32
            do {
                status = try runEditor(editor, on: path)
            } catch let interrupted as HeldSignals.Interrupted {
                // SIGTERM or SIGHUP (the terminal closed): the record's copy is removed before the
                // process ends, as the signal would have ended it.
                keepsFolder = true
                let removed = removeFolder()
                context.message(
                    "isnad: \(interrupted) while the editor ran: nothing changed"
                        + (removed ? ", and the record's copy made for the editor was removed" : ""))
                Self.end(by: interrupted.signal)
            }
            guard status == 0 else { throw EditorFailure(editor: editor, status: status) }
            let saved: (text: String, isUTF8: Bool)
            do {
                saved = try savedText(at: path, label: label)
            } catch let error as SavedFileUnreadable {
                keepsFolder = true
                throw error
            }
            content =
                saved.text.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.hasPrefix("#") }.joined(separator: "\n")
                .trimmingWhitespace
            if !saved.isUTF8 {
                // Not lost, nor taken for an emptied file: shown again, the bytes that were not
                // UTF-8 marked, for the analyst to write again.
                problems = [
                    "the file saved was not UTF-8 text (another encoding?): each byte that was not shows as \u{FFFD}; write those characters again"
                ]
                continue
            }
            if content.isEmpty {
                context.message("\(label): emptied, nothing changed")
                return
            }
            if content == shown {
                context.message("\(label): unchanged")
                return
            }
            do {
                let edit = try decode(content, as: original, store: store)
                if edit.record == original {
                    context.message("\(label): unchanged")
                    return
                }
                let entry: Int?
                let lostQuotes: String?
                var dateWarnings: [String] = []
                let staleTranslations = EditNotes.staleTranslations(of: edit)
                do {
                    (lostQuotes, entry) = try store.changing(
                        context.change(author: try arguments.value(HistoryOptions.author))
                    ) { session in
                        guard let now = try session.record(original.kind, id: original.id) else {
                            throw try RemovedMeanwhile(original, label: label, store: store)
                        }
                        guard now == original else {
                            throw ChangedMeanwhile(label: label, by: try store.lastChange(of: original.kind, id: original.id))
                        }
                        let lost = EditNotes.lostQuotes(try session.put(edit), by: edit.record)
                        dateWarnings = try DateWarnings.lines(writtenBy: session.number, store: store, what: "edited")
                        return lost
                    }
                } catch {
                    // The record was good, the store did not take it (a colleague's change
                    // meanwhile, a role that may only read, a lost connection): the analyst's
                    // work is kept, not removed with the editor's folder.
                    if let kept = keep(content, named: URL(fileURLWithPath: path).lastPathComponent) {
                        context.message("isnad: your edit of \(label) is kept in \(kept)")
                    }
                    throw error
                }
                context.message(
                    "edited \(label)"
                        + (entry.map {
                            " (history entry \($0))"
                                + EditNotes.readAnew(
                                    EditNotes.fieldsReadAnew(in: original, keptIn: edit.record, vocabulary: store.vocabulary),
                                    of: original)
                        } ?? ": unchanged"))
                if entry != nil, let lostQuotes { context.message(lostQuotes) }
                if entry != nil, let staleTranslations { context.message(staleTranslations) }
                if entry != nil { for note in EditNotes.looseQuotes(of: edit) { context.message(note) } }
                for warning in dateWarnings { context.message(warning) }
                return
            } catch let error as EditProblem {
                problems = [error.message]
                if content == refused {
                    let kept = keep(content, named: URL(fileURLWithPath: path).lastPathComponent)
                    throw LookupError(
                        description:
                            "\(label): the editor saved the record it was shown refused, unchanged (\(problems.joined(separator: "; "))): nothing changed"
                            + (kept.map { "; your edit is kept in \(Text.printable($0))" } ?? ""))
                }
                refused = content
            }
        }
        // A hundred saves, every one refused: nothing changed, and a script must not read success.
        throw LookupError(
            description: "\(label): the record was refused \(100) times (\(problems.joined(separator: "; "))): nothing changed")
    }

    /// Runs the editor on `path` through the shell, and returns its exit status (128 + the
    /// signal, for an editor a signal ended). Spawned in isnad's own process group, the
    /// terminal's foreground one, so that a full-screen editor may read the terminal (a process
    /// group of its own, as Foundation's `Process` makes, is stopped at its first read). Ctrl-C
    /// and Ctrl-\\ reach both: isnad ignores them while it waits, as git and `system(3)` do, and
    /// the editor starts with their defaults, to decide what they mean (vi cancels a command).
    /// SIGTERM and SIGHUP (`kill`, the terminal closed: the whole group gets it, as Ctrl-C) are
    /// held until the editor has ended: then ``HeldSignals/Interrupted`` is thrown, for the
    /// caller to remove the record's copy before the process ends, whatever the editor did.
    static func runEditor(_ editor: String, on path: String) throws -> Int32 {
        let previous = [SIGINT, SIGQUIT].map { ($0, signal($0, SIG_IGN)) }
        defer { for (number, handler) in previous { signal(number, handler) } }
        let words: [String] = ["/bin/sh", "-c", "\(editor) \"$1\"", "sh", path]
        // Held here (SIGINT and SIGQUIT, ignored just above, are not): the editor starts with
        // none blocked, and with the defaults of those isnad handles.
        let (status, lateSignal) = try HeldSignals.holding { () throws -> Int32 in
            let process: pid_t
            do {
                process = try ChildProcess.spawn("/bin/sh", words, defaultSignals: [SIGINT, SIGQUIT, SIGPIPE, SIGXFSZ])
            } catch let error as ChildProcess.Failure {
                throw EditorFailure(editor: editor, status: 127, reason: "cannot run /bin/sh for it: \(error.reason)")
            }
            guard let status = ChildProcess.wait(for: process) else {
                throw EditorFailure(editor: editor, status: 1, reason: "lost it: \(String(cString: strerror(errno)))")
            }
            return status
        }
        if let lateSignal { throw HeldSignals.Interrupted(signal: lateSignal) }
        return ChildProcess.Ending(status: status).shellStatus
    }

    /// Ends the process by `signal`, as it would have ended had it not been held: its status says
    /// so to the shell (128 + the signal).
    static func end(by signal: Int32) -> Never {
        Foundation.signal(signal, SIG_DFL)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, signal)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        raise(signal)
        exit(128 + signal)
    }

    /// The file the editor saved, as text; `isUTF8` false when some of its bytes were not UTF-8
    /// (each shown as U+FFFD). A file deleted, moved or made a folder is an error: nothing
    /// changes, and an edit that cannot be read is never taken for an emptied one. So is a
    /// symbolic link, a FIFO or a device left in its place: not followed, not waited on.
    static func savedText(at path: String, label: String) throws -> (text: String, isUTF8: Bool) {
        let read: [UInt8]?
        do {
            read = try FileSystem.readWholeRegularFile(path)
        } catch  where error.code == ENOENT || error.code == ENOTDIR {
            throw LookupError(
                description: "\(label): the editor left no file to read (deleted, moved, or made a folder): nothing changed")
        } catch {
            throw SavedFileUnreadable(path: path, code: error.code)
        }
        guard let bytes = read else {
            let kind = FileSystem.kindOfNonRegularEntry(path) ?? "something other than a file"
            if kind == "a folder" {
                throw LookupError(
                    description: "\(label): the editor left no file to read (deleted, moved, or made a folder): nothing changed")
            }
            throw LookupError(
                description: "\(label): the editor left \(kind) in place of the file, which is not read: nothing changed")
        }
        if let text = String(validating: bytes, as: UTF8.self) { return (text, true) }
        return (String(decoding: bytes, as: UTF8.self), false)
    }

    /// A new folder of our own in the temporary directory (``PrivateFolder``), named `prefix-`
    /// and six random characters; nil when none could be made (errno says why).
    static func privateFolder(_ prefix: String) -> String? { PrivateFolder.make(prefix) }

    /// Names the folders edits killed before they ended left in the temporary folder, each with
    /// a record's copy in it (a source's whole text, perhaps): nothing else ever removes them.
    static func noteAbandonedFolders(context: Context) {
        let (folders, count) = PrivateFolder.abandoned("isnad-edit")
        for folder in folders {
            context.message(
                "isnad: note: \(Text.printable(folder.path)) (last changed \(folder.lastChanged)) is the folder of an edit that was killed before it ended, with a copy of the record; no isnad is editing it: remove it"
            )
        }
        if count > folders.count {
            context.message(
                "isnad: note: and \(count - folders.count) more such folders in \(Text.printable(PrivateFolder.temporaryFolder))")
        }
    }

    /// Writes an edit the store refused into a folder of its own that outlives the command; its
    /// path, or nil (and then neither the folder nor a part of the file is left behind).
    static func keep(_ content: String, named name: String) -> String? {
        guard let folder = privateFolder("isnad-kept") else { return nil }
        let path = folder + "/" + name
        guard (try? PrivateFolder.write(Array((content + "\n").utf8), to: path)) != nil else {
            rmdir(folder)
            return nil
        }
        return path
    }

    /// The record changed in the store while it was in the editor: running edit again works
    /// (exit 75, as for a colleague's change that came first on PostgreSQL).
    struct ChangedMeanwhile: Error, CustomStringConvertible {
        let label: String
        /// The change that came first (an undo too), when the history has it.
        let by: HistoryMark?
        var description: String {
            let who =
                by.map {
                    " (entry \($0.number): \(HistoryMark.commandName(of: $0.command)), \(Text.printable($0.author)), \(Text.printable($0.timestamp)))"
                } ?? ""
            return "\(label) was changed by someone else meanwhile\(who): nothing changed, edit it again"
        }
    }

    /// The record is gone from under its id while it was in the editor: merged into another
    /// entity, renamed, deleted. Editing it again cannot work: the message says what became of it.
    struct RemovedMeanwhile: Error, CustomStringConvertible {
        let label: String
        /// `was merged into "per-5" (entry 4)`, `was renamed "per-zero" (entry 3)`, `was deleted (entry 5)`.
        let fate: String
        /// What to do instead, if anything can be done.
        let hint: String?

        init(_ record: Record, label: String, store: GraphStore) throws {
            self.label = label
            let removal = try store.lastRemoval(of: record.kind, id: record.id)
            let entry = removal.map { " (entry \($0.entry))" } ?? ""
            if record.kind == .entity, let kept = try store.entityMergedInto(record.id) {
                fate = "was merged into \"\(Text.printable(kept))\"\(entry)"
                hint = "isnad edit \(Text.printable(kept)) edits the entity kept"
            } else if let renamed = try store.renameThatTookAway(record.kind, record.id) {
                fate = "was renamed \"\(Text.printable(renamed.current))\" (entry \(renamed.entry))"
                hint = "isnad edit \(Text.printable(renamed.current)) edits it under its new id"
            } else if let removal {
                let command = HistoryMark.commandName(of: removal.command)
                fate = command == "isnad delete" ? "was deleted\(entry)" : "was removed by entry \(removal.entry) (\(command))"
                hint = nil
            } else {
                fate = "was removed by another program"
                hint = nil
            }
        }

        var description: String {
            "\(label) \(fate) while it was in the editor: nothing changed" + (hint.map { "; \($0)" } ?? "")
        }
    }

    struct EditProblem: Error {
        let message: String
    }

    static func decode(_ text: String, as original: Record, store: GraphStore) throws -> CheckedEdit {
        let value: JSONValue
        do {
            value = try JSONParser.parse(text)
        } catch {
            throw EditProblem(message: "\(error)")
        }
        let record: Record
        do throws(RecordProblems) {
            record = try RecordDecoder(vocabulary: store.vocabulary).decode(value)
        } catch {
            throw EditProblem(message: error.problems.map { "\($0.field ?? "record"): \($0.message)" }.joined(separator: "; "))
        }
        guard record.kind == original.kind, record.id == original.id else {
            throw EditProblem(
                message:
                    "the record must stay \(original.kind.rawValue) \"\(original.id)\" (isnad rename gives it another id; isnad merge joins two)"
            )
        }
        do {
            return try store.checkedEdit(record, replacing: original)
        } catch let error as EditError {
            throw EditProblem(message: error.description)
        }
    }
}

extension EditCommand {
    /// The editor did not exit cleanly: nothing was changed. Not the data's fault, so not 65:
    /// 69 when the editor could not be run at all, else 1.
    struct EditorFailure: Error, CustomStringConvertible {
        let editor: String
        let status: Int32
        /// Why it could not be started or waited for, when isnad itself failed there.
        var reason: String? = nil
        var description: String {
            if let reason { return "the editor (\(Text.printable(editor))): \(reason); nothing changed" }
            return status == 126 || status == 127
                ? "the editor (\(Text.printable(editor))) could not be run (status \(status)): set VISUAL or EDITOR to an editor on this machine; nothing changed"
                : "the editor (\(Text.printable(editor))) exited with status \(status): nothing changed"
        }
    }

    /// The file the editor saved could not be read back (the device failed): it is left where
    /// it is, with the analyst's work.
    struct SavedFileUnreadable: Error, CustomStringConvertible {
        let path: String
        let code: Int32
        var description: String {
            "\(Text.printableFileName(path)): the edit saved there cannot be read (\(String(cString: strerror(code)))): nothing changed, and the file is left there"
        }
    }
}
