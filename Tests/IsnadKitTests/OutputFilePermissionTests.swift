import Foundation
import TestHelpers
import Testing

@testable import IsnadKit

/// What an ``OutputFile`` made from a store takes of the store's permissions, and the links it
/// refuses to follow.
@Suite("Output file permissions and links", .temporaryFolder)
struct OutputFilePermissionTests {
    private func permissions(_ path: String) -> mode_t? { FileSystem.permissions(of: path) }

    private func write(_ text: String, to path: String, madeFrom store: String) throws -> OutputFile {
        let file = try OutputFile(path: path, madeFrom: .file(path: store))
        try Array(text.utf8).withUnsafeBytes { try file.write($0) }
        return file
    }

    @Test("a read-only store gives its files the owner's read and write; a file replaced keeps its owner's bits")
    func readOnlyStore() throws {
        let folder = try TemporaryFolder.scoped
        let store = try folder.write("store.db", "")
        chmod(store, 0o444)
        let umask = FileSystem.currentUmask
        #expect(StoreLocation.file(path: store).permissionsForFilesMadeFromIt == 0o644 & ~umask)
        try write("new\n", to: folder.path("new.txt"), madeFrom: store).commit()
        #expect(permissions(folder.path("new.txt")) == 0o644 & ~umask)
        let replaced = try folder.write("replaced.txt", "old\n")
        chmod(replaced, 0o600)
        let file = try write("new\n", to: replaced, madeFrom: store)
        try file.commit()
        #expect(permissions(replaced) == 0o600)
        #expect(file.narrowing == nil)
    }

    @Test("a file replaced that loses group and other bits to a private store says so once committed, not before")
    func narrowingReported() throws {
        let folder = try TemporaryFolder.scoped
        let store = try folder.write("store.db", "")
        chmod(store, 0o600)
        let shared = try folder.write("shared.html", "old\n")
        chmod(shared, 0o644)
        let file = try write("new\n", to: shared, madeFrom: store)
        #expect(file.narrowing == nil)
        try file.commit()
        #expect(permissions(shared) == 0o600)
        let narrowing = try #require(file.narrowing)
        #expect((narrowing.before, narrowing.after, narrowing.storePermissions) == (0o644, 0o600, 0o600))
        #expect(!narrowing.isNarrowedByUmask)
        // Discarded, nothing was narrowed.
        chmod(shared, 0o644)
        let discarded = try write("new\n", to: shared, madeFrom: store)
        discarded.discard()
        #expect(discarded.narrowing == nil && permissions(shared) == 0o644)
    }

    @Test("links are followed at most as far as the kernel follows them: a longer chain is left to it to refuse")
    func linkChainBound() throws {
        let folder = try TemporaryFolder.scoped
        try folder.write("end.txt", "kept\n")
        symlink("end.txt", folder.path("link0"))
        for index in 1...OutputFile.linksFollowedAtMost {
            symlink("link\(index - 1)", folder.path("link\(index)"))
        }
        #expect(OutputFile.linkOfAnotherUserInSharedFolder(along: folder.path("link\(OutputFile.linksFollowedAtMost)")) == nil)
        symlink(folder.path("loop-b"), folder.path("loop-a"))
        symlink(folder.path("loop-a"), folder.path("loop-b"))
        #expect(OutputFile.linkOfAnotherUserInSharedFolder(along: folder.path("loop-a")) == nil)
    }

    @Test(
        "another user's link in a sticky folder writable by all is found at the end of a chain of the user's own links, relative and absolute",
        .enabled(if: getuid() == 0, "needs root to give a link to another user (lchown)"))
    func chainToAnotherUsersLink() throws {
        let folder = try TemporaryFolder.scoped
        let shared = folder.path("shared")
        #expect(mkdir(shared, 0o777) == 0 && chmod(shared, 0o1777) == 0)
        try folder.write("notes.txt", "precious\n")
        symlink(folder.path("notes.txt"), folder.path("shared/theirs"))
        #expect(lchown(folder.path("shared/theirs"), 12345, 12345) == 0)
        symlink("theirs", folder.path("shared/mine"))
        symlink("shared/mine", folder.path("relative"))
        symlink(folder.path("shared/../shared/mine"), folder.path("absolute"))
        for name in ["shared/theirs", "shared/mine", "relative", "absolute"] {
            let found = OutputFile.linkOfAnotherUserInSharedFolder(along: folder.path(name))
            #expect(found?.link.hasSuffix("shared/theirs") == true, "\(name): \(String(describing: found))")
        }
        #expect(OutputFile.linkOfAnotherUserInSharedFolder(along: folder.path("notes.txt")) == nil)
        // Their link is theirs to follow when the folder is theirs too.
        #expect(chown(shared, 12345, 12345) == 0)
        #expect(OutputFile.linkOfAnotherUserInSharedFolder(along: folder.path("relative")) == nil)
    }
}
