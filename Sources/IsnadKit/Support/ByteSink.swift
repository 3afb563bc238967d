#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

#if canImport(Glibc)
    private let systemWrite = Glibc.write
#elseif canImport(Darwin)
    private let systemWrite = Darwin.write
#endif

/// Where the streaming writers put their bytes.
public protocol ByteSink: AnyObject {
    func write(_ bytes: UnsafeRawBufferPointer) throws
}

extension ByteSink {
    public func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { utf8 in try write(UnsafeRawBufferPointer(utf8)) }
    }

    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { raw in try write(raw) }
    }
}

/// Writing the output failed: a full disk, a closed pipe, a file that cannot be created, or an
/// output that must not be written at all.
public struct OutputError: Error, CustomStringConvertible {
    /// Why an output was refused before anything was written.
    public enum Refusal: Sendable, Equatable {
        /// The output is the store at this path, or one of its companion files.
        case isStore(String)
        /// The output is a symbolic link to nothing.
        case danglingLink
        /// The output's name is that of a companion file of this SQLite database
        /// (``GraphStore/databaseTakingAsItsOwn(_:)``).
        case companionOf(String)
        /// The output is an SQLite database (another store, most likely): no export is one.
        case isDatabase
        /// The output is another user's file, which replacing would give to this one.
        case ownedByAnotherUser
        /// The output is reached through another user's symbolic link in a shared folder such as
        /// `/tmp` (``OutputFile/linkOfAnotherUserInSharedFolder(along:)``): its owner chose the
        /// file it would replace.
        case anotherUsersLinkInSharedFolder(link: String, folder: String)
        /// The output's name ends in a slash, which names a folder, and no folder is there.
        case notAFolder
        /// The output names a descriptor of this process (`/dev/fd/9`) that is not open.
        case descriptorNotOpen
    }

    public let path: String
    /// The system's `errno`, or 0 for a refusal.
    public let code: Int32
    public let refusal: Refusal?
    /// The folder that could not be written, when it is what failed: an export is written under
    /// a temporary name beside its target, then renamed over it (``OutputFile``), so the folder
    /// must be writable even where the target is.
    public private(set) var folder: String?

    public init(path: String, code: Int32) {
        self.path = path
        self.code = code
        self.refusal = nil
    }

    /// The folder of `path` could not be written (`code` says why).
    public init(path: String, folder: String, code: Int32) {
        self.init(path: path, code: code)
        self.folder = folder
    }

    public init(path: String, reason: Refusal) {
        self.path = path
        self.code = 0
        self.refusal = reason
    }

    public var description: String {
        let shown = Text.printableFileName(path)
        switch refusal {
        case .isStore(let store)?:
            return "\(shown): is the store \(Text.printableFileName(store)) or one of its files (-wal, -shm, -journal); "
                + "an export never writes over the store: name another output file"
        case .isDatabase?:
            return "\(shown): is an SQLite database (another store?), which an export never writes over: "
                + "name another output file, or remove that one first if it is meant to go"
        case .danglingLink?:
            return "\(shown): a symbolic link to a file that does not exist; name the file itself"
        case .companionOf(let database)?:
            return
                "\(shown): would be taken by SQLite for a file of the database \(Text.printableFileName(database)) (its -wal, -shm or -journal), "
                + "which would overwrite it, roll it into that database or delete it: name another output file"
        case .descriptorNotOpen?:
            return "\(shown): no such descriptor is open (a shell opens one: 9>FILE), or name a file"
        case .notAFolder?:
            return "\(shown): ends in /, which names a folder, and there is none: name a file (without the /)"
        case .anotherUsersLinkInSharedFolder(let link, let folder)?:
            // A folder on the way may be the link: named, since the path's last part is not it.
            let which = link == path ? "" : " (\(Text.printableFileName(link)))"
            return "\(shown): another user's link in a shared folder\(which): its owner, not you, chose where it leads, "
                + "and anyone may write in \(Text.printableFileName(folder)); not followed, as the kernel's fs.protected_symlinks "
                + "refuses it to > and cp: name a file of your own"
        case .ownedByAnotherUser?:
            return "\(shown): belongs to another user; an export replaces a file whole, and the new one would be yours: "
                + "name another output file, or have its owner remove it"
        case nil:
            // The usual ones in words a user acts on, as an input file's are said; the rest in
            // the system's own.
            switch code {
            case ENOSPC, EDQUOT: return "\(shown): disk full (\(String(cString: strerror(code))))"
            case ENOENT:
                return
                    "\(shown): cannot be created: the folder \(Text.printableFileName(FileSystem.folder(of: path))) does not exist"
            case EISDIR: return "\(shown): is a folder, not a file: name a file (in it, or elsewhere)"
            case ENOTDIR: return "\(shown): cannot be created: a part of the path before its name is a file, not a folder"
            case EACCES, EPERM:
                if let folder {
                    return "\(shown): the folder \(Text.printableFileName(folder)) cannot be written (permission denied): "
                        + "an export is written beside its target under a temporary name, then renamed over it"
                }
                return "\(shown): cannot be written: permission denied"
            default: return "\(shown): \(String(cString: strerror(code)))"
            }
        }
    }
}

/// A buffered writer to a file descriptor. Memory stays at one buffer whatever is written.
public final class FileSink: ByteSink {
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    public let path: String
    private var buffer: UnsafeMutableRawPointer
    private let capacity: Int
    private var count = 0
    /// The first write that failed. It stays failed, as a C stream's error does: a caller that
    /// let one failure pass (a message flushing what came before it) still gets it from the
    /// next write or flush, so that output lost is never an exit 0.
    private var failure: OutputError?

    /// Standard output.
    public static func standardOutput() -> FileSink { FileSink(descriptor: STDOUT_FILENO, path: "<stdout>", owns: false) }

    init(descriptor: Int32, path: String, owns: Bool, capacity: Int = 1 << 18) {
        self.descriptor = descriptor
        self.path = path
        self.ownsDescriptor = owns
        self.capacity = capacity
        self.buffer = .allocate(byteCount: capacity, alignment: 16)
    }

    deinit {
        try? flush()
        if ownsDescriptor { close(descriptor) }
        buffer.deallocate()
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        if let failure { throw failure }
        if count + bytes.count > capacity { try flush() }
        if bytes.count > capacity {
            try writeAll(bytes)
        } else if let base = bytes.baseAddress {
            (buffer + count).copyMemory(from: base, byteCount: bytes.count)
            count += bytes.count
        }
    }

    public func flush() throws {
        if let failure { throw failure }
        guard count > 0 else { return }
        let pending = UnsafeRawBufferPointer(start: buffer, count: count)
        count = 0
        try writeAll(pending)
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(descriptor, base + offset, bytes.count - offset)
            if written < 0 {
                let code = errno
                if RetryableCall.mayRetry(code, descriptor: descriptor, forWriting: true) { continue }
                let error = OutputError(path: path, code: code)
                failure = error
                throw error
            }
            offset += written
        }
    }
}

/// Collects bytes in memory (tests, small outputs).
public final class MemorySink: ByteSink {
    public private(set) var bytes: [UInt8] = []
    public init() {}
    public func write(_ bytes: UnsafeRawBufferPointer) throws { self.bytes.append(contentsOf: bytes) }
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
