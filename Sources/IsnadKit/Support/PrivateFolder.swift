import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A folder of this process's own in the temporary folder (`$TMPDIR`, else `/tmp`), for a copy of
/// a record that an editor opens (`isnad-edit-XXXXXX`) or an edit kept (`isnad-kept-XXXXXX`).
///
/// Made by `mkdtemp`: mode `0700`, a name nobody could guess or plant a link at. Held locked
/// (`flock`) until the process ends, however it ends, as an export's temporary file is
/// (``OutputFile/abandonedTemporaryFiles(besides:limit:)``): one that no process holds is one a
/// killed edit left, with the record in it, which ``abandoned(_:limit:)`` finds.
public enum PrivateFolder {
    /// The temporary folder these are made in: `$TMPDIR`, else `/tmp`; a `$TMPDIR` that names no
    /// folder (removed, mistyped, another machine's) is passed over, as exports pass it over.
    public static var temporaryFolder: String {
        let path = FileManager.default.temporaryDirectory.path
        let folder = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        return FileSystem.isDirectory(folder) ? folder : "/tmp"
    }

    /// A new folder named `prefix-` and six random characters; nil when none could be made
    /// (errno says why).
    public static func make(_ prefix: String) -> String? {
        var template = Array((temporaryFolder + "/\(prefix)-XXXXXX").utf8CString)
        guard let path = template.withUnsafeMutableBufferPointer({ $0.baseAddress.flatMap { mkdtemp($0) } }) else {
            return nil
        }
        let folder = String(cString: path)
        // Never closed: the lock lasts as long as the process (not passed to the editor, which
        // may outlive it). A folder not held is one that ``abandoned(_:limit:)`` names.
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        if descriptor >= 0 { _ = flock(descriptor, LOCK_EX | LOCK_NB) }
        return folder
    }

    /// Puts `bytes` at `path`, a name in a folder ``make(_:)`` made, as a new file that only
    /// this user may read (`0600`): written under a fresh name beside it (`mkstemp`, which never
    /// opens through a link), then renamed over the path. Whatever another program left at the
    /// path (an editor, a plugin or a sync tool replacing the file by a symbolic link or a hard
    /// link to another file) is replaced, never written through: no other file is truncated.
    /// Errors name `path`.
    public static func write(_ bytes: [UInt8], to path: String) throws(OutputError) {
        var template = Array((FileSystem.folder(of: path) + "/.isnad-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { $0.baseAddress.map { mkstemp($0) } ?? -1 }
        guard descriptor >= 0 else { throw OutputError(path: path, code: errno) }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        do {
            let sink = FileSink(descriptor: descriptor, path: path, owns: true)
            try sink.write(bytes)
            try sink.flush()
        } catch {
            unlink(temporary)
            throw OutputError(path: path, code: (error as? OutputError)?.code ?? EIO)
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw OutputError(path: path, code: code)
        }
    }

    /// This user's folders named `prefix-XXXXXX` in the temporary folder that no process holds
    /// (a process killed where no handler runs: `kill -9`, the OOM killer, a reset, left them),
    /// each with when it last changed (an entry made or removed in it). Named, never removed: they hold the user's record, and
    /// perhaps work. At most `limit`, with how many there are in all.
    public static func abandoned(_ prefix: String, limit: Int = 3) -> (
        folders: [(path: String, lastChanged: String)], count: Int
    ) {
        let temporary = temporaryFolder
        // Another process of this user may have made one an instant ago, not yet locked it.
        let (leftovers, count) = FileSystem.unheldLeftovers(
            in: temporary, prefix: prefix + "-", isFolder: true, quietSeconds: 5, ownedByUser: true, limit: limit)
        let folders = leftovers.map { ((temporary == "/" ? "/" : temporary + "/") + $0.name, $0.lastChanged) }
        return (folders, count)
    }
}
