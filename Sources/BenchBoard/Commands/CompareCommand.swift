import ArgumentParser
import BenchAnalysis
import BenchConfig
import BenchModel
import BenchReport
import BenchRunner
import Foundation

struct CompareCommand: ExecutableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two runs and print a verdict per benchmark.",
        discussion: "BASE and HEAD are run ids, run files, or history folders (their newest run).")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, json
    }

    @Argument(help: "The baseline run.") var base: String
    @Argument(help: "The run to judge.") var head: String

    @Option(help: ArgumentHelp("The smallest change of the median that counts, e.g. 5% or 0.05.", valueName: "percent"))
    var threshold: String?

    @Option(help: "text (aligned, coloured on a terminal), markdown (like summary.md) or json.")
    var format: Format = .text

    @Flag(help: "Exit 1 when any benchmark failed or regressed in time, memory or CPU.")
    var failOnRegression = false

    @Option(help: ArgumentHelp("Where to look up run ids (default: [report] history, output/history).", valueName: "dir"))
    var history: String?

    @Option(name: [.short, .long], help: ArgumentHelp("The suite whose [report] thresholds apply (optional).", valueName: "file"))
    var config: String?

    func execute(_ context: CommandContext) throws(CLIError) -> Int32 {
        let settings = try context.reportSettings(config: config)
        var commandLineThreshold: Double?
        if let threshold {
            guard let parsed = Self.parseFraction(threshold) else {
                throw CLIError("--threshold '\(threshold)' must be a percentage like 5% or a fraction like 0.05")
            }
            commandLineThreshold = parsed
        }
        let resolver = BaselineResolver(historyDirectory: URL(fileURLWithPath: history ?? settings.historyDirectory))
        let baseRun = try resolver.run(named: base)
        let headRun = try resolver.run(named: head)
        let options = settings.analysisOptions(
            commandLineThreshold: commandLineThreshold, benchmarks: headRun.benchmarks.map(\.name))
        let comparison = Analyzer.compare(
            current: headRun, baseline: baseRun, history: resolver.history(before: headRun, including: baseRun), options: options)

        // Every format comes from the report stage's exporters, over the same two runs.
        let input = ReportInput(
            runs: [ReportRun(record: baseRun, jsonHref: nil), ReportRun(record: headRun, jsonHref: nil)],
            comparison: comparison, warnings: [])
        let exportFormat: ExportFormat
        switch format {
        case .text: exportFormat = .text
        case .json: exportFormat = .json
        case .markdown: exportFormat = .markdown
        }
        do {
            let renderer = try ReportRenderer(
                options: ReportOptions(
                    title: settings.title, analysis: options, slowIsFailure: settings.slowIsFailure,
                    repositoryURL: settings.repositoryURL, siteURL: settings.siteURL))
            TerminalOutput.standardOutput.line(renderer.export(exportFormat, input, painter: context.terminal.painter))
        } catch {
            throw CLIError(error.description)
        }
        if failOnRegression && (comparison.hasRegressionOrFailure || comparison.hasAnyMetricRegression) {
            return CLIExit.benchmarkFailed
        }
        return CLIExit.success
    }

    /// "5%" → 0.05, "0.05" → 0.05.
    static func parseFraction(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix("%") {
            return Double(trimmed.dropLast()).map { $0 / 100 }.flatMap { $0 >= 0 ? $0 : nil }
        }
        return Double(trimmed).flatMap { $0 >= 0 ? $0 : nil }
    }
}
