#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Standard input, output and error that the process was started without (`<&-`, `>&-`,
/// `2>&-`). The next file opened would take the lowest free descriptor, 0, 1 or 2: an import's
/// input opened as descriptor 0 would be read again as `-`, an export's temporary file opened as
/// descriptor 1 would receive what is printed (SQLite keeps its own files above 2; Isnad's own
/// files are not). So each is held by `/dev/null`, opened
/// the other way round, before anything else is opened: reading or writing it fails (EBADF),
/// as it did while closed, and no file takes its place.
public enum StandardStreams {
    /// The descriptors among 0, 1 and 2 that were closed when ``holdClosedOnes()`` ran.
    nonisolated(unsafe) public private(set) static var closedAtStart: Set<Int32> = []

    /// Call first thing in `main`.
    public static func holdClosedOnes() {
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) < 0 {
            closedAtStart.insert(descriptor)
            // The lowest free descriptor: this one, the lower ones being open by now.
            let held = open("/dev/null", descriptor == STDIN_FILENO ? O_WRONLY : O_RDONLY)
            if held >= 0, held != descriptor {
                _ = dup2(held, descriptor)
                close(held)
            }
        }
    }
}

extension StandardStreams {
    /// Waits until standard input has bytes to read, has ended, or failed: a command that takes
    /// the store's write lock and then reads standard input would hold every other writer for as
    /// long as the program writing into it has not begun (`slow-query | isnad import -`, or an
    /// `isnad import -` left waiting at a prompt). Reads nothing.
    public static func awaitStandardInput() {
        guard !closedAtStart.contains(STDIN_FILENO) else { return }
        var waiting = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        while poll(&waiting, 1, -1) < 0, errno == EINTR {}
    }
}
