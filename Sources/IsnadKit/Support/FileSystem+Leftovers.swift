import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension FileSystem {
    /// A file or folder that an Isnad process made under a random name and held locked (`flock`)
    /// while it used it, found unlocked: the process was killed where no handler runs (`kill -9`,
    /// the OOM killer, a reset) and left it, with what it held.
    struct Leftover {
        /// Its name in the folder searched.
        let name: String
        let bytes: Int
        /// When it last changed, as history entries are dated.
        let lastChanged: String
    }

    /// The leftovers in `folder` named `prefix` and six random characters, of the kind asked (a
    /// folder, else a regular file), that nothing changed for `quietSeconds` (another process
    /// may have made one an instant ago and not yet locked it) and that no process holds; only
    /// this user's with `ownedByUser`. At most `limit`, sorted by name, with how many in all.
    static func unheldLeftovers(
        in folder: String, prefix: String, isFolder: Bool, quietSeconds: Int, ownedByUser: Bool, limit: Int
    ) -> (found: [Leftover], count: Int) {
        guard let directory = opendir(folder) else { return ([], 0) }
        defer { closedir(directory) }
        let start = Array(prefix.utf8)
        var found: [Leftover] = []
        var count = 0
        let now = time(nil)
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in Array(bytes.prefix(while: { $0 != 0 })) }
            guard name.count == start.count + 6, name.starts(with: start) else { continue }
            let path = (folder == "/" ? "/" : folder + "/") + String(decoding: name, as: UTF8.self)
            var information = stat()
            guard lstat(path, &information) == 0,
                (information.st_mode & S_IFMT) == (isFolder ? S_IFDIR : S_IFREG),
                !ownedByUser || information.st_uid == geteuid()
            else { continue }
            #if canImport(Glibc)
                let changed = information.st_mtim.tv_sec
            #else
                let changed = information.st_mtimespec.tv_sec
            #endif
            guard now - changed > quietSeconds else { continue }
            let kind = isFolder ? O_DIRECTORY : O_NOCTTY
            let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | kind)
            guard descriptor >= 0 else { continue }
            // Closing the descriptor lets the lock go: nothing of it is kept.
            let isHeld = flock(descriptor, LOCK_SH | LOCK_NB) != 0
            close(descriptor)
            guard !isHeld else { continue }
            count += 1
            if found.count < limit {
                let modified = Date(timeIntervalSince1970: TimeInterval(changed))
                found.append(
                    Leftover(
                        name: String(decoding: name, as: UTF8.self), bytes: Int(information.st_size),
                        lastChanged: ChangeDescription.timestamp(modified)))
            }
        }
        return (found.sorted { $0.name < $1.name }, count)
    }
}
