import Foundation
import PackagePlugin

/// Compiles the package's VERSION file into the target as `EmbeddedVersion.number`, so the
/// version is written down once and `benchboard --version`, the release workflow and the action
/// all read that one file.
@main
struct VersionEmbedderPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let version = context.package.directoryURL.appending(path: "VERSION")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedVersion.swift")
        return [
            .buildCommand(
                displayName: "Embedding the version from VERSION",
                executable: try context.tool(named: "VersionEmbedder").url,
                arguments: [version.path(), output.path()],
                inputFiles: [version],
                outputFiles: [output]
            )
        ]
    }
}
