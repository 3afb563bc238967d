import Foundation
import TestHelpers
import Testing

/// `isnad edit ID`, driven by an `$EDITOR` script, run as the built binary.
@Suite("edit end to end", .temporaryStore)
struct EditCommandTests {
    private func importedStore() throws -> CLIHarness {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        return cli
    }

    /// Runs `isnad edit ID` with `script` (sh, the file as $1) as the editor, with a temporary
    /// folder of the test's own (`tmp`): what another edit left in /tmp is not this test's.
    private func edit(_ cli: CLIHarness, _ id: String, script: String) throws -> ExternalTool.Result {
        let path = try cli.write("editor.sh", script)
        try FileManager.default.createDirectory(atPath: cli.path("tmp"), withIntermediateDirectories: true)
        return try cli.run(["edit", id], environment: ["EDITOR": "sh \(path)", "VISUAL": "", "TMPDIR": cli.path("tmp")])
    }

    @Test("a valid change is saved as one history entry, and undo restores the store byte for byte")
    func validChange() throws {
        let cli = try importedStore()
        let before = try cli.run(["export", "jsonl"]).outputBytes
        let result = try edit(cli, "hamas-praised-attack", script: #"sed -i 's/"credibility": 2/"credibility": 4/' "$1""#)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError == "edited claim \"hamas-praised-attack\" (history entry 2)\n")
        #expect(try cli.run(["log", "hamas-praised-attack"]).standardOutput.contains("citations[0].credibility: 2 → 4"))
        #expect(try cli.run(["undo"]).status == 0)
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
    }

    @Test("new words beside their old translation are said, as set says them; a translation changed with them is not")
    func staleTranslationSaid() throws {
        let cli = try importedStore()
        let stale = try edit(cli, "hamas-praised-attack", script: #"sed -i 's/"quote": "باركت"/"quote": "هنأت"/' "$1""#)
        #expect(stale.status == 0, "\(stale.standardError)")
        #expect(
            stale.standardError
                == "edited claim \"hamas-praised-attack\" (history entry 2)\nisnad: the translation (quote_en) of citation 1 is of the old words: edit it too if it no longer fits\n"
        )
        let both = try edit(
            cli, "hamas-praised-attack",
            script: #"sed -i -e 's/"quote": "هنأت"/"quote": "باركت"/' -e 's/"quote_en": "blessed"/"quote_en": "praised"/' "$1""#)
        #expect(both.standardError == "edited claim \"hamas-praised-attack\" (history entry 3)\n")
    }

    @Test("a $TMPDIR that names no folder is passed over for /tmp, as exports pass it over")
    func missingTemporaryFolder() throws {
        let cli = try importedStore()
        let result = try cli.run(
            ["edit", "hamas"], environment: ["EDITOR": "true", "VISUAL": "", "TMPDIR": "/nonexistent-isnad-tmp"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError == "entity \"hamas\": unchanged\n")
    }

    @Test("an edit the store does not take (the record changed meanwhile) is kept in a file, not lost with the editor's")
    func conflictKeepsTheEdit() throws {
        let cli = try importedStore()
        // While the editor is open, another process changes the same record.
        let script = """
            "\(CLIHarness.binary)" --db "\(cli.path("isnad.db"))" set hamas-praised-attack notes "a colleague's note" >/dev/null 2>&1
            sed -i 's/"credibility": 2/"credibility": 4/' "$1"
            """
        let result = try edit(cli, "hamas-praised-attack", script: script)
        // Running it again works: a temporary failure, as a colleague's change first on PostgreSQL.
        #expect(result.status == 75, "\(result.standardError)")
        let lines = result.standardError.split(separator: "\n")
        #expect(lines.count == 2, "\(result.standardError)")
        // Which change came first, and whose: the entry to read in the log.
        let conflict = String(lines.last ?? "")
        #expect(
            conflict.hasPrefix(
                "isnad: claim \"hamas-praised-attack\" was changed by someone else meanwhile (entry 2: isnad set, ")
                && conflict.hasSuffix("Z): nothing changed, edit it again"), "\(conflict)")
        let prefix = "isnad: your edit of claim \"hamas-praised-attack\" is kept in "
        let kept = try #require(
            lines.first.map(String.init).flatMap { $0.hasPrefix(prefix) ? String($0.dropFirst(prefix.count)) : nil })
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: kept).deletingLastPathComponent().path) }
        let text = try String(contentsOfFile: kept, encoding: .utf8)
        #expect(text.contains(#""credibility": 4"#) && text.contains(#""id": "hamas-praised-attack""#), "\(text)")
    }

    @Test(
        "a record merged, renamed or deleted while it was in the editor: the message says so, not edit it again, and the edit is kept",
        arguments: [
            (
                "isis", ["merge", "hamas", "isis"],
                "entity \"isis\" was merged into \"hamas\" (entry 3) while it was in the editor: nothing changed; isnad edit hamas edits the entity kept"
            ),
            (
                "isis", ["rename", "isis", "islamic-state"],
                "entity \"isis\" was renamed \"islamic-state\" (entry 3) while it was in the editor: nothing changed; isnad edit islamic-state edits it under its new id"
            ),
            (
                "lonely", ["delete", "lonely"],
                "entity \"lonely\" was deleted (entry 3) while it was in the editor: nothing changed"
            ),
        ])
    func removedMeanwhile(id: String, meanwhile: [String], message: String) throws {
        let cli = try importedStore()
        // An entity no claim names, which delete takes (entry 2).
        #expect(try cli.run(["add", "entity", "--type", "person", "--name", "Lonely", "--id", "lonely"]).status == 0)
        let script = """
            "\(CLIHarness.binary)" --db "\(cli.path("isnad.db"))" \(meanwhile.joined(separator: " ")) >/dev/null 2>&1
            sed -i '0,/"name": "/s//"name": "The /' "$1"
            """
        let result = try edit(cli, id, script: script)
        // Running it again cannot work: the id is gone.
        #expect(result.status == 65, "\(result.standardError)")
        let lines = result.standardError.split(separator: "\n")
        #expect(lines.count == 2, "\(result.standardError)")
        #expect(lines.last.map(String.init) == "isnad: " + message)
        let prefix = "isnad: your edit of entity \"\(id)\" is kept in "
        let kept = try #require(
            lines.first.map(String.init).flatMap { $0.hasPrefix(prefix) ? String($0.dropFirst(prefix.count)) : nil })
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: kept).deletingLastPathComponent().path) }
        #expect(try String(contentsOfFile: kept, encoding: .utf8).contains(#""name": "The "#))
    }

    @Test("an invalid change reopens the file with the error as a comment; the fix is then saved")
    func invalidThenFixed() throws {
        let cli = try importedStore()
        let script = #"""
            if grep -q '^# error: citations\[0\].credibility' "$1"; then
              sed -i 's/"credibility": 9/"credibility": 3/' "$1"
            else
              sed -i 's/"credibility": 2/"credibility": 9/' "$1"
            fi
            """#
        let result = try edit(cli, "hamas-praised-attack", script: script)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try cli.run(["export", "jsonl"]).standardOutput.contains(#""credibility":3"#))
    }

    @Test("an editor that saves a refused record every time ends with an error, not success")
    func refusedEveryTime() throws {
        let cli = try importedStore()
        let before = try cli.run(["export", "jsonl"]).outputBytes
        let result = try edit(cli, "hamas-praised-attack", script: #"sed -i 's/"credibility": [0-9]/"credibility": 9/' "$1""#)
        #expect(result.status == 65)
        // Stopped the second time the script saves what was refused, not after a hundred runs.
        #expect(
            result.standardError.hasPrefix(
                "isnad: claim \"hamas-praised-attack\": the editor saved the record it was shown refused, unchanged (citations[0].credibility"
            ),
            "\(result.standardError)")
        let kept = try #require(
            result.standardError.range(of: "; your edit is kept in ").map { result.standardError[$0.upperBound...] })
        let keptPath = String(kept.dropLast())
        #expect(try String(contentsOfFile: keptPath, encoding: .utf8).contains(#""credibility": 9"#))
        try? FileManager.default.removeItem(atPath: (keptPath as NSString).deletingLastPathComponent)
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
    }

    @Test("left unchanged, emptied, or the editor failing: nothing changes and no entry is written")
    func nothingChanges() throws {
        let cli = try importedStore()
        let before = try cli.run(["export", "jsonl"]).outputBytes
        let unchanged = try edit(cli, "hamas", script: "true\n")
        #expect(unchanged.standardError == "entity \"hamas\": unchanged\n")
        let emptied = try edit(cli, "hamas", script: #": > "$1""#)
        #expect(emptied.standardError == "entity \"hamas\": emptied, nothing changed\n")
        let failed = try edit(cli, "hamas", script: "exit 3\n")
        #expect(failed.status == 1)
        #expect(failed.standardError.hasSuffix("exited with status 3: nothing changed\n"))
        let missing = try edit(cli, "hamas", script: "exit 127\n")
        #expect(missing.status == 69)
        #expect(missing.standardError.contains("could not be run (status 127): set VISUAL or EDITOR"))
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
        #expect(!(try cli.run(["log"]).standardOutput.contains("entry 2")))
    }

    @Test("a save that is not UTF-8 reopens the file with the error, the edit kept; a file deleted or made a folder is an error")
    func unreadableSaves() throws {
        let cli = try importedStore()
        let before = try cli.run(["export", "jsonl"]).outputBytes
        // Latin-1 first (é as one byte), then, shown the error, the fix.
        let script = #"""
            if grep -q '^# error: the file saved was not UTF-8' "$1"; then
              grep -q "\"name\": \"Hamas $(printf '\357\277\275')\"" "$1" || exit 4
              sed -i 's/"name": "Hamas .*"/"name": "Hamas (the movement)"/' "$1"
            else
              sed -i 's/"name": "Hamas"/"name": "Hamas \xe9"/' "$1"
            fi
            """#
        let fixed = try edit(cli, "hamas", script: script)
        #expect(fixed.status == 0, "\(fixed.standardError)")
        #expect(try cli.run(["show", "hamas"]).standardOutput.hasPrefix("Hamas (the movement) (hamas)"))
        #expect(try cli.run(["undo"]).status == 0)
        for script in [#"rm "$1""#, #"rm "$1" && mkdir "$1""#] {
            let result = try edit(cli, "hamas", script: script)
            #expect(result.status == 65, "\(script): \(result.standardError)")
            #expect(
                result.standardError.contains(
                    "the editor left no file to read (deleted, moved, or made a folder): nothing changed"))
        }
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
    }

    @Test("a link, FIFO or hard link the editor leaves in place of the file is never read through nor written through")
    func linksLeftByTheEditor() throws {
        let cli = try importedStore()
        let before = try cli.run(["export", "jsonl"]).outputBytes
        let victim = try cli.write("victim.txt", "target content\n")
        // Read through, a symbolic link would be taken for the edit; a FIFO would hang the read.
        for (script, kind) in [
            (#"rm "$1" && ln -s "\#(victim)" "$1""#, "a symbolic link"),
            (#"rm "$1" && ln -s /nonexistent-isnad-target "$1""#, "a symbolic link"),
            (#"rm "$1" && mkfifo "$1""#, "a FIFO (named pipe)"),
        ] {
            let result = try edit(cli, "hamas", script: script)
            #expect(result.status == 65, "\(script): \(result.standardError)")
            #expect(
                result.standardError
                    == "isnad: entity \"hamas\": the editor left \(kind) in place of the file, which is not read: nothing changed\n"
            )
        }
        // A hard link is a regular file, read as the edit (refused): the next round's file is
        // a new one renamed over it, not the victim truncated and written, as it was.
        let hard = try edit(cli, "hamas", script: #"rm "$1" && ln "\#(victim)" "$1""#)
        #expect(hard.status == 65, "\(hard.standardError)")
        #expect(hard.standardError.contains("the editor saved the record it was shown refused, unchanged"))
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "target content\n")
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
        // The copies made for the editor are new files only their owner may read.
        let mode = try edit(cli, "hamas", script: #"stat -c %a "$1" > "\#(cli.path("mode"))""#)
        #expect(mode.status == 0, "\(mode.standardError)")
        #expect(try String(contentsOfFile: cli.path("mode"), encoding: .utf8) == "600\n")
    }

    @Test(
        "on a terminal the editor runs in the foreground process group, where it may read the terminal",
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs script(1) for a terminal (apt: bsdutils)")
    )
    func editorInTheForeground() throws {
        let cli = try importedStore()
        // Stopped at its first read of the terminal otherwise, as vi was (SIGTTIN).
        let script = #"""
            own=$(cut -d' ' -f5 /proc/$$/stat); foreground=$(cut -d' ' -f8 /proc/$$/stat)
            [ "$own" = "$foreground" ] && echo foreground > where || echo "background $own $foreground" > where
            """#
        let editor = try cli.write("editor.sh", script)
        let result = try ExternalTool.run(
            "/usr/bin/script", ["-qec", "\"\(CLIHarness.binary)\" edit hamas", "/dev/null"], directory: cli.directory,
            environment: ProcessInfo.processInfo.environment.filter { $0.key != "ISNAD_DB" }
                .merging(["EDITOR": "sh \(editor)", "VISUAL": ""]) { $1 })
        #expect(result.status == 0, "\(result.standardOutput)")
        #expect(try String(contentsOfFile: cli.path("where"), encoding: .utf8) == "foreground\n")
    }

    @Test("Ctrl-C and Ctrl-\\ while the editor runs are the editor's: isnad waits for it and saves the edit")
    func interruptsGoToTheEditor() throws {
        let cli = try importedStore()
        // Like vi: the editor takes the signals, then saves. They reach isnad too, as the
        // terminal sends them to the whole foreground group.
        let script = #"""
            trap '' INT QUIT
            p=$PPID
            while [ "$(cat /proc/$p/comm)" != isnad ] && [ "$p" -gt 1 ]; do p=$(cut -d' ' -f4 /proc/$p/stat); done
            kill -INT "$p"; kill -QUIT "$p"
            sleep 0.2
            sed -i 's/"credibility": 2/"credibility": 4/' "$1"
            """#
        let result = try edit(cli, "hamas-praised-attack", script: script)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.hasPrefix("edited claim \"hamas-praised-attack\""))
    }

    @Test(
        "SIGTERM or SIGHUP while the editor runs (kill, the terminal closed): nothing changes, the record's copy is removed, and the signal ends isnad",
        arguments: [SIGTERM, SIGHUP])
    func endedWhileTheEditorRuns(signal: Int32) throws {
        let cli = try importedStore()
        let before = try cli.run(["export", "jsonl"]).outputBytes
        // The test runner's threads block them, and a child inherits the mask.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, signal)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
        // Sent to isnad alone (as the terminal sends SIGHUP to the group, the editor gets it too):
        // isnad waits for the editor, which then saves, and takes nothing of it.
        let seen = cli.path("seen.txt")
        let name = signal == SIGTERM ? "TERM" : "HUP"
        let script = """
            p=$PPID
            while [ "$(cat /proc/$p/comm)" != isnad ] && [ "$p" -gt 1 ]; do p=$(cut -d' ' -f4 /proc/$p/stat); done
            echo "$1" > '\(seen)'
            kill -\(name) "$p"
            sleep 0.2
            sed -i 's/"credibility": 2/"credibility": 4/' "$1"
            """
        let result = try edit(cli, "hamas-praised-attack", script: script)
        #expect(result.status == signal, "\(result.standardError)")
        #expect(
            result.standardError
                == "isnad: interrupted (SIG\(name)) while the editor ran: nothing changed, and the record's copy made for the editor was removed\n"
        )
        let file = try String(contentsOfFile: seen, encoding: .utf8).trimmingCharacters(in: .newlines)
        #expect(file.hasSuffix("/claim-hamas-praised-attack.json"))
        #expect(!FileManager.default.fileExists(atPath: (file as NSString).deletingLastPathComponent))
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
        #expect(!(try cli.run(["log"]).standardOutput.contains("entry 2")))
    }

    @Test(
        "the folder an edit killed by SIGKILL left (the record's copy in it) is named when edit next starts, and kept; one an edit still running holds is not"
    )
    func abandonedFolderNamed() throws {
        let cli = try importedStore()
        let killer = """
            p=$PPID
            while [ "$(cat /proc/$p/comm)" != isnad ] && [ "$p" -gt 1 ]; do p=$(cut -d' ' -f4 /proc/$p/stat); done
            kill -KILL "$p"
            """
        #expect(try edit(cli, "hamas", script: killer).status == SIGKILL)
        let temporary = cli.path("tmp")
        let left = try FileManager.default.contentsOfDirectory(atPath: temporary)
        #expect(left.count == 1 && left[0].hasPrefix("isnad-edit-"), "\(left)")
        // Made a minute ago: one made an instant ago may be another edit's, not yet held.
        let aMinuteAgo = Date(timeIntervalSinceNow: -60)
        try FileManager.default.setAttributes([.modificationDate: aMinuteAgo], ofItemAtPath: temporary + "/" + left[0])
        // An edit running meanwhile, its editor waiting for the word to end.
        let waiting = try cli.write("waiting.sh", "while [ ! -e '\(cli.path("go"))' ]; do sleep 0.1; done\n")
        let running = cli.process(["edit", "hamas-praised-attack"])
        running.environment = ProcessInfo.processInfo.environment.merging(
            ["EDITOR": "sh \(waiting)", "VISUAL": "", "TMPDIR": temporary, "ISNAD_DB": cli.path("isnad.db")]
        ) { $1 }
        try running.run()
        defer {
            FileManager.default.createFile(atPath: cli.path("go"), contents: Data())
            running.waitUntilExit()
        }
        // Its record's copy written: its folder changes no more.
        var others: [String] = []
        for _ in 0..<100 where others.isEmpty {
            usleep(50_000)
            others = try FileManager.default.contentsOfDirectory(atPath: temporary).filter {
                $0 != left[0] && FileManager.default.fileExists(atPath: "\(temporary)/\($0)/claim-hamas-praised-attack.json")
            }
        }
        #expect(others.count == 1, "\(others)")
        for other in others {
            try FileManager.default.setAttributes([.modificationDate: aMinuteAgo], ofItemAtPath: temporary + "/" + other)
        }
        let result = try edit(cli, "hamas", script: "true")
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardError.split(separator: "\n")
        #expect(lines.count == 2, "\(result.standardError)")
        #expect(
            lines.first?.hasPrefix("isnad: note: \(temporary)/\(left[0]) (last changed ") == true
                && lines.first?.hasSuffix(
                    ") is the folder of an edit that was killed before it ended, with a copy of the record; no isnad is editing it: remove it"
                ) == true, "\(result.standardError)")
        #expect(lines.last == "entity \"hamas\": unchanged")
        #expect(FileManager.default.fileExists(atPath: temporary + "/" + left[0] + "/entity-hamas.json"))
    }

    @Test("without a terminal and without $VISUAL or $EDITOR, edit refuses instead of waiting for vi")
    func noEditor() throws {
        let cli = try importedStore()
        let result = try cli.run(["edit", "hamas"], environment: ["EDITOR": "", "VISUAL": ""])
        #expect(result.status == 64)
        #expect(
            result.standardError
                == "isnad: edit needs a terminal for vi, or an editor in $VISUAL or $EDITOR (isnad set changes a field from a script)\n(see 'isnad edit --help')\n"
        )
    }

    @Test("the record opens one field a line, in a folder only its owner can read, removed afterwards")
    func layoutAndFolder() throws {
        let cli = try importedStore()
        let seen = cli.path("seen.txt")
        let script = """
            cp "$1" '\(seen)'; stat -c %a "$(dirname "$1")" >> '\(seen)'; echo "$1" >> '\(seen)'
            """
        let result = try edit(cli, "hamas-praised-attack", script: script)
        #expect(result.standardError == "claim \"hamas-praised-attack\": unchanged\n")
        let lines = try String(contentsOfFile: seen, encoding: .utf8).components(separatedBy: "\n")
        #expect(lines.contains("  \"predicate\": \"praised\","))
        #expect(lines.contains("      \"credibility\": 2"))
        let count = lines.count
        #expect(lines[count - 3] == "700")
        #expect(lines[count - 2].hasSuffix("/claim-hamas-praised-attack.json"))
        #expect(!FileManager.default.fileExists(atPath: (lines[count - 2] as NSString).deletingLastPathComponent))
    }

    @Test("a record laid out differently but equal to the stored one changes nothing")
    func reformattedIsUnchanged() throws {
        let cli = try importedStore()
        // Joins the lines into one: the same record, other whitespace.
        let result = try edit(cli, "hamas", script: #"grep -v '^#' "$1" | tr -d '\n' > "$1.new"; mv "$1.new" "$1""#)
        #expect(result.standardError == "entity \"hamas\": unchanged\n")
        #expect(!(try cli.run(["log"]).standardOutput.contains("entry 2")))
    }

    @Test("an unknown id is refused with a suggestion")
    func unknownID() throws {
        let cli = try importedStore()
        let result = try edit(cli, "hamass", script: "true\n")
        #expect(result.status == 65)
        #expect(result.standardError == "isnad: no entity, source or claim \"hamass\" (did you mean \"hamas\"?)\n")
    }

    @Test(
        "an edit that makes one passage of one claimant cite the claim and deny it is refused, as set refuses it: nothing is written"
    )
    func selfDisputeRefused() throws {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", SetCommandTests.onePassageTwice)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        let before = try cli.run(["export", "jsonl"]).outputBytes
        let result = try edit(cli, "c1", script: #"sed -i 's/"stance": "reports"/"stance": "denies"/' "$1""#)
        #expect(result.status == 65)
        #expect(
            result.standardError.hasPrefix(
                "isnad: claim \"c1\": the editor saved the record it was shown refused, unchanged (citations[1]: quotes (denies «It is false that Alpha praised Beta») the passage of \"art\""
            ), "\(result.standardError)")
        if let kept = result.standardError.range(of: "; your edit is kept in ").map({ result.standardError[$0.upperBound...] }) {
            try? FileManager.default.removeItem(atPath: (String(kept.dropLast()) as NSString).deletingLastPathComponent)
        }
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
    }
}
