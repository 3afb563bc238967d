#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few file-system questions Isnad asks, answered by the system calls themselves.
public enum FileSystem {
    public static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// What tells one state of a file from another without reading it: its device and inode
    /// (replaced or not), its size and its time of last change, to the nanosecond.
    struct Identity: Equatable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var changedSeconds: Int
        var changedNanoseconds: Int
    }

    /// The file's ``Identity``, or nil when it cannot be read (removed).
    static func identity(of path: String) -> Identity? {
        var information = stat()
        guard stat(path, &information) == 0 else { return nil }
        #if canImport(Glibc)
            let changed = information.st_mtim
        #else
            let changed = information.st_mtimespec
        #endif
        return Identity(
            device: UInt64(information.st_dev), inode: UInt64(information.st_ino), size: Int64(information.st_size),
            changedSeconds: Int(changed.tv_sec), changedNanoseconds: Int(changed.tv_nsec))
    }

    public static func isReadable(_ path: String) -> Bool { access(path, R_OK) == 0 }

    public static func isWritable(_ path: String) -> Bool { access(path, W_OK) == 0 }

    /// Which of a store's files (the store, its `-wal` and `-shm`, its folder) this process may
    /// not write, said for a message ("x.isnad-shm cannot be written"); nil when all can be. A
    /// `-wal` or `-shm` left read-only by a reader who could not write the store keeps writers
    /// out after the store itself is made writable, and is not where one would look.
    public static func unwritablePart(ofStore path: String) -> String? {
        for file in [path, path + "-wal", path + "-shm"] where exists(file) && !isWritable(file) {
            return "\(Text.printableFileName(file)) cannot be written"
        }
        let folder = folder(of: path)
        if !isWritable(folder) { return "its folder \(Text.printableFileName(folder)) cannot be written" }
        return nil
    }

    /// The store's `-wal` or `-shm` when another user owns it and this process may not write
    /// it, said with whose it is and what to do; nil otherwise. SQLite makes both owned by
    /// whoever opens the store first, in their own group unless the folder is setgid: on a
    /// shared server a teammate's query (by an Isnad before this one, or one that may only read
    /// the store) leaves files its owner's next write cannot open. The store is not read-only:
    /// an empty log may be removed once nobody has the store open; one that holds changes not
    /// yet in the store must stay, and its owner can give it to the store's group.
    public static func anotherUsersLog(ofStore path: String) -> String? {
        let (log, index) = (path + "-wal", path + "-shm")
        guard isWritable(path), let file = [log, index].first(where: { exists($0) && !isWritable($0) }) else { return nil }
        var information = stat()
        guard stat(file, &information) == 0, information.st_uid != geteuid() else { return nil }
        let owner = userName(information.st_uid)
        let (shownLog, shownIndex) = (Text.printableFileName(log), Text.printableFileName(index))
        let whose = "\(Text.printableFileName(file)) belongs to \(owner), not to you"
        let prevention =
            "a folder made chmod g+ws, with umask 002 for everyone, keeps the next ones the group's (docs/guarantees.md)"
        if (regularFileSize(log) ?? 0) > 0 {
            var store = stat()
            let group = stat(path, &store) == 0 ? groupName(store.st_gid) : "GROUP"
            return
                "\(whose), and \(shownLog) holds changes not yet in the store: do not remove it; their owner, \(owner), can give both to the group (chgrp \(group) \(shownLog) \(shownIndex); chmod g+w \(shownLog) \(shownIndex)); \(prevention)"
        }
        return
            "\(whose) (left empty by a query of theirs): with no isnad using the store, remove \(shownLog) and \(shownIndex); \(prevention)"
    }

    /// A user's login name, or `uid N` when the system's user database has none.
    static func userName(_ user: uid_t) -> String {
        if let entry = getpwuid(user), let name = entry.pointee.pw_name, name.pointee != 0 {
            return Text.printable(String(cString: name))
        }
        return "uid \(user)"
    }

    /// A group's name, or its number when the system's group database has none.
    static func groupName(_ group: gid_t) -> String {
        if let entry = getgrgid(group), let name = entry.pointee.gr_name, name.pointee != 0 {
            return Text.printable(String(cString: name))
        }
        return "\(group)"
    }

    /// The folder a path names a file in, as written: `a/b` → `a`, `/b` → `/`, `b` → `.`.
    /// (Foundation's `deletingLastPathComponent` traps on some one-letter paths.)
    public static func folder(of path: String) -> String {
        path.lastIndex(of: "/").map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
    }

    public static func isDirectory(_ path: String) -> Bool {
        var information = stat()
        return stat(path, &information) == 0 && (information.st_mode & S_IFMT) == S_IFDIR
    }

    /// What the path names when it exists and is not a regular file (after following links):
    /// "a folder", "a FIFO (named pipe)", "a socket", "a device"; nil for a regular file or
    /// nothing at all.
    public static func kindOfNonRegularFile(_ path: String) -> String? {
        var information = stat()
        guard stat(path, &information) == 0 else { return nil }
        switch information.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFSOCK: return "a socket"
        default: return "a device"
        }
    }

    /// What is at the path itself when it is neither missing nor a regular file, a symbolic link
    /// not followed: "a symbolic link", "a folder" … as ``kindOfNonRegularFile(_:)`` says them.
    public static func kindOfNonRegularEntry(_ path: String) -> String? {
        var information = stat()
        guard lstat(path, &information) == 0 else { return nil }
        if (information.st_mode & S_IFMT) == S_IFLNK { return "a symbolic link" }
        return kindOfNonRegularFile(path)
    }

    /// The bytes an unprivileged process may still write on the file system holding `path`; nil
    /// when it cannot be told.
    public static func availableBytes(at path: String) -> Int? {
        var information = statvfs()
        guard statvfs(path, &information) == 0 else { return nil }
        return Int(information.f_bavail) * Int(information.f_frsize)
    }

    /// The folder SQLite puts its temporary files in (the sorts of a large import) on Unix: the
    /// first of `$SQLITE_TMPDIR`, `$TMPDIR`, /var/tmp, /usr/tmp, /tmp and `.` that is a folder
    /// this process can write (https://www.sqlite.org/tempfiles.html#temporary_file_storage_locations).
    public static var sqliteTemporaryFolder: String {
        let names: [String] = ["SQLITE_TMPDIR", "TMPDIR"]
        let variables: [String?] = names.map { name in getenv(name).map { String(cString: $0) } }
        let candidates = variables + ["/var/tmp", "/usr/tmp", "/tmp", "."]
        return candidates.compactMap { $0 }.first { !$0.isEmpty && isDirectory($0) && access($0, W_OK | X_OK) == 0 } ?? "."
    }

    /// The file's size in bytes, or nil when it is not a regular file (a pipe, a terminal).
    public static func regularFileSize(_ path: String) -> Int? {
        var information = stat()
        guard stat(path, &information) == 0, (information.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(information.st_size)
    }

    /// How many names (hard links) the regular file at the path has, links followed; nil when
    /// no regular file is there.
    public static func linkCount(_ path: String) -> Int? {
        var information = stat()
        guard stat(path, &information) == 0, (information.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(information.st_nlink)
    }

    /// Gives its owner write permission on the regular file at the path, when this process owns
    /// it; a symbolic link is left as it is. No descriptor of the file is opened: SQLite may
    /// hold it open in this process, and closing any descriptor of a file drops every POSIX lock
    /// the process holds on it (a reader's lock on the log's index, which a writer then ignored).
    public static func letOwnerWrite(_ path: String) {
        var information = stat()
        guard lstat(path, &information) == 0, (information.st_mode & S_IFMT) == S_IFREG,
            information.st_uid == geteuid(), information.st_mode & S_IWUSR == 0
        else { return }
        // Not through a link put there since (glibc does it through an O_PATH descriptor, whose
        // closing drops no lock).
        _ = fchmodat(AT_FDCWD, path, (information.st_mode & 0o7777) | S_IWUSR, AT_SYMLINK_NOFOLLOW)
    }

    /// Makes an empty regular file at the path, with `0666` less the umask as any new file is
    /// given; nothing when something is there already (a link too), or the file cannot be made.
    /// Whether it was made.
    @discardableResult
    public static func makeEmptyFile(_ path: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { return false }
        close(descriptor)
        return true
    }

    /// The process's umask, which the system takes from a new file's permissions.
    public static var currentUmask: mode_t {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }

    /// The permission bits (`0o777`) of the file at the path, links followed; nil when none is there.
    public static func permissions(of path: String) -> mode_t? {
        var information = stat()
        guard stat(path, &information) == 0 else { return nil }
        return information.st_mode & 0o777
    }

    /// Gives the file at `source` the name `target` in the same folder, never over a file there:
    /// a second name (a hard link) and the first removed, so that a file that appeared at
    /// `target` meanwhile fails with EEXIST; on a file system without hard links (FAT), a rename
    /// once `target` is seen free. Then the folder is synced, for the name to last.
    static func name(_ source: String, as target: String) throws(SystemError) {
        if link(source, target) == 0 {
            unlink(source)
        } else {
            let code = errno
            guard [EPERM, EOPNOTSUPP, ENOTSUP, EMLINK, ENOSYS].contains(code) else { throw SystemError(code: code) }
            if exists(target) || isSymbolicLink(target) { throw SystemError(code: EEXIST) }
            if rename(source, target) != 0 { throw SystemError(code: errno) }
        }
        let descriptor = open(folder(of: target), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if descriptor >= 0 {
            _ = fsync(descriptor)
            close(descriptor)
        }
    }

    /// Whether the path itself is a symbolic link (not followed), to something or to nothing.
    public static func isSymbolicLink(_ path: String) -> Bool {
        var information = stat()
        return lstat(path, &information) == 0 && (information.st_mode & S_IFMT) == S_IFLNK
    }

    /// Whether a regular file is at the path (links followed) and begins with `prefix`.
    public static func regularFile(_ path: String, beginsWith prefix: [UInt8]) -> Bool {
        guard regularFileSize(path) ?? 0 >= prefix.count else { return false }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: prefix.count)
        let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, prefix.count) }
        return count == prefix.count && bytes == prefix
    }

    /// The path with every symbolic link resolved, or nil when it names nothing.
    public static func resolvedPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Deletes a file; false when there was none or it cannot be deleted.
    @discardableResult
    public static func remove(_ path: String) -> Bool { unlink(path) == 0 }

    /// The description of an `errno` value.
    public static func describe(errorCode: Int32) -> String { String(cString: strerror(errorCode)) }

    /// Every byte `descriptor` gives until its end, or until more than `limit` came (then those
    /// read so far, more than `limit`): a signal, or a descriptor its opener made non-blocking,
    /// waits rather than fails. Throws the errno of a read that failed.
    public static func readToEnd(_ descriptor: Int32, limit: Int = .max) throws(SystemError) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count <= limit {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                let code = errno
                if RetryableCall.mayRetry(code, descriptor: descriptor, forWriting: false) { continue }
                throw SystemError(code: code)
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
        }
        return bytes
    }

    /// The whole of the file at `path`.
    public static func readWhole(_ path: String) throws(SystemError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SystemError(code: errno) }
        defer { close(descriptor) }
        return try readToEnd(descriptor)
    }

    /// The whole of the regular file at `path` itself, or nil when something else is there: a
    /// symbolic link (not followed), a folder, a FIFO (not waited on for a writer), a device.
    /// Throws the errno of an open or read that failed (ENOENT: nothing is there).
    public static func readWholeRegularFile(_ path: String) throws(SystemError) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            // ELOOP: a link at the path itself, which O_NOFOLLOW refuses to open.
            if code == ELOOP || code == ENXIO { return nil }
            throw SystemError(code: code)
        }
        defer { close(descriptor) }
        var information = stat()
        guard fstat(descriptor, &information) == 0 else { throw SystemError(code: errno) }
        guard (information.st_mode & S_IFMT) == S_IFREG else { return nil }
        return try readToEnd(descriptor)
    }

    /// A system call's failure: its errno.
    public struct SystemError: Error, Sendable {
        public let code: Int32
        public var description: String { FileSystem.describe(errorCode: code) }
    }
}
