import Foundation
import PackagePlugin

/// Compiles every `Templates/*.mustache` at the package root into a Swift file of string
/// constants, so an installed benchboard renders its reports from any directory.
@main
struct TemplateEmbedderPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let templatesDirectory = context.package.directoryURL.appending(path: "Templates")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: templatesDirectory.path())) ?? []
        let templates = names.filter { $0.hasSuffix(".mustache") }.sorted()
            .map { templatesDirectory.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedTemplates.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(templates.count) report templates",
                executable: try context.tool(named: "TemplateEmbedder").url,
                arguments: [output.path()] + templates.map { $0.path() },
                inputFiles: templates,
                outputFiles: [output]
            )
        ]
    }
}
