import Foundation
import PackagePlugin

/// Embeds files kept in the package into the target as Swift strings, so the library reads
/// each from the one copy kept in the repository:
/// - every file under the package's `Schemas/` folder (SQL migrations, predicate vocabulary,
///   record schema) as `EmbeddedSchemas.files`;
/// - every file under the target's `Export/HTML/` folder (the HTML view's page, style sheet
///   and script) as `EmbeddedHTML.files`.
@main
struct EmbedSchemas: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let groups = [
            ("EmbeddedSchemas", context.package.directoryURL.appending(path: "Schemas")),
            ("EmbeddedHTML", context.package.directoryURL.appending(path: "Sources/\(target.name)/Export/HTML")),
        ]
        var arguments: [String] = []
        var inputs: [URL] = []
        for (name, folder) in groups {
            let files = try regularFiles(under: folder)
            arguments += ["--enum", name, folder.path(percentEncoded: false)] + files.map { $0.path(percentEncoded: false) }
            inputs += files
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) files from Schemas/ and Export/HTML/",
                executable: try context.tool(named: "SchemaEmbedder").url,
                arguments: [output.path(percentEncoded: false)] + arguments,
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }

    private func regularFiles(under folder: URL) throws -> [URL] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        var files: [URL] = []
        for case let url as URL in walker {
            let values = try url.resourceValues(forKeys: [.isRegularFileKey])
            if values.isRegularFile == true, !url.lastPathComponent.hasPrefix(".") {
                files.append(url)
            }
        }
        return files.sorted { $0.path < $1.path }
    }
}
