#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whether a read or write that failed may be tried again, and the wait before it: one
/// interrupted by a signal (EINTR) at once; one on a descriptor that whoever opened it made
/// non-blocking (a parent's pipe, a socket: EAGAIN) once the descriptor is ready, so that a
/// slow reader or writer at the other end is waited for, not taken for a failure.
public enum RetryableCall {
    /// After a read (`forWriting` false) or write on `descriptor` failed with `code`: true when
    /// it should be made again (having waited, for EAGAIN, until the descriptor is ready).
    public static func mayRetry(_ code: Int32, descriptor: Int32, forWriting: Bool) -> Bool {
        if code == EINTR { return true }
        guard code == EAGAIN || code == EWOULDBLOCK else { return false }
        var waiting = pollfd(fd: descriptor, events: Int16(forWriting ? POLLOUT : POLLIN), revents: 0)
        while poll(&waiting, 1, -1) < 0 {
            guard errno == EINTR else { return false }
        }
        return true
    }
}
