// swift-tools-version:6.0
import PackageDescription

// What a cold process pays before its query (release builds). By default the compiler has a
// generic type such as `[String: Predicate]` made at run time from its mangled name; the runtime
// then demangles it and looks up each conformance it needs by scanning the binary's 5,458
// conformance records, about 100,000 instructions a lookup. With this flag the compiler calls the
// type's metadata function with the conformances it already knows: a cold `isnad show` ran a
// fifth fewer instructions.
let startUpSettings: [SwiftSetting] = [
    .unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"], .when(configuration: .release))
]

let package = Package(
    name: "Isnad",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "isnad", targets: ["isnad"]),
        .library(name: "IsnadKit", targets: ["IsnadKit"]),
    ],
    targets: [
        // The system's SQLite, nothing bundled.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
        ),
        // The allocator SQLite's page caches take their pages from: one region marked for huge
        // pages, so that a command's cache costs a page fault a 2 MiB, not a 4 KiB (see its source).
        .target(name: "CSQLiteMemory", dependencies: ["CSQLite"]),
        // The system's libpq, PostgreSQL's client library, for stores on a PostgreSQL server:
        // its header at build time; the library itself loaded when a command first connects
        // (see its shim.h), so that no other command pays for loading it and its dependencies.
        .systemLibrary(
            name: "CPostgreSQL",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]
        ),
        // Turns the files under Schemas/ (SQL schema, predicate vocabulary) and
        // Sources/IsnadKit/Export/HTML/ (the HTML view's page, style and script) into Swift
        // string constants at build time, so that each has one source of truth. It also applies
        // the migrations to an in-memory database, to embed the schema each version has (what a
        // store is checked against when opened).
        .executableTarget(name: "SchemaEmbedder", dependencies: ["CSQLite"]),
        .plugin(
            name: "EmbedSchemas",
            capability: .buildTool(),
            dependencies: ["SchemaEmbedder"]
        ),
        .target(
            name: "IsnadKit",
            dependencies: ["CSQLite", "CSQLiteMemory", "CPostgreSQL"],
            // Embedded by the plugin, not compiled or copied as resources.
            exclude: ["Export/HTML"],
            swiftSettings: startUpSettings,
            plugins: ["EmbedSchemas"]
        ),
        // The command line's logic: parsing, commands, output formats, exit codes.
        .target(
            name: "IsnadCLI",
            dependencies: ["IsnadKit"],
            swiftSettings: startUpSettings
        ),
        // Only main.swift: runs IsnadCLI and exits with its code.
        .executableTarget(
            name: "isnad",
            dependencies: ["IsnadCLI"],
            exclude: ["StaticCxx"],
            swiftSettings: startUpSettings,
            // The Swift runtime and Foundation linked in (they ship with the toolchain): loading
            // them as shared libraries took the dynamic linker 14 million instructions (binding
            // their symbols), half of a small query's cold start. macOS has them in the system.
            // (Release builds only: the test bundle links this target too, with Swift Testing,
            // which exists only as a shared library. Foundation's libraries are named: the
            // modules were compiled for shared linking, so they do not ask for their static parts.)
            //
            // The C++ library too, which the Swift runtime needs: as a shared library it cost every
            // cold process 1,736 symbol bindings (its own, and the runtime's into it) and one more
            // object to map, about 1 ms. The toolchain asks for it as `-lstdc++`, which finds the
            // shared library first; the folder StaticCxx, searched before the system's, holds a
            // `libstdc++.so` that is an empty linker script, and `-l:libstdc++.a` (from g++'s
            // libstdc++-dev, which the Swift toolchain requires) brings in the archive. Nothing
            // else in the process loads libstdc++ (libpq, opened on demand, does not use it).
            linkerSettings: [
                .unsafeFlags(
                    ["-static-stdlib", "-L\(Context.packageDirectory)/Sources/isnad/StaticCxx", "-Xlinker", "-l:libstdc++.a"],
                    .when(platforms: [.linux], configuration: .release))
            ]
                + [
                    "Foundation", "FoundationEssentials", "FoundationInternationalization", "CoreFoundation", "_FoundationICU",
                    "_FoundationCShims", "_FoundationCollections", "swiftSynchronization", "swiftDispatch", "dispatch",
                    "BlocksRuntime",
                ].map { .linkedLibrary($0, .when(platforms: [.linux], configuration: .release)) }
        ),
        // Temporary folders, external programs and the built binary, for both test targets.
        .target(
            name: "TestHelpers",
            path: "Tests/TestHelpers"
        ),
        .testTarget(
            name: "IsnadKitTests",
            dependencies: ["IsnadKit", "TestHelpers"],
            // Golden files, read by path (and rewritten with ISNAD_UPDATE_GOLDEN=1).
            exclude: ["Fixtures"]
        ),
        // End to end (the built binary) and in-process (IsnadCLI called directly).
        .testTarget(
            name: "CLITests",
            dependencies: ["isnad", "IsnadCLI", "IsnadKit", "TestHelpers"]
        ),
    ]
)
