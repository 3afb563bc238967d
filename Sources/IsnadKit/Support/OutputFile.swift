import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file named on the command line to receive an export, written so that a crafted name or a
/// planted link cannot make Isnad destroy something else.
///
/// - A regular file (or a name not yet taken) is written under a fresh temporary name made by
///   `mkstemp` in the target's own folder (unique, created with `O_EXCL`, so a planted link is
///   never followed), given the target's permissions when it exists (or the umask's), its
///   group and other bits no wider than the store it is made from (``narrowing`` says when a
///   file replaced lost some), synced, and renamed over the target; then the folder is
///   synced. The target holds its old content or the whole new one. The temporary name is short
///   and fixed in length, so any name the file system accepts works.
/// - An existing file is replaced only when the user may write it, and keeps its owner and
///   group (another user's file, whose owner cannot be kept, is refused; the user's own file in a
///   group they are not in comes back in their group, with no group permission).
/// - A link is followed: the file it points to is replaced, as `cp` does. A link to nothing is
///   refused, since following it would create a file somewhere the user never named. So is
///   another user's link in a shared folder (``linkOfAnotherUserInSharedFolder(along:)``).
/// - A target that exists and is not a regular file (a device such as `/dev/null`, a FIFO, a
///   socket) is written in place, never replaced.
/// - Protected files (the store and its companion files) are refused before anything is
///   written, whatever the spelling of the path: the same device and inode, or the same folder
///   and name. So is the name of any SQLite database's companion file (`-wal`, `-shm`,
///   `-journal` after a database's name), which SQLite would take for that database's own.
///
/// An interrupted export (SIGINT, SIGTERM, SIGHUP, SIGQUIT, and the other signals that end a
/// process: ``TemporaryFiles/signals``) removes its temporary file.
public final class OutputFile: ByteSink {
    /// The path as the user gave it, for messages.
    public let path: String
    private let targetPath: String
    private let folderPath: String
    private var temporaryPath: String?
    private var sink: FileSink?
    private let descriptor: Int32
    private var pendingNarrowing: Narrowing?

    /// How a file replaced had its permissions narrowed to the store's, once ``commit()`` put the
    /// new one in place: nil when it kept them, or when nothing was replaced. A page made `0644`
    /// for a web server, narrowed to a `0600` store's, is no longer served: the user is told.
    public private(set) var narrowing: Narrowing?

    /// The permissions a file replaced had and has, and what narrowed them: the group and other
    /// bits that the store file's own, less the umask, do not give
    /// (``StoreLocation/permissionsForFilesMadeFromIt``).
    public struct Narrowing: Sendable, Equatable {
        /// The replaced file's permission bits.
        public let before: mode_t
        /// The new file's.
        public let after: mode_t
        /// The store file's own permission bits.
        public let storePermissions: mode_t
        /// The umask, which narrows them further.
        public let umask: mode_t

        /// Whether the umask took bits that the store and the replaced file both gave: the store
        /// alone would have kept them.
        public var isNarrowedByUmask: Bool { before & storePermissions & umask & 0o077 != 0 }
    }

    /// Opens the target for writing; nothing is visible at `path` until ``commit()``. The
    /// output is never the store at `storePath` nor any of its companion files. A file made from
    /// the store at `store` gets no wider permissions than it
    /// (``StoreLocation/permissionsForFilesMadeFromIt``).
    public init(path: String, notOver storePath: String? = nil, madeFrom store: StoreLocation? = nil) throws(OutputError) {
        self.path = path
        guard !path.isEmpty else { throw OutputError(path: path, code: ENOENT) }
        // Standard output or another open descriptor by name (`-o /dev/stdout`, `/dev/fd/3`): the
        // descriptor itself, shared, so that `>>` appends and what the shell wrote before stays;
        // reopened by its name, or replaced as the file it points to, it was written over.
        if let number = OutputFile.descriptorNamed(path) {
            let descriptor = number < 0 ? -1 : fcntl(number, F_DUPFD_CLOEXEC, 0)
            if descriptor < 0 {
                if number < 0 || errno == EBADF { throw OutputError(path: path, reason: .descriptorNotOpen) }
                throw OutputError(path: path, code: errno)
            }
            var opened = stat()
            if fstat(descriptor, &opened) == 0, let storePath,
                GraphStore.files(at: storePath).contains(where: { OutputFile.isSameFile("", existing: opened, as: $0) })
            {
                close(descriptor)
                throw OutputError(path: path, reason: .isStore(storePath))
            }
            (self.targetPath, self.folderPath, self.descriptor) = (path, "", descriptor)
            self.sink = FileSink(descriptor: descriptor, path: path, owns: true)
            return
        }
        if let (link, folder) = OutputFile.linkOfAnotherUserInSharedFolder(along: path) {
            throw OutputError(path: path, reason: .anotherUsersLinkInSharedFolder(link: link, folder: folder))
        }
        var followed = stat()
        let isFound = stat(path, &followed) == 0
        // A name ending in a slash names a folder, as for `cp` and a shell's `>`: never a file
        // written beside it under the name without the slash.
        if path.hasSuffix("/") {
            if isFound, (followed.st_mode & S_IFMT) == S_IFDIR { throw OutputError(path: path, code: EISDIR) }
            throw OutputError(path: path, reason: .notAFolder)
        }
        // A device, FIFO or socket, through links or not (`/dev/stdout` when it is a pipe, whose
        // link names no path): written in place, as a shell's `>` would. Never the store, a file.
        if isFound, (followed.st_mode & S_IFMT) != S_IFREG, (followed.st_mode & S_IFMT) != S_IFDIR {
            let descriptor = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY)
            if descriptor < 0 { throw OutputError(path: path, code: errno) }
            (self.targetPath, self.folderPath, self.descriptor) = (path, "", descriptor)
            self.sink = FileSink(descriptor: descriptor, path: path, owns: true)
            return
        }
        let (folder, name) = try OutputFile.resolvedLocation(of: path)
        let targetPath = folder == "/" ? "/" + name : folder + "/" + name
        self.folderPath = folder
        self.targetPath = targetPath
        var existing = stat()
        let exists = stat(targetPath, &existing) == 0
        let existingTarget = exists ? existing : nil
        if let storePath,
            GraphStore.files(at: storePath).contains(where: {
                OutputFile.isSameFile(targetPath, existing: existingTarget, as: $0)
            })
        {
            throw OutputError(path: path, reason: .isStore(storePath))
        }
        if let database = GraphStore.databaseTakingAsItsOwn(targetPath) {
            throw OutputError(path: path, reason: .companionOf(database))
        }
        if exists, (existing.st_mode & S_IFMT) == S_IFDIR { throw OutputError(path: path, code: EISDIR) }
        // Another store, one tab completion away from the export's name: replaced, it was gone
        // with its history, and a writer busy in it reported success into a file now unlinked.
        if exists, (existing.st_mode & S_IFMT) == S_IFREG,
            GraphStore.isSQLiteDatabase(targetPath)
        {
            throw OutputError(path: path, reason: .isDatabase)
        }
        if exists, (existing.st_mode & S_IFMT) != S_IFREG {
            // Became a device, FIFO or socket since it was looked at above: written in place.
            let descriptor = open(targetPath, O_WRONLY | O_CLOEXEC | O_NOCTTY)
            if descriptor < 0 { throw OutputError(path: path, code: errno) }
            self.descriptor = descriptor
            self.sink = FileSink(descriptor: descriptor, path: path, owns: true)
            return
        }
        // Replaced by a rename, which asks only for the folder: a file the user may not write,
        // or another user's, is refused as a shell's `>` would refuse it, or would keep its owner.
        if exists, access(targetPath, W_OK) != 0 { throw OutputError(path: path, code: errno) }
        let (descriptor, temporary): (Int32, String)
        do {
            (descriptor, temporary) = try TemporaryFiles.create(in: folder, for: path)
        } catch let error where error.folder != nil && !FileSystem.isSymbolicLink(path) {
            // The folder as the user named it ("." for a bare name), not as resolved.
            throw OutputError(path: path, folder: FileSystem.folder(of: path), code: error.code)
        }
        let widest = store?.permissionsForFilesMadeFromIt
        let mode: mode_t
        var narrowing: Narrowing?
        if exists {
            // The owner's bits stay the file's own: only who else may read it is the store's to limit.
            let own = existing.st_mode & 0o777
            mode = own & (S_IRWXU | (widest ?? 0o777))
            if mode != own, let storePermissions = store?.filePermissions {
                narrowing = Narrowing(
                    before: own, after: mode, storePermissions: storePermissions, umask: FileSystem.currentUmask)
            }
        } else {
            mode = widest ?? 0o666 & ~FileSystem.currentUmask
        }
        var problem: OutputError?
        var keptMode = mode
        if exists, existing.st_uid != geteuid() || existing.st_gid != getegid(),
            fchown(descriptor, existing.st_uid, existing.st_gid) != 0
        {
            if existing.st_uid != geteuid() {
                problem = OutputError(path: path, reason: .ownedByAnotherUser)
            } else {
                // The user's own file in a group they are not in: the new file is in their own
                // group, which the old group's permissions must not open to.
                keptMode &= ~0o070
            }
        }
        if problem == nil, fchmod(descriptor, keptMode) != 0 { problem = OutputError(path: path, code: errno) }
        if let problem {
            close(descriptor)
            TemporaryFiles.remove(temporary)
            throw problem
        }
        self.descriptor = descriptor
        self.temporaryPath = temporary
        // As the file is given: a group's bits taken for another reason (above) are in it too.
        self.pendingNarrowing = narrowing.map {
            Narrowing(before: $0.before, after: keptMode, storePermissions: $0.storePermissions, umask: $0.umask)
        }
        self.sink = FileSink(descriptor: descriptor, path: path, owns: true)
    }

    deinit { discard() }

    /// The temporary files that exports killed before they finished (SIGKILL, a reset: no
    /// handler ran) left in the folder of `path`, the target just written: `.isnad-XXXXXX`
    /// regular files that no process holds locked (every export holds its own from creation to
    /// its end) and that nothing wrote for a minute. Named, never removed: a file by that name
    /// may be someone's own. At most `limit`, with how many there are in all; each named in the
    /// folder as `path` names it.
    public static func abandonedTemporaryFiles(besides path: String, limit: Int = 3)
        -> (files: [(path: String, bytes: Int, lastWritten: String)], count: Int)
    {
        guard descriptorNamed(path) == nil, let (folder, _) = try? resolvedLocation(of: path) else { return ([], 0) }
        let (leftovers, count) = FileSystem.unheldLeftovers(
            in: folder, prefix: ".isnad-", isFolder: false, quietSeconds: 60, ownedByUser: false, limit: limit)
        // Named beside the path as the user gave it, not as resolved.
        // Through a link to a file elsewhere the folder is the one it leads to, named as such.
        let shownFolder = FileSystem.isSymbolicLink(path) ? folder : path.contains("/") ? FileSystem.folder(of: path) : "."
        let files = leftovers.map { leftover in
            (
                (shownFolder == "." ? "" : shownFolder == "/" ? "/" : shownFolder + "/") + leftover.name, leftover.bytes,
                leftover.lastChanged
            )
        }
        return (files, count)
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard let sink else { return }
        do {
            try sink.write(bytes)
        } catch let error as OutputError {
            throw OutputError(path: path, code: error.code)
        }
    }

    /// Makes the file durable and puts it in place.
    public func commit() throws(OutputError) {
        guard let sink else { return }
        do {
            try sink.flush()
        } catch let error as OutputError {
            discard()
            throw OutputError(path: path, code: error.code)
        } catch {
            discard()
            throw OutputError(path: path, code: EIO)
        }
        guard let temporaryPath else {
            self.sink = nil
            return
        }
        while fsync(descriptor) != 0 {
            let code = errno
            // Interrupted (a network file system may be): made again, as every write is.
            if code == EINTR { continue }
            discard()
            throw OutputError(path: path, code: code)
        }
        self.sink = nil
        if rename(temporaryPath, targetPath) != 0 {
            let code = errno
            TemporaryFiles.remove(temporaryPath)
            self.temporaryPath = nil
            throw OutputError(path: path, code: code)
        }
        TemporaryFiles.forget(temporaryPath)
        self.temporaryPath = nil
        narrowing = pendingNarrowing
        // The rename is durable only once the folder is.
        let folder = open(folderPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            _ = fsync(folder)
            close(folder)
        }
    }

    /// Drops what was written; the target keeps what it had.
    public func discard() {
        sink = nil
        if let temporaryPath {
            TemporaryFiles.remove(temporaryPath)
            self.temporaryPath = nil
        }
    }

    /// The descriptor a path names as a process's own (`/dev/stdout`, `/dev/stderr`, `/dev/fd/N`,
    /// `/proc/self/fd/N`), or nil.
    private static func descriptorNamed(_ path: String) -> Int32? {
        switch path {
        case "/dev/stdout": return STDOUT_FILENO
        case "/dev/stderr": return STDERR_FILENO
        default:
            for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
                return Int32(path.dropFirst(prefix.count))
            }
            return nil
        }
    }

    /// The first symbolic link met in resolving `path` (its last part, a folder on the way, or a
    /// link that another link leads to) that is in a folder anyone may write to with the sticky
    /// bit set (`/tmp`), and whose owner is neither this user nor the folder's owner, with that
    /// folder: another user put it there and chose where it leads (`/tmp/report.html` →
    /// `~/notes.txt`). The kernel refuses to follow such a link for a shell's `>` and for `cp`
    /// (`fs.protected_symlinks`, on by default in most distributions), wherever it is met, but
    /// not for `realpath`, which resolves the target here: so the rule is applied here, whatever
    /// the system's setting. Nil when there is none (or when resolving meets more links than the
    /// kernel follows, ``linksFollowedAtMost``: the path is then refused as a loop by the kernel).
    public static func linkOfAnotherUserInSharedFolder(along path: String) -> (link: String, folder: String)? {
        // Resolved one part at a time, as the kernel does: a link's target takes its place, so
        // that a link of the user's own leading to another user's link is caught at that link.
        // `walked` holds no link (each is replaced by its target), so the kernel resolves it to
        // the folder it names, `..` included.
        var remaining = parts(of: path).reversed() as [String]
        var walked = path.hasPrefix("/") ? "/" : ""
        var linksFollowed = 0
        while let part = remaining.popLast() {
            let folder = walked.isEmpty ? "." : walked
            let next = walked + (walked.isEmpty || walked.hasSuffix("/") ? "" : "/") + part
            guard part != "." && part != ".." else {
                walked = next
                continue
            }
            var link = stat()
            // What is not there has nothing past it to follow.
            guard lstat(next, &link) == 0 else { return nil }
            guard (link.st_mode & S_IFMT) == S_IFLNK else {
                walked = next
                continue
            }
            if link.st_uid != geteuid() {
                var shared = stat()
                guard stat(folder, &shared) == 0 else { return nil }
                if shared.st_mode & (S_ISVTX | S_IWOTH) == (S_ISVTX | S_IWOTH), shared.st_uid != link.st_uid {
                    return (next, folder)
                }
            }
            linksFollowed += 1
            guard linksFollowed <= linksFollowedAtMost, let target = linkTarget(next), !target.isEmpty else { return nil }
            remaining += parts(of: target).reversed()
            if target.hasPrefix("/") { walked = "/" }
        }
        return nil
    }

    /// How many links resolving one path follows before the kernel calls it a loop (`ELOOP`): Linux's 40.
    static let linksFollowedAtMost = 40

    private static func parts(of path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    /// Where the link at `path` leads, as written in it; nil when it cannot be read.
    private static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The real folder of the target and its name, links followed: a link to an existing file
    /// stands for that file; a link to nothing is refused.
    private static func resolvedLocation(of path: String) throws(OutputError) -> (folder: String, name: String) {
        var information = stat()
        if lstat(path, &information) == 0, (information.st_mode & S_IFMT) == S_IFLNK {
            guard let resolved = realPath(path) else { throw OutputError(path: path, reason: .danglingLink) }
            return split(resolved)
        }
        let (folder, name) = split(path)
        guard name != "." && name != ".." else { throw OutputError(path: path, code: EISDIR) }
        guard let realFolder = realPath(folder.isEmpty ? "." : folder) else { throw OutputError(path: path, code: errno) }
        return (realFolder, name)
    }

    private static func split(_ path: String) -> (folder: String, name: String) {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return ("", String(trimmed)) }
        let folder = trimmed[..<slash]
        return (folder.isEmpty ? "/" : String(folder), String(trimmed[trimmed.index(after: slash)...]))
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether `target` is `protected`: the same inode when both exist, or the same real folder
    /// and name (a `-wal` that does not exist yet must not be created by an export either).
    private static func isSameFile(_ target: String, existing: stat?, as protected: String) -> Bool {
        var other = stat()
        if let existing, stat(protected, &other) == 0, existing.st_dev == other.st_dev, existing.st_ino == other.st_ino {
            return true
        }
        guard let location = try? resolvedLocation(of: protected) else { return false }
        let protectedTarget = location.folder == "/" ? "/" + location.name : location.folder + "/" + location.name
        return protectedTarget == target
    }
}

/// Temporary files that a signal must not leave behind. The handler may only call
/// async-signal-safe functions, so the paths live in C memory it can read as they are.
enum TemporaryFiles {
    /// The signals whose default is to end the process, and which a process can catch: Ctrl-C,
    /// Ctrl-\, a hang-up, `kill`, a file grown past `ulimit -f` (SIGXFSZ), a timer, a user's.
    /// Only those left at their default are taken over: a handler the program installed, or a
    /// signal it ignores, stays as it was.
    static let signals = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGXFSZ, SIGALRM, SIGUSR1, SIGUSR2]
    /// How many temporary files the handler knows at once: one for each output being written (a
    /// command writes one at a time). The slots are allocated once, not grown: the handler may be
    /// reading them at any moment. A file created while every slot is taken is removed as usual,
    /// except by a signal, which leaves it behind (`.isnad-XXXXXX`, beside its target).
    private static let capacity = 64
    nonisolated(unsafe) private static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let slots = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        slots.initialize(repeating: nil, count: capacity)
        // A signal the parent chose to ignore (nohup's SIGHUP) stays ignored.
        for number in signals {
            let previous = signal(number, removeTemporaryFilesAndDie)
            if let previous, unsafeBitCast(previous, to: Int.self) != unsafeBitCast(SIG_DFL, to: Int.self) {
                signal(number, previous)
            }
        }
        return slots
    }()

    /// Creates a unique file in `folder`, already known to the signal handler: the signals are
    /// held from just before the file exists until its name is registered.
    static func create(in folder: String, for path: String) throws(OutputError) -> (descriptor: Int32, path: String) {
        _ = slots  // installs the handlers
        var held = sigset_t()
        var previous = sigset_t()
        sigemptyset(&held)
        for number in signals { sigaddset(&held, number) }
        pthread_sigmask(SIG_BLOCK, &held, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        var template = Array((folder == "/" ? "/" : folder + "/").utf8CString.dropLast()) + Array(".isnad-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { $0.baseAddress.map { mkstemp($0) } ?? -1 }
        if descriptor < 0 {
            let code = errno
            // The target may be writable: the folder, where the temporary file goes, is not.
            if code == EACCES || code == EPERM { throw OutputError(path: path, folder: folder, code: code) }
            throw OutputError(path: path, code: code)
        }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        // Held until the process ends, however it ends: a file no process holds so is one that
        // a killed export left (``OutputFile/abandonedTemporaryFiles(besides:)``).
        _ = flock(descriptor, LOCK_EX | LOCK_NB)
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        register(temporary)
        return (descriptor, temporary)
    }

    /// Makes `path` known to the signal handler, when a slot is free (see ``capacity``): a file
    /// beside one ``create(in:for:)`` made, that another program makes (SQLite's `-wal`, say).
    static func register(_ path: String) {
        guard let copy = strdup(path) else { return }
        for index in 0..<capacity where slots[index] == nil {
            slots[index] = copy
            return
        }
        free(copy)
    }

    static func forget(_ path: String) {
        for index in 0..<capacity {
            if let slot = slots[index], String(cString: slot) == path {
                slots[index] = nil
                free(slot)
            }
        }
    }

    static func remove(_ path: String) {
        unlink(path)
        forget(path)
    }

    static func removeAll() {
        for index in 0..<capacity {
            if let slot = slots[index] { unlink(slot) }
        }
    }
}

private func removeTemporaryFilesAndDie(_ number: Int32) {
    TemporaryFiles.removeAll()
    signal(number, SIG_DFL)
    raise(number)
}
