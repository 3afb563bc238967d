#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A temporary file for bytes a writer needs again later but need not hold meanwhile: appended
/// to in order, read back anywhere. It is made in ``FileSystem/sqliteTemporaryFolder`` (where
/// SQLite's own sorts go) and its name removed at once, so nothing is left behind however the
/// process ends; the system frees it when this is released.
final class SpillFile {
    /// The folder it is in.
    let folder: String
    /// What a message names: the file's pattern in its folder, which says that it is a
    /// temporary file and where (`$SQLITE_TMPDIR`, `$TMPDIR` or /var/tmp choose the folder).
    private var shownPath: String { (folder == "/" ? "/" : folder + "/") + "isnad-spill-XXXXXX" }
    /// How many bytes were appended: the offset the next ``append(_:)`` puts its bytes at.
    private(set) var count = 0
    private let descriptor: Int32
    /// Appended and not yet written, so that the file is written 64 KiB at a time.
    private var pending: [UInt8] = []
    private static let chunk = 1 << 16

    init() throws(OutputError) {
        folder = FileSystem.sqliteTemporaryFolder
        var template =
            Array((folder == "/" ? "/" : folder + "/").utf8CString.dropLast()) + Array("isnad-spill-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { $0.baseAddress.map { mkstemp($0) } ?? -1 }
        guard descriptor >= 0 else {
            throw OutputError(path: (folder == "/" ? "/" : folder + "/") + "isnad-spill-XXXXXX", code: errno)
        }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        template.withUnsafeBufferPointer { _ = $0.baseAddress.map { unlink($0) } }
        self.descriptor = descriptor
        pending.reserveCapacity(SpillFile.chunk)
    }

    deinit { close(descriptor) }

    /// Appends the bytes at offset ``count``.
    func append(_ bytes: [UInt8]) throws(OutputError) {
        pending.append(contentsOf: bytes)
        count += bytes.count
        if pending.count >= SpillFile.chunk { try flush() }
    }

    /// The `length` bytes appended at `offset`.
    func read(at offset: Int, length: Int) throws(OutputError) -> [UInt8] {
        try flush()
        var bytes = [UInt8](repeating: 0, count: length)
        var done = 0
        while done < length {
            let read = bytes.withUnsafeMutableBytes {
                pread(descriptor, $0.baseAddress.map { $0 + done }, length - done, off_t(offset + done))
            }
            if read < 0, errno == EINTR { continue }
            guard read > 0 else { throw OutputError(path: shownPath, code: read < 0 ? errno : EIO) }
            done += read
        }
        return bytes
    }

    private func flush() throws(OutputError) {
        var done = 0
        let start = count - pending.count
        while done < pending.count {
            let written = pending.withUnsafeBytes {
                pwrite(descriptor, $0.baseAddress.map { $0 + done }, $0.count - done, off_t(start + done))
            }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { throw OutputError(path: shownPath, code: written < 0 ? errno : EIO) }
            done += written
        }
        pending.removeAll(keepingCapacity: true)
    }
}
