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

/// Writing the output failed: a full disk, a closed pipe, a file that cannot be created.
public struct OutputError: Error, CustomStringConvertible {
    public let path: String
    public let code: Int32
    public var isDiskFull: Bool { code == ENOSPC || code == EDQUOT }
    public var description: String {
        isDiskFull ? "\(path): disk full (\(String(cString: strerror(code))))" : "\(path): \(String(cString: strerror(code)))"
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

    /// Standard output.
    public static func standardOutput() -> FileSink { FileSink(descriptor: STDOUT_FILENO, path: "<stdout>", owns: false) }

    /// Creates (or truncates) a file.
    public static func create(path: String) throws -> FileSink {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if descriptor < 0 { throw OutputError(path: path, code: errno) }
        return FileSink(descriptor: descriptor, path: path, owns: true)
    }

    private init(descriptor: Int32, path: String, owns: Bool, capacity: Int = 1 << 18) {
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
        if count + bytes.count > capacity { try flush() }
        if bytes.count > capacity {
            try writeAll(bytes)
        } else if let base = bytes.baseAddress {
            (buffer + count).copyMemory(from: base, byteCount: bytes.count)
            count += bytes.count
        }
    }

    public func flush() throws {
        guard count > 0 else { return }
        let pending = UnsafeRawBufferPointer(start: buffer, count: count)
        count = 0
        try writeAll(pending)
    }

    /// Flushes and, for files, makes the data durable before returning.
    public func finish() throws {
        try flush()
        if ownsDescriptor, fsync(descriptor) != 0 { throw OutputError(path: path, code: errno) }
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(descriptor, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw OutputError(path: path, code: errno)
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

/// A file written under a temporary name and renamed into place only when complete, so that
/// the path holds either its old content or the whole new one, never a half-written file.
public final class AtomicFileSink: ByteSink {
    public let path: String
    private let temporaryPath: String
    private var sink: FileSink?

    public init(path: String) throws {
        self.path = path
        self.temporaryPath = path + ".isnad-partial-\(getpid())"
        do {
            self.sink = try FileSink.create(path: temporaryPath)
        } catch let error as OutputError {
            throw OutputError(path: path, code: error.code)
        }
    }

    deinit { discard() }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard let sink else { return }
        do {
            try sink.write(bytes)
        } catch let error as OutputError {
            throw OutputError(path: path, code: error.code)
        }
    }

    /// Makes the file durable and puts it in place.
    public func commit() throws {
        guard let sink else { return }
        do {
            try sink.finish()
        } catch let error as OutputError {
            discard()
            throw OutputError(path: path, code: error.code)
        }
        self.sink = nil
        if rename(temporaryPath, path) != 0 {
            let code = errno
            unlink(temporaryPath)
            throw OutputError(path: path, code: code)
        }
    }

    /// Removes the partial file; the path keeps what it had.
    public func discard() {
        guard sink != nil else { return }
        sink = nil
        unlink(temporaryPath)
    }
}
