import Foundation

/// Starts another program (Graphviz, the user's editor) without a thread: `posix_spawn`, then
/// `waitpid`. Foundation's `Process` starts a thread to watch its child, and waits for ever
/// where none can be made (a container's process limit).
public enum ChildProcess {
    /// Why a program could not be started: the error number, and its words.
    public struct Failure: Error {
        public let code: Int32
        public var reason: String { String(cString: strerror(code)) }
    }

    /// Starts `program` with `arguments` (the program's name first, as it sees them). It starts
    /// with no signal blocked, and with the default action of each of `defaultSignals` (those
    /// isnad ignores or handles for itself that the program must not inherit ignored); any other
    /// signal isnad was started ignoring stays ignored. `streams` gives files for its standard
    /// input, output and error, in that order (nil: isnad's own). Returns its process id.
    public static func spawn(
        _ program: String, _ arguments: [String], defaultSignals: [Int32], streams: [Int32?] = []
    ) throws(Failure) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (stream, file) in streams.enumerated() {
            if let file { posix_spawn_file_actions_adddup2(&actions, file, Int32(stream)) }
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in defaultSignals { sigaddset(&defaults, number) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let words: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        defer { for word in words { free(word) } }
        var process = pid_t()
        let spawned = posix_spawn(&process, program, &actions, &attributes, words + [nil], environ)
        guard spawned == 0 else { throw Failure(code: spawned) }
        return process
    }

    /// How a process ended, from its status as `waitpid` gives it.
    public enum Ending: Equatable, Sendable, CustomStringConvertible {
        case exited(Int32)
        case signalled(Int32)

        public init(status: Int32) {
            self = status & 0x7f == 0 ? .exited((status >> 8) & 0xff) : .signalled(status & 0x7f)
        }

        /// The signal that ended it, if one did.
        public var signal: Int32? {
            if case .signalled(let number) = self { return number }
            return nil
        }

        public var description: String {
            switch self {
            case .exited(let code): "exited with status \(code)"
            case .signalled(let number): "was ended by signal \(number)"
            }
        }

        /// As a shell reports it: the exit code, or 128 + the signal that ended it.
        public var shellStatus: Int32 {
            switch self {
            case .exited(let code): code
            case .signalled(let signal): 128 + signal
            }
        }
    }

    /// Waits for `process` to end and returns its status as `waitpid` gives it; nil (errno set)
    /// when it cannot be waited for.
    public static func wait(for process: pid_t) -> Int32? {
        var status: Int32 = 0
        while waitpid(process, &status, 0) < 0 {
            guard errno == EINTR else { return nil }
        }
        return status
    }
}
