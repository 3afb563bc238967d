#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The signals that end a command from outside (SIGINT, SIGTERM, SIGHUP), held back while work
/// runs that must end by its own path rather than die halfway: an import into a store it
/// created, which an interruption must take away again instead of leaving it empty. Blocked in
/// the calling thread and the threads it starts, a signal stays pending; the work looks for it
/// at each step (``pending()``), ends by throwing, and once the signals are let through again
/// the one pending ends the process as it would have.
public enum HeldSignals {
    static let numbers = [SIGINT, SIGTERM, SIGHUP]

    /// Runs `body` with the signals held; a signal that came meanwhile is delivered on return.
    public static func holding<T>(_ body: () throws -> T) throws -> T {
        var held = sigset_t()
        var previous = sigset_t()
        sigemptyset(&held)
        for number in numbers { sigaddset(&held, number) }
        pthread_sigmask(SIG_BLOCK, &held, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        return try body()
    }

    /// The signal waiting to end the process, if one does (only while held).
    public static func pending() -> Int32? {
        var set = sigset_t()
        sigemptyset(&set)
        guard sigpending(&set) == 0 else { return nil }
        return numbers.first { sigismember(&set, $0) == 1 }
    }

    /// Work that ended because a signal came, before it was done.
    public struct Interrupted: Error, CustomStringConvertible {
        public let signal: Int32
        public var description: String {
            let name = [SIGINT: "SIGINT", SIGTERM: "SIGTERM", SIGHUP: "SIGHUP"][signal] ?? "signal \(signal)"
            return "interrupted (\(name))"
        }
    }
}
