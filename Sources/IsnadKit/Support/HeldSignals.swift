#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The signals that end a command from outside (SIGINT, SIGTERM, SIGHUP, SIGQUIT), held back while work
/// runs that must end by its own path rather than die halfway: an import into a store it
/// created, which an interruption must take away again instead of leaving it empty. Blocked in
/// the calling thread and the threads it starts, a signal stays pending; the work looks for it
/// at each step (``checkPending()``), ends by throwing, and once the signals are let through
/// again the one pending ends the process as it would have. A signal the process ignores or
/// already blocks (`nohup`, a script's `&`, a supervisor) is left alone, as it was.
public enum HeldSignals {
    static let numbers = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    /// The signals held now: set before the work starts its threads, read by the working thread.
    nonisolated(unsafe) private static var held: [Int32] = []

    /// Runs `body` with the signals held. A signal that came meanwhile ends the process once
    /// `body` threw; when `body` finished its work none the less, it is taken and returned, for
    /// the caller to say so (the work is done: dying now would only hide it).
    public static func holding<T>(_ body: () throws -> T) throws -> (result: T, lateSignal: Int32?) {
        var previous = sigset_t()
        pthread_sigmask(SIG_SETMASK, nil, &previous)
        held = numbers.filter { number in
            var action = sigaction()
            sigaction(number, nil, &action)
            #if canImport(Glibc)
                let handler = action.__sigaction_handler.sa_handler
            #else
                let handler = action.__sigaction_u.__sa_handler
            #endif
            let isIgnored = unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
            return sigismember(&previous, number) == 0 && !isIgnored
        }
        var blocked = sigset_t()
        sigemptyset(&blocked)
        for number in held { sigaddset(&blocked, number) }
        pthread_sigmask(SIG_BLOCK, &blocked, nil)
        defer {
            held = []
            pthread_sigmask(SIG_SETMASK, &previous, nil)
        }
        let result = try body()
        guard let signal = pending() else { return (result, nil) }
        var one = sigset_t()
        sigemptyset(&one)
        sigaddset(&one, signal)
        var none = timespec(tv_sec: 0, tv_nsec: 0)
        _ = sigtimedwait(&one, nil, &none)
        return (result, signal)
    }

    /// The held signal waiting to end the process, if one does.
    static func pending() -> Int32? {
        guard !held.isEmpty else { return nil }
        var set = sigset_t()
        sigemptyset(&set)
        guard sigpending(&set) == 0 else { return nil }
        return held.first { sigismember(&set, $0) == 1 }
    }

    /// Throws ``Interrupted`` when a held signal is waiting.
    public static func checkPending() throws {
        if let signal = pending() { throw Interrupted(signal: signal) }
    }

    /// `SIGINT`, `SIGTERM`, `SIGHUP`, `SIGQUIT`.
    public static func name(of signal: Int32) -> String {
        [SIGINT: "SIGINT", SIGTERM: "SIGTERM", SIGHUP: "SIGHUP", SIGQUIT: "SIGQUIT"][signal] ?? "signal \(signal)"
    }

    /// Work that ended because a signal came, before it was done.
    public struct Interrupted: Error, CustomStringConvertible {
        public let signal: Int32
        public init(signal: Int32) { self.signal = signal }
        public var description: String { "interrupted (\(HeldSignals.name(of: signal)))" }
    }
}
