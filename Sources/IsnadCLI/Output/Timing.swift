import Foundation

/// `--timing`: how long the query itself took, measured inside the process (without start-up
/// and output), printed on standard error.
enum Timing {
    static let option = Flag(
        "timing", group: .output, help: "Print how long the query took (inside the process) on standard error.")

    /// Runs `body`, and reports its duration through `report` when `isEnabled`.
    static func measure<T>(_ isEnabled: Bool, report: (String) -> Void, _ body: () throws -> T) rethrows -> T {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try body()
        if isEnabled {
            let elapsed = clock.now - start
            let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            report(String(format: "isnad: query took %.3f ms\n", milliseconds))
        }
        return result
    }
}
