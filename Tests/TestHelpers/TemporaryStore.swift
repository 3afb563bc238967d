import Testing

/// A temporary folder for each test, where `isnad` runs and keeps its store, removed when the
/// test ends however it ends: `@Test(.temporaryStore)` (or on a whole `@Suite`), then
/// `let cli = try CLIHarness.scoped` in the test.
public struct TemporaryStoreTrait: TestTrait, SuiteTrait, TestScoping {
    /// Each test of a suite gets its own folder.
    public var isRecursive: Bool { true }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let harness = try CLIHarness()
        defer { harness.remove() }
        try await CLIHarness.$current.withValue(harness) { try await function() }
    }
}

extension Trait where Self == TemporaryStoreTrait {
    /// A temporary folder (a ``CLIHarness``) for each test, removed afterwards.
    public static var temporaryStore: Self { Self() }
}

extension CLIHarness {
    @TaskLocal static var current: CLIHarness?

    /// The folder the ``TemporaryStoreTrait`` made for the running test.
    public static var scoped: CLIHarness {
        get throws {
            guard let current else { throw MissingTrait() }
            return current
        }
    }

    /// The running test's folder with the seed dataset imported into its default store, as a
    /// newcomer following the README has it.
    public static var withDataset: CLIHarness {
        get throws {
            let cli = try scoped
            let result = try cli.run(["import", Repository.dataset])
            guard result.status == 0 else { throw DatasetImportFailed(message: result.standardError) }
            return cli
        }
    }

    struct DatasetImportFailed: Error, CustomStringConvertible {
        let message: String
        var description: String { "the seed dataset was not imported: \(message)" }
    }

    struct MissingTrait: Error, CustomStringConvertible {
        var description: String { "CLIHarness.scoped needs the test or its suite to have the .temporaryStore trait" }
    }
}

/// Runs `body` with a temporary folder of its own (a ``CLIHarness``), removed afterwards: for a
/// helper that needs a fresh store each time it is called within one test.
public func withTemporaryStore<T>(_ body: (CLIHarness) throws -> T) throws -> T {
    let harness = try CLIHarness()
    defer { harness.remove() }
    return try body(harness)
}

/// A temporary folder for each test, for a store the test opens itself through IsnadKit,
/// removed when the test ends however it ends: `@Test(.temporaryFolder)` (or on a whole
/// `@Suite`), then `let folder = try TemporaryFolder.scoped` in the test.
public struct TemporaryFolderTrait: TestTrait, SuiteTrait, TestScoping {
    /// Each test of a suite gets its own folder.
    public var isRecursive: Bool { true }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try await TemporaryFolder.$current.withValue(folder) { try await function() }
    }
}

extension Trait where Self == TemporaryFolderTrait {
    /// A temporary folder (a ``TemporaryFolder``) for each test, removed afterwards.
    public static var temporaryFolder: Self { Self() }
}

extension TemporaryFolder {
    @TaskLocal static var current: TemporaryFolder?

    /// The folder the ``TemporaryFolderTrait`` made for the running test.
    public static var scoped: TemporaryFolder {
        get throws {
            guard let current else { throw MissingTrait() }
            return current
        }
    }

    struct MissingTrait: Error, CustomStringConvertible {
        var description: String { "TemporaryFolder.scoped needs the test or its suite to have the .temporaryFolder trait" }
    }
}

/// Runs `body` with a temporary folder of its own, removed afterwards: for a helper that needs
/// a fresh store each time it is called, or a test that needs a second folder.
public func withTemporaryFolder<T>(_ body: (TemporaryFolder) throws -> T) throws -> T {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    return try body(folder)
}
